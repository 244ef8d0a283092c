"""The ``batch`` job on a Ray cluster: same input checks, output lines and resume as :mod:`summarizer.batch.local`.

Input: a JSON-lines file (checked by :func:`summarizer.batch.local.read_records`,
so an invalid line is an error record, not a crash), or a ``.parquet`` file
whose rows are checked the same way (a row without a usable id is named
``"row:<n>"``). Output: a JSON-lines file with the local batch's lines, or a
``.parquet`` file with the columns ``id``, ``ok``, ``result`` (the result
dict as JSON) and ``error``.

How writing stays safe. The driver reads the input, decides what is left to
do exactly as the local batch does (:func:`summarizer.batch.local.plan`), and
writes every error line of a bad record itself. Good records go to a pool of
actors through Ray Data (:func:`summarizer.batch.ray_engine.summarize_dataset`);
their results stream back to the driver, which appends each one with the
local batch's writer (one ``write`` per line, then ``fsync``, under the same
lock). Workers never touch the output, so a killed driver or a lost worker
loses at most the records in flight, and the next run resumes from the lines
already written, with either engine. Lines come in the order results finish,
except that the lines of one id keep their input order (resume matches lines
to records by id and occurrence).

A Parquet file cannot be appended to, so its lines go first to a journal,
``OUT.jsonl`` beside it (``results.parquet.jsonl``), which is what a re-run
resumes from; at the end of each run the Parquet file is rewritten from the
journal (to a temporary name, then renamed). Keep the journal to resume.

Limits: the driver holds the input's records in memory while it sends them
to the cluster; for corpora larger than that, read them with
``ray.data.read_parquet``/``read_json`` in a script and call
:func:`summarizer.batch.ray_engine.summarize_dataset` directly.
"""

from __future__ import annotations

import json
import os
import time
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .local import (
    BatchFileError, BatchProgress, BatchReport, Record, append_line, check_fields, find_duplicates, id_key,
    iter_results, open_output, plan, read_records,
)
from .ray_engine import local_cpus, ray_session, require_ray, result_schema, summarize_dataset


def is_parquet(path: str | os.PathLike[str]) -> bool:
    """Whether a batch file is Parquet (by its extension) rather than JSON lines."""
    return Path(path).suffix.lower() == ".parquet"


def journal_path(out_path: str | os.PathLike[str]) -> Path:
    """The JSON-lines file a run appends to: the output itself, or ``OUT.jsonl`` for a Parquet output."""
    out = Path(out_path)
    return out.with_name(out.name + ".jsonl") if is_parquet(out) else out


def run_ray_batch(
    in_path: str | os.PathLike[str],
    out_path: str | os.PathLike[str],
    *,
    summarizer_kwargs: dict[str, Any] | None = None,
    text_field: str = "text",
    id_field: str = "id",
    options: dict[str, Any] | None = None,
    address: str | None = None,
    num_workers: int = 1,
    gpus_per_worker: float = 0,
    cpus_per_worker: float = 1,
    batch_size: int = 4,
    env_vars: dict[str, str] | None = None,
    progress: BatchProgress | None = None,
) -> BatchReport:
    """Summarize every record of ``in_path`` not yet in ``out_path`` on Ray actors.

    Args:
        in_path: JSON-lines or ``.parquet`` input.
        out_path: JSON-lines or ``.parquet`` output, created or resumed.
        summarizer_kwargs: Arguments of :class:`summarizer.BilingualSummarizer`
            (each actor builds its own).
        text_field: The input field holding the article.
        id_field: The input field holding the record's id.
        options: Per-call options, e.g. ``{"length": "short"}``.
        address: None for a local Ray instance started for this run,
            ``"auto"`` or ``"ray://host:10001"`` for a cluster; an already
            connected session (``ray.init`` in a notebook) is used as it is.
        num_workers: Actors, each loading the models once.
        gpus_per_worker: GPUs per actor.
        cpus_per_worker: CPUs per actor (and its torch threads).
        batch_size: Records handed to an actor at a time.
        env_vars: Extra environment of the actors.
        progress: Called with ``(lines written, lines to write)`` by this run.

    Returns:
        A :class:`summarizer.batch.local.BatchReport`.

    Raises:
        RayNotInstalledError: Ray is missing.
        BatchFileError: As for the local batch (same file, foreign output, another run).
        ModelNotAvailableError: A model cannot be loaded (from the first actor that fails).
        OSError: A file cannot be read or written.
    """
    started = time.perf_counter()
    ray = require_ray()
    journal = journal_path(out_path)
    for target in {Path(out_path), journal}:
        if target.exists() and Path(in_path).resolve() == target.resolve():
            raise BatchFileError("The input and the output are the same file: name another output file.")
    read = read_parquet_records if is_parquet(in_path) else read_records
    records = read(in_path, text_field=text_field, id_field=id_field)
    with open_output(journal) as (fd, done, dropped):
        todo, failed = plan(records, done)
        writer = _Writer(fd, todo, progress or (lambda *_: None))
        for position, record in enumerate(todo):
            if record.error is not None:
                writer.put(position, {"id": record.id, "ok": False, "error": record.error})
        items = [{"id": position, "text": record.text} for position, record in enumerate(todo) if record.error is None]
        if items:
            with ray_session(address, num_cpus=local_cpus(num_workers, cpus_per_worker)):
                dataset = ray.data.from_items(items)
                results = summarize_dataset(
                    dataset, num_workers=num_workers, gpus_per_worker=gpus_per_worker,
                    cpus_per_worker=cpus_per_worker, batch_size=batch_size, summarizer_kwargs=summarizer_kwargs,
                    options=options, env_vars=env_vars,
                )
                results.context.enable_progress_bars = False  # the library never draws; progress is a callback
                results.context.raise_original_map_exception = True  # so _rows can name a model that cannot load
                for row in _rows(results):
                    entry: dict[str, Any] = {"id": todo[row["id"]].id, "ok": row["ok"]}
                    entry.update({"result": json.loads(row["result"])} if row["ok"] else {"error": row["error"]})
                    writer.put(row["id"], entry)
        if writer.written < len(todo):
            raise BatchFileError(f"Ray returned {writer.written} of {len(todo)} results; run again to resume.")
    if is_parquet(out_path):
        write_parquet(journal, out_path)
    return BatchReport(
        records=len(records), skipped=len(records) - len(todo), written=writer.written,
        failed=failed + writer.failed, dropped_partial_line=dropped, seconds=time.perf_counter() - started,
    )


def read_parquet_records(
    in_path: str | os.PathLike[str], *, text_field: str = "text", id_field: str = "id"
) -> list[Record]:
    """The rows of a Parquet file as records, checked like JSON lines (numbered from 1, as ``row <n>``).

    Read on the driver, in file order, so that row numbers (and the ids of
    rows without one) are the same on every run.
    """
    import pyarrow.parquet as pq

    source = pq.ParquetFile(in_path)
    columns = [name for name in (id_field, text_field) if name in source.schema_arrow.names]
    records, number = [], 0
    for batch in source.iter_batches(columns=columns):
        for row in batch.to_pylist():
            number += 1
            records.append(check_fields(row, number, text_field=text_field, id_field=id_field, unit="row"))
    return find_duplicates(records, unit="row")


def write_parquet(journal: str | os.PathLike[str], out_path: str | os.PathLike[str], rows: int = 1000) -> None:
    """Rewrite ``out_path`` from a journal's lines: columns ``id``, ``ok``, ``result`` (JSON), ``error``.

    Ids keep their type when they all share one; mixed ids (``1`` and ``"a"``)
    are written as their JSON text (``1``, ``"a"``), as Parquet columns have one type.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        id_type = pa.array([entry["id"] for entry in iter_results(journal)]).type
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        id_type = None
    schema = result_schema(id_type or pa.string())
    out = Path(out_path)
    partial = out.with_name(out.name + ".partial")
    with pq.ParquetWriter(partial, schema) as parquet:
        chunk: list[dict[str, Any]] = []
        for entry in iter_results(journal):
            chunk.append({
                "id": entry["id"] if id_type else id_key(entry["id"]), "ok": entry["ok"],
                "result": json.dumps(entry["result"], ensure_ascii=False) if entry["ok"] else None,
                "error": entry.get("error"),
            })
            if len(chunk) == rows:
                parquet.write_table(pa.Table.from_pylist(chunk, schema=schema))
                chunk = []
        parquet.write_table(pa.Table.from_pylist(chunk, schema=schema))
    os.replace(partial, out)


class _Writer:
    """Appends output lines as results arrive, keeping the lines of one id in input order."""

    def __init__(self, fd: int, todo: list[Record], progress: BatchProgress):
        self.fd, self.progress, self.total = fd, progress, len(todo)
        self.keys = [id_key(record.id) for record in todo]
        self.queues: dict[str, deque[int]] = {}
        for position, key in enumerate(self.keys):
            self.queues.setdefault(key, deque()).append(position)
        self.ready: dict[int, dict[str, Any]] = {}
        self.written = self.failed = 0
        progress(0, self.total)

    def put(self, position: int, entry: dict[str, Any]) -> None:
        """Take the line of ``todo[position]``; write it and any of its id's later lines it held up."""
        self.ready[position] = entry
        queue = self.queues[self.keys[position]]
        while queue and queue[0] in self.ready:
            line = self.ready.pop(queue.popleft())
            append_line(self.fd, line)
            self.written += 1
            self.failed += not line["ok"]
            self.progress(self.written, self.total)


def _rows(results: Any) -> Iterator[dict[str, Any]]:
    """Result rows as they finish; a library error in a worker (a model that cannot load) is re-raised as itself."""
    from ..errors import SummarizerError

    try:
        yield from results.iter_rows()
    except Exception as error:
        cause = getattr(error, "cause", None)  # Ray's RayTaskError keeps the worker's exception there
        if isinstance(cause, (SummarizerError, OSError)):
            if cause.args and isinstance(cause.args[0], str):  # Ray Data appends lines of retry advice
                cause.args = (cause.args[0].split("\n", 1)[0], *cause.args[1:])
            raise cause from error
        raise
