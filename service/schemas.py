"""Request bodies, the error envelope and the service-only settings of the HTTP API.

Response bodies are the pipeline's own types (``service.document.Brief`` and friends).
Request models forbid unknown fields: a misspelt option ("sentence": 5) is a 422 that names
it, not something silently ignored.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from service.document import ModelInfo

TextFormat = Literal["auto", "text", "html"]


def _not_blank(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("blank", "must contain text, not only whitespace")
    return value


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ArticleRequest(_Request):
    """A German news article (plain text or HTML)."""

    text: str = Field(
        min_length=1,
        description="The German article: plain text (headline on the first line) or a saved HTML page.",
        examples=["Berlin streitet über die Schuldenbremse\nDer Finanzminister sagte am Montag, ..."],
    )
    format: TextFormat = Field(
        "auto", description="'html' runs the article extractor first; 'auto' detects HTML by its tags."
    )

    _check_text = field_validator("text")(_not_blank)


class BriefRequest(ArticleRequest):
    sentences: int | None = Field(
        None, ge=1, le=20, description="Target number of brief sentences (default KURZBRIEF_BRIEF_SENTENCES)."
    )


class TranslateRequest(ArticleRequest):
    pass


class BitextRow(_Request):
    de: str = Field(min_length=1, description="A German source sentence.")
    en: str = Field(description="Its English translation.")

    _check_de = field_validator("de")(_not_blank)


class AuditRequest(_Request):
    """An English brief to audit, with its German source: the article (``text``) or a bitext."""

    brief: str = Field(min_length=1, description="The English brief to audit.")
    text: str | None = Field(
        None, min_length=1, description="The German article; the service translates it itself."
    )
    format: TextFormat = Field("auto", description="Format of ``text`` (ignored with ``bitext``).")
    bitext: list[BitextRow] | None = Field(
        None, min_length=1, description="Sentence-aligned German/English pairs, in article order."
    )

    _check_brief = field_validator("brief")(_not_blank)

    @field_validator("text")
    @classmethod
    def _check_text(cls, value: str | None) -> str | None:
        return None if value is None else _not_blank(value)

    @model_validator(mode="after")
    def _one_source(self) -> AuditRequest:
        if (self.text is None) == (self.bitext is None):
            raise ValueError("send exactly one of 'text' (the German article) or 'bitext' (aligned pairs)")
        return self


class ErrorDetail(BaseModel):
    code: str = Field(description="Stable machine-readable code, e.g. 'text_too_long'.")
    message: str = Field(description="What went wrong and how to fix the request.")
    details: Any = Field(None, description="Structured facts, e.g. the limit or the detected language.")


class ErrorEnvelope(BaseModel):
    """The body of every error response."""

    error: ErrorDetail


class HealthResponse(BaseModel):
    status: Literal["ok"]


class ReadyResponse(BaseModel):
    status: Literal["ready"]
    models: list[ModelInfo]
