"""Input hygiene: make pasted or scraped text predictable for every later stage.

What ``normalize_text`` does, in one linear pass per step:

* line breaks: CRLF, lone CR, NEL, U+2028/U+2029, vertical tab and form feed become ``\\n``;
* Unicode NFC (so "ä" is one code point wherever the text came from);
* tabs, no-break and other odd spaces (U+00A0, U+2000-U+200A, U+202F, U+205F, U+3000, ...)
  become one plain space; runs of spaces collapse to one; every line is stripped;
* removed outright: soft hyphens, zero-width and other format characters (Unicode category
  Cf: U+200B-U+200F, U+2060, BOM, bidi controls), control characters (Cc) other than the
  line break, and lone surrogates left by broken decoding;
* quotes, to one consistent set the attribution extractor can rely on:

  - double quotes become the German pair ``„`` (opening) and ``“`` (closing). Already
    German ``„…“`` stays as it is. ``"``, ``»``, ``«``, ``″``, ``〝``, ``〞`` and ``＂`` are
    decided by position: after the start of a line, a space or an opening bracket/dash they
    open, otherwise they close (this covers German »…«, Swiss «…» and ASCII "…"). One that
    stands alone between spaces is ambiguous and stays a plain ``"``. ``”`` (the English
    closing quote, often typed for the German closing one) becomes ``“``; ``‟`` becomes ``„``;
  - single quotes: German ``‚…‘`` stays; ``›`` and ``‹`` become ``‚``/``‘`` by position like
    the guillemets; ``’``, ``ʼ``, ``´``, ``` ` ``` and ``′`` are apostrophes in German text
    (``geht’s``, ``Andreas’``) and become ``'``.

Line numbers survive: a line of the input is a line of the output (only the line-break
characters listed above add lines), so ``RemovedLine.line`` can point into what the user sent.
"""

from __future__ import annotations

import re
import unicodedata

# A text is refused as garbage when at least this share of its non-space characters are
# control characters, U+FFFD replacement characters or surrogates: what a PDF or a binary
# file decoded as text looks like.
GARBAGE_SHARE_LIMIT = 0.2

_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
_ODD_SPACES = re.compile("[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_SPACE_RUNS = re.compile(" {2,}")

# Ambiguous quote characters whose direction follows from what stands before them.
_DOUBLE_BY_POSITION = '"»«″〝〞＂'
_SINGLE_BY_POSITION = "›‹"
_FIXED_QUOTES = str.maketrans(
    {
        "”": "“",
        "‟": "„",
        "’": "'",
        "ʼ": "'",
        "´": "'",
        "`": "'",
        "′": "'",
    }
)
# A quote opens after these (or at the start of a line).
_OPENERS_BEFORE = " \n([{/–—-„‚"
_POSITIONAL_QUOTE = re.compile(f"[{re.escape(_DOUBLE_BY_POSITION + _SINGLE_BY_POSITION)}]")


class InvalidTextError(ValueError):
    """The input cannot be processed as text: empty, blank, or mostly binary garbage."""


def _is_dropped_char(ch: str) -> bool:
    category = unicodedata.category(ch)
    if category == "Cc":
        return ch != "\n"
    return category in ("Cf", "Cs")


def _garbage_share(text: str) -> float:
    visible = 0
    garbage = 0
    for ch in text:
        if ch in " \n\r\t":
            continue
        visible += 1
        category = unicodedata.category(ch)
        if ch == "\ufffd" or category == "Cs" or (category == "Cc" and ch not in "\x0b\x0c\x85"):
            garbage += 1
    return garbage / visible if visible else 0.0


def _drop_invisible(text: str) -> str:
    # Only characters outside printable ASCII can be dropped: skip the per-character check
    # for the (usual) pure-ASCII-printable text quickly.
    return "".join(ch for ch in text if ch.isprintable() or ch == "\n" or not _is_dropped_char(ch))


def _direct_quote(match: re.Match[str]) -> str:
    ch = match.group()
    text = match.string
    start = match.start()
    before = text[start - 1] if start > 0 else "\n"
    after = text[match.end()] if match.end() < len(text) else "\n"
    double = ch in _DOUBLE_BY_POSITION
    if before in _OPENERS_BEFORE:
        if after in " \n":
            # Between spaces (or alone on a line) the direction is unknowable.
            return '"' if double else "'"
        return "„" if double else "‚"
    return "“" if double else "‘"


def normalize_text(text: str) -> str:
    """Return ``text`` cleaned of invisible and odd characters, with consistent quotes.

    Raises ``InvalidTextError`` when the text is empty or blank, or when it is mostly control
    characters / replacement characters (a binary file pasted as text).
    """
    if not text or not text.strip():
        raise InvalidTextError("the text is empty: send the article text (plain text or HTML)")
    share = _garbage_share(text)
    if share >= GARBAGE_SHARE_LIMIT:
        raise InvalidTextError(
            f"the text looks binary, not like an article: {share:.0%} of its characters are control "
            "or undecodable characters; send the article as UTF-8 text"
        )
    text = _LINE_BREAKS.sub("\n", text)
    text = _ODD_SPACES.sub(" ", text)  # before dropping control characters: a tab is a space
    text = _drop_invisible(text)
    text = unicodedata.normalize("NFC", text)
    text = _SPACE_RUNS.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n")).rstrip("\n")
    text = text.translate(_FIXED_QUOTES)
    text = _POSITIONAL_QUOTE.sub(_direct_quote, text)
    if not text.strip():
        raise InvalidTextError(
            "the text has no visible characters once control and zero-width characters are removed"
        )
    return text
