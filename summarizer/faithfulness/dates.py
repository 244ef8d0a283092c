"""Find calendar dates and weekday names in English or Arabic text.

Works on the tokens of :func:`summarizer.faithfulness.wordforms.tokenize`. A date is a
month name with a day before or after it, a year after it, or both:
``16 November``, ``November 16th, 2019``, ``the 16th of November``,
``November 2019``, ``16 نوفمبر 2019``, ``16 تشرين الثاني``,
``أيلول/سبتمبر 2019``, ``مارس من عام 2019``, ``السادس من أكتوبر``,
``the sixth of October``. Months are read in English (full
names and ``Jan.``-style abbreviations, capitalised), in the Levantine series
(كانون الثاني، شباط، آذار، نيسان، أيار، حزيران، تموز، آب، أيلول، تشرين الأول،
تشرين الثاني، كانون الأول) and the Egyptian/Gulf series (يناير … ديسمبر,
with ``إبريل``, ``يونيه``, ``يوليه``) and the Maghreb one (``يوليوز``,
``غشت``, ``شتنبر``, ``نونبر``, ``دجنبر``); both series give the same month
number, and ``نوفمبر/تشرين الثاني`` is one month. Weekdays are English
capitalised names (``Tuesday's`` too, but not ``Sunday Telegraph``, a
name) and the Arabic ``الاثنين`` … ``الأحد``.

Hijri months (محرم … ذو الحجة, :mod:`summarizer.faithfulness.hijri`) are read
the same way, with هـ after the year (``15 شعبان 1359هـ``), as dates of the
Hijri calendar; :meth:`DateMention.span` gives any date with a month and a
year as Gregorian days, to compare the two calendars by overlap.

Not read: a month alone (``in March``; ``مارس`` is also a verb, ``آب`` also
"father"), numeric dates (``16/11/2019``, read as numbers instead), and
relative dates (``yesterday``). A Hijri year alone (``1434هـ``) is read by
:mod:`summarizer.faithfulness.numbers`. A year alone is a number, see
:attr:`summarizer.faithfulness.numbers.NumberMention.year`.
"""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from .hijri import HIJRI_HEADS, HIJRI_MARKERS, hijri_month, hijri_month_span
from .number_words import ordinal_or_definite, spelled
from .wordforms import Prepared, Token, normalize_arabic

__all__ = ["DateMention", "find_dates", "is_calendar_word"]

_ENGLISH_MONTHS = {
    name: i
    for i, names in enumerate(
        "January:Jan February:Feb March:Mar April:Apr May June:Jun July:Jul August:Aug "
        "September:Sep:Sept October:Oct November:Nov December:Dec".split(),
        1,
    )
    for name in names.split(":")
}
_ARABIC_MONTHS = {
    normalize_arabic(name): i
    for i, names in enumerate(
        "يناير فبراير:شباط مارس:آذار أبريل:إبريل:نيسان مايو:أيار:ماي يونيو:يونيه:حزيران "
        "يوليو:يوليه:يوليوز:تموز أغسطس:آب:غشت سبتمبر:أيلول:شتنبر أكتوبر نوفمبر:نونبر ديسمبر:دجنبر".split(),
        1,
    )
    for name in names.split(":")
}
# Two-word Levantine months, the second word with or without its article.
_TWO_WORD_MONTHS = {
    (normalize_arabic(head), normalize_arabic(article + order)): month
    for head, order, month in [("كانون", "ثاني", 1), ("تشرين", "أول", 10), ("تشرين", "ثاني", 11), ("كانون", "أول", 12)]
    for article in ("", "ال")
}
_LEVANTINE_HEADS = frozenset(head for head, _ in _TWO_WORD_MONTHS)
_WEEKDAYS = {name: i for i, name in enumerate("Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())}
_WEEKDAYS.update(
    (normalize_arabic(name), i)
    for i, name in enumerate("الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت الأحد".split())
)
_WEEKDAYS[normalize_arabic("الإثنين")] = 0
_YEAR_CONNECTORS = frozenset(normalize_arabic(w) for w in (",", "من", "عام", "العام", "سنة", "لعام", "of"))
_DAY_CONNECTORS = frozenset(("of", "the", normalize_arabic("من"), normalize_arabic("شهر")))
_ORDINAL_SUFFIXES = frozenset(("st", "nd", "rd", "th"))


@dataclass(frozen=True)
class DateMention:
    """One date or weekday found in a text; a part not given is None.

    Attributes:
        text: The date as written in the original text.
        start: Offset of its first token in the prepared text.
        end: Offset just after its last token in the prepared text.
        day: Day of the month, 1-31.
        month: Month, 1-12.
        year: Year.
        weekday: 0 (Monday) to 6 (Sunday), for a weekday name.
        tokens: Indices of the tokens it spans.
        calendar: ``"gregorian"``, or ``"hijri"`` for a Hijri month name
            (``15 شعبان 1359هـ``: day, month and year are Hijri).
    """

    text: str
    start: int
    end: int
    day: int | None = None
    month: int | None = None
    year: int | None = None
    weekday: int | None = None
    tokens: range = range(0)
    calendar: str = "gregorian"

    def span(self) -> tuple[date, date] | None:
        """The Gregorian days, first and last, that the date covers; None without a month and a year."""
        if self.month is None or self.year is None:
            return None
        if self.calendar == "hijri":
            return hijri_month_span(self.year, self.month, self.day)
        try:
            if self.day is not None:
                one = date(self.year, self.month, self.day)
                return one, one
            last = monthrange(self.year, self.month)[1]
            return date(self.year, self.month, 1), date(self.year, self.month, last)
        except ValueError:
            return None


@lru_cache(maxsize=1 << 14)
def is_calendar_word(word: str) -> bool:
    """Whether ``word`` names a month (Hijri one-word months too) or a weekday (in any case; Arabic with one clitic)."""
    if word.capitalize() in _ENGLISH_MONTHS or word.capitalize() in _WEEKDAYS:
        return True
    norm = normalize_arabic(word)
    forms = (norm, norm[1:]) if norm[:1] in "وفبل" else (norm,)
    if hijri_month(word) is not None:
        return True  # محرم ... شوال; the two-word months' heads are common words (ربيع, ذو)
    return any(f in _ARABIC_MONTHS or f in _WEEKDAYS or f in _LEVANTINE_HEADS for f in forms)


def _word(tokens: list[Token], j: int) -> str:
    return tokens[j].text if 0 <= j < len(tokens) and tokens[j].kind == "word" else ""


@lru_cache(maxsize=1 << 16)
def _month_word(word: str) -> tuple[int | None, str]:
    """``(month, "")`` for a one-word month name, ``(None, head)`` for ``كانون``/``تشرين``."""
    if word[:1].isupper() and word in _ENGLISH_MONTHS:
        return _ENGLISH_MONTHS[word], ""
    norm = normalize_arabic(word)
    for form in (norm, norm[1:] if norm[:1] in "وفبل" and len(norm) > 3 else ""):
        if form in _LEVANTINE_HEADS:
            return None, form
        if form in _ARABIC_MONTHS:
            return _ARABIC_MONTHS[form], ""
    return None, ""


def _month(tokens: list[Token], j: int) -> tuple[int, int] | None:
    """``(month, next index)`` for a month name at token ``j``, two-word names included."""
    word = _word(tokens, j)
    if not word:
        return None
    month, head = _month_word(word)
    if month is not None:
        dotted = word.isascii() and len(word) <= 4 and j + 1 < len(tokens) and tokens[j + 1].text == "."
        return month, j + (2 if dotted else 1)
    month = _TWO_WORD_MONTHS.get((head, normalize_arabic(_word(tokens, j + 1)))) if head else None
    return None if month is None else (month, j + 2)


def _number(tokens: list[Token], j: int, low: int, high: int) -> int | None:
    if 0 <= j < len(tokens) and tokens[j].kind == "num" and tokens[j].text.isdigit():
        value = int(tokens[j].text)
        if low <= value <= high:
            return value
    return None


def _ordinal_day(tokens: list[Token], b: int) -> int | None:
    """A day written as an ordinal word ending at token ``b``: ``السادس``, ``الحادي عشر``, ``sixth``."""
    found = ordinal_or_definite(tokens[b].text) if tokens[b].kind == "word" else None
    if found and found[1]:
        return found[0]
    ten = spelled(tokens[b].text) if tokens[b].kind == "word" else None
    unit = ordinal_or_definite(tokens[b - 1].text) if b >= 1 else None
    if ten and ten[:2] == (10, "teen") and unit and unit[1] and unit[0] < 10:
        return unit[0] + 10
    return None


def _glued_ordinal(tokens: list[Token], j: int) -> bool:
    return _word(tokens, j).lower() in _ORDINAL_SUFFIXES and tokens[j].start == tokens[j - 1].end


def _read_date(tokens: list[Token], k: int, after: int, floor: int) -> tuple[int, int, int | None, int | None] | None:
    """The date around the month name at tokens ``k`` to ``after``, not reaching
    back before token ``floor``: ``(first token, end token, day, year)``."""
    # Alternative names of the same month: "نوفمبر/تشرين الثاني", "(November)".
    while after + 1 < len(tokens) and tokens[after].text in "/(-" and (alt := _month(tokens, after + 1)):
        after = alt[1] + (1 if alt[1] < len(tokens) and tokens[alt[1]].text == ")" else 0)
    first, day, year = k, None, None
    b = k - 1
    while b >= floor and tokens[b].text.lower() in _DAY_CONNECTORS and k - b <= 2:
        b -= 1
    if b > floor and _glued_ordinal(tokens, b):
        b -= 1
    if b >= floor and (value := _number(tokens, b, 1, 31) or _ordinal_day(tokens, b)) is not None:
        first, day = (b - 1 if value > 10 and tokens[b].kind == "word" else b), value  # "الحادي عشر": two words
        first = max(first, floor)
    j = after
    if day is None and (value := _number(tokens, j, 1, 31)) is not None:
        day, j = value, j + 1 + (1 if j + 1 < len(tokens) and _glued_ordinal(tokens, j + 1) else 0)
    y = j
    while y < len(tokens) and y - j < 3 and normalize_arabic(tokens[y].text.lower()) in _YEAR_CONNECTORS:
        y += 1
    if (value := _number(tokens, y, 1000, 2099)) is not None:
        year, j = value, y + 1
    if day is None and year is None:
        return None
    return first, j, day, year


def find_dates(prepared: Prepared, tokens: list[Token]) -> list[DateMention]:
    """Every date and weekday name in a tokenized text, in order.

    Args:
        prepared: The prepared text the tokens come from.
        tokens: Its tokens, from :func:`summarizer.faithfulness.wordforms.tokenize`.

    Returns:
        The dates found; a month without a day or a year is not one.
    """
    mentions: list[DateMention] = []
    k = 0
    while k < len(tokens):
        token = tokens[k]
        if token.kind != "word" or not _maybe_calendar(token.text):
            k += 1
            continue
        found, calendar = _month(tokens, k), "gregorian"
        if found is None and (hijri := hijri_month(token.text, _word(tokens, k + 1))):
            found, calendar = (hijri[0], k + hijri[1]), "hijri"
        floor = mentions[-1].tokens.stop if mentions else 0
        read = _read_date(tokens, k, found[1], floor) if found else None
        if found and read:
            first, end, day, year = read
            if calendar == "hijri" and end < len(tokens) and normalize_arabic(_word(tokens, end)) in HIJRI_MARKERS:
                end += 1  # 15 شعبان 1359هـ
            start, stop = tokens[first].start, tokens[end - 1].end
            text = prepared.quote(start, stop)
            mentions.append(DateMention(text, start, stop, day, found[0], year, None, range(first, end), calendar))
            k = end
            continue
        weekday = _weekday(token.text)
        nxt = tokens[k + 1].text if k + 1 < len(tokens) else ""
        # "Sunday Telegraph", "Saturday Night Live" are names.
        if weekday is not None and not (token.text.isascii() and nxt[:1].isupper() and not _month(tokens, k + 1)):
            text = prepared.quote(token.start, token.end)
            mentions.append(DateMention(text, token.start, token.end, weekday=weekday, tokens=range(k, k + 1)))
        k += 1
    return mentions


@lru_cache(maxsize=1 << 16)
def _weekday(word: str) -> int | None:
    if word[:1].isupper():
        return _WEEKDAYS.get(word[:-2] if word.endswith("'s") else word)
    norm = normalize_arabic(word)
    return _WEEKDAYS.get(norm, _WEEKDAYS.get(norm[1:]) if norm[:1] in "وفبل" else None)


@lru_cache(maxsize=1 << 16)
def _maybe_calendar(word: str) -> bool:
    norm = normalize_arabic(word)
    hijri_head = norm in HIJRI_HEADS or (norm[:1] in "وفبل" and norm[1:] in HIJRI_HEADS)
    return _month_word(word) != (None, "") or _weekday(word) is not None or hijri_head or hijri_month(word) is not None
