"""fetch_article against a local HTTP server on 127.0.0.1, and the refusals, with no traffic anywhere else."""

from __future__ import annotations

from contextlib import contextmanager

import ipaddress
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

import summarizer.text.fetch as fetch
from summarizer import (
    FetchError,
    InputError,
    fetch_article,
)
from summarizer.text.fetch import fetch_page, refusal_reason

from conftest import EVAL, need_shared

PAGES = EVAL / "web-pages" / "pages"
ARABIC = "قالت الوزارة إن المحادثات ستستأنف الأسبوع المقبل."
LOCAL = {"allow_private_addresses": True}


@contextmanager
def fails_with(reason: str, match: str | None = None):
    """A :class:`FetchError` whose message matches and whose ``reason`` is ``reason``."""
    with pytest.raises(FetchError, match=match) as caught:
        yield caught
    assert caught.value.reason == reason


class Handler(BaseHTTPRequestHandler):
    requests: list[str] = []

    def log_message(self, *args):  # keep the test output clean
        pass

    def send(self, status: int, body: bytes = b"", content_type: str | None = "text/html; charset=utf-8",
             headers: dict | None = None) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if "Content-Length" not in (headers or {}):
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):  # noqa: N802 - the http.server name
        Handler.requests.append(self.path)
        path = self.path
        if path.startswith("/pages/"):
            self.send(200, (PAGES / path.removeprefix("/pages/")).read_bytes(), "text/html")
        elif path.startswith("/hop/"):
            left = int(path.removeprefix("/hop/"))
            self.send(302, headers={"Location": f"/hop/{left - 1}" if left else "/article"})
        elif path == "/article":
            self.send(200, f"<html><head><title>خبر</title></head><body><p>{ARABIC}</p></body></html>".encode())
        elif path == "/cp1256":
            body = f"<html><body><p>{ARABIC}</p></body></html>".encode("cp1256")
            self.send(200, body, "text/html; charset=windows-1256")
        elif path == "/meta-cp1256":
            body = f'<html><head><meta charset="windows-1256"></head><body><p>{ARABIC}</p></body></html>'
            self.send(200, body.encode("cp1256"), "text/html")
        elif path == "/json":
            self.send(200, b'{"a": 1}', "application/json")
        elif path == "/missing":
            self.send(404, b"<html>not here</html>")
        elif path == "/slow":
            time.sleep(3)
            try:
                self.send(200, b"<html>late</html>")
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif path == "/declared-big":
            self.send(200, b"<html></html>", headers={"Content-Length": "50000000"})
        elif path == "/endless":  # no Content-Length: only reading tells the size
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                self.wfile.write(b"<html><body>")
                for _ in range(200):
                    self.wfile.write(b"<p>" + b"x" * 10_000 + b"</p>")
            except (BrokenPipeError, ConnectionResetError):
                pass
            self.close_connection = True
        elif path == "/to-private":
            self.send(302, headers={"Location": "http://10.1.2.3/secret"})
        elif path == "/to-ftp":
            self.send(302, headers={"Location": "ftp://example.org/file"})
        else:
            self.send(500, b"")


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def no_outside_traffic(monkeypatch):
    """DNS answers only the names below; connections go only to 127.0.0.1."""
    names = {"news.example": ["10.0.0.5"], "mixed.example": ["93.184.216.34", "192.168.1.1"],
             "localhost": ["127.0.0.1"]}
    real = socket.getaddrinfo

    def fake_getaddrinfo(host, port, *args, **kwargs):
        try:
            socket.inet_aton(host)  # "2130706433", "127.1": numeric forms, no lookup
            return real(host, port, *args, **kwargs)
        except OSError:
            pass
        try:
            ipaddress.ip_address(host)
            return real(host, port, *args, **kwargs)  # a literal address: no lookup
        except ValueError:
            pass
        if host not in names:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port)) for a in names[host]]

    import urllib3.util.connection

    real_connect = urllib3.util.connection.create_connection

    def local_only(address, *args, **kwargs):
        assert address[0] == "127.0.0.1", f"tried to connect to {address}"
        return real_connect(address, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", fake_getaddrinfo)
    monkeypatch.setattr(urllib3.util.connection, "create_connection", local_only)
    Handler.requests.clear()


@pytest.mark.parametrize("name", ["002.html", "003.html", "007.html"])
def test_shared_pages_come_back_as_articles(server, name):
    need_shared(PAGES / name)
    article = fetch_article(f"{server}/pages/{name}", **LOCAL)
    assert article.url == f"{server}/pages/{name}" and article.was_html
    assert article.title and len(article.text.split()) > 100
    assert "<" not in article.text[:200]


def test_redirects_are_followed_up_to_the_limit(server):
    page = fetch_page(f"{server}/hop/2", **LOCAL)
    assert page.final_url == f"{server}/article" and len(page.redirects) == 3
    assert ARABIC in page.html
    article = fetch_article(f"{server}/hop/0", **LOCAL)
    assert article.url == f"{server}/article" and article.title == "خبر" and ARABIC in article.text
    with fails_with("too_many_redirects", match="more than 2 redirects"):
        fetch_page(f"{server}/hop/5", max_redirects=2, **LOCAL)


@pytest.mark.parametrize("path", ["/cp1256", "/meta-cp1256"])
def test_charset_from_header_or_meta(server, path):
    page = fetch_page(server + path, **LOCAL)
    assert ARABIC in page.html and page.charset == "cp1256"


def test_loopback_refused_without_the_flag_and_no_request_sent(server):
    for url in (f"{server}/article", server.replace("127.0.0.1", "localhost") + "/article",
                "http://[::ffff:127.0.0.1]/", "http://2130706433/", "http://0.0.0.0/"):
        with fails_with("address_refused", match="refused") as caught:
            fetch_article(url)
        assert isinstance(caught.value, FetchError) and isinstance(caught.value, InputError)
        assert isinstance(caught.value, ValueError)
    assert Handler.requests == []


def test_private_names_refused_before_any_connection(monkeypatch):
    with fails_with("address_refused", match=r"news\.example resolves to 10\.0\.0\.5, a private address"):
        fetch_article("https://news.example/story")
    with fails_with("address_refused", match="192.168.1.1"):  # one bad address is enough
        fetch_article("http://mixed.example/")
    with fails_with("resolve", match="does not resolve"):
        fetch_article("http://nowhere.example/")


def test_a_redirect_is_checked_like_the_first_hop(server, monkeypatch):
    # Let 127.0.0.1 pass as public for this test only; the redirect's 10.1.2.3 must still be refused.
    original = fetch.refusal_reason
    monkeypatch.setattr(fetch, "refusal_reason",
                        lambda a: None if str(a) == "127.0.0.1" else original(a))
    with fails_with("address_refused", match="10.1.2.3"):
        fetch_article(f"{server}/to-private")
    with fails_with("invalid_url", match="'ftp'"):
        fetch_article(f"{server}/to-ftp")
    assert Handler.requests == ["/to-private", "/to-ftp"]


@pytest.mark.parametrize(
    "url", ["ftp://example.org/a", "file:///etc/passwd", "javascript:alert(1)", "example.org/news", "",
            "http://", "http://user:pw@127.0.0.1/", "http://127.0.0.1:99999/"],
)
def test_bad_urls(url):
    with fails_with("invalid_url"):
        fetch_article(url, **LOCAL)


def test_not_html_http_errors_size_and_timeout(server):
    with fails_with("not_html", match="application/json"):
        fetch_article(f"{server}/json", **LOCAL)
    with fails_with("http_status", match="HTTP 404") as caught:
        fetch_article(f"{server}/missing", **LOCAL)
    assert caught.value.status == 404
    with fails_with("too_large", match="50,000,000 bytes"):
        fetch_article(f"{server}/declared-big", **LOCAL)
    with fails_with("too_large", match="larger than 100,000 bytes"):
        fetch_article(f"{server}/endless", max_bytes=100_000, **LOCAL)
    started = time.monotonic()
    with fails_with("timeout", match="0.5 s"):
        fetch_article(f"{server}/slow", timeout=0.5, **LOCAL)
    assert time.monotonic() - started < 2.5


def test_closed_port_is_a_fetch_error():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(FetchError, match="connection"):
        fetch_article(f"http://127.0.0.1:{port}/", **LOCAL)


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("8.8.8.8", None), ("2001:4860:4860::8888", None), ("127.0.0.1", "loopback"), ("::1", "loopback"),
        ("10.0.0.1", "private"), ("172.16.5.4", "private"), ("192.168.0.1", "private"), ("fc00::1", "private"),
        ("169.254.169.254", "link-local"), ("fe80::1", "link-local"), ("224.0.0.1", "multicast"),
        ("ff02::1", "multicast"), ("0.0.0.0", "unspecified"), ("::", "unspecified"), ("240.0.0.1", "reserved"),
        ("100.64.0.1", "non-public"), ("::ffff:10.0.0.1", "private (IPv4 inside IPv6)"),
        ("2002:7f00:1::", "loopback (IPv4 inside IPv6)"),
    ],
)
def test_refusal_reasons(address, reason):
    assert refusal_reason(ipaddress.ip_address(address)) == reason
