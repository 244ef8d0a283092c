"""The demo's temporary files: deleting the old ones so that a demo running for weeks leaves no growing trail.

Each request leaves files: the upload (Gradio keeps it in its cache folder),
the result's JSON download (ours, and Gradio's copy, each in a folder named by
its hash). Gradio's ``delete_cache`` deletes the files it made on a schedule,
but not the folders they were in, and its scheduled task stops for good if a
request adds a file while it runs (a "set changed size during iteration"
error, seen under load with Gradio 6). :class:`Sweeper` is the demo's own
cleaner: each request may call :meth:`Sweeper.maybe_sweep`, which at most
every ``every`` seconds deletes, under the folders given, the files older than
``max_age`` seconds and then the folders left empty. It is only ever given
folders the demo owns (never a cache folder other programs share).
"""

from __future__ import annotations

import logging
import os
import threading
import time
from pathlib import Path

logger = logging.getLogger("summarizer.demo")

FRESH = 1.0  # seconds: Gradio makes a folder and writes its file at once


def sweep(folder: str | os.PathLike[str], max_age: float, now: float | None = None) -> int:
    """Delete the files under ``folder`` last changed more than ``max_age`` seconds ago, then the empty folders.

    Empty folders go whatever their age (Gradio's ``delete_cache`` leaves them
    behind), except those made in the last second.

    Args:
        folder: The folder to clean; itself is kept, even when empty.
        max_age: Age in seconds (by modification time) past which a file goes.
        now: The time to measure ages from (default: now).

    Returns:
        The number of files deleted. Files that vanish meanwhile or cannot be
        deleted are skipped.
    """
    now = time.time() if now is None else now
    limit = now - max_age
    root = Path(folder)
    removed, emptied = 0, set()
    for parent, dirs, names in os.walk(root, topdown=False):
        for name in names:
            path = Path(parent, name)
            try:
                if path.lstat().st_mtime < limit:
                    path.unlink()
                    removed += 1
                    emptied.add(path.parent)
            except OSError:  # gone already, or not ours to delete
                continue
        for name in dirs:
            path = Path(parent, name)
            try:
                # A folder made this very moment may be about to receive its file: it is left alone.
                if path in emptied or path.lstat().st_mtime < now - FRESH:
                    path.rmdir()  # fails, as it should, if the folder is not empty
                    emptied.add(path.parent)
            except OSError:
                continue
    return removed


class Sweeper:
    """Runs :func:`sweep` on some folders, at most every ``every`` seconds, when asked.

    Args:
        folders: The folders to clean (the demo's own).
        max_age: Age in seconds past which a file is deleted.
        every: Seconds between two sweeps.
    """

    def __init__(self, folders: list[str | os.PathLike[str]], max_age: float, every: float):
        self.folders, self.max_age, self.every = [Path(f) for f in folders], max_age, every
        self._last = time.monotonic()
        self._lock = threading.Lock()

    def maybe_sweep(self) -> int:
        """Sweep if the last sweep is ``every`` seconds old (and no other is running); returns the files deleted."""
        if time.monotonic() - self._last < self.every or not self._lock.acquire(blocking=False):
            return 0
        try:
            self._last = time.monotonic()
            removed = sum(sweep(folder, self.max_age) for folder in self.folders if folder.is_dir())
        finally:
            self._lock.release()
        if removed:
            logger.info("deleted %d temporary files older than %d s", removed, self.max_age)
        return removed
