"""Check the text a user hands to the pipeline before any model runs.

Raises :class:`~summarizer.errors.InputError` (a ``ValueError``) with a message
that names the fix. It does not clean or split the text.
"""

from __future__ import annotations

from ..errors import InputError

DEFAULT_MAX_INPUT_CHARS = 200_000

#: A whole HTML page may be this long: its markup, not its article, makes it
#: big (news pages run to 1.5 MB); the limit above then holds for its article.
MAX_PAGE_CHARS = 5_000_000


def input_limit(text: object, max_chars: int) -> int:
    """The size limit for ``text``: ``max_chars``, or :data:`MAX_PAGE_CHARS` for a whole HTML page."""
    from .html_text import looks_like_html_document

    if isinstance(text, str) and looks_like_html_document(text):
        return max(max_chars, MAX_PAGE_CHARS)
    return max_chars


def check_raw_text(text: object, max_chars: int = DEFAULT_MAX_INPUT_CHARS) -> str:
    """Reject input that is not a string, is empty, or is over the size limit.

    Args:
        text: What the caller passed as the article.
        max_chars: The largest accepted text, in characters.

    Returns:
        The text, unchanged.

    Raises:
        InputError: If the text is not a string, is empty or whitespace only,
            or is longer than ``max_chars``.
    """
    if isinstance(text, bytes):
        raise InputError("The text is bytes: decode it first, e.g. data.decode('utf-8').")
    if not isinstance(text, str):
        raise InputError(f"The text must be a string, not {type(text).__name__}.")
    if not text.strip():
        raise InputError("The text is empty: pass the Arabic article to summarize.")
    if len(text) > max_chars:
        raise InputError(
            f"The text has {len(text):,} characters, over the limit of {max_chars:,}: "
            "split it into several documents, or raise the limit with max_input_chars=..."
        )
    return text


def check_clean_text(text: str) -> str:
    """Reject cleaned text that has nothing a model could summarize.

    Raises:
        InputError: If the cleaned text is empty or has no letters at all.
    """
    if not text.strip():
        raise InputError(
            "Nothing is left after cleaning (the input held only markup, boilerplate "
            "or invisible characters): pass the article's text."
        )
    if not any(char.isalpha() for char in text):
        raise InputError("The text has no letters (only digits, punctuation or symbols): pass an article.")
    return text
