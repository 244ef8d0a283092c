"""Find the numbers in English or Arabic text and read their values.

Works on the tokens of :func:`summarizer.faithfulness.wordforms.tokenize`, so Arabic-Indic
digits and the Arabic separators ``٫ ٬ ٪`` read like ASCII ones. What counts:

* Digits with separators, times and codes: see :mod:`summarizer.faithfulness.digits`.
* Scales after a number, in words or glued: ``2.5 million`` = ``2,500,000`` =
  ``2.5m`` after a currency sign, ``2.8bn``, ``3 ملايين``, ``100 ألف``,
  ``142 مليونًا``, ``3 ملايين ونصف``.
* Written-out numbers (:mod:`summarizer.faithfulness.number_words`): English ``two`` …
  ``ninety``, ``hundred``, ``thousand``, ``million``, ``billion``
  (``twenty-five``, ``two hundred and fifty``, ``a million``); Arabic ones by
  the grammar of :mod:`summarizer.faithfulness.arabic_numbers` (``و`` attached
  or apart, both genders, duals and plurals of scales, ``صفر``, ``فاصلة``
  decimals, ``سالب``/``ناقص`` negatives, a currency's subunit), after a clitic too; a
  Hijri marker after them makes a Hijri year (``ألف وأربعمائة وأربعة وثلاثين هجرية``).
* A minus sign glued to digits after a space (``-5``) adds the negative value.
* Percentages: ``%``, ``٪``, ``percent``, ``per cent``, ``في المئة``,
  ``بالمئة`` (and ``المائة``) set :attr:`NumberMention.percent`.
* Forms: ``16th`` is an ordinal and ``1990s`` a decade; both are numbers.

Not numbers: a bare ``one``/``أحد``/``إحدى`` and ``واحد من`` (mostly not a
count; a bare ``واحد`` or ``ست`` is read but ``weak``: the checks report it
unsure), plurals without a number (``thousands``, ``آلاف``), fractions but a
half, ``صفر`` after ``شهر`` (the month). Ordinal
words and Arabic cardinals with the article (``fifth``, ``السابع عشر``,
``الثالث والستين``, ``الثلاث``) are not numbers either, but
:func:`summarizer.faithfulness.number_words.support_keys` reads them, as they can state a
number that another text writes in digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from .arabic_numbers import NEGATIVE_WORDS, read_arabic
from .digits import Key, code_head, digit_keys, is_code
from .hijri import HIJRI_MARKERS, hijri_years
from .number_words import ordinal_or_definite, percent_end, spelled
from .wordforms import Prepared, Token, normalize_arabic

__all__ = ["NumberMention", "find_numbers"]

_CURRENCY = frozenset("$£€¥")
_GLUED_SCALE = {
    "k": 10**3, "bn": 10**9, "b": 10**9, "tn": 10**12, "trn": 10**12,
    "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12,
}
# Units glued to a number: "8st" is eight stone, not an ordinal.
_UNITS = frozenset(
    "st lb lbs oz kg g mg km m cm mm ft in yd mi mph kmh kph ml l kw kwh mw gw gb mb tb hz ghz mhz yr yrs ha sq".split()
)


def _is_ordinal(digits: str, suffix: str) -> bool:
    """``1st`` ``2nd`` ``3rd`` ``4th`` ``11th``: the suffix that English gives the last digits."""
    if suffix not in _ORDINAL_SUFFIX:
        return False
    if digits[-2:-1] == "1" or digits[-1:] not in "123":
        return suffix == "th"
    return suffix == {"1": "st", "2": "nd", "3": "rd"}[digits[-1]]
_ORDINAL_SUFFIX = frozenset({"st", "nd", "rd", "th"})
_MULTIPLIERS = ("hundred", "scale", "plural", "dual")  # after digits: 3 آلاف, 142 مليونًا
Form = Literal["cardinal", "ordinal", "decade", "hijri", "code"]


@dataclass(frozen=True)
class NumberMention:
    """One number found in a text.

    Attributes:
        text: The number as written in the original text, scale and percent sign included.
        start: Offset of its first token in the prepared text.
        end: Offset just after its last token in the prepared text.
        keys: Its possible values (``Decimal``), or the digits as written
            (``str``) for times and chains; two mentions are the same number
            when their keys meet.
        written: True when it is written out in words only.
        percent: True when a percent sign or word follows it.
        form: ``"cardinal"``, ``"ordinal"`` (``16th``), ``"decade"`` (``1990s``),
            ``"hijri"`` (a Hijri year, ``1434هـ``: its keys are the two Gregorian
            years it overlaps and ``"1434 AH"``) or ``"code"`` (an identifier
            with digits, ``COVID-19``: its key is the code as written, folded).
        tokens: Indices of the tokens it spans.
        weak: True for one Arabic word that is often no count: ``واحد``
            (also "the same", "at once"), ``ست`` (also "lady", and "West");
            the checks report it unsure.
    """

    text: str
    start: int
    end: int
    keys: frozenset[Key]
    written: bool
    percent: bool
    form: Form
    tokens: range
    weak: bool = False

    @property
    def year(self) -> int | None:
        """The year, when the mention is four plain digits from 1800 to 2099."""
        if self.form != "cardinal" or self.percent or len(self.tokens) != 1 or len(self.keys) != 1:
            return None
        (key,) = self.keys
        if isinstance(key, Decimal) and len(self.text) == 4 and key == int(key) and 1800 <= key < 2100:
            return int(key)
        return None


def _next_is_scale(tokens: list[Token], i: int) -> bool:
    entry = spelled(tokens[i + 1].text) if i + 1 < len(tokens) else None
    return bool(entry and entry[1] in ("hundred", "scale") and not entry[2])


def _times(values: frozenset[Key], factor: Decimal | int) -> frozenset[Key]:
    return frozenset(v * factor for v in values if isinstance(v, Decimal)) or values


def _hijri_year(tokens: list[Token], i: int) -> int | None:
    """The Hijri year at token ``i``: digits up to 1600 with هـ (or هجري, للهجرة) after them."""
    if i + 1 >= len(tokens) or not tokens[i].text.isdigit() or not 0 < int(tokens[i].text) <= 1600:
        return None
    after = tokens[i + 1]
    return int(tokens[i].text) if after.kind == "word" and normalize_arabic(after.text) in HIJRI_MARKERS else None


def _read_digits(tokens: list[Token], i: int, text: str) -> tuple[frozenset[Key], int, Form]:
    first, form = tokens[i], "cardinal"
    if (hijri := _hijri_year(tokens, i)) is not None:
        # Compared by overlap: 1434 AH supports 2012 and 2013; "1434هـ" itself matches only a Hijri year.
        return frozenset({f"{hijri} AH", *map(Decimal, hijri_years(hijri))}), i + 2, "hijri"
    values, j = digit_keys(first.text), i + 1
    currency = text[first.start - 1 : first.start] in _CURRENCY
    spaced = j < len(tokens) and tokens[j].kind == "word" and tokens[j].start == first.end + 1
    if currency and spaced and tokens[j].text.lower() in ("m", "mn", "bn", "k", "tn"):
        scale = 10**6 if tokens[j].text.lower() in ("m", "mn") else _GLUED_SCALE[tokens[j].text.lower()]
        return _times(values, scale), j + 1, form  # "$7.5 m"
    if j < len(tokens) and tokens[j].kind == "word" and tokens[j].start == first.end:
        suffix = tokens[j].text.lower()
        currency = text[first.start - 1 : first.start] in _CURRENCY
        factor = _GLUED_SCALE.get(suffix) or (10**6 if suffix in ("m", "mn") and currency else 0)
        if factor:
            values, j = _times(values, factor), j + 1
        elif suffix in ("m", "mn"):
            values, j = values | _times(values, 10**6), j + 1  # "1m": a metre or a million
        elif _is_ordinal(first.text, suffix) or suffix == "s":
            form, j = ("ordinal" if suffix != "s" else "decade"), j + 1
        elif suffix in _UNITS:
            j += 1  # "8st", "5kg": the value as written
        elif suffix.isupper() and len(suffix) <= 3:
            # "5G", "4K", "3D": a name with digits; compared as a code
            return frozenset({f"code:{first.text}{suffix}", f"code-digits:{first.text}"}), j + 1, "code"
    entry = spelled(tokens[j].text) if j < len(tokens) and form == "cardinal" else None
    if entry and entry[1] in _MULTIPLIERS and not entry[2]:
        scale = entry[0] // 2 if entry[1] == "dual" else entry[0]  # "142 مليونًا" reads like a dual
        values, j = _times(values, scale), j + 1
        half = spelled(tokens[j].text) if j < len(tokens) else None
        if half and half[1] == "half" and half[2]:  # 3 ملايين ونصف
            values, j = frozenset(v + Decimal(scale) / 2 for v in values if isinstance(v, Decimal)) or values, j + 1
    return values, j, form


def _read_code(tokens: list[Token], i: int, text: str, head: str) -> tuple[frozenset[Key], int, bool, Form]:
    """An identifier with digits: ``COVID-19``, ``F-16``, ``G20``, ``5G``, ``S/RES/2334``, ``كوفيد-19``.

    Its keys: ``code:`` and the code folded (letters uppercase, Arabic
    normalised, ``-`` and ``/`` dropped), and ``code-digits:`` and its digits,
    which is what another language's abstract can be checked against.
    """
    j, digits = i + 1, tokens[i].text
    tail = ""
    if j < len(tokens) and tokens[j].kind == "word" and tokens[j].start == tokens[i].end and tokens[j].text.isascii():
        tail, j = tokens[j].text, j + 1  # 5G, 737MAX
    folded = normalize_arabic(re.sub(r"[-/\s]", "", head + digits + tail)).upper()
    return frozenset({f"code:{folded}", f"code-digits:{digits}"}), j, False, "code"


def _read_words(tokens: list[Token], i: int, start: tuple[int, str, bool]) -> tuple[frozenset[Key], int] | None:
    """Read an English number written in words from token ``i``, whose entry is ``start``
    (Arabic ones: :func:`summarizer.faithfulness.arabic_numbers.read_arabic`)."""
    value, last, _ = start
    total, current = (Decimal(value), Decimal(0)) if last == "scale" else (Decimal(0), Decimal(value))
    j = i + 1
    while j < len(tokens):
        word = tokens[j].text
        after = spelled(tokens[j + 1].text) if j + 1 < len(tokens) else None
        if after and ((word.lower() == "and" and last in ("hundred", "scale")) or (word == "-" and last == "ten")):
            j += 1  # "hundred and five", "twenty-five"
            continue
        entry = spelled(word) if word.isascii() else None
        if entry is None:
            break
        value, kind, _ = entry
        if kind == "scale" and last != "scale":
            total, current = total + (current or 1) * value, Decimal(0)
        elif kind == "hundred" and last not in ("hundred", "scale"):
            current = (current or 1) * 100
        elif kind in ("unit", "one") and last == "ten":
            current += value  # twenty-five
        elif kind in ("unit", "one", "teen", "ten") and last in ("hundred", "scale"):
            current += value  # hundred and five
        else:
            break
        last, j = kind, j + 1
    if j == i + 1 and start[1] in ("one", "a"):
        return None
    return frozenset({total + current}), j


# A longer number in words is read as two; the bound keeps the look-ahead of one token short.
_MOST_WORDS = 160
_ONE_ALONE = frozenset(normalize_arabic(w) for w in ("واحد", "واحدة", "واحدا"))
_WEAK = _ONE_ALONE | {normalize_arabic("ست")}
_MONTH = frozenset(normalize_arabic(w) for w in ("شهر", "وشهر", "لشهر", "بشهر"))


def _read_arabic_words(tokens: list[Token], i: int) -> tuple[frozenset[Key], int, Form] | None:
    """An Arabic number in words at ``i`` (:func:`read_arabic`); a Hijri marker after it makes a Hijri year."""
    words = [t.text for t in tokens[i : i + _MOST_WORDS]]
    read = read_arabic(words, 0)
    if read is None:
        return None
    values, end = read
    j = i + end
    first = normalize_arabic(words[0])
    if end == 1 and spelled(words[0]) and spelled(words[0])[1] == "one":
        after = normalize_arabic(words[1]) if len(words) > 1 else ""
        if not {first, first[1:]} & _ONE_ALONE or after.startswith("من"):
            return None  # a bare أحد, إحدى ("anyone", Sunday), واحد من ("one of"): not a count
    if end == 1 and spelled(words[0])[1] == "zero":
        before = normalize_arabic(tokens[i - 1].text) if i else ""
        if before in _MONTH or (j < len(tokens) and tokens[j].kind == "num"):
            return None  # the month Safar
    if j < len(tokens) and normalize_arabic(tokens[j].text) in HIJRI_MARKERS and len(values) == 1:
        (year,) = values
        if year == int(year) and 0 < year <= 1600:
            return frozenset({f"{int(year)} AH", *map(Decimal, hijri_years(int(year)))}), j + 1, "hijri"
    return values, j, "cardinal"


def _negative(tokens: list[Token], i: int, text: str) -> bool:
    """A minus sign glued before the digits at ``i``, not between two numbers or words (``-5``, not ``3-5``)."""
    if i == 0 or tokens[i - 1].text not in ("-", "−") or tokens[i - 1].end != tokens[i].start:
        return False
    return i == 1 or tokens[i - 2].end < tokens[i - 1].start or tokens[i - 2].kind == "punct"


def _read(tokens: list[Token], i: int, text: str) -> tuple[frozenset[Key], int, bool, Form] | None:
    """Read one number starting at token ``i``: ``(keys, next index, written, form)``."""
    first = tokens[i]
    if first.kind == "num":
        head = code_head(text, first.start)
        if head or is_code(text, first.start):
            return _read_code(tokens, i, text, head)
        values, j, form = _read_digits(tokens, i, text)
        if form == "cardinal" and _negative(tokens, i, text):
            values = values | frozenset(v.copy_negate() for v in values if isinstance(v, Decimal))  # -5, or a dash before 5
        return values, j, False, form
    if first.kind != "word":
        return None
    if not first.text.isascii():
        if i and tokens[i - 1].kind == "word" and ordinal_or_definite(tokens[i - 1].text) and (spelled(first.text) or (0, ""))[:2] == (10, "teen"):
            return None  # the عشر of السابع عشر
        read = _read_arabic_words(tokens, i)
        return None if read is None else (read[0], read[1], True, read[2])
    if first.text.lower() == "a":
        start = (1, "a", False) if _next_is_scale(tokens, i) else None
    else:
        start = spelled(first.text)
    if start is None or start[1] in ("scale", "hundred"):
        return None  # "million" alone, "hundred" alone
    read = _read_words(tokens, i, start)
    return None if read is None else (read[0], read[1], True, "cardinal")


def find_numbers(prepared: Prepared, tokens: list[Token], skip: frozenset[int] = frozenset()) -> list[NumberMention]:
    """Every number in a tokenized text, in order.

    Args:
        prepared: The prepared text the tokens come from.
        tokens: Its tokens, from :func:`summarizer.faithfulness.wordforms.tokenize`.
        skip: Token indices already taken (by a date); no number starts or runs there.

    Returns:
        The numbers found, each with its possible values.
    """
    mentions: list[NumberMention] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        maybe = token.kind == "num" or (
            token.kind == "word" and (token.text in ("a", "A") or spelled(token.text) or normalize_arabic(token.text) in NEGATIVE_WORDS)
        )
        read = _read(tokens, i, prepared.text) if maybe and i not in skip else None
        if read is None:
            i += 1
            continue
        keys, j, written, form = read
        j = next((k for k in range(i + 1, j) if k in skip), j)
        end = percent_end(tokens, j)
        start, stop = tokens[i].start, tokens[end - 1].end
        word = normalize_arabic(token.text)
        weak = written and j == i + 1 and bool({word, word[1:]} & _WEAK)
        mentions.append(NumberMention(prepared.quote(start, stop), start, stop, keys, written, end > j, form, range(i, end), weak))
        i = end
    return mentions
