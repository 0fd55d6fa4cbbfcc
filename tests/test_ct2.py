"""The CTranslate2 backend: conversion, and token-for-token agreement with transformers.

The tiny models have init_std 0.3, so different inputs give different outputs; the tests
assert that too, else "identical ids" would hold trivially.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

pytest.importorskip("ctranslate2")

from service.backends import ct2
from service.settings import Settings

# Invented German news sentences (not from any data set), of varied lengths.
GERMAN = [
    "Der Bürgermeister sagte am Montag, die Brücke werde im Sommer gesperrt.",
    "Laut Polizei wurde niemand verletzt.",
    "Die Regierung soll den Plan bereits im Januar gekannt haben, berichtet die Zeitung.",
    "Der Zug fuhr um acht Uhr ab.",
    (
        "Nach Angaben des Ministeriums stiegen die Kosten im vergangenen Jahr um zwölf Prozent, "
        "während die Einnahmen sanken."
    ),
    "Sie widersprach.",
]
ENGLISH = [
    "The mayor said on Monday that the bridge would be closed in the summer.",
    "According to the police, nobody was injured.",
    "The government is said to have known about the plan in January, the newspaper reports.",
    "The train left at eight o'clock.",
    "The ministry said costs rose by twelve percent last year while revenue fell.",
]


@pytest.fixture(scope="module")
def marian_path(tiny_model_dir: Path) -> Path:
    return tiny_model_dir / "opus-mt-de-en"


@pytest.fixture(scope="module")
def bart_path(tiny_model_dir: Path) -> Path:
    return tiny_model_dir / "distilbart-cnn-12-6"


@pytest.fixture(scope="module")
def ct2_translator_f32(marian_path: Path) -> ct2.CT2Translator:
    return ct2.CT2Translator(marian_path, compute_type="float32", beams=1, batch_size=4, threads=1)


@pytest.fixture(scope="module")
def ct2_summarizer_f32(bart_path: Path) -> ct2.CT2Summarizer:
    return ct2.CT2Summarizer(bart_path, compute_type="float32", beams=1, threads=1)


# --- compute types and conversion ----------------------------------------------------------------


def test_compute_type_auto_is_int8_on_cpu_and_explicit_must_be_supported() -> None:
    import ctranslate2

    supported = ctranslate2.get_supported_compute_types("cpu")
    assert ct2.resolve_compute_type("cpu", "auto") == ("int8" if "int8" in supported else "float32")
    assert ct2.resolve_compute_type("cpu", "float32") == "float32"
    with pytest.raises(ValueError, match="not supported on cpu"):
        ct2.resolve_compute_type("cpu", "no_such_type")


def test_conversion_is_atomic_and_reconverts_when_the_model_changes(
    tmp_path: Path, marian_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    import shutil

    model = tmp_path / "model"
    shutil.copytree(marian_path, model, ignore=shutil.ignore_patterns("ct2-*"))
    with caplog.at_level(logging.WARNING, logger="service.backends.ct2"):
        out = ct2.ensure_ct2_model(model, "int8")
    assert out == model / "ct2-int8" and (out / "model.bin").is_file()
    assert "missing; converting now" in caplog.text
    assert ct2.is_current_conversion(model, out, "int8")
    assert not [p.name for p in model.iterdir() if p.name.startswith(".")]  # no temp folders left

    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="service.backends.ct2"):
        assert ct2.ensure_ct2_model(model, "int8") == out
    assert caplog.text == ""  # current: not converted again

    config = model / "config.json"
    stat = config.stat()
    os.utime(config, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    assert not ct2.is_current_conversion(model, out, "int8")
    with caplog.at_level(logging.WARNING, logger="service.backends.ct2"):
        ct2.ensure_ct2_model(model, "int8")
    assert "stale" in caplog.text
    assert ct2.is_current_conversion(model, out, "int8")


def test_failed_conversion_leaves_nothing_behind(tmp_path: Path) -> None:
    model = tmp_path / "broken"
    model.mkdir()
    (model / "config.json").write_text('{"model_type": "no-such-architecture"}', encoding="utf-8")
    with pytest.raises(ct2.CT2ConversionError, match="could not convert"):
        ct2.convert_to_ct2(model, model / "ct2-int8", "int8")
    assert sorted(p.name for p in model.iterdir()) == ["config.json"]


# --- equivalence with transformers (float32, greedy) -------------------------------------------------


def test_marian_ids_match_transformers_token_for_token(
    ct2_translator_f32: ct2.CT2Translator, marian_path: Path
) -> None:
    import torch
    from transformers import AutoModelForSeq2SeqLM

    hf = AutoModelForSeq2SeqLM.from_pretrained(marian_path).eval()
    tokenizer = ct2_translator_f32.tokenizer
    outputs = []
    for sentence in GERMAN:
        ids = tokenizer(sentence)["input_ids"]
        budget = round(1.1 * len(ids))
        with torch.inference_mode():
            # forced_eos off: at the length limit transformers would force </s> where CT2 emits a token
            expected = hf.generate(
                torch.tensor([ids]),
                num_beams=1,
                max_new_tokens=budget,
                max_length=None,
                forced_eos_token_id=None,
            )[0].tolist()[1:]  # drop the decoder start token
        if expected and expected[-1] == hf.config.eos_token_id:
            expected = expected[:-1]  # CT2 leaves the end token out
        got = ct2_translator_f32.generate_ids([ids], max_new_tokens=budget, beams=1)[0]
        assert got == expected, sentence
        outputs.append(tuple(got))
    assert len(set(outputs)) >= 3, "tiny model maps inputs to the same ids: the check would be vacuous"


def test_ct2_translator_matches_the_transformers_backend_batched(
    ct2_translator_f32: ct2.CT2Translator, tiny_model_dir: Path
) -> None:
    from service.stages import Translator
    from service.translate import MarianTranslator

    # Default generation config (forced </s> at the limit, as opus-mt): both backends cut each
    # batch row to its own budget, so the texts must agree exactly under greedy search.
    hf = MarianTranslator(tiny_model_dir / "opus-mt-de-en", beams=1, batch_size=4, threads=1)
    assert hf.forces_eos and ct2_translator_f32.forces_eos
    assert isinstance(ct2_translator_f32, Translator)
    got = ct2_translator_f32.translate_sentences(GERMAN)
    expected = hf.translate_sentences(GERMAN)
    assert got.texts == expected.texts
    assert [(w.code, w.sentence) for w in got.warnings] == [(w.code, w.sentence) for w in expected.warnings]
    assert len(set(got.texts)) >= 3
    # A translation does not depend on its batch neighbours.
    alone = [ct2_translator_f32.translate_sentences([s]).texts[0] for s in GERMAN]
    assert alone == got.texts


def test_bart_ids_match_transformers_token_for_token(
    ct2_summarizer_f32: ct2.CT2Summarizer, bart_path: Path
) -> None:
    import torch
    from transformers import AutoModelForSeq2SeqLM

    hf = AutoModelForSeq2SeqLM.from_pretrained(bart_path).eval()
    tokenizer = ct2_summarizer_f32.tokenizer
    outputs = []
    for start in range(len(ENGLISH) - 1):
        ids = tokenizer(" ".join(ENGLISH[start : start + 2]))["input_ids"]
        with torch.inference_mode():
            expected = hf.generate(
                torch.tensor([ids]),
                num_beams=1,
                min_new_tokens=6,
                max_new_tokens=24,
                max_length=None,
                min_length=None,
                no_repeat_ngram_size=ct2_summarizer_f32.no_repeat_ngram_size,
                forced_eos_token_id=None,
            )[0].tolist()[1:]  # drop the decoder start token; the forced <s> stays
        if expected and expected[-1] == hf.config.eos_token_id:
            expected = expected[:-1]
        got = ct2_summarizer_f32.generate_ids(ids, min_new_tokens=6, max_new_tokens=24, beams=1)
        assert got == expected
        assert got[0] == tokenizer.bos_token_id  # the forced BOS of distilbart-cnn
        outputs.append(tuple(got))
    assert len(set(outputs)) >= 3, "tiny model maps inputs to the same ids: the check would be vacuous"


def test_ct2_summarizer_matches_the_transformers_backend(
    ct2_summarizer_f32: ct2.CT2Summarizer, tiny_model_dir: Path
) -> None:
    from service.stages import Summarizer
    from service.summarize import Seq2SeqSummarizer

    hf = Seq2SeqSummarizer(tiny_model_dir / "distilbart-cnn-12-6", beams=1, threads=1)
    hf.model.generation_config.forced_eos_token_id = None
    assert isinstance(ct2_summarizer_f32, Summarizer)
    for target in (1, 2):
        got = ct2_summarizer_f32.summarize(ENGLISH, target_sentences=target)
        assert got.text == hf.summarize(ENGLISH, target_sentences=target).text
        assert got.text


def test_ct2_summarizer_chunks_long_input_like_transformers(tiny_model_dir: Path) -> None:
    # A window of 64 tokens forces several chunks and the second pass.
    small = ct2.CT2Summarizer(
        tiny_model_dir / "distilbart-cnn-12-6",
        compute_type="float32",
        beams=1,
        threads=1,
        max_input_tokens=64,
    )
    from service.summarize import Seq2SeqSummarizer

    hf = Seq2SeqSummarizer(tiny_model_dir / "distilbart-cnn-12-6", beams=1, threads=1, max_input_tokens=64)
    hf.model.generation_config.forced_eos_token_id = None
    got = small.summarize(ENGLISH * 2, target_sentences=1)
    assert "summary_chunked" in [w.code for w in got.warnings]
    assert got.text == hf.summarize(ENGLISH * 2, target_sentences=1).text


# --- the default int8 path through the settings ------------------------------------------------------


def test_int8_backends_load_from_settings(tiny_model_dir: Path) -> None:
    from service.summarize import load_summarizer
    from service.translate import load_translator

    settings = Settings(model_dir=tiny_model_dir, backend="ctranslate2", threads=1, translation_cache_size=0)
    translator = load_translator(settings)
    assert isinstance(translator, ct2.CT2Translator)
    assert translator.compute_type == ct2.resolve_compute_type("cpu", "auto")
    assert translator.info.backend == "ctranslate2"
    assert translator.info.path.endswith(f"ct2-{translator.compute_type}")
    result = translator.translate_sentences(["Der Zug fuhr ab.", "", "Die Stadt wächst."])
    assert len(result.texts) == 3 and result.texts[1] == "" and result.texts[0] and result.texts[2]

    summarizer = load_summarizer(settings)
    assert isinstance(summarizer, ct2.CT2Summarizer)
    assert summarizer.summarize(ENGLISH, target_sentences=2).text


def test_missing_model_names_the_fix(tmp_path: Path) -> None:
    from service.modelstore import ModelMissingError

    with pytest.raises(ModelMissingError, match="make-tiny"):
        ct2.CT2Translator(tmp_path / "absent", threads=1)
