"""Summarize a Ray Dataset of articles on a pool of Ray actors that each load the models once.

:func:`summarize_dataset` is the notebook entry point: give it a
``ray.data.Dataset`` with an id and a text column, get back a lazy dataset of
result rows, one per input row::

    {"id": <the row's id>, "ok": True, "result": "<BilingualSummary.to_dict() as JSON>", "error": None}
    {"id": <the row's id>, "ok": False, "result": None, "error": "<message>"}

``result`` is a JSON string (``json.loads`` it) because Arrow, which holds Ray
Data's blocks, needs one schema for every row, and the nested result dicts
vary in shape from article to article. Each row is checked and summarized on
its own with the local batch's code (:func:`summarizer.batch.local.check_fields`,
:func:`summarizer.batch.local.summarize_record`), so a bad row or a document that
breaks a model becomes an error row and the others go on; a model that
cannot load stops the job.

Limits: rows come back in no particular order; ids are not checked for
duplicates here (a dataset has no global order to name the first one; the
``batch`` command checks them, see :mod:`summarizer.batch.ray_batch`); each actor
summarizes one record at a time, as the local batch does, so outputs match
it exactly but a GPU is not filled by batching sentences across documents.

Ray is an optional extra: this module imports it inside functions only, and
:func:`require_ray` names the install command when it is missing.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import ModuleType
from typing import TYPE_CHECKING, Any

from .local import check_fields, summarize_record
from ..errors import RayNotInstalledError

if TYPE_CHECKING:
    import pyarrow
    import ray.data

INSTALL = 'pip install "bilingual-summarizer[ray]"'
# Forwarded from the driver so that an offline driver never makes its workers download.
_FORWARDED_ENV = ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")


def require_ray() -> ModuleType:
    """The ``ray`` module with Ray Data imported.

    Raises:
        RayNotInstalledError: Ray is missing; the message names the install command.
    """
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError as error:
        raise RayNotInstalledError(f"The Ray engine needs Ray Data: {INSTALL}") from error
    return ray


@contextmanager
def ray_session(address: str | None = None, *, num_cpus: int | None = None) -> Iterator[None]:
    """Connect to Ray for the duration of a block, unless already connected.

    Args:
        address: None starts a new local Ray instance (a laptop, one
            machine), or joins ``RAY_ADDRESS`` when that is set (as in a job
            given to ``ray job submit``);
            ``"auto"`` joins the cluster this machine is part of;
            ``"ray://host:10001"`` connects to a remote cluster's client server.
        num_cpus: CPUs of the local instance (None: all of this machine's);
            ignored when joining a cluster.

    Raises:
        RayNotInstalledError: Ray is missing.
    """
    ray = require_ray()
    if ray.is_initialized():  # a notebook's or a test's own session: use it, leave it running
        yield
        return
    settings = {}
    if address is None and not os.environ.get("RAY_ADDRESS"):  # else Ray joins RAY_ADDRESS's cluster
        # "local": a new instance even where `ray start` left a cluster running; settings for
        # an instance of our own only, as a cluster's (or a ray:// server's) are its own.
        address = "local"
        settings = {"num_cpus": num_cpus, "include_dashboard": False, "configure_logging": False}
    ray.init(address=address, **settings)
    try:
        yield
    finally:
        ray.shutdown()


def local_cpus(num_workers: int, cpus_per_worker: float) -> int:
    """CPUs to give a local instance: the machine's, or more if the workers reserve more."""
    return max(os.cpu_count() or 1, math.ceil(num_workers * cpus_per_worker))


@dataclass(frozen=True)
class WorkerConfig:
    """What each actor needs: how to build its summarizer, and how to read rows.

    Attributes:
        summarizer_kwargs: Arguments of :class:`summarizer.BilingualSummarizer`
            (``preset``, model overrides, ``device``, ``options``, ...).
        options: Per-call options of ``summarize`` (``strategy``, ``length``).
        text_field: Column holding the article.
        id_field: Column holding the record id.
        torch_threads: Threads of torch in each actor.
    """

    summarizer_kwargs: dict[str, Any] = field(default_factory=dict)
    options: dict[str, Any] = field(default_factory=dict)
    text_field: str = "text"
    id_field: str = "id"
    torch_threads: int = 1


class SummarizeWorker:
    """A Ray Data actor: builds one summarizer (models load on first use) and summarizes batches of rows."""

    def __init__(self, config: WorkerConfig):
        import torch

        from ..pipeline import BilingualSummarizer

        torch.set_num_threads(config.torch_threads)
        self.config = config
        self.summarizer = BilingualSummarizer(**config.summarizer_kwargs)

    def __call__(self, batch: pyarrow.Table) -> pyarrow.Table:
        import pyarrow as pa

        cfg = self.config
        rows = []
        for data in batch.to_pylist():
            record = check_fields(data, None, text_field=cfg.text_field, id_field=cfg.id_field)
            entry = summarize_record(self.summarizer, record, cfg.options)
            result = json.dumps(entry["result"], ensure_ascii=False) if entry["ok"] else None
            rows.append({"id": data.get(cfg.id_field), "ok": entry["ok"], "result": result,
                         "error": entry.get("error")})
        schema = batch.schema
        id_type = schema.field(cfg.id_field).type if cfg.id_field in schema.names else pa.null()
        return pa.Table.from_pylist(rows, schema=result_schema(id_type))


def result_schema(id_type: pyarrow.DataType) -> pyarrow.Schema:
    """The columns of result rows: ``id`` (typed as the input's), ``ok``, ``result`` (JSON), ``error``."""
    import pyarrow as pa

    return pa.schema([("id", id_type), ("ok", pa.bool_()), ("result", pa.string()), ("error", pa.string())])


def summarize_dataset(
    dataset: ray.data.Dataset,
    *,
    text_field: str = "text",
    id_field: str = "id",
    num_workers: int = 1,
    gpus_per_worker: float = 0,
    cpus_per_worker: float = 1,
    batch_size: int = 4,
    summarizer_kwargs: dict[str, Any] | None = None,
    options: dict[str, Any] | None = None,
    env_vars: dict[str, str] | None = None,
) -> ray.data.Dataset:
    """Summarize every row of a dataset on ``num_workers`` actors; lazy, like every Ray Data step.

    Args:
        dataset: Rows with ``id_field`` (a string or a number) and ``text_field``.
        text_field: Column holding the article (text or HTML).
        id_field: Column holding the record id, copied to the result rows.
        num_workers: Actors, each holding its own copy of the models.
        gpus_per_worker: GPUs reserved by each actor (fractions share one GPU);
            with a GPU the summarizer picks CUDA unless ``device`` says otherwise.
        cpus_per_worker: CPUs reserved by each actor; also its torch threads.
        batch_size: Rows handed to an actor at a time (each is summarized on its own).
        summarizer_kwargs: Arguments of :class:`summarizer.BilingualSummarizer`,
            e.g. ``{"preset": "fast", "options": {"summary": {"num_beams": 1}}}``.
        options: Per-call options, e.g. ``{"length": "short"}``.
        env_vars: Extra environment of the actors (``HF_HOME``, ``HF_TOKEN``...);
            ``HF_HUB_OFFLINE``/``TRANSFORMERS_OFFLINE`` are forwarded from this process.

    Returns:
        A dataset of result rows (see the module docstring), in no particular order.

    Raises:
        RayNotInstalledError: Ray is missing.
        ValueError: A worker count or size is not positive.
    """
    ray = require_ray()
    if num_workers < 1 or batch_size < 1 or cpus_per_worker <= 0 or gpus_per_worker < 0:
        raise ValueError("num_workers, batch_size and cpus_per_worker must be positive, gpus_per_worker not negative.")
    threads = max(1, int(cpus_per_worker))
    config = WorkerConfig(dict(summarizer_kwargs or {}), dict(options or {}), text_field, id_field, threads)
    env = {"TOKENIZERS_PARALLELISM": "false", "OMP_NUM_THREADS": str(threads)}
    env.update({name: os.environ[name] for name in _FORWARDED_ENV if name in os.environ})
    env.update(env_vars or {})
    return dataset.map_batches(
        SummarizeWorker, fn_constructor_kwargs={"config": config}, batch_size=batch_size,
        batch_format="pyarrow", compute=ray.data.ActorPoolStrategy(size=num_workers),
        num_cpus=cpus_per_worker, num_gpus=gpus_per_worker or None, runtime_env={"env_vars": env},
    )
