"""Score the attribution audit on faithful and faulty English briefs of real news articles.

    python -m service.attribution.evaluate_audit --set eval/audit/dev.jsonl \\
        --data ../shared/data/10kgnad-dev.csv [../shared/data/newstest2018.deu ...] \\
        [--attributions gold|extractor] [--json] [--verbose]

The set (see eval/audit/README.md) stores, per article, our own English translations of some
sentences (found again in the data file by a short German anchor), German attribution gold for them, a
faithful brief and hand-written faulty variants. Further faults are made here by rule from the
faithful brief's annotations: drop the attribution (missing_source), put another speaker of the
article in (wrong_source), add a source the article does not give (invented_source), take the hedge
out (lost_hedge). A fault is *detected* when the audit flags that brief sentence with that kind;
"any" counts any flag. False flags are flags on sentences of the faithful brief.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from service.attribution.audit import AttributionAuditor
from service.attribution.evaluate_extraction import default_splitter, load_articles
from service.attribution.names import same_source
from service.attribution.repair import LOWERABLE_WORDS, AttributionGuard
from service.document import Attribution, Sentence

FAULT_KINDS = ("missing_source", "wrong_source", "invented_source", "lost_hedge")

# Sources a CNN-trained summarizer likes to add; one is picked per sentence, skipping any whose
# key word the backing translation already contains (that would be a mention, not an invention).
_INVENTIONS = (
    ("suffix", ", officials said.", "official"),
    ("suffix", ", the company says.", "company"),
    ("suffix", ", police said.", "police"),
    ("suffix", ", according to the ministry.", "ministry"),
    ("prefix", "Experts say ", "expert"),
    ("suffix", ", a spokesman said.", "spokes"),
)


@dataclass
class Fault:
    article: str
    sentence: int
    kind: str
    text: str
    origin: str  # "rule" or "hand"


@dataclass
class ArticleCase:
    id: str
    sentences: list[Sentence]
    brief: list[str]
    gold_provenance: list[list[int]]
    faults: list[Fault] = field(default_factory=list)


_QUOTE_MARKS = str.maketrans({c: '"' for c in "„“”‚‘’«»"})


def _normalise(text: str) -> str:
    # Anchors were written from the raw or the normalised text: quote marks may differ.
    return " ".join(text.translate(_QUOTE_MARKS).split())


def _find_anchor(german: Sequence[str], anchor: str, article: str) -> int:
    needle = _normalise(anchor)
    hits = [i for i, s in enumerate(german) if needle in _normalise(s)]
    if not hits:
        raise ValueError(f"{article}: anchor {anchor!r} is in no sentence after splitting; fix the anchor")
    return hits[0]


def rule_faults(
    article: dict[str, Any],
    brief: list[str],
    backing_en: list[str],
    backing_gold: list[bool],
    backing_sources: list[list[str]] | None = None,
) -> list[Fault]:
    """Faults made by rule from the faithful brief's annotations (see module docstring).

    ``backing_sources`` (the German sources of each brief sentence's backing sentences) keeps a
    wrong-source swap from putting in the right source under another name ("Ulrike
    Rabmer-Koller" for "the social insurance chief" is no fault).
    """
    faults: list[Fault] = []
    speakers: list[str] = article.get("speakers", [])
    for k, entry in enumerate(article["brief"]):
        text = entry["text"]
        if entry.get("drop"):
            if entry["drop"] not in text:
                raise ValueError(f"{article['id']} brief {k}: drop {entry['drop']!r} is not in the sentence")
            faults.append(
                Fault(article["id"], k, "missing_source", _tidy(text.replace(entry["drop"], "", 1)), "rule")
            )
        if entry.get("source"):
            source = entry["source"]
            if source not in text:
                raise ValueError(f"{article['id']} brief {k}: source {source!r} is not in the sentence")
            true_sources = backing_sources[k] if backing_sources is not None else []
            other = next(
                (
                    s
                    for s in speakers
                    if _surname(s) not in source.lower()
                    and _surname(source) not in s.lower()
                    and not any(same_source(g, s) for g in true_sources)
                ),
                None,
            )
            if other is not None:
                start = text.index(source)
                replacement = other[:1].upper() + other[1:] if start == 0 else other
                faults.append(
                    Fault(
                        article["id"],
                        k,
                        "wrong_source",
                        text[:start] + replacement + text[start + len(source) :],
                        "rule",
                    )
                )
        if entry.get("hedge"):
            old, new = entry["hedge"]
            if old not in text:
                raise ValueError(f"{article['id']} brief {k}: hedge {old!r} is not in the sentence")
            faults.append(Fault(article["id"], k, "lost_hedge", _tidy(text.replace(old, new, 1)), "rule"))
        if not (entry.get("drop") or entry.get("source") or entry.get("hedge")) and not backing_gold[k]:
            seed = sum(map(ord, article["id"])) + k
            for step in range(len(_INVENTIONS)):
                where, phrase, key = _INVENTIONS[(seed + step) % len(_INVENTIONS)]
                if key not in backing_en[k].lower():
                    break
            if where == "suffix":
                invented = text.rstrip().rstrip(".") + phrase
            else:
                first = text.split()[0]
                invented = phrase + (text[0].lower() + text[1:] if first.lower() in LOWERABLE_WORDS else text)
            faults.append(Fault(article["id"], k, "invented_source", invented, "rule"))
    return faults


def _surname(name: str) -> str:
    return name.split()[-1].lower()


def _tidy(text: str) -> str:
    text = re.sub(r"\s+([,.;:!?])", r"\1", text)
    text = re.sub(r"\s{2,}", " ", text).strip()
    return text[:1].upper() + text[1:]


def load_cases(set_path: Path, data_path: Path | Sequence[Path], attributions: str) -> list[ArticleCase]:
    records = [json.loads(line) for line in set_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    wanted = {r["id"] for r in records}
    texts = {k: v for k, v in load_articles(data_path).items() if k in wanted}
    missing = wanted - texts.keys()
    if missing:
        raise ValueError(f"articles {sorted(missing)} are not in {data_path}")
    # The text as the service sees it: normalised (quote marks, spaces), then split.
    split = default_splitter()
    extractor = None
    if attributions == "extractor":
        from service.attribution.extract import RuleAttributionExtractor

        extractor = RuleAttributionExtractor()
    cases = []
    for record in records:
        german = split(texts[record["id"]])
        local_to_index = [_find_anchor(german, s["anchor"], record["id"]) for s in record["sentences"]]
        english = {i: s["en"] for i, s in zip(local_to_index, record["sentences"])}
        gold = {
            i: [Attribution.model_validate(a) for a in s["gold"]]
            for i, s in zip(local_to_index, record["sentences"])
        }
        extracted = extractor.extract(german) if extractor is not None else None
        sentences = [
            Sentence(
                index=i,
                de=de,
                paragraph=0,
                en=english.get(i),
                attributions=(extracted[i] if extracted is not None else gold.get(i, [])),
            )
            for i, de in enumerate(german)
        ]
        brief = [b["text"] for b in record["brief"]]
        provenance = [[local_to_index[j] for j in b["from"]] for b in record["brief"]]
        backing_en = [" ".join(english[i] for i in p) for p in provenance]
        backing_gold = [any(gold[i] for i in p) for p in provenance]
        backing_sources = [[a.source for i in p for a in gold[i] if a.source] for p in provenance]
        faults = rule_faults(record, brief, backing_en, backing_gold, backing_sources)
        for n in record.get("natural", []):
            if n["kind"] not in FAULT_KINDS:
                raise ValueError(f"{record['id']}: unknown fault kind {n['kind']!r}")
            faults.append(Fault(record["id"], n["replaces"], n["kind"], n["text"], "hand"))
        cases.append(ArticleCase(record["id"], sentences, brief, provenance, faults))
    return cases


def evaluate(
    cases: Sequence[ArticleCase],
    auditor: AttributionAuditor | None = None,
    verbose: bool = False,
    *,
    with_guard: bool = True,
) -> dict[str, Any]:
    """Detection per fault kind, false flags on faithful sentences, and (optionally) the guard's repairs."""
    auditor = auditor or AttributionAuditor()
    faithful_total = faithful_flagged = provenance_exact = provenance_hit = 0
    false_kinds: Counter[str] = Counter()
    per_kind: dict[str, Counter[str]] = {k: Counter() for k in FAULT_KINDS}
    per_origin: dict[str, Counter[str]] = {"rule": Counter(), "hand": Counter()}
    guard = AttributionGuard(auditor)
    guarded: Counter[str] = Counter()
    for case in cases:
        if with_guard:
            faithful_result = guard.guard(case.sentences, " ".join(case.brief))
            guarded["faithful_briefs"] += 1
            guarded["faithful_untouched"] += not faithful_result.repairs
        report = auditor.check(case.sentences, case.brief)
        for k, check in enumerate(report):
            faithful_total += 1
            provenance_exact += check.sources == sorted(case.gold_provenance[k])
            provenance_hit += bool(set(check.sources) & set(case.gold_provenance[k]))
            if check.flags:
                faithful_flagged += 1
                false_kinds.update(f.kind for f in check.flags)
                if verbose:
                    print(
                        f"FALSE FLAG {case.id}#{k} {[(f.kind, f.detail) for f in check.flags]}\n    {check.text}",
                        file=sys.stderr,
                    )
        for fault in case.faults:
            brief = list(case.brief)
            brief[fault.sentence] = fault.text
            check = auditor.check(case.sentences, brief)[fault.sentence]
            kinds = {f.kind for f in check.flags}
            for counter in (per_kind[fault.kind], per_origin[fault.origin]):
                counter["n"] += 1
                counter["detected"] += fault.kind in kinds
                counter["any"] += bool(kinds)
            if kinds and with_guard:
                result = guard.guard(case.sentences, " ".join(brief))
                actions = [r.action for r in result.repairs if r.sentence == fault.sentence]
                guarded["flagged_faults"] += 1
                guarded["repaired_in_place"] += (
                    bool(actions) and "dropped" not in actions and "replaced_by_translation" not in actions
                )
                guarded["replaced_by_translation"] += "replaced_by_translation" in actions
                guarded["dropped"] += "dropped" in actions
                guarded["passes_audit"] += auditor.audit(
                    case.sentences, " ".join(s.text for s in result.sentences)
                ).ok
            if verbose and fault.kind not in kinds:
                print(
                    f"MISS {fault.origin} {fault.kind} {case.id}#{fault.sentence} flags={sorted(kinds)} "
                    f"sources={check.sources}\n    {fault.text}",
                    file=sys.stderr,
                )
    total = Counter()
    for counter in per_kind.values():
        total.update(counter)

    def rate(c: Counter[str], key: str) -> float | None:
        return round(c[key] / c["n"], 3) if c["n"] else None

    return {
        "articles": len(cases),
        "faults": total["n"],
        "detection_rate": rate(total, "detected"),
        "flagged_any_rate": rate(total, "any"),
        "per_kind": {
            k: {"n": c["n"], "detected": rate(c, "detected"), "any": rate(c, "any")}
            for k, c in per_kind.items()
        },
        "per_origin": {
            k: {"n": c["n"], "detected": rate(c, "detected"), "any": rate(c, "any")}
            for k, c in per_origin.items()
        },
        "faithful_sentences": faithful_total,
        "false_flag_rate": round(faithful_flagged / faithful_total, 3) if faithful_total else None,
        "false_flags_by_kind": dict(false_kinds),
        "provenance_exact": round(provenance_exact / faithful_total, 3) if faithful_total else None,
        "provenance_overlap": round(provenance_hit / faithful_total, 3) if faithful_total else None,
        "guard": {
            "faithful_briefs_untouched": f"{guarded['faithful_untouched']}/{guarded['faithful_briefs']}",
            "flagged_faults": guarded["flagged_faults"],
            "repaired_in_place": guarded["repaired_in_place"],
            "replaced_by_translation": guarded["replaced_by_translation"],
            "dropped": guarded["dropped"],
            "repaired_brief_passes_audit": guarded["passes_audit"],
        },
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", required=True, type=Path, help="eval/audit/dev.jsonl or heldout.jsonl")
    parser.add_argument(
        "--data",
        required=True,
        type=Path,
        nargs="+",
        help="the 10kGNAD CSV (id,category,text) and/or WMT newstest .deu files",
    )
    parser.add_argument(
        "--attributions",
        choices=("gold", "extractor"),
        default="gold",
        help="German attributions: the set's hand gold, or RuleAttributionExtractor",
    )
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--verbose", action="store_true", help="list misses and false flags on stderr")
    args = parser.parse_args(argv)
    for path in (args.set, *args.data):
        if not path.is_file():
            parser.error(f"{path} does not exist")
    result = evaluate(load_cases(args.set, args.data, args.attributions), verbose=args.verbose)
    result["set"] = str(args.set)
    result["attributions"] = args.attributions
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(
        f"{result['set']} ({result['attributions']} attributions): {result['articles']} articles, "
        f"{result['faults']} faults, {result['faithful_sentences']} faithful sentences"
    )
    print(f"  detected (same kind)  {result['detection_rate']}")
    print(f"  flagged (any kind)    {result['flagged_any_rate']}")
    print(f"  false flags           {result['false_flag_rate']}  {result['false_flags_by_kind']}")
    print(f"  provenance exact/overlap {result['provenance_exact']} / {result['provenance_overlap']}")
    for kind, row in result["per_kind"].items():
        print(f"  {kind:16s} n={row['n']:3d}  detected={row['detected']}  any={row['any']}")
    for origin, row in result["per_origin"].items():
        print(f"  {origin:16s} n={row['n']:3d}  detected={row['detected']}  any={row['any']}")
    print("  guard: " + ", ".join(f"{k}={v}" for k, v in result["guard"].items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
