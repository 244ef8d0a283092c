"""Fetch a web page by URL, safely enough to run on a server, and read its article.

:func:`fetch_page` downloads one HTML page; :func:`fetch_article` hands it to
:func:`summarizer.text.article.read_article`. Because the demo fetches on the
server's side, the fetch is guarded against being pointed at the server's own
network: only ``http`` and ``https``; the host name is resolved first and every
address it resolves to must be public (not loopback, private, link-local,
multicast, reserved, unspecified, shared or IPv4-mapped into one of those), or
the fetch is refused before any connection, unless
``allow_private_addresses=True``. The connection then goes to the address that
was checked (no second DNS lookup that could answer differently), with the
host name kept for the ``Host`` header and for TLS certificate checks.
Redirects are followed by hand, at most ``max_redirects``, each hop checked
like the first. The body is streamed and reading stops past ``max_bytes``;
only HTML content types are read; the text is decoded with the charset of the
headers, else of a BOM or a ``<meta>`` tag, else UTF-8.

Every failure is a :class:`~summarizer.errors.FetchError` (an
:class:`~summarizer.InputError`, so a ``ValueError``) whose ``reason`` and
message say what went wrong.

It does not run scripts, keep cookies, use proxies from the environment, or
retry; pages that build their text in JavaScript come back nearly empty.
"""

from __future__ import annotations

import codecs
import ipaddress
import re
import socket
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from ..errors import FetchError, InputError
from .article import Article, read_article

__all__ = ["FetchError", "FetchedPage", "fetch_article", "fetch_page", "is_url"]

DEFAULT_TIMEOUT = 15.0
DEFAULT_MAX_BYTES = 5_000_000
DEFAULT_MAX_REDIRECTS = 5
HTML_TYPES = ("text/html", "application/xhtml+xml")
USER_AGENT = "bilingual-summarizer (+https://pypi.org/project/bilingual-summarizer/)"
_REDIRECTS = (301, 302, 303, 307, 308)
_CHUNK = 64 * 1024
_OBJECT_PREFIX = re.compile(r"<[^>]* object at 0x[0-9a-f]+>: ")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)


@dataclass(frozen=True)
class FetchedPage:
    """A downloaded HTML page.

    Attributes:
        url: The URL asked for.
        final_url: The URL the page came from, after redirects.
        html: The page, decoded.
        content_type: The media type the server declared (``text/html``).
        charset: The character set the page was decoded with.
        redirects: The URLs redirected through, in order (without ``final_url``).
    """

    url: str
    final_url: str
    html: str
    content_type: str
    charset: str
    redirects: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The page as plain data."""
        return {"url": self.url, "final_url": self.final_url, "html": self.html,
                "content_type": self.content_type, "charset": self.charset, "redirects": list(self.redirects)}


def fetch_article(
    url: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_redirects: int = DEFAULT_MAX_REDIRECTS,
    allow_private_addresses: bool = False,
) -> Article:
    """Fetch a news page and read its article (body, title, date, author, site).

    Args and Raises as :func:`fetch_page`.

    Returns:
        The :class:`~summarizer.Article` of the page, its ``url`` the final
        URL after redirects.
    """
    page = fetch_page(url, timeout=timeout, max_bytes=max_bytes, max_redirects=max_redirects,
                      allow_private_addresses=allow_private_addresses)
    return read_article(page.html, url=page.final_url)


def fetch_page(
    url: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_redirects: int = DEFAULT_MAX_REDIRECTS,
    allow_private_addresses: bool = False,
) -> FetchedPage:
    """Download one HTML page over ``http`` or ``https``.

    Args:
        url: An ``http://`` or ``https://`` URL.
        timeout: Seconds for the whole fetch, redirects included (each
            connection and read also waits at most this long).
        max_bytes: The largest body read; a larger page is refused.
        max_redirects: Redirects followed at most.
        allow_private_addresses: Also fetch from loopback, private and other
            non-public addresses (tests, an intranet). Never on a public server.

    Returns:
        The :class:`FetchedPage`.

    Raises:
        FetchError: With ``reason`` ``"invalid_url"`` (not an http(s) URL, or no
            host), ``"resolve"`` (the host name does not resolve),
            ``"address_refused"`` (a non-public address), ``"timeout"`` (no
            answer or no complete page within ``timeout``), ``"http_status"``
            (an HTTP error status, in ``status``), ``"not_html"``,
            ``"too_large"`` (the body exceeds ``max_bytes``),
            ``"too_many_redirects"``, or ``"connection"`` (refused, reset, TLS).
    """
    if timeout <= 0 or max_bytes <= 0 or max_redirects < 0:
        raise InputError("timeout and max_bytes must be positive, max_redirects 0 or more.")
    deadline = time.monotonic() + timeout
    current, hops = url, []
    while True:
        response = _request(current, deadline, timeout, allow_private_addresses)
        try:
            if response.status in _REDIRECTS and response.headers.get("Location"):
                if len(hops) >= max_redirects:
                    raise FetchError(
                        f"{url}: more than {max_redirects} redirects (the last to {response.headers['Location']}).", reason="too_many_redirects")
                hops.append(current)
                current = urljoin(current, response.headers["Location"].strip())
                continue
            if response.status >= 400:
                reason = response.reason or ""
                raise FetchError(f"{current}: the server answered HTTP {response.status} {reason}".rstrip() + ".",
                                 reason="http_status", status=response.status)
            content_type, charset = _content_type(response.headers.get("Content-Type", ""))
            if content_type and content_type not in HTML_TYPES:
                raise FetchError(f"{current}: the server sent {content_type}, not an HTML page.", reason="not_html")
            body = _read_body(response, current, max_bytes, deadline)
        finally:
            response.release_conn()
        if not content_type and not _sniff_html(body):
            raise FetchError(f"{current}: the server declared no content type and the body is not HTML.", reason="not_html")
        html, charset = _decode(body, charset)
        return FetchedPage(url, current, html, content_type or "text/html", charset, tuple(hops))


def is_url(text: str) -> bool:
    """Whether ``text`` is one ``http://`` or ``https://`` address and nothing else (for command lines and forms)."""
    stripped = text.strip()
    return bool(stripped) and not any(c.isspace() for c in stripped) and \
        stripped.lower().startswith(("http://", "https://"))


def check_url(url: str) -> tuple[str, str, int]:
    """The scheme, host and port of an http(s) URL.

    Raises:
        FetchError: Any other URL (reason ``"invalid_url"``).
    """
    if not isinstance(url, str) or not url.strip():
        raise FetchError("No URL given: pass an http:// or https:// address.", reason="invalid_url")
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as error:
        raise FetchError(f"{url}: not a valid URL ({error}).", reason="invalid_url") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        shown = f"the scheme {scheme!r}" if scheme else "no scheme"
        raise FetchError(f"{url}: {shown}; only http:// and https:// pages can be fetched.", reason="invalid_url")
    if not parts.hostname:
        raise FetchError(f"{url}: no host name.", reason="invalid_url")
    if parts.username is not None or parts.password is not None:
        raise FetchError(f"{url}: user names and passwords in URLs are not supported.", reason="invalid_url")
    return scheme, parts.hostname, port or (443 if scheme == "https" else 80)


def refusal_reason(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why an address is not public (``"loopback"``, ``"private"``...), or None when it is."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is not None:
            reason = refusal_reason(embedded)
            return f"{reason} (IPv4 inside IPv6)" if reason else None
    for name in ("unspecified", "loopback", "link_local", "multicast", "reserved", "private", "site_local"):
        if getattr(address, f"is_{name}", False):
            return name.replace("_", "-")
    if not address.is_global:  # shared (100.64.0.0/10), documentation, benchmarking ranges...
        return "non-public"
    return None


def resolve(host: str, port: int) -> list[str]:
    """The IP addresses of a host name (an IP address stands for itself).

    Raises:
        FetchError: The name does not resolve (reason ``"resolve"``).
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchError(f"{host}: the host name does not resolve ({error}).", reason="resolve") from None
    addresses = list(dict.fromkeys(info[4][0] for info in infos))
    if not addresses:
        raise FetchError(f"{host}: the host name has no address.", reason="resolve")
    return addresses


def checked_address(host: str, port: int, allow_private_addresses: bool) -> str:
    """The address to connect to for ``host``: the first it resolves to, after checking all of them.

    Raises:
        FetchError: The name does not resolve (``"resolve"``), or an address is not public
            and that is not allowed (``"address_refused"``).
    """
    addresses = resolve(host, port)
    if not allow_private_addresses:
        for text in addresses:
            reason = refusal_reason(ipaddress.ip_address(text.split("%", 1)[0]))
            if reason:
                raise FetchError(
                    f"{host} resolves to {text}, a {reason} address: refused, so that the fetch cannot reach "
                    "the server's own network (allow it with allow_private_addresses=True / --allow-private-urls).", reason="address_refused")
    return addresses[0]


def _request(url: str, deadline: float, timeout: float, allow_private: bool) -> Any:
    """One GET to the checked address of ``url``'s host; the response body is not read yet."""
    import urllib3

    scheme, host, port = check_url(url)
    address = checked_address(host, port, allow_private)
    parts = urlsplit(url.strip())
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    default_port = 443 if scheme == "https" else 80
    host_header = (f"[{host}]" if ":" in host else host) + ("" if port == default_port else f":{port}")
    left = _time_left(deadline, url)
    pool_kwargs: dict[str, Any] = {"timeout": urllib3.Timeout(connect=left, read=left),
                                   "retries": False, "maxsize": 1}
    if scheme == "https":  # TLS checks the certificate against the name, not the address
        pool = urllib3.HTTPSConnectionPool(address, port, server_hostname=host, assert_hostname=host,
                                           cert_reqs="CERT_REQUIRED", **pool_kwargs)
    else:
        pool = urllib3.HTTPConnectionPool(address, port, **pool_kwargs)
    headers = {"Host": host_header, "User-Agent": USER_AGENT,
               "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1", "Accept-Encoding": "gzip, deflate"}
    try:
        return pool.urlopen("GET", target, headers=headers, redirect=False, preload_content=False,
                            decode_content=True, assert_same_host=False)
    except urllib3.exceptions.NewConnectionError as error:  # a subclass of the timeout error, so first
        raise FetchError(f"{url}: the connection to {host} failed ({_reason(error)}).") from None
    except (urllib3.exceptions.TimeoutError, socket.timeout):
        raise FetchError(f"{url}: no answer within {timeout:g} s.", reason="timeout") from None
    except urllib3.exceptions.SSLError as error:
        raise FetchError(f"{url}: the TLS connection failed ({_reason(error)}).") from None
    except (urllib3.exceptions.HTTPError, OSError) as error:
        raise FetchError(f"{url}: the connection to {host} failed ({_reason(error)}).") from None


def _read_body(response: Any, url: str, max_bytes: int, deadline: float) -> bytes:
    import urllib3

    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(f"{url}: the page has {int(declared):,} bytes; at most {max_bytes:,} are read.", reason="too_large")
    data = bytearray()
    try:
        for chunk in response.stream(_CHUNK, decode_content=True):
            data += chunk
            if len(data) > max_bytes:
                raise FetchError(f"{url}: the page is larger than {max_bytes:,} bytes; reading stopped.", reason="too_large")
            _time_left(deadline, url)
    except (urllib3.exceptions.TimeoutError, socket.timeout):
        raise FetchError(f"{url}: the page did not arrive in time.", reason="timeout") from None
    except urllib3.exceptions.HTTPError as error:
        raise FetchError(f"{url}: the page could not be read ({_reason(error)}).") from None
    return bytes(data)


def _time_left(deadline: float, url: str) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchError(f"{url}: the fetch took longer than its timeout.", reason="timeout")
    return left


def _content_type(header: str) -> tuple[str, str | None]:
    """The media type (lowercase, "" when absent) and the charset parameter of a Content-Type header."""
    media, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip().strip("\"'"):
            charset = value.strip().strip("\"'")
    return media.strip().lower(), charset


def _sniff_html(body: bytes) -> bool:
    head = body[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<!--"))


def _decode(body: bytes, declared: str | None) -> tuple[str, str]:
    """The page's text and the charset used: the header's, a BOM's, a ``<meta>``'s, else UTF-8."""
    candidates = [declared]
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if body.startswith(bom):
            candidates.insert(0, name)
    match = _META_CHARSET.search(body[:4096])
    if match:
        candidates.append(match.group(1).decode("ascii"))
    candidates.append("utf-8")
    for name in candidates:
        if not name:
            continue
        try:
            return body.decode(name), codecs.lookup(name).name
        except (LookupError, UnicodeDecodeError):
            continue
    # Not valid in any declared charset: keep every byte readable rather than fail.
    return body.decode("utf-8", errors="replace"), "utf-8 (invalid bytes replaced)"


def _reason(error: BaseException) -> str:
    """The useful part of a urllib3 error message (without "<...Connection object at 0x...>: ")."""
    reason = getattr(error, "reason", None) or error
    return _OBJECT_PREFIX.sub("", str(reason))
