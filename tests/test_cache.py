"""The translation LRU and the request-level brief cache."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from service.cache import BriefCache, CachingTranslator, LRUCache, request_key
from service.document import Brief, ModelInfo, Warning
from service.stages import TranslationResult, Translator


class RecordingTranslator:
    """Uppercases; warns for sentences containing 'lang' (index relative to its own input)."""

    def __init__(self, model_id: str = "test/upper", beams: int = 4) -> None:
        self.info = ModelInfo(
            role="translation", id=model_id, revision="r1", path="-", backend="double", device="cpu"
        )
        self.beams = beams
        self.calls: list[list[str]] = []

    def translate_sentences(self, sentences: Sequence[str]) -> TranslationResult:
        self.calls.append(list(sentences))
        warnings = [
            Warning(code="split_long_sentence", message="split", sentence=i)
            for i, s in enumerate(sentences)
            if "lang" in s
        ]
        return TranslationResult([s.upper() for s in sentences], warnings)


def test_lru_evicts_least_recently_used() -> None:
    cache: LRUCache[str, int] = LRUCache(2)
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.get("a") == 1  # "a" is now the most recent
    cache.put("c", 3)
    assert "b" not in cache
    assert cache.get("a") == 1 and cache.get("c") == 3
    assert len(cache) == 2
    stats = cache.stats()
    assert (stats.hits, stats.misses, stats.entries) == (3, 0, 2)
    assert cache.get("b") is None
    assert cache.stats().misses == 1


def test_lru_rejects_zero_size() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        LRUCache(0)


def test_caching_translator_is_a_translator_and_sends_only_misses() -> None:
    inner = RecordingTranslator()
    cached = CachingTranslator(inner, max_entries=100)
    assert isinstance(cached, Translator)
    assert cached.info == inner.info and cached.beams == 4

    first = cached.translate_sentences(["eins", "zwei", "eins"])
    assert first.texts == ["EINS", "ZWEI", "EINS"]
    assert inner.calls == [["eins", "zwei"]]  # the repeat inside one call went once

    second = cached.translate_sentences(["drei", "zwei", "eins", "vier"])
    assert second.texts == ["DREI", "ZWEI", "EINS", "VIER"]
    assert inner.calls[-1] == ["drei", "vier"]

    third = cached.translate_sentences(["vier", "eins"])
    assert third.texts == ["VIER", "EINS"]
    assert len(inner.calls) == 2  # all hits: the inner translator was not called


def test_caching_translator_reindexes_warnings_for_hits_and_misses() -> None:
    inner = RecordingTranslator()
    cached = CachingTranslator(inner, max_entries=100)
    first = cached.translate_sentences(["kurz", "ein langer Satz"])
    assert [(w.code, w.sentence) for w in first.warnings] == [("split_long_sentence", 1)]

    # the warning comes back from the cache at each position the sentence now has
    again = cached.translate_sentences(["ein langer Satz", "neu", "ein langer Satz"])
    assert again.texts == ["EIN LANGER SATZ", "NEU", "EIN LANGER SATZ"]
    assert sorted(w.sentence for w in again.warnings) == [0, 2]
    assert inner.calls[-1] == ["neu"]


def test_caching_translator_evicts_and_separates_model_variants() -> None:
    inner = RecordingTranslator()
    cached = CachingTranslator(inner, max_entries=2)
    cached.translate_sentences(["a", "b", "c"])
    assert len(cached.cache) == 2
    cached.translate_sentences(["a"])  # evicted first, so it is translated again
    assert inner.calls[-1] == ["a"]

    # another beam setting is another cache key space
    greedy = RecordingTranslator(beams=1)
    cached_greedy = CachingTranslator(greedy, max_entries=10)
    assert cached_greedy.variant != cached.variant


def test_caching_translator_fails_loudly_on_misaligned_inner() -> None:
    class Broken(RecordingTranslator):
        def translate_sentences(self, sentences: Sequence[str]) -> TranslationResult:
            return TranslationResult(["only one"])

    cached = CachingTranslator(Broken(), max_entries=10)
    with pytest.raises(RuntimeError, match="2 inputs"):
        cached.translate_sentences(["x", "y"])


def test_request_key_covers_text_and_options() -> None:
    base = request_key("Der Text.", {"target_sentences": 3, "model": "m@r1"})
    assert base == request_key("Der Text.", {"model": "m@r1", "target_sentences": 3})
    assert base != request_key("Der Text!", {"target_sentences": 3, "model": "m@r1"})
    assert base != request_key("Der Text.", {"target_sentences": 4, "model": "m@r1"})
    assert len(base) == 64


def test_brief_cache_is_bounded_and_returns_copies() -> None:
    cache = BriefCache(max_entries=2)
    brief = Brief(brief="One.", brief_sentences=[], sentences=[])
    cache.put("k1", brief)
    got = cache.get("k1")
    assert got == brief and got is not brief
    got.brief = "changed"
    assert cache.get("k1").brief == "One."  # type: ignore[union-attr]
    cache.put("k2", brief)
    cache.put("k3", brief)
    assert len(cache) == 2 and cache.get("k1") is None


def test_load_translator_wraps_the_backend_in_the_sentence_cache(tiny_model_dir) -> None:
    from service.cache import CachingTranslator
    from service.settings import Settings
    from service.translate import MarianTranslator, load_translator

    settings = Settings(model_dir=tiny_model_dir, backend="transformers", threads=1, translation_cache_size=4)
    translator = load_translator(settings)
    assert isinstance(translator, CachingTranslator) and isinstance(translator.inner, MarianTranslator)
    assert translator.info == translator.inner.info
