"""Option groups of the pipeline, one dataclass per stage, with documented defaults.

Every group accepts an instance, a plain dict, or None (defaults) through
``coerce``; an unknown key or a bad value raises :class:`InputError` naming
the allowed ones. This module holds no logic beyond that checking.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any, Literal

from .text.clean import CleanOptions
from .coercion import coerce_options
from .errors import InputError
from .text.inputs import DEFAULT_MAX_INPUT_CHARS

Length = Literal["short", "medium", "long"]
Strategy = Literal["translate", "direct"]

# Token limits of each abstract length: (min_new_tokens, max_new_tokens).
# "medium" is the CNN/DailyMail setting that BART-large-CNN ships with (56-142).
LENGTHS: dict[str, tuple[int, int]] = {"short": (20, 60), "medium": (56, 142), "long": (100, 256)}
STRATEGIES = ("translate", "direct")

@dataclass(frozen=True)
class TranslationOptions:
    """How sentences are translated.

    Attributes:
        num_beams: Beam width; None keeps the model's own (4 for OPUS-MT).
        max_batch_tokens: Padded tokens per batch (batch size × longest input).
        max_batch_size: Sentences per batch at most. None: 8 on CPU, 32 on a
            GPU. A batch decodes until its longest row ends; on CPU, where
            each step costs little more for 8 rows than for 1, batches of 8
            (sorted by length) were the fastest of 4, 8, 16 and 32
            (``benchmarks/speed.py``, BENCHMARKS.md).
    """

    num_beams: int | None = None
    max_batch_tokens: int = 4096
    max_batch_size: int | None = None

    coerce = classmethod(coerce_options)

    def __post_init__(self) -> None:
        if self.max_batch_tokens < 1 or (self.max_batch_size is not None and self.max_batch_size < 1):
            raise InputError("max_batch_tokens and max_batch_size must be at least 1.")


@dataclass(frozen=True)
class SummaryOptions:
    """How abstracts are written.

    Attributes:
        length: ``"short"`` (20–60 tokens), ``"medium"`` (56–142, the news
            models' own setting) or ``"long"`` (100–256). An abstract is never
            longer than its input.
        num_beams: Beam width; None keeps the model's own.
        prompt: Name of a prompt in ``prompts/`` for instruction-style models
            (T5, Flan-T5, mT0) writing the English abstract; None feeds the bare
            text (BART, XL-Sum mT5). Decoder-only instruction models (Qwen3, ...)
            always get a chat prompt: this one if named (``[system]``/``[user]``
            sections), else ``chat_summarize_en``.
        arabic_prompt: The same for the ``"direct"`` Arabic summarizer
            (``chat_summarize_ar`` for instruction models).
        min_part_tokens: A text longer than the summarizer's window is cut into
            even chunks; when each chunk's equal share of the abstract length
            is at least this many tokens, the abstract is the chunks' summaries
            joined in order (one pass). Otherwise, or when set above the
            length's maximum, chunk summaries are summarized again (map-reduce).
            The default, 30 tokens (about one news sentence), joins up to 4
            chunks for a medium abstract, 8 for a long one, 2 for a short one.
        max_passes: Map-reduce passes allowed before giving up on shrinking a
            very long input.
    """

    length: Length = "medium"
    num_beams: int | None = None
    prompt: str | None = None
    arabic_prompt: str | None = None
    min_part_tokens: int = 30
    max_passes: int = 6

    coerce = classmethod(coerce_options)

    def __post_init__(self) -> None:
        if self.length not in LENGTHS:
            raise InputError(f"Unknown length {self.length!r}: choose one of {', '.join(LENGTHS)}.")
        if self.max_passes < 1:
            raise InputError("max_passes must be at least 1.")
        if self.min_part_tokens < 1:
            raise InputError("min_part_tokens must be at least 1.")

    @property
    def token_limits(self) -> tuple[int, int]:
        """``(min_new_tokens, max_new_tokens)`` of the chosen length."""
        return LENGTHS[self.length]


@dataclass(frozen=True)
class SummarizeOptions:
    """Everything one ``summarize`` call can be told.

    Attributes:
        length: Abstract length, see :class:`SummaryOptions`; overrides ``summary.length``.
        strategy: How the Arabic abstract is written: ``"translate"`` the English
            abstract (default; both abstracts then say the same) or summarize the
            Arabic source ``"direct"``-ly with a multilingual summarizer.
        max_input_chars: Longer texts are refused with a clear error.
        clean: Cleaning options (diacritics, boilerplate).
        translation: Translation batching and beams.
        summary: Summarization settings.
    """

    length: Length | None = None
    strategy: Strategy = "translate"
    max_input_chars: int = DEFAULT_MAX_INPUT_CHARS
    clean: CleanOptions | dict | None = None
    translation: TranslationOptions | dict | None = None
    summary: SummaryOptions | dict | None = field(default=None)

    coerce = classmethod(coerce_options)

    def __post_init__(self) -> None:
        if self.strategy not in STRATEGIES:
            raise InputError(f"Unknown strategy {self.strategy!r}: choose one of {', '.join(STRATEGIES)}.")
        summary = SummaryOptions.coerce(self.summary)
        if self.length is not None:
            summary = replace(summary, length=self.length)
        # One length: the summary options hold it; ``length`` reads the same once built.
        object.__setattr__(self, "summary", summary)
        object.__setattr__(self, "length", summary.length)
        object.__setattr__(self, "clean", coerce_options(CleanOptions, self.clean))
        object.__setattr__(self, "translation", TranslationOptions.coerce(self.translation))

    def to_dict(self) -> dict[str, Any]:
        """The options as plain data, for the result's record."""
        return asdict(self)
