"""Tests of summarizer.text.extract and the HTML test of summarizer.text.html_text, on real pages."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest
from conftest import EVAL, need_shared

from summarizer import read_article

from summarizer.text.clean import clean
from summarizer.text.html_text import html_to_text, looks_like_html, looks_like_html_document

PAGES = EVAL / "web-pages" / "pages"
BODY = [
    "قال وزير الخارجية إن بلاده ستواصل دعم الحوار بين الأطراف المتنازعة حتى التوصل إلى اتفاق شامل.",
    "وأضاف أن الاجتماع المقبل سيعقد في العاصمة خلال الأسبوع الأول من الشهر القادم بحضور الوسطاء.",
    "وأشار إلى أن المفاوضات تناولت ملفات الأمن والحدود وتبادل الأسرى وإعادة الإعمار.",
]


def _recall_precision(text: str, gold: str) -> tuple[float, float]:
    ours, truth = (Counter(re.findall(r"\w+", t.casefold())) for t in (text, gold))
    common = sum((ours & truth).values())
    return common / sum(truth.values()), common / max(1, sum(ours.values()))


def _pages_with_gold() -> list[str]:
    return sorted(p.name.split(".")[0] for p in need_shared(PAGES).glob("*.gold.txt"))


# --- what counts as HTML -----------------------------------------------------------

@pytest.mark.parametrize("embed", [
    '<iframe src="https://www.example.org/player/embed/123" width="100%" height="290" frameborder="0"></iframe>',
    '<iframe src="https://www.example.org/player/embed/123" width="100%">',  # never closed
    "<script src=https://example.org/widget.js>",
])
def test_plain_text_quoting_a_tag_is_kept_whole(embed):
    text = "\n\n".join([BODY[0], "ولتضمين التسجيل الصوتي في موقعك استخدم الشيفرة التالية:", embed, BODY[1], BODY[2]])
    assert not looks_like_html(text)
    result = clean(text)
    assert not result.was_html
    for sentence in BODY:
        assert sentence in result.text
    assert embed in result.text  # written as it is, not parsed away


def test_unclosed_hidden_element_in_markup_does_not_hide_the_rest():
    fragment = f"<p>{BODY[0]}</p><iframe src=https://example.org/embed><p>{BODY[1]}</p><script>var a = 1;<p>{BODY[2]}</p>"
    assert looks_like_html(fragment) and not looks_like_html_document(fragment)
    text = clean(fragment).text
    for sentence in BODY:
        assert sentence in text


@pytest.mark.parametrize("markup", [
    "<p>نص</p>", "\ufeff  <!DOCTYPE html><html><body><p>نص</p></body></html>", "<!-- تعليق --><div>نص</div>",
    "سطر <b>أول</b>\nسطر ثان", "<html><body>نص</body></html>",
])
def test_documents_and_fragments_are_html(markup):
    assert looks_like_html(markup)


def test_documents_are_told_from_fragments():
    assert looks_like_html_document("\n <!doctype html><p>x</p>")
    assert looks_like_html_document("<?xml version='1.0'?><html><body>x</body></html>")
    assert not looks_like_html_document("<p>x</p><html>")
    assert not looks_like_html_document("نص <html> نص")
    # saved pages that open with a head tag or a server's warning before the doctype
    assert looks_like_html_document('\t<meta property="og:title" content="x" />\n<html><body>x</body></html>')
    assert looks_like_html_document("<br />\n<b>Deprecated</b>: in x.php<br />\n<!DOCTYPE html><html><body>x</body></html>")
    assert looks_like_html_document("<script src='/a.js'></script><style>p{}</style><!doctype html><html>")


def test_html_document_is_reduced_to_its_article_and_the_rest_is_reported():
    menu = ["الرئيسية", "أخبار", "رياضة", "اقتصاد", "ثقافة"]
    related = ["عنوان مقال آخر عن الانتخابات", "عنوان مقال ثان عن الطقس"]
    page = ("<!doctype html><html><head><title>المفاوضات | الموقع</title></head><body>"
            "<nav><ul>" + "".join(f"<li><a href='/{i}'>{m}</a></li>" for i, m in enumerate(menu)) + "</ul></nav>"
            "<main><article><h1>المفاوضات تتواصل</h1>" + "".join(f"<p>{s}</p>" for s in BODY) + "</article>"
            "<aside><h2>مقالات ذات صلة</h2><ul>" + "".join(f"<li><a href='/r'>{r}</a></li>" for r in related)
            + "</ul></aside></main><footer>جميع الحقوق محفوظة 2024</footer></body></html>")
    article = read_article(page)
    assert article.was_html and article.title
    for sentence in BODY:
        assert sentence in article.text
    for line in menu + related:
        assert line not in article.text.split("\n")
        assert line in article.removed_lines
    assert clean(article.text).text == article.text


# --- real pages ------------------------------------------------------------------

@pytest.mark.parametrize("page", ["003", "004", "005", "006", "007", "008", "009", "010", "014"])
def test_real_page_html_keeps_its_article(page):
    if page not in _pages_with_gold():
        pytest.skip(f"{page} has no gold text")
    html = (PAGES / f"{page}.html").read_text(encoding="utf-8", errors="replace")
    gold = (PAGES / f"{page}.gold.txt").read_text(encoding="utf-8")
    meta = json.loads((PAGES / f"{page}.json").read_text(encoding="utf-8"))
    article = read_article(html, url=meta["url"])
    recall, precision = _recall_precision(article.text, gold)
    assert recall >= 0.97 and precision >= 0.9, (page, recall, precision)
    assert article.was_html and article.title and article.url == meta["url"]
    assert article.removed_lines  # the page's menus, reported
    if "title" in meta:
        assert article.title == meta["title"]


def test_real_arabic_page_without_gold_text_keeps_its_snippets():
    path = need_shared(PAGES / "002.gold.json")
    snippets = json.loads(path.read_text(encoding="utf-8"))
    text = " ".join(read_article((PAGES / "002.html").read_text(encoding="utf-8", errors="replace")).text.split())
    assert all(" ".join(s.split()) in text for s in snippets["with"])
    assert sum(" ".join(s.split()) not in text for s in snippets["without"]) >= 2


def test_whole_page_text_is_the_fallback_when_nothing_is_extracted(monkeypatch):
    from summarizer.text import extract as extract_module
    from summarizer.text.extract import ExtractedPage

    monkeypatch.setattr(extract_module, "extract_main_text", lambda markup, declared: ExtractedPage(text="", title="ع"))
    page = "<!doctype html><html><body>" + "".join(f"<p>{s}</p>" for s in BODY) + "</body></html>"
    article = read_article(page)
    assert article.title == "ع" and all(s in article.text for s in BODY)
    assert html_to_text(page).count(BODY[0]) == 1


_MENU = ["الرئيسية", "أخبار", "رياضة", "اقتصاد", "ثقافة", "فن", "منوعات", "اتصل بنا"]


def _page_with_menu() -> str:
    return ("<!doctype html><html><body><nav><ul>" + "".join(f"<li>{m}</li>" for m in _MENU)
            + "</ul></nav>" + "".join(f"<p>{s}</p>" for s in BODY) + "</body></html>")


def test_a_short_extract_is_the_article_and_the_menus_stay_out(monkeypatch):
    # trafilatura's evaluation pages: reading the whole page when the extract looked
    # short brought menus back on far more pages than it found article text
    from summarizer.text import extract as extract_module
    from summarizer.text.extract import ExtractedPage

    monkeypatch.setattr(extract_module, "extract_main_text", lambda markup, declared: ExtractedPage(text=BODY[0]))
    article = read_article(_page_with_menu())
    assert article.text == BODY[0]
    assert all(m in article.removed_lines for m in _MENU)


def test_the_whole_page_fallback_leaves_the_menus_out(monkeypatch):
    from summarizer.text import extract as extract_module
    from summarizer.text.extract import ExtractedPage

    monkeypatch.setattr(extract_module, "extract_main_text", lambda markup, declared: ExtractedPage(text=""))
    article = read_article(_page_with_menu())
    assert all(s in article.text for s in BODY)
    assert not set(_MENU) & set(article.text.split("\n"))


@pytest.mark.parametrize("page", ["<html><body><p>نص قصير</p></body></html>",
                                  "<!doctype html><html><body><div>خبر</div><div>عاجل</div></body></html>"])
def test_a_tiny_page_keeps_its_text(page):
    assert clean(page).text.split() == html_to_text(page).split()


def test_page_showing_an_embed_code_as_text_keeps_the_rest_of_its_article():
    # What a news page shows as text is escaped in its markup; decoded, it must not turn into a tag.
    embed = '&lt;iframe src="https://www.example.org/player/embed/1" width="100%" height="290"&gt;'
    paragraphs = [BODY[0], "Embed " + embed, BODY[1], BODY[2]]
    page = ("<!doctype html><html><head><title>t</title></head><body><nav><a href='/'>الرئيسية</a></nav><article>"
            + "".join(f"<p>{p}</p>" for p in paragraphs) + "</article></body></html>")
    text = read_article(page).text
    for sentence in BODY:
        assert sentence in text
    fragment = "".join(f"<p>{p}</p>" for p in paragraphs)
    assert all(sentence in clean(fragment).text for sentence in BODY)


def test_arabic_news_pages_have_their_date_and_headline():
    # htmldate's test pages: the date the project's tests expect; a date written in words
    # on the page (akhbarelyom) comes out as ISO 8601 too
    folder = need_shared(EVAL / "arabic-news-dates")
    golds = sorted(folder.glob("*.gold.json"))
    assert golds
    for gold in golds:
        (item,) = json.loads(gold.read_text(encoding="utf-8")).values()
        html = gold.with_name(gold.name.replace(".gold.json", ".html")).read_text(encoding="utf-8", errors="replace")
        article = read_article(html)
        assert article.published and article.published[:10] == item["date"], (gold.name, article.published)
        # the headline, without the site's name after a separator
        assert article.title and article.title in html_to_text(html) and " | " not in article.title


def test_a_lede_above_the_extract_joins_the_article(monkeypatch):
    # extractors skip a lede set apart from the paragraphs (Sputnik Arabic's pages); the
    # prose lines right above the extract are the article's, a menu above them is not
    from summarizer.text import extract as extract_module
    from summarizer.text.extract import ExtractedPage

    monkeypatch.setattr(extract_module, "extract_main_text", lambda markup, declared: ExtractedPage(text="\n\n".join(BODY[1:])))
    page = ("<!doctype html><html><body><nav><ul>" + "".join(f"<li>{m}</li>" for m in _MENU) + "</ul></nav>"
            + "".join(f"<p>{s}</p>" for s in BODY) + "</body></html>")
    article = read_article(page)
    assert article.text.split("\n\n") == BODY
    assert all(m in article.removed_lines for m in _MENU)
