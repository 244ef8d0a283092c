"""Word files to articles: paragraphs in order, comments left out, the title from the core properties."""

from __future__ import annotations

import io
import unicodedata
import zipfile

import pytest

from summarizer import InputError, read_document
from conftest import EVAL, need_shared

DOCX = EVAL / "arabic-documents" / "docx"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _xml_paragraphs(path) -> list[str]:
    """Each w:p's text (w:t, a tab or a break as a space) straight from word/document.xml, in NFKC."""
    from lxml import etree

    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    texts = ("".join(t.text or "" if t.tag == _W + "t" else " " for t in p.iter(_W + "t", _W + "tab", _W + "br"))
             for p in root.iter(_W + "p"))
    return [" ".join(unicodedata.normalize("NFKC", text).split()) for text in texts if text.strip()]


def test_a_long_un_report_comes_out_paragraph_by_paragraph_in_order():
    path = need_shared(DOCX / "poi__stress010.docx")
    article = read_document(path)
    assert article.text.split("\n\n") == _xml_paragraphs(path)
    assert article.text.startswith("لجنة القضاء على التمييز ضد المرأة")
    assert article.title is None  # its core title is the template's name, Normal.dot


def test_the_wire_story_is_read_in_order():
    path = need_shared(DOCX / "Open-XML-SDK__Comment041.docx")
    paragraphs = read_document(path).text.split("\n\n")
    assert paragraphs == _xml_paragraphs(path)
    assert any(p.startswith("بغداد 02-01 (اف ب)") for p in paragraphs)


def test_an_empty_document_is_refused():
    with pytest.raises(InputError, match="document-templates__new.docx has no text"):
        read_document(need_shared(DOCX / "document-templates__new.docx"))


def test_comments_are_left_out_and_the_title_kept(tmp_path):
    import docx

    document = docx.Document()
    document.core_properties.title = "تقرير عن المدارس"
    first = document.add_paragraph("قال الوزير إن الحكومة ستبني مدارس جديدة.")
    table = document.add_table(rows=1, cols=1)
    table.cell(0, 0).text = "في الجدول: عشرون مدرسة."
    document.add_paragraph("وأضاف أن العمل يبدأ الشهر المقبل.")
    document.add_comment(first.runs, text="تعليق المحرر: تحقق من الرقم", author="محرر")
    document.save(tmp_path / "report.docx")
    article = read_document(tmp_path / "report.docx")
    assert article.text == ("قال الوزير إن الحكومة ستبني مدارس جديدة.\n\nفي الجدول: عشرون مدرسة.\n\n"
                            "وأضاف أن العمل يبدأ الشهر المقبل.")
    assert article.title == "تقرير عن المدارس" and "تعليق" not in article.text
    assert article.page_count is None


def test_zip_bombs_and_damaged_packages_are_refused():
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b" " * 60_000_000)
    with pytest.raises(InputError, match="ZIP bomb"):
        read_document(bomb.getvalue(), filename="bomb.docx")
    other = io.BytesIO()
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("content.xml", "<office/>")
    with pytest.raises(InputError, match="no word/document.xml"):
        read_document(other.getvalue(), filename="sheet.odt")
    broken = io.BytesIO()
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types")
        archive.writestr("word/document.xml", "<w:document>")
    with pytest.raises(InputError, match="damaged Word file|not a readable Word file"):
        read_document(broken.getvalue(), filename="broken.docx")
