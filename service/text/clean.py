"""From normalized text to an ``Article``: headline, sub-headings, body paragraphs, credit, and
every other line set aside with a reason.

One input line of body text is one paragraph (10kGNAD-style input has a whole article on one
line: that is one paragraph, teaser and "Wien –" dateline included). The rules are
conservative: a line is removed as boilerplate only when the whole line has the form of a web
page element (a breadcrumb, a "42 Kommentare" counter, "Foto: APA/Hans Punz", "Jetzt Newsletter
abonnieren"), never because running text mentions such a word. Author/date bylines ("Von Maria
Huber | 12.03.2024, 14:05 Uhr") are removed with reason ``byline``: they are metadata, not body,
and the API returns them in ``removed``.

Invariant, checked by ``account_for_lines``: every non-empty input line ends up in exactly one
of headline / headings / paragraphs / credit / removed; a credit at the end of the last body
line is split off it, and then that paragraph and the credit together cover the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from service.document import Article, Heading, Paragraph, RemovedLine

HEADLINE_MAX_WORDS = 25
HEADING_MAX_WORDS = 12
# Lines at most this long may be page elements; longer lines are always text.
BOILERPLATE_MAX_WORDS = 16

_SENTENCE_FINAL = re.compile(r"[.!?…:;,]['‘“)\]]*$")
_TITLE_FINAL_OK = re.compile(r"(?:[!?]|[!?]?[“'‘)\]])$")

_NAV_WORD = r"(?:Startseite|Start|Home|Homepage|Übersicht|News|Nachrichten|Aktuell)"
_NUMBERED_NAV_ITEM = re.compile(rf"^1\.\s+{_NAV_WORD}$", re.IGNORECASE)
_NUMBERED_ITEM = re.compile(r"^(\d{1,2})\.\s+(\S+(?:\s+\S+){0,3})$")
_CRUMB_SEPARATOR = re.compile(r"\s+(?:>|›|»|\"|'|/|\||·|→)\s+")
_BREADCRUMB_PREFIX = re.compile(r"^(?:Sie sind hier|Du bist hier)\s*:\s*", re.IGNORECASE)

_DATE = r"(?:\d{1,2}\.\s?\d{1,2}\.\s?(?:\d{4}|\d{2})?|\d{1,2}\.\s?(?:Jänner|Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember)\s+\d{4}|\d{4}-\d{2}-\d{2})"
_TIME = r"(?:(?:um\s+)?\d{1,2}[:.]\d{2}(?:\s*Uhr)?)"
_WEEKDAY = r"(?:(?:Mo|Di|Mi|Do|Fr|Sa|So)\.|Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag)"
_DATE_LINE = re.compile(
    rf"^(?:(?:Aktualisiert|Veröffentlicht|Erstellt|Stand|Zuletzt aktualisiert)(?:\s+am)?\s*:?\s*)?"
    rf"(?:{_WEEKDAY},?\s+)?{_DATE}(?:\s*[,|·-]?\s*{_TIME})?$",
    re.IGNORECASE,
)
_NAME = r"[A-ZÄÖÜ][\w'’.-]+"
_BYLINE = re.compile(
    rf"^(?:Von|Ein (?:Bericht|Kommentar|Gastbeitrag) von|Autor(?:in)?:)\s+{_NAME}(?:\s+{_NAME}){{0,3}}"
    rf"(?:\s*(?:,|und|&)\s*{_NAME}(?:\s+{_NAME}){{0,3}})*"
    rf"(?:\s*[|,·–-]\s*.{{0,60}})?$"
)

_AGENCY = (
    r"(?:dpa|apa|afp|ap|reuters|kna|epd|sid|sda|ddp|dapd|ots|ansa|efe|tass|bloomberg|red|redaktion|"
    r"agenturen|ag|derstandard\.at|orf\.at)"
)
# Author initials are lowercase ("jk", "mka"); "(SPÖ)" or "(EU)" are not credits.
_CREDIT_TOKEN = rf"(?:{_AGENCY}\.?|(?-i:[a-zäöü]{{1,5}})\.?|{_DATE})"
_CREDIT_BODY = rf"{_CREDIT_TOKEN}(?:\s*[,/;&+-]\s*{_CREDIT_TOKEN}|\s+{_DATE})*"
# A trailing "(red/dpa)", "(APA, 12.3.2016)", "(jk)" at the end of the last body line, or an
# author credit that ends in a date: "(Renate Graber aus Brüssel, 10.5.2016)".
_DATED_AUTHOR = rf"[^\W\d_][^()!?]{{0,80}}?\s*[,;–-]\s*{_DATE}"
_TRAILING_CREDIT = re.compile(rf"\s*\(\s*(?:{_CREDIT_BODY}|{_DATED_AUTHOR})\s*\)$", re.IGNORECASE)
# A credit standing alone on the last line: "(red/dpa)", "dpa/AFP", "red, APA".
_AGENCY_ONLY = rf"(?:{_AGENCY}\.?(?:\s*[,/;&+-]\s*(?:{_AGENCY}\.?|{_DATE}))*)"
_CREDIT_LINE = re.compile(
    rf"^(?:\(\s*{_CREDIT_BODY}\s*\)|{_AGENCY_ONLY}|(?:Mit Material von|Material von|Quellen?:)\s+{_AGENCY_ONLY})$",
    re.IGNORECASE,
)


def _rules(alternatives: dict[str, list[str]]) -> list[tuple[re.Pattern[str], str]]:
    """One case-insensitive whole-line pattern per reason, from its alternative forms."""
    return [
        (re.compile("|".join(f"^(?:{form})$" for form in forms), re.IGNORECASE), reason)
        for reason, forms in alternatives.items()
    ]


# Whole-line forms of web page elements, by the reason reported for them. They are tried only
# on lines of at most BOILERPLATE_MAX_WORDS words (captions may be longer, see below).
_BOILERPLATE = _rules(
    {
        "navigation": [
            rf"(?:zur(?:ück zur)?\s+)?{_NAV_WORD}",
            r"zurück|weiter|nach oben|zum seitenanfang|menü|suche",
        ],
        "comments": [
            r"(?:\d+\s+)?(?:kommentare?|postings?|leserkommentare)(?:\s*\(\d+\))?",
            r"(?:jetzt\s+)?kommentare?\s+(?:schreiben|lesen|anzeigen|verfassen|einblenden|ausblenden)",
            r"(?:jetzt\s+)?(?:kommentieren|diskutieren sie mit|zur diskussion|zum forum)",
            r"antworten|melden",
        ],
        # The header alone, or the header, a colon and a linked title ("Lesen Sie auch: Warum ...").
        "related_links": [
            (
                r"(?:auch interessant|mehr zum thema|lesen sie auch|lesen sie mehr|weitere artikel|"
                r"das könnte sie auch interessieren|empfehlungen(?: der redaktion)?|mehr aus \w+(?:\s\w+)?|"
                r"weiterlesen|verwandte artikel|zum thema|top-artikel|meistgelesen)(?:\s*:\s*[^.]{0,120})?"
            ),
        ],
        "advertisement": [r"anzeige|werbung|sponsored|advertisement|gesponsert|promotion|partnerinhalt"],
        "subscription_prompt": [
            r"zum abo|jetzt abonnieren|abo abschließen|jetzt testen|plus|exklusiv für abonnenten|jetzt weiterlesen",
            r"weiterlesen mit \w+.{0,40}",
            r"(?:dieser|der) artikel ist (?:nur )?für abonnenten.{0,60}",
            r"jetzt (?:\w+\s+){0,3}(?:abo|abonnent(?:in)?) werden.{0,40}",
            r"\w*[+] ?(?:artikel|inhalt)",
        ],
        "cookie_notice": [
            r"(?:alle\s+)?(?:akzeptieren|zustimmen|ablehnen)",
            r"(?:cookie-)?einstellungen",
            r"datenschutz(?:erklärung)?|impressum|agb|kontakt",
        ],
        "share_buttons": [
            r"(?:(?:artikel|seite|beitrag)\s+)?(?:teilen|drucken|versenden|merken|speichern|vorlesen|anhören)",
            (
                r"(?:(?:facebook|twitter|x|whatsapp|telegram|linkedin|xing|pinterest|e-mail|email|mail|messenger|"
                r"flipboard|pocket|drucken|teilen|link kopieren|per e-mail (?:senden|versenden))\s*(?:[|·,/]\s*)?)+"
            ),
        ],
        "reading_time": [
            r"(?:lesezeit|lesedauer)\s*:?\s*(?:ca\.\s*)?\d+\s*(?:min\.?|minuten?)",
            r"\d+\s*(?:min\.?|minuten?)\s+lesezeit",
        ],
        "photo_caption": [
            r"\((?:archiv|symbol|archiv-|symbol-)?(?:bild|foto|aufnahme)\)",
            r"(?:foto|fotos|bild|bilder|grafik|illustration|video|audio|karte)\s*:\s*.{1,100}",
        ],
        "source_credit": [r"(?:quelle|quellen)\s*:\s*.{1,80}"],
        "photo_credit": [r"©.{1,80}", r"(?:copyright|\(c\))\s.{1,80}"],
    }
)
# Captions are often a full sentence followed by a photo credit; they end like this.
_CAPTION_END = re.compile(
    r"(?:\((?:archiv|symbol)?(?:bild|foto)\)|(?:\b(?:foto|bild|fotos)\s*:|©)\s*[^.!?]{1,60})$", re.IGNORECASE
)
CAPTION_MAX_WORDS = 40


_CALL_TO_ACTION = re.compile(
    r"\b(?:abonnieren|anmelden|bestellen|registrieren|eintragen|jetzt|hier|kostenlos|gratis|"
    r"melden sie sich|abonnieren sie|bestellen sie|registrieren sie)\b",
    re.IGNORECASE,
)
_ADDRESSES_READER = re.compile(r"\b(?:Sie|Ihr|Ihre|Ihnen|wir|unser(?:e|en)?)\b")
PROMPT_SHORT_WORDS = 8


def _is_prompt(line: str, topic: str) -> bool:
    """A call to action about ``topic`` (newsletter, cookies): short, or addressing the reader.

    "Den Newsletter hatten 5000 Menschen abonniert." is news and stays.
    """
    if not re.search(topic, line, re.IGNORECASE):
        return False
    if topic == _COOKIE_TOPIC:
        return bool(_ADDRESSES_READER.search(line)) and _words(line) <= CAPTION_MAX_WORDS
    if _words(line) <= 3:
        return True  # a widget title: "Newsletter", "Unser Newsletter"
    if not _CALL_TO_ACTION.search(line):
        return False
    return _words(line) <= PROMPT_SHORT_WORDS or bool(_ADDRESSES_READER.search(line)) or line.endswith("!")


_NEWSLETTER_TOPIC = r"\bnewsletter"
_COOKIE_TOPIC = r"\bcookies?\b"


def _words(line: str) -> int:
    return len(line.split())


def _is_title_like(line: str, max_words: int, allow_question: bool = True) -> bool:
    """Short and without sentence-final punctuation (a headline may end with ! or ? or a quote).

    Sub-headings may not end with ! or ?: a short question in the body ("Und jetzt?") is text.
    """
    if _words(line) > max_words or not re.search(r"[^\W\d_]", line):
        return False
    if _SENTENCE_FINAL.search(line):
        return (
            allow_question
            and bool(_TITLE_FINAL_OK.search(line))
            and not line.rstrip("“'‘)]").endswith((".", ":", ",", ";", "…"))
        )
    return True


def _boilerplate_reason(line: str) -> str | None:
    if _words(line) <= BOILERPLATE_MAX_WORDS:
        if _DATE_LINE.match(line) or _BYLINE.match(line):
            return "byline"
        for pattern, reason in _BOILERPLATE:
            if pattern.match(line):
                return reason
        if _is_breadcrumb_line(line, anywhere=True):
            return "breadcrumb"
    if _words(line) <= CAPTION_MAX_WORDS and _CAPTION_END.search(line):
        return "photo_caption"
    if _is_prompt(line, _NEWSLETTER_TOPIC):
        return "newsletter_prompt"
    if _is_prompt(line, _COOKIE_TOPIC):
        return "cookie_notice"
    return None


def _is_breadcrumb_line(line: str, anywhere: bool) -> bool:
    """'Startseite > Politik > Inland'; without a leading nav word only at the top of the page."""
    line = _BREADCRUMB_PREFIX.sub("", line)
    items = _CRUMB_SEPARATOR.split(line)
    if len(items) < 2 or any(_words(item) > 3 or _SENTENCE_FINAL.search(item) for item in items):
        return False
    if re.fullmatch(_NAV_WORD, items[0], re.IGNORECASE):
        return True
    return not anywhere and len(items) >= 3


def _numbered_breadcrumbs(lines: list[str]) -> set[int]:
    """Lines of a '1. Startseite', '2. Wirtschaft', ... run (a list rendering of a breadcrumb)."""
    found: set[int] = set()
    expected = 0
    for index, line in enumerate(lines):
        if not line:
            continue
        if _NUMBERED_NAV_ITEM.match(line):
            found.add(index)
            expected = 2
            continue
        match = _NUMBERED_ITEM.match(line)
        if expected and match and int(match.group(1)) == expected and not _SENTENCE_FINAL.search(line):
            found.add(index)
            expected += 1
        elif expected:
            expected = 0
    return found


@dataclass
class _Block:
    line: int
    text: str


class ArticleCleaner:
    """Normalized article text -> ``Article``. Stateless; build once and reuse."""

    def clean(self, text: str) -> Article:
        lines = text.split("\n")
        article = Article()
        crumbs = _numbered_breadcrumbs(lines)
        content: list[_Block] = []
        in_related_block = False
        for index, raw in enumerate(lines):
            line = raw.strip()
            if not line:
                continue
            reason = "breadcrumb" if index in crumbs else _boilerplate_reason(line)
            if reason is None and not content and _is_breadcrumb_line(line, anywhere=False):
                reason = "breadcrumb"
            if reason is None and in_related_block and _is_title_like(line, HEADLINE_MAX_WORDS):
                # Titles listed under "Mehr zum Thema" are links to other articles.
                reason = "related_links"
            in_related_block = reason == "related_links"
            if reason is not None:
                article.removed.append(RemovedLine(text=line, reason=reason, line=index))
            else:
                content.append(_Block(index, line))
        if not content:
            return article
        content = self._take_credit(content, article)
        if len(content) > 1 and _is_title_like(content[0].text, HEADLINE_MAX_WORDS):
            article.headline = content[0].text
            content = content[1:]
        self._body(content, article)
        return article

    @staticmethod
    def _take_credit(content: list[_Block], article: Article) -> list[_Block]:
        last = content[-1]
        if _CREDIT_LINE.match(last.text):  # alone, it is still a credit: no body, a clear 422
            article.credit = last.text
            return content[:-1]
        match = _TRAILING_CREDIT.search(last.text)
        if match and match.start() > 0:
            article.credit = match.group().strip()
            return [*content[:-1], _Block(last.line, last.text[: match.start()].rstrip())]
        return content

    @staticmethod
    def _body(content: list[_Block], article: Article) -> None:
        pending: list[_Block] = []
        for position, block in enumerate(content):
            is_last = position == len(content) - 1
            if not is_last and _is_title_like(block.text, HEADING_MAX_WORDS, allow_question=False):
                pending.append(block)
                continue
            for heading in pending:
                article.headings.append(
                    Heading(text=heading.text, before_paragraph=len(article.paragraphs), line=heading.line)
                )
            pending = []
            article.paragraphs.append(Paragraph(text=block.text, line=block.line))


def _squash(text: str) -> str:
    return "".join(text.split())


def account_for_lines(text: str, article: Article) -> list[str]:
    """The non-empty lines of ``text`` that ``article`` does not account for exactly once.

    An empty list means nothing vanished and nothing was counted twice. A paragraph that had
    the credit split off covers its line together with the credit.
    """
    lines = {index: line.strip() for index, line in enumerate(text.split("\n")) if line.strip()}
    claims: dict[int, int] = dict.fromkeys(lines, 0)
    credit_left = article.credit
    for part_line, part_text in [
        *((p.line, p.text) for p in article.paragraphs),
        *((h.line, h.text) for h in article.headings),
        *((r.line, r.text) for r in article.removed),
    ]:
        original = lines.get(part_line)
        if original is None:
            continue
        if part_text == original:
            claims[part_line] += 1
        elif credit_left and _squash(part_text + credit_left) == _squash(original):
            claims[part_line] += 1
            credit_left = None
    for label in (article.headline, credit_left):
        if label is None:
            continue
        for index, original in lines.items():
            if claims[index] == 0 and original == label:
                claims[index] = 1
                break
    return [lines[index] for index, count in claims.items() if count != 1]
