"""Summarizer doubles that make the attribution errors abstractive models make, on purpose.

Each implements the ``Summarizer`` protocol. Their edits use their own small regexes, not the
service's English attribution finder, so the guard is tested against independent corruptions.
Also here: ``invented_bitext()``, a small invented German/English article (no real text) with
hand-filled attributions, shared by the audit and guard tests.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from service.document import Attribution, ModelInfo, Sentence
from service.stages import SummaryResult

_ATTRIBUTION_SUFFIX = re.compile(
    r",\s+(?:according to [^,.]+|(?:said|says)\s+[^,.]+|[^,.]{1,60}?\s+(?:said|says|explained|added))\.$"
)
_ATTRIBUTION_PREFIX = re.compile(
    r"^(?:According to [^,]+,\s+|(?:[A-Z][\w\-]*\s+){1,4}(?:said|says|told reporters)\s+(?:that\s+)?)"
)
_SPEAKER = re.compile(
    r"(?:(?<=, )|^)((?:[A-Z][\w\-]+\s+)*[A-Z][\w\-]+)(?=\s+(?:said|says|explained)\b)|(?<=according to )([^,.]+)"
)
_HEDGES = (
    (
        re.compile(r"\b(is|are|was|were) said to have (\w+)"),
        {"is": "has", "was": "had", "are": "have", "were": "had"},
    ),
    (
        re.compile(r"\b(is|are|was|were) said to be\b"),
        {"is": "is", "are": "are", "was": "was", "were": "were"},
    ),
)
_HEDGE_ADVERB = re.compile(r"\s+(?:reportedly|allegedly|supposedly)\b")


def _info(name: str) -> ModelInfo:
    return ModelInfo(
        role="summarization", id=f"test/{name}", revision=None, path="-", backend="double", device="cpu"
    )


def _lead(sentences: Sequence[str], target_sentences: int) -> list[str]:
    return [s for s in sentences if s and s.strip()][:target_sentences]


class FaithfulSummarizer:
    """The first N English sentences, unchanged."""

    def __init__(self) -> None:
        self.info = _info("faithful-summarizer")

    def summarize(self, sentences: Sequence[str], *, target_sentences: int) -> SummaryResult:
        return SummaryResult(" ".join(_lead(sentences, target_sentences)))


class DroppingSummarizer:
    """Strips 'X said' / 'according to X' from every sentence, keeping the claim."""

    def __init__(self) -> None:
        self.info = _info("dropping-summarizer")

    @staticmethod
    def drop(sentence: str) -> str:
        out = _ATTRIBUTION_SUFFIX.sub(".", sentence)
        out = _ATTRIBUTION_PREFIX.sub("", out)
        return out[:1].upper() + out[1:]

    def summarize(self, sentences: Sequence[str], *, target_sentences: int) -> SummaryResult:
        return SummaryResult(" ".join(self.drop(s) for s in _lead(sentences, target_sentences)))


class SwappingSummarizer:
    """Swaps the speakers of the first two sentences that name different speakers."""

    def __init__(self) -> None:
        self.info = _info("swapping-summarizer")

    def summarize(self, sentences: Sequence[str], *, target_sentences: int) -> SummaryResult:
        lead = _lead(sentences, target_sentences)
        found: list[tuple[int, re.Match[str]]] = []
        for i, s in enumerate(lead):
            m = _SPEAKER.search(s)
            if m and all(m.group(0).split()[-1] != other.group(0).split()[-1] for _, other in found):
                found.append((i, m))
            if len(found) == 2:
                break
        if len(found) == 2:
            (i, a), (j, b) = found
            lead[i] = lead[i][: a.start()] + b.group(0) + lead[i][a.end() :]
            lead[j] = lead[j][: b.start()] + a.group(0) + lead[j][b.end() :]
        return SummaryResult(" ".join(lead))


class InventingSummarizer:
    """Gives every unattributed sentence a source the article never names (a CNN-model habit)."""

    INVENTIONS = (", the company says.", "OFFICIALS")

    def __init__(self) -> None:
        self.info = _info("inventing-summarizer")

    def summarize(self, sentences: Sequence[str], *, target_sentences: int) -> SummaryResult:
        out = []
        n = 0
        for s in _lead(sentences, target_sentences):
            if re.search(
                r"\b(?:said|says|according to|reportedly|allegedly|said to|explained)\b", s, re.IGNORECASE
            ):
                out.append(s)
                continue
            if n % 2 == 0:
                out.append(s.rstrip(".") + ", the company says.")
            else:
                out.append("Officials said " + s[:1].lower() + s[1:])
            n += 1
        return SummaryResult(" ".join(out))


class DehedgingSummarizer:
    """Removes 'reportedly', 'allegedly' and 'is said to', stating hedged claims as fact."""

    def __init__(self) -> None:
        self.info = _info("dehedging-summarizer")

    @staticmethod
    def dehedge(sentence: str) -> str:
        out = _HEDGE_ADVERB.sub("", sentence)
        for regex, aux in _HEDGES:
            out = regex.sub(
                lambda m, aux=aux: aux[m.group(1)] + (f" {m.group(2)}" if m.lastindex == 2 else ""), out
            )
        return out

    def summarize(self, sentences: Sequence[str], *, target_sentences: int) -> SummaryResult:
        return SummaryResult(" ".join(self.dehedge(s) for s in _lead(sentences, target_sentences)))


def _a(
    source: str, cue: str, kind: str = "direct", *, role: str | None = None, hedged: bool = False
) -> Attribution:
    return Attribution(source=source, role=role, channel=None, cue=cue, kind=kind, hedged=hedged)  # type: ignore[arg-type]


def invented_bitext() -> list[Sentence]:
    """An invented article (German, English, hand-filled attributions) rich in attributions."""
    rows = [
        (
            "Die Stadt Graz will bis 2025 ein neues Hallenbad bauen.",
            "The city of Graz wants to build a new indoor pool by 2025.",
            [],
        ),
        (
            "Die Kosten schätzt Bürgermeister Karl Brunner auf 40 Millionen Euro.",
            "The cost is estimated at 40 million euros, Mayor Karl Brunner said.",
            [_a("Karl Brunner", "schätzt", role="Bürgermeister")],
        ),
        (
            "Das alte Bad sei baufällig und nicht mehr zu retten, sagte Brunner.",
            "The old pool is dilapidated and can no longer be saved, Brunner said.",
            [_a("Brunner", "sagte")],
        ),
        (
            "Laut Polizei wurde in der Nacht auf Sonntag in das alte Bad eingebrochen.",
            "According to the police, the old pool was broken into on Saturday night.",
            [_a("Polizei", "laut")],
        ),
        (
            "Die Täter sollen Kupferkabel im Wert von 5.000 Euro gestohlen haben.",
            "The burglars are said to have stolen copper cables worth 5,000 euros.",
            [_a("", "sollen", "hedge_only", hedged=True)],
        ),
        (
            "Die Grünen halten das Projekt für zu teuer, sagte Gemeinderätin Eva Lindner.",
            "The Greens consider the project too expensive, councillor Eva Lindner said.",
            [_a("Eva Lindner", "sagte", role="Gemeinderätin")],
        ),
        (
            "Das Geld fehle bei den Schulen, so Lindner.",
            "The money would be missing from the schools, Lindner said.",
            [_a("Lindner", "so")],
        ),
        (
            "Der Gemeinderat stimmt im März über das Projekt ab.",
            "The city council will vote on the project in March.",
            [],
        ),
    ]
    return [
        Sentence(index=i, de=de, paragraph=i // 3, en=en, attributions=atts)
        for i, (de, en, atts) in enumerate(rows)
    ]


def english_side(sentences: Sequence[Sentence]) -> list[str]:
    return [s.en or "" for s in sentences]
