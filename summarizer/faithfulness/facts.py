"""Flag the numbers, dates and names of an abstract that its source does not support.

:func:`check_facts` reads an abstract sentence by sentence and looks each fact
up in the source: an English abstract against the English translation, an
Arabic abstract against the Arabic source (either works; the language is only
recorded). :func:`check_cross_abstract` checks that the two abstracts state the
same numbers and dates.

* Numbers (:mod:`summarizer.faithfulness.numbers`) compare by value: ``1,200`` =
  ``1200`` = ``١٢٠٠`` = ``twelve hundred``; ``2.5 million`` = ``2,500,000``. A
  percent sign is not compared (``40%`` is supported by ``40 percent`` and by a
  bare ``40``). The day and year of every source date count as source numbers.
  An ordinal word (``fifth``, ``الخامسة``) supports only an ordinal (``5th``)
  or a rank (``No 1``, ``No. 5``, ``number one``, ``#1``, ``رقم 1``: the source's
  ``first`` supports ``No 1``) in :func:`check_facts`, any number in
  :func:`check_cross_abstract`.
* Dates (:mod:`summarizer.faithfulness.dates`): an abstract date is supported by a source
  date with the same month and, where the abstract gives them, the same day
  and year; a source date without a year supports any year that the source
  mentions somewhere. The two Arabic month series are one calendar. A year alone
  (four digits, 1800-2099) is supported when the source mentions that number.
  A weekday is supported by the same weekday.
* Codes with digits (``COVID-19``, ``F-16``, ``G20``, ``5G``, ``S/RES/2334``,
  ``كوفيد-19``) are numbers compared as written (letters folded); across
  languages by their digits. Their fact text is the digits.
* A Hijri year (``1434هـ``) is a date supported by either Gregorian year it
  overlaps (2012, 2013) and supports them (:mod:`summarizer.faithfulness.hijri`).
* Names (:mod:`summarizer.faithfulness.names`): capitalised words, and Arabic words that
  are not function words, found nowhere in the source in any form, and that
  look like names; a word that may be ordinary is reported with
  ``confident=False``.
* A sentence of page furniture (``CLICK HERE ...``, ``READ MORE ...``) is skipped.

Nothing here knows what a sentence means: a number moved to the wrong noun, a
date attached to the wrong event or a negated fact is not caught, and a
correct paraphrase of a name can be flagged.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any, Literal

from .dates import DateMention, find_dates
from .digits import Key
from .hijri import hijri_years
from ..text.language import is_arabic
from .names import WordIndex, index_words, unsupported_names
from .number_words import support_keys
from .numbers import NumberMention, find_numbers
from .stopwords import is_page_furniture
from ..text.sentences import split_sentences
from .wordforms import Prepared, Token, prepare, tokenize

__all__ = ["UnsupportedFact", "check_cross_abstract", "check_facts"]

FactKind = Literal["number", "date", "name"]
Language = Literal["en", "ar"]
Where = Literal["source", "english abstract", "arabic abstract"]
_LANGUAGE_NAMES = {"en": "English", "ar": "Arabic"}


@dataclass(frozen=True)
class UnsupportedFact:
    """A number, date or name of an abstract that the other text does not hold.

    Attributes:
        text: The fact as written in the abstract.
        kind: ``"number"``, ``"date"`` or ``"name"``.
        sentence: The abstract sentence it sits in.
        language: The language of that abstract, ``"en"`` or ``"ar"``.
        missing_from: What was searched: ``"source"``, ``"english abstract"``
            or ``"arabic abstract"``.
        confident: False for a name the check is unsure of (it may be an
            ordinary word, see :mod:`summarizer.faithfulness.names`); the demo
            underlines only confident facts and the pipeline warns only of them.
            Numbers and dates are confident, but a bare ``واحد`` or ``ست``
            (also "the same", "lady"; see ``NumberMention.weak``).
    """

    text: str
    kind: FactKind
    sentence: str
    language: Language
    missing_from: Where = "source"
    confident: bool = True

    @property
    def message(self) -> str:
        """One line for a result's warnings."""
        where = "the source" if self.missing_from == "source" else f"the {self.missing_from}"
        maybe = "" if self.confident else " (unsure: may be an ordinary word)"
        return f'{self.kind} "{self.text}" of the {_LANGUAGE_NAMES[self.language]} abstract is not in {where}{maybe}'

    def to_dict(self) -> dict[str, Any]:
        """The fact as plain data."""
        return asdict(self)


@dataclass(frozen=True)
class _Facts:
    prepared: Prepared
    tokens: list[Token]
    dates: tuple[DateMention, ...]
    numbers: tuple[NumberMention, ...]
    keys: frozenset[Key]
    ranks: frozenset[Key]

    @property
    def taken(self) -> frozenset[int]:
        return frozenset(i for m in [*self.dates, *self.numbers] for i in m.tokens)


def _facts_of(text: str) -> _Facts:
    prepared = prepare(text)
    tokens = tokenize(prepared)
    dates = find_dates(prepared, tokens)
    numbers = find_numbers(prepared, tokens, frozenset(i for d in dates for i in d.tokens))
    keys = {key for number in numbers for key in number.keys}
    keys.update(Decimal(v) for d in dates for v in (d.day, d.year) if v is not None)
    keys.update(Decimal(y) for d in dates if d.calendar == "hijri" and d.year for y in hijri_years(d.year))
    definite, ranks = support_keys(tokens)
    keys.update(definite)
    return _Facts(prepared, tokens, tuple(dates), tuple(numbers), frozenset(keys), ranks)


@lru_cache(maxsize=8)
def _source_facts(source: str) -> tuple[_Facts, WordIndex]:
    """A source's facts and words; cached, as both abstracts are often checked against one source."""
    facts = _facts_of(source)
    return facts, index_words(facts.tokens)


def _overlap(a: tuple | None, b: tuple | None) -> bool:
    return a is not None and b is not None and a[0] <= b[1] and b[0] <= a[1]


def _date_supported(date: DateMention, other: _Facts) -> bool:
    if date.weekday is not None:
        return any(d.weekday == date.weekday for d in other.dates)
    span = date.span()
    if any(d.calendar != date.calendar and _overlap(span, d.span()) for d in other.dates):
        return True  # 15 شعبان 1359هـ = 17 September 1940
    if date.calendar == "hijri" and span is not None:
        if any(Decimal(y) in other.keys for y in range(span[0].year, span[1].year + 1)):
            return True  # the source gives the Gregorian year only
    if date.calendar == "hijri" and date.year is None and any(d.calendar != "hijri" for d in other.dates):
        return True  # no year to convert with: a source date of the other calendar may be it
    return any(
        d.calendar == date.calendar
        and d.month == date.month
        and (date.day is None or d.day == date.day)
        and (date.year is None or d.year == date.year or (d.year is None and Decimal(date.year) in other.keys))
        for d in other.dates
    )


_RANK_WORDS = frozenset({"no", "nos", "number", "#", "رقم"})


def _is_rank(tokens: list[Token], first: int) -> bool:
    """Whether the number at token ``first`` is a rank: ``No 1``, ``No. 1``, ``number one``, ``#1``, ``رقم 1``."""
    j = first - 1
    if j >= 0 and tokens[j].text == "." and j - 1 >= 0 and tokens[j - 1].text.lower() in ("no", "nos"):
        return True
    return j >= 0 and tokens[j].text.lower() in _RANK_WORDS


def _unsupported(
    sentence: str, other: _Facts, index: WordIndex | None, language: Language, missing_from: Where
) -> list[UnsupportedFact]:
    """The facts of one abstract sentence that ``other`` lacks; names only when ``index`` is given."""
    if is_page_furniture(sentence):
        return []
    facts = _facts_of(sentence)
    cross = missing_from != "source"
    found: list[tuple[str, FactKind, bool]] = []
    for date in facts.dates:
        if not _date_supported(date, other):
            found.append((date.text, "date", True))
    for number in facts.numbers:
        if number.form == "code":
            # The same code; across languages the same digits (COVID-19 = كوفيد-19).
            wanted = {k for k in number.keys if str(k).startswith("code-digits:" if cross else "code:")}
            if not wanted & other.keys:
                found.append((number.text, "number", True))
            continue
        # An ordinal word supports an ordinal, or any number across languages
        # ("Channel 5" = "القناة الخامسة"); "the fifth" does not support "5 people".
        ordinal = number.form == "ordinal" or _is_rank(facts.tokens, number.tokens.start)
        if number.keys & other.keys or ((cross or ordinal) and number.keys & other.ranks):
            continue
        if cross and (number.form == "decade" or (number.written and number.keys == {Decimal(2)})):
            continue  # Arabic says "two" with a dual noun (دولتين), "the 1970s" in words
        kind: FactKind = "date" if number.year is not None or number.form == "hijri" else "number"
        found.append((number.text, kind, not number.weak))
    if index is not None:
        names = unsupported_names(facts.prepared, facts.tokens, index, facts.taken)
        found.extend((name.text, "name", name.confident) for name in names)
    unique = dict.fromkeys(found)  # a fact repeated in one sentence is reported once
    return [UnsupportedFact(text, kind, sentence, language, missing_from, sure) for text, kind, sure in unique]


def _language(text: str) -> Language:
    return "ar" if is_arabic(text) else "en"


def check_facts(abstract: str, source: str, *, language: Language | None = None) -> list[UnsupportedFact]:
    """The numbers, dates and names of ``abstract`` that ``source`` does not support.

    Args:
        abstract: An abstract, English or Arabic.
        source: What it was written from: the English translation for an
            English abstract, the Arabic source for an Arabic one.
        language: The abstract's language; by default Arabic when most of its
            letters are Arabic (:func:`summarizer.text.language.is_arabic`).

    Returns:
        The unsupported facts, sentence by sentence, in order; empty when all
        are supported. Unsure names have ``confident=False``: show them apart,
        do not underline them.

    Raises:
        TypeError: If ``abstract`` or ``source`` is not a ``str``.
        ValueError: If ``language`` is not ``"en"``, ``"ar"`` or None.
    """
    if not isinstance(abstract, str) or not isinstance(source, str):
        raise TypeError("abstract and source must be str")
    if language not in (None, "en", "ar"):
        raise ValueError(f"language must be 'en', 'ar' or None, not {language!r}")
    language = language or _language(abstract)
    source_facts, index = _source_facts(source)
    found: list[UnsupportedFact] = []
    for sentence in split_sentences(abstract):
        found.extend(_unsupported(sentence, source_facts, index, language, "source"))
    return found


def check_cross_abstract(english_abstract: str, arabic_abstract: str) -> list[UnsupportedFact]:
    """The numbers and dates that one abstract states and the other does not.

    Each number and date of the Arabic abstract is looked up in the English
    abstract and the other way round, with the rules of :func:`check_facts`.
    An English ``two`` written in words is not required in the Arabic, which
    says it with a dual noun, nor is a decade (``1970s``, ``السبعينيات``).
    Ordinals support numbers (``5th`` = ``الخامسة``).

    Args:
        english_abstract: The English abstract.
        arabic_abstract: The Arabic abstract.

    Returns:
        The facts of the Arabic abstract missing from the English one, then
        those of the English abstract missing from the Arabic one.

    Raises:
        TypeError: If an abstract is not a ``str``.
    """
    if not isinstance(english_abstract, str) or not isinstance(arabic_abstract, str):
        raise TypeError("both abstracts must be str")
    english, arabic = _facts_of(english_abstract), _facts_of(arabic_abstract)
    found: list[UnsupportedFact] = []
    for sentence in split_sentences(arabic_abstract):
        found.extend(_unsupported(sentence, english, None, "ar", "english abstract"))
    for sentence in split_sentences(english_abstract):
        found.extend(_unsupported(sentence, arabic, None, "en", "arabic abstract"))
    return found
