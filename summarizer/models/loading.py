"""Load a model and its tokenizer: the one function that loads models, on either engine.

:func:`load_model` takes a model name (hub id or folder) and one
:class:`~.load_options.LoadOptions`, and returns a :class:`~.base.TextModel`:
a torch :class:`LoadedModel`, or a CTranslate2 :class:`~.ct2.Ct2Model` when
the options' backend says so (the default on a CPU) or the folder is a
CTranslate2 conversion. The hub is reached only through :mod:`.hub`
(:func:`~.hub.resolve_model`); this module reads folders.

Seq2seq models (Marian, BART, mT5) load as ``AutoModelForSeq2SeqLM``;
decoder-only instruction models (Qwen, Llama, Gemma: the config names a
``...ForCausalLM``) as ``AutoModelForCausalLM``, chosen by what the config
says. Decoder-only models take prompts rendered by their chat template
(:meth:`LoadedModel.chat_prompt`), are padded on the left for batches, decode
greedily unless told otherwise, and return only the tokens they added; their
repetition settings see the new tokens only, as on CTranslate2. Remote code is
never trusted.

This module does not decide which models to use (see ``presets``) and does not
generate text for a stage (see ``translate`` and ``abstracts``).
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .base import GenerationSettings, ModelInfo, TextModel, input_limit
from .beam_cache import beam_search_cache
from .chat import is_decoder_only
from .convert import converted_model
from .cpu_linear import use_onednn_linears
from .ct2 import MARKER, is_converted_model, load_ct2_model
from .hub import resolve_model
from .load_options import LoadOptions
from .quiet import quiet_loading
from .target_vocabulary import source_only_ids

__all__ = ["LoadedModel", "ModelInfo", "TextModel", "choose_device", "input_limit", "is_instruction_model",
           "load_model"]

# transformers 5 builds a model on the "meta" device and then fills it; two
# threads loading at once break each other ("Cannot copy out of meta tensor"),
# e.g. the demo preloading one preset while a request loads another. Loads
# therefore take turns in a process (a lock, not a shared model).
_TRANSFORMERS_LOADING = threading.Lock()

logger = logging.getLogger("summarizer")


@dataclass(frozen=True)
class LoadedModel(TextModel):
    """A torch model, its tokenizer, and where it came from.

    ``decoder_only`` is True for instruction (causal LM) models: their inputs
    are chat prompts from :meth:`chat_prompt`, which already hold their special tokens.
    """

    name: str
    revision: str | None
    model: Any
    tokenizer: Any
    device: str
    decoder_only: bool = False
    target_pieces_only: bool = False  # the source-only pieces suppressed (_target_pieces_only)

    backend = "torch"

    @property
    def compute_type(self) -> str:
        """The weights' dtype (``"float32"``, ...)."""
        return str(self.model.dtype).removeprefix("torch.")

    @property
    def positions(self) -> int | None:
        """The model's position table, when its config has one."""
        return getattr(self.model.config, "max_position_embeddings", None)

    def generate(self, texts: list[str], settings: GenerationSettings | None = None, **changes: Any) -> list[str]:
        """Generate one output per input text with ``model.generate()``.

        Preprocess (pad the batch), run under ``torch.inference_mode()``, and
        decode without special tokens. Settings left None keep the model's own
        generation config. A decoder-only model's batch is padded on the left,
        only the new tokens are decoded, and its repetition settings see the
        new tokens only (:func:`_new_token_processors`). Beam search of a
        seq2seq model gets a cache that does not copy the encoder's keys and
        values at each step (:func:`.beam_cache.beam_search_cache`).
        """
        import torch

        settings = GenerationSettings.coerce(settings, **changes)
        if not texts:
            return []
        if self.decoder_only:
            batch = self.tokenizer(
                texts, return_tensors="pt", padding=True, padding_side="left", add_special_tokens=False
            ).to(self.device)
        else:
            batch = self.tokenizer(texts, return_tensors="pt", padding=True).to(self.device)
        keywords = settings.transformers()
        if self.decoder_only:
            keywords = _new_token_processors(keywords, batch["input_ids"].shape[1])
        beams = settings.num_beams or getattr(self.model.generation_config, "num_beams", None) or 1
        with torch.inference_mode():
            generated = self.model.generate(**batch, **beam_search_cache(self.model, beams), **keywords)
        if self.decoder_only:
            generated = generated[:, batch["input_ids"].shape[1] :]
        return [text.strip() for text in self.tokenizer.batch_decode(generated, skip_special_tokens=True)]


def _new_token_processors(keywords: dict[str, Any], prompt_length: int) -> dict[str, Any]:
    """A decoder-only call's repetition settings as processors that see only the tokens after the prompt.

    transformers applies ``no_repeat_ngram_size`` and ``repetition_penalty``
    to the whole sequence, prompt included: asked for an abstract, the model
    could then repeat no phrase of the article it is given. CTranslate2's
    ``Generator`` applies them to the new tokens only; this makes torch do
    the same (``tests/models/test_equivalence.py``).
    """
    from transformers import LogitsProcessorList, NoRepeatNGramLogitsProcessor, RepetitionPenaltyLogitsProcessor

    processors = []
    size = keywords.pop("no_repeat_ngram_size", None)
    if size:
        processors.append(NoRepeatNGramLogitsProcessor(size))
    penalty = keywords.pop("repetition_penalty", None)
    if penalty is not None and penalty != 1.0:
        processors.append(RepetitionPenaltyLogitsProcessor(penalty))
    if processors:
        keywords["logits_processor"] = LogitsProcessorList(
            [_AfterPrompt(processor, prompt_length) for processor in processors]
        )
    return keywords


class _AfterPrompt:
    """A logits processor applied to the tokens after the first ``prompt_length`` only."""

    def __init__(self, processor: Any, prompt_length: int):
        self.processor, self.prompt_length = processor, prompt_length

    def __call__(self, input_ids: Any, scores: Any) -> Any:
        new = input_ids[:, self.prompt_length :]
        return self.processor(new, scores) if new.shape[1] else scores


def choose_device(device: str | None = None) -> str:
    """Pick the device: the one asked for, else CUDA, then Apple MPS, then CPU."""
    import torch

    if device and device != "auto":
        return device
    if torch.cuda.is_available():
        return "cuda"
    mps = getattr(torch.backends, "mps", None)
    if mps is not None and mps.is_available():
        return "mps"
    return "cpu"


Notify = Callable[[str], None]


def load_model(name: str, options: LoadOptions | dict | None = None, *, notify: Notify | None = None,
               **settings: Any) -> TextModel:
    """Load a seq2seq or decoder-only model and its tokenizer, ready for ``generate()``.

    Args:
        name: A hub id (``"Helsinki-NLP/opus-mt-ar-en"``), a local folder, or a
            folder converted to CTranslate2 (``summarizer convert``).
        options: How to load (:class:`LoadOptions`, a dict of its fields, or
            None for the defaults: CTranslate2 int8 on a CPU, torch on a GPU).
        notify: Told, in a sentence, when a model is converted for
            CTranslate2 (a first use that takes a while).
        **settings: Fields of :class:`LoadOptions`, overriding ``options``.

    Returns:
        The model, with its tokenizer: a torch :class:`LoadedModel` or a :class:`~.ct2.Ct2Model`.

    Raises:
        InputError: An unknown option value.
        ModelNotAvailableError: The model is neither a folder, nor cached, nor downloadable.
    """
    options = LoadOptions.merged(options, **settings)
    compute_type = options.compute_type or options.dtype
    target_only = not options.whole_vocabulary
    if is_converted_model(name):
        return load_ct2_model(name, device=options.device, compute_type=compute_type, vocabulary_map=target_only)
    backend, device = options.backend_and_device()
    if backend == "ctranslate2":
        folder = converted_model(
            name, quantization=_quantization(compute_type), root=options.converted_dir, revision=options.revision,
            cache_dir=options.cache_dir, local_files_only=options.local_files_only, notify=notify,
        )
        return load_ct2_model(folder, device=device, compute_type=compute_type, vocabulary_map=target_only)
    return _load_torch(name, options, choose_device(device))


def _quantization(compute_type: str | None) -> str:
    """The weight type a conversion stores for a compute type: int8 unless a float type is asked for."""
    return compute_type if compute_type in ("float32", "float16", "bfloat16") else "int8"


def _load_torch(name: str, options: LoadOptions, device: str) -> LoadedModel:
    import torch

    found = resolve_model(name, revision=options.revision, cache_dir=options.cache_dir,
                          local_files_only=options.local_files_only)
    try:
        with _TRANSFORMERS_LOADING:
            tokenizer, model = _from_folder(found.folder, options.dtype)
    except OSError as error:  # transformers reports missing or broken files as OSError
        from ..errors import ModelNotAvailableError

        raise ModelNotAvailableError(
            f"The folder {found.folder} ({name}) does not hold a usable model and tokenizer ({error}). "
            "Point to a folder written by save_pretrained(), or to a hub id."
        ) from error
    if options.dtype is None and device == "cpu" and model.dtype == torch.float16:
        model = model.float()
    model.to(device)
    model.eval()
    if device == "cpu" and options.linear_kernel == "onednn":
        logger.info("%s: %d linear layers run through oneDNN", name, use_onednn_linears(model))
    # Every stage passes explicit max_new_tokens/min_new_tokens sized to its
    # input; the checkpoint's absolute limits would only clash with them.
    model.generation_config.max_length = None
    model.generation_config.min_length = None
    decoder_only = is_decoder_only(model.config)
    if decoder_only:
        _greedy_by_default(model, tokenizer)
    target_only = not decoder_only and not options.whole_vocabulary and _target_pieces_only(model, tokenizer)
    logger.info("loaded %s (%s) on %s", name, found.commit or options.revision or "local", device)
    return LoadedModel(name, found.commit or options.revision, model, tokenizer, device, decoder_only, target_only)


def _from_folder(folder: Path, dtype: str | None) -> tuple:
    """The tokenizer and model in ``folder`` (a seq2seq or a decoder-only model, as its config says)."""
    from transformers import AutoConfig, AutoModelForCausalLM, AutoModelForSeq2SeqLM, AutoTokenizer

    kwargs: dict[str, Any] = {"local_files_only": True, "trust_remote_code": False}
    config = AutoConfig.from_pretrained(folder, **kwargs)
    tokenizer = AutoTokenizer.from_pretrained(folder, **kwargs)
    model_class = AutoModelForCausalLM if is_decoder_only(config) else AutoModelForSeq2SeqLM
    with quiet_loading():
        model = model_class.from_pretrained(folder, config=config, dtype=dtype or "auto", **kwargs)
    return tokenizer, model


def load_tokenizer(folder: Path) -> Any:
    """The tokenizer saved in ``folder``, by its own class when named: ``AutoTokenizer`` would import torch."""
    import transformers

    config = json.loads((folder / "tokenizer_config.json").read_text(encoding="utf-8"))
    tokenizer_class = getattr(transformers, str(config.get("tokenizer_class")), None) or transformers.AutoTokenizer
    return tokenizer_class.from_pretrained(str(folder), local_files_only=True)


def _target_pieces_only(model: Any, tokenizer: Any) -> bool:
    """Let a Marian translator write only its target language's pieces, as on CTranslate2; False if not one.

    See :mod:`.target_vocabulary`. Each step's scores are renormalised over
    the tokens left, as on CTranslate2, where a checkpoint does not already
    ask for it (the OPUS-MT ones do).
    """
    banned = source_only_ids(tokenizer)
    if banned:
        config = model.generation_config
        config.suppress_tokens = sorted(set(config.suppress_tokens or ()) | set(banned))
        config.renormalize_logits = True
    return bool(banned)


def _greedy_by_default(model: Any, tokenizer: Any) -> None:
    """Make an instruction model's abstracts reproducible, and batchable.

    Chat checkpoints ship sampling settings (Qwen: temperature 0.7, top-p 0.8);
    an abstract should not change from run to run, and greedy decoding is what
    the CTranslate2 path reproduces token for token. A ``do_sample=True``
    passed to ``generate()`` still samples. The checkpoint's repetition
    penalty (Qwen2.5: 1.05) is dropped too: transformers applies it to the
    prompt's tokens as well, so it steers the model away from the article's
    own names and numbers (and CTranslate2 applies it to new tokens only).
    Loops are caught and retried by the abstract writer instead. Models
    without a padding token (Llama) pad with their end token.
    """
    config = model.generation_config
    config.do_sample = False
    config.temperature = config.top_p = config.top_k = None
    config.repetition_penalty = None
    if tokenizer.pad_token_id is None and tokenizer.eos_token is not None:
        tokenizer.pad_token = tokenizer.eos_token
    if config.pad_token_id is None:
        config.pad_token_id = tokenizer.pad_token_id


def is_instruction_model(
    name: str, *, revision: str | None = None, cache_dir: str | None = None, local_files_only: bool = False,
    **_: Any,
) -> bool:
    """True when ``name`` is a decoder-only (instruction) model, read from its config alone.

    A converted CTranslate2 folder answers from its marker file. False when the
    config cannot be read: loading the model then reports why.
    """
    if is_converted_model(name):
        marker = Path(name).expanduser() / MARKER
        return marker.is_file() and bool(json.loads(marker.read_text(encoding="utf-8")).get("decoder_only"))
    from transformers import AutoConfig

    from ..errors import ModelNotAvailableError

    try:
        found = resolve_model(name, revision=revision, cache_dir=cache_dir, local_files_only=local_files_only)
        return is_decoder_only(AutoConfig.from_pretrained(found.folder, local_files_only=True, trust_remote_code=False))
    except (ModelNotAvailableError, OSError, ValueError):
        return False
