"""Read an Arabic number written in words: a small grammar of units, tens, hundreds and scales.

Used by :mod:`summarizer.faithfulness.numbers` on the words of a tokenized
text; the word list is :mod:`summarizer.faithfulness.number_words`. What it reads:

* A group below a thousand: a unit or ``one`` (``ثلاثة``, ``ثلاث``, ``واحدة``),
  a teen (``ثلاثة عشر``, ``إحدى عشرة``, ``اثنا عشر``), a unit and a ten joined
  by ``و`` (``خمسة وعشرون``, ``خمسة و عشرون``: attached or apart), a hundred
  (``مئة``, ``مائة``, ``مئتان``, ``مئتا``, ``ثلاثمئة``, ``خمس مئة``) and
  ``و`` with the rest (``مئة و اثنان``).
* Scales after a group (``ثلاثة آلاف``, ``عشرون ألفاً``, ``خمس مئة ألف``),
  alone (``ألف``, ``مليون``), as duals (``ألفان``, ``ألفين``, ``مليونان``,
  ``ملياران``) and plurals after three to ten (``ملايين``, ``مليارات``,
  ``تريليونات``), from a thousand up to 10^48 (``كوادريليون`` …), each
  further group joined by ``و`` and smaller than the scale before it
  (``ألف و أربعمائة و واحد و ثلاثون``). ``مليون ونصف`` and ``ثلاثة ونصف`` add a half.
* Zero (``صفر``), decimals with ``فاصلة`` (``ثلاثة فاصلة خمسة`` = 3.5,
  ``فاصلة صفر خمسة`` = .05), negatives with ``سالب`` or ``ناقص``, and a currency's
  subunit after it (``مليون ريال و تسع و تسعون هللة`` = 1000000.99, and
  .099 for the thousandth-based fils and millimes).

Two number words not joined the way the grammar allows are two numbers
(``خمسة ستة``, ``عشرين و ثلاثين``). Not read here: ordinals and words with the
article (see :func:`summarizer.faithfulness.number_words.support_keys`),
fractions but a half, colloquial forms (``تلاتة``, ``خمستاشر``).
"""

from __future__ import annotations

from decimal import Decimal, localcontext

from .number_words import spelled
from .wordforms import normalize_arabic

__all__ = ["NEGATIVE_WORDS", "read_arabic"]

NEGATIVE_WORDS = frozenset(normalize_arabic(w) for w in ("سالب", "ناقص"))
_POINT = frozenset(normalize_arabic(w) for w in ("فاصلة", "فاصل", "فاصله"))
_SCALES = ("scale", "plural", "dual")
# Currency subunits, hundredths or thousandths of the currency word before them (fils and millimes
# are thousandths in Kuwait, Bahrain, Jordan, Tunisia, hundredths elsewhere): both readings are kept.
_SUBUNITS = frozenset(
    normalize_arabic(w)
    for w in "هللة هللات هللتان قرش قروش قرشا قرشاً فلس فلسا فلساً فلوس مليم مليمات مليما سنت سنتا سنتات بيسة بيسات سنتيم سنتيمات".split()
)


class _Group:
    """The number read so far: ``total`` of finished scales, ``group`` below a thousand, the last word's kind."""

    def __init__(self) -> None:
        self.total = Decimal(0)
        self.group = Decimal(0)
        self.last = ""
        self.scale = Decimal(10) ** 100  # the last scale used: a later one must be smaller

    def take(self, value: int, kind: str, waw: bool) -> bool:
        """Add one word (``waw``: ``و`` before it); False when it does not continue this number."""
        group, last, value = self.group, self.last, Decimal(value)
        after_scale = last in _SCALES and group == 0
        if not last:
            if kind == "plural":
                return False
            if kind in _SCALES:
                self.total, self.scale = value, (value / 2 if kind == "dual" else value)
            else:
                self.group = value
        elif kind == "teen" and value == 10 and not waw and last in ("unit", "one") and group % 100 < 10:
            self.group += 10  # خمسة عشر, أحد عشر
        elif kind in ("unit", "one", "teen") and waw and (after_scale or (last in ("hundred", "hundreds") and group % 100 == 0)):
            self.group += value  # مئة و اثنان, ألف وواحد
        elif kind == "ten" and waw and (
            (last in ("unit", "one") and group % 100 < 10) or after_scale or last in ("hundred", "hundreds")
        ):
            self.group += value  # خمسة وعشرون, مئة و عشرون
        elif kind in ("hundreds", "hundred") and waw and after_scale:
            self.group = value  # ألف و أربعمائة, ألف ومئة
        elif kind == "hundred" and not waw and last == "unit" and 3 <= group < 10:
            self.group *= 100  # خمس مئة
        elif kind in ("scale", "dual") and not waw and group > 0:
            scale = value / 2 if kind == "dual" else value  # ألفاً folds like the dual ألفا
            if scale >= self.scale:
                return False
            self.total, self.group, self.scale = self.total + group * scale, Decimal(0), scale
        elif kind == "plural" and not waw and 3 <= group <= 10 and last in ("unit", "teen") and value < self.scale:
            self.total, self.group, self.scale = self.total + group * value, Decimal(0), value
        elif kind in ("scale", "dual") and waw and after_scale:
            scale = value / 2 if kind == "dual" else value
            if scale >= self.scale:
                return False
            self.total, self.scale = self.total + value, scale  # مليون وألف, مليون وألفان
        elif kind == "scale" and not waw and after_scale and value > self.scale:
            self.total, self.scale = self.total * value, self.total * value  # ألف مليون, ثلاثة آلاف مليون
        elif kind == "half" and waw and after_scale:
            self.total += self.scale / 2  # مليون ونصف
        elif kind == "half" and waw and last in ("unit", "one", "teen", "ten", "hundreds", "hundred"):
            self.group += Decimal("0.5")  # ثلاثة ونصف
        else:
            return False
        self.last = kind
        return True

    @property
    def value(self) -> Decimal:
        return self.total + self.group


def _word(words: list[str], j: int) -> tuple[tuple[int, str, bool] | None, int]:
    """The number word at ``j`` (``و`` apart from it allowed: ``و عشرون``) and the index after it."""
    if j < len(words) and words[j] == "و" and j + 1 < len(words):
        entry = spelled(words[j + 1])
        if entry and not entry[2] and not words[j + 1].isascii():
            return (entry[0], entry[1], True), j + 2
        return None, j
    entry = spelled(words[j]) if j < len(words) and not words[j].isascii() else None
    return entry, j + 1


def _read_cardinal(words: list[str], i: int) -> tuple[Decimal, int, str] | None:
    """The value of the cardinal starting at ``i``, the index after it and its first word's kind."""
    entry, j = _word(words, i)
    if entry is None or (entry[2] and j == i + 2):
        return None
    if entry[1] == "zero":
        return Decimal(0), j, "zero"
    if entry[1] == "half":
        after, k = _word(words, j)
        if after is None or after[1] not in ("scale",) or after[2]:
            return None
        state = _Group()
        state.take(after[0], after[1], False)
        return state.value / 2, k, "half"  # نصف مليون
    state = _Group()
    if not state.take(entry[0], entry[1], False):
        return None  # a plural without a count: آلاف
    while j < len(words):
        entry, k = _word(words, j)
        if entry is None or entry[1] == "zero" or not state.take(*entry):
            break
        j = k
    return state.value, j, spelled(words[i])[1]


def _fraction(words: list[str], j: int) -> tuple[str, int]:
    """The digits after ``فاصلة``: each cardinal or ``صفر`` adds its digits (``صفر خمسة`` = 05)."""
    digits = ""
    while j < len(words):
        read = _read_cardinal(words, j)
        if read is None or read[0] != int(read[0]):
            break
        digits, j = digits + str(int(read[0])), read[1]
    return digits, j


def read_arabic(words: list[str], i: int) -> tuple[frozenset[Decimal], int] | None:
    """Read the Arabic number in words starting at ``words[i]``.

    Args:
        words: The texts of consecutive tokens (words and punctuation).
        i: Where the number may start (``سالب`` included).

    Returns:
        ``(values, index after the number)``; more than one value when the
        words allow two readings (``مليونا``: two million, or a million with
        tanween; a fils: a hundredth or a thousandth). None when no number
        starts there (a bare ``أحد``, a plural ``آلاف`` without a count).
    """
    with localcontext() as context:
        context.prec = 160  # 10^48 and its groups, exactly
        return _read_signed(words, i)


def _read_signed(words: list[str], i: int) -> tuple[frozenset[Decimal], int] | None:
    sign = 1
    if normalize_arabic(words[i]) in NEGATIVE_WORDS and i + 1 < len(words):
        sign, i = -1, i + 1
    read = _read_cardinal(words, i)
    if read is None:
        return None
    value, j, first = read
    values = {value}
    if j == i + 1 and first == "dual" and normalize_arabic(words[i]).endswith("ا"):
        values.add(value / 2)  # مليونا: two million (construct) or a million with tanween
    if j + 1 < len(words) and normalize_arabic(words[j]) in _POINT:
        digits, k = _fraction(words, j + 1)
        if digits:
            values, j = {v + Decimal("0." + digits) for v in values}, k
    elif j + 1 < len(words):
        values, j = _subunit(words, j, values)
    return frozenset(sign * v for v in values), j


def _subunit(words: list[str], j: int, values: set[Decimal]) -> tuple[set[Decimal], int]:
    """After ``مليون ريال``: ``و تسع و تسعون هللة`` adds .99 (or .099), the currency word kept in the span."""
    if spelled(words[j]) is not None or not words[j].isalpha():
        return values, j
    k = j + 2 if words[j + 1] == "و" else j + 1
    if k >= len(words) or not (k == j + 2 or normalize_arabic(words[k]).startswith("و")):
        return values, j
    read = _read_cardinal(words, k)
    if read is None:
        return values, j
    part, end, _ = read
    if end < len(words) and normalize_arabic(words[end]) in _SUBUNITS and part == int(part) and 0 < part < 1000:
        return {v + part / scale for v in values for scale in (100, 1000)}, end + 1
    return values, j
