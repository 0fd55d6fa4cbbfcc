"""`kurzbrief bench`: the service's pipeline against a hand-written transformers baseline.

Real weights cannot be assumed (offline machines, CI), so the benchmark builds
**architecture-true random-weight models** once (opus-mt-de-en and distilbart-cnn-12-6
shapes, real trained tokenizers padded to the full vocabularies) and forces the output
lengths, which fixes the compute to what real use costs:

* translation: round(1.1 x source tokens) new tokens per sentence; in a batch every sequence
  gets round(1.1 x the batch's longest source) (one length per batch is all ``generate`` and
  ``translate_batch`` allow), so batches decode some padding; tokens/s counts only the
  useful per-sentence tokens, identical for both sides.
* summarization: exactly 80 new tokens per summarizer call.

``baseline`` is what one writes by hand with transformers: each sentence through
``generate()`` (fp32, beam 4), then the summarizer on the joined translation (beam 4,
truncated to the model window as such code does). ``kurzbrief`` is ``BriefPipeline`` with the
default settings (translation cache off, so repeats do not flatter it). Both run in one
process, alternating, after one warm-up each; medians are reported. Peak RSS of the default
configuration alone is measured in a fresh process.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")

DATA_DIR = Path(os.environ.get("KURZBRIEF_DATA_DIR", "/work/shared/data"))
DEFAULT_ARTICLE_ID = "gnad-0513"  # 751 words, category Inland
SCALING_WORDS = (250, 750, 2500)
TRANSLATION_LENGTH_RATIO = 1.1
SUMMARY_NEW_TOKENS = 80
BASELINE_BEAMS = 4
BASELINE_SUMMARY_MAX_INPUT = 1024

# Architecture of the real checkpoints (config.json of Helsinki-NLP/opus-mt-de-en and
# sshleifer/distilbart-cnn-12-6). Tokenizers: 8000-piece SentencePiece / BPE trained on
# newstest (or the package's tiny corpus), padded to the real vocabulary sizes.
MARIAN_SHAPE: dict[str, Any] = {
    "sp_vocab": 8000,
    "d_model": 512,
    "encoder_layers": 6,
    "decoder_layers": 6,
    "heads": 8,
    "ffn_dim": 2048,
    "max_positions": 512,
    "model_vocab_size": 58101,
    "init_std": 0.02,
}
BART_SHAPE: dict[str, Any] = {
    "bpe_vocab": 8000,
    "d_model": 1024,
    "encoder_layers": 12,
    "decoder_layers": 6,
    "heads": 16,
    "ffn_dim": 4096,
    "max_positions": 1024,
    "model_vocab_size": 50264,
    "init_std": 0.02,
}
# The test path: same code, models small enough to build and run in seconds.
TINY_MARIAN_SHAPE: dict[str, Any] = {
    "sp_vocab": 400,
    "d_model": 32,
    "encoder_layers": 1,
    "decoder_layers": 1,
    "heads": 2,
    "ffn_dim": 64,
    "max_positions": 512,
    "model_vocab_size": None,
    "init_std": 0.3,
}
TINY_BART_SHAPE: dict[str, Any] = {
    "bpe_vocab": 700,
    "d_model": 32,
    "encoder_layers": 1,
    "decoder_layers": 1,
    "heads": 2,
    "ffn_dim": 64,
    "max_positions": 1024,
    "model_vocab_size": None,
    "init_std": 0.3,
}
TRANSLATION_DIR, SUMMARIZATION_DIR = "opus-mt-de-en", "distilbart-cnn-12-6"
STAMP_FILE = "bench-models.json"


# --- models ------------------------------------------------------------------------------------------


def _corpus_files(work: Path, data_dir: Path) -> tuple[Path, Path, str]:
    """German and English training text for the tokenizers: newstest when present, else tiny."""
    names = ("newstest2017", "newstest2018")
    if all((data_dir / f"{n}.{ext}").is_file() for n in names for ext in ("deu", "eng")):
        de, en = work / "corpus.de.txt", work / "corpus.en.txt"
        de.write_text(
            "".join((data_dir / f"{n}.deu").read_text(encoding="utf-8") for n in names), encoding="utf-8"
        )
        en.write_text(
            "".join((data_dir / f"{n}.eng").read_text(encoding="utf-8") for n in names), encoding="utf-8"
        )
        return de, en, "newstest2017+2018"
    from service.modelbuild import write_tiny_corpus

    de, en = write_tiny_corpus(work)
    return de, en, "kurzbrief tiny corpus"


def build_bench_models(cache_dir: Path, *, tiny: bool = False, data_dir: Path = DATA_DIR) -> Path:
    """Build (once) the benchmark models under ``cache_dir``; return the model_dir holding both.

    A stamp file records the shapes; a folder built with other shapes is rebuilt.
    """
    from service.modelbuild import build_bart, build_marian

    marian, bart = (TINY_MARIAN_SHAPE, TINY_BART_SHAPE) if tiny else (MARIAN_SHAPE, BART_SHAPE)
    model_dir = Path(cache_dir) / ("tiny-models" if tiny else "models")
    wanted = {"marian": marian, "bart": bart, "version": 2}
    stamp = model_dir / STAMP_FILE
    try:
        stamped = json.loads(stamp.read_text(encoding="utf-8"))
        if {k: stamped.get(k) for k in wanted} == wanted:
            return model_dir
    except (FileNotFoundError, json.JSONDecodeError):
        pass
    _log(f"building benchmark models in {model_dir} (once; about a minute for the full-size ones)")
    model_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kurzbrief-bench-") as tmp:
        de, en, corpus = _corpus_files(Path(tmp), data_dir)
        m = dict(marian)
        build_marian(
            model_dir / TRANSLATION_DIR,
            src_corpus=de,
            tgt_corpus=en,
            seed=0,
            model_id="kurzbrief/bench-opus-mt-de-en-shape",
            **m,
        )
        b = dict(bart)
        build_bart(
            model_dir / SUMMARIZATION_DIR,
            corpus=en,
            seed=0,
            model_id="kurzbrief/bench-distilbart-cnn-12-6-shape",
            **b,
        )
        for folder in (TRANSLATION_DIR, SUMMARIZATION_DIR):
            mask_padding_tokens(model_dir / folder)
    stamp.write_text(json.dumps({**wanted, "corpus": corpus}, indent=2) + "\n", encoding="utf-8")
    return model_dir


PADDING_TOKEN_PREFIX = "<kurzbrief_unused_"


def mask_padding_tokens(folder: Path) -> int:
    """Make the model never generate the vocabulary's placeholder tokens; returns how many.

    The bench tokenizers have 8k real tokens padded to the real 50-58k vocabulary. A random
    model would mostly emit placeholders, which decode to strings such as
    "<kurzbrief_unused_123>" and re-tokenize into ~8 tokens each, inflating every later input.
    A large negative final_logits_bias on them keeps outputs to real tokens, as with real
    checkpoints, at no change in compute (the full vocabulary projection still runs).
    """
    from safetensors.torch import load_file, save_file

    vocab = json.loads((folder / "vocab.json").read_text(encoding="utf-8"))
    weights_file = folder / "model.safetensors"
    tensors = load_file(str(weights_file))
    bias = tensors["final_logits_bias"]
    ids = [i for token, i in vocab.items() if token.startswith(PADDING_TOKEN_PREFIX) and i < bias.shape[-1]]
    if ids:
        bias[..., ids] = -1e4
        save_file(tensors, str(weights_file), metadata={"format": "pt"})
    return len(ids)


# --- articles ----------------------------------------------------------------------------------------


def _gnad_articles(data_dir: Path) -> list[tuple[str, str]]:
    path = data_dir / "10kgnad-dev.csv"
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        return [(row["id"], row["text"]) for row in csv.DictReader(fh)]


def load_article(article: Path | None, data_dir: Path = DATA_DIR) -> tuple[str, str]:
    """(name, text) of the article to time: the given file, else gnad-0513 read at run time."""
    if article is not None:
        return Path(article).name, Path(article).read_text(encoding="utf-8")
    for article_id, text in _gnad_articles(data_dir):
        if article_id == DEFAULT_ARTICLE_ID:
            return f"10kGNAD {article_id}", text
    raise FileNotFoundError(
        f"the default benchmark article ({DEFAULT_ARTICLE_ID} of {data_dir / '10kgnad-dev.csv'}) is not "
        "available; pass a German article with --article FILE"
    )


_SENTENCE_END = re.compile(r"[.!?][\"“”«»]?$")


def cut_words(text: str, words: int) -> str:
    """The first ``words`` words of ``text``, extended to the end of the sentence they stop in."""
    tokens = text.split()
    if len(tokens) <= words:
        return " ".join(tokens)
    end = words
    while end < len(tokens) and not _SENTENCE_END.search(tokens[end - 1]):
        end += 1
    return " ".join(tokens[:end])


def scaling_texts(article_text: str, sizes: Sequence[int], data_dir: Path = DATA_DIR) -> dict[int, str]:
    """Texts of about ``sizes`` words: the article, continued by the next 10kGNAD articles.

    Without the data set the article repeats (fine: caches are off in the benchmark).
    """
    pool = [article_text]
    articles = _gnad_articles(data_dir)
    ids = [a for a, _ in articles]
    if DEFAULT_ARTICLE_ID in ids:
        start = ids.index(DEFAULT_ARTICLE_ID) + 1
        pool += [t for _, t in articles[start:] + articles[: start - 1]]
    long_text = ""
    needed = max(sizes)
    index = 0
    while len(long_text.split()) < needed + 50:
        long_text += (" " if long_text else "") + pool[index % len(pool)]
        index += 1
    return {n: cut_words(long_text, n) for n in sizes}


# --- forcing output lengths -------------------------------------------------------------------------


@dataclass
class DecodeCounter:
    """What the forced generate / translate_batch calls decoded."""

    calls: int = 0
    sequences: int = 0
    tokens: int = 0  # sequences x forced length: includes batch padding, not multiplied by beams

    def reset(self) -> None:
        self.calls = self.sequences = self.tokens = 0


def translation_length(source_tokens: int) -> int:
    return max(1, round(TRANSLATION_LENGTH_RATIO * source_tokens))


def force_hf_lengths(
    model: Any, new_tokens: Callable[[int], int], counter: DecodeCounter
) -> Callable[[], None]:
    """Make ``model.generate`` produce exactly new_tokens(longest input) tokens; returns undo."""
    original = model.generate

    def generate(*args: Any, **kwargs: Any) -> Any:
        input_ids = kwargs.get("input_ids", args[0] if args else None)
        n = new_tokens(int(input_ids.shape[1]))
        # max_length/min_length=None: the checkpoint's generation config must not interfere
        kwargs.update(
            min_new_tokens=n, max_new_tokens=n, forced_eos_token_id=None, max_length=None, min_length=None
        )
        counter.calls += 1
        counter.sequences += int(input_ids.shape[0])
        counter.tokens += int(input_ids.shape[0]) * n
        return original(*args, **kwargs)

    model.generate = generate
    return lambda: setattr(model, "generate", original)


class _ForcedCT2:
    """Stands in for a ctranslate2.Translator/Generator; forces min = max decoding length."""

    def __init__(self, inner: Any, new_tokens: Callable[[int], int], counter: DecodeCounter) -> None:
        self._inner, self._new_tokens, self._counter = inner, new_tokens, counter

    def translate_batch(self, source: Sequence[Sequence[str]], *args: Any, **kwargs: Any) -> Any:
        n = self._new_tokens(max(len(s) for s in source))
        kwargs.update(min_decoding_length=n, max_decoding_length=n)
        self._counter.calls += 1
        self._counter.sequences += len(source)
        self._counter.tokens += len(source) * n
        return self._inner.translate_batch(source, *args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


def force_stage_lengths(
    stage: Any, new_tokens: Callable[[int], int], counter: DecodeCounter
) -> Callable[[], None]:
    """Force the output lengths of a service Translator/Summarizer (either backend); returns undo.

    Unwraps caches (``inner``), then patches the decoder entry point the backend calls:
    ``generator.translate_batch`` for CTranslate2, ``model.generate`` for transformers.
    """
    while hasattr(stage, "inner"):
        stage = stage.inner
    if hasattr(stage, "generator"):
        original = stage.generator
        stage.generator = _ForcedCT2(original, new_tokens, counter)
        return lambda: setattr(stage, "generator", original)
    if hasattr(stage, "model") and hasattr(stage.model, "generate"):
        return force_hf_lengths(stage.model, new_tokens, counter)
    raise TypeError(
        f"cannot force output lengths on {type(stage).__name__}: it exposes neither a CTranslate2 "
        "`generator` nor a transformers `model`"
    )


class EnglishStandIn:
    """Realistic English for the summarizer, in place of what random weights translate to.

    Random-weight translations are token soup that tokenizes into 3-20x more BART tokens than
    real English, which would make the summarizer (and the chunking) do far more work than in
    real use. So after the (forced-length, fully computed) translation, each sentence's output
    is replaced by real English text of round(1.1 x its German word count) words, taken in
    order from an English corpus. Both contestants get the same stand-ins.
    """

    def __init__(self, data_dir: Path) -> None:
        path = data_dir / "newstest2018.eng"
        if path.is_file():
            words = path.read_text(encoding="utf-8").split()
        else:
            from service.modelbuild import tiny_corpus_pairs

            words = " ".join(en for _, en in tiny_corpus_pairs()).split()
        self.words = words

    def for_sentences(self, sentences: Sequence[str]) -> list[str]:
        out, position = [], 0
        for sentence in sentences:
            count = max(1, round(TRANSLATION_LENGTH_RATIO * len(sentence.split()))) if sentence.strip() else 0
            chosen = [self.words[(position + k) % len(self.words)] for k in range(count)]
            position += count
            out.append(" ".join(chosen).rstrip(".") + "." if chosen else "")
        return out


class _StandInTranslator:
    """Runs the real translator, then hands on the English stand-ins (see EnglishStandIn)."""

    def __init__(self, inner: Any, english: EnglishStandIn) -> None:
        self.inner, self.english = inner, english
        self.info = inner.info

    def translate_sentences(self, sentences: Sequence[str]) -> Any:
        from service.stages import TranslationResult

        result = self.inner.translate_sentences(sentences)
        return TranslationResult(self.english.for_sentences(sentences), result.warnings)


# --- the two contestants -----------------------------------------------------------------------------


@dataclass
class RunResult:
    stages: dict[str, float]  # seconds per stage, incl. "total"
    decoded_tokens: int = 0
    summary_calls: int = 0
    other_cpu_share: float | None = None  # CPU used by other processes during the run (0-1)


def _system_busy_seconds() -> float | None:
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    except OSError:
        return None
    ticks = [int(v) for v in fields]
    idle = ticks[3] + (ticks[4] if len(ticks) > 4 else 0)  # idle + iowait
    return (sum(ticks[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def measured(run: Callable[[], RunResult]) -> RunResult:
    """Run and note how much CPU other processes took meanwhile (interference is reported)."""
    busy0, own0, wall0 = _system_busy_seconds(), os.times(), time.perf_counter()
    result = run()
    busy1, own1, wall1 = _system_busy_seconds(), os.times(), time.perf_counter()
    if busy0 is not None and busy1 is not None:
        own = (own1.user - own0.user) + (own1.system - own0.system)
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
        share = max(0.0, (busy1 - busy0) - own) / max(1e-9, (wall1 - wall0) * cores)
        result.other_cpu_share = round(min(1.0, share), 3)
    return result


class Baseline:
    """The hand-written transformers version: per-sentence generate(), fp32, beam 4."""

    def __init__(self, model_dir: Path, threads: int, english: EnglishStandIn) -> None:
        import torch
        from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

        torch.set_num_threads(threads)
        self.torch = torch
        self.mt_tokenizer = AutoTokenizer.from_pretrained(model_dir / TRANSLATION_DIR)
        self.mt_model = AutoModelForSeq2SeqLM.from_pretrained(model_dir / TRANSLATION_DIR).eval()
        self.sum_tokenizer = AutoTokenizer.from_pretrained(model_dir / SUMMARIZATION_DIR)
        self.sum_model = AutoModelForSeq2SeqLM.from_pretrained(model_dir / SUMMARIZATION_DIR).eval()
        self.english = english
        self.counter = DecodeCounter()
        self.summary_input_tokens = 0
        force_hf_lengths(self.mt_model, translation_length, self.counter)
        force_hf_lengths(self.sum_model, lambda _n: SUMMARY_NEW_TOKENS, self.counter)

    def run(self, sentences: Sequence[str]) -> RunResult:
        torch = self.torch
        self.counter.reset()
        english: list[str] = []
        started = time.perf_counter()
        with torch.inference_mode():
            for sentence in sentences:
                inputs = self.mt_tokenizer(sentence, return_tensors="pt")
                out = self.mt_model.generate(**inputs, num_beams=BASELINE_BEAMS)
                english.append(self.mt_tokenizer.decode(out[0], skip_special_tokens=True))
            translated = time.perf_counter()
            english = self.english.for_sentences(sentences)  # see EnglishStandIn
            inputs = self.sum_tokenizer(
                " ".join(english), return_tensors="pt", truncation=True, max_length=BASELINE_SUMMARY_MAX_INPUT
            )
            self.summary_input_tokens = int(inputs["input_ids"].shape[1])
            out = self.sum_model.generate(**inputs, num_beams=BASELINE_BEAMS)
            self.sum_tokenizer.decode(out[0], skip_special_tokens=True)
        done = time.perf_counter()
        stages = {"translate": translated - started, "summarize": done - translated, "total": done - started}
        return RunResult(stages, self.counter.tokens, summary_calls=1)


def kurzbrief_settings(model_dir: Path, overrides: Mapping[str, Any] | None = None) -> Any:
    """Default settings pointed at the bench models, with the caches off (repeats must not flatter)."""
    from service.settings import Settings

    values: dict[str, Any] = {"model_dir": model_dir, **(overrides or {})}
    fields = Settings.model_fields
    values.setdefault("translation_cache_size", 0)
    values.setdefault("brief_cache_size", 0)
    unknown = sorted(k for k in values if k not in fields)
    if unknown:
        raise ValueError(f"unknown settings for the benchmark: {', '.join(unknown)}")
    return Settings(**values)


class Kurzbrief:
    """The service's own pipeline, built exactly as the API builds it."""

    def __init__(self, settings: Any, english: EnglishStandIn) -> None:
        from service.pipeline import BriefPipeline

        self.settings = settings
        self.pipeline = BriefPipeline.from_settings(settings)
        self.counter = DecodeCounter()
        self.summary_counter = DecodeCounter()
        force_stage_lengths(self.pipeline.translator, translation_length, self.counter)
        assert self.pipeline.summarizer is not None
        force_stage_lengths(self.pipeline.summarizer, lambda _n: SUMMARY_NEW_TOKENS, self.summary_counter)
        self.pipeline.translator = _StandInTranslator(self.pipeline.translator, english)

    def sentences(self, text: str) -> list[str]:
        """What the pipeline translates: the headline (if any) and the body sentences."""
        prepared = self.pipeline.prepare(text)
        head = [prepared.article.headline] if prepared.article.headline else []
        return head + [s.de for s in prepared.sentences]

    def run(self, text: str) -> RunResult:
        self.counter.reset()
        self.summary_counter.reset()
        started = time.perf_counter()
        brief = self.pipeline.brief(text)
        wall = time.perf_counter() - started
        stages = {k: v for k, v in brief.timings.items() if k != "total"}
        stages["total"] = wall
        return RunResult(
            stages,
            self.counter.tokens + self.summary_counter.tokens,
            summary_calls=self.summary_counter.calls,
        )


# --- measuring ---------------------------------------------------------------------------------------


def rss_mb() -> float:
    import psutil

    return psutil.Process().memory_info().rss / 2**20


def peak_rss_mb() -> float:
    """This process's peak RSS. VmHWM, not ru_maxrss: Linux carries ru_maxrss over fork+exec,
    so a probe started from the big bench process would report the parent's peak."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024


@dataclass
class Series:
    runs: list[RunResult] = field(default_factory=list)

    def median(self, stage: str) -> float:
        return statistics.median(r.stages.get(stage, 0.0) for r in self.runs)

    def summary(self, useful_tokens: int) -> dict[str, Any]:
        stages = sorted({k for r in self.runs for k in r.stages})
        out: dict[str, Any] = {
            "median_s": {k: round(self.median(k), 3) for k in stages},
            "runs_total_s": [round(r.stages["total"], 3) for r in self.runs],
            "translation_tokens_per_s": round(useful_tokens / self.median("translate"), 1),
            "decoded_tokens": self.runs[-1].decoded_tokens,
            "summarizer_calls": self.runs[-1].summary_calls,
            "other_processes_cpu_share": [r.other_cpu_share for r in self.runs],
        }
        return out


def useful_translation_tokens(tokenizer: Any, sentences: Sequence[str]) -> int:
    """Σ round(1.1 x source tokens): the target tokens both sides must produce."""
    return sum(translation_length(len(tokenizer(s)["input_ids"])) for s in sentences)


def _log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def machine_info() -> dict[str, Any]:
    import torch
    import transformers

    info: dict[str, Any] = {
        "cpu": _cpu_model(),
        "cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "python": platform.python_version(),
        "torch": torch.__version__,
        "transformers": transformers.__version__,
    }
    try:
        import ctranslate2

        info["ctranslate2"] = ctranslate2.__version__
    except ImportError:
        info["ctranslate2"] = None
    return info


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


@contextmanager
def _article_file(text: str) -> Iterator[Path]:
    # The probe process reads the article from a temp file outside the repository.
    with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8", delete=False) as fh:
        fh.write(text)
    try:
        yield Path(fh.name)
    finally:
        os.unlink(fh.name)


def probe_default_rss(
    model_dir: Path, text: str, overrides: Mapping[str, Any] | None = None, data_dir: Path = DATA_DIR
) -> dict[str, float]:
    """Peak RSS of a fresh process that loads only the kurzbrief configuration and briefs once."""
    with _article_file(text) as path:
        cmd = [
            sys.executable,
            "-m",
            "service.bench",
            "--probe-rss",
            "--model-dir",
            str(model_dir),
            "--article",
            str(path),
            "--overrides",
            json.dumps(dict(overrides or {})),
            "--data-dir",
            str(data_dir),
        ]
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"RSS probe failed (exit {done.returncode}):\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _probe(model_dir: Path, article: Path, overrides: Mapping[str, Any], data_dir: Path) -> None:
    settings = kurzbrief_settings(model_dir, overrides)
    kurz = Kurzbrief(settings, EnglishStandIn(data_dir))
    loaded = rss_mb()
    kurz.run(article.read_text(encoding="utf-8"))
    print(json.dumps({"rss_after_load_mb": round(loaded, 1), "peak_rss_mb": round(peak_rss_mb(), 1)}))


# --- the benchmark -----------------------------------------------------------------------------------


def run_bench(
    article: Path | None = None,
    repeat: int = 3,
    cache_dir: Path = Path(".cache/bench"),
    as_json: bool = False,
    *,
    tiny: bool = False,
    data_dir: Path = DATA_DIR,
    overrides: Mapping[str, Any] | None = None,
    scaling: Sequence[int] | None = SCALING_WORDS,
    baseline: bool = True,
    rss_probe: bool = True,
    print_result: bool = True,
) -> dict[str, Any]:
    """Build the models (once), time baseline vs kurzbrief, print and return the results.

    ``overrides``: Settings values for the kurzbrief side (default: none, i.e. the defaults).
    ``tiny``: tiny models (tests). ``scaling``: word counts for the kurzbrief-only scaling run.
    """
    if repeat < 1:
        raise ValueError("repeat must be at least 1")
    model_dir = build_bench_models(Path(cache_dir), tiny=tiny, data_dir=data_dir)
    name, text = load_article(article, data_dir)
    settings = kurzbrief_settings(model_dir, overrides)
    threads = settings.resolved_threads()

    english = EnglishStandIn(data_dir)
    _log("loading the kurzbrief pipeline")
    rss_start = rss_mb()
    kurz = Kurzbrief(settings, english)
    rss_kurz_loaded = rss_mb()
    sentences = kurz.sentences(text)
    useful = useful_translation_tokens(kurz_tokenizer(model_dir), sentences)

    base: Baseline | None = None
    if baseline:
        _log("loading the baseline models")
        base = Baseline(model_dir, threads, english)
    rss_all_loaded = rss_mb()

    summary_tokenizer = kurz.pipeline.summarizer.tokenizer  # type: ignore[union-attr]
    summary_input = len(summary_tokenizer(" ".join(english.for_sentences(sentences)))["input_ids"])
    _log(
        f"article: {name}, {len(text.split())} words, {len(sentences)} sentences, {useful} forced target tokens, "
        f"{summary_input} summarizer input tokens"
    )
    base_series, kurz_series = Series(), Series()
    for i in range(repeat + 1):  # run 0 is the warm-up
        label = "warm-up" if i == 0 else f"run {i}/{repeat}"
        if base is not None:
            result = measured(lambda: base.run(sentences))  # type: ignore[union-attr]
            _log(
                f"{label}: baseline {result.stages['total']:.2f} s (other processes' CPU {result.other_cpu_share})"
            )
            if i:
                base_series.runs.append(result)
        result = measured(lambda: kurz.run(text))
        stages = ", ".join(f"{k} {v:.2f}" for k, v in result.stages.items() if k != "total")
        _log(
            f"{label}: kurzbrief {result.stages['total']:.2f} s ({stages}; "
            f"other processes' CPU {result.other_cpu_share})"
        )
        if i:
            kurz_series.runs.append(result)

    out: dict[str, Any] = {
        "article": {
            "name": name,
            "words": len(text.split()),
            "sentences": len(sentences),
            "forced_target_tokens": useful,
            "summarizer_input_tokens": summary_input,
        },
        "settings": _settings_summary(settings),
        "repeat": repeat,
        "kurzbrief": kurz_series.summary(useful),
    }
    if base is not None:
        out["baseline"] = base_series.summary(useful)
        out["baseline"]["summarizer_input_tokens"] = base.summary_input_tokens  # truncated to the window
        out["speedup"] = round(base_series.median("total") / kurz_series.median("total"), 2)
        out["translation_speedup"] = round(
            base_series.median("translate") / kurz_series.median("translate"), 2
        )
        out["summarization_speedup"] = round(
            base_series.median("summarize") / kurz_series.median("summarize"), 2
        )

    if scaling:
        out["scaling"] = _scaling_run(kurz, text, scaling, repeat, data_dir, model_dir)

    out["bench_process_rss_mb"] = {
        "at_start": round(rss_start, 1),
        "kurzbrief_loaded": round(rss_kurz_loaded, 1),
        "both_loaded": round(rss_all_loaded, 1),
        "peak": round(peak_rss_mb(), 1),
    }
    if rss_probe:
        _log("measuring peak RSS of the kurzbrief configuration alone in a fresh process")
        probe = probe_default_rss(model_dir, text, overrides, data_dir)
        out["peak_rss_mb"] = probe["peak_rss_mb"]
        out["rss_after_load_mb"] = probe["rss_after_load_mb"]
    out["machine"] = machine_info()
    out["models"] = {"dir": str(model_dir), "tiny": tiny}
    if print_result:
        print(json.dumps(out, indent=2) if as_json else format_report(out))
    return out


def kurz_tokenizer(model_dir: Path) -> Any:
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(model_dir / TRANSLATION_DIR)


def _scaling_run(
    kurz: Kurzbrief, text: str, sizes: Sequence[int], repeat: int, data_dir: Path, model_dir: Path
) -> list[dict[str, Any]]:
    tokenizer = kurz_tokenizer(model_dir)
    rows = []
    for sample in scaling_texts(text, sizes, data_dir).values():
        sentences = kurz.sentences(sample)
        useful = useful_translation_tokens(tokenizer, sentences)
        series = Series([measured(lambda sample=sample: kurz.run(sample)) for _ in range(repeat)])
        total = series.median("total")
        actual_words = len(sample.split())
        rows.append(
            {
                "words": actual_words,
                "sentences": len(sentences),
                "forced_target_tokens": useful,
                "median_s": {k: round(series.median(k), 3) for k in ("translate", "summarize", "total")},
                "ms_per_word": round(1000 * total / actual_words, 2),
                "translation_tokens_per_s": round(useful / series.median("translate"), 1),
                "other_processes_cpu_share": [r.other_cpu_share for r in series.runs],
            }
        )
        _log(f"scaling: {actual_words} words -> {total:.2f} s")
    return rows


def _settings_summary(settings: Any) -> dict[str, Any]:
    keys = (
        "backend",
        "device",
        "threads",
        "translation_beams",
        "translation_batch_size",
        "summary_beams",
        "ct2_compute_type",
        "translation_cache_size",
        "torch_quantization",
    )
    return {k: getattr(settings, k) for k in keys if hasattr(settings, k)} | {
        "resolved_threads": settings.resolved_threads()
    }


def format_report(result: Mapping[str, Any]) -> str:
    """A plain-text table of the JSON result (what `kurzbrief bench` prints without --json)."""
    a = result["article"]
    lines = [
        (
            f"article: {a['name']} ({a['words']} words, {a['sentences']} sentences, "
            f"{a['forced_target_tokens']} forced target tokens)"
        ),
        f"kurzbrief settings: {json.dumps(result['settings'])}",
        f"medians of {result['repeat']} runs after one warm-up",
        "",
        f"{'stage':<12}{'baseline s':>12}{'kurzbrief s':>13}{'speed-up':>10}",
    ]
    kurz = result["kurzbrief"]["median_s"]
    base = result.get("baseline", {}).get("median_s", {})
    for stage in ("translate", "summarize", "total"):
        b, k = base.get(stage), kurz.get(stage)
        ratio = f"{b / k:.1f}x" if b and k else "-"
        lines.append(f"{stage:<12}{(f'{b:.2f}' if b else '-'):>12}{k:>13.2f}{ratio:>10}")
    other = {s: v for s, v in kurz.items() if s not in ("translate", "summarize", "total")}
    if other:
        lines.append("kurzbrief other stages: " + ", ".join(f"{s} {v:.3f} s" for s, v in other.items()))
    lines.append(
        f"translation tokens/s: baseline {result.get('baseline', {}).get('translation_tokens_per_s', '-')}, "
        f"kurzbrief {result['kurzbrief']['translation_tokens_per_s']}"
    )
    rss = result["bench_process_rss_mb"]
    lines.append(
        f"bench process RSS MB: kurzbrief loaded {rss['kurzbrief_loaded']}, both loaded {rss['both_loaded']}, "
        f"peak {rss['peak']}"
    )
    if "peak_rss_mb" in result:
        lines.append(f"kurzbrief alone (fresh process): peak RSS {result['peak_rss_mb']} MB")
    for row in result.get("scaling", []):
        lines.append(
            f"scaling: {row['words']:>5} words  {row['median_s']['total']:7.2f} s  {row['ms_per_word']:6.2f} ms/word"
        )
    m = result["machine"]
    lines.append(
        f"machine: {m['cpu']}, {m['cores']} cores; torch {m['torch']}, ctranslate2 {m['ctranslate2']}"
    )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m service.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print the JSON result")
    parser.add_argument("--article", type=Path, help="German article to time (default: 10kGNAD gnad-0513)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per configuration")
    parser.add_argument("--cache-dir", type=Path, default=Path(".cache/bench"), help="where models are built")
    parser.add_argument("--tiny", action="store_true", help="tiny models (seconds; for tests)")
    parser.add_argument("--data-dir", type=Path, default=DATA_DIR, help="newstest/10kGNAD folder (optional)")
    parser.add_argument(
        "--overrides",
        default="{}",
        help="JSON Settings overrides for kurzbrief, e.g. '{\"translation_beams\": 1}'",
    )
    parser.add_argument("--no-baseline", action="store_true", help="time only the kurzbrief configuration")
    parser.add_argument("--no-scaling", action="store_true", help="skip the 250/750/2500-word run")
    parser.add_argument("--no-rss-probe", action="store_true", help="skip the fresh-process RSS probe")
    parser.add_argument("--probe-rss", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--model-dir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    overrides = json.loads(args.overrides)
    if args.probe_rss:
        _probe(args.model_dir, args.article, overrides, args.data_dir)
        return
    run_bench(
        article=args.article,
        repeat=args.repeat,
        cache_dir=args.cache_dir,
        as_json=args.json,
        tiny=args.tiny,
        data_dir=args.data_dir,
        overrides=overrides,
        scaling=None if args.no_scaling else SCALING_WORDS,
        baseline=not args.no_baseline,
        rss_probe=not args.no_rss_probe,
    )


if __name__ == "__main__":
    main()
