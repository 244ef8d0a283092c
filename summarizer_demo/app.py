"""The Gradio demo: an Arabic article in, an English and an Arabic abstract out.

:func:`build_demo` wires the page to :class:`DemoApp`, whose handlers call
:meth:`summarizer.BilingualSummarizer.summarize`; :func:`main` reads the command
line (the model flags of ``summarizer summarize``, plus ``--host``, ``--port``,
``--examples``, ``--share`` and the limits below) and launches it:
``summarizer-demo`` or ``python -m summarizer_demo``.

The page takes the article typed, pasted, uploaded (a reader per file type,
:data:`READERS`: a saved page shows its article text and title, its removed
lines in a folded panel), fetched from a URL (:func:`summarizer.fetch_article`;
the server refuses loopback and private addresses unless started with
``--allow-private-urls``) or picked from the examples, with speed against
quality, how the Arabic abstract is made and the length, in a reader's words
(:mod:`summarizer_demo.choices`). Summarize streams (:meth:`DemoApp.run`): the
button says it is working and cannot be pressed again, the status under it
gives the place in line and the stage, the sentence table fills in as
sentences are translated and each abstract shows as soon as it is written
(the library's ``preview``); then both abstracts sentence by sentence
(:mod:`summarizer_demo.views`: a sentence's sources light up in the table, the
unsupported numbers, dates and names are marked, and a legend says what each
mark means), the checks with each fact once, and the whole result as JSON.

Errors never hide the input: a failure is written, in words, next to the
control that caused it (upload, Fetch, Summarize) until the next action; no
handler whose outputs include the article box raises, so Gradio never covers
it with an error badge, and a run that starts or fails clears the results of an
earlier text. The named API endpoint ``/summarize`` for ``gradio_client`` is
apart from the page (a hidden trigger): it returns the two abstracts as text,
the table's HTML, the warnings and the JSON file, and raises ``gr.Error`` for
user mistakes. Nothing runs at import; models load on the first request that
needs them.

Served to many, the demo stays bounded (:class:`DemoApp`): ``concurrency``
articles are summarized at once, ``max_queue`` more wait in a line
(:class:`summarizer_demo.line.Line`) and the next get "busy, try again in a minute", in the
page and through the API; uploads are capped (``max_upload`` bytes, refused by
Gradio before they reach the disk when launched with ``max_file_size``) and
only ``.txt``/``.html`` files are read; result downloads and uploads are
deleted once they are ``file_lifetime`` seconds old (Gradio's
``delete_cache``, and :class:`summarizer_demo.files.Sweeper` for the demo's own folders:
its download folder, and the Gradio cache folder that :func:`main` gives it).
:func:`main` logs a warning saying what is exposed when it serves beyond this
machine (``--host`` not a loopback address, or ``--share``).
"""

from __future__ import annotations

import argparse
import asyncio
import atexit
import contextvars
import functools
import html
import ipaddress
import logging
import os
import shutil
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import AsyncIterator, Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import gradio as gr

from summarizer import (
    Article, BilingualSummarizer, BilingualSummary, InputError, SummarizerError, fetch_article, read_article,
    read_document,
)
from summarizer.cli import add_model_arguments, make_summarizer, positive, quiet_libraries
from summarizer.options import LENGTHS
from summarizer.text.inputs import input_limit

from .examples import load_examples
from .files import Sweeper
from .line import Line, LineFull
from .choices import models_markdown, offered_presets, preset_choices, strategy_choices
from .views import (
    LEGEND, abstract_text_view, abstract_views, checks_html, linked_html, preview_table, sentence_table,
)

logger = logging.getLogger("summarizer.demo")

DEFAULT_MAX_CHARS = 200_000
DEFAULT_MAX_QUEUE = 8
DEFAULT_MAX_UPLOAD = 5_000_000  # bytes: a long news page with its markup is well under 1 MB
DEFAULT_FILE_LIFETIME = 3600  # seconds a result download or an upload is kept
BUSY = "The demo is busy ({}): try again in a minute."
# The abstracts' sentence views: framed and labelled like the other outputs.
VIEW = {"show_label": True, "container": True, "padding": True, "min_height": 120}
# The share of the progress bar each stage fills: (start, end).
STAGES = {
    "cleaning": (0.0, 0.05),
    "translating": (0.05, 0.6),
    "summarizing": (0.6, 0.85),
    "writing the Arabic abstract": (0.85, 1.0),
}
# The components each kind of handler returns, in order (build_demo wires them by these names).
LOAD_OUTPUTS = ("article", "loaded", "upload_status", "fetch_status", "status", "removed_panel", "removed")
RUN_OUTPUTS = (
    "button", "status", "upload_status", "fetch_status", "english_view", "arabic_view", "english", "arabic",
    "sentences", "checks", "save", "removed_panel", "removed",
)
SHOW_STATUS_JS = "() => { document.querySelector('#status').scrollIntoView({block: 'center'}); }"
# The page's own styles (Gradio 6 takes css only at launch(); a <style> in the page keeps
# build_demo().launch() complete). Colours meet WCAG AA (4.5:1) in light and dark.
PAGE_CSS = """
h1 { font-size: 1.5rem; font-weight: 600; margin: 0.2em 0 0.4em; }
#summarize, #summarize:hover { background: #b4460b; border-color: #b4460b; color: #fff; }
#summarize:disabled { background: #6b4a36; border-color: #6b4a36; color: #fff; cursor: progress; }
.status { margin: 0.3em 0; }
.status.error { color: #b00020; }
.status.working { font-weight: 600; }
.dark .status.error { color: #ff8a8a; }
.pending { color: inherit; font-style: italic; margin: 0; }
#arabic-text textarea, #removed-lines textarea { direction: rtl; text-align: right; }
#upload .or, #upload .wrap { color: var(--body-text-color) !important; }
footer a, footer button, footer span, footer .divider { color: var(--body-text-color) !important; opacity: 1 !important; }
@media (max-width: 700px) {
  .stack { flex-direction: column !important; flex-wrap: nowrap !important; }
  .stack > * { width: 100% !important; min-width: 0 !important; flex: 1 1 auto !important; }
}
"""


class DemoApp:
    """What the page's handlers share: one summarizer per preset (built on first use), the line, a download folder.

    Args:
        summarizer: The summarizer of the preset shown first; the other presets
            keep its model overrides (``BilingualSummarizer.with_preset``).
        max_chars: The longest text accepted, in characters.
        concurrency: Articles summarized at once (they share the models).
        max_queue: Requests that may wait for one of those places; the next
            are told the demo is busy.
        max_upload: The largest upload read, in bytes.
        file_lifetime: Seconds after which the demo's temporary files are deleted.
        sweep_dirs: Folders of the demo's own (not shared with other programs)
            whose old files are deleted too, as the download folder's are.
        allow_private_urls: Also fetch pages from loopback and private
            addresses (the server's own network): off on a shared server.
    """

    def __init__(
        self,
        summarizer: BilingualSummarizer,
        max_chars: int = DEFAULT_MAX_CHARS,
        *,
        concurrency: int = 1,
        max_queue: int = DEFAULT_MAX_QUEUE,
        max_upload: int = DEFAULT_MAX_UPLOAD,
        file_lifetime: int = DEFAULT_FILE_LIFETIME,
        sweep_dirs: Sequence[str | os.PathLike[str]] = (),
        allow_private_urls: bool = False,
    ):
        self.allow_private_urls = allow_private_urls
        self.summarizers = {summarizer.preset: summarizer}
        self.presets = offered_presets()
        if summarizer.preset not in self.presets:
            self.presets.insert(0, summarizer.preset)
        self.max_chars, self.max_upload, self.file_lifetime = max_chars, max_upload, file_lifetime
        self.line = Line(concurrency, max_queue)
        # The work runs here, so that no more than `concurrency` summaries share the models even
        # when a client that went away has left the line while its summary still runs.
        self._workers = ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="summarize")
        self._lock = threading.Lock()
        self._downloads = tempfile.TemporaryDirectory(prefix="summarizer-demo-")  # removed with the app
        self.sweep_every = max(1, min(file_lifetime // 4, 600))
        self.sweeper = Sweeper([self._downloads.name, *sweep_dirs], max_age=file_lifetime, every=self.sweep_every)

    def summarizer_for(self, preset: str) -> BilingualSummarizer:
        """The summarizer of a preset, built on first use (its models load on first use too)."""
        with self._lock:
            if preset not in self.summarizers:
                if preset not in self.presets:
                    raise InputError(f"Unknown preset {preset!r}: choose one of {', '.join(self.presets)}.")
                self.summarizers[preset] = self.summarizers[next(iter(self.summarizers))].with_preset(preset)
            return self.summarizers[preset]

    async def summarize(
        self, text: str, preset: str, strategy: str, length: str, progress: gr.Progress = gr.Progress()
    ) -> tuple[str, str, str, str, str]:
        """Summarize an Arabic article: both abstracts, the sentence table (HTML), the warnings and the whole result as JSON.

        A request waits its turn (the progress says how many are ahead), or is
        told the demo is busy and to try again in a minute when too many wait.
        Mistakes (an empty or too long text, a text in another language) come
        back as errors that say what to fix.
        """
        try:
            result = await self._queued(
                text or "", preset, strategy, length,
                on_wait=lambda ahead: progress(0.0, desc=waiting(ahead)),
                on_progress=lambda stage, done, total: progress(*describe(stage, done, total)),
            )
        except LineFull:
            raise gr.Error(busy(self.line), title="Busy", print_exception=False) from None
        except SummarizerError as error:
            raise gr.Error(str(error)) from None
        warnings = "\n".join(f"• {w}" for w in result.warnings) or "none"
        return result.english_abstract, result.arabic_abstract, sentence_table(result), warnings, self._save(result)

    async def run(
        self, text: str, loaded: dict | None, preset: str, strategy: str, length: str
    ) -> AsyncIterator[tuple]:
        """The page's Summarize: yields the whole result area (see :data:`RUN_OUTPUTS`) as the run advances.

        The first yield clears the results of an earlier text and turns the
        button into "Summarizing…" (not clickable); each report of the library
        (place in line, stage, sentences translated) then updates the status
        next to the button and the abstract boxes; the last yield shows the
        result or says, in words next to the button, why there is none. The
        article box is never an output, so an error cannot cover it.

        Args:
            text: The article box.
            loaded: What an upload or a fetch put in the box: ``{"shown": text,
                "article": Article}``; while the box still holds that text, the
                article (with its title, url and removed lines) is summarized.
        """
        source: str | Article = text or ""
        if loaded and loaded.get("shown") == text and isinstance(loaded.get("article"), Article):
            source = loaded["article"]
        loop = asyncio.get_running_loop()
        events: asyncio.Queue[tuple] = asyncio.Queue()
        task = asyncio.ensure_future(self._queued(
            source, preset, strategy, length,
            on_wait=lambda ahead: events.put_nowait(("wait", ahead)),
            on_progress=lambda *report: loop.call_soon_threadsafe(events.put_nowait, ("progress", *report)),
            on_preview=lambda *preview: loop.call_soon_threadsafe(events.put_nowait, ("preview", *preview)),
        ))
        screen = RunScreen()
        yield screen.working("Starting…")
        try:
            while not (task.done() and events.empty()):
                getter = asyncio.ensure_future(events.get())
                await asyncio.wait({getter, task}, return_when=asyncio.FIRST_COMPLETED)
                if not getter.done():
                    getter.cancel()
                    continue
                kind, *details = getter.result()
                if kind == "wait":
                    yield screen.working(waiting(details[0]))
                elif kind == "progress":
                    yield screen.working(describe(*details)[1])
                else:
                    yield screen.preview(*details)
            result = task.result()
        except LineFull:
            yield screen.failed(busy(self.line), title="Busy")
            return
        except SummarizerError as error:
            yield screen.failed(str(error))
            return
        except Exception:  # noqa: BLE001 - a fault of the demo or a model: said in the page, logged in full
            logger.exception("a summary failed")
            yield screen.failed("The summarizer stopped with an internal error (logged on the server). Try again;"
                                " if it happens again, tell whoever runs this demo.")
            return
        finally:
            task.cancel()  # a client that went away: leave the line (a running summary finishes in its worker)
        yield screen.done(result, self._save(result))

    async def _queued(
        self, source: str | Article, preset: str, strategy: str, length: str, *,
        on_wait: Callable[[int], None], on_progress: Callable[[str, int, int], None],
        on_preview: Callable[..., None] | None = None,
    ) -> BilingualSummary:
        """Summarize once a place in :attr:`line` is free, in a worker thread; raises LineFull or SummarizerError."""
        if isinstance(source, str):
            limit = input_limit(source, self.max_chars)  # a whole HTML page may be larger; its article may not
            if len(source) > limit:  # refused before it waits
                raise InputError(too_long(len(source), limit))
        try:
            async with self.line.place(on_wait):
                work = functools.partial(self._summarize, source, preset, strategy, length, on_progress, on_preview)
                return await asyncio.get_running_loop().run_in_executor(
                    self._workers, contextvars.copy_context().run, work  # the progress bar lives in the context
                )
        except LineFull:
            logger.warning("busy: refused a request (%d summarizing, %d waiting)", self.line.holders, self.line.waiting)
            raise

    def _summarize(
        self, source: str | Article, preset: str, strategy: str, length: str,
        on_progress: Callable[[str, int, int], None], on_preview: Callable[..., None] | None,
    ) -> BilingualSummary:
        return self.summarizer_for(preset).summarize(
            source, strategy=strategy, length=length, max_input_chars=self.max_chars, progress=on_progress,
            preview=on_preview,
        )

    def read_upload(self, path: str) -> Article:
        """The article of an uploaded file, read by the reader of its type (:data:`READERS`).

        Raises:
            InputError: A type not offered, a file over ``max_upload`` bytes,
                text that is not UTF-8, or an article over ``max_chars``.
        """
        self.sweeper.maybe_sweep()
        file = Path(path)
        reader = READERS.get(file.suffix.lower())
        if reader is None:
            raise InputError(f"Only {', '.join(READERS)} files are read: save the article as one of them.")
        size = file.stat().st_size
        if size > self.max_upload:  # Gradio refuses these first when launched with max_file_size
            raise InputError(too_big(size, self.max_upload))
        article = reader(file, self.max_upload)
        if len(article.text) > self.max_chars:
            raise InputError(too_long(len(article.text), self.max_chars))
        return article

    def read_url(self, url: str) -> Article:
        """The article of a web page (:func:`summarizer.fetch_article`); raises SummarizerError."""
        article = fetch_article(url or "", allow_private_addresses=self.allow_private_urls)
        if len(article.text) > self.max_chars:
            raise InputError(too_long(len(article.text), self.max_chars))
        return article

    def load_upload(self, path: str | None) -> tuple:
        """The page's upload: the article into the box, or a message next to the upload (see :data:`LOAD_OUTPUTS`)."""
        if not path:  # the file was removed from the upload box
            return gr.update(), gr.update(), "", "", "", gr.update(), gr.update()
        try:
            article = self.read_upload(path)
        except SummarizerError as error:
            return gr.update(), gr.update(), failure("Could not read the file", str(error)), "", "", gr.update(), gr.update()
        what = f"{Path(path).name}: {len(article.text):,} characters of article text"
        return loaded_article(article, f"Read {what}{removed_note(article)}.", upload=True)

    def load_url(self, url: str) -> tuple:
        """The page's Fetch: the article into the box, or a message next to Fetch (see :data:`LOAD_OUTPUTS`)."""
        try:
            article = self.read_url(url)
        except SummarizerError as error:
            return gr.update(), gr.update(), "", failure("Could not fetch the page", str(error)), "", gr.update(), gr.update()
        facts = " · ".join(value for key, value in article.metadata().items() if key != "title")
        return loaded_article(article, f"Fetched {facts}{removed_note(article)}.", upload=False)

    def describe_preset(self, preset: str) -> tuple[dict, str]:
        """The Arabic-abstract choice and the models panel for a preset."""
        try:
            names = self.summarizer_for(preset).model_names
        except SummarizerError as error:
            return gr.update(), f"*{error}*"
        return gr.update(choices=strategy_choices(names)), models_markdown(names)

    def _save(self, result: BilingualSummary) -> str:
        self.sweeper.maybe_sweep()  # Gradio serves its own copy; ours is needed only until the request ends
        path = Path(self._downloads.name) / f"summary-{uuid.uuid4().hex[:12]}.json"
        path.write_text(result.to_json(), encoding="utf-8")
        return str(path)


def read_text_file(file: Path, max_bytes: int) -> Article:
    """A ``.txt`` upload as it is (the pipeline cleans it like pasted text)."""
    return Article(text=utf8(file))


def read_html_file(file: Path, max_bytes: int) -> Article:
    """A saved web page: its article text, title and removed lines (:func:`summarizer.read_article`)."""
    article = read_article(utf8(file))
    if not article.text.strip():
        raise InputError("No article text was found in this page: paste the article's text instead.")
    return article


def utf8(file: Path) -> str:
    """A file's text; raises InputError if it is not UTF-8."""
    try:
        return file.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError("The file is not UTF-8 text: save it as UTF-8 and upload it again.") from None


# The reader of each file type offered for upload: ``(file, max_bytes) -> Article``, raising InputError
# (its size is checked before). A document reader plugs in here, e.g. ``".pdf": lambda file, max_bytes:
# read_document(file, options={"max_bytes": max_bytes})``.
def read_document_file(file: Path, max_bytes: int) -> Article:
    """A ``.pdf`` or ``.docx`` upload: its text in reading order, title and removed lines (:func:`summarizer.read_document`)."""
    return read_document(file, options={"max_bytes": max_bytes})


READERS: dict[str, Callable[[Path, int], Article]] = {
    ".txt": read_text_file, ".html": read_html_file, ".htm": read_html_file,
    ".pdf": read_document_file, ".docx": read_document_file,
}
UPLOAD_TYPES = tuple(READERS)


def box_text(article: Article) -> str:
    """What the article box shows of an article: its title, then its text (unless the text opens with it)."""
    text = article.text
    first_line = text.lstrip().split("\n", 1)[0]
    if article.title and not same_heading(article.title, first_line):
        text = f"{article.title}\n\n{text}"
    return text


def same_heading(title: str, line: str) -> bool:
    """Whether a line is the page's title as the article repeats it.

    Compared on letters and digits only, without tatweel (the cleaning drops
    it: a title's "لـ«الصباح»" is "ل«الصباح»" in the text), one a prefix of the
    other (a title often ends with " | Site name").
    """
    def letters(text: str) -> str:
        return "".join(ch for ch in text.replace("\u0640", "") if ch.isalnum()).casefold()

    a, b = letters(title), letters(line)
    shorter = min(len(a), len(b))
    return shorter >= 10 and a[:shorter] == b[:shorter]


def removed_note(article: Article) -> str:
    """", N lines of page furniture removed" when an article has removed lines."""
    count = len(article.removed_lines)
    return f"; {count} line(s) of page furniture removed (listed under \"Lines removed\")" if count else ""


def loaded_article(article: Article, note: str, *, upload: bool) -> tuple:
    """The :data:`LOAD_OUTPUTS` for an article read from an upload or a page."""
    shown = box_text(article)
    message = f'<p class="status done" role="status">{html.escape(note)}</p>'
    lines = article.removed_lines
    return (
        shown, {"shown": shown, "article": article}, message if upload else "", "" if upload else message, "",
        gr.update(visible=bool(lines), label=f"Lines removed from the page ({len(lines)})"), "\n".join(lines),
    )


def failure(what: str, why: str) -> str:
    """A message next to the control that failed, saying what failed, why, and that the text is safe."""
    return (
        f'<p class="status error" role="alert"><strong>{html.escape(what)}:</strong> {html.escape(why)}'
        " The article box is unchanged.</p>"
    )


def waiting(ahead: int) -> str:
    """The status of a request waiting in line."""
    return f"Waiting: number {ahead + 1} in line…"


class RunScreen:
    """The result area of the page (:data:`RUN_OUTPUTS`) at each moment of a run, as a tuple for Gradio."""

    def __init__(self):
        self.english, self.arabic, self.rows, self.said = "", "", {}, "Starting…"

    def _status(self, text: str, kind: str) -> str:
        role = "alert" if kind == "error" else "status"
        return f'<p class="status {kind}" role="{role}">{html.escape(text)}</p>'

    def working(self, text: str) -> tuple:
        self.said = text
        pending = f'<p class="pending">{html.escape(text)}</p>'
        english = abstract_text_view(self.english, "en") if self.english else pending
        arabic = abstract_text_view(self.arabic, "ar") if self.arabic else pending
        table = preview_table(self.rows) if self.rows else ""
        return (
            gr.update(value="Summarizing…", interactive=False), self._status(text, "working"), "", "",
            english, arabic, "", "", table, "", gr.update(value=None, visible=False), gr.update(visible=False), "",
        )

    def preview(self, kind: str, payload: object) -> tuple:
        if kind == "translation":  # the table fills in; the status keeps the last stage's words
            self.rows.update(payload)
            return self.working(self.said)
        if kind == "english":
            self.english = str(payload)
            return self.working("English abstract written; writing the Arabic one…")
        self.arabic = str(payload)
        return self.working("Both abstracts written; checking their facts…")

    def failed(self, message: str, title: str = "Could not summarize") -> tuple:
        status = (f'<p class="status error" role="alert"><strong>{html.escape(title)}:</strong> '
                  f"{html.escape(message)}</p>")
        return (gr.update(value="Summarize", interactive=True), status, "", "", "", "", "", "", "", "",
                gr.update(value=None, visible=False), gr.update(visible=False), "")

    def done(self, result: BilingualSummary, json_path: str) -> tuple:
        english_view, arabic_view = abstract_views(result)
        seconds = result.timings.get("total")
        took = f" in {seconds:.0f} s" if seconds else ""
        lines = result.removed_lines
        return (
            gr.update(value="Summarize", interactive=True),
            self._status(f"Done{took}: {len(result.sentences)} sentences summarized.", "done"), "", "",
            english_view, arabic_view, result.english_abstract, result.arabic_abstract, sentence_table(result),
            checks_html(result), gr.update(value=json_path, visible=True),
            gr.update(visible=bool(lines), label=f"Lines removed from the page ({len(lines)})"), "\n".join(lines),
        )


def build_demo(
    summarizer: BilingualSummarizer,
    *,
    examples_dir: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    concurrency_limit: int = 1,
    max_queue: int = DEFAULT_MAX_QUEUE,
    max_upload: int = DEFAULT_MAX_UPLOAD,
    file_lifetime: int = DEFAULT_FILE_LIFETIME,
    sweep_dirs: Sequence[str | os.PathLike[str]] = (),
    allow_private_urls: bool = False,
) -> gr.Blocks:
    """The demo page, queued, ready to ``launch()``.

    Launch it with ``max_file_size=max_upload`` (as :func:`main` does) so that
    Gradio refuses larger uploads before it writes them to disk.

    Args:
        summarizer: Summarizes with the preset shown first; the other presets
            keep its model overrides.
        examples_dir: A folder whose ``.txt`` files are added to the examples.
        max_chars: The longest article accepted; longer ones get an error naming the limit.
        concurrency_limit: Articles summarized at once (they share the models).
        max_queue: Requests that may wait for their turn; further ones are told
            the demo is busy and to try again in a minute.
        max_upload: The largest upload read, in bytes.
        file_lifetime: Seconds after which result downloads and uploads are
            deleted (checked every ``file_lifetime / 4`` seconds, at most every 10 minutes).
        sweep_dirs: Folders of the demo's own to clean as well: Gradio's cache
            folder (``GRADIO_TEMP_DIR``) when no other program uses it, as :func:`main` makes it.
        allow_private_urls: Let the URL field fetch from loopback and private addresses.

    Returns:
        The :class:`gradio.Blocks`.

    Raises:
        ValueError: If ``concurrency_limit`` or ``file_lifetime`` is under 1, or ``max_queue`` under 0.
    """
    if file_lifetime < 1:
        raise ValueError(f"file_lifetime must be at least 1 second, not {file_lifetime}.")
    app = DemoApp(
        summarizer, max_chars, concurrency=concurrency_limit, max_queue=max_queue, max_upload=max_upload,
        file_lifetime=file_lifetime, sweep_dirs=sweep_dirs, allow_private_urls=allow_private_urls,
    )
    examples = load_examples(examples_dir)
    delete_cache = (app.sweep_every, file_lifetime)
    names = summarizer.model_names
    with gr.Blocks(title="Bilingual summarizer", analytics_enabled=False, delete_cache=delete_cache) as demo:
        gr.HTML(f"<style>{PAGE_CSS}</style><h1>Arabic article → English and Arabic abstracts</h1>")
        with gr.Row(elem_classes="stack"):
            with gr.Column(scale=3, min_width=300):
                article = gr.Textbox(
                    label="Arabic article (text or HTML)", placeholder="الصق نص المقال هنا", lines=10,
                    max_lines=20, rtl=True, elem_id="article",
                )
                loaded = gr.State()
                with gr.Accordion("Lines removed from the page", open=False, visible=False) as removed_panel:
                    removed = gr.Textbox(
                        label="Removed lines", show_label=False, lines=6, max_lines=12, interactive=False,
                        elem_id="removed-lines",
                    )
                upload = gr.UploadButton(
                    f"Upload a file ({', '.join(UPLOAD_TYPES)})", file_types=list(UPLOAD_TYPES), elem_id="upload",
                    variant="secondary",
                )
                upload_status = gr.HTML(elem_id="upload-status")
                with gr.Row(elem_classes="stack"):
                    url = gr.Textbox(label="Or fetch a page", placeholder="https://", scale=4, elem_id="url")
                    fetch = gr.Button("Fetch", scale=1, elem_id="fetch", min_width=100)
                fetch_status = gr.HTML(elem_id="fetch-status")
            with gr.Column(scale=2, min_width=300):
                preset = gr.Radio(
                    preset_choices(app.presets), value=summarizer.preset, label="Speed and quality",
                    interactive=len(app.presets) > 1, elem_id="preset",
                )
                strategy = gr.Radio(strategy_choices(names), value="translate", label="Arabic abstract", elem_id="strategy")
                length = gr.Radio(
                    [(name.capitalize(), name) for name in LENGTHS], value="medium", label="Length", elem_id="length"
                )
                button = gr.Button("Summarize", variant="primary", elem_id="summarize")
                status = gr.HTML(elem_id="status")
                with gr.Accordion("Models used", open=False):
                    models = gr.Markdown(models_markdown(names), elem_id="models")
        gr.Examples([[text] for text in examples.values()], inputs=article, example_labels=list(examples))
        linked_html(LEGEND, elem_id="legend")
        with gr.Row(elem_classes="stack"):
            with gr.Column(min_width=300):
                english_view = linked_html(label="English abstract", elem_id="english-abstract", **VIEW)
            with gr.Column(min_width=300):
                arabic_view = linked_html(label="Arabic abstract", elem_id="arabic-abstract", **VIEW)
        with gr.Accordion("The abstracts as plain text, to copy", open=False):
            with gr.Row(elem_classes="stack"):
                english = gr.Textbox(
                    label="English abstract", lines=4, interactive=False, buttons=["copy"], elem_id="english-text"
                )
                arabic = gr.Textbox(  # right-to-left by CSS: rtl=True would put the label under the copy icon
                    label="Arabic abstract", lines=4, interactive=False, buttons=["copy"], elem_id="arabic-text",
                )
        with gr.Accordion("The translation, sentence by sentence", open=True):
            sentences = linked_html(label="The translation, sentence by sentence", elem_id="sentences")
        checks = gr.HTML(label="Checks", elem_id="checks")
        save = gr.DownloadButton("Download the whole result (JSON)", visible=False, elem_id="result-json")
        # The API's own outputs, never shown: the warnings as text, the JSON as a file.
        warnings = gr.Textbox(label="Warnings", visible=False)
        download = gr.File(label="The whole result (JSON)", visible=False)

        parts = {
            "article": article, "loaded": loaded, "upload_status": upload_status, "fetch_status": fetch_status,
            "status": status, "removed_panel": removed_panel, "removed": removed, "button": button,
            "english_view": english_view, "arabic_view": arabic_view, "english": english, "arabic": arabic,
            "sentences": sentences, "checks": checks, "save": save,
        }
        load_outputs = [parts[name] for name in LOAD_OUTPUTS]
        upload.upload(app.load_upload, upload, load_outputs, api_visibility="private", show_progress_on=upload_status)
        for trigger in (fetch.click, url.submit):
            # The button says it is fetching and cannot be pressed twice; load_url reports failures, never raises.
            trigger(lambda: gr.update(value="Fetching…", interactive=False), None, fetch, api_visibility="private",
                    queue=False).then(
                app.load_url, url, load_outputs, api_visibility="private", show_progress_on=fetch_status,
            ).then(lambda: gr.update(value="Fetch", interactive=True), None, fetch, api_visibility="private",
                   queue=False)
        preset.change(app.describe_preset, preset, [strategy, models], api_visibility="private")
        run_outputs = [parts[name] for name in RUN_OUTPUTS]
        # The status under the button comes into view (on a phone the button sits at the bottom of the screen).
        button.click(None, js=SHOW_STATUS_JS)
        button.click(
            app.run, [article, loaded, preset, strategy, length], run_outputs, api_visibility="private",
            # Every request reaches the handler at once: app.line, not Gradio's queue, makes it wait
            # or refuses it, so that the refusal says "busy, try again in a minute".
            concurrency_limit=None, show_progress="hidden",
        )
        # The API, apart from the page (whose run streams the whole result area): the plain
        # outputs, errors as gr.Error. A hidden button carries it; the page never clicks it.
        api = gr.Button("API", visible=False)
        api.click(
            app.summarize, [article, preset, strategy, length], [english, arabic, sentences, warnings, download],
            api_name="summarize", concurrency_limit=None,
        )
    # Gradio's own bound is only a backstop (its message is a bare "queue is full"): the
    # summaries do not wait there, the quick events (uploads, views) hardly do.
    return demo.queue(max_size=2 * (concurrency_limit + max_queue) + 16, default_concurrency_limit=concurrency_limit)


def describe(stage: str, done: int, total: int) -> tuple[float, str]:
    """The progress bar's value and text for a progress report of the library."""
    start, end = STAGES.get(stage, (0.0, 1.0))
    value = start + (end - start) * min(done / total, 1.0) if total else start
    if stage == "translating":
        return value, f"Translating: {done} of {total} sentences…"
    if stage == "summarizing":
        return value, f"Writing the English abstract (pass {done})…"
    if stage == "cleaning":
        return value, "Reading the article…"
    return value, f"{stage[0].upper()}{stage[1:]}…"


def too_long(size: int, limit: int) -> str:
    """The message for an article over the size limit."""
    return (
        f"The article has {size:,} characters; this demo accepts at most {limit:,} characters. Shorten it or split it."
    )


def too_big(size: int, limit: int) -> str:
    """The message for an upload over the size limit."""
    return (
        f"The file has {size / 1e6:.1f} MB; this demo reads files up to {limit / 1e6:.1f} MB."
        " Upload the article's text, or its page saved without images."
    )


def busy(line: Line) -> str:
    """The message for a request refused because the line is full."""
    return BUSY.format(f"{line.holders} being summarized, {line.waiting} waiting")


def build_parser() -> argparse.ArgumentParser:
    """The demo's command line."""
    parser = argparse.ArgumentParser(prog="summarizer-demo", description="Web demo of the bilingual summarizer.")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: this machine only)")
    parser.add_argument("--port", type=int, help="port (default: 7860 or the next free one)")
    add_model_arguments(parser)
    parser.add_argument("--examples", metavar="DIR", help="add every .txt file of this folder to the examples")
    parser.add_argument("--max-chars", type=int, default=DEFAULT_MAX_CHARS, help="longest article accepted")
    parser.add_argument(
        "--concurrency", type=positive, default=1, metavar="N", help="articles summarized at once (default: 1)"
    )
    parser.add_argument(
        "--max-queue", type=non_negative, default=DEFAULT_MAX_QUEUE, metavar="N",
        help=f"requests that may wait their turn; more are told to try again in a minute (default: {DEFAULT_MAX_QUEUE})",
    )
    parser.add_argument(
        "--max-upload", type=positive_float, default=DEFAULT_MAX_UPLOAD / 1e6, metavar="MB",
        help=f"largest file accepted for upload, in MB (default: {DEFAULT_MAX_UPLOAD / 1e6:g})",
    )
    parser.add_argument(
        "--keep-files", type=positive, default=DEFAULT_FILE_LIFETIME // 60, metavar="MINUTES",
        help=f"delete result downloads and uploads this old (default: {DEFAULT_FILE_LIFETIME // 60})",
    )
    parser.add_argument("--share", action="store_true", help="also publish a temporary public gradio.live link")
    parser.add_argument("--allow-private-urls", action="store_true",
                        help="let the URL field fetch from loopback and private addresses (refused by default)")
    parser.add_argument("--no-preload", dest="preload", action="store_false",
                        help="load the models on the first request instead of while the page starts")
    parser.add_argument("--debug", action="store_true", help="debug logs, and error details in the page")
    return parser


def positive_float(value: str) -> float:
    """An argparse type: a number above 0."""
    number = float(value)
    if not number > 0:
        raise argparse.ArgumentTypeError(f"must be above 0, not {value}")
    return number


def non_negative(value: str) -> int:
    """An argparse type: an integer of at least 0."""
    number = int(value)
    if number < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, not {number}")
    return number


def exposure(host: str, share: bool, concurrency: int, max_queue: int) -> str | None:
    """The line logged when the demo is served beyond this machine, or None when it is not."""
    try:
        local = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:  # a host name: assume it is reachable from elsewhere
        local = False
    reach = []
    if not local:
        where = "every network interface" if host in ("0.0.0.0", "::") else host
        reach.append(f"listening on {where}: anyone who can reach this machine can use the page and its /summarize API")
    if share:
        reach.append("a public gradio.live link: anyone on the internet who has it can use the page and its API")
    if not reach:
        return None
    return (
        f"Exposed: {'; '.join(reach)} (no login; {concurrency} summarized at once, {max_queue} waiting, the rest"
        " told they are busy)."
    )


def preload(summarizer: BilingualSummarizer) -> None:
    """Load the models and word lists now (:meth:`BilingualSummarizer.load`); a failure is logged, not raised.

    The page shows the same error to the first request, which tries again.
    """
    started = time.perf_counter()
    try:
        summarizer.load()
    except Exception as error:  # noqa: BLE001 - logged for the operator, shown again to the first request
        logger.warning("preloading the models failed (the first request will try again): %s", error)
    else:
        logger.info("models and word lists loaded in %.1f s", time.perf_counter() - started)


def main(argv: list[str] | None = None) -> int:
    """Launch the demo from the command line; returns the exit code."""
    args = build_parser().parse_args(argv)
    quiet_libraries(args.debug)
    own_cache = []
    if not os.environ.get("GRADIO_TEMP_DIR"):  # a cache folder of its own, so that it can be swept
        os.environ["GRADIO_TEMP_DIR"] = tempfile.mkdtemp(prefix="summarizer-demo-gradio-")
        own_cache.append(os.environ["GRADIO_TEMP_DIR"])
        atexit.register(shutil.rmtree, own_cache[0], ignore_errors=True)
    try:
        summarizer = make_summarizer(args)
        demo = build_demo(
            summarizer, examples_dir=args.examples, max_chars=args.max_chars,
            concurrency_limit=args.concurrency, max_queue=args.max_queue, max_upload=int(args.max_upload * 1e6), file_lifetime=args.keep_files * 60,
            sweep_dirs=own_cache,
            allow_private_urls=args.allow_private_urls,
        )
    except (SummarizerError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if (line := exposure(args.host, args.share, args.concurrency, args.max_queue)) is not None:
        logger.warning(line)
    if args.preload:  # the first visitor then waits for the summary only; a request meanwhile waits for the load
        threading.Thread(target=preload, args=(summarizer,), name="summarizer-preload", daemon=True).start()
    demo.launch(
        server_name=args.host, server_port=args.port, share=args.share, show_error=args.debug,
        max_file_size=int(args.max_upload * 1e6),
    )
    return 0
