"""What offline word lists say about a word: common word, known place, root.

The name checks of :mod:`summarizer.faithfulness.names` ask these questions of
a word the source does not hold, to tell a name (worth a mark) from an
ordinary word (not a fact). Every answer comes from a maintained package that
ships its data in the wheel, read lazily on the first question and cached:

* ``wordfreq``: how common a word is in Arabic or English text
  (:func:`arabic_zipf`, Zipf scale: 3 is once per million words, 6 once per
  thousand). Names are common too (باريس, محمد), so frequency alone never makes
  a word ordinary here. What does is how the list inflects it
  (:func:`is_inflected_arabic_word`): an ordinary word turns up with the
  article, a pronoun, the feminine or plural, its verb's other persons
  (``وسيلة``: ``الوسيلة``; ``يقنن``: ``تقنن``, ``قنن``), a dialect verb's core
  is an MSA one (``بيشتغل``: ``يشتغل``); a transliterated name rarely
  (``تشارلز``, ``باتريك``). And a name that takes the article keeps it
  (:func:`is_article_bound`: ``الدنمارك`` far above ``دنمارك``), an adjective
  does not (``الفكرية``, ``فكرية``). This is the default install's Arabic
  dictionary; wordfreq's data is CC BY-SA 4.0, its code Apache-2.0.
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
  without it no word is known as a lemma, and the wordfreq tests above do the
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
    "is_article_bound",
    "is_inflected_arabic_word",
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


# A word with the article is a name's when wordfreq sees it this much (Zipf) more often than the word without it.
ARTICLE_BOUND_ZIPF = 1.2
# Endings cut before looking a stem up: pronouns, plurals, the feminine, a past verb's ت.
_ARABIC_ENDINGS = ("وها", "وهم", "وه", "ها", "هم", "هن", "ه", "وا", "ون", "ين", "ات", "ة", "نا", "كم", "ك", "ت", "ا")
# The shortest stem left by an ending: three letters before a pronoun (رصدها, لوحده), five before a
# plural ending that transliterated names also end in (دراجون, جونسون: no دراج + ون), else four.
_SHORTEST_STEM = {**dict.fromkeys(("وها", "وهم", "وه", "ها", "هم", "هن", "ه", "كم", "ك", "نا"), 3), "ون": 5, "ين": 5}
_TANWEEN = "\u064b"


def _clitic_forms(word: str) -> set[str]:
    forms = {word}
    if word[:1] in "وفبلك" and len(word) > 4:  # كونج is no ك + ونج
        forms.add(word[1:])
    for form in list(forms):
        if form.startswith(("ال", "لل")) and len(form) > 4:
            forms.add(form[2:])
    return forms


def _dialect_forms(form: str) -> set[str]:
    """A dialect verb's MSA-like core: ``بيشتغل`` -> ``يشتغل``, ``هتحتاج`` -> ``تحتاج``,
    ``ميختلفش`` -> ``يختلف``, ``مكنوش`` -> ``كنوا``."""
    cores = set()
    if form.startswith("م") and form.endswith("ش") and len(form) >= 5:  # the negation م(ا)...ش
        core = form[1:-1].removeprefix("ا")
        cores |= {core, core[:-1] + "وا"} if core.endswith("و") else {core}
    for core in [form, *cores]:
        if core[:1] in "بهحس" and core[1:2] in "يتن" and len(core) >= 4 or core[:2] in ("با", "ها") and len(core) >= 5:
            cores.add(core[1:])  # بيحب, هتحتاج, سيظل, بانزل; not بالو
    return {c for c in cores if len(c) >= 3}


def _paradigm(stem: str, zipf: float) -> int:
    """How many other forms of ``stem`` wordfreq attests at ``zipf`` or more.

    As a noun or adjective: with the article, a pronoun, the feminine or the
    plural (``مهول``: ``المهول``, ``مهولة``); as a past verb: with its subject's
    endings and in the present (``استنتج``: ``استنتجت``, ``يستنتج``); as a present
    verb: with another prefix, and in the past (``يقنن``: ``تقنن``, ``قنن``).
    """
    base = stem[:-1] + "ت" if stem.endswith("ة") else stem
    forms = {"ال" + stem}
    if stem[-1] not in "اوي":  # توجي + ه is توجيه, another word
        forms |= {base + "ها", base + "هم", base + "ه"}
    if stem.endswith("ة"):
        forms.add(stem[:-1] + "ات")  # إمكانيات
    if stem[-1] not in "ةاوي":
        forms |= {stem + "ة", stem + "ات", stem + "ت", stem + "وا", stem + "نا"}
        forms |= {"ي" + stem[1:]} if stem.startswith("ا") else {"ي" + stem, "ت" + stem}
    found = sum(arabic_zipf(f) >= zipf for f in forms - {stem})
    if stem[:1] in "يتن" and len(stem) >= 4:
        swaps = [prefix + stem[1:] for prefix in "يتن" if prefix != stem[0]]
        attested = sum(arabic_zipf(f) >= zipf for f in swaps)
        if stem[-1] not in "اوي":  # تدعى: يدعى; a name rarely ends in ى after a present prefix
            found += attested + (arabic_zipf(stem[1:]) >= zipf)
        elif attested == len(swaps):
            found += attested  # تشتري: يشتري, نشتري; but توجي: يوجي alone
    return found


def _with_article(stem: str) -> bool:
    """Whether wordfreq often sees ``stem`` with the article and without it alike, as an ordinary noun
    (``وسيلة``: ``الوسيلة``, ``نشوء``: ``النشوء``); a name mostly lacks it (``لندن``) or keeps it (``الدنمارك``)."""
    if stem.startswith("ال"):
        return False
    with_article = arabic_zipf("ال" + stem)
    return with_article >= ARTICLE_ZIPF and arabic_zipf(stem) + ARTICLE_BOUND_ZIPF > with_article


# wordfreq attests a stem at this Zipf (once per 3 million words) or more, and two of its other forms at
# INFLECTED_ZIPF: names rarely take the article or a pronoun, ordinary words do (BENCHMARKS.md).
STEM_ZIPF, INFLECTED_ZIPF = 3.0, 2.5
# An ordinary noun's form with the article alone, at this Zipf or more, is enough (see _with_article).
ARTICLE_ZIPF = 2.7


@lru_cache(maxsize=1 << 16)
def is_inflected_arabic_word(word: str) -> bool:
    """Whether wordfreq's Arabic list attests ``word`` as an inflected ordinary word, MSA or dialect.

    True when the word (a clitic, the article and tanween cut) or its stem
    without a pronoun, plural or feminine ending has two other forms in the
    list (with the article, a pronoun, another present prefix): ``مسار``,
    ``عميقاً``, ``تمتلك``, ``سيارته``; or when it is a dialect verb whose core
    is frequent (``بيشتغل``, ``ميختلفش``). A transliterated name rarely is
    (``بيرزوفسكي``, ``تشارلز``); a name that is also a word can be (``جاري``).
    """
    plain = "".join(c for c in word if not "\u064b" <= c <= "\u0652" and c != "\u0640")
    if _TANWEEN in word and plain.endswith("ا"):
        plain = plain[:-1]  # عميقاً
    for form in _clitic_forms(plain):
        if any(arabic_zipf(core) >= STEM_ZIPF for core in _dialect_forms(form)):
            return True
        # (stem, forms needed): a stem one letter shorter than usual needs three forms (كشفت: كشف; مدونون: مدون).
        stems = [(form, 2)]
        for ending in _ARABIC_ENDINGS:
            length, usual = len(form) - len(ending), _SHORTEST_STEM.get(ending, 4)
            if form.endswith(ending) and length >= usual - 1 and length >= 3:
                stems.append((form[: -len(ending)], 2 if length >= usual else 3))
        stems += [(stem[:-1] + "ة", needed) for stem, needed in stems[1:] if stem.endswith("ت")]  # مركبته -> مركبة
        for k, (stem, needed) in enumerate(stems):
            if k and arabic_zipf(stem) < STEM_ZIPF:
                continue
            if _paradigm(stem, INFLECTED_ZIPF) >= needed or (needed == 2 and _with_article(stem)):
                return True
    return False




@lru_cache(maxsize=1 << 16)
def is_article_bound(word: str) -> bool:
    """Whether a word with the article is written mostly with it, as names are (``الدنمارك``, ``الناتو``,
    ``الجيزة``) and ordinary words are not (``الأحياء``, ``الحنفية``, ``الفكرية``): wordfreq's Arabic
    list holds the form with the article ``ARTICLE_BOUND_ZIPF`` or more above the bare one."""
    plain = "".join(c for c in word if not "\u064b" <= c <= "\u0652" and c != "\u0640")
    if plain[:1] in "وفبك" and plain[1:3] == "ال":
        plain = plain[1:]
    if plain.startswith("لل"):
        plain = "ال" + plain[2:]
    if not plain.startswith("ال") or len(plain) < 5:
        return False
    return arabic_zipf(plain) >= arabic_zipf(plain[2:]) + ARTICLE_BOUND_ZIPF


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
