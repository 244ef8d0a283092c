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


def _count_calls(monkeypatch, module, name: str) -> list:
    calls: list = []
    real = getattr(module, name)

    def counted(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


def _front_end(text: str) -> list[str]:
    """What the pipeline does before any model: check, read, check, split."""
    from summarizer import split_sentences
    from summarizer.text.inputs import check_article, read_input

    article = read_article(read_input(text), options=None)
    return split_sentences(check_article(article.text))


def test_a_page_is_decided_parsed_and_extracted_once(monkeypatch):
    import trafilatura

    from summarizer.text import clean, html_text, inputs

    decided = _count_calls(monkeypatch, inputs, "looks_like_html_document")
    fragment_checks = _count_calls(monkeypatch, clean, "looks_like_html")
    parses = _count_calls(monkeypatch, html_text, "BeautifulSoup")
    extractions = _count_calls(monkeypatch, trafilatura, "bare_extraction")
    sentences = _front_end(PAGE)
    assert sentences == ["وزير الخارجية يزور الرباط", "وصل وزير الخارجية إلى الرباط صباح اليوم."]
    assert (len(decided), len(parses), len(extractions)) == (1, 1, 1)
    assert fragment_checks == []  # the article of a page is text: never taken for markup again


def test_a_fragment_is_parsed_once_and_plain_text_never(monkeypatch):
    from summarizer.text import clean, html_text, inputs

    decided = _count_calls(monkeypatch, inputs, "looks_like_html_document")
    fragment_checks = _count_calls(monkeypatch, clean, "looks_like_html")
    parses = _count_calls(monkeypatch, html_text, "BeautifulSoup")
    _front_end("<p>قال الوزير إن الاتفاق سيوقع غدا.</p><p>وأضاف أن الوفد يصل اليوم.</p>")
    assert (len(decided), len(fragment_checks), len(parses)) == (1, 2, 1)  # parsed; its text checked: no tags left
    decided.clear(), fragment_checks.clear(), parses.clear()
    _front_end("قال الوزير إن الاتفاق سيوقع غدا.\nوأضاف أن الوفد يصل اليوم.")
    assert (len(decided), len(fragment_checks), len(parses)) == (1, 1, 0)
