"""Convert a Hugging Face seq2seq model into a self-contained CTranslate2 directory.

:func:`convert_model` wraps ``ctranslate2.converters.TransformersConverter`` for
the MarianMT and BART models of the presets and writes, beside CTranslate2's
``model.bin``, ``config.json`` and ``shared_vocabulary.json``:

* the tokenizer files (``tokenizer.save_pretrained``), so that the directory
  needs nothing else at run time;
* ``generation_config.json``: the model's own generation defaults (beams,
  length penalty, no-repeat n-gram size, forced BOS/EOS), read back by
  :mod:`summarizer.ct2`;
* ``summarizer-ct2.json``: which model it came from (name, hub commit when
  known), the quantization, the model's input limit and the library versions.

``summarizer.load_model`` recognises such a directory and returns a
:class:`summarizer.ct2.Ct2Model`. The source model must be loadable by
``from_pretrained`` (a hub id, cached or downloadable, or a local folder).

Workaround: ctranslate2 4.8's BART loader reads ``config.normalize_before``,
a legacy key that transformers 5 no longer keeps on ``BartConfig``; BART is
post-norm, so the converter here sets it to ``False`` when it is missing.

This module does not run models (see ``ct2``) and converts only encoder-decoder
models ctranslate2 knows (Marian, BART, mBART, M2M100, T5/mT5, ...); only Marian
and BART are tested here.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .ct2 import MARKER, import_ctranslate2
from .errors import InputError

QUANTIZATIONS = ("int8", "int8_float32", "int8_float16", "float16", "bfloat16", "float32")


def convert_model(
    name_or_path: str,
    output_dir: str,
    *,
    quantization: str = "int8",
    force: bool = False,
    revision: str | None = None,
) -> str:
    """Convert a seq2seq model and copy its tokenizer and generation defaults beside it.

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
    converter = _converter_class()(name_or_path, revision=revision)
    converter.convert(str(output), quantization=quantization, force=True)
    converter.tokenizer.save_pretrained(output)
    converter.generation_config.save_pretrained(output)
    import transformers

    config = converter.model_config
    metadata = {
        "source": name_or_path,
        "revision": _source_commit(name_or_path, revision),
        "quantization": quantization,
        "model_type": config.model_type,
        "max_position_embeddings": getattr(config, "max_position_embeddings", None),
        "ctranslate2": ctranslate2.__version__,
        "transformers": transformers.__version__,
    }
    (output / MARKER).write_text(json.dumps(metadata, indent=2) + "\n", encoding="utf-8")
    return str(output)


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
            self.model_config = model.config
            self.generation_config = model.generation_config
            return model

        def load_tokenizer(self, tokenizer_class: type, name_or_path: str, **kwargs: Any) -> Any:
            self.tokenizer = super().load_tokenizer(tokenizer_class, name_or_path, revision=self.revision, **kwargs)
            return self.tokenizer

    return Converter


def _source_commit(name: str, revision: str | None) -> str | None:
    """The hub commit of the source model when it came from the cache, else the revision asked for."""
    if Path(name).expanduser().is_dir():
        return revision
    from .models import _cached_commit

    return _cached_commit(name, revision, None) or revision


def add_convert_command(subparsers: Any, parents: Sequence[argparse.ArgumentParser] = ()) -> argparse.ArgumentParser:
    """Add ``convert MODEL OUT [--quantization Q] [--revision R] [--force]`` to the CLI's subcommands.

    Args:
        subparsers: What ``ArgumentParser.add_subparsers()`` returned.
        parents: Parsers whose arguments the command also takes (the CLI's ``--debug``).

    Returns:
        The new parser; its ``handler`` default is :func:`cmd_convert`.
    """
    parser = subparsers.add_parser(
        "convert", parents=list(parents),
        help="convert a model to CTranslate2 for the fast path (needs ctranslate2)",
        description="Convert a Marian or BART model (hub id or folder) into a CTranslate2 folder that "
        "--translator/--summarizer/--back-translator accept. int8 is the fastest on CPU.",
    )
    parser.add_argument("model", help="hub id or local model folder")
    parser.add_argument("output", help="folder to write the converted model to")
    parser.add_argument("--quantization", choices=QUANTIZATIONS, default="int8",
                        help="weight type stored on disk (default: int8)")
    parser.add_argument("--revision", help="hub branch, tag or commit of the model")
    parser.add_argument("--force", action="store_true", help="overwrite the output folder")
    parser.set_defaults(handler=cmd_convert)
    return parser


def cmd_convert(args: argparse.Namespace) -> int:
    """Run ``summarizer convert`` (CLI only: prints the output folder)."""
    output = convert_model(
        args.model, args.output, quantization=args.quantization, force=args.force, revision=args.revision
    )
    print(output)
    return 0
