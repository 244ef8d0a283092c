"""The tokens a translator may write: its target language's pieces, not the source's.

An OPUS-MT model (``MarianTokenizer``) cuts its input with ``source.spm`` and
its training targets with ``target.spm``, and numbers the pieces of both in one
vocabulary (opus-mt-ar-en: 32k Arabic and 32k English pieces, 62,834 entries),
shared by the encoder's input, the decoder's input and its output layer. A
piece that only ``source.spm`` knows was never a training target: the model
learnt to give it no probability, yet every decoding step still scores it.
Those pieces are about half of the output layer, and the output layer and the
search over its scores are most of a translation step on a CPU
(BENCHMARKS.md, "Speed").

:func:`source_only_tokens` lists them. Both engines then leave them out of the
search the same way, so a step's scores are renormalised over the tokens left
(transformers: ``suppress_tokens`` with the checkpoints' ``renormalize_logits``;
CTranslate2: a vocabulary map, :func:`write_vocabulary_map`, which also skips
their rows of the output layer). An output can change only where the model
would have written a source-only piece, a token no training target had.

Everything else is kept: special tokens, language codes (``>>ara<<``), pieces
both tokenizers know (digits, punctuation, Latin names in Arabic text), and
any entry neither tokenizer knows. A model with separate vocabularies, or
without two SentencePiece models, has nothing to leave out.

Hand-written: neither transformers nor CTranslate2 derives this set; a
CTranslate2 vocabulary map is otherwise built from word alignments of parallel
data, which this needs none of.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any

logger = logging.getLogger("summarizer")

# CTranslate2 reads a vocabulary map from this file in the model folder (``use_vmap=True``).
VOCABULARY_MAP = "vmap.txt"


def source_only_tokens(tokenizer: Any) -> list[str]:
    """Vocabulary entries that only the source SentencePiece model produces, in vocabulary order.

    Empty for a tokenizer that is not a Marian one with a shared vocabulary and
    two SentencePiece models.
    """
    source, target = getattr(tokenizer, "spm_source", None), getattr(tokenizer, "spm_target", None)
    vocabulary = getattr(tokenizer, "encoder", None)
    if source is None or target is None or source is target or not isinstance(vocabulary, dict):
        return []
    if getattr(tokenizer, "separate_vocabs", False):
        return []
    only_source = _pieces(source) - _pieces(target)
    return [token for token in vocabulary if token in only_source]


def source_only_ids(tokenizer: Any) -> list[int]:
    """The ids of :func:`source_only_tokens`, for transformers' ``suppress_tokens``."""
    vocabulary = getattr(tokenizer, "encoder", {})
    return [vocabulary[token] for token in source_only_tokens(tokenizer)]


def write_vocabulary_map(folder: Path, tokenizer: Any) -> bool:
    """Write CTranslate2's vocabulary map for a converted model: every entry but the source-only ones.

    One line with an empty source side, so that every batch gets the same
    tokens. Written to a temporary file and renamed, so a reader never sees
    half of it. Returns False when there is nothing to leave out (not a
    Marian translator with a shared vocabulary) or the folder cannot be
    written (the model then runs on its whole vocabulary).
    """
    leave_out = set(source_only_tokens(tokenizer))
    vocabulary = _converted_vocabulary(folder) if leave_out else None
    if vocabulary is None:
        return False
    kept = [token for token in vocabulary if token not in leave_out]
    if any(not token or any(c.isspace() for c in token) for token in kept):
        logger.info("%s: a vocabulary entry holds white space; no vocabulary map", folder)
        return False
    partial = folder / f"{VOCABULARY_MAP}.partial-{os.getpid()}"
    try:
        partial.write_text("\t" + " ".join(kept) + "\n", encoding="utf-8")
        partial.replace(folder / VOCABULARY_MAP)
    except OSError as error:
        partial.unlink(missing_ok=True)
        logger.info("%s: could not write %s (%s); the model runs on its whole vocabulary", folder, VOCABULARY_MAP,
                    error)
        return False
    return True


def _converted_vocabulary(folder: Path) -> list[str] | None:
    """The output vocabulary CTranslate2 saved for a seq2seq model, None when it is not a shared one."""
    if (folder / "target_vocabulary.json").is_file():
        return None
    path = folder / "shared_vocabulary.json"
    if path.is_file():
        return json.loads(path.read_text(encoding="utf-8"))
    path = folder / "shared_vocabulary.txt"
    return path.read_text(encoding="utf-8").splitlines() if path.is_file() else None


def _pieces(processor: Any) -> set[str]:
    """The ordinary pieces of a SentencePiece model (no control or unknown symbols)."""
    return {
        processor.id_to_piece(i) for i in range(processor.get_piece_size())
        if not (processor.is_control(i) or processor.is_unknown(i))
    }
