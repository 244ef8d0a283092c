"""The Gradio demo: an Arabic article in, an English and an Arabic abstract out.

:func:`build_demo` wires the page to one handler that calls
:meth:`summarizer.BilingualSummarizer.summarize`; :func:`main` reads the command
line (the model flags of ``summarizer summarize``, plus ``--host``, ``--port``,
``--examples``, ``--share``) and launches it: ``python -m demo`` or
``summarizer-demo``.

The page takes the article typed, pasted, uploaded (``.txt`` or ``.html``,
which the library cleans) or picked from the examples, with a preset, the
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
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
import threading
import uuid
from pathlib import Path

import gradio as gr

from summarizer import PRESETS, BilingualSummarizer, BilingualSummary, InputError, SummarizerError
from summarizer.cli import add_model_arguments, make_summarizer, quiet_libraries
from summarizer.options import LENGTHS

from .examples import load_examples
from .views import abstract_views, linked_html, sentence_table

DEFAULT_MAX_CHARS = 200_000
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
    """What the page's handlers share: one summarizer per preset (built on first use) and a download folder.

    Args:
        summarizer: The summarizer of the preset shown first; the other presets
            keep its model overrides (``BilingualSummarizer.with_preset``).
        max_chars: The longest text accepted, in characters.
    """

    def __init__(self, summarizer: BilingualSummarizer, max_chars: int = DEFAULT_MAX_CHARS):
        self.summarizers = {summarizer.preset: summarizer}
        # fast-cpu needs the optional ctranslate2; offer it only where it is installed.
        has_ct2 = importlib.util.find_spec("ctranslate2") is not None
        self.presets = [name for name, p in PRESETS.items() if p.backend != "ctranslate2" or has_ct2]
        self.max_chars = max_chars
        self._lock = threading.Lock()
        self._downloads = tempfile.TemporaryDirectory(prefix="summarizer-demo-")  # removed with the app

    def summarizer_for(self, preset: str) -> BilingualSummarizer:
        """The summarizer of a preset, built on first use (its models load on first use too)."""
        with self._lock:
            if preset not in self.summarizers:
                if preset not in self.presets:
                    raise InputError(f"Unknown preset {preset!r}: choose one of {', '.join(self.presets)}.")
                self.summarizers[preset] = self.summarizers[next(iter(self.summarizers))].with_preset(preset)
            return self.summarizers[preset]

    def summarize(
        self, text: str, preset: str, strategy: str, length: str, progress: gr.Progress = gr.Progress()
    ) -> tuple[str, str, str, str, str, BilingualSummary]:
        """Both abstracts, the sentence table, the warnings, the JSON file, and the result for the sentence views."""
        try:
            if len(text or "") > self.max_chars:
                raise InputError(too_long(len(text), self.max_chars))
            result = self.summarizer_for(preset).summarize(
                text or "", strategy=strategy, length=length, max_input_chars=self.max_chars,
                progress=lambda stage, done, total: progress(*describe(stage, done, total)),
            )
        except SummarizerError as error:
            raise gr.Error(str(error)) from None
        warnings = "\n".join(f"• {w}" for w in result.warnings) or "none"
        table = sentence_table(result)
        return result.english_abstract, result.arabic_abstract, table, warnings, self._save(result), result

    def read_upload(self, path: str) -> str:
        """The text of an uploaded file, for the article box."""
        data = Path(path).read_bytes()
        if len(data) > 4 * self.max_chars:  # cheap bound before decoding; 4 bytes per character at most
            raise gr.Error(too_long(len(data), self.max_chars, unit="bytes"))
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise gr.Error("The file is not UTF-8 text: save it as UTF-8 and upload it again.") from None
        if len(text) > self.max_chars:
            raise gr.Error(too_long(len(text), self.max_chars))
        return text

    def describe_preset(self, preset: str) -> str:
        """The models of a preset, as Markdown."""
        names = self.summarizer_for(preset).model_names
        return "\n".join(f"- {role.replace('_', ' ')}: `{name}`" for role, name in names.items())

    def _save(self, result: BilingualSummary) -> str:
        path = Path(self._downloads.name) / f"summary-{uuid.uuid4().hex[:12]}.json"
        path.write_text(result.to_json(), encoding="utf-8")
        return str(path)


def build_demo(
    summarizer: BilingualSummarizer,
    *,
    examples_dir: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    concurrency_limit: int = 1,
) -> gr.Blocks:
    """The demo page, queued, ready to ``launch()``.

    Args:
        summarizer: Summarizes with the preset shown first; the other presets
            keep its model overrides.
        examples_dir: A folder whose ``.txt`` files are added to the examples.
        max_chars: The longest article accepted; longer ones get an error naming the limit.
        concurrency_limit: Requests summarized at once (they share the models);
            the others wait in the queue.

    Returns:
        The :class:`gradio.Blocks`.
    """
    app = DemoApp(summarizer, max_chars)
    examples = load_examples(examples_dir)
    with gr.Blocks(title="Bilingual summarizer", analytics_enabled=False) as demo:
        gr.Markdown("## Arabic article → English and Arabic abstracts")
        with gr.Row():
            with gr.Column(scale=3):
                article = gr.Textbox(
                    label="Arabic article (text or HTML)", placeholder="الصق نص المقال هنا", lines=10,
                    max_lines=20, rtl=True, elem_id="article",
                )
                upload = gr.File(
                    label="…or upload a .txt or .html file", file_types=[".txt", ".html", ".htm"], height=120
                )
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
        preset.change(app.describe_preset, preset, models, api_visibility="private")
        button.click(
            app.summarize, [article, preset, strategy, length], [english, arabic, sentences, warnings, download, shown],
            api_name="summarize", concurrency_limit=concurrency_limit,
        ).success(abstract_views, shown, views, api_visibility="private")
    return demo.queue(default_concurrency_limit=concurrency_limit)


def describe(stage: str, done: int, total: int) -> tuple[float, str]:
    """The progress bar's value and text for a progress report of the library."""
    start, end = STAGES.get(stage, (0.0, 1.0))
    value = start + (end - start) * min(done / total, 1.0) if total else start
    if stage == "translating":
        return value, f"translating: {done}/{total} sentences"
    if stage == "summarizing":
        return value, f"summarizing: pass {done}"
    return value, stage


def too_long(size: int, limit: int, unit: str = "characters") -> str:
    """The message for an article over the size limit."""
    return f"The article has {size:,} {unit}; this demo accepts at most {limit:,} characters. Shorten it or split it."


def build_parser() -> argparse.ArgumentParser:
    """The demo's command line."""
    parser = argparse.ArgumentParser(prog="summarizer-demo", description="Web demo of the bilingual summarizer.")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: this machine only)")
    parser.add_argument("--port", type=int, help="port (default: 7860 or the next free one)")
    add_model_arguments(parser)
    parser.add_argument("--examples", metavar="DIR", help="add every .txt file of this folder to the examples")
    parser.add_argument("--max-chars", type=int, default=DEFAULT_MAX_CHARS, help="longest article accepted")
    parser.add_argument("--concurrency", type=int, default=1, help="requests summarized at once (default: 1)")
    parser.add_argument("--share", action="store_true", help="also publish a temporary public gradio.live link")
    parser.add_argument("--debug", action="store_true", help="debug logs, and error details in the page")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Launch the demo from the command line; returns the exit code."""
    args = build_parser().parse_args(argv)
    quiet_libraries(args.debug)
    try:
        demo = build_demo(
            make_summarizer(args), examples_dir=args.examples, max_chars=args.max_chars, concurrency_limit=args.concurrency,
        )
    except (SummarizerError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    demo.launch(server_name=args.host, server_port=args.port, share=args.share, show_error=args.debug)
    return 0
