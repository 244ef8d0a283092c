"""What a document may cost before it is refused: :class:`DocumentOptions` and the clock that enforces them.

Documents come from outside (uploads, batch folders), so their size, their
page count and the time spent reading them are capped; every cap is an option
with a default, and going over one is an :class:`~summarizer.errors.InputError`
naming the option to raise. The clock is checked between pages and between
paragraphs: one page that a PDF library takes long to parse is not
interrupted in the middle (pdfium's C code cannot be), it is the next check
that stops the reading.
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass
from typing import Any, Literal

from ..coercion import coerce_options
from ..errors import InputError

__all__ = ["DocumentOptions", "Deadline", "document_options"]


@dataclass(frozen=True)
class DocumentOptions:
    """How PDF and Word files are read.

    Attributes:
        max_bytes: The largest file accepted (default 50 MB).
        max_pages: The most PDF pages read (default 300); a longer file is refused, not cut.
        max_seconds: The time a document may take to read (default 60 s).
        max_chars: The most characters of text a document may yield (default 2,000,000,
            ten times the summarizer's own input limit, which applies after).
        scanned: What to do with a PDF page that has no text layer (a scanned image):
            ``"refuse"`` (default) raises an error naming the page; ``"skip"`` reads the
            other pages and lists the skipped ones in ``removed_lines``.
        check_readable: Refuse a text layer whose words are mostly not words (a broken font map).
        ocr: ``"on"`` reads scanned pages by OCR (needs the ``[ocr]`` extra and Tesseract's Arabic
            model); ``"off"`` (default) never does: on the shared scanned pages Tesseract's
            word F1 is far below what a summary needs (BENCHMARKS.md).
        ocr_seconds: The time OCR may take per page (default 60 s).
    """

    max_bytes: int = 50_000_000
    max_pages: int = 300
    max_seconds: float = 60.0
    max_chars: int = 2_000_000
    scanned: Literal["refuse", "skip"] = "refuse"
    check_readable: bool = True
    ocr: Literal["off", "on"] = "off"
    ocr_seconds: float = 60.0

    def __post_init__(self) -> None:
        for name in ("max_bytes", "max_pages", "max_seconds", "max_chars", "ocr_seconds"):
            if not getattr(self, name) > 0:
                raise InputError(f"DocumentOptions.{name} must be positive, not {getattr(self, name)!r}.")
        if self.scanned not in ("refuse", "skip"):
            raise InputError(f"DocumentOptions.scanned must be 'refuse' or 'skip', not {self.scanned!r}.")
        if self.ocr not in ("off", "on"):
            raise InputError(f"DocumentOptions.ocr must be 'off' or 'on', not {self.ocr!r}.")


def document_options(options: DocumentOptions | dict[str, Any] | None = None, **overrides: Any) -> DocumentOptions:
    """Options from an instance, a dict or None (the defaults), with keyword overrides."""
    options = coerce_options(DocumentOptions, options)
    return dataclasses.replace(options, **overrides) if overrides else options


class Deadline:
    """The time left to read one document."""

    def __init__(self, seconds: float, name: str) -> None:
        self.seconds = seconds
        self.name = name
        self.end = time.monotonic() + seconds

    def check(self) -> None:
        """Raise when the time is up.

        Raises:
            InputError: The document took longer than ``max_seconds`` to read.
        """
        if time.monotonic() > self.end:
            raise InputError(
                f"{self.name} took more than {self.seconds:g} s to read: it is too large or malformed; "
                "split it, or raise the limit with max_seconds=..."
            )
