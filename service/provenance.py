"""Which source sentences back each sentence of an English brief.

Lexical, deterministic and model-free: a brief sentence and each translated source sentence are
reduced to weighted content terms (crudely stemmed words; numbers and names weigh more), the
attribution wording ("X said", "according to X") is left out so that the *claim* decides where
a sentence comes from, and the source sentences that together cover the claim best are chosen
greedily. A term that is not in a source sentence verbatim still matches a close spelling there
(rapidfuzz), which covers inflection the stemmer misses and transliterated names.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import pysbd
from anyascii import anyascii  # ISC licence (unidecode is GPL, so not used)
from rapidfuzz import fuzz, process

from service.attribution.english import find_english_attributions
from service.document import Sentence

# A brief sentence is backed when the best source sentence covers this share of its weight.
MIN_COVERAGE = 0.34
# A further source sentence joins when it covers this much more of the claim, and at least
# MIN_EXTRA_WEIGHT in absolute terms (two content words, or one number/name).
MIN_EXTRA_COVERAGE = 0.15
MIN_EXTRA_WEIGHT = 2.0
# A sentence fused from several source sentences (none covering MIN_COVERAGE alone) is backed
# when its best one covers FUSED_MIN_FIRST and together they cover FUSED_MIN_TOTAL.
FUSED_MIN_FIRST = 0.2
FUSED_MIN_TOTAL = 0.55
# Close spellings (rapidfuzz ratio) count as the same term, at this discount.
FUZZY_MIN_RATIO = 84
FUZZY_DISCOUNT = 0.8

NUMBER_WEIGHT = 3.0
NAME_WEIGHT = 2.0
WORD_WEIGHT = 1.0

_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "if",
        "then",
        "than",
        "that",
        "this",
        "these",
        "those",
        "there",
        "here",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "as",
        "into",
        "onto",
        "over",
        "under",
        "about",
        "after",
        "before",
        "between",
        "through",
        "during",
        "without",
        "within",
        "against",
        "among",
        "upon",
        "per",
        "via",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "am",
        "has",
        "have",
        "had",
        "having",
        "do",
        "does",
        "did",
        "done",
        "will",
        "would",
        "shall",
        "should",
        "can",
        "could",
        "may",
        "might",
        "must",
        "not",
        "no",
        "nor",
        "so",
        "too",
        "very",
        "also",
        "just",
        "only",
        "even",
        "still",
        "yet",
        "again",
        "already",
        "more",
        "most",
        "less",
        "least",
        "much",
        "many",
        "some",
        "any",
        "each",
        "every",
        "all",
        "both",
        "either",
        "neither",
        "other",
        "another",
        "such",
        "own",
        "same",
        "i",
        "you",
        "he",
        "she",
        "it",
        "we",
        "they",
        "me",
        "him",
        "her",
        "us",
        "them",
        "my",
        "your",
        "his",
        "its",
        "our",
        "their",
        "mine",
        "yours",
        "hers",
        "ours",
        "theirs",
        "who",
        "whom",
        "whose",
        "which",
        "what",
        "when",
        "where",
        "why",
        "how",
        "whether",
        "while",
        "because",
        "although",
        "though",
        "since",
        "until",
        "unless",
        "said",
        "says",
        "say",
        "told",
        "tells",
        "according",
        "reportedly",
        "allegedly",
        "added",
        "adds",
        "stated",
        "explained",
        "announced",
        "mr",
        "mrs",
        "ms",
        "dr",
        "one",
        "ones",
        "new",
        "now",
        "then",
        "later",
        "today",
        "yesterday",
        "week",
        "year",
        "years",
        "per",
        "cent",
        "percent",
        "make",
        "makes",
        "made",
        "making",
        "get",
        "gets",
        "got",
        "take",
        "takes",
        "took",
        "give",
        "gives",
        "gave",
        "put",
        "keep",
        "kept",
        "come",
        "comes",
        "came",
        "go",
        "goes",
        "went",
    ]
)
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_][\w'’\-]*", re.UNICODE)
_SUFFIXES = (
    "ization",
    "isation",
    "ations",
    "ation",
    "ments",
    "ment",
    "ness",
    "ings",
    "ing",
    "ies",
    "ied",
    "ers",
    "er",
    "ed",
    "es",
    "ly",
    "s",
)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude English stem: enough to match 'closed'/'closes'/'closure' is not the aim, 'arrests'/'arrested' is."""
    w = anyascii(word.lower()).replace("'", "").replace("’", "")
    w = w.removesuffix("'s")
    for suffix in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)]
            break
    return w[:-1] if len(w) > 4 and w[-1] == "e" else w


@dataclass(frozen=True)
class _Terms:
    weights: dict[str, float]

    @property
    def total(self) -> float:
        return sum(self.weights.values())


def _normalise_number(token: str) -> str:
    # "2,000" / "2.000" / "2000" are one number; "3.5" and "3,5" too.
    digits = re.sub(r"[.,](?=\d{3}\b)", "", token)
    return digits.replace(",", ".")


@lru_cache(maxsize=16384)
def content_terms(text: str) -> _Terms:
    """Weighted content terms of an English text: numbers > names > other content words."""
    weights: dict[str, float] = {}
    for i, m in enumerate(_TOKEN.finditer(text)):
        token = m.group(0)
        if token[0].isdigit():
            key, weight = "#" + _normalise_number(token), NUMBER_WEIGHT
        else:
            low = token.lower()
            if low in _STOPWORDS or len(low) < 2:
                continue
            is_name = token[0].isupper() and m.start() > 0 and not _sentence_initial(text, m.start())
            key, weight = stem(token), NAME_WEIGHT if is_name or token.isupper() else WORD_WEIGHT
            if not key:
                continue
        weights[key] = max(weights.get(key, 0.0), weight)
    return _Terms(weights)


def _sentence_initial(text: str, start: int) -> bool:
    return re.search(r"(?:^|[.!?:]\s*[\"“„‘]?|[\"“„‘])\s*$", text[:start]) is not None


def claim_text(sentence: str) -> str:
    """The sentence without its attribution wording, so the claim decides the provenance."""
    parts: list[tuple[int, int]] = []
    for attribution in find_english_attributions(sentence):
        if attribution.kind == "hedge":
            parts.append((attribution.start, attribution.end))
        elif attribution.source_start is not None and attribution.source_end is not None:
            parts.append((attribution.source_start, attribution.source_end))
    if not parts:
        return sentence
    kept, last = [], 0
    for start, end in sorted(parts):
        if start >= last:
            kept.append(sentence[last:start])
            last = end
    kept.append(sentence[last:])
    claim = " ".join(kept)
    return claim if content_terms(claim).total >= 2 else sentence


class ProvenanceAligner:
    """Maps brief sentences to the source sentences (by index) whose translations back them."""

    def __init__(
        self,
        *,
        min_coverage: float = MIN_COVERAGE,
        min_extra_coverage: float = MIN_EXTRA_COVERAGE,
        max_sources: int = 4,
    ) -> None:
        if not 0 < min_coverage <= 1:
            raise ValueError(f"min_coverage must be in (0, 1], got {min_coverage}")
        self.min_coverage = min_coverage
        self.min_extra_coverage = min_extra_coverage
        self.max_sources = max_sources

    def align(self, brief_sentences: Sequence[str], sentences: Sequence[Sentence]) -> list[list[int]]:
        """For each brief sentence, the indices (ascending) of the source sentences backing it; [] if none."""
        # Source sentences keep their attribution wording: a speaker's name there never hurts, and
        # what looks like a source ("candidates told him") may be the claim itself.
        sources = [(s.index, content_terms(s.en)) for s in sentences if s.en and s.en.strip()]
        return [self._align_one(text, sources) for text in brief_sentences]

    def coverage(self, brief_sentence: str, source_english: str) -> float:
        """Share of the brief sentence's claim weight that one translated source sentence covers."""
        claim = content_terms(claim_text(brief_sentence))
        if claim.total == 0:
            return 0.0
        matched = _matched(claim, content_terms(source_english))
        return sum(matched.values()) / claim.total

    def _align_one(self, text: str, sources: list[tuple[int, _Terms]]) -> list[int]:
        claim = content_terms(claim_text(text))
        if claim.total == 0 or not sources:
            return []
        matches = {index: _matched(claim, terms) for index, terms in sources}
        covered: dict[str, float] = {}
        chosen: list[int] = []
        while len(chosen) < self.max_sources:
            best_index, best_gain = None, 0.0
            for index, matched in matches.items():
                if index in chosen:
                    continue
                gain = sum(max(0.0, w - covered.get(k, 0.0)) for k, w in matched.items())
                # Ties go to the earlier sentence: leads state the news, later ones repeat it.
                if gain > best_gain + 1e-9:
                    best_index, best_gain = index, gain
            if best_index is None:
                break
            share = best_gain / claim.total
            if not chosen:
                if share < min(FUSED_MIN_FIRST, self.min_coverage):
                    return []
            elif share < self.min_extra_coverage or best_gain < MIN_EXTRA_WEIGHT:
                break
            chosen.append(best_index)
            for k, w in matches[best_index].items():
                covered[k] = max(covered.get(k, 0.0), w)
        if not chosen:
            return []
        first_share = sum(matches[chosen[0]].values()) / claim.total
        if first_share < self.min_coverage and sum(covered.values()) / claim.total < FUSED_MIN_TOTAL:
            return []  # neither one sentence nor a fusion of several backs the claim
        return sorted(chosen)


def _matched(claim: _Terms, source: _Terms) -> dict[str, float]:
    """Claim terms found in the source: exact stems fully, close spellings at a discount."""
    matched: dict[str, float] = {}
    source_keys = list(source.weights)
    for key, weight in claim.weights.items():
        if key in source.weights:
            matched[key] = weight
        elif not key.startswith("#") and len(key) >= 4 and source_keys:
            hit = process.extractOne(key, source_keys, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN_RATIO)
            if hit is not None and not hit[0].startswith("#"):
                matched[key] = weight * FUZZY_DISCOUNT
    return matched


@lru_cache(maxsize=1)
def _english_segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False)


def split_english(text: str) -> list[str]:
    """English text → sentences (pysbd), stripped, empty ones left out."""
    if not text or not text.strip():
        return []
    out: list[str] = []
    for line in text.splitlines():
        if line.strip():
            out.extend(s.strip() for s in _english_segmenter().segment(line) if s.strip())
    return out
