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

Decoder-only instruction models (the loaded model says ``decoder_only``) get a
chat prompt (``prompts/chat_summarize_en.txt`` or ``_ar``, or the named one)
rendered by their chat template, with the length asked for in words; the
prompt and the reply share the context window, so both count against it. Their
replies are cleaned (thinking, chat markup, preambles, markdown: see
``models.chat``), and one in the wrong script (an English abstract must be
Latin, an Arabic one Arabic) is regenerated once with a firmer instruction,
then flagged in the warnings. So is a reply cut by the length limit.

This module does not translate and does not clean text.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from .text.chunks import Chunk, chunk_evenly
from .errors import SummarizerError
from .models.chat import clean_chat_output, wrong_script
from .models.base import TextModel
from .options import SummaryOptions
from .models.prompt_templates import ChatPrompt, fill_prompt, load_chat_prompt, load_prompt
from .models.repetition import STRONGER_SETTINGS, has_repetition_loop
from .text.sentences import split_sentences

logger = logging.getLogger("summarizer")

# Chunks summarized together in one generate() call: on a GPU, and on a CPU. On 2 CPU cores, 2
# at a time took as long as 4 for the 2,500-word article's four chunks (CTranslate2 int8, 14.7
# s against 14.9 s end to end) and lowered the run's peak memory from 1,719 MB to 1,499 MB
# (BENCHMARKS.md, "Speed").
CHUNK_BATCH, CPU_CHUNK_BATCH = 4, 2
# Words asked of an instruction model per token of the length limit: about
# 0.75 English words per token, ~0.5 Arabic, less a margin so that the reply
# ends before the limit cuts it.
WORDS_PER_TOKEN = 0.5
# Characters that end a finished sentence (closing quotes and brackets included).
_ENDINGS = ".!?؟…\"'»)]"
LANGUAGE_NAMES = {"en": "English (Latin script)", "ar": "Arabic (Arabic script)"}

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


@dataclass(frozen=True)
class _Plan:
    """One summary pass: its chunks, whether they are joined into the abstract, and their length limits."""

    chunks: tuple[Chunk, ...]
    joined: bool
    final: bool
    limits: tuple[int, int]
    warnings: tuple[str, ...]


class AbstractWriter:
    """Summarize sentences with one seq2seq or decoder-only instruction model.

    Args:
        model: The loaded summarizer and tokenizer.
        language: The abstract's language, ``"en"`` or ``"ar"``: picks an
            instruction model's default chat prompt and the script its reply is
            checked for. Seq2seq models write what they were trained to.
    """

    def __init__(self, model: TextModel, language: Literal["en", "ar"] = "en"):
        self.model = model
        self.language = language
        self.chat = model.decoder_only
        self.chunk_batch = CPU_CHUNK_BATCH if model.on_cpu else CHUNK_BATCH

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
        if self.chat:
            template: str | ChatPrompt | None = load_chat_prompt(options.prompt or f"chat_summarize_{self.language}")
        else:
            template = load_prompt(options.prompt) if options.prompt else None

        current = [s for s in sentences if s.strip()]
        passes: list[SummaryPass] = []
        warnings: list[str] = []
        if not current:
            return AbstractResult("", (), ())
        for number in range(1, options.max_passes + 1):
            if progress is not None:
                progress(number)
            plan = self._plan(current, template, options)
            warnings.extend(f"summary pass {number}: {w}" for w in plan.warnings)
            passes.append(SummaryPass(plan.chunks, plan.joined))
            if plan.final:
                texts = self._summarize_chunks(plan.chunks, template, options, plan.limits, warnings)
                return AbstractResult(" ".join(t for t in texts if t), tuple(passes), tuple(warnings))
            # Intermediate summaries at most half their chunk, so every pass shrinks the text.
            texts = self._summarize_chunks(plan.chunks, template, options, plan.limits, warnings, shrink=True)
            current = split_sentences("\n".join(texts))
        raise SummarizerError(
            f"The text did not fit the summarizer's {self._window(options)}-token window after "
            f"{options.max_passes} passes: raise SummaryOptions.max_passes or split the text."
        )

    def _window(self, options: SummaryOptions) -> int:
        """Input tokens a chunk may have: the model's window, less the reply for an instruction model."""
        window = self.model.max_input_tokens
        return window - options.token_limits[1] if self.chat else window  # the reply shares the context

    def _plan(self, sentences: Sequence[str], template: str | ChatPrompt | None, options: SummaryOptions) -> _Plan:
        """How one pass cuts ``sentences``, and whether its summaries are the abstract (one chunk, or parts joined).

        The one planner of :meth:`summarize` and :meth:`summarize_many`.
        """

        def count_tokens(text: str) -> int:
            # A chat prompt is counted with its firmer retry instruction, the longer of the two.
            return self.model.count_tokens(self._source(template, text, options.token_limits[1], firmer=True))

        chunking = chunk_evenly(sentences, count_tokens, self._window(options))
        chunks = chunking.chunks
        share = options.token_limits[1] // len(chunks)
        joined = len(chunks) > 1 and share >= options.min_part_tokens
        final = len(chunks) == 1 or joined
        limits = (max(1, options.token_limits[0] // len(chunks)), share) if final else options.token_limits
        return _Plan(chunks, joined, final, limits, tuple(chunking.warnings))

    def summarize_many(
        self, texts: Sequence[Sequence[str]], options: SummaryOptions | dict | None = None
    ) -> list[AbstractResult]:
        """Write the abstracts of several texts, sharing ``generate()`` calls between them.

        Texts that fit one pass (one window, or parts joined into one abstract,
        the usual news article) are summarized together, up to
        ``chunk_batch`` inputs a call, grouped by the length limits each
        would get on its own, so every abstract is the one :meth:`summarize`
        writes (the same plan, :meth:`_plan`; up to batching's rounding). Longer texts, and instruction
        models (whose replies are checked one by one), go through
        :meth:`summarize` one at a time.

        Args:
            texts: Each text as sentences in order.
            options: As for :meth:`summarize`.

        Returns:
            One :class:`AbstractResult` per text, in order.
        """
        options = SummaryOptions.coerce(options)
        if self.chat or len(texts) < 2:
            return [self.summarize(t, options) for t in texts]
        template = load_prompt(options.prompt) if options.prompt else None
        results: dict[int, AbstractResult] = {}
        planned = []  # (text index, chunks, limits, chunking warnings)
        for i, sentences in enumerate(texts):
            current = [s for s in sentences if s.strip()]
            if not current:
                results[i] = AbstractResult("", (), ())
                continue
            plan = self._plan(current, template, options)
            if plan.final:
                planned.append((i, plan.chunks, plan.limits, [f"summary pass 1: {w}" for w in plan.warnings]))
            else:
                results[i] = self.summarize(sentences, options)
        # Every input with the generate() settings it would get alone, grouped by those settings.
        groups: dict[tuple[int, int], list[tuple[int, int, str]]] = {}
        for k, (_, chunks, limits, _) in enumerate(planned):
            for j, settings in enumerate(self._batch_settings([c.n_tokens for c in chunks], limits)):
                groups.setdefault(settings, []).append((k, j, self._source(template, chunks[j].text, settings[1])))
        outputs: dict[tuple[int, int], str] = {}
        for (min_new, max_new), items in groups.items():
            for start in range(0, len(items), self.chunk_batch):
                batch = items[start : start + self.chunk_batch]
                texts_out = self._generate([source for _, _, source in batch], min_new, max_new, options)
                outputs.update({(k, j): text for (k, j, _), text in zip(batch, texts_out)})
        for k, (i, chunks, limits, warnings) in enumerate(planned):
            written = [outputs[k, j] for j in range(len(chunks))]
            written = self._summarize_chunks(chunks, template, options, limits, warnings, outputs=written)
            passes = (SummaryPass(chunks, len(chunks) > 1),)
            results[i] = AbstractResult(" ".join(t for t in written if t), passes, tuple(warnings))
        return [results[i] for i in range(len(texts))]

    def _batch_settings(self, lengths: Sequence[int], limits: tuple[int, int], shrink: bool = False) -> list:
        """The (min, max) new tokens of each input, batched by ``chunk_batch``: its batch's shortest decides."""
        settings = []
        for start in range(0, len(lengths), self.chunk_batch):
            batch = lengths[start : start + self.chunk_batch]
            settings += [self._fitted(min(batch), limits, shrink)] * len(batch)
        return settings

    def _fitted(self, n_tokens: int, limits: tuple[int, int], shrink: bool = False) -> tuple[int, int]:
        """(min, max) new tokens for an input of ``n_tokens``: within ``limits``, never longer than the input."""
        max_new = max(1, min(limits[1], n_tokens // 2 if shrink else n_tokens))
        # An instruction model stops when its reply is done; a forced minimum would make it ramble on.
        return 0 if self.chat else max(1, min(limits[0], max_new // 2)), max_new

    def _source(self, template: str | ChatPrompt | None, text: str, max_new: int, firmer: bool = False) -> str:
        """What the model reads for ``text``: the text, a filled prompt, or a rendered chat."""
        if isinstance(template, ChatPrompt):
            words = max(10, round(max_new * WORDS_PER_TOKEN / 5) * 5)
            return self.model.chat_prompt(*template.messages(text, words, firmer=firmer))
        return fill_prompt(template, text) if template else text

    def _summarize_chunks(
        self,
        chunks: Sequence[Chunk],
        template: str | ChatPrompt | None,
        options: SummaryOptions,
        limits: tuple[int, int],
        warnings: list[str],
        *,
        shrink: bool = False,
        outputs: list[str] | None = None,
    ) -> list[str]:
        """Summarize each chunk within ``limits`` = (min, max) new tokens, never longer than its input.

        ``outputs``: the model's first outputs, written already (by
        :meth:`summarize_many`); only the checks and retries are left.
        """

        def fitted(n_tokens: int) -> tuple[int, int]:
            return self._fitted(n_tokens, limits, shrink)

        # A chat prompt's own tokens are not the text's length.
        lengths = [self.model.count_tokens(c.text) if self.chat else c.n_tokens for c in chunks]
        sources = [self._source(template, c.text, fitted(n)[1]) for c, n in zip(chunks, lengths)]
        if outputs is None:
            settings = self._batch_settings(lengths, limits, shrink)
            outputs = []
            for start in range(0, len(chunks), self.chunk_batch):
                outputs.extend(self._generate(sources[start : start + self.chunk_batch], *settings[start], options))
        outputs = list(outputs)
        for i, text in enumerate(outputs):
            if has_repetition_loop(text):
                retry = self._generate([sources[i]], *fitted(lengths[i]), options, **STRONGER_SETTINGS)[0]
                if has_repetition_loop(retry):
                    warnings.append("an abstract repeats itself even after a retry with stronger settings.")
                outputs[i] = retry
        if self.chat:
            outputs = self._checked_replies(chunks, lengths, outputs, template, fitted, options, warnings)
        return outputs

    def _checked_replies(
        self,
        chunks: Sequence[Chunk],
        lengths: Sequence[int],
        outputs: Sequence[str],
        template: ChatPrompt,
        fitted: Callable[[int], tuple[int, int]],
        options: SummaryOptions,
        warnings: list[str],
    ) -> list[str]:
        """Clean an instruction model's replies; regenerate once those in the wrong script, and flag the rest."""
        checked, foreign, empty, cut = [], 0, 0, 0
        for chunk, n_tokens, raw in zip(chunks, lengths, outputs):
            min_new, max_new = fitted(n_tokens)
            text = clean_chat_output(raw)
            if wrong_script(text, self.language):
                firmer = self._source(template, chunk.text, max_new, firmer=True)
                raw = self._generate([firmer], min_new, max_new, options)[0]
                text = clean_chat_output(raw)
                foreign += wrong_script(text, self.language)
            if not text:
                empty += 1
            elif text[-1] not in _ENDINGS and self.model.count_tokens(raw) >= max_new:
                cut += 1
            checked.append(text)
        of = f" ({{}} of {len(chunks)} parts)" if len(chunks) > 1 else ""
        if foreign:
            warnings.append(f"the abstract is not in {LANGUAGE_NAMES[self.language]}, even after a retry "
                            f"with a firmer instruction{of.format(foreign)}.")
        if empty:
            warnings.append(f"the instruction model wrote nothing{of.format(empty)}.")
        if cut:
            warnings.append(f"the abstract reached its length limit and may end mid-sentence{of.format(cut)}.")
        return checked

    def _generate(self, texts: list[str], min_new: int, max_new: int, options: SummaryOptions, **settings) -> list[str]:
        if options.num_beams is not None:
            settings.setdefault("num_beams", options.num_beams)
        return self.model.generate(texts, max_new_tokens=max_new, min_new_tokens=min_new, **settings)
