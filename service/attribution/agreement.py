"""Inter-annotator agreement on attribution gold: score annotation B against annotation A.

Both files are gold JSONL in the ``eval/attributions`` format. B's annotations are turned into
predictions and scored by :func:`service.attribution.evaluate_extraction.score_extraction`, so
the matching rules (same sentence, same kind, source equal up to case, determiners and a
surname/role-head prefix or suffix) are exactly the extractor's. With those rules B-against-A
F1 equals A-against-B F1 (precision and recall swap), so the overall F1 is the symmetric
agreement figure. On top of the scorer's report this adds Cohen's kappa over sentences for
"has an attribution" and "is hedged" (the chance-corrected view of the same decisions), and it
reports -- never drops -- B sentences that cannot be placed and articles only one annotator
covered. Usage::

    python -m service.attribution.agreement --a eval/attributions/heldout4.jsonl \\
        --b eval/attributions/heldout4b.jsonl --data ../shared/data/10kgnad-dev.csv [--json] [--errors]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from service.attribution.evaluate_extraction import (
    GoldArticle,
    GoldFormatError,
    Splitter,
    _format,  # the scorer's table, reused so both reports read alike
    default_splitter,
    load_articles,
    load_gold,
    locate,
    pysbd_splitter,
    score_extraction,
)
from service.document import Attribution


class AnnotationPredictor:
    """An ``AttributionExtractor`` that answers with annotation B instead of rules.

    The scorer hands ``extract`` only the sentences of one article, so the article is
    recognised by its split: B's articles are split up front with the scorer's splitter, and
    a sentence list equal to one of them gets that article's annotations. Any other sentence
    list is an error rather than "no attributions", which would silently count as misses
    (:func:`score_agreement` only asks for articles both annotations cover).
    """

    def __init__(self, annotation: Sequence[GoldArticle], texts: dict[str, str], split: Splitter) -> None:
        self._by_split: dict[tuple[str, ...], list[list[Attribution]]] = {}
        self.unplaced: list[dict[str, Any]] = []
        for article in annotation:
            if article.article_id not in texts:
                self.unplaced.extend(
                    _unplaced(article.article_id, g.index, g.anchor, "article not in data")
                    for g in article.sentences
                )
                continue
            sentences = tuple(split(texts[article.article_id]))
            per_sentence: list[list[Attribution]] = [[] for _ in sentences]
            for gold in article.sentences:
                where = locate(sentences, gold)
                if where is None:
                    self.unplaced.append(
                        _unplaced(
                            article.article_id,
                            gold.index,
                            gold.anchor,
                            "anchor not found in the split article",
                        )
                    )
                    continue
                per_sentence[where].extend(gold.attributions)
            if sentences in self._by_split:
                raise GoldFormatError(
                    f"article {article.article_id} splits exactly like another article of the "
                    "annotation; the two cannot be told apart"
                )
            self._by_split[sentences] = per_sentence

    def extract(
        self, sentences: Sequence[str], paragraphs: Sequence[int] | None = None
    ) -> list[list[Attribution]]:
        annotated = self._by_split.get(tuple(sentences))
        if annotated is None:
            first = sentences[0][:60] if sentences else ""
            raise ValueError(f"no article of annotation B splits into these sentences (first: {first!r})")
        return [list(atts) for atts in annotated]


def _unplaced(article_id: str, index: int, anchor: str, why: str) -> dict[str, Any]:
    return {"article_id": article_id, "index": index, "anchor": anchor, "why": why}


def cohen_kappa(pairs: Sequence[tuple[bool, bool]]) -> float | None:
    """Cohen's kappa of two binary labelings; None when undefined (no items, or no variation)."""
    n = len(pairs)
    if n == 0:
        return None
    observed = sum(a == b for a, b in pairs) / n
    p_a = sum(a for a, _ in pairs) / n
    p_b = sum(b for _, b in pairs) / n
    expected = p_a * p_b + (1 - p_a) * (1 - p_b)
    if expected == 1:
        return None
    return round((observed - expected) / (1 - expected), 4)


def _sentence_labels(
    annotation: Sequence[GoldArticle], texts: dict[str, str], split: Splitter, article_ids: set[str]
) -> dict[tuple[str, int], tuple[bool, bool]]:
    """(article, sentence) -> (has an attribution, is hedged), for every sentence of the articles."""
    labels: dict[tuple[str, int], tuple[bool, bool]] = {}
    for article in annotation:
        if article.article_id not in article_ids:
            continue
        sentences = list(split(texts[article.article_id]))
        for index in range(len(sentences)):
            labels[(article.article_id, index)] = (False, False)
        for gold in article.sentences:
            where = locate(sentences, gold)
            if where is None:
                continue  # reported as unplaced by the scorer / the predictor
            has, hedged = labels[(article.article_id, where)]
            labels[(article.article_id, where)] = (
                has or bool(gold.attributions),
                hedged or any(a.hedged for a in gold.attributions),
            )
    return labels


def score_agreement(
    a_path: str | Path,
    b_path: str | Path,
    data_csv: str | Path,
    splitter: Splitter | None = None,
) -> dict[str, Any]:
    """Annotation B scored against annotation A with the extractor scorer's rules, plus kappas.

    The report is ``score_extraction``'s (``gold`` is A; ``errors`` lists the disagreements:
    "missed" = only A has it, "spurious" = only B has it) with these keys added:
    ``annotation_b``, ``unplaced_b`` (B sentences that could not be located),
    ``a_only_articles`` / ``b_only_articles`` (annotated by one side only; not scored, since
    an article one annotator never looked at says nothing about agreement) and ``kappa``
    (sentence-level "attributed" and "hedged").
    """
    split = splitter or default_splitter()
    annotation_a = load_gold(a_path)
    annotation_b = load_gold(b_path)
    texts = load_articles(data_csv)
    ids_a = {a.article_id for a in annotation_a}
    ids_b = {b.article_id for b in annotation_b}
    shared = ids_a & ids_b
    if not shared:
        raise GoldFormatError(
            f"{a_path} and {b_path} annotate no common article; agreement needs the same articles"
        )
    predictor = AnnotationPredictor([b for b in annotation_b if b.article_id in shared], texts, split)
    with tempfile.TemporaryDirectory() as tmp:
        shared_a = Path(tmp) / "a_shared.jsonl"
        _write_articles(a_path, shared, shared_a)
        report = score_extraction(shared_a, data_csv, predictor, split)
    report["gold"] = str(a_path)
    scored = shared & set(texts)
    labels_a = _sentence_labels(annotation_a, texts, split, scored)
    labels_b = _sentence_labels(annotation_b, texts, split, scored)
    keys = sorted(labels_a)
    report.update(
        {
            "annotation_b": str(b_path),
            "unplaced_b": predictor.unplaced,
            "a_only_articles": sorted(ids_a - ids_b),
            "b_only_articles": sorted(ids_b - ids_a),
            "kappa": {
                "attributed": cohen_kappa([(labels_a[k][0], labels_b[k][0]) for k in keys]),
                "hedged": cohen_kappa([(labels_a[k][1], labels_b[k][1]) for k in keys]),
            },
        }
    )
    return report


def _write_articles(gold_path: str | Path, article_ids: set[str], out: Path) -> None:
    """Copy the records of the given articles (already validated by ``load_gold``) to ``out``."""
    with open(gold_path, encoding="utf-8") as source, open(out, "w", encoding="utf-8") as sink:
        for line in source:
            if line.strip() and json.loads(line)["article_id"] in article_ids:
                sink.write(line if line.endswith("\n") else line + "\n")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--a", required=True, help="reference annotation (gold JSONL)")
    parser.add_argument("--b", required=True, help="second annotation of the same articles (gold JSONL)")
    parser.add_argument("--data", required=True, help="10kGNAD CSV, e.g. ../shared/data/10kgnad-dev.csv")
    parser.add_argument("--json", action="store_true", help="print the full report as JSON")
    parser.add_argument("--errors", action="store_true", help="list every disagreement")
    parser.add_argument(
        "--pysbd", action="store_true", help="split with pysbd instead of the service splitter"
    )
    args = parser.parse_args(argv)
    for path in (args.a, args.b, args.data):
        if not Path(path).is_file():
            print(f"error: {path} does not exist", file=sys.stderr)
            return 2
    try:
        report = score_agreement(args.a, args.b, args.data, pysbd_splitter() if args.pysbd else None)
    except GoldFormatError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        if not args.errors:
            report = {k: v for k, v in report.items() if k != "errors"}
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print(format_agreement(report, args.errors))
    return 0


def format_agreement(report: dict[str, Any], show_errors: bool) -> str:
    """Human-readable report: the scorer's table, then kappas and coverage problems."""
    text = _format(report, False).replace("gold ", "A ", 1)
    lines = [f"B {report['annotation_b']} scored against {text}"]
    kappa = report["kappa"]
    lines.append(f"kappa (sentences): attributed {kappa['attributed']}  hedged {kappa['hedged']}")
    for key, label in (("a_only_articles", "only in A"), ("b_only_articles", "only in B")):
        if report[key]:
            lines.append(f"articles {label} (not scored): {', '.join(report[key])}")
    if report["unplaced_b"]:
        lines.append(f"UNPLACED B sentences: {len(report['unplaced_b'])}")
        lines += [
            f"  {u['article_id']} #{u['index']} '{u['anchor']}': {u['why']}" for u in report["unplaced_b"]
        ]
    if show_errors:
        lines.append("disagreements (A-only = 'missed' by B, B-only = 'spurious'):")
        for e in report["errors"]:
            att = e.get("gold") or e.get("predicted")
            who = "A-only" if e["error"] == "missed" else "B-only"
            lines.append(
                f"- {who} {e['article_id']} #{e['sentence']}: {att['kind']} {att['source']!r} "
                f"({att['cue']}{', hedged' if att['hedged'] else ''}) | {e['text'][:140]}"
            )
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
