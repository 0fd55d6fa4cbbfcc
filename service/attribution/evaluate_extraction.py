"""Score an attribution extractor against hand-annotated gold (eval/attributions/*.jsonl).

The gold stores no article text (10kGNAD licence): each annotated sentence is identified by
article id, sentence index and an anchor (its first words). The scorer re-reads the article
from the data CSV, splits it with the service's splitter, and finds each gold sentence by its
anchor (nearest to the stored index when the anchor repeats; the stored index when no
sentence starts with the anchor and that sentence still contains the anchor text). Gold it
cannot place is reported, never silently dropped. Sentences of a gold article without
annotation count as "no attribution", so false positives are measured.

An attribution matches gold when it is in the same sentence, of the same kind, and the
source matches: case and determiners ignored, and one name may be the tail (surname) or the
head (a role phrase without its attachment) of the other. ``hedge_only`` matches on kind
alone. Usage::

    python -m service.attribution.evaluate_extraction --gold eval/attributions/dev.jsonl \\
        --data ../shared/data/10kgnad-dev.csv [../shared/data/newstest2017.deu ...] [--json] [--errors]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from service.document import Attribution
from service.stages import AttributionExtractor

KINDS = ("direct", "continuation", "hedge_only")
ANCHOR_WORDS = 6
_DETERMINERS = frozenset(
    {"der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "eines", "einem", "einen"}
)

Splitter = Callable[[str], Sequence[str]]


class GoldFormatError(ValueError):
    """A gold file line is not a valid article or sentence record."""


@dataclass(frozen=True)
class GoldSentence:
    article_id: str
    index: int
    anchor: str
    attributions: list[Attribution]


@dataclass(frozen=True)
class GoldArticle:
    article_id: str
    category: str | None
    sentences: list[GoldSentence]


def anchor_of(sentence: str) -> str:
    """The first words of a sentence, as stored in the gold."""
    return " ".join(sentence.split()[:ANCHOR_WORDS])


def load_gold(path: str | Path) -> list[GoldArticle]:
    """Read a gold JSONL file: 'article' records, each followed by its 'sentence' records."""
    articles: dict[str, GoldArticle] = {}
    order: list[str] = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise GoldFormatError(f"{path}:{number}: not JSON ({exc.msg})") from exc
            kind = record.get("type")
            article_id = record.get("article_id")
            if not isinstance(article_id, str):
                raise GoldFormatError(f"{path}:{number}: missing 'article_id'")
            if kind == "article":
                if article_id not in articles:
                    articles[article_id] = GoldArticle(article_id, record.get("category"), [])
                    order.append(article_id)
            elif kind == "sentence":
                if article_id not in articles:
                    raise GoldFormatError(
                        f"{path}:{number}: sentence of {article_id} before its article record"
                    )
                try:
                    atts = [Attribution(**a) for a in record["attributions"]]
                    sentence = GoldSentence(article_id, int(record["index"]), str(record["anchor"]), atts)
                except (KeyError, TypeError, ValueError) as exc:
                    raise GoldFormatError(f"{path}:{number}: bad sentence record ({exc})") from exc
                articles[article_id].sentences.append(sentence)
            else:
                raise GoldFormatError(
                    f"{path}:{number}: 'type' must be 'article' or 'sentence', got {kind!r}"
                )
    return [articles[a] for a in order]


def load_articles(data: str | Path | Sequence[str | Path]) -> dict[str, str]:
    """Article id -> text, from one or several files: 10kGNAD-style CSVs (columns id, category,
    text) or WMT newstest source files (one German sentence per line; see `newstest_documents`)."""
    if not isinstance(data, (str, Path)):
        texts: dict[str, str] = {}
        for path in data:
            texts.update(load_articles(path))
        return texts
    data_path = data
    if Path(data_path).suffix.lower() != ".csv":
        return newstest_documents(data_path)
    with open(data_path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames is None or not {"id", "text"} <= set(reader.fieldnames):
            raise GoldFormatError(
                f"{data_path}: expected CSV columns 'id' and 'text', got {reader.fieldnames}"
            )
        return {row["id"]: row["text"] for row in reader}


# A headline: short, and without the closing punctuation of a body sentence.
_HEADLINE_END = re.compile(r"[.!?:;\"“”»«)\]…]\s*$")
_HEADLINE_MAX_WORDS = 16


def newstest_documents(path: str | Path) -> dict[str, str]:
    """Documents of a WMT newstest source file, id ``<file stem>-L<headline line, 1-based>``.

    The file keeps no document boundaries, but every WMT news document starts with its headline:
    a short line without closing punctuation starts a new document. The headline is not part of
    the text (the service's cleaner drops headings too); body lines are joined by spaces. Lines
    before the first headline form a document of their own.
    """
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    stem = Path(path).stem
    documents: dict[str, list[str]] = {}
    current = f"{stem}-L0001"
    for number, line in enumerate(lines, start=1):
        line = line.strip()
        if not line:
            continue
        if len(line.split()) <= _HEADLINE_MAX_WORDS and not _HEADLINE_END.search(line):
            current = f"{stem}-L{number:04d}"
            documents[current] = []
            continue
        documents.setdefault(current, []).append(line)
    return {doc_id: " ".join(body) for doc_id, body in documents.items() if body}


def default_splitter() -> Splitter:
    """What the service does to a body text: normalise, then its German splitter.

    Falls back to pysbd (what the gold anchors were first computed with) when the service
    splitter is not importable.
    """
    try:
        from service.text.normalize import normalize_text
        from service.text.split import GermanSentenceSplitter

        splitter = GermanSentenceSplitter()

        def split(text: str) -> list[str]:
            return [s if isinstance(s, str) else s.de for s in splitter.split_text(normalize_text(text))]

        return split
    except ImportError:
        return pysbd_splitter()


def pysbd_splitter() -> Splitter:
    import pysbd

    segmenter = pysbd.Segmenter(language="de", clean=False)

    def split(text: str) -> list[str]:
        return [s.strip() for s in segmenter.segment(text) if s.strip()]

    return split


_QUOTES = str.maketrans({q: " " for q in "\"„“”»«‚‘’'"})


def _comparable(text: str) -> str:
    """Whitespace- and quote-insensitive form: normalisation may turn '"' into '„'."""
    return " ".join(text.translate(_QUOTES).split())


def locate(sentences: Sequence[str], gold: GoldSentence) -> int | None:
    """Index of the gold sentence in a fresh split of its article, or None."""
    anchor = _comparable(gold.anchor)
    flat = [_comparable(s) for s in sentences]
    hits = [i for i, s in enumerate(flat) if s.startswith(anchor)]
    if hits:
        return min(hits, key=lambda i: abs(i - gold.index))
    if gold.index < len(flat) and anchor in flat[gold.index]:
        return gold.index
    merged = [i for i, s in enumerate(flat) if anchor in s]
    if merged:
        return min(merged, key=lambda i: abs(i - gold.index))
    return None


def normalise_source(source: str) -> list[str]:
    # diacritics folded: "Davutoğlu" and "Davutoglu" are one name written two ways
    source = "".join(c for c in unicodedata.normalize("NFKD", source) if not unicodedata.combining(c))
    # "Hans-Jörg Schelling" and "Hans Jörg Schelling" are one name
    source = re.sub(r"(?<=[a-zäöüß])-(?=[A-ZÄÖÜ])", " ", source)
    words = source.replace("„", " ").replace("“", " ").replace('"', " ").lower().split()
    out = []
    for w in words:
        w = w.strip(",.:;()")
        if not w or w in _DETERMINERS:
            continue
        if w.endswith("s") and len(w) > 4 and not w.endswith(("ss", "us", "is", "os")):
            w = w[:-1]  # genitive: "Zschäpes" ~ "Zschäpe"
        elif w.endswith(("ern", "en")) and len(w) > 5:
            w = w[:-1]  # dative plural after "laut"/"aus": "Vertretern" ~ "Vertreter"
        out.append(w)
    return out


def sources_match(a: str, b: str) -> bool:
    """Equal after normalising, or one is the tail (surname) or head (role phrase) of the other."""
    x, y = normalise_source(a), normalise_source(b)
    if not x or not y:
        return not x and not y
    if x == y:
        return True
    short, long = (x, y) if len(x) <= len(y) else (y, x)
    return long[-len(short) :] == short or long[: len(short)] == short


def attributions_match(gold: Attribution, pred: Attribution) -> bool:
    if gold.kind != pred.kind:
        return False
    return gold.kind == "hedge_only" or sources_match(gold.source, pred.source)


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def _prf(tp: int, fp: int, fn: int) -> dict[str, Any]:
    precision = _ratio(tp, tp + fp)
    recall = _ratio(tp, tp + fn)
    f1 = None
    if precision is not None and recall is not None and precision + recall > 0:
        f1 = round(2 * precision * recall / (precision + recall), 4)
    return {"tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall, "f1": f1}


def score_extraction(
    gold_path: str | Path,
    data: str | Path | Sequence[str | Path],
    extractor: AttributionExtractor,
    splitter: Splitter | None = None,
) -> dict[str, Any]:
    """Precision/recall/F1 (overall, per kind), source accuracy, hedge P/R, continuation accuracy."""
    split = splitter or default_splitter()
    gold_articles = load_gold(gold_path)
    texts = load_articles(data)
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    hedge = Counter()
    source_pairs = source_ok = 0
    cont_pairs = cont_ok = 0
    unmatched: list[dict[str, Any]] = []
    errors: list[dict[str, Any]] = []
    n_sentences = 0
    for article in gold_articles:
        if article.article_id not in texts:
            unmatched.extend(
                {
                    "article_id": article.article_id,
                    "index": g.index,
                    "anchor": g.anchor,
                    "why": "article not in data",
                }
                for g in article.sentences
            )
            continue
        sentences = list(split(texts[article.article_id]))
        predicted = extractor.extract(sentences)
        if len(predicted) != len(sentences):
            raise ValueError(
                f"extractor returned {len(predicted)} results for {len(sentences)} sentences "
                f"of {article.article_id}"
            )
        gold_by_index: dict[int, list[Attribution]] = {}
        for g in article.sentences:
            where = locate(sentences, g)
            if where is None:
                unmatched.append(
                    {
                        "article_id": article.article_id,
                        "index": g.index,
                        "anchor": g.anchor,
                        "why": "anchor not found in the split article",
                    }
                )
                continue
            gold_by_index.setdefault(where, []).extend(g.attributions)
        n_sentences += len(sentences)
        for index, sentence in enumerate(sentences):
            gold = gold_by_index.get(index, [])
            pred = list(predicted[index])
            remaining = list(pred)
            for g in gold:
                match = next((p for p in remaining if attributions_match(g, p)), None)
                if match is not None:
                    remaining.remove(match)
                    tp[g.kind] += 1
                else:
                    fn[g.kind] += 1
                    errors.append(
                        {
                            "article_id": article.article_id,
                            "sentence": index,
                            "error": "missed",
                            "gold": g.model_dump(),
                            "text": sentence,
                        }
                    )
                # source accuracy: pair with any predicted attribution that names a source
                if g.kind != "hedge_only":
                    named = [p for p in pred if p.kind != "hedge_only"]
                    if named:
                        source_pairs += 1
                        source_ok += any(sources_match(g.source, p.source) for p in named)
                if g.kind == "continuation":
                    conts = [p for p in pred if p.kind == "continuation"]
                    if conts:
                        cont_pairs += 1
                        cont_ok += any(sources_match(g.source, p.source) for p in conts)
            for p in remaining:
                fp[p.kind] += 1
                errors.append(
                    {
                        "article_id": article.article_id,
                        "sentence": index,
                        "error": "spurious",
                        "predicted": p.model_dump(),
                        "text": sentence,
                    }
                )
            gold_hedged = any(g.hedged for g in gold)
            pred_hedged = any(p.hedged for p in pred)
            hedge["tp"] += gold_hedged and pred_hedged
            hedge["fp"] += pred_hedged and not gold_hedged
            hedge["fn"] += gold_hedged and not pred_hedged
    overall = _prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    return {
        "gold": str(gold_path),
        "articles": len(gold_articles),
        "sentences": n_sentences,
        "gold_attributions": sum(tp.values()) + sum(fn.values()),
        "overall": overall,
        "per_kind": {k: _prf(tp[k], fp[k], fn[k]) for k in KINDS},
        "source_accuracy": _ratio(source_ok, source_pairs),
        "hedge": _prf(hedge["tp"], hedge["fp"], hedge["fn"]),
        "continuation_resolution_accuracy": _ratio(cont_ok, cont_pairs),
        "unmatched_gold": unmatched,
        "errors": errors,
    }


def _format(report: dict[str, Any], show_errors: bool) -> str:
    def pct(x: float | None) -> str:
        return "  n/a" if x is None else f"{x:5.3f}"

    o = report["overall"]
    lines = [
        (
            f"gold {report['gold']}: {report['articles']} articles, {report['sentences']} sentences, "
            f"{report['gold_attributions']} gold attributions"
        ),
        (
            f"overall        P {pct(o['precision'])}  R {pct(o['recall'])}  F1 {pct(o['f1'])}  "
            f"(tp {o['tp']}, fp {o['fp']}, fn {o['fn']})"
        ),
    ]
    for kind, m in report["per_kind"].items():
        lines.append(
            f"{kind:<14} P {pct(m['precision'])}  R {pct(m['recall'])}  F1 {pct(m['f1'])}  "
            f"(tp {m['tp']}, fp {m['fp']}, fn {m['fn']})"
        )
    h = report["hedge"]
    lines.append(f"hedged (sent.) P {pct(h['precision'])}  R {pct(h['recall'])}  F1 {pct(h['f1'])}")
    lines.append(
        f"source accuracy {pct(report['source_accuracy'])}   "
        f"continuation resolution {pct(report['continuation_resolution_accuracy'])}"
    )
    if report["unmatched_gold"]:
        lines.append(f"UNMATCHED gold sentences: {len(report['unmatched_gold'])}")
        lines += [
            f"  {u['article_id']} #{u['index']} '{u['anchor']}': {u['why']}" for u in report["unmatched_gold"]
        ]
    if show_errors:
        for e in report["errors"]:
            att = e.get("gold") or e.get("predicted")
            lines.append(
                f"- {e['error']:<8} {e['article_id']} #{e['sentence']}: {att['kind']} "
                f"{att['source']!r} ({att['cue']}) | {e['text'][:140]}"
            )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", required=True, help="gold JSONL, e.g. eval/attributions/dev.jsonl")
    parser.add_argument(
        "--data",
        required=True,
        nargs="+",
        help="10kGNAD CSV (../shared/data/10kgnad-dev.csv) and/or WMT newstest .deu files",
    )
    parser.add_argument("--json", action="store_true", help="print the full report as JSON")
    parser.add_argument("--errors", action="store_true", help="list every missed and spurious attribution")
    parser.add_argument(
        "--pysbd", action="store_true", help="split with pysbd instead of the service splitter"
    )
    args = parser.parse_args(argv)
    for path in (args.gold, *args.data):
        if not Path(path).is_file():
            print(f"error: {path} does not exist", file=sys.stderr)
            return 2
    from service.attribution.extract import RuleAttributionExtractor

    try:
        report = score_extraction(
            args.gold, args.data, RuleAttributionExtractor(), pysbd_splitter() if args.pysbd else None
        )
    except GoldFormatError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        if not args.errors:
            report = {k: v for k, v in report.items() if k != "errors"}
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print(_format(report, args.errors))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
