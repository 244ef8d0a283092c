"""Records per second of ``summarizer batch``, local engine against Ray: ``python benchmarks/batch_throughput.py``.

Contenders, each a fresh ``python -m summarizer.cli batch IN OUT ...`` process
timed from start to exit (imports, Ray start-up, actor start-up, model
loading, summarizing, writing):

* **local**: the default engine, one record at a time in one process;
* **ray, N workers**: ``--engine ray --num-workers N`` on a local Ray instance
  started by the command (one CPU and one torch thread per worker).

Every process gets ``OMP_NUM_THREADS=1`` (one torch thread, as each Ray
worker has), ``HF_HUB_OFFLINE=1``, the same records, the same tiny random
models (:func:`summarizer.testing.build_tiny_models`, built once per run) and
the same options (greedy, short abstracts, direct strategy). Tiny models make
each record cheap, so this measures what the engine adds (start-up, moving
records and results, writing), not model speed: with real models a record
costs seconds and the fixed costs fade.

Each contender runs twice per repeat, on ``--records`` and on
``--small`` records, into a fresh output; from the two, ``fixed s`` (the cost
of a run with no records, extrapolated) and ``marginal records/s`` (the rate
once running) are derived. Contenders are interleaved, and each number is the
median over ``--repeats``.

The records are made-up Arabic news sentences (two or three each, from a
small vocabulary written here), ids ``doc-0`` onwards; nothing is read from
the shared data.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SUBJECTS = ["أعلنت البلدية", "قال الوزير", "أكدت الحكومة", "ذكر المدير", "أفاد التقرير", "أوضحت اللجنة"]
VERBS = ["افتتاح", "تأجيل", "إطلاق", "توسيع", "إصلاح", "تمويل"]
OBJECTS = ["مشروع المياه", "المستشفى الجديد", "الطريق الساحلي", "سوق المدينة", "المدرسة الثانوية"]
TAILS = ["في الشهر المقبل", "خلال العام الحالي", "بعد موافقة المجلس", "وفق بيان رسمي"]
OPTIONS = ["--num-beams", "1", "--length", "short", "--strategy", "direct", "--no-progress"]


def records(count: int, seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    lines = []
    for i in range(count):
        sentences = []
        for _ in range(rng.choice((2, 2, 3))):
            tail = f" {rng.choice(TAILS)}" if rng.random() < 0.3 else ""
            sentences.append(f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}{tail}.")
        lines.append(json.dumps({"id": f"doc-{i}", "text": " ".join(sentences)}, ensure_ascii=False))
    return lines


def run_batch(src: Path, out: Path, engine_args: list[str], model_args: list[str]) -> float:
    """Seconds of one batch command, start to exit; fails loudly when a record fails."""
    out.unlink(missing_ok=True)
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "OMP_NUM_THREADS": "1", "TOKENIZERS_PARALLELISM": "false"}
    command = [sys.executable, "-m", "summarizer.cli", "batch", str(src), str(out), *engine_args, *model_args]
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(engine_args) or 'local'} failed:\n{done.stderr[-3000:]}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=200)
    parser.add_argument("--small", type=int, default=20, help="records of the second, short run (fixed costs)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="Ray worker counts to try")
    args = parser.parse_args()

    from summarizer.testing import build_tiny_models

    contenders = {"local": []} | {f"ray, {n} worker{'s' * (n > 1)}": ["--engine", "ray", "--num-workers", str(n)]
                                  for n in args.workers}
    times: dict[str, dict[int, list[float]]] = {name: {args.records: [], args.small: []} for name in contenders}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        models = build_tiny_models(work / "models")
        model_args = [item for role, path in models.items() for item in (f"--{role.replace('_', '-')}", path)]
        inputs = {}
        for count in (args.records, args.small):
            inputs[count] = work / f"in-{count}.jsonl"
            inputs[count].write_text("\n".join(records(count)) + "\n", encoding="utf-8")
        for repeat in range(args.repeats):
            for name, engine_args in contenders.items():
                for count, src in inputs.items():
                    seconds = run_batch(src, work / "out.jsonl", engine_args, model_args + OPTIONS)
                    times[name][count].append(seconds)
                    print(f"repeat {repeat + 1}: {name}, {count} records: {seconds:.1f} s", file=sys.stderr)

    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else ""
    import ray

    print(f"Machine: {os.cpu_count()} CPUs ({cpu}), Python {platform.python_version()}, ray {ray.__version__}; "
          f"{args.records} and {args.small} records, median of {args.repeats}.\n")
    print(f"| engine | wall s ({args.records} records) | records/s | fixed s | marginal records/s |")
    print("|---|---:|---:|---:|---:|")
    for name in contenders:
        big, small = (statistics.median(times[name][n]) for n in (args.records, args.small))
        marginal = (args.records - args.small) / (big - small) if big > small else float("nan")
        fixed = small - args.small / marginal
        print(f"| {name} | {big:.1f} | {args.records / big:.2f} | {fixed:.1f} | {marginal:.2f} |")


if __name__ == "__main__":
    main()
