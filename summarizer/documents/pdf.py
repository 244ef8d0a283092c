"""PDF files to text with pypdfium2 (PDFium, Apache-2.0/BSD), chosen by measurement (BENCHMARKS.md).

:func:`read_pdf_pages` reads each page's characters with their boxes, in the
order PDFium gives, and repairs what PDFium leaves wrong in Arabic:

* lines are made from the boxes (:mod:`.lines`: lines apart split, pieces of
  one line joined, stray vowel marks put on their letter), and the runs of a
  line that mixes Arabic and Latin put in logical order (:mod:`.bidi`);
* a glyph that stands for several letters (a lam-alef ligature, a shaped
  cluster) can come out with its letters reversed (``البالد`` for ``البلاد``,
  ``أمحد`` for ``أحمد``): such a run of characters sharing one box is turned
  where its letters cannot join in the given order (an alef before another
  letter; a mark before its letter), else where that makes words;
* presentation forms become letters (NFKC), lines in visual order become
  logical, leftover backwards lam-alefs and Persian letter forms are fixed
  (:mod:`.arabic`);
* page numbers, running headers and footers are dropped and lines joined into
  paragraphs (:mod:`.layout`).

For a page whose repaired text still holds non-words, pypdf and pdfminer.six
are asked too (:mod:`.engines`) and the reading with the most real words
is kept. A page without a text layer but with an image is a scanned page: refused
with an error naming it, skipped with ``scanned="skip"``, or read by OCR with
``ocr="on"`` (:mod:`.ocr`: the ``[ocr]`` extra and Tesseract's Arabic model). A file that PDFium
cannot open (malformed, encrypted with a password) is an
:class:`~summarizer.errors.InputError`. PDFium is not thread-safe: one
document is read at a time (a lock).
"""

from __future__ import annotations

import re
import threading
import time
import unicodedata
from dataclasses import dataclass
from typing import Any

from ..errors import InputError
from .arabic import balance_brackets, damage, is_visual, logical_line, normalize, repair_words, weight
from .bidi import line_directions, order_runs
from .engines import engine_page, page_score
from .layout import Line, drop_furniture, paragraphs
from .limits import Deadline, DocumentOptions, document_options
from .lines import assemble_lines
from .ocr import ocr_available, ocr_page

__all__ = ["PdfPage", "PdfText", "read_pdf_pages"]

_LOCK = threading.Lock()
_ARABIC = range(0x0600, 0x0700)


@dataclass(frozen=True)
class PdfPage:
    """One page: its paragraphs joined by blank lines, the furniture lines dropped, whether it was a scanned
    image, and the library whose reading was kept (``pdfium``, ``pypdf``, ``pdfminer``, ``ocr``; ``none``
    for a scanned page not read)."""

    number: int
    text: str
    removed: tuple[str, ...] = ()
    scanned: bool = False
    engine: str = "pdfium"


@dataclass(frozen=True)
class PdfText:
    """What :func:`read_pdf_pages` found: the pages, the title, and the lines it removed."""

    pages: tuple[PdfPage, ...]
    title: str | None
    page_count: int
    removed_lines: tuple[str, ...]


def _chars(textpage: Any) -> list[tuple[str, tuple[float, float, float, float] | None]]:
    import pypdfium2.raw as raw

    chars = []
    for index in range(textpage.count_chars()):
        code = raw.FPDFText_GetUnicode(textpage.raw, index)
        generated = raw.FPDFText_IsGenerated(textpage.raw, index)
        if generated and code in (10, 13):
            chars.append(("\n", None))
        elif generated and code == 32:
            chars.append((" ", None))  # a space PDFium adds has a box where it likes: no position
        elif code >= 32 or code == 9:
            chars.append((chr(code), textpage.get_charbox(index)))
    return chars


def _known(chars: list, backwards: bool) -> float:
    text = normalize("".join(c for c, _ in chars))
    return sum(weight(token[::-1] if backwards else token) for token in _ARABIC_RUN.findall(text))


# Letters that join only the letter before them (Unicode joining types R and U: alef, dal, reh, waw, teh
# marbuta, hamza...): no glyph can hold one of them followed by another letter, so a multi-letter glyph
# whose letters come out that way (``ال`` for the lam-alef ``لا``) was decoded backwards.
_NON_JOINING = re.compile("[\u0621-\u0625\u0627\u0629\u062f-\u0632\u0648\u0671-\u0673\u0675-\u0677"
                          "\u0688-\u0699\u06c0\u06c3-\u06cb\u06cd\u06cf\u06d2\u06d3\u06d5\u06ee\u06ef]")
_ARABIC_RUN = re.compile("[\u0621-\u064a\u064b-\u065f\u0670-\u06d3\u06d5]+")
_MARK = re.compile("[\u064b-\u065f\u0670]")


def _impossible(letters: str) -> bool:
    """Whether a glyph cannot hold these letters in this order: a mark before any letter, or a letter that joins
    no next letter before another (``ال`` for the lam-alef ``لا``)."""
    if unicodedata.combining(letters[0]) and not all(unicodedata.combining(char) for char in letters):
        return True  # a mark follows its letter, in any script (PDFBox's Hebrew alef with dagesh, U+05BC U+05D0)
    letters = _MARK.sub("", letters)
    return any(_NON_JOINING.match(char) for char in letters[:-1])


# Unicode's word ligatures (U+FDF0-FDFC: ﷲ is الله, ﷺ صلى الله عليه وسلم): one glyph for a word or phrase,
# letters that join nothing included.
_WORD_LIGATURES = frozenset(unicodedata.normalize("NFKC", chr(code)) for code in range(0xFDF0, 0xFDFD))


def _misordered(letters: str) -> bool:
    """Whether a glyph's letters came out backwards: impossible in this order, possible in the other."""
    if _MARK.sub("", letters) in _WORD_LIGATURES:
        return False
    return _impossible(letters) and not _impossible(letters[::-1])


def _doubled(chars: list, start: int, end: int, logical: str, backwards: bool) -> int | None:
    """The index of a letter drawn on its own right before a word ligature whose text repeats it, if any.

    ``logical`` is the text of ``chars[start:end]`` in reading order. Fonts that draw the alef of
    ``الله`` apart and map the ligature to the whole word give ``االله``.
    """
    logical = _MARK.sub("", logical)
    before = end if backwards else start - 1
    if logical in _WORD_LIGATURES and 0 <= before < len(chars) and chars[before][0] == logical[0]:
        return before
    return None


def _orient_clusters(chars: list, backwards: bool) -> list:
    """Put the letters of each multi-letter glyph in the order that makes words.

    A glyph that stands for several letters (a ligature, a shaped cluster) is a
    run of characters sharing one box; PDFium gives its letters in one order or
    the other depending on how the file maps it. Such a run is turned around
    when its letters cannot stand in one glyph in the given order and can in
    the other (:func:`_misordered`: the font maps every lam-alef of KITAB pdf6
    backwards, also where ``مثال`` for ``مثلا`` is a word too), else when that
    makes more words of its surroundings (the word list, read backwards on a
    line in visual order, see :mod:`.arabic`).
    """
    chars = list(chars)
    start = 0
    while start < len(chars):
        end = start + 1
        box = chars[start][1]
        while end < len(chars) and box is not None and chars[end][1] == box:
            end += 1
        cluster = "".join(c for c, _ in chars[start:end])
        logical = cluster[::-1] if backwards else cluster
        doubled = _doubled(chars, start, end, logical, backwards) if end - start > 1 else None
        if doubled is not None:
            del chars[doubled]
            if doubled < start:
                start, end = start - 1, end - 1
        if end - start > 1 and _misordered(logical):
            chars[start:end] = chars[start:end][::-1]
        elif end - start > 1 and any(ord(c) in _ARABIC for c in cluster):
            left = start
            while left > 0 and not chars[left - 1][0].isspace():
                left -= 1
            right = end
            while right < len(chars) and not chars[right][0].isspace():
                right += 1
            flipped = chars[left:start] + chars[start:end][::-1] + chars[end:right]
            if _known(flipped, backwards) > _known(chars[left:right], backwards) + 1:
                chars[left:right] = flipped
        start = end
    return chars


#: A page whose words are more often non-words than this is damaged: its rare words may be misread too, and its
#: non-words are read again with swapped letters (on a clean page only with Arabic letter forms).
DAMAGED = 0.04


def _repair(text: str, visual: bool = False, damaged: bool = True) -> str:
    text = " ".join(normalize(text).split())  # one space, so that pieces of a word sit side by side
    text = repair_words(logical_line(text, visual=visual or is_visual(text)), damaged)
    return " ".join(balance_brackets(text).split())


def _text_lines(text: str) -> list[Line]:
    """Lines of an engine that gives text without boxes: a line's width is its length, lines evenly spaced."""
    damaged = damage(normalize(text)) > DAMAGED
    lines = [_repair(line, damaged=damaged) for line in text.splitlines()]
    lines = [line for line in lines if line]
    return [Line(text=line, left=0.0, right=float(len(line)), bottom=-12.0 * i - 10, top=-12.0 * i)
            for i, line in enumerate(lines)]


def _page_lines(textpage: Any) -> list[Line]:
    """The page's lines, repaired; rare words, and swaps, only on a damaged page (see :func:`.best_reading`)."""
    raw = [chars for chars in assemble_lines(_chars(textpage)) if any(not c.isspace() and b for c, b in chars)]
    damaged = damage(normalize(" ".join("".join(c for c, _ in chars) for chars in raw))) > DAMAGED
    lines = []
    for chars, rtl in zip(raw, line_directions(raw)):
        boxes = [box for c, box in chars if not c.isspace() and box]
        visual = is_visual(normalize("".join(c for c, _ in chars)))
        chars = _orient_clusters(chars, backwards=visual)
        if not visual:
            chars = order_runs(chars, rtl)
        text = _repair("".join(c for c, _ in chars), visual, damaged)
        lines.append(Line(text=text, left=min(b[0] for b in boxes),
                          right=max(b[2] for b in boxes), bottom=min(b[1] for b in boxes),
                          top=max(b[3] for b in boxes)))
    return lines


def _has_image(page: Any) -> bool:
    import pypdfium2.raw as raw

    return any(True for _ in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE], max_depth=3))


def _title(document: Any) -> str | None:
    try:
        return normalize(document.get_metadata_value("Title") or "").strip() or None
    except Exception:  # a malformed info dictionary only loses the title
        return None


def _best_reading(lines: list[Line], data: bytes, index: int, opened: dict[str, Any],
                  engines: tuple[str, ...], deadline: Deadline) -> tuple[list[Line], str]:
    """PDFium's lines, or a second engine's when they hold more real words (see :mod:`.engines`)."""
    best, best_engine = lines, "pdfium"
    best_score = page_score([line.text for line in lines]) if lines else None
    tokens = sum(len(line.text.split()) for line in lines)
    for engine in engines:
        if best_score is not None and best_score >= 0.9 * tokens:
            break  # PDFium's reading is (nearly) all words
        if time.monotonic() > deadline.end:
            break
        text = engine_page(opened, data, engine, index)
        if text is None:
            continue
        candidate = _text_lines(text)
        score = page_score([line.text for line in candidate])
        if candidate and (best_score is None or score > best_score):
            best, best_engine, best_score = candidate, engine, score
    return best, best_engine


def read_pdf_pages(data: bytes, *, name: str = "the PDF",
                   options: DocumentOptions | dict[str, Any] | None = None,
                   engines: tuple[str, ...] = ("pypdf", "pdfminer"), **overrides: Any) -> PdfText:
    """Read the text of a PDF's pages, repaired for Arabic (see the module docstring).

    Args:
        data: The file's bytes.
        name: How messages call the file.
        options: Limits and the scanned-page policy (:class:`DocumentOptions`).
        engines: The second opinions asked for a page whose PDFium text has non-words, in order
            (``"pypdf"``, ``"pdfminer"``; ``()`` for PDFium alone).
        **overrides: Single options, e.g. ``scanned="skip"``.

    Returns:
        The pages, the title from the metadata (when it is a title, not a file name), the page count,
        and the removed lines (page numbers, running headers and footers, skipped scanned pages).

    Raises:
        InputError: The file is not a PDF PDFium can open, needs a password, has more pages than
            ``max_pages``, has a scanned page (with ``scanned="refuse"``), or takes too long.
    """
    import pypdfium2 as pdfium

    opts = document_options(options, **overrides)
    deadline = Deadline(opts.max_seconds, name)
    with _LOCK:
        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as error:
            if "password" in str(error).lower():
                raise InputError(f"{name} is encrypted with a password: open it, save an unprotected copy, "
                                 "and try again.") from error
            raise InputError(f"{name} is not a readable PDF (PDFium: {error}): the file is damaged or "
                             "not a PDF; export it again, or paste the text.") from error
        try:
            count = len(document)
            if count > opts.max_pages:
                raise InputError(f"{name} has {count} pages, over the limit of {opts.max_pages}: split it, "
                                 "or raise the limit with max_pages=...")
            raw_pages, scanned, used, opened = [], [], [], {}
            for index in range(count):
                deadline.check()
                try:
                    page = document[index]
                    lines = _page_lines(page.get_textpage())
                except pdfium.PdfiumError as error:
                    raise InputError(f"Page {index + 1} of {name} is damaged (PDFium: {error}): export the "
                                     "PDF again, or paste the text.") from error
                if lines or not _has_image(page):
                    lines, engine = _best_reading(lines, data, index, opened, engines, deadline)
                    used.append(engine)
                elif opts.ocr == "on":
                    if not ocr_available():
                        raise InputError("OCR was asked for (ocr='on') but is not installed: pip install "
                                         "'bilingual-summarizer[ocr]' and Tesseract's Arabic model (Debian: "
                                         "tesseract-ocr-ara).")
                    lines = _text_lines(ocr_page(page, seconds=opts.ocr_seconds, number=index + 1, name=name))
                    used.append("ocr")
                else:
                    used.append("none")
                    scanned.append(index + 1)
                    if opts.scanned == "refuse":
                        raise InputError(
                            f"Page {index + 1} of {name} has no text layer: it is a scanned image. Paste "
                            "the text, read the other pages with scanned='skip', or OCR it with ocr='on' "
                            "(install the OCR extra, pip install 'bilingual-summarizer[ocr]', and Tesseract's "
                            "Arabic model, Debian's tesseract-ocr-ara; its text is often poor)."
                        )
                raw_pages.append(lines)
            title = _title(document)
        finally:
            document.close()
    kept, removed = drop_furniture(raw_pages)
    # Brackets are paired again per paragraph: a pair can span a line break.
    texts = ["\n\n".join(balance_brackets(paragraph) for paragraph in paragraphs(lines)) for lines in kept]
    pages = tuple(PdfPage(number=i + 1, text=texts[i], removed=tuple(removed[i]), scanned=i + 1 in scanned,
                          engine=used[i]) for i in range(len(kept)))
    lines = [line for page in removed for line in page]
    lines += [f"[page {number}: scanned image, no text layer]" for number in scanned]
    return PdfText(pages=pages, title=title, page_count=count, removed_lines=tuple(lines))
