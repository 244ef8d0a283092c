"""What every loaded model offers, whatever runs it: one interface for the stages.

:class:`TextModel` is the interface the translator and the abstract writer
use; the torch models of :mod:`.loading` and the CTranslate2 models of
:mod:`.ct2` implement it, so no stage asks a model what it is. What to
generate travels as one :class:`GenerationSettings`: a new setting is a field
here, passed on by name to transformers (:meth:`GenerationSettings.transformers`)
and mapped to CTranslate2's names in :meth:`.ct2.Ct2Model.generate`; an
unknown one is a ``TypeError`` on both.

Loads nothing.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields, replace
from typing import Any


@dataclass(frozen=True)
class ModelInfo:
    """Which model produced a result, and how it was run.

    Attributes:
        role: The pipeline role (``"translator"``, ``"summarizer"``, ...).
        name: The model name given (hub id or folder).
        revision: The hub commit when known.
        backend: ``"torch"`` or ``"ctranslate2"``.
        compute_type: The weights' type as run: a torch dtype (``"float32"``) or a
            CTranslate2 compute type (``"int8"``, ``"int8_float32"``, ...).
        device: ``"cpu"``, ``"cuda"``, ``"cuda:1"``, ``"mps"``.
        target_pieces_only: True for a translator that wrote only its target
            language's pieces (:mod:`.target_vocabulary`), False when it could
            write any vocabulary entry.
    """

    role: str
    name: str
    revision: str | None
    backend: str | None = None
    compute_type: str | None = None
    device: str | None = None
    target_pieces_only: bool = False


@dataclass(frozen=True)
class GenerationSettings:
    """What one ``generate()`` call is asked for; None keeps the model's own default.

    Attributes:
        max_new_tokens: New tokens at most (a forced first or end token counts,
            as in transformers).
        min_new_tokens: New tokens at least.
        num_beams: Beam width.
        no_repeat_ngram_size: No n-gram of this size twice in the output. On a
            decoder-only model it applies to the new tokens only, not to the
            prompt, on both backends.
        repetition_penalty: Penalty on tokens already generated (new tokens
            only on a decoder-only model, on both backends).
        length_penalty: Beam scores divided by length to this power.
    """

    max_new_tokens: int
    min_new_tokens: int | None = None
    num_beams: int | None = None
    no_repeat_ngram_size: int | None = None
    repetition_penalty: float | None = None
    length_penalty: float | None = None

    @classmethod
    def coerce(cls, settings: GenerationSettings | None = None, **changes: Any) -> GenerationSettings:
        """``settings`` with ``changes`` applied; keywords alone build one.

        Raises:
            TypeError: An unknown setting, or no ``max_new_tokens``.
        """
        unknown = sorted(set(changes) - {f.name for f in fields(cls)})
        if unknown:
            raise TypeError(f"Unknown generation setting(s) {unknown}: choose from "
                            f"{', '.join(f.name for f in fields(cls))}.")
        if settings is None:
            return cls(**changes)
        return replace(settings, **changes) if changes else settings

    def given(self) -> dict[str, Any]:
        """The settings that were set, by name."""
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) is not None}

    def transformers(self) -> dict[str, Any]:
        """Keywords for transformers' ``model.generate()``."""
        return self.given()


class TextModel(ABC):
    """A loaded model with its tokenizer, ready to generate: the interface the stages use.

    Implementations (frozen dataclasses) provide the attributes annotated
    here, as fields or properties, and :meth:`generate`.
    """

    name: str
    revision: str | None
    tokenizer: Any
    device: str
    decoder_only: bool
    backend: str  # "torch" or "ctranslate2"
    compute_type: str  # the type the weights run in
    positions: int | None  # the model's position table, when known

    @abstractmethod
    def generate(self, texts: list[str], settings: GenerationSettings | None = None, **changes: Any) -> list[str]:
        """One output per input text (see :class:`GenerationSettings`; keywords change ``settings``)."""

    def generate_each(self, calls: Iterable[tuple[list[str], GenerationSettings]]) -> Iterator[list[str]]:
        """The outputs of several ``generate()`` calls, one list per call, in order.

        A stage that sends its inputs in several calls (to report progress or
        save what is done after each) uses this, so that a backend decoding on
        several workers can queue the next call before the current one's last
        batch is done instead of leaving its other workers idle. Here: one call
        after the other.
        """
        for texts, settings in calls:
            yield self.generate(texts, settings)

    @property
    def call_size(self) -> int | None:
        """How many inputs a caller should send per call; None: any."""
        return None

    @property
    def on_cpu(self) -> bool:
        """Whether the model runs on the CPU."""
        return str(self.device).startswith("cpu")

    @property
    def max_input_tokens(self) -> int:
        """The longest input the model was built for (see :func:`input_limit`)."""
        return input_limit(self.tokenizer, self.positions)

    def count_tokens(self, text: str) -> int:
        """Tokens the model sees for ``text``, special tokens included."""
        return len(self.tokenizer(text, add_special_tokens=not self.decoder_only)["input_ids"])

    def chat_prompt(self, system: str, user: str) -> str:
        """A decoder-only model's prompt for one system and user turn (see :func:`.chat.render_chat`)."""
        from .chat import render_chat

        return render_chat(self.tokenizer, system, user)

    @property
    def target_pieces_only(self) -> bool:
        """Whether the model writes only its target language's pieces (:mod:`.target_vocabulary`)."""
        return False

    def info(self, role: str) -> ModelInfo:
        """What a result records of this model in ``role``."""
        return ModelInfo(role, self.name, self.revision, self.backend, self.compute_type, str(self.device),
                         self.target_pieces_only)


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
