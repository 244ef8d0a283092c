"""The translation stage's calls one after the other, or queued: ``python benchmarks/translate_calls.py``.

``summarizer.translate.Translator`` sends a long article's sentences in several
calls (progress and the ``done`` callback follow each). Run one after the
other, a call ends when its slowest batch does, and the other worker waits.
``TextModel.generate_each`` lets a CTranslate2 model with several workers queue
the next call's batches behind the current one's instead. This script
translates the stage's sentences of long SaudiNewsNet articles (``--articles``
of them, spread over the file's lengths; the benchmark's article is among the
file's) both ways, interleaved, on the benchmark's default translator (random
weights at opus-mt-ar-en's size, converted to CTranslate2 int8, the library's
own workers; every output fixed at 1.1x its input's tokens, as in
``benchmarks/speed.py``). The machine should be idle.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import speed

ARTICLES = "saudinewsnet_long_articles/long_articles_ge2000_words.jsonl"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--workdir", type=Path, default=Path.home() / ".cache" / "bilingual-summarizer-bench")
    parser.add_argument("--articles", type=int, default=6)
    parser.add_argument("--repeats", type=int, default=2)
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    shared = speed.shared_dir()
    dirs = speed.build(args.workdir, shared)
    os.environ.setdefault("SUMMARIZER_CT2_DIR", str(args.workdir / "auto-ct2"))
    work = speed.Work(speed.word_pool(shared, "en"), speed.word_pool(shared, "ar"))

    from summarizer import split_sentences
    from summarizer.models.base import TextModel
    from summarizer.models.loading import load_model
    from summarizer.models.memory import model_stage
    from summarizer.translate import Translator

    texts = sorted(speed._jsonl(shared / "eval-data" / ARTICLES, "content"), key=lambda t: (len(t.split()), t))
    step = max(1, len(texts) // args.articles)
    chosen = texts[::step][: args.articles]
    model = speed.FixedLengthModel(load_model(dirs["torch"]["translator"]), "translator", work)
    model.inner.generate([speed.WARM_UP["translator"]], max_new_tokens=5)
    queued, counted = model.generate_each, []

    def counting(way):
        def run(calls):
            calls = list(calls)
            counted.append(len(calls))
            return way(calls)
        return run

    # TextModel's own generate_each: each call waited for before the next is sent (the library before).
    ways = {"one after the other": counting(lambda calls: TextModel.generate_each(model, calls)),
            "queued (generate_each)": counting(queued)}
    print(f"machine: {speed.machine()}")
    print(f"command: python benchmarks/translate_calls.py {' '.join(argv if argv is not None else sys.argv[1:])}".rstrip())
    print(f"translator: {model.inner.workers} workers x {model.inner.threads // model.inner.workers} thread(s), "
          f"batches of {model.inner.max_batch_size}; median of {args.repeats} interleaved runs")
    print("| article words | sentences | calls | " + " | ".join(f"{way} s" for way in ways) + " | saved |")
    print("|---:|---:|---:|" + "---:|" * (len(ways) + 1))
    totals = dict.fromkeys(ways, 0.0)
    for text in chosen:
        sentences = split_sentences(text)
        seconds: dict[str, list[float]] = {way: [] for way in ways}
        for repeat in range(args.repeats):
            for way in (list(ways) if repeat % 2 == 0 else list(ways)[::-1]):
                model.generate_each = ways[way]
                started = time.perf_counter()
                with model_stage():
                    Translator(model).translate(sentences)
                seconds[way].append(time.perf_counter() - started)
        medians = {way: statistics.median(values) for way, values in seconds.items()}
        for way, value in medians.items():
            totals[way] += value
        first, last = medians.values()
        print(f"| {len(text.split())} | {len(sentences)} | {counted[-1]} | "
              + " | ".join(f"{value:.2f}" for value in medians.values()) + f" | {1 - last / first:.0%} |", flush=True)
    first, last = totals.values()
    print("| all | | | " + " | ".join(f"{value:.2f}" for value in totals.values()) + f" | {1 - last / first:.0%} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
