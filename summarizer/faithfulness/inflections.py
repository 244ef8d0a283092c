"""How wordfreq's Arabic list inflects a word: an ordinary word or a name, without a dictionary.

The default install has no Arabic dictionary (the one we know, arramooz, is
GPL: an optional extra). What stands in for it is :mod:`wordfreq`'s Arabic
frequency list, asked how a word is inflected, since names and ordinary words
inflect differently:

* :func:`is_inflected_arabic_word`: an ordinary word turns up with the article,
  a pronoun, the feminine or plural, its verb's other persons and tenses
  (``وسيلة``: ``الوسيلة``; ``يقنن``: ``تقنن``, ``قنن``; ``استنتج``: ``يستنتج``),
  and a dialect verb's core is an MSA one (``بيشتغل``: ``يشتغل``, ``ميختلفش``:
  ``يختلف``); a transliterated name rarely is (``تشارلز``, ``باتريك``).
* :func:`is_article_bound`: a name that takes the article keeps it
  (``الدنمارك`` Zipf 4.0, ``دنمارك`` 2.1); an adjective does not
  (``الفكرية``, ``فكرية``).

Limits: a name that is also a word (``جاري``, ``دراجون`` ~ ``دراج``) passes
for an ordinary one; a rare dialect word the list lacks does not. The
thresholds were set on the shared FLORES rewordings and injected names
(BENCHMARKS.md). Nothing is read at import time; answers are cached.
"""

from __future__ import annotations

from functools import lru_cache

from .lexicon import arabic_zipf

__all__ = ["is_article_bound", "is_inflected_arabic_word"]

# A word with the article is a name's when wordfreq sees it this much (Zipf) more often than without it.
ARTICLE_BOUND_ZIPF = 1.2
# wordfreq attests a stem at STEM_ZIPF (once per 3 million words) or more, and two of its other forms at
# INFLECTED_ZIPF: names rarely take the article or a pronoun, ordinary words do (BENCHMARKS.md).
STEM_ZIPF, INFLECTED_ZIPF = 3.0, 2.5
# An ordinary noun's form with the article alone, at this Zipf or more, is enough (see _with_article).
ARTICLE_ZIPF = 2.7
# Endings cut before looking a stem up: pronouns, plurals, the feminine, a past verb's ت.
_ARABIC_ENDINGS = ("وها", "وهم", "وه", "ها", "هم", "هن", "ه", "وا", "ون", "ين", "ات", "ة", "نا", "كم", "ك", "ت", "ا")
# The shortest stem left by an ending: three letters before a pronoun (رصدها, لوحده), five before a
# plural ending that transliterated names also end in (جونسون: no جونس + ون), else four; one letter
# shorter needs three forms instead of two (see is_inflected_arabic_word).
_SHORTEST_STEM = {**dict.fromkeys(("وها", "وهم", "وه", "ها", "هم", "هن", "ه", "كم", "ك", "نا"), 3), "ون": 5, "ين": 5}
_TANWEEN = "\u064b"


def _plain(word: str) -> str:
    """The word without diacritics and tatweel, letters as written."""
    return "".join(c for c in word if not "\u064b" <= c <= "\u0652" and c != "\u0640")


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
    plain = _plain(word)
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
    plain = _plain(word)
    if plain[:1] in "وفبك" and plain[1:3] == "ال":
        plain = plain[1:]
    if plain.startswith("لل"):
        plain = "ال" + plain[2:]
    if not plain.startswith("ال") or len(plain) < 5:
        return False
    return arabic_zipf(plain) >= arabic_zipf(plain[2:]) + ARTICLE_BOUND_ZIPF
