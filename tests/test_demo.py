"""The Gradio demo with tiny models: its API through gradio_client, its page in a real (headless) Chromium.

One server per module, on a free port. The browser test needs Debian's
``/usr/bin/chromium`` (Playwright's own browser download does not work here)
and is skipped without it; it leaves a screenshot in ``test-artifacts/demo.png``
and copies it to ``docs/demo.png`` for the README.
"""

from __future__ import annotations

import json
import shutil
import socket
from pathlib import Path

import gradio as gr
import pytest

from conftest import REPO, SAMPLE, SHARED
from demo.app import DemoApp, build_demo, describe, main, sentence_table
from demo.examples import EXAMPLES, load_examples
from summarizer import BilingualSummarizer

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
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    _, url, _ = demo.launch(prevent_thread_lock=True, server_name="127.0.0.1", server_port=port, quiet=True)
    yield url
    demo.close()


@pytest.fixture(scope="module")
def client(server):
    from gradio_client import Client

    return Client(server, verbose=False)


def test_api_gives_both_abstracts_and_the_json(client, article):
    english, arabic, table, warnings, json_path = client.predict(
        article, "balanced", "translate", "short", api_name="/summarize"
    )
    assert english.strip() and arabic.strip()
    assert table.count("<tr>") > 1 and 'dir="rtl"' in table
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
    assert list(client.view_api(print_info=False, return_format="dict")["named_endpoints"]) == ["/summarize"]


@pytest.mark.slow
def test_page_in_a_real_browser(server, article):
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    shot = REPO / "test-artifacts" / "demo.png"
    shot.parent.mkdir(exist_ok=True)
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(server)
            page.locator("#article textarea").fill(article)
            page.locator("#summarize").click()
            page.wait_for_function(
                "document.querySelector('#arabic-abstract textarea').value.trim().length > 0", timeout=120_000
            )
            english = page.locator("#english-abstract textarea").input_value()
            arabic_box = page.locator("#arabic-abstract textarea")
            assert english.strip() and arabic_box.input_value().strip()
            assert arabic_box.evaluate("e => e.closest('[dir=rtl]') !== null && getComputedStyle(e).direction") == "rtl"
            assert page.locator("#sentences td[dir=rtl]").count() > 0
            page.locator("#result-json").get_by_text(".json").first.wait_for()
            page.screenshot(path=str(shot), full_page=True)
        finally:
            browser.close()
    (REPO / "docs").mkdir(exist_ok=True)
    shutil.copyfile(shot, REPO / "docs" / "demo.png")


def test_progress_names_each_stage():
    assert describe("cleaning", 1, 1) == (0.05, "cleaning")
    assert describe("translating", 3, 12) == (pytest.approx(0.1875), "translating: 3/12 sentences")
    assert describe("summarizing", 1, 6)[1] == "summarizing: pass 1"
    value, text = describe("writing the Arabic abstract", 2, 2)
    assert (value, text) == (1.0, "writing the Arabic abstract")


def test_sentence_table_escapes_and_marks_direction(tiny_models):
    from summarizer import SentencePair

    class Result:
        sentences = (SentencePair(0, "قال <b>الوزير</b>", "The <minister> said"), SentencePair(1, "OK.", "OK.", False))

    table = sentence_table(Result())
    assert '<td dir="rtl" lang="ar"' in table and '<td dir="auto"' in table
    assert "&lt;b&gt;" in table and "&lt;minister&gt;" in table and "<b>" not in table


def test_uploads_become_the_article(tmp_path, tiny_models):
    app = DemoApp(BilingualSummarizer(**tiny_models), max_chars=100)
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>نص المقال</p></body></html>", encoding="utf-8")
    assert app.read_upload(str(page)) == "<html><body><p>نص المقال</p></body></html>"
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\xfa")
    with pytest.raises(gr.Error, match="not UTF-8"):
        app.read_upload(str(tmp_path / "bad.txt"))
    (tmp_path / "long.txt").write_text("ا" * 101, encoding="utf-8")
    with pytest.raises(gr.Error, match="at most 100 characters"):
        app.read_upload(str(tmp_path / "long.txt"))


def test_one_summarizer_per_preset_built_on_first_use(tiny_models):
    first = BilingualSummarizer(**tiny_models)
    app = DemoApp(first)
    assert app.summarizer_for("balanced") is first
    fast = app.summarizer_for("fast")
    assert fast is app.summarizer_for("fast") and fast.preset == "fast"
    assert fast.model_names == first.model_names  # the overrides carry over
    assert app.presets == ["fast", "balanced", "quality"]


def test_examples_are_short_arabic_texts_plus_a_folder(tmp_path):
    assert len(EXAMPLES) == 3 and all(100 < len(text) < 800 for text in EXAMPLES.values())
    (tmp_path / "one.txt").write_text("خبر قصير.", encoding="utf-8")
    (tmp_path / "skip.md").write_text("ignored", encoding="utf-8")
    assert list(load_examples(tmp_path))[3:] == ["one.txt"]
    with pytest.raises(NotADirectoryError):
        load_examples(tmp_path / "missing")


def test_main_serves_this_machine_only_by_default(tiny_models, monkeypatch):
    calls = []
    monkeypatch.setattr(gr.Blocks, "launch", lambda self, **kwargs: calls.append(kwargs))
    flags = [item for role, path in tiny_models.items() for item in (f"--{role.replace('_', '-')}", path)]
    assert main([*flags, "--port", "7999"]) == 0
    assert calls == [{"server_name": "127.0.0.1", "server_port": 7999, "share": False, "show_error": False}]
    assert main([*flags, "--examples", "/no/such/folder"]) == 2
