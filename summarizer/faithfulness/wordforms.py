"""Word forms for matching text against text: Arabic and English normalisation.

Shared by :mod:`summarizer.faithfulness.attribution` and the fact checks. Everything here is
a rule, not a model, and every function is pure.

* :func:`prepare` makes a searchable copy of a text: Arabic diacritics and
  tatweel dropped, Arabic-Indic digits (``٠-٩``, ``۰-۹``) made ASCII, the Arabic
  decimal separator ``٫``, thousands separator ``٬`` and percent sign ``٪``
  made ``.`` ``,`` ``%``. It keeps a map back to the original characters, so a
  match can be quoted as the user wrote it.
* :func:`tokenize` cuts a prepared text into numbers, words and single
  punctuation marks.
* :func:`normalize_arabic` folds spelling variants: alef forms to ``ا``, hamza
  on waw and ya to ``ء``, ``ى`` to ``ي``, ``ة`` to ``ه``.
* :func:`arabic_variants` adds the forms without clitic prefixes (``و ف ب ل ك``,
  ``ال``, ``لل``, the future ``س``) and one common suffix (pronouns, plural and
  dual endings, verb endings ``وا ت تم``, tanween ``ا``), never leaving fewer
  than three letters (two for a bare clitic strip); a ``ت`` bared by a
  pronoun ending is also read as ``ة``.
* :func:`english_stem` is crude suffix stripping (``-ies -s -ing -ed -ly``).

It does not lemmatise, segment clitics with a lexicon, or know any word's
meaning; two different words can share a form ("كتاب"/"كتابه").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

__all__ = [
    "Prepared",
    "Token",
    "arabic_variants",
    "english_stem",
    "normalize_arabic",
    "prepare",
    "surface_variants",
    "tokenize",
]

_DROP = frozenset(chr(c) for c in [*range(0x064B, 0x0653), 0x0670, 0x0640, 0x200C, 0x200D, 0x200F, 0x200E])
_MAP = {chr(0x0660 + i): str(i) for i in range(10)}
_MAP.update({chr(0x06F0 + i): str(i) for i in range(10)})
_MAP.update({"\u066b": ".", "\u066c": ",", "\u066a": "%", "\u2019": "'", "\u2018": "'", "\u00a0": " "})
# A number keeps its inner separators ("1,200.5", "1.200.000", "30،000" with an
# Arabic comma between digits); a word is a run of letters, with inner
# apostrophes ("O'Neil"); a hyphen is punctuation.
_TOKEN = re.compile(r"(?P<num>\d+(?:[.,:،]\d+)*)|(?P<word>[^\W\d_]+(?:'[^\W\d_]+)*)|(?P<punct>[^\s\w])")
_MAP_TABLE = str.maketrans(_MAP)
_ARABIC_FOLD = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ؤ": "ء", "ئ": "ء", "ى": "ي", "ة": "ه", **dict.fromkeys(_DROP)}
)
_CLITICS = ("و", "ف", "ب", "ل", "ك")
_ARTICLES = ("ال", "لل")
_SUFFIXES = ("هما", "كما", "تما", "هم", "هن", "كم", "نا", "ها", "وا", "ات", "ون", "ين", "ان", "يه", "تم", "ه", "ي", "ك", "ت", "ا")


@dataclass(frozen=True)
class Prepared:
    """A searchable copy of a text and the way back to the original.

    Attributes:
        original: The text as given.
        text: The prepared copy (see the module docstring).
        origin: For each character of ``text``, its index in ``original``.
    """

    original: str
    text: str
    origin: Sequence[int]

    def quote(self, start: int, end: int) -> str:
        """The original characters behind ``text[start:end]``, trailing diacritics included."""
        if start >= end:
            return ""
        stop = self.origin[end - 1] + 1
        while stop < len(self.original) and self.original[stop] in _DROP:
            stop += 1
        return self.original[self.origin[start] : stop]


class Token(NamedTuple):
    """One number, word or punctuation mark of a prepared text.

    A named tuple rather than a dataclass: texts are cut into many of them.

    Attributes:
        text: The token as it stands in the prepared text.
        start: Its offset in the prepared text.
        end: The offset just after it.
        kind: ``"num"``, ``"word"`` or ``"punct"``.
    """

    text: str
    start: int
    end: int
    kind: str


def prepare(text: str) -> Prepared:
    """Drop Arabic diacritics and tatweel, make digits and separators ASCII.

    Args:
        text: Any text.

    Returns:
        The prepared copy with its map back to ``text``.
    """
    if not any(char in _DROP for char in text):
        return Prepared(text, text.translate(_MAP_TABLE), range(len(text)))
    kept = [i for i, char in enumerate(text) if char not in _DROP]
    return Prepared(text, "".join(text[i] for i in kept).translate(_MAP_TABLE), tuple(kept))


def tokenize(prepared: Prepared) -> list[Token]:
    """Cut a prepared text into numbers, words and punctuation marks, in order."""
    return [Token(m.group(), m.start(), m.end(), m.lastgroup or "punct") for m in _TOKEN.finditer(prepared.text)]


def normalize_arabic(word: str) -> str:
    """Fold Arabic spelling variants and drop diacritics; other letters pass unchanged."""
    return word.translate(_ARABIC_FOLD)


def _without_prefixes(word: str) -> list[str]:
    forms = [word]
    for clitic in _CLITICS:
        if word.startswith(clitic) and len(word) - 1 >= 2:
            forms.append(word[1:])
    for form in list(forms):
        if form.startswith("س") and form[1:2] in "يتنا" and len(form) >= 5:
            forms.append(form[1:])
    for form in list(forms):
        for article in _ARTICLES:
            if form.startswith(article) and len(form) - len(article) >= 2:
                forms.append(form[len(article) :])
    return forms


def _variants(word: str, ta_marbuta: str, suffixes: tuple[str, ...] = _SUFFIXES) -> frozenset[str]:
    forms = set(_without_prefixes(word))
    for form in list(forms):
        for suffix in suffixes:
            if form.endswith(suffix) and len(form) - len(suffix) >= 3:
                stem = form[: -len(suffix)]
                forms.add(stem)
                if stem.endswith("ت") and not suffix.startswith("ت"):
                    forms.add(stem[:-1] + ta_marbuta)  # مدينتها, خطته -> مدينة, خطة
    return frozenset(forms)


@lru_cache(maxsize=1 << 16)
def arabic_variants(word: str) -> frozenset[str]:
    """The normalised word and its forms without clitic prefixes and common suffixes.

    Args:
        word: One Arabic word.

    Returns:
        A set of forms; two words are taken to be the same when their sets meet.
    """
    return _variants(normalize_arabic(word), "ه")


@lru_cache(maxsize=1 << 16)
def surface_variants(word: str, suffixes: tuple[str, ...] = _SUFFIXES) -> frozenset[str]:
    """The forms of :func:`arabic_variants` spelled as written (hamza, ``ة`` and ``ى`` kept), diacritics dropped.

    For looking words up in lists that keep the spelling, such as word
    frequencies and dictionaries; ``suffixes`` are the endings that may be cut.
    """
    return _variants("".join(c for c in word if c not in _DROP), "ة", suffixes)


@lru_cache(maxsize=1 << 16)
def english_stem(word: str) -> str:
    """Lowercase ``word``, drop a possessive ``'s`` and strip one common suffix.

    ``-ies`` becomes ``-y``; ``-ing -ed -ly -s`` go when three letters stay.
    """
    word = word.lower()
    if word.endswith("'s"):
        word = word[:-2]
    word = word.rstrip("'")
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    for suffix in ("ing", "ed", "ly", "s"):
        if len(word) - len(suffix) >= 3 and word.endswith(suffix) and not word.endswith("ss"):
            return word[: -len(suffix)]
    return word
