"""Write an abstract of a list of sentences with a seq2seq summarizer, map-reduce style.

Input that fits the model's window (1,024 tokens for BART, 512 for mT5) is
summarized in one ``generate()`` call. Longer input is never truncated: its
sentences are packed into chunks that fit, each chunk is summarized, the
summaries are joined and split into sentences again, and the process repeats
until everything fits in one window. Every pass and its chunks are recorded.

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

from .chunks import Chunk, chunk_sentences
from .errors import SummarizerError
from .models import LoadedModel
from .options import SummaryOptions
from .prompt_templates import fill_prompt, load_prompt
from .repetition import STRONGER_SETTINGS, has_repetition_loop
from .sentences import split_sentences

logger = logging.getLogger("summarizer")

# Chunks summarized together in one generate() call.
CHUNK_BATCH = 4

PassProgress = Callable[[int], None]


@dataclass(frozen=True)
class SummaryPass:
    """One map-reduce pass: the chunks its input was packed into."""

    chunks: tuple[Chunk, ...]


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
        for number in range(1, options.max_passes + 1):
            if progress is not None:
                progress(number)
            chunking = chunk_sentences(current, count_tokens, window)
            passes.append(SummaryPass(chunking.chunks))
            warnings.extend(f"summary pass {number}: {w}" for w in chunking.warnings)
            final = len(chunking.chunks) == 1
            texts = self._summarize_chunks(chunking.chunks, template, options, final=final, warnings=warnings)
            if final:
                return AbstractResult(texts[0], tuple(passes), tuple(warnings))
            current = split_sentences("\n".join(texts))
        raise SummarizerError(
            f"The text did not fit the summarizer's {window}-token window after "
            f"{options.max_passes} passes: raise SummaryOptions.max_passes or split the text."
        )

    def _summarize_chunks(
        self, chunks: Sequence[Chunk], template: str | None, options: SummaryOptions, *, final: bool, warnings: list[str]
    ) -> list[str]:
        def limits(n_tokens: int) -> tuple[int, int]:
            # Never longer than the input; intermediate summaries at most half
            # their chunk, so that every pass shrinks the text.
            low, high = options.token_limits
            max_new = max(1, min(high, n_tokens if final else n_tokens // 2))
            return max(1, min(low, max_new // 2)), max_new

        sources = [fill_prompt(template, c.text) if template else c.text for c in chunks]
        outputs: list[str] = []
        for start in range(0, len(chunks), CHUNK_BATCH):
            longest = max(c.n_tokens for c in chunks[start : start + CHUNK_BATCH])
            outputs.extend(self._generate(sources[start : start + CHUNK_BATCH], *limits(longest), options))
        for i, text in enumerate(outputs):
            if has_repetition_loop(text):
                retry = self._generate([sources[i]], *limits(chunks[i].n_tokens), options, **STRONGER_SETTINGS)[0]
                if has_repetition_loop(retry):
                    warnings.append("an abstract repeats itself even after a retry with stronger settings.")
                outputs[i] = retry
        return outputs

    def _generate(self, texts: list[str], min_new: int, max_new: int, options: SummaryOptions, **settings) -> list[str]:
        if options.num_beams is not None:
            settings.setdefault("num_beams", options.num_beams)
        return self.model.generate(texts, max_new_tokens=max_new, min_new_tokens=min_new, **settings)
