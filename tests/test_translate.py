"""Translation: the pure batching/splitting helpers, and MarianTranslator on the tiny model."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st

from service.clauses import split_to_fit, split_words_to_fit
from service.modelstore import ModelMissingError
from service.settings import Settings
from service.stages import Translator
from service.translate import (
    MarianTranslator,
    fit_to_budget,
    length_sorted_batches,
    load_translator,
    max_new_tokens_for,
    plan_segments,
)

SENTENCES = [
    "Die Bürgermeisterin sagte, die Brücke werde im Frühjahr saniert.",
    "Laut Polizei wurden drei Menschen leicht verletzt.",
    "Der Minister soll von den Plänen gewusst haben.",
    "Die Gewerkschaft kündigte einen Streik für Montag an.",
    "Nach Angaben der Stadt kostet das Projekt rund 12 Millionen Euro.",
]
LONG_SENTENCE = (
    "Der Sprecher der Stadt sagte am Montag, die Sanierung der alten Brücke werde deutlich teurer "
    "als geplant; die Opposition kritisierte das: Man habe die Kosten von Anfang an verschwiegen, "
    "und der Bürgermeister solle nun erklären, warum die Gutachten erst im Herbst vorgelegt worden seien."
)


def words(text: str) -> int:
    return len(text.split())


# --- pure helpers ------------------------------------------------------------------------------


def test_batches_group_similar_lengths_longest_first_and_cover_every_index() -> None:
    lengths = [5, 40, 7, 38, 6, 41]
    batches = length_sorted_batches(lengths, 2)
    assert batches == [[5, 1], [3, 2], [4, 0]]
    assert length_sorted_batches([], 4) == []
    with pytest.raises(ValueError):
        length_sorted_batches([1], 0)


@given(st.lists(st.integers(min_value=1, max_value=600), max_size=60), st.integers(min_value=1, max_value=20))
def test_batches_are_a_partition_of_the_indices(lengths: list[int], batch_size: int) -> None:
    batches = length_sorted_batches(lengths, batch_size)
    assert sorted(i for b in batches for i in b) == list(range(len(lengths)))
    assert all(1 <= len(b) <= batch_size for b in batches)


def test_output_budget_follows_the_ratio_and_the_model_limit() -> None:
    assert max_new_tokens_for(20, 2.0, 511) == 50
    assert max_new_tokens_for(400, 2.0, 511) == 511
    assert max_new_tokens_for(0, 0.5, 511) == 10


def test_rows_are_cut_back_to_their_own_budget_as_if_generated_alone() -> None:
    eos = 0
    # Ended on its own within budget: kept whole, not flagged.
    assert fit_to_budget([5, 6, eos], 4, eos_token_id=eos, forces_eos=True) == ([5, 6, eos], False)
    # Ran past its own budget in a batch of longer sentences: alone it would have been closed
    # with a forced </s> at step 4, i.e. three tokens of its own.
    assert fit_to_budget([5, 6, 7, 8, 9, eos], 4, eos_token_id=eos, forces_eos=True) == ([5, 6, 7], True)
    assert fit_to_budget([5, 6, 7, 8, 9, eos], 4, eos_token_id=eos, forces_eos=False) == ([5, 6, 7, 8], True)
    # </s> exactly at the last allowed step: natural without forcing, indistinguishable with it.
    assert fit_to_budget([5, 6, 7, eos], 4, eos_token_id=eos, forces_eos=False) == ([5, 6, 7, eos], False)
    assert fit_to_budget([5, 6, 7, eos], 4, eos_token_id=eos, forces_eos=True) == ([5, 6, 7, eos], True)


def test_long_sentences_are_cut_at_the_strongest_clause_boundary_first() -> None:
    pieces = split_to_fit(LONG_SENTENCE, lambda s: words(s) <= 20)
    assert "".join(pieces) == LONG_SENTENCE
    assert all(words(p) <= 20 for p in pieces)
    # The semicolon wins over the earlier comma; the overlong last clause is cut at a comma.
    assert pieces == [
        (
            "Der Sprecher der Stadt sagte am Montag, die Sanierung der alten Brücke werde deutlich teurer "
            "als geplant;"
        ),
        " die Opposition kritisierte das:",
        " Man habe die Kosten von Anfang an verschwiegen, und der Bürgermeister solle nun erklären,",
        " warum die Gutachten erst im Herbst vorgelegt worden seien.",
    ]


def test_conjunctions_are_boundaries_when_there_is_no_punctuation() -> None:
    text = "Die Stadt baut neue Radwege weil die Zahl der Radfahrer stark gestiegen ist"
    assert split_to_fit(text, lambda s: words(s) <= 7) == [
        "Die Stadt baut neue Radwege",
        " weil die Zahl der Radfahrer stark gestiegen ",  # still too long: word fallback
        "ist",
    ]


def test_word_and_character_fallbacks_never_drop_text() -> None:
    text = "eins zwei drei vier fünf sechs sieben"
    pieces = split_words_to_fit(text, lambda s: words(s) <= 3)
    assert pieces == ["eins zwei drei ", "vier fünf sechs ", "sieben"]
    blob = "x" * 25
    assert split_to_fit(blob, lambda s: len(s) <= 10) == ["x" * 10, "x" * 10, "x" * 5]


@given(
    st.lists(
        st.sampled_from(
            ["Die", "Stadt", "sagte,", "und", "weil", "–", "Bahn;", "Plan:", "12", "Mio.", "xxxxxxxxxxxx"]
        ),
        min_size=1,
        max_size=60,
    ),
    st.integers(min_value=3, max_value=40),
)
def test_splitting_reassembles_exactly_and_every_piece_fits(tokens: list[str], budget: int) -> None:
    text = " ".join(tokens)
    pieces = split_to_fit(text, lambda s: len(s) <= budget)
    assert "".join(pieces) == text
    assert all(0 < len(p) <= budget for p in pieces)


def test_plan_segments_skips_empty_sentences_and_warns_for_each_split() -> None:
    def count(texts: list[str]) -> list[int]:
        return [words(t) + 1 for t in texts]  # +1: the end-of-sentence token

    segments, warnings = plan_segments(["Kurz.", "  ", LONG_SENTENCE, ""], count, 16)
    assert [s.sentence for s in segments][:1] == [0]
    assert {s.sentence for s in segments} == {0, 2}
    long_pieces = [s.text for s in segments if s.sentence == 2]
    assert len(long_pieces) > 1
    assert " ".join(long_pieces).split() == LONG_SENTENCE.split()
    assert all(s.tokens <= 16 for s in segments)
    assert [(w.code, w.sentence) for w in warnings] == [("sentence_split", 2)]


# --- the tiny model --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def greedy_translator(tiny_settings: Settings) -> MarianTranslator:
    return MarianTranslator(tiny_settings.translation_path, beams=1, batch_size=4, threads=1)


def test_the_translator_meets_the_protocol_and_reports_its_model(tiny_translator: MarianTranslator) -> None:
    assert isinstance(tiny_translator, Translator)
    info = tiny_translator.info
    assert (info.role, info.id, info.revision) == ("translation", "kurzbrief/tiny-opus-mt-de-en", "random-0")
    assert (info.backend, info.device) == ("transformers", "cpu")


def test_one_non_empty_output_per_input_in_input_order(greedy_translator: MarianTranslator) -> None:
    forward = greedy_translator.translate_sentences(SENTENCES).texts
    backward = greedy_translator.translate_sentences(SENTENCES[::-1]).texts
    assert len(forward) == len(SENTENCES)
    assert all(t.strip() for t in forward)
    assert backward == forward[::-1]
    assert len(set(forward)) > 1


def test_batched_and_one_by_one_greedy_translations_are_identical(
    greedy_translator: MarianTranslator,
) -> None:
    batched = greedy_translator.translate_sentences(SENTENCES).texts
    single = [greedy_translator.translate_sentences([s]).texts[0] for s in SENTENCES]
    assert batched == single


def test_empty_sentences_map_to_empty_strings_without_calling_the_model(
    greedy_translator: MarianTranslator, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[object] = []
    original = greedy_translator.model.generate

    def counting_generate(*args: object, **kwargs: object) -> torch.Tensor:
        calls.append(kwargs)
        return original(*args, **kwargs)

    monkeypatch.setattr(greedy_translator.model, "generate", counting_generate)
    assert greedy_translator.translate_sentences(["", "  \n"]).texts == ["", ""]
    assert calls == []
    result = greedy_translator.translate_sentences(["", SENTENCES[0], " "])
    assert result.texts[0] == "" and result.texts[2] == "" and result.texts[1]
    assert len(calls) == 1
    assert greedy_translator.translate_sentences([]).texts == []


def test_a_sentence_longer_than_the_input_limit_is_split_translated_and_warned(
    tiny_settings: Settings,
) -> None:
    translator = MarianTranslator(tiny_settings.translation_path, beams=1, max_input_tokens=16, threads=1)
    short = "Der Zug hatte Verspätung."  # 12 tokens with the tiny tokenizer
    assert translator.count_tokens([short])[0] <= 16
    result = translator.translate_sentences([short, LONG_SENTENCE])

    segments, _ = plan_segments([LONG_SENTENCE], translator.count_tokens, 16)
    assert len(segments) > 1
    assert all(translator.count_tokens([s.text])[0] <= 16 for s in segments)
    assert " ".join(s.text for s in segments).split() == LONG_SENTENCE.split()  # no source text lost
    splits = [w for w in result.warnings if w.code == "sentence_split"]
    assert [w.sentence for w in splits] == [1]
    assert "16" in splits[0].message
    pieces = [translator.translate_sentences([s.text]).texts[0] for s in segments]
    assert result.texts[1] == " ".join(pieces)
    assert result.texts[0] and not any(w.sentence == 0 for w in splits)


def test_length_limit_warning_only_when_the_output_budget_is_used_up(tiny_settings: Settings) -> None:
    translator = MarianTranslator(tiny_settings.translation_path, beams=1, threads=1)
    # Random weights rarely emit </s>: the output runs into the budget and is flagged.
    flagged = translator.translate_sentences(SENTENCES[:2])
    assert {w.sentence for w in flagged.warnings if w.code == "translation_hit_length_limit"} == {0, 1}
    # Make </s> the most likely token: outputs stop at once and nothing is flagged.
    with torch.no_grad():
        translator.model.final_logits_bias[..., 0] = 1e4
    stopped = translator.translate_sentences(SENTENCES[:2])
    assert not [w for w in stopped.warnings if w.code == "translation_hit_length_limit"]


def test_load_translator_builds_the_configured_backend(tiny_settings: Settings) -> None:
    translator = load_translator(tiny_settings)
    assert isinstance(translator, MarianTranslator)


def test_load_translator_without_the_model_says_how_to_get_it(tmp_path: Path) -> None:
    settings = Settings(model_dir=tmp_path, backend="transformers", threads=1)
    with pytest.raises(ModelMissingError, match="kurzbrief models download") as caught:
        load_translator(settings)
    assert str(tmp_path / "opus-mt-de-en") in str(caught.value)
