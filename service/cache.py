"""Caches: sentence translations (wire copy repeats itself) and whole briefs per request.

Both are bounded LRU maps. ``CachingTranslator`` wraps any ``Translator`` and sends only the
sentences it has not seen to the inner one, so a batch of agency stories that share
boilerplate sentences ("Das teilte die Polizei am Sonntag mit.") translates each such
sentence once. ``BriefCache`` keys a finished ``Brief`` by a hash of the text and every
option that changes the result.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from service.document import Brief, ModelInfo, Warning
from service.stages import TranslationResult, Translator

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


@dataclass(frozen=True)
class CacheStats:
    entries: int
    max_entries: int
    hits: int
    misses: int


class LRUCache(Generic[K, V]):
    """A thread-safe least-recently-used map holding at most ``max_entries`` items."""

    def __init__(self, max_entries: int) -> None:
        if max_entries < 1:
            raise ValueError(f"max_entries must be at least 1, got {max_entries}; disable the cache instead")
        self.max_entries = max_entries
        self._items: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()
        self._hits = 0
        self._misses = 0

    def get(self, key: K) -> V | None:
        with self._lock:
            try:
                value = self._items[key]
            except KeyError:
                self._misses += 1
                return None
            self._items.move_to_end(key)
            self._hits += 1
            return value

    def put(self, key: K, value: V) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.max_entries:
                self._items.popitem(last=False)

    def __contains__(self, key: object) -> bool:
        with self._lock:
            return key in self._items

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def stats(self) -> CacheStats:
        with self._lock:
            return CacheStats(len(self._items), self.max_entries, self._hits, self._misses)


# A cached translation: the English text and the warnings the inner translator gave for that
# sentence (stored without a sentence index; re-indexed for every caller).
_CachedTranslation = tuple[str, tuple[Warning, ...]]


def translator_variant(inner: Translator) -> str:
    """What besides the sentence decides a translation: model id, revision, backend, beams."""
    info: ModelInfo = inner.info
    beams = getattr(inner, "beams", None)
    return json.dumps([info.id, info.revision, info.backend, info.path, beams])


class CachingTranslator:
    """A ``Translator`` that answers repeated sentences from an LRU cache.

    Only cache misses reach ``inner`` (each distinct miss once per call, in first-seen order);
    outputs come back aligned 1:1 with the input, and per-sentence warnings are re-indexed to
    every position the sentence appears at.
    """

    def __init__(self, inner: Translator, max_entries: int, *, variant: str | None = None) -> None:
        self.inner = inner
        self.info = inner.info
        self.variant = variant if variant is not None else translator_variant(inner)
        self.cache: LRUCache[tuple[str, str], _CachedTranslation] = LRUCache(max_entries)

    @property
    def beams(self) -> int | None:
        return getattr(self.inner, "beams", None)

    def translate_sentences(self, sentences: Sequence[str]) -> TranslationResult:
        found: dict[str, _CachedTranslation] = {}
        misses: list[str] = []
        missed: set[str] = set()
        for sentence in sentences:
            if sentence in found or sentence in missed:
                continue
            cached = self.cache.get((self.variant, sentence))
            if cached is None:
                misses.append(sentence)
                missed.add(sentence)
            else:
                found[sentence] = cached

        global_warnings: list[Warning] = []
        if misses:
            result = self.inner.translate_sentences(misses)
            if len(result.texts) != len(misses):
                raise RuntimeError(
                    f"inner translator returned {len(result.texts)} outputs for {len(misses)} inputs"
                )
            per_miss: list[list[Warning]] = [[] for _ in misses]
            for w in result.warnings:
                if w.sentence is None or not 0 <= w.sentence < len(misses):
                    global_warnings.append(w)
                else:
                    per_miss[w.sentence].append(w.model_copy(update={"sentence": None}))
            for sentence, text, warns in zip(misses, result.texts, per_miss):
                entry = (text, tuple(warns))
                self.cache.put((self.variant, sentence), entry)
                found[sentence] = entry

        texts: list[str] = []
        warnings: list[Warning] = list(global_warnings)
        for index, sentence in enumerate(sentences):
            text, warns = found[sentence]
            texts.append(text)
            warnings.extend(w.model_copy(update={"sentence": index}) for w in warns)
        return TranslationResult(texts=texts, warnings=warnings)


def request_key(text: str, options: Mapping[str, object]) -> str:
    """A stable hash of the input text and every option that changes the result.

    ``options`` must be JSON-serializable (model ids and revisions, backend, beams,
    target sentences, text format ...); key order does not matter.
    """
    payload = json.dumps({"text": text, "options": options}, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class BriefCache:
    """Finished briefs by ``request_key``; returns deep copies so callers cannot alter the cache."""

    def __init__(self, max_entries: int) -> None:
        self._cache: LRUCache[str, Brief] = LRUCache(max_entries)

    def get(self, key: str) -> Brief | None:
        brief = self._cache.get(key)
        return None if brief is None else brief.model_copy(deep=True)

    def put(self, key: str, brief: Brief) -> None:
        self._cache.put(key, brief.model_copy(deep=True))

    def __len__(self) -> int:
        return len(self._cache)

    def stats(self) -> CacheStats:
        return self._cache.stats()
