"""English attribution and hedge detection, and removing an attribution cleanly."""

from __future__ import annotations

import pytest

from service.attribution.english import (
    find_english_attributions,
    find_hedges,
    has_hedge,
    remove_attribution,
    reporting_attributions,
)


@pytest.mark.parametrize(
    ("sentence", "source", "without"),
    [
        ("The plant will close, the company said.", "the company", "The plant will close."),
        ("Police said three men were arrested on Monday.", "Police", "Three men were arrested on Monday."),
        (
            "Maria Huber, a spokeswoman for the state police, said the road was closed.",
            "Maria Huber, a spokeswoman for the state police,",
            "The road was closed.",
        ),
        (
            "According to Reuters, the deal is worth 2 billion euros.",
            "Reuters",
            "The deal is worth 2 billion euros.",
        ),
        (
            "The deal is worth 2 billion euros, according to the U.S. Treasury.",
            "the U.S. Treasury",
            "The deal is worth 2 billion euros.",
        ),
        ("The minister told reporters that taxes would rise.", "The minister", "Taxes would rise."),
        ('"The situation is serious," Katzian said.', "Katzian", '"The situation is serious."'),
        (
            "The situation is serious, said union head Wolfgang Katzian.",
            "union head Wolfgang Katzian",
            "The situation is serious.",
        ),
        ("Siemens will cut 2,000 jobs, the company says.", "the company", "Siemens will cut 2,000 jobs."),
        ("Officials say the fire is under control.", "Officials", "The fire is under control."),
        (
            "On Monday, the interior ministry said the border would stay open.",
            "the interior ministry",
            "On Monday, the border would stay open.",
        ),
        ("Experts estimate that prices will rise by 3 percent.", "Experts", "Prices will rise by 3 percent."),
        (
            "The city council will vote in March, the company says.",
            "the company",
            "The city council will vote in March.",
        ),
    ],
)
def test_finds_source_and_removes_the_attribution(sentence: str, source: str, without: str) -> None:
    found = reporting_attributions(sentence)
    assert [a.source for a in found] == [source]
    assert remove_attribution(sentence, found[0]) == without


@pytest.mark.parametrize(
    "sentence",
    [
        "The number of refugees reported to the authorities rose.",
        "The court ruled that the law was unconstitutional.",
        "Prices rose sharply and analysts expect further increases.",
        "The man is said to have stolen three cars.",
        "The company did not say how many jobs would go.",
    ],
)
def test_no_source_where_there_is_none(sentence: str) -> None:
    assert reporting_attributions(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        ("The man is said to have stolen three cars.", "is said to"),
        ("The company has reportedly cut 300 jobs.", "reportedly"),
        ("The minister allegedly took bribes.", "allegedly"),
        ("The alleged attacker was arrested.", "alleged"),
        ("According to media reports, the talks have failed.", "according to reports"),
        ("He is believed to have fled abroad.", "is said to"),
        ("Unconfirmed figures put the toll at 40.", "unconfirmed"),
    ],
)
def test_hedges(sentence: str, cue: str) -> None:
    assert [h.cue for h in find_hedges(sentence)] == [cue]
    assert has_hedge(sentence)


def test_plain_fact_has_no_hedge() -> None:
    assert not has_hedge("The company cut 300 jobs in Linz.")
    assert find_english_attributions("The company cut 300 jobs in Linz.") == []


def test_according_to_reports_is_a_hedge_not_a_named_source() -> None:
    [a] = find_english_attributions("According to media reports, the talks have failed.")
    assert a.kind == "according_to" and a.hedge


def test_citing_a_reason_names_no_source() -> None:
    from service.attribution.english import find_english_attributions

    reasons = find_english_attributions(
        "The city refuses to open the pool, citing the poor safety situation."
    )
    assert not [a for a in reasons if a.kind != "hedge"]
    sources = find_english_attributions("The pool will close, citing city officials.")
    assert [a.source for a in sources if a.kind != "hedge"] == ["city officials"]


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        (
            "The exodus was organised, said Giorgos Kyritsis, spokesman for the crisis unit.",
            "Giorgos Kyritsis, spokesman for the crisis unit",
        ),
        ("Prices will rise, said Maria Huber, adding that costs were high.", "Maria Huber"),
    ],
)
def test_an_inverted_source_may_carry_an_apposition(sentence: str, source: str) -> None:
    assert [a.source for a in find_english_attributions(sentence)] == [source]


def test_a_reporting_word_after_a_determiner_is_a_noun() -> None:
    sentence = "Böhmermann had presented the poem on his satirical TV show Neo Magazin Royale."
    assert find_english_attributions(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        ("Defence Minister Ursula von der Leyen, who said nothing about the crash, called the pilots experienced.", "Defence Minister Ursula von der Leyen"),
        ("The mayor, who was re-elected in May, said the road was closed.", "The mayor"),
    ],
)
def test_a_relative_clause_after_the_subject_is_no_part_of_the_source(sentence: str, source: str) -> None:
    assert [a.source for a in find_english_attributions(sentence) if a.cue in ("said", "called")] == [source]


@pytest.mark.parametrize(
    ("sentence", "sources"),
    [
        ("Cornelia Ecker, by contrast, believes the advantages outweigh the drawbacks.", ["Cornelia Ecker"]),
        ("In its quarterly Inflation Report the Bank cut its outlook.", []),
        ("The minister, however, said the plan was sound.", ["The minister"]),
    ],
)
def test_belief_verbs_do_not_invert_and_title_words_are_no_verbs(sentence: str, sources: list[str]) -> None:
    assert [a.source for a in find_english_attributions(sentence)] == sources
