"""Scanned PDF pages read by OCR: Tesseract's Arabic model through pytesseract, when both are installed.

The optional ``[ocr]`` extra installs pytesseract (Apache-2.0); Tesseract
itself and its Arabic model are system packages (Debian: ``tesseract-ocr``
and ``tesseract-ocr-ara``). OCR runs only when asked (``ocr="on"``): on the
shared scanned KITAB pages its word F1 is far below the text layers'
(BENCHMARKS.md). A page is rendered by PDFium at 300 dpi and read with the
Arabic model; each
page has its own time limit (Tesseract is stopped when it runs over, and the
document is refused). OCR text is in logical order; :mod:`.pdf` puts it
through the same word repairs as a text layer. No layout analysis beyond
Tesseract's own.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..errors import InputError

__all__ = ["ocr_available", "ocr_page"]

DPI = 300


@lru_cache(maxsize=1)
def ocr_available() -> bool:
    """Whether pytesseract, the tesseract program and its Arabic model are installed."""
    try:
        import pytesseract

        return "ara" in pytesseract.get_languages(config="")
    except Exception:  # not installed, or the program is missing or broken: no OCR
        return False


def ocr_page(page: Any, *, seconds: float, number: int, name: str) -> str:
    """The text of a PDFium page read by Tesseract's Arabic model.

    Raises:
        InputError: Tesseract ran over ``seconds`` on this page, or failed.
    """
    import pytesseract

    image = page.render(scale=DPI / 72, grayscale=True).to_pil()
    try:
        return pytesseract.image_to_string(image, lang="ara", timeout=seconds)
    except RuntimeError as error:  # pytesseract's timeout
        raise InputError(f"OCR of page {number} of {name} took more than {seconds:g} s: split the file, "
                         "or raise the limit with ocr_seconds=...") from error
    except pytesseract.TesseractError as error:
        raise InputError(f"OCR failed on page {number} of {name} ({error}); paste the text.") from error
