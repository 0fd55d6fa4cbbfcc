"""The tiny-model builders: real tokenizers in the real layouts, random weights that load."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import torch
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

from service.modelbuild import bart_vocab, build_bart, marian_vocab, tiny_corpus_pairs, write_tiny_corpus
from service.modelstore import check_model_dir

GERMAN = [
    "Die Bürgermeisterin sagte, die Brücke werde im Frühjahr saniert.",
    "Laut Polizei soll der Mann allein gehandelt haben.",
    "Die Gewerkschaft kündigte einen Streik an.",
]


def test_the_tiny_corpus_is_aligned_and_attribution_rich() -> None:
    pairs = tiny_corpus_pairs()
    assert len(pairs) >= 150
    german = " ".join(de for de, _ in pairs)
    for cue in ("sagte", "Laut", "soll", "Angaben", "habe"):
        assert cue in german
    assert all(de and en and de != en for de, en in pairs)


def test_tiny_models_pass_the_service_check_and_record_their_identity(tiny_model_dir: Path) -> None:
    check_model_dir(tiny_model_dir / "opus-mt-de-en", "translation")
    check_model_dir(tiny_model_dir / "distilbart-cnn-12-6", "summarization")
    info = json.loads((tiny_model_dir / "opus-mt-de-en" / "kurzbrief-model.json").read_text(encoding="utf-8"))
    assert info["id"] == "kurzbrief/tiny-opus-mt-de-en"
    assert info["revision"] == "random-0"


def test_tiny_marian_loads_with_the_auto_classes_in_the_opus_mt_layout(tiny_model_dir: Path) -> None:
    path = tiny_model_dir / "opus-mt-de-en"
    tokenizer = AutoTokenizer.from_pretrained(path)
    model = AutoModelForSeq2SeqLM.from_pretrained(path)
    vocab = tokenizer.get_vocab()
    assert type(tokenizer).__name__ == "MarianTokenizer"
    assert type(model).__name__ == "MarianMTModel"
    assert vocab["</s>"] == 0 and vocab["<unk>"] == 1
    pad = vocab["<pad>"]
    assert pad == len(vocab) - 1 == model.config.vocab_size - 1
    assert model.config.pad_token_id == model.config.decoder_start_token_id == pad
    assert model.config.activation_function == "swish" and model.config.scale_embedding
    assert model.generation_config.bad_words_ids == [[pad]]
    assert model.generation_config.forced_eos_token_id == 0
    assert torch.count_nonzero(model.get_input_embeddings().weight[pad]) == 0
    # A trained SentencePiece model: German news text segments without unknown pieces.
    ids = tokenizer(GERMAN)["input_ids"]
    assert all(seq[-1] == 0 and 1 not in seq for seq in ids)


def test_tiny_bart_loads_with_the_auto_classes_in_the_bart_layout(tiny_model_dir: Path) -> None:
    path = tiny_model_dir / "distilbart-cnn-12-6"
    tokenizer = AutoTokenizer.from_pretrained(path)
    model = AutoModelForSeq2SeqLM.from_pretrained(path)
    vocab = tokenizer.get_vocab()
    assert type(model).__name__ == "BartForConditionalGeneration"
    assert [vocab[t] for t in ("<s>", "<pad>", "</s>", "<unk>")] == [0, 1, 2, 3]
    assert vocab["<mask>"] == len(vocab) - 1
    assert (path / "vocab.json").is_file() and (path / "merges.txt").is_file()
    text = "The mayor said the bridge would be renovated."
    ids = tokenizer(text)["input_ids"]
    assert ids[0] == 0 and ids[-1] == 2
    assert tokenizer.decode(ids, skip_special_tokens=True) == text


def test_different_inputs_give_different_outputs(tiny_model_dir: Path) -> None:
    # The point of the large init_std: a collapsed model would hide ordering bugs in tests.
    path = tiny_model_dir / "opus-mt-de-en"
    tokenizer = AutoTokenizer.from_pretrained(path)
    model = AutoModelForSeq2SeqLM.from_pretrained(path).eval()
    outputs = set()
    for sentence in GERMAN:
        with torch.inference_mode():
            generated = model.generate(
                **tokenizer([sentence], return_tensors="pt"), num_beams=1, max_new_tokens=12
            )
        outputs.add(tuple(generated[0].tolist()))
    assert len(outputs) == len(GERMAN)


def test_marian_vocab_matches_the_real_size_when_asked() -> None:
    vocab = marian_vocab(["<unk>", "<s>", "</s>", "▁a", "b"], ["<unk>", "<s>", "</s>", "▁a", "c"], 10)
    assert len(vocab) == 10
    assert vocab["</s>"] == 0 and vocab["<unk>"] == 1 and vocab["<pad>"] == 9
    assert [vocab[p] for p in ("▁a", "b", "c")] == [2, 3, 4]
    assert marian_vocab(["▁a"], ["▁a"], None) == {"</s>": 0, "<unk>": 1, "▁a": 2, "<pad>": 3}
    with pytest.raises(ValueError, match="model_vocab_size=4"):
        marian_vocab(["▁a", "b"], ["c"], 4)


def test_bart_vocab_puts_mask_just_past_the_model_rows() -> None:
    trained = {"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3, "a": 4, "b": 5}
    vocab = bart_vocab(trained, 8)
    assert len(vocab) == 9 and vocab["<mask>"] == 8 and vocab["b"] == 5
    assert bart_vocab(trained, None)["<mask>"] == 6
    with pytest.raises(ValueError, match="must put"):
        bart_vocab({"a": 0, "<s>": 1, "<pad>": 2, "</s>": 3, "<unk>": 4}, None)


def test_build_bart_with_a_real_style_vocab_size_loads(tmp_path: Path) -> None:
    # distilbart: the tokenizer has one entry more (<mask>) than the model's embedding rows.
    _, english = write_tiny_corpus(tmp_path)
    path = build_bart(
        tmp_path / "bart",
        corpus=english,
        bpe_vocab=400,
        d_model=16,
        encoder_layers=1,
        decoder_layers=1,
        heads=2,
        ffn_dim=32,
        max_positions=64,
        model_vocab_size=600,
    )
    tokenizer = AutoTokenizer.from_pretrained(path)
    model = AutoModelForSeq2SeqLM.from_pretrained(path)
    assert model.config.vocab_size == 600 and len(tokenizer) == 601
    assert tokenizer.mask_token_id == 600
    encoded = tokenizer(["The minister said so."], return_tensors="pt")
    with torch.inference_mode():
        generated = model.generate(
            **encoded, num_beams=1, max_new_tokens=5, min_new_tokens=0, max_length=None
        )
    assert generated.shape[1] <= 6
