import pytest

from service.document import Article, Heading, Paragraph
from service.stages import SentenceSplitter
from service.text.split import GermanSentenceSplitter


@pytest.fixture(scope="module")
def splitter() -> GermanSentenceSplitter:
    return GermanSentenceSplitter()


def nonspace(text: str) -> str:
    return "".join(text.split())


# Invented sentences with the hard cases of German news; each list is the gold segmentation.
HARD_CASES = [
    ["Der 1. FC Köln gewann am Samstag.", "Die Fans feierten."],
    ["Das Gesetz tritt am 3. Juni in Kraft.", "Die Opposition klagt."],
    ["Die Kirche wurde im 19. Jahrhundert erbaut.", "Sie ist heute ein Museum."],
    ["Der Verein spielt in der 2. Liga.", "Der Trainer geht."],
    ["Die Sitzung begann am 12.03.2024 um 14.30 Uhr.", "Sie dauerte lange."],
    ["Gefordert werden z. B. mehr Lehrer und u. a. kleinere Klassen.", "Das kostet Geld."],
    ["Das Projekt kostet 3,5 Mio. Euro.", "Der Bund zahlt 1 Mrd. Euro dazu."],
    ["Sie wohnt in der Hauptstraße Nr. 5.", "Dr. Huber wohnt in St. Pölten."],
    ["Es kamen ca. 5000 Menschen.", "Die Regel gilt für Mieter bzw. Pächter (vgl. Abs. 2)."],
    ["Das steht in § 5 Abs. 2 des Gesetzes.", "Die Auslegung ist umstritten."],
    ["„Das ist falsch“, sagte sie.", "Dann ging sie."],
    ["„Wir kommen!“, rief er.", "Niemand antwortete."],
    ["„Warum jetzt?“, fragte die Abgeordnete.", "Der Minister schwieg."],
    ["Er sagte: „Wir werden das prüfen.“", "Eine Entscheidung steht aus."],
    ["Sie zögerte … und schwieg dann.", "Die Frage blieb offen."],
    ["Betroffen sind Straßen, Brücken usw.", "Die Reparatur dauert Jahre."],
    ["Die Verhandlungen laufen seit Jan. 2023.", "Ein Ende ist nicht in Sicht."],
    ["Das Treffen ist am Mo., 4. März, geplant.", "Alle kommen."],
    ["„Wir haben hier zu kämpfen“, betonte der Bauer.", "2003 habe er den Betrieb übernommen."],
]


def test_splitter_satisfies_the_stage_protocol(splitter):
    assert isinstance(splitter, SentenceSplitter)


@pytest.mark.parametrize("gold", HARD_CASES, ids=lambda gold: gold[0][:30])
def test_hard_cases(splitter, gold):
    assert splitter.split_text(" ".join(gold)) == gold


def test_multi_sentence_quotation_stays_with_its_speaker(splitter):
    text = "„Wir sind enttäuscht. Das ist kein guter Tag“, sagte die Sprecherin. Dann ging sie."
    assert splitter.split_text(text) == [
        "„Wir sind enttäuscht. Das ist kein guter Tag“, sagte die Sprecherin.",
        "Dann ging sie.",
    ]


def test_line_breaks_always_end_a_sentence(splitter):
    assert splitter.split_text("Erste Zeile ohne Punkt\nzweite Zeile.\n\n  \nDritte.") == [
        "Erste Zeile ohne Punkt",
        "zweite Zeile.",
        "Dritte.",
    ]


def test_split_article_indexes_sentences_in_reading_order_without_headings(splitter):
    article = Article(
        headline="Titel",
        headings=[Heading(text="Zwischentitel", before_paragraph=1, line=3)],
        paragraphs=[
            Paragraph(text="Erster Satz. Zweiter Satz.", line=1),
            Paragraph(text="Dritter Satz.", line=4),
        ],
    )
    sentences = splitter.split_article(article)
    assert [(s.index, s.de, s.paragraph) for s in sentences] == [
        (0, "Erster Satz.", 0),
        (1, "Zweiter Satz.", 0),
        (2, "Dritter Satz.", 1),
    ]
    assert all(s.en is None and s.attributions == [] for s in sentences)


def test_empty_article_has_no_sentences(splitter):
    assert splitter.split_article(Article()) == []


def test_a_long_sentence_without_punctuation_is_one_sentence_and_loses_nothing(splitter):
    words = "die Regierung sagte heute und der Minister meinte dazu"
    text = " ".join([words] * 400)[:20_000]
    sentences = splitter.split_text(text)
    assert sentences == [text.strip()]


def test_thousands_of_tiny_lines_lose_nothing(splitter):
    text = "\n".join("Ja." if i % 3 else f"{i}. Mai" for i in range(5000))
    sentences = splitter.split_text(text)
    assert len(sentences) == 5000
    assert nonspace("".join(sentences)) == nonspace(text)


def test_dense_abbreviations_lose_nothing(splitter):
    text = "Dr. z. B. 1. 2. 3. usw. ... !!! ?? " * 600
    assert nonspace("".join(splitter.split_text(text))) == nonspace(text)


def test_stray_closing_quote_joins_the_sentence_it_closes(splitter):
    sentences = splitter.split_text("Sie sagte: 'Mädchen, sei stolz!'. “ Danach ging sie.")
    assert all(any(ch.isalnum() for ch in s) for s in sentences)
    assert nonspace("".join(sentences)) == nonspace("Sie sagte: 'Mädchen, sei stolz!'. “ Danach ging sie.")
