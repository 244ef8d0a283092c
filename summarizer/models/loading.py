"""Load a model and its tokenizer: the one place that calls ``from_pretrained``.

Seq2seq models (Marian, BART, mT5) load as ``AutoModelForSeq2SeqLM``;
decoder-only instruction models (Qwen, Llama, Gemma: the config names a
``...ForCausalLM``) as ``AutoModelForCausalLM``, chosen by what the config
says. Decoder-only models take prompts rendered by their chat template
(:meth:`LoadedModel.chat_prompt`), are padded on the left for batches, decode
greedily unless told otherwise, and return only the tokens they added.

A model is named by a hub id or a local directory. A hub model is looked up in
the local cache first, without touching the network, and downloaded only when
it is missing and downloads are allowed. When neither works the error names the
model, the cache folder and the command that fetches it. Remote code is never
trusted.

This module does not decide which models to use (see ``presets``) and does not
generate text (see ``translate`` and ``abstracts``).
"""

from __future__ import annotations

import json
import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ModelNotAvailableError
from .base import ModelInfo, input_limit
from .beam_cache import beam_search_cache
from .chat import is_decoder_only, render_chat
from .cpu_linear import check_linear_kernel, use_onednn_linears
from .ct2 import MARKER, is_converted_model, load_ct2_model

if TYPE_CHECKING:
    from .ct2 import Ct2Model

__all__ = ["HUB_IGNORE_PATTERNS", "LoadedModel", "ModelInfo", "choose_device", "input_limit",
           "is_instruction_model", "load_model"]

# Files of other frameworks that a torch checkpoint's repository may also hold:
# never downloaded.
HUB_IGNORE_PATTERNS = ["*.h5", "*.msgpack", "*.ot", "*.onnx", "onnx/*", "*.tflite"]

# transformers 5 builds a model on the "meta" device and then fills it; two
# threads loading at once break each other ("Cannot copy out of meta tensor"),
# e.g. the demo preloading one preset while a request loads another. Loads
# therefore take turns in a process (a lock, not a shared model).
_TRANSFORMERS_LOADING = threading.Lock()

logger = logging.getLogger("summarizer")


@dataclass(frozen=True)
class LoadedModel:
    """A model, its tokenizer, and where it came from.

    ``decoder_only`` is True for instruction (causal LM) models: their inputs
    are chat prompts from :meth:`chat_prompt`, which already hold their special tokens.
    """

    name: str
    revision: str | None
    model: Any
    tokenizer: Any
    device: str
    decoder_only: bool = False

    def count_tokens(self, text: str) -> int:
        """Tokens the model sees for ``text``, special tokens included."""
        return len(self.tokenizer(text, add_special_tokens=not self.decoder_only)["input_ids"])

    def chat_prompt(self, system: str, user: str) -> str:
        """A decoder-only model's prompt for one system and user turn (see :func:`.chat.render_chat`)."""
        return render_chat(self.tokenizer, system, user)

    @property
    def max_input_tokens(self) -> int:
        """The longest input the model was built for (see :func:`input_limit`)."""
        return input_limit(self.tokenizer, getattr(self.model.config, "max_position_embeddings", None))

    def generate(self, texts: list[str], *, max_new_tokens: int, **settings: Any) -> list[str]:
        """Generate one output per input text with ``model.generate()``.

        Preprocess (pad the batch), run under ``torch.inference_mode()``, and
        decode without special tokens. ``settings`` override the model's own
        generation config (``num_beams``, ``min_new_tokens``, ``no_repeat_ngram_size``, ...).
        A decoder-only model's batch is padded on the left, and only the new
        tokens are decoded. Beam search of a seq2seq model gets a cache that
        does not copy the encoder's keys and values at each step
        (:func:`.beam_cache.beam_search_cache`).
        """
        import torch

        if self.decoder_only:
            batch = self.tokenizer(
                texts, return_tensors="pt", padding=True, padding_side="left", add_special_tokens=False
            ).to(self.device)
        else:
            batch = self.tokenizer(texts, return_tensors="pt", padding=True).to(self.device)
        beams = settings.get("num_beams") or getattr(self.model.generation_config, "num_beams", None) or 1
        with torch.inference_mode():
            generated = self.model.generate(
                **batch, max_new_tokens=max_new_tokens, **beam_search_cache(self.model, beams), **settings
            )
        if self.decoder_only:
            generated = generated[:, batch["input_ids"].shape[1] :]
        return [text.strip() for text in self.tokenizer.batch_decode(generated, skip_special_tokens=True)]


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


def load_model(
    name: str,
    *,
    device: str | None = None,
    dtype: str | None = None,
    revision: str | None = None,
    cache_dir: str | None = None,
    local_files_only: bool = False,
    compute_type: str | None = None,
    linear_kernel: str = "onednn",
) -> LoadedModel | Ct2Model:
    """Load a seq2seq or decoder-only model and its tokenizer, ready for ``generate()``.

    A directory written by ``summarizer convert`` (a CTranslate2 model) is
    loaded with :func:`summarizer.models.ct2.load_ct2_model` instead; the returned
    ``Ct2Model`` has the same interface.

    Args:
        name: A hub id (``"Helsinki-NLP/opus-mt-ar-en"``), a local directory,
            or a converted CTranslate2 directory.
        device: ``"cpu"``, ``"cuda"``, ``"cuda:1"``, ``"mps"``, or None/``"auto"``
            for the best available.
        dtype: ``"float32"``, ``"float16"``, ``"bfloat16"`` or None for the
            checkpoint's own, except that float16 weights (opus-mt-tc-big-en-ar
            ships them) are widened to float32 on CPU, which has no fast float16
            matmul (1.8–2.5× slower on 2 AMD EPYC cores, BENCHMARKS.md).
            ``"bfloat16"`` made the whole chain 1.3–1.6× faster there (a CPU
            with AVX512-BF16), at slightly different outputs.
        revision: A hub branch, tag or commit.
        cache_dir: The hub cache folder; None for the default.
        local_files_only: Never download; fail if the model is not cached.
        compute_type: CTranslate2 models only: ``"int8"`` (default on CPU),
            ``"float16"`` (default on CUDA), ... ; ``dtype`` is used when it is None.
        linear_kernel: torch models on the CPU: ``"onednn"`` runs float32 linear
            layers through oneDNN (2-3.6x faster per decoding step than torch's
            MKL call on AMD EPYC; see :mod:`.cpu_linear`), ``"torch"`` keeps
            torch's own.

    Returns:
        The model in eval mode on ``device``, with its tokenizer.

    Raises:
        InputError: An unknown ``linear_kernel``.
        ModelNotAvailableError: If the model is neither cached nor downloadable.
    """
    check_linear_kernel(linear_kernel)
    if is_converted_model(name):
        return load_ct2_model(name, device=device, compute_type=compute_type or dtype)
    import torch

    device = choose_device(device)
    kwargs: dict[str, Any] = {"revision": revision, "cache_dir": cache_dir, "trust_remote_code": False}
    is_local = Path(name).expanduser().is_dir()
    if is_local:
        name = str(Path(name).expanduser())
    attempts = [True] if is_local or local_files_only else [True, False]
    error: Exception | None = None
    for cached_only in attempts:
        try:
            with _TRANSFORMERS_LOADING:
                tokenizer, model = _from_pretrained(name, cached_only, dtype, kwargs)
            break
        except OSError as exc:  # transformers reports missing files and network failures as OSError
            error = exc
    else:
        raise _not_available(name, cache_dir, is_local, error) from error
    if dtype is None and device == "cpu" and model.dtype == torch.float16:
        model = model.float()
    model.to(device)
    model.eval()
    if device == "cpu" and linear_kernel == "onednn":
        logger.info("%s: %d linear layers run through oneDNN", name, use_onednn_linears(model))
    # Every stage passes explicit max_new_tokens/min_new_tokens sized to its
    # input; the checkpoint's absolute limits would only clash with them.
    model.generation_config.max_length = None
    model.generation_config.min_length = None
    decoder_only = is_decoder_only(model.config)
    if decoder_only:
        _greedy_by_default(model, tokenizer)
    resolved = None if is_local else _cached_commit(name, revision, cache_dir)
    logger.info("loaded %s (%s) on %s", name, resolved or revision or "local", device)
    return LoadedModel(name, resolved or revision, model, tokenizer, device, decoder_only)


def _from_pretrained(name: str, cached_only: bool, dtype: str | None, kwargs: dict[str, Any]) -> tuple:
    """The tokenizer and model of ``name`` (a seq2seq or a decoder-only model, as its config says)."""
    from transformers import AutoConfig, AutoModelForCausalLM, AutoModelForSeq2SeqLM, AutoTokenizer

    config = AutoConfig.from_pretrained(name, local_files_only=cached_only, **kwargs)
    tokenizer = AutoTokenizer.from_pretrained(name, local_files_only=cached_only, **kwargs)
    model_class = AutoModelForCausalLM if is_decoder_only(config) else AutoModelForSeq2SeqLM
    model = model_class.from_pretrained(name, config=config, local_files_only=cached_only, dtype=dtype or "auto", **kwargs)
    return tokenizer, model


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

    for cached_only in [True] if local_files_only else [True, False]:
        try:
            config = AutoConfig.from_pretrained(
                name, revision=revision, cache_dir=cache_dir, local_files_only=cached_only, trust_remote_code=False
            )
            return is_decoder_only(config)
        except (OSError, ValueError):
            continue
    return False


def _cached_commit(name: str, revision: str | None, cache_dir: str | None) -> str | None:
    """The commit hash of the cached snapshot, read from its folder name."""
    from huggingface_hub import try_to_load_from_cache

    path = try_to_load_from_cache(name, "config.json", cache_dir=cache_dir, revision=revision)
    if isinstance(path, str) and "/snapshots/" in path:
        return path.split("/snapshots/")[1].split("/")[0]
    return None


def _not_available(name: str, cache_dir: str | None, is_local: bool, error: Exception | None) -> ModelNotAvailableError:
    from huggingface_hub import constants

    if is_local:
        return ModelNotAvailableError(
            f"The folder {name} does not hold a usable model and tokenizer ({error}). "
            "Point to a folder written by save_pretrained(), or to a hub id."
        )
    cache = cache_dir or constants.HF_HUB_CACHE
    return ModelNotAvailableError(
        f"Model {name!r} is not in the cache at {cache} and could not be downloaded. "
        f"On a machine with internet access run `summarizer download` (or "
        f"`huggingface-cli download {name}`), copy the cache folder here, "
        "or pass a local model directory instead."
    )
