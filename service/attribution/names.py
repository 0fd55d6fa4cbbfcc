"""Does an English phrase name the same source as a German attribution?

Sources come in three shapes, and each is matched its own way:

* **person and outlet names** ("Alexej Nawalny", "APA", "Kurier"): compared by a phonetic key
  that folds German and English transliterations together (Nawalny/Navalny, Kyjiw/Kyiv,
  Tschaikowski/Tchaikovsky, Selenskyj/Zelenskyy, Müller/Mueller), so "Navalny" in a brief
  names "Nawalny" in the German. A surname alone names the person.
* **roles and institutions** ("Sprecherin der Landespolizei", "das Innenministerium"): German
  nouns (also inside compounds) map to *concepts* through a small lexicon; the English phrase
  names the source when it shares a concept and adds no conflicting specific one ("the interior
  ministry" names "Innenministerium", not "Außenministerium"; "police" names the police
  spokeswoman).
* **anything else**: the bitext knows how the translator rendered the source
  (``rendering``); an English phrase that matches that rendering names the source.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from anyascii import anyascii  # ISC licence (unidecode is GPL, so not used)
from rapidfuzz import fuzz

# Name keys this similar (rapidfuzz ratio, 0-100) are the same name.
NAME_KEY_MIN_RATIO = 88
# A score at or above this is a match (see source_match_score).
MATCH_THRESHOLD = 0.5


@dataclass(frozen=True)
class Concept:
    """A role or institution, with the German stems and English words that express it."""

    id: str
    german: tuple[str, ...]
    english: tuple[str, ...]
    english_label: str
    # Modifiers ("state", "federal", a spokesperson speaking *for* an institution) narrow a
    # source without naming a different one, so an English phrase may add them freely.
    modifier: bool = False


# German stems are matched inside lower-cased, umlaut-folded words (compounds included);
# English words are matched as whole lower-cased words (a trailing plural 's' allowed).
CONCEPTS: tuple[Concept, ...] = (
    Concept(
        "police",
        ("polizei", "polizist", "exekutive", "gendarmerie"),
        ("police", "policeman", "policewoman", "officers", "cops"),
        "police",
    ),
    Concept("interior", ("innenminister", "innenressort", "innenamt"), ("interior", "home"), "interior"),
    Concept(
        "foreign",
        ("aussenminister", "aussenamt", "auswaertig", "aussenressort"),
        ("foreign", "state department"),
        "foreign",
    ),
    Concept("finance", ("finanz",), ("finance", "treasury", "financial"), "finance"),
    Concept("defence", ("verteidigung", "kriegsminister"), ("defence", "defense", "pentagon"), "defence"),
    Concept("justice", ("justiz",), ("justice", "judiciary", "judicial"), "justice"),
    Concept("health", ("gesundheit",), ("health",), "health"),
    Concept(
        "economy",
        ("wirtschaftsminister", "wirtschaftsressort"),
        ("economy", "economic", "economics"),
        "economy",
    ),
    Concept("social", ("sozialminister", "sozialressort"), ("social",), "social affairs"),
    Concept("education", ("bildungsminister", "unterrichtsminister"), ("education",), "education"),
    Concept("ministry", ("ministerium", "ressort"), ("ministry", "department"), "ministry"),
    Concept("minister", ("minister",), ("minister", "secretary"), "minister"),
    Concept(
        "government",
        ("regierung", "kabinett", "exekutive"),
        ("government", "administration", "cabinet"),
        "government",
    ),
    Concept(
        "spokesperson",
        ("sprecher",),
        ("spokesman", "spokeswoman", "spokesperson", "spokespeople", "speaker"),
        "spokesperson",
        modifier=True,
    ),
    Concept(
        "prosecutor",
        ("staatsanwalt", "anklage", "ankläger", "anklaeger"),
        ("prosecutor", "prosecutors", "prosecution", "attorney"),
        "prosecutors",
    ),
    Concept("court", ("gericht", "richter", "tribunal"), ("court", "judge", "tribunal", "judges"), "court"),
    Concept(
        "authorities",
        ("behoerde", "amtsstelle", "beamte", "offizielle", "verantwortliche", "praefektur"),
        ("authorities", "authority", "officials", "official", "agency", "prefecture"),
        "authorities",
    ),
    Concept("chancellor", ("kanzler",), ("chancellor",), "chancellor"),
    Concept("president", ("praesident",), ("president",), "president"),
    Concept("mayor", ("buergermeister",), ("mayor",), "mayor"),
    Concept(
        "presidency",
        ("praesidialamt", "praesidentschaftskanzlei", "hofburg"),
        ("presidential office", "presidency"),
        "presidential office",
    ),
    Concept(
        "councillor",
        (
            "gemeinderat",
            "gemeinderaetin",
            "stadtrat",
            "stadtraetin",
            "landesrat",
            "landesraetin",
            "bezirksrat",
            "bezirksraetin",
        ),
        ("councillor", "councilor", "councilman", "councilwoman"),
        "councillor",
    ),
    Concept("governor", ("landeshauptmann", "landeshauptfrau", "gouverneur"), ("governor",), "governor"),
    Concept(
        "company",
        ("unternehmen", "konzern", "firma", "hersteller", "betreiber", "gesellschaft"),
        ("company", "firm", "group", "corporation", "manufacturer", "operator", "carmaker", "maker"),
        "company",
    ),
    Concept(
        "military",
        ("armee", "militaer", "bundesheer", "streitkraefte", "soldat", "truppen"),
        ("army", "military", "armed forces", "troops", "soldiers"),
        "military",
    ),
    Concept("union", ("gewerkschaft",), ("union", "unions", "trade union"), "union"),
    Concept("party", ("partei",), ("party",), "party"),
    Concept(
        "expert",
        ("experte", "expertin", "fachleute", "fachmann", "fachfrau"),
        ("expert", "experts", "specialist", "specialists"),
        "experts",
    ),
    Concept("analyst", ("analyst",), ("analyst", "analysts"), "analysts"),
    Concept(
        "economist",
        ("oekonom", "wirtschaftsforscher", "volkswirt"),
        ("economist", "economists"),
        "economists",
    ),
    Concept(
        "researcher",
        ("forscher", "wissenschafter", "wissenschaftler", "wissenschaft"),
        ("researcher", "researchers", "scientist", "scientists", "scholars"),
        "researchers",
    ),
    Concept(
        "study",
        ("studie", "untersuchung", "umfrage", "analyse"),
        ("study", "studies", "survey", "poll", "research", "analysis"),
        "study",
    ),
    Concept(
        "media",
        ("medien", "zeitung", r"blatt\b", "magazin", r"sender\b", "fernsehen", r"\btv\b"),
        (
            "media",
            "newspaper",
            "paper",
            "daily",
            "magazine",
            "broadcaster",
            "television",
            "tv",
            "outlet",
            "press",
        ),
        "media",
    ),
    Concept("report", ("bericht", "meldung"), ("report", "reports", "reportedly", "reporting"), "reports"),
    Concept("agency", ("agentur", "nachrichtenagentur"), ("agency", "news agency", "wire"), "agency"),
    Concept(
        "statistics",
        ("statistik",),
        ("statistics", "statistical", "statistician", "statisticians"),
        "statistics office",
    ),
    Concept(
        "witness",
        ("zeuge", "zeugin", "augenzeuge", "anrainer", "anwohner"),
        ("witness", "witnesses", "eyewitness", "eyewitnesses", "residents", "neighbours", "neighbors"),
        "witnesses",
    ),
    Concept(
        "fire_brigade",
        ("feuerwehr",),
        ("fire brigade", "firefighters", "fire department", "fire service", "firemen"),
        "fire brigade",
    ),
    Concept(
        "rescue",
        ("rettung", "retter", "einsatzkraefte", "sanitaeter", "notarzt"),
        ("rescuers", "rescue", "paramedics", "emergency services", "emergency"),
        "rescue services",
    ),
    Concept("red_cross", ("roten kreuz", "rotes kreuz", "rote kreuz"), ("red cross",), "Red Cross"),
    Concept(
        "un",
        (r"\buno\b", "vereinte nationen", "vereinten nationen", r"\bun-"),
        ("un", "united nations"),
        "UN",
    ),
    Concept("eu", (r"\beu-", "europaeische union", r"\beu\b"), ("eu", "european union"), "EU"),
    Concept("commission", ("kommission",), ("commission",), "commission"),
    Concept(
        "central_bank",
        ("zentralbank", "notenbank", "nationalbank", "ezb"),
        ("central bank", "national bank", "ecb"),
        "central bank",
    ),
    Concept(
        "state",
        ("landes", "bundesland"),
        ("state", "provincial", "regional", "province"),
        "state",
        modifier=True,
    ),
    Concept("federal", ("bundes",), ("federal",), "federal", modifier=True),
    Concept(
        "city",
        (r"stadt(?!ra)", r"gemeinde(?!ra)", "magistrat", "rathaus"),
        ("city", "municipal", "town", "municipality", "council"),
        "city",
    ),
    Concept("opposition", ("opposition",), ("opposition",), "opposition"),
    Concept("observer", ("beobachter",), ("observer", "observers", "monitors", "monitor"), "observers"),
    Concept(
        "activist", ("aktivist", "menschenrechtler"), ("activist", "activists", "campaigners"), "activists"
    ),
    Concept(
        "doctor",
        ("arzt", "aerzt", "mediziner", "klinik", "spital", "krankenhaus"),
        ("doctor", "doctors", "physician", "physicians", "medics", "hospital", "clinic"),
        "doctors",
    ),
    Concept(
        "head",
        ("chef", "leiter", "direktor", "vorsitzend", "vorstand", "praesidentin", "obmann", "obfrau", "boss"),
        (
            "head",
            "chief",
            "director",
            "boss",
            "chairman",
            "chairwoman",
            "chair",
            "ceo",
            "leader",
            "executive",
        ),
        "head",
        modifier=True,
    ),
    Concept("embassy", ("botschaft",), ("embassy",), "embassy"),
    Concept(
        "insiders",
        ("kreise", "insider", "quelle"),
        ("sources", "source", "insiders", "insider", "circles"),
        "sources",
    ),
    Concept("office", (r"(?<!ges)amt\b", r"amtes\b", "buero", "kanzlei"), ("office", "bureau"), "office"),
    Concept("institute", ("institut",), ("institute",), "institute"),
    Concept(
        "association",
        ("verband", "verein", "vereinigung", "lobby"),
        ("association", "federation", "lobby", "club", "society"),
        "association",
    ),
    Concept("chamber", ("kammer",), ("chamber",), "chamber"),
    Concept(
        "parliament",
        ("parlament", "nationalrat", "bundestag", "landtag", "abgeordnet"),
        ("parliament", "parliamentary", "lawmakers", "legislature", "mp", "mps", "deputies"),
        "parliament",
    ),
    Concept("kremlin", ("kreml",), ("kremlin",), "Kremlin"),
    Concept("white_house", ("weisse haus", "weissen haus", "weisses haus"), ("white house",), "White House"),
    Concept(
        "lawyer",
        (r"(?<!staats)anwalt", r"(?<!staats)anwaeltin", "verteidiger", "rechtsvertreter"),
        ("lawyer", "lawyers", "attorney", "counsel", "defence", "defense"),
        "lawyer",
    ),
    Concept(
        "investigator",
        ("ermittler", "fahnder"),
        ("investigators", "investigator", "detectives"),
        "investigators",
    ),
    Concept(
        "organisers",
        ("veranstalter", "organisator"),
        ("organisers", "organizers", "organiser", "organizer"),
        "organisers",
    ),
    Concept("airline", ("fluglinie", "fluggesellschaft", "airline"), ("airline", "carrier"), "airline"),
    Concept("club", ("klub", "club", "verein"), ("club", "team"), "club"),
    Concept("coach", ("trainer", "coach"), ("coach", "manager", "trainer"), "coach"),
    Concept(
        "ngo",
        ("hilfsorganisation", "organisation", "ngo"),
        ("organisation", "organization", "ngo", "charity", "group"),
        "organisation",
    ),
    Concept("greens", ("gruene", "gruenen"), ("greens", "green"), "Greens"),
    # round 6: parties to a case, citizens, press bodies, dissidents
    Concept(
        "plaintiff",
        ("klaeger", "klaegerin"),
        ("plaintiff", "plaintiffs", "claimant", "claimants"),
        "plaintiff",
    ),
    Concept("citizen", ("buerger", "buergerin"), ("citizen", "citizens", "resident", "residents"), "citizen"),
    Concept("press_council", ("presserat",), ("press council",), "Press Council"),
    Concept("dissident", ("dissident", "regimekritiker"), ("dissident", "dissidents"), "dissident"),
    Concept("post", ("posting", "eintrag", "beitrag", "post"), ("post", "posting", "entry"), "post"),
)

_CONCEPTS_BY_ID = {c.id: c for c in CONCEPTS}

# Words that carry no identity in a source phrase, in either language.
_FUNCTION_WORDS = frozenset(
    [
        # Days name no one: 'die Agentur Ukrinform am Freitag' is Ukrinform.
        "montag",
        "dienstag",
        "mittwoch",
        "donnerstag",
        "freitag",
        "samstag",
        "sonntag",
        "wochenende",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "der",
        "die",
        "das",
        "des",
        "dem",
        "den",
        "ein",
        "eine",
        "einer",
        "eines",
        "einem",
        "einen",
        "und",
        "oder",
        "von",
        "vom",
        "zum",
        "zur",
        "im",
        "in",
        "am",
        "an",
        "auf",
        "aus",
        "bei",
        "mit",
        "nach",
        "laut",
        "zufolge",
        "für",
        "fuer",
        "gegenueber",
        "gegenüber",
        "sowie",
        "wie",
        "seine",
        "seiner",
        "ihr",
        "ihre",
        "ihrer",
        "dessen",
        "deren",
        "the",
        "a",
        "an",
        "of",
        "for",
        "and",
        "or",
        "to",
        "at",
        "in",
        "on",
        "by",
        "with",
        "from",
        "as",
        "his",
        "her",
        "its",
        "their",
        "our",
        "this",
        "that",
        "these",
        "those",
        "who",
        "which",
        "said",
        "says",
        "told",
        "according",
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "mag",
        "ing",
        "welt",
        "ganzen",
        "land",
        "landes",
        "seite",
        "angaben",
        "informationen",
        "kreisen",
        "kreise",
        "bericht",
        "berichten",
        "meldungen",
    ]
)

# English pronouns that refer back to a source named earlier.
PRONOUNS = frozenset({"he", "she", "they", "it", "him", "her", "them", "the latter", "the former"})

_WORD = re.compile(r"[\w'’\-]+", re.UNICODE)
_PARENTHESES = re.compile(r"\([^)]*\)")


def fold_german(text: str) -> str:
    """Lower-case, umlauts and ß spelled out (ä→ae, ß→ss), accents stripped: 'Außen' → 'aussen'."""
    lowered = text.lower()
    for umlaut, spelled in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        lowered = lowered.replace(umlaut, spelled)
    return anyascii(lowered)


# Ordered rewrites that bring German and English transliterations of one name together.
_KEY_REWRITES: tuple[tuple[str, str], ...] = (
    ("tsch", "ch"),
    ("tch", "ch"),
    ("sch", "sh"),
    ("zh", "sh"),
    ("ck", "k"),
    ("ph", "f"),
    ("th", "t"),
    ("ae", "a"),
    ("oe", "o"),
    ("ue", "u"),
    ("ks", "x"),
    ("w", "v"),
    ("z", "s"),
    ("j", "i"),
    ("y", "i"),
    ("c", "k"),
    ("h", ""),
)


@lru_cache(maxsize=8192)
def name_key(name: str) -> str:
    """A spelling-insensitive key: 'Selenskyj', 'Zelensky' and 'Zelenskyy' all become 'selenski'."""
    key = re.sub(r"[^a-z]", "", fold_german(name))
    if len(key) > 5 and key.endswith("ien"):
        key = key[:-3] + "ia"  # country names: Mazedonien/Macedonia, Syrien/Syria, Serbien/Serbia
    for old, new in _KEY_REWRITES:
        key = key.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", key)  # doubled letters: Zelenskyy/Selenskyj, Mueller/Muller


def same_name(a: str, b: str) -> bool:
    """Two single name tokens are the same name, across German/English spellings."""
    ka, kb = name_key(a), name_key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    if min(len(ka), len(kb)) < 4:
        return False
    return fuzz.ratio(ka, kb) >= NAME_KEY_MIN_RATIO


@dataclass(frozen=True)
class SourceParts:
    """A source phrase taken apart: its name tokens and its role/institution concepts."""

    names: tuple[str, ...]
    surnames: tuple[str, ...]
    concepts: frozenset[str]


def english_concepts(text: str) -> set[str]:
    """The role/institution concepts an English phrase expresses ('city officials' → city, authorities)."""
    return _english_concepts(text)


# 'specialist media', 'expert panel': the word describes the noun after it, not a person.
_ATTRIBUTIVE_EXPERT = re.compile(
    r"\b(?:specialist|expert)\s+(?=(?:media|press|magazines?|journals?|outlets?|papers?|sites?)\b)"
)


def _english_concepts(text: str) -> set[str]:
    lowered = " " + _ATTRIBUTIVE_EXPERT.sub(" ", re.sub(r"[^\w\s-]", " ", text.lower())) + " "
    found: set[str] = set()
    # Multi-word names first, taken out of the text: "Press Council" is neither the press nor a
    # city council.
    for concept in CONCEPTS:
        for word in concept.english:
            if " " in word:
                pattern = rf"(?<![\w-]){re.escape(word)}s?(?![\w-])"
                if re.search(pattern, lowered):
                    found.add(concept.id)
                    lowered = re.sub(pattern, " ", lowered)
    for concept in CONCEPTS:
        for word in concept.english:
            if " " not in word and re.search(rf"(?<![\w-]){re.escape(word)}s?(?![\w-])", lowered):
                found.add(concept.id)
                break
    return found


# Ministry and agency acronyms of German and Austrian copy, spelled out for the concept lexicon
# ("laut BMI" is the interior ministry's claim; a brief says "the Interior Ministry").
_GERMAN_ACRONYMS = {
    "bmi": "innenministerium",
    "bmf": "finanzministerium",
    "bmj": "justizministerium",
    "bmeia": "aussenministerium",
    "bmlv": "verteidigungsministerium",
    "bmvg": "verteidigungsministerium",
    "bmg": "gesundheitsministerium",
}


def _german_concepts(text: str) -> set[str]:
    text = " ".join(_GERMAN_ACRONYMS.get(w.lower(), w) for w in text.split())
    folded = " " + fold_german(text) + " "
    found: set[str] = set()
    for concept in CONCEPTS:
        if any(re.search(fold_german(stem), folded) for stem in concept.german):
            found.add(concept.id)
    # "Innenministerium" is a ministry *and* the interior; "Innenminister" the minister.
    if (
        "ministry" in found
        and "minister" in found
        and "ministerium" in folded
        and not re.search(r"minister(?!ium)", folded)
    ):
        found.discard("minister")
    return found


def _word_concepts(word: str, german: bool) -> set[str]:
    return _german_concepts(word) if german else _english_concepts(word)


@lru_cache(maxsize=4096)
def parse_source(text: str, german: bool) -> SourceParts:
    """Split a source phrase into name tokens (what is left after the lexicon) and concepts.

    Party labels in parentheses ("Katzian (SPÖ)") are ignored: they describe, not name.
    """
    text = _PARENTHESES.sub(" ", text)
    concepts = _german_concepts(text) if german else _english_concepts(text)
    names: list[str] = []
    surnames: list[str] = []
    run: list[str] = []
    for raw in _WORD.findall(text):
        for part in re.split(r"[-’']", raw):
            if not part:
                continue
            is_name = (
                (part[0].isupper() or part.isupper() or any(ch.isdigit() for ch in part))
                and fold_german(part) not in _FUNCTION_WORDS
                and not _DAY_TIME.fullmatch(fold_german(part))
            )
            if is_name and not _word_concepts(part, german):
                names.append(part)
                run.append(part)
            else:
                if run:
                    surnames.append(_surname_of(run))
                run = []
    if run:
        surnames.append(_surname_of(run))
    return SourceParts(tuple(names), tuple(surnames), frozenset(concepts))


# 'am Dienstagvormittag': a time, not a name.
_DAY_TIME = re.compile(
    r"(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)(?:vormittag|nachmittag|abend|morgen|nacht|mittag)?"
)


def _surname_of(run: list[str]) -> str:
    """The identifying token of a name run: its last word, unless that is an initial ('Hasan E.')."""
    if len(run) > 1 and len(run[-1]) == 1:
        return run[-2]
    return run[-1]


def _specific(concepts: Iterable[str]) -> set[str]:
    return {c for c in concepts if not _CONCEPTS_BY_ID[c].modifier}


# Concepts one may stand for the other (the judiciary speaks through its prosecutors).
_RELATED = {
    "justice": {"prosecutor", "court"},
    "prosecutor": {"justice"},
    "court": {"justice"},
    "authorities": {"police", "government", "ministry"},
}


def _concept_score(german: frozenset[str], english: frozenset[str]) -> float:
    """1.0 when the English adds no conflicting specific concept, partial credit otherwise."""
    if _specific(german) <= _RELATED.keys():
        # Only a generic source stands for a related one: 'the authorities' may be the police, but
        # 'the state agency Ukrinform' ('agency' also reads as 'authorities') is not.
        german = german | frozenset(r for c in german for r in _RELATED.get(c, ()) if r in english)
    shared = german & english
    if not shared:
        return 0.0
    if _specific(german) and not _specific(shared):
        # Only modifiers shared ("spokesperson" for "Polizeisprecher" vs "party spokesman").
        return 0.4 if not _specific(english) else 0.0
    conflicting = _specific(english - german)
    # "ministry"/"minister" and "government" overlap in use; "office" is generic.
    conflicting -= {"ministry", "minister", "government", "office", "authorities"}
    if conflicting:
        return 0.0
    return 1.0


def _name_score(german: SourceParts, english_text: str) -> float:
    english_words = [p for raw in _WORD.findall(english_text) for p in re.split(r"[-’']", raw) if p]
    if not german.names:
        return 0.0
    best = 0.0
    for name in german.names:
        if len(name_key(name)) < 2:
            continue
        if any(same_name(name, word) for word in english_words):
            # A surname (last token of a name run) or a one-word name identifies the source;
            # a first name alone only hints at it.
            best = max(best, 1.0 if name in german.surnames else 0.45)
    return best


_INITIALISM_SKIP = frozenset({"of", "the", "for", "and", "on", "de", "des", "du"})


def _initialisms(english_text: str) -> set[str]:
    """Initials of every run of capitalised words ('World Food Programme' -> WFP, 'United
    Nations High Commissioner for Refugees' -> UNHCR), so an acronym in German matches."""
    out: set[str] = set()
    run: list[str] = []
    for word in [*re.findall(r"[\w'’\-]+", english_text), ""]:
        if word.lower() in _INITIALISM_SKIP:
            if run:
                continue
            continue  # "The World Food Programme": the article is no initial
        if word[:1].isupper():
            run.append(word[0])
            continue
        if len(run) >= 2:
            out.add("".join(run))
        run = []
    return out


def source_match_score(german_source: str, english: str, *, rendering: str | None = None) -> float:
    """How surely ``english`` (a phrase or a whole sentence) names ``german_source``, in [0, 1].

    ``rendering`` is how the translator rendered the source in the bitext (e.g. "the
    Chamber of Commerce" for "die Wirtschaftskammer"); matching it covers nouns the
    lexicon does not know.
    """
    if not german_source.strip() or not english.strip():
        return 0.0
    german = parse_source(german_source, True)
    english_parts = parse_source(english, False)
    score = _name_score(german, english)
    acronyms = set(re.findall(r"\b[A-ZÄÖÜ]{2,6}\b", german_source))
    if acronyms & _initialisms(english):
        score = 1.0  # "das Welternährungsprogramm (WFP)" is "the World Food Programme"
    content = [w for w in re.findall(r"[\w\-]+", german_source) if w.lower() not in _FUNCTION_WORDS]
    # a lower-case brand or agency name ("der dpa", "die taz") is written the same in English
    if (
        len(content) == 1
        and len(content[0]) >= 3
        and content[0].islower()
        and re.search(rf"(?<![\w-]){re.escape(content[0])}(?![\w-])", english, re.IGNORECASE)
    ):
        score = 1.0
    if german.concepts and english_parts.concepts:
        score = max(score, _concept_score(german.concepts, english_parts.concepts))
    if rendering and rendering.strip() and score < 1.0:
        score = max(score, english_similarity(rendering, english))
    return score


def role_match_score(german_role: str, english: str) -> float:
    """How surely ``english`` names the holder of a German role, by the role's concepts only."""
    german = parse_source(german_role, True).concepts
    english_concepts = parse_source(english, False).concepts
    if not german or not english_concepts:
        return 0.0
    return _concept_score(german, english_concepts)


def same_source(german_source: str, english_text_or_span: str, *, rendering: str | None = None) -> bool:
    """True when the English phrase names the German source (spelling, role or rendering)."""
    return source_match_score(german_source, english_text_or_span, rendering=rendering) >= MATCH_THRESHOLD


_POSSESSIVE_NAME = re.compile(r"\b[A-Z][\w\-]*['’]s?(?=\s)")


def english_similarity(reference: str, candidate: str) -> float:
    """How well ``candidate`` names the same source as the English ``reference`` phrase."""
    # "Prieth's lawyer Mathias Kapferer" names Kapferer, not Prieth.
    reference = _POSSESSIVE_NAME.sub(" ", reference)
    ref = parse_source(reference, False)
    cand = parse_source(candidate, False)
    if ref.surnames and any(same_name(s, w) for s in ref.surnames for w in cand.names):
        return 1.0
    if ref.concepts and cand.concepts:
        concept = _concept_score(ref.concepts, cand.concepts)
        if concept:
            return concept
    ref_words = _content_words(reference)
    cand_words = _content_words(candidate)
    if not ref_words or not cand_words:
        return 0.0
    shared = sum(1 for w in ref_words if any(same_name(w, c) for c in cand_words))
    return shared / len(ref_words)


def _content_words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if w not in _FUNCTION_WORDS and len(w) > 2]


def is_pronoun(span: str) -> bool:
    return span.strip().lower() in PRONOUNS


def english_label(german_source: str) -> str:
    """A short English name for a German source: names kept as written, roles translated.

    'GPA-djp-Chef Wolfgang Katzian (SPÖ)' → 'Wolfgang Katzian'; 'Statistik Austria' stays;
    'Sprecherin der Landespolizei' → 'the state police spokesperson'; 'das Innenministerium'
    → 'the interior ministry'. Callers that have the bitext prefer the translator's rendering.
    """
    text = _PARENTHESES.sub(" ", german_source).strip()
    words = [w for w in _WORD.findall(text) if fold_german(w) not in _FUNCTION_WORDS]
    parts = parse_source(text, True)
    if words and parts.names and not parts.concepts:
        return " ".join(words)  # a proper name throughout: 'Wiener Linien', 'Alexej Nawalny'
    if parts.names:
        runs: list[list[str]] = [[]]
        for raw in _WORD.findall(text):
            pieces = [p for p in re.split(r"-", raw) if p]
            if pieces and all(p in parts.names for p in pieces):
                runs[-1].append(raw)  # 'Mikl-Leitner' stays one name
                continue
            for piece in pieces:
                if piece in parts.names:
                    runs[-1].append(piece)
                elif runs[-1]:
                    runs.append([])
        named = [r for r in runs if r]
        if named:
            return " ".join(named[-1])
    if parts.concepts:
        order = [c.id for c in CONCEPTS]
        ids = sorted(parts.concepts, key=lambda c: _label_rank(c, order))
        if "minister" in ids and "ministry" in ids:
            ids.remove("ministry")
        label = " ".join(_CONCEPTS_BY_ID[c].english_label for c in ids)
        return label if label[:1].isupper() else f"the {label}"
    return text


# Modifiers first ("state police"), the institution next, the person role last
# ("police spokesperson", "interior ministry").
_LABEL_FIRST = (
    "federal",
    "state",
    "city",
    "interior",
    "foreign",
    "finance",
    "defence",
    "justice",
    "health",
    "economy",
    "social",
    "education",
)
_LABEL_LAST = ("spokesperson", "head", "minister", "ministry")


def _label_rank(concept_id: str, order: list[str]) -> tuple[int, int]:
    if concept_id in _LABEL_FIRST:
        return (0, _LABEL_FIRST.index(concept_id))
    if concept_id in _LABEL_LAST:
        return (2, _LABEL_LAST.index(concept_id))
    return (1, order.index(concept_id))
