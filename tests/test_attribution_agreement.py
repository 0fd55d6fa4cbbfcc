"""Inter-annotator agreement script, on invented articles and two invented annotations."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest

from service.attribution.agreement import AnnotationPredictor, cohen_kappa, main, score_agreement
from service.attribution.evaluate_extraction import GoldFormatError, load_articles, load_gold

# Invented text (no dataset content). One sentence per line after splitting on newlines.
ARTICLES = {
    "inv-1": "Die Stadt plant eine neue Brücke.\nDie Kosten seien tragbar, sagte Bürgermeisterin Anna Berger.\nDer Bau beginne im Frühjahr.\nKritiker sollen bereits Einspruch erhoben haben.\nDas Wetter war schön.",
    "inv-2": "Laut Polizei wurde niemand verletzt.\nEin Zeuge berichtete von einem lauten Knall.\nDie Straße blieb gesperrt.",
    "inv-3": "Der Verein meldete einen Rekord.\nEs kamen viele Gäste.",
}


def split_lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line]


def att(kind: str, source: str, cue: str, hedged: bool = False) -> dict[str, Any]:
    return {"kind": kind, "source": source, "role": None, "channel": None, "cue": cue, "hedged": hedged}


def sentence(article_id: str, index: int, attributions: list[dict[str, Any]]) -> dict[str, Any]:
    text = split_lines(ARTICLES[article_id])[index]
    anchor = " ".join(text.split()[:6])
    return {
        "type": "sentence",
        "article_id": article_id,
        "index": index,
        "anchor": anchor,
        "attributions": attributions,
    }


def article(article_id: str) -> dict[str, Any]:
    n = len(split_lines(ARTICLES[article_id]))
    return {
        "type": "article",
        "article_id": article_id,
        "category": "Test",
        "n_sentences": n,
        "splitter": "lines",
    }


ANNOTATION_A = [
    article("inv-1"),
    sentence("inv-1", 1, [att("direct", "Anna Berger", "sagte")]),
    sentence("inv-1", 2, [att("continuation", "Anna Berger", "beginne", True)]),
    sentence("inv-1", 3, [att("hedge_only", "", "sollen", True)]),
    article("inv-2"),
    sentence("inv-2", 0, [att("direct", "Polizei", "laut")]),
    sentence("inv-2", 1, [att("direct", "Ein Zeuge", "berichtete")]),
    article("inv-3"),
    sentence("inv-3", 0, [att("direct", "Der Verein", "meldete")]),
]

# B agrees on the direct ones ("Berger" matches "Anna Berger" as a surname), resolves the
# continuation to another source, skips the hedge, and adds one A does not have. inv-3 is A's only.
ANNOTATION_B = [
    article("inv-1"),
    sentence("inv-1", 1, [att("direct", "Berger", "sagte")]),
    sentence("inv-1", 2, [att("continuation", "Die Stadt", "beginne", True)]),
    sentence("inv-1", 4, [att("hedge_only", "", "war")]),
    article("inv-2"),
    sentence("inv-2", 0, [att("direct", "die Polizei", "laut")]),
    sentence("inv-2", 1, [att("direct", "ein Zeuge", "berichtete")]),
]


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture()
def files(tmp_path: Path) -> dict[str, Path]:
    data = tmp_path / "articles.csv"
    with open(data, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "category", "text"])
        for article_id, text in ARTICLES.items():
            writer.writerow([article_id, "Test", text])
    return {
        "a": write_jsonl(tmp_path / "a.jsonl", ANNOTATION_A),
        "b": write_jsonl(tmp_path / "b.jsonl", ANNOTATION_B),
        "data": data,
    }


def test_identical_annotations_agree_fully(files: dict[str, Path]) -> None:
    report = score_agreement(files["a"], files["a"], files["data"], split_lines)
    assert report["overall"] == {"tp": 6, "fp": 0, "fn": 0, "precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert report["kappa"] == {"attributed": 1.0, "hedged": 1.0}
    assert report["errors"] == []


def test_disagreements_are_counted_with_the_scorer_rules(files: dict[str, Path]) -> None:
    report = score_agreement(files["a"], files["b"], files["data"], split_lines)
    # inv-3 is A's only: not scored, but reported.
    assert report["a_only_articles"] == ["inv-3"]
    assert report["b_only_articles"] == []
    assert report["articles"] == 2
    assert report["overall"]["tp"] == 3  # Berger, Polizei, Zeuge
    assert report["per_kind"]["continuation"] == {
        "tp": 0,
        "fp": 1,
        "fn": 1,
        "precision": 0.0,
        "recall": 0.0,
        "f1": None,
    }
    assert report["per_kind"]["hedge_only"]["fn"] == 1
    assert report["per_kind"]["hedge_only"]["fp"] == 1
    kinds = sorted((e["error"], e["sentence"]) for e in report["errors"] if e["article_id"] == "inv-1")
    assert kinds == [("missed", 2), ("missed", 3), ("spurious", 2), ("spurious", 4)]
    # Sentence-level hedge: both hedge #2, only A hedges #3.
    assert report["hedge"]["tp"] == 1 and report["hedge"]["fn"] == 1 and report["hedge"]["fp"] == 0
    assert report["continuation_resolution_accuracy"] == 0.0


def test_f1_is_symmetric(files: dict[str, Path]) -> None:
    a_vs_b = score_agreement(files["a"], files["b"], files["data"], split_lines)
    b_vs_a = score_agreement(files["b"], files["a"], files["data"], split_lines)
    assert a_vs_b["overall"]["f1"] == b_vs_a["overall"]["f1"]
    assert a_vs_b["overall"]["precision"] == b_vs_a["overall"]["recall"]


def test_unplaceable_b_sentence_is_reported(files: dict[str, Path], tmp_path: Path) -> None:
    lost = dict(sentence("inv-2", 2, [att("direct", "X", "sagte")]), anchor="Diese Worte stehen nirgends")
    b = write_jsonl(tmp_path / "b_lost.jsonl", [*ANNOTATION_B, lost])
    report = score_agreement(files["a"], b, files["data"], split_lines)
    assert [(u["article_id"], u["anchor"]) for u in report["unplaced_b"]] == [
        ("inv-2", "Diese Worte stehen nirgends")
    ]


def test_annotations_without_common_articles_are_an_error(files: dict[str, Path], tmp_path: Path) -> None:
    only_3 = write_jsonl(tmp_path / "only3.jsonl", ANNOTATION_A[-2:])
    with pytest.raises(GoldFormatError, match="no common article"):
        score_agreement(only_3, files["b"], files["data"], split_lines)


def test_cohen_kappa() -> None:
    # agreement 2/4 when both say "yes" half the time is chance level -> 0
    assert cohen_kappa([(True, True), (False, False), (True, False), (False, True)]) == 0.0
    # agreement 3/4; "yes" rates 3/4 and 1/2 -> chance 1/2 -> (0.75 - 0.5) / 0.5
    assert cohen_kappa([(True, True), (True, True), (False, False), (True, False)]) == 0.5
    assert cohen_kappa([(True, True), (True, True)]) is None
    assert cohen_kappa([]) is None


def test_cli_json(files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        ["--a", str(files["a"]), "--b", str(files["b"]), "--data", str(files["data"]), "--json", "--errors"]
    )
    assert code == 0
    report = json.loads(capsys.readouterr().out)
    assert report["gold"] == str(files["a"])
    assert report["annotation_b"] == str(files["b"])
    assert report["errors"]


def test_cli_text_lists_disagreements(files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["--a", str(files["a"]), "--b", str(files["b"]), "--data", str(files["data"]), "--errors"]) == 0
    )
    out = capsys.readouterr().out
    assert "only in A (not scored): inv-3" in out
    assert "B-only inv-1 #4: hedge_only" in out


def test_cli_missing_file(files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nope.jsonl"
    assert main(["--a", str(files["a"]), "--b", str(missing), "--data", str(files["data"])]) == 2
    assert str(missing) in capsys.readouterr().err


def test_predictor_refuses_an_article_it_does_not_hold(files: dict[str, Path]) -> None:
    predictor = AnnotationPredictor(load_gold(files["b"]), load_articles(files["data"]), split_lines)
    assert predictor.extract(split_lines(ARTICLES["inv-2"]))[0][0].source == "die Polizei"
    with pytest.raises(ValueError, match="no article of annotation B"):
        predictor.extract(split_lines(ARTICLES["inv-3"]))
