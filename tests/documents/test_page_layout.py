"""Page furniture and paragraphs from lines with boxes."""

from __future__ import annotations

from summarizer.documents.layout import Line, drop_furniture, paragraphs


def _page(texts: list[str], gaps: list[float] | None = None, widths: list[float] | None = None) -> list[Line]:
    lines, top = [], 800.0
    for i, text in enumerate(texts):
        width = widths[i] if widths else 400.0
        lines.append(Line(text, 500 - width, 500, top - 10, top))
        top -= 10 + (gaps[i] if gaps else 4)
    return lines


def test_page_numbers_and_running_headers_are_dropped_and_reported():
    pages = [_page(["تقرير حالة البلاد: التجارة", f"نص الصفحة رقم {n} عن التجارة", "نص آخر", str(n)])
             for n in (7, 8, 9)]
    kept, removed = drop_furniture(pages)
    assert [[line.text for line in page] for page in kept] == [
        [f"نص الصفحة رقم {n} عن التجارة", "نص آخر"] for n in (7, 8, 9)]
    assert removed == [["تقرير حالة البلاد: التجارة", str(n)] for n in (7, 8, 9)]


def test_a_one_line_page_repeated_is_content():
    kept, removed = drop_furniture([_page(["حبيبي"]), _page(["حبيبي"])])
    assert [[line.text for line in page] for page in kept] == [["حبيبي"], ["حبيبي"]]
    assert removed == [[], []]


def test_lines_join_into_paragraphs_at_gaps_and_short_lines():
    lines = _page(["السطر الأول من الفقرة", "السطر الثاني منها.", "فقرة جديدة بعد فراغ", "تنتهي هنا."],
                  gaps=[4, 30, 4, 4], widths=[400, 400, 400, 100])
    assert paragraphs(lines) == ["السطر الأول من الفقرة السطر الثاني منها.", "فقرة جديدة بعد فراغ تنتهي هنا."]
    short = _page(["عنوان قصير", "سطر طويل من النص يملأ العرض", "ويكمل هنا"], widths=[100, 400, 400])
    assert paragraphs(short) == ["عنوان قصير", "سطر طويل من النص يملأ العرض ويكمل هنا"]
