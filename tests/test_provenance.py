"""Provenance: which source sentences back each brief sentence."""

from __future__ import annotations

import pytest
from doubles_summarizers import invented_bitext

from service.document import Sentence
from service.provenance import ProvenanceAligner, claim_text, split_english


@pytest.fixture
def sentences() -> list[Sentence]:
    return invented_bitext()


def test_each_translation_backs_itself(sentences: list[Sentence]) -> None:
    aligned = ProvenanceAligner().align([s.en or "" for s in sentences], sentences)
    assert aligned == [[s.index] for s in sentences]


def test_paraphrase_and_fusion(sentences: list[Sentence]) -> None:
    brief = [
        "Graz plans a new indoor pool by 2025.",
        "Thieves broke into the old pool on Saturday night and stole copper cables worth 5,000 euros.",
    ]
    assert ProvenanceAligner().align(brief, sentences) == [[0], [3, 4]]


def test_attribution_wording_does_not_decide_provenance(sentences: list[Sentence]) -> None:
    # Brunner is named, but the claim is Lindner's sentence about the schools.
    [backing] = ProvenanceAligner().align(
        ["Brunner said the money would be missing from the schools."], sentences
    )
    assert backing == [6]


def test_unsupported_sentence_gets_no_sources(sentences: list[Sentence]) -> None:
    assert ProvenanceAligner().align(
        ["The mayor of Vienna resigned after a football scandal."], sentences
    ) == [[]]


def test_numbers_weigh_more_than_words(sentences: list[Sentence]) -> None:
    # "euros" occurs in two sentences; the number picks the right one.
    assert ProvenanceAligner().align(["It would cost 40 million euros."], sentences) == [[1]]


def test_sentences_without_translation_are_skipped() -> None:
    sentences = [
        Sentence(index=0, de="Ein Satz.", paragraph=0, en=None),
        Sentence(index=1, de="Noch einer.", paragraph=0, en="The river flooded the old town."),
    ]
    assert ProvenanceAligner().align(["The river flooded the old town."], sentences) == [[1]]


def test_claim_text_leaves_out_the_source() -> None:
    assert "Brunner" not in claim_text("The old pool can no longer be saved, Brunner said.")


def test_split_english() -> None:
    assert split_english(
        'Prices rose 3.5 percent, officials said. "It is bad," Mr. Smith said.\nHe left.'
    ) == [
        "Prices rose 3.5 percent, officials said.",
        '"It is bad," Mr. Smith said.',
        "He left.",
    ]
    assert split_english("  \n ") == []


def test_rejects_a_meaningless_threshold() -> None:
    with pytest.raises(ValueError, match="min_coverage"):
        ProvenanceAligner(min_coverage=0)


def test_a_sentence_fused_from_several_short_ones_is_backed() -> None:
    # no single sentence covers a third of the claim, together they cover most of it
    sentences = [
        Sentence(index=0, de="a", paragraph=0, en="We hear the screams every night."),
        Sentence(index=1, de="b", paragraph=0, en="The loudspeakers go on until dawn."),
        Sentence(index=2, de="c", paragraph=0, en="All of this is unsettling, says winegrower Trummer."),
        Sentence(
            index=3, de="d", paragraph=0, en="We wanted to expand the tavern, but we are dropping that."
        ),
        Sentence(index=4, de="e", paragraph=0, en="The mayor opened the new bridge in June."),
    ]
    brief = (
        "Screams and loudspeakers every night until dawn are unsettling, and plans to expand the tavern "
        "were dropped, says winegrower Trummer."
    )
    [backing] = ProvenanceAligner().align([brief], sentences)
    assert set(backing) >= {0, 1, 3} and 4 not in backing


def test_a_claim_no_source_sentence_shares_a_word_with_gets_no_sources() -> None:
    sentences = [Sentence(index=0, de="0", paragraph=0, en="0")]
    assert ProvenanceAligner().align(["+json"], sentences) == [[]]
