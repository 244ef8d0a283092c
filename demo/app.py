"""The Gradio demo: an Arabic article in, an English and an Arabic abstract out.

:func:`build_demo` wires the page to one handler that calls
:meth:`summarizer.BilingualSummarizer.summarize`; :func:`main` reads the command
line (the model flags of ``summarizer summarize``, plus ``--host``, ``--port``,
``--examples``, ``--share`` and the limits below) and launches it:
``python -m demo`` or ``summarizer-demo``.

The page takes the article typed, pasted, uploaded (``.txt`` or ``.html``, or a
``.pdf`` or ``.docx`` read by :func:`summarizer.read_document`,
which the library cleans), fetched from a URL (:func:`summarizer.fetch_article`;
the server refuses loopback and private addresses unless started with
``--allow-private-urls``) or picked from the examples, with a preset, the
Arabic-abstract strategy and the length. It shows both abstracts, the
translation sentence by sentence, the warnings, and the whole result as a JSON
file. The abstracts are shown sentence by sentence (:mod:`demo.views`):
hovering or clicking a sentence highlights its source sentences in the table,
and the numbers, dates and names that the source does not support are marked;
the plain text of both abstracts is in a folded section, to copy. The click is
also the named API endpoint ``/summarize`` for ``gradio_client``: it returns
the two abstracts as text, the table's HTML, the warnings and the JSON file
(the sentence views come from a second, private step). User mistakes (empty
or oversized text, a model that cannot be loaded) come back as ``gr.Error``
messages. Nothing runs at import; models load on the first request that needs
them.

Served to many, the demo stays bounded (:class:`DemoApp`): ``concurrency``
articles are summarized at once, ``max_queue`` more wait in a line
(:class:`demo.line.Line`) and the next get "busy, try again in a minute", in the
page and through the API; uploads are capped (``max_upload`` bytes, refused by
Gradio before they reach the disk when launched with ``max_file_size``) and
only ``.txt``/``.html``/``.pdf``/``.docx`` files are read; result downloads and uploads are
deleted once they are ``file_lifetime`` seconds old (Gradio's
``delete_cache``, and :class:`demo.files.Sweeper` for the demo's own folders:
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
import ipaddress
import logging
import os
import shutil
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import gradio as gr

from summarizer import PRESETS, BilingualSummarizer, BilingualSummary, InputError, SummarizerError, fetch_article, read_document
from summarizer.cli import add_model_arguments, make_summarizer, quiet_libraries
from summarizer.options import LENGTHS
from summarizer.text.inputs import input_limit

from .examples import load_examples
from .files import Sweeper
from .line import Line, LineFull
from .views import abstract_views, linked_html, sentence_table

logger = logging.getLogger("summarizer.demo")

DEFAULT_MAX_CHARS = 200_000
DEFAULT_MAX_QUEUE = 8
DEFAULT_MAX_UPLOAD = 5_000_000  # bytes: a long news page with its markup is well under 1 MB
DEFAULT_FILE_LIFETIME = 3600  # seconds a result download or an upload is kept
UPLOAD_TYPES = (".txt", ".html", ".htm", ".pdf", ".docx")
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


def direct_label() -> str:
    """The "direct" choice's label: which presets' direct summarizer may be used commercially."""
    from summarizer.presets import MODEL_CARDS, NON_COMMERCIAL

    presets: dict[str, list[str]] = {}
    for preset_name, preset in PRESETS.items():
        presets.setdefault(preset.direct_summarizer, []).append(preset_name)
    parts = []
    for model, names in presets.items():
        card = MODEL_CARDS.get(model)
        terms = ("non-commercial only" if model in NON_COMMERCIAL
                 else f"{card.licence}, commercial use OK" if card else "check its licence")
        parts.append(f"{'/'.join(names)}: {model.split('/')[-1]}, {terms}")
    return f"summarize the Arabic directly ({'; '.join(parts)})"


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
        self.presets = list(PRESETS)
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
    ) -> tuple[str, str, str, str, str, BilingualSummary]:
        """Both abstracts, the sentence table, the warnings, the JSON file, and the result for the sentence views.

        The request waits in :attr:`line` for a place (the progress bar says how
        many are ahead), or is refused with "busy, try again in a minute" when
        the line is full.
        """
        limit = input_limit(text or "", self.max_chars)  # a whole HTML page may be larger; its article may not
        if len(text or "") > limit:  # refused before it waits
            raise gr.Error(too_long(len(text), limit))
        try:
            async with self.line.place(lambda ahead: progress(0.0, desc=f"waiting: number {ahead + 1} in line")):
                work = functools.partial(self._summarize, text or "", preset, strategy, length, progress)
                return await asyncio.get_running_loop().run_in_executor(
                    self._workers, contextvars.copy_context().run, work  # the progress bar lives in the context
                )
        except LineFull:
            logger.warning("busy: refused a request (%d summarizing, %d waiting)", self.line.holders, self.line.waiting)
            raise gr.Error(busy(self.line), title="Busy", print_exception=False) from None

    def _summarize(
        self, text: str, preset: str, strategy: str, length: str, progress: gr.Progress
    ) -> tuple[str, str, str, str, str, BilingualSummary]:
        try:
            result = self.summarizer_for(preset).summarize(
                text, strategy=strategy, length=length, max_input_chars=self.max_chars,
                progress=lambda stage, done, total: progress(*describe(stage, done, total)),
            )
        except SummarizerError as error:
            raise gr.Error(str(error)) from None
        warnings = "\n".join(f"• {w}" for w in result.warnings) or "none"
        table = sentence_table(result)
        return result.english_abstract, result.arabic_abstract, table, warnings, self._save(result), result

    def read_upload(self, path: str) -> str:
        """The text of an uploaded ``.txt``, ``.html``, ``.pdf`` or ``.docx`` file, for the article box."""
        self.sweeper.maybe_sweep()
        file = Path(path)
        if file.suffix.lower() not in UPLOAD_TYPES:
            raise gr.Error(f"Only {', '.join(UPLOAD_TYPES)} files are read: save the article as text or HTML.")
        size = file.stat().st_size
        if size > self.max_upload:  # Gradio refuses these first when launched with max_file_size
            raise gr.Error(too_big(size, self.max_upload))
        if file.suffix.lower() in (".pdf", ".docx"):
            try:
                text = read_document(file, options={"max_bytes": self.max_upload}).text
            except InputError as error:
                raise gr.Error(str(error)) from None
            if len(text) > self.max_chars:
                raise gr.Error(too_long(len(text), self.max_chars))
            return text
        try:
            text = file.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise gr.Error("The file is not UTF-8 text: save it as UTF-8 and upload it again.") from None
        if len(text) > input_limit(text, self.max_chars):
            raise gr.Error(too_long(len(text), input_limit(text, self.max_chars)))
        return text

    def read_url(self, url: str) -> tuple[str, str]:
        """The article of a page, for the article box (its title first), and a note on what was fetched."""
        try:
            article = fetch_article(url or "", allow_private_addresses=self.allow_private_urls)
        except SummarizerError as error:
            raise gr.Error(str(error)) from None
        text = article.text
        if article.title and not text.startswith(article.title):
            text = f"{article.title}\n\n{text}"
        if len(text) > self.max_chars:
            raise gr.Error(too_long(len(text), self.max_chars))
        facts = " · ".join(value for key, value in article.metadata().items() if key != "title")
        note = f"Fetched {facts}: {len(article.removed_lines)} line(s) of page furniture removed."
        return text, note

    def describe_preset(self, preset: str) -> str:
        """The models of a preset, as Markdown."""
        names = self.summarizer_for(preset).model_names
        return "\n".join(f"- {role.replace('_', ' ')}: `{name}`" for role, name in names.items())

    def _save(self, result: BilingualSummary) -> str:
        self.sweeper.maybe_sweep()  # Gradio serves its own copy; ours is needed only until the request ends
        path = Path(self._downloads.name) / f"summary-{uuid.uuid4().hex[:12]}.json"
        path.write_text(result.to_json(), encoding="utf-8")
        return str(path)


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
    with gr.Blocks(title="Bilingual summarizer", analytics_enabled=False, delete_cache=delete_cache) as demo:
        gr.Markdown("## Arabic article → English and Arabic abstracts")
        with gr.Row():
            with gr.Column(scale=3):
                article = gr.Textbox(
                    label="Arabic article (text or HTML)", placeholder="الصق نص المقال هنا", lines=10,
                    max_lines=20, rtl=True, elem_id="article",
                )
                upload = gr.File(
                    label="…or upload a .txt, .html, .pdf or .docx file", file_types=list(UPLOAD_TYPES), height=120,
                    elem_id="upload",
                )
                with gr.Row():
                    url = gr.Textbox(label="…or fetch a page", placeholder="https://", scale=4, elem_id="url")
                    fetch = gr.Button("Fetch", scale=1, elem_id="fetch")
                fetched = gr.Markdown(elem_id="fetched")
            with gr.Column(scale=1):
                preset = gr.Dropdown(
                    app.presets, value=summarizer.preset, label="Preset", interactive=len(app.presets) > 1
                )
                models = gr.Markdown(app.describe_preset(summarizer.preset))
                strategy = gr.Radio(
                    [
                        ("translate the English abstract", "translate"),
                        (direct_label(), "direct"),
                    ],
                    value="translate", label="Arabic abstract",
                )
                length = gr.Radio(list(LENGTHS), value="medium", label="Length")
                button = gr.Button("Summarize", variant="primary", elem_id="summarize")
        gr.Examples([[text] for text in examples.values()], inputs=article, example_labels=list(examples))
        gr.Markdown(
            "Hover over or click a sentence of an abstract to highlight its source sentences in the table below."
            " Numbers, dates and names that the source does not support are marked: hover over them for why."
        )
        with gr.Row():
            views = [
                linked_html(label="English abstract", elem_id="english-abstract", **VIEW),
                linked_html(label="الملخص العربي", elem_id="arabic-abstract", **VIEW),
            ]
        with gr.Accordion("The abstracts as plain text", open=False):
            with gr.Row():
                english = gr.Textbox(
                    label="English abstract", lines=4, interactive=False, buttons=["copy"], elem_id="english-text"
                )
                arabic = gr.Textbox(
                    label="الملخص العربي", lines=4, interactive=False, rtl=True, buttons=["copy"],
                    elem_id="arabic-text",
                )
        with gr.Accordion("The translation, sentence by sentence", open=True):
            sentences = linked_html(elem_id="sentences")
        shown = gr.State()
        warnings = gr.Textbox(label="Warnings", lines=2, interactive=False, elem_id="warnings")
        download = gr.File(label="The whole result (JSON)", elem_id="result-json")

        upload.upload(app.read_upload, upload, article, api_visibility="private")
        for trigger in (fetch.click, url.submit):
            trigger(app.read_url, url, [article, fetched], api_visibility="private")
        preset.change(app.describe_preset, preset, models, api_visibility="private")
        button.click(
            app.summarize, [article, preset, strategy, length], [english, arabic, sentences, warnings, download, shown],
            # Every request reaches the handler at once: app.line, not Gradio's queue, makes it wait
            # or refuses it, so that the refusal says "busy, try again in a minute".
            api_name="summarize", concurrency_limit=None,
        ).success(abstract_views, shown, views, api_visibility="private")
    # Gradio's own bound is only a backstop (its message is a bare "queue is full"): the
    # summaries do not wait there, the quick events (uploads, views) hardly do.
    return demo.queue(max_size=2 * (concurrency_limit + max_queue) + 16, default_concurrency_limit=concurrency_limit)


def describe(stage: str, done: int, total: int) -> tuple[float, str]:
    """The progress bar's value and text for a progress report of the library."""
    start, end = STAGES.get(stage, (0.0, 1.0))
    value = start + (end - start) * min(done / total, 1.0) if total else start
    if stage == "translating":
        return value, f"translating: {done}/{total} sentences"
    if stage == "summarizing":
        return value, f"summarizing: pass {done}"
    return value, stage


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


def positive(value: str) -> int:
    """An argparse type: an integer of at least 1."""
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {number}")
    return number


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
