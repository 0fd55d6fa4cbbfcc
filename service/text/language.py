"""Is the input German? lingua-language-detector (Apache-2.0), restricted and in low-accuracy mode.

Measured on this machine (2 CPU cores) with ``python -m service.text.language``: 24 candidate
languages in low-accuracy mode with preloaded models build in 0.1-0.6 s (depending on load) to
a process of ~50 MB max RSS; they put German first for 99.3 % of the single newstest2018
German sentences (99.8 % accepted with the rule below) and classify all 700 10kGNAD articles
as German with confidence >= 0.9, at 0.3-0.9 ms per sentence (depending on load).
High-accuracy mode gains half a point on single short sentences but needs 2.3 s and ~630 MB
preloaded (or ~440 MB loaded lazily, 1.8 ms per sentence), and langdetect (0.3 s, 75 MB) is
5x slower per call and less accurate (98.9 % German), so low-accuracy lingua is the choice.

Acceptance rule: a text passes as German when German is the most likely language or when
German's confidence is at least ``GERMAN_ACCEPT_CONFIDENCE``. Short sentences ("Absolut niemand
lacht.") are sometimes taken for Dutch or English with German close behind; rejecting a German
article is worse than letting a short English text through. On newstest2018 this accepts
99.8 % of the German sentences and 2.0 % of the English ones.
"""

from __future__ import annotations

from dataclasses import dataclass

from lingua import Language, LanguageDetectorBuilder

GERMAN_ACCEPT_CONFIDENCE = 0.05
# Detection reads at most this many characters: three windows (start, middle, end) so a long
# English quote or a leftover banner at one end cannot decide alone, and 100k-character input
# costs the same as 2k.
SAMPLE_WINDOW_CHARS = 700
CANDIDATE_LANGUAGES: tuple[Language, ...] = (
    Language.GERMAN,
    Language.ENGLISH,
    Language.FRENCH,
    Language.ITALIAN,
    Language.SPANISH,
    Language.PORTUGUESE,
    Language.DUTCH,
    Language.DANISH,
    Language.SWEDISH,
    Language.POLISH,
    Language.CZECH,
    Language.SLOVAK,
    Language.SLOVENE,
    Language.CROATIAN,
    Language.HUNGARIAN,
    Language.ROMANIAN,
    Language.TURKISH,
    Language.GREEK,
    Language.RUSSIAN,
    Language.UKRAINIAN,
    Language.ARABIC,
    Language.PERSIAN,
    Language.CHINESE,
    Language.JAPANESE,
)


@dataclass(frozen=True)
class DetectedLanguage:
    iso: str  # ISO 639-1 code such as "de"; "und" when no language could be recognised
    name: str  # English name such as "German"
    confidence: float  # 0..1


UNDETERMINED = DetectedLanguage(iso="und", name="an unrecognisable language", confidence=0.0)


class NotGermanError(ValueError):
    """The article is not in German, which is the only source language the service handles."""

    def __init__(self, detected: DetectedLanguage) -> None:
        self.detected = detected
        if detected.iso == "und":
            message = "the text has no recognisable language (too few letters?); send a German news article"
        else:
            message = (
                f"the text looks {detected.name} (confidence {detected.confidence:.2f}), not German; "
                "this service summarizes German news articles only"
            )
        super().__init__(message)


def language_sample(text: str, window: int = SAMPLE_WINDOW_CHARS) -> str:
    """A bounded sample of ``text``: all of it when short, else start, middle and end windows."""
    if len(text) <= 3 * window:
        return text
    middle = (len(text) - window) // 2
    starts = (0, middle, len(text) - window)
    return "\n".join(text[start : start + window] for start in starts)


class LanguageDetector:
    """Built once at service start; ``detect`` and ``ensure_german`` are then cheap (< 1 ms)."""

    def __init__(self, languages: tuple[Language, ...] = CANDIDATE_LANGUAGES) -> None:
        if Language.GERMAN not in languages:
            raise ValueError("the candidate languages must include German")
        self._detector = (
            LanguageDetectorBuilder.from_languages(*languages)
            .with_low_accuracy_mode()
            .with_preloaded_language_models()
            .build()
        )

    def _confidences(self, text: str) -> list[DetectedLanguage]:
        values = self._detector.compute_language_confidence_values(language_sample(text))
        return [
            DetectedLanguage(
                iso=value.language.iso_code_639_1.name.lower(),
                name=value.language.name.title(),
                confidence=float(value.value),
            )
            for value in values
            if value.value > 0
        ]

    def detect(self, text: str) -> DetectedLanguage:
        """The most likely language of ``text`` (``UNDETERMINED`` when it has no letters)."""
        confidences = self._confidences(text)
        return confidences[0] if confidences else UNDETERMINED

    def ensure_german(self, text: str) -> DetectedLanguage:
        """Return the German detection, or raise ``NotGermanError`` naming what was detected."""
        confidences = self._confidences(text)
        if not confidences:
            raise NotGermanError(UNDETERMINED)
        for candidate in confidences:
            if candidate.iso == "de" and (
                candidate is confidences[0] or candidate.confidence >= GERMAN_ACCEPT_CONFIDENCE
            ):
                return candidate
        raise NotGermanError(confidences[0])


def _measure() -> None:
    """Print build time, memory and accuracy on the dev data (``python -m service.text.language``)."""
    import resource
    import time
    from pathlib import Path

    start = time.perf_counter()
    detector = LanguageDetector()
    build_s = time.perf_counter() - start
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"build {build_s:.2f} s, max RSS {rss_mb:.0f} MB (Python + lingua + models)")
    data = Path(__file__).resolve().parents[3] / "shared" / "data"
    if not (data / "newstest2018.deu").is_file():
        print(f"no dev data at {data}; accuracy not measured")
        return
    for suffix, iso in (("deu", "de"), ("eng", "en")):
        lines = (data / f"newstest2018.{suffix}").read_text(encoding="utf-8").splitlines()
        start = time.perf_counter()
        top = sum(detector.detect(line).iso == iso for line in lines)
        per_ms = (time.perf_counter() - start) / len(lines) * 1000
        accepted = 0
        for line in lines:
            try:
                detector.ensure_german(line)
                accepted += 1
            except NotGermanError:
                pass
        print(
            f"newstest2018.{suffix}: {len(lines)} sentences, top language {iso}: {top / len(lines):.3%}, "
            f"accepted as German: {accepted / len(lines):.3%}, {per_ms:.2f} ms/sentence"
        )
    articles_path = data / "10kgnad-dev.csv"
    if articles_path.is_file():
        import csv

        with articles_path.open(encoding="utf-8", newline="") as handle:
            articles = [row["text"] for row in csv.DictReader(handle)]
        confident = sum(
            (found := detector.detect(text)).iso == "de" and found.confidence >= 0.9 for text in articles
        )
        print(f"10kgnad-dev: {confident} of {len(articles)} articles German with confidence >= 0.9")


if __name__ == "__main__":
    _measure()
