"""Float32 linear layers on the CPU, torch's own (MKL) against oneDNN: ``python benchmarks/linear_kernels.py``.

``summarizer.models.cpu_linear`` runs the torch models' float32 ``nn.Linear``
layers through oneDNN's inner product. This script times both kernels on the
layer shapes of the ``balanced`` preset's models (distilbart-cnn-12-6: 1,024
wide, 4,096 feed-forward, 50,265 outputs; opus-mt-ar-en: 512, 2,048, 62,834;
opus-mt-tc-big-en-ar has distilbart's widths and 61,247 outputs), with the row
counts the pipeline gives them: 4 (one input at beam 4), 32 (8 sentences at
beam 4), 128, and 985 (a summary's encoder over a 985-token article). Random
weights and inputs (speed does not depend on the values); milliseconds per
call, best of ``--repeats`` runs of several calls, and the largest difference
between the two results. Uses torch's thread count (``--threads``, default
all cores). The machine should be idle.
"""

from __future__ import annotations

import argparse
import os
import time

SHAPES = {
    "distilbart output layer": (1024, 50265),
    "distilbart feed-forward in": (1024, 4096),
    "distilbart feed-forward out": (4096, 1024),
    "distilbart attention projection": (1024, 1024),
    "opus-mt-ar-en output layer": (512, 62834),
    "opus-mt-ar-en feed-forward in": (512, 2048),
    "opus-mt-ar-en feed-forward out": (2048, 512),
    "opus-mt-ar-en attention projection (left to torch)": (512, 512),
}
ROWS = (4, 32, 128, 985)


def best_ms(call, calls: int, repeats: int) -> float:
    """Milliseconds per call, best of ``repeats`` runs of ``calls`` calls (after two warm-up calls)."""
    call()
    call()
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        for _ in range(calls):
            call()
        best = min(best, (time.perf_counter() - started) / calls)
    return best * 1000


def main() -> None:
    import torch

    from summarizer.models.cpu_linear import _onednn, _onednn_works

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    if not _onednn_works():
        raise SystemExit("This torch build has no usable oneDNN linear (torch.ops.mkldnn._linear_pointwise).")
    print(f"torch {torch.__version__}, {args.threads} threads, {torch.backends.cpu.get_cpu_capability()}")
    print("| layer | in -> out | rows | torch (MKL) ms | oneDNN ms | speed-up | max difference |")
    print("|---|---|---:|---:|---:|---:|---:|")
    generator = torch.Generator().manual_seed(0)
    with torch.inference_mode():
        for name, (inputs, outputs) in SHAPES.items():
            weight = torch.randn(outputs, inputs, generator=generator) / inputs**0.5
            bias = torch.randn(outputs, generator=generator)
            for rows in ROWS:
                x = torch.randn(rows, inputs, generator=generator)
                calls = max(3, int(3e9 / (rows * inputs * outputs + 3e7)))
                mkl = best_ms(lambda: torch.nn.functional.linear(x, weight, bias), calls, args.repeats)
                onednn = best_ms(lambda: _onednn(x, weight, bias), calls, args.repeats)
                difference = (_onednn(x, weight, bias) - torch.nn.functional.linear(x, weight, bias)).abs().max().item()
                print(f"| {name} | {inputs} -> {outputs} | {rows} | {mkl:.2f} | {onednn:.2f} | {mkl / onednn:.2f}x "
                      f"| {difference:.1e} |", flush=True)


if __name__ == "__main__":
    main()
