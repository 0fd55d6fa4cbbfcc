"""Find attributions and hedges in English sentences, without a parser.

Recognised constructions (spans are character offsets into the sentence):

* subject + reporting verb: "Police said …", "Maria Huber, a spokeswoman for the state police,
  told reporters …", "The ministry has confirmed …";
* inverted and trailing: "…, the company says.", "…, said Huber.", "'…,' officials said.";
* prepositional: "according to X", "citing X", "as reported by X", "X is quoted as saying";
* hedges with no source: reportedly, allegedly, purportedly, supposedly, "is said/believed/
  thought/reported/alleged/suspected to", "it is said that", "according to (media) reports",
  "alleged", "suspected", "unconfirmed", "presumably".

Each match says how to remove it (``start``/``end``) so the guard can take an invented source
out again, and where its source phrase is (``source_start``/``source_end``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

EnglishAttributionKind = Literal["reporting", "according_to", "hedge"]


@dataclass(frozen=True)
class EnglishAttribution:
    """One attribution or hedge found in an English sentence."""

    kind: EnglishAttributionKind
    cue: str
    source: str | None
    start: int
    end: int
    source_start: int | None = None
    source_end: int | None = None
    hedge: bool = False

    @property
    def names_source(self) -> bool:
        return self.source is not None and bool(self.source.strip())


# Reporting verbs whose only common use with a noun-phrase subject is reporting.
_SAY_VERBS = [
    "said",
    "says",
    "say",
    "told",
    "tells",
    "tell",
    "stated",
    "added",
    "adds",
    "explained",
    "explains",
    "announced",
    "announces",
    "warned",
    "warns",
    "stressed",
    "stresses",
    "emphasised",
    "emphasized",
    "emphasises",
    "emphasizes",
    "noted",
    "insisted",
    "insists",
    "argued",
    "argues",
    "confirmed",
    "confirms",
    "denied",
    "denies",
    "admitted",
    "admits",
    "wrote",
    "writes",
    "criticised",
    "criticized",
    "criticises",
    "criticizes",
    "complained",
    "complains",
    "conceded",
    "concedes",
    "acknowledged",
    "acknowledges",
    "assured",
    "assures",
    "countered",
    "counters",
    "replied",
    "replies",
    "declared",
    "declares",
    "asserted",
    "asserts",
    "maintained",
    "maintains",
    "predicted",
    "predicts",
    "cautioned",
    "cautions",
    "remarked",
    "commented",
    "revealed",
    "reveals",
    "disclosed",
    "discloses",
    "promised",
    "pointed",
    "underlined",
    "underlines",
    "add",
    "explain",
    "announce",
    "warn",
    "stress",
    "emphasise",
    "emphasize",
    "insist",
    "argue",
    "confirm",
    "deny",
    "admit",
    "write",
    "criticise",
    "criticize",
    "complain",
    "concede",
    "acknowledge",
    "predict",
    "caution",
    "reveal",
]
# Verbs that are also participles or nouns ("the reported cases", "estimates show"); they count as
# reporting only when what follows looks like the start of a reported clause.
_AMBIGUOUS_VERBS = [
    "reported",
    "reports",
    "estimated",
    "estimates",
    "claimed",
    "claims",
    "believes",
    "believe",
    "believed",
    "thinks",
    "think",
    "suspects",
    "suspect",
    "expects",
    "expect",
    "expected",
    "assumes",
    "assume",
    "assumed",
    "calculated",
    "calculates",
    "cited",
    "cites",
    "quoted",
    "quotes",
    "feared",
    "fears",
    "hopes",
    "hoped",
    "doubts",
    "doubted",
    "estimate",
    "report",
    "calculate",
    "fear",
    "hope",
    "doubt",
    "cite",
    "states",
    "notes",
    "remarks",
    "comments",
    "promises",
    "forecast",
    "forecasts",
    "called",
    "calls",
    "described",
    "describes",
    "welcomed",
    "welcomes",
    "rejected",
    "rejects",
    "demanded",
    "demands",
    "urged",
    "urges",
    "decided",
    "decides",
    "shows",
    "show",
    "showed",
    "found",
    "finds",
    "suggests",
    "suggested",
    "concluded",
    "concludes",
]

# Verbs of belief and expectation: they follow their subject, never invert after a comma.
_BELIEF_WORDS = frozenset(
    {
        "believe",
        "believes",
        "believed",
        "think",
        "thinks",
        "thought",
        "expect",
        "expects",
        "expected",
        "fear",
        "fears",
        "feared",
        "hope",
        "hopes",
        "hoped",
        "suspect",
        "suspects",
        "suspected",
        "consider",
        "considers",
        "considered",
        "assume",
        "assumes",
        "assumed",
        "estimate",
        "estimates",
        "estimated",
        "see",
        "sees",
        "saw",
        "find",
        "finds",
        "found",
    }
)
# Words after which a reporting word is a noun ("the show", "his report", "TV show").
_NOUN_MARKERS = frozenset(
    {
        "the",
        "a",
        "an",
        "his",
        "her",
        "their",
        "its",
        "our",
        "my",
        "your",
        "this",
        "these",
        "those",
        "tv",
        "talk",
    }
)
_AUXILIARIES = [
    "has",
    "have",
    "had",
    "will",
    "would",
    "could",
    "can",
    "may",
    "might",
    "must",
    "should",
    "also",
    "further",
    "now",
    "then",
    "later",
    "previously",
    "recently",
    "again",
    "already",
    "repeatedly",
    "once",
    "reportedly",
    "allegedly",
    "initially",
    "first",
    "last",
    "earlier",
    "meanwhile",
    "however",
    "therefore",
    "still",
    "even",
    "only",
    "just",
    "not",
    "never",
]
_TIME_WORDS = [
    "on",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "yesterday",
    "today",
    "tonight",
    "this",
    "week",
    "month",
    "year",
    "morning",
    "evening",
    "afternoon",
    "night",
    "last",
    "next",
    "in",
    "at",
    "the",
    "weekend",
]
# Words that end a subject noun phrase when scanning backwards from the verb.
_CLAUSE_WORDS = frozenset(
    [
        "that",
        "and",
        "but",
        "while",
        "whereas",
        "because",
        "which",
        "who",
        "whom",
        "whose",
        "when",
        "if",
        "as",
        "after",
        "before",
        "since",
        "although",
        "though",
        "so",
        "than",
        "where",
        "however",
        "or",
        "nor",
        "yet",
        "whether",
        "said",
        "says",
        "told",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "do",
        "does",
        "did",
        "not",
        "no",
    ]
)
# Words after an ambiguous verb that start a reported clause.
_CLAUSE_STARTS = frozenset(
    [
        "that",
        "he",
        "she",
        "they",
        "it",
        "we",
        "i",
        "you",
        "there",
        "this",
        "these",
        "those",
        "the",
        "a",
        "an",
        "his",
        "her",
        "their",
        "its",
        "our",
        "some",
        "many",
        "no",
        "one",
        "prices",
        "about",
    ]
)
_PRONOUN_SOURCES = frozenset({"he", "she", "they", "it", "we", "i", "you"})

_WORD_RE = re.compile(r"[A-Za-zÀ-ÿ0-9][\w'’.\-]*")
_QUOTES = "\"“”„‘’'«»"

_HEDGE_PATTERNS: tuple[tuple[str, str], ...] = (
    ("reportedly", r"\breportedly\b"),
    ("allegedly", r"\ballegedly\b"),
    ("purportedly", r"\bpurportedly\b"),
    ("supposedly", r"\bsupposedly\b"),
    ("presumably", r"\bpresumably\b"),
    ("apparently", r"\bapparently\b"),
    (
        "is said to",
        (
            r"\b(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?(?:said|believed|thought|reported|alleged|"
            r"suspected|rumou?red|supposed|understood|claimed|assumed|presumed)\s+to\b"
        ),
    ),
    (
        "it is said that",
        r"\bit\s+(?:is|was|has\s+been)\s+(?:said|reported|alleged|claimed|believed|rumou?red|understood)\b",
    ),
    ("according to reports", r"\baccording\s+to\s+(?:\w+\s+){0,3}?(?:reports|accounts|rumou?rs)\b"),
    (
        "reports say",
        r"\b(?:media\s+)?reports\s+(?:say|said|suggest|suggested|claim|claimed|indicate|indicated)\b",
    ),
    ("alleged", r"\balleged\b"),
    ("suspected", r"\bsuspected\b"),
    ("presumed", r"\bpresumed\b"),
    ("unconfirmed", r"\bunconfirmed\b"),
    ("accused of", r"\baccused\s+of\b"),
    ("rumoured", r"\brumou?red\b"),
    # the claim presented as someone's assertion: "rejected criticism that ...", "citing X"
    (
        "claims that",
        r"\b(?:criticism|claims?|allegations?|accusations?|reports?|rumou?rs?|assertions?)\s+that\b",
    ),
    ("citing", r"\bciting\b"),
)
_HEDGE_RES = tuple((cue, re.compile(pattern, re.IGNORECASE)) for cue, pattern in _HEDGE_PATTERNS)

# "according to which …" introduces a relative clause, not a source.
_ACCORDING_RE = re.compile(
    r"\b(according to|citing|as reported by|reported by|quoted by|cited by)\s+(?!which\b|whom\b|whose\b|what\b)",
    re.IGNORECASE,
)
_QUOTED_AS_SAYING_RE = re.compile(
    r"\b(?:was|is|were|are)\s+quoted\s+(?:by\s+[^,.;]+?\s+)?as\s+saying\b", re.IGNORECASE
)
# "Fischer quoted Merkel as (saying|convinced) …": the quoted one is the source, the quoter a channel.
_QUOTES_X_AS_RE = re.compile(
    r"\b(quoted|quotes|cited|cites)\s+((?:[A-Z][\w'’\-]*\s?){1,4}|(?:the|a|an)\s+(?:\w+\s){0,3}?\w+)\s+as\b"
)
_VERB_RE = re.compile(
    r"(?<![\w-])("
    + "|".join(sorted(set(_SAY_VERBS + _AMBIGUOUS_VERBS), key=len, reverse=True))
    + r")(?![\w-])",
    re.IGNORECASE,
)
# "told reporters", "told the newspaper", "told Reuters" (an object of 'told' is a channel).
_TOLD_OBJECT_RE = re.compile(
    r"\s+(?:reporters|journalists|the\s+press|the\s+media|parliament|[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*)*|"
    r"(?:the|a|an)\s+(?:[\w'’\-]+\s+){0,3}?(?:newspaper|paper|daily|agency|broadcaster|magazine|channel|station|"
    r"radio|television|news\s+agency|audience|committee|court|crowd|conference|assembly|press|[A-Z][\w\-]*))"
)
_THAT_RE = re.compile(
    r"\s*,?\s*(?:on\s+\w+day\s+|in\s+a\s+statement\s+|in\s+an\s+interview\s+)?that\b", re.IGNORECASE
)


def find_hedges(sentence: str) -> list[EnglishAttribution]:
    """Hedge markers with no named source: reportedly, allegedly, 'is said to', …"""
    found: list[EnglishAttribution] = []
    taken: list[tuple[int, int]] = []
    for cue, regex in _HEDGE_RES:
        for m in regex.finditer(sentence):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            if (
                cue == "suspected"
                and re.match(r"\s+(?:that|of)\b", sentence[m.end() :]) is None
                and re.search(r"\b(?:is|are|was|were|been)\s+$", sentence[: m.start()])
            ):
                continue  # "police suspected him" is a claim of the police, not a hedge marker
            taken.append((m.start(), m.end()))
            found.append(EnglishAttribution("hedge", cue, None, m.start(), m.end(), hedge=True))
    return sorted(found, key=lambda a: a.start)


def has_hedge(sentence: str) -> bool:
    return bool(find_hedges(sentence))


def find_english_attributions(sentence: str) -> list[EnglishAttribution]:
    """Every attribution (with its source phrase) and every hedge marker in one English sentence."""
    found: list[EnglishAttribution] = []
    found.extend(_according_to(sentence))
    found.extend(_quoted_as_saying(sentence))
    for m in _QUOTES_X_AS_RE.finditer(sentence):
        found.append(
            EnglishAttribution(
                "reporting",
                m.group(1).lower(),
                m.group(2).strip(),
                m.start(),
                m.end(),
                m.start(2),
                m.start(2) + len(m.group(2).rstrip()),
            )
        )
    for m in _VERB_RE.finditer(sentence):
        if any(a.start <= m.start() < a.end for a in found):
            continue
        attribution = _verb_attribution(sentence, m)
        if attribution is not None:
            found.append(attribution)
    hedges = [
        h
        for h in find_hedges(sentence)
        if not any(a.start <= h.start < a.end for a in found if a.kind != "hedge")
    ]
    found.extend(hedges)
    return sorted(found, key=lambda a: a.start)


def reporting_attributions(sentence: str) -> list[EnglishAttribution]:
    """Only the attributions that name a source (a pronoun counts; callers resolve it)."""
    return [a for a in find_english_attributions(sentence) if a.kind != "hedge" and a.names_source]


def _according_to(sentence: str) -> list[EnglishAttribution]:
    found = []
    for m in _ACCORDING_RE.finditer(sentence):
        source_start = m.end()
        rest = sentence[source_start:]
        source_end = source_start + _phrase_end(rest)
        source = sentence[source_start:source_end].strip()
        if not source:
            continue
        if m.group(1).lower() == "citing" and _CITED_REASON.search(source):
            continue  # 'citing the unclear security situation' gives a reason, not a source
        hedge = bool(re.fullmatch(r"(?:\w+\s+){0,3}?(?:reports|accounts|rumou?rs)", source, re.IGNORECASE))
        start, end = _removal_span(sentence, m.start(), source_end)
        found.append(
            EnglishAttribution(
                "according_to", m.group(1).lower(), source, start, end, source_start, source_end, hedge
            )
        )
    return found


# What one cites as a reason rather than as a source, judged by the phrase's last word.
_CITED_REASON = re.compile(
    r"\b(?:situation|reasons?|concerns?|fears?|risks?|grounds|problems?|lack|costs?|difficult(?:y|ies)|"
    r"circumstances|health|security|safety|needs?|dangers?|threats?|pressure|conditions|uncertainty|"
    r"shortages?|delays?|losses|damage|weather|crisis|precedent)$",
    re.IGNORECASE,
)

_PHRASE_STOP = re.compile(
    r"[,;:!?()]|\.(?=\s|$|[\"“”])|\s[–—-]\s|\s(?:that|who|which|when|because|while|after|before)\b"
    r"|\s(?:and|but)\s+(?:the|a|an|he|she|they|it)\s+\w+"
)


def _phrase_end(rest: str) -> int:
    """Where a source phrase after 'according to' ends; 'U.S.' and 'Dr.' do not end it."""
    for stop in _PHRASE_STOP.finditer(rest):
        if stop.group(0) == "." and re.search(
            r"(?:\b[A-Z]|\b(?:Dr|Mr|Mrs|Ms|Prof|St))$", rest[: stop.start()]
        ):
            continue
        return stop.start()
    return len(rest)


def _quoted_as_saying(sentence: str) -> list[EnglishAttribution]:
    found = []
    for m in _QUOTED_AS_SAYING_RE.finditer(sentence):
        subject = _subject_before(sentence, m.start())
        if subject is None:
            continue
        s_start, s_end = subject
        end = m.end()
        that = _THAT_RE.match(sentence, end)
        if that:
            end = that.end()
        found.append(
            EnglishAttribution(
                "reporting",
                "quoted as saying",
                sentence[s_start:s_end],
                s_start,
                _skip_space(sentence, end),
                s_start,
                s_end,
            )
        )
    return found


def _verb_attribution(sentence: str, m: re.Match[str]) -> EnglishAttribution | None:
    verb = m.group(1)
    lower = verb.lower()
    if verb[:1].isupper() and sentence[: m.start()].strip():
        return None  # "In its quarterly Inflation Report the Bank …": a title word, not the verb
    before = sentence[: m.start()]
    after = sentence[m.end() :]
    # Passive hedges ("is said to", "was reported to") are hedges, not sources.
    if re.search(
        r"\b(?:is|are|was|were|be|been|being|it\s+is|it\s+was)\s+(?:\w+ly\s+)?$", before, re.IGNORECASE
    ):
        return None
    if lower in _AMBIGUOUS_VERBS and not _starts_reported_clause(after):
        return None
    previous = re.search(r"([\w'’\-]+)\s+$", before)
    if previous and previous.group(1).lower() in _NOUN_MARKERS:
        return None  # "his satirical TV show", "the report", "a claim": a noun, not the verb
    if (
        not lower.endswith(("s", "d"))
        and lower not in ("told", "wrote", "forecast", "thought")
        and re.search(
            r"\b(?:to|not|did|do|does|would|will|could|can|may|might|must|should)\s+$", before, re.IGNORECASE
        )
        and not re.search(r"\b(?:will|would)\s+$", before)
    ):
        return None

    # Inverted: "…, said Maria Huber." / "…," said the minister.
    inverted = _inverted_source(sentence, m) if lower not in _BELIEF_WORDS else None
    if inverted is not None:
        return inverted  # only saying verbs invert: "…, said X" but not "…, believes the advantages …"

    subject = _subject_before(sentence, m.start())
    if subject is None:
        return None
    s_start, s_end = subject
    source = sentence[s_start:s_end]
    end = m.end()
    if lower in ("told", "tells", "tell"):
        obj = _TOLD_OBJECT_RE.match(sentence, end)
        if obj:
            end = obj.end()
    that = _THAT_RE.match(sentence, end)
    if that:
        end = that.end()
    # "…, the company said." / "… prices will rise, analysts estimate." — trailing attribution.
    tail = sentence[end:].strip()
    trailing = (
        re.fullmatch(r"[\s.!?\"“”'’]*", sentence[end:] or "") is not None
        or re.match(r"\s*(?:on|in|at|last|this|earlier)\b[^,;]*[.!?]?[\"“”]?\s*$", sentence[end:]) is not None
    )
    if trailing and s_start > 0:
        # Remove from the comma before the subject through the verb and its adjuncts; after a
        # closing quote keep the quote ('"…," Huber said.' → '"…."').
        cut = re.search(r"[,;:]?\s*$", sentence[:s_start])
        start = cut.start() if cut and not re.search(r"[\"“”'’]\s*$", sentence[:s_start]) else s_start
        end_all = len(sentence.rstrip(" .!?\"“”'’")) if tail else end
        return EnglishAttribution("reporting", lower, source, start, end_all, s_start, s_end)
    return EnglishAttribution("reporting", lower, source, s_start, _skip_space(sentence, end), s_start, s_end)


def _starts_reported_clause(after: str) -> bool:
    stripped = after.lstrip()
    if not stripped or stripped[0] in ",.;:!?" + _QUOTES:
        return True
    first = _WORD_RE.match(stripped)
    if first is None:
        return False
    word = first.group(0)
    if word.lower() in _CLAUSE_STARTS:
        return True
    if word.lower() in ("on", "in", "at", "last", "this", "earlier") and re.match(
        r"(?:on\s+\w+day|in\s+a\s+statement|in\s+an\s+interview|last\s+\w+|this\s+\w+|earlier)\b",
        stripped,
        re.IGNORECASE,
    ):
        return True
    return word[:1].isupper() or word[:1].isdigit()


def _inverted_source(sentence: str, m: re.Match[str]) -> EnglishAttribution | None:
    before = sentence[: m.start()]
    if not re.search(r"[,\"“”'’]\s*$", before):
        return None
    if re.search(r",\s*(?:who|which)\b[^,;:]*,\s*$", before):
        return None  # "X, who …, said …": the verb follows its subject, it is not inverted
    rest = sentence[m.end() :]
    # "…, said Giorgos Kyritsis, spokesman for the crisis unit." -- an apposition may follow the name
    target = re.match(
        r"\s+([^,;:.!?]+?(?:,\s*(?:a|an|the|who|[a-z]+|[A-Z][\w'’\-]*)\b[^;:.!?]*?)?)\s*([.!?]?[\"“”]?\s*)$",
        rest,
    )
    if target is None:
        return None
    phrase = target.group(1)
    clause_verb = r"\b(?:that|is|are|was|were|had|has|have|will|would|could|did)\b"
    if (
        "," in phrase
        and re.search(clause_verb, phrase.split(",", 1)[1])
        and not re.search(r",\s*who\b", phrase)
    ):
        phrase = phrase.split(",", 1)[0]  # "…, said Maria Huber, adding that …": the name alone
        target = re.match(r"\s+(" + re.escape(phrase) + r")", rest)
        if target is None:
            return None
    words = phrase.split()
    if not words or len(words) > 14:
        return None
    if re.search(clause_verb, phrase) and not re.search(r",\s*who\b", phrase):
        return None
    if not (
        words[0][:1].isupper()
        or words[0].lower() in ("the", "a", "an", "his", "her", "their", "its")
        or any(w[:1].isupper() for w in words[1:])
    ):
        return None
    source_start = m.end() + target.start(1)
    source_end = m.end() + target.end(1)
    cut = re.search(r"[,;:]?\s*$", before)
    start = cut.start() if cut and not re.search(r"[\"“”'’]\s*$", before) else m.start()
    return EnglishAttribution(
        "reporting", m.group(1).lower(), phrase, start, source_end, source_start, source_end
    )


_PARENTHETICAL = re.compile(
    r",\s*(?:by contrast|in contrast|however|in turn|meanwhile|for (?:his|her|its|their) part|too|also|"
    r"though|on the other hand|for example|for instance|instead)\s*,\s*$",
    re.IGNORECASE,
)


def _subject_before(sentence: str, verb_start: int) -> tuple[int, int] | None:
    """The noun phrase ending just before a reporting verb (auxiliaries and adverbs skipped)."""
    parenthetical = _PARENTHETICAL.search(sentence[:verb_start])
    if parenthetical is not None:
        # "Cornelia Ecker, by contrast, believes …": the adverbial between commas is skipped
        verb_start = parenthetical.start()
    tokens = [
        (t.start(), t.end(), t.group(0)) for t in re.finditer(r"[\w'’.\-]+|[^\w\s]", sentence[:verb_start])
    ]
    # Skip auxiliaries, adverbs and time phrases between subject and verb: "Police have also said".
    i = len(tokens) - 1
    while i >= 0 and (
        tokens[i][2].lower() in _AUXILIARIES
        or tokens[i][2].lower().endswith("ly")
        and tokens[i][2][0].islower()
        or tokens[i][2].lower() in _TIME_WORDS
        and _is_time_phrase(tokens, i)
    ):
        i -= 1
    if i < 0:
        return None
    end = tokens[i][1]
    j = i
    words = 0
    open_apposition = False
    while j >= 0:
        text = tokens[j][2]
        low = text.lower()
        if re.fullmatch(r"[^\w\s]", text):
            if text == "," and j == i and _apposition_ok(tokens, j, i):
                opening = max(k for k in range(j) if tokens[k][2] == ",")
                if opening + 1 < j and tokens[opening + 1][2].lower() in ("who", "which") and opening > 0:
                    # "Minister X, who said nothing about the crash, called …": the relative
                    # clause is no part of the subject
                    i = j = opening - 1
                    end = tokens[i][1]
                    continue
                open_apposition = True  # closing comma of 'Huber, a spokeswoman …,'
                j -= 1
                continue
            if text == "," and open_apposition:
                open_apposition = False  # its opening comma
                j -= 1
                continue
            break
        if low in _CLAUSE_WORDS:
            break
        words += 1
        if words > 12:
            return None
        j -= 1
    start_index = j + 1
    if start_index > i:
        return None
    start = tokens[start_index][0]
    phrase = sentence[start:end]
    # Strip a leading time phrase or connective left inside the span ("On Monday police").
    lead = re.match(
        r"(?:(?:on|last|this|earlier|in)\s+\w+day,?\s+|(?:meanwhile|now|also|then),?\s+)",
        phrase,
        re.IGNORECASE,
    )
    if lead:
        start += lead.end()
        phrase = sentence[start:end]
    if phrase.strip() and not _looks_like_source(phrase):
        # A long run of words before the verb ("… under an education compass the government"):
        # the subject is the last determiner- or name-led noun phrase in it.
        for m in re.finditer(r"\b(?:the|a|an|his|her|their|its)\s|(?<![\w'’-])[A-Z]", phrase):
            candidate = phrase[m.start() :]
            if len(candidate.split()) <= 6 and _looks_like_source(candidate):
                start += m.start()
                phrase = candidate
                break
        else:
            return None
    if not phrase.strip() or not _looks_like_source(phrase):
        return None
    return start, end


def _is_time_phrase(tokens: list[tuple[int, int, str]], i: int) -> bool:
    word = tokens[i][2].lower()
    if word in ("yesterday", "today", "tonight", "earlier", "later"):
        return True
    return word.endswith("day") and i > 0 and tokens[i - 1][2].lower() in ("on", "last", "this")


def _apposition_ok(tokens: list[tuple[int, int, str]], comma: int, last: int) -> bool:
    """A comma inside the subject: 'Huber, a spokeswoman for the police,' / 'Huber, who heads X,'."""
    inner = [t[2] for t in tokens[comma + 1 : last + 1]]
    if not inner:
        # The comma right before the verb closes an apposition whose opening comma precedes it.
        opening = [k for k in range(comma - 1, -1, -1) if tokens[k][2] == ","]
        if not opening:
            return False
        inner_words = [t[2].lower() for t in tokens[opening[0] + 1 : comma]]
        before_opening = tokens[opening[0] - 1][2] if opening[0] > 0 else ""
        return (
            bool(inner_words)
            and inner_words[0] in ("a", "an", "the", "who", "which", "whose", "head", "chief")
            and len(inner_words) <= 12
            and (before_opening[:1].isupper() or inner_words[0] in ("who", "which"))
            and not before_opening.lower().endswith("day")
        )
    # A comma with subject words after it opens no apposition ("…in March, the company says"):
    # an apposition is closed by a comma right before the verb.
    return False


def _looks_like_source(phrase: str) -> bool:
    words = phrase.split()
    if not words:
        return False
    low = phrase.lower().strip()
    if low in _PRONOUN_SOURCES:
        return True
    first = words[0]
    # A source is a name, a determiner-led noun phrase or a bare plural ("officials", "analysts").
    if first[:1].isupper() or first[:1].isdigit():
        return True
    if first.lower() in (
        "the",
        "a",
        "an",
        "his",
        "her",
        "their",
        "its",
        "our",
        "some",
        "many",
        "several",
        "two",
        "three",
        "local",
        "state",
        "federal",
        "police",
        "officials",
        "experts",
        "analysts",
        "economists",
        "prosecutors",
        "investigators",
        "authorities",
        "witnesses",
        "researchers",
        "scientists",
        "sources",
        "observers",
        "doctors",
        "residents",
        "critics",
        "activists",
    ):
        return True
    if len(words) <= 4 and _source_nouns(words[-1]):
        return True  # "city officials", "state police", "local residents"
    return len(words) == 1 and words[0].endswith("s")


def _source_nouns(word: str) -> bool:
    from service.attribution.names import english_concepts

    return bool(english_concepts(word))


def _removal_span(sentence: str, start: int, end: int) -> tuple[int, int]:
    """Widen an 'according to X' span so removing it leaves a clean sentence."""
    after = sentence[end:]
    if start == 0 or not sentence[:start].strip():
        comma = re.match(r"\s*,\s*", after)
        return 0, end + (comma.end() if comma else 0)
    cut = re.search(r"\s*,?\s*$", sentence[:start])
    new_start = cut.start() if cut else start
    if re.match(r"\s*,", after) and not re.search(r",\s*$", sentence[:start]):
        # Mid-sentence "…, according to X, …": keep one comma.
        return new_start, end
    return new_start, end


def _skip_space(sentence: str, end: int) -> int:
    while end < len(sentence) and sentence[end] in " ,":
        end += 1
    return end


def remove_attribution(sentence: str, attribution: EnglishAttribution) -> str:
    """The sentence with one attribution construction taken out, tidied ('…, the company says.' → '….')."""
    text = sentence[: attribution.start] + sentence[attribution.end :]
    text = re.sub(r"\s+([,.;:!?])", r"\1", text)
    text = re.sub(r",\s*([.!?])", r"\1", text)
    text = re.sub(r"\s{2,}", " ", text).strip()
    text = re.sub(r"^[,;:\s]+", "", text)
    text = re.sub(r',(["“”’])\s*\.?\s*$', r".\1", text)  # '"Quote," Huber said.' → '"Quote."'
    if text and text[0].islower():
        text = text[0].upper() + text[1:]
    if text and text[-1] not in '.!?"“”’':
        text += "."
    return text
