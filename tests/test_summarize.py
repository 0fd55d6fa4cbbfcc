"""Summarization: the pure chunking/length helpers, and Seq2SeqSummarizer on the tiny model."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st

from service.modelstore import ModelMissingError
from service.settings import Settings
from service.stages import Summarizer
from service.summarize import (
    Seq2SeqSummarizer,
    chunk_sentences,
    load_summarizer,
    plan_units,
    special_tokens_around,
    summary_lengths,
)
from service.translate import MarianTranslator

ENGLISH = [
    "The mayor said the bridge would be renovated in the spring.",
    "According to the police, three people were slightly injured in the accident.",
    "The minister reportedly knew about the plans.",
    "A company spokesman said they were examining the allegations.",
    "The union announced a strike for Monday.",
    "According to the city, the project costs around 12 million euros.",
]


# --- pure helpers ------------------------------------------------------------------------------


def test_chunks_are_cut_at_sentence_boundaries_and_fill_the_window() -> None:
    assert chunk_sentences([3, 3, 3], 6) == [range(2), range(2, 3)]
    assert chunk_sentences([2, 4, 5, 1], 6) == [range(2), range(2, 4)]
    assert chunk_sentences([6], 6) == [range(1)]
    assert chunk_sentences([], 6) == []


def test_an_oversize_sentence_gets_a_chunk_of_its_own() -> None:
    assert chunk_sentences([2, 9, 2], 6) == [range(1), range(1, 2), range(2, 3)]
    with pytest.raises(ValueError):
        chunk_sentences([1], 0)


@given(st.lists(st.integers(min_value=1, max_value=50), max_size=40), st.integers(min_value=1, max_value=60))
def test_chunks_partition_the_sentences_in_order(counts: list[int], window: int) -> None:
    chunks = chunk_sentences(counts, window)
    assert [i for c in chunks for i in c] == list(range(len(counts)))
    for chunk in chunks:
        assert len(chunk) == 1 or sum(counts[i] for i in chunk) <= window
    for before, after in itertools.pairwise(chunks):  # greedy: the next sentence did not fit
        assert sum(counts[i] for i in before) + counts[after[0]] > window


def test_summary_length_follows_the_target_not_the_cnn_minimum() -> None:
    assert summary_lengths(800, 1, 1023) == (10, 40)
    assert summary_lengths(800, 3, 1023) == (30, 104)
    assert summary_lengths(12, 3, 1023) == (6, 104)  # never more than half the input
    assert summary_lengths(800, 20, 100) == (100, 100)  # the decoder's positions bound both
    for target in range(1, 6):
        assert summary_lengths(1000, target, 1023)[0] < 56
    with pytest.raises(ValueError):
        summary_lengths(10, 0, 100)


def test_plan_units_cuts_only_oversize_sentences_and_keeps_every_word() -> None:
    long = " ".join(f"word{i}" for i in range(25))
    units, warnings = plan_units(["Short one.", "", long], lambda s: len(s.split()), 10)
    assert units[0] == "Short one."
    assert " ".join(units[1:]).split() == long.split()
    assert all(len(u.split()) <= 10 for u in units)
    assert [(w.code, w.sentence) for w in warnings] == [("summary_sentence_split", 2)]


# --- the tiny model --------------------------------------------------------------------------


def spy_generate(summarizer: Seq2SeqSummarizer, monkeypatch: pytest.MonkeyPatch) -> list[dict[str, object]]:
    calls: list[dict[str, object]] = []
    original = summarizer.model.generate

    def recording_generate(*args: object, **kwargs: object) -> torch.Tensor:
        output = original(*args, **kwargs)
        calls.append({**kwargs, "output": output})
        return output

    monkeypatch.setattr(summarizer.model, "generate", recording_generate)
    return calls


def test_the_summarizer_meets_the_protocol_and_reports_its_model(tiny_summarizer: Seq2SeqSummarizer) -> None:
    assert isinstance(tiny_summarizer, Summarizer)
    info = tiny_summarizer.info
    assert (info.role, info.id, info.revision) == (
        "summarization",
        "kurzbrief/tiny-distilbart-cnn",
        "random-0",
    )


def test_special_tokens_are_read_from_the_tokenizer(
    tiny_summarizer: Seq2SeqSummarizer, tiny_translator: MarianTranslator
) -> None:
    assert special_tokens_around(tiny_summarizer.tokenizer) == ([0], [2])  # BART: <s> text </s>
    assert special_tokens_around(tiny_translator.tokenizer) == ([], [0])  # Marian/PEGASUS: text </s>
    assert tiny_summarizer.window == 1022


def test_a_short_article_is_summarized_in_one_pass_with_the_settings(
    tiny_summarizer: Seq2SeqSummarizer, tiny_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = spy_generate(tiny_summarizer, monkeypatch)
    result = tiny_summarizer.summarize(ENGLISH[:3], target_sentences=2)
    assert result.text and result.text == " ".join(result.text.split())
    assert result.warnings == []
    (call,) = calls
    assert call["num_beams"] == tiny_settings.summary_beams
    assert call["no_repeat_ngram_size"] == tiny_settings.summary_no_repeat_ngram_size
    assert call["length_penalty"] == tiny_settings.summary_length_penalty
    assert call["max_new_tokens"] == 72
    output = call["output"]
    assert isinstance(output, torch.Tensor)
    assert output.shape[1] - 1 <= 72  # decoder start token + at most max_new_tokens


def test_the_checkpoint_min_length_of_56_does_not_apply(tiny_settings: Settings) -> None:
    summarizer = Seq2SeqSummarizer(tiny_settings.summarization_path, beams=1, threads=1)
    assert summarizer.model.generation_config.min_length == 56  # the CNN setting is there...
    eos = summarizer.eos_token_id
    with torch.no_grad():
        summarizer.model.final_logits_bias[..., eos] = 1e4  # ...and the model wants to stop at once
    result = summarizer.summarize(ENGLISH, target_sentences=3)
    produced = len(summarizer.tokenizer(result.text, add_special_tokens=False)["input_ids"])
    min_new, _ = summary_lengths(1000, 3, 1023)
    assert produced < 56
    assert produced >= min_new - 2  # the small minimum holds (decoded text may re-tokenize a bit shorter)


def test_a_long_article_is_summarized_in_chunks_and_warned(
    tiny_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    summarizer = Seq2SeqSummarizer(tiny_settings.summarization_path, beams=1, max_input_tokens=40, threads=1)
    calls = spy_generate(summarizer, monkeypatch)
    counts = [summarizer.count_tokens(s) for s in ENGLISH]
    expected_chunks = chunk_sentences(counts, 40)
    assert len(expected_chunks) > 1

    result = summarizer.summarize(ENGLISH, target_sentences=1)

    (warning,) = [w for w in result.warnings if w.code == "summary_chunked"]
    assert f"{len(expected_chunks)} chunks" in warning.message
    assert result.text
    # Each chunk is one model call with its sentences' exact ids; inputs never exceed the window.
    inputs = [call["input_ids"] for call in calls]
    assert all(isinstance(t, torch.Tensor) and t.shape[1] <= 40 + 2 for t in inputs)
    assert len(calls) in (len(expected_chunks), len(expected_chunks) + 1)  # + the combining pass if it fit


def test_a_single_oversize_sentence_is_split_not_truncated(tiny_settings: Settings) -> None:
    summarizer = Seq2SeqSummarizer(tiny_settings.summarization_path, beams=1, max_input_tokens=20, threads=1)
    long = " ".join(ENGLISH)  # one "sentence" far over 20 tokens
    result = summarizer.summarize([long], target_sentences=1)
    codes = [w.code for w in result.warnings]
    assert "summary_sentence_split" in codes and "summary_chunked" in codes
    assert result.text


def test_empty_input_gives_an_empty_summary_without_the_model(
    tiny_summarizer: Seq2SeqSummarizer, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = spy_generate(tiny_summarizer, monkeypatch)
    assert tiny_summarizer.summarize(["", "  "], target_sentences=3).text == ""
    assert calls == []


def test_load_summarizer_without_the_model_says_how_to_get_it(tmp_path: Path) -> None:
    settings = Settings(model_dir=tmp_path, backend="transformers", threads=1)
    with pytest.raises(ModelMissingError, match="kurzbrief models download") as caught:
        load_summarizer(settings)
    assert "distilbart-cnn-12-6" in str(caught.value)


def test_load_summarizer_builds_the_configured_backend(tiny_settings: Settings) -> None:
    assert isinstance(load_summarizer(tiny_settings), Seq2SeqSummarizer)
