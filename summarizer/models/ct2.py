"""Run a converted CTranslate2 model behind the :class:`~.base.TextModel` interface.

A directory written by :func:`summarizer.models.convert.convert_model` (or by
``ct2-transformers-converter`` with the tokenizer files copied in) holds a
CTranslate2 model, the Hugging Face tokenizer and the model's generation
defaults. :class:`Ct2Model` implements the same interface as the torch
:class:`summarizer.models.loading.LoadedModel`, so the stages run unchanged.

Generation follows ``transformers`` conventions: ``max_new_tokens`` and
``min_new_tokens`` count a forced first token (BART's ``<s>``), the last of
``max_new_tokens`` is kept for a forced end token (Marian, BART), and the
defaults (beams, length penalty, no-repeat n-gram size, banned words) come from
the saved ``generation_config.json``. A Marian translator writes only its
target language's pieces, through a vocabulary map in its folder, as the torch
model does through ``suppress_tokens`` (:mod:`.target_vocabulary`). Greedy
outputs match ``transformers`` token for token at float32 (see
``tests/models/test_ct2.py``); beam search is CTranslate2's own, so beam
outputs can differ slightly.

Decoder-only instruction models (Qwen2/Qwen3, Llama, Gemma, ...) run as a
``ctranslate2.Generator``: prompts rendered by the chat template
(:meth:`Ct2Model.chat_prompt`) in, only the new tokens out, greedy unless beams
are asked for; ``max_new_tokens`` counts new tokens only, and the model stops
at any of its end tokens (Qwen: ``<|im_end|>`` and ``<|endoftext|>``).

Limits: no sampling, no logits processors; CPU and CUDA only (Apple MPS
falls back to the CPU). ``ctranslate2`` is imported on first use.
"""

from __future__ import annotations

import json
import logging
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError, SummarizerError
from .base import GenerationSettings, TextModel
from .sub_batches import plan_sub_batches
from .target_vocabulary import VOCABULARY_MAP, write_vocabulary_map

logger = logging.getLogger("summarizer")

MARKER = "summarizer-ct2.json"
# Beam search on CPU slows down per token in big batches (each step reorders a
# cache that grows with batch and length): on 2 cores, 89 sentences at beam 4
# took 28 s in batches of 32 and 15 s in batches of 16 (benchmarks/speed.py).
CPU_BATCH = 16
# Sentences per sub-batch for a translator with several workers on CPU.
CPU_WORKER_BATCH = 8
COMPUTE_TYPES = ("default", "auto", "int8", "int8_float32", "int8_float16", "int8_bfloat16",
                 "int16", "float16", "bfloat16", "float32")


def import_ctranslate2() -> Any:
    """Import ctranslate2, or say how to install it."""
    try:
        import ctranslate2
    except ImportError as error:
        raise SummarizerError(
            "The CTranslate2 backend needs ctranslate2, a dependency of this package: pip install ctranslate2 "
            '(or run on torch: backend="torch", --backend torch).'
        ) from error
    return ctranslate2


def is_converted_model(path: str) -> bool:
    """True when ``path`` is a directory holding a CTranslate2 model and a tokenizer."""
    folder = Path(path).expanduser()
    return (folder / "model.bin").is_file() and (folder / "tokenizer_config.json").is_file()


def cpu_cores() -> int:
    """CPU cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


@dataclass(frozen=True)
class GenerationDefaults:
    """The generation settings a converted model keeps from its ``generation_config.json``."""

    num_beams: int = 1
    length_penalty: float = 1.0
    no_repeat_ngram_size: int = 0
    repetition_penalty: float = 1.0
    min_new_tokens: int = 0
    end_tokens: tuple[str, ...] = ()
    forced_bos_token: str | None = None
    forced_eos: bool = False
    suppress: tuple[tuple[str, ...], ...] = ()

    @classmethod
    def read(cls, folder: Path, tokenizer: Any) -> GenerationDefaults:
        """Read ``folder/generation_config.json``; plain defaults when it is missing."""
        path = folder / "generation_config.json"
        if not path.is_file():
            return cls()
        config = json.loads(path.read_text(encoding="utf-8"))
        pad = config.get("pad_token_id")
        forced_bos = config.get("forced_bos_token_id")
        # CTranslate2 drops Marian's <pad> from the vocabulary, so banning it is moot.
        banned = [ids for ids in config.get("bad_words_ids") or [] if pad not in ids]
        eos = config.get("eos_token_id")
        eos = [] if eos is None else [eos] if isinstance(eos, int) else eos
        return cls(
            end_tokens=tuple(tokenizer.convert_ids_to_tokens(list(eos))),
            num_beams=config.get("num_beams") or 1,
            length_penalty=config.get("length_penalty", 1.0),
            no_repeat_ngram_size=config.get("no_repeat_ngram_size") or 0,
            repetition_penalty=config.get("repetition_penalty", 1.0),
            min_new_tokens=config.get("min_new_tokens") or 0,
            forced_bos_token=None if forced_bos is None else tokenizer.convert_ids_to_tokens(forced_bos),
            forced_eos=config.get("forced_eos_token_id") is not None,
            suppress=tuple(tuple(tokenizer.convert_ids_to_tokens(ids)) for ids in banned),
        )


@dataclass(frozen=True)
class Ct2Model(TextModel):
    """A CTranslate2 model with its tokenizer.

    Attributes:
        name: The directory it was loaded from.
        revision: Hub commit of the model it was converted from, when known.
        model: The ``ctranslate2.Translator``, or ``ctranslate2.Generator`` for a decoder-only model.
        tokenizer: The Hugging Face tokenizer saved beside it.
        device: ``"cpu"`` or ``"cuda:N"``.
        compute_type: The weight/compute type it runs in (``"int8"``, ...).
        threads: CPU threads per batch.
        workers: Batches decoded at once (CTranslate2's ``inter_threads``): a
            call is split into sub-batches of about equal cost, queued for
            the workers together (:meth:`sub_batches`).
        defaults: Generation defaults from the saved generation config.
        positions: The model's position table, when recorded.
        max_batch_size: Inputs decoded together at most; larger calls are split,
            sorted by length (0: no limit).
        decoder_only: True for an instruction model run by a ``Generator``.
        vocabulary_map: Whether the folder's vocabulary map is used: a Marian
            translator writes only its target language's pieces
            (:mod:`.target_vocabulary`).
    """

    name: str
    revision: str | None
    model: Any
    tokenizer: Any
    device: str
    compute_type: str
    threads: int
    defaults: GenerationDefaults
    positions: int | None = None
    max_batch_size: int = 0
    decoder_only: bool = False
    workers: int = 1
    vocabulary_map: bool = False

    backend = "ctranslate2"

    @property
    def target_pieces_only(self) -> bool:
        return self.vocabulary_map

    @property
    def call_size(self) -> int | None:
        """How many inputs a caller should send per call so that every worker gets a full batch; None: any."""
        return 2 * self.workers * self.max_batch_size if self.workers > 1 and self.max_batch_size else None

    def sub_batches(self, lengths: list[int]) -> list[list[int]]:
        """The batches a call of inputs with these token counts is decoded in, costliest first.

        With several workers the inputs are cut where the busiest worker is
        done soonest (see :mod:`.sub_batches`): 5 abstract sentences, one twice
        as long as the rest, are 1 + 4, not 3 + 2. With one worker, as few
        batches as ``max_batch_size`` allows.
        """
        return plan_sub_batches(lengths, workers=self.workers, max_batch_size=self.max_batch_size)

    def generate(self, texts: list[str], settings: GenerationSettings | None = None, **changes: Any) -> list[str]:
        """Generate one output per input text, as the torch model does.

        Settings left as None take the saved generation defaults. Inputs are
        never truncated (the callers split them to fit ``max_input_tokens``).
        """
        settings = GenerationSettings.coerce(settings, **changes)
        if not texts:
            return []
        if self.decoder_only:
            return self._continue(texts, settings)
        return self._submit(texts, settings)()

    def generate_each(self, calls: Iterable[tuple[list[str], GenerationSettings]]) -> Iterator[list[str]]:
        """The outputs of several calls in order, the next call queued before the current one is collected.

        With several workers, the workers done with a call's batches start on
        the next call's instead of waiting for the call's slowest batch (the
        translation stage sends a long article's sentences in several calls).
        At most two calls are queued at a time, so a caller that stops reading
        leaves at most one call's batches running.
        """
        if self.decoder_only or self.workers <= 1:
            yield from super().generate_each(calls)
            return
        queued: deque[Callable[[], list[str]]] = deque()
        for texts, settings in calls:
            queued.append(self._submit(texts, settings))
            if len(queued) > 1:
                yield queued.popleft()()
        while queued:
            yield queued.popleft()()

    def _submit(self, texts: list[str], settings: GenerationSettings) -> Callable[[], list[str]]:
        """Queue one call's planned batches on the workers; the function returned waits for its outputs."""
        if not texts:
            return list
        d, s = self.defaults, settings
        sources = [self.tokenizer.convert_ids_to_tokens(ids) for ids in self.tokenizer(list(texts))["input_ids"]]
        # transformers spends the last of max_new_tokens on the forced end token.
        longest = max(1, s.max_new_tokens - 1) if d.forced_eos else s.max_new_tokens
        shortest = min(d.min_new_tokens if s.min_new_tokens is None else s.min_new_tokens, longest)
        prefix = [[d.forced_bos_token] for _ in sources] if d.forced_bos_token else None
        options = dict(
            beam_size=s.num_beams or d.num_beams,
            length_penalty=d.length_penalty if s.length_penalty is None else s.length_penalty,
            no_repeat_ngram_size=d.no_repeat_ngram_size if s.no_repeat_ngram_size is None else s.no_repeat_ngram_size,
            repetition_penalty=d.repetition_penalty if s.repetition_penalty is None else s.repetition_penalty,
            suppress_sequences=[list(seq) for seq in d.suppress] or None,
            max_decoding_length=longest,
            min_decoding_length=max(shortest, 0),
            max_input_length=0,
            max_batch_size=0,
            use_vmap=self.vocabulary_map,
        )
        # One translate_batch per planned batch, queued at once so the workers decode them side by side.
        pending = [
            (group, self.model.translate_batch([sources[i] for i in group],
                                               None if prefix is None else [prefix[i] for i in group],
                                               asynchronous=True, **options))
            for group in self.sub_batches([len(tokens) for tokens in sources])
        ]
        skip = 1 if d.forced_bos_token else 0

        def outputs() -> list[str]:
            results: list[Any] = [None] * len(sources)
            for group, replies in pending:
                for i, reply in zip(group, replies):
                    results[i] = reply.result()
            ids = [self.tokenizer.convert_tokens_to_ids(r.hypotheses[0][skip:]) for r in results]
            return [text.strip() for text in self.tokenizer.batch_decode(ids, skip_special_tokens=True)]

        return outputs

    def _continue(self, texts: list[str], s: GenerationSettings) -> list[str]:
        """Continue each prompt with a ``Generator``; the new tokens only, decoded.

        The checkpoint's sampling settings and repetition penalty are not used,
        as on the torch path (see ``loading._greedy_by_default``).
        """
        ids = self.tokenizer(list(texts), add_special_tokens=False)["input_ids"]
        results = self.model.generate_batch(
            [self.tokenizer.convert_ids_to_tokens(row) for row in ids],
            max_length=s.max_new_tokens, min_length=s.min_new_tokens or 0, beam_size=s.num_beams or 1,
            no_repeat_ngram_size=s.no_repeat_ngram_size or 0, repetition_penalty=s.repetition_penalty or 1.0,
            length_penalty=1.0 if s.length_penalty is None else s.length_penalty,
            end_token=list(self.defaults.end_tokens) or None,
            include_prompt_in_result=False, max_batch_size=self.max_batch_size,
        )
        return [text.strip() for text in self.tokenizer.batch_decode(
            [r.sequences_ids[0] for r in results], skip_special_tokens=True)]


def load_ct2_model(path: str, *, device: str | None = None, compute_type: str | None = None,
                   threads: int | None = None, max_batch_size: int | None = None,
                   workers: int | None = None, vocabulary_map: bool = True) -> Ct2Model:
    """Load a converted directory for generation.

    Args:
        path: A directory written by :func:`summarizer.models.convert.convert_model`.
        device: ``"cpu"``, ``"cuda"``, ``"cuda:N"``, or None/``"auto"`` (CUDA
            when ctranslate2 sees a GPU, else CPU). ``"mps"`` runs on the CPU.
        compute_type: None for ``"int8"`` on CPU and ``"float16"`` on CUDA;
            ``"default"`` keeps the type the model was converted to; any
            CTranslate2 compute type otherwise.
        threads: CPU threads in all; None uses every core this process may run on.
        max_batch_size: Inputs decoded together at most. None: 16 on CPU, where
            beam search over bigger batches is slower per token (every step
            reorders a cache that grows with batch and length), 8 for a
            translator with several workers; no limit on CUDA.
        workers: Batches decoded at once, each on ``threads // workers``
            threads. None: on CPU, one per thread for a Marian translator
            (many short sentences: two one-thread batches at once translated
            1.8x faster than one two-thread batch at a time on 2 cores,
            BENCHMARKS.md), one for the summarizers (few long inputs); one on CUDA.
        vocabulary_map: Let a Marian translator write only its target
            language's pieces (:mod:`.target_vocabulary`), with the folder's
            vocabulary map, written now if it has none. False: the whole vocabulary.

    Returns:
        The model, ready for ``generate()``.

    Raises:
        InputError: Unknown device or compute type.
        SummarizerError: ctranslate2 is not installed.
    """
    ctranslate2 = import_ctranslate2()
    folder = Path(path).expanduser()
    kind, index = _device(device, ctranslate2)
    compute_type = compute_type or ("int8" if kind == "cpu" else "float16")
    if compute_type not in COMPUTE_TYPES:
        raise InputError(f"Unknown compute type {compute_type!r}: choose one of {', '.join(COMPUTE_TYPES)}.")
    threads = threads or cpu_cores()
    marker = folder / MARKER
    metadata = json.loads(marker.read_text(encoding="utf-8")) if marker.is_file() else {}
    decoder_only = bool(metadata.get("decoder_only"))
    if workers is None:
        workers = threads if kind == "cpu" and metadata.get("model_type") == "marian" else 1
    workers = max(1, min(workers, threads)) if kind == "cpu" else max(1, workers)
    if max_batch_size is None:
        max_batch_size = 0 if kind != "cpu" else CPU_WORKER_BATCH if workers > 1 else CPU_BATCH
    from .loading import load_tokenizer  # loading imports this module

    tokenizer = load_tokenizer(folder)
    # CTranslate2 reads the vocabulary map when it builds the model.
    vocabulary_map = vocabulary_map and not decoder_only and has_vocabulary_map(folder, tokenizer)
    build = ctranslate2.Generator if decoder_only else ctranslate2.Translator
    translator = _on_own_thread(
        build, str(folder), device=kind, device_index=index, compute_type=compute_type,
        inter_threads=workers, intra_threads=max(1, threads // workers) if kind == "cpu" else 0,
    )
    where = kind if kind == "cpu" else f"{kind}:{index}"
    logger.info("loaded %s (CTranslate2 %s) on %s", folder, translator.compute_type, where)
    return Ct2Model(
        name=str(folder), revision=metadata.get("revision"), model=translator, tokenizer=tokenizer,
        device=where, compute_type=translator.compute_type, threads=threads,
        defaults=GenerationDefaults.read(folder, tokenizer), positions=metadata.get("max_position_embeddings"),
        max_batch_size=max_batch_size, decoder_only=decoder_only, workers=workers, vocabulary_map=vocabulary_map,
    )


def has_vocabulary_map(folder: Path, tokenizer: Any) -> bool:
    """Whether ``folder`` holds a vocabulary map of its target language's pieces, written now if it has none.

    Folders converted before the map existed get it on their first load; one
    that cannot be written runs on its whole vocabulary.
    """
    return (folder / VOCABULARY_MAP).is_file() or write_vocabulary_map(folder, tokenizer)


def _on_own_thread(build: Any, *args: Any, **kwargs: Any) -> Any:
    """``build(*args, **kwargs)`` on a thread of its own that ends with it; its exception is raised here.

    Building a CTranslate2 model runs OpenMP work on the calling thread, and
    OpenMP keeps a thread pool for that thread as long as it lives (the
    caller's is usually the main thread: for the whole process). The extra
    pool threads count against the cores: with more OpenMP threads than cores,
    libgomp no longer lets a waiting thread spin but puts it to sleep at once,
    so every parallel region of a multi-thread model wakes it with a system
    call. On 2 cores that made the 600-word article's summary call (one model
    on two threads, hundreds of small parallel regions per decoding step) take
    6.4 s instead of 4.2 s (BENCHMARKS.md, run of 2026-12-02 b). Built here,
    the pool goes with the thread.
    """
    # Leaving the block joins the thread: its pool is gone before the model is used.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="ctranslate2-load") as pool:
        return pool.submit(build, *args, **kwargs).result()


def _device(device: str | None, ctranslate2: Any) -> tuple[str, int]:
    if device in (None, "auto"):
        return ("cuda", 0) if ctranslate2.get_cuda_device_count() > 0 else ("cpu", 0)
    kind, _, index = device.partition(":")
    if kind == "mps":
        logger.info("CTranslate2 has no MPS backend; running on the CPU")
        return "cpu", 0
    if kind not in ("cpu", "cuda") or (index and not index.isdigit()):
        raise InputError(f"Unknown device {device!r} for a CTranslate2 model: choose cpu, cuda or cuda:N.")
    return kind, int(index or 0)
