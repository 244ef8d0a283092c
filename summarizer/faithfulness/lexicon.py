"""What offline word lists say about a word: common word, known place, root.

The name checks of :mod:`summarizer.faithfulness.names` ask these questions of
a word the source does not hold, to tell a name (worth a mark) from an
ordinary word (not a fact). Every answer comes from a maintained package that
ships its data in the wheel, read lazily on the first question and cached:

* ``wordfreq``: how common a word is in Arabic or English text
  (:func:`arabic_zipf`, Zipf scale: 3 is once per million words, 6 once per
  thousand). Names are common too (باريس, محمد), so frequency alone never makes
  a word ordinary here; how the list inflects a word does
  (:mod:`summarizer.faithfulness.inflections`, the default install's Arabic
  dictionary). wordfreq's data is CC BY-SA 4.0, its code Apache-2.0.
* ``babel`` (CLDR): the Arabic names of countries, regions, languages and
  time-zone cities (:func:`is_known_arabic_name`), and the English ones.
* ``english-words`` (Webster's and GCIDE word lists, in their case):
  :func:`is_english_common_word` is true for a word the dictionaries write in
  lowercase (``suddenly``, ``believe``), with ``-s -es -ed -d -ing -ly``
  endings removed; ``Obama`` and ``London`` are not.
* ``nltk``'s ISRI stemmer (an algorithm, no data): :func:`arabic_root`, so
  ``اتهمت`` and ``المتهم`` share the root ``تهم``.
* ``arramooz-pysqlite`` (an Arabic dictionary of noun and verb lemmas in
  SQLite, shipped in the wheel): :func:`is_arabic_lemma` (``حيازة``, ``طبيب``,
  ``راح``; not ``جيمس`` nor ``بوسطن``). It is GPL-licensed, so it is an
  optional extra (``pip install "bilingual-summarizer[arabic-dictionary]"``);
  without it no word is known as a lemma, and the wordfreq inflections do the
  work: ordinary Arabic words missing from the source are then marked about
  1.5 times as often (BENCHMARKS.md).

It does not recognise person names: no list here holds them. Nothing is read
at import time.
"""

from __future__ import annotations

import logging
from functools import lru_cache

from .wordforms import normalize_arabic

logger = logging.getLogger("summarizer")

__all__ = [
    "arabic_root",
    "arabic_zipf",
    "english_zipf",
    "has_arabic_dictionary",
    "is_arabic_lemma",
    "is_arabic_verb",
    "is_english_common_word",
    "is_known_arabic_name",
]


@lru_cache(maxsize=1 << 16)
def arabic_zipf(word: str) -> float:
    """The Zipf frequency of an Arabic word in ``wordfreq``'s Arabic lists (0 when unseen)."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "ar")


@lru_cache(maxsize=1 << 16)
def english_zipf(word: str) -> float:
    """The Zipf frequency of an English word, any case, in ``wordfreq`` (0 when unseen)."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


@lru_cache(maxsize=1)
def _arabic_names() -> frozenset[str]:
    """Every word of CLDR's Arabic names of territories, languages and cities, folded, article kept and dropped."""
    from babel import Locale
    from babel.localedata import load

    locale = Locale("ar")
    names = [*locale.territories.values(), *locale.languages.values()]
    names += [zone["city"] for zone in load("ar").get("time_zones", {}).values() if "city" in zone]
    words: set[str] = set()
    for name in names:
        for word in name.split():
            word = normalize_arabic(word.strip("()،,"))
            if len(word) >= 3:
                words.add(word)
                if word.startswith("ال") and len(word) >= 5:
                    words.add(word[2:])
    # Words that CLDR uses inside names but are ordinary on their own.
    return frozenset(words) - _ARABIC_NAME_PARTS


_ARABIC_NAME_PARTS = frozenset(
    normalize_arabic(w)
    for w in """جزيرة جزر الجزر جمهورية الجمهورية المتحدة العربية الشمالية الجنوبية الشرقية الغربية الوسطى
    شمال جنوب شرق غرب وسط الكبرى الصغرى القديمة الحديثة الفصحى المبسطة التقليدية الديمقراطية الشعبية
    مملكة المملكة دولة الدولة منطقة المنطقة الاتحاد اتحاد سان سانت جديدة الجديدة العالم الامريكية
    البريطانية الفرنسية""".split()
)


@lru_cache(maxsize=1 << 16)
def is_known_arabic_name(form: str) -> bool:
    """Whether a folded Arabic word is part of a CLDR place or language name (``باريس``, ``السعودية``, ``الروسية``)."""
    return form in _arabic_names()


@lru_cache(maxsize=1)
def _lowercase_english() -> frozenset[str]:
    from english_words import get_english_words_set

    return frozenset(w for w in get_english_words_set(["web2", "gcide"], lower=False, alpha=True) if w.islower())


def _english_bases(word: str) -> list[str]:
    bases = [word]
    for suffix, repl in (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("d", ""), ("ing", ""), ("ing", "e"), ("ly", ""), ("er", ""), ("ers", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            bases.append(word[: -len(suffix)] + repl)
    if len(word) > 5 and word[-3:] in ("ing", "ed") and word[-4] == word[-5]:
        bases.append(word[: -4 if word.endswith("ing") else -3])  # stopped, running
    return bases


@lru_cache(maxsize=1 << 16)
def is_english_common_word(word: str) -> bool:
    """Whether an English word, lowercased, is a dictionary word written in lowercase (an inflection of one too).

    ``Suddenly``, ``Believed``, ``Thousands``, ``CLICK`` are; ``Obama``,
    ``London``, ``NASA`` are not. A word can be both (``Smith``, ``Bath``).
    """
    lower = word.lower().removesuffix("'s")
    words = _lowercase_english()
    return any(base in words for base in _english_bases(lower))


@lru_cache(maxsize=1 << 16)
def arabic_root(word: str) -> str:
    """The ISRI root of a folded Arabic word, or the word when it has fewer than four letters."""
    if len(word) < 4:
        return word
    from nltk.stem.isri import ISRIStemmer

    return _stemmer(ISRIStemmer).stem(word)


@lru_cache(maxsize=1)
def _stemmer(kind: type):
    return kind()


@lru_cache(maxsize=1)
def _arabic_dictionaries() -> tuple:
    """arramooz's noun and verb dictionaries, or () when the optional package is not installed."""
    try:
        from arramooz.arabicdictionary import ArabicDictionary
    except ImportError:
        logger.info('no Arabic dictionary (pip install "bilingual-summarizer[arabic-dictionary]", GPL): '
                    "ordinary Arabic words missing from the source are marked more often")
        return ()
    return ArabicDictionary("nouns"), ArabicDictionary("verbs")


def has_arabic_dictionary() -> bool:
    """Whether the optional arramooz dictionary is installed (see the module docstring)."""
    return bool(_arabic_dictionaries())


@lru_cache(maxsize=1 << 16)
def is_arabic_lemma(form: str) -> bool:
    """Whether an Arabic word form, spelled as written, is a noun or verb lemma of the arramooz dictionary."""
    return len(form) >= 3 and any(bool(d.lookup(form)) for d in _arabic_dictionaries())


@lru_cache(maxsize=1 << 16)
def is_arabic_verb(form: str) -> bool:
    """Whether an Arabic form, spelled as written, is a verb lemma (past, third person masculine) of arramooz."""
    dictionaries = _arabic_dictionaries()
    return len(form) >= 2 and bool(dictionaries) and bool(dictionaries[1].lookup(form))
