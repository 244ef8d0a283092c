"""Number words of English and Arabic: cardinals, ordinals, percent words.

Tables and lookups used by :mod:`summarizer.faithfulness.numbers`. A cardinal entry is
``(value, type)``: ``"one"`` (a one, a number only inside a longer one),
``"zero"`` (``صفر``), ``"unit"`` (2-9), ``"teen"`` (10-19), ``"ten"`` (20-90), ``"hundreds"`` (a
finished hundred: ``مئتان``, ``ثلاثمئة``), ``"hundred"`` (times 100),
``"scale"`` (times a thousand, a million, ...), ``"plural"`` (a scale that
needs a number before it: ``آلاف``), ``"dual"`` (a finished two-thousand,
two-million: ``ألفان``) and ``"half"`` (``مليون ونصف``, ``نصف مليون``). Arabic
scales run from ``ألف`` to ``كوينتينيليون`` (10^48), each with its dual and
plural forms made by rule.

Ordinals (``fifth``, ``الخامس``, ``خامسة``) and Arabic cardinals with the
article (``الثلاث``, ``العشرين``) are looked up apart: they name a rank or
a known group more often than a count, so they may support a number but are
not checked themselves. Arabic keys are stored as
:func:`summarizer.faithfulness.wordforms.normalize_arabic` leaves them. Fractions other
than a half, and ``dozen``, are not here.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from .wordforms import Token, normalize_arabic

__all__ = ["ordinal_or_definite", "percent_end", "spelled", "support_keys"]

_ENGLISH = {"one": (1, "one"), "hundred": (100, "hundred"), "thousand": (10**3, "scale"),
            "million": (10**6, "scale"), "billion": (10**9, "scale"), "trillion": (10**12, "scale")}
for _i, _w in enumerate("two three four five six seven eight nine".split(), 2):
    _ENGLISH[_w] = (_i, "unit")
for _i, _w in enumerate("ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split(), 10):
    _ENGLISH[_w] = (_i, "teen")
for _i, _w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2):
    _ENGLISH[_w] = (_i * 10, "ten")

_ARABIC_SPELLED: dict[str, tuple[int, str]] = {}
for _words, _entry in [
    ("صفر", (0, "zero")), ("واحد واحدة واحدا أحد إحدى", (1, "one")),
    ("اثنان اثنين اثنتان اثنتين اثنا اثني اثنتا اثنتي", (2, "unit")),
    ("ثلاث ثلاثة", (3, "unit")), ("أربع أربعة", (4, "unit")), ("خمس خمسة", (5, "unit")),
    ("ست ستة", (6, "unit")), ("سبع سبعة", (7, "unit")), ("ثمان ثماني ثمانية", (8, "unit")),
    ("تسع تسعة", (9, "unit")), ("عشر عشرة", (10, "teen")),
    ("مئة مائة", (100, "hundred")), ("نصف", (0, "half")),
    ("مئتان مئتين مئتا مئتي مائتان مائتين مائتا مائتي", (200, "hundreds")),
]:
    for _w in _words.split():
        _ARABIC_SPELLED[_w] = _entry
for _i, _w in enumerate("عشرون ثلاثون أربعون خمسون ستون سبعون ثمانون تسعون".split(), 2):
    _ARABIC_SPELLED[_w] = _ARABIC_SPELLED[_w[:-2] + "ين"] = (_i * 10, "ten")
for _i, _w in enumerate("ثلاث أربع خمس ست سبع ثمان تسع".split(), 3):
    _ARABIC_SPELLED[_w + "مئة"] = _ARABIC_SPELLED[_w + "مائة"] = (_i * 100, "hundreds")
_ARABIC_SPELLED["ثمانيمئة"] = _ARABIC_SPELLED["ثمانيمائة"] = (800, "hundreds")
# Scales, each with its dual (ألفان ألفين, and ألفا ألفي before a noun; ألفاً with tanween folds to ألفا
# too, and the reader takes it as one thousand after a count) and its plural (آلاف, تريليونات).
_SCALE_WORDS = [
    ("ألف", 3, "آلاف ألوف"), ("مليون", 6, "ملايين"), ("مليار", 9, "مليارات"), ("بليون", 9, "بلايين"),
    ("تريليون", 12, "تريليونات"), ("ترليون", 12, "ترليونات"), ("كوادريليون", 15, ""), ("كوينتليون", 18, ""), ("سكستيليون", 21, ""),
    ("سبتيليون", 24, ""), ("أوكتيليون", 27, ""), ("نونيليون", 30, ""), ("ديسيليون", 33, ""),
    ("أندسيليون", 36, ""), ("دوديسيليون", 39, ""), ("تريديسيليون", 42, ""), ("كوادريسيليون", 45, ""),
    ("كوينتينيليون", 48, ""),
]
for _w, _power, _plurals in _SCALE_WORDS:
    _ARABIC_SPELLED[_w] = (10**_power, "scale")
    for _ending in ("ان", "ين", "ا", "ي"):
        _ARABIC_SPELLED[_w + _ending] = (2 * 10**_power, "dual")
    for _plural in (*_plurals.split(), _w + "ات"):
        _ARABIC_SPELLED[_plural] = (10**_power, "plural")
_ARABIC_SPELLED.pop("ألفات")  # the letter alif's plural
_ARABIC = {normalize_arabic(w): entry for w, entry in _ARABIC_SPELLED.items()}

_ORDINALS = {w: i for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
    "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split(), 1)}
_ORDINALS.update((w, i * 10) for i, w in enumerate(
    "thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth hundredth".split(), 3))
for _i, _w in enumerate("أول ثاني ثالث رابع خامس سادس سابع ثامن تاسع عاشر".split(), 1):
    for _form in (_w, _w + "ة", "ال" + _w, "ال" + _w + "ة"):
        _ORDINALS[normalize_arabic(_form)] = _i
for _form in ("أولى", "الأولى", "حادي", "الحادي", "حادية", "الحادية"):
    _ORDINALS[normalize_arabic(_form)] = 1
_DEFINITE = {"ال" + w: v for w, (v, kind) in _ARABIC.items() if kind in ("unit", "teen", "ten", "hundreds")}
_DEFINITE.pop(normalize_arabic("الاثنين"), None)  # Monday
_PERCENT_WORDS = frozenset({"percent", "pct", *(normalize_arabic(w) for w in "بالمئة بالمائة".split())})
_HUNDRED_DEFINITE = frozenset(normalize_arabic(w) for w in "المئة المائة".split())
_CLITICS = "وفبلك"


def _strip(norm: str, table: dict) -> tuple[str, bool]:
    # Only و before a two-letter word (وست); لست and بست are other words.
    if norm not in table and norm[:1] in _CLITICS and norm[1:] in table and (len(norm) > 3 or norm[0] == "و"):
        return norm[1:], norm[0] == "و"
    return norm, False


@lru_cache(maxsize=1 << 16)
def spelled(word: str) -> tuple[int, str, bool] | None:
    """Look a word up as a cardinal number word.

    Args:
        word: One word, English (any case) or Arabic (one clitic ``و ف ب ل ك``
            may lead; a leading ``و`` is reported, as it joins Arabic compounds).

    Returns:
        ``(value, type, after_waw)``, or None when it is not a number word.
    """
    entry = _ENGLISH.get(word.lower())
    if entry:
        return (*entry, False)
    if word[:1] == "و" and word[1:2] in "أإآ" and normalize_arabic(word[1:]) in _ARABIC:
        return (*_ARABIC[normalize_arabic(word[1:])], True)  # وأحد, وإحدى: و and a hamza, not واحد
    norm, waw = _strip(normalize_arabic(word), _ARABIC)
    return (*_ARABIC[norm], waw) if norm in _ARABIC else None


@lru_cache(maxsize=1 << 16)
def ordinal_or_definite(word: str) -> tuple[int, bool] | None:
    """``(value, is_ordinal)`` of an ordinal (``fifth``, ``الخامسة``) or an
    Arabic cardinal with the article (``الثلاث``), a clitic allowed; else None."""
    lower = word.lower()
    if lower in _ORDINALS:
        return _ORDINALS[lower], True
    norm = normalize_arabic(word)
    for table, ordinal in ((_ORDINALS, True), (_DEFINITE, False)):
        form, _ = _strip(norm, table)
        if form in table:
            return table[form], ordinal
    return None


def percent_end(tokens: list[Token], j: int) -> int:
    """Index after a percent sign or percent words starting at token ``j``, else ``j``."""
    if j >= len(tokens):
        return j
    word = tokens[j].text
    if word == "%" or word.lower() in _PERCENT_WORDS or normalize_arabic(word) in _PERCENT_WORDS:
        return j + 1
    after = tokens[j + 1].text if j + 1 < len(tokens) else ""
    if (word.lower() == "per" and after.lower() == "cent") or (
        normalize_arabic(word) == "في" and normalize_arabic(after) in _HUNDRED_DEFINITE
    ):
        return j + 2
    return j


def support_keys(tokens: list[Token]) -> tuple[frozenset[Decimal], frozenset[Decimal]]:
    """Values stated by Arabic cardinals with the article, and by ordinal words.

    ``الثلاث`` gives 3, ``السابع عشر`` 17 and ``الثالث والستين`` 63; such words
    support a number elsewhere but are never checked themselves.

    Returns:
        ``(cardinal values, ordinal values)``.
    """
    cardinal: set[Decimal] = set()
    ordinal: set[Decimal] = set()
    for i, token in enumerate(tokens):
        found = ordinal_or_definite(token.text) if token.kind == "word" else None
        if found is None:
            continue
        value, is_ordinal = found
        if value < 10 and i + 1 < len(tokens):
            after = tokens[i + 1].text
            entry = spelled(after)
            tens = entry[0] if entry else (ordinal_or_definite(after) or (0, False))[0]
            if entry and entry[:2] == (10, "teen") and not entry[2]:
                value += 10  # السابع عشر
            elif after.startswith("و") and tens in range(20, 100, 10):
                value += tens  # الثالث والستين
        (ordinal if is_ordinal else cardinal).add(Decimal(value))
    return frozenset(cardinal), frozenset(ordinal)
