"""Convert a Hugging Face model into a self-contained CTranslate2 directory.

:func:`convert_model` wraps ``ctranslate2.converters.TransformersConverter`` for
the MarianMT and BART models of the presets and the decoder-only instruction
models (Qwen2/Qwen3, Llama, Gemma, ... : what ctranslate2 can convert) and writes, beside CTranslate2's
``model.bin``, ``config.json`` and ``shared_vocabulary.json``:

* the tokenizer files (``tokenizer.save_pretrained``), so that the directory
  needs nothing else at run time;
* ``generation_config.json``: the model's own generation defaults (beams,
  length penalty, no-repeat n-gram size, forced BOS/EOS), read back by
  :mod:`summarizer.models.ct2`;
* ``vmap.txt`` for a Marian translator: the vocabulary map that keeps its
  output to its target language's pieces (:mod:`.target_vocabulary`);
* ``summarizer-ct2.json``: which model it came from (name, hub commit when
  known), the quantization, the model's input limit and the library versions.

``summarizer.load_model`` recognises such a directory and returns a
:class:`summarizer.models.ct2.Ct2Model`. The source is a folder: a hub model is
found or fetched by :func:`summarizer.models.hub.resolve_model` first.

Workaround: ctranslate2 4.8's BART loader reads ``config.normalize_before``,
a legacy key that transformers 5 no longer keeps on ``BartConfig``; BART is
post-norm, so the converter here sets it to ``False`` when it is missing.

This module does not run models (see ``ct2``) and converts only models
ctranslate2 knows (Marian, BART, mBART, M2M100, T5/mT5; Qwen2, Qwen3, Llama,
Gemma, Mistral, Phi-3, ...); Marian, BART and Qwen2 are tested here.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .chat import is_decoder_only
from .ct2 import MARKER, import_ctranslate2, is_converted_model
from .hub import resolve_model
from .quiet import quiet_loading
from .target_vocabulary import write_vocabulary_map
from ..errors import InputError

logger = logging.getLogger("summarizer")

QUANTIZATIONS = ("int8", "int8_float32", "int8_float16", "float16", "bfloat16", "float32")


def convert_model(
    name_or_path: str,
    output_dir: str,
    *,
    quantization: str = "int8",
    force: bool = False,
    revision: str | None = None,
) -> str:
    """Convert a model and copy its tokenizer and generation defaults beside it.

    Args:
        name_or_path: A hub id or a local directory written by ``save_pretrained``.
        output_dir: Where to write the converted model; created.
        quantization: Weight type stored on disk: ``"int8"`` (default, smallest;
            CPU or GPU), ``"int8_float32"``, ``"int8_float16"``, ``"float16"``,
            ``"bfloat16"`` or ``"float32"`` (exact). The type used at run time
            can differ (``load_model(..., compute_type=...)``).
        force: Overwrite ``output_dir`` if it exists.
        revision: Hub branch, tag or commit of the source model.

    Returns:
        The output directory.

    Raises:
        InputError: Unknown quantization, or ``output_dir`` exists without ``force``.
        SummarizerError: ctranslate2 is not installed (``pip install "bilingual-summarizer[fast]"``).
    """
    if quantization not in QUANTIZATIONS:
        raise InputError(f"Unknown quantization {quantization!r}: choose one of {', '.join(QUANTIZATIONS)}.")
    output = Path(output_dir).expanduser()
    if output.exists() and any(output.iterdir()) and not force:
        raise InputError(f"{output} exists and is not empty: pass force=True (--force) to overwrite it.")
    ctranslate2 = import_ctranslate2()
    found = resolve_model(name_or_path, revision=revision)
    converter = _converter_class()(str(found.folder))
    with quiet_loading():
        converter.convert(str(output), quantization=quantization, force=True)
    converter.tokenizer.save_pretrained(output)
    converter.generation_config.save_pretrained(output)
    import transformers

    config = converter.model_config
    metadata = {
        "source": name_or_path,
        "revision": found.commit or revision,
        "quantization": quantization,
        "model_type": config.model_type,
        "max_position_embeddings": getattr(config, "max_position_embeddings", None),
        "decoder_only": is_decoder_only(config),
        "ctranslate2": ctranslate2.__version__,
        "transformers": transformers.__version__,
    }
    write_vocabulary_map(output, converter.tokenizer)  # a Marian translator's only
    (output / MARKER).write_text(json.dumps(metadata, indent=2) + "\n", encoding="utf-8")
    return str(output)


def default_converted_dir() -> Path:
    """Where converted models are kept: ``$SUMMARIZER_CT2_DIR`` or ``~/.cache/bilingual-summarizer/ct2``."""
    return Path(os.environ.get("SUMMARIZER_CT2_DIR") or Path.home() / ".cache" / "bilingual-summarizer" / "ct2")


def converted_model(
    name_or_path: str,
    *,
    quantization: str = "int8",
    root: str | None = None,
    revision: str | None = None,
    cache_dir: str | None = None,
    local_files_only: bool = False,
    notify: Callable[[str], None] | None = None,
) -> str:
    """The CTranslate2 folder of a model, converted once into ``root`` on first use.

    A folder that already holds a converted model is returned as is. A hub
    model is fetched into the hub cache (or found there) and its conversion
    kept under ``root`` by id, commit and quantization, so a new upload is
    converted again; a local folder's conversion is kept by its path and the
    time its files last changed. A conversion is written to a temporary folder
    and renamed when complete, so an interrupted one is never picked up.

    Args:
        name_or_path: A hub id, a local model folder, or a converted folder.
        quantization: Weight type of the conversion (``"int8"`` for CPU).
        root: Folder of conversions; None for :func:`default_converted_dir`.
        revision: Hub branch, tag or commit of the source model.
        cache_dir: The hub cache folder; None for the default.
        local_files_only: Never download the source model.
        notify: Told in a sentence before a conversion starts (it takes from
            seconds to minutes, once per model).

    Returns:
        The converted folder, ready for ``load_model``.

    Raises:
        ModelNotAvailableError: The source model is neither cached nor downloadable.
        SummarizerError: ctranslate2 is not installed.
    """
    if is_converted_model(name_or_path):
        return name_or_path
    import_ctranslate2()  # say what to install before downloading anything
    found = resolve_model(name_or_path, revision=revision, cache_dir=cache_dir, local_files_only=local_files_only)
    source, commit = found.folder, found.commit
    if commit is None:
        stamp = max((f.stat().st_mtime_ns for f in source.iterdir() if f.is_file()), default=0)
        key = hashlib.sha1(f"{source.resolve()}|{stamp}".encode()).hexdigest()[:12]
        folder_name = f"{source.name}-{key}-{quantization}"
    else:
        folder_name = f"{name_or_path.replace('/', '--')}-{commit[:12]}-{quantization}"
    folder = Path(root).expanduser() if root else default_converted_dir()
    target = folder / folder_name
    if is_converted_model(str(target)):
        return str(target)
    message = f"converting {name_or_path} to CTranslate2 ({quantization}) for this machine, once, into {target}"
    logger.warning(message)
    if notify is not None:
        notify(message)
    partial = folder / f"{folder_name}.partial-{os.getpid()}"
    try:
        convert_model(str(source), str(partial), quantization=quantization, force=True)
        if commit is not None:  # say where it came from, not which cache folder
            marker = partial / MARKER
            metadata = {**json.loads(marker.read_text(encoding="utf-8")), "source": name_or_path, "revision": commit}
            marker.write_text(json.dumps(metadata, indent=2) + "\n", encoding="utf-8")
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    if target.exists() and not is_converted_model(str(target)):
        shutil.rmtree(target)  # left by an older, interrupted run
    try:
        partial.rename(target)
    except OSError:  # another process finished the same conversion first
        shutil.rmtree(partial, ignore_errors=True)
    return str(target)


def _converter_class() -> type:
    """A TransformersConverter that keeps what it loaded and patches transformers 5 configs."""
    from ctranslate2.converters import TransformersConverter

    class Converter(TransformersConverter):
        def __init__(self, name_or_path: str, revision: str | None = None):
            super().__init__(name_or_path, revision=revision)
            self.revision = revision

        def load_model(self, model_class: type, name_or_path: str, **kwargs: Any) -> Any:
            model = super().load_model(model_class, name_or_path, **kwargs)
            if not hasattr(model.config, "normalize_before"):
                model.config.normalize_before = False  # BART is post-norm; key dropped in transformers 5
            if _has_own_output_layer(model):
                # transformers 5 reports every mT5 as tied and never rescales its
                # decoder output; ctranslate2 would scale by d_model**-0.5 when tied.
                model.config.tie_word_embeddings = False
            self.model_config = model.config
            self.generation_config = model.generation_config
            return model

        def load_tokenizer(self, tokenizer_class: type, name_or_path: str, **kwargs: Any) -> Any:
            self.tokenizer = super().load_tokenizer(tokenizer_class, name_or_path, revision=self.revision, **kwargs)
            return self.tokenizer

    return Converter


def _has_own_output_layer(model: Any) -> bool:
    """Whether a T5-family model's output layer holds weights of its own (mT5), not the input embeddings."""
    head, shared = getattr(model, "lm_head", None), getattr(model, "shared", None)
    if head is None or shared is None or getattr(model.config, "model_type", "") not in ("t5", "mt5", "umt5"):
        return False
    import torch

    return head.weight.data_ptr() != shared.weight.data_ptr() and not torch.equal(head.weight, shared.weight)
