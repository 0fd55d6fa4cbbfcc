"""Stage doubles: deterministic stand-ins for the model stages, for fast pipeline/API tests."""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence

from service.document import ModelInfo
from service.stages import SummaryResult, TranslationResult


class DictTranslator:
    """Translates by lookup; unknown sentences become '[en] <German>' so alignment stays visible."""

    def __init__(self, table: Mapping[str, str] | None = None, delay: float = 0.0) -> None:
        self.table = dict(table or {})
        self.delay = delay
        self.calls: list[list[str]] = []
        self._lock = threading.Lock()
        self.info = ModelInfo(
            role="translation",
            id="test/dict-translator",
            revision=None,
            path="-",
            backend="double",
            device="cpu",
        )

    def translate_sentences(self, sentences: Sequence[str]) -> TranslationResult:
        import time

        with self._lock:
            self.calls.append(list(sentences))
        if self.delay:
            time.sleep(self.delay)
        return TranslationResult([self.table.get(s, f"[en] {s}") if s.strip() else "" for s in sentences])


class LeadSummarizer:
    """Returns the first N English sentences unchanged: a faithful extractive 'summary'."""

    def __init__(self) -> None:
        self.info = ModelInfo(
            role="summarization",
            id="test/lead-summarizer",
            revision=None,
            path="-",
            backend="double",
            device="cpu",
        )

    def summarize(self, sentences: Sequence[str], *, target_sentences: int) -> SummaryResult:
        return SummaryResult(" ".join(s for s in sentences[:target_sentences] if s))
