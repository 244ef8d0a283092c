"""Pick the article out of a whole HTML page: its main text and what the page says about it.

A saved news page holds far more than its article: menus, lists of other
articles, share buttons, footers. :func:`read_page` reads a page once: it hands it to
`trafilatura <https://trafilatura.readthedocs.io>`_, a maintained main-content
extractor, chosen by measurement over readability-lxml, jusText and plain
BeautifulSoup text (``benchmarks/extraction.py``, BENCHMARKS.md "Article
extraction"). It keeps paragraphs and list items one per line, tables one row
per line, and drops comments, images and links' targets. The page is parsed
once more (:class:`summarizer.text.html_text.ParsedMarkup`) for its visible
lines and the title, publication date, author and site name that its tags
declare. The title is trafilatura's (the headline without the site's name), the date htmldate's
(``YYYY-MM-DD``, as trafilatura finds it; the page's own ISO 8601 stamp, with
its time, when it falls on the same day); trafilatura's reading (JSON-LD,
bylines) fills what the tags leave out.

It does not fetch pages, clean characters or split sentences (see
:mod:`summarizer.text.clean`), and it does not decide whether a text is a
page (:class:`summarizer.text.inputs.Input` does, once).
"""

from __future__ import annotations

import dataclasses
import logging
import re
from dataclasses import dataclass

from .html_text import ParsedMarkup, one_line

logger = logging.getLogger("summarizer")

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

#: Metadata names, as :class:`summarizer.Article` spells them.
FACTS = ("title", "published", "author", "site")


@dataclass(frozen=True)
class ExtractedPage:
    """A whole page, read once: its article, its visible text and the facts it declares.

    Attributes:
        text: The article's text, one paragraph per line; "" when the
            extractor found no main content.
        page_text: Every visible line of the page (not yet normalised).
        title: The headline, when the page names one.
        published: The publication date as the page writes it.
        author: The byline.
        site: The site's name.
    """

    text: str
    page_text: str = ""
    title: str | None = None
    published: str | None = None
    author: str | None = None
    site: str | None = None

    def facts(self) -> dict[str, str]:
        """The metadata fields that are known."""
        return {name: getattr(self, name) for name in FACTS if getattr(self, name)}


def read_page(markup: str) -> ExtractedPage:
    """A whole HTML page read once: trafilatura's article and reading, and one parse for the rest.

    Args:
        markup: A whole HTML page (see
            :func:`summarizer.text.html_text.looks_like_html_document`).

    Returns:
        The article (trafilatura's main text), every visible line of the page
        (for the lines left out and a skipped lede) and the page's metadata.
    """
    parsed = ParsedMarkup(markup)
    page = extract_main_text(markup, parsed.declared())
    return dataclasses.replace(page, page_text=parsed.text())


def extract_main_text(markup: str, declared: dict[str, str]) -> ExtractedPage:
    """The main text and the metadata of an HTML document, by trafilatura.

    Args:
        markup: A whole HTML page.
        declared: The facts its tags declare (:meth:`ParsedMarkup.declared`).

    Returns:
        The article's text ("" if the extractor found none: the caller then
        falls back on the page's whole visible text) and its metadata.
    """
    import trafilatura

    # favor_recall off: in the benchmark it kept no more article and let in
    # more furniture; comments are not the article.
    document = trafilatura.bare_extraction(
        markup, with_metadata=True, include_comments=False, include_tables=True,
        include_images=False, include_links=False, deduplicate=False)
    # Without main content trafilatura returns nothing, metadata included.
    found = document if document is not None else trafilatura.extract_metadata(markup)
    facts = _facts(declared, found)
    if document is None:
        logger.debug("extract: no main content found; the whole page text is used")
        return ExtractedPage(text="", **facts)
    # One paragraph per extracted block, as a browser lays out <p> and <li>.
    text = "\n\n".join(line.strip() for line in (document.text or "").split("\n") if line.strip())
    return ExtractedPage(text=text, **facts)


def _facts(declared: dict[str, str], found: object) -> dict[str, str | None]:
    """The page's facts: trafilatura's reading (``found``, may be None) and the declared tags.

    On trafilatura's 435 evaluation pages its title (the headline without the
    site's name) matches the annotated one on 231 of 403, the declared
    og:title/<title> on 200; its date (htmldate's) on 304 of 351, the declared
    ISO dates on 205 of 230. So the title is trafilatura's, and the date
    htmldate's, written as the page declares it (with its time) when the
    declared ISO 8601 stamp falls on the same day.
    """
    read = {"title": getattr(found, "title", None), "published": getattr(found, "date", None),
            "author": getattr(found, "author", None), "site": getattr(found, "sitename", None)}
    facts = {name: declared.get(name) or one_line(read[name]) for name in FACTS}
    facts["title"] = one_line(read["title"]) or declared.get("title")
    date, stamp = one_line(read["published"]), declared.get("published") or ""
    if date and not (_ISO_DATE.match(stamp) and stamp[:10] == date[:10]):
        facts["published"] = date
    return facts
