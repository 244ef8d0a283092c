"""Where a CTranslate2 int8 decoding step spends its matrix time: ``python benchmarks/output_layer.py``.

Runs one beam-4 decoding call per model of the default chain (the benchmark's converted models:
random weights at the real sizes, built by ``benchmarks/speed.py`` into ``--workdir``), one
thread, outputs forced to ``--steps`` tokens, in a child process with ``MKL_VERBOSE=1``, and
sums the time MKL reports per matrix product: the output layer (the vocabulary projection,
``N`` = the vocabulary) against every other linear layer of the decoder and the encoder. It also
says whether each was *packed* (weights laid out once at load, ``GEMM_S8U8S32_COMPUTE``) or
multiplied unpacked (``GEMM_S8U8S32``, which lays the weight matrix out again on every call).

Only meaningful where CTranslate2 runs int8 through MKL (an Intel CPU); elsewhere it prints
that MKL reported nothing.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
MODELS = {  # role: (folder under <workdir>/ct2, input tokens, sentences per call)
    "translator": ("opus-mt-ar-en", ["▁the"] * 45 + ["</s>"], 8),
    "summarizer": ("distilbart-cnn-12-6", ["<s>"] + ["Ġthe"] * 1000 + ["</s>"], 1),
    "back_translator": ("opus-mt-tc-big-en-ar", [">>ara<<"] + ["▁the"] * 30 + ["</s>"], 8),
}
_CALL = re.compile(r"MKL_VERBOSE (GEMM_S8U8S32(?:_COMPUTE)?)\(([^)]*)\) ([0-9.]+)(ms|us|s)")


def child(folder: str, role: str, steps: int) -> None:
    import ctranslate2

    model = ctranslate2.Translator(folder, device="cpu", compute_type="int8", inter_threads=1, intra_threads=1)
    _, tokens, batch = MODELS[role]
    model.translate_batch([tokens] * batch, beam_size=4, max_decoding_length=steps, min_decoding_length=steps)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workdir", type=Path, default=Path.home() / ".cache" / "bilingual-summarizer-bench")
    parser.add_argument("--steps", type=int, default=60)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], args.child[1], args.steps)
        return
    print("| model | output layer ms (calls, packed?) | other layers ms (calls, packed?) | output layer share |")
    print("|---|---:|---:|---:|")
    for role, (name, _, _) in MODELS.items():
        folder = args.workdir / "ct2" / name
        if not (folder / "model.bin").is_file():
            sys.exit(f"{folder} is missing: run python benchmarks/speed.py --quick first")
        run = subprocess.run([sys.executable, __file__, "--steps", str(args.steps), "--child", str(folder), role],
                             env=dict(os.environ, MKL_VERBOSE="1"), capture_output=True, text=True, check=True)
        totals: dict[str, float] = defaultdict(float)
        calls: dict[str, int] = defaultdict(int)
        kinds: dict[str, set[str]] = defaultdict(set)
        vocab = 0
        for kind, shape, value, unit in _CALL.findall(run.stdout + run.stderr):
            n = int(shape.split(",")[3])  # the output width of the product
            vocab = max(vocab, n)
            key = "output" if n > 20_000 else "other"
            totals[key] += float(value) * {"s": 1000, "ms": 1, "us": 0.001}[unit]
            calls[key] += 1
            kinds[key].add("packed" if kind.endswith("COMPUTE") else "unpacked")
        if not calls:
            print(f"| {name} | MKL reported nothing (not an Intel CPU?) | | |")
            continue
        share = totals["output"] / (totals["output"] + totals["other"])
        print(f"| {name} (vocabulary {vocab:,}) | {totals['output']:.0f} ({calls['output']}, "
              f"{'/'.join(sorted(kinds['output']))}) | {totals['other']:.0f} ({calls['other']}, "
              f"{'/'.join(sorted(kinds['other']))}) | {share:.0%} |")


if __name__ == "__main__":
    main()
