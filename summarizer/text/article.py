"""An article as it reaches the pipeline: its body text and what the page says about it.

:func:`read_article` takes what a user gives (plain text, a pasted page, a
saved HTML document) and returns an :class:`Article`: the cleaned body text
(see :mod:`summarizer.text.clean`: for a whole HTML page, its article picked
out by :mod:`summarizer.text.extract`; for a pasted page, the furniture around
the body dropped by :mod:`summarizer.text.furniture`), every line removed on
the way, and, for HTML, the title, publication date, author and site name
that the page declares.

The text passes each step once, in this order: :mod:`~summarizer.text.inputs`
(what it is: a whole page or a text; the pipeline also checks its size there),
:mod:`~summarizer.text.extract` (a page only: its article, visible lines and
metadata, one trafilatura run and one parse), :mod:`~summarizer.text.clean`
(characters, a markup fragment parsed, whitespace, boilerplate), then back in
the pipeline :func:`~summarizer.text.inputs.check_article` and
:mod:`~summarizer.text.sentences`.

It does not fetch anything (see ``fetch``) and does not judge the language.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from .clean import CleanOptions, clean_page
from .inputs import Input

__all__ = ["Article", "Source", "read_article"]


@dataclass(frozen=True)
class Source:
    """Where an article came from, as a result records it (an :class:`Article` without its text).

    Attributes:
        title: The page's headline, when known.
        published: The publication date as the page writes it.
        author: The byline.
        site: The site's name.
        url: Where the page came from.
        was_html: Whether the input was read as HTML.
    """

    title: str | None = None
    published: str | None = None
    author: str | None = None
    site: str | None = None
    url: str | None = None
    was_html: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The source as plain data."""
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class Article:
    """What was read from a text or a page.

    Attributes:
        text: The body text, cleaned; "" if nothing is left.
        title: The page's title (its headline), when the markup names one.
        published: The publication date as the page writes it (ISO 8601 on
            most news sites), when given.
        author: The byline, when the markup names one.
        site: The site's name (``og:site_name``), when given.
        url: Where the page came from, when known.
        removed_lines: Every line dropped as page furniture, in text order.
        was_html: Whether the input was read as HTML.
        page_count: The number of pages of a PDF read by :func:`summarizer.read_document`.
    """

    text: str
    title: str | None = None
    published: str | None = None
    author: str | None = None
    site: str | None = None
    url: str | None = None
    removed_lines: tuple[str, ...] = ()
    was_html: bool = False
    page_count: int | None = None

    def metadata(self) -> dict[str, str]:
        """The page facts that are known: title, published, author, site, url."""
        facts = {name: getattr(self, name) for name in ("title", "published", "author", "site", "url")}
        return {name: value for name, value in facts.items() if value}

    @property
    def source(self) -> Source:
        """The article's metadata and whether it was HTML, without its text."""
        return Source(title=self.title, published=self.published, author=self.author, site=self.site,
                      url=self.url, was_html=self.was_html)

    def to_dict(self) -> dict[str, Any]:
        """The article as plain data (``removed_lines`` as a list)."""
        data = dataclasses.asdict(self)
        data["removed_lines"] = list(self.removed_lines)
        return data


def read_article(text: str | Input, *, url: str | None = None,
                 options: CleanOptions | dict[str, Any] | None = None) -> Article:
    """Read the body and the metadata of a text or an HTML page.

    Args:
        text: Plain text, a pasted page, or an HTML document or fragment (or
            an :class:`~summarizer.text.inputs.Input`, what it is decided).
        url: Where it came from, kept on the result.
        options: Cleaning options (see :class:`summarizer.CleanOptions`).

    Returns:
        The article; its metadata fields are None where the input has none.

    Raises:
        TypeError: ``text`` is not a str.
    """
    cleaned, facts = clean_page(text, options)
    return Article(text=cleaned.text, url=url, removed_lines=cleaned.removed_lines,
                   was_html=cleaned.was_html, **facts)
