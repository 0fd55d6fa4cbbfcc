"""HTML input: find the article in a saved web page (offline; nothing is fetched).

trafilatura (Apache-2.0) does the main-content extraction. Its output is shaped for the
cleaner: the title as the first line, then one paragraph (or sub-heading) per line. When
trafilatura finds no main content, the visible text of the page body is used instead, one
block element per line, and the cleaner's boilerplate rules do the rest. An error is raised
only when the page has no visible text at all.
"""

from __future__ import annotations

import re

import lxml.html
import trafilatura
from lxml import etree

# Tags that make a text HTML rather than prose that happens to contain "<" (a doctype or an
# <html>/<body> element alone is enough; otherwise several common tags must appear).
_DOCUMENT_START = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?<(?:!doctype\s+html|html[\s>]|body[\s>])", re.IGNORECASE
)
_COMMON_TAG = re.compile(
    r"</?(?:p|div|span|a|br|h[1-6]|article|section|header|footer|nav|ul|ol|li|img|figure|"
    r"figcaption|script|style|meta|link|table|tr|td|strong|em|b|i|main|aside)(?:\s[^<>]*)?/?>",
    re.IGNORECASE,
)
MIN_TAGS_FOR_FRAGMENT = 2
_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "article",
        "section",
        "header",
        "footer",
        "nav",
        "aside",
        "main",
        "figure",
        "figcaption",
        "blockquote",
        "pre",
        "table",
        "tr",
        "td",
        "th",
        "dt",
        "dd",
        "address",
    ]
)
_INVISIBLE_TAGS = ("script", "style", "noscript", "template", "head", "svg", "iframe")
_SPACES = re.compile(r"[ \t\u00a0]+")


class HtmlExtractionError(ValueError):
    """The HTML page has no text that could be taken as an article."""


def looks_like_html(text: str) -> bool:
    """True for a web page or an HTML fragment, False for plain prose (even with a stray '<')."""
    if _DOCUMENT_START.match(text[:2000]):
        return True
    for count, _ in enumerate(_COMMON_TAG.finditer(text), start=1):
        if count >= MIN_TAGS_FOR_FRAGMENT:
            return True
    return False


def _lines(text: str) -> list[str]:
    stripped = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return [line for line in stripped if line]


def _body_text(html: str) -> str:
    """Visible text of the page, one block element per line (the fallback extraction)."""
    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return ""
    title = (root.findtext(".//title") or "").strip()
    etree.strip_elements(root, etree.Comment, *_INVISIBLE_TAGS, with_tail=False)
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.lower()
        if tag in _BLOCK_TAGS:
            element.text = "\n" + (element.text or "")
            element.tail = "\n" + (element.tail or "")
        elif tag == "br":
            element.tail = "\n" + (element.tail or "")
    lines = _lines(root.text_content())
    if title and lines and title not in lines[:3]:
        lines.insert(0, title)
    return "\n".join(lines)


def extract_article_text(html: str) -> str:
    """The article of an HTML page as text: title first, then one paragraph per line.

    Raises ``HtmlExtractionError`` when the page has no visible text.
    """
    document = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        deduplicate=False,
        fast=False,
    )
    body = _lines(document.text or "") if document is not None else []
    if body:
        title = (document.title or "").strip()
        if title and title not in body[:3]:
            body.insert(0, title)
        return "\n".join(body)
    fallback = _body_text(html)
    if fallback:
        return fallback
    raise HtmlExtractionError(
        "the HTML page has no visible text; send the article page's HTML (not a script or an empty page) "
        "or the article as plain text"
    )
