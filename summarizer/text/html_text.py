"""Turn an HTML page or fragment into plain text with its paragraph breaks.

The markup is parsed once (:class:`ParsedMarkup`) with BeautifulSoup and
Python's ``html.parser`` (no lxml needed); from that one parse come its
visible text (non-content elements dropped, entities decoded, block elements
turned into line or paragraph breaks, as a browser would lay them out) and the
facts its tags declare (title, date, author, site). Used by
:mod:`summarizer.text.extract` for a whole page and by
:mod:`summarizer.text.clean` for a fragment.

What counts as markup (:func:`looks_like_html`): a document (it opens with a
doctype, ``<html>``, ``<head>``, ``<body>``, an XML declaration or a comment),
or a fragment: it opens with a known tag, or known tags sit on at least half
of its non-blank lines. A plain text that mentions a tag (an embed code
quoted in an article, ``<iframe src=...>`` in a paste) is not markup: its
tags stay as written. Inside markup, an element whose content is never shown
(``<script>``, ``<iframe>``...) but that is never closed would hide the rest
of the text, and so would a comment never closed; its opening tag (``<!--``)
is kept as text instead, so nothing is lost.

It does not pick the article out of a whole page (see
:mod:`summarizer.text.extract`), does not normalise characters, does not keep links, images or alt text, and
does not lay out tables beyond one line per row.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup
from bs4.element import (
    NavigableString,
    PageElement,
    PreformattedString,
    Script,
    Stylesheet,
    Tag,
    TemplateString,
)

# Elements whose text is never article content.
DROPPED_TAGS = ("script", "style", "noscript", "template", "head", "svg", "iframe", "object")

# Elements that start a paragraph and those that start a line.
PARAGRAPH_TAGS = (
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "article", "section", "blockquote",
    "header", "footer", "main", "aside", "nav", "figure", "figcaption", "ul", "ol", "dl",
    "table", "pre", "hr", "form", "address", "details", "summary", "html", "body",
)
LINE_TAGS = ("br", "li", "tr", "dt", "dd", "caption")

_ANY_TAG = re.compile(
    r"<(?:!--|!doctype\b|/?(?:a|b|i|u|em|strong|span|small|sup|sub|font|img|meta|link|title"
    r"|td|th|thead|tbody|input|button|label|time|picture|source|center|"
    + "|".join(DROPPED_TAGS + PARAGRAPH_TAGS + LINE_TAGS)
    + r")\b)[^<>\n]*>",
    re.IGNORECASE,
)
# Without any of these, the markup is inline only and the text's own newlines
# are its line structure (plain text with a stray <b> or <br> in it).
_BLOCK_TAG = re.compile(
    r"</?(?:" + "|".join(t for t in PARAGRAPH_TAGS if t != "hr") + r"|li|tr)\b[^<>\n]*>",
    re.IGNORECASE,
)
_DOCUMENT_START = re.compile(r"[\s\ufeff]*(?:<\?xml\b[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\b|html\b|head\b|body\b)",
                             re.IGNORECASE | re.DOTALL)
_HEAD_START = re.compile(r"[\s\ufeff]*<(?:meta|script|link|style|title|base|br)\b", re.IGNORECASE)
_DOCUMENT_TAG = re.compile(r"<(?:!doctype|html|body)\b[^<>]*>", re.IGNORECASE)
# Dropped elements that hide their content: unclosed, they would hide the rest.
_HIDING_TAGS = ("script", "style", "noscript", "template", "svg", "iframe", "object")
# What a tag puts before and after its content.
_BEFORE = {t: "\n\n" for t in PARAGRAPH_TAGS} | {t: "\n" for t in LINE_TAGS}
_AFTER = {t: "\n\n" for t in PARAGRAPH_TAGS} | {"td": " ", "th": " "}
_SPACES = re.compile(r"\s+")
_SKIPPED_STRINGS = (PreformattedString, Script, Stylesheet, TemplateString)


def looks_like_html_document(text: str) -> bool:
    """Whether ``text`` is a whole HTML document.

    It is when a doctype, ``<html>``, ``<head>`` or ``<body>`` comes first, or
    when the text opens with a tag of a page's head (``<meta>``, ``<script>``,
    ``<link>``, ``<style>``, ``<title>``) or a server's warning (``<br />``)
    and has a doctype, ``<html>`` or ``<body>`` tag further on (three of
    trafilatura's 435 evaluation pages open so). A fragment (``<p>``) or a
    plain text that mentions ``<html>`` is not a document.
    """
    if _DOCUMENT_START.match(text) is not None:
        return True
    return _HEAD_START.match(text) is not None and _DOCUMENT_TAG.search(text) is not None


def looks_like_html(text: str) -> bool:
    """Whether ``text`` is HTML: a document or a fragment of markup.

    A fragment opens with a known tag, or has known tags on at least half of
    its non-blank lines. A text that only mentions a tag here and there is
    plain text. Entities alone (``&amp;``) do not count either: plain text
    may contain an ampersand, and its entities are left as written.
    """
    first = _ANY_TAG.search(text)
    if first is None:
        return False
    if _DOCUMENT_START.match(text) or not text[:first.start()].strip():
        return True
    lines = [line for line in text.split("\n") if line.strip()]
    tagged = sum(_ANY_TAG.search(line) is not None for line in lines)
    return 2 * tagged >= len(lines)


def _escape_unclosed(markup: str) -> str:
    """Turn the opening tags of unclosed hidden elements into text (see the module doc)."""
    unclosed_comment = markup.find("<!--", markup.rfind("-->") + 1)  # after the last close, if any
    if unclosed_comment >= 0:  # a comment never closed hides the rest of the text
        markup = markup[:unclosed_comment] + markup[unclosed_comment:].replace("<!--", "&lt;!--")
    for name in _HIDING_TAGS:
        opens = [m for m in re.finditer(rf"<{name}\b[^<>]*>?", markup, re.IGNORECASE)
                 if not m.group().endswith("/>")]
        closes = len(re.findall(rf"</{name}\s*>", markup, re.IGNORECASE))
        for match in reversed(opens[closes:] if closes < len(opens) else []):
            markup = markup[:match.start()] + "&lt;" + markup[match.start() + 1:]
    return markup


class ParsedMarkup:
    """Markup parsed once: its visible text and the facts its tags declare.

    Args:
        markup: An HTML document or fragment.
    """

    def __init__(self, markup: str) -> None:
        self._keep_newlines = _BLOCK_TAG.search(markup) is None
        self.soup = BeautifulSoup(_escape_unclosed(markup), "html.parser")

    def text(self) -> str:
        """The visible text: entities decoded, runs of whitespace inside
        paragraphs collapsed to one space (newlines too, unless the markup has
        no block elements, or inside ``<pre>``), a newline per line element
        and a blank line around each paragraph element. Not yet
        Unicode-normalised."""
        pieces: list[str] = []
        in_pre = 0
        # An explicit stack, not recursion: pasted pages can nest thousands deep.
        # Each tag is pushed twice: to open it, and (closing=True) to close it.
        stack: list[tuple[PageElement, bool]] = [(c, False) for c in reversed(self.soup.contents)]
        while stack:
            node, closing = stack.pop()
            if isinstance(node, Tag):
                if closing:
                    in_pre -= node.name == "pre"
                    pieces.append(_AFTER.get(node.name, ""))
                elif node.name not in DROPPED_TAGS:
                    in_pre += node.name == "pre"
                    pieces.append(_BEFORE.get(node.name, ""))
                    stack.append((node, True))
                    stack.extend((c, False) for c in reversed(node.contents))
            elif isinstance(node, NavigableString) and not isinstance(node, _SKIPPED_STRINGS):
                pieces.append(node if self._keep_newlines or in_pre else _SPACES.sub(" ", node))
        return "".join(pieces)

    def declared(self) -> dict[str, str]:
        """Title, published, author and site that the markup declares (only those it has): its
        Open Graph and ``article:`` meta tags, ``<title>``, ``<time datetime>``, ``<meta name="author">``."""
        soup = self.soup

        def meta(*keys: str) -> str | None:
            for key in keys:
                for attribute in ("property", "name", "itemprop"):
                    tag = soup.find("meta", attrs={attribute: key})
                    content = tag.get("content") if tag else None
                    if isinstance(content, str) and content.strip():
                        return " ".join(content.split())
            return None

        title = meta("og:title", "twitter:title")
        if not title and soup.title and soup.title.string:
            title = one_line(soup.title.string)
        published = meta("article:published_time", "datePublished", "pubdate", "date")
        if not published:
            stamp = soup.find("time", attrs={"datetime": True})
            published = one_line(stamp.get("datetime")) if stamp else None
        author = meta("author", "article:author")
        if author and author.startswith(("http://", "https://")):
            author = None  # article:author is often the writer's profile page
        facts = {"title": title, "published": published, "author": author,
                 "site": meta("og:site_name", "application-name")}
        return {name: value for name, value in facts.items() if value}


def one_line(value: object) -> str | None:
    """A metadata value on one line, or None when empty or not a string."""
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None


def html_to_text(markup: str) -> str:
    """The visible text of ``markup`` (an HTML document or fragment); see :meth:`ParsedMarkup.text`."""
    return ParsedMarkup(markup).text()
