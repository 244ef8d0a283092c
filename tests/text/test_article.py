"""Tests for summarizer.text.article: body and page metadata of plain text and HTML."""

from __future__ import annotations

from summarizer import Article, read_article

PAGE = """<!doctype html><html><head><title>عنوان الصفحة | الموقع</title>
<meta property="og:title" content="وزير الخارجية يزور الرباط">
<meta property="og:site_name" content="صحيفة المثال">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
<meta name="author" content="مراسل المثال"></head>
<body><article><h1>وزير الخارجية يزور الرباط</h1><p>وصل وزير الخارجية إلى الرباط صباح اليوم.</p></article></body></html>"""


def test_html_page_gives_body_and_metadata():
    article = read_article(PAGE, url="https://example.org/a")
    assert isinstance(article, Article) and article.was_html
    assert "وصل وزير الخارجية إلى الرباط صباح اليوم." in article.text
    assert article.metadata() == {"title": "وزير الخارجية يزور الرباط", "published": "2024-03-05T10:00:00Z",
                                  "author": "مراسل المثال", "site": "صحيفة المثال", "url": "https://example.org/a"}
    assert article.to_dict()["removed_lines"] == list(article.removed_lines)


def test_plain_text_has_no_metadata():
    article = read_article("قال الوزير إن الاتفاق سيوقع غدا.")
    assert not article.was_html and article.metadata() == {}
    assert article.text == "قال الوزير إن الاتفاق سيوقع غدا."
