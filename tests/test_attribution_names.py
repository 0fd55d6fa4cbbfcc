"""Names across German and English: transliteration, surnames, roles and institutions."""

from __future__ import annotations

import pytest

from service.attribution.names import english_label, name_key, same_name, same_source, source_match_score


@pytest.mark.parametrize(
    ("german", "english"),
    [
        ("Alexej Nawalny", "Navalny"),
        ("Kyjiw", "Kyiv"),
        ("Tschaikowski", "Tchaikovsky"),
        ("Juri Gagarin", "Yuri Gagarin"),
        ("Wolodymyr Selenskyj", "Zelensky"),
        ("Wolodymyr Selenskyj", "Volodymyr Zelenskyy"),
        ("Jürgen Müller", "Mueller"),
        ("Franz Strauß", "Strauss"),
        ("GPA-djp-Chef Wolfgang Katzian (SPÖ)", "Katzian"),
        ("das Innenministerium", "the interior ministry"),
        ("das Innenministerium", "the Ministry of the Interior"),
        ("die Polizei", "police"),
        ("Sprecherin der Landespolizei", "the state police spokeswoman"),
        ("Sprecherin der Landespolizei", "a police spokeswoman"),
        ("die Staatsanwaltschaft", "prosecutors"),
        ("Bundeskanzlerin Angela Merkel", "the chancellor"),
        ("die Behörden", "officials"),
        ("die Nachrichtenagentur APA", "APA"),
        ("Medienberichte", "media reports"),
        ("das Welternährungsprogramm (WFP)", "The World Food Programme"),
        ("Mazedonien", "Macedonia"),
        ("Serbien", "Serbia"),
        ("der Kläger", "the plaintiff"),
        ("Der Presserat", "The Press Council"),
        ("Die Untersuchungen", "the studies"),
        ("der dpa", "dpa reported"),
        ("die Präfektur des Departements Pas-de-Calais", "the authorities"),
    ],
)
def test_names_the_same_source(german: str, english: str) -> None:
    assert same_source(german, english), (german, english, source_match_score(german, english))


@pytest.mark.parametrize(
    ("german", "english"),
    [
        ("das Außenministerium", "the interior ministry"),
        ("die Polizei", "prosecutors"),
        ("Karl Brunner", "Eva Lindner"),
        ("Wolfgang Katzian", "Wolfgang Schüssel"),
        ("die Gewerkschaft", "the company"),
        ("Sprecherin der Landespolizei", "a party spokesman"),
        ("das Innenministerium", ""),
    ],
)
def test_does_not_name_another_source(german: str, english: str) -> None:
    assert not same_source(german, english), (german, english, source_match_score(german, english))


def test_first_name_alone_is_weaker_than_the_surname() -> None:
    assert source_match_score("Wolfgang Katzian", "Katzian") == 1.0
    assert source_match_score("Wolfgang Katzian", "Wolfgang") < 0.5


def test_rendering_from_the_bitext_covers_nouns_the_lexicon_lacks() -> None:
    assert not same_source("der Bürgerbeauftragte", "the ombudsman")
    assert same_source("der Bürgerbeauftragte", "the ombudsman", rendering="the Ombudsman")


def test_name_key_folds_transliterations_and_umlauts() -> None:
    assert name_key("Selenskyj") == name_key("Zelenskyy") == name_key("Zelensky")
    assert name_key("Müller") == name_key("Mueller")
    assert same_name("Nawalny", "Navalny")
    assert not same_name("Huber", "Haider")


@pytest.mark.parametrize(
    ("german", "label"),
    [
        ("GPA-djp-Chef Wolfgang Katzian (SPÖ)", "Wolfgang Katzian"),
        ("Innenministerin Johanna Mikl-Leitner", "Johanna Mikl-Leitner"),
        ("Sprecherin der Landespolizei", "the state police spokesperson"),
        ("das Innenministerium", "the interior ministry"),
        ("die Staatsanwaltschaft", "the prosecutors"),
        ("die Nachrichtenagentur APA", "APA"),
        ("Alexej Nawalny", "Alexej Nawalny"),
    ],
)
def test_english_label_keeps_names_and_translates_roles(german: str, label: str) -> None:
    assert english_label(german) == label


def test_weekday_adjunct_is_not_a_name() -> None:
    from service.attribution.names import english_label, parse_source

    assert english_label("die Nachrichtenagentur Tanjug am Freitag") == "Tanjug"
    assert english_label("Vereinschef Paul Moser am Dienstagabend") == "Paul Moser"
    assert "Freitag" not in parse_source("die Nachrichtenagentur Tanjug am Freitag", True).names


def test_initial_does_not_stand_for_the_surname() -> None:
    from service.attribution.names import MATCH_THRESHOLD, parse_source, source_match_score

    assert parse_source("Markus K.", True).surnames == ("Markus",)
    assert source_match_score("Markus K.", "Markus K. faces trial") >= MATCH_THRESHOLD


def test_named_agency_is_not_the_police() -> None:
    from service.attribution.names import MATCH_THRESHOLD, english_similarity, source_match_score

    assert english_similarity("the state agency Tanjug", "the police") < MATCH_THRESHOLD
    assert (
        source_match_score("die Behörden", "the police") >= MATCH_THRESHOLD
    )  # a generic source still may be


def test_specialist_media_are_media_not_experts() -> None:
    from service.attribution.names import MATCH_THRESHOLD, source_match_score

    assert source_match_score("mehrere Fachmedien", "several specialist media") >= MATCH_THRESHOLD
    assert source_match_score("die Experten", "specialists") >= MATCH_THRESHOLD


def test_a_ministry_acronym_names_the_ministry() -> None:
    assert same_source("das BMI", "the Interior Ministry")
    assert not same_source("das BMI", "the Finance Ministry")
