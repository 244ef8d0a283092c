"""The demo's temporary files (summarizer_demo/files.py): old files and empty folders go, new ones and the root stay."""

from __future__ import annotations

import os
import time

from summarizer_demo.files import Sweeper, sweep


def make(path, age: float, now: float) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{}", encoding="utf-8")
    os.utime(path, (now - age, now - age))


def test_sweep_deletes_old_files_and_the_folders_they_leave_empty(tmp_path):
    now = time.time()
    make(tmp_path / "aaa" / "summary.json", 100, now)  # old: goes with its folder
    make(tmp_path / "bbb" / "old.txt", 100, now)
    make(tmp_path / "bbb" / "new.html", 1, now)  # new: stays, so does its folder
    make(tmp_path / "top.json", 100, now)
    (tmp_path / "left-empty" / "deeper").mkdir(parents=True)  # emptied earlier (by Gradio)
    for folder in (tmp_path / "left-empty" / "deeper", tmp_path / "left-empty"):
        os.utime(folder, (now - 5, now - 5))
    (tmp_path / "just-made").mkdir()  # about to receive its file
    assert sweep(tmp_path, max_age=50, now=now) == 3
    left = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*"))
    assert left == ["bbb", "bbb/new.html", "just-made"]
    assert sweep(tmp_path, max_age=50, now=now) == 0 and tmp_path.is_dir()


def test_sweep_of_a_missing_or_empty_folder():
    assert sweep("/no/such/folder", max_age=1) == 0


def test_sweeper_sweeps_at_most_every_period(tmp_path):
    now = time.time()
    sweeper = Sweeper([tmp_path, tmp_path / "missing"], max_age=10, every=0.2)
    make(tmp_path / "a" / "old.json", 60, now)
    assert sweeper.maybe_sweep() == 0  # the first period has not passed
    time.sleep(0.25)
    assert sweeper.maybe_sweep() == 1 and not (tmp_path / "a").exists()
    make(tmp_path / "b" / "old.json", 60, now)
    assert sweeper.maybe_sweep() == 0  # swept a moment ago
