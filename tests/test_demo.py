"""The Gradio demo with tiny models: its API through gradio_client, its page in a real (headless) Chromium.

One server with tiny models per module, on a free port, and one with a stub
summarizer that returns a hand-built result with known sources and an
unsupported fact, so that the highlighting is checked whatever junk the tiny
models write. The browser tests need Debian's ``/usr/bin/chromium``
(Playwright's own browser download does not work here) and are skipped without
it; the first leaves a screenshot in ``test-artifacts/demo.png``, and copies it
to ``docs/demo.png`` for the README when ``SUMMARIZER_UPDATE_DOCS=1`` is set
(so that a plain test run leaves the checkout clean).
"""

from __future__ import annotations

import asyncio
import dataclasses
import html
import json
import os
import shutil
import socket
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import gradio as gr
import pytest

from conftest import REPO, SAMPLE, SHARED, serve_html
import summarizer_demo.app
from summarizer_demo.app import RUN_OUTPUTS, DemoApp, box_text, build_demo, describe, exposure, main
from summarizer_demo.examples import EXAMPLES, load_examples
from summarizer_demo.views import abstract_view, checks_html, fact_list, links_title, mark_facts, sentence_table
from summarizer import (
    PRESETS, Attribution, BilingualSummarizer, BilingualSummary, InputError, SentencePair, SummarizerError,
    UnsupportedFact,
)
from summarizer.faithfulness.attribution import SourceLink

FAST = {"translation": {"num_beams": 1}, "summary": {"num_beams": 1}}
MAX_CHARS = 20_000
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="module", autouse=True)
def one_thread():
    """Tiny models run several times faster on one thread, and far faster on a busy machine."""
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


@pytest.fixture(scope="module")
def article() -> str:
    """The web-pasted sample article, or a built-in example without the shared data."""
    return SAMPLE.read_text(encoding="utf-8") if SAMPLE.exists() else next(iter(EXAMPLES.values()))


@pytest.fixture(scope="module")
def server(tiny_models):
    samples = SHARED / "samples"
    demo = build_demo(
        BilingualSummarizer("balanced", **tiny_models, options=FAST), examples_dir=str(samples) if samples.is_dir() else None,
        max_chars=MAX_CHARS,
    )
    yield serve(demo)
    demo.close()


def serve(demo: gr.Blocks) -> str:
    """Launch a demo on a free port of this machine; returns its URL."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    _, url, _ = demo.launch(prevent_thread_lock=True, server_name="127.0.0.1", server_port=port, quiet=True)
    return url


def water_network() -> BilingualSummary:
    """A hand-built result: three abstract sentences (sources 1, 2 and 3, none), one unsupported number."""
    sources = [
        ("أعلنت بلدية مدينة الواحة عن إطلاق مشروع لتجديد شبكة مياه الشرب بتكلفة 45 مليون درهم.",
         "The municipality of Al-Waha launched a project to renew the drinking water network for 45 million dirhams."),
        ("وقال رئيس المجلس البلدي إن الأشغال ستستمر 18 شهرا وستشمل استبدال 120 كيلومترا من الأنابيب.",
         "The head of the council said the works will last 18 months and replace 120 kilometres of pipes."),
        ("وأكدت البلدية أن العمل سيجري على مراحل.", "The municipality said the work will be done in stages."),
    ]
    english = ["Al-Waha will renew its water network for 45 million dirhams.",
               "The works will last 18 months and replace 150 kilometres of pipes.", "Residents welcomed the plan."]
    arabic = ["ستجدد الواحة شبكة المياه بتكلفة 45 مليون درهم.",
              "وستستمر الأشغال 18 شهرا وتشمل استبدال 150 كيلومترا من الأنابيب.", "ورحب السكان بالخطة."]
    links = [(SourceLink(0, 0.71),), (SourceLink(1, 0.58), SourceLink(2, 0.16)), ()]
    coverage = [0.71, 0.74, 0.0]
    facts = (UnsupportedFact("150", "number", english[1], "en"), UnsupportedFact("150", "number", arabic[1], "ar"))
    return BilingualSummary(
        english_abstract=" ".join(english), arabic_abstract=" ".join(arabic),
        english_translation=" ".join(t for _, t in sources),
        sentences=tuple(SentencePair(i, s, t) for i, (s, t) in enumerate(sources)),
        input_language="ar", english_passes=(), arabic_passes=(), strategy="translate", models=(),
        attributions=tuple(
            Attribution(language, j, sentence, links[j], coverage[j], language == "ar")
            for language, sentences in (("en", english), ("ar", arabic)) for j, sentence in enumerate(sentences)
        ),
        unsupported_facts=facts, warnings=tuple(f.message for f in facts),
    )


class StubSummarizer:
    """Stands in for a BilingualSummarizer in the demo: every article gets the same result."""

    preset = "balanced"
    model_names = PRESETS["balanced"].models()  # named as the real ones, for the page's labels

    def __init__(self, result: BilingualSummary):
        self.result = result

    def summarize(self, text: str, **options) -> BilingualSummary:
        return self.result


@pytest.fixture(scope="module")
def stub_server():
    demo = build_demo(StubSummarizer(water_network()))
    yield serve(demo)
    demo.close()


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def summarize_in(browser, url: str, article: str):
    """A page of the demo at ``url`` that has summarized ``article``, once both sentence views are shown."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(url)
    page.locator("#article textarea").fill(article)
    page.locator("#summarize").click()
    page.locator("#arabic-abstract .abs-sent").first.wait_for(timeout=120_000)
    return page


def artifact(name: str) -> Path:
    """A path in ``test-artifacts/``, the folder created."""
    folder = REPO / "test-artifacts"
    folder.mkdir(exist_ok=True)
    return folder / name


def highlighted_rows(page) -> list[str]:
    return page.locator("#sentences tr.linked").evaluate_all("rows => rows.map(row => row.dataset.index)")


@pytest.fixture(scope="module")
def client(server):
    from gradio_client import Client

    return Client(server, verbose=False)


def test_api_gives_both_abstracts_and_the_json(client, article):
    english, arabic, table, warnings, json_path = client.predict(
        article, "balanced", "translate", "short", api_name="/summarize"
    )
    assert english.strip() and arabic.strip()
    assert table.count("<tr id=\"source-") > 0 and 'dir="rtl"' in table
    result = json.loads(Path(json_path).read_text(encoding="utf-8"))
    assert result["english_abstract"] == english and result["arabic_abstract"] == arabic
    assert result["options"]["length"] == "short" and warnings


def test_api_other_preset_and_direct_strategy(client):
    text = EXAMPLES["Heat warning"]
    english, arabic, *_ = client.predict(text, "fast", "direct", "long", api_name="/summarize")
    assert english.strip() and arabic.strip()


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "The text is empty"), ("  \n ", "The text is empty"), ("٣٤٥ ، . !", "no letters"),
     ("ب" * (MAX_CHARS + 1), f"at most {MAX_CHARS:,} characters")],
)
def test_api_refuses_bad_input_with_a_clear_message(client, text, message):
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError, match=message):
        client.predict(text, "balanced", "translate", "medium", api_name="/summarize")


def test_only_the_summarize_endpoint_is_public(client):
    endpoints = client.view_api(print_info=False, return_format="dict")["named_endpoints"]
    assert list(endpoints) == ["/summarize"]
    # The in-page API docs name every value in words, with no Sphinx markup.
    labels = [item["label"] for item in endpoints["/summarize"]["parameters"] + endpoints["/summarize"]["returns"]]
    assert labels == ["Arabic article (text or HTML)", "Speed and quality", "Arabic abstract", "Length",
                      "English abstract", "Arabic abstract", "The translation, sentence by sentence", "Warnings",
                      "The whole result (JSON)"]
    assert ":attr:" not in DemoApp.summarize.__doc__ and "``" not in DemoApp.summarize.__doc__


@pytest.mark.slow
def test_page_in_a_real_browser(server, browser, article):
    page = summarize_in(browser, server, article)
    try:
        sentences = page.locator("#english-abstract .abs-sent")
        assert sentences.count() > 0 and page.locator("#arabic-abstract .abs-sent").count() > 0
        arabic = page.locator("#arabic-abstract .abstract")
        assert arabic.evaluate("e => e.closest('[dir=rtl]') !== null && getComputedStyle(e).direction") == "rtl"
        assert page.locator("#sentences td[dir=rtl]").count() > 0
        # Whatever the junk, a hovered sentence lights the rows of its sources and no others.
        traced = page.locator("#english-abstract .abs-sent:not(.no-source)")
        first = traced.first if traced.count() else sentences.first
        first.hover()
        assert highlighted_rows(page) == sorted(first.get_attribute("data-sources").split(), key=int)
        with page.expect_download() as download:  # the whole result, as JSON
            page.locator("#result-json").click()
        assert json.loads(Path(download.value.path()).read_text(encoding="utf-8"))["english_abstract"]
        page.screenshot(path=str(artifact("demo-tiny-models.png")), full_page=True)
        page.get_by_text("The abstracts as plain text").click()  # folded: rendered once opened
        english, arabic_text = page.locator("#english-text textarea"), page.locator("#arabic-text textarea")
        assert english.input_value().strip() and arabic_text.input_value().strip()
    finally:
        page.close()


@pytest.mark.slow
def test_hovering_a_sentence_highlights_its_sources(stub_server, browser):
    result = water_network()
    page = summarize_in(browser, stub_server, " ".join(pair.source for pair in result.sentences))
    try:
        english = page.locator("#english-abstract .abs-sent")
        arabic = page.locator("#arabic-abstract .abs-sent")
        assert english.count() == 3 and arabic.count() == 3
        assert english.nth(2).get_attribute("class") == "abs-sent no-source"
        view = page.locator("#arabic-abstract [dir=rtl][lang=ar]")
        assert view.evaluate("e => getComputedStyle(e).direction") == "rtl"
        english.nth(1).hover()
        assert highlighted_rows(page) == ["1", "2"]
        assert english.nth(1).get_attribute("title") == "sources: 2 (0.58), 3 (0.16) (coverage 0.74)"
        arabic.nth(0).hover()
        assert highlighted_rows(page) == ["0"]
        english.nth(2).hover()
        assert highlighted_rows(page) == []
        page.locator("#source-1").hover()  # a row lights the sentences that cite it, in both abstracts
        assert page.locator(".abs-sent.linked").count() == 2 and "linked" in english.nth(1).get_attribute("class")
        english.nth(0).click()
        page.mouse.move(5, 5)
        assert highlighted_rows(page) == ["0"]  # the click pinned it
        english.nth(0).click()
        page.mouse.move(5, 5)
        assert highlighted_rows(page) == []
        mark = page.locator("#english-abstract mark.unsupported")
        assert mark.count() == 1 and mark.inner_text() == "150"
        assert mark.get_attribute("title") == 'number "150" of the English abstract is not in the source'
        assert page.locator("#arabic-abstract mark.unsupported").inner_text() == "150"
        checks = page.locator("#checks").inner_text()
        assert checks.count('"150"') == 1 and "English abstract" in checks and "Arabic abstract" in checks
        english.nth(1).click()  # pinned, for the README's screenshot
        page.mouse.move(5, 5)
        page.screenshot(path=str(artifact("demo.png")), full_page=True)
    finally:
        page.close()
    if os.environ.get("SUMMARIZER_UPDATE_DOCS") == "1":
        (REPO / "docs").mkdir(exist_ok=True)
        shutil.copyfile(artifact("demo.png"), REPO / "docs" / "demo.png")


def test_abstract_view_links_sentences_and_marks_unsupported_facts():
    english = ["The <minister> & aides met.", "Ali paid 1,200 dollars, not 1,2000."]
    arabic = "قال الوزير إن ١٢٠٠ شخص وصلوا."
    fact = UnsupportedFact("1,200", "number", english[1], "en")
    result = BilingualSummary(
        " ".join(english), arabic, "", (), "ar", (), (), "direct", (),
        attributions=(
            Attribution("en", 0, english[0], (SourceLink(2, 0.62), SourceLink(7, 0.2149)), 0.81),
            Attribution("en", 1, english[1], (), 0.0),
        ),
        unsupported_facts=(
            fact, UnsupportedFact("١٢٠٠", "number", arabic, "ar"), UnsupportedFact("x", "name", "other", "en")
        ),
    )
    view = abstract_view(result, "en")
    assert view.startswith('<p class="abstract" dir="ltr" lang="en">') and view.count('class="abs-sent') == 2
    assert 'data-sources="2 7"' in view and 'title="sources: 3 (0.62), 8 (0.21) (coverage 0.81)"' in view
    assert 'class="abs-sent no-source" data-sources=""' in view
    assert "The &lt;minister&gt; &amp; aides met." in view and "<minister>" not in view
    title = html.escape(fact.message)
    mark = f'<mark class="unsupported" tabindex="0" title="{title}" data-reason="{title}">'
    assert f"paid {mark}1,200</mark> dollars, not 1,2000." in view  # whole words; the reason opens on tap
    assert view.count("<mark") == 1  # the fact of another sentence is not marked
    # Without attributions, the abstract is one untraced sentence; the Arabic one is right-to-left.
    arabic_view = abstract_view(result, "ar")
    assert arabic_view.startswith('<p class="abstract" dir="rtl" lang="ar">')
    assert 'title="not traced to the source"' in arabic_view and '<mark class="unsupported"' in arabic_view
    assert abstract_view(None, "ar") == '<p class="abstract" dir="rtl" lang="ar"></p>'


def test_checks_list_each_fact_once_and_no_pointer_to_a_hidden_field():
    result = water_network()
    cross = UnsupportedFact("150", "number", result.english_abstract, "en", missing_from="arabic abstract")
    unsure = UnsupportedFact("Waha", "name", result.english_abstract, "en", confident=False)
    result = dataclasses.replace(
        result, unsupported_facts=(*result.unsupported_facts, cross, unsure),
        warnings=(*result.warnings, cross.message, "3 line(s) of web boilerplate removed (see removed_lines)."),
    )
    facts, others = fact_list(result)
    assert facts == ['number "150": in the English abstract, not in the source nor in the Arabic abstract;'
                     " in the Arabic abstract, not in the source"]
    assert others == ['3 line(s) of web boilerplate removed (listed under "Lines removed" below the article).']
    shown = checks_html(result)
    assert shown.count("150") == 1 and "removed_lines" not in shown and "Waha" not in shown
    assert checks_html(dataclasses.replace(result, unsupported_facts=(), warnings=())).endswith("<p>No warnings.</p>")


def test_abstract_views_open_with_the_page_title():
    from summarizer import Source

    result = BilingualSummary("A <b> summary.", "ملخص.", "", (), "ar", (), (), "translate", (),
                              source=Source(title="عنوان <الخبر> & المقال", was_html=True))
    for language in ("en", "ar"):
        view = abstract_view(result, language)
        assert view.startswith('<p class="abstract-title" dir="auto"><strong>عنوان &lt;الخبر&gt; &amp; المقال</strong></p>')
        assert f'<p class="abstract" dir="{"rtl" if language == "ar" else "ltr"}" lang="{language}">' in view


def test_abstract_view_underlines_only_confident_facts():
    arabic = "قال الطبيب إن بيرزوفسكي وصل."
    facts = (UnsupportedFact("الطبيب", "name", arabic, "ar", confident=False), UnsupportedFact("بيرزوفسكي", "name", arabic, "ar"))
    result = BilingualSummary("", arabic, "", (), "ar", (), (), "direct", (), unsupported_facts=facts)
    view = abstract_view(result, "ar")
    assert view.count("<mark") == 1 and ">بيرزوفسكي</mark>" in view and ">الطبيب</mark>" not in view


def test_links_title_and_facts_marks_edge_cases():
    inherited = Attribution("ar", 1, "جملة.", (SourceLink(0, 0.5),), 0.5, inherited=True)
    assert links_title(inherited) == "sources: 1 (0.50) (coverage 0.50, those of English sentence 2)"
    assert links_title(Attribution("en", 0, "A.", (), 0.0)).startswith("sources: none found")
    sentence = "وبغداد 5 May 2020 <b>"
    facts = [UnsupportedFact("بغداد", "name", sentence, "ar"), UnsupportedFact("5 May 2020", "date", sentence, "ar"),
             UnsupportedFact("2020", "number", sentence, "ar"), UnsupportedFact("", "name", sentence, "ar")]
    marked = mark_facts(sentence, facts)
    assert marked.startswith('و<mark class="unsupported"')  # found inside a word when not as a whole word
    assert marked.count("<mark") == 2 and ">5 May 2020</mark>" in marked  # overlapping: the first kept
    assert marked.endswith(" &lt;b&gt;") and mark_facts("", facts) == ""


def screens(app: DemoApp, text: str, loaded=None) -> list[dict]:
    """Every state the page's Summarize shows, each as {output name: value}."""
    async def run():
        return [dict(zip(RUN_OUTPUTS, screen)) async for screen in app.run(text, loaded, "balanced", "translate", "short")]

    with ThreadPoolExecutor(1) as thread:  # a loop of its own: Playwright's sync API keeps one in this thread
        return thread.submit(asyncio.run, run()).result()


def test_a_page_run_streams_its_progress_then_the_result(tiny_models):
    app = DemoApp(BilingualSummarizer(**tiny_models, options=FAST))
    shown = screens(app, EXAMPLES["Water network"])
    first, *middle, last = shown
    assert first["button"]["interactive"] is False and first["button"]["value"] == "Summarizing…"
    assert first["english_view"].startswith('<p class="pending">') and first["checks"] == ""  # old results cleared
    said = " ".join(screen["status"] for screen in middle)
    assert "Translating:" in said and "Writing the English abstract" in said and "checking their facts" in said
    assert any("<tr id=" in screen["sentences"] for screen in middle)  # the table filled in before the end
    assert any('lang="ar"' in screen["arabic_view"] and "Checking its facts" in screen["arabic_view"] for screen in middle)
    assert last["button"]["interactive"] is True and "Done" in last["status"]
    assert 'class="abs-sent' in last["english_view"] and last["save"]["visible"] is True
    assert json.loads(Path(last["save"]["value"]).read_text(encoding="utf-8"))["english_abstract"] == last["english"]


def test_a_page_run_that_fails_says_why_and_clears_the_old_result(tiny_models):
    app = DemoApp(BilingualSummarizer(**tiny_models, options=FAST))
    *_, last = screens(app, "   ")
    assert last["button"]["interactive"] is True and 'role="alert"' in last["status"] and "empty" in last["status"]
    assert last["english_view"] == last["arabic_view"] == last["sentences"] == last["checks"] == ""
    assert last["save"]["visible"] is False and "article" not in RUN_OUTPUTS  # the box is never touched


def test_a_loaded_page_is_summarized_with_its_title(tiny_models, tmp_path):
    app = DemoApp(BilingualSummarizer(**tiny_models, options=FAST))
    page = tmp_path / "page.html"
    page.write_text("<html><head><title>مشروع المياه</title></head><body><article>"
                    f"<p>{EXAMPLES['Water network']}</p></article></body></html>", encoding="utf-8")
    box, loaded, note, *_ = app.load_upload(str(page))
    assert box.startswith("مشروع المياه\n\n") and "<" not in box and "page.html" in note
    *_, last = screens(app, box, loaded)
    assert json.loads(Path(last["save"]["value"]).read_text(encoding="utf-8"))["source"]["title"] == "مشروع المياه"
    *_, edited = screens(app, box + " وأضاف.", loaded)  # an edited box is summarized as typed
    assert json.loads(Path(edited["save"]["value"]).read_text(encoding="utf-8"))["source"]["title"] is None


def test_progress_names_each_stage():
    assert describe("cleaning", 1, 1) == (0.05, "Reading the article…")
    assert describe("translating", 3, 12) == (pytest.approx(0.1875), "Translating: 3 of 12 sentences…")
    assert describe("summarizing", 1, 6)[1] == "Writing the English abstract (pass 1)…"
    value, text = describe("writing the Arabic abstract", 2, 2)
    assert (value, text) == (1.0, "Writing the Arabic abstract…")


def test_sentence_table_escapes_and_marks_direction(tiny_models):
    from summarizer import SentencePair

    class Result:
        sentences = (SentencePair(0, "قال <b>الوزير</b>", "The <minister> said"), SentencePair(1, "OK.", "OK.", False))

    table = sentence_table(Result())
    assert '<td dir="rtl" lang="ar"' in table and '<td dir="auto"' in table
    assert '<tr id="source-0" data-index="0">' in table and '<tr id="source-1" data-index="1">' in table
    assert "&lt;b&gt;" in table and "&lt;minister&gt;" in table and "<b>" not in table


def test_uploads_become_the_article(tmp_path, tiny_models):
    app = DemoApp(BilingualSummarizer(**tiny_models), max_chars=100, max_upload=1_000)
    page = tmp_path / "page.html"
    page.write_text("<html><head><title>عنوان الخبر</title></head><body><p>نص المقال هنا.</p></body></html>",
                    encoding="utf-8")
    article = app.read_upload(str(page))  # the page's article and title, not its markup
    assert article.text == "نص المقال هنا." and article.title == "عنوان الخبر" and article.was_html
    assert box_text(article) == "عنوان الخبر\n\nنص المقال هنا."
    (tmp_path / "BOM.TXT").write_bytes("\ufeffخبر".encode())
    assert app.read_upload(str(tmp_path / "BOM.TXT")).text == "خبر"
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\xfa")
    with pytest.raises(InputError, match="not UTF-8"):
        app.read_upload(str(tmp_path / "bad.txt"))
    (tmp_path / "long.txt").write_text("ا" * 101, encoding="utf-8")
    with pytest.raises(InputError, match="at most 100 characters"):
        app.read_upload(str(tmp_path / "long.txt"))
    (tmp_path / "empty.html").write_text("<html><body><script>x()</script></body></html>", encoding="utf-8")
    with pytest.raises(InputError, match="No article text"):
        app.read_upload(str(tmp_path / "empty.html"))


def test_the_box_shows_the_headline_once():
    from summarizer import Article

    body = "الناشط الحقوقي خالد ماسا ل«الصباح»: كل الشروط متوفرة\n\nقال الناشط إن الشروط متوفرة."
    # The cleaning drops the title's tatweel, and the title carries the site's name: still the same headline.
    assert box_text(Article(body, title="الناشط الحقوقي خالد ماسا لـ«الصباح»: كل الشروط متوفرة | الصباح")) == body
    other = Article("قال الناشط إن الشروط متوفرة.", title="عنوان آخر للخبر هنا")
    assert box_text(other) == "عنوان آخر للخبر هنا\n\nقال الناشط إن الشروط متوفرة."
    assert box_text(Article("خبر.", title="خبر")) == "خبر\n\nخبر."  # too short to tell: the title is shown


def test_an_upload_error_leaves_the_article_box_alone(tmp_path, tiny_models):
    app = DemoApp(BilingualSummarizer(**tiny_models), max_upload=1_000)
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\xfa")
    box, loaded, upload_note, *_ = app.load_upload(str(tmp_path / "bad.txt"))
    assert box == gr.update() and loaded == gr.update()  # no change: the pasted text stays
    assert 'role="alert"' in upload_note and "not UTF-8" in upload_note and "unchanged" in upload_note


@pytest.mark.parametrize("name", ["article.doc", "article", "article.txt.exe", "page.svg"])
def test_only_the_offered_file_types_are_read(tmp_path, tiny_models, name):
    app = DemoApp(BilingualSummarizer(**tiny_models))
    (tmp_path / name).write_text("نص", encoding="utf-8")
    with pytest.raises(InputError, match=r"Only \.txt, \.html, \.htm, \.pdf, \.docx files are read"):
        app.read_upload(str(tmp_path / name))


def test_a_word_upload_becomes_the_article_and_a_fake_pdf_is_refused(tmp_path, tiny_models):
    import docx

    app = DemoApp(BilingualSummarizer(**tiny_models))
    document = docx.Document()
    document.add_paragraph("قال الوزير إن الحكومة ستبني مدارس جديدة.")
    document.save(tmp_path / "article.docx")
    assert app.read_upload(str(tmp_path / "article.docx")).text == "قال الوزير إن الحكومة ستبني مدارس جديدة."
    (tmp_path / "article.pdf").write_text("نص", encoding="utf-8")
    with pytest.raises(InputError, match="neither a PDF nor a Word"):
        app.read_upload(str(tmp_path / "article.pdf"))


def test_an_oversize_upload_is_refused_before_it_is_read(tmp_path, tiny_models):
    app = DemoApp(BilingualSummarizer(**tiny_models), max_upload=2_000_000)
    big = tmp_path / "big.html"
    with big.open("wb") as file:
        file.truncate(2_000_001)  # sparse: the size is what counts
    with pytest.raises(InputError, match=r"The file has 2\.0 MB; this demo reads files up to 2\.0 MB"):
        app.read_upload(str(big))


def test_a_url_becomes_the_article_and_private_addresses_are_refused(tiny_models):
    page = "<html><head><title>عنوان</title></head><body><p>نص المقال هنا.</p></body></html>"
    with serve_html(page) as server:
        url = f"{server}/a"
        with pytest.raises(SummarizerError, match="loopback"):
            DemoApp(BilingualSummarizer(**tiny_models)).read_url(url)
        with pytest.raises(SummarizerError, match="only http"):
            DemoApp(BilingualSummarizer(**tiny_models)).read_url("file:///etc/passwd")
        text, loaded, _, note, *_ = DemoApp(BilingualSummarizer(**tiny_models), allow_private_urls=True).load_url(url)
    assert text == "عنوان\n\nنص المقال هنا." and url in note and loaded["article"].title == "عنوان"


def test_one_summarizer_per_preset_built_on_first_use(tiny_models):
    first = BilingualSummarizer(**tiny_models)
    app = DemoApp(first)
    assert app.summarizer_for("balanced") is first
    fast = app.summarizer_for("fast")
    assert fast is app.summarizer_for("fast") and fast.preset == "fast"
    assert fast.model_names == first.model_names  # the overrides carry over
    assert app.presets == ["fast", "balanced", "quality", "instruct"]  # the engine is a load option, not a preset
    assert app.summarizer_for("quality").load_options == first.load_options


def test_examples_are_short_arabic_texts_plus_a_folder(tmp_path):
    assert len(EXAMPLES) == 3 and all(100 < len(text) < 800 for text in EXAMPLES.values())
    (tmp_path / "one.txt").write_text("خبر قصير.", encoding="utf-8")
    (tmp_path / "skip.md").write_text("ignored", encoding="utf-8")
    assert list(load_examples(tmp_path))[3:] == ["one.txt"]
    with pytest.raises(NotADirectoryError):
        load_examples(tmp_path / "missing")


def test_main_serves_this_machine_only_by_default(tiny_models, monkeypatch, caplog):
    calls = []
    monkeypatch.setattr(gr.Blocks, "launch", lambda self, **kwargs: calls.append(kwargs))
    monkeypatch.setenv("GRADIO_TEMP_DIR", "")  # main makes a folder of its own; restored afterwards
    flags = [item for role, path in tiny_models.items() for item in (f"--{role.replace('_', '-')}", path)]
    assert main([*flags, "--port", "7999"]) == 0
    assert calls == [
        {"server_name": "127.0.0.1", "server_port": 7999, "share": False, "show_error": False,
         "max_file_size": 5_000_000}
    ]
    assert "summarizer-demo-gradio-" in os.environ["GRADIO_TEMP_DIR"] and Path(os.environ["GRADIO_TEMP_DIR"]).is_dir()
    assert not [r for r in caplog.records if "Exposed" in r.getMessage()]
    assert main([*flags, "--examples", "/no/such/folder"]) == 2


def test_main_passes_the_limits_and_says_what_is_exposed(tiny_models, monkeypatch, caplog):
    built, launched = [], []
    real = summarizer_demo.app.build_demo
    monkeypatch.setattr(summarizer_demo.app, "build_demo", lambda *args, **kwargs: built.append(kwargs) or real(*args, **kwargs))
    monkeypatch.setattr(gr.Blocks, "launch", lambda self, **kwargs: launched.append(kwargs))
    monkeypatch.setenv("GRADIO_TEMP_DIR", str(Path(tempfile.gettempdir()) / "gradio"))  # the user's: not swept
    flags = [item for role, path in tiny_models.items() for item in (f"--{role.replace('_', '-')}", path)]
    limits = ["--concurrency", "2", "--max-queue", "3", "--max-upload", "0.5", "--keep-files", "10"]
    with caplog.at_level("WARNING", logger="summarizer.demo"):
        assert main([*flags, *limits, "--host", "0.0.0.0"]) == 0
    expected = {"concurrency_limit": 2, "max_queue": 3, "max_upload": 500_000, "file_lifetime": 600, "sweep_dirs": []}
    assert {key: built[0][key] for key in expected} == expected
    assert launched[0]["server_name"] == "0.0.0.0" and launched[0]["max_file_size"] == 500_000
    exposed = [r.getMessage() for r in caplog.records if "Exposed" in r.getMessage()]
    assert len(exposed) == 1 and "every network interface" in exposed[0]
    assert "2 summarized at once, 3 waiting" in exposed[0]
    for bad in (["--max-queue", "-1"], ["--concurrency", "0"], ["--keep-files", "0"], ["--max-upload", "0"]):
        with pytest.raises(SystemExit):
            main([*flags, *bad])


def test_main_preloads_the_models_unless_told_not_to(tiny_models, monkeypatch, caplog):
    import threading

    loaded = []
    done = threading.Event()
    monkeypatch.setattr(summarizer_demo.app, "preload", lambda summarizer: (loaded.append(summarizer), done.set()))
    monkeypatch.setattr(gr.Blocks, "launch", lambda self, **kwargs: None)
    monkeypatch.setenv("GRADIO_TEMP_DIR", str(Path(tempfile.gettempdir()) / "gradio"))
    flags = [item for role, path in tiny_models.items() for item in (f"--{role.replace('_', '-')}", path)]
    assert main(flags) == 0 and done.wait(10)
    assert isinstance(loaded[0], BilingualSummarizer)
    assert main([*flags, "--no-preload"]) == 0 and len(loaded) == 1


def test_preload_loads_and_a_failure_is_only_logged(tiny_models, tmp_path, caplog):
    bilingual = BilingualSummarizer(**tiny_models, device="cpu")
    summarizer_demo.app.preload(bilingual)
    assert {"translator", "summarizer", "back_translator"} <= set(bilingual._models), caplog.text
    missing = BilingualSummarizer(translator=str(tmp_path / "no-such-model"), local_files_only=True)
    with caplog.at_level("WARNING", logger="summarizer.demo"):
        summarizer_demo.app.preload(missing)
    assert any("preloading the models failed" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize(
    ("host", "share", "expected"),
    [("127.0.0.1", False, None), ("localhost", False, None), ("::1", False, None), ("127.0.0.2", False, None),
     ("0.0.0.0", False, "listening on every network interface"), ("::", False, "listening on every network interface"),
     ("192.168.1.20", False, "listening on 192.168.1.20: anyone who can reach this machine"),
     ("demo.example.org", False, "listening on demo.example.org"),
     ("127.0.0.1", True, "a public gradio.live link: anyone on the internet")],
)
def test_exposure_names_who_can_reach_the_demo(host, share, expected):
    line = exposure(host, share, 1, 8)
    assert line is None if expected is None else expected in line and "no login" in line
