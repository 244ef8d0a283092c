"""Read a run of digits with separators, and tell a quantity from a code.

Used by :mod:`summarizer.faithfulness.numbers` on prepared text (Arabic-Indic digits and
the Arabic separators already ASCII, see :func:`summarizer.faithfulness.wordforms.prepare`).

* ``1,200`` = ``1٬200`` = ``1،200`` = 1200; ``1,234.5`` and ``1.234,5``: the last separator, when it
  differs from the others, is the decimal one; ``1.200.000`` = 1200000;
  ``2.5`` and ``1,5`` are decimals. A lone ``.`` before exactly three digits
  (``1.200``) is ambiguous and keeps both readings, 1.2 and 1200.
* Times ``10:35`` compare as written (hours without a leading zero); a time on
  the hour also reads as its hour (``04:00`` = 4). Other chains
  (``192.168.1.1``) compare as written.
* Digits glued after Latin letters (``G7``, ``COVID-19``, ``F-16``,
  ``S/RES/2334``), after an Arabic word joined by a hyphen (``كوفيد-19``) or
  after one or two Arabic letters that are not a clitic (``م16``) are codes,
  not quantities (:func:`code_head`); ``و28``, ``بـ15``, ``ال78`` and a word glued by a missing space
  (``حوالي200``) are quantities.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from .wordforms import normalize_arabic

__all__ = ["Key", "code_head", "digit_keys", "is_code"]

Key = Decimal | str
_SEP = re.compile(r"[.,]")
_ARABIC_BEFORE = re.compile(r"[\u0621-\u064a\u0671-\u06d3]+$")
_CLITIC_RUNS = frozenset(
    normalize_arabic(w) for w in "و ف ب ل ك ال وال بال فال كال لل ولل وب ول فب فل وك".split()
)


def digit_keys(text: str) -> frozenset[Key]:
    """The possible values of a run of digits with ``.`` ``,`` ``:`` separators.

    Args:
        text: Digits and separators, ASCII.

    Returns:
        ``Decimal`` values, or the text itself for chains that are not numbers.
    """
    text = text.replace("،", ",")
    if ":" in text:
        hours, _, minutes = text.partition(":")
        if len(minutes) != 2 or ":" in minutes:
            return frozenset({text})
        time = f"{int(hours)}:{minutes}"
        return frozenset({time, Decimal(int(hours))} if minutes == "00" else {time})
    seps = [c for c in text if c in ".,"]
    groups = _SEP.split(text)
    try:
        if not seps:
            return frozenset({Decimal(text)})
        if len(set(seps)) == 2:
            whole, _, fraction = text.rpartition(seps[-1])
            if seps[-1] in whole:
                return frozenset({text})
            return frozenset({Decimal(_SEP.sub("", whole) + "." + fraction)})
        if len(seps) > 1:
            if 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:]):
                return frozenset({Decimal("".join(groups))})
            return frozenset({text})
        whole, fraction = groups
        if len(fraction) == 3 and 1 <= len(whole) <= 3 and whole != "0":
            grouped = Decimal(whole + fraction)
            return frozenset({grouped} if seps[0] == "," else {grouped, Decimal(whole + "." + fraction)})
        return frozenset({Decimal(whole + "." + fraction)})
    except InvalidOperation:
        return frozenset({text})


_CODE_HEAD = re.compile(r"(?:[A-Za-z]+[-/]?)+\Z|[\u0621-\u064a\u0671-\u06d3]{3,}-\Z")


def code_head(text: str, start: int) -> str:
    """The letters that make the digits at ``text[start]`` a code (``COVID-``, ``S/RES/``, ``كوفيد-``), or ``""``.

    Latin letters right before the digits, with ``-`` or ``/`` between
    (``F-16``, ``G20``, ``S/RES/2334``), and an Arabic word of three letters or
    more joined by a hyphen (``كوفيد-19``). A lowercase English prefix with a
    hyphen is a quantity, not a code: ``post-2015``, ``mid-1990s``, ``under-21``.
    """
    found = _CODE_HEAD.search(text[max(0, start - 24) : start])
    if not found:
        return ""
    head = found.group()
    if head.endswith("-") and head[:-1].isascii() and head[:-1].islower() and "/" not in head:
        return ""
    if not head.isascii() and len(text[max(0, start - 24) : start]) > len(head):
        if text[start - len(head) - 1 : start - len(head)].isalpha():
            return ""
    return head


def is_code(text: str, start: int) -> bool:
    """Whether the digits at ``text[start]`` are glued to letters that make them a code."""
    before = text[max(0, start - 12) : start]
    if before.endswith("-"):
        before = before[:-1]
        if before[-1:].isascii() and before[-1:].isalpha():
            return True
        return False
    if before[-1:].isascii() and before[-1:].isalpha():
        return True
    arabic = _ARABIC_BEFORE.search(before)
    # One or two letters that are not clitics (م16); a longer word is a missing space.
    return bool(arabic) and len(arabic.group()) <= 2 and normalize_arabic(arabic.group()) not in _CLITIC_RUNS
