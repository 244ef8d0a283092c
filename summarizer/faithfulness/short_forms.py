"""Short and derived forms of the English names of a source: initials, clipped names, demonyms.

The name check (:mod:`summarizer.faithfulness.names`) accepts an abstract word
that shortens a name of the source:

* an acronym of a run of capitalised source words (:func:`source_initials`):
  ``WWII`` for ``World War II`` (a roman numeral is kept whole), ``UN`` for
  ``United Nations``, ``DOJ`` or ``DJ`` for ``Department of Justice`` (the
  initials of ``of and for the &`` inside the run may be kept or left out);
* a clipped name (:func:`name_prefixes`): ``Alex`` for ``Alexander``, ``Chris``
  for ``Christopher``, a prefix of three letters or more of a capitalised source
  word that no dictionary writes in lowercase (so ``Pol`` is not ``Police``);
* a people or language word of a source place (:func:`demonym_bases`):
  ``Iranian`` for ``Iran``, ``Chinese`` for ``China``, ``Italian`` for ``Italy``.

Everything is lowercase. It does not know which short form people really use
(``Liz`` for ``Elizabeth`` is not a prefix) nor acronyms whose letters come from
inside words (``NASDAQ``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .lexicon import is_english_common_word
from .wordforms import Token

__all__ = ["demonym_bases", "name_prefixes", "source_initials"]

_ROMAN = re.compile(r"^(?=[IVX])X{0,3}(IX|IV|V?I{0,3})$")
_LINKS = frozenset({"of", "and", "for", "the", "&", "de", "du", "des"})
_DEMONYM_ENDINGS = ("ian", "ean", "an", "ese", "ish", "i")
_MOST = 8  # initials of at most this many words: longer runs are lists, not names


def _capitalised(text: str) -> bool:
    return text[:1].isupper() and text.isalpha()


def _runs(tokens: Sequence[Token]) -> list[list[str]]:
    """Runs of capitalised words, with the linking words inside them."""
    runs: list[list[str]] = []
    run: list[str] = []
    for token in tokens:
        text = token.text.removesuffix("'s")
        if token.kind == "word" and _capitalised(text):
            run.append(text)
            continue
        if run and token.kind in ("word", "punct") and text.lower() in _LINKS:
            run.append(text.lower())
            continue
        while run and run[-1] in _LINKS:
            run.pop()
        if run:
            runs.append(run)
        run = []
    while run and run[-1] in _LINKS:
        run.pop()
    if run:
        runs.append(run)
    return runs


def _letters(word: str, keep_links: bool) -> str:
    if word in _LINKS:
        return word[0] if keep_links and word != "&" else ("&" if word == "&" else "")
    return word if _ROMAN.match(word) else word[0]


def source_initials(tokens: Sequence[Token]) -> frozenset[str]:
    """The acronyms of every run of two or more capitalised source words, lowercase."""
    found: set[str] = set()
    for run in _runs(tokens):
        for start in range(len(run)):
            if run[start] in _LINKS:
                continue
            for end in range(start + 2, min(len(run), start + _MOST) + 1):
                if run[end - 1] in _LINKS:
                    continue
                for keep in (True, False):
                    found.add("".join(_letters(w, keep) for w in run[start:end]).lower())
    return frozenset(a for a in found if len(a) >= 2)


def name_prefixes(tokens: Sequence[Token]) -> frozenset[str]:
    """Prefixes of three letters or more of the capitalised source words that are no lowercase dictionary word."""
    names = {t.text.removesuffix("'s") for t in tokens if t.kind == "word" and _capitalised(t.text)}
    names = {n for n in names if len(n) >= 4 and not n.isupper() and not is_english_common_word(n)}
    return frozenset(n[:k].lower() for n in names for k in range(3, len(n)))


def demonym_bases(word: str) -> list[str]:
    """The place names a lowercase people or language word may come from: ``iranian`` -> ``iran``, ``chinese`` -> ``china``."""
    bases = []
    for ending in _DEMONYM_ENDINGS:
        stem = word.removesuffix(ending)
        if stem != word and len(stem) >= 3:
            bases += [stem, stem + "a", stem + "ia", stem + "y"]
    return bases
