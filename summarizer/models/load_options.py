"""How models are loaded: one frozen dataclass, given whole to the summarizer and recorded in results.

:class:`LoadOptions` holds every load setting (device, backend, dtype or
compute type, hub revision and cache, offline, where conversions are kept).
The summarizer, ``with_preset``, the command line and the demo pass it
whole; :meth:`LoadOptions.backend_and_device` decides once which engine runs
the models: with ``backend="auto"`` (the default) CTranslate2 int8 on a CPU,
torch on a GPU.

It loads nothing; ``ctranslate2`` is asked for the GPUs it sees only when
``backend_and_device`` is called.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

from ..coercion import coerce_options
from ..errors import InputError
from .cpu_linear import LINEAR_KERNELS

Backend = Literal["auto", "torch", "ctranslate2"]
BACKENDS = ("auto", "torch", "ctranslate2")


@dataclass(frozen=True)
class LoadOptions:
    """Where and how models run.

    Attributes:
        device: ``"cpu"``, ``"cuda"``, ``"cuda:1"``, ``"mps"``, or None/``"auto"``
            for the best available (CUDA, else Apple MPS on torch, else CPU).
        backend: ``"auto"`` (default): CTranslate2 with int8 weights on a CPU
            (3-4x faster than torch there, half the memory; BENCHMARKS.md),
            torch on a GPU. ``"torch"`` or ``"ctranslate2"`` force one. A model
            runs on CTranslate2 after a one-time conversion into ``converted_dir``.
        dtype: torch only: ``"float32"``, ``"float16"``, ``"bfloat16"``, or None for
            the checkpoint's own (float16 widened to float32 on a CPU).
        compute_type: CTranslate2 only: None for ``"int8"`` on a CPU and
            ``"float16"`` on CUDA, or any CTranslate2 compute type; the
            conversion keeps int8 weights unless it is a float type.
        revision: Hub branch, tag or commit for every hub model.
        cache_dir: The hub cache folder; None for the default.
        local_files_only: Never download: a missing model fails at once.
        converted_dir: Where CTranslate2 conversions are kept; None for
            ``$SUMMARIZER_CT2_DIR`` or ``~/.cache/bilingual-summarizer/ct2``.
        linear_kernel: torch on a CPU only: ``"torch"`` (default) keeps torch's
            own linear layers; ``"onednn"`` swaps the large float32 ones for
            oneDNN's inner product (faster on AMD EPYC, BENCHMARKS.md; private
            torch operation, opt-in).
        whole_vocabulary: Marian translators only: score every vocabulary
            entry at each step, as transformers' own ``generate()`` does. False
            (default): only the target language's pieces
            (:mod:`.target_vocabulary`), the same translations from a trained
            model with half the output layer skipped on CTranslate2.
    """

    device: str | None = None
    backend: Backend = "auto"
    dtype: str | None = None
    compute_type: str | None = None
    revision: str | None = None
    cache_dir: str | None = None
    local_files_only: bool = False
    converted_dir: str | None = None
    linear_kernel: str = "torch"
    whole_vocabulary: bool = False

    coerce = classmethod(coerce_options)

    def __post_init__(self) -> None:
        if self.backend not in BACKENDS:
            raise InputError(f"Unknown backend {self.backend!r}: choose one of {', '.join(BACKENDS)}.")
        if self.linear_kernel not in LINEAR_KERNELS:
            raise InputError(f"Unknown linear kernel {self.linear_kernel!r}: choose one of {', '.join(LINEAR_KERNELS)}.")
        for name in ("local_files_only", "whole_vocabulary"):
            if not isinstance(getattr(self, name), bool):
                raise InputError(f"{name} must be True or False, got {getattr(self, name)!r}.")

    @classmethod
    def merged(cls, options: LoadOptions | dict | None = None, **changes: Any) -> LoadOptions:
        """``options`` (an instance, a dict or None) with the fields in ``changes`` replaced.

        Raises:
            InputError: An unknown field or a bad value.
        """
        return cls.coerce({**cls.coerce(options).to_dict(), **changes}) if changes else cls.coerce(options)

    def backend_and_device(self) -> tuple[str, str | None]:
        """The engine that runs the models, and the device asked of it (None: the engine's best).

        ``"auto"`` picks torch for a GPU (a CUDA or MPS device named, or CUDA
        seen by CTranslate2 when no device is named) and CTranslate2 on a CPU.
        """
        device = None if self.device in (None, "auto") else self.device
        if self.backend != "auto":
            return self.backend, device
        if device is not None:
            return ("ctranslate2", device) if device == "cpu" else ("torch", device)
        return ("torch", "cuda") if _cuda_devices() else ("ctranslate2", "cpu")

    def to_dict(self) -> dict[str, Any]:
        """The options as plain data."""
        return asdict(self)


def _cuda_devices() -> int:
    """GPUs CTranslate2 sees (0 when it is missing or sees none), without importing torch."""
    try:
        import ctranslate2
    except ImportError:
        return 0
    try:
        return ctranslate2.get_cuda_device_count()
    except Exception:  # a broken CUDA driver: run on the CPU
        return 0
