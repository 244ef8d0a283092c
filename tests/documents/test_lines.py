"""Lines from PDFium's characters and boxes: pieces joined, lines apart split, runs of the other direction ordered."""

from __future__ import annotations

import unicodedata

from summarizer.documents.bidi import line_directions, order_runs
from summarizer.documents.lines import assemble_lines
from summarizer.documents.pdf import read_pdf_pages
from conftest import EVAL, need_shared

PDFS = EVAL / "arabic-documents" / "pdf"


def _read(name: str) -> str:
    pages = read_pdf_pages(need_shared(PDFS / (name + ".pdf")).read_bytes(), engines=()).pages
    return "\n".join(page.text for page in pages)


def _gold(name: str) -> str:
    return (PDFS / (name + ".gold.txt")).read_text(encoding="utf-8")


def _same(text: str) -> str:
    """The benchmark's exact comparison: NFKC, the byte-order mark dropped, runs of white space one space."""
    return " ".join(unicodedata.normalize("NFKC", text).replace("\ufeff", " ").split())


def test_pdfbox_bidi_sample_reads_exactly():
    # Arabic words and Arabic-Indic dates inside left-to-right lines: PDFium gives them in visual order.
    name = "pdfbox__BidiSample"
    assert _same(_read(name)) == _same(_gold(name))
    assert "14 april 1434 ١٤ إبريل ١٤٣٤" in _read(name) and "«إختبار ذاتي»" in _read(name)


def test_fpdf2_arabic_lorem_ipsum_reads_exactly():
    # PDFium cuts lines at vowel marks and gives the pieces left to right, and "lorem ipsum" backwards.
    name = "fpdf2__bidi_arabic_lorem_ipsum"
    text = _read(name)
    assert _same(text) == _same(_gold(name))
    assert 'بإدخال "lorem ipsum" في أي' in text and "تعطي توزيعاَ طبيعياَ -إلى حد ما- للأحرف عوضاً" in text


def test_glyphs_far_apart_on_one_pdfium_line_become_two_lines():
    # PDFBox's ligature test: a Hebrew letter and a lam-alef 175 pt below it come out as one PDFium line.
    name = "pdfbox__PDFBOX-4531-bidi-ligature-2"
    assert _same(_read(name)) == _same(_gold(name)) == "אּ لا"


def _line(*words: tuple[str, float]) -> list:
    """Characters with boxes 6 pt wide from the given left edges, on one baseline."""
    chars = []
    for word, left in words:
        for i, char in enumerate(word):
            chars.append((char, (left + 6 * i, 100.0, left + 6 * i + 6, 110.0)))
    return chars


def test_a_latin_run_in_an_arabic_line_is_put_in_reading_order():
    # As PDFium gives it: the Arabic right to left, the two Latin words backwards.
    chars = _line(("قال", 400), (" ", 394), ("ipsum", 330), (" ", 324), ("lorem", 290), (" ", 284), ("في", 260))
    assert "".join(c for c, _ in order_runs(chars, rtl=True)) == "قال lorem ipsum في"
    assert order_runs(_line(("قال", 400), (" ", 394), ("في", 370)), rtl=True) == _line(
        ("قال", 400), (" ", 394), ("في", 370))  # one script: unchanged


def test_pieces_of_one_line_are_joined_right_to_left_and_alignment_tells_direction():
    chars = _line(("ب", 100)) + [("\n", None)] + _line(("أ", 300))  # PDFium's order: left piece first
    assert ["".join(c for c, _ in line) for line in assemble_lines(chars)] == ["أب"]
    right_aligned = [_line(("أ" * n, 500 - 6 * n)) for n in (10, 4, 7)]
    assert line_directions(right_aligned) == [True, True, True]


def test_a_hostile_page_is_assembled_in_bounded_time():
    # 20,000 one-letter pieces side by side on one baseline, and a line of 40,000 mixed characters and stray marks.
    import random
    import time

    pieces = [char for i in range(20000) for char in (("ب", (6.0 * i, 100.0, 6.0 * i + 5, 110.0)), ("\n", None))]
    rng = random.Random(1)
    mixed = [(rng.choice("بa\u064e (1١"), (x, 100.0, x + 5, 110.0)) for x in (rng.uniform(0, 500) for _ in range(40000))]
    start = time.perf_counter()
    lines = assemble_lines(pieces)
    ordered = [order_runs(line) for line in assemble_lines(mixed)]
    assert time.perf_counter() - start < 20
    assert sum(len(line) for line in lines) == 20000 and sum(len(line) for line in ordered) == 40000


def test_a_lines_script_outweighs_the_pages_alignment():
    # English set flush right (three quarters of the letters Latin): still left to right; Arabic set so: right to left.
    english = [_line((text, 500 - 6 * len(text))) for text in ("The minister said", "that عمان grew", "by four percent")]
    arabic = [_line((text, 500 - 6 * len(text))) for text in ("قال الوزير إن", "النمو في عمان", "بلغ أربعة")]
    assert line_directions(english) == [False, False, False]
    assert line_directions(arabic) == [True, True, True]
    # Half and half: the alignment decides (PDFBox's BidiSample is set flush left, left to right).
    mixed = [_line((text, 500 - 6 * len(text))) for text in ("test الختبار", "abc مثال", "فيه xyz")]
    assert line_directions(mixed) == [True, True, True]
