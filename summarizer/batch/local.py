"""Summarize a JSON-lines file of articles into a JSON-lines file of results, resumably.

Record format. Input: one JSON object per line, the article (text or HTML)
under ``text_field`` (or, instead, the address of its page under ``url``,
fetched with :func:`summarizer.fetch_article`: loopback and private addresses
are refused unless ``allow_private_urls``; or the path of a PDF or Word file
under ``path``, absolute or relative to the working directory, read with
:func:`summarizer.read_document`) and its identifier (a string or a
number) under ``id_field``; blank lines are ignored. Output: one line per input
record (a fetched record's result has the page's url, title, date, author and
site under ``source`` and the lines removed from the page in ``removed_lines``)::

    {"id": ..., "ok": true, "result": <BilingualSummary.to_dict()>}
    {"id": ..., "ok": false, "error": "<message>"}

A record that cannot be used (invalid JSON, not an object, no id, no text, an
empty text, an id seen earlier in the file) or that the library refuses gets
an error line, and the batch goes on. Lines without a usable id (invalid JSON,
no id) are named ``"line:<n>"``, ``n`` counting input lines from 1. The second
and later records with one id get error lines under that id.

Resuming and safety. Each finished line is appended with one ``write`` of the
whole line, then flushed and ``fsync``-ed, so a run killed at any moment loses
at most the record in flight. On start, the output is read back: a last line
that is incomplete (no newline, or not JSON) is cut off, and every record
whose line is already there is skipped. Records are matched by id and by
occurrence, so re-running a finished batch writes nothing. An invalid line
anywhere but at the end means the file was not written by this module: the
run stops rather than append to it. A lock (POSIX ``flock``) keeps two runs
from writing the same output.

One record at a time by default: documents are independent, a bad record
then never takes good ones down with it, and a crash loses one record at most.
``group_size=N`` (``summarizer batch --group N``) hands N records at a time to
one ``summarize_many`` call, which batches their sentences together in each
model (articles per hour in BENCHMARKS.md); a group that fails is summarized
again one record at a time, so a bad record still gets its own error line and
the good ones their results, and a crash loses the group in flight.
:mod:`summarizer.batch.ray_batch` shares this module's record
checks, resume plan and writer (:func:`check_fields`, :func:`find_duplicates`,
:func:`plan`, :func:`open_output`, :func:`summarize_record`,
:func:`append_line`), so both engines write the same lines.

This module never prints; progress goes to a callback. Error lines are final:
to retry failed records, remove their lines from the output and run again.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import BatchFileError, InputError, SummarizerError

if TYPE_CHECKING:
    from ..pipeline import BilingualSummarizer

logger = logging.getLogger("summarizer")

BatchProgress = Callable[[int, int], None]


@dataclass(frozen=True)
class Record:
    """One input line: its id, and either its text or why it cannot be summarized.

    Attributes:
        line: Line number in the input file, from 1 (0 when unknown).
        id: The record's id, or ``"line:<n>"`` when it has none.
        text: The article, None when the record is bad or gives a URL or a path.
        error: Why the record is bad, None when it is good.
        url: The page to fetch, for a record without text.
        path: The PDF or Word file to read (:func:`summarizer.read_document`), for a record
            without text or url.
    """

    line: int
    id: Any
    text: str | None = None
    error: str | None = None
    url: str | None = None
    path: str | None = None


@dataclass(frozen=True)
class BatchReport:
    """What a batch run did.

    Attributes:
        records: Records in the input file.
        skipped: Records already in the output when the run started.
        written: Lines this run appended.
        failed: Records whose line in the output is an error, from this run
            or an earlier one.
        dropped_partial_line: The output ended in an incomplete line (a
            killed run), which was cut off.
        seconds: Duration of the run.
    """

    records: int
    skipped: int
    written: int
    failed: int
    dropped_partial_line: bool
    seconds: float

    @property
    def ok(self) -> bool:
        """True when every record of the input has a successful result."""
        return self.failed == 0


def read_records(in_path: str | os.PathLike[str], *, text_field: str = "text", id_field: str = "id") -> list[Record]:
    """Parse a JSON-lines input file; bad lines become records with an error.

    Args:
        in_path: The input file.
        text_field: The key holding the article.
        id_field: The key holding the record's id.

    Returns:
        One :class:`Record` per non-blank line, in order.

    Raises:
        OSError: If the file cannot be read.
    """
    with open(in_path, "rb") as stream:
        parsed = [_parse(raw, number, text_field, id_field) for number, raw in enumerate(stream, start=1)
                  if raw.strip()]
    return find_duplicates(parsed)


def check_fields(data: Any, number: int | None, *, text_field: str = "text", id_field: str = "id",
                 unit: str = "line") -> Record:
    """One parsed input record (a JSON object, a table row) as a :class:`Record`.

    Args:
        data: The decoded record; anything but a dict is a bad record.
        number: Its position in the input, from 1, for messages and synthetic
            ids; None when unknown (a row of a distributed dataset), and a
            record without a usable id then gets the id None.
        text_field: The key holding the article.
        id_field: The key holding the record's id.
        unit: What ``number`` counts (``"line"``, ``"row"``); a record without
            a usable id is named ``"<unit>:<number>"``.

    Returns:
        The record, with an error when it cannot be summarized (duplicates are
        left to :func:`find_duplicates`).
    """
    where = "a record" if number is None else f"{unit} {number}"
    synthetic = None if number is None else f"{unit}:{number}"
    number = number or 0
    if not isinstance(data, dict):
        return Record(number, synthetic, error=f"{where} is a JSON {type(data).__name__}, not an object.")
    ident = data.get(id_field)
    if ident is None:
        return Record(number, synthetic, error=f"{where} has no {id_field!r} field.")
    if isinstance(ident, bool) or not isinstance(ident, (str, int, float)):
        return Record(number, synthetic, error=f"{where}: the {id_field!r} field must be a string or a number.")
    text = data.get(text_field)
    if text is None and "url" in data:
        url = data["url"]
        if not isinstance(url, str) or not url.strip():
            return Record(number, ident, error="the 'url' field must be a non-empty string.")
        return Record(number, ident, url=url.strip())
    if text is None and "path" in data:
        path = data["path"]
        if not isinstance(path, str) or not path.strip():
            return Record(number, ident, error="the 'path' field must be a non-empty string.")
        return Record(number, ident, path=path.strip())
    if text is None:
        return Record(number, ident, error=f"no {text_field!r} field.")
    if not isinstance(text, str):
        return Record(number, ident, error=f"the {text_field!r} field is a {type(text).__name__}, not a string.")
    if not text.strip():
        return Record(number, ident, error=f"the {text_field!r} field is empty.")
    return Record(number, ident, text)


def find_duplicates(records: Iterable[Record], *, unit: str = "line") -> list[Record]:
    """The records with every repeat of an earlier record's id turned into an error.

    Args:
        records: Records in input order, from :func:`check_fields`.
        unit: What the records' numbers count, as given to :func:`check_fields`.

    Returns:
        The records, in order; synthetic ids (``"<unit>:<n>"``) are unique already.
    """
    out: list[Record] = []
    first: dict[str, int] = {}
    for record in records:
        if record.id != f"{unit}:{record.line}":
            key = id_key(record.id)
            if key in first:
                error = f"duplicate id {record.id!r} (first on {unit} {first[key]})"
                record = Record(record.line, record.id, error=error)
            first.setdefault(key, record.line)
        out.append(record)
    return out


def plan(records: list[Record], done: dict[str, list[bool]]) -> tuple[list[Record], int]:
    """Which records a run still has to write, given the lines already in the output.

    Records are matched to output lines by id and occurrence: the *k*-th record
    with an id is done when the output holds *k* lines with that id.

    Args:
        records: The input's records, in order.
        done: From :func:`read_done` (or :func:`open_output`).

    Returns:
        ``(todo, failed)``: the records to write, in order, and how many done
        records have an error line.
    """
    seen: dict[str, int] = {}
    todo, failed = [], 0
    for record in records:
        key = id_key(record.id)
        occurrence = seen[key] = seen.get(key, -1) + 1
        earlier = done.get(key, [])
        if occurrence < len(earlier):
            failed += not earlier[occurrence]
        else:
            todo.append(record)
    return todo, failed


def read_done(out_path: str | os.PathLike[str]) -> tuple[dict[str, list[bool]], int]:
    """Read an output file back: which ids are done, and where its complete lines end.

    Args:
        out_path: The output file; a missing file is an empty one.

    Returns:
        ``(done, size)``: for each id (as canonical JSON) the ``ok`` flag of
        each of its lines in file order, and the byte size of the complete
        lines; anything after ``size`` is an incomplete last line.

    Raises:
        BatchFileError: If a line other than the last is not a result line.
    """
    done: dict[str, list[bool]] = {}
    size = 0
    try:
        for entry, length in _scan(out_path):
            done.setdefault(id_key(entry["id"]), []).append(entry["ok"])
            size += length
    except FileNotFoundError:
        pass
    return done, size


def run_batch(
    summarizer: BilingualSummarizer,
    in_path: str | os.PathLike[str],
    out_path: str | os.PathLike[str],
    *,
    text_field: str = "text",
    id_field: str = "id",
    options: dict[str, Any] | None = None,
    progress: BatchProgress | None = None,
    allow_private_urls: bool = False,
    group_size: int = 1,
) -> BatchReport:
    """Summarize every record of ``in_path`` not yet in ``out_path``, appending one line each.

    Args:
        summarizer: The summarizer; its models load on the first good record.
        in_path: JSON-lines input (see the module docstring for the format).
        out_path: JSON-lines output, created or resumed.
        text_field: The input key holding the article.
        id_field: The input key holding the record's id.
        options: Options for :meth:`BilingualSummarizer.summarize`, e.g.
            ``{"length": "short"}``.
        progress: Called with ``(records handled, records to handle)`` by this
            run, first with ``(0, total)``.
        allow_private_urls: Fetch ``url`` records from loopback and private
            addresses too (never on a shared server).
        group_size: Records summarized together in one ``summarize_many``
            call (1: one at a time). Lines are still written one per record,
            in input order, once their group is done.

    Returns:
        A :class:`BatchReport`.

    Raises:
        BatchFileError: The input and output are one file, the output was not
            written by a batch, or another run is writing it.
        ModelNotAvailableError: A model cannot be loaded (nothing would succeed).
        OSError: A file cannot be read or written.
    """
    started = time.perf_counter()
    options = dict(options or {})
    if group_size < 1:
        raise ValueError("group_size must be at least 1.")
    if Path(out_path).exists() and Path(in_path).resolve() == Path(out_path).resolve():
        raise BatchFileError("The input and the output are the same file: name another output file.")
    records = read_records(in_path, text_field=text_field, id_field=id_field)
    with open_output(out_path) as (fd, done, dropped):
        todo, failed = plan(records, done)
        report = progress or (lambda *_: None)
        report(0, len(todo))
        position = 0
        for start in range(0, len(todo), group_size):
            group = todo[start : start + group_size]
            for entry in summarize_group(summarizer, group, options, allow_private_urls=allow_private_urls):
                failed += not entry["ok"]
                append_line(fd, entry)
                position += 1
                report(position, len(todo))
    return BatchReport(
        records=len(records), skipped=len(records) - len(todo), written=len(todo), failed=failed,
        dropped_partial_line=dropped, seconds=time.perf_counter() - started,
    )


def iter_results(out_path: str | os.PathLike[str]) -> Iterator[dict[str, Any]]:
    """The complete result lines of an output file, in order (an incomplete last line is skipped).

    Args:
        out_path: A batch output file.

    Yields:
        Each line as a dict with ``id``, ``ok`` and ``result`` or ``error``.
    """
    for entry, _ in _scan(out_path):
        yield entry


def _parse(raw: bytes, number: int, text_field: str, id_field: str) -> Record:
    """One input line as a record (duplicates are found by the caller)."""
    synthetic = f"line:{number}"
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return Record(number, synthetic, error=f"line {number} is not UTF-8 text.")
    except json.JSONDecodeError as error:
        return Record(number, synthetic, error=f"line {number} is not valid JSON ({error.msg}).")
    return check_fields(data, number, text_field=text_field, id_field=id_field)


def summarize_group(summarizer: BilingualSummarizer, records: list[Record], options: dict[str, Any], *,
                    allow_private_urls: bool = False) -> list[dict[str, Any]]:
    """The output lines of several records, summarized in one ``summarize_many`` call where they can be.

    Bad records and failed fetches get their error lines first-hand; if the
    call for the rest fails, each of those is summarized on its own
    (:func:`summarize_record`), so one bad article costs its group only time.

    Raises:
        SummarizerError, OSError: A model cannot be loaded (every record would fail).
    """
    if len(records) == 1:
        return [summarize_record(summarizer, records[0], options, allow_private_urls=allow_private_urls)]
    entries: dict[int, dict[str, Any]] = {}
    texts: dict[int, Any] = {}
    for k, record in enumerate(records):
        if record.error is not None:
            entries[k] = {"id": record.id, "ok": False, "error": record.error}
        else:
            try:
                texts[k] = _article(record, allow_private_urls)
            except InputError as error:
                entries[k] = {"id": record.id, "ok": False, "error": str(error)}
    try:
        results = summarizer.summarize_many(list(texts.values()), **options) if texts else []
    except (SummarizerError, OSError) as error:
        if not isinstance(error, InputError):
            raise  # a model that cannot load fails every record: stop, resume later
        results = None
    except Exception as error:  # noqa: BLE001 - one document broke the group: retry its records one by one
        logger.warning("a group of %d records failed (%r); summarizing them one at a time", len(texts), error)
        results = None
    for (k, text), result in zip(texts.items(), results or [None] * len(texts)):
        if result is not None:
            entries[k] = {"id": records[k].id, "ok": True, "result": result.to_dict()}
        else:
            entries[k] = summarize_record(summarizer, replace(records[k], text=text, url=None, path=None), options)
    return [entries[k] for k in range(len(records))]


def _article(record: Record, allow_private_urls: bool) -> Any:
    """The record's text, its fetched page or its read document (an Article)."""
    if record.url is not None:
        from ..text.fetch import fetch_article

        return fetch_article(record.url, allow_private_addresses=allow_private_urls)
    if record.path is not None:
        from ..documents import read_document

        return read_document(record.path)
    return record.text


def summarize_record(summarizer: BilingualSummarizer, record: Record, options: dict[str, Any], *,
                     allow_private_urls: bool = False) -> dict[str, Any]:
    """The output line of one record, as a dict; errors that concern only this record become error lines.

    A record with a ``url`` is fetched first, one with a ``path`` read as a document; a failed
    fetch or an unreadable document is an error line.

    Raises:
        SummarizerError, OSError: A model cannot be loaded (every record would fail).
    """
    if record.error is not None:
        return {"id": record.id, "ok": False, "error": record.error}
    try:
        result = summarizer.summarize(_article(record, allow_private_urls), **options)
    except InputError as error:
        return {"id": record.id, "ok": False, "error": str(error)}
    except (SummarizerError, OSError):
        raise  # a model that cannot load fails every record: stop, resume later
    except Exception as error:  # one document breaking a model must not stop the batch
        logger.warning("record %r (line %d) failed: %r", record.id, record.line, error)
        return {"id": record.id, "ok": False, "error": f"{type(error).__name__}: {error}"}
    return {"id": record.id, "ok": True, "result": result.to_dict()}


def _scan(out_path: str | os.PathLike[str]) -> Iterator[tuple[dict[str, Any], int]]:
    """Each complete result line of an output file, with its length in bytes.

    A bad line (unfinished, or not a result line) ends the scan when it is the
    last one, and raises :class:`BatchFileError` otherwise.
    """
    bad = None
    with open(out_path, "rb") as stream:
        for number, raw in enumerate(stream, start=1):
            if bad is not None:
                raise BatchFileError(
                    f"{out_path}: line {bad} is not a batch result line; refusing to append to a file "
                    "this command did not write (choose another output file)."
                )
            entry = _result_line(raw) if raw.endswith(b"\n") else None
            if entry is None:
                bad = number
            else:
                yield entry, len(raw)


def _result_line(raw: bytes) -> dict[str, Any] | None:
    """A parsed output line, or None when it is not one this module writes."""
    try:
        entry = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    if not isinstance(entry, dict) or "id" not in entry or not isinstance(entry.get("ok"), bool):
        return None
    return entry


def id_key(ident: Any) -> str:
    """An id as canonical JSON, so that 1 and "1" stay different ids."""
    return json.dumps(ident, ensure_ascii=False)


def append_line(fd: int, entry: dict[str, Any]) -> None:
    """Append one output line with a single write, then make it durable (``fsync``)."""
    data = (json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8")
    view = memoryview(data)
    while view:  # a regular file takes it whole; the loop covers partial writes
        view = view[os.write(fd, view):]
    os.fsync(fd)


@contextmanager
def open_output(out_path: str | os.PathLike[str]) -> Iterator[tuple[int, dict[str, list[bool]], bool]]:
    """The output, locked and ready to append to: an incomplete last line is cut off.

    Yields:
        ``(fd, done, dropped)``: the descriptor for :func:`append_line`, the
        lines already there as :func:`read_done` gives them, and whether an
        incomplete last line was removed.

    Raises:
        BatchFileError: Another run is writing the file, or a line other than
            the last is not a result line.
    """
    with _open_locked(out_path) as fd:
        done, size = read_done(out_path)
        dropped = os.fstat(fd).st_size > size
        if dropped:
            logger.warning("%s: incomplete last line of a killed run removed.", out_path)
            os.ftruncate(fd, size)
            os.fsync(fd)
        yield fd, done, dropped


@contextmanager
def _open_locked(path: str | os.PathLike[str]) -> Iterator[int]:
    """The output opened for appending and locked against a second run."""
    path = Path(path)
    created = not path.exists()
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        _lock(fd, path)
        if created:  # make the new file's name durable too
            _fsync_dir(path.parent)
        yield fd
    finally:
        os.close(fd)  # closing releases the lock


def _lock(fd: int, path: Path) -> None:
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise BatchFileError(f"{path}: another batch run is writing this file.") from None


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
