"""Articles per hour of a batch job, one at a time against grouped: ``python benchmarks/articles_per_hour.py``.

Twenty real Arabic articles of the shared data (the 15 XL-Sum articles, 106 to
1,343 words, and the 5 shortest SaudiNewsNet ones, about 2,100 words each) go
through :func:`summarizer.batch.local.run_batch`, what ``summarizer batch``
runs, in four contenders, each in its own process:

* torch, ``group_size=1`` (``summarizer batch``, the default) and
  ``group_size=4`` (``--group 4``: four articles per ``summarize_many`` call,
  their sentences and single-pass summaries batched together);
* the same two on CTranslate2 int8 (``--backend ctranslate2``).

The models, their fixed output lengths and the stand-in outputs are those of
``benchmarks/speed.py`` (random weights at the real sizes of the ``balanced``
preset, built once into ``--workdir``; see its docstring), so a row measures
how the work is scheduled, not what random weights write. Each process loads
its models (``BilingualSummarizer.load``) and warms them up before the clock
starts; the batch is timed from the first record to the last line written.
Reported: seconds, articles per hour, CPU seconds, peak memory (``VmHWM``) and
the other processes' CPU use during the run. The machine should be idle.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import speed  # noqa: E402  (the models, the fixed work, the measurements)

CONTENDERS = {"torch-1": ("torch", 1), "torch-4": ("torch", 4), "ct2-1": ("ct2", 1), "ct2-4": ("ct2", 4)}


def batch_articles(shared: Path) -> list[str]:
    """The 15 XL-Sum articles and the 5 shortest SaudiNewsNet ones, in that order."""
    data = shared / "eval-data"
    xlsum = [t for f in sorted((data / "xlsum_arabic_hf_dummy_sample" / "extracted").glob("*.jsonl"))
             for t in speed._jsonl(f, "text")]
    saudi = speed._jsonl(data / "saudinewsnet_long_articles" / "long_articles_ge2000_words.jsonl", "content")
    return xlsum + sorted(saudi, key=lambda t: (len(t.split()), t))[:5]


def worker(contender: str, workdir: Path) -> None:
    """Run one contender and print its measurements as JSON (the last line of stdout)."""
    from transformers.utils import logging as hf_logging

    import summarizer.pipeline as pipeline
    from summarizer import BilingualSummarizer
    from summarizer.batch.local import run_batch

    hf_logging.set_verbosity_error()
    backend, group = CONTENDERS[contender]
    shared = speed.shared_dir()
    dirs = speed.build(workdir, shared)[backend]
    work = speed.Work(speed.word_pool(shared, "en"), speed.word_pool(shared, "ar"))
    roles = {path: role for role, path in dirs.items()}
    real_load = pipeline.load_model
    pipeline.load_model = lambda name, **kw: speed.FixedLengthModel(real_load(name, **kw), roles[name], work)
    bilingual = BilingualSummarizer(**dirs, device="cpu")
    started = time.perf_counter()
    loaded = [role for role in bilingual.load() if role in speed.ROLES]
    load = time.perf_counter() - started
    for role in loaded:
        bilingual.model(role).inner.generate([speed.WARM_UP[role]], max_new_tokens=5)
    articles = batch_articles(shared)
    with tempfile.TemporaryDirectory() as folder:
        source, output = Path(folder) / "in.jsonl", Path(folder) / "out.jsonl"
        source.write_text("".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n"
                                  for i, t in enumerate(articles)), encoding="utf-8")
        cpu, started = time.process_time(), time.perf_counter()
        report = run_batch(bilingual, source, output, group_size=group)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(json.dumps({"seconds": seconds, "cpu": cpu, "load": load, "ok": report.written - report.failed,
                      "articles": len(articles), "words": sum(len(t.split()) for t in articles),
                      "decoded": work.decoded, "peak_rss_mb": speed.peak_memory_mb()}))


def measure(contender: str, workdir: Path) -> dict:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}  # as speed.py: the caller's
    command = [sys.executable, __file__, "--worker", contender, "--workdir", str(workdir)]
    children, machine_cpu, started = speed._children_cpu(), speed._cpu_seconds(), time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=HERE.parent)
    wall = time.monotonic() - started
    if done.returncode != 0:
        raise SystemExit(f"{contender} failed:\n{done.stderr[-3000:]}")
    out = json.loads(done.stdout.strip().splitlines()[-1])
    out["others"] = max(0.0, (speed._cpu_seconds() - machine_cpu) - (speed._children_cpu() - children)) / wall
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workdir", type=Path, default=Path.home() / ".cache" / "bilingual-summarizer-bench")
    parser.add_argument("--contenders", default=",".join(CONTENDERS), help="comma-separated subset")
    parser.add_argument("--wait-quiet", type=float, default=300, metavar="SECONDS",
                        help="before each contender, wait up to this long for other processes to go idle (0: never)")
    parser.add_argument("--worker", choices=list(CONTENDERS), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker(args.worker, args.workdir)
        return 0
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    speed.build(args.workdir, speed.shared_dir(), log=lambda m: print(m, flush=True))
    print(f"machine: {speed.machine()}", flush=True)
    results = {}
    for contender in args.contenders.split(","):
        if args.wait_quiet:
            speed.wait_until_quiet(args.wait_quiet)
        results[contender] = r = measure(contender, args.workdir)
        print(f"{contender}: {r['seconds']:.1f} s, others busy on {r['others']:.1f} CPUs", flush=True)
    first = next(iter(results.values()))
    print(f"{first['articles']} articles, {first['words']} words; models loaded and warmed up before the clock")
    print("| backend | records per call | seconds | articles per hour | CPU s | peak RSS MB | load s | other CPUs busy |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for contender, r in results.items():
        backend, group = CONTENDERS[contender]
        name = "CTranslate2 int8" if backend == "ct2" else "torch"
        print(f"| {name} | {group} | {r['seconds']:.1f} | {3600 * r['ok'] / r['seconds']:.0f} | {r['cpu']:.1f} "
              f"| {r['peak_rss_mb']:.0f} | {r['load']:.1f} | {r['others']:.1f} |")
    for backend in ("torch", "ct2"):
        one, four = results.get(f"{backend}-1"), results.get(f"{backend}-4")
        if one and four:
            print(f"{backend}: groups of 4 {one['seconds'] / four['seconds']:.2f}x the articles per hour of one at a time")
    return 0


if __name__ == "__main__":
    sys.exit(main())
