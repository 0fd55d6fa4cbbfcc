"""English sentences -> a draft summary with a seq2seq model (BART/PEGASUS class, transformers).

An article longer than the model window is cut at sentence boundaries into chunks that fit,
each chunk summarized, and the chunk summaries summarized once more when they fit the window
together (else concatenated): never truncated. Summary length follows the requested number of
sentences, not the checkpoint's CNN defaults (min_length 56 would pad short briefs).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from service.clauses import split_words_to_fit
from service.document import ModelInfo, Warning
from service.modelstore import read_model_info
from service.settings import Settings
from service.stages import Summarizer, SummaryResult
from service.translate import load_seq2seq

if TYPE_CHECKING:
    from collections.abc import Callable

# A news summary sentence is ~20-25 words, ~30 BPE tokens; the slack lets the last one finish.
TOKENS_PER_SENTENCE = 32
LENGTH_SLACK = 8
MIN_TOKENS_PER_SENTENCE = 10


def chunk_sentences(token_counts: Sequence[int], window: int) -> list[range]:
    """Consecutive runs of sentences whose token counts add up to at most ``window``.

    A sentence longer than the window gets a run of its own (callers split it first, see
    ``plan_units``). Every index is in exactly one run, in order.
    """
    if window < 1:
        raise ValueError(f"window must be at least 1 token, not {window}")
    chunks: list[range] = []
    start, total = 0, 0
    for i, count in enumerate(token_counts):
        if i > start and total + count > window:
            chunks.append(range(start, i))
            start, total = i, 0
        total += count
    if len(token_counts) > start:
        chunks.append(range(start, len(token_counts)))
    return chunks


def summary_lengths(input_tokens: int, target_sentences: int, cap: int) -> tuple[int, int]:
    """(min_new_tokens, max_new_tokens) for a summary of about ``target_sentences`` sentences.

    The minimum is small and never more than half the input, so a short article is not
    padded out to the checkpoint's CNN minimum; the maximum is bounded by the decoder's positions.
    """
    if target_sentences < 1:
        raise ValueError(f"target_sentences must be at least 1, not {target_sentences}")
    max_new = max(1, min(cap, TOKENS_PER_SENTENCE * target_sentences + LENGTH_SLACK))
    min_new = max(0, min(MIN_TOKENS_PER_SENTENCE * target_sentences, input_tokens // 2, max_new))
    return min_new, max_new


def plan_units(
    sentences: Sequence[str], count_tokens: Callable[[str], int], window: int
) -> tuple[list[str], list[Warning]]:
    """Sentences as units of at most ``window`` tokens; longer ones cut at word boundaries.

    Empty sentences are skipped. Each split sentence gets a ``summary_sentence_split`` warning.
    """
    units: list[str] = []
    warnings: list[Warning] = []
    for index, sentence in enumerate(sentences):
        text = " ".join(sentence.split())
        if not text:
            continue
        tokens = count_tokens(text)
        if tokens <= window:
            units.append(text)
            continue
        pieces = [p.strip() for p in split_words_to_fit(text, lambda s: count_tokens(s.strip()) <= window)]
        units.extend(p for p in pieces if p)
        warnings.append(
            Warning(
                code="summary_sentence_split",
                sentence=index,
                message=(
                    f"English sentence {index} is {tokens} tokens, longer than the summarizer's window of "
                    f"{window}; it was cut into {len(pieces)} pieces at word boundaries"
                ),
            )
        )
    return units, warnings


def special_tokens_around(tokenizer: Any) -> tuple[list[int], list[int]]:
    """The ids a tokenizer puts before and after a text's own ids (e.g. [<s>], [</s>])."""
    plain = list(tokenizer(" news", add_special_tokens=False)["input_ids"])
    full = list(tokenizer(" news")["input_ids"])
    for start in range(len(full) - len(plain) + 1):
        if full[start : start + len(plain)] == plain:
            return full[:start], full[start + len(plain) :]
    raise ValueError(f"cannot locate the text inside its tokenization with special tokens: {full} vs {plain}")


class Seq2SeqSummarizer:
    """The transformers summarization backend (distilbart-cnn or any AutoModelForSeq2SeqLM)."""

    info: ModelInfo

    def __init__(
        self,
        path: Path,
        *,
        device: str = "cpu",
        beams: int = 4,
        max_input_tokens: int = 1022,
        no_repeat_ngram_size: int = 3,
        length_penalty: float = 2.0,
        threads: int = 0,
    ) -> None:
        path = Path(path)
        self.tokenizer, self.model = load_seq2seq(path, "summarization", device=device, threads=threads)
        self.device = device
        self.beams = beams
        self.no_repeat_ngram_size = no_repeat_ngram_size
        self.length_penalty = length_penalty
        config = self.model.config
        positions = int(getattr(config, "max_position_embeddings", 1024))
        self.bos_token_id = self.tokenizer.bos_token_id
        self.eos_token_id = self.tokenizer.eos_token_id
        # BART wraps the text in <s> ... </s>, PEGASUS only appends </s>: ask the tokenizer.
        self.special_prefix, self.special_suffix = special_tokens_around(self.tokenizer)
        self.window = min(max_input_tokens, positions - len(self.special_prefix) - len(self.special_suffix))
        self.max_new_tokens_cap = positions - 1
        model_id, revision = read_model_info(path)
        self.info = ModelInfo(
            role="summarization",
            id=model_id,
            revision=revision,
            path=str(path),
            backend="transformers",
            device=device,
        )

    @classmethod
    def from_settings(cls, settings: Settings) -> Seq2SeqSummarizer:
        return cls(
            settings.summarization_path,
            device=settings.resolved_device(),
            beams=settings.summary_beams,
            max_input_tokens=settings.summary_max_input_tokens,
            no_repeat_ngram_size=settings.summary_no_repeat_ngram_size,
            length_penalty=settings.summary_length_penalty,
            threads=settings.resolved_threads(),
        )

    def _ids(self, text: str) -> list[int]:
        # Tokenized as it appears inside a running text (after a space), so a chunk's input ids are
        # exactly the concatenation of its sentences' ids and the window count is exact.
        return list(self.tokenizer(" " + text, add_special_tokens=False)["input_ids"])

    def count_tokens(self, text: str) -> int:
        return len(self._ids(text))

    def summarize(self, sentences: Sequence[str], *, target_sentences: int) -> SummaryResult:
        units, warnings = plan_units(sentences, self.count_tokens, self.window)
        if not units:
            return SummaryResult(text="", warnings=warnings)
        unit_ids = [self._ids(u) for u in units]
        chunks = chunk_sentences([len(ids) for ids in unit_ids], self.window)
        summaries = [
            self._generate([t for i in chunk for t in unit_ids[i]], target_sentences) for chunk in chunks
        ]
        if len(chunks) == 1:
            return SummaryResult(text=summaries[0], warnings=warnings)

        combined = [t for s in summaries if s for t in self._ids(s)]
        if len(combined) <= self.window:
            text, how = self._generate(combined, target_sentences), "their summaries summarized again"
        else:
            text, how = " ".join(s for s in summaries if s), "their summaries joined"
        total = sum(len(ids) for ids in unit_ids)
        warnings.append(
            Warning(
                code="summary_chunked",
                message=(
                    f"the English text is {total} tokens, more than the summarizer's window of "
                    f"{self.window}: "
                    f"it was summarized in {len(chunks)} chunks cut at sentence boundaries and {how}"
                ),
            )
        )
        return SummaryResult(text=text, warnings=warnings)

    def _generate(self, ids: list[int], target_sentences: int) -> str:
        import torch

        min_new, max_new = summary_lengths(len(ids), target_sentences, self.max_new_tokens_cap)
        input_ids = torch.tensor([[*self.special_prefix, *ids, *self.special_suffix]], device=self.device)
        with torch.inference_mode():
            generated = self.model.generate(
                input_ids=input_ids,
                attention_mask=torch.ones_like(input_ids),
                num_beams=self.beams,
                no_repeat_ngram_size=self.no_repeat_ngram_size,
                length_penalty=self.length_penalty,
                # These take precedence over the checkpoint's CNN lengths (min 56, max 142 tokens).
                min_new_tokens=min_new,
                max_new_tokens=max_new,
                max_length=None,
            )
        text = self.tokenizer.decode(generated[0], skip_special_tokens=True)
        return " ".join(text.split())


def load_summarizer(settings: Settings) -> Summarizer:
    """The summarizer the settings ask for; raises ModelMissingError when its model is absent."""
    if settings.backend == "ctranslate2":
        from service.backends.ct2 import CT2Summarizer

        return CT2Summarizer.from_settings(settings)
    return Seq2SeqSummarizer.from_settings(settings)
