"""Write an abstract of a list of sentences with a seq2seq summarizer, map-reduce style.

Input that fits the model's window (1,024 tokens for BART, 512 for mT5) is
summarized in one ``generate()`` call. Longer input is never truncated: its
sentences are packed into chunks of even size that fit. When each chunk's equal
share of the abstract length is at least ``SummaryOptions.min_part_tokens``
(a sentence or so: up to 4 windows for a medium abstract), each chunk is
summarized to its share and the summaries, in document order, are the abstract:
one pass, every part of the text represented. Otherwise the chunks are
summarized, the summaries joined and split into sentences again, and the
process repeats (map-reduce) until the text fits one window or its parts their
shares. Every pass and its chunks are recorded.

Instruction-style models (T5, Flan-T5, mT0) get their input wrapped in a named
prompt from ``prompts/``; the prompt's tokens count against the window. An
abstract is never longer than its input, and one that falls into a repetition
loop is regenerated with stronger anti-repetition settings.

This module does not translate and does not clean text.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .text.chunks import Chunk, chunk_evenly
from .errors import SummarizerError
from .models.loading import LoadedModel
from .options import SummaryOptions
from .models.prompt_templates import fill_prompt, load_prompt
from .models.repetition import STRONGER_SETTINGS, has_repetition_loop
from .text.sentences import split_sentences

logger = logging.getLogger("summarizer")

# Chunks summarized together in one generate() call.
CHUNK_BATCH = 4

PassProgress = Callable[[int], None]


@dataclass(frozen=True)
class SummaryPass:
    """One pass over the text: the chunks its input was packed into.

    Attributes:
        chunks: The chunks, in order, each summarized once.
        joined: True when this pass wrote the abstract as its chunks' summaries
            joined in order (each got an equal share of the length); False when
            it is one summary of one window, or an intermediate (map) pass.
    """

    chunks: tuple[Chunk, ...]
    joined: bool = False


@dataclass(frozen=True)
class AbstractResult:
    """An abstract, the passes that produced it, and any warnings."""

    text: str
    passes: tuple[SummaryPass, ...]
    warnings: tuple[str, ...] = ()


class AbstractWriter:
    """Summarize sentences with one seq2seq model.

    Args:
        model: The loaded summarizer and tokenizer.
    """

    def __init__(self, model: LoadedModel):
        self.model = model

    def __call__(self, sentences: Sequence[str]) -> str:
        return self.summarize(sentences).text

    def summarize(
        self,
        sentences: Sequence[str],
        options: SummaryOptions | dict | None = None,
        progress: PassProgress | None = None,
    ) -> AbstractResult:
        """Write one abstract of ``sentences``.

        Args:
            sentences: The text to summarize, as sentences in order.
            options: Length, beams, prompt and pass limit.
            progress: Called with the pass number as each pass starts.

        Returns:
            The abstract with its passes and warnings.

        Raises:
            SummarizerError: If the input does not shrink into one window within
                ``options.max_passes`` passes.
        """
        options = SummaryOptions.coerce(options)
        template = load_prompt(options.prompt) if options.prompt else None

        def count_tokens(text: str) -> int:
            return self.model.count_tokens(fill_prompt(template, text) if template else text)

        current = [s for s in sentences if s.strip()]
        passes: list[SummaryPass] = []
        warnings: list[str] = []
        window = self.model.max_input_tokens
        if not current:
            return AbstractResult("", (), ())
        for number in range(1, options.max_passes + 1):
            if progress is not None:
                progress(number)
            chunking = chunk_evenly(current, count_tokens, window)
            chunks = chunking.chunks
            warnings.extend(f"summary pass {number}: {w}" for w in chunking.warnings)
            share = options.token_limits[1] // len(chunks)
            joined = len(chunks) > 1 and share >= options.min_part_tokens
            passes.append(SummaryPass(chunks, joined))
            if len(chunks) == 1 or joined:
                limits = (max(1, options.token_limits[0] // len(chunks)), share)
                texts = self._summarize_chunks(chunks, template, options, limits, warnings)
                return AbstractResult(" ".join(t for t in texts if t), tuple(passes), tuple(warnings))
            # Intermediate summaries at most half their chunk, so every pass shrinks the text.
            texts = self._summarize_chunks(chunks, template, options, options.token_limits, warnings, shrink=True)
            current = split_sentences("\n".join(texts))
        raise SummarizerError(
            f"The text did not fit the summarizer's {window}-token window after "
            f"{options.max_passes} passes: raise SummaryOptions.max_passes or split the text."
        )

    def _summarize_chunks(
        self,
        chunks: Sequence[Chunk],
        template: str | None,
        options: SummaryOptions,
        limits: tuple[int, int],
        warnings: list[str],
        *,
        shrink: bool = False,
    ) -> list[str]:
        """Summarize each chunk within ``limits`` = (min, max) new tokens, never longer than its input."""

        def fitted(n_tokens: int) -> tuple[int, int]:
            max_new = max(1, min(limits[1], n_tokens // 2 if shrink else n_tokens))
            return max(1, min(limits[0], max_new // 2)), max_new

        sources = [fill_prompt(template, c.text) if template else c.text for c in chunks]
        outputs: list[str] = []
        for start in range(0, len(chunks), CHUNK_BATCH):
            shortest = min(c.n_tokens for c in chunks[start : start + CHUNK_BATCH])
            outputs.extend(self._generate(sources[start : start + CHUNK_BATCH], *fitted(shortest), options))
        for i, text in enumerate(outputs):
            if has_repetition_loop(text):
                retry = self._generate([sources[i]], *fitted(chunks[i].n_tokens), options, **STRONGER_SETTINGS)[0]
                if has_repetition_loop(retry):
                    warnings.append("an abstract repeats itself even after a retry with stronger settings.")
                outputs[i] = retry
        return outputs

    def _generate(self, texts: list[str], min_new: int, max_new: int, options: SummaryOptions, **settings) -> list[str]:
        if options.num_beams is not None:
            settings.setdefault("num_beams", options.num_beams)
        return self.model.generate(texts, max_new_tokens=max_new, min_new_tokens=min_new, **settings)
