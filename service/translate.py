"""German sentences -> English with a MarianMT model (transformers backend).

Sentences are sorted by length and batched so padding stays small, then put back in input
order. Nothing is truncated: a sentence longer than the model input is cut at clause
boundaries (service.clauses), its pieces translated and joined, and the response says so.
torch and transformers are imported lazily so the pure helpers here stay cheap to import.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from service.clauses import split_to_fit
from service.document import ModelInfo, Warning
from service.modelstore import check_model_dir, read_model_info
from service.settings import Settings
from service.stages import TranslationResult, Translator

if TYPE_CHECKING:
    import torch


def length_sorted_batches(lengths: Sequence[int], batch_size: int) -> list[list[int]]:
    """Indices grouped into batches of similar length, longest first (stable for ties)."""
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, not {batch_size}")
    order = sorted(range(len(lengths)), key=lambda i: -lengths[i])
    return [order[start : start + batch_size] for start in range(0, len(order), batch_size)]


def max_new_tokens_for(source_tokens: int, ratio: float, cap: int) -> int:
    """Output budget of a source of ``source_tokens``: ratio x length + 10, within the model's limit."""
    return max(1, min(int(ratio * source_tokens) + 10, cap))


def fit_to_budget(
    content: Sequence[int], budget: int, *, eos_token_id: int, forces_eos: bool
) -> tuple[list[int], bool]:
    """A batch row's output cut back to its own budget, and whether it ran out of budget.

    A batch generates up to its longest sentence's budget. Cutting every row to the output it
    would have had alone keeps a translation independent of its batch neighbours (exactly so
    for greedy search). ``content`` is the row without start token and padding. With
    ``forces_eos`` the model, alone, would have closed with </s> at its last allowed step; such a
    row counts as cut short, since a forced and a natural end cannot be told apart.
    """
    window = list(content[:budget])
    if eos_token_id in window:
        end = window.index(eos_token_id) + 1
        return window[:end], forces_eos and end == budget
    return window[: budget - 1] if forces_eos else window, True


@dataclass(frozen=True)
class Segment:
    """One piece of text sent to the model: a whole sentence, or a clause of a long one."""

    sentence: int
    text: str
    tokens: int


def plan_segments(
    sentences: Sequence[str], count_tokens: Callable[[Sequence[str]], list[int]], max_input_tokens: int
) -> tuple[list[Segment], list[Warning]]:
    """Turn sentences into model-sized segments (in order), with a warning for every split.

    ``count_tokens(texts) -> list[int]`` counts the model input tokens of each text, special
    tokens included. Empty and whitespace-only sentences produce no segment.
    """
    texts = [(i, s.strip()) for i, s in enumerate(sentences)]
    texts = [(i, t) for i, t in texts if t]
    counts = count_tokens([t for _, t in texts]) if texts else []
    segments: list[Segment] = []
    warnings: list[Warning] = []
    for (index, text), tokens in zip(texts, counts):
        if tokens <= max_input_tokens:
            segments.append(Segment(index, text, tokens))
            continue
        pieces = [
            p.strip() for p in split_to_fit(text, lambda s: count_tokens([s.strip()])[0] <= max_input_tokens)
        ]
        pieces = [p for p in pieces if p]
        piece_counts = count_tokens(pieces)
        segments.extend(Segment(index, p, n) for p, n in zip(pieces, piece_counts))
        warnings.append(
            Warning(
                code="sentence_split",
                sentence=index,
                message=(
                    f"the sentence is {tokens} tokens long, more than the {max_input_tokens} the "
                    f"translation model takes at once; it was translated in {len(pieces)} pieces cut at "
                    "clause boundaries and joined"
                ),
            )
        )
    return segments, warnings


def resolve_dtype(device: str) -> torch.dtype:
    import torch

    # Half precision halves GPU memory and time for these models; CPUs run float32 fastest.
    return torch.float16 if device == "cuda" else torch.float32


def load_seq2seq(path: Path, role: str, *, device: str, threads: int) -> tuple[Any, Any]:
    """Tokenizer and eval-mode model of a Hugging Face seq2seq folder (both transformers backends)."""
    import torch
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    check_model_dir(path, role)
    if threads > 0:
        torch.set_num_threads(threads)
    tokenizer = AutoTokenizer.from_pretrained(path)
    model = AutoModelForSeq2SeqLM.from_pretrained(path, dtype=resolve_dtype(device)).to(device).eval()
    return tokenizer, model


class MarianTranslator:
    """The transformers translation backend (any Marian/opus-mt model folder)."""

    info: ModelInfo

    def __init__(
        self,
        path: Path,
        *,
        device: str = "cpu",
        beams: int = 4,
        batch_size: int = 16,
        max_input_tokens: int = 510,
        max_length_ratio: float = 2.0,
        threads: int = 0,
    ) -> None:
        path = Path(path)
        self.tokenizer, self.model = load_seq2seq(path, "translation", device=device, threads=threads)
        self.device = device
        self.beams = beams
        self.batch_size = batch_size
        self.max_length_ratio = max_length_ratio
        positions = int(getattr(self.model.config, "max_position_embeddings", 512))
        # The decoder start token takes one position of the decoder's (static) position table.
        self.max_new_tokens_cap = positions - 1
        self.max_input_tokens = min(max_input_tokens, positions)
        self.pad_token_id = int(self.model.config.pad_token_id)
        eos = self.model.generation_config.eos_token_id
        self.eos_token_id = int(eos[0] if isinstance(eos, list) else eos)
        model_id, revision = read_model_info(path)
        self.info = ModelInfo(
            role="translation",
            id=model_id,
            revision=revision,
            path=str(path),
            backend="transformers",
            device=device,
        )

    @property
    def forces_eos(self) -> bool:
        """Whether generation closes with </s> at the length limit (opus-mt does)."""
        return self.model.generation_config.forced_eos_token_id is not None

    @classmethod
    def from_settings(cls, settings: Settings) -> MarianTranslator:
        return cls(
            settings.translation_path,
            device=settings.resolved_device(),
            beams=settings.translation_beams,
            batch_size=settings.translation_batch_size,
            max_input_tokens=settings.translation_max_input_tokens,
            max_length_ratio=settings.translation_max_length_ratio,
            threads=settings.resolved_threads(),
        )

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """Model input length of each text, the end-of-sentence token included."""
        return [len(ids) for ids in self.tokenizer(list(texts))["input_ids"]]

    def translate_sentences(self, sentences: Sequence[str]) -> TranslationResult:
        segments, warnings = plan_segments(sentences, self.count_tokens, self.max_input_tokens)
        outputs: list[str] = [""] * len(segments)
        hit_limit: set[int] = set()
        for batch in length_sorted_batches([s.tokens for s in segments], self.batch_size):
            texts, limited = self._generate([segments[i].text for i in batch])
            for i, text, was_limited in zip(batch, texts, limited):
                outputs[i] = text
                if was_limited:
                    hit_limit.add(segments[i].sentence)

        joined: list[list[str]] = [[] for _ in sentences]
        for segment, text in zip(segments, outputs):
            joined[segment.sentence].append(text)
        for index in sorted(hit_limit):
            warnings.append(
                Warning(
                    code="translation_hit_length_limit",
                    sentence=index,
                    message=(
                        "the translation used its whole output budget "
                        f"({self.max_length_ratio} x source tokens + 10) and may be cut short or repetitive"
                    ),
                )
            )
        warnings.sort(key=lambda w: w.sentence if w.sentence is not None else -1)
        return TranslationResult(
            texts=[" ".join(t for t in parts if t) for parts in joined], warnings=warnings
        )

    def _generate(self, texts: list[str]) -> tuple[list[str], list[bool]]:
        import torch

        encoded = self.tokenizer(texts, return_tensors="pt", padding=True).to(self.device)
        own_lengths = encoded["attention_mask"].sum(dim=1).tolist()
        budgets = [max_new_tokens_for(n, self.max_length_ratio, self.max_new_tokens_cap) for n in own_lengths]
        with torch.inference_mode():
            generated = self.model.generate(
                **encoded, num_beams=self.beams, max_new_tokens=max(budgets), max_length=None
            )
        texts_out: list[str] = []
        limited: list[bool] = []
        for row, budget in zip(generated.tolist(), budgets):
            content = [t for t in row[1:] if t != self.pad_token_id]  # row[0] is the decoder start token
            tokens, hit = fit_to_budget(
                content, budget, eos_token_id=self.eos_token_id, forces_eos=self.forces_eos
            )
            texts_out.append(" ".join(self.tokenizer.decode(tokens, skip_special_tokens=True).split()))
            limited.append(hit)
        return texts_out, limited


def load_translator(settings: Settings) -> Translator:
    """The translator the settings ask for; raises ModelMissingError when its model is absent."""
    translator: Translator
    if settings.backend == "ctranslate2":
        from service.backends.ct2 import CT2Translator

        translator = CT2Translator.from_settings(settings)
    else:
        translator = MarianTranslator.from_settings(settings)
    if settings.translation_cache_size:
        # Wire-agency copy repeats sentences across articles: translate each one once.
        from service.cache import CachingTranslator

        translator = CachingTranslator(translator, settings.translation_cache_size)
    return translator
