"""The web demo under load, with tiny models on loopback: ``python benchmarks/demo_load.py``.

Three measurements, each printed as a table:

* **burst**: ``--burst`` concurrent ``/summarize`` calls through
  ``gradio_client`` against one article summarized at once and ``--queue``
  waiting. Contenders: **line** (the demo as shipped: its own bounded line,
  "busy, try again in a minute"), **gradio queue** (the same handler bounded
  by Gradio's ``queue(max_size=...)`` alone), **unbounded** (the demo before:
  no bound). For each: answers with a result, with the busy message, with
  another error, the slowest answer, and what a refused client is told.
* **upload**: a ``--upload-mb`` MB file posted to the upload endpoint, with
  the demo's cap (``max_file_size``) and without one.
* **files**: ``--requests`` sequential requests, each an upload then a
  summary, files kept 2 seconds: the files and folders left under the demo's
  temporary folders after the run (and 3.5 s later), and the server process's
  resident memory. Contenders: **demo sweeps** (as :func:`summarizer_demo.app.main`
  runs it: Gradio's ``delete_cache`` and the demo's sweeps of its download
  folder and of its own Gradio cache folder), **delete_cache + downloads
  swept** (``build_demo`` on a shared Gradio cache: the demo sweeps only its
  download folder), **none** (the demo before: no cleanup).

The article is the web-pasted sample of the shared data when present, else a
built-in example. Tiny random models make a summary take about a second
here, so this measures the server, not the models.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import platform
import socket
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO.parent / "shared" / "samples" / "news_morocco_us_security.ar.txt"
FAST = {"translation": {"num_beams": 1}, "summary": {"num_beams": 1}}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def gradio_queue_demo(summarizer, max_queue: int):
    """The same work, bounded by Gradio's queue alone (what the demo would be with max_size only)."""
    import gradio as gr

    def summarize(text: str, preset: str, strategy: str, length: str):
        result = summarizer.summarize(text, strategy=strategy, length=length)
        return result.english_abstract, result.arabic_abstract

    with gr.Blocks() as demo:
        inputs = [gr.Textbox(), gr.Textbox(), gr.Textbox(), gr.Textbox()]
        outputs = [gr.Textbox(), gr.Textbox()]
        gr.Button().click(summarize, inputs, outputs, api_name="summarize", concurrency_limit=1)
    return demo.queue(max_size=max_queue)


def burst(url: str, article: str, n: int) -> dict:
    from gradio_client import Client

    client = Client(url, verbose=False, download_files=False)

    def one(_):
        start = time.perf_counter()
        try:
            client.predict(article, "fast", "translate", "short", api_name="/summarize")
            return "result", time.perf_counter() - start, ""
        except Exception as error:  # what a refused client sees
            kind = "busy" if "try again in a minute" in str(error) else "other error"
            return kind, time.perf_counter() - start, f"{type(error).__name__}: {str(error).splitlines()[0][:70]}"

    with ThreadPoolExecutor(n) as pool:
        answers = list(pool.map(one, range(n)))
    kinds = [kind for kind, _, _ in answers]
    told = next((message for _, _, message in answers if message), "")
    return {"result": kinds.count("result"), "busy": kinds.count("busy"), "other": kinds.count("other error"),
            "slowest s": max(t for _, t, _ in answers), "told": told}


def files_run(summarizer, folder: Path, cleanup: str, requests: int) -> dict:
    import httpx
    import psutil
    from gradio_client import Client

    from summarizer_demo.app import build_demo

    os.environ["GRADIO_TEMP_DIR"] = str(folder / "gradio")
    tempfile.tempdir = str(folder)
    demo = build_demo(
        summarizer, concurrency_limit=1, max_queue=2, file_lifetime=2,
        sweep_dirs=[folder / "gradio"] if cleanup == "demo sweeps" else [],
    )
    if cleanup == "none":  # no sweeps of the download folder, no delete_cache
        demo.delete_cache = None
        for block in demo.fns.values():  # the DemoApp, through a bound handler
            if (app := getattr(block.fn, "__self__", None)) is not None:
                app.sweeper.folders = []
    port = free_port()
    _, url, _ = demo.launch(prevent_thread_lock=True, server_name="127.0.0.1", server_port=port, quiet=True)
    client = Client(url, verbose=False, download_files=False)
    process = psutil.Process()
    rss = []
    for i in range(requests):
        upload = {"files": (f"a{i}.txt", f"خبر {i}".encode(), "text/plain")}
        httpx.post(f"{url.rstrip('/')}/gradio_api/upload", files=upload)
        client.predict(f"خبر قصير عن المدينة رقم {i}.", "fast", "translate", "short", api_name="/summarize")
        if i in (19, requests - 1):
            rss.append(process.memory_info().rss / 1e6)
    entries = sum(len(d) + len(f) for _, d, f in os.walk(folder))
    time.sleep(3.5)
    client.predict("خبر أخير.", "fast", "translate", "short", api_name="/summarize")  # a request sweeps
    later = sum(len(d) + len(f) for _, d, f in os.walk(folder))
    demo.close()
    return {"entries": entries, "3.5 s later": later, "RSS MB (req 20 / last)": f"{rss[0]:.0f} / {rss[1]:.0f}"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--burst", type=int, default=24)
    parser.add_argument("--queue", type=int, default=2)
    parser.add_argument("--upload-mb", type=float, default=60)
    parser.add_argument("--requests", type=int, default=100)
    args = parser.parse_args()

    import torch

    torch.set_num_threads(1)
    import httpx

    from summarizer_demo.app import DEFAULT_MAX_UPLOAD, build_demo
    from summarizer import BilingualSummarizer
    from summarizer.testing import build_tiny_models

    print(f"# {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    work = Path(tempfile.mkdtemp(prefix="demo-load-"))
    os.environ["GRADIO_TEMP_DIR"] = str(work / "gradio")  # the uncapped upload lands here, not in a shared cache
    summarizer = BilingualSummarizer("fast", **build_tiny_models(work / "tiny"), options=FAST)
    article = SAMPLE.read_text(encoding="utf-8") if SAMPLE.exists() else None
    if article is None:
        from summarizer_demo.examples import EXAMPLES

        article = " ".join(EXAMPLES.values())
    summarizer.summarize(article, length="short")  # load the models once

    print(f"\n## burst: {args.burst} concurrent calls, 1 at once, {args.queue} waiting")
    print("| contender | result | busy | other error | slowest s | a refused client is told |")
    print("|---|---|---|---|---|---|")
    for name in ("line", "gradio queue", "unbounded"):
        if name == "line":
            demo = build_demo(summarizer, concurrency_limit=1, max_queue=args.queue)
        elif name == "gradio queue":
            demo = gradio_queue_demo(summarizer, args.queue)
        else:
            demo = build_demo(summarizer, concurrency_limit=1, max_queue=10**6)
        _, url, _ = demo.launch(prevent_thread_lock=True, server_name="127.0.0.1", server_port=free_port(), quiet=True)
        row = burst(url, article, args.burst)
        demo.close()
        counts = f"{row['result']} | {row['busy']} | {row['other']}"
        print(f"| {name} | {counts} | {row['slowest s']:.1f} | {row['told'] or '-'} |")

    print(f"\n## upload: {args.upload_mb:g} MB posted to /gradio_api/upload")
    print("| launch | HTTP status | answer |")
    print("|---|---|---|")
    payload = b"a" * int(args.upload_mb * 1e6)
    for cap in (DEFAULT_MAX_UPLOAD, None):
        demo = build_demo(summarizer)
        _, url, _ = demo.launch(
            prevent_thread_lock=True, server_name="127.0.0.1", server_port=free_port(), quiet=True, max_file_size=cap
        )
        start = time.perf_counter()
        response = httpx.post(
            f"{url.rstrip('/')}/gradio_api/upload", files={"files": ("big.txt", payload)}, timeout=120
        )
        took = time.perf_counter() - start
        demo.close()
        label = f"max_file_size={cap:,}" if cap else "no cap"
        print(f"| {label} | {response.status_code} ({took:.1f} s) | {response.text[:60]} |")

    print(f"\n## files: {args.requests} sequential requests (an upload and a summary each), files kept 2 s")
    print("| cleanup | files and folders after the run | 3.5 s later | RSS MB (req 20 / last) |")
    print("|---|---|---|---|")
    replay = Replay(summarizer.summarize(article, length="short"))
    for cleanup in ("demo sweeps", "delete_cache + downloads swept", "none"):
        row = files_run(replay, Path(tempfile.mkdtemp(prefix="files-", dir=work)), cleanup, args.requests)
        print(f"| {cleanup} | {row['entries']} | {row['3.5 s later']} | {row['RSS MB (req 20 / last)']} |")
    sys.stdout.flush()


class Replay:
    """One real result, each request's text as its translation (so that every download is a new file)."""

    preset = "fast"
    model_names = {"translator": "replay", "summarizer": "replay"}

    def __init__(self, result):
        self.result = result

    def summarize(self, text: str, **options):
        return dataclasses.replace(self.result, english_translation=text)


if __name__ == "__main__":
    main()
