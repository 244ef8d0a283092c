"""release_free_memory and model_stage: freed heap memory reused during a stage and given back after (glibc)."""

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


GLIBC = pytest.mark.skipif(not sys.platform.startswith("linux") or _malloc_trim() is None, reason="glibc only")

# Run in a fresh process: what a 200 MB block does when freed depends on the heap's history
# (a block carved from a hole earlier stages left is never unmapped).
_PRELUDE = """
import threading
from summarizer.models import memory
from summarizer.models.memory import model_stage

SIZE = 200 * 2**20

def resident():
    for line in open("/proc/self/status", encoding="ascii"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024

def touched():
    block = bytearray(SIZE)
    block[::4096] = b"\\1" * len(range(0, SIZE, 4096))  # every page resident
    return block

before = resident()
"""

_ONE_STAGE = """
block = touched()
del block  # outside a stage: a block this size is unmapped as soon as it is freed
assert resident() - before < 50, (before, resident())
with model_stage():
    block = touched()
    del block  # inside: kept in the heap for the next allocation
    kept = resident()
    assert kept - before > 150, (before, kept)
    again = touched()  # reused, not mapped again
    assert resident() - kept < 50, (kept, resident())
    del again
assert resident() - before < 50, (before, resident())  # the stage's end gave it back
"""

_OVERLAPPING = """
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
block = touched()
del block  # the other request's stage still runs: freed memory is still kept
assert resident() - before > 150, (before, resident())
second_done.set()
thread.join()
assert memory._stages == 0
assert resident() - before < 50, (before, resident())  # the last stage's end gave it back
"""


def _run(body: str) -> None:
    import subprocess

    done = subprocess.run([sys.executable, "-c", _PRELUDE + body], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]


@GLIBC
def test_a_stage_keeps_freed_memory_for_reuse_and_gives_it_back_when_it_ends():
    _run(_ONE_STAGE)


@GLIBC
def test_overlapping_stages_restore_the_defaults_when_the_last_one_ends():
    _run(_OVERLAPPING)
