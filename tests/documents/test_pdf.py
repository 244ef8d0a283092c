"""PDF files to articles: the shared Arabic PDFs, and small PDFs written here for the failure cases."""

from __future__ import annotations

import io
import re

import pytest

from summarizer import Article, InputError, read_document
from summarizer.documents.pdf import read_pdf_pages
from conftest import EVAL, need_shared
from pdfs import make_pdf

PDFS = EVAL / "arabic-documents" / "pdf"
ENGLISH = "The minister said on Monday that the government\nwill build new schools in the north of the country."


def _shared(name: str) -> bytes:
    return need_shared(PDFS / name).read_bytes()


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text)


def test_presentation_forms_become_letters():
    expected = need_shared(PDFS / "jsPDF__arabic.gold.txt").read_text(encoding="utf-8").strip()
    article = read_document(_shared("jsPDF__arabic.pdf"))
    assert article.text == expected and article.page_count == 1
    assert not any("\ufb50" <= char <= "\ufeff" for char in article.text)


def test_a_line_in_visual_order_and_one_in_logical_order_read_the_same():
    # fpdf2's test writes one line in visual order, the next in logical order: both say the same.
    gold = need_shared(PDFS / "fpdf2__arabic.gold.txt").read_text(encoding="utf-8")
    assert _words(read_document(_shared("fpdf2__arabic.pdf")).text) == _words(gold)


def test_the_lam_alef_ligature_reads_forwards():
    article = read_document(_shared("KITAB-Bench__pdf3.pdf"))
    text = article.text + "\n".join(article.removed_lines)  # the report's title is its running header
    assert "البلاد" in text and "البالد" not in text
    assert "خلال" in text and "خالل" not in text
    assert "\ufffd" not in text


def test_a_scanned_page_is_refused_with_its_number_or_skipped():
    with pytest.raises(InputError, match="Page 2 of KITAB-Bench__pdf1.pdf has no text layer: it is a scanned image"):
        read_document(need_shared(PDFS / "KITAB-Bench__pdf1.pdf"))
    article = read_document(PDFS / "KITAB-Bench__pdf1.pdf", options={"scanned": "skip"})
    assert "جامعة الشهيد حمه لخضر" in article.text and article.page_count == 3
    assert article.removed_lines[-2:] == ("[page 2: scanned image, no text layer]",
                                          "[page 3: scanned image, no text layer]")
    with pytest.raises(InputError, match="Page 1 of .* no text layer"):
        read_document(make_pdf([None]))


def test_running_headers_and_page_numbers_are_removed_and_reported():
    article = read_document(_shared("KITAB-Bench__pdf2.pdf"))
    header = [line for line in article.removed_lines if "محاضرات في مقياس تاريخ الفكر الاقتصادي" in line]
    assert len(header) == 3 and "118" in article.removed_lines
    assert "محاضرات في مقياس تاريخ الفكر الاقتصادي" not in article.text


def test_path_bytes_and_file_object_give_the_same_article(tmp_path):
    data = make_pdf([ENGLISH])
    (tmp_path / "report.pdf").write_bytes(data)
    articles = [read_document(tmp_path / "report.pdf"), read_document(str(tmp_path / "report.pdf")),
                read_document(data), read_document(io.BytesIO(data))]
    assert all(isinstance(a, Article) and a == articles[0] for a in articles)
    assert articles[0].text == ENGLISH.replace("\n", " ")


def test_a_page_with_junk_uses_the_reading_with_most_words():
    pages = read_pdf_pages(_shared("KITAB-Bench__pdf8.pdf")).pages
    assert {page.engine for page in pages} <= {"pdfium", "pypdf", "pdfminer"}
    assert "الأسواق الإلكترونية" in pages[0].text + pages[1].text


def test_an_unreadable_text_layer_is_refused_not_summarized():
    junk = "\n".join(["Xqzt vrpk zzlm qwxv brtz kqpx wvzr tqlm"] * 5)
    with pytest.raises(InputError, match="text layer of the document is unreadable"):
        read_document(make_pdf([junk]))


def test_limits_refuse_big_files_long_files_and_slow_files(tmp_path):
    data = make_pdf([ENGLISH] * 4)
    with pytest.raises(InputError, match="has 4 pages, over the limit of 3"):
        read_document(data, options={"max_pages": 3})
    (tmp_path / "big.pdf").write_bytes(data)
    with pytest.raises(InputError, match="over the limit of 100 bytes: .*max_bytes"):
        read_document(tmp_path / "big.pdf", options={"max_bytes": 100})
    with pytest.raises(InputError, match="over the limit of 100 bytes"):
        read_document(io.BytesIO(data), options={"max_bytes": 100})
    with pytest.raises(InputError, match="took more than 1e-09 s"):
        read_document(data, options={"max_seconds": 1e-9})
    with pytest.raises(InputError, match="Unknown DocumentOptions option"):
        read_document(data, options={"pages": 3})


def test_encrypted_damaged_and_foreign_files_are_refused_with_what_is_wrong():
    import pypdf

    writer = pypdf.PdfWriter(clone_from=io.BytesIO(make_pdf([ENGLISH])))
    writer.encrypt("secret", algorithm="RC4-128")
    locked = io.BytesIO()
    writer.write(locked)
    with pytest.raises(InputError, match="encrypted with a password"):
        read_document(locked.getvalue(), filename="locked.pdf")
    with pytest.raises(InputError, match="not a readable PDF"):
        read_document(b"%PDF-1.4\n" + b"\x00garbage" * 50)
    with pytest.raises(InputError, match="neither a PDF nor a Word .docx"):
        read_document(b"just some text", filename="notes.pdf")
    with pytest.raises(InputError, match="old Word .doc"):
        read_document(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, filename="old.doc")
    with pytest.raises(InputError, match="binary mode"):
        read_document(io.StringIO("text"))
    with pytest.raises(InputError, match="Cannot read"):
        read_document("/nonexistent/report.pdf")


def test_every_shared_pdf_is_read_or_refused_as_a_scan():
    for path in sorted(need_shared(PDFS).glob("*.pdf")):
        try:
            article = read_document(path)
        except InputError as error:
            assert "has no text layer: it is a scanned image" in str(error), (path.name, error)
            assert path.name.startswith("KITAB")
        else:
            assert article.text.strip() and article.page_count >= 1


def test_scanned_pages_are_read_by_ocr_only_when_asked(monkeypatch):
    from summarizer.documents import pdf
    from summarizer.documents.arabic import readable_share
    from summarizer.documents.ocr import ocr_available

    path = need_shared(PDFS / "KITAB-Bench__pdf20.pdf")
    with pytest.raises(InputError, match="Page 1 of .* scanned image. .*ocr='on'"):
        read_document(path)
    monkeypatch.setattr(pdf, "ocr_available", lambda: False)
    with pytest.raises(InputError, match="OCR was asked for .* not installed"):
        read_document(path, options={"ocr": "on"})
    monkeypatch.undo()
    if not ocr_available():
        pytest.skip("Tesseract with its Arabic model is not installed")
    pages = read_pdf_pages(path.read_bytes(), ocr="on", engines=()).pages
    assert pages[0].engine == "ocr"
    share, count = readable_share(pages[0].text)
    assert count > 50 and share > 0.8


def _benchmark():
    import importlib.util

    from conftest import REPO

    spec = importlib.util.spec_from_file_location("documents_benchmark", REPO / "benchmarks" / "documents.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_damaged_text_layers_read_close_to_the_human_gold():
    # pdf3: ligatures backwards and unmapped glyph parts (PDFium alone: word F1 0.60);
    # pdf8: a font only pdfminer decodes (PDFium alone: 0.15).
    bench = _benchmark()
    for name, least in (("KITAB-Bench__pdf3", 0.90), ("KITAB-Bench__pdf8", 0.95)):
        pages = read_pdf_pages(_shared(name + ".pdf")).pages
        text = "\n".join("\n".join((page.text, *page.removed)) for page in pages)
        gold = (PDFS / (name + ".gold.md")).read_text(encoding="utf-8")
        assert bench.score(text, gold)["f1"] >= least, name
        assert bench.score("\n".join(bench._pdfium(_shared(name + ".pdf"))), gold)["f1"] < 0.7


def test_a_lam_alef_glyph_decoded_backwards_is_turned_even_where_both_orders_are_words():
    # pdf6's font maps its lam-alef glyph to "ال": no glyph can hold an alef before another letter
    # (alef joins no next letter), so every such glyph is turned, also where "مثال" is a word too.
    text = "\n".join(page.text for page in read_pdf_pages(_shared("KITAB-Bench__pdf6.pdf"), engines=()).pages)
    assert "(إنترانت مثلا)" in text and "مثال)" not in text
    assert "بوكلائها" in text and "بوكالئها" not in text
    assert "ولا: انماط" in text


def test_names_on_a_page_that_reads_well_are_not_turned_into_words():
    # pdf2's fonts decode: its non-words are authors' names, one letter swap from common words.
    text = "\n".join(page.text for page in read_pdf_pages(_shared("KITAB-Bench__pdf2.pdf"), engines=()).pages)
    assert "فاضل إبراهيم الدبو" in text and "محمد عودة العمايدة" in text
    assert "البدو" not in text and "المعايدة" not in text


def test_the_allah_ligature_keeps_its_alef_once_and_its_order():
    # pdf2's font draws the alef of الله apart and maps the ligature glyph to the whole word (االله);
    # the ligature holds an alef before a lam, which no other glyph may (see the lam-alef rule).
    text = "\n".join(page.text for page in read_pdf_pages(_shared("KITAB-Bench__pdf2.pdf"), engines=()).pages)
    assert "فتح الله ولعلو" in text
    assert "االله" not in text and "اهللا" not in text
