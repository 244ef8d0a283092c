"""Arabic repairs that no PDF library makes: lines in visual order, lam-alef read backwards, unreadable text layers.

Every repair is decided by a word list (``wordfreq``'s Arabic and English
lists, about 620k and 320k words), never by a rule per file:

* :func:`logical_line`: a line whose Arabic words are mostly *reversed* forms
  of real words was written in visual order (right-to-left text stored
  left-to-right); it is turned around, with runs of Latin letters and digits
  kept left-to-right and brackets mirrored.
* :func:`repair_words`: a word that is no word, but becomes one when two
  neighbouring letters swap (a ligature decoded in the wrong order:
  ``البالد`` -> ``البلاد``), when its Persian letter forms are read as Arabic
  ones (``ی`` -> ``ي``) or when it is read backwards, is repaired; pieces of
  a word split by a space are joined; unmapped glyphs (U+FFFD) inside Arabic
  words are dropped.
* :func:`balance_brackets`: brackets that came out mirrored (``)2(``) are
  turned back where that pairs them up.
* :func:`readable_share`: the share of a text's words that are real words;
  a broken font map gives a text layer of letters that spell nothing.

Presentation forms (U+FB50-FEFF) become letters through NFKC
(:func:`normalize`). It does not judge the language, nor fix spelling.
"""

from __future__ import annotations

import math
import re
import unicodedata
from functools import lru_cache

__all__ = [
    "balance_brackets", "best_reading", "damage", "is_visual", "is_word", "logical_line", "normalize", "readable_share",
    "repair_words", "weight",
]

_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")
_ARABIC_WORD = re.compile("[\u0621-\u064a\u0660-\u0669\u066e-\u06d3\u06d5\u06fa-\u06ff\u064b-\u065f\u0670\u0640]+")
_LTR = re.compile(r"[A-Za-z0-9\u00c0-\u024f\u0660-\u0669\u06f0-\u06f9]+(?:[ .,:/\-+%]+[A-Za-z0-9\u00c0-\u024f\u0660-\u0669\u06f0-\u06f9]+)*")
_MIRROR = str.maketrans("()[]{}<>«»", ")(][}{><»«")
_WORD = re.compile(r"[^\W\d_]+")
# Letters that Persian and Urdu fonts put where Arabic text has its own: Farsi yeh, heh doachashmee, keheh.
_VARIANTS = str.maketrans({"\u06cc": "\u064a", "\u06be": "\u0647", "\u06a9": "\u0643"})


@lru_cache(maxsize=1)
def _english_words() -> frozenset[str]:
    from wordfreq import top_n_list

    return frozenset(top_n_list("en", 10**7))


@lru_cache(maxsize=1)
def _arabic_ranks() -> dict[str, int]:
    from wordfreq import top_n_list

    return {word: rank for rank, word in enumerate(top_n_list("ar", 10**7))}


def weight(token: str) -> float:
    """How much an Arabic token looks like a word: 0 when unknown, up to 7 for the most frequent words."""
    rank = _arabic_ranks().get(_MARKS.sub("", token))
    return 0.0 if rank is None else max(0.5, 7 - math.log10(rank + 1))


_BIDI_CONTROLS = re.compile("[\ufeff\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def normalize(text: str) -> str:
    """NFKC (presentation forms and ligatures to letters), without the byte-order mark and bidi controls."""
    return _BIDI_CONTROLS.sub("", unicodedata.normalize("NFKC", text))


def is_word(word: str) -> bool:
    """Whether ``word`` (any script, diacritics and tatweel ignored) is in the Arabic or English word list."""
    bare = _MARKS.sub("", word)
    if not bare:
        return False
    if "\u0621" <= bare[0] <= "\u06ff":
        return bare in _arabic_ranks() or bare.translate(_VARIANTS) in _arabic_ranks()
    return bare.lower() in _english_words()


def _arabic_tokens(line: str) -> list[str]:
    return [t for t in (_MARKS.sub("", m) for m in _ARABIC_WORD.findall(line)) if len(t) > 1]


def is_visual(line: str) -> bool:
    """Whether the line's Arabic words read better reversed (their word-list weight, see :func:`weight`)."""
    tokens = [t.translate(_VARIANTS) for t in _arabic_tokens(line)]
    if not tokens:
        return False
    forwards = sum(weight(t) for t in tokens)
    backwards = sum(weight(t[::-1]) for t in tokens)
    known = sum(weight(t[::-1]) > 0 for t in tokens)
    return backwards > forwards + 1 and known >= 0.4 * len(tokens)


def logical_line(line: str, visual: bool | None = None) -> str:
    """The line in logical order when it was stored in visual order (see :func:`is_visual`), else unchanged."""
    if not (is_visual(line) if visual is None else visual):
        return line
    reversed_line = line[::-1].translate(_MIRROR)
    # Latin words and numbers run left to right inside right-to-left text: turn them back.
    return _LTR.sub(lambda m: m.group(0)[::-1].translate(_MIRROR), reversed_line)


_L = "\u0621-\u064a\u066e-\u066f\u0671-\u06d3\u06d5"  # Arabic letters, with those of Persian and Urdu
_UNMAPPED = re.compile(f"\ufffd(?=[{_L}])|(?<=[{_L}])\ufffd")
_RARE = 3.0  # weight of a word ranked about 10,000th
_REPAIRABLE = 2.5  # weight of a word ranked about 30,000th
_DAMAGE_TOKEN = re.compile(f"[{_L}]{{2,}}")
_LETTERS = re.compile(f"[{_L}\u064b-\u065f\u0670\u0640]+")  # a word with its diacritics and tatweel


def _swaps(word: str) -> tuple[list[str], list[str]]:
    """The word with one pair of neighbouring letters swapped, and with two pairs apart swapped."""
    ones = []
    for i in range(len(word) - 1):
        if word[i] != word[i + 1]:
            ones.append((i, word[:i] + word[i + 1] + word[i] + word[i + 2:]))
    twos = [one[:j] + one[j + 1] + one[j] + one[j + 2:]
            for i, one in ones for j in range(i + 2, len(word) - 1) if one[j] != one[j + 1]]
    return [one for _, one in ones], twos


def best_reading(word: str, damaged: bool = True) -> str:
    """The reading of a non-word that makes it a word, or the word unchanged.

    Readings are tried from the smallest change up, and the first kind that
    gives a word wins (the most frequent word of that kind): the Persian
    letter forms read as Arabic ones; one pair of neighbouring letters swapped
    (a two-letter ligature whose letters came out backwards: ``البالد`` ->
    ``البلاد``, ``املصدر`` -> ``المصدر``, ``خمتلفة`` -> ``مختلفة``); two pairs
    swapped; the word reversed (one word in visual order). Only a non-word or
    a rare word (weight under ``_REPAIRABLE``: the word list holds misread
    forms too, ``يف`` 2.2, ``خالل`` 1.3, while real words that other words are
    one swap away from weigh more, ``علمية`` 3.4, ``عمد`` 3.0) is read again,
    and a reading must weigh more than the word itself by a margin (see
    :func:`weight`).

    With ``damaged=False`` (text that shows little damage, see :func:`damage`)
    only a non-word is read again, and only with its letter forms: where the
    fonts decode, a non-word is a name or a foreign word far more often than
    a misread one (a swap changed 0.07% to 0.17% of the words of clean news,
    Flores, TICO-19 and UN text, ``جوندرو`` -> ``جوندور``, and
    KITAB pdf2's names ``الدبو``, ``العمايدة``).
    """
    bare = _MARKS.sub("", word)
    if len(bare) < 2 or weight(bare) >= (_REPAIRABLE if damaged else 1e-9):
        return word
    floor = weight(bare) + 1
    variants = list(dict.fromkeys((bare.translate(_VARIANTS), bare)))
    swapped = [_swaps(variant) for variant in variants]
    kinds = ([variants[0]], [w for ones, _ in swapped for w in ones], [w for _, twos in swapped for w in twos],
             [variant[::-1] for variant in variants])
    if not damaged:
        kinds = kinds[:1]
    for kind in kinds:
        found = [(weight(candidate), candidate) for candidate in kind if candidate != bare]
        found = [item for item in found if item[0] > floor]
        if found:
            return max(found)[1]
    return word


def _join_split(text: str, damaged: bool = True) -> str:
    """Join two or three letter runs that are one word split by a space (``الس وق`` -> ``السوق``).

    Pieces are joined when one of them is no word or a rare one (the word list holds fragments
    of words too: ``الس``, ``وق``) and the whole is a clearly more frequent word.
    """
    parts = text.split(" ")
    out, i = [], 0
    while i < len(parts):
        for size in (3, 2):
            pieces = parts[i:i + size]
            if len(pieces) == size and all(_LETTERS.fullmatch(piece) for piece in pieces):
                joined = best_reading("".join(pieces), damaged)
                weights = [weight(best_reading(piece, damaged)) for piece in pieces]
                if weight(joined) > max(weights) + 1 and min(weights) < _RARE:
                    out.append(joined)
                    i += size
                    break
        else:
            out.append(parts[i])
            i += 1
    return " ".join(out)


def damage(text: str) -> float:
    """The share of a text's Arabic words (two letters or more) that are in no word list, Persian forms read as Arabic.

    On the shared KITAB PDFs, PDFium's pages that read well show at most 3%, the
    damaged ones 5% to 64%.
    """
    tokens = _DAMAGE_TOKEN.findall(_MARKS.sub("", text))
    if not tokens:
        return 0.0
    return sum(weight(token.translate(_VARIANTS)) == 0 for token in tokens) / len(tokens)


def repair_words(text: str, damaged: bool = True) -> str:
    """Word-level repairs, each kept only where it turns a non-word into a word.

    A glyph without a letter (U+FFFD) inside an Arabic word is dropped
    (``الأ�سعار``); runs of letters split by a space where a part is no word
    but the whole is are joined; each word, judged whole with its diacritics
    (a repaired word loses them), is replaced by its :func:`best_reading`.
    """
    text = _UNMAPPED.sub("", text)
    text = _join_split(text, damaged)
    return _LETTERS.sub(lambda m: best_reading(m.group(0), damaged), text)


_PAIRS = ("()", "[]", "{}", "«»")


def balance_brackets(line: str) -> str:
    """Put brackets that came out mirrored back: ``)2(`` -> ``(2)``, ``(يناير(`` -> ``(يناير)``.

    A PDF library that copies right-to-left glyphs can give a bracket its
    mirror image. Only a line whose brackets of one kind do not pair up, and do
    when read as open, close, open, close..., is changed.
    """
    for opening, closing in _PAIRS:
        marks = [i for i, char in enumerate(line) if char in (opening, closing)]
        if not marks or len(marks) % 2:
            continue
        depth, balanced = 0, True
        for i in marks:
            depth += 1 if line[i] == opening else -1
            balanced = balanced and depth >= 0
        if balanced and depth == 0:
            continue
        chars = list(line)
        for n, i in enumerate(marks):
            chars[i] = opening if n % 2 == 0 else closing
        line = "".join(chars)
    return line


def readable_share(text: str) -> tuple[float, int]:
    """The share of the text's words (two letters or more) that are in the word lists, and how many words it has."""
    tokens = [t for t in _WORD.findall(_MARKS.sub("", text)) if len(t) > 1]
    if not tokens:
        return 0.0, 0
    return sum(is_word(t) for t in tokens) / len(tokens), len(tokens)
