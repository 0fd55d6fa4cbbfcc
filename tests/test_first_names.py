"""The first-name lexicon (service/attribution/data/first_names.tsv): gender, unisex names,
words that must never count as a first name, and the file's own form."""

from __future__ import annotations

import collections
import csv
import re
from importlib import resources
from pathlib import Path

import pytest

from service.attribution import lexicon
from service.attribution.german import first_name_gender, is_first_name


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Common German capitalised words (months, weekdays, nouns, places, brands, titles, sentence-initial
# adverbs) that look like first names somewhere in the world. None of them may be in the lexicon:
# "Mark Aktien", "Rose sagte", "Davor hatte er" must not start a person.
DENY = _words(
    """
    abend abu adler adonis alexa alexandria alpha alt amazon amber anders anfang anker apple april
    arm armen art asia audi august austin ayatollah bach baer bahn bald bank bart berg beta blau
    boden bosch braun brooklyn bär chanel chelsea china christ corona dacia dakota dallas dank davor
    delphine delta dezember dienstag domingo donnerstag duma eben ehre eli elle ema emir ende engel
    erde ernte falke fauna feber februar feld fiat fink flora florenz florida ford francisco frau
    frei freitag freude friede frieden froh fromm frühling fuchs gamma ganz gene georgia glaube
    gloria glück gnade golf graf grant gross groß gruen grün gunst gut hagen hahn haifa halle heil
    held herbst hermes herr himmel hoffnung hope houston imam india ion isil islam israel jackson
    jade januar jesus job jordan juli jung juni jupiter jänner kaiser kent khan kia kind klar klein
    kraft kristall krone kuba kurz könig lada lama lang lange lasse lech leone lew lieb liebe lilie
    lincoln linde lotto lourdes löwe macht madison madonna mahatma mai mann marine mark mars mate
    matze medina meer mercedes merck merkur meta mittwoch mond montag morgen mullah mut märz nacht
    nelke nemo nestor neu nike norma november nur oft oktober omega opel orlando oscar papst paris
    pascha penny per perle platon porsche post rand rat rauf recht regen reha reich riad rico ring
    ritter roma roman rose rosen rot roth ruhm sabah salem salvador samstag sanaa sandy santiago
    santos saturn schah scheich schwarz see segen september shah sheikh shell sieg siena silvester
    sinn siri sky sofia soja sommer sonnabend sonne sonntag sri stern still stolz sturm sultan
    summer sunny sydney sylvester tag thalia tor treu treue tuba tulpe uzi veilchen venus verona
    virginia vogel wald washington weide wein weise weiss weiß wellington welt wiese will winter
    wolf wolke zara
"""
)

# Names the corpus check below finds standing alone (not followed by a capitalised word) in
# most of their uses in the German dev texts: each was looked at by hand and is a real name
# used on its own ("Gabriel sagte", "Prinz Henrik", "Lula"), not a common word.
REVIEWED_STANDING_ALONE = _words(
    """
    abdul ali charlotte colin douglas edmund erna gabriel giulia helen henrik joanne kendall konrad
    lazarus lorenz lucas luise lula mathieu mohammed murray natalie neymar novak omar paulo philip
    roy taylor zainab
    """
)
# Names also found as lower-case German words in those texts, kept on purpose: "Ernst" is a very
# common first name (Ernst Strasser), and the noun ("der Ernst der Lage") is followed by a
# lower-case word, so it never starts a two-word name; "helle"/"rosa" are adjectives.
REVIEWED_LOWER_CASE = frozenset({"ernst", "helle", "rosa"})

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def _rows() -> list[list[str]]:
    text = (resources.files("service.attribution") / "data" / "first_names.tsv").read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines()]


def _all_names() -> frozenset[str]:
    return lexicon.FEMALE_FIRST_NAMES | lexicon.MALE_FIRST_NAMES | lexicon.UNISEX_FIRST_NAMES


@pytest.mark.parametrize(
    ("word", "gender"),
    [
        # German, Austrian, Swiss, short forms
        ("Uli", "m"),
        ("Sepp", "m"),
        ("Hansi", "m"),
        ("Sigmar", "m"),
        ("Frank-Walter", "m"),
        ("Heinz-Christian", "m"),
        ("Jürgen", "m"),
        ("Urs", "m"),
        ("Ernst", "m"),
        ("Resi", "f"),
        ("Gerti", "f"),
        ("Bärbel", "f"),
        ("Annalena", "f"),
        ("Maria", "f"),
        ("Simone", "f"),
        # Turkish, with and without diacritics; Kurdish
        ("Recep", "m"),
        ("Tayyip", "m"),
        ("Hüseyin", "m"),
        ("Huseyin", "m"),
        ("İsmail", "m"),
        ("Ayşe", "f"),
        ("Ayse", "f"),
        ("Zeynep", "f"),
        ("Berivan", "f"),
        # Arabic, Persian, Hebrew
        ("Mahmoud", "m"),
        ("Mahmud", "m"),
        ("Husam", "m"),
        ("Mohammed", "m"),
        ("Muhammad", "m"),
        ("Abdullah", "m"),
        ("Fatima", "f"),
        ("Leila", "f"),
        ("Hassan", "m"),
        ("Shirin", "f"),
        ("Naftali", "m"),
        ("Tzipi", "f"),
        # Russian / Ukrainian, German and English transliteration
        ("Wladimir", "m"),
        ("Sergej", "m"),
        ("Juri", "m"),
        ("Jewgeni", "m"),
        ("Dmitrij", "m"),
        ("Alexej", "m"),
        ("Witali", "m"),
        ("Volodymyr", "m"),
        ("Julija", "f"),
        ("Jelena", "f"),
        ("Natalja", "f"),
        ("Yulia", "f"),
        # English, French, Spanish, others
        ("Lawrence", "m"),
        ("Hillary", "f"),
        ("Jean-Claude", "m"),
        ("Ségolène", "f"),
        ("Pedro", "m"),
        ("Dilma", "f"),
        ("Shinzo", "m"),
        ("Narendra", "m"),
        ("Kofi", "m"),
    ],
)
def test_first_name_gender(word: str, gender: str) -> None:
    assert first_name_gender(word) == gender
    assert is_first_name(word)


@pytest.mark.parametrize("word", ["Kim", "Andrea", "Alex", "Gabriele", "Nicola", "Jasmin", "Deniz"])
def test_unisex_names_are_first_names_without_gender(word: str) -> None:
    assert first_name_gender(word) is None
    assert is_first_name(word)
    assert word.lower() in lexicon.UNISEX_FIRST_NAMES


@pytest.mark.parametrize(
    "word",
    ["Mark", "Rose", "Wolf", "Stern", "Golf", "Mercedes", "Paris", "Nur", "Davor", "Xi", "Kurz", "Tor"],
)
def test_common_words_are_no_first_names(word: str) -> None:
    assert first_name_gender(word) is None
    assert not is_first_name(word)


def test_deny_list_is_respected() -> None:
    assert len(DENY) >= 150
    assert not (_all_names() & DENY), sorted(_all_names() & DENY)


def test_tsv_is_well_formed() -> None:
    rows = _rows()
    assert rows[0] == ["name", "gender"]
    genders: dict[str, set[str]] = collections.defaultdict(set)
    for row in rows[1:]:
        assert len(row) == 2, row
        name, gender = row
        assert name and name == name.strip() and " " not in name, row
        assert name == name.lower(), row
        assert "\u0307" not in name, row  # "İ".lower(): first_name_gender strips the dot itself
        assert gender in {"f", "m", "u"}, row
        genders[name].add(gender)
    conflicting = sorted(name for name, found in genders.items() if len(found) > 1)
    assert not conflicting
    assert len(genders) == len(rows) - 1  # no duplicate lines either
    assert len(genders) >= 2500


def test_gender_sets_are_disjoint_and_match_the_file() -> None:
    f, m, u = lexicon.FEMALE_FIRST_NAMES, lexicon.MALE_FIRST_NAMES, lexicon.UNISEX_FIRST_NAMES
    assert not (f & m) and not (f & u) and not (m & u)
    assert len(f) + len(m) + len(u) == len(_rows()) - 1
    assert isinstance(f, frozenset) and isinstance(m, frozenset) and isinstance(u, frozenset)


def test_first_name_gender_returns_only_f_m_or_none() -> None:
    words = [name.capitalize() for name in _all_names()] + ["Aktien", "sagte", "", "Bundeskanzlerin", "UNO"]
    assert {first_name_gender(word) for word in words} <= {"f", "m", None}


def _dev_texts() -> list[str]:
    texts = []
    for name in ("newstest2017.deu", "newstest2018.deu"):
        if (DATA / name).exists():
            texts.append((DATA / name).read_text(encoding="utf-8"))
    if (DATA / "10kgnad-dev.csv").exists():
        csv.field_size_limit(1 << 30)
        with (DATA / "10kgnad-dev.csv").open(encoding="utf-8", newline="") as handle:
            texts.extend(row["text"] for row in csv.DictReader(handle))
    return texts


def test_names_standing_alone_in_german_news_were_reviewed() -> None:
    """A lexicon name mostly *not* followed by another capitalised word in German news may be
    a common word ("Davor", "Nur"). Every such name (5+ capitalised uses) must have been looked
    at and listed above; so must names that also occur as lower-case words there."""
    texts = _dev_texts()
    if not texts:
        pytest.skip("German dev texts (../shared/data) are not here")
    names = _all_names()
    token = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]")
    seen: collections.Counter[str] = collections.Counter()
    followed: collections.Counter[str] = collections.Counter()
    lower: collections.Counter[str] = collections.Counter()
    for text in texts:
        tokens = token.findall(text)
        for i, word in enumerate(tokens):
            low = word.lower()
            if low not in names:
                continue
            if word[:1].isupper():
                seen[low] += 1
                after = tokens[i + 1] if i + 1 < len(tokens) else ""
                if after[:1].isupper():
                    followed[low] += 1
            else:
                lower[low] += 1
    alone = {name for name, n in seen.items() if n >= 5 and 2 * followed[name] < n}
    assert alone <= REVIEWED_STANDING_ALONE, sorted(alone - REVIEWED_STANDING_ALONE)
    as_words = {name for name, n in lower.items() if n >= 3}
    assert as_words <= REVIEWED_LOWER_CASE, sorted(as_words - REVIEWED_LOWER_CASE)
