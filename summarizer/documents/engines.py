"""Second opinions on a PDF page: the text pypdf (BSD-3) and pdfminer.six (MIT) read from it.

PDFium (:mod:`.pdf`) reads most files best and fastest, but each library
decodes some fonts that the others garble (BENCHMARKS.md, "Arabic PDF and
Word files"). :mod:`.pdf` asks these two only for a page whose PDFium text
has words that are no words, and keeps whichever reading, after the same
Arabic repairs, has the most real words (:func:`page_score`).

Both are pure Python: a hostile file can make them slow. They run only while
the document's time limit lasts, one page at a time, and any error they raise
just drops their reading (PDFium's stays). Their loggers are silenced while
they read (their warnings about damaged files are not the user's concern);
:mod:`.pdf` calls this under its lock, one document at a time.
"""

from __future__ import annotations

import io
import logging
import re
from typing import Any

from .arabic import is_word

__all__ = ["ENGINES", "engine_page", "page_score"]

logger = logging.getLogger("summarizer")

_TOKEN = re.compile(r"[^\W\d_]+")


def _value(token: str) -> int:
    if len(token) == 1:  # a lone Arabic letter other than "and" is a word torn apart
        return -1 if "\u0621" <= token <= "\u06ff" and token != "\u0648" else 0
    return 1 if is_word(token) else -1


def page_score(lines: list[str]) -> int:
    """Real words minus non-words and lone Arabic letters (any script the word lists know)."""
    return sum(_value(token) for line in lines for token in _TOKEN.findall(line))


class _Pypdf:
    def __init__(self, data: bytes) -> None:
        import pypdf

        self.reader = pypdf.PdfReader(io.BytesIO(data))

    def page(self, index: int) -> str:
        return self.reader.pages[index].extract_text() or ""


class _Pdfminer:
    """pdfminer.six's ``extract_text`` one page at a time, the document parsed once."""

    def __init__(self, data: bytes) -> None:
        from pdfminer.layout import LAParams
        from pdfminer.pdfinterp import PDFResourceManager
        from pdfminer.pdfpage import PDFPage

        self.pages = PDFPage.get_pages(io.BytesIO(data))  # lazily, in order
        self.read = -1
        self.resources = PDFResourceManager()
        self.params = LAParams()

    def page(self, index: int) -> str:
        from pdfminer.converter import TextConverter
        from pdfminer.pdfinterp import PDFPageInterpreter

        page = None
        while self.read < index:  # pages are asked for in increasing order
            page = next(self.pages)
            self.read += 1
        if page is None:
            raise ValueError(f"page {index + 1} asked after page {self.read + 1}")
        out = io.StringIO()
        with TextConverter(self.resources, out, laparams=self.params) as device:
            PDFPageInterpreter(self.resources, device).process_page(page)
        return out.getvalue()


ENGINES = {"pypdf": _Pypdf, "pdfminer": _Pdfminer}


def engine_page(opened: dict[str, Any], data: bytes, name: str, index: int) -> str | None:
    """The page's text by engine ``name`` (opened once per document into ``opened``), or None on any error."""
    quiet = [logging.getLogger(library) for library in ("pypdf", "pdfminer")]
    levels = [library.level for library in quiet]
    for library in quiet:  # their warnings on damaged files would reach the user's console
        library.setLevel(logging.CRITICAL + 1)
    try:
        if name not in opened:
            opened[name] = None
            opened[name] = ENGINES[name](data)
        return opened[name].page(index) if opened[name] is not None else None
    except Exception as error:  # a second opinion that fails is only left out
        logger.debug("%s could not read page %d: %s", name, index + 1, error)
        return None
    finally:
        for library, level in zip(quiet, levels):
            library.setLevel(level)

