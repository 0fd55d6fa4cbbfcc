"""The guard: every faulty draft comes back passing its own audit, with every change recorded."""

from __future__ import annotations

import importlib.util

import pytest
from doubles_summarizers import (
    DehedgingSummarizer,
    DroppingSummarizer,
    FaithfulSummarizer,
    InventingSummarizer,
    SwappingSummarizer,
    english_side,
    invented_bitext,
)

from service.attribution.audit import AttributionAuditor
from service.attribution.repair import AttributionGuard, insert_hedge, name_source, prefix_according_to
from service.document import Attribution, Sentence
from service.stages import BriefGuard, Summarizer

DOUBLES = [DroppingSummarizer, SwappingSummarizer, InventingSummarizer, DehedgingSummarizer]
EXPECTED_FLAG = {
    DroppingSummarizer: "missing_source",
    SwappingSummarizer: "wrong_source",
    InventingSummarizer: "invented_source",
    DehedgingSummarizer: "lost_hedge",
}


def _brief(result) -> str:  # type: ignore[no-untyped-def]
    return " ".join(s.text for s in result.sentences)


def test_protocols() -> None:
    assert isinstance(AttributionGuard(), BriefGuard)
    for double in [FaithfulSummarizer, *DOUBLES]:
        assert isinstance(double(), Summarizer)


def test_faithful_draft_is_left_untouched() -> None:
    sentences = invented_bitext()
    draft = FaithfulSummarizer().summarize(english_side(sentences), target_sentences=8).text
    result = AttributionGuard().guard(sentences, draft)
    assert result.repairs == [] and result.warnings == []
    assert _brief(result) == draft
    assert [s.sources for s in result.sentences] == [[i] for i in range(8)]


@pytest.mark.parametrize("double", DOUBLES, ids=lambda d: d.__name__)
def test_faulty_draft_is_repaired_and_passes_its_audit(double: type) -> None:
    sentences = invented_bitext()
    draft = double().summarize(english_side(sentences), target_sentences=8).text
    before = AttributionAuditor().audit(sentences, draft)
    flagged = {i for i, s in enumerate(before.sentences) if s.flags}
    assert flagged, "the double must actually corrupt the draft"
    assert all(EXPECTED_FLAG[double] in [f.kind for f in before.sentences[i].flags] for i in flagged)

    result = AttributionGuard().guard(sentences, draft)
    assert AttributionAuditor().audit(sentences, _brief(result)).ok
    assert {r.sentence for r in result.repairs} == flagged  # every change recorded, no false repairs
    assert all(r.flag.kind == EXPECTED_FLAG[double] for r in result.repairs)
    assert all(r.action != "dropped" for r in result.repairs)
    assert len(result.sentences) == len(before.sentences)


def test_repairs_read_naturally() -> None:
    sentences = invented_bitext()
    draft = (
        "The old pool was broken into on Saturday night. The old pool can no longer be saved, Lindner said. "
        "The burglars stole copper cables worth 5,000 euros. Graz wants to build a new indoor pool by 2025, "
        "the company says."
    )
    result = AttributionGuard().guard(sentences, draft)
    assert [s.text for s in result.sentences] == [
        "The old pool was broken into on Saturday night, according to the police.",
        "The old pool can no longer be saved, Brunner said.",
        "The burglars reportedly stole copper cables worth 5,000 euros.",
        "Graz wants to build a new indoor pool by 2025.",
    ]
    assert [r.action for r in result.repairs] == [
        "named_source",
        "named_source",
        "restored_hedge",
        "removed_source",
    ]
    assert result.repairs[0].before == "The old pool was broken into on Saturday night."
    police = result.sentences[0].attributions[0]
    assert (police.source, police.source_sentence, police.hedged) == ("the police", 3, False)


def test_unsupported_sentence_is_dropped_with_a_warning() -> None:
    sentences = invented_bitext()
    result = AttributionGuard().guard(
        sentences, "Graz wants a new pool by 2025. The mayor of Vienna resigned."
    )
    assert [s.text for s in result.sentences] == ["Graz wants a new pool by 2025."]
    assert [(r.sentence, r.action, r.flag.kind) for r in result.repairs] == [(1, "dropped", "unsupported")]
    assert [w.code for w in result.warnings] == ["sentence_dropped"]


def test_empty_draft_becomes_the_translated_lead() -> None:
    sentences = invented_bitext()
    result = AttributionGuard(fallback_sentences=2).guard(sentences, "  ")
    assert [s.sources for s in result.sentences] == [[0], [1]]
    assert [w.code for w in result.warnings] == ["brief_from_translation"]


def test_translation_that_dropped_the_source_gets_according_to() -> None:
    # The MT lost "laut Polizei": the guard falls back to it, then names the source itself.
    sentences = [
        Sentence(
            index=0,
            de="Laut Polizei wurden drei Männer festgenommen.",
            paragraph=0,
            en="Three men were arrested.",
            attributions=[Attribution(source="Polizei", cue="laut", kind="direct", hedged=False)],
        ),
    ]
    result = AttributionGuard().guard(sentences, "Three men were arrested.")
    assert _brief(result) == "Three men were arrested, according to the police."
    assert AttributionAuditor().audit(sentences, _brief(result)).ok


def test_hedge_only_claim_keeps_its_attribution_record() -> None:
    sentences = invented_bitext()
    result = AttributionGuard().guard(sentences, "The burglars stole copper cables worth 5,000 euros.")
    [sentence] = result.sentences
    assert sentence.attributions and sentence.attributions[0].hedged


@pytest.mark.parametrize(
    ("text", "hedged"),
    [
        ("The company has cut 300 jobs.", "The company has reportedly cut 300 jobs."),
        ("The men stole three cars.", "The men reportedly stole three cars."),
        ("The burglars killed a guard.", "The burglars reportedly killed a guard."),
        ("Three cars gone missing.", "Reportedly, three cars gone missing."),
    ],
)
def test_insert_hedge(text: str, hedged: str) -> None:
    assert insert_hedge(text) == hedged


def test_name_source_shapes() -> None:
    assert name_source("Prices rose.", "Huber", person=True) == "Prices rose, Huber said."
    assert name_source("Prices rose.", "the interior ministry", person=False) == (
        "Prices rose, according to the interior ministry."
    )
    assert name_source('"We will fight."', "Huber", person=True) == '"We will fight," Huber said.'
    assert (
        prefix_according_to("The road is closed.", "the police")
        == "According to the police, the road is closed."
    )


@pytest.mark.skipif(
    importlib.util.find_spec("service.attribution.extract") is None,
    reason="the German extractor is not in this tree yet",
)
@pytest.mark.parametrize("double", DOUBLES, ids=lambda d: d.__name__)
def test_guard_with_extracted_attributions(double: type) -> None:
    from service.attribution.extract import RuleAttributionExtractor

    hand = invented_bitext()
    extracted = RuleAttributionExtractor().extract([s.de for s in hand])
    sentences = [s.model_copy(update={"attributions": a}) for s, a in zip(hand, extracted)]
    draft = double().summarize(english_side(sentences), target_sentences=8).text
    result = AttributionGuard().guard(sentences, draft)
    assert AttributionAuditor().audit(sentences, _brief(result)).ok
    assert result.sentences
