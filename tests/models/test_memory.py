"""release_free_memory and model_stage: freed heap memory reused during a stage and given back after (glibc)."""

from __future__ import annotations

import sys

import pytest

import threading

from summarizer.models import memory
from summarizer.models.memory import _malloc_trim, model_stage, release_free_memory


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


GLIBC = pytest.mark.skipif(not sys.platform.startswith("linux") or _malloc_trim() is None, reason="glibc only")


def _touched(size: int) -> bytearray:
    block = bytearray(size)
    block[::4096] = b"\1" * len(range(0, size, 4096))  # every page resident
    return block


@GLIBC
def test_a_stage_keeps_freed_memory_for_reuse_and_gives_it_back_when_it_ends():
    size = 200 * 2**20
    before = _resident_mb()
    block = _touched(size)
    del block  # outside a stage: a block this size is unmapped as soon as it is freed
    assert _resident_mb() - before < 50
    with model_stage():
        block = _touched(size)
        del block  # inside: kept in the heap for the next allocation
        kept = _resident_mb()
        assert kept - before > 150, (before, kept)
        again = _touched(size)  # reused, not mapped again
        assert _resident_mb() - kept < 50
        del again
    assert _resident_mb() - before < 50  # the stage's end gave it back
    block = _touched(size)
    del block  # and glibc's defaults are back
    assert _resident_mb() - before < 50


@GLIBC
def test_overlapping_stages_restore_the_defaults_when_the_last_one_ends():
    size = 200 * 2**20
    before = _resident_mb()
    first_in, second_done = threading.Event(), threading.Event()

    def other_request():
        with model_stage():
            first_in.set()
            second_done.wait(10)

    thread = threading.Thread(target=other_request)
    thread.start()
    first_in.wait(10)
    with model_stage():
        pass
    # The other request's stage still runs: freed memory is still kept.
    block = _touched(size)
    del block
    assert _resident_mb() - before > 150
    second_done.set()
    thread.join()
    assert memory._stages == 0
    assert _resident_mb() - before < 50
