"""release_free_memory: freed heap memory goes back to the operating system (glibc), results unchanged."""

from __future__ import annotations

import sys

import pytest

from summarizer.models.memory import _malloc_trim, release_free_memory


def _resident_mb() -> float:
    for line in open("/proc/self/status", encoding="ascii"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


@pytest.mark.skipif(not sys.platform.startswith("linux") or _malloc_trim() is None, reason="glibc only")
def test_freed_heap_is_given_back():
    # 4 KB blocks come from the heap (not mmap); the last one keeps the heap's top in use,
    # so free() alone cannot shrink it: the pages below stay resident until trimmed.
    blocks = [bytearray(4096) for _ in range(50_000)]
    keep = blocks[-1]
    del blocks
    before = _resident_mb()
    release_free_memory()
    after = _resident_mb()
    assert before - after > 100, (before, after)
    assert len(keep) == 4096


def test_it_is_safe_to_call_anywhere_and_often():
    for _ in range(3):
        release_free_memory()
