"""The contracts of the pipeline stages.

Each stage is a small object, built once with its settings and models, with one public
method. The pipeline only wires them, so tests can swap any stage for a double (a lookup-
table translator, a summarizer that drops attributions on purpose).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from service.document import (
    Article,
    Attribution,
    AuditReport,
    BriefSentence,
    ModelInfo,
    Repair,
    Sentence,
    Warning,
)


@dataclass(frozen=True)
class TranslationResult:
    """English translations aligned 1:1 with the input sentences."""

    texts: list[str]
    warnings: list[Warning] = field(default_factory=list)


@dataclass(frozen=True)
class SummaryResult:
    text: str
    warnings: list[Warning] = field(default_factory=list)


@runtime_checkable
class Cleaner(Protocol):
    def clean(self, text: str) -> Article:
        """Normalized input text -> headline, headings, body paragraphs, credit, removed lines."""
        ...


@runtime_checkable
class SentenceSplitter(Protocol):
    def split_article(self, article: Article) -> list[Sentence]:
        """Body paragraphs -> German sentences, indexed in reading order."""
        ...


@runtime_checkable
class AttributionExtractor(Protocol):
    def extract(
        self, sentences: Sequence[str], paragraphs: Sequence[int] | None = None
    ) -> list[list[Attribution]]:
        """German sentences of one article, in order -> the attributions of each sentence.

        The whole article is passed because continuations ('sagte er', Konjunktiv I) resolve
        to a source named in an earlier sentence; ``paragraphs`` (one index per sentence)
        lets an open quote end at a paragraph break.
        """
        ...


@runtime_checkable
class Translator(Protocol):
    info: ModelInfo

    def translate_sentences(self, sentences: Sequence[str]) -> TranslationResult:
        """German sentences -> English, one output per input, never truncated.

        Callers may pass the sentences of many articles at once: the translator batches
        by length across them.
        """
        ...


@runtime_checkable
class Summarizer(Protocol):
    info: ModelInfo

    def summarize(self, sentences: Sequence[str], *, target_sentences: int) -> SummaryResult:
        """English sentences of one article -> a draft summary of about target_sentences.

        Input longer than the model window is summarized in chunks cut at sentence boundaries
        and the chunk summaries combined: never truncated.
        """
        ...


@dataclass(frozen=True)
class GuardResult:
    """A brief that passed its own audit, and what the guard changed to get there."""

    sentences: list[BriefSentence]
    repairs: list[Repair] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)


@runtime_checkable
class BriefAuditor(Protocol):
    def audit(self, sentences: Sequence[Sentence], brief: str) -> AuditReport:
        """Bitext (German with English and attributions) + English brief -> provenance and flags."""
        ...


@runtime_checkable
class BriefGuard(Protocol):
    def guard(self, sentences: Sequence[Sentence], draft: str) -> GuardResult:
        """Audit the draft against the bitext and repair every flagged sentence."""
        ...
