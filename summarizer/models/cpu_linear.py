"""Float32 linear layers on the CPU through oneDNN instead of torch's BLAS call.

torch computes an ``nn.Linear`` on the CPU with its BLAS (``addmm``; MKL in the
PyPI wheels). For the few rows of a decoding step (4 beams of one input, 32
rows for a batch of 8 sentences) MKL's sgemm on an AMD EPYC was 2-3.6x slower
than oneDNN's inner product, which torch bundles too
(``torch.ops.mkldnn._linear_pointwise``). Measured on 2 AMD EPYC cores
(AVX2; ``python benchmarks/linear_kernels.py``), 4 rows: distilbart's output
layer (1,024 -> 50,265) 75 ms against 21 ms, its 1,024 -> 4,096 layer 4.3 ms
against 1.5 ms; the summary call of a 985-token article, 142 tokens at beam 4,
37.4 s against 20.1 s (BENCHMARKS.md). At 985 rows (the encoder) the two are
within 5% of each other, except the output layers (1.2-1.5x for oneDNN). oneDNN
costs some 30 us more per call, so only layers of at least ``MIN_WEIGHTS``
weights (a 1,024 x 1,024 projection) are switched: a 512 x 512 one at 4 rows
took 0.08 ms on torch's and 0.11 ms on oneDNN's.

:func:`use_onednn_linears` gives the large float32 ``nn.Linear`` layers of a model a
forward that calls oneDNN when no gradient is needed, and torch's own otherwise
(training, other dtypes, other devices). The weights stay where they are (no
copy, tied weights stay tied). It is the same float32 arithmetic summed in
another order: outputs differ from torch's by rounding (up to 1e-5 on values of
order 1), as they do between BLAS builds, so a beam search can pick another
token where two candidates are nearly tied. Layers are left alone when this
torch build lacks the operation or gives different results on a probe.

Not used for bfloat16 or float16 weights (torch has paths of its own for them),
on GPUs, or by the CTranslate2 backend (its own kernels). It calls a private
torch operation and swaps module classes, so it is opt-in
(``linear_kernel="onednn"``): the default on a CPU is CTranslate2, and torch on a
CPU keeps torch's own layers unless asked. ``tests/models/test_cpu_linear.py``
fails if a torch release drops or changes the operation.
"""

from __future__ import annotations

import functools
import logging
from typing import Any

from ..errors import InputError

__all__ = ["LINEAR_KERNELS", "MIN_WEIGHTS", "check_linear_kernel", "use_onednn_linears"]

LINEAR_KERNELS = ("onednn", "torch")
# Below this many weights, oneDNN's extra ~30 us per call costs more than it saves
# (512 x 512 at 4 rows: 0.08 ms on torch's, 0.11 ms on oneDNN's; benchmarks/linear_kernels.py).
MIN_WEIGHTS = 1 << 20

logger = logging.getLogger("summarizer")


def check_linear_kernel(name: str) -> None:
    """Refuse an unknown ``linear_kernel``, naming the choices.

    Raises:
        InputError: ``name`` is not one of ``LINEAR_KERNELS``.
    """
    if name not in LINEAR_KERNELS:
        raise InputError(f"Unknown linear_kernel {name!r}: choose one of {', '.join(LINEAR_KERNELS)}.")


def use_onednn_linears(model: Any, min_weights: int | None = None) -> int:
    """Run the large CPU float32 ``nn.Linear`` layers of ``model`` through oneDNN; how many were switched.

    Args:
        model: A torch module, on the CPU.
        min_weights: Switch only layers with at least this many weights;
            None for ``MIN_WEIGHTS``.

    Returns:
        The number of layers switched: 0 when oneDNN is not usable in this
        torch build (the model is then unchanged).
    """
    import torch

    if not _onednn_works():
        logger.info("oneDNN linear layers not available in this torch build: torch's own kept")
        return 0
    fast = _linear_class()
    smallest = MIN_WEIGHTS if min_weights is None else min_weights
    switched = 0
    for module in model.modules():
        if type(module) is not torch.nn.Linear:
            continue
        weight = module.weight
        if weight.dtype == torch.float32 and weight.device.type == "cpu" and weight.numel() >= smallest:
            module.__class__ = fast
            switched += 1
    return switched


def _onednn(inputs: Any, weight: Any, bias: Any) -> Any:
    import torch

    return torch.ops.mkldnn._linear_pointwise(inputs, weight, bias, "none", [], "")


@functools.cache
def _onednn_works() -> bool:
    """Whether this torch build has oneDNN's linear and it agrees with torch's on a probe (checked once)."""
    import torch

    if not torch.backends.mkldnn.is_available() or not hasattr(torch.ops.mkldnn, "_linear_pointwise"):
        return False
    generator = torch.Generator().manual_seed(0)
    inputs, weight, bias = (torch.randn(*shape, generator=generator) for shape in ((3, 5, 64), (48, 64), (48,)))
    try:
        with torch.inference_mode():
            return bool(torch.allclose(_onednn(inputs, weight, bias), torch.nn.functional.linear(inputs, weight, bias),
                                       rtol=1e-4, atol=1e-4))
    except RuntimeError:
        return False


@functools.cache
def _linear_class() -> type:
    """The switched layers' class, defined on first use so that importing this module does not import torch."""
    import torch

    class OneDnnLinear(torch.nn.Linear):
        """An ``nn.Linear`` whose float32 CPU forward without gradients is oneDNN's inner product."""

        def forward(self, inputs: Any) -> Any:
            if (
                inputs.dtype == torch.float32 and self.weight.dtype == torch.float32
                and inputs.device.type == "cpu" and self.weight.device.type == "cpu"
                and not (torch.is_grad_enabled() and (inputs.requires_grad or self.weight.requires_grad))
            ):
                return _onednn(inputs, self.weight, self.bias)
            return super().forward(inputs)

    OneDnnLinear.__module__, OneDnnLinear.__qualname__ = __name__, "OneDnnLinear"
    return OneDnnLinear


def __getattr__(name: str) -> Any:
    # Lets pickle find the class (``torch.save(model)``) without importing torch before it is needed.
    if name == "OneDnnLinear":
        return _linear_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
