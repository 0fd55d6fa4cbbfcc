"""Build random-weight models with real tokenizers and the real models' configuration.

Two uses: ``make_tiny`` writes tiny models for offline tests and demos (`kurzbrief models
make-tiny DIR`), and the speed benchmark builds architecture-true models (opus-mt-de-en and
distilbart-cnn-12-6 sizes) with the same builders, so every size parameter is explicit.

The tokenizers are trained on text (SentencePiece unigram for Marian, byte-level BPE for
BART) and laid out like the originals, so the service code loads these folders exactly as it
loads the downloaded models. Weights are random: outputs are gibberish, but deterministic.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

from service.modelstore import write_model_info

TINY_CORPUS = "news.de-en.tsv"
# Random weights need a large spread: with the usual 0.02, a tiny model maps every input to the
# same output ids, which would hide ordering and batching bugs in tests.
TINY_INIT_STD = 0.3


# --- the self-written parallel corpus -------------------------------------------------------------


def tiny_corpus_pairs() -> list[tuple[str, str]]:
    """(German, English) pairs of the corpus shipped in service/tiny_corpus/."""
    text = (resources.files("service") / "tiny_corpus" / TINY_CORPUS).read_text(encoding="utf-8")
    pairs = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 2:
            raise ValueError(f"{TINY_CORPUS} line {number}: expected German<TAB>English")
        pairs.append((parts[0].strip(), parts[1].strip()))
    return pairs


def write_tiny_corpus(directory: Path) -> tuple[Path, Path]:
    """Write the corpus as line-aligned de.txt / en.txt files (what the trainers read)."""
    pairs = tiny_corpus_pairs()
    de, en = Path(directory) / "tiny.de.txt", Path(directory) / "tiny.en.txt"
    de.write_text("\n".join(p[0] for p in pairs) + "\n", encoding="utf-8")
    en.write_text("\n".join(p[1] for p in pairs) + "\n", encoding="utf-8")
    return de, en


@contextmanager
def _scratch() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="kurzbrief-build-") as tmp:
        yield Path(tmp)


def _dummy_tokens(count: int, taken: set[str]) -> list[str]:
    # Placeholder entries that make the vocabulary as large as the real model's embedding matrix.
    names = (f"<kurzbrief_unused_{n}>" for n in range(10**9))
    return [name for name, _ in zip((n for n in names if n not in taken), range(count))]


# --- MarianMT (opus-mt layout) ---------------------------------------------------------------------


def _train_sentencepiece(corpus: Path, prefix: Path, vocab_size: int, seed: int) -> Path:
    import sentencepiece as spm

    spm.set_random_generator_seed(seed + 1)
    spm.SentencePieceTrainer.train(
        input=str(corpus),
        model_prefix=str(prefix),
        vocab_size=vocab_size,
        model_type="unigram",
        character_coverage=1.0,
        # A small corpus may not support the requested size; take what it supports.
        hard_vocab_limit=False,
        num_threads=1,
        minloglevel=2,
    )
    return prefix.with_suffix(".model")


def marian_vocab(
    source_pieces: list[str], target_pieces: list[str], model_vocab_size: int | None
) -> dict[str, int]:
    """Joint vocabulary in the opus-mt order: </s>=0, <unk>=1, pieces, <pad> last."""
    specials = {"<unk>", "<s>", "</s>", "<pad>"}
    tokens = ["</s>", "<unk>"]
    seen = set(tokens)
    for piece in [*source_pieces, *target_pieces]:
        if piece not in seen and piece not in specials:
            seen.add(piece)
            tokens.append(piece)
    if model_vocab_size is not None:
        if model_vocab_size < len(tokens) + 1:
            raise ValueError(
                f"model_vocab_size={model_vocab_size} is smaller than the {len(tokens) + 1} tokens "
                "the SentencePiece models need; lower sp_vocab or raise model_vocab_size"
            )
        tokens += _dummy_tokens(model_vocab_size - len(tokens) - 1, seen)
    tokens.append("<pad>")
    return {token: i for i, token in enumerate(tokens)}


def build_marian(
    out_dir: Path,
    *,
    src_corpus: Path,
    tgt_corpus: Path,
    sp_vocab: int,
    d_model: int,
    encoder_layers: int,
    decoder_layers: int,
    heads: int,
    ffn_dim: int,
    max_positions: int = 512,
    model_vocab_size: int | None = None,
    seed: int = 0,
    init_std: float = TINY_INIT_STD,
    num_beams: int = 4,
    model_id: str = "kurzbrief/random-marian",
) -> Path:
    """Write a random-weight MarianMT model with trained SentencePiece tokenizers to ``out_dir``.

    Real opus-mt-de-en: sp_vocab 32000 per side, model_vocab_size 58101, d_model 512, 6+6 layers,
    8 heads, ffn_dim 2048, max_positions 512 (init_std 0.02).
    """
    import sentencepiece as spm
    import torch
    from transformers import GenerationConfig, MarianConfig, MarianMTModel, MarianTokenizer

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with _scratch() as tmp:
        source_model = _train_sentencepiece(Path(src_corpus), tmp / "source", sp_vocab, seed)
        target_model = _train_sentencepiece(Path(tgt_corpus), tmp / "target", sp_vocab, seed)
        pieces = []
        for model_file in (source_model, target_model):
            processor = spm.SentencePieceProcessor(model_file=str(model_file))
            pieces.append([processor.id_to_piece(i) for i in range(processor.get_piece_size())])
        vocab = marian_vocab(pieces[0], pieces[1], model_vocab_size)
        vocab_file = tmp / "vocab.json"
        vocab_file.write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
        tokenizer = MarianTokenizer(
            source_spm=str(source_model),
            target_spm=str(target_model),
            vocab=str(vocab_file),
            source_lang="de",
            target_lang="en",
            model_max_length=max_positions,
        )
        tokenizer.save_pretrained(out_dir)

    pad_id, eos_id = vocab["<pad>"], vocab["</s>"]
    config = MarianConfig(
        vocab_size=len(vocab),
        decoder_vocab_size=len(vocab),
        d_model=d_model,
        encoder_layers=encoder_layers,
        decoder_layers=decoder_layers,
        encoder_attention_heads=heads,
        decoder_attention_heads=heads,
        encoder_ffn_dim=ffn_dim,
        decoder_ffn_dim=ffn_dim,
        max_position_embeddings=max_positions,
        activation_function="swish",
        scale_embedding=True,
        share_encoder_decoder_embeddings=True,
        tie_word_embeddings=True,
        pad_token_id=pad_id,
        eos_token_id=eos_id,
        bos_token_id=eos_id,
        decoder_start_token_id=pad_id,
        forced_eos_token_id=eos_id,
        init_std=init_std,
        architectures=["MarianMTModel"],
    )
    torch.manual_seed(seed)
    model = MarianMTModel(config).eval()
    with torch.no_grad():
        # Marian keeps the <pad> embedding at zero; padding must not move encoder states.
        model.get_input_embeddings().weight[pad_id].zero_()
    model.generation_config = GenerationConfig(
        num_beams=num_beams,
        max_length=max_positions,
        bad_words_ids=[[pad_id]],
        forced_eos_token_id=eos_id,
        eos_token_id=eos_id,
        pad_token_id=pad_id,
        bos_token_id=eos_id,
        decoder_start_token_id=pad_id,
    )
    model.save_pretrained(out_dir)
    write_model_info(out_dir, model_id=model_id, revision=f"random-{seed}", licence="Apache-2.0")
    return out_dir


# --- BART (distilbart-cnn layout) ------------------------------------------------------------------


def bart_vocab(trained: dict[str, int], model_vocab_size: int | None) -> dict[str, int]:
    """BART vocabulary order: <s>0 <pad>1 </s>2 <unk>3, BPE tokens, padding, <mask> last.

    With ``model_vocab_size`` the tokenizer has model_vocab_size + 1 entries and <mask> sits just
    past the embedding matrix, as in distilbart-cnn-12-6 (50264 model rows, 50265 tokens).
    """
    specials = ["<s>", "<pad>", "</s>", "<unk>"]
    ordered = sorted(trained, key=trained.__getitem__)
    if ordered[:4] != specials:
        raise ValueError(f"BPE training must put {specials} first, got {ordered[:4]}")
    tokens = [t for t in ordered if t != "<mask>"]
    if model_vocab_size is not None:
        if model_vocab_size < len(tokens):
            raise ValueError(
                f"model_vocab_size={model_vocab_size} is smaller than the {len(tokens)} trained BPE "
                "tokens; lower bpe_vocab or raise model_vocab_size"
            )
        tokens += _dummy_tokens(model_vocab_size - len(tokens), set(tokens))
    tokens.append("<mask>")
    return {token: i for i, token in enumerate(tokens)}


def build_bart(
    out_dir: Path,
    *,
    corpus: Path,
    bpe_vocab: int,
    d_model: int,
    encoder_layers: int,
    decoder_layers: int,
    heads: int,
    ffn_dim: int,
    max_positions: int = 1024,
    model_vocab_size: int | None = None,
    seed: int = 0,
    init_std: float = TINY_INIT_STD,
    model_id: str = "kurzbrief/random-bart",
) -> Path:
    """Write a random-weight BART summarizer with a trained byte-level BPE tokenizer to ``out_dir``.

    Real distilbart-cnn-12-6: bpe_vocab 50265, model_vocab_size 50264, d_model 1024, 12+6 layers,
    16 heads, ffn_dim 4096, max_positions 1024 (init_std 0.02).
    """
    import torch
    from tokenizers import ByteLevelBPETokenizer
    from transformers import BartConfig, BartForConditionalGeneration, BartTokenizer, GenerationConfig

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    bpe = ByteLevelBPETokenizer()
    bpe.train(
        files=[str(corpus)],
        vocab_size=bpe_vocab,
        min_frequency=2,
        special_tokens=["<s>", "<pad>", "</s>", "<unk>"],
        show_progress=False,
    )
    vocab = bart_vocab(bpe.get_vocab(), model_vocab_size)
    with _scratch() as tmp:
        bpe.save_model(str(tmp))  # merges.txt in the GPT-2 format BART uses
        merges_text = (tmp / "merges.txt").read_text(encoding="utf-8")
    merges = [
        tuple(line.split(" ")) for line in merges_text.splitlines() if line and not line.startswith("#")
    ]
    tokenizer = BartTokenizer(vocab=vocab, merges=merges, model_max_length=max_positions)
    tokenizer.save_pretrained(out_dir)
    # The real model ships vocab.json + merges.txt (no tokenizer.json); write that form as well.
    (out_dir / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    (out_dir / "merges.txt").write_text(merges_text, encoding="utf-8")

    bos_id, pad_id, eos_id = vocab["<s>"], vocab["<pad>"], vocab["</s>"]
    model_vocab = model_vocab_size if model_vocab_size is not None else len(vocab)
    config = BartConfig(
        vocab_size=model_vocab,
        d_model=d_model,
        encoder_layers=encoder_layers,
        decoder_layers=decoder_layers,
        encoder_attention_heads=heads,
        decoder_attention_heads=heads,
        encoder_ffn_dim=ffn_dim,
        decoder_ffn_dim=ffn_dim,
        max_position_embeddings=max_positions,
        activation_function="gelu",
        scale_embedding=False,
        pad_token_id=pad_id,
        bos_token_id=bos_id,
        eos_token_id=eos_id,
        decoder_start_token_id=eos_id,
        forced_bos_token_id=bos_id,
        forced_eos_token_id=eos_id,
        init_std=init_std,
        architectures=["BartForConditionalGeneration"],
    )
    torch.manual_seed(seed)
    model = BartForConditionalGeneration(config).eval()
    with torch.no_grad():
        model.get_input_embeddings().weight[pad_id].zero_()
    # distilbart-cnn's settings; the service passes its own lengths and never relies on these.
    model.generation_config = GenerationConfig(
        num_beams=4,
        max_length=142,
        min_length=56,
        length_penalty=2.0,
        no_repeat_ngram_size=3,
        early_stopping=True,
        bos_token_id=bos_id,
        eos_token_id=eos_id,
        pad_token_id=pad_id,
        decoder_start_token_id=eos_id,
        forced_bos_token_id=bos_id,
        forced_eos_token_id=eos_id,
    )
    model.save_pretrained(out_dir)
    write_model_info(out_dir, model_id=model_id, revision=f"random-{seed}", licence="Apache-2.0")
    return out_dir


# --- tiny models for tests -------------------------------------------------------------------------


def make_tiny(out_dir: Path, seed: int = 0) -> dict[str, Path]:
    """Tiny translation and summarization models under the Settings default folder names.

    ``KURZBRIEF_MODEL_DIR=out_dir`` then runs the whole service offline in seconds.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with _scratch() as tmp:
        de, en = write_tiny_corpus(tmp)
        translation = build_marian(
            out_dir / "opus-mt-de-en",
            src_corpus=de,
            tgt_corpus=en,
            sp_vocab=400,
            d_model=32,
            encoder_layers=1,
            decoder_layers=1,
            heads=2,
            ffn_dim=64,
            seed=seed,
            model_id="kurzbrief/tiny-opus-mt-de-en",
        )
        summarization = build_bart(
            out_dir / "distilbart-cnn-12-6",
            corpus=en,
            bpe_vocab=700,
            d_model=32,
            encoder_layers=1,
            decoder_layers=1,
            heads=2,
            ffn_dim=64,
            seed=seed,
            model_id="kurzbrief/tiny-distilbart-cnn",
        )
    return {"translation": translation, "summarization": summarization}
