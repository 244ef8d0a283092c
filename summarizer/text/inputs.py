"""The first and the last step of reading a text: what it is, and whether anything is left.

:func:`read_input` takes what a user hands in, refuses what no step could read
(bytes, not a string, empty, over the size limit) and decides once what it
is: a whole HTML page (:attr:`Input.is_page`; its markup may be larger than
the limit, its article may not) or a text (plain, or a fragment of markup,
which cleaning finds out). Every later step reads that decision instead of
looking again. :func:`check_article` refuses a cleaned article that has
nothing a model could summarize.

Errors are :class:`~summarizer.errors.InputError` (a ``ValueError``) with a
message that names the fix. Nothing here cleans or splits the text.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import InputError
from .html_text import looks_like_html_document

DEFAULT_MAX_INPUT_CHARS = 200_000

#: A whole HTML page may be this long: its markup, not its article, makes it
#: big (news pages run to 1.5 MB); the limit above then holds for its article.
MAX_PAGE_CHARS = 5_000_000


@dataclass(frozen=True)
class Input:
    """A text as it was handed in, and whether it is a whole HTML page.

    Attributes:
        text: The text, unchanged.
        is_page: It is a whole HTML document (see
            :func:`summarizer.text.html_text.looks_like_html_document`): its
            article is picked out of it. Otherwise it is read as a text.
    """

    text: str
    is_page: bool

    @classmethod
    def of(cls, text: str) -> Input:
        """Decide what ``text`` is (``TypeError`` if it is no str)."""
        if not isinstance(text, str):
            raise TypeError(f"text must be a str, not {type(text).__name__}")
        return cls(text, looks_like_html_document(text))

    def limit(self, max_chars: int) -> int:
        """The size limit for this input: ``max_chars``, or :data:`MAX_PAGE_CHARS` for a whole page."""
        return max(max_chars, MAX_PAGE_CHARS) if self.is_page else max_chars


def input_limit(text: str, max_chars: int) -> int:
    """The size limit for ``text``: ``max_chars``, or :data:`MAX_PAGE_CHARS` for a whole HTML page."""
    return Input.of(text).limit(max_chars)


def read_input(text: object, max_chars: int = DEFAULT_MAX_INPUT_CHARS) -> Input:
    """Refuse input that is not a string, is empty or is over the size limit; say what it is.

    Args:
        text: What the caller passed as the article.
        max_chars: The largest accepted text, in characters (a whole HTML page
            may be up to :data:`MAX_PAGE_CHARS`; its article is checked
            against ``max_chars`` by :func:`check_article`).

    Returns:
        The text and whether it is a whole HTML page.

    Raises:
        InputError: If the text is not a string, is empty or whitespace only,
            or is over the limit.
    """
    if isinstance(text, bytes):
        raise InputError("The text is bytes: decode it first, e.g. data.decode('utf-8').")
    if not isinstance(text, str):
        raise InputError(f"The text must be a string, not {type(text).__name__}.")
    if not text.strip():
        raise InputError("The text is empty: pass the Arabic article to summarize.")
    source = Input.of(text)
    _check_size(text, source.limit(max_chars))
    return source


def check_article(text: str, max_chars: int = DEFAULT_MAX_INPUT_CHARS) -> str:
    """Refuse a cleaned article that has nothing a model could summarize, or is over the limit.

    Args:
        text: The article's text after cleaning.
        max_chars: The largest accepted article, in characters.

    Returns:
        The text, unchanged.

    Raises:
        InputError: If the text is empty, has no letters at all, or is
            longer than ``max_chars`` (an article read from a large page).
    """
    if not text.strip():
        raise InputError(
            "Nothing is left after cleaning (the input held only markup, boilerplate "
            "or invisible characters): pass the article's text."
        )
    if not any(char.isalpha() for char in text):
        raise InputError("The text has no letters (only digits, punctuation or symbols): pass an article.")
    _check_size(text, max_chars)
    return text


def _check_size(text: str, max_chars: int) -> None:
    if len(text) > max_chars:
        raise InputError(
            f"The text has {len(text):,} characters, over the limit of {max_chars:,}: "
            "split it into several documents, or raise the limit with max_input_chars=..."
        )
