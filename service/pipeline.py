"""BriefPipeline: wires the stages; owns no model logic of its own.

    text ─hygiene─▶ ─clean─▶ Article ─split─▶ [Sentence] ─attribute─▶ ─translate─▶ bitext
         ─summarize─▶ draft ─guard (audit + repair)─▶ Brief

The API, the CLI and the batch runner all call this one object. Every stage is passed in,
so tests swap any of them for a double; ``from_settings`` builds the real ones.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Literal

from service.cache import BriefCache, request_key
from service.document import Article, Brief, ModelInfo, Sentence, Translation, Warning
from service.settings import Settings
from service.stages import (
    AttributionExtractor,
    BriefGuard,
    Cleaner,
    SentenceSplitter,
    Summarizer,
    Translator,
)
from service.text.html import extract_article_text, looks_like_html
from service.text.language import LanguageDetector
from service.text.normalize import normalize_text

TextFormat = Literal["auto", "text", "html"]


class TextTooLongError(ValueError):
    """The input exceeds the configured character limit; nothing is cut to fit."""

    def __init__(self, length: int, limit: int) -> None:
        self.length, self.limit = length, limit
        super().__init__(
            f"text has {length:,} characters; the limit is {limit:,} (KURZBRIEF_MAX_TEXT_CHARS). "
            "Split the article or raise the limit."
        )


class NoBodyTextError(ValueError):
    """Cleaning left no body sentence to translate (e.g. only boilerplate was sent)."""


@dataclass
class _Timer:
    timings: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.timings[name] = round(self.timings.get(name, 0.0) + time.perf_counter() - start, 4)


@dataclass
class PreparedArticle:
    """An article after the model-free stages: what translation and summarization start from."""

    article: Article
    sentences: list[Sentence]
    warnings: list[Warning]
    timings: dict[str, float]


class BriefPipeline:
    def __init__(
        self,
        *,
        cleaner: Cleaner,
        splitter: SentenceSplitter,
        extractor: AttributionExtractor,
        translator: Translator,
        summarizer: Summarizer | None,
        guard: BriefGuard | None,
        language: LanguageDetector | None,
        settings: Settings,
        brief_cache: BriefCache | None = None,
    ) -> None:
        self.cleaner = cleaner
        self.splitter = splitter
        self.extractor = extractor
        self.translator = translator
        self.summarizer = summarizer
        self.guard = guard
        self.language = language
        self.settings = settings
        self.brief_cache = brief_cache

    @classmethod
    def from_settings(cls, settings: Settings, *, summarize: bool = True) -> BriefPipeline:
        """Build every stage and load the models (slow: call once per process)."""
        from service.attribution.extract import RuleAttributionExtractor
        from service.attribution.repair import AttributionGuard
        from service.summarize import load_summarizer
        from service.text.clean import ArticleCleaner
        from service.text.split import GermanSentenceSplitter
        from service.translate import load_translator

        return cls(
            cleaner=ArticleCleaner(),
            splitter=GermanSentenceSplitter(),
            extractor=RuleAttributionExtractor(),
            translator=load_translator(settings),
            summarizer=load_summarizer(settings) if summarize else None,
            guard=AttributionGuard(),
            language=LanguageDetector(),
            settings=settings,
            brief_cache=BriefCache(settings.brief_cache_size) if settings.brief_cache_size else None,
        )

    @property
    def models(self) -> list[ModelInfo]:
        infos = [self.translator.info]
        if self.summarizer is not None:
            infos.append(self.summarizer.info)
        return infos

    # --- model-free stages ---------------------------------------------------------------------

    def prepare(self, text: str, *, text_format: TextFormat = "auto") -> PreparedArticle:
        """Hygiene, language check, cleaning, splitting and attribution: no model needed."""
        timer = _Timer()
        if len(text) > self.settings.max_text_chars:
            raise TextTooLongError(len(text), self.settings.max_text_chars)
        with timer.stage("clean"):
            if text_format == "html" or (text_format == "auto" and looks_like_html(text)):
                text = extract_article_text(text)
            text = normalize_text(text)
            if self.language is not None:
                self.language.ensure_german(text)
            article = self.cleaner.clean(text)
        with timer.stage("split"):
            sentences = self.splitter.split_article(article)
        if not sentences:
            raise NoBodyTextError(
                "no article body was found after removing boilerplate"
                + (f" ({len(article.removed)} lines removed, see their reasons)" if article.removed else "")
                + "; send the article's running text."
            )
        with timer.stage("attribute"):
            found = self.extractor.extract(
                [s.de for s in sentences], paragraphs=[s.paragraph for s in sentences]
            )
            sentences = [s.model_copy(update={"attributions": a}) for s, a in zip(sentences, found)]
        return PreparedArticle(article, sentences, [], timer.timings)

    # --- translation ---------------------------------------------------------------------------

    def _translate_prepared(
        self, items: Sequence[PreparedArticle]
    ) -> list[tuple[str | None, list[Sentence]]]:
        """Translate the headlines and sentences of several articles in one length-sorted batch."""
        flat: list[str] = []
        spans: list[tuple[int, int, bool]] = []  # (start, end, has_headline) in flat per article
        for item in items:
            start = len(flat)
            has_headline = item.article.headline is not None
            if has_headline:
                flat.append(item.article.headline or "")
            flat.extend(s.de for s in item.sentences)
            spans.append((start, len(flat), has_headline))
        started = time.perf_counter()
        result = self.translator.translate_sentences(flat)
        elapsed = time.perf_counter() - started
        if len(result.texts) != len(flat):  # a broken backend must fail loudly, never misalign
            raise RuntimeError(f"translator returned {len(result.texts)} outputs for {len(flat)} inputs")
        total = max(1, len(flat))
        out: list[tuple[str | None, list[Sentence]]] = []
        for item, (start, end, has_headline) in zip(items, spans):
            texts = result.texts[start:end]
            headline_en = texts.pop(0) if has_headline else None
            offset = start + (1 if has_headline else 0)
            sentences = [s.model_copy(update={"en": en}) for s, en in zip(item.sentences, texts)]
            for w in result.warnings:  # re-index warnings from the flat batch onto this article
                if w.sentence is not None and offset <= w.sentence < end:
                    item.warnings.append(w.model_copy(update={"sentence": w.sentence - offset}))
                elif w.sentence is not None and has_headline and w.sentence == start:
                    item.warnings.append(
                        w.model_copy(update={"sentence": None, "message": "headline: " + w.message})
                    )
            # batch time is shared; attribute it by each article's share of the sentences
            item.timings["translate"] = round(elapsed * (end - start) / total, 4)
            out.append((headline_en, sentences))
        return out

    def translate(self, text: str, *, text_format: TextFormat = "auto") -> Translation:
        return self.translate_many([text], text_format=text_format)[0]  # type: ignore[return-value]

    def translate_many(
        self, texts: Sequence[str], *, text_format: TextFormat = "auto", raise_errors: bool = True
    ) -> list[Translation | Exception]:
        prepared, results = self._prepare_many(texts, text_format, raise_errors)
        ok = [p for p in prepared if isinstance(p, PreparedArticle)]
        translated = iter(self._translate_prepared(ok)) if ok else iter(())
        for i, p in enumerate(prepared):
            if isinstance(p, PreparedArticle):
                headline_en, sentences = next(translated)
                results[i] = Translation(
                    headline=p.article.headline,
                    headline_en=headline_en,
                    sentences=sentences,
                    headings=p.article.headings,
                    credit=p.article.credit,
                    removed=p.article.removed,
                    warnings=p.warnings,
                    models=[self.translator.info],
                    timings=_with_total(p.timings),
                )
        return results

    # --- the brief -----------------------------------------------------------------------------

    def brief(
        self, text: str, *, target_sentences: int | None = None, text_format: TextFormat = "auto"
    ) -> Brief:
        return self.brief_many([text], target_sentences=target_sentences, text_format=text_format)[0]  # type: ignore[return-value]

    def brief_many(
        self,
        texts: Sequence[str],
        *,
        target_sentences: int | None = None,
        text_format: TextFormat = "auto",
        raise_errors: bool = True,
        on_result: Callable[[int, Brief | Exception], None] | None = None,
    ) -> list[Brief | Exception]:
        """Brief several articles; their sentences share translation batches.

        With ``raise_errors=False`` a bad article yields its exception in its slot and the
        others go on (the batch runner's policy); the API uses the default, fail fast.
        """
        if self.summarizer is None or self.guard is None:
            raise RuntimeError("this pipeline was built without a summarizer; use translate()")
        target = target_sentences or self.settings.brief_sentences
        # Identical requests are answered from the cache: it belongs to this pipeline, so the
        # models and settings are the same by construction; the key covers the rest.
        keys = [request_key(t, {"sentences": target, "format": text_format}) for t in texts]
        cached = [self.brief_cache.get(k) if self.brief_cache else None for k in keys]
        todo = [i for i, hit in enumerate(cached) if hit is None]
        prepared, _ = self._prepare_many([texts[i] for i in todo], text_format, raise_errors)
        ok = [p for p in prepared if isinstance(p, PreparedArticle)]
        translated = iter(self._translate_prepared(ok)) if ok else iter(())
        results: list[Brief | Exception] = list(cached)  # type: ignore[arg-type]  # misses filled below
        if on_result is not None:
            for i, hit in enumerate(cached):
                if hit is not None:
                    on_result(i, hit)
        for i, p in zip(todo, prepared):
            if not isinstance(p, PreparedArticle):
                results[i] = p
            else:
                headline_en, sentences = next(translated)
                try:
                    results[i] = brief = self._summarize_and_guard(p, headline_en, sentences, target)
                    if self.brief_cache is not None:
                        self.brief_cache.put(keys[i], brief)
                except Exception as exc:
                    if raise_errors:
                        raise
                    results[i] = exc
            if on_result is not None:
                on_result(i, results[i])
        return results

    def _summarize_and_guard(
        self, p: PreparedArticle, headline_en: str | None, sentences: list[Sentence], target: int
    ) -> Brief:
        assert self.summarizer is not None and self.guard is not None
        timer = _Timer(dict(p.timings))
        warnings = list(p.warnings)
        with timer.stage("summarize"):
            summary = self.summarizer.summarize([s.en or "" for s in sentences], target_sentences=target)
        warnings.extend(summary.warnings)
        with timer.stage("guard"):
            guarded = self.guard.guard(sentences, summary.text)
        warnings.extend(guarded.warnings)
        return Brief(
            headline=p.article.headline,
            headline_en=headline_en,
            brief=" ".join(s.text for s in guarded.sentences),
            brief_sentences=guarded.sentences,
            sentences=sentences,
            headings=p.article.headings,
            credit=p.article.credit,
            removed=p.article.removed,
            repairs=guarded.repairs,
            warnings=warnings,
            models=self.models,
            timings=_with_total(timer.timings),
        )

    def _prepare_many(
        self, texts: Sequence[str], text_format: TextFormat, raise_errors: bool
    ) -> tuple[list[PreparedArticle | Exception], list[Translation | Brief | Exception | None]]:
        prepared: list[PreparedArticle | Exception] = []
        for text in texts:
            try:
                prepared.append(self.prepare(text, text_format=text_format))
            except Exception as exc:
                if raise_errors:
                    raise
                prepared.append(exc)
        results: list[Translation | Brief | Exception | None] = [
            p if isinstance(p, Exception) else None for p in prepared
        ]
        return prepared, results


def _with_total(timings: dict[str, float]) -> dict[str, float]:
    return {**timings, "total": round(sum(timings.values()), 4)}
