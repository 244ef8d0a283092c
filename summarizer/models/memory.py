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

It changes no result. On systems without glibc (macOS, Windows, Alpine's musl)
it does nothing.
"""

from __future__ import annotations

import ctypes
import functools
import sys
from typing import Any


@functools.cache
def _malloc_trim() -> Any:
    """glibc's ``malloc_trim``, or None where the C library has none."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):  # musl and other C libraries
        return None


def release_free_memory() -> None:
    """Return the heap's free pages to the operating system (glibc only; elsewhere a no-op)."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
