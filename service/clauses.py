"""Cut a too-long text into pieces that fit a token budget, at the most natural places.

Used for German sentences longer than the translation model's input (cut at clause
boundaries first) and for English sentences longer than the summarizer's window. The pieces
are consecutive slices of the input: joined they give back the input exactly, so no text is
ever dropped. Pure functions over a ``fits`` predicate, so both backends share them.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence

Fits = Callable[[str], bool]

_CONJUNCTIONS = (
    "und", "oder", "aber", "denn", "sondern", "doch", "jedoch", "weil", "dass", "obwohl",
    "während", "nachdem", "bevor", "wenn", "als", "sodass", "damit", "falls", "sowie", "wobei",
)  # fmt: skip

# Strongest boundary first. Each pattern matches the empty string where a cut goes; the
# punctuation stays with the left piece, the following space starts the right piece.
CLAUSE_BOUNDARIES: tuple[re.Pattern[str], ...] = (
    re.compile(r"(?<=;)(?=\s)"),
    re.compile(r"(?<=:)(?=\s)"),
    re.compile(r"(?<=\s[–—-])(?=\s)"),  # a dash between spaces
    re.compile(r"(?<=,)(?=\s)"),
    re.compile(r"(?=\s(?:" + "|".join(_CONJUNCTIONS) + r")\s)"),
)
_WORD = re.compile(r"\s*\S+\s*")


def split_to_fit(
    text: str, fits: Fits, boundaries: Sequence[re.Pattern[str]] = CLAUSE_BOUNDARIES
) -> list[str]:
    """Consecutive slices of ``text`` that each satisfy ``fits``; ``"".join(result) == text``.

    Tries each boundary kind in order, packing neighbouring segments back together while they
    fit, then falls back to word boundaries and, for a single overlong word, to characters.
    """
    if fits(text):
        return [text]
    for level, pattern in enumerate(boundaries):
        segments = _cut(text, [m.start() for m in pattern.finditer(text)])
        if len(segments) > 1:
            pieces: list[str] = []
            for packed in pack_segments(segments, fits):
                pieces.extend(split_to_fit(packed, fits, boundaries[level + 1 :]))
            return pieces
    return split_words_to_fit(text, fits)


def split_words_to_fit(text: str, fits: Fits) -> list[str]:
    """Slices of ``text`` cut at whitespace (characters for one overlong word) that each fit."""
    if fits(text):
        return [text]
    words = [m.group() for m in _WORD.finditer(text)]  # each word keeps its surrounding spaces
    if len(words) <= 1:
        return _split_characters(text, fits)
    pieces: list[str] = []
    for packed in pack_segments(words, fits):
        pieces.extend([packed] if fits(packed) else _split_characters(packed, fits))
    return pieces


def pack_segments(segments: Sequence[str], fits: Fits) -> list[str]:
    """Greedily join neighbouring segments while the joined text still fits."""
    packed: list[str] = []
    current = ""
    for segment in segments:
        if current and not fits(current + segment):
            packed.append(current)
            current = segment
        else:
            current += segment
    if current:
        packed.append(current)
    return packed


def _cut(text: str, positions: list[int]) -> list[str]:
    cuts = [0, *(p for p in positions if 0 < p < len(text)), len(text)]
    return [text[a:b] for a, b in itertools.pairwise(cuts) if b > a]


def _split_characters(text: str, fits: Fits) -> list[str]:
    # Last resort for a "word" longer than the whole budget (a URL, a pasted hash).
    pieces: list[str] = []
    rest = text
    while rest:
        if fits(rest):
            pieces.append(rest)
            break
        low, high = 1, len(rest) - 1  # longest prefix that fits; at least one character
        while low < high:
            mid = (low + high + 1) // 2
            if fits(rest[:mid]):
                low = mid
            else:
                high = mid - 1
        pieces.append(rest[:low])
        rest = rest[low:]
    return pieces
