"""Find the source word that an abstract word replaces inside a copied span.

An abstract often copies a source sentence, or a run of it, word for word. A
word of such a run that the source lacks, where the source has another word
in the same slot, is a substitution: ``قال الرئيس نورتون ترامب`` against
``قال الرئيس دونالد ترامب``. :func:`copied_slot` finds that source word, so
the name check (:mod:`summarizer.faithfulness.names`) can tell an entity swap
(the source word there is a name the abstract lacks) from a reworded phrase.

Words are compared folded: Arabic by :func:`summarizer.faithfulness.wordforms.normalize_arabic`,
Latin lowercase; punctuation is skipped. A slot counts when at least
:data:`CONTEXT` words around it match, with at least one on each side unless
the span starts or ends a sentence of the abstract and of the source alike.
It knows nothing of meaning: a copied span with a synonym in the slot is a
substitution too, which is why the caller judges the source word.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from .wordforms import Token, normalize_arabic

__all__ = ["CONTEXT", "Slot", "WordSequence", "copied_slot", "word_sequence"]

# Three matching words around one slot: two words can match by chance ("في مدينة"), a run of three rarely.
CONTEXT = 3
_ENDS = frozenset(".!?؟\n")


@dataclass(frozen=True)
class WordSequence:
    """The words of a text in order, folded, with where each folded word occurs.

    Attributes:
        words: The folded words, punctuation left out.
        texts: The same words as written.
        tokens: For each word, the index of its token.
        starts: Word positions that open a sentence.
        positions: Each folded word and the positions where it occurs.
    """

    words: tuple[str, ...] = ()
    texts: tuple[str, ...] = ()
    tokens: tuple[int, ...] = ()
    starts: frozenset[int] = frozenset()
    positions: Mapping[str, tuple[int, ...]] = field(default_factory=dict)


def _fold(word: str) -> str:
    return normalize_arabic(word).lower()


def word_sequence(tokens: Sequence[Token]) -> WordSequence:
    """The word tokens of a tokenized text, folded, for :func:`copied_slot`."""
    words: list[str] = []
    texts: list[str] = []
    indices: list[int] = []
    starts: set[int] = {0}
    for i, token in enumerate(tokens):
        if token.kind == "punct" and token.text in _ENDS:
            starts.add(len(words))
        if token.kind != "word":
            continue
        words.append(_fold(token.text))
        texts.append(token.text)
        indices.append(i)
    positions: dict[str, list[int]] = {}
    for p, word in enumerate(words):
        positions.setdefault(word, []).append(p)
    return WordSequence(tuple(words), tuple(texts), tuple(indices), frozenset(starts), {w: tuple(ps) for w, ps in positions.items()})


def _matching(a: WordSequence, p: int, b: WordSequence, q: int, step: int) -> tuple[int, bool]:
    """How many words match going ``step`` from ``p`` in ``a`` and ``q`` in ``b``, and whether both runs end a sentence."""
    n = 0
    while True:
        i, j = p + step * (n + 1), q + step * (n + 1)
        if not (0 <= i < len(a.words) and 0 <= j < len(b.words)) or a.words[i] != b.words[j]:
            break
        n += 1
    first_a, first_b = p + step * n, q + step * n  # the last matched word, or the slot itself
    if step < 0:
        edge = first_a in a.starts and first_b in b.starts
    else:
        edge = (first_a + 1 in a.starts or first_a + 1 == len(a.words)) and (
            first_b + 1 in b.starts or first_b + 1 == len(b.words)
        )
    return n, edge


@dataclass(frozen=True)
class Slot:
    """The source word in an abstract word's slot.

    Attributes:
        word: The source word, as written.
        context: How many words around the slot match.
        neighbours: The source words either side of it, as written.
    """

    word: str
    context: int
    neighbours: tuple[str, ...] = ()


def copied_slot(abstract: WordSequence, p: int, source: WordSequence) -> Slot | None:
    """The source word in the slot of abstract word ``p``, when the words around it are copied from the source.

    Args:
        abstract: The words of an abstract sentence.
        p: The position of a word of it (not a token index).
        source: The words of the source.

    Returns:
        The source word, as written, and the size of the match, whose neighbours are the neighbours of word
        ``p``, when at least :data:`CONTEXT` of them match (at least one each
        side, unless that side is a sentence edge in both) and it differs from
        word ``p``; None otherwise.
    """
    slots: set[int] = set()
    if p > 0:
        slots.update(q + 1 for q in source.positions.get(abstract.words[p - 1], ()))
    if p + 1 < len(abstract.words):
        slots.update(q - 1 for q in source.positions.get(abstract.words[p + 1], ()))
    best, found = 0, None
    for q in sorted(s for s in slots if 0 <= s < len(source.words)):
        if source.words[q] == abstract.words[p]:
            continue
        left, left_edge = _matching(abstract, p, source, q, -1)
        right, right_edge = _matching(abstract, p, source, q, 1)
        if (left or left_edge) and (right or right_edge) and left + right >= CONTEXT and left + right > best:
            best, found = left + right, q
    if found is None:
        return None
    neighbours = tuple(source.texts[j] for j in (found - 1, found + 1) if 0 <= j < len(source.words))
    return Slot(source.texts[found], best, neighbours)
