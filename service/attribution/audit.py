"""Audit an English brief against the bitext: is every attribution kept, none invented, no hedge lost?

For each brief sentence the auditor finds the source sentences that back it (provenance), reads
the German attributions of those sentences, finds the attributions and hedges the English
sentence carries (english.py) and compares the two with names.py:

* ``missing_source``  a backing sentence attributes its claim (direct or continuation) and the
  brief sentence does not name that source;
* ``wrong_source``    the brief names a source, but not the one the claim is attributed to;
* ``invented_source`` the brief names a source for a claim that has none in the original (a
  source merely *mentioned* in the backing sentence, as actor, is not invented);
* ``lost_hedge``      the claim is hedged in German (hedge_only, or a hedged attribution whose
  source the brief does not name) and the brief states it as fact;
* ``unsupported``     no source sentence backs the brief sentence.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from service.attribution.english import EnglishAttribution, find_english_attributions, find_hedges
from service.attribution.german import is_first_name
from service.attribution.names import (
    MATCH_THRESHOLD,
    english_label,
    english_similarity,
    is_pronoun,
    parse_source,
    role_match_score,
    same_name,
    source_match_score,
)
from service.document import Attribution, AuditedSentence, AuditFlag, AuditReport, BriefAttribution, Sentence
from service.provenance import ProvenanceAligner, split_english
from service.stages import AttributionExtractor

# Attributions whose source a brief must name.
_NAMED_KINDS = ("direct", "continuation")
_WORD = re.compile(r"[\w'’\-]+")


@dataclass(frozen=True)
class SourceRef:
    """One German attribution of a backing sentence, with how the bitext renders its source."""

    sentence: int
    attribution: Attribution
    renderings: tuple[str, ...] = ()
    carried: bool = False


@dataclass
class SentenceCheck:
    """The audit of one brief sentence, with what the guard needs to repair it."""

    text: str
    sources: list[int]
    flags: list[AuditFlag] = field(default_factory=list)
    named: list[SourceRef] = field(default_factory=list)
    unnamed: list[SourceRef] = field(default_factory=list)
    wrong: list[EnglishAttribution] = field(default_factory=list)
    invented: list[EnglishAttribution] = field(default_factory=list)
    hedges_needed: list[SourceRef] = field(default_factory=list)
    hedge_lost: bool = False
    attributions: list[BriefAttribution] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.flags


def source_renderings(sentences: Sequence[Sentence]) -> dict[str, tuple[str, ...]]:
    """How the translator rendered each German source, learned from the bitext itself.

    In a sentence with direct attributions, an English attribution whose source phrase names
    the German source (names.py) is its rendering; when one German source and one English source
    phrase are left unpaired in a sentence, they are each other's rendering ('der
    Bürgerbeauftragte' ↔ 'the ombudsman').
    """
    renderings: dict[str, list[str]] = {}
    for sentence in sentences:
        if not sentence.en:
            continue
        german = [a for a in sentence.attributions if a.kind == "direct" and a.source.strip()]
        if not german:
            # "…, gesteht die Sozialversicherungs-Chefin zu" resolved to its speaker: the phrase
            # the translation puts in the source slot ('the social insurance chief') names her
            german = [
                a
                for a in sentence.attributions
                if a.kind == "continuation" and a.source.strip() and a.cue not in _CUE_LESS_CONTINUATIONS
            ][:1]
        if not german:
            continue
        english = [a for a in find_english_attributions(sentence.en) if a.kind != "hedge" and a.names_source]
        english = [a for a in english if not is_pronoun(a.source or "")]
        if german and german[0].kind == "continuation":
            # a resolved speaker: only a role description in the source slot renders it
            english = [a for a in english if _ROLE_DESCRIPTION.match(_clean_span(a.source or ""))]
        unpaired_german, unpaired_english = list(german), list(english)
        for g in german:
            for e in english:
                if e in unpaired_english and source_match_score(g.source, e.source or "") >= MATCH_THRESHOLD:
                    renderings.setdefault(_key(g.source), []).append(_rendering(e.source or ""))
                    unpaired_english.remove(e)
                    if g in unpaired_german:
                        unpaired_german.remove(g)
        if len(unpaired_german) == 1 and len(unpaired_english) == 1:
            renderings.setdefault(_key(unpaired_german[0].source), []).append(
                _rendering(unpaired_english[0].source or "")
            )
    return {k: tuple(dict.fromkeys(v)) for k, v in renderings.items()}


# Continuation cues that are no reporting word of their own: no source phrase stands in the sentence.
_CUE_LESS_CONTINUATIONS = frozenset({"Zitat", "„…“", "quote continuation"})

_ROLE_WORDS = (
    "minister|chancellor|president|mayor|governor|spokesman|spokeswoman|spokesperson|head|chief|chairman|"
    "chairwoman|director|secretary|leader|boss|prosecutor|judge|councillor|ambassador|commissioner|coach|ceo"
)
# "the social insurance chief", "the UN agency": a definite description by role or office.
_ROLE_DESCRIPTION = re.compile(
    rf"(?i)^the\s+(?:[\w'’\-]+\s+){{0,4}}(?:{_ROLE_WORDS}|vice-president|representative|official|officer|"
    r"agency|organisation|organization|ministry|lawyer|attorney|expert|researcher|analyst)s?$"
)
_ROLE_HOLDER = re.compile(
    rf"((?:[A-Z]?[a-z]+\s){{0,2}}(?:{_ROLE_WORDS}))\s+((?:[A-Z][\w'’\-]+\s?){{1,3}})", re.IGNORECASE
)


def role_holders(sentences: Sequence[Sentence]) -> list[tuple[str, str]]:
    """(role, name) pairs the translation states, e.g. ('Foreign Minister', 'Sebastian Kurz').

    A German attribution to a bare role ('erläuterte der Außenminister') then counts as named
    when the brief names the person ('Kurz told journalists').
    """
    pairs: list[tuple[str, str]] = []
    for sentence in sentences:
        for m in _ROLE_HOLDER.finditer(sentence.en or ""):
            name = m.group(2).strip()
            if name.split()[0].lower() in ("of", "the", "and") or not name[:1].isupper():
                continue
            pairs.append((m.group(1).strip(), name))
    return pairs


def _held_by(attribution: Attribution, holders: Sequence[tuple[str, str]]) -> tuple[str, ...]:
    """Names of the people the bitext gives the attribution's role to (only for bare roles)."""
    if not attribution.source.strip() or parse_source(attribution.source, True).names:
        return ()
    return tuple(
        dict.fromkeys(
            name for role, name in holders if source_match_score(attribution.source, role) >= MATCH_THRESHOLD
        )
    )


def _key(source: str) -> str:
    return " ".join(source.lower().split())


def _clean_span(span: str) -> str:
    return span.strip().strip(",").strip()


def _rendering(span: str) -> str:
    """A source phrase from the bitext without trailing adjuncts ('… published on Sunday')."""
    span = re.sub(
        r"\s+(?:published|issued|released|on|in|at|last|this|earlier|yesterday|today)\b.*$",
        "",
        _clean_span(span),
    )
    return span.strip(" ,")


class AttributionAuditor:
    """``BriefAuditor``: flags every brief sentence that drops, swaps or invents a source or a hedge."""

    def __init__(self, aligner: ProvenanceAligner | None = None) -> None:
        self.aligner = aligner or ProvenanceAligner()

    def audit(self, sentences: Sequence[Sentence], brief: str) -> AuditReport:
        return self.report(self.check(sentences, split_english(brief)))

    def check(
        self,
        sentences: Sequence[Sentence],
        brief_sentences: Sequence[str],
        provenance: Sequence[Sequence[int] | None] | None = None,
    ) -> list[SentenceCheck]:
        """Audit brief sentences one by one; ``provenance`` may fix the backing of some sentences."""
        sentences = with_german_hedges(sentences)
        by_index = {s.index: s for s in sentences}
        aligned = self.aligner.align(brief_sentences, sentences)
        if provenance is not None:
            if len(provenance) != len(brief_sentences):
                raise ValueError(
                    f"provenance has {len(provenance)} entries for {len(brief_sentences)} brief sentences"
                )
            aligned = [list(p) if p is not None else a for p, a in zip(provenance, aligned)]
        renderings = source_renderings(sentences)
        holders = role_holders(sentences)
        checks: list[SentenceCheck] = []
        antecedent: str | None = None
        carried = _carried_attributions(by_index)
        article_refs = [
            SourceRef(s.index, a, renderings.get(_key(a.source), ()) + _held_by(a, holders))
            for s in sentences
            for a in s.attributions
            if a.kind in _NAMED_KINDS and a.source.strip()
        ]
        for n, (text, backing) in enumerate(zip(brief_sentences, aligned)):
            earlier = " ".join(brief_sentences[:n])
            check = self._check_one(
                text, backing, by_index, renderings, holders, antecedent, earlier, carried, article_refs
            )
            checks.append(check)
            for attribution in find_english_attributions(text):
                if (
                    attribution.kind != "hedge"
                    and attribution.names_source
                    and not is_pronoun(attribution.source or "")
                ):
                    antecedent = attribution.source
            if check.named and not any(
                a.kind != "hedge" and a.names_source and not is_pronoun(a.source or "")
                for a in find_english_attributions(text)
            ):
                antecedent = (
                    check.named[-1].renderings[0]
                    if check.named[-1].renderings
                    else check.named[-1].attribution.source
                )
        return checks

    @staticmethod
    def report(checks: Sequence[SentenceCheck]) -> AuditReport:
        audited = [
            AuditedSentence(text=c.text, sources=c.sources, flags=c.flags, attributions=c.attributions)
            for c in checks
        ]
        return AuditReport(ok=all(c.ok for c in checks), sentences=audited)

    # ------------------------------------------------------------------------------------------

    def _check_one(
        self,
        text: str,
        backing: Sequence[int],
        by_index: Mapping[int, Sentence],
        renderings: Mapping[str, tuple[str, ...]],
        holders: Sequence[tuple[str, str]],
        antecedent: str | None,
        earlier: str = "",
        carried: Mapping[int, list[Attribution]] | None = None,
        article_refs: Sequence[SourceRef] = (),
    ) -> SentenceCheck:
        check = SentenceCheck(text=text, sources=list(backing))
        if not backing:
            check.flags.append(AuditFlag(kind="unsupported", detail="no source sentence backs this sentence"))
            return check
        carried = carried or {}
        refs = [
            SourceRef(i, a, renderings.get(_key(a.source), ()) + _held_by(a, holders))
            for i in backing
            for a in by_index[i].attributions
        ] + [
            SourceRef(i, a, renderings.get(_key(a.source), ()) + _held_by(a, holders), carried=True)
            for i in backing
            for a in carried.get(i, [])
        ]
        # A speaker the extractor could not resolve ('er', 'eine Aussendung') names no one the
        # brief can be held to: such a claim counts as reported speech of an unknown speaker.
        refs = [
            _unknown_speaker(r) if _unresolved(r.attribution.source) else r
            for r in refs
            if not (_unresolved(r.attribution.source) and not r.attribution.hedged)
        ]
        required = [r for r in refs if r.attribution.kind in _NAMED_KINDS and r.attribution.source.strip()]
        english = find_english_attributions(text)
        hedge_markers = [a for a in english if a.kind == "hedge" or a.hedge] or find_hedges(text)
        spans: list[tuple[EnglishAttribution, str]] = []
        # "He expects …, Prieth told the APA": a pronoun refers to the source its own sentence names.
        own = [
            _clean_span(a.source or "")
            for a in english
            if a.kind != "hedge" and a.names_source and not is_pronoun(a.source or "")
        ]
        pronoun_refs = own[-1] if own else antecedent
        for a in english:
            if a.kind == "hedge" or not a.names_source:
                continue
            span = _clean_span(a.source or "")
            if is_pronoun(span):
                if pronoun_refs is None:
                    # No attribution to refer back to: a person named earlier in the brief.
                    earlier_person = next((r for r in required if _mentions_person(r, earlier)), None)
                    if earlier_person is None:
                        continue  # a pronoun with nothing to refer to names no one
                    span = english_source_name(earlier_person)
                else:
                    span = pronoun_refs
            spans.append((a, span))

        matched_spans: set[int] = set()
        by_mention: list[SourceRef] = []
        for ref in required:
            hit = None
            for k, (_, span) in enumerate(spans):
                if _names(ref, span) and not _swapped_under_role(ref, span, article_refs):
                    hit = k
                    break
            if hit is None and hedge_markers and _is_generic_report(ref.attribution.source):
                check.named.append(ref)  # 'reportedly' names 'Medienberichten zufolge'
                continue
            if (
                hit is None
                and hedge_markers
                and ref.attribution.kind == "continuation"
                and ref.attribution.hedged
                and (
                    any(_names(ref, span) for span in _earlier_sources(earlier))
                    or _mentions_person(ref, earlier)
                )
            ):
                # 'Er soll …' after the brief already named him: 'He reportedly …' keeps it.
                check.named.append(ref)
                continue
            if hit is None and (_mentions_person(ref, text) or _mentions_institution(ref, text)):
                # 'In Katzian's view, …', 'The Press Council had reprimanded …, saying': named,
                # with a cue we do not parse
                check.named.append(ref)
                by_mention.append(ref)
                continue
            if hit is None:
                check.unnamed.append(ref)
            else:
                matched_spans.add(hit)
                check.named.append(ref)
        # A fused sentence borrows a detail from a secondary sentence, or background from a sentence
        # whose attribution only the next sentence gives ('Das bestätigte X.'): naming those
        # sources is welcome but not required.
        if len(backing) > 1 and check.unnamed:
            coverage = {i: self.aligner.coverage(text, by_index[i].en or "") for i in backing}
            primary = max(backing, key=lambda i: coverage[i])
            check.unnamed = [
                r
                for r in check.unnamed
                if not r.carried and (r.sentence == primary or coverage[r.sentence] >= SECONDARY_MIN_COVERAGE)
            ]
        # Attributions repeated from a backing sentence the brief sentence names by another,
        # matching attribution do not need naming twice ('Laut Polizei …; die Polizei sagte …').
        for ref in list(check.unnamed):
            if any(_same_german_source(ref, named) for named in check.named):
                check.unnamed.remove(ref)
                check.named.append(ref)

        # A continuation's speaker is resolved by heuristics (the extractor's, or ours): a brief that
        # names a source attributed in the sentences just before it names the speaker.
        for ref in list(check.unnamed):
            if ref.attribution.kind == "continuation" and any(
                _names(other, span)
                for other in article_refs
                if ref.sentence - CONTINUATION_WINDOW <= other.sentence < ref.sentence
                and other.attribution.kind == "direct"
                for _, span in spans
            ):
                check.unnamed.remove(ref)
                check.named.append(ref)
        # One German sentence with several sources (coordinated speakers, a report quoted inside a
        # quote, an actor the extractor read as a speaker) makes one claim: naming one attributes it.
        for ref in list(check.unnamed):
            if any(n.sentence == ref.sentence and not n.carried and n not in by_mention for n in check.named):
                check.unnamed.remove(ref)
                check.named.append(ref)

        unmatched = [(a, span) for k, (a, span) in enumerate(spans) if k not in matched_spans]
        if unmatched and by_mention and not any(any(_names(r, span) for r in refs) for _, span in unmatched):
            # 'Kapferer told the APA that Prieth expects …': the mention is claim content and the
            # attribution names someone else.
            for ref in by_mention:
                check.named.remove(ref)
                check.unnamed.append(ref)
        backing_english = " ".join(by_index[i].en or "" for i in backing)
        backing_attributed = any(r.attribution.kind in _NAMED_KINDS for r in refs)
        nearby = [
            SourceRef(i, a, renderings.get(_key(a.source), ()))
            for i in _neighbourhood(backing, by_index)
            for a in by_index[i].attributions
            if a.kind in _NAMED_KINDS and a.source.strip()
        ]
        unattributed_english = " ".join(
            by_index[i].en or ""
            for i in backing
            if not any(a.kind in _NAMED_KINDS and a.source.strip() for a in by_index[i].attributions)
        )
        reported_unknown = bool(refs) and all(_is_reported_speech(r) for r in refs)
        for a, span in unmatched:
            if any(_names(ref, span) and not _swapped_under_role(ref, span, article_refs) for ref in refs):
                continue  # names a source the backing sentences give (e.g. of a hedge_only claim)
            if reported_unknown and any(_names(ref, span) for ref in article_refs):
                continue  # reported speech whose speaker the German leaves to context: a speaker of
                # the article is a plausible reading, not an invention
            if check.unnamed:
                check.wrong.append(a)
            elif check.named and matched_spans and a.cue not in SAY_CUES:
                continue  # 'Leaflets show ..., said X': the right source is named; the rest is content
            elif a.cue not in SAY_CUES and _mentioned(span, unattributed_english):
                continue  # the actor of a fused, unattributed backing sentence ('Wolff had criticised …')
            elif any(_names(ref, span) for ref in nearby):
                continue  # a source given in a neighbouring sentence is not invented
            elif backing_attributed and any(_names(ref, span) for ref in article_refs):
                check.wrong.append(a)  # another speaker of the article put on an attributed claim
            elif (
                backing_attributed
                or (a.cue in SAY_CUES and _trailing(a, text))
                or not _mentioned(span, backing_english)
            ):
                # An actor of the original may 'announce' its own news ('Siemens announced …'),
                # but 'X said' or a second source on an attributed claim adds an attribution.
                check.invented.append(a)

        if check.wrong:
            expected = ", ".join(sorted({_describe(r) for r in check.unnamed or check.named}))
            for a in check.wrong:
                check.flags.append(
                    AuditFlag(
                        kind="wrong_source",
                        detail=f"names '{_clean_span(a.source or '')}', but the claim is attributed to {expected}",
                    )
                )
        else:
            for ref in check.unnamed:
                check.flags.append(
                    AuditFlag(
                        kind="missing_source",
                        detail=f"repeats a claim attributed to {_describe(ref)} (source sentence {ref.sentence}) without naming it",
                    )
                )
        for a in check.invented:
            check.flags.append(
                AuditFlag(
                    kind="invented_source",
                    detail=f"names '{_clean_span(a.source or '')}' as source, but the original gives no source for this claim",
                )
            )

        # A hedge_only claim whose report genre the brief names ('citing internal communications',
        # 'according to media reports') keeps its hedge.
        attributed_in_english = any(a.cue in SAY_CUES for a, _ in spans)
        hedge_refs = [
            r
            for r in refs
            if r.attribution.kind == "hedge_only"
            and not (r.attribution.source.strip() and any(_names(r, span) for _, span in spans))
            # 'X said ...' reports the claim: reported speech keeps its status
            and not (_is_reported_speech(r) and attributed_in_english)
        ]
        hedge_refs += [r for r in check.unnamed if r.attribution.hedged]
        check.hedges_needed = hedge_refs
        if hedge_refs and not hedge_markers:
            check.hedge_lost = True
            cue = hedge_refs[0].attribution.cue
            check.flags.append(
                AuditFlag(
                    kind="lost_hedge",
                    detail=f"states as fact a claim the original hedges ('{cue}', source sentence {hedge_refs[0].sentence})",
                )
            )
        check.attributions = [_brief_attribution(r) for r in check.named]
        if hedge_markers:
            check.attributions += [_brief_attribution(r) for r in refs if r.attribution.kind == "hedge_only"]
        return check


# German hedges, found independently of the extractor: the audit must not state as fact what the
# original hedges just because the extractor missed the hedge. Lexical hedges qualify the claim
# itself ('der angebliche Täter'); evidential 'soll' and report genres hedge what a source reports,
# so naming that source also keeps them.
_LEXICAL_HEDGE = re.compile(r"\b(?:angeblich|mutmaßlich|vermeintlich)\w*", re.IGNORECASE)
_REPORT_HEDGE = re.compile(
    r"\b(?:(?:\w+)?(?:berichten|meldungen|gerüchten|informationen|insidern|kreisen)\s+zufolge"
    r"|dem\s+vernehmen\s+nach|unbestätigten\s+\w+|wie\s+es\s+heißt)\b",
    re.IGNORECASE,
)
_MODAL = r"(?:soll|sollen|sollst)"
# 'soll … gestohlen haben', 'soll … festgenommen worden sein' (perfect infinitive: hearsay about
# the past), and verb-last '…, der … getötet haben soll'.
_PERFECT_INFINITIVE = r"\w+(?:t|en|n)\s+(?:haben|sein|worden\s+sein)"
_EVIDENTIAL_PERFECT = re.compile(
    rf"\b{_MODAL}\b(?:\s+\S+){{0,30}}?\s+{_PERFECT_INFINITIVE}\b|\b{_PERFECT_INFINITIVE}\s+{_MODAL}\b",
    re.IGNORECASE,
)
# 'soll profitabel sein', 'sollen sich … befinden': a present state, not a plan ...
_EVIDENTIAL_STATE = re.compile(
    rf"\b{_MODAL}\b((?:\s+[^\s.;:]+){{0,14}}?)\s+(?:sein|befinden|liegen|gelten|besitzen|betragen|existieren|wohnen|leben)\b",
    re.IGNORECASE,
)
# ... unless a time to come makes it one ('soll bis 2018 fertig sein').
_PLANNED = re.compile(
    r"\b(?:bis(?!\s+zu\b)|ab|künftig|kommend\w*|nächst\w*|spätestens|demnächst|bald|20\d\d|morgen)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class GermanHedge:
    """A hedge found in a German sentence: the words, and whether it qualifies the claim itself."""

    cue: str
    lexical: bool


def german_hedges(text: str) -> list[GermanHedge]:
    """Hedges a German sentence carries, by pattern: angeblich/mutmaßlich, 'Berichten zufolge', evidential 'soll'."""
    found = [GermanHedge(m.group(0), True) for m in _LEXICAL_HEDGE.finditer(text)]
    found += [GermanHedge(m.group(0), False) for m in _REPORT_HEDGE.finditer(text)]
    found += [GermanHedge(_short_cue(m.group(0)), False) for m in _EVIDENTIAL_PERFECT.finditer(text)]
    for m in _EVIDENTIAL_STATE.finditer(text):
        if not _PLANNED.search(m.group(1)) and not re.search(r"\b(?:werden|wird)\b", m.group(1)):
            found.append(GermanHedge(_short_cue(m.group(0)), False))
    return found


def _short_cue(span: str) -> str:
    """'soll 2008 … eingegangen sein' → 'soll … eingegangen sein' for flag details."""
    words = span.split()
    return span if len(words) <= 4 else f"{words[0]} … {' '.join(words[-2:])}"


def with_german_hedges(sentences: Sequence[Sentence]) -> list[Sentence]:
    """The sentences with every hedge the extractor missed added to their attributions.

    A lexical hedge adds a ``hedge_only`` attribution unless one is there. A reporting hedge on a
    sentence with no hedged attribution marks its named attributions hedged (naming the source
    keeps the hedge), or adds a ``hedge_only`` attribution when the sentence names no source.
    """
    out: list[Sentence] = []
    for sentence in sentences:
        hedges = german_hedges(sentence.de)
        if not hedges:
            out.append(sentence)
            continue
        attributions = list(sentence.attributions)
        lexical = next((h for h in hedges if h.lexical), None)
        reporting = next((h for h in hedges if not h.lexical), None)
        if lexical and not any(a.kind == "hedge_only" for a in attributions):
            attributions.append(Attribution(source="", cue=lexical.cue, kind="hedge_only", hedged=True))
        if reporting and not any(a.hedged or a.kind == "hedge_only" for a in attributions):
            named = [a for a in attributions if a.kind in _NAMED_KINDS and a.source.strip()]
            if named:
                attributions = [
                    a.model_copy(update={"hedged": True}) if a in named else a for a in attributions
                ]
            else:
                attributions.append(Attribution(source="", cue=reporting.cue, kind="hedge_only", hedged=True))
        out.append(sentence.model_copy(update={"attributions": attributions}))
    return out


# A secondary backing sentence whose words make up less of the brief sentence than this only
# lends a detail; its source need not be named.
SECONDARY_MIN_COVERAGE = 0.15
# How many sentences back a continuation's speaker may have been named.
CONTINUATION_WINDOW = 3
# Sentences this close to a backing sentence may carry its attribution ("Das berichtet X.").
NEIGHBOURHOOD = 2
# Cues that only attribute, as opposed to verbs of action an actor can be the subject of.
SAY_CUES: frozenset[str] = frozenset(
    {
        "said",
        "says",
        "say",
        "told",
        "tells",
        "tell",
        "according to",
        "stated",
        "added",
        "adds",
        "explained",
        "claimed",
        "claims",
        "citing",
        "quoted as saying",
        "reported",
        "reports",
    }
)
# German sentences that attribute what the previous sentence said: "Das sagte X.", "Dies berichtet Y."
# A German sentence whose subject or object is a bare demonstrative ("Das sagte X.", "Dies
# berichtet Y.", "Das sind die Ergebnisse der Studie.") attributes what the previous one said.
_ANAPHORIC_ATTRIBUTION = re.compile(
    r"^\s*(?:Das|Dies|Diese|Die|Dieses|Davon|Darauf)\s+(?:ist|sind|war|waren|sagte|sagt|sagten|berichtet|berichtete|berichten|"
    r"erklärte|erklärt|bestätigte|bestätigt|meldete|meldet|teilte|teilt|schreibt|schrieb|meinte|meint|betonte|betont|"
    r"gab|geht|ging|zeigt|zeigte|ergab|ergibt|verkündete|kündigte|hieß|heißt|gehe|sei|seien)\b"
)


def _carried_attributions(by_index: Mapping[int, Sentence]) -> dict[int, list[Attribution]]:
    """Attributions of 'Das sagte X.' sentences, carried back to the sentence whose claim they attribute."""
    carried: dict[int, list[Attribution]] = {}
    for index, sentence in by_index.items():
        if index - 1 in by_index and _ANAPHORIC_ATTRIBUTION.match(sentence.de):
            for a in sentence.attributions:
                if a.kind in _NAMED_KINDS and a.source.strip():
                    carried.setdefault(index - 1, []).append(a.model_copy(update={"kind": "continuation"}))
    return carried


def _trailing(attribution: EnglishAttribution, text: str) -> bool:
    """'…, the company says.' / 'according to X' — the shape of an added attribution, not of an actor."""
    return attribution.kind == "according_to" or (attribution.source_start or 0) > 0


def _earlier_sources(earlier: str) -> list[str]:
    return [
        _clean_span(a.source or "")
        for sentence in split_english(earlier)
        for a in find_english_attributions(sentence)
        if a.kind != "hedge" and a.names_source and not is_pronoun(a.source or "")
    ]


def _neighbourhood(backing: Sequence[int], by_index: Mapping[int, Sentence]) -> list[int]:
    near = {i + d for i in backing for d in range(-NEIGHBOURHOOD, NEIGHBOURHOOD + 1)}
    return sorted(i for i in near - set(backing) if i in by_index)


_UNRESOLVED_SOURCES = re.compile(
    r"^(?:er|sie|es|man|ihr|ihre|ihren|ihrer|sein|seine|seinen|seiner|diese|dieser|der|die)$"
    r"|^(?:eine[rm]?|die|der|dem)\s+(?:aussendung|mitteilung|stellungnahme|pressemitteilung)$",
    re.IGNORECASE,
)


def _unresolved(source: str) -> bool:
    return bool(source.strip()) and bool(_UNRESOLVED_SOURCES.match(source.strip()))


def _unknown_speaker(ref: SourceRef) -> SourceRef:
    """The claim of an unresolved speaker as reported speech with no named source."""
    a = ref.attribution
    hedge = Attribution(source="", role=None, channel=a.channel, cue=a.cue, kind="hedge_only", hedged=True)
    return SourceRef(ref.sentence, hedge, (), carried=ref.carried)


def _is_reported_speech(ref: SourceRef) -> bool:
    """A hedge_only claim that is reported speech (Konjunktiv, an unresolved speaker), not an
    evidential 'soll' or 'angeblich', which only a hedge or the report's own source keeps."""
    a = ref.attribution
    if a.kind != "hedge_only" or a.source.strip():
        return False
    return not re.match(r"(?i)^(?:soll|sollen|sollte|sollten|angeblich|mutmaßlich|vermeintlich)", a.cue)


def _names(ref: SourceRef, span: str) -> bool:
    attribution = ref.attribution
    if source_match_score(attribution.source, span) >= MATCH_THRESHOLD:
        return True
    if _names_someone_else(attribution.source, span):
        # 'FPÖ social affairs spokesman Gerhard Schmid' for Kickl's claim: the role fits, the
        # person does not -- a swapped name is a wrong source, however apt the description
        return False
    # A role names its holder by what it is, not by the names inside it ('Prieths Anwalt' is
    # not Prieth).
    if attribution.role and role_match_score(attribution.role, span) >= MATCH_THRESHOLD:
        return True
    return any(english_similarity(r, span) >= MATCH_THRESHOLD for r in ref.renderings)


def _swapped_under_role(ref: SourceRef, span: str, article_refs: Sequence[SourceRef]) -> bool:
    """'said Macedonia, spokesman for Greece's crisis unit' for Kyritsis's claim: the span fits
    the claim's source only by its role, and names another source of the article instead."""
    if source_match_score(ref.attribution.source, span) >= MATCH_THRESHOLD:
        return False
    if any(
        english_similarity(r, span) >= MATCH_THRESHOLD for r in ref.renderings if parse_source(r, False).names
    ):
        return False  # the translator's own rendering, name included
    for other in article_refs:
        if _key(other.attribution.source) == _key(ref.attribution.source) or _same_german_source(other, ref):
            continue
        if _mentions_person(other, span) or _mentions_institution(other, span):
            return True
    return False


def _names_someone_else(source: str, span: str) -> bool:
    """The span names a person by first name and surname, and the German source is a person
    of another surname."""
    german = parse_source(source, True)
    if not _full_personal_name(german.names):
        return False
    english = parse_source(span, False)
    if not _full_personal_name(english.names):
        return False
    return not any(same_name(g, e) for g in german.names for e in english.names)


def _full_personal_name(names: Sequence[str]) -> bool:
    """A first name followed by a surname ('Gerhard Schmid'), not an institution's words."""
    return any(is_first_name(a) and b[:1].isupper() and not b.isupper() for a, b in itertools.pairwise(names))


def _same_german_source(a: SourceRef, b: SourceRef) -> bool:
    if _key(a.attribution.source) == _key(b.attribution.source):
        return True
    return source_match_score(a.attribution.source, english_label(b.attribution.source)) >= MATCH_THRESHOLD


def _mentions_person(ref: SourceRef, text: str) -> bool:
    """The source's surname (or one-word outlet name) appears anywhere in the brief sentence."""
    parts = parse_source(ref.attribution.source, True)
    if not parts.surnames:
        return False
    words = [p for raw in _WORD.findall(text) for p in re.split(r"[-’']", raw) if p]
    return any(same_name(surname, w) for surname in parts.surnames for w in words if len(surname) >= 3)


_CAPITALISED_RUN = re.compile(r"(?:[Tt]he\s+)?[A-Z][\w'’\-]*(?:\s+(?:of\s+|for\s+)?[A-Z][\w'’\-]*){0,4}")


def _mentions_institution(ref: SourceRef, text: str) -> bool:
    """An institution or outlet the brief names in a phrase of its own ('The Press Council')."""
    source = ref.attribution.source
    if not source.strip() or parse_source(source, True).surnames:
        return False
    return any(
        source_match_score(source, m.group(0)) >= MATCH_THRESHOLD
        or any(english_similarity(r, m.group(0)) >= MATCH_THRESHOLD for r in ref.renderings)
        for m in _CAPITALISED_RUN.finditer(text)
        if m.group(0).lower() not in {"the", "a"}
    )


def _is_generic_report(source: str) -> bool:
    parts = parse_source(source, True)
    return not parts.names and bool(parts.concepts & {"report", "media"})


def _mentioned(span: str, english: str) -> bool:
    """The named source occurs in the backing translation (as actor or subject), so it is not invented."""
    if not english.strip():
        return False
    words = [
        w for w in _WORD.findall(span.lower()) if w not in ("the", "a", "an", "of", "for", "its", "their")
    ]
    if not words:
        return True
    english_words = _WORD.findall(english.lower())
    present = sum(1 for w in words if any(w == e or (len(w) > 4 and same_name(w, e)) for e in english_words))
    return present / len(words) >= 0.5


def _describe(ref: SourceRef) -> str:
    return f"'{ref.attribution.source}'"


def _brief_attribution(ref: SourceRef) -> BriefAttribution:
    a = ref.attribution
    return BriefAttribution(
        source=english_source_name(ref),
        role=english_label(a.role) if a.role else None,
        channel=english_label(a.channel) if a.channel else None,
        hedged=a.hedged or a.kind == "hedge_only",
        source_sentence=ref.sentence,
    )


def english_source_name(ref: SourceRef) -> str:
    """The source in English: the translator's rendering when it has one, else names.py's label."""
    label = english_label(ref.attribution.source) if ref.attribution.source.strip() else ""
    person = len(parse_source(label, False).names) >= 2 and not parse_source(label, False).concepts
    for rendering in ref.renderings:
        if rendering and not is_pronoun(rendering) and len(rendering.split()) <= 8:
            # Prefer the translator's rendering, unless the label is a full name found in it
            # ('Mathias Kapferer' rather than "Prieth's lawyer Mathias Kapferer").
            if person and label.lower() in rendering.lower():
                return label
            return rendering
    return label


# ---------------------------------------------------------------------------------------------


def bitext_sentences(
    bitext: Sequence[Mapping[str, Any]],
    extractor: AttributionExtractor | Callable[[Sequence[str]], list[list[Attribution]]] | None,
) -> list[Sentence]:
    """Bitext rows {de, en[, attributions]} → Sentences, with German attributions from ``extractor``.

    Without an extractor, each row must carry its own ``attributions`` (a list of Attribution
    dicts); rows without one have none.
    """
    german: list[str] = []
    english: list[str | None] = []
    for n, row in enumerate(bitext):
        if not isinstance(row, Mapping):
            # One error type for every malformed row, so the CLI and API report them alike.
            raise ValueError(f"bitext row {n} is {type(row).__name__}; expected an object with 'de' and 'en'")  # noqa: TRY004
        de, en = row.get("de"), row.get("en")
        if not isinstance(de, str) or not de.strip():
            raise ValueError(f"bitext row {n} has no German text: give a non-empty string in 'de'")
        if en is not None and not isinstance(en, str):
            raise ValueError(f"bitext row {n}: 'en' must be a string or null, got {type(en).__name__}")
        german.append(de)
        english.append(en)
    if extractor is not None:
        extract = extractor.extract if hasattr(extractor, "extract") else extractor
        attributions = extract(german)
        if len(attributions) != len(german):
            raise ValueError(f"extractor returned {len(attributions)} results for {len(german)} sentences")
    else:
        attributions = [
            [Attribution.model_validate(a) for a in row.get("attributions", [])] for row in bitext
        ]
    return [
        Sentence(index=i, de=de, paragraph=0, en=en, attributions=list(atts))
        for i, (de, en, atts) in enumerate(zip(german, english, attributions))
    ]


def audit_bitext(
    bitext: Sequence[Mapping[str, Any]],
    brief: str,
    extractor: AttributionExtractor | None,
    auditor: AttributionAuditor | None = None,
) -> AuditReport:
    """CLI/API entry: run the German extractor over the bitext's ``de`` side, then audit ``brief``."""
    sentences = bitext_sentences(bitext, extractor)
    return (auditor or AttributionAuditor()).audit(sentences, brief)
