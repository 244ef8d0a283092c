"""What every loaded model offers, whatever runs it: where it came from and how long an input it takes.

Shared by the torch models of :mod:`.loading` and the CTranslate2 models of
:mod:`.ct2`, so that neither imports the other's module for it. Loads nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ModelInfo:
    """Which model produced a result: the name given, and the hub commit when known."""

    role: str
    name: str
    revision: str | None


def input_limit(tokenizer: Any, positions: int | None) -> int:
    """The longest input a model was built for.

    The smaller of the tokenizer's ``model_max_length`` and the model's
    position table, when both are known; 512 when neither is (T5-style
    models with relative positions).
    """
    limits = []
    tokenizer_limit = getattr(tokenizer, "model_max_length", None)
    if isinstance(tokenizer_limit, int) and 0 < tokenizer_limit < 1_000_000:
        limits.append(tokenizer_limit)
    if isinstance(positions, int) and positions > 0:
        limits.append(positions)
    return min(limits) if limits else 512
