"""Pack consecutive sentences into chunks that fit a model's token budget.

Tokens are counted by a ``count_tokens`` callable: the real tokenizer of the
model that will read the chunks, so the budget means what the model means.
A sentence is never split unless it alone exceeds the budget; then it is cut
at clause marks (``،`` ``؛`` ``,`` ``;``), then at spaces, then between
characters, and the cut is recorded as a warning. Every sentence lands in
exactly one chunk (or, when cut, in consecutive chunks), in order: nothing is
dropped or truncated.

This module does not split text into sentences (see ``sentences``) and does not
know about models.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..errors import InputError

CountTokens = Callable[[str], int]

_CLAUSE_END = re.compile(r"(?<=[،؛,;])\s+")
_SPACE = re.compile(r"(?<=\S)\s+(?=\S)")


@dataclass(frozen=True)
class Chunk:
    """Consecutive sentences (or pieces of one long sentence) that fit the budget.

    Attributes:
        text: The sentences joined with the separator.
        sentence_indices: Indices into the input sentences, in order.
        n_tokens: Tokens counted by ``count_tokens`` for ``text``.
        is_partial: True when the chunk holds only a piece of a sentence that
            was longer than the budget.
    """

    text: str
    sentence_indices: tuple[int, ...]
    n_tokens: int
    is_partial: bool = False


@dataclass(frozen=True)
class Chunking:
    """The chunks of a text and what had to be done to make them fit."""

    chunks: tuple[Chunk, ...]
    warnings: tuple[str, ...] = ()
    split_sentences: tuple[int, ...] = ()


def split_long_text(text: str, count_tokens: CountTokens, max_tokens: int) -> list[str]:
    """Cut a text that exceeds ``max_tokens`` into pieces that fit.

    Tries clause marks first, then spaces, then plain character cuts, so the
    pieces stay as readable as possible. Joining the pieces with a space gives
    back the text up to whitespace.

    Args:
        text: The text to cut.
        count_tokens: Counts the tokens of a string for the target model.
        max_tokens: The budget per piece.

    Returns:
        The pieces, in order; ``[text]`` when it already fits.
    """
    if count_tokens(text) <= max_tokens:
        return [text]
    for pattern in (_CLAUSE_END, _SPACE):
        parts = [p for p in pattern.split(text) if p]
        if len(parts) > 1:
            return _pack(parts, count_tokens, max_tokens, recurse=True)
    return _cut_characters(text, count_tokens, max_tokens)


def chunk_sentences(
    sentences: Sequence[str],
    count_tokens: CountTokens,
    max_tokens: int,
    *,
    separator: str = " ",
) -> Chunking:
    """Pack sentences into chunks of at most ``max_tokens`` tokens.

    Args:
        sentences: The sentences, in document order.
        count_tokens: Counts the tokens of a string for the model that will read
            the chunks, special tokens included.
        max_tokens: The budget per chunk.
        separator: Placed between sentences of a chunk.

    Returns:
        A :class:`Chunking` whose chunks cover every sentence once, in order.

    Raises:
        InputError: If ``max_tokens`` leaves no room for text.
    """
    if max_tokens <= count_tokens(""):
        raise InputError(
            f"max_tokens={max_tokens} leaves no room for text after the model's "
            "special tokens: pass a larger budget."
        )
    overhead = count_tokens("")
    chunks: list[Chunk] = []
    warnings: list[str] = []
    split: list[int] = []
    current: list[int] = []
    current_cost = overhead

    def flush() -> None:
        # Costs add up only approximately (tokenizers merge across spaces), so
        # the joined text is counted for real and trimmed from the end if needed.
        pending = list(current)
        current.clear()
        while pending:
            take = len(pending)
            text = separator.join(sentences[i] for i in pending)
            n_tokens = count_tokens(text)
            while n_tokens > max_tokens and take > 1:
                take -= 1
                text = separator.join(sentences[i] for i in pending[:take])
                n_tokens = count_tokens(text)
            chunks.append(Chunk(text, tuple(pending[:take]), n_tokens))
            pending = pending[take:]

    for index, sentence in enumerate(sentences):
        n_tokens = count_tokens(sentence)
        if n_tokens > max_tokens:
            flush()
            current_cost = overhead
            pieces = split_long_text(sentence, count_tokens, max_tokens)
            chunks.extend(Chunk(p, (index,), count_tokens(p), True) for p in pieces)
            split.append(index)
            warnings.append(
                f"sentence {index + 1} has {n_tokens} tokens, more than the "
                f"{max_tokens}-token budget: it was cut into {len(pieces)} pieces."
            )
            continue
        cost = n_tokens - overhead
        if current and current_cost + cost > max_tokens:
            flush()
            current_cost = overhead
        current.append(index)
        current_cost += cost
    flush()
    return Chunking(tuple(chunks), tuple(warnings), tuple(split))


def chunk_evenly(
    sentences: Sequence[str],
    count_tokens: CountTokens,
    max_tokens: int,
    *,
    separator: str = " ",
) -> Chunking:
    """Pack sentences into as few chunks as :func:`chunk_sentences`, of even size.

    Greedy packing fills every chunk but the last, which may hold one sentence.
    This keeps the greedy chunk count and finds (by binary search) the smallest
    budget that still needs no more chunks, so the chunks come out about the
    same size. A chunking that had to cut a sentence is returned as is.

    Args:
        sentences: The sentences, in document order.
        count_tokens: Counts the tokens of a string for the model, special tokens included.
        max_tokens: The budget per chunk; no chunk exceeds it.
        separator: Placed between sentences of a chunk.

    Returns:
        A :class:`Chunking` covering every sentence once, in order.
    """
    count_tokens = functools.lru_cache(maxsize=None)(count_tokens)  # each trial recounts every sentence
    greedy = chunk_sentences(sentences, count_tokens, max_tokens, separator=separator)
    if len(greedy.chunks) < 2 or greedy.split_sentences:
        return greedy
    best = greedy
    # Below the longest sentence's count a sentence would be cut: never go there.
    low, high = max(count_tokens(s) for s in sentences), max_tokens - 1
    while low <= high:
        budget = (low + high) // 2
        trial = chunk_sentences(sentences, count_tokens, budget, separator=separator)
        if len(trial.chunks) <= len(greedy.chunks):
            best, high = trial, budget - 1
        else:
            low = budget + 1
    return best


def _pack(parts: list[str], count_tokens: CountTokens, max_tokens: int, *, recurse: bool) -> list[str]:
    """Greedily join ``parts`` with spaces into pieces under the budget.

    Sums per-part counts instead of re-counting the growing piece (which would
    be quadratic on a 20,000-character line), then checks each piece for real
    and re-packs the rare one that the estimate let through.
    """
    overhead = count_tokens("")
    groups: list[list[str]] = []
    current: list[str] = []
    current_cost = overhead
    for part in parts:
        n_tokens = count_tokens(part)
        if n_tokens > max_tokens:
            if current:
                groups.append(current)
            current, current_cost = [], overhead
            groups.extend([[p] for p in (split_long_text(part, count_tokens, max_tokens) if recurse else [part])])
            continue
        if current and current_cost + n_tokens - overhead > max_tokens:
            groups.append(current)
            current, current_cost = [], overhead
        current.append(part)
        current_cost += n_tokens - overhead
    if current:
        groups.append(current)
    pieces: list[str] = []
    for group in groups:
        text = " ".join(group)
        if len(group) > 1 and count_tokens(text) > max_tokens:
            middle = len(group) // 2
            pieces.extend(_pack(group[:middle], count_tokens, max_tokens, recurse=recurse))
            pieces.extend(_pack(group[middle:], count_tokens, max_tokens, recurse=recurse))
        else:
            pieces.append(text)
    return pieces


def _cut_characters(text: str, count_tokens: CountTokens, max_tokens: int) -> list[str]:
    """Cut a text with no spaces into the longest prefixes that fit (binary search)."""
    pieces: list[str] = []
    rest = text
    while rest:
        low, high = 1, len(rest)
        while low < high:
            middle = (low + high + 1) // 2
            if count_tokens(rest[:middle]) <= max_tokens:
                low = middle
            else:
                high = middle - 1
        pieces.append(rest[:low])
        rest = rest[low:]
    return pieces
