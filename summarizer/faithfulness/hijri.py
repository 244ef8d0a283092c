"""The Hijri calendar: month names and the Gregorian days a Hijri year or month covers.

Saudi and Gulf writing dates events in the Hijri calendar (``عام 1434هـ``,
``15 شعبان 1359هـ``); the fact checks compare such a date with Gregorian ones
by overlap: 1434 AH runs from 15 November 2012 to 4 November 2013, so it
supports both 2012 and 2013.

Conversion uses ``hijridate`` (the Umm al-Qura calendar of Saudi Arabia,
1343-1500 AH, 1924-2077 CE); outside that range the tabular Islamic calendar,
which is at most a day or two off. It does not read months without a year as
Gregorian dates, nor any other calendar (Persian, Coptic, Hebrew).
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from functools import lru_cache

from .wordforms import normalize_arabic

__all__ = ["HIJRI_MARKERS", "hijri_month", "hijri_month_span", "hijri_year_span", "hijri_years"]

# One-word month names, and the heads of the two-word ones with their second words.
_ONE_WORD = {normalize_arabic(w): i for w, i in [("محرم", 1), ("صفر", 2), ("رجب", 7), ("شعبان", 8), ("رمضان", 9), ("شوال", 10)]}
_TWO_WORD = {
    (normalize_arabic(head), normalize_arabic(article + second)): month
    for heads, seconds, month in [
        ("ربيع", "أول اول", 3),
        ("ربيع", "آخر ثاني اخر", 4),
        ("جمادى جمادي", "أولى اولى أول اول", 5),
        ("جمادى جمادي", "آخرة اخرة ثانية آخر", 6),
        ("ذو ذي ذا", "قعدة", 11),
        ("ذو ذي ذا", "حجة", 12),
    ]
    for head in heads.split()
    for second in seconds.split()
    for article in ("", "ال")
}
HIJRI_HEADS = frozenset(head for head, _ in _TWO_WORD)
# After a year: هـ (the tatweel dropped, ه), هجري, هجرية, للهجرة.
HIJRI_MARKERS = frozenset(normalize_arabic(w) for w in ("ه", "هـ", "هجري", "هجرية", "الهجري", "للهجرة", "هجريا"))


def hijri_month(word: str, second: str = "") -> tuple[int, int] | None:
    """``(month, words used)`` for a Hijri month name starting at ``word`` (one clitic allowed), else None."""
    norm = normalize_arabic(word)
    for form in (norm, norm[1:] if norm[:1] in "وفبل" and len(norm) > 2 else ""):
        if form in _ONE_WORD:
            return _ONE_WORD[form], 1
        if form in HIJRI_HEADS and (month := _TWO_WORD.get((form, normalize_arabic(second)))):
            return month, 2
    return None


def _tabular(year: int, month: int, day: int) -> date:
    return date.fromordinal(day + math.ceil(29.5 * (month - 1)) + (year - 1) * 354 + (3 + 11 * year) // 30 + 227014)


@lru_cache(maxsize=4096)
def _gregorian(year: int, month: int, day: int) -> date:
    """The Gregorian day of a Hijri date; day 30 of a 29-day month is the next month's first."""
    try:
        from hijridate import Hijri

        return Hijri(year, month, day).to_gregorian()
    except (ImportError, OverflowError, ValueError):
        return _tabular(year, month, day)


def _first(year: int, month: int) -> date:
    return _gregorian(year, month, 1)


def hijri_month_span(year: int, month: int, day: int | None = None) -> tuple[date, date]:
    """The Gregorian days, first and last, of a Hijri month of ``year`` (or of one day of it)."""
    start = _first(year, month)
    if day is not None:
        return start + timedelta(days=day - 1), start + timedelta(days=day - 1)
    nxt = _first(year + 1, 1) if month == 12 else _first(year, month + 1)
    return start, nxt - timedelta(days=1)


def hijri_year_span(year: int) -> tuple[date, date]:
    """The Gregorian days, first and last, of a Hijri year."""
    return _first(year, 1), _first(year + 1, 1) - timedelta(days=1)


def hijri_years(year: int) -> frozenset[int]:
    """The Gregorian years a Hijri year overlaps (always two: 1434 AH -> 2012, 2013)."""
    start, end = hijri_year_span(year)
    return frozenset(range(start.year, end.year + 1))
