"""The one data shape that flows through the pipeline.

    text ─clean─▶ Article ─split─▶ [Sentence] ─attribute─▶ ─translate─▶ (bitext)
         ─summarize─▶ draft ─audit+repair─▶ Brief

A sentence's ``index`` is its identity: translations, attributions and the provenance of
every brief sentence refer to source sentences by that index. These are pydantic models so
the API can return them as they are.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

AttributionKind = Literal["direct", "continuation", "hedge_only"]


class RemovedLine(BaseModel):
    """A line of the input that is not part of the article body, and why."""

    text: str
    reason: str = Field(description="e.g. 'breadcrumb', 'photo_credit', 'newsletter_prompt'")
    line: int = Field(description="0-based line number in the normalized input")


class Heading(BaseModel):
    """A sub-heading inside the article; kept, but neither translated as body nor summarized."""

    text: str
    before_paragraph: int = Field(description="index of the body paragraph the heading precedes")
    line: int


class Paragraph(BaseModel):
    text: str
    line: int = Field(description="first input line of this paragraph")


class Article(BaseModel):
    """The cleaned article: what the cleaner kept, and everything it set aside."""

    headline: str | None = None
    headings: list[Heading] = []
    paragraphs: list[Paragraph] = []
    credit: str | None = Field(None, description="trailing agency/author credit such as '(red/dpa)'")
    removed: list[RemovedLine] = []


class Attribution(BaseModel):
    """Who a claim in a German source sentence is attributed to, and whether it is hedged."""

    source: str = Field(description="speaker/outlet/institution as named; resolved for continuations")
    role: str | None = None
    channel: str | None = None
    cue: str = Field(description="the reporting word or construction, e.g. 'sagte', 'laut', 'soll'")
    kind: AttributionKind
    hedged: bool


class Sentence(BaseModel):
    """One German body sentence; ``en`` is filled by the translator."""

    index: int
    de: str
    paragraph: int
    en: str | None = None
    attributions: list[Attribution] = []


class BriefAttribution(BaseModel):
    """An attribution carried by a brief sentence, in English."""

    source: str
    role: str | None = None
    channel: str | None = None
    hedged: bool
    source_sentence: int


class AuditFlag(BaseModel):
    kind: Literal["missing_source", "wrong_source", "invented_source", "lost_hedge", "unsupported"]
    detail: str


class BriefSentence(BaseModel):
    text: str
    sources: list[int] = Field(description="indices of the German source sentences that back this sentence")
    attributions: list[BriefAttribution] = []


class Repair(BaseModel):
    """One change the attribution guard made to the summarizer's draft."""

    sentence: int = Field(description="index of the brief sentence")
    flag: AuditFlag
    action: Literal["named_source", "restored_hedge", "replaced_by_translation", "removed_source", "dropped"]
    before: str
    after: str


class Warning(BaseModel):
    code: str
    message: str
    sentence: int | None = None


class ModelInfo(BaseModel):
    role: Literal["translation", "summarization"]
    id: str
    revision: str | None = None
    path: str
    backend: str
    device: str


class Brief(BaseModel):
    """The pipeline's result for one article."""

    headline: str | None = None
    headline_en: str | None = None
    brief: str
    brief_sentences: list[BriefSentence]
    sentences: list[Sentence]
    headings: list[Heading] = []
    credit: str | None = None
    removed: list[RemovedLine] = []
    repairs: list[Repair] = []
    warnings: list[Warning] = []
    models: list[ModelInfo] = []
    timings: dict[str, float] = Field(default_factory=dict, description="seconds per stage")


class Translation(BaseModel):
    """The pipeline's result for /v1/translate: the aligned bitext only."""

    headline: str | None = None
    headline_en: str | None = None
    sentences: list[Sentence]
    headings: list[Heading] = []
    credit: str | None = None
    removed: list[RemovedLine] = []
    warnings: list[Warning] = []
    models: list[ModelInfo] = []
    timings: dict[str, float] = Field(default_factory=dict)


class AuditedSentence(BaseModel):
    """One brief sentence as the audit sees it."""

    text: str
    sources: list[int]
    flags: list[AuditFlag] = []
    attributions: list[BriefAttribution] = []


class AuditReport(BaseModel):
    ok: bool
    sentences: list[AuditedSentence]
