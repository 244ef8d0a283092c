"""PDF and Word files in: :func:`read_document` returns the :class:`~summarizer.Article` the pipeline summarizes.

``read`` (the entry point and its checks), ``pdf`` (pypdfium2 and the page
repairs), ``engines`` (pypdf and pdfminer.six as second opinions), ``docx``
(python-docx), ``arabic`` (the repairs of Arabic text layers that no PDF
library makes, decided by a word list), ``lines`` and ``bidi`` (PDFium's
characters to lines in reading order, by their boxes), ``layout`` (page
furniture and paragraphs), ``limits`` (:class:`DocumentOptions`: size, page and time caps)
and ``ocr`` (Tesseract for scanned pages, on request). Cleaning, sentence
splitting and language checks are left to ``summarizer.text`` and the
pipeline.
"""

from .limits import DocumentOptions
from .read import SUFFIXES, read_document

__all__ = ["SUFFIXES", "DocumentOptions", "read_document"]
