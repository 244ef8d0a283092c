"""Where a CTranslate2 decoding step's time goes on this CPU: ``python benchmarks/int8_gemm.py``.

A decoding step of one input reads every weight of the decoder once: its
linear layers (the cross-attention's key and value projections excepted,
computed once per input) and the output layer. In int8 that is one byte a
weight, so a step cannot take less than ``weight bytes / memory bandwidth``.
This script sets three figures against that floor, for each of the three
models of the speed benchmark (random weights at the real sizes of the
``balanced`` preset, built by ``benchmarks/speed.py`` into ``--workdir``):

* **CTranslate2 int8**, as the fast path loads it (one worker, every core):
  milliseconds per decoding step of one short real input (a FLORES-200
  devtest sentence, so the encoder and the cross-attention cost next to
  nothing) at beam 1 and beam 4, from ``(t(1 + STEPS) - t(1)) / STEPS`` with
  every output forced to its length; the whole step, not only its matrix
  products.
* **torch's dynamic int8 linear layers** (FBGEMM, weights packed once when
  quantized): the sum over the same layers of one call each at 1 and 4 rows
  (beam 1 and beam 4 of one input); matrix products only.
* **torch float32 through oneDNN** (what the default torch path runs since
  ``summarizer.models.cpu_linear``): the same sum.

Memory bandwidth: the best of three sums over a 1 GiB float32 tensor on every
core. Each figure is the best of ``--repeats``. The machine should be idle.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import warnings
from collections import Counter
from pathlib import Path
from typing import Any, Callable

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import speed  # noqa: E402  (the models and where they are built)

STEPS = 60
MODELS = {  # role: (FLORES-200 devtest file of its input language, prefix)
    "translator": ("arb_Arab.devtest", ""),
    "summarizer": ("eng_Latn.devtest", ""),
    "back_translator": ("eng_Latn.devtest", ">>ara<< "),
}


def best_of(repeats: int, call: Callable[[], Any]) -> float:
    """Seconds of the fastest of ``repeats`` calls, after one not counted."""
    call()
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        call()
        best = min(best, time.perf_counter() - started)
    return best


def step_shapes(folder: str) -> Counter[tuple[int, int]]:
    """``(in, out)`` of every linear layer a decoding step runs, with how many of each."""
    import torch
    from transformers import AutoModelForSeq2SeqLM

    model = AutoModelForSeq2SeqLM.from_pretrained(folder)
    shapes: Counter[tuple[int, int]] = Counter()
    for name, module in model.get_decoder().named_modules():
        once_per_input = name.endswith(("encoder_attn.k_proj", "encoder_attn.v_proj"))
        if isinstance(module, torch.nn.Linear) and not once_per_input:
            shapes[(module.in_features, module.out_features)] += 1
    head = model.get_output_embeddings()
    shapes[(head.in_features, head.out_features)] += 1
    return shapes


def ct2_step_ms(model: Any, text: str, beams: int, repeats: int) -> float:
    """Milliseconds per decoding step of a converted model on ``text``, at ``beams``."""

    def decode(steps: int) -> Callable[[], Any]:
        return lambda: model.generate([text], max_new_tokens=steps + 1, min_new_tokens=steps, num_beams=beams)

    return (best_of(repeats, decode(1 + STEPS)) - best_of(repeats, decode(1))) / STEPS * 1000


def torch_step_ms(shapes: Counter[tuple[int, int]], rows: tuple[int, ...], repeats: int) -> dict[int, tuple[float, float]]:
    """Milliseconds of one step's linear layers at each of ``rows``: (FBGEMM int8, float32 through oneDNN)."""
    import torch

    from summarizer.models.cpu_linear import _onednn

    times = {n: [0.0, 0.0] for n in rows}
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # torch.ao.quantization's deprecation notices
        for (n_in, n_out), count in shapes.items():
            layer = torch.nn.Linear(n_in, n_out)
            quantized = torch.ao.quantization.quantize_dynamic(
                torch.nn.Sequential(layer), {torch.nn.Linear}, dtype=torch.qint8)[0]
            for n in rows:
                x = torch.randn(n, n_in)
                times[n][0] += count * best_of(repeats, lambda: quantized(x)) * 1000
                times[n][1] += count * best_of(repeats, lambda: _onednn(x, layer.weight, layer.bias)) * 1000
    return {n: (int8, float32) for n, (int8, float32) in times.items()}


def bandwidth_gb_s() -> float:
    """Bytes a second that a sum over 1 GiB of float32 reads, on every core."""
    import torch

    data = torch.ones(2**28)
    return data.numel() * 4 / best_of(3, data.sum) / 1e9


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--workdir", type=Path, default=Path.home() / ".cache" / "bilingual-summarizer-bench")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch
    from transformers.utils import logging as hf_logging

    from summarizer.models.ct2 import cpu_cores, load_ct2_model

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()

    shared = speed.shared_dir()
    dirs = speed.build(args.workdir, shared)
    torch.set_num_threads(cpu_cores())
    print(f"machine: {speed.machine()}")
    print(f"command: python benchmarks/int8_gemm.py {' '.join(argv if argv is not None else sys.argv[1:])}".rstrip())
    bandwidth = bandwidth_gb_s()
    print(f"{cpu_cores()} threads; memory read bandwidth {bandwidth:.1f} GB/s; {STEPS} steps; best of {args.repeats}")
    print("| model | int8 weights per step MB | bandwidth floor ms | CTranslate2 int8 beam 1 / beam 4 ms/step "
          "| CTranslate2 beam 1 reads GB/s | FBGEMM int8 1 / 4 rows ms | oneDNN float32 1 / 4 rows ms |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for role, (name, prefix) in MODELS.items():
        lines = (shared / "eval-data" / "flores200_devtest_arb_eng" / name).read_text(encoding="utf-8").splitlines()
        text = prefix + next(line for line in lines if 20 <= len(line.split()) <= 30)
        shapes = step_shapes(dirs["torch"][role])
        weights = sum(n_in * n_out * count for (n_in, n_out), count in shapes.items())
        converted = load_ct2_model(dirs["ct2"][role], workers=1)
        beam1, beam4 = (ct2_step_ms(converted, text, beams, args.repeats) for beams in (1, 4))
        (int8_1, float32_1), (int8_4, float32_4) = torch_step_ms(shapes, (1, 4), args.repeats).values()
        print(f"| {speed.MODELS[role]['dir']} | {weights / 1e6:.0f} | {weights / bandwidth / 1e6:.1f} "
              f"| {beam1:.1f} / {beam4:.1f} | {weights / beam1 / 1e6:.1f} "
              f"| {int8_1:.1f} / {int8_4:.1f} | {float32_1:.1f} / {float32_4:.1f} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
