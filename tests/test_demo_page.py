"""The demo page as a journalist meets it, in a real (headless) Chromium, on a laptop and on a phone.

One server per module, with a scripted summarizer: it reports progress and
previews as the library does, returns a hand-built result (known sources, an
unsupported number), and can be held mid-run so that the running page and a
busy refusal can be looked at. Each state is checked at 1366x900 and 390x844:
the empty page, a run in progress (its progress in the first screen), the
result, a failed fetch over pasted text, an error after a result, a busy
refusal and an uploaded web page; axe-core (``tests/axe.min.js``, vendored,
MPL-2.0) runs in the page, in light and dark, and must find no serious or
critical violation. Skipped without ``/usr/bin/chromium``. Screenshots go to
``test-artifacts/``; ``SUMMARIZER_UPDATE_DOCS=1`` copies the phone one to
``docs/demo-phone.png`` for the README.
"""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest

from conftest import REPO
from summarizer import PRESETS, BilingualSummary
from summarizer_demo.app import build_demo
from test_demo import artifact, browser, serve, water_network  # noqa: F401  (browser: the fixture)

AXE = Path(__file__).with_name("axe.min.js")
SIZES = {"laptop": (1366, 900), "phone": (390, 844)}
MAX_CHARS = 3_000
ARTICLE = " ".join(pair.source for pair in water_network().sentences)


class Scripted:
    """Stands in for a BilingualSummarizer: reports stages and previews like the library, then one fixed result.

    While ``go`` is clear, a run stops after its first translated sentence.
    """

    preset = "balanced"
    model_names = PRESETS["balanced"].models()  # named as the real ones, for the page's labels

    def __init__(self, result: BilingualSummary):
        self.result = result
        self.go, self.started = threading.Event(), threading.Event()
        self.go.set()

    def summarize(self, text, *, progress=None, preview=None, **options) -> BilingualSummary:
        pairs = self.result.sentences
        progress, preview = progress or (lambda *report: None), preview or (lambda *report: None)
        progress("cleaning", 1, 1)
        progress("translating", 1, len(pairs))
        preview("translation", {pairs[0].index: (pairs[0].source, pairs[0].translation)})
        self.started.set()
        assert self.go.wait(60)
        preview("translation", {p.index: (p.source, p.translation) for p in pairs[1:]})
        progress("summarizing", 1, 6)
        preview("english", self.result.english_abstract)
        preview("arabic", self.result.arabic_abstract)
        return self.result


@pytest.fixture(scope="module")
def scripted():
    return Scripted(water_network())


@pytest.fixture(scope="module")
def url(scripted):
    demo = build_demo(scripted, max_chars=MAX_CHARS, concurrency_limit=1, max_queue=0)
    yield serve(demo)
    demo.close()


@pytest.fixture(params=list(SIZES))
def page(request, browser, url):  # noqa: F811
    width, height = SIZES[request.param]
    page = browser.new_page(viewport={"width": width, "height": height})
    page.size = request.param
    page.goto(url)
    page.locator("#article textarea").wait_for()
    yield page
    page.close()


def axe(page, theme: str = "light") -> list[str]:
    """The serious and critical axe-core violations of the page as shown, as ``"id: selectors"`` lines."""
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
                          ".filter(v => ['serious', 'critical'].includes(v.impact))"
                          ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))")
    return [f"{theme}: {line}" for line in found]


def in_first_screen(page, selector: str) -> bool:
    """Whether the element is visible without scrolling."""
    box = page.locator(selector).first.bounding_box()
    return box is not None and box["height"] > 0 and 0 <= box["y"] and box["y"] + box["height"] <= page.viewport_size["height"]


def summarize(page, text: str = ARTICLE) -> None:
    page.locator("#article textarea").fill(text)
    page.locator("#summarize").click()


def wait_for_result(page) -> None:
    page.locator("#arabic-abstract .abs-sent").first.wait_for(timeout=60_000)
    page.locator("#summarize:not([disabled])").wait_for(timeout=10_000)


def upload(page, path: Path) -> None:
    """Choose a file with the Upload button, as a person does."""
    with page.expect_file_chooser() as chooser:
        page.locator("#upload").click()
    chooser.value.set_files(str(path))


def no_overlaps(page) -> list[str]:
    """Labels that another control covers, and any sideways scrolling: both fail on a phone."""
    return page.evaluate("""() => {
      const bad = [];
      if (document.documentElement.scrollWidth > window.innerWidth + 1) bad.push('page scrolls sideways');
      for (const label of document.querySelectorAll('label, [data-testid=block-label], .label-wrap span')) {
        const r = label.getBoundingClientRect();
        if (!r.width || !r.height) continue;
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        if (hit && !label.contains(hit) && !hit.contains(label) && hit.closest('button'))
          bad.push(label.textContent.trim() + ' under ' + (hit.closest('button').getAttribute('aria-label') || 'a button'));
      }
      return bad;
    }""")


@pytest.mark.slow
def test_empty_page_is_accessible_with_a_heading_and_plain_words(page):
    assert page.locator("h1").count() == 1
    assert "hover" not in page.locator("body").inner_text().lower()
    assert "preset" not in page.locator("#preset").inner_text().lower()  # speed and quality, in words
    assert "-cpu" not in page.locator("#preset").inner_text()
    assert page.get_by_text("Arabic abstract translated from the English one").count() == 1
    direct = page.get_by_text("Arabic abstract written from the Arabic article by mT5_multilingual_XLSum")
    assert "CC-BY-NC-SA-4.0, non-commercial use only" in direct.inner_text()
    assert "csebuetnlp/mT5_multilingual_XLSum" not in page.locator("#strategy").inner_text()  # ids: in the panel
    legend = page.locator("#legend").inner_text()
    assert "no source sentence found" in legend and "does not support" in legend and "tap" in legend
    assert page.locator("#summarize").evaluate("b => getComputedStyle(b).backgroundColor") == "rgb(180, 70, 11)"
    assert no_overlaps(page) == []
    assert axe(page) == []
    page.goto(page.url + "?__theme=dark")
    page.locator("#article textarea").wait_for()
    assert axe(page, "dark") == []


@pytest.mark.slow
def test_a_run_shows_its_progress_in_the_first_screen_then_the_result(page, scripted):
    scripted.go.clear()
    scripted.started.clear()
    try:
        summarize(page)
        page.get_by_text("Translating").first.wait_for(timeout=30_000)
        assert scripted.started.wait(30)
        button = page.locator("#summarize")
        assert button.is_disabled() and button.inner_text() == "Summarizing…"  # cannot be pressed twice
        status = page.locator("#status")
        status.get_by_text("Translating").wait_for(timeout=10_000)
        assert in_first_screen(page, "#summarize") and in_first_screen(page, "#status")
        # The table fills in as sentences are translated.
        page.locator("#sentences tr[data-index]").first.wait_for(timeout=10_000)
        assert page.locator("#sentences tr[data-index]").count() == 1
        assert "Translating" in page.locator("#english-abstract").inner_text()
        page.screenshot(path=str(artifact(f"demo-running-{page.size}.png")))
    finally:
        scripted.go.set()
    wait_for_result(page)
    assert page.locator("#sentences tr[data-index]").count() == 3
    assert "Done" in page.locator("#status").inner_text()
    arabic = page.locator("#arabic-abstract [lang=ar][dir=rtl]")
    assert arabic.count() == 1 and arabic.evaluate("e => getComputedStyle(e).direction") == "rtl"
    checks = page.locator("#checks").inner_text()
    assert checks.count('"150"') == 1  # one line for the number both abstracts get wrong
    assert "removed_lines" not in page.locator("body").inner_text()
    # The reason of a mark opens on tap (focus), without a pointer to hover with.
    mark = page.locator("#english-abstract mark.unsupported")
    mark.focus()
    reason = mark.evaluate("m => getComputedStyle(m, '::after').content")
    assert "not in the source" in reason
    page.locator("#result-json").wait_for()
    if page.size == "phone":  # one column: the Arabic abstract under the English one, at full width
        english, arabic_box = (page.locator(s).bounding_box() for s in ("#english-abstract", "#arabic-abstract"))
        assert arabic_box["y"] >= english["y"] + english["height"] - 1 and arabic_box["width"] > 300
    mark.evaluate("m => m.blur()")  # its reason folds away (the page below moves up)
    page.get_by_text("The abstracts as plain text").click()  # opened: their labels and copy icons checked too
    page.locator("#arabic-text textarea").wait_for()
    assert page.locator("#arabic-text textarea").evaluate("e => getComputedStyle(e).direction") == "rtl"
    assert no_overlaps(page) == []
    assert axe(page) == []
    page.screenshot(path=str(artifact(f"demo-result-{page.size}.png")), full_page=True)
    page.evaluate("document.body.classList.add('dark')")  # what ?__theme=dark does, keeping the result
    page.wait_for_timeout(1_000)  # the colours' transitions end
    assert axe(page, "dark") == []
    page.evaluate("document.body.classList.remove('dark')")
    if page.size == "phone" and os.environ.get("SUMMARIZER_UPDATE_DOCS") == "1":
        page.locator("#legend").evaluate("e => e.scrollIntoView()")
        mark.evaluate("m => m.focus({preventScroll: true})")  # its reason shown, as after a tap
        page.screenshot(path=str(artifact("demo-phone.png")))
        (REPO / "docs").mkdir(exist_ok=True)
        shutil.copyfile(artifact("demo-phone.png"), REPO / "docs" / "demo-phone.png")


@pytest.mark.slow
def test_the_keyboard_runs_and_pins(page):
    page.locator("#article textarea").fill(ARTICLE)
    page.locator("#summarize").focus()
    page.keyboard.press("Enter")
    wait_for_result(page)
    page.locator("#english-abstract .abs-sent").nth(1).focus()
    page.keyboard.press("Enter")  # pins its sources, as a click does
    pinned = page.locator("#english-abstract .abs-sent.pinned")
    assert pinned.count() == 1
    rows = page.locator("#sentences tr.linked").evaluate_all("rows => rows.map(row => row.dataset.index)")
    assert rows == ["1", "2"]
    page.keyboard.press("Tab")  # the next stop is the marked number inside it, whose reason then shows
    assert page.evaluate("document.activeElement.matches('mark.unsupported')")


@pytest.mark.slow
def test_a_failed_fetch_leaves_the_pasted_text_visible_and_editable(page):
    page.locator("#article textarea").fill(ARTICLE)
    page.locator("#url textarea, #url input").first.fill("http://127.0.0.1:9/article")
    page.locator("#fetch").click()
    error = page.locator("#fetch-status [role=alert]")
    error.wait_for(timeout=30_000)
    assert "Could not fetch the page" in error.inner_text() and "loopback" in error.inner_text()
    page.locator("#fetch:not([disabled])").wait_for(timeout=10_000)  # "Fetching…" while it ran, usable again
    assert page.locator("#fetch").inner_text().strip() == "Fetch"
    box = page.locator("#article textarea")
    assert box.input_value() == ARTICLE and box.is_visible() and box.is_editable()
    assert page.locator("#article .error, #article [class*=error]").count() == 0  # no "Error" badge over it
    box.press("End")
    box.type(" نص")
    assert box.input_value() == ARTICLE + " نص"
    assert no_overlaps(page) == []
    page.screenshot(path=str(artifact(f"demo-fetch-failed-{page.size}.png")))
    summarize(page)  # the next action clears the message
    wait_for_result(page)
    assert page.locator("#fetch-status").inner_text().strip() == ""


@pytest.mark.slow
def test_an_error_after_a_result_clears_the_old_result(page):
    summarize(page)
    wait_for_result(page)
    too_long = "ب" * (MAX_CHARS + 1)
    summarize(page, too_long)
    error = page.locator("#status [role=alert]")
    error.wait_for(timeout=30_000)
    assert f"at most {MAX_CHARS:,} characters" in error.inner_text()
    assert page.locator(".abs-sent").count() == 0 and page.locator("#sentences tr[data-index]").count() == 0
    assert page.locator("#checks").inner_text().strip() == "" and not page.locator("#result-json").is_visible()
    assert page.locator("#article textarea").input_value() == too_long
    assert page.locator("#summarize").is_enabled()
    page.screenshot(path=str(artifact(f"demo-error-after-result-{page.size}.png")))


@pytest.mark.slow
def test_a_busy_refusal_says_so_next_to_the_button(page, browser, url, scripted):  # noqa: F811
    scripted.go.clear()
    scripted.started.clear()
    first = browser.new_page()
    try:
        first.goto(url)
        summarize(first)
        assert scripted.started.wait(30)
        summarize(page)
        message = page.locator("#status [role=alert]")
        message.wait_for(timeout=30_000)
        assert "Busy" in message.inner_text() and "try again in a minute" in message.inner_text()
        assert "Error" not in message.inner_text()
        assert in_first_screen(page, "#status") or page.size == "phone"
        assert page.locator("#article textarea").input_value() == ARTICLE and page.locator("#summarize").is_enabled()
    finally:
        scripted.go.set()
    wait_for_result(first)
    first.close()


@pytest.mark.slow
def test_an_uploaded_page_shows_its_article_not_its_markup(page, tmp_path):
    paragraphs = [pair.source for pair in water_network().sentences]
    body = "".join(f"<p>{text}</p>" for text in paragraphs)
    furniture = "".join(f'<li><a href="/{i}">قسم {i}</a></li>' for i in range(8))
    saved = tmp_path / "saved-page.html"
    saved.write_text(
        "<!DOCTYPE html><html lang='ar'><head><title>مشروع لتجديد شبكة المياه</title></head><body>"
        f"<nav><ul>{furniture}</ul></nav><article><h1>مشروع لتجديد شبكة المياه</h1>{body}</article>"
        "<footer>جميع الحقوق محفوظة</footer></body></html>",
        encoding="utf-8",
    )
    upload(page, saved)
    page.locator("#upload-status [role=status]").wait_for(timeout=30_000)
    text = page.locator("#article textarea").input_value()
    assert "<" not in text and "DOCTYPE" not in text
    assert text.startswith("مشروع لتجديد شبكة المياه") and paragraphs[0] in text
    assert text.count("مشروع لتجديد شبكة المياه") == 1  # the headline once
    assert "saved-page.html" in page.locator("#upload-status").inner_text()
    page.screenshot(path=str(artifact(f"demo-uploaded-{page.size}.png")))
    summarize(page, text)
    wait_for_result(page)
