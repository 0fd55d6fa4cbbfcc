import pytest

from service.text.language import (
    SAMPLE_WINDOW_CHARS,
    UNDETERMINED,
    LanguageDetector,
    NotGermanError,
    language_sample,
)

GERMAN = (
    "Die Bundesregierung hat sich am Dienstag auf eine Reform der Pflege geeinigt. Pflegekräfte sollen "
    "künftig mehr verdienen, sagte der Minister nach der Sitzung des Kabinetts in Berlin."
)
ENGLISH = (
    "The federal government agreed on Tuesday to reform long-term care. Nurses are to earn more in "
    "future, the minister said after the cabinet meeting in Berlin."
)
FRENCH = (
    "Le gouvernement fédéral s'est mis d'accord mardi sur une réforme des soins. Les infirmières "
    "devraient gagner davantage à l'avenir, a déclaré le ministre après la réunion du cabinet."
)


@pytest.fixture(scope="module")
def detector() -> LanguageDetector:
    return LanguageDetector()


def test_detects_german_with_iso_code_name_and_confidence(detector):
    detected = detector.detect(GERMAN)
    assert (detected.iso, detected.name) == ("de", "German")
    assert detected.confidence > 0.9


@pytest.mark.parametrize(("text", "iso", "name"), [(ENGLISH, "en", "English"), (FRENCH, "fr", "French")])
def test_detects_other_languages(detector, text, iso, name):
    detected = detector.detect(text)
    assert (detected.iso, detected.name) == (iso, name)


def test_ensure_german_returns_the_detection(detector):
    assert detector.ensure_german(GERMAN).iso == "de"


def test_ensure_german_accepts_a_short_german_sentence(detector):
    assert detector.ensure_german("Absolut niemand lacht.").iso == "de"


@pytest.mark.parametrize(("text", "name"), [(ENGLISH, "English"), (FRENCH, "French")])
def test_ensure_german_raises_naming_the_detected_language(detector, text, name):
    with pytest.raises(NotGermanError, match=f"looks {name}") as caught:
        detector.ensure_german(text)
    assert caught.value.detected.name == name
    assert isinstance(caught.value, ValueError)


def test_text_without_letters_is_undetermined(detector):
    assert detector.detect("12345 !!! 3,5 %") == UNDETERMINED
    with pytest.raises(NotGermanError, match="no recognisable language"):
        detector.ensure_german("12345 !!! 3,5 %")


def test_sample_is_bounded_and_covers_start_middle_and_end():
    text = "A" * 50_000 + "M" * 50_000 + "Z" * 50_000
    sample = language_sample(text)
    assert len(sample) <= 3 * SAMPLE_WINDOW_CHARS + 2
    assert sample.startswith("A") and "M" in sample and sample.endswith("Z")
    assert language_sample("kurz") == "kurz"


def test_a_long_german_article_with_an_english_quote_passes(detector):
    article = (GERMAN + " ") * 300 + ENGLISH + " " + (GERMAN + " ") * 300
    assert detector.ensure_german(article).iso == "de"


def test_candidate_languages_must_include_german():
    from lingua import Language

    with pytest.raises(ValueError, match="German"):
        LanguageDetector(languages=(Language.ENGLISH, Language.FRENCH))
