"""CTranslate2 backend: the same Translator / Summarizer contracts, 3-6x faster on CPU.

Models are converted once from the Hugging Face folder into ``<model dir>/ct2-<type>/``
(``models download`` does it; otherwise the first start does it and logs a line). Text is
tokenized with the model's own Hugging Face tokenizer, so token ids, sentence splitting,
batching and chunking are exactly those of the transformers backend; only the decoder loop
runs in CTranslate2.

CTranslate2 picks its GEMM backend itself: on AMD CPUs that is oneDNN. Do not set
CT2_USE_MKL=1 there; forcing Intel MKL on AMD measured 7-18x slower (docs/benchmarks.md).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from service.document import ModelInfo
from service.settings import Settings
from service.summarize import Seq2SeqSummarizer, summary_lengths
from service.translate import MarianTranslator, fit_to_budget, max_new_tokens_for

log = logging.getLogger(__name__)

CONVERSION_INFO_FILE = "kurzbrief-ct2.json"
# Compute types tried for compute_type="auto", best first.
AUTO_COMPUTE_TYPES = {"cpu": ("int8", "float32"), "cuda": ("float16", "float32")}
INSTALL_HINT = "install it with `pip install 'kurzbrief[fast]'` or set KURZBRIEF_BACKEND=transformers"


class CT2ConversionError(RuntimeError):
    """A Hugging Face model folder could not be converted for CTranslate2."""


def import_ctranslate2() -> Any:
    try:
        import ctranslate2
    except ImportError as exc:
        raise ImportError(
            f"the ctranslate2 backend needs the ctranslate2 package ({exc}); {INSTALL_HINT}"
        ) from None
    return ctranslate2


def resolve_device(device: str) -> str:
    """'auto' -> 'cuda' when CTranslate2 sees a GPU, else 'cpu'."""
    if device != "auto":
        return device
    return "cuda" if import_ctranslate2().get_cuda_device_count() > 0 else "cpu"


def resolve_compute_type(device: str, requested: str = "auto") -> str:
    """The compute type to load with: int8 on CPU and float16 on CUDA where supported.

    An explicit request this machine cannot run is an error (naming what it can run), not a
    silent fallback.
    """
    supported = set(import_ctranslate2().get_supported_compute_types(device))
    if requested != "auto":
        if requested not in supported:
            raise ValueError(
                f"CTranslate2 compute type {requested!r} is not supported on {device} here; "
                f"supported: {', '.join(sorted(supported))} (or 'auto')"
            )
        return requested
    for candidate in AUTO_COMPUTE_TYPES.get(device, ("float32",)):
        if candidate in supported:
            return candidate
    raise ValueError(f"CTranslate2 supports none of {AUTO_COMPUTE_TYPES.get(device)} on {device}")


def ct2_dir(hf_dir: Path, compute_type: str) -> Path:
    """Where the conversion of ``hf_dir`` for ``compute_type`` lives (git-ignored with the model)."""
    return Path(hf_dir) / f"ct2-{compute_type}"


def source_fingerprint(hf_dir: Path) -> str:
    """Names, sizes and mtimes of the files a conversion reads: a changed model means reconvert."""
    digest = hashlib.sha256()
    for path in sorted(Path(hf_dir).iterdir()):
        if path.is_file() and not path.name.startswith("."):
            stat = path.stat()
            digest.update(f"{path.name}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _make_converter(hf_dir: Path) -> Any:
    converters = import_ctranslate2().converters

    class _Converter(converters.TransformersConverter):  # type: ignore[misc,name-defined]
        def load_model(self, model_class: Any, model_name_or_path: str, **kwargs: Any) -> Any:
            model = super().load_model(model_class, model_name_or_path, **kwargs)
            # CTranslate2's BART loader reads the legacy config key `normalize_before`, which
            # configs written by transformers 5 no longer carry. HF BART is always post-norm.
            if getattr(model.config, "model_type", None) == "bart":
                try:
                    model.config.normalize_before  # noqa: B018 - presence check
                except AttributeError:
                    model.config.normalize_before = False
            return model

    return _Converter(str(hf_dir))


def convert_to_ct2(hf_dir: Path, out_dir: Path, quantization: str) -> Path:
    """Convert a Hugging Face Marian/BART folder into ``out_dir``, atomically.

    The conversion is written to a temporary sibling folder and renamed into place, so a
    crash or a concurrent start never leaves a half-written model behind.
    """
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    hf_dir, out_dir = Path(hf_dir), Path(out_dir)
    if not (hf_dir / "config.json").is_file():
        raise CT2ConversionError(
            f"cannot convert {hf_dir}: no config.json (is it a Hugging Face model folder?)"
        )
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_dir.parent / f".{out_dir.name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    started = time.perf_counter()
    try:
        try:
            _make_converter(hf_dir).convert(str(tmp), quantization=quantization, force=True)
        except Exception as exc:  # the converter raises many types; all mean the same here
            raise CT2ConversionError(
                f"CTranslate2 could not convert {hf_dir} ({quantization}): {type(exc).__name__}: {exc}"
            ) from exc
        info = {"quantization": quantization, "source_fingerprint": source_fingerprint(hf_dir)}
        (tmp / CONVERSION_INFO_FILE).write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
        stale = None
        if out_dir.exists():
            stale = out_dir.parent / f".{out_dir.name}.old-{uuid.uuid4().hex[:8]}"
            out_dir.rename(stale)
        try:
            tmp.rename(out_dir)
        except OSError:
            if not is_current_conversion(hf_dir, out_dir, quantization):
                raise
            # another process finished the same conversion first: keep theirs
        if stale is not None:
            shutil.rmtree(stale, ignore_errors=True)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    log.info(
        "converted %s to CTranslate2 %s in %.1f s: %s",
        hf_dir,
        quantization,
        time.perf_counter() - started,
        out_dir,
    )
    return out_dir


def is_current_conversion(hf_dir: Path, out_dir: Path, quantization: str) -> bool:
    """Whether ``out_dir`` holds a finished conversion of the current ``hf_dir`` files."""
    try:
        info = json.loads((Path(out_dir) / CONVERSION_INFO_FILE).read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError, UnicodeDecodeError):
        return False
    return (
        isinstance(info, dict)
        and info.get("quantization") == quantization
        and info.get("source_fingerprint") == source_fingerprint(hf_dir)
        and (Path(out_dir) / "model.bin").is_file()
    )


def ensure_ct2_model(hf_dir: Path, compute_type: str) -> Path:
    """The converted model for ``compute_type``, converting now if it is missing or stale."""
    out_dir = ct2_dir(hf_dir, compute_type)
    if is_current_conversion(hf_dir, out_dir, compute_type):
        return out_dir
    reason = "stale (the model files changed)" if out_dir.exists() else "missing"
    log.warning("CTranslate2 %s conversion of %s is %s; converting now (once)", compute_type, hf_dir, reason)
    return convert_to_ct2(hf_dir, out_dir, compute_type)


def convert_model(path: Path, *, role: str, compute_type: str = "int8") -> Path:
    """`models download --convert`: write the default (CPU int8) conversion of a model folder."""
    from service.modelstore import check_model_dir

    check_model_dir(Path(path), role)
    return ensure_ct2_model(Path(path), compute_type)


# --- shared plumbing of the two stages ---------------------------------------------------------------


@dataclass(frozen=True)
class LoadedCT2:
    """A converted model opened in CTranslate2, with the Hugging Face tokenizer that feeds it."""

    generator: Any  # ctranslate2.Translator
    tokenizer: Any
    device: str
    compute_type: str
    model_path: Path
    config: dict[str, Any]


def open_ct2(path: Path, role: str, *, device: str, compute_type: str, threads: int) -> LoadedCT2:
    """Check, convert if needed, and open ``path`` for CTranslate2 (intra-op threads = ``threads``)."""
    from transformers import AutoTokenizer

    from service.modelstore import check_model_dir

    ctranslate2 = import_ctranslate2()
    path = Path(path)
    check_model_dir(path, role)
    device = resolve_device(device)
    compute_type = resolve_compute_type(device, compute_type)
    model_path = ensure_ct2_model(path, compute_type)
    generator = ctranslate2.Translator(
        str(model_path),
        device=device,
        compute_type=compute_type,
        # One batch at a time, all cores on it: inter_threads > 1 only pays with many
        # concurrent batches, and would multiply the memory.
        intra_threads=max(0, threads),
        inter_threads=1,
    )
    config = json.loads((path / "config.json").read_text(encoding="utf-8"))
    tokenizer = AutoTokenizer.from_pretrained(path)
    log.info("loaded %s with CTranslate2 (%s, %s, %d threads)", path, device, compute_type, threads)
    return LoadedCT2(generator, tokenizer, device, compute_type, model_path, config)


def _model_info(role: str, path: Path, loaded: LoadedCT2) -> ModelInfo:
    from service.modelstore import read_model_info

    model_id, revision = read_model_info(path)
    return ModelInfo(
        role=role,  # type: ignore[arg-type]
        id=model_id,
        revision=revision,
        path=str(loaded.model_path),
        backend="ctranslate2",
        device=loaded.device,
    )


def ids_to_tokens(tokenizer: Any, batch_ids: Sequence[Sequence[int]]) -> list[list[str]]:
    """CTranslate2 takes token strings: the tokenizer's own pieces for its ids."""
    return [tokenizer.convert_ids_to_tokens(list(ids)) for ids in batch_ids]


def tokens_to_text(tokenizer: Any, tokens: Sequence[str]) -> str:
    ids = tokenizer.convert_tokens_to_ids(list(tokens))
    return " ".join(tokenizer.decode(ids, skip_special_tokens=True).split())


# --- translation ---------------------------------------------------------------------------------------


class CT2Translator:
    """The CTranslate2 translation backend; same segments, batches and warnings as MarianTranslator."""

    info: ModelInfo

    def __init__(
        self,
        path: Path,
        *,
        device: str = "cpu",
        compute_type: str = "auto",
        beams: int = 4,
        batch_size: int = 16,
        max_input_tokens: int = 510,
        max_length_ratio: float = 2.0,
        threads: int = 0,
    ) -> None:
        path = Path(path)
        loaded = open_ct2(path, "translation", device=device, compute_type=compute_type, threads=threads)
        self.generator = loaded.generator
        self.tokenizer = loaded.tokenizer
        self.device = loaded.device
        self.compute_type = loaded.compute_type
        self.beams = beams
        self.batch_size = batch_size
        self.max_length_ratio = max_length_ratio
        positions = int(loaded.config.get("max_position_embeddings", 512))
        self.max_new_tokens_cap = positions - 1  # as the transformers backend: start token takes one
        self.max_input_tokens = min(max_input_tokens, positions)
        generation = _generation_config(path)
        eos = generation.get("eos_token_id", loaded.config.get("eos_token_id"))
        self.eos_token_id = int(eos[0] if isinstance(eos, list) else eos)
        # opus-mt closes with </s> at the length limit (forced_eos_token_id); the budget cut
        # mirrors that, as the transformers backend does.
        self.forces_eos = (
            generation.get("forced_eos_token_id", loaded.config.get("forced_eos_token_id")) is not None
        )
        self.info = _model_info("translation", path, loaded)

    @classmethod
    def from_settings(cls, settings: Settings) -> CT2Translator:
        return cls(
            settings.translation_path,
            device=settings.device,
            compute_type=settings.ct2_compute_type,
            beams=settings.translation_beams,
            batch_size=settings.translation_batch_size,
            max_input_tokens=settings.translation_max_input_tokens,
            max_length_ratio=settings.translation_max_length_ratio,
            threads=settings.resolved_threads(),
        )

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """Model input length of each text, the end-of-sentence token included."""
        return [len(ids) for ids in self.tokenizer(list(texts))["input_ids"]]

    # Segmenting, length-sorted batching, re-joining and the warnings are the transformers
    # backend's own code: only _generate differs, so both backends agree by construction.
    translate_sentences = MarianTranslator.translate_sentences  # type: ignore[assignment]

    def generate_ids(
        self, batch_ids: Sequence[Sequence[int]], *, max_new_tokens: int, beams: int
    ) -> list[list[int]]:
        """Token ids (no start / end token) of each source; the level the equivalence tests check."""
        results = self.generator.translate_batch(
            ids_to_tokens(self.tokenizer, batch_ids),
            beam_size=beams,
            max_decoding_length=max_new_tokens,
            max_input_length=0,  # never truncate silently; plan_segments already bounds inputs
        )
        return [self.tokenizer.convert_tokens_to_ids(r.hypotheses[0]) for r in results]

    def _generate(self, texts: list[str]) -> tuple[list[str], list[bool]]:
        batch_ids = self.tokenizer(texts)["input_ids"]
        budgets = [
            max_new_tokens_for(len(ids), self.max_length_ratio, self.max_new_tokens_cap) for ids in batch_ids
        ]
        limit = max(budgets)
        generated = self.generate_ids(batch_ids, max_new_tokens=limit, beams=self.beams)
        texts_out: list[str] = []
        limited: list[bool] = []
        for ids, budget in zip(generated, budgets):
            # CTranslate2 leaves the end token out: a hypothesis shorter than the limit ended with it.
            content = [*ids, self.eos_token_id] if len(ids) < limit else ids
            # Each row cut to its own budget, exactly as the transformers backend does.
            tokens, hit = fit_to_budget(
                content, budget, eos_token_id=self.eos_token_id, forces_eos=self.forces_eos
            )
            texts_out.append(" ".join(self.tokenizer.decode(tokens, skip_special_tokens=True).split()))
            limited.append(hit)
        return texts_out, limited


# --- summarization -------------------------------------------------------------------------------------


class CT2Summarizer:
    """The CTranslate2 summarization backend; same units, chunks and lengths as Seq2SeqSummarizer."""

    info: ModelInfo

    def __init__(
        self,
        path: Path,
        *,
        device: str = "cpu",
        compute_type: str = "auto",
        beams: int = 4,
        max_input_tokens: int = 1022,
        no_repeat_ngram_size: int = 3,
        length_penalty: float = 2.0,
        threads: int = 0,
    ) -> None:
        path = Path(path)
        loaded = open_ct2(path, "summarization", device=device, compute_type=compute_type, threads=threads)
        self.generator = loaded.generator
        self.tokenizer = loaded.tokenizer
        self.device = loaded.device
        self.compute_type = loaded.compute_type
        self.beams = beams
        self.no_repeat_ngram_size = no_repeat_ngram_size
        self.length_penalty = length_penalty
        positions = int(loaded.config.get("max_position_embeddings", 1024))
        self.window = min(max_input_tokens, positions - 2)  # <s> and </s> around the text
        self.max_new_tokens_cap = positions - 1
        self.bos_token_id = self.tokenizer.bos_token_id
        self.eos_token_id = self.tokenizer.eos_token_id
        # distilbart-cnn forces <s> as the first generated token (forced_bos_token_id); CTranslate2
        # has no such option, so it is given as the target prefix (it counts towards the lengths,
        # as the forced token does in transformers).
        forced_bos = _generation_config(path).get(
            "forced_bos_token_id", loaded.config.get("forced_bos_token_id")
        )
        self.target_prefix = (
            [self.tokenizer.convert_ids_to_tokens(int(forced_bos))] if forced_bos is not None else None
        )
        self.info = _model_info("summarization", path, loaded)

    @classmethod
    def from_settings(cls, settings: Settings) -> CT2Summarizer:
        return cls(
            settings.summarization_path,
            device=settings.device,
            compute_type=settings.ct2_compute_type,
            beams=settings.summary_beams,
            max_input_tokens=settings.summary_max_input_tokens,
            no_repeat_ngram_size=settings.summary_no_repeat_ngram_size,
            length_penalty=settings.summary_length_penalty,
            threads=settings.resolved_threads(),
        )

    # Units, chunking, the second pass and the warnings are the transformers backend's own code.
    _ids = Seq2SeqSummarizer._ids
    count_tokens = Seq2SeqSummarizer.count_tokens
    summarize = Seq2SeqSummarizer.summarize  # type: ignore[assignment]

    def generate_ids(
        self, ids: Sequence[int], *, min_new_tokens: int, max_new_tokens: int, beams: int
    ) -> list[int]:
        """Generated ids (forced <s> included, no end token) for one encoder input with specials."""
        results = self.generator.translate_batch(
            ids_to_tokens(self.tokenizer, [ids]),
            target_prefix=[self.target_prefix] if self.target_prefix else None,
            beam_size=beams,
            no_repeat_ngram_size=self.no_repeat_ngram_size,
            length_penalty=self.length_penalty,
            min_decoding_length=min_new_tokens,
            max_decoding_length=max_new_tokens,
            max_input_length=0,  # never truncate silently; chunking already fits the window
        )
        return self.tokenizer.convert_tokens_to_ids(results[0].hypotheses[0])

    def _generate(self, ids: list[int], target_sentences: int) -> str:
        min_new, max_new = summary_lengths(len(ids), target_sentences, self.max_new_tokens_cap)
        generated = self.generate_ids(
            [self.bos_token_id, *ids, self.eos_token_id],
            min_new_tokens=min_new,
            max_new_tokens=max_new,
            beams=self.beams,
        )
        return " ".join(self.tokenizer.decode(generated, skip_special_tokens=True).split())


def _generation_config(path: Path) -> dict[str, Any]:
    try:
        data = json.loads((Path(path) / "generation_config.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    return data if isinstance(data, dict) else {}
