"""What a CTranslate2 decoding step costs, fixed part against per input: ``python benchmarks/step_cost.py``.

``summarizer.models.sub_batches`` costs a batch of ``n`` inputs decoded for
``L`` steps as ``L * (STEP_COST + n)``: each step has a part that does not
grow with the batch (reading the weights, the output layer's setup, the
threads' hand-offs) and a part per input (its beams' rows). This script
measures the two on the benchmark's converted translators (random weights at
the real sizes, built by ``benchmarks/speed.py`` into ``--workdir``), as a
translator's worker runs them: one thread, beam 4, on real FLORES-200 devtest
sentences (Arabic into opus-mt-ar-en, English into opus-mt-tc-big-en-ar),
every output forced to the same length. For each model it decodes batches of
1, 2, 4 and 8 inputs (best of ``--repeats``) and fits ``seconds = steps *
(fixed + per_input * n)`` by least squares; ``fixed / per_input`` is the step
cost in inputs. The machine should be idle.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import speed  # noqa: E402  (the models and where they are built)

SIZES = (1, 2, 4, 8)
STEPS = 30
TRANSLATORS = {"translator": ("arb_Arab.devtest", ""), "back_translator": ("eng_Latn.devtest", ">>ara<< ")}


def fit(points: list[tuple[int, float]]) -> tuple[float, float]:
    """Least-squares ``y = fixed + per_input * n`` over ``(n, y)`` points."""
    count = len(points)
    mean_n = sum(n for n, _ in points) / count
    mean_y = sum(y for _, y in points) / count
    slope = sum((n - mean_n) * (y - mean_y) for n, y in points) / sum((n - mean_n) ** 2 for n, _ in points)
    return mean_y - slope * mean_n, slope


def measure(folder: str, sentences: list[str], repeats: int) -> list[tuple[int, float]]:
    """Seconds per step for each batch size, best of ``repeats``."""
    from summarizer.models.ct2 import load_ct2_model

    model = load_ct2_model(folder, threads=1, workers=1)
    model.generate(sentences[:1], max_new_tokens=5)
    points = []
    for size in SIZES:
        batch = sentences[:size]
        best = float("inf")
        for _ in range(repeats):
            started = time.perf_counter()
            model.generate(batch, max_new_tokens=STEPS + 1, min_new_tokens=STEPS, num_beams=4)
            best = min(best, time.perf_counter() - started)
        points.append((size, best / STEPS))
    return points


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--workdir", type=Path, default=Path.home() / ".cache" / "bilingual-summarizer-bench")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    shared = speed.shared_dir()
    dirs = speed.build(args.workdir, shared)
    print(f"machine: {speed.machine()}")
    print(f"command: python benchmarks/step_cost.py {' '.join(argv if argv is not None else sys.argv[1:])}".rstrip())
    print(f"one thread, beam 4, {STEPS} steps per batch, best of {args.repeats}")
    print("| model | " + " | ".join(f"{n} input{'s' if n > 1 else ''} ms/step" for n in SIZES)
          + " | fixed ms | per input ms | step cost in inputs |")
    print("|---|" + "---:|" * (len(SIZES) + 3))
    for role, (name, prefix) in TRANSLATORS.items():
        lines = (shared / "eval-data" / "flores200_devtest_arb_eng" / name).read_text(encoding="utf-8").splitlines()
        # Sentences of 20 to 30 words: about as long as a news sentence, alike enough to batch.
        sentences = [prefix + line for line in lines if 20 <= len(line.split()) <= 30][: max(SIZES)]
        points = measure(dirs["ct2"][role], sentences, args.repeats)
        fixed, per_input = fit(points)
        cells = " | ".join(f"{seconds * 1000:.1f}" for _, seconds in points)
        print(f"| {Path(dirs['ct2'][role]).name} | {cells} | {fixed * 1000:.1f} | {per_input * 1000:.1f} "
              f"| {fixed / per_input:.1f} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
