import json
from pathlib import Path

import pytest

from service.document import Article, Paragraph
from service.stages import Cleaner
from service.text.clean import ArticleCleaner, account_for_lines
from service.text.html import HtmlExtractionError, extract_article_text, looks_like_html
from service.text.normalize import normalize_text

PAGES = Path(__file__).parent / "fixtures" / "pages"
PAGE_NAMES = sorted(path.stem for path in PAGES.glob("*.txt"))


@pytest.fixture(scope="module")
def cleaner() -> ArticleCleaner:
    return ArticleCleaner()


def clean(cleaner: ArticleCleaner, text: str) -> Article:
    normalized = normalize_text(text)
    article = cleaner.clean(normalized)
    assert account_for_lines(normalized, article) == []
    return article


def test_fixture_pages_are_present():
    assert len(PAGE_NAMES) >= 6
    for name in PAGE_NAMES:
        assert (PAGES / f"{name}.json").is_file(), f"{name}.txt has no expected result"


def test_cleaner_satisfies_the_stage_protocol(cleaner):
    assert isinstance(cleaner, Cleaner)


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_fixture_page_is_cleaned_as_expected(cleaner, name):
    expected = json.loads((PAGES / f"{name}.json").read_text(encoding="utf-8"))
    article = clean(cleaner, (PAGES / f"{name}.txt").read_text(encoding="utf-8"))
    assert article.headline == expected["headline"]
    assert [[h.text, h.before_paragraph] for h in article.headings] == expected["headings"]
    assert len(article.paragraphs) == expected["paragraphs"]
    assert article.credit == expected["credit"]
    assert [[r.reason, r.text] for r in article.removed] == expected["removed"]


def test_line_numbers_point_into_the_normalized_text(cleaner):
    text = normalize_text((PAGES / "breadcrumbs_captions.txt").read_text(encoding="utf-8"))
    lines = text.split("\n")
    article = cleaner.clean(text)
    for part in [*article.removed, *article.headings]:
        assert lines[part.line] == part.text
    for paragraph in article.paragraphs:
        assert lines[paragraph.line].startswith(paragraph.text)


def test_trailing_credit_is_split_off_the_last_paragraph(cleaner):
    article = clean(cleaner, (PAGES / "gnad_single_line.txt").read_text(encoding="utf-8"))
    assert article.credit == "(red, 12. 3. 2024)"
    body = article.paragraphs[0].text
    assert body.endswith("die vor Staus warnte.")
    # The 10kGNAD teaser and the "Wien –" dateline stay in the paragraph.
    assert body.startswith("Die Stadt will Radfahrern mehr Platz geben")
    assert "Wien – Die Stadt Wien will" in body


@pytest.mark.parametrize(
    "credit",
    ["(red/dpa)", "(APA, 12.3.2016)", "(jk)", "(red, 12. 3. 2016)", "(Renate Graber aus Brüssel, 10.5.2016)"],
)
def test_credit_forms(cleaner, credit):
    article = clean(cleaner, f"Titel der Meldung\nDer Rat beschloss das Budget am Montag. {credit}")
    assert article.credit == credit


@pytest.mark.parametrize("line", ["dpa/AFP", "(red/dpa)", "APA, Reuters"])
def test_credit_on_its_own_last_line(cleaner, line):
    article = clean(cleaner, f"Der Rat beschloss das Budget am Montag.\n{line}")
    assert article.credit == line
    assert len(article.paragraphs) == 1


@pytest.mark.parametrize(
    "ending",
    [
        "sagte Katzian (SPÖ)",
        "so die Behörde (EU)",
        "fehlt er wegen einer Verletzung (Schambeinentzündung)",
        "(48.)",
    ],
)
def test_a_party_or_a_note_in_brackets_is_not_a_credit(cleaner, ending):
    article = clean(cleaner, f"Das Team verlor am Sonntag klar, {ending}")
    assert article.credit is None
    assert article.paragraphs[0].text.endswith(ending)


@pytest.mark.parametrize(
    "sentence",
    [
        "Das Foto zeigt den Minister beim Verlassen des Gebäudes.",
        "In einem Kommentar schrieb die Zeitung, die Reform sei überfällig.",
        "Kommentare dazu gab es von der Opposition keine.",
        "Den Newsletter der Partei hatten zuletzt 5000 Menschen abonniert.",
        "Antworten gab es keine.",
        "Zum Thema Migration äußerte sich der Kanzler nicht.",
        "Von Wien aus reiste die Delegation weiter nach Prag.",
        "Die Website verwendete Cookies, kritisierten Datenschützer.",
        "Quelle der Daten ist eine Umfrage unter 1000 Personen.",
        "Anzeige wurde gegen unbekannt erstattet.",
        "Mehr zum Thema sagte die Ministerin nicht.",
    ],
)
def test_body_sentences_mentioning_page_words_stay(cleaner, sentence):
    text = f"Die Regierung tagte am Montag in Wien.\n{sentence}\nDas Ergebnis wird am Dienstag erwartet."
    article = clean(cleaner, text)
    assert article.removed == []
    assert [p.text for p in article.paragraphs][1] == sentence


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Startseite > Politik > Inland", "breadcrumb"),
        ("Sie sind hier: Home / Sport", "breadcrumb"),
        ("Kommentare (12)", "comments"),
        ("Jetzt kommentieren", "comments"),
        ("Lesen Sie auch: Warum die Mieten steigen", "related_links"),
        ("Newsletter", "newsletter_prompt"),
        ("Hier zum Newsletter anmelden!", "newsletter_prompt"),
        ("ANZEIGE", "advertisement"),
        ("Zum Abo", "subscription_prompt"),
        ("Artikel drucken", "share_buttons"),
        ("Teilen | Facebook | WhatsApp", "share_buttons"),
        ("Aktualisiert am 12.03.2024, 14:05 Uhr", "byline"),
        ("Mo., 4. März 2024", "byline"),
        ("Lesezeit: 4 Minuten", "reading_time"),
        ("Foto: APA/Hans Punz", "photo_caption"),
        ("(Symbolbild)", "photo_caption"),
        ("Die Ministerin am Montag in Wien. © Reuters", "photo_caption"),
        ("© APA/Georg Hochmuth", "photo_credit"),
        ("Quelle: Statistik Austria", "source_credit"),
    ],
)
def test_page_elements_are_removed_with_their_reason(cleaner, line, reason):
    text = f"Die Regierung tagte am Montag in Wien.\n{line}\nDas Ergebnis wird am Dienstag erwartet."
    article = clean(cleaner, text)
    assert [(r.text, r.reason, r.line) for r in article.removed] == [(line, reason, 1)]
    assert len(article.paragraphs) == 2


def test_numbered_headline_is_not_taken_for_a_breadcrumb(cleaner):
    article = clean(cleaner, "1. FC Köln steigt auf\nDer Verein feierte am Sonntag den Aufstieg.")
    assert article.headline == "1. FC Köln steigt auf"
    assert article.removed == []


def test_headline_needs_a_title_form(cleaner):
    article = clean(cleaner, "Der Rat tagte am Montag.\nEr beschloss das Budget.")
    assert article.headline is None
    assert len(article.paragraphs) == 2


def test_a_single_short_line_is_a_paragraph_not_a_headline(cleaner):
    article = clean(cleaner, "Regierung tritt zurück")
    assert article.headline is None
    assert [p.text for p in article.paragraphs] == ["Regierung tritt zurück"]


def test_a_short_line_after_the_last_paragraph_stays_body(cleaner):
    article = clean(cleaner, "Titel hier\nDer Rat tagte am Montag.\nMaria Huber berichtet aus Wien")
    assert article.headings == []
    assert article.paragraphs[-1].text == "Maria Huber berichtet aus Wien"


def test_only_boilerplate_gives_an_article_without_body(cleaner):
    article = clean(cleaner, "Startseite > Politik\nArtikel teilen\n42 Kommentare")
    assert article.paragraphs == [] and article.headline is None
    assert len(article.removed) == 3


def test_account_for_lines_reports_a_line_that_vanished(cleaner):
    text = "Titel der Meldung\nErster Absatz.\nZweiter Absatz."
    article = cleaner.clean(text)
    article.paragraphs = article.paragraphs[:1]
    assert account_for_lines(text, article) == ["Zweiter Absatz."]


def test_account_for_lines_reports_a_line_counted_twice():
    text = "Erster Absatz.\nZweiter Absatz."
    article = Article(
        paragraphs=[
            Paragraph(text="Erster Absatz.", line=0),
            Paragraph(text="Erster Absatz.", line=0),
            Paragraph(text="Zweiter Absatz.", line=1),
        ]
    )
    assert account_for_lines(text, article) == ["Erster Absatz."]


def test_account_for_lines_accepts_a_split_off_credit():
    text = "Der Rat tagte. (APA)"
    article = Article(paragraphs=[Paragraph(text="Der Rat tagte.", line=0)], credit="(APA)")
    assert account_for_lines(text, article) == []
    article.credit = None
    assert account_for_lines(text, article) == ["Der Rat tagte. (APA)"]


# --- HTML input -----------------------------------------------------------------------------

PAGE_HTML = """<!DOCTYPE html><html><head><title>Reform | Zeitung</title></head><body>
<nav><a href="/">Startseite</a> &gt; <a href="/politik">Politik</a></nav>
<article><h1>Regierung plant große Steuerreform</h1>
<p>Die Bundesregierung will die Einkommensteuer senken. Das kündigte der Finanzminister am Montag an.</p>
<h2>Kritik der Opposition</h2>
<p>„Das ist nicht finanzierbar“, sagte die Fraktionschefin. Die Reform soll 2025 in Kraft treten.</p>
<p>Experten rechnen mit Kosten von rund zehn Milliarden Euro pro Jahr.</p>
</article><footer>Impressum | Datenschutz</footer><script>var tracking = 1;</script></body></html>"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (PAGE_HTML, True),
        ("<p>Erster Absatz.</p>", True),
        ("<html><body>Text</body></html>", True),
        ("Der Preis liegt bei < 5 Euro, der Wert bei > 3.", False),
        ("Die Formel lautet a<b und b>c.", False),
    ],
)
def test_looks_like_html(text, expected):
    assert looks_like_html(text) is expected


def test_html_article_gives_title_first_and_one_paragraph_per_line(cleaner):
    text = extract_article_text(PAGE_HTML)
    lines = text.split("\n")
    assert lines[0] == "Regierung plant große Steuerreform"
    assert (
        "Die Bundesregierung will die Einkommensteuer senken. Das kündigte der Finanzminister am Montag an."
        in lines
    )
    assert "tracking" not in text
    article = clean(cleaner, text)
    assert article.headline == "Regierung plant große Steuerreform"
    assert [h.text for h in article.headings] == ["Kritik der Opposition"]
    assert len(article.paragraphs) == 3


def test_html_without_main_content_falls_back_to_the_visible_body_text():
    html = "<html><head><title>Kurz</title></head><body><div>Nur ein Satz.<br>Zweite Zeile</div><script>x=1</script></body></html>"
    assert extract_article_text(html) == "Kurz\nNur ein Satz.\nZweite Zeile"


@pytest.mark.parametrize(
    "html", ["<html><body></body></html>", "<html><body><script>var a;</script></body></html>"]
)
def test_html_without_visible_text_raises_a_clear_error(html):
    with pytest.raises(HtmlExtractionError, match="no visible text"):
        extract_article_text(html)
