"""One entry point for documents: :func:`read_document` turns a .pdf or .docx file into an :class:`Article`.

It takes a path, the bytes, or a binary file object; the format is told by
the content (``%PDF`` or a ZIP package), the file name only names it in
messages. The size cap holds before anything is parsed; the PDF or Word
reader (:mod:`.pdf`, :mod:`.docx`) does the rest. A text layer whose words
are mostly not words (a broken font map) is refused rather than summarized as
junk. It does not read .doc, .odt, .rtf or images.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import IO, Any

from ..errors import InputError
from ..text.article import Article
from .arabic import readable_share
from .docx import read_docx
from .limits import DocumentOptions, document_options
from .pdf import read_pdf_pages

__all__ = ["SUFFIXES", "read_document"]

#: The file name endings :func:`read_document` reads.
SUFFIXES = (".pdf", ".docx")

#: Below this share of real words (over at least ``_MIN_WORDS`` words) a text layer is unreadable.
MIN_READABLE_SHARE = 0.5
_MIN_WORDS = 20
_FILE_NAME = re.compile(r"^\S+\.[a-z0-9]{2,5}$|.*\.(?:docx?|dotx?|pdf|indd|rtf)$")


def _load(source: Any, filename: str | None, opts: DocumentOptions) -> tuple[bytes, str]:
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        name = filename or "the document"
    elif isinstance(source, (str, os.PathLike)):
        path = Path(source)
        name = filename or path.name
        try:
            size = path.stat().st_size
            if size > opts.max_bytes:
                raise InputError(f"{name} is {size:,} bytes, over the limit of {opts.max_bytes:,} bytes: "
                                 "split it, or raise the limit with max_bytes=...")
            data = path.read_bytes()
        except OSError as error:
            raise InputError(f"Cannot read {path}: {error.strerror or error}.") from error
    elif hasattr(source, "read"):
        data = source.read(opts.max_bytes + 1)
        if not isinstance(data, bytes):
            raise InputError("The file object gives text, not bytes: open the document in binary mode ('rb').")
        name = filename or Path(str(getattr(source, "name", "") or "the document")).name
    else:
        raise InputError(f"source must be a path, bytes or a binary file object, not {type(source).__name__}.")
    if len(data) > opts.max_bytes:
        raise InputError(f"{name} is over the limit of {opts.max_bytes:,} bytes: split it, or raise the limit "
                         "with max_bytes=...")
    return data, name


def _kind(data: bytes, name: str) -> str:
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    suffix = Path(name).suffix.lower()
    if suffix == ".doc" or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(f"{name} is an old Word .doc file: save it as .docx (or PDF) and try again.")
    if not data.strip():
        raise InputError(f"{name} is empty.")
    raise InputError(f"{name} is neither a PDF nor a Word .docx file: only {', '.join(SUFFIXES)} are read "
                     "as documents; pass plain text or HTML to summarize() directly.")


def _title(title: str | None) -> str | None:
    """The title, unless it is a file or template name (``Normal.dot``, ``Microsoft Word - x.docx``)."""
    if not title or not any(char.isalpha() for char in title):
        return None
    lowered = title.lower().strip()
    if _FILE_NAME.match(lowered) or lowered.startswith(("microsoft word", "untitled")):
        return None
    return title.strip()


def read_document(source: str | os.PathLike[str] | bytes | IO[bytes], *, filename: str | None = None,
                  options: DocumentOptions | dict[str, Any] | None = None) -> Article:
    """Read an Arabic (or any) PDF or Word file as an :class:`~summarizer.Article`.

    Args:
        source: A path, the file's bytes, or a binary file object.
        filename: The file's name, for messages (defaults to the path's name).
        options: Size, page and time limits and the scanned-page policy (:class:`DocumentOptions`).

    Returns:
        The article: its text in logical order, paragraphs separated by blank lines; the title
        (PDF metadata or Word core properties, when it is one); ``page_count`` for a PDF; and in
        ``removed_lines`` the page numbers, running headers and footers dropped, and any scanned
        page skipped.

    Raises:
        InputError: The file is too large, is no PDF or .docx, is encrypted or damaged, has a
            scanned page (unless ``scanned="skip"``), has no text, or has an unreadable text layer.
    """
    opts = document_options(options)
    data, name = _load(source, filename, opts)
    if _kind(data, name) == "pdf":
        pdf = read_pdf_pages(data, name=name, options=opts)
        text = "\n\n".join(page.text for page in pdf.pages if page.text)
        title, removed, pages = pdf.title, pdf.removed_lines, pdf.page_count
    else:
        docx = read_docx(data, name=name, options=opts)
        text = "\n\n".join(docx.paragraphs)
        title, removed, pages = docx.title, (), None
    if not text.strip():
        raise InputError(f"{name} has no text to summarize.")
    if len(text) > opts.max_chars:
        raise InputError(f"{name} holds {len(text):,} characters of text, over the limit of {opts.max_chars:,}: "
                         "split it, or raise the limit with max_chars=...")
    share, count = readable_share(text)
    if opts.check_readable and count >= _MIN_WORDS and share < MIN_READABLE_SHARE:
        raise InputError(
            f"The text layer of {name} is unreadable: only {share:.0%} of its {count} words are words "
            "(its fonts map glyphs to the wrong letters). Paste the text, or OCR the file."
        )
    return Article(text=text, title=_title(title), removed_lines=tuple(removed), page_count=pages)
