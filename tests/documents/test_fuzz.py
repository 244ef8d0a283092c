"""Damaged files never crash or hang the reader: thousands of mutated PDFs and Word files.

Every mutation must give a result or an :class:`InputError`; any other
exception, or a mutation slower than a second, fails. The mutations are
seeded, so a failure reproduces. PDFium-only readings keep the PDF part fast;
a few hundred go through :func:`read_document` with its second engines too.
"""

from __future__ import annotations

import io
import random
import time
import zipfile

from summarizer import InputError, read_document
from summarizer.documents.pdf import read_pdf_pages
from conftest import EVAL, need_shared
from pdfs import make_pdf

PDFS = EVAL / "arabic-documents" / "pdf"


def _mutate(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        kind = rng.random()
        at = rng.randrange(len(out))
        if kind < 0.6:
            out[at] = rng.randrange(256)  # a byte changed
        elif kind < 0.75:
            del out[at:at + rng.randint(1, 64)]  # a few bytes gone
        elif kind < 0.9:
            out[at:at] = out[rng.randrange(len(out)):][: rng.randint(1, 64)]  # a chunk repeated elsewhere
        else:
            del out[at:]  # truncated
        if not out:
            out = bytearray(b"%")
    return bytes(out)


def _survives(read, data: bytes) -> None:
    started = time.monotonic()
    try:
        read(data)
    except InputError:
        pass
    assert time.monotonic() - started < 5, "one damaged file took more than 5 s"


def test_mutated_pdfs_give_text_or_input_errors():
    rng = random.Random(29)
    seeds = [need_shared(PDFS / "pdfbox__PDFBOX-4531-bidi-ligature-1.pdf").read_bytes(),
             (PDFS / "fpdf2__arabic.pdf").read_bytes(), make_pdf(["Some text\non two lines", None])]
    for number in range(2400):
        data = _mutate(seeds[number % len(seeds)], rng)
        if number % 8 == 0:
            _survives(read_document, data)
        else:
            _survives(lambda d: read_pdf_pages(d, engines=()), data)


def _docx_parts() -> dict[str, bytes]:
    import docx

    document = docx.Document()
    document.core_properties.title = "عنوان"
    paragraph = document.add_paragraph("قال الوزير إن الحكومة ستبني مدارس جديدة.")
    document.add_comment(paragraph.runs, text="تعليق", author="محرر")
    document.add_table(rows=1, cols=2).cell(0, 1).text = "خلية"
    stream = io.BytesIO()
    document.save(stream)
    with zipfile.ZipFile(stream) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _zip(parts: dict[str, bytes]) -> bytes:
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in parts.items():
            archive.writestr(name, body)
    return stream.getvalue()


def test_mutated_word_files_give_text_or_input_errors():
    rng = random.Random(29)
    parts = _docx_parts()
    whole = _zip(parts)
    xml_parts = ["word/document.xml", "[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels",
                 "docProps/core.xml", "word/comments.xml"]
    for number in range(1200):
        if number % 2:
            data = _mutate(whole, rng)  # the package itself damaged: mostly ZIP errors
        else:
            name = xml_parts[number // 2 % len(xml_parts)]
            data = _zip({**parts, name: _mutate(parts[name], rng)})  # a well-formed ZIP of damaged XML
        _survives(read_document, data)
