"""Give the heap's free memory back to the operating system after loading and after each model stage.

glibc's allocator keeps what a program frees for later use instead of
returning it: loading a model (its file read, its weights converted and laid
out for the matrix library), building the fact checks' word lists, and each
model stage's batch buffers (CTranslate2's logits, beam states, encoder
outputs) leave hundreds of MB free but resident, and the next stage's peak
lands on top of them. :func:`release_free_memory` calls glibc's
``malloc_trim(0)``, which hands those pages back. Measured on the 2,500-word
article (``benchmarks/speed.py``, BENCHMARKS.md "Speed"): the default's peak
fell from about 1,520 to about 1,290 MB; the call takes milliseconds.

While a model stage runs (:func:`model_stage`), the heap keeps what is freed
for the next allocation instead. By default glibc serves every allocation over
a threshold (128 KB to 32 MB, adjusted as it goes) with a fresh ``mmap`` and
unmaps it on ``free``: CTranslate2 allocates and frees buffers of that size
many times per decoding step (logits, beam states) and per encoder layer
(attention scores of 58 MB a 1,000-token input), so the kernel mapped, zeroed
and unmapped pages all the time (``perf``: about a fifth of an encoder call in
page faults). During a stage no allocation is served by ``mmap`` and nothing
is trimmed; when the last stage running ends, glibc's defaults come back and
the free memory is handed back (:func:`release_free_memory`). Measured with
``benchmarks/speed.py`` (BENCHMARKS.md "Speed"): the summary stage 1.3x and
the whole default path 1.1x faster, at about the same peak memory.

Two lasting traces: glibc stops adjusting its ``mmap`` threshold once a
setting is made, so it stays where it was; and the heap keeps the address space a stage used, so a large block the
program allocates later may be carved from it rather than mapped, and stays
resident after it is freed until the next stage ends (or anything calls
``malloc_trim``).

Neither changes a result. On systems without glibc (macOS, Windows, Alpine's
musl) both do nothing.
"""

from __future__ import annotations

import ctypes
import functools
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

# mallopt's parameters (malloc.h) and glibc's defaults for them.
_M_TRIM_THRESHOLD, _M_MMAP_MAX = -1, -4
_DEFAULT_TRIM_THRESHOLD, _DEFAULT_MMAP_MAX = 128 * 1024, 65536
_KEEP_ALL = 2**31 - 1  # mallopt takes an int: trim only past 2 GB of free heap top

_stages = 0  # model stages running now, in any thread
_stages_lock = threading.Lock()


@functools.cache
def _glibc(name: str) -> Any:
    """A glibc function (``malloc_trim``, ``mallopt``), or None where the C library has none."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        return getattr(ctypes.CDLL(None), name)
    except (OSError, AttributeError):  # musl and other C libraries
        return None


def _malloc_trim() -> Any:
    return _glibc("malloc_trim")


@contextmanager
def model_stage() -> Iterator[None]:
    """Run a model stage with freed memory kept for reuse (no ``mmap``, no trimming), handed back after.

    Stages may overlap (the demo serves requests on several threads): glibc's
    defaults come back, and the free memory goes back to the system, when the
    last one ends.
    """
    global _stages
    mallopt = _glibc("mallopt")
    with _stages_lock:
        if _stages == 0 and mallopt is not None:
            mallopt(_M_MMAP_MAX, 0)
            mallopt(_M_TRIM_THRESHOLD, _KEEP_ALL)
        _stages += 1
    try:
        yield
    finally:
        with _stages_lock:
            _stages -= 1
            if _stages == 0:
                if mallopt is not None:
                    mallopt(_M_MMAP_MAX, _DEFAULT_MMAP_MAX)
                    mallopt(_M_TRIM_THRESHOLD, _DEFAULT_TRIM_THRESHOLD)
                release_free_memory()


def release_free_memory() -> None:
    """Return the heap's free pages to the operating system (glibc only; elsewhere a no-op)."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
