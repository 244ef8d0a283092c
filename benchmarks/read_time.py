"""Time the front end on real pages: ``python benchmarks/read_time.py [--checkout DIR ...] [--repeats 2]``.

Reads every page of ``../shared/eval-data/extraction-benchmark/pages`` (trafilatura's
evaluation pages, decoded as its project decodes them) with ``read_article`` and prints
the seconds and the characters of article text read. Each ``--checkout`` (default: this
one) runs in its own process, its ``summarizer`` package imported from that folder, so two
commits can be compared side by side: ``git worktree add /tmp/old <commit>`` and
``--checkout /tmp/old --checkout .``. Runs are interleaved; the characters read show
whether the outputs differ.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PAGES = REPO.parent / "shared" / "eval-data" / "extraction-benchmark" / "pages"


def one_run(checkout: Path) -> None:
    """Read every page with the checkout's code; print seconds and characters."""
    sys.path.insert(0, str(checkout))
    import summarizer
    from trafilatura.utils import decode_file

    assert Path(summarizer.__file__).is_relative_to(checkout), summarizer.__file__
    pages = [decode_file(p.read_bytes()) for p in sorted(PAGES.iterdir())]
    started = time.perf_counter()
    texts = [summarizer.read_article(page).text for page in pages]
    print(f"{checkout}: {len(pages)} pages in {time.perf_counter() - started:.1f} s, "
          f"{sum(map(len, texts)):,} characters of article text")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--checkout", action="append", type=Path, help="a folder holding summarizer/ (repeatable)")
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        one_run(args.one.resolve())
        return
    if not PAGES.is_dir():
        sys.exit(f"no pages at {PAGES}")
    for _ in range(args.repeats):
        for checkout in args.checkout or [REPO]:
            subprocess.run([sys.executable, __file__, "--one", str(checkout)], check=True)


if __name__ == "__main__":
    main()
