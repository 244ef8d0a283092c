"""Shared fixtures: offline hub, the ../shared data folder, tiny models built once per session."""

from __future__ import annotations

import os

# Before transformers or huggingface_hub are imported anywhere: never touch the network.
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
# CTranslate2 conversions (the default backend on a CPU) of the tiny models: one folder per test session.
os.environ.setdefault("SUMMARIZER_CT2_DIR", __import__("tempfile").mkdtemp(prefix="summarizer-ct2-"))

from collections.abc import Iterator  # noqa: E402
from contextlib import contextmanager  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SUMMARIZER_SHARED", REPO.parent / "shared"))
SAMPLE = SHARED / "samples" / "news_morocco_us_security.ar.txt"
EVAL = SHARED / "eval-data"


def need_shared(path: Path) -> Path:
    """Skip the test when the shared data is not beside the checkout."""
    if not path.exists():
        pytest.skip(f"{path} is missing (the shared data folder sits beside the checkout)")
    return path


@pytest.fixture(scope="session", autouse=True)
def one_torch_thread():
    """Tiny models run faster on one thread than on two fighting over a small CI machine."""
    import torch

    previous = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(previous)


@pytest.fixture(scope="session")
def sample_article() -> str:
    return need_shared(SAMPLE).read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def long_articles() -> list[str]:
    import json

    path = need_shared(EVAL / "saudinewsnet_long_articles" / "long_articles_ge2000_words.jsonl")
    return [json.loads(line)["content"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def tiny_build(tmp_path_factory) -> dict[str, str]:
    from summarizer.testing import build_tiny_models

    return build_tiny_models(tmp_path_factory.mktemp("tiny-models"), llm=True)


@pytest.fixture(scope="session")
def tiny_models(tiny_build) -> dict[str, str]:
    """The four pipeline roles' tiny models, ready for ``BilingualSummarizer(**tiny_models)``."""
    return {role: path for role, path in tiny_build.items() if role != "llm"}


@pytest.fixture(scope="session")
def tiny_llm(tiny_build) -> str:
    """The tiny decoder-only chat model (Qwen2-style)."""
    return tiny_build["llm"]


@contextmanager
def serve_html(body: str, path: str | None = None) -> Iterator[str]:
    """One HTML page on 127.0.0.1, at ``path`` (404 elsewhere) or at every path; yields the base URL."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    data = body.encode("utf-8")

    class Page(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):  # noqa: N802
            self.send_response(200 if path is None or self.path == path else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Page)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
