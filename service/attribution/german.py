"""German word-level helpers for attribution extraction: tokens, lemmas, Konjunktiv, gender.

Lemmas come from ``simplemma`` (MIT, dictionary lookup, no model weights). Konjunktiv I is
recognised where it differs from the indicative: a listed form ("sei", "habe", "könne"),
or a lower-case word that is its verb's infinitive minus the final "n" ("liege" from
"liegen", "zurücktrete" from "zurücktreten", "ändere" from "ändern").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import simplemma

from service.attribution import lexicon

# Words (with inner hyphens, apostrophes, dots in numbers/abbreviations like "Dr.") and single
# punctuation marks. A dot ends a token unless a digit follows it ("14.", "1.25" stay split
# in a way that never matters for the rules below).
_ABBREVIATION = (
    r"(?:Mio|Mrd|Dr|Prof|bzw|ca|St|Nr|Mag|Ing|Dipl|vgl|etc|usw|Abs|Tel|Str|inkl|exkl|zzgl|evtl|ggf|"
    r"sog|Hr|Fr|Jh|Mio|Tsd|Mr|Mrs|Ms|u\.a|z\.B|d\.h|[A-ZÄÖÜ])\."
)
# A decimal comma stays inside its number ("15,5 Millionen"): it closes no clause.
_TOKEN = re.compile(
    _ABBREVIATION
    + r"(?=\s)|\d+(?:,\d+)+(?:\.\d+)*|\d+\.(?=\s+\w)|\w+(?:[-'’.]\w+)*-?|[„“\"‚‘«»,;:.!?()\[\]–—/&-]"
)

CLAUSE_PUNCT = frozenset({",", ";", ":", "–", "—", "(", ")", ".", "!", "?", "„", "“", '"', "-"})
HARD_PUNCT = frozenset({";", ":", "–", "—", ".", "!", "?"})


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum()

    @property
    def is_capitalised(self) -> bool:
        # "72-Jährige", "3D-Drucker": a noun that starts with a number is still a noun
        if (self.text[0].isdigit() or self.text[:3].lower() in _ARTICLE_PREFIXES) and "-" in self.text:
            # "72-Jährige", "al-Mansuri", "el-Sisi": a noun or a name after its prefix
            tail = self.text.split("-", 1)[1]
            return bool(tail) and tail[0].isupper()
        return self.text[0].isupper()


_ARTICLE_PREFIXES = frozenset({"al-", "el-", "ad-", "as-", "at-", "az-", "ar-", "an-"})


def tokenize(sentence: str) -> list[Token]:
    """Split a sentence into word and punctuation tokens with their character offsets."""
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(sentence)]


@lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """The German lemma of a word form (lower-cased for verbs), or the word itself if unknown.

    A lower-case form that is itself the infinitive of a reporting verb stays that verb:
    the dictionary's first reading of "meinen" is the possessive "mein".
    """
    if word in lexicon.SPEECH_VERBS or word in lexicon.BELIEF_VERBS:
        return word
    return simplemma.lemmatize(word, lang="de")


def is_konjunktiv_i(word: str) -> bool:
    """Whether a lower-case word form is a Konjunktiv I form distinct from the indicative.

    Context (a preceding "ich", "als ob") is the caller's business: "habe" is also 1st person.
    """
    if not word or not word[0].islower() or word in lexicon.NOT_KONJUNKTIV:
        return False
    if word in lexicon.KONJUNKTIV_I_FORMS:
        return True
    if not word.endswith("e") or len(word) < 4:
        return False
    base = lemma(word)
    if base == word or not base[0].islower():
        return False
    # weak and strong verbs: "liegen" -> "liege"; -ern/-eln verbs: "ändern" -> "ändere".
    if base.endswith("en") and word == base[:-1]:
        return True
    return bool(base.endswith(("ern", "eln")) and word in (base[:-1] + "e", base[:-3] + base[-2] + "e"))


def role_head(word: str) -> str | None:
    """The role-noun head a (possibly compound) capitalised word ends in, or None.

    "Polizeisprecherin" -> "sprecher", "SFU-Rektor" -> "rektor", "Huber" -> None.
    """
    low = word.lower().rstrip("-")
    if not word[:1].isupper() and not word[:1].isdigit():
        return None
    if low.endswith(lexicon.ROLE_HEAD_EXCLUSIONS):
        return None
    for head in lexicon.ROLE_HEADS:
        for form in (head, head + "in", head + "innen", head + "n", head + "en", head + "s"):
            if low.endswith(form) and (
                len(low) == len(form) or len(low) - len(form) >= 2 or low[-len(form) - 1] == "-"
            ):
                if head in lexicon.ROLE_HEADS_SURNAME_LIKE and low == head:
                    return None
                return head
    return None


def is_role_noun(word: str) -> bool:
    return role_head(word) is not None


def role_gender(word: str) -> str | None:
    """'f' for feminine role nouns ("Ministerin", "Vorsitzende" after "die"), 'm', or None."""
    low = word.lower()
    head = role_head(word)
    if head is None:
        return None
    if low.endswith(("in", "innen")) and not head.endswith("in"):
        return "f"
    if head.endswith(("in", "frau")) or head in {"zeugin", "witwe"}:
        return "f"
    if head.endswith("e"):  # "Vorsitzende", "Abgeordnete": gender from the determiner
        return None
    return "m"


def role_keys(word: str) -> frozenset[str]:
    """The lexicon keys a role word stands for: its head, the whole word and its masculine stem.

    "Ressortchefin" -> {"chef", "ressortchefin", "ressortchef"}: the head alone would lose
    that a "Ressortchef" is a minister.
    """
    head = role_head(word) or referring_head(word)
    if head is None:
        return frozenset()
    low = word.lower().rstrip("-").rsplit("-", 1)[-1]
    keys = {low}
    for ending in ("innen", "in"):
        if low.endswith(ending) and len(low) > len(ending) + 3:
            keys.add(low[: -len(ending)])
            break
    if not any(_family_of(k) != {k} for k in keys):
        keys.add(head)  # "Innenminister" -> also "minister"; "Regierungschef" keeps its own family
    return frozenset(keys)


@lru_cache(maxsize=4096)
def _family_of(key: str) -> frozenset[str]:
    out = {key}
    for family in lexicon.ROLE_FAMILIES:
        if key in family:
            out |= family
    return frozenset(out)


def role_family(keys: frozenset[str] | set[str]) -> frozenset[str]:
    """Role keys plus every synonym and near-synonym (Bürgermeister ~ Stadtoberhaupt)."""
    out: set[str] = set()
    for key in keys:
        out |= _family_of(key)
    return frozenset(out)


def referring_head(word: str) -> str | None:
    """'person' for nouns that can refer back to anyone just named ("der Schweizer",
    "die 59-Jährige"), else None. Whole-word matches only: "Schweizer Bank" is an adjective."""
    if not word[:1].isupper() and not word[:1].isdigit():
        return None
    low = word.lower()
    if low.endswith(("jährige", "jähriger", "jährigen")):
        return "person"
    if low in lexicon.PERSON_NOUNS:
        return "person"  # "erzählt der Bub", "sagte die Frau": the person just named
    if low in lexicon.NATIONALITY_NOUNS or low in lexicon.PARTY_MEMBER_NOUNS:
        return "person"
    for ending in ("innen", "in"):
        if low.endswith(ending) and low[: -len(ending)] in lexicon.NATIONALITY_NOUNS:
            return "person"
    return None


def is_genderless_role(word: str) -> bool:
    """Whether the grammatical gender of a role noun says nothing about the person."""
    return bool(role_keys(word) & lexicon.GENDERLESS_ROLE_HEADS)


def institution_head(word: str) -> bool:
    low = word.lower()
    return any(low.endswith(h) for h in lexicon.INSTITUTION_HEADS)


def _first_name_key(word: str) -> str:
    # "İsmail".lower() keeps a combining dot above ("i̇smail"): drop it
    return word.lower().replace("\u0307", "")


def first_name_gender(word: str) -> str | None:
    """'f' or 'm' for a known first name; None for an unknown or a unisex one ("Kim")."""
    low = _first_name_key(word)
    if low in lexicon.FEMALE_FIRST_NAMES:
        return "f"
    if low in lexicon.MALE_FIRST_NAMES:
        return "m"
    return None


def is_first_name(word: str) -> bool:
    """Whether the word is a known first name of either gender, unisex ones included."""
    low = _first_name_key(word)
    return (
        low in lexicon.FEMALE_FIRST_NAMES
        or low in lexicon.MALE_FIRST_NAMES
        or low in lexicon.UNISEX_FIRST_NAMES
    )


def strip_genitive_s(name: str) -> str:
    """'Zschäpes' -> 'Zschäpe', "Obamas" -> "Obama"; keeps names that end in -s by nature."""
    if name.endswith("'"):
        return name[:-1]
    if len(name) > 3 and name.endswith("s") and not name.endswith(("ss", "us", "is", "os")):
        return name[:-1]
    return name
