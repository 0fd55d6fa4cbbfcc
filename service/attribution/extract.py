"""Rule-based German attribution extraction: who said, reported or estimated what, hedged or not.

No model weights: a tokenizer, lexicons (``lexicon.py``), the ``simplemma`` lemmatizer and a
small discourse state. For each sentence of an article, in order:

1. **Hedge markers** -- "angeblich", "mutmaßlich", evidential "soll" (perfect infinitive
   "soll ... gestohlen haben"; stative "soll ... sein" without a future time marker; never
   the plan reading "soll im Herbst in Kraft treten"), report genres ("Berichten zufolge").
2. **Direct cues** -- prepositional ("laut X", "X zufolge", "nach Angaben von X",
   "unter Berufung auf X", "so X", "heißt es aus X", "geht aus X hervor", "Der Vorwurf X':"),
   and reporting verbs with their subject. The subject of a verb is the noun phrase that
   fills the position before it ("Die Polizei teilte mit", "Maria Huber, Sprecherin ..., sagte")
   or, when that position is a clause or an adverbial, the one right after it
   ("..., sagte Pritz", "Gleichzeitig betonte X"). Separable verbs are rebuilt from the
   clause-final particle ("teilte ... mit"), which also rules out "sagte ... ab".
3. **Continuations** -- pronoun or role-noun subjects resolved against the discourse state
   ("sagte er", "so die Ministerin"); otherwise, in a sentence with no cue of its own,
   Konjunktiv I ("Zudem seien zwei Gebäude beschädigt worden"), "demnach", a sentence
   inside an open quote, or a first-person sentence right after a first-person quote.
4. **hedge_only** -- a hedge marker, or Konjunktiv I that nothing resolves, with no source.

Antecedents: every source attributed so far, plus persons named with a first name anywhere
("Außenminister Sebastian Kurz" in a narrative sentence), with gender from the first name,
the role noun ("Ministerin") or the pronoun that later resolves to them. "sagte er" takes the
most recent male-compatible one; a role noun ("so der Minister") the most recent *named*
person whose role has that head or a synonym (``lexicon.ROLE_FAMILIES``: "das Stadtoberhaupt"
~ "Bürgermeister"); a definite status or nationality noun ("die Angeklagte", "der Schweizer")
the most recent gender-compatible person; else the role phrase is itself the (direct) source.

Resolution window: Konjunktiv I resolves to the source of the most recent attributed sentence
if it lies at most ``CONTINUATION_WINDOW`` sentences back. Narrative sentences in between do
not end the report: in news German, Konjunktiv I is itself the mark of reported speech, so
the last named source is the best antecedent, and background sentences ("Zur Erinnerung:
...") routinely interrupt a report. Beyond the window it is ``hedge_only``.

``hedged``: a hedge marker in the sentence, an unnamed or anonymous source, or a
continuation without a reporting verb of its own (Konjunktiv I, "demnach"). A named source
with its own reporting verb or preposition ("X sagte", "laut X") is not hedged.

Decisions on borderline uses, so they are applied consistently:
* rulings are not reports: "erklärte den Vertrag für ungültig" has no complement clause and
  "erklären ... für" is skipped; judges giving reasons ("begründeten die Richter") are.
* "sprechen" counts only as "sprechen von" ("sprach von einem Erfolg"), not "sprach mit".
* belief and estimate verbs ("glauben", "schätzen", "erwarten") need a complement: a clause,
  a colon, or "auf" + amount -- "Er schätzt die Arbeit" is no attribution.
* a passive reporting verb without "von X" ("wurde mitgeteilt") has no source and is skipped.
* stance and act verbs ("kritisierte die Entscheidung", "bestätigte das Urteil") need content
  (``lexicon.CONTENT_REQUIRING_VERBS``); demand verbs ("forderte mehr Lehrer") do not.
* "laut einer Aussendung" beside a speaker is that speaker's channel, not a second source.
* possessed roles ("seine Anwältin", "Badawis Ehefrau") resolve like role nouns; a findings
  document ("die Studie") keeps the report after it, a letter hands it back to its author.
* right after an attributed sentence, "sollte(n)" and conditional Konjunktiv II continue the
  report; "..., so der Vorwurf" continues the report going on (eval/attributions/README.md).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from service.attribution import lexicon
from service.attribution.german import (
    Token,
    first_name_gender,
    institution_head,
    is_first_name,
    is_genderless_role,
    is_konjunktiv_i,
    is_role_noun,
    lemma,
    referring_head,
    role_family,
    role_gender,
    role_head,
    role_keys,
    strip_genitive_s,
    tokenize,
)
from service.document import Attribution, AttributionKind

CONTINUATION_WINDOW = 4
QUOTE_SPAN = 4  # sentences an open quotation may run on before its closing mark
PRONOUN_WINDOW = 8

_BOUNDARY = frozenset({",", ";", ":", "–", "—", ".", "!", "?", "(", ")", "„", "“", '"', "-"})
_HARD_BOUNDARY = frozenset({";", ":", "–", "—", ".", "!", "?"})
_NOMINATIVE_DETS = frozenset(
    {
        "der",
        "die",
        "das",
        "ein",
        "eine",
        "kein",
        "keine",
        "dieser",
        "diese",
        "dieses",
        "mehrere",
        "einige",
        "zwei",
        "drei",
        "vier",
        "beide",
        "viele",
        "manche",
        "etliche",
    }
)
_OBLIQUE_DETS = frozenset({"den", "dem", "des", "einen", "einem", "eines", "einer"})
_NAME_PARTICLES = frozenset(
    {"von", "van", "de", "da", "del", "della", "di", "du", "la", "le", "al", "bin", "ibn"}
)
_MODALS = frozenset(
    {
        "will",
        "wollte",
        "wollten",
        "wollen",
        "kann",
        "konnte",
        "konnten",
        "können",
        "könne",
        "muss",
        "musste",
        "mussten",
        "müssen",
        "müsse",
        "soll",
        "sollte",
        "sollten",
        "sollen",
        "solle",
        "darf",
        "durfte",
        "dürfen",
        "möchte",
        "möchten",
        "werde",
        "wird",
        "werden",
        "würde",
        "würden",
        "lässt",
        "ließ",
        "ließen",
        "lassen",
    }
)
_SUBORDINATORS = frozenset(
    {
        "dass",
        "ob",
        "weil",
        "wenn",
        "obwohl",
        "damit",
        "nachdem",
        "bevor",
        "als",
        "falls",
        "sodass",
        "während",
        "wonach",
        "wie",
        "was",
        "wer",
        "wo",
    }
)
# Reporting idioms a finite verb closes with: "gab ... zu bedenken", "stellte ... in Abrede".
_FIXED_EXPRESSIONS: dict[tuple[str, tuple[str, ...]], str] = {
    ("machen", ("deutlich",)): "deutlich machen",
    ("lassen", ("wissen",)): "wissen lassen",
    ("stellen", ("infrage",)): "infrage stellen",
    ("stellen", ("in", "frage")): "infrage stellen",
    ("geben", ("die", "schuld")): "die Schuld geben",
    ("machen", ("aufmerksam",)): "aufmerksam machen",
    ("bringen", ("in", "verbindung")): "in Verbindung bringen",  # a causal claim
    ("geben", ("zu", "bedenken")): "zu bedenken geben",
    ("stellen", ("in", "abrede")): "in Abrede stellen",
    ("geben", ("zu", "protokoll")): "zu Protokoll geben",
    ("bringen", ("zum", "ausdruck")): "zum Ausdruck bringen",
    # a finding stated by its author: "Der Bericht kommt zu dem Schluss, dass ..."
    ("kommen", ("zu", "dem", "schluss")): "zum Schluss kommen",
    ("kommen", ("zum", "schluss")): "zum Schluss kommen",
    ("kommen", ("zu", "dem", "ergebnis")): "zum Schluss kommen",
    ("kommen", ("zum", "ergebnis")): "zum Schluss kommen",
    ("machen", ("geltend",)): "geltend machen",
    ("fordern", ("auf",)): "auffordern",
    ("machen", ("verantwortlich",)): "verantwortlich machen",  # blame is a claim
    ("machen", ("stark",)): "sich stark machen",  # advocacy, like "fordern"
    ("rufen", ("auf",)): "aufrufen",
    ("machen", ("hehl", "daraus")): "keinen Hehl daraus machen",  # "..., dass": said openly
}
# Fixed expressions that say something (not acts like "infrage stellen"): their participle at the
# clause end is the cue too ("hat darauf aufmerksam gemacht, dass ...").
_SAYING_EXPRESSIONS = frozenset(
    {
        "deutlich machen",
        "aufmerksam machen",
        "zu bedenken geben",
        "zu Protokoll geben",
        "zum Ausdruck bringen",
        "geltend machen",
        "keinen Hehl daraus machen",
    }
)
# Negative indefinite subjects: a reporting verb with one of them reports nothing.
_NEGATIVE_SUBJECTS = frozenset({"niemand", "keiner"})
_POSSESSIVES = frozenset(
    {"sein", "seine", "seinen", "seinem", "seiner", "ihr", "ihre", "ihren", "ihrem", "ihrer"}
)
_PERFECT_AUXILIARIES = frozenset({"hat", "hatte", "hatten", "haben", "habe", "hätte", "hätten"})
_ABILITY_MODALS = frozenset({"kann", "konnte", "konnten", "können", "könne", "muss", "musste", "mussten"})
_FOCUS_PARTICLES = frozenset({"selbst", "auch", "sogar", "nun", "jetzt", "bereits", "schon", "nur"})
_AFFILIATION_PREPOSITIONS = frozenset({"vom", "von", "aus", "bei", "beim", "an", "am", "in", "im"})
_AFFILIATION_FILLERS = frozenset(
    {
        "der",
        "die",
        "das",
        "des",
        "dem",
        "den",
        "für",
        "und",
        "of",
        "the",
        "for",
        "de",
        "in",
        "im",
        "zu",
        "zur",
    }
)
# Separable belief/stance verbs that report only with content. (The older separable entries,
# "ausgehen", "einschätzen", "festhalten", are decided by their own rules.)
_NEW_CONTENT_VERBS = frozenset({"ablehnen", "ausschließen", "vorhalten", "annehmen", "ausführen"})
_ZU_INFINITIVE = re.compile(
    r"^(?:ab|an|auf|aus|bei|ein|fest|frei|her|hin|los|mit|nach|vor|weg|zu|zurück|zusammen)zu\w{3,}en$"
)
_APPROXIMATORS = frozenset(
    {
        "etwa",
        "rund",
        "fast",
        "knapp",
        "gut",
        "über",
        "nur",
        "beinahe",
        "nahezu",
        "annähernd",
        "ungefähr",
        "zirka",
        "ca.",
    }
)
_NUMBER_WORDS = frozenset(
    {
        "zwei",
        "drei",
        "vier",
        "fünf",
        "sechs",
        "sieben",
        "acht",
        "neun",
        "zehn",
        "elf",
        "zwölf",
        "zwanzig",
        "hundert",
    }
)
_FRACTIONS = frozenset({"hälfte", "drittel", "viertel", "fünftel", "zehntel", "mehrheit", "minderheit"})
_ORDINAL_SHARES = frozenset({"zweite", "dritte", "vierte", "fünfte", "sechste", "zehnte"})
_OPINION_NOUNS = frozenset(
    {
        "meinung",
        "ansicht",
        "einschätzung",
        "auffassung",
        "überzeugung",
        "worten",
        "angaben",
        "darstellung",
        "schilderung",
        "aussage",
        "aussagen",
        "schätzung",
        "berechnungen",
        "berechnung",
        "informationen",
    }
)
_QUESTION_WORDS = frozenset(
    {"warum", "wieso", "weshalb", "wie", "wer", "was", "wann", "wo", "ob", "welche", "welcher"}
)
_DEMONSTRATIVE_GENDER = {"der": "m", "dieser": "m", "die": "f_or_pl", "diese": "f_or_pl"}
_AGENT_NOUN_ENDINGS = ("er", "ist", "ant", "ent", "ege", "euge", "ling", "iker")
# Adjectives by which wire copy describes a company it has just named ("der weltgrößte Autobauer").
_RANK_ADJECTIVES = ("größte", "weltgrößte", "führende", "zweitgrößte", "drittgrößte", "größten", "führenden")
_GENRE_CUES = frozenset({"zufolge", "laut", "Laut"})
_SUBJECT_VERB_ADVERBS = frozenset(
    {
        "selbst",
        "hingegen",
        "dagegen",
        "jedoch",
        "aber",
        "wiederum",
        "indes",
        "indessen",
        "allerdings",
        "nun",
        "zudem",
        "ebenfalls",
        "seinerseits",
        "ihrerseits",
        "daraufhin",
        "schließlich",
    }
)
# Institutions that speak where they are ("Im Ministerium hieß es", "Im Rathaus sieht man").
_SPEAKING_PLACES = (
    "ministerium",
    "ressort",
    "kanzleramt",
    "rathaus",
    "kammer",
    "gericht",
    "behörde",
    "präsidium",
    "kommission",
    "verband",
    "parlament",
    "konzern",
    "unternehmen",
    "büro",
)
_TIME_NOUNS = frozenset(
    {"ende", "anfang", "mitte", "beginn", "woche", "wochen", "monat", "monats", "jahr", "jahres"}
)
_NEGATIONS = frozenset({"nicht", "nie", "niemals", "kein", "keine", "keinen", "keinerlei"})
# Words after which a clause's subject comes first and its verb last ("wie X berichtete").
_SUBJECT_INTRODUCERS = frozenset(
    {
        "wie",
        "während",
        "als",
        "nachdem",
        "weil",
        "da",
        "obwohl",
        "wenn",
        "dass",
        "und",
        "aber",
        "doch",
        "denn",
        "zumal",
        "bevor",
        "seit",
        "sobald",
        "was",
    }
)
_RELATIVE_STARTS = frozenset(
    {
        "der",
        "die",
        "das",
        "dem",
        "den",
        "dessen",
        "deren",
        "welcher",
        "welche",
        "für",
        "mit",
        "von",
        "bei",
        "auf",
        "an",
        "in",
        "über",
        "gegen",
        "wie",
        "selbst",
    }
)
_PREPOSITIONS = frozenset(
    {
        "am",
        "im",
        "in",
        "auf",
        "an",
        "vom",
        "von",
        "bei",
        "beim",
        "mit",
        "für",
        "aus",
        "nach",
        "vor",
        "über",
        "unter",
        "seit",
        "gegen",
        "zum",
        "zur",
    }
)
# Heads of names that go on with "für ...": "Bundesamt für Statistik", "Organisation für ...".
_NAMED_FOR_HEADS = (
    "stelle",
    "organisation",
    "institut",
    "zentrum",
    "komitee",
    "kommission",
    "rat",
    "beauftragte",
)
_PARTY_TAG = re.compile(r"^\((?:[A-ZÄÖÜ][\w.-]{0,12}|[A-ZÄÖÜ][a-zäöü]+ [A-ZÄÖÜ][\w.-]*)\)")


@dataclass
class _Entity:
    """A source the article has named: who continuations and pronouns can refer to."""

    source: str
    role: str | None
    gender: str | None  # "m", "f", "n", "pl", "f_or_pl" or None
    is_person: bool
    last_sentence: int
    role_heads: set[str] = field(default_factory=set)
    named: bool = True  # a person's name or an institution's name, not a bare role phrase
    documents: set[str] = field(default_factory=set)  # heads of texts it was cited by ("bericht")
    spoke: bool = False  # has been the source of an attribution, not only mentioned

    @property
    def surname(self) -> str | None:
        if not self.is_person or not self.source or self.source[0].islower():
            return None
        return self.source.split()[-1]


@dataclass
class _NounPhrase:
    start: int
    end: int  # exclusive token index
    source: str
    role: str | None
    kind: str  # "pronoun", "name", "role_only", "group", "unnamed", "anonymous", "possessive"
    gender: str | None
    head: str | None = None  # role head for role-only phrases
    head_word: str | None = None  # the role noun itself ("Stadtoberhaupt"), for synonym lookup
    partner: _NounPhrase | None = None  # the second of two coordinated subjects ("X und Y")


@dataclass
class _Found:
    position: int
    source: str
    role: str | None
    channel: str | None
    cue: str
    kind: AttributionKind
    hedged: bool = False
    entity: _Entity | None = None
    has_own_cue: bool = True  # a reporting verb or preposition of its own (not Konjunktiv alone)
    reported_verb: bool = False  # the reporting verb itself is Konjunktiv I ("Merkel sei überzeugt")


@dataclass
class _State:
    entities: list[_Entity] = field(default_factory=list)
    last_attributed: int = -100
    last_entity: _Entity | None = None
    last_first_person: bool = False
    quote_open: bool = False
    quote_closes_soon: bool = False  # a sentence among the next QUOTE_SPAN closes a quote
    quote_entity: _Entity | None = None
    opening_subject: _Entity | None = None  # the previous sentence's first noun phrase
    opening_subject_acted: bool = False  # ... and that sentence is a communicative act of it


class RuleAttributionExtractor:
    """German attribution extraction by rules and lexicons (implements ``AttributionExtractor``)."""

    def extract(
        self, sentences: Sequence[str], paragraphs: Sequence[int] | None = None
    ) -> list[list[Attribution]]:
        """The attributions of each sentence of one article, in the article's order.

        ``paragraphs`` (optional, one paragraph index per sentence, as ``Sentence.paragraph``)
        lets a paragraph break close an unbalanced quote and end a first-person quote run:
        quotation marks and unmarked quotes do not span paragraphs in news copy. Konjunktiv
        continuations do carry across a break (a report routinely goes on in the next
        paragraph), so the resolution window is not reset.
        """
        if paragraphs is not None and len(paragraphs) != len(sentences):
            raise ValueError(
                f"paragraphs has {len(paragraphs)} entries for {len(sentences)} sentences; "
                "pass one paragraph index per sentence or None"
            )
        state = _State()
        result: list[list[Attribution]] = []
        balances = [_quote_balance(s) if isinstance(s, str) else 0 for s in sentences]
        for index, sentence in enumerate(sentences):
            if not isinstance(sentence, str):
                raise TypeError(f"sentence {index} is {type(sentence).__name__}, expected str")
            if paragraphs is not None and index > 0 and paragraphs[index] != paragraphs[index - 1]:
                state.quote_open = False
                state.quote_entity = None
                state.last_first_person = False
            # A quote left open is only carried on when a later sentence closes it soon: a
            # missing or mistyped closing mark must not turn the rest of the article into a quote.
            state.quote_closes_soon = any(b < 0 for b in balances[index + 1 : index + 1 + QUOTE_SPAN])
            result.append(_SentenceAnalysis(sentence, index, state).run())
        _resolve_forward(sentences, result)
        return result


_LEAD_PRONOUNS = frozenset({"er", "sie"})
_SHARE_OF_PEOPLE = re.compile(
    r"(?i)^(?:\S+\s+)?(?:\d[\d,.]*|jede[rs]?|die hälfte|ein drittel|ein viertel)\b|\bprozent\b|%"
)
_COMPANY_FORMS = frozenset(
    {"AG", "GmbH", "SE", "KG", "Inc", "Ltd", "Corp", "Co", "plc", "LLC", "S.A.", "N.V."}
)
# An amount, not an actor: "Zwei Millionen Euro", "3,5 Prozent", "Tausende Dollar".
_AMOUNT = re.compile(r"(?i)\b(?:euro|dollar|franken|pfund|prozent|millionen|milliarden|tonnen)\b")
_STANDALONE_QUANTIFIERS = frozenset(
    {"beide", "andere", "einige", "viele", "manche", "mehrere", "alle", "wenige"}
)
_PASSIVE_AUXILIARIES = frozenset({"wurde", "wurden", "wird", "werden", "worden"})
_PARTITIVE_QUANTIFIERS = frozenset({"manche", "einige", "viele", "etliche", "mehrere", "wenige", "beide"})
_ROLE_ATTACHMENT_PREPOSITIONS = frozenset({"für", "von", "vom", "im", "in", "bei", "beim", "am", "an", "aus"})
# Titles that open a name in copy translated from English ("Mr. Trump", "Mrs. Clinton").
_HONORIFICS = frozenset({"mr.", "mrs.", "ms."})


def _resolve_forward(sentences: Sequence[str], result: list[list[Attribution]]) -> None:
    """Speakers named *after* what they said (cataphora), resolved once the article is read.

    * "Wir sanieren ... . Weil ..., bilanzierte Bürgermeister X." -- a first-person sentence
      with no speaker of its own is the quote of the speaker the next sentence names;
    * a headline or lead "Er könne sich vorstellen, ..." whose Konjunktiv had no antecedent
      yet is the report of the first source the article then names.

    Not here: "Es gibt keinen Grund zur Sorge. Das sagte X." -- the first sentence carries no
    signal of its own; the attribution is the second sentence's (the gold guidelines agree).
    """
    n = len(sentences)
    first_attributed = next(
        (
            i
            for i, atts in enumerate(result)
            if any(a.kind != "hedge_only" and not _is_pronoun_source(a.source) for a in atts)
        ),
        n,
    )
    for i in range(n - 2, -1, -1):
        atts = result[i]
        lows = [t.lower for t in tokenize(sentences[i])]
        konjunktiv_only = len(atts) == 1 and atts[0].kind == "hedge_only" and is_konjunktiv_i(atts[0].cue)
        # "Er könne sich vorstellen, ..." in a lead: a pronoun no earlier sentence resolved
        unresolved_pronoun = (
            len(atts) == 1 and atts[0].kind == "continuation" and _is_pronoun_source(atts[0].source)
        )
        if atts and not konjunktiv_only and not unresolved_pronoun:
            continue
        nxt = [a for a in result[i + 1] if a.kind != "hedge_only" and a.source]
        if not atts and nxt and any(low in lexicon.FIRST_PERSON for low in lows):
            speaker = nxt[0]
            named_first = sentences[i + 1].lstrip().startswith(speaker.source.split()[0])
            if not named_first and not _is_pronoun_source(speaker.source):
                result[i] = [
                    Attribution(
                        source=speaker.source,
                        role=speaker.role,
                        channel=None,
                        cue="Zitat",
                        kind="continuation",
                        hedged=False,
                    )
                ]
            continue
        if (
            (konjunktiv_only or unresolved_pronoun)
            and i < first_attributed
            and lows
            and lows[0] in _LEAD_PRONOUNS
        ):
            ahead = next(
                (
                    a
                    for atts_ahead in result[i + 1 : min(n, i + 4)]
                    for a in atts_ahead
                    if a.kind == "direct" and a.source and a.source[0].isupper()
                ),
                None,
            )
            if ahead is not None:
                result[i] = [
                    Attribution(
                        source=ahead.source,
                        role=ahead.role,
                        channel=None,
                        cue=atts[0].cue,
                        kind="continuation",
                        hedged=True,
                    )
                ]


def _plain_name(source: str) -> bool:
    """'Harry Reid', 'Reid' -- not 'eine Sprecherin von Reid' or 'Bürgermeister Huber'."""
    words = source.split()
    return (
        bool(words)
        and all(w[:1].isupper() for w in words)
        and words[0].lower() not in lexicon.DETERMINERS
        and not is_role_noun(words[0])
    )


def _speaker_first(pool: list[_Entity]) -> _Entity:
    """The most recent candidate; among those last seen in the same sentence, one that has spoken
    ("Eine Sprecherin von Reid sagte, ob sie Garland nominiere. Er lobte …": Reid, not Garland)."""
    top = pool[0]
    tied = [e for e in pool if e.last_sentence == top.last_sentence]
    return next((e for e in tied if e.spoke), top)


def _is_pronoun_source(source: str) -> bool:
    return source.lower() in lexicon.PERSONAL_PRONOUNS


def extract_one(sentence: str) -> list[Attribution]:
    """Attributions of a single sentence with no preceding context."""
    return RuleAttributionExtractor().extract([sentence])[0]


def attributions_report(sentences: Sequence[str], extractor: RuleAttributionExtractor | None = None) -> dict:
    """The CLI's JSON shape: {"sentences": [...], "attributions": [{"sentence": i, ...}, ...]}."""
    per_sentence = (extractor or RuleAttributionExtractor()).extract(sentences)
    return {
        "sentences": list(sentences),
        "attributions": [
            {"sentence": index, **att.model_dump()} for index, atts in enumerate(per_sentence) for att in atts
        ],
    }


# --------------------------------------------------------------------------------------------


def _quote_balance(text: str) -> int:
    """German opening marks minus closing marks. „…“ is the German pair; copy also closes „ with
    ” or a straight quote (‚„Ich denke …" sagte'), which count as closing only against an open „."""
    opens = text.count("„")
    closes = text.count("“") + text.count("”")
    if opens > closes:
        closes += min(opens - closes, text.count('"'))
    return opens - closes


class _SentenceAnalysis:
    def __init__(self, sentence: str, index: int, state: _State) -> None:
        self.text = sentence
        self.index = index
        self.state = state
        self.tokens: list[Token] = tokenize(sentence)
        self.lows = [t.lower for t in self.tokens]
        self.used: set[int] = set()  # token indices already consumed as a source or channel
        self._extra: list[_Found] = []  # second coordinated subjects found with a verb cue

    # ---- driver ---------------------------------------------------------------------------

    def run(self) -> list[Attribution]:
        starts_in_quote = self.state.quote_open
        hedges = self._hedge_cues()
        found: list[_Found] = []
        found += self._prepositional_cues()
        found += self._nominal_cues()  # first: its phrases may hold participles ("informierten")
        found += self._verb_cues()
        found += self._extra
        found += self._colon_report_noun()
        found += self._viewpoint()
        if not found:
            found += self._headline_source()
        if not found:
            found += self._subject_before_quote()
        found = self._dedupe(found)
        found = self._channel_documents(found)
        found = [self._document_of_last_speaker(f) for f in found]
        if not found:
            found = self._continuation(starts_in_quote)
        found = self._nested_reporter(found) + found
        self._register_mentions()
        unnamed = [f for f in found if f.kind == "hedge_only"]
        named = [f for f in found if f.kind != "hedge_only"]
        if named:
            # "X betonte griechischen Medienberichten zufolge, ...": the report genre the
            # sentence cites is a second, unnamed source beside the named speaker
            found = named + [f for f in unnamed[:1] if f.source and f.cue in _GENRE_CUES]
        elif unnamed:
            found = unnamed[:1]
        elif hedges:
            found = [_Found(hedges[0][0], "", None, None, hedges[0][1], "hedge_only", True, None, True)]
        for f in found:
            if f.kind == "hedge_only" or hedges or not f.has_own_cue:
                f.hedged = True
        self._update_state(found)
        self._remember_opening_subject()
        return [
            Attribution(
                source=_lower_determiner(f.source),
                role=f.role,
                channel=f.channel,
                cue=f.cue,
                kind=f.kind,
                hedged=f.hedged,
            )
            for f in sorted(found, key=lambda f: f.position)
        ]

    def _remember_opening_subject(self) -> None:
        """The noun phrase opening this sentence, the antecedent of a pronoun opening the next
        one ("Die Republikaner ... . Diese haben erklärt, ...") when no source fits."""
        np = self._np(0) if self.tokens else None
        last = np.source.split()[-1] if np is not None else ""
        agent_like = np is not None and (
            np.kind in {"name", "role_only"}
            or np.kind == "group"
            and (
                institution_head(last)
                or referring_head(last) is not None
                or is_role_noun(last)
                or last.lower().endswith(_AGENT_NOUN_ENDINGS)  # "über 100 Nutzer"
            )
        )
        if np is not None and agent_like and len(np.source.split()) <= 6:
            is_person = (
                np.kind == "role_only" or np.kind == "name" and not institution_head(np.source.split()[-1])
            )
            self.state.opening_subject = _Entity(
                _lower_determiner(np.source),
                np.role,
                np.gender,
                is_person,
                self.index,
                named=np.kind != "role_only",
            )
            # "Der Presserat hatte beide Blätter abgemahnt." -- its grounds follow in Konjunktiv
            self.state.opening_subject_acted = not _PASSIVE_AUXILIARIES & set(self.lows) and any(
                not t.is_capitalised and lemma(low) in lexicon.COMMUNICATIVE_ACT_VERBS
                for t, low in zip(self.tokens[np.end :], self.lows[np.end :])
                if t.is_word
            )  # "Österreich wurde verurteilt": the subject is acted upon
        else:
            self.state.opening_subject = None
            self.state.opening_subject_acted = False

    def _channel_documents(self, found: list[_Found]) -> list[_Found]:
        """'sagte Kurz laut einer Aussendung': the release is Kurz's channel, not a second source."""
        docs = [
            f
            for f in found
            if f.cue.lower() in {"laut", "zufolge"}
            and any(w.lower().endswith(lexicon.CHANNEL_DOCUMENT_HEADS) for w in f.source.split()[:3])
        ]
        speakers = [f for f in found if f not in docs and f.kind != "hedge_only" and f.source]
        if not docs or not speakers:
            return found
        for doc in docs:
            if speakers[0].channel is None:
                speakers[0].channel = doc.source
        return [f for f in found if f not in docs]

    def _document_of_last_speaker(self, found: _Found) -> _Found:
        """'Das teilte das Königshaus mit. ... hieß es weiter in der Mitteilung': a bare definite
        statement or letter goes on with the source that just spoke, which issued it."""
        state = self.state
        ent = state.last_entity
        head = _common_noun_head(found.source) if found.kind == "direct" else None
        if (
            head is None
            or len(found.source.split()) > 3
            or _document_head(head) is None
            or _is_findings_document(found.source)
            or ent is None
            or not ent.spoke
            or not (ent.named or ent.role_heads)  # a spokesman, not "die Genannten"
            or _is_document(ent.source)
            or self._introduced_here(found.source)
            or self.index - state.last_attributed > CONTINUATION_WINDOW
        ):
            return found
        return _Found(
            found.position,
            ent.source,
            ent.role,
            found.channel or found.source,
            found.cue,
            "continuation",
            found.hedged,
            ent,
            found.has_own_cue,
            found.reported_verb,
        )

    def _introduced_here(self, phrase: str) -> bool:
        """'in der 28-seitigen Klagsschrift, die am Montag eingebracht wurde': a relative clause
        after the phrase introduces a new thing rather than referring back."""
        head = phrase.split()[-1]  # the phrase may be normalised to the nominative: find its head
        at = self.text.find(head)
        rest = self.text[at + len(head) :].lstrip() if at >= 0 else ""
        return bool(re.match(r",\s*(?:die|der|das|den|dem|deren|dessen)\b", rest))

    def _nested_reporter(self, found: list[_Found]) -> list[_Found]:
        """A report inside a report: "Merkel sei überzeugt, dass ..." in Fischer's account.

        A reporting verb in Konjunktiv I is itself reported speech, so the ongoing speaker
        (within the continuation window) is attributed as well, hedged like any Konjunktiv
        continuation; the inner source is then hedged too (it is known only second-hand).
        """
        state = self.state
        inner = [f for f in found if f.kind == "direct" and f.reported_verb]
        if not inner or state.last_entity is None or self.index - state.last_attributed > CONTINUATION_WINDOW:
            return []
        outer = self._speaker_behind(state.last_entity)
        if any(f.entity is outer or _norm_source(f.source) == _norm_source(outer.source) for f in found):
            return []
        for f in inner:
            f.hedged = True
        first = inner[0]
        return [
            _Found(
                first.position,
                outer.source,
                outer.role,
                None,
                first.cue.split()[0],
                "continuation",
                True,
                outer,
                has_own_cue=False,
            )
        ]

    def _register_mentions(self) -> None:
        """Persons named with a first name ("Außenminister Sebastian Kurz") become antecedents,
        and a person named again by surname ("warum Andriukaitis ...") is recent again.

        They do not start a report: only attributed sources are what Konjunktiv I continues.
        """
        toks, n = self.tokens, len(self.tokens)
        known = {_norm_source(e.source) for e in self.state.entities}
        for k in range(n - 1):
            # "des Marktforschungsunternehmens GfK": an organisation named after its kind is what a
            # later "das Unternehmen" refers to
            name = toks[k + 1].text
            if (
                toks[k].is_word
                and toks[k].is_capitalised
                and institution_head(strip_genitive_s(toks[k].text))
                and toks[k + 1].is_word
                and sum(c.isupper() for c in name) >= 2
                and name.lower() not in known
            ):
                role = _strip_genitive_noun(toks[k].text)
                self.state.entities.append(_Entity(name, role, "n", False, self.index, set()))
                known.add(name.lower())
        for k in range(1, n):
            # "dem Stratos Jet Charters Inc.", "der Voestalpine AG": a company by its legal form
            if toks[k].text not in _COMPANY_FORMS or not toks[k - 1].is_capitalised:
                continue
            start = k - 1
            while start > 0 and toks[start - 1].is_word and toks[start - 1].is_capitalised:
                start -= 1
            end = (
                k + 2
                if k + 1 < n and toks[k + 1].text == "." and toks[k].text in {"Inc", "Ltd", "Corp", "Co"}
                else k + 1
            )
            name = self.text[toks[start].start : toks[end - 1].end]
            if start < k and name.lower() not in known and not is_role_noun(toks[start].text):
                self.state.entities.append(_Entity(name, None, "n", False, self.index, set()))
                known.add(name.lower())
        surnames = {e.surname: e for e in self.state.entities if e.surname}
        for k, tok in enumerate(toks):
            ent = surnames.get(strip_genitive_s(tok.text)) if tok.is_capitalised and k > 0 else None
            if ent is not None and ent.last_sentence < self.index:
                self._mention(ent)
        k = 0
        while k < n - 1:
            after_role = (
                k > 0
                and toks[k - 1].is_word
                and is_role_noun(toks[k - 1].text)
                and not is_first_name(toks[k - 1].text)
            )
            apposed_role = (
                k + 4 < n
                and toks[k + 2].text == ","
                and self.lows[k + 3] in {"der", "die"}
                and toks[k + 4].is_word
                and is_role_noun(toks[k + 4].text)
            )
            if (
                toks[k].is_capitalised
                and (is_first_name(toks[k].text) or after_role or apposed_role)
                and toks[k + 1].is_capitalised
                and (toks[k + 1].is_word and self.lows[k + 1] not in lexicon.NON_NAME_CAPITALISED)
            ):
                start = k
                while start > 0 and toks[start - 1].is_word and is_role_noun(toks[start - 1].text):
                    start -= 1
                np = self._np(start) if start < k else None
                if np is None or np.kind != "name":
                    np = self._np(k)
                if (
                    np is not None
                    and not is_first_name(toks[k].text)
                    and not apposed_role
                    and (
                        np.end != k + 2 or np.end < n and toks[np.end].is_word and toks[np.end].is_capitalised
                    )
                ):
                    # "Bundesjustizminister Heiko Maas hat": with an unknown first name, only a
                    # two-word name after a role noun, nothing capitalised after it
                    np = None
                if np is not None and np.kind == "name" and len(np.source.split()) >= 2:
                    entity, _ = self._entity_for(np)
                    if entity is not None:
                        self._mention(entity)
                    k = max(np.end, k + 1)
                    continue
            described = (
                k > 0
                and toks[k - 1].is_word
                and referring_head(toks[k - 1].text) == "person"
                and not is_first_name(toks[k - 1].text)
            )  # "Der Engländer Eales freut sich ...": a nationality or kin noun before one name
            if (after_role or described) and self._single_name_after_role(k):
                # "Papst Franziskus hat ...", "Innenminister Kickl will ...": one name after its
                # role is the person a later "der Papst" or "der Minister" refers back to
                np = self._np(k - 1)
                if np is not None and np.kind == "name" and np.source == toks[k].text:
                    entity, _ = self._entity_for(np)
                    if entity is not None:
                        self._mention(entity)
            k += 1

    def _mention(self, entity: _Entity) -> None:
        """Make a person or body named in this sentence the most recent antecedent."""
        entity.last_sentence = self.index
        if entity in self.state.entities:
            self.state.entities.remove(entity)
        self.state.entities.append(entity)

    def _single_name_after_role(self, k: int) -> bool:
        toks, n = self.tokens, len(self.tokens)
        tok = toks[k]
        return (
            tok.is_word
            and tok.is_capitalised
            and tok.text.isalpha()
            and len(tok.text) >= 3
            and not is_role_noun(tok.text)
            and self.lows[k] not in lexicon.NON_NAME_CAPITALISED
            and not _is_time_word(self.lows[k])
            and (k + 1 >= n or not toks[k + 1].is_word or not toks[k + 1].is_capitalised)
            and lemma(tok.text) == tok.text  # a declined noun ("Polizisten") is no name
        )

    def _update_state(self, found: list[_Found]) -> None:
        state = self.state
        for f in found:
            if f.entity is not None and f.entity not in state.entities and _plain_name(f.entity.source):
                # "Reid sagt … Harry Reid, Anführer der Demokraten, ist überzeugt": the speaker
                # and the person registered from the same sentence are one entity
                twin = next(
                    (
                        e
                        for e in state.entities
                        if e.is_person and _plain_name(e.source) and e.surname == f.entity.surname
                    ),
                    None,
                )
                if twin is not None:
                    if len(f.entity.source.split()) > len(twin.source.split()):
                        twin.source = f.entity.source
                    twin.gender = twin.gender or f.entity.gender
                    twin.role = twin.role or f.entity.role
                    twin.role_heads |= f.entity.role_heads
                    f.entity = twin
        for f in found:
            if f.entity is not None:
                # "nach einem Bericht von X", "In einem Rundschreiben macht X ...": X's text
                for w in f"{f.cue} {f.source} {f.channel or ''}".split():
                    doc = _document_head(w) if w[:1].isupper() else None
                    if doc is not None:
                        f.entity.documents.add(doc)  # "nach einem Bericht von X": X's report
                f.entity.last_sentence = self.index
                f.entity.spoke = True
                if f.entity in state.entities:
                    state.entities.remove(f.entity)
                state.entities.append(f.entity)
                state.last_entity = f.entity
        speakers = [f.entity for f in found if f.entity is not None]
        if speakers:
            state.last_attributed = self.index
            # "teilte Anwältin X laut ČTK mit": the person speaking goes on, not the agency;
            # "berichtete DHA unter Berufung auf die Streitkräfte": the reporter goes on
            reporters = [
                f.entity
                for f in found
                if f.entity is not None and not f.cue.lower().startswith("unter berufung")
            ]
            pool = reporters or speakers
            persons = [e for e in pool if e.is_person]
            state.last_entity = persons[-1] if persons else pool[-1]
        first_person = any(low in lexicon.FIRST_PERSON for low in self.lows)
        state.last_first_person = first_person and any(f.entity is not None for f in found)
        balance = _quote_balance(self.text)
        was_open = state.quote_open
        if balance > 0 and state.quote_closes_soon:
            state.quote_open = True
            attributed = [f.entity for f in found if f.entity is not None]
            state.quote_entity = attributed[-1] if attributed else state.last_entity
        elif balance < 0 and was_open or balance == 0 and not was_open or balance > 0:
            state.quote_open = False

    # ---- hedges ---------------------------------------------------------------------------

    def _hedge_cues(self) -> list[tuple[int, str]]:
        cues: list[tuple[int, str]] = []
        for i, low in enumerate(self.lows):
            if (
                any(low.startswith(stem) for stem in lexicon.HEDGE_ADVERB_STEMS)
                or low in lexicon.SOLL_FORMS
                and self._soll_is_evidential(i)
            ):
                cues.append((i, self.tokens[i].text))
        return cues

    def _soll_is_evidential(self, i: int) -> bool:
        """'soll' reports a claim (perfect infinitive, stative fact), not a plan or a duty."""
        lows = self.lows
        # verb-final subordinate clause: "..., wonach er Rindfleisch gegessen haben soll"
        if i >= 2 and lows[i - 1] in {"haben", "sein"} and _looks_participle(lows[i - 2]):
            return True
        end = self._clause_end(i)
        span = list(range(i + 1, end))
        toks = self.tokens
        if end < len(toks) and toks[end].text in {"–", "—"}:
            # a parenthesis between dashes: "sollen sich zwei 17-Jährige – also ... – befinden"
            close = next((k for k in range(end + 1, len(toks)) if toks[k].text == toks[end].text), None)
            if close is not None and close + 1 < len(toks):
                end = self._clause_end(close + 1)
                span += list(range(close + 1, end))
        # original case: a capitalised noun ("Möglichkeit") is never a participle
        forms = [toks[k].text for k in span if toks[k].is_word]
        words = [w.lower() for w in forms]
        if len(words) < 1:
            return False
        last = words[-1]
        clause_words = set(lows[self._clause_start(i) : end])
        future = bool(clause_words & lexicon.FUTURE_MARKERS)
        if future and clause_words & lexicon.FUTURE_MARKERS == {"bis"} and self._bis_is_range(i, end):
            future = False  # "zwischen/von ein bis drei Prozent": a range, not a deadline
        if last == "haben" and len(words) >= 2 and _looks_participle(forms[-2]):
            return True
        if (
            last == "sein"
            and len(words) >= 2
            and (_looks_participle(forms[-2]) or words[-2] in {"worden", "gewesen"})
        ):
            return not future
        if last == "handeln" and "sich" in words:
            return True
        if last in lexicon.PLAN_INFINITIVES or lemma(last) in lexicon.PLAN_INFINITIVES:
            return False  # "soll im Herbst in Kraft treten", "soll ... gebaut werden"
        if last in lexicon.EVIDENTIAL_STATIVE_INFINITIVES and last != "geben":
            predicate = words[-2] if len(words) >= 2 else ""
            if predicate in lexicon.PLAN_PREDICATES or predicate.endswith("er") and last == "sein":
                return False
            if clause_words & lexicon.PLAN_DATE_WORDS or self._purpose_follows(end):
                return False
            return not future
        return False

    def _bis_is_range(self, i: int, end: int) -> bool:
        lows = self.lows
        k = lows.index("bis", i) if "bis" in lows[i:end] else -1
        if k <= 0:
            k = next((x for x in range(self._clause_start(i), end) if lows[x] == "bis"), -1)
        if k <= 0:
            return False
        before = lows[max(0, k - 4) : k]
        return (
            "von" in before
            or k + 1 < len(lows)
            and lows[k + 1] == "zu"  # "um bis zu fünf Sekunden": an amount, not a deadline
            or "zwischen" in before
            or _is_number(self.tokens[k - 1].text)
            or lows[k - 1] in {"ein", "eins", "zwei", "drei", "vier", "fünf", "zehn"}
        )

    def _purpose_follows(self, end: int) -> bool:
        """'..., um ... zu', '..., damit', '..., wo ...': the 'soll' clause states a purpose."""
        lows = self.lows
        return (
            end < len(lows)
            and self.tokens[end].text == ","
            and end + 1 < len(lows)
            and lows[end + 1] in {"um", "damit", "wo", "wenn", "sodass"}
        )

    # ---- clause geometry ------------------------------------------------------------------

    def _clause_end(self, i: int) -> int:
        k = i + 1
        n = len(self.tokens)
        while k < n:
            text = self.tokens[k].text
            if text == "(":
                close = next((m for m in range(k + 1, min(n, k + 6)) if self.tokens[m].text == ")"), None)
                if close is not None:  # "(SPÖ)", "(Freitag)": a tag inside the clause
                    k = close + 1
                    continue
            if (
                text == ","
                and k + 2 < n
                and self.tokens[k + 2].text == ","
                and _is_time_word(self.lows[k + 1])
            ):
                k += 3  # "teilte heute, Freitag, die Behörde mit": a date apposition
                continue
            if text in _BOUNDARY:
                return k
            k += 1
        return n

    def _clause_start(self, i: int) -> int:
        k = i - 1
        while k >= 0:
            text = self.tokens[k].text
            if text == ")":
                opening = next(
                    (m for m in range(k - 1, max(-1, k - 6), -1) if self.tokens[m].text == "("), None
                )
                if opening is not None:  # "(SPÖ)": a tag inside the clause, as in _clause_end
                    k = opening - 1
                    continue
            if text in _BOUNDARY:
                return k + 1
            k -= 1
        return 0

    def _hard_end(self, i: int) -> int:
        for k in range(i + 1, len(self.tokens)):
            if self.tokens[k].text in _HARD_BOUNDARY:
                return k
        return len(self.tokens)

    def _hard_start(self, i: int) -> int:
        for k in range(i - 1, -1, -1):
            if self.tokens[k].text in _HARD_BOUNDARY:
                return k + 1
        return 0

    # ---- noun phrases ---------------------------------------------------------------------

    def _np(self, j: int, *, oblique: bool = False) -> _NounPhrase | None:
        """The noun phrase starting at token j, split into source and role, or None."""
        toks, lows = self.tokens, self.lows
        n = len(toks)
        if j >= n or not toks[j].is_word:
            return None
        low = lows[j]
        if low in lexicon.SENTENCE_ADVERBS and toks[j].is_capitalised:
            return None  # "Zumindest gaben das ...": an adverb opening the sentence
        if (
            toks[j].is_capitalised
            and j == self._hard_start(j)
            and (
                low in lexicon.AUXILIARIES
                or low in _MODALS
                or low.endswith("t")
                and lemma(low) != low
                and lemma(low).endswith(("en", "ern", "eln"))
                and lemma(low)[:1].islower()
            )
        ):
            return None  # "Würden alle ...", "Rechnet man ...": a verb opens the sentence
        quantified = self._quantified_group(j)
        if quantified is not None:
            return quantified
        if (
            low in _DEMONSTRATIVE_GENDER
            and j == self._hard_start(j)
            and j + 1 < n
            and toks[j + 1].is_word
            and not toks[j + 1].is_capitalised
            and (
                lows[j + 1] in lexicon.AUXILIARIES
                or lows[j + 1] in _MODALS
                or _is_reporting_form(lows[j + 1])
            )
        ):
            # "Diese haben erklärt, ...", "Der habe gemeint, ...": a demonstrative standing alone
            return _NounPhrase(j, j + 1, toks[j].text, None, "pronoun", _DEMONSTRATIVE_GENDER[low])
        if (
            low in _STANDALONE_QUANTIFIERS
            and j + 1 < n
            and toks[j + 1].is_word
            and not toks[j + 1].is_capitalised
            and (lows[j + 1] in lexicon.AUXILIARIES or _is_reporting_form(lows[j + 1]))
        ):
            # "Beide sagten, ...", "Andere warnten, ...": a group standing alone as the subject
            return _NounPhrase(j, j + 1, toks[j].text, None, "group", "pl")
        if low in lexicon.PERSONAL_PRONOUNS and (
            j == 0 or not toks[j].is_capitalised or j == self._hard_start(j)
        ):
            return _NounPhrase(j, j + 1, toks[j].text, None, "pronoun", lexicon.PERSONAL_PRONOUNS[low])
        if low in {"sein", "seine", "seinen", "seinem", "seiner", "ihr", "ihre", "ihren", "ihrem", "ihrer"}:
            owned = self._owned_role(j, j + 1)
            if owned is not None:
                return owned  # "seine Anwältin", "ihr Anwalt Max Huber"
            if (
                j + 1 < n
                and toks[j + 1].is_word
                and toks[j + 1].is_capitalised
                and institution_head(toks[j + 1].text)
                or j + 1 < n
                and lows[j + 1] in {"management", "team", "umfeld", "büro", "lager", "familie", "partei"}
            ):
                # "teilte ihr Management mit": the owner's organisation speaks, not the owner
                return _NounPhrase(j, j + 2, f"{toks[j].text} {toks[j + 1].text}", None, "group", None)
            return _NounPhrase(
                j, j + 1, toks[j].text, None, "possessive", "m" if low.startswith("sein") else "f_or_pl"
            )
        if (
            toks[j].is_capitalised
            and toks[j].text.endswith(("s", "'"))
            and low not in lexicon.NON_NAME_CAPITALISED
            and j + 1 < n
            and toks[j + 1].is_word
            and not toks[j + 1].is_capitalised
        ):
            # a genitive possessor before a role: "Badawis nach Kanada geflüchtete Ehefrau X"
            k = j + 1
            if lows[k] in _PREPOSITIONS:
                m = self._skip_participial_phrase(k)
                k = m + 1 if m != k else k
            while (
                k < n
                and toks[k].is_word
                and not toks[k].is_capitalised
                and _is_inflected_adjective(toks[k].text)
            ):
                k += 1
            if k > j + 1:
                owned = self._owned_role(j, k)
                if owned is not None:
                    return owned
        det: str | None = None
        k = j
        if low in lexicon.DETERMINERS:
            if not oblique and low in _OBLIQUE_DETS:
                return None
            det = low
            k += 1
            if k < n and lows[k] in _PREPOSITIONS:
                if j > 0 and toks[j - 1].text == "," and low in {"der", "die", "das"}:
                    return (
                        None  # "eines Bürgers, der über kriminelle Flüchtlinge berichtete": a relative clause
                    )
                # a long participial modifier: "einer am Mittwoch in Wien vorgestellten Umfrage"
                k = self._skip_participial_phrase(k)
            # adjectives and participles, also "die auf Muscheln spezialisierte Forscherin"
            while k < n and toks[k].is_word:
                if lows[k] in _SUBORDINATORS or lows[k] in {"und", "oder", "nicht"}:
                    return None
                if lows[k] in lexicon.AUXILIARIES or lows[k] in _MODALS:
                    return None  # "das ist Vorwahlkampf": a clause, not a noun phrase
                if (
                    not toks[k].is_capitalised
                    and lows[k].endswith("t")
                    and lows[k] not in _PREPOSITIONS
                    and _could_be_verb(lows[k], lemma(lows[k]))
                ):
                    return None  # "Dieser lehnt ... ab": a finite verb ends the determiner's phrase
                if not toks[k].is_capitalised:  # numbers are lower-case here; "72-Jährige" is a noun
                    k += 1
                elif (
                    k + 2 < n
                    # "die in Klagenfurt tätige", "einer Ende vergangener Woche publizierten":
                    # a phrase opened inside the adjective -- not "Die USA halten Russland"
                    and (any(w in _PREPOSITIONS for w in lows[j + 1 : k]) or lows[k] in _TIME_NOUNS)
                    and _is_inflected_adjective(toks[k + 1].text)
                    and lows[k + 1] not in _PREPOSITIONS  # "der Bericht unter Berufung auf": no adjective
                    and toks[k + 2].is_capitalised
                ):
                    k += 2  # a phrase inside the adjective: "die in Klagenfurt tätige Forscherin"
                else:
                    break
            if k >= n or not toks[k].is_capitalised or not toks[k].is_word:
                return None
        elif (
            toks[j].is_capitalised
            and j == self._hard_start(j)
            and _declined_adjective(low)
            and j + 1 < n
            and toks[j + 1].is_word
            and not toks[j + 1].is_capitalised
            and _declined_adjective(lows[j + 1])
        ):
            # "Führende europäische Politiker warnen": a bare plural opening the sentence
            k = j + 1
            while k < n and toks[k].is_word and not toks[k].is_capitalised and _declined_adjective(lows[k]):
                k += 1
            if k >= n or not toks[k].is_capitalised:
                return None
            return _NounPhrase(j, k + 1, self.text[toks[j].start : toks[k].end], None, "group", "pl")
        elif self._particle_surname(j):
            pass  # "erzählt van Hout" after "Martijn van Hout": the particle opens the surname
        elif not toks[j].is_capitalised or low in lexicon.NON_NAME_CAPITALISED:
            return None
        elif self._non_noun_opener(j):
            return None  # "Kritisch äußerte sich ...", "Gerungen wurde ...", "Aufgrund der ..."
        run_start = k
        run: list[int] = []
        if det is None and self._particle_surname(j):
            end = self._particle_surname_end(j) or j + 1
            run.extend(range(j, end - 1))
            k = end - 1
        while k < n and (toks[k].is_word or toks[k].text == "&"):
            if toks[k].text == "&" or lows[k] == "of" and run:
                if not run or k + 1 >= n or not toks[k + 1].is_capitalised:
                    break  # "of" joins English names and titles: "Bank of England", "Head of Operations"
                run.append(k)  # "Sons & Daughters", "Procter & Gamble": one name
                k += 1
                continue
            if toks[k].is_capitalised or _is_number(toks[k].text) and run:
                if toks[k].is_capitalised and lows[k] in lexicon.NON_NAME_CAPITALISED and run:
                    break
                if (
                    _is_number(toks[k].text)
                    and not toks[k].is_capitalised
                    and k + 1 < n
                    and toks[k + 1].is_capitalised
                ):
                    break  # "des Instituts 491.000 Tonnen": a quantity starts, the name ended
                if run and lows[k] in lexicon.WEEKDAYS_AND_TIMES:
                    break  # "sagte Katzian Mittwochfrüh"
                if run and lows[k] in _HONORIFICS and not lows[run[-1]] in _HONORIFICS:
                    break  # "Moderator Hugh Hewitt Mr. Trump helfen wollte": a second name starts
                if (
                    run
                    and toks[run[-1]].is_capitalised
                    and any(e.is_person and e.surname == toks[run[-1]].text for e in self.state.entities)
                    and lemma(toks[k].text) != toks[k].text
                    and not is_first_name(toks[k].text)
                ):
                    break  # "rät Jungwirth Betroffenen": a declined noun after a known surname is its object
                run.append(k)
                k += 1
            elif (
                lows[k] == "und"
                and run
                and k + 2 < n
                and all(is_role_noun(toks[x].text) and not is_first_name(toks[x].text) for x in run)
                and not any(e.surname == toks[run[-1]].text for e in self.state.entities)
                and toks[k + 1].is_capitalised
                and is_role_noun(toks[k + 1].text)
                and not is_first_name(toks[k + 1].text)
                and toks[k + 2].is_capitalised
            ):
                run.append(k)  # "FP-Sicherheitsreferent und Landeshauptmannstellvertreter X": two roles
                k += 1
            elif (
                lows[k] in _NAME_PARTICLES
                and k + 2 < n
                and lows[k + 1] in {"der", "den", "la", "le", "de"}
                and toks[k + 2].is_word
                and toks[k + 2].is_capitalised
                and run
                and is_first_name(toks[run[-1]].text)
            ):
                run.extend([k, k + 1])  # "Ursula von der Leyen", "Rafael van der Vaart"
                k += 2
            elif (
                lows[k] in _NAME_PARTICLES
                and k + 1 < n
                and toks[k + 1].is_capitalised
                and run
                and not (
                    # "der Sprecher von Amnesty International": a preposition after a role, not
                    # the particle of a name ("Ursula von der Leyen")
                    lows[k] == "von"
                    and is_role_noun(toks[run[-1]].text)
                    and not is_first_name(toks[run[-1]].text)
                )
            ):
                run.append(k)
                k += 1
            else:
                break
        if not run:
            return None
        # trailing capitalised verbs cannot be names; drop a run that swallowed a noun after a
        # name ("Pritz Interesse"): keep runs short and name-like.
        words = [toks[x].text for x in run]
        # split role prefix from name
        split = 0
        for x in range(len(words) - 1):
            if words[x] == "of" and split == x and x + 2 < len(words):
                split = x + 2  # "Head of Operations Stephen Mikkelsen": the title runs on
            elif is_role_noun(words[x]) and not is_first_name(words[x]):
                split = x + 1
            elif x == 0 and len(words) >= 3 and referring_head(words[x]) == "person":
                split = 1  # "Großmutter Delores Melendez": kin before a two-word name is a role
        if split == 0 and det:
            named_at = next((x for x in range(1, len(words) - 1) if is_first_name(words[x])), None)
            if named_at is not None:
                split = named_at
        end = run[-1] + 1
        if split and det in {"ein", "eine"} and len(words) - split == 1 and words[-1].endswith("s"):
            split = 0  # "ein Sprecher Konvičkas": the genitive owns the role, it is no name
        role_words = words[:split]
        name_words = words[split:]
        gender: str | None = None
        kind = "name"
        head: str | None = None
        source: str
        role: str | None = " ".join(role_words) if role_words else None
        prefix = " ".join(t.text for t in toks[j:run_start])  # determiner + adjectives
        last_word = name_words[-1]
        if split == 0 and (is_role_noun(words[0]) and len(words) == 1 or det and not _looks_like_name(words)):
            # role-only or institutional phrase: keep determiner and genitive attachments
            end = self._extend_genitive(end)
            source = " ".join(t.text for t in toks[j:end])
            head = role_head(words[0]) if is_role_noun(words[0]) else None
            if head is None and det and len(words) == 1:
                head = referring_head(words[0])  # "der Schweizer", "die 59-Jährige"
            if head:
                kind = "role_only"
                if is_genderless_role(words[0]):
                    gender = None  # "das Stadtoberhaupt" is a man or a woman
                elif head == "person" and words[0].lower().endswith(("in", "innen")):
                    gender = "f"
                else:
                    gender = role_gender(words[0]) or _det_gender(det)
            else:
                kind = "group"
                gender = _det_gender(det) if det else None
                low_last = last_word.lower()
                definite = det in {"der", "die", "das", "dem", "den", "des"}
                # "ein Bericht des Ministeriums" names its originator: not an unnamed report
                attributed = end > run[-1] + 1
                if (
                    not definite
                    and not attributed
                    and (
                        low_last in lexicon.UNNAMED_REPORT_HEADS
                        or low_last.endswith(("berichten", "berichte"))
                    )
                ):
                    kind = "unnamed"
                elif low_last.endswith(lexicon.ANONYMOUS_SOURCE_HEADS):
                    kind = "anonymous"
            role = None
        else:
            if split == 0 and len(words) == 1 and words[0].lower() in (lexicon.UNNAMED_REPORT_HEADS):
                kind = "unnamed"
            elif split == 0 and len(words) == 1 and words[0].lower().endswith(lexicon.ANONYMOUS_SOURCE_HEADS):
                kind = "anonymous"
            elif split == 0 and len(words) == 1 and words[0].lower().endswith(("berichten", "berichte")):
                kind = "unnamed"
            source = " ".join(name_words)
            if det and role_words:
                role = (prefix.split(" ", 1)[1] + " " if " " in prefix else "") + " ".join(role_words)
            gender = first_name_gender(name_words[0]) if len(name_words) > 1 else None
            if len(name_words) > 1 and name_words[0].lower() in _HONORIFICS:
                gender = "m" if name_words[0].lower() == "mr." else "f"
            if gender is None and role_words:
                gender = role_gender(role_words[-1])
            if gender is None and det and role_words:
                gender = _det_gender(det)
            if kind == "name" and split == 0 and len(name_words) == 1 and institution_head(name_words[0]):
                kind = "group"
            known_surname = any(e.surname == words[0] for e in self.state.entities)
            if (
                kind == "name"
                and split == 0
                and not det
                and is_role_noun(words[0])
                and len(words) == 1
                and not known_surname  # "berichtete Beckenbauer" after "Franz Beckenbauer"
            ):
                kind = "role_only"
                head = role_head(words[0])
            if (
                kind == "name"
                and split == 0
                and len(words) > 1
                and is_role_noun(words[-1])
                and not is_first_name(words[0])
            ):
                kind = "role_only"
                head = role_head(words[-1])
                end = self._extend_genitive(end)
                source = " ".join(t.text for t in toks[j:end])
        head_word = None
        if kind == "role_only":
            head_word = (
                words[0]
                if split == 0 and len(words) == 1 or det and head == role_head(words[0])
                else words[-1]
            )
        np = _NounPhrase(j, end, source, role, kind, gender, head, head_word)
        self._attach_apposition(np)
        return np

    def _particle_surname(self, j: int) -> bool:
        """'van Hout', 'de Maizière': a lower-case name particle followed by a capitalised word,
        where a person the article has named ends in these two words."""
        return self._particle_surname_end(j) is not None

    def _particle_surname_end(self, j: int) -> int | None:
        """The end of 'van Hout', 'Von der Leyen' at token j when a person the article has named
        ends in these words (case aside: the particle may open the sentence), else None."""
        toks, n = self.tokens, len(self.tokens)
        if self.lows[j] not in _NAME_PARTICLES:
            return None
        k = j + 1
        if k < n and self.lows[k] in {"der", "den", "la", "le", "de"}:
            k += 1
        if k >= n or not toks[k].is_word or not toks[k].is_capitalised:
            return None
        tail = " " + " ".join(t.text for t in toks[j : k + 1]).lower()
        if any(e.is_person and f" {e.source}".lower().endswith(tail) for e in self.state.entities):
            return k + 1
        return None

    def _non_noun_opener(self, j: int) -> bool:
        """A capitalised word opening the sentence that is an adjective, adverb, participle or
        preposition, not a noun: only its capital letter made it look like a name.

        The lemmatizer's dictionary keeps nouns capitalised, so a lower-case lemma means the
        word is not a noun. A name the article has already registered ("Kurz" after "Sebastian
        Kurz") or a known first name stays a name, and so does an adjective a capitalised word
        follows ("Neue Zürcher Zeitung", "Sechs Jahre").
        """
        toks, n = self.tokens, len(self.tokens)
        tok = toks[j]
        if not tok.is_capitalised or j != self._hard_start(j) or not tok.text.isalpha():
            return False
        if j + 1 < n and toks[j + 1].is_word and toks[j + 1].is_capitalised:
            return False
        base = lemma(tok.text)
        if not base[:1].islower() or is_first_name(tok.text):
            return False
        return not any(e.source == tok.text or e.surname == tok.text for e in self.state.entities)

    def _quantified_group(self, j: int) -> _NounPhrase | None:
        """A share of people as a subject: 'drei von vier Befragten', 'mehr als die Hälfte',
        '60 Prozent der Befragten', 'rund jeder Dritte', 'etwa ein Viertel' -- survey reports."""
        toks, lows, n = self.tokens, self.lows, len(self.tokens)
        k = j
        while k < n and lows[k] in _APPROXIMATORS:
            k += 1
        if k + 1 < n and lows[k] == "mehr" or k + 1 < n and lows[k] == "weniger":
            if lows[k + 1] != "als":
                return None
            k += 2
        if k >= n:
            return None
        core_end: int | None = None
        if (_is_number(toks[k].text) or lows[k] in _NUMBER_WORDS) and k + 1 < n:
            if lows[k + 1] in {"prozent", "%"}:
                core_end = k + 2
            elif (
                lows[k + 1] == "von"
                and k + 3 < n
                and (_is_number(toks[k + 2].text) or lows[k + 2] in _NUMBER_WORDS)
                and toks[k + 3].is_capitalised
            ):
                core_end = k + 4  # "drei von vier Befragten"
            elif lows[k + 1] in _FRACTIONS:
                core_end = k + 2  # "zwei Drittel"
        elif lows[k] in {"einer", "eine", "jeder", "jede"} and k + 1 < n:
            if lows[k + 1] == "von" and k + 3 < n and toks[k + 3].is_capitalised:
                core_end = k + 4  # "einer von drei Befragten"
            elif lows[k + 1] in _ORDINAL_SHARES:
                core_end = k + 2  # "jeder Dritte"
        if core_end is None and k + 1 < n and lows[k] in {"die", "ein"} and lows[k + 1] in _FRACTIONS:
            core_end = k + 2  # "die Hälfte", "ein Viertel"
        if core_end is None and k + 2 < n and lows[k] in _PARTITIVE_QUANTIFIERS and lows[k + 1] == "der":
            end = self._extend_genitive(k + 1)  # "Manche der Demokraten", "einige der Anrainer"
            if end > k + 2:
                return _NounPhrase(j, end, self.text[toks[j].start : toks[end - 1].end], None, "group", "pl")
        if core_end is None:
            return None
        end = self._extend_genitive(core_end)
        if end < n and toks[end].is_word and toks[end].is_capitalised and toks[end].text.endswith("en"):
            return None  # "60 Prozent Zustimmung": a quantity of something, not of people
        return _NounPhrase(j, end, self.text[toks[j].start : toks[end - 1].end], None, "group", "pl")

    def _owned_role(self, j: int, k: int) -> _NounPhrase | None:
        """A role noun at k owned by the possessive or genitive at j ("seine Anwältin", "Badawis
        Ehefrau Ensaf Haidar"): the named person with that role, or the role phrase itself."""
        toks = self.tokens
        if k >= len(toks) or not toks[k].is_capitalised:
            return None
        kin = not is_role_noun(toks[k].text) and referring_head(toks[k].text) == "person"
        if not is_role_noun(toks[k].text) and not kin:
            return None
        inner = self._np(k)
        if inner is None or inner.kind not in {"name", "role_only"} or kin and inner.kind != "name":
            return None  # "seine Großmutter Delores Melendez" names her; "seine Großmutter" alone does not
        inner.start = j
        if inner.kind == "role_only":
            inner.source = self.text[toks[j].start : toks[inner.end - 1].end]
            inner.gender = role_gender(toks[k].text) or inner.gender
            inner.head_word = toks[k].text
        return inner

    def _skip_participial_phrase(self, k: int) -> int:
        """Index of the inflected participle that closes a pre-nominal phrase opened at k, or k.

        Only a participle ("vorgestellten", "spezialisierte") directly before a capitalised
        noun, within one clause, counts: "der in Wien" with no such participle stays as it was.
        """
        toks, lows, n = self.tokens, self.lows, len(self.tokens)
        for m in range(k + 1, min(n - 1, k + 14)):
            if toks[m].text in _BOUNDARY or lows[m] in _SUBORDINATORS or lows[m] in {"und", "oder"}:
                return k
            if (
                toks[m].is_word
                and _is_inflected_adjective(toks[m].text)
                and lows[m] not in lexicon.DETERMINERS
                and lows[m].endswith(
                    ("te", "ten", "tes", "ter", "tem", "ene", "enen", "ener", "enden", "ende")
                )
            ):
                # further adjectives may stand between participle and noun: "ein am Mittwoch
                # veröffentlichter interner Bericht"
                q = m + 1
                while (
                    q < n - 1
                    and q - m <= 2
                    and toks[q].is_word
                    and not toks[q].is_capitalised
                    and _is_inflected_adjective(toks[q].text)
                    and lows[q] not in lexicon.DETERMINERS
                    and lows[q] not in _PREPOSITIONS
                ):
                    q += 1
                if toks[q].is_capitalised and toks[q].is_word:
                    return m
        return k

    def _extend_genitive(self, end: int) -> int:
        """Extend a role or institution phrase over a genitive/von attachment ("des Bezirks X")."""
        toks, lows, n = self.tokens, self.lows, len(self.tokens)
        k = end
        while (
            k < n
            and lows[k]
            in {"des", "der", "eines", "einer", "beider", "von", "vom", "aus", "am", "im", "in", "für"}
            and k + 1 < n
        ):
            m = k + 1
            if lows[k] == "für":
                # a name-internal purpose: "Beobachtungsstelle für Menschenrechte",
                # "Organisation für wirtschaftliche Zusammenarbeit" -- not "für ihre Mitglieder"
                prev = lows[k - 1] if k else ""
                if (
                    not (institution_head(prev) or prev.endswith(_NAMED_FOR_HEADS))
                    or lows[m] in lexicon.DETERMINERS
                ):
                    break
                while m < n and toks[m].is_word and _is_inflected_adjective(toks[m].text):
                    m += 1
                if m >= n or not toks[m].is_capitalised or not toks[m].is_word:
                    break
                k = m + 1
                continue
            if lows[k] in {"in", "im"} and not (toks[m].is_capitalised and not _is_channel_word(lows[m])):
                break
            if lows[k] in {"am", "im"} and _is_time_word(lows[m]):
                break  # "die Polizei am Samstagabend": a time, not part of the name
            if lows[k] in {"von", "aus"} and m < n and lows[m] in {"der", "den", "dem"}:
                m += 1
            while m < n and toks[m].is_word and not toks[m].is_capitalised and lows[m] not in _SUBORDINATORS:
                m += 1
            if m >= n or not toks[m].is_capitalised or lows[m] in lexicon.NON_NAME_CAPITALISED:
                break
            while m < n and (
                toks[m].is_word
                and toks[m].is_capitalised
                and lows[m] not in lexicon.NON_NAME_CAPITALISED
                or toks[m].text == "&"
                and m + 1 < n
                and toks[m + 1].is_capitalised  # "Sons & Daughters"
            ):
                m += 1
            if (
                lows[k] in {"des", "der"}
                and m + 2 < n
                and lows[m] == "und"
                and lows[m + 1] in {"des", "der"}
                and toks[m + 2].is_capitalised
            ):
                m += 1  # "ein Sprecher der Universität und des Somerville College": coordinated owners
            k = m
        return k

    def _attach_apposition(self, np: _NounPhrase) -> None:
        """', Sprecherin der Landespolizei,' after a name becomes its role; '(SPÖ)' is skipped."""
        toks, n = self.tokens, len(self.tokens)
        k = np.end
        if (
            np.kind == "name"
            and k + 2 < n
            and (toks[k].text, toks[k + 2].text) in {("(", ")"), (",", ",")}
            and _is_number(toks[k + 1].text)
        ):
            # an age: "Leroy Hansford (62) sagt", "Hansford, 62, sagt"
            np.end = k = k + 3
        if k < n and toks[k].text == "(":
            close = next((m for m in range(k + 1, min(n, k + 6)) if toks[m].text == ")"), None)
            if close is not None and _PARTY_TAG.match(self.text[toks[k].start : toks[close].end]):
                np.end = close + 1
                k = close + 1
        if np.kind == "role_only" and k < n and self.lows[k] in _ROLE_ATTACHMENT_PREPOSITIONS:
            # "der UN-Hochkommissar für Menschenrechte, Said Raad Al-Hussein, sagte": the role's
            # own attachment stands between it and the name apposition
            comma = next((m for m in range(k + 1, min(n, k + 7)) if not toks[m].is_word), None)
            if (
                comma is not None
                and toks[comma].text == ","
                and comma + 1 < n
                and toks[comma + 1].is_capitalised
                and not any(
                    self.lows[m] in _SUBORDINATORS or _is_reporting_form(self.lows[m])
                    for m in range(k, comma)
                )
            ):
                name_np = self._np(comma + 1)
                if (
                    name_np is not None
                    and name_np.kind == "name"
                    and name_np.role is None
                    and len(name_np.source.split()) > 1
                    and (name_np.end >= n or toks[name_np.end].text in {",", ".", ":"})
                ):
                    np.role = self.text[toks[np.start].start : toks[comma - 1].end]
                    np.source = name_np.source
                    np.kind = "name"
                    np.end = name_np.end + (1 if name_np.end < n and toks[name_np.end].text == "," else 0)
                    return
        if np.kind not in {"name", "role_only"} or k >= n or toks[k].text != ",":
            return
        m = k + 1
        if m < n and self.lows[m] in lexicon.DETERMINERS:
            m += 1
        while m < n and toks[m].is_word and not toks[m].is_capitalised:
            m += 1
        if m >= n or not is_role_noun(toks[m].text):
            if np.kind == "role_only" and m < n:
                # "der Sprecher der Polizei, Hans Huber, sagte": a name apposition to a role
                name_np = self._np(k + 1) if toks[k + 1].is_capitalised else None
                if (
                    name_np
                    and name_np.kind == "name"
                    and name_np.role is None
                    and (name_np.end >= n or toks[name_np.end].text in {",", ".", ":"})
                ):
                    np.role = np.source
                    np.source = name_np.source
                    np.kind = "name"
                    np.end = name_np.end + (1 if name_np.end < n and toks[name_np.end].text == "," else 0)
            return
        if np.kind != "name":
            return
        stop = m
        while stop < n and toks[stop].text not in {",", ".", ";", ":", "–", "—"}:
            if self.lows[stop] in _SUBORDINATORS or _is_reporting_form(self.lows[stop]):
                return
            stop += 1
        if stop - m > 12:
            return
        np.role = self.text[toks[k + 1].start : toks[stop - 1].end]
        np.end = stop + (1 if stop < n and toks[stop].text == "," else 0)

    # ---- resolution -----------------------------------------------------------------------

    def _entity_for(self, np: _NounPhrase) -> tuple[_Entity | None, bool]:
        """(entity, is_continuation) for a subject/source phrase."""
        state = self.state
        if np.kind == "pronoun":
            resolved = self._resolve_pronoun(np.gender, np.start)
            if resolved is None and np.start == self._hard_start(np.start):
                resolved = self._opening_subject_for(np.gender)
            return resolved, True
        if np.kind == "possessive":
            resolved = self._resolve_pronoun(np.gender)
            if resolved is None:
                resolved = self._opening_subject_for(np.gender)  # "nach ihren Berechnungen"
            return resolved, True
        if np.kind == "role_only" and np.head:
            keys = role_keys(np.head_word) if np.head_word else frozenset()
            keys = keys or frozenset({np.head})
            resolved = self._resolve_role(np, keys) or self._common_noun_antecedent(np)
            if resolved is not None:
                return resolved, True
            ent = _Entity(np.source, None, np.gender, True, self.index, set(keys), named=False)
            return ent, False
        if np.kind in {"unnamed"}:
            return None, False
        if np.kind == "name":
            surname = np.source.split()[-1]
            for ent in reversed(state.entities):
                if ent.surname and (ent.surname == surname or ent.source == np.source):
                    if len(np.source.split()) > len(ent.source.split()):
                        ent.source = np.source
                    if np.role and not ent.role:
                        ent.role = np.role
                    if np.gender and not ent.gender:
                        ent.gender = np.gender
                    ent.role_heads |= _role_heads(np.role)
                    return ent, False
            for ent in reversed(state.entities):
                if not ent.is_person and ent.source.split()[-1] == np.source:
                    return ent, False  # "DHA" after "die Nachrichtenagentur DHA"
            # "die Nachrichtenagentur DHA", "Zeitung Hürriyet", "APA": no person
            institution = not is_first_name(np.source.split()[0]) and (
                bool(np.role)
                and institution_head(_role_head_word(np.role))
                or np.source.isupper()
                and np.source.isalpha()
                and 2 <= len(np.source) <= 6
            )
            entity = _Entity(np.source, np.role, np.gender, not institution, self.index, _role_heads(np.role))
            return entity, False
        if np.kind == "group":
            resolved = self._common_noun_antecedent(np) or self._superlative_description_of(np)
            if resolved is not None:
                return resolved, True
        for ent in reversed(state.entities):
            if not ent.is_person and _norm_source(ent.source) == _norm_source(np.source):
                return ent, False  # the same institution named again keeps what it said and wrote
        gender = np.gender
        return _Entity(np.source, np.role, gender, False, self.index), False

    def _superlative_description_of(self, np: _NounPhrase) -> _Entity | None:
        """'…, sagte das weltweit größte Online-Social-Network' after 'Facebook will …': a
        definite description by rank ('der größte', 'der führende') names the company or
        organisation that opens the sentence (or was named last), the way wire copy does."""
        words = np.source.split()
        if not words or words[0].lower() not in {"der", "die", "das"} or np.start <= 0:
            return None
        if not any(w.lower().startswith(_RANK_ADJECTIVES) or "größte" in w.lower() for w in words[1:-1]):
            return None
        opening = self._np(self._hard_start(0))
        if opening is not None and opening.kind == "name" and opening.end <= np.start:
            head = opening.source.split()[0]
            if not is_first_name(head):
                existing = next(
                    (
                        e
                        for e in reversed(self.state.entities)
                        if _norm_source(e.source) == _norm_source(opening.source)
                    ),
                    None,
                )
                return existing or _Entity(opening.source, None, "n", False, self.index)
        for ent in reversed(self.state.entities):
            if self.index - ent.last_sentence > PRONOUN_WINDOW:
                break
            if ent.named and not ent.is_person:
                return ent
        return None

    def _common_noun_antecedent(self, np: _NounPhrase) -> _Entity | None:
        """The named source a definite common noun refers back to, or None.

        "erklärte die EU-Behörde" after "die EU-Kommission", "Der Statistik zufolge" after
        "eine Erhebung des BKA", "dem Bericht vom Donnerstag zufolge" after "nach einem Bericht
        von Spiegel online", "teilten die Menschenrechtler mit" after "die Syrische
        Beobachtungsstelle für Menschenrechte": the guideline makes these continuations that
        carry the antecedent's name. The noun must be a different description (a repeated
        "die Polizei" names its source again) and the antecedent recent and itself named.
        """
        head = _common_noun_head(np.source)
        if head is None:
            return None
        low = head.lower()
        document = _document_head(head)
        if document is not None:
            # a document stays the topic longer than a speaker does ("die Studie" ten
            # sentences after "eine Studie der OECD"); the same noun may repeat
            family = _document_family(document)
            for ent in reversed(self.state.entities):
                if self.index - ent.last_sentence > PRONOUN_WINDOW * 2:
                    break
                if not ent.named or _norm_source(ent.source) == _norm_source(np.source):
                    continue
                if ent.documents & family or (_document_head_of(ent.source) or "") in family:
                    return ent
            return None
        tail = low.rsplit("-", 1)[-1]
        for ent in reversed(self.state.entities):
            if self.index - ent.last_sentence > PRONOUN_WINDOW or ent.is_person or not ent.named:
                continue
            heads = [w.lower() for w in ent.source.split() if w[:1].isupper()]
            if heads and heads[-1] != tail and heads[-1].endswith(tail) and len(tail) >= 5:
                return ent  # "das Ministerium" after "das Bildungsministerium": the short form
        recent = [
            e
            for e in reversed(self.state.entities)
            if self.index - e.last_sentence <= PRONOUN_WINDOW
            and e.named
            # "die Polizei" again names its source again; "die Menschenrechtsorganisation
            # Cepadho" has a name after the noun, which "die Organisation" refers back to
            and not e.source.lower().rstrip(")").split()[-1].endswith(tail)
        ]
        if low.rsplit("-", 1)[-1] in lexicon.GENERIC_REFERRING_NOUNS:
            # grammatical gender need not agree ("das Unternehmen" for "die ... AG"); a
            # hyphenated prefix must ("die EU-Behörde" is an EU body)
            prefix = low.rsplit("-", 1)[0] if "-" in low else None
            wants_authority = low.rsplit("-", 1)[-1] in lexicon.AUTHORITY_REFERRING_NOUNS
            for ent in recent:
                if (
                    ent.is_person
                    or _is_document(ent.source)
                    or _is_generic_description(ent.source)
                    or _SHARE_OF_PEOPLE.search(ent.source)  # "2,2 Prozent der Befragten" is no company
                ):
                    continue
                # "die Behörde" is an authority, "die Organisation" or "die Zeitung" is not
                if wants_authority != _is_authority(ent.source):
                    continue
                if prefix is not None and prefix not in ent.source.lower():
                    continue
                return ent
            return None
        plural = (
            np.gender in {"pl", "f_or_pl"}
            or np.source.split()[0].lower() == "die"
            and role_gender(head) == "m"
        )
        if np.kind == "role_only" and plural and low.endswith(("ler", "ern", "er")):
            # "die Menschenrechtler" for an organisation whose name holds the stem
            stem = low[:-3] if low.endswith("ler") else low[:-2]
            singular = low[:-1] if low.endswith("ern") else low
            parts = lexicon.INSTITUTION_MEMBER_NOUNS.get(singular, (stem,) if len(stem) >= 6 else ())
            for ent in recent:
                if not ent.is_person and any(part in ent.source.lower() for part in parts):
                    return ent
        return None

    def _resolve_role(self, np: _NounPhrase, keys: frozenset[str]) -> _Entity | None:
        """The named person a role-noun subject refers back to, or None.

        First the most recent person whose role is the same or a synonym ("das Stadtoberhaupt"
        after "Bürgermeister Eduardo Paes"); then, for a definite role noun ("die Angeklagte",
        "der Schweizer"), the most recent person of compatible gender whose role the article
        has not given -- unless the noun usually names someone else ("der Sprecher").
        """
        persons = [
            e
            for e in reversed(self.state.entities)
            if e.is_person and e.named and _gender_compatible(np.gender, e.gender)
        ]
        family = role_family(keys)
        head_word = np.head_word or ""
        if "-" in head_word.strip("-"):
            # "der UN-Chef": the person whose role carries the same prefix ("UN-Generalsekretär")
            # before anyone else whose role is only a synonym ("Bundespräsident")
            prefix = head_word.lower().rsplit("-", 1)[0] + "-"
            for ent in persons:
                if (
                    self.index - ent.last_sentence <= PRONOUN_WINDOW * 2
                    and family & ent.role_heads
                    and (ent.role or "").lower().startswith(prefix)
                ):
                    return ent
        for ent in persons:
            if self.index - ent.last_sentence <= PRONOUN_WINDOW * 2 and family & ent.role_heads:
                return ent
        first = np.source.split(" ", 1)[0].lower()
        if first not in {"der", "die", "das"} or keys & lexicon.SEPARATE_PERSON_HEADS:
            return None
        if first == "die" and np.head_word and role_gender(np.head_word) == "m":
            return None  # "die Menschenrechtler": a plural is no single person
        # a status ("die Angeklagte") or a nationality/age ("der Schweizer") fits any role
        generic = np.head == "person" or bool(family & lexicon.STATUS_ROLE_HEADS)
        state = self.state
        for ent in persons:
            if self.index - ent.last_sentence > PRONOUN_WINDOW:
                break
            # a speaker re-identified by another description ("erklärte der SPD-Politiker"
            # after "Justizminister Heiko Maas"): the person just named or the one speaking
            # -- only for a short description ("der Jurist"), and "just named" only for a
            # politician's descriptor: "der Papst" after "Vatikansprecher Federico Lombardi"
            # is somebody else
            words = np.source.split()
            # "der Lufthansa-Manager der Zeitung": the attachment does not lengthen the description
            cut = next((x for x in range(1, len(words)) if words[x] in lexicon.DETERMINERS), len(words))
            short = cut <= 3
            descriptor = bool(family & lexicon.POLITICIAN_ROLE_HEADS)
            just_named = short and descriptor and self.index - ent.last_sentence <= 1
            speaking = (
                short
                and not ent.role_heads & lexicon.SEPARATE_PERSON_HEADS  # a spokesman is not "der Papst"
                and ent is state.last_entity
                and self.index - state.last_attributed <= CONTINUATION_WINDOW
            )
            if generic or not ent.role_heads or just_named or speaking:
                return ent
            return None  # the most recent person has another role: a different person
        return None

    def _opening_subject_for(self, gender: str | None) -> _Entity | None:
        """The previous sentence's opening noun phrase, if its gender fits the pronoun."""
        ent = self.state.opening_subject
        if ent is None or ent.last_sentence != self.index - 1 or not _gender_compatible(gender, ent.gender):
            return None
        self.state.entities.append(ent)
        return ent

    def _resolve_pronoun(self, gender: str | None, position: int | None = None) -> _Entity | None:
        recent = [e for e in reversed(self.state.entities) if self.index - e.last_sentence <= PRONOUN_WINDOW]
        if position is not None and gender in {"m", "f_or_pl"}:
            # "Eine Antwort hat Hoeneß nicht gefunden, versichert er": a person named earlier in
            # the same sentence is the nearest antecedent
            named_here = {
                self.tokens[k].text
                for k in range(position)
                if self.tokens[k].is_capitalised and k not in self.used
            }
            for e in recent:
                wanted = {"m"} if gender == "m" else {"f", "pl", "f_or_pl"}
                if e.is_person and e.surname in named_here and (e.gender in wanted or e.gender is None):
                    return e
            # "Trainer Peter Stöger zeigte sich beeindruckt, …, meinte er": a person first named in
            # this very sentence (mentions are registered only after the sentence is read)
            for k in range(position - 2, -1, -1):
                tok = self.tokens[k]
                if not (is_first_name(tok.text) and self.tokens[k + 1].is_capitalised) or k in self.used:
                    continue
                np = self._np(k)
                if np is None or np.kind != "name" or np.end > position:
                    continue
                first_gender = first_name_gender(tok.text)
                if gender == "m" and first_gender == "f" or gender == "f_or_pl" and first_gender == "m":
                    continue
                entity, _ = self._entity_for(np)
                if entity is not None:
                    if entity not in self.state.entities:
                        self.state.entities.append(entity)
                    return entity
        speaker = self.state.last_entity
        if (
            gender in {"m", "f_or_pl"}
            and speaker is not None
            and speaker.is_person
            and speaker.named
            and speaker.gender is None
            and self.index - self.state.last_attributed <= 1
            and speaker in recent[:2]
        ):
            # "sagte Igor Konaschenkow. ..., sagte er": the person just quoted, whose first
            # name the lexicon does not know, before an older speaker of known gender
            return speaker
        if gender == "m":
            for pool in (
                [e for e in recent if e.is_person and e.gender == "m"],
                [e for e in recent if e.gender == "m"],
                [e for e in recent if e.is_person and e.gender is None],
            ):
                if pool:
                    return _speaker_first(pool)
        elif gender == "f_or_pl":
            for pool in (
                [e for e in recent if e.gender in {"f", "pl", "f_or_pl"}],
                [e for e in recent if e.is_person and e.gender is None],
            ):
                if pool:
                    chosen = _speaker_first(pool)
                    if chosen.gender is None:
                        chosen.gender = "f"
                    return chosen
        elif recent:
            return recent[0]
        return None

    def _found_from_np(self, np: _NounPhrase, position: int, cue: str, channel: str | None) -> _Found | None:
        words = np.source.split()
        last = words[-1].lower() if words else ""
        if np.kind in {"name", "group"} and len(words) <= 2 and (_is_time_word(last) or last in _TIME_NOUNS):
            return None  # "Vergangene Woche hatten sich …", "von Sonntagnachmittag bis …": a time speaks not
        if np.kind == "unnamed":
            return _Found(position, np.source, None, channel, cue, "hedge_only", True, None)
        entity, continuation = self._entity_for(np)
        if continuation:
            if entity is None:
                return _Found(position, np.source, None, channel, cue, "continuation", False, None)
            named_here = self._named_before(entity, np.start) if np.kind == "pronoun" else None
            if named_here is not None:
                # "Für Tschürtz ein Ding der Unmöglichkeit, wie er am Montag versicherte": the
                # sentence itself names the person the pronoun stands for
                return _Found(position, named_here, entity.role, channel, cue, "direct", False, entity)
            return _Found(position, entity.source, entity.role, channel, cue, "continuation", False, entity)
        assert entity is not None
        role = np.role
        found = _Found(position, np.source, role, channel, cue, "direct", np.kind == "anonymous", entity)
        return found

    def _named_before(self, entity: _Entity, pronoun: int) -> str | None:
        """The entity's name as this sentence writes it, when it is the subject opening the
        sentence and the pronoun at ``pronoun`` goes on with that subject: after a colon
        ("Platter liebäugelt mit einem Verbot: ..., erklärte er") or opening the next clause
        ("Fischer findet den Streit besorgniserregend, er mahnt ..."). A name inside a
        subordinate clause or the reported content ("Als Putin an die Macht kam, nannte er";
        "Hopfner wird nicht im Wege stehen, das hat er bekräftigt") leaves the pronoun a
        continuation."""
        if not entity.is_person or not entity.surname:
            return None
        toks, lows = self.tokens, self.lows
        for m in range(min(pronoun, len(toks)) - 1, -1, -1):
            if toks[m].text != entity.surname:
                continue
            opening = self._np(self._hard_start(m))
            if opening is None or opening.kind != "name" or not opening.start <= m < opening.end:
                return None
            if self._hard_start(m) != self._hard_start(0) and lows[self._hard_start(m) - 1] != "–":
                return None  # only a dateline ("Linz –") may come before the opening subject
            between = lows[m + 1 : pronoun]
            if ";" in between:
                return None
            after_colon = ":" in between
            opens_clause = pronoun > 0 and toks[pronoun - 1].text in {",", ":"}
            if not (after_colon or opens_clause):
                return None
            return opening.source
        return None

    # ---- prepositional cues ---------------------------------------------------------------

    def _prepositional_cues(self) -> list[_Found]:
        out: list[_Found] = []
        toks, lows, n = self.tokens, self.lows, len(self.tokens)
        for i, low in enumerate(lows):
            np: _NounPhrase | None = None
            cue = ""
            if (
                low == "laut"
                and i + 2 < n
                and lows[i + 1] in _POSSESSIVES
                and lows[i + 2] in {"angaben", "aussagen", "worten", "informationen", "darstellung"}
            ):
                # "Laut seinen Angaben": the owner speaks, as "seinen Angaben zufolge"
                gender = "m" if lows[i + 1].startswith("sein") else "f_or_pl"
                np = _NounPhrase(i + 1, i + 3, toks[i + 1].text, None, "possessive", gender)
                cue = toks[i].text
            elif (
                low == "laut"
                and i + 2 < n
                and not toks[i + 1].is_capitalised
                and lows[i + 1] not in lexicon.DETERMINERS
                and _is_inflected_adjective(lows[i + 1])
                and lows[i + 1].endswith(("em", "er", "en"))
                and toks[i + 2].is_capitalised
                and toks[i + 2].is_word
            ):
                # "laut vorläufigem Endergebnis", "laut amtlichem Resultat": an article-less phrase
                end = i + 3
                np = _NounPhrase(
                    i + 1, end, self.text[toks[i + 1].start : toks[i + 2].end], None, "group", None
                )
                np = self._report_noun_source(np)
                cue = toks[i].text
            elif (
                low == "laut"
                and i + 1 < n
                and (toks[i + 1].is_capitalised or lows[i + 1] in lexicon.DETERMINERS)
            ):
                np = self._oblique_np(i + 1)
                np = self._report_noun_source(np) if np else None
                cue = toks[i].text
            elif low == "zufolge" and i > 0:
                np = self._np_ending_at(i)
                if (
                    np is not None
                    and np.start < i - 2
                    and toks[i - 2].is_capitalised
                    and i - 2 != self._hard_start(i - 2)
                    and lows[i - 2] not in _POSSESSIVES
                    and (lows[i - 1] in lexicon.UNNAMED_REPORT_HEADS or lows[i - 1].endswith("berichten"))
                ):
                    # "ermittelt die Staatsanwaltschaft Medienberichten zufolge": the subject
                    # before the report noun is not part of it
                    np = self._np(i - 1)
                unnamed = self._unnamed_reports_before(i)
                if (
                    unnamed is None
                    and i >= 3
                    and lows[i - 1] in {"denen", "dem", "der"}
                    and toks[i - 2].text == ","
                ):
                    # "machten Gerüchte die Runde, denen zufolge …": the relative pronoun stands
                    # for the report genre just before it
                    head = next(
                        (
                            m
                            for m in range(i - 3, max(-1, i - 7), -1)
                            if toks[m].is_capitalised and lows[m] in lexicon.UNNAMED_REPORT_HEADS
                        ),
                        None,
                    )
                    if head is not None:
                        unnamed = _NounPhrase(head, head + 1, toks[head].text, None, "unnamed", None)
                if unnamed is not None:
                    np = unnamed
                elif np is not None and np.start > 0 and lows[np.start - 1] in _POSSESSIVES and np.end == i:
                    # "Seinen Angaben zufolge": the owner speaks, as "nach seinen Worten"
                    owner = np.start - 1
                    gender = "m" if lows[owner].startswith("sein") else "f_or_pl"
                    np = _NounPhrase(owner, i, toks[owner].text, None, "possessive", gender)
                if np is not None and self.lows[np.start] in lexicon.DETERMINERS:
                    np.source = _nominative(np.source, self.lows[np.start])
                np = self._report_noun_source(np) if np else None
                cue = "zufolge"
            elif (
                low in _POSSESSIVES
                and i + 2 < n
                and lows[i + 1] in _OPINION_NOUNS
                and lows[i + 2] == "nach"
                and not (toks[i].is_capitalised and i != self._hard_start(i))  # formal "Ihrer": you
            ):
                # "seiner Einschätzung nach": the owner's view, a continuation of the owner
                gender = "m" if low.startswith("sein") else "f_or_pl"
                np = _NounPhrase(i, i + 1, toks[i].text, None, "possessive", gender)
                cue = f"{toks[i].text} {toks[i + 1].text} nach"
            elif (
                low == "nach"
                and i + 2 < n
                and lows[i + 1] in _POSSESSIVES
                and lows[i + 2] in _OPINION_NOUNS
                and not toks[i + 1].is_capitalised
            ):
                gender = "m" if lows[i + 1].startswith("sein") else "f_or_pl"
                np = _NounPhrase(i + 1, i + 2, toks[i + 1].text, None, "possessive", gender)
                cue = f"{toks[i].text} {toks[i + 1].text} {toks[i + 2].text}"  # "nach seinen Worten"
            elif low == "nach" and i + 1 < n:
                np, cue = self._nach_report(i)
            elif (
                low == "berufung" and i >= 1 and lows[i - 1] == "unter" and i + 2 < n and lows[i + 1] == "auf"
            ):
                np = self._oblique_np(i + 2)
                np = self._report_noun_source(np) if np else None
                cue = "unter Berufung auf"
            elif (
                low == "sicht"
                and i > 1
                and lows[i - 2] == "aus"
                and toks[i - 1].is_capitalised
                and toks[i - 1].text.endswith(("s", "'"))
                and lows[i - 1] not in lexicon.DETERMINERS
            ):
                # "aus Scheraks Sicht": a Saxon genitive names the viewer
                name = strip_genitive_s(toks[i - 1].text)
                np = _NounPhrase(i - 1, i, name, None, "name", None)
                cue = "aus Sicht"
            elif (
                low == "sicht"
                and i > 0
                and lows[i - 1] == "aus"
                and i + 1 < n
                and lows[i + 1] in {"der", "des", "von", "vom"}
            ):
                start = i + 2 if lows[i + 1] in {"von", "vom"} else i + 1
                np = self._oblique_np(start)  # "aus Sicht der Herrscher", like "nach Ansicht"
                cue = "aus Sicht"
            elif low == "so" and self._so_position(i):
                np = self._np(i + 1)
                if np and not self._np_closes_clause(np):
                    np = None
                if np is not None and self._is_report_noun_phrase(np):
                    # "..., so der Vorwurf": the report noun names no one; the report goes on
                    out.append(self._frame_continuation(i, f"{toks[i].text} {np.source}"))
                    self.used.update(range(np.start, np.end))
                    continue
                cue = toks[i].text
            if np is None:
                continue
            channel = self._channel(self._hard_start(i), self._hard_end(i), exclude=range(np.start, np.end))
            found = self._found_from_np(np, i, cue, channel)
            if found:
                self.used.update(range(np.start, np.end))
                out.append(found)
        return out

    def _viewpoint(self) -> list[_Found]:
        """'Für Fink ist dies Schnee von gestern: ...' -- a known person's view opening the
        sentence ("für X ist/sind/kommt"), like "aus Sicht von X"."""
        toks, lows, n = self.tokens, self.lows, len(self.tokens)
        if n < 4 or lows[0] != "für":
            return []
        np = self._np(1, oblique=True)
        if (
            np is None
            or np.end >= n
            or lows[np.end] not in {"ist", "sind", "war", "waren", "kommt", "bleibt"}
        ):
            return []
        known = np.kind == "name" and any(
            e.is_person and e.surname == np.source.split()[-1] for e in self.state.entities
        )
        if not known or ":" not in lows:
            return []
        colon = lows.index(":")
        after = lows[colon + 1 : min(n, colon + 6)]
        if not (set(after) & lexicon.FIRST_PERSON or colon + 1 < n and toks[colon + 1].text in {"„", '"'}):
            return []  # "Für Frenzel war es der elfte Sieg": a fact about him, not his view
        found = self._found_from_np(np, 0, toks[0].text, None)
        return [found] if found else []

    def _is_report_noun_phrase(self, np: _NounPhrase) -> bool:
        words = [w for w in np.source.split() if w[:1].isupper() and w.lower() not in lexicon.DETERMINERS]
        return len(words) == 1 and (
            words[0].lower() in lexicon.COLON_REPORT_NOUNS or words[0].lower() in {"vorwürfe", "anklage"}
        )

    def _frame_continuation(self, position: int, cue: str) -> _Found:
        """The source of the report still going on (within the window), or an unnamed hedge."""
        state = self.state
        if state.last_entity is not None and self.index - state.last_attributed <= CONTINUATION_WINDOW:
            ent = self._speaker_behind(state.last_entity)
            return _Found(
                position, ent.source, ent.role, None, cue, "continuation", True, ent, has_own_cue=False
            )
        return _Found(position, "", None, None, cue, "hedge_only", True, None)

    def _so_position(self, i: int) -> bool:
        """'..., so die Ministerin.' -- 'so' right after a comma/dash or opening the sentence."""
        if i == 0:
            return self.tokens[0].text == "So"
        return self.tokens[i - 1].text in {",", "–", "—", "(", "-", "“"}

    def _np_closes_clause(self, np: _NounPhrase) -> bool:
        k = np.end
        n = len(self.tokens)
        while (
            k < n
            and self.tokens[k].is_word
            and (self.lows[k] in lexicon.SKIPPABLE_AFTER_VERB or self.lows[k] == "weiter")
        ):
            k += 1
        if k < n and self.lows[k] in {"am", "im", "in", "gegenüber", "bei", "auf"}:
            k = self._clause_end(k)
        return k >= n or self.tokens[k].text in {".", ",", ")", "!", "?", ";", "–", "—", ":"}

    def _oblique_np(self, j: int) -> _NounPhrase | None:
        """A dative/genitive phrase after a preposition, its determiner put in the nominative."""
        np = self._np(j, oblique=True)
        if np is not None and j < len(self.lows) and self.lows[j] in lexicon.DETERMINERS:
            np.source = _nominative(np.source, self.lows[j])
        return np

    def _unnamed_reports_before(self, i: int) -> _NounPhrase | None:
        """'griechischen Medienberichten zufolge', 'Berichten zufolge': a report genre with only
        adjectives before it (no determiner, no originator) names no source."""
        toks, lows = self.tokens, self.lows
        head = i - 1
        if not (lows[head] in lexicon.UNNAMED_REPORT_HEADS or lows[head].endswith("berichten")):
            return None
        k = head
        while (
            k > 0
            and toks[k - 1].is_word
            and _is_inflected_adjective(lows[k - 1])
            and not _could_be_verb(lows[k - 1], lemma(lows[k - 1]))  # not "betonte"
        ):
            if toks[k - 1].is_capitalised and k - 1 != self._hard_start(k - 1):
                break  # a capitalised word mid-sentence is a noun, not an adjective
            if lows[k - 1] in lexicon.DETERMINERS:
                return None  # "den jüngsten Berichten zufolge": definite, refers back
            k -= 1
        if any(
            lows[m] in lexicon.DETERMINERS
            or lows[m] in _POSSESSIVES
            or toks[m].text.endswith("s")
            and toks[m].is_capitalised
            for m in range(max(0, head - 3), head)
        ):
            return None  # "den jüngsten Berichten", "seinen Angaben", "Merkels Angaben": owned
        source = self.text[toks[k].start : toks[head].end]
        return _NounPhrase(k, i, source, None, "unnamed", None)

    def _np_ending_at(self, i: int) -> _NounPhrase | None:
        """The longest noun phrase that ends right before token i ("Angaben der Polizei zufolge")."""
        lo = max(self._hard_start(i), i - 8)
        for s in range(lo, i):
            if (
                s > 0
                and self.tokens[s - 1].is_word
                and self.lows[s - 1] in {"der", "die", "das", "den", "dem", "des"}
            ):
                continue
            np = self._np(s, oblique=True)
            if np and np.end == i:
                return np
        return None

    def _report_noun_source(self, np: _NounPhrase) -> _NounPhrase | None:
        """'Angaben der Polizei' -> 'die Polizei'; a bare report genre stays 'unnamed'."""
        words = np.source.split()
        if len(words) == 1 and np.kind not in {"pronoun", "possessive"}:
            owner = _report_compound_owner(words[0])
            if owner:
                return _NounPhrase(np.start, np.end, owner, None, "group", None)
        low_words = [w.lower() for w in words]
        head_index = next((x for x, w in enumerate(low_words) if w in lexicon.REPORT_NOUNS), None)
        if head_index is None:
            return np
        owner = words[head_index - 1] if head_index >= 1 else ""
        if (
            head_index == len(words) - 1
            and owner[:1].isupper()
            and owner.endswith(("s", "'", "’"))
            and owner.lower() not in lexicon.DETERMINERS
            and not owner.lower().endswith(lexicon.DOCUMENT_HEADS)
        ):
            # a Saxon genitive names the originator: "in Zschäpes Erklärung" -> Zschäpe
            name = strip_genitive_s(owner.rstrip("’"))
            return _NounPhrase(np.start, np.end, name, None, "name", None)
        rest = words[head_index + 1 :]
        if (
            not rest
            and np.end < len(self.tokens)
            and self.lows[np.end] in {"des", "der", "von", "vom", "aus"}
        ):
            start = np.end + 1 if self.lows[np.end] in {"von", "aus"} else np.end
            inner = self._np(start, oblique=True)
            if inner is not None:
                if self.lows[start] in lexicon.DETERMINERS:
                    inner.source = _nominative(inner.source, self.lows[start])
                inner.start = np.start
                return inner
        if not rest:
            definite = low_words[0] in {
                "der",
                "die",
                "das",
                "den",
                "dem",
                "des",
                "diesen",
                "dessen",
                "deren",
                "seinen",
                "ihren",
                "diese",
                "dieser",
                "diesem",
            }
            if definite and low_words[-1] in {
                "angaben",
                "informationen",
                "aussagen",
                "darstellung",
                "worten",
            }:
                return _NounPhrase(np.start, np.end, np.source, None, "pronoun", None)
            if definite:
                return np
            if any(
                w in lexicon.UNNAMED_REPORT_HEADS or w.endswith(("berichten", "berichte")) for w in low_words
            ):
                return _NounPhrase(np.start, np.end, np.source, None, "unnamed", None)
            return np
        # re-parse the attachment as its own phrase to get name/role/gender right
        start_tok = next((t for t in range(np.start, np.end) if self.tokens[t].text == rest[0]), None)
        if start_tok is None:
            return np
        if start_tok > 0 and self.lows[start_tok - 1] in {"des", "der", "dem", "den"}:
            start_tok -= 1
        inner = self._np(start_tok, oblique=True)
        if inner is None:
            return np
        inner.source = _nominative(
            inner.source, self.lows[start_tok] if self.lows[start_tok] in lexicon.DETERMINERS else None
        )
        inner.start = np.start
        return inner

    def _nach_report(self, i: int) -> tuple[_NounPhrase | None, str]:
        toks, lows, n = self.tokens, self.lows, len(self.tokens)
        k = i + 1
        genitive_name: int | None = None
        own = False
        while k < n and k <= i + 4:
            if lows[k] in lexicon.REPORT_NOUNS and toks[k].is_capitalised:
                break
            owner = _report_compound_owner(toks[k].text) if toks[k].is_capitalised else None
            if owner:
                return _NounPhrase(k, k + 1, owner, None, "group", None), "nach " + toks[k].text
            if lows[k] in {"eigenen", "eigener"}:
                own = True
            if toks[k].is_capitalised and (
                lows[k] in lexicon.UNNAMED_REPORT_HEADS
                or lows[k].endswith(("medienberichten", "medienberichte"))
            ):
                # "nach (nicht bestätigten) Medienberichten": a report genre, no originator
                return _NounPhrase(k, k + 1, toks[k].text, None, "unnamed", None), "nach " + toks[k].text
            if toks[k].is_capitalised and lows[k] not in lexicon.REPORT_NOUNS:
                if toks[k].text.endswith("s") and k + 1 < n and lows[k + 1] in lexicon.REPORT_NOUNS:
                    genitive_name = k
                else:
                    return None, ""
            k += 1
        else:
            return None, ""
        if k >= n or lows[k] not in lexicon.REPORT_NOUNS:
            return None, ""
        cue = "nach " + toks[k].text
        if genitive_name is not None:
            name = strip_genitive_s(toks[genitive_name].text)
            return _NounPhrase(genitive_name, genitive_name + 1, name, None, "name", None), "nach " + toks[
                k
            ].text
        m = k + 1
        if (
            m + 1 < n
            and toks[m].is_word
            and not toks[m].is_capitalised
            and lows[m].endswith("er")  # strong genitive plural: "griechischer", "örtlicher"
            and _is_inflected_adjective(lows[m])
            and not _could_be_verb(lows[m], lemma(lows[m]))
            and not own
            and toks[m + 1].is_capitalised
        ):
            # "nach Berichten griechischer Medien": a genitive plural without article
            head = lows[m + 1]
            kind = "anonymous" if head.endswith(lexicon.ANONYMOUS_SOURCE_HEADS) else "group"
            return _NounPhrase(m, m + 2, f"{toks[m].text} {toks[m + 1].text}", None, kind, "pl"), cue
        if m < n and lows[m] in {"von", "vom", "aus", "des", "der", "eines", "einer", "mehrerer", "seitens"}:
            start = m + 1 if lows[m] in {"von", "aus", "seitens"} else m
            inner = self._np(start, oblique=True)
            if inner is not None:
                if lows[start] in lexicon.DETERMINERS:
                    inner.source = _nominative(inner.source, lows[start])
                return inner, cue
        if own:
            subject = self._clause_subject(i)
            if subject is not None:
                return subject, cue
            return _NounPhrase(i, k + 1, "er", None, "pronoun", None), cue
        if lows[k] in {"informationen", "berechnungen", "schätzungen", "kalkulation"} and not any(
            lows[x] in lexicon.DETERMINERS or lows[x] in _POSSESSIVES for x in range(i + 1, k)
        ):
            # "Nach ersten Informationen", "Nach Schätzungen": a report genre without its originator
            return _NounPhrase(
                i + 1, k + 1, self.text[toks[i + 1].start : toks[k].end], None, "unnamed", None
            ), cue
        return None, ""

    def _clause_subject(self, i: int) -> _NounPhrase | None:
        """The noun phrase opening the sentence, when it is a subject (for 'nach eigenen Angaben')."""
        lows, n = self.lows, len(self.tokens)
        start = self._hard_start(i)
        np = self._np(start)
        if np and np.kind in {"name", "role_only", "group"} and np.end <= i and not _AMOUNT.search(np.source):
            return np
        if (
            np is not None
            and np.end < i
            and (lows[np.end] in lexicon.AUXILIARIES or _could_be_verb(lows[np.end], lemma(lows[np.end])))
        ):
            # "Zwei Millionen Euro hat die FPÖ nach eigenen Angaben …": an amount fills the
            # position before the verb; the subject follows it
            after = self._np(np.end + 1) if np.end + 1 < n else None
            if after is not None and after.kind in {"name", "role_only", "group"} and after.end <= i:
                return after
        return None

    # ---- colon report nouns ---------------------------------------------------------------

    def _colon_report_noun(self) -> list[_Found]:
        """'Der Vorwurf Sardanas: ...', 'Die Reaktion der Flughafen Wien AG: ...'."""
        toks, lows = self.tokens, self.lows
        if ":" not in lows:
            return []
        colon = lows.index(":")
        if colon > 8 or colon < 1:
            return []
        k = 0
        if lows[0] in lexicon.DETERMINERS:
            k = 1
        if (
            k == 0
            and colon == 2
            and toks[0].is_capitalised
            and lows[0] not in lexicon.SENTENCE_ADVERBS
            and lows[1] in lexicon.COLON_REPORT_NOUNS
        ):
            # "Varoufakis Antwort: ...", "Merkels Fazit: ...": a possessor's report
            np = _NounPhrase(0, 1, strip_genitive_s(toks[0].text), None, "name", None)
            found = self._found_from_np(np, 0, f"{toks[1].text}:", None)
            return [found] if found else []
        if (
            k == 1
            and colon == 3
            and not toks[1].is_capitalised
            and _is_inflected_adjective(lows[1])
            and lows[2] in {"fassung", "variante", "version", "lesart", "darstellung", "sichtweise"}
        ):
            # "Die rote Fassung: ...", "Die offizielle Version: ...": a version with no originator
            source = self.text[toks[0].start : toks[2].end]
            version = _Entity(_lower_determiner(source), None, None, False, self.index)
            return [_Found(0, source, None, None, f"{toks[2].text}:", "direct", True, version)]
        if lows[k] not in lexicon.COLON_REPORT_NOUNS:
            return self._speaker_colon(colon)
        if k == 1 and lows[0] in _POSSESSIVES and k + 1 == colon:
            # "Seine Argumentation: ...": the possessor's report
            owner = self._resolve_pronoun("m" if lows[0].startswith("sein") else "f_or_pl")
            if owner is None:
                return []
            return [
                _Found(0, owner.source, owner.role, None, f"{toks[k].text}:", "continuation", False, owner)
            ]
        rest = k + 1
        if rest == colon and k == 0 and colon == 1:
            # "Begründung: ...": the report noun alone goes on with the report in progress
            state = self.state
            if state.last_entity is not None and self.index - state.last_attributed <= 2:
                return [self._frame_continuation(0, f"{toks[0].text}:")]
            return []
        if rest >= colon:
            return []
        if lows[rest] in {"der", "des"}:
            np = self._np(rest, oblique=True)
            if np is None or np.end != colon:
                return []
            np.source = _nominative(np.source, lows[rest])
        elif lows[rest] in {"für", "von", "vom"} and rest + 1 < colon:
            # "Die Conclusio für den AKNÖ-Präsidenten Markus Wieser: ..."
            np = self._np(rest + 1, oblique=True)
            if np is None or np.end != colon or np.kind not in {"name", "role_only", "group"}:
                return []
            if lows[rest + 1] in lexicon.DETERMINERS:
                np.source = _nominative(np.source, lows[rest + 1])
        elif rest + 1 == colon and toks[rest].is_capitalised:
            np = _NounPhrase(rest, colon, strip_genitive_s(toks[rest].text), None, "name", None)
        else:
            return []
        found = self._found_from_np(np, 0, toks[k].text, None)
        return [found] if found else []

    def _speaker_colon(self, colon: int) -> list[_Found]:
        """'Justizminister Heiko Maas: „Wir dürfen nicht ...“' -- a person, a colon, then a quote
        or first-person speech: the colon is the speech tag (headlines, leads, interviews)."""
        toks, lows, n = self.tokens, self.lows, len(self.tokens)
        if _is_number(toks[colon - 1].text) or colon + 1 < n and _is_number(toks[colon + 1].text):
            return []  # "Lukas Klapfer 1:56,6": a time, not a speech tag
        start = 1 if lows[0] in {"dazu", "darauf", "daraufhin", "dagegen", "und", "auch"} else 0
        np = self._np(start)
        if np is None or np.kind not in {"name", "role_only"}:
            return []
        between = lows[np.end : colon]
        if between and not (
            # "Teamkollege Alexander Grünwald nüchtern: …", "Fink zur Meisterfrage: „…“"
            len(between) == 1
            and not toks[np.end].is_capitalised
            or between[0] in {"zur", "zum", "zu", "über"}
            and len(between) <= 3
        ):
            return []
        after = lows[colon + 1 : min(n, colon + 9)]
        quoted = colon + 1 < n and toks[colon + 1].text in {"„", '"', "»"}
        known = np.kind == "name" and any(
            e.surname == np.source.split()[-1] for e in self.state.entities if e.is_person
        )  # "Anderl: Die Aufforderung ...": an interview answer by a person already named
        if not quoted and not known and not set(after) & lexicon.FIRST_PERSON and np.kind != "role_only":
            return []
        found = self._found_from_np(np, 0, ":", None)
        if found is not None and np.kind == "role_only" and not quoted and found.kind != "continuation":
            return []  # "Dazu der Kommissar: ..." only for a role that names a person already named
        if found:
            self.used.update(range(np.start, np.end))
        return [found] if found else []

    def _subject_before_quote(self) -> list[_Found]:
        """'Merkel, die darauf bestand, hatte sich danach zufrieden gezeigt: „Es wird nichts
        geschlossen.“', '... will Leitl so nicht stehen lassen: Wir schauen immer ...': a clause
        about a person, then a colon and a quote or first-person speech -- the person speaks,
        whatever verb the clause used.

        Only when nothing else in the sentence attributes it, and only for a name or a pronoun
        that opens the clause or a name right after its finite verb.
        """
        toks, lows, n = self.tokens, self.lows, len(self.tokens)
        if ":" not in lows:
            return []
        colon = lows.index(":")
        if colon < 2 or colon + 1 >= n or _is_number(toks[colon - 1].text):
            return []
        quoted = toks[colon + 1].text in {"„", '"', "»"}
        first_person = bool(set(lows[colon + 1 : colon + 9]) & lexicon.FIRST_PERSON)
        # "zeigten sich X und Y fassungslos: Bei einer Ersatzrate ... kann man nicht ...": a
        # reaction of the person, then what they said (copy without quotation marks)
        reaction = colon + 4 < n and any(w == "sich" or lemma(w) == "zeigen" for w in lows[:colon])
        if not quoted and not first_person and not reaction:
            return []
        if any(lows[m] in {"„", "“", '"'} for m in range(colon)):
            return []  # a quote before the colon belongs to what precedes it
        start = 0
        while start < colon and lows[start] in _FOCUS_PARTICLES | {"dazu", "danach", "und"}:
            start += 1
        np = self._np(start)
        if np is None or np.kind not in {"name", "pronoun"} or np.end > colon:
            np = None
            for j in range(start + 1, colon):
                prev = toks[j - 1]
                if not (toks[j].is_capitalised and prev.is_word and not prev.is_capitalised):
                    continue
                if lows[j - 1] in _PREPOSITIONS or lows[j - 1] in lexicon.DETERMINERS:
                    continue
                if not (
                    lows[j - 1] in lexicon.AUXILIARIES
                    or lows[j - 1] in _MODALS
                    or lows[j - 1] == "sich"  # "zeigten sich Sprecherin X und Y"
                    or _could_be_verb(lows[j - 1], lemma(lows[j - 1]))
                ):
                    continue
                candidate = self._np(j)
                if candidate is not None and candidate.kind == "name" and candidate.end <= colon:
                    np = candidate
                break
        if np is None:
            return []
        if (
            np.kind == "name"
            and not any(
                e.is_person and (e.surname == np.source.split()[-1] or e.source == np.source)
                for e in self.state.entities
            )
            and not is_first_name(np.source.split()[0])
        ):
            return []  # only a person: "Die Regel ist klar: ..." is no speaker
        found = self._found_from_np(np, np.start, ":", None)
        return [found] if found else []

    def _nominal_cues(self) -> list[_Found]:
        """Reports carried by a noun: 'In X war von ... die Rede', '..., lautet die Logik des
        Ministeriums', 'X ist überzeugt, dass ...'."""
        toks, lows, n = self.tokens, self.lows, len(self.tokens)
        out: list[_Found] = []
        for i, low in enumerate(lows):
            if i in self.used:
                continue
            if low == "rede" and i > 0 and lows[i - 1] == "die" and toks[i].is_capitalised:
                start, end = self._clause_start(i), self._clause_end(i)
                clause = lows[start:end]
                if not ({"von", "vom", "davon"} & set(clause)) or not (
                    {"war", "ist", "sei", "wäre", "waren", "sind"} & set(clause)
                ):
                    continue
                for k in range(start, i):
                    if lows[k] in {"in", "bei", "aus", "seitens"} and k + 1 < n:
                        m = k + 1
                        while (
                            m < min(i, k + 4)
                            and toks[m].is_word
                            and not toks[m].is_capitalised
                            and (lows[m] not in lexicon.DETERMINERS and lows[m] not in _PREPOSITIONS)
                        ):
                            m += 1  # "in ägyptischen Justizkreisen"
                        np = self._np(m, oblique=True)
                        if np is not None and m > k + 1:
                            np.source = self.text[toks[k + 1].start : toks[np.end - 1].end]
                            np.start = k + 1
                        if np is None or np.kind == "pronoun":
                            continue
                        if lows[k + 1] in lexicon.DETERMINERS:
                            np.source = _nominative(np.source, lows[k + 1])
                        found = self._found_from_np(np, k, "war die Rede", None)
                        if found:
                            self.used.update(range(np.start, np.end))
                            out.append(found)
                        break
            elif lemma(low) == "lauten" and low[:1].islower():
                k = i + 1
                if k < n and lows[k] in {"der", "die", "das"}:
                    k += 1
                while k < n and toks[k].is_word and not toks[k].is_capitalised:
                    k += 1
                if k >= n or lows[k] not in lexicon.LAUTEN_REPORT_NOUNS:
                    continue
                m = k + 1
                if m < n and lows[m] in {"des", "der", "von", "vom"}:
                    start = m + 1 if lows[m] in {"von", "vom"} else m
                    np = self._oblique_np(start)
                    if np is not None and np.kind not in {"pronoun", "possessive"}:
                        found = self._found_from_np(np, i, f"{toks[i].text} {toks[k].text}", None)
                        if found:
                            self.used.update(range(np.start, np.end))
                            out.append(found)
            elif low == "überzeugt" and self._has_complement(i):
                start = self._clause_start(i)
                copula = next(
                    (
                        k
                        for k in range(i - 1, start - 1, -1)
                        if lows[k] in {"ist", "sind", "sei", "seien", "war", "waren", "zeigte", "zeigten"}
                    ),
                    None,
                )
                if copula is None or lows[copula].startswith("zeig"):
                    continue  # "zeigte sich überzeugt" is a verb cue already
                subject = self._subject(copula)
                if subject is None or subject.kind in {"group"} and lows[subject.start] in {"es", "das"}:
                    continue
                found = self._found_from_np(
                    subject, min(subject.start, copula), f"{toks[copula].text} überzeugt", None
                )
                if found:
                    found.reported_verb = is_konjunktiv_i(lows[copula])
                    self.used.update(range(subject.start, subject.end))
                    out.append(found)
        return out

    def _headline_source(self) -> list[_Found]:
        """'Bitkom: Interesse groß' -- a source and a colon opening the article's first line."""
        if self.index != 0 or ":" not in self.lows[:4]:
            return []
        colon = self.lows.index(":")
        np = self._np(0)
        if np is None or np.end != colon or np.kind not in {"name", "group", "anonymous", "role_only"}:
            return []
        if self.lows[0] in lexicon.COLON_REPORT_NOUNS or self.lows[0] in lexicon.REPORT_NOUNS:
            return []
        found = self._found_from_np(np, 0, ":", None)
        return [found] if found else []

    # ---- verb cues ------------------------------------------------------------------------

    def _verb_cues(self) -> list[_Found]:
        out: list[_Found] = []
        toks, lows, _n = self.tokens, self.lows, len(self.tokens)
        if (
            _n > 2
            and toks[-1].text == "?"
            and (lows[0] in lexicon.AUXILIARIES or lows[0] in _MODALS)
            and not any(t.text in {"„", "“", '"'} for t in toks)
        ):
            return out  # "Hat X vor Neymar gewarnt?": a question asks whether anyone said it
        for i, tok in enumerate(toks):
            if not tok.is_word or i in self.used:
                continue
            if tok.is_capitalised and i != self._hard_start(i):
                continue
            low = lows[i]
            base = lemma(low)
            if low == "meinen" and i + 1 < len(toks) and toks[i + 1].is_capitalised:
                continue  # "bei meinen Videos": the possessive, not the verb
            if (
                base in lexicon.IMPERSONAL_REPORT_VERBS
                or base == "verlauten"
                and not any(
                    w in {"lässt", "ließ", "ließen", "lassen"} for w in lows[self._clause_start(i) : i]
                )
            ):
                found = self._impersonal(i)
                if found:
                    out.append(found)
                continue
            verb, particle_index = self._reporting_verb(i, base)
            if verb is None:
                continue
            cue = tok.text if particle_index is None else f"{tok.text} {toks[particle_index].text}"
            found = self._verb_attribution(i, verb, cue)
            if found:
                out.append(found)
        return out

    def _reporting_verb(self, i: int, base: str) -> tuple[str | None, int | None]:
        lows = self.lows
        low = lows[i]
        end = self._clause_end(i)
        tail = tuple(lows[max(i + 1, end - 3) : end])
        for (stem, words), verb in _FIXED_EXPRESSIONS.items():
            if base == stem and tail[-len(words) :] == words:
                return verb, end - 1
            if (
                base == stem
                and i >= len(words)
                and tuple(lows[i - len(words) : i]) == words
                and _is_participle_form(low, base)
                and verb in _SAYING_EXPRESSIONS
            ):
                return verb, None  # "hat auf Lücken aufmerksam gemacht": the participle at the end
        if base == "machen" and i > 0 and lows[i - 1] == "öffentlich":
            return "öffentlichmachen", None
        particle_index = None
        if (
            end - 1 > i
            and lows[end - 1] in lexicon.SEPARABLE_PARTICLES
            and not _is_participle_form(low, base)
            and not (end < len(lows) and self.tokens[end].text in {"„", '"'})  # "sieht ein „..."
        ):
            particle_index = end - 1
        if particle_index is not None:
            particle = lows[particle_index]
            compound = particle + base
            if particle == "aus" and base == "gehen" and "davon" in lows[i:end]:
                compound = "ausgehen"
            if particle == "hervor" and base == "gehen":
                return "hervorgehen", particle_index
            if compound in lexicon.NON_REPORTING_SEPARABLE:
                return None, None
            if compound == "ansehen" and "als" in lows[i:end]:
                return compound, particle_index  # "sah die Rückzahlung als gefährdet an": a stance
            if compound in lexicon.SPEECH_VERBS or compound in lexicon.BELIEF_VERBS:
                needs_content = (
                    compound in lexicon.BELIEF_VERBS
                    and compound not in lexicon.SPEECH_VERBS
                    and compound not in lexicon.ESTIMATE_VERBS
                    or compound in lexicon.CONTENT_REQUIRING_VERBS
                )
                if needs_content and compound in _NEW_CONTENT_VERBS and not self._has_complement(i):
                    return None, None  # "lehnte den Vorschlag ab": a decision, not a report
                return compound, particle_index
            if base in lexicon.SPEECH_VERBS and particle in {"aus"} and base == "sprechen":
                return "aussprechen", particle_index
            if _could_be_verb(low, base) and self._argument_phrase(i, end):
                return compound, particle_index  # "lehnte mit dem Argument ab, dass ..."
            if self._is_inquit(i, base):
                return compound, particle_index
            return None, None
        if (
            base == "halten"
            and "für" in lows[i:end]
            and not ({"an", "fest", "ab", "auf", "ein"} & set(lows[i:end]))
        ):
            return "halten für", None  # "hält die Entscheidung für richtig": a stance
        if low == base and base in {"vorstellen", "wissen"}:
            clause = lows[self._clause_start(i) : end]
            if (
                base == "vorstellen"
                and "sich" in clause
                and set(clause) & _ABILITY_MODALS | {"könnte", "könnten"}
            ):
                if self._has_complement(i):
                    return "sich vorstellen können", None  # "kann sich vorstellen, ... zu setzen"
            if base == "wissen" and set(clause) & {"wollen", "will", "wollte", "wollten"}:
                question_before = lows[0] in _QUESTION_WORDS and self._clause_start(i) > 0
                question_after = (
                    end + 1 < len(lows) and self.tokens[end].text == "," and lows[end + 1] in _QUESTION_WORDS
                )
                if question_before or question_after:
                    return "wissen wollen", None  # "Warum ..., wollen die Polizisten wissen": a question
        if base not in lexicon.SPEECH_VERBS and base not in lexicon.BELIEF_VERBS and base != "zeigen":
            if low != base and _could_be_verb(low, base) and self._argument_phrase(i, end):
                return base, None  # "verweigerte die Aussage mit der Begründung, dass ..."
            if self._is_inquit(i, base):
                return base, None  # "Wir können ..., spielte X den Ball zurück": an inquit
            return None, None
        if base == "ergeben" and (
            "sinn" in lows[i:end]
            or "sich" in lows[i : i + 2]
            or not ("dass" in lows[i:] or ":" in lows[i:] or i == 1 and lows[0] == "das")
        ):
            return None, None  # "ergebe keinen Sinn", "ergab sich", "ergibt eine Kolonne": no finding
        if base == "informieren" and "sich" in lows[self._clause_start(i) : end]:
            return None, None  # "habe sich informiert": informed itself, reported nothing
        if base in {"nennen", "finden"} and i + 1 < len(lows) and lows[i + 1] == "sich":
            return None, None  # "nennt sich X" names, "findet sich" locates: no report
        if low == base:
            # infinitive (after a modal or "zu") or 3rd person plural present
            start = self._clause_start(i)
            if i > 0 and lows[i - 1] == "zu":
                return None, None
            if any(w in _MODALS for w in lows[start:i]):
                if not any(
                    w in {"lässt", "ließ", "ließen"} and base in {"verlauten", "wissen"}
                    for w in lows[start:i]
                ) and not (
                    # "Ob ..., konnte Katzian nicht bestätigen": an answer with content
                    any(w in _ABILITY_MODALS for w in lows[start:i])
                    and base in lexicon.SPEECH_VERBS
                    and self._has_complement(i)
                ):
                    return None, None
        if base == "sprechen" and not ({"von", "vom", "davon"} & set(lows[i:end])):
            return None, None
        if base == "zeigen":
            if i + 1 < len(lows) and lows[i + 1] == "sich":
                if not set(lows[i:end]) & lexicon.STANCE_ADJECTIVES:
                    return None, None
                return "zeigen", None
            start = self._clause_start(i)
            if lows[start] == "wie" and end == i + 1 or "dass" in lows[i:end] or self._has_complement(i):
                return "zeigen_befund", None  # "wie eine Studie zeigt": only a document shows
            return None, None
        if base == "melden" and i + 1 < len(lows) and lows[i + 1] == "sich":
            return None, None
        if base == "erklären" and "für" in lows[i:end] and not self._has_complement(i):
            return None, None
        if base == "sehen" and "als" in lows[i:end] and not _is_participle_form(low, base):
            return base, None  # "sieht dieses Projekt als Erweiterung": a characterisation
        if base == "sehen" and self._assessment_object(i, end):
            return base, None  # "Die Gewerkschaft sieht Handlungsbedarf"
        if base == "sehen" and lows[end - 1] in lexicon.STANCE_PREDICATES_OF_SEHEN and end - 1 > i:
            return base, None  # "Selbstbewaffnung sieht Golob kritisch": a stance
        if base in lexicon.CONTENT_REQUIRING_VERBS and not self._has_complement(i):
            # "kritisierte die Entscheidung", "hielt an den Entwürfen fest", "bestätigte das
            # Urteil": a stance or an act with no reported content; "bestätigte Berichte,
            # wonach ..." has one
            clause = lows[self._clause_start(i) : end]
            if not (
                base == "bestätigen"
                and set(clause) & lexicon.CONFIRMABLE_REPORT_NOUNS
                or base == "schreiben"
                and "von" in clause  # "schreiben die Verfasser von schwerwiegenden Risiken"
                or clause[0] in {"was", "wie"}  # "..., was selbst der Rechnungshof bestätigt hat"
                or i == 1
                and lows[0] in {"das", "dies"}  # "Das bestätigte Clubmanager X": the last sentence
                or lows[0] == "dass"
                and self._clause_start(i) > 0  # "Dass ..., hatte auch der Europarat verurteilt"
                or base in {"verurteilen", "kritisieren", "loben"}
                and "als" in clause  # "verurteilte die Angriffe als Verstöße": a characterisation
            ):
                return None, None
        if base in lexicon.BELIEF_VERBS and base not in lexicon.SPEECH_VERBS and not self._has_complement(i):
            if not (
                base in lexicon.ESTIMATE_VERBS and {"auf", "mit"} & set(lows[self._clause_start(i) : end])
            ):
                return None, None
        return base, None

    def _is_inquit(self, i: int, base: str) -> bool:
        """An inverted speech tag with a verb the lexicon does not list.

        "Wir können uns gerne ... auferlegen, spielte Präsident X den Ball zurück." -- a main
        clause that reads as speech (a quote, first or second person, Konjunktiv I), then after
        the comma a finite verb whose subject is a person named right after it, and nothing but
        the verb's own short tail to the end of the sentence. The verb word itself varies without
        end (zurückspielen, entgegenhalten, nachlegen), the word order does not.
        """
        toks, lows, n = self.tokens, self.lows, len(self.tokens)
        low = lows[i]
        # "..., ist er optimistisch": a copula with a stance adjective tags speech as well
        stance_copula = low in {"ist", "war", "gibt", "gab"} and bool(
            set(lows[i + 1 : min(n, i + 6)]) & lexicon.STANCE_ADJECTIVES
        )
        if (
            i < 3
            or toks[i - 1].text not in {",", "“", '"'}
            or low == base
            or _is_participle_form(low, base)
            or not (_could_be_verb(low, base) or stance_copula)
            or (low in lexicon.AUXILIARIES or low in _MODALS)
            and not stance_copula
        ):
            return False
        comma = i - 1 if toks[i - 1].text == "," else i
        if self._hard_start(i) != 0 or lows[0] in _SUBORDINATORS or lows[0] in _SUBJECT_INTRODUCERS:
            return False  # the content must be the sentence's own main clause
        content = lows[:comma]
        if sum(1 for t in toks[:comma] if t.is_word) < 3:
            return False
        if lows[self._clause_start(comma - 1)] in _QUESTION_WORDS:
            return False  # "Auf Anfragen, ob ..., reagierte er": the verb answers the clause
        speech_like = (
            any(t.text in {"„", "“", '"'} for t in toks[:comma])
            or set(content) & (lexicon.FIRST_PERSON | {"du", "dich", "dir", "euch"})
            or any(is_konjunktiv_i(w) for w in content)
        )
        if not speech_like:
            return False
        subject = self._np(i + 1)
        if subject is None or subject.start != i + 1 or subject.kind not in {"name", "pronoun", "role_only"}:
            return False
        tail = toks[subject.end : n]
        if any(lows[k] in _NEGATIONS for k in range(subject.end, n)):
            return False  # "..., beantwortete der Sprecher nicht": no answer, no report
        return len(tail) <= 12 and not any(t.text in {",", ";", ":"} for t in tail)

    def _assessment_object(self, i: int, end: int) -> bool:
        """'sieht Handlungsbedarf / gute Chancen / ein „offenes Klima“': an assessment."""
        toks, lows = self.tokens, self.lows
        if i + 1 < len(lows) and lows[i + 1] in {"sich", "man"}:
            return False
        for k in range(i + 1, end):
            if toks[k].is_capitalised and lows[k].endswith(lexicon.ASSESSMENT_OBJECTS):
                return True
        return end < len(toks) and toks[end].text in {"„", '"'}  # a quoted assessment

    def _argument_phrase(self, i: int, end: int) -> bool:
        """'mit dem Argument / mit der Begründung' in the verb's clause, followed by its content."""
        lows = self.lows
        for k in range(self._clause_start(i), end - 2):
            if lows[k] == "mit" and lows[k + 1] in {"dem", "der"} and lows[k + 2] in lexicon.ARGUMENT_NOUNS:
                return end < len(lows) and self.tokens[end].text in {",", ":"}
        return False

    def _has_complement(self, i: int) -> bool:
        """A clause, a colon or a Konjunktiv follows the verb's clause -- or it closes a report."""
        toks, lows, n = self.tokens, self.lows, len(self.tokens)
        end = self._clause_end(i)
        if "dass" in lows[i:end]:
            return True
        if end < n and toks[end].text == ":":
            return True
        if end < n and toks[end].text == ",":
            nxt = lows[end + 1 : end + 2]
            if nxt and nxt[0] in {"dass", "ob", "wie", "was", "wer", "wann", "wo", "warum", "wonach"}:
                return True
            seg_end = self._clause_end(end + 1) if end + 1 < n else n
            if (
                any(is_konjunktiv_i(w) for w in lows[end + 1 : seg_end])
                or "zu" in lows[end + 1 : seg_end]
                or any(_ZU_INFINITIVE.match(w) for w in lows[end + 1 : seg_end])  # "anzugreifen"
            ):
                return True
        start = self._clause_start(i)
        if start > 0 and toks[start - 1].text in {",", "“", '"'} and start == i:
            return True  # "..., glaubt der Experte."
        return bool("rechnen" == lemma(lows[i]) and {"damit", "mit"} & set(lows[start:end]))

    def _verb_attribution(self, i: int, verb: str, cue: str) -> _Found | None:
        toks, lows, n = self.tokens, self.lows, len(self.tokens)
        anchor = i
        start = self._clause_start(i)
        if start >= 2 and toks[start - 1].text in {"–", "—"}:
            # "hatten Medien – darunter der ORF – über ... berichtet": skip the parenthesis
            opening = next(
                (m for m in range(start - 2, -1, -1) if toks[m].text == toks[start - 1].text), None
            )
            if opening is not None and opening > 0:
                start = self._clause_start(opening - 1)
        base = lemma(lows[i])
        aux_before = next((k for k in range(i - 1, start - 1, -1) if lows[k] in lexicon.AUXILIARIES), None)
        clause_final = (
            i + 1 >= n or toks[i + 1].text in _BOUNDARY or lows[i + 1] in lexicon.SEPARABLE_PARTICLES
        )
        if _is_participle_form(lows[i], base) or lows[i] == base or (aux_before is not None and clause_final):
            aux = next(
                (
                    k
                    for k in range(i - 1, start - 1, -1)
                    if lows[k] in lexicon.AUXILIARIES or lows[k] in _MODALS
                ),
                None,
            )
            if (
                aux is None
                and _is_participle_form(lows[i], base)
                and i + 1 < n
                and lows[i + 1] in _PERFECT_AUXILIARIES  # not "gemeint war" (stative passive)
            ):
                aux = i + 1  # verb-final subordinate clause: "was der Rechnungshof bestätigt hat"
            if (
                _is_participle_form(lows[i], base)
                and i + 1 < n
                and lows[i + 1] in {"werden", "worden", "wird", "wurde", "wurden"}
            ):
                return self._passive(i, cue)  # "kann nicht ... geschrieben werden"
            if aux is not None:
                if (
                    lemma(lows[aux]) == "werden"
                    and (lows[aux] not in {"werde", "wird"} or _is_participle_form(lows[i], base))
                    or lows[aux] in {"wurde", "wurden"}
                ):
                    return self._passive(i, cue)  # "X wird ... vorgeworfen": X is no speaker
                anchor = aux
            elif _is_participle_form(lows[i], base):
                return None
            if aux is None or lemma(lows[aux]) != "werden":
                hard = self._hard_start(i)
                if any(lows[k] in {"wurde", "wurden", "worden"} for k in range(hard, i)) and not any(
                    lows[k] in lexicon.AUXILIARIES and lemma(lows[k]) != "werden" for k in range(start, i)
                ):
                    return self._passive(i, cue)  # the passive auxiliary sits before an apposition
        if verb == "hervorgehen":
            return self._hervorgehen(i, cue)
        if lows[start] in {"wenn", "falls", "sofern"} and not is_konjunktiv_i(lows[i]):
            return None  # "Wenn Unternehmer Flexibilisierung meinen, ...": a condition, no report
        if any(lows[k] in _NEGATIVE_SUBJECTS for k in range(start, self._clause_end(i))):
            return None  # "niemand habe das beanstandet": nobody said anything, there is no source
        subject = self._subject(anchor)
        if subject is None and anchor > 1 and lows[anchor - 1] == "und":
            # "Er lobte Garland und sagte, …": the second verb shares the first one's subject
            first = self._np(self._hard_start(anchor))
            if (
                first is not None
                and first.kind in {"pronoun", "name", "role_only", "group"}
                and first.end < anchor - 2
                and toks[first.end].is_word
                and not toks[first.end].is_capitalised
            ):
                subject = first
        if subject is None:
            return None
        if subject.kind == "pronoun" and lows[subject.start] == "man" and anchor == 0:
            return None  # "Rechnet man mit ..., dann": a condition, nobody's statement
        if subject.kind == "pronoun" and lows[subject.start] == "man":
            place = self._institution_as_place(start, self._clause_end(i), i, cue)
            if place is not None:
                return place  # "Im Justizministerium rechnet man damit, dass …"
        if (
            subject.kind == "group"
            and subject.end <= anchor
            and anchor + 1 < n
            and lows[anchor + 1] in {"er", "sie", "wir", "ich"}
            and not institution_head(subject.source.split()[-1])
            and subject.start == self._hard_start(anchor)
        ):
            # "Die Entscheidung hält sie für richtig": the fronted phrase is the object, the
            # pronoun after the verb the subject
            pronoun = self._np(anchor + 1)
            if pronoun is not None and pronoun.kind == "pronoun":
                subject = pronoun
        if set(lows) & {"demnach", "zufolge", "laut"} and self._quantified_group(subject.start) is not None:
            return None  # "sprechen sich demnach 84 Prozent dafür aus": the survey's finding
        if verb == "zeigen_befund" and not _is_document(subject.source):
            return None
        if (
            subject.start > 0
            and lows[subject.start - 1] == "dass"
            and lows[subject.start] in {"ein", "eine", "kein", "keine"}
        ):
            return None  # "die Situation, dass ein Partner das eine sage": generic, not a report
        channel = self._channel(
            self._hard_start(anchor), self._hard_end(i), exclude=range(subject.start, subject.end)
        )
        found = self._found_from_np(subject, min(subject.start, i), cue, channel)
        if found:
            found.reported_verb = is_konjunktiv_i(lows[anchor]) and lows[anchor - 1 : anchor] != ["ich"]
            self.used.update(range(subject.start, subject.end))
            partner = subject.partner
            if partner is not None:
                second = self._found_from_np(partner, partner.start, cue, channel)
                if second is not None:
                    self.used.update(range(partner.start, partner.end))
                    self._extra.append(second)
        return found

    def _subject(self, a: int) -> _NounPhrase | None:
        """The subject of the finite verb at token a: before it if that is a noun phrase, else after."""
        toks, lows, n = self.tokens, self.lows, len(self.tokens)
        # left: noun phrase (with apposition) filling the position before the verb
        hard = self._hard_start(a)
        glued = self._name_after_run_in_heading(hard, a)
        if glued is not None:
            return glued
        if a >= 2 and toks[a - 1].text == "," and a + 1 < n and toks[a + 1].text in {":", ",", "„", '"'}:
            # "GMB-Senior-Organisator Drew Duffy, sagte: „…“": a stray comma between subject and
            # verb (translated copy)
            stray = self._np(hard)
            if stray is not None and stray.kind == "name" and stray.end == a - 1:
                return stray
        if a > hard + 1 and a + 1 < n and toks[a - 1].text not in {",", "und"} and toks[a + 1].is_capitalised:
            # "Die größte Kehrtwende sieht Natus in …": a person the article has named, right after
            # the finite verb, is its subject when what precedes the verb is no person
            right = self._np(a + 1)
            left = self._np(hard)
            if (
                right is not None
                and right.kind == "name"
                and any(e.is_person and right.source in (e.source, e.surname) for e in self.state.entities)
                and left is not None
                and left.kind == "group"
                and left.end == a
                # an abstract noun, not an actor: "Ein Sondergericht sprach Wałęsa frei"
                and not institution_head(left.source.split()[-1])
                and not is_role_noun(left.source.split()[-1])
                and not referring_head(left.source.split()[-1])
                and not _looks_like_name(left.source.split()[-1:])
            ):
                return right
        if a + 1 < n and lows[a + 1] == "er" and a > hard and toks[a - 1].text not in {",", "und"}:
            # "Als Höhepunkte bezeichnete er ...": "er" right after the finite verb is its subject
            # (nominative only), whatever fills the position before the verb
            return _NounPhrase(a + 1, a + 2, toks[a + 1].text, None, "pronoun", "m")
        first = self._np(hard)
        if (
            first is not None
            and first.kind in {"role_only", "group"}
            and first.start == hard
            and a >= 3
            and toks[a - 1].text == ","
        ):
            # "Ein Sprecher der Moscheen in Mekka und Medina, Ahmed al-Mansuri, sagte": the name
            # apposed last before the verb is the speaker
            comma = next((m for m in range(a - 2, first.end - 1, -1) if toks[m].text == ","), None)
            if comma is not None and comma + 1 < a - 1:
                name = self._np(comma + 1)
                if name is not None and name.kind == "name" and name.end == a - 1:
                    apposed = self.text[toks[first.start].start : toks[comma - 1].end]
                    name.role = name.role or _lower_determiner(apposed)
                    return name
        starts = [hard]
        clause_start = self._clause_start(a)
        if clause_start not in starts:
            starts.append(clause_start)
        verb_final = a + 1 >= n or toks[a + 1].text in _BOUNDARY
        for s in starts:
            subordinate = s < n and lows[s] in _SUBJECT_INTRODUCERS
            if subordinate and s + 1 < a:
                s += 1
                while s + 1 < a and lows[s] in _FOCUS_PARTICLES:
                    s += 1  # "was selbst der Rechnungshof bestätigt hat"
                if (
                    lows[s] == "es"
                    and s + 1 < a
                    and (self.tokens[s + 1].is_capitalised or lows[s + 1] in lexicon.DETERMINERS)
                ):
                    s += 1  # "wie es Microsoft formuliert": "es" is the object
            if not subordinate:
                while s + 1 < a and lows[s] in _FOCUS_PARTICLES:
                    s += 1  # "Auch Lehrergewerkschafter X forderte ...": the particle is no subject
            left = self._np(s)
            if left is not None and left.end < a and self._coordinate(left, a, must_end_at=a):
                return left
            if (
                left is not None
                and left.kind == "role_only"
                and left.end == a
                and s > hard + 1
                and toks[s - 1].text == ","
            ):
                # "Birgit Streich, Leiterin des IHK-Centers in Mühlhausen teilte mit": the name
                # before an apposition whose closing comma is missing is the speaker
                named = self._np(hard)
                if (
                    named is not None
                    and named.kind == "name"
                    and named.source == self.text[toks[hard].start : toks[s - 2].end]
                ):
                    return _NounPhrase(hard, s - 1, named.source, left.source, "name", named.gender)
            if (
                left is not None
                and left.kind in {"name", "role_only"}
                and self._affiliation_between(left.end, a)
            ):
                return left  # "Walter Fuchs vom Institut für ... (IRKS) sagt": the PP is attached
            if (
                left is not None
                and left.kind != "possessive"
                and (
                    left.end == a
                    or subordinate
                    and verb_final
                    and left.end < a
                    and lows[s - 1] not in {"und"}
                )
            ):
                return left
        first = self._np(hard)
        if first is not None and first.kind in {"name", "group", "role_only"} and first.end < a:
            between = lows[first.end : a]
            if between and all(w in _SUBJECT_VERB_ADVERBS for w in between):
                return first  # "Sebastian Kurz hingegen meinte": an adverb between subject and verb
            if (
                first.kind == "name"
                and toks[first.end].text == ","
                and toks[a - 1].text == ","
                and first.end + 1 < a - 1
                and any(
                    toks[m].is_capitalised and is_role_noun(toks[m].text)
                    for m in range(first.end + 1, min(a - 1, first.end + 4))
                )
                and not any(toks[m].text == "," for m in range(first.end + 1, a - 1))
            ):
                return first  # "Marta Serafini, Mailänder Journalistin, vermutete": an apposition
        if a > 0 and lows[a - 1] in {"und", "sowie", "oder"}:
            # "Das Ministerium zieht nach und macht die Schulräte aufmerksam": a second verb
            # sharing the first one's subject -- what follows it is its object
            first = self._np(self._clause_start(a - 1)) or self._np(hard)
            if first is not None and first.kind in {"name", "group", "role_only"} and first.end < a - 1:
                return first
        # otherwise the position before the verb holds an adverbial or a clause: look right
        # right: skip adverbials and time/channel phrases, then a nominative noun phrase
        j = a + 1
        steps = 0
        while j < n and steps < 10:
            steps += 1
            low = lows[j]
            if low == "sich" or low in lexicon.SKIPPABLE_AFTER_VERB and not toks[j].is_capitalised:
                j += 1  # a capitalised "Kurz" after the verb is a name, not the adverb
                continue
            if toks[j].text == "," and j + 2 < n and toks[j + 2].text == "," and _is_time_word(lows[j + 1]):
                j += 3  # "teilte heute, Freitag, die Behörde mit"
                continue
            if low == "unter" and j + 1 < n and lows[j + 1] in {"anderem", "anderen"}:
                j += 2  # "berichtete unter anderen ein Beamter"
                continue
            if low in {"das", "dies", "es"} and (
                self._quantified_group(j + 1) is not None
                or j + 2 < n
                and is_first_name(toks[j + 1].text)
                and toks[j + 2].is_capitalised
            ):
                j += 1  # "gaben das drei von vier Befragten an", "kommentiert dies Markus X"
                continue
            if low in {
                "am",
                "an",
                "im",
                "in",
                "bei",
                "beim",
                "gegenüber",
                "auf",
                "vor",
                "nach",
                "zu",
                "zum",
                "zur",
                "mit",
                "via",
            }:
                k = j + 1
                if (
                    low in {"am", "an"}
                    or low in {"im", "in"}
                    and k < n
                    and lows[k] in lexicon.WEEKDAYS_AND_TIMES | {"jahr"}
                ):
                    while k < n and toks[k].is_word and not toks[k].is_capitalised:
                        k += 1
                    if k < n and toks[k].is_word and toks[k].is_capitalised:
                        k += 1
                    j = k
                    continue
                if low == "mit":
                    informed = self._informed_people(j)
                    if informed is not None:
                        return informed
                if low in {
                    "gegenüber",
                    "mit",
                    "zu",
                    "zum",
                    "zur",
                    "bei",
                    "beim",
                    "vor",
                    "in",
                    "im",
                    "auf",
                    "via",
                    "nach",
                }:
                    # a prepositional phrase: determiner/adjectives + capitalised head(s)
                    while k < n and toks[k].is_word and not toks[k].is_capitalised:
                        k += 1
                    while k < n and toks[k].is_word and toks[k].is_capitalised:
                        k += 1
                    if k == j + 1:
                        break
                    j = k
                    continue
            if _is_number(toks[j].text) and j + 1 < n and toks[j + 1].text == ".":
                j += 2
                continue
            break
        if j < n:
            right = self._np(j)
            if right is not None and right.kind != "possessive":
                if not (
                    lows[j] in {"ein", "eine", "kein", "keine"}
                    and right.kind == "group"
                    and not right.source.endswith("in")  # "eine Bürgerin" is a person
                    # "ein Nutzer", "ein Kollege", "ein Passant": agent nouns name a person
                    and not right.source.split()[-1].lower().endswith(_AGENT_NOUN_ENDINGS)
                ):
                    apposed = self._name_apposed_to(right)
                    if apposed is not None:
                        return apposed
                    self._coordinate(right, a, must_end_at=None)
                    return right
        # coordinated or interrupted: "X verurteilte ... und forderte", "Prieth, für den ..., zeigte sich"
        first = self._np(hard)
        if first is not None and first.kind in {"name", "group", "role_only"} and first.end < a:
            if lows[a - 1] in {"und", "sowie", "oder"} or (
                toks[first.end].text == ","
                and toks[a - 1].text == ","
                and first.end + 1 < n
                and (
                    lows[first.end + 1] in _RELATIVE_STARTS
                    # "Erich Huber, Geschäftsführer der Firma, verwies ...": an apposition
                    or first.kind == "name"
                    and any(
                        toks[m].is_capitalised and is_role_noun(toks[m].text)
                        for m in range(first.end + 1, min(a - 1, first.end + 4))
                    )
                    and not any(toks[m].text == "," for m in range(first.end + 1, a - 1))
                )
            ):
                return first
            if (
                toks[a - 1].text == ","
                and first.kind in {"name", "role_only"}
                and first.start == 0
                and toks[first.end].is_word
                and not toks[first.end].is_capitalised
                and lows[first.end] not in _SUBORDINATORS
            ):
                # a second verb sharing the first one's subject:
                # "Schneeberger weiß, dass ..., fügte jedoch hinzu, dass ..."
                return first
        return None

    def _name_after_run_in_heading(self, hard: int, a: int) -> _NounPhrase | None:
        """'Sechs Jahre in der Komfortzone Strugl warnte': a subheading the web page glued to
        the sentence without punctuation, then a person the article has named, then the verb.

        Only a registered name right before the verb, after a capitalised word that is neither
        a role noun nor part of the name, counts: "Minister Strugl warnte" stays one phrase.
        """
        toks = self.tokens
        names = {e.source for e in self.state.entities if e.is_person} | {
            e.surname for e in self.state.entities if e.surname
        }
        for m in range(a - 1, max(hard, a - 3), -1):
            candidate = self.text[toks[m].start : toks[a - 1].end]
            if candidate not in names:
                continue
            before = toks[m - 1]
            if not (before.is_word and before.is_capitalised) or m - 1 < hard:
                return None
            if is_role_noun(before.text) or is_first_name(before.text) or referring_head(before.text):
                return None
            if m - 1 == hard and m - 1 + 1 == a - 1:
                return None  # a single word before the name could be its own first word
            np = self._np(m)
            if np is not None and np.kind == "name" and np.end == a:
                return np
            return None
        return None

    def _name_apposed_to(self, np: _NounPhrase) -> _NounPhrase | None:
        """'deponierte Mitterlehners früherer Chef, Wirtschaftskammerpräsident Christoph Leitl,
        im Gespräch': a description after the verb, then the person's name as an apposition --
        the name is the speaker, the description its role."""
        toks, n = self.tokens, len(self.tokens)
        comma = np.end
        if (
            comma + 2 < n
            and self.lows[comma] in {"in", "aus", "bei", "von"}
            and toks[comma + 1].is_capitalised
            and toks[comma + 2].text == ","
        ):
            comma += 2  # "Österreichs Wirtschaftsdelegierter in London, Christian Kesberg"
        description = np.kind in {"role_only", "group"} or (
            np.kind == "name" and is_role_noun(np.source.split()[-1])  # "Österreichs Wirtschaftsdelegierter"
        )
        if not description or comma + 1 >= n or toks[comma].text != ",":
            return None
        name = self._np(comma + 1)
        if name is None or name.kind != "name" or len(name.source.split()) < 2:
            return None
        if name.end < n and toks[name.end].is_word and self.lows[name.end] not in _PREPOSITIONS:
            return None  # the comma opened a clause, not an apposition
        name.role = name.role or _lower_determiner(np.source)
        return name

    def _affiliation_between(self, start: int, verb: int) -> bool:
        """'vom Institut für Rechts- und Kriminalsoziologie (IRKS)', 'von der Universität Graz':
        an affiliation attached to a name, filling the rest of the position before the verb."""
        toks, lows = self.tokens, self.lows
        if verb - start < 2 or lows[start] not in _AFFILIATION_PREPOSITIONS:
            return False
        k = start + 1
        saw_noun = False
        while k < verb:
            tok, low = toks[k], lows[k]
            if tok.text in {"(", ")"} or low in _AFFILIATION_FILLERS or low.endswith("-"):
                k += 1
                continue
            if tok.is_word and tok.is_capitalised:
                saw_noun = True
                k += 1
                continue
            if tok.is_word and _is_inflected_adjective(low) and k + 1 < verb and toks[k + 1].is_capitalised:
                k += 1  # "von der Medizinischen Universität", written lower-case by mistake
                continue
            return False
        return saw_noun

    def _informed_people(self, j: int) -> _NounPhrase | None:
        """'mit der Angelegenheit vertraute Personen': an anonymous source opened by 'mit'."""
        toks, lows, n = self.tokens, self.lows, len(self.tokens)
        k = j + 1
        while k < n and toks[k].is_word and not toks[k].is_capitalised:
            k += 1
        while k < n and toks[k].is_word and toks[k].is_capitalised:
            k += 1
        if not (k + 1 < n and lows[k].startswith(("vertraut", "befasst")) and toks[k + 1].is_capitalised):
            return None
        end = k + 2
        head = lows[k + 1]
        kind = "anonymous" if head.endswith(lexicon.ANONYMOUS_SOURCE_HEADS) else "group"
        source = self.text[toks[j].start : toks[end - 1].end]
        return _NounPhrase(j, end, source, None, kind, "pl")

    def _coordinate(self, np: _NounPhrase, verb: int, *, must_end_at: int | None) -> bool:
        """Attach a second coordinated subject ("X und Y verkündeten") to np; True if found.

        Only with a plural finite verb, and only names or institutions: "X und dessen Sohn"
        would need a possessive resolution the rules do not do.
        """
        toks, lows, n = self.tokens, self.lows, len(self.tokens)
        if not lows[verb].endswith("n") or np.kind not in {"name", "group", "role_only"}:
            return False
        k = np.end
        if k >= n or lows[k] not in {"und", "sowie"} or k + 1 >= n:
            return False
        other = self._np(k + 1)
        if (
            other is None
            or other.kind not in {"name", "group"}
            or other.kind != np.kind
            and np.kind != "role_only"
        ):
            return False
        if must_end_at is not None and other.end != must_end_at:
            return False
        if (
            must_end_at is None
            and other.end < n
            and toks[other.end].is_word
            and lows[other.end]
            not in (
                lexicon.SKIPPABLE_AFTER_VERB | lexicon.SEPARABLE_PARTICLES | {"am", "im", "in", "vor", "bei"}
            )
            and not _looks_participle(toks[other.end].text)
        ):
            return False
        np.partner = other
        return True

    def _hervorgehen(self, i: int, cue: str) -> _Found | None:
        """'..., geht aus einer Umfrage des Verbands X hervor' -> the 'aus' phrase is the source."""
        lows = self.lows
        for k in range(i + 1, self._clause_end(i)):
            if lows[k] == "aus":
                np = self._oblique_np(k + 1)
                if np is not None:
                    np = self._report_noun_source(np)
                    return self._found_from_np(np, i, cue, None) if np else None
        return None

    def _passive(self, i: int, cue: str) -> _Found | None:
        lows = self.lows
        start, end = self._clause_start(i), self._clause_end(i)
        for k in range(start, end):
            if lows[k] in {"von", "vom", "seitens"} and k + 1 < len(lows):
                np = self._np(k + 1, oblique=True)
                if np is not None:
                    if lows[k + 1] in lexicon.DETERMINERS:
                        np.source = _nominative(np.source, lows[k + 1])
                    return self._found_from_np(np, k, cue, None)
        place = self._institution_as_place(start, end, i, cue, passive=True)  # "Im Ministerium wurde betont"
        if place is not None:
            return place
        if self._agentless_report(i, start, end):
            # "Es wurde vermutet, dass …", "Ihm wird vorgeworfen, … zu haben": a report without
            # its reporter is reported, not asserted
            return _Found(i, "", None, None, cue, "hedge_only", True, None)
        return None

    def _agentless_report(self, i: int, start: int, end: int) -> bool:
        """A passive participle of a reporting verb with a content clause ('dass …', '… zu
        haben') and no document or place that could be its source ('im Bericht')."""
        toks, lows, n = self.tokens, self.lows, len(self.tokens)
        if lows[i] == lemma(lows[i]) or not lows[i].endswith(("t", "en")):
            return False  # "von denen viele glauben": an active infinitive form, no participle
        if any(
            lows[k] in {"in", "im"} and k + 1 < n and _document_head_of(toks[k + 1].text) is not None
            for k in range(start, end)
        ) or any(_document_head(toks[k].text) for k in range(start, end) if toks[k].is_capitalised):
            return False  # "Kritisch angemerkt wird im Bericht": the report says it
        after = lows[i + 1 : min(n, i + 5)]
        if "dass" in after or "ob" in after:
            return True
        if i + 1 < n and toks[i + 1].text == ",":
            clause_end = self._clause_end(i + 2) if i + 2 < n else n
            return "zu" in lows[i + 2 : clause_end]
        return False

    def _institution_as_place(
        self, start: int, end: int, i: int, cue: str, *, passive: bool = False
    ) -> _Found | None:
        """'Im Finanzministerium wurde betont, dass …', 'Bei Kiwi sieht man …': an institution
        named as the place where something is said speaks itself."""
        toks, lows = self.tokens, self.lows
        for k in range(max(0, start), min(end, i + 6)):
            if lows[k] not in ({"im"} if passive else {"im", "beim", "bei", "in"}) or k + 1 >= len(lows):
                continue
            m = k + 1
            if lows[k] in {"bei", "in"} and m < len(lows) and lows[m] in {"der", "dem"}:
                m += 1
            if m >= len(toks) or not toks[m].is_capitalised:
                continue
            np = self._np(m, oblique=True)
            if np is None or np.kind not in {"name", "group"}:
                continue
            head = np.source.split()[-1]
            speaking_place = head.lower().endswith(_SPEAKING_PLACES)
            if not (speaking_place or np.kind == "name" and lows[k] in {"bei", "beim"} and not passive):
                continue
            np.source = np.source if lows[k] == "bei" else head
            if lows[k] == "im":
                np.source = "das " + head
            return self._found_from_np(np, k, cue, None)
        return None

    def _impersonal(self, i: int) -> _Found | None:
        """'hieß es aus dem Ministerium', 'heißt es in der Klagsschrift', bare 'hieß es'."""
        toks, lows, n = self.tokens, self.lows, len(self.tokens)
        clause = range(self._clause_start(i), self._clause_end(i))
        if lemma(lows[i]) != "verlauten" and not any(lows[k] == "es" for k in clause):
            return None
        cue = f"{toks[i].text} es" if i + 1 < n and lows[i + 1] == "es" else toks[i].text
        end = self._clause_end(i)
        candidates = list(range(i + 1, min(end, i + 8))) + list(range(self._hard_start(i), i))
        # "hieß es in Brüssel aus der EU-Kommission": the origin ("aus") outranks the place ("in")
        candidates.sort(key=lambda k: 0 if lows[k] in {"aus", "von", "vom", "seitens", "vonseiten"} else 1)
        for k in candidates:
            if (
                lows[k] in {"aus", "von", "vom", "seitens", "vonseiten", "in", "im", "bei", "beim"}
                and k + 1 < n
            ):
                np = self._np(k + 1, oblique=True)
                if np is None and toks[k + 1].is_capitalised:
                    continue
                if np is not None:
                    if k < i and np.end < i:
                        continue  # "von Beginn an betont ..., hieß es": not "hieß es von X"
                    if lows[k + 1] in lexicon.DETERMINERS:
                        np.source = _nominative(np.source, lows[k + 1])
                    if lows[k] in {"im", "beim"}:
                        np.source = "das " + np.source
                    np = self._report_noun_source(np)
                    if np is None:
                        continue
                    return self._found_from_np(np, i, cue, None)
        owner = self._platform_owner(self._clause_start(i), end)
        if owner is not None:
            source, channel = owner
            entity = _Entity(source, None, None, False, self.index)
            return _Found(i, source, None, channel, cue, "direct", False, entity)
        if (
            self.state.last_entity is not None
            and self.index - self.state.last_attributed <= CONTINUATION_WINDOW
        ):
            ent = self.state.last_entity
            return _Found(i, ent.source, ent.role, None, cue, "continuation", False, ent)
        return _Found(i, "", None, None, cue, "hedge_only", True, None)

    def _platform_owner(self, lo: int, hi: int) -> tuple[str, str] | None:
        """'hieß es auf der Billa-Facebookseite' / 'auf der Website der Polizei': the page's owner
        speaks there -- (owner, the page as channel), or None."""
        toks, lows = self.tokens, self.lows
        for k in range(lo, hi - 2):
            if lows[k] != "auf" or lows[k + 1] not in {"der", "dem", "seiner", "ihrer"}:
                continue
            page = toks[k + 2]
            owner_part, _, head = page.text.rpartition("-")
            if owner_part and owner_part[:1].isupper() and head.lower() in lexicon.PLATFORM_PAGES:
                return owner_part, self.text[toks[k].start : page.end]
            if (
                page.text.lower() in lexicon.PLATFORM_PAGES
                and k + 3 < hi
                and lows[k + 3] in {"der", "des", "von"}
            ):
                np = self._np(k + 4 if lows[k + 3] == "von" else k + 3, oblique=True)
                if np is not None and np.kind in {"name", "group", "role_only"}:
                    source = _nominative(np.source, lows[k + 3]) if lows[k + 3] != "von" else np.source
                    return source, self.text[toks[k].start : page.end]
        return None

    # ---- channels -------------------------------------------------------------------------

    def _channel(self, lo: int, hi: int, exclude: range) -> str | None:
        toks, lows = self.tokens, self.lows
        k = lo
        while k < hi:
            if lows[k] in lexicon.CHANNEL_PREPOSITIONS and k not in exclude:
                last_head = None
                m = k + 1
                while m < hi and toks[m].is_word and m < k + 12:
                    if m in exclude or _is_reporting_form(lows[m]):
                        break
                    if toks[m].is_capitalised or lows[m] in {"x"}:
                        if _is_channel_word(lows[m]):
                            last_head = m
                    m += 1
                if lows[k] == "gegenüber" and last_head is None and k + 1 < hi:
                    np = self._np(k + 1, oblique=True)
                    if np is not None:
                        last_head = np.end - 1
                if last_head is not None:
                    return self.text[toks[k].start : toks[last_head].end]
            k += 1
        return None

    # ---- continuations without a cue of their own -----------------------------------------

    def _continuation(self, starts_in_quote: bool) -> list[_Found]:
        state = self.state
        lows = self.lows
        recent = state.last_entity is not None and self.index - state.last_attributed <= CONTINUATION_WINDOW
        if starts_in_quote and state.quote_entity is not None:
            ent = state.quote_entity
            return [_Found(0, ent.source, ent.role, None, "„…“", "continuation", False, ent)]
        text = self.text.strip()
        if text.startswith("„") and recent and self.index - state.last_attributed <= 1 and state.last_entity:
            ent = state.last_entity
            return [_Found(0, ent.source, ent.role, None, "„…“", "continuation", False, ent)]
        distance = self.index - state.last_attributed
        kon = self._konjunktiv_positions(
            allow_ii=recent and distance <= 2, frame_open=recent and distance == 1
        )
        if "demnach" in lows:
            pos = lows.index("demnach")
            kon = [(pos, self.tokens[pos].text)] + kon
        if kon:
            pos, cue = kon[0]
            actor = state.opening_subject
            if (
                actor is not None
                and state.opening_subject_acted
                and actor.last_sentence == self.index - 1
                and state.last_attributed < self.index - 1
                and (
                    state.last_entity is None
                    or _norm_source(actor.source) != _norm_source(state.last_entity.source)
                )
            ):
                # the sentence before is an act, not a report, of its subject ("X rügte Y."): the
                # Konjunktiv that follows gives X's grounds, not the words of an earlier speaker
                self.state.entities.append(actor)
                return [
                    _Found(
                        pos,
                        actor.source,
                        actor.role,
                        None,
                        cue,
                        "continuation",
                        False,
                        actor,
                        has_own_cue=False,
                    )
                ]
            if recent and state.last_entity is not None:
                ent = self._speaker_behind(state.last_entity)
                return [
                    _Found(
                        pos, ent.source, ent.role, None, cue, "continuation", False, ent, has_own_cue=False
                    )
                ]
            return [_Found(pos, "", None, None, cue, "hedge_only", True, None)]
        if (
            self.index - state.last_attributed == 1
            and state.last_entity is not None
            and (state.last_first_person or state.last_entity.is_person)
            and any(low in lexicon.FIRST_PERSON for low in lows)
        ):
            # news prose is third person: a first-person sentence right after a person's
            # statement is that person still speaking (quotes are often unmarked online)
            ent = state.last_entity
            return [_Found(0, ent.source, ent.role, None, "Zitat", "continuation", False, ent)]
        return []

    def _speaker_behind(self, ent: _Entity) -> _Entity:
        """A document source ("die Klage") is not who goes on speaking: prefer the most recent
        person or institution within the window, if the article has one."""
        if ent.is_person or not _is_document(ent.source) or _is_findings_document(ent.source):
            return ent
        recent = [
            other
            for other in reversed(self.state.entities)
            if self.index - other.last_sentence <= CONTINUATION_WINDOW
            and other is not ent
            and not _is_document(other.source)
        ]
        # a source that has spoken issued the text before a person merely mentioned since does
        spoken = [other for other in recent if other.spoke]
        return (spoken or recent or [ent])[0]

    def _konjunktiv_positions(self, *, allow_ii: bool, frame_open: bool = False) -> list[tuple[int, str]]:
        """Konjunktiv I forms; reported Konjunktiv II forms only where a report is going on.

        ``frame_open`` (the previous sentence is attributed): the report certainly goes on, so
        a conditional ("Wenn ..., würde sich das ... äußern") and the preterite-like "sollte(n)"
        ("So sollten sie etwa nicht ...") count too; further away they are narrative.
        """
        toks, lows, n = self.tokens, self.lows, len(self.tokens)
        out: list[tuple[int, str]] = []
        conditional = bool({"wenn", "falls", "sonst", "ob"} & set(lows)) and not frame_open
        ii_forms = lexicon.KONJUNKTIV_II_REPORT_FORMS | (
            lexicon.KONJUNKTIV_II_PRETERITE_LIKE
            if frame_open and not self.text.rstrip().endswith("?")
            else set()
        )
        if {"scheint", "schien", "scheinen"} & set(lows):
            return []  # "Es scheint, X habe ...": the journalist's impression, not a report
        for i, low in enumerate(lows):
            if not toks[i].is_word or toks[i].is_capitalised:
                continue
            if is_konjunktiv_i(low):
                prev = lows[i - 1] if i else ""
                nxt = lows[i + 1] if i + 1 < n else ""
                if prev in lexicon.KONJUNKTIV_BLOCKERS_BEFORE or nxt == "ich":
                    continue
                if (
                    i + 1 < n
                    and toks[i + 1].is_capitalised
                    and toks[i + 1].is_word
                    and (
                        prev in lexicon.DETERMINERS
                        or low not in lexicon.KONJUNKTIV_I_FORMS
                        and _adjective_like(low)
                    )
                ):
                    continue  # "keine fixe Botschaft", "natürlich runde Form": an adjective
                if low == "sei" and (
                    nxt == "denn" or nxt == "es" and (i == 0 or toks[i - 1].text in _BOUNDARY)
                ):
                    continue
                clause = lows[self._clause_start(i) : self._clause_end(i)]
                if (
                    low in {"habe", "werde", "könne", "müsse", "wolle", "solle", "dürfe", "möge", "wisse"}
                    and "ich" in clause
                ):
                    continue
                out.append((i, toks[i].text))
            elif allow_ii and not conditional and low in ii_forms:
                out.append((i, toks[i].text))
        return out

    # ---- merging --------------------------------------------------------------------------

    @staticmethod
    def _dedupe(found: list[_Found]) -> list[_Found]:
        """One attribution per source and sentence; the first cue wins, a direct kind wins."""
        out: list[_Found] = []
        for f in sorted(found, key=lambda f: f.position):
            key = _norm_source(f.source)
            twin = next(
                (
                    o
                    for o in out
                    if (f.entity is not None and o.entity is f.entity)
                    or (key and _norm_source(o.source) == key)
                ),
                None,
            )
            if twin is None:
                out.append(f)
                continue
            if twin.kind != "direct" and f.kind == "direct":
                out[out.index(twin)] = f
            if twin.channel is None and f.channel:
                twin.channel = f.channel
        # "Mr. Trump sagte, er meinte ...": a pronoun left unresolved after a named source of the
        # same sentence is that source reporting on (one attribution per source and sentence)
        return [
            f
            for f in out
            if not (
                _is_pronoun_source(f.source)
                and any(
                    o.position < f.position
                    and o.kind != "hedge_only"
                    and o.source
                    and not _is_pronoun_source(o.source)
                    for o in out
                )
            )
        ]


# --------------------------------------------------------------------------------------------


def _adjective_like(low: str) -> bool:
    """'runde', 'fixe' (an inflected adjective before a noun), not 'existiere' (a verb).

    The bare stem of a Konjunktiv I form lemmatizes to its verb ("existier" -> "existieren");
    an adjective's stem is its own lemma ("rund").
    """
    stem = low[:-1]
    return lemma(stem) == stem


def _declined_adjective(low: str) -> bool:
    """'führende', 'europäische': an inflected adjective whose lemma the dictionary knows as
    a different, non-verb form -- not a name ("Strache") or a verb ("hatte")."""
    if not _is_inflected_adjective(low):
        return False
    base = lemma(low)
    return base != low and not _could_be_verb(low, base) and base.lower() == base


def _looks_participle(word: str) -> bool:
    return word[:1].islower() and (word.endswith(("t", "en")) and len(word) > 3)


def _is_participle_form(word: str, base: str) -> bool:
    """'gesagt', 'mitgeteilt', 'erklärt' (the latter only when an auxiliary is present)."""
    if word == base:
        return False
    if base.startswith("ge"):  # "geht" (gehen) is finite, "gegeben" (geben) a participle
        return word.startswith("ge" + base[:2]) and word.endswith(("t", "en"))
    if word.startswith("ge") and word.endswith(("t", "en")):
        return True
    if "ge" in word[2:6] and word.endswith(("t", "en")) and not word.endswith("te"):
        # separable participles: mitgeteilt, angekündigt, ausgesagt
        return base != word and not word.endswith("ten")
    return False


def _could_be_verb(low: str, base: str) -> bool:
    """A lower-case inflected form whose lemma is a verb infinitive (not 'dem' -> 'der')."""
    return (
        low[:1].isalpha()
        and low[:1].islower()
        and base.endswith(("en", "rn", "ln"))
        and low not in lexicon.DETERMINERS
        and low not in _SUBORDINATORS
        and low not in _NAME_PARTICLES
    )


def _is_time_word(low: str) -> bool:
    """'samstagabend', 'montag', 'vormittag': a time expression after 'am'/'im'."""
    return low in lexicon.WEEKDAYS_AND_TIMES or any(
        low.startswith(day)
        for day in ("montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag")
    )


def _is_number(text: str) -> bool:
    return text[:1].isdigit()


def _is_reporting_form(low: str) -> bool:
    return lemma(low) in lexicon.SPEECH_VERBS and low[:1].islower()


def _is_channel_word(low: str) -> bool:
    for head in lexicon.CHANNEL_HEADS:
        if len(head) <= 4:
            if low == head or low.endswith("-" + head) or low.startswith(head + "-"):
                return True
        elif low.endswith(head) or low.startswith(head):
            return True
    return False


def _looks_like_name(words: list[str]) -> bool:
    """After a determiner, a capitalised run is a name (not an institution) if it has a first name."""
    return len(words) >= 2 and is_first_name(words[0])


def _det_gender(det: str | None) -> str | None:
    return {"der": "m", "ein": "m", "die": "f_or_pl", "eine": "f", "das": "n"}.get(det or "")


def _nominative(source: str, det: str | None) -> str:
    """'dem Innenministerium' -> 'das Innenministerium', 'der Polizei' -> 'die Polizei'."""
    if not det:
        return source
    words = source.split(" ", 1)
    if len(words) < 2 or words[0].lower() != det:
        return source
    rest = words[1]
    head = rest.split()[0].lower()
    mapping = {"der": "die", "den": "die", "des": "der", "einer": "eine", "einem": "ein", "eines": "ein"}
    if det == "dem":
        new = (
            "das"
            if head.endswith(
                (
                    "ium",
                    "amt",
                    "ment",
                    "um",
                    "institut",
                    "gericht",
                    "büro",
                    "haus",
                    "land",
                    "werk",
                    "zentrum",
                    "komitee",
                    "team",
                    "unternehmen",
                    "blatt",
                    "magazin",
                )
            )
            else "der"
        )
    elif det == "des":
        new = (
            "das"
            if head.endswith(
                (
                    "iums",
                    "instituts",
                    "institutes",
                    "komitees",
                    "teams",
                    "amts",
                    "amtes",
                    "ments",
                    "gerichts",
                    "büros",
                    "hauses",
                    "landes",
                    "werks",
                    "zentrums",
                    "unternehmens",
                    "blatts",
                    "blattes",
                    "magazins",
                )
            )
            else "der"
        )
    elif det in mapping:
        new = mapping[det]
    else:
        return source
    if det in {"des", "eines"}:
        parts = rest.split()
        first_cap = next((x for x, w in enumerate(parts) if w[:1].isupper()), None)
        if first_cap is not None:
            parts[first_cap] = _strip_genitive_noun(parts[first_cap])
            rest = " ".join(parts)
    return f"{new} {rest}"


def _is_document(source: str) -> bool:
    """'die 28-seitige Klagsschrift', 'Zschäpes Erklärung': a text, not a speaker."""
    words = [w for w in source.split() if w[:1].isupper() and w.lower() not in lexicon.DETERMINERS]
    if not words:
        return False
    head = (
        words[0]
        if len(words) == 1
        else next((w for w in words if w.lower().endswith(lexicon.DOCUMENT_HEADS)), words[0])
    )
    return head.lower().endswith(lexicon.DOCUMENT_HEADS)


_DEFINITE_DETERMINERS = frozenset({"der", "die", "das", "dem", "den", "des"})


def _common_noun_head(source: str) -> str | None:
    """The head noun of a definite description without a name ("die EU-Behörde", "der
    Bericht vom Donnerstag"), or None ("die Syrische Beobachtungsstelle": a capitalised
    attribute makes it a name; "die Polizei Wien": a name after the head)."""
    words = source.split()
    if len(words) < 2 or words[0].lower() not in _DEFINITE_DETERMINERS:
        return None
    core = words[1:]
    head_at = next((x for x, w in enumerate(core) if w[:1].isupper()), None)
    if head_at is None:
        return None
    for w in core[head_at + 1 :]:
        if w[:1].isupper() and w.lower() not in lexicon.WEEKDAYS_AND_TIMES:
            return None
    return core[head_at]


def _is_generic_description(source: str) -> bool:
    head = _common_noun_head(source)
    return head is not None and head.lower().rsplit("-", 1)[-1] in lexicon.GENERIC_REFERRING_NOUNS


def _is_authority(source: str) -> bool:
    """'die Generalstaatsanwaltschaft', 'die EU-Kommission', 'die Präfektur des ...'."""
    return any(
        w.lower().rstrip("s").endswith(lexicon.AUTHORITY_HEADS) for w in source.split() if w[:1].isupper()
    )


def _document_head(word: str) -> str | None:
    """'Statistik' -> 'statistik', 'Untersuchungsbericht' -> 'bericht'; None for non-documents."""
    low = word.lower()
    for head in lexicon.DOCUMENT_HEADS:
        for form in (head, head + "s", head + "es", head + "en", head + "e", head + "n"):
            if low.endswith(form):
                return head
    return None


def _document_head_of(source: str) -> str | None:
    for w in source.split():
        if w[:1].isupper():
            head = _document_head(w)
            if head is not None:
                return head
    return None


def _document_family(head: str) -> set[str]:
    """Findings documents stand in for each other ("die Statistik" for "eine Erhebung");
    other texts only for themselves ("der Bericht")."""
    if head in lexicon.FINDINGS_DOCUMENT_HEADS:
        return set(lexicon.FINDINGS_DOCUMENT_HEADS)
    return {head}


def _is_findings_document(source: str) -> bool:
    """'die Studie', 'eine Erhebung des BKA': a document whose findings go on being reported
    in Konjunktiv ("Wichtig sei auch, ..."), unlike a letter or a statement that a person wrote."""
    return any(w.lower().endswith(lexicon.FINDINGS_DOCUMENT_HEADS) for w in source.split() if w[:1].isupper())


def _norm_source(source: str) -> str:
    words = [w for w in source.lower().split() if w not in lexicon.DETERMINERS]
    return " ".join(words)


def _role_heads(role: str | None) -> set[str]:
    """Role keys of a role phrase ("Innenministerin" -> minister keys), for synonym matching."""
    if not role:
        return set()
    out: set[str] = set()
    for w in role.split():
        if w[:1].isupper() and is_role_noun(w):
            out |= role_keys(w)
    return out


def _lower_determiner(source: str) -> str:
    """'Die Polizei' (sentence-initial) -> 'die Polizei'."""
    first, _, rest = source.partition(" ")
    if rest and first.lower() in lexicon.DETERMINERS and first[:1].isupper():
        return f"{first.lower()} {rest}"
    return source


def _role_head_word(role: str) -> str:
    """'staatliche Agentur' -> 'Agentur', 'Chef der Lufthansa-Tochter' -> 'Chef': the noun the
    role is, not what it is attached to."""
    head = ""
    for word in role.split():
        if (
            head
            and word[:1].islower()
            and word.lower() in lexicon.DETERMINERS | {"von", "vom", "aus", "für", "bei"}
        ):
            break
        if word[:1].isupper():
            head = word
    return head or role.split()[-1]


def _gender_compatible(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return True
    if "f_or_pl" in (a, b):
        return {a, b} <= {"f", "pl", "f_or_pl"}
    return a == b


def _is_inflected_adjective(word: str) -> bool:
    return word[:1].islower() and word.endswith(("e", "en", "er", "es", "em")) and len(word) > 3


_REPORT_COMPOUND_TAILS = (
    "schätzungen",
    "schätzung",
    "angaben",
    "informationen",
    "infos",
    "berechnungen",
    "daten",
    "zahlen",
    "recherchen",
)


# Compound owners that report without being institutions ("Branchenangaben", "Insiderinformationen").
_REPORTING_COMPOUND_OWNERS = frozenset(
    {"branche", "branchen", "insider", "experten", "anleger", "händler", "markt", "ärzte", "augenzeugen"}
)


def _report_compound_owner(word: str) -> str | None:
    """'DNA-Schätzungen' -> 'DNA', 'US-Justizangaben' -> 'US-Justiz', 'Medienberichten' -> None."""
    low = word.lower()
    for tail in _REPORT_COMPOUND_TAILS:
        if low.endswith(tail) and len(low) > len(tail) + 1:
            owner = word[: len(word) - len(tail)].rstrip("-")
            if owner.lower() in {"medien", "presse", "zeitungs", "eigen", "offizielle"} or len(owner) < 2:
                return None
            # "Polizeiangaben", "DNA-Schätzungen", "Branchenangaben": someone who reports -- not
            # "Geschäftszahlen", "Umsatzzahlen" (figures about something, "nach" = after)
            stripped = owner[:-1] if owner.endswith("s") and not owner.isupper() else owner
            if not (
                "-" in owner
                or owner.isupper()
                or institution_head(stripped)
                or is_role_noun(stripped)
                or stripped.lower() in _REPORTING_COMPOUND_OWNERS
            ):
                return None
            return owner
    return None


def _strip_genitive_noun(noun: str) -> str:
    """'Nachrichtenmagazins' -> 'Nachrichtenmagazin', 'Landes' -> 'Land' (masc./neut. genitive)."""
    if noun.endswith("es") and len(noun) > 5 and noun[-3] in "dtszß":
        return noun[:-2]
    if noun.endswith("s") and not noun.endswith(("ss", "us", "is")) and len(noun) > 3:
        return noun[:-1]
    return noun
