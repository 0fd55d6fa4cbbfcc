"""Repair a summarizer's draft until it passes its own attribution audit.

For each flagged sentence, in brief order (a repair can change what a later "he said" refers to):

1. ``invented_source``: take the invented attribution out ("…, the company says." → "….");
2. ``wrong_source``: put the right source in place of the wrong one;
3. ``missing_source``: name the source ("…, Huber said." / "…, according to the interior ministry.");
4. ``lost_hedge``: put "reportedly" back in, after the first auxiliary ("The company has reportedly
   …") or before the first finite verb ("The men reportedly stole …");
5. still flagged → the faithful translation of the backing source sentence(s), repaired the same way
   if the translation itself dropped the source or hedge (then "According to X, …" as last resort);
6. still flagged, or nothing backs the sentence → dropped, with a warning.

Every change is recorded as a ``Repair``. A draft that ends up empty is replaced by the (repaired)
translations of the first source sentences, so a non-empty article never gets an empty brief.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from service.attribution.audit import (
    SAY_CUES,
    AttributionAuditor,
    SentenceCheck,
    SourceRef,
    english_source_name,
)
from service.attribution.english import EnglishAttribution, find_english_attributions, remove_attribution
from service.attribution.names import english_label, parse_source
from service.document import AuditFlag, BriefSentence, Repair, Sentence, Warning
from service.provenance import split_english
from service.stages import GuardResult

RepairAction = Literal[
    "named_source", "restored_hedge", "replaced_by_translation", "removed_source", "dropped"
]

_AUXILIARY = re.compile(
    r"\b(is|are|was|were|has|have|had|will|would|can|could|may|might|must|should|shall)\b(?!\s+(?:reportedly|allegedly))",
    re.IGNORECASE,
)
_IRREGULAR_PAST = frozenset(
    [
        "stole",
        "took",
        "made",
        "fled",
        "shot",
        "hit",
        "left",
        "went",
        "came",
        "gave",
        "got",
        "kept",
        "sold",
        "bought",
        "paid",
        "lost",
        "won",
        "ran",
        "fell",
        "broke",
        "drove",
        "flew",
        "fought",
        "found",
        "held",
        "hid",
        "led",
        "met",
        "put",
        "rose",
        "sank",
        "sent",
        "set",
        "spent",
        "stood",
        "struck",
        "threw",
        "told",
        "wrote",
        "began",
        "brought",
        "built",
        "caught",
        "chose",
        "drew",
        "ate",
        "felt",
        "grew",
        "heard",
        "knew",
        "lay",
        "meant",
        "rode",
        "saw",
        "sought",
        "shut",
        "slew",
        "sold",
        "spoke",
        "stuck",
        "swore",
        "swam",
        "tore",
        "understood",
        "woke",
        "wore",
        "wound",
    ]
)
# Words that may be lower-cased when a sentence no longer starts with them.
LOWERABLE_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "there",
        "it",
        "its",
        "their",
        "his",
        "her",
        "he",
        "she",
        "they",
        "we",
        "in",
        "on",
        "at",
        "for",
        "after",
        "before",
        "since",
        "by",
        "with",
        "from",
        "during",
        "some",
        "many",
        "most",
        "all",
        "both",
        "each",
        "every",
        "one",
        "two",
        "three",
        "several",
    ]
)
_PERSON_VERB = "said"


@dataclass
class _Entry:
    """One sentence of the brief being repaired, remembered by its index in the draft."""

    draft_index: int
    text: str
    provenance: list[int] | None


class AttributionGuard:
    """``BriefGuard``: audit the draft, repair every flagged sentence, return a brief that passes."""

    def __init__(self, auditor: AttributionAuditor | None = None, *, fallback_sentences: int = 3) -> None:
        if fallback_sentences < 1:
            raise ValueError(f"fallback_sentences must be at least 1, got {fallback_sentences}")
        self.auditor = auditor or AttributionAuditor()
        self.fallback_sentences = fallback_sentences

    def guard(self, sentences: Sequence[Sentence], draft: str) -> GuardResult:
        repairs: list[Repair] = []
        warnings: list[Warning] = []
        entries = [_Entry(i, text, None) for i, text in enumerate(split_english(draft))]
        if entries:
            first = self.auditor.check(sentences, [e.text for e in entries])
            for entry, check in zip(entries, first):
                entry.provenance = check.sources  # fixed: a repair must not move a sentence's backing
            entries = self._repair_all(sentences, entries, repairs, warnings)
        if not entries and any(s.en and s.en.strip() for s in sentences):
            reason = (
                "the summarizer returned an empty draft"
                if not draft.strip()
                else "every draft sentence was dropped"
            )
            warnings.append(
                Warning(
                    code="brief_from_translation",
                    message=f"{reason}; the brief is built from the translated lead sentences",
                )
            )
            lead = [s for s in sentences if s.en and s.en.strip()][: self.fallback_sentences]
            fallback = [_Entry(-1, s.en or "", [s.index]) for s in lead]
            entries = self._repair_all(sentences, fallback, [], warnings, record=False)
        final = self.auditor.check(sentences, [e.text for e in entries], [e.provenance for e in entries])
        if not all(c.ok for c in final):  # guard invariant; _repair_all drops what it cannot fix
            raise RuntimeError("attribution guard produced a brief that fails its own audit")
        brief = [BriefSentence(text=c.text, sources=c.sources, attributions=c.attributions) for c in final]
        return GuardResult(sentences=brief, repairs=repairs, warnings=warnings)

    # ------------------------------------------------------------------------------------------

    def _check(
        self,
        sentences: Sequence[Sentence],
        entries: list[_Entry],
        i: int,
        text: str | None = None,
        provenance: list[int] | None = None,
    ) -> SentenceCheck:
        texts = [e.text for e in entries[: i + 1]]
        provs = [e.provenance for e in entries[: i + 1]]
        if text is not None:
            texts[i] = text
        if provenance is not None:
            provs[i] = provenance
        return self.auditor.check(sentences, texts, provs)[i]

    def _repair_all(
        self,
        sentences: Sequence[Sentence],
        entries: list[_Entry],
        repairs: list[Repair],
        warnings: list[Warning],
        *,
        record: bool = True,
    ) -> list[_Entry]:
        by_index = {s.index: s for s in sentences}
        i = 0
        while i < len(entries):
            entry = entries[i]
            check = self._check(sentences, entries, i)
            if check.ok:
                i += 1
                continue
            log: list[Repair] = []
            if any(f.kind == "unsupported" for f in check.flags):
                flag = next(f for f in check.flags if f.kind == "unsupported")
                self._drop(
                    entries, i, flag, repairs if record else None, warnings, "nothing in the article backs it"
                )
                continue
            text = self._repair_text(sentences, entries, i, entry.text, check, log)
            if self._check(sentences, entries, i, text).ok:
                entry.text = text
                if record:
                    repairs.extend(log)
                i += 1
                continue
            # A clean local repair was not possible: use the faithful translation of the backing.
            backing = check.sources
            translation = " ".join((by_index[k].en or "").strip() for k in backing if by_index[k].en).strip()
            if translation and translation != entry.text:
                before_flag = check.flags[0]
                log = [
                    Repair(
                        sentence=entry.draft_index,
                        flag=before_flag,
                        action="replaced_by_translation",
                        before=entry.text,
                        after=translation,
                    )
                ]
                entry.provenance = list(backing)
                tcheck = self._check(sentences, entries, i, translation, entry.provenance)
                text = translation
                if not tcheck.ok and not any(f.kind == "unsupported" for f in tcheck.flags):
                    text = self._repair_text(sentences, entries, i, translation, tcheck, log)
                if self._check(sentences, entries, i, text).ok:
                    entry.text = text
                    if record:
                        repairs.extend(log)
                    i += 1
                    continue
            still = self._check(sentences, entries, i, text)
            flag = still.flags[0] if still.flags else check.flags[0]
            self._drop(
                entries,
                i,
                flag,
                repairs if record else None,
                warnings,
                "neither a repair nor the source translation passes the audit",
            )
        return entries

    @staticmethod
    def _drop(
        entries: list[_Entry],
        i: int,
        flag: AuditFlag,
        repairs: list[Repair] | None,
        warnings: list[Warning],
        why: str,
    ) -> None:
        entry = entries.pop(i)
        if repairs is not None:
            repairs.append(
                Repair(sentence=entry.draft_index, flag=flag, action="dropped", before=entry.text, after="")
            )
        warnings.append(
            Warning(
                code="sentence_dropped",
                message=f"brief sentence dropped ({flag.kind}: {flag.detail}); {why}",
                sentence=entry.draft_index if entry.draft_index >= 0 else None,
            )
        )

    def _repair_text(
        self,
        sentences: Sequence[Sentence],
        entries: list[_Entry],
        i: int,
        text: str,
        check: SentenceCheck,
        log: list[Repair],
    ) -> str:
        """Apply the local repairs for each flag of ``check``; append what changed to ``log``."""
        draft_index = entries[i].draft_index
        flags = {f.kind: f for f in check.flags}

        def step(flag: AuditFlag, action: RepairAction, before: str, after: str) -> str:
            if after != before:
                log.append(Repair(sentence=draft_index, flag=flag, action=action, before=before, after=after))
            return after

        for invented in check.invented:
            current = _find_same(text, invented.source or "")
            if current is not None and current.kind != "according_to" and current.cue not in SAY_CUES:
                # 'Specialist media had criticised the change': the source is the subject of an action
                # verb, and cutting it out leaves no sentence; the translation fallback handles it.
                continue
            if current is not None:
                text = step(
                    flags["invented_source"], "removed_source", text, remove_attribution(text, current)
                )
        if check.wrong and check.unnamed:
            right = check.unnamed[0]
            for wrong in check.wrong:
                current = _find_same(text, wrong.source or "")
                if (
                    current is not None
                    and current.source_start is not None
                    and current.source_end is not None
                ):
                    text = step(
                        flags["wrong_source"],
                        "named_source",
                        text,
                        _replace_span(
                            text,
                            current.source_start,
                            current.source_end,
                            _source_phrase(right, with_role=False),
                        ),
                    )
        recheck = self._check(sentences, entries, i, text, entries[i].provenance)
        named: set[str] = set()
        while recheck.unnamed:
            # One source at a time, best rendered first: naming it may attribute the sentence's
            # other sources too (audit: one claim, one attribution).
            ref = min(recheck.unnamed, key=_naming_preference)
            key = english_source_name(ref).lower()
            if key in named:
                break
            named.add(key)
            flag = flags.get("missing_source") or flags.get("wrong_source") or recheck.flags[0]
            text = step(
                flag, "named_source", text, name_source(text, _source_phrase(ref), person=_is_person(ref))
            )
            recheck = self._check(sentences, entries, i, text, entries[i].provenance)
        recheck = self._check(sentences, entries, i, text, entries[i].provenance)
        for ref in _distinct_sources(recheck.unnamed):
            # The suffix did not read as an attribution (e.g. after a quote): say it up front.
            flag = flags.get("missing_source") or recheck.flags[0]
            text = step(flag, "named_source", text, prefix_according_to(text, _source_phrase(ref)))
        recheck = self._check(sentences, entries, i, text, entries[i].provenance)
        if recheck.hedge_lost:
            flag = flags.get("lost_hedge") or next(f for f in recheck.flags if f.kind == "lost_hedge")
            text = step(flag, "restored_hedge", text, insert_hedge(text))
        return text


def _naming_preference(ref: SourceRef) -> tuple[int, int, int]:
    """Name first a source the translator rendered as one, said with a reporting cue, in its own sentence."""
    return (not ref.renderings, ref.attribution.kind != "direct", ref.carried)


def _distinct_sources(refs: Sequence[SourceRef]) -> list[SourceRef]:
    seen: set[str] = set()
    out = []
    for ref in refs:
        key = english_source_name(ref).lower()
        if key not in seen:
            seen.add(key)
            out.append(ref)
    return out


def _find_same(text: str, source: str) -> EnglishAttribution | None:
    for a in find_english_attributions(text):
        if a.kind != "hedge" and (a.source or "").strip(" ,") == source.strip(" ,"):
            return a
    return None


def _is_person(ref: SourceRef) -> bool:
    parts = parse_source(ref.attribution.source, True)
    return bool(parts.surnames) and not parts.concepts - {
        "spokesperson",
        "head",
        "minister",
        "chancellor",
        "president",
        "mayor",
        "governor",
        "expert",
        "lawyer",
        "coach",
    }


# Roles worth naming next to a person ("Maria Huber, the state police spokesperson").
_PERSON_ROLES = frozenset(
    {
        "spokesperson",
        "head",
        "minister",
        "chancellor",
        "president",
        "mayor",
        "governor",
        "councillor",
        "expert",
        "lawyer",
        "coach",
        "analyst",
        "economist",
        "researcher",
        "doctor",
        "prosecutor",
    }
)


def _source_phrase(ref: SourceRef, *, with_role: bool = True) -> str:
    """The source in natural English, with a short role when the lexicon knows it."""
    name = english_source_name(ref)
    role = ref.attribution.role
    if with_role and role and _is_person(ref) and parse_source(role, True).concepts & _PERSON_ROLES:
        role_en = english_label(role)
        if (
            role_en.lower() not in name.lower()
            and len(role_en.split()) <= 5
            and role_en.lower().startswith("the ")
        ):
            return f"{name}, {role_en},"
    return name


def _replace_span(text: str, start: int, end: int, phrase: str) -> str:
    phrase = phrase.rstrip(",")
    if start == 0 or re.search(r"(?:^|[.!?]\s*[\"“]?)$", text[:start]):
        phrase = phrase[:1].upper() + phrase[1:]
    elif phrase.startswith("The "):
        phrase = "the " + phrase[4:]
    tail = text[end:]
    if text[start:end].rstrip().endswith(",") or phrase.endswith(","):
        phrase = phrase.rstrip(",") + ","
        tail = tail.lstrip(" ,")
        tail = " " + tail if tail and not tail.startswith(" ") else tail
    return text[:start] + phrase + tail


def name_source(text: str, phrase: str, *, person: bool) -> str:
    """Append the attribution: '…, Huber said.' for people, '…, according to X.' otherwise."""
    body = text.rstrip()
    closing_quote = re.search(r"([.!?,]?)([\"“”’])$", body)
    phrase = phrase.rstrip(",")
    if phrase.startswith("The ") and not person:
        phrase = "the " + phrase[4:]
    if closing_quote:
        inner = body[: closing_quote.start()].rstrip(".!?,")
        who = phrase if not phrase.startswith("The ") else "the " + phrase[4:]
        return f"{inner},{closing_quote.group(2)} {who} {_PERSON_VERB}."
    end = re.search(r"[.!?]+$", body)
    mark = end.group(0) if end else "."
    core = body[: end.start()] if end else body
    core = core.rstrip(" ,;:")
    if person:
        if "," in phrase:  # 'Maria Huber, the state police spokesperson,' → inverted keeps it readable
            return f"{core}, said {phrase}{mark}"
        return f"{core}, {phrase} {_PERSON_VERB}{mark}"
    return f"{core}, according to {phrase}{mark}"


def prefix_according_to(text: str, phrase: str) -> str:
    """'According to X, …' in front of the sentence."""
    phrase = phrase.rstrip(",")
    if phrase.startswith("The "):
        phrase = "the " + phrase[4:]
    body = text.strip()
    first = re.match(r"[\w'’\-]+", body)
    if first and first.group(0).lower() in LOWERABLE_WORDS and not first.group(0).isupper():
        body = body[0].lower() + body[1:]
    return f"According to {phrase}, {body}"


def insert_hedge(text: str, hedge: str = "reportedly") -> str:
    """Put a hedge adverb into a sentence grammatically: after the first auxiliary, or before the verb."""
    body = text
    aux = _AUXILIARY.search(body)
    if aux and aux.start() > 0:
        return body[: aux.end()] + f" {hedge}" + body[aux.end() :]
    for m in re.finditer(r"[A-Za-z][\w'’\-]*", body):
        if m.start() == 0:
            continue
        word = m.group(0)
        if word[0].isupper():
            continue
        if (word.endswith("ed") and len(word) > 4) or word.lower() in _IRREGULAR_PAST:
            return body[: m.start()] + f"{hedge} " + body[m.start() :]
    first = re.match(r"[\w'’\-]+", body)
    if first and first.group(0).lower() in LOWERABLE_WORDS:
        body = body[0].lower() + body[1:]
    return f"{hedge.capitalize()}, {body}"
