"""Property tests: the text stages never crash, never lose characters, and are idempotent."""

import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service.text.clean import ArticleCleaner, account_for_lines
from service.text.normalize import InvalidTextError, normalize_text
from service.text.split import GermanSentenceSplitter

CLEANER = ArticleCleaner()
SPLITTER = GermanSentenceSplitter()

# Text that looks like a news page: German words, punctuation, page words, quotes, digits,
# emoji, other scripts, odd spaces and control characters, joined into lines.
PIECES = st.sampled_from(
    [
        "Der",
        "Minister",
        "sagte",
        "am",
        "3.",
        "Juni",
        "z. B.",
        "Dr.",
        "1. FC",
        "Köln",
        "„",
        "“",
        '"',
        "»",
        "«",
        "‚",
        "‘",
        "’",
        ".",
        "!",
        "?",
        "…",
        ",",
        ":",
        "(red/dpa)",
        "(APA, 12.3.2016)",
        "Foto:",
        "©",
        "Kommentare",
        "42",
        "Startseite",
        ">",
        "|",
        "Newsletter",
        "abonnieren",
        "Jetzt",
        "Von",
        "Maria",
        "Huber",
        "Anzeige",
        "Mehr zum Thema",
        "😀",
        "🇦🇹",
        "日本",
        "Ελλάδα",
        "Москва",
        "\u00a0",
        "\u00ad",
        "\u200b",
        "\t",
        "\x07",
        "\r\n",
        "\n",
        " ",
        "Wien –",
        "Uhr",
        "14.30",
        "Mio.",
        "usw.",
    ]
)
NEWSY_TEXT = st.lists(PIECES, min_size=1, max_size=60).map(" ".join)
ANY_TEXT = st.text(min_size=1, max_size=300)
TEXTS = st.one_of(NEWSY_TEXT, ANY_TEXT)
PROPERTY_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def normalized_or_none(text: str) -> str | None:
    try:
        return normalize_text(text)
    except InvalidTextError:
        return None


def nonspace(text: str) -> str:
    return "".join(text.split())


@PROPERTY_SETTINGS
@given(TEXTS)
def test_normalize_is_idempotent_and_leaves_no_invisible_characters(text):
    normalized = normalized_or_none(text)
    if normalized is None:
        return
    assert normalize_text(normalized) == normalized
    assert normalized.strip()
    assert "\r" not in normalized and "\t" not in normalized
    for ch in normalized:
        assert ch == "\n" or unicodedata.category(ch) not in ("Cc", "Cf", "Cs")


@PROPERTY_SETTINGS
@given(TEXTS)
def test_clean_accounts_for_every_line(text):
    normalized = normalized_or_none(text)
    if normalized is None:
        return
    article = CLEANER.clean(normalized)
    assert account_for_lines(normalized, article) == []
    assert CLEANER.clean(normalized) == article


@PROPERTY_SETTINGS
@given(TEXTS)
def test_clean_then_split_loses_no_visible_character(text):
    normalized = normalized_or_none(text)
    if normalized is None:
        return
    article = CLEANER.clean(normalized)
    sentences = SPLITTER.split_article(article)
    assert [s.index for s in sentences] == list(range(len(sentences)))
    kept = "".join(s.de for s in sentences)
    set_aside = "".join(
        [
            article.headline or "",
            article.credit or "",
            *(h.text for h in article.headings),
            *(r.text for r in article.removed),
        ]
    )
    assert sorted(nonspace(kept + set_aside)) == sorted(nonspace(normalized))
    assert nonspace(kept) == nonspace("".join(p.text for p in article.paragraphs))


@PROPERTY_SETTINGS
@given(TEXTS)
def test_split_never_crashes_and_loses_nothing_even_when_split_again(text):
    # Re-splitting one sentence need not give it back whole: out of its context an ordinal
    # such as "Der 3. Der" is ambiguous. It must still lose nothing.
    sentences = SPLITTER.split_text(text)
    assert nonspace("".join(sentences)) == nonspace(text)
    assert all(s == s.strip() and s for s in sentences)
    for sentence in sentences:
        assert nonspace("".join(SPLITTER.split_text(sentence))) == nonspace(sentence)


@pytest.mark.parametrize(
    "paragraph",
    [
        "Der 1. FC Köln gewann am 3. Juni. „Das ist falsch“, sagte sie. Es kamen ca. 5000 Menschen.",
        "Die Sitzung begann am 12.03.2024 um 14.30 Uhr. Sie dauerte bis Mitternacht … und länger.",
    ],
)
def test_split_is_idempotent_on_news_sentences(paragraph):
    for sentence in SPLITTER.split_text(paragraph):
        assert SPLITTER.split_text(sentence) == [sentence]


@pytest.mark.parametrize("text", ["\x00\x01\x02", "\u200b", " \n ", "\ufffd" * 5])
def test_unusable_text_is_refused_not_crashed(text):
    with pytest.raises(InvalidTextError):
        normalize_text(text)
