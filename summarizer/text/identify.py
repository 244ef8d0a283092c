"""Name the language of a text, so that only Arabic and English reach the models.

:func:`detect_language` returns an ISO 639-1 code (ISO 639-3 where a language
has no two-letter code). The statistics come from py3langid (a maintained fork
of langid.py: 140 languages, a 4.6 MB wheel, offline, BSD licence), run on the
whole text. Arabic-script text is then checked by its letters, because the
languages that share the script write letters Arabic lacks (Persian ی ک ژ,
Urdu ٹ ڈ ڑ ں ے, Pashto ټ ډ ړ ښ ږ ځ څ, Kurdish ۆ ێ ڵ ڕ ە, Sindhi, Uyghur...)
and rarely write the Arabic article ``ال``: a text that has none of those
letters (nor پ چ ژ گ ۀ) and whose words often start with ``ال`` (or that is
a few words long) is Arabic when the statistics name another Arabic-script
language with less than half the probability (dialects: Egyptian, Levantine,
Gulf, Iraqi, Maghrebi all count as ``"ar"``); and one that has many of them
and few ``ال`` words is not Arabic even when the statistics say it is. No rule
turns a verdict into Arabic when the text has a letter Arabic lacks, or when
the statistics name Persian, Urdu, Pashto, Kurdish, Sindhi or Uyghur with more
than half the probability: a short Persian or Urdu text must not reach the
Arabic model.

:func:`check_language` is the pipeline's gate: it refuses a document in a
language other than Arabic or English with an :class:`~summarizer.InputError`
that names it, and names the sentences of a third language inside an accepted
document (they are kept as written, not translated).

It does not tell Arabic dialects apart, and does not read Arabic written in
Latin letters (Arabizi); very short texts (a few words) are guessed.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import InputError
from .language import letter_counts

__all__ = ["ACCEPTED", "LanguageCheck", "check_language", "detect_language", "language_name"]

ACCEPTED = ("ar", "en")

# Letters of Arabic-script languages that Arabic (dialects included) does not
# write. Dialects and loanwords do use پ چ گ ڤ ڨ ڭ, so those are not here.
FOREIGN_LETTERS = {
    "fa": "یکژ",
    "ur": "ٹڈڑںےۓھہۃ",
    "ps": "ټډړښږځڅګڼۍې",
    "ku": "ۆێڵڕە",
    "sd": "ڄڃٺٻڀٿڏڍڊڙڳڱڻڦڇڪ",
    "ug": "ۇۈۋ",
}
_FOREIGN = frozenset("".join(FOREIGN_LETTERS.values()))
#: Letters that keep the detector's verdict from being turned into Arabic: the
#: foreign ones, and پ چ ژ گ ۀ, which some dialects write but Persian and Urdu
#: write far more (a text with one of them is Arabic only if the detector says so).
NOT_ARABIC_LETTERS = _FOREIGN | frozenset("پچژگۀ")
# Share of Arabic-script letters that are foreign above which a text is not
# Arabic, and below which it may be; and the share of ال words that marks
# Arabic. On FLORES-200 sentences: Arabic and its dialects 0 foreign letters,
# Persian ≥ 7% and Urdu ≥ 25% in 95% of sentences; ال words: a median of 27-30%
# in Arabic and its dialects, 0% in Persian and Urdu (95th percentile < 5%).
NOT_ARABIC_SHARE = 0.03
ARABIC_ARTICLE_SHARE = 0.12
# Below this many words the share of ال words says little (a headline may have none).
SHORT_WORDS = 12
# Codes of py3langid that this module reports under another code.
_ALIASES = {"ary": "ar", "arz": "ar", "sdh": "ku", "uzs": "uz", "gug": "gn", "kik": "ki"}
_ARABIC_SCRIPT = ("fa", "ur", "ps", "ku", "sd", "ug", "uz", "ks", "bal", "pa")
_WORD = re.compile(r"[\u0620-\u064A\u066E-\u06D3\u06FA-\u06FF]+")
_ARABIC_LETTER = re.compile(r"[\u0620-\u064A\u066E-\u06D3\u06FA-\u06FF]")
_NOT_ARABIC_LETTER = re.compile(r"[^\W\d_\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
_ARTICLE = ("ال", "وال", "بال", "فال", "كال", "لل", "وبال", "ولل")
# A sentence is named as a third language only when it is this long and the
# detector is this sure: names and short quotes are not worth a warning.
MIN_SENTENCE_LETTERS = 30
MIN_CONFIDENCE = 0.9
# The detector's naming of Persian, Urdu, Pashto... is overruled only when it
# gives that language less than this probability (it is not sure of it). On
# FLORES word pairs, 0.9 let 16% of Persian and Urdu pairs through as Arabic,
# 0.5 10%, 0.3 5%; Arabic-dialect pairs refused: 7, 11, 33 of 3036
# (``benchmarks/language_id.py --words 2``).
OVERRULED_BELOW = 0.5

# English language names come from CLDR (babel); these are the detector's codes CLDR lacks,
# or names it writes otherwise.
OWN_NAMES = {
    "bn": "Bengali", "fy": "Frisian", "st": "Sotho", "bcl": "Central Bikol", "fuv": "Nigerian Fulfulde",
    "gcf": "Guadeloupean Creole", "gcr": "Guianese Creole", "gom": "Konkani", "guw": "Gun",
    "hbo": "Ancient Hebrew", "zxx": "no language",
}


def language_name(code: str) -> str:
    """The English name of a code that :func:`detect_language` returns (the code itself when unknown)."""
    if code in OWN_NAMES:
        return OWN_NAMES[code]
    from babel import Locale

    return Locale("en").languages.get(code, code)


def detect_language(text: str) -> str:
    """The language of a text, as an ISO 639-1 code (``"ar"``, ``"en"``, ``"fa"``...).

    Arabic dialects are ``"ar"``. Languages without a two-letter code get
    their ISO 639-3 code (``"ace"``); text with no letters ``"zxx"``.

    Args:
        text: Any text; the longer, the surer (a sentence is usually enough).

    Returns:
        The code.

    Raises:
        TypeError: ``text`` is not a str.
    """
    return _identify(text)[0]


@dataclass(frozen=True)
class LanguageCheck:
    """What :func:`check_language` found.

    Attributes:
        language: The document's language code (``"ar"`` or ``"en"``).
        foreign: ``(sentence index, code)`` of each sentence in a third language.
        warnings: One line per such sentence, naming its language.
    """

    language: str
    foreign: tuple[tuple[int, str], ...] = ()
    warnings: tuple[str, ...] = ()


def check_language(sentences: Sequence[str]) -> LanguageCheck:
    """Refuse a document that is not Arabic or English; name third-language sentences inside one.

    The document's language is that of its text as a whole; mixed Arabic and
    English counts as the larger of the two and is accepted.

    Args:
        sentences: The document's sentences, cleaned.

    Returns:
        A :class:`LanguageCheck`.

    Raises:
        InputError: The document looks like another language; the message names it.
    """
    code, confidence = _identify("\n".join(sentences))
    if code not in ACCEPTED and code != "zxx":
        raise InputError(
            f"This text looks {language_name(code)} ({code}); the summarizer reads Arabic (any dialect) and "
            "English articles only. Pass an Arabic article, or translate this one first."
        )
    foreign, warnings = [], []
    for index, sentence in enumerate(sentences):
        arabic, other = letter_counts(sentence)
        if arabic + other < MIN_SENTENCE_LETTERS:
            continue
        found, sure = _identify(sentence)
        if found not in ACCEPTED and found != "zxx" and sure >= MIN_CONFIDENCE:
            foreign.append((index, found))
            warnings.append(
                f"sentence {index + 1} looks {language_name(found)} ({found}): kept as written, not translated."
            )
    return LanguageCheck(code if code in ACCEPTED else ("ar" if _mostly_arabic(sentences) else "en"),
                         tuple(foreign), tuple(warnings))


def _identify(text: str) -> tuple[str, float]:
    """The code and the detector's probability for it (1.0 when the letters decided)."""
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    arabic, other = letter_counts(text)
    if not arabic and not other:
        return "zxx", 1.0
    # The statistics read the majority script only: an English name in Arabic
    # text, or an Arabic quote in English text, says nothing of the language.
    majority = _NOT_ARABIC_LETTER.sub(" ", text) if arabic >= other else _ARABIC_LETTER.sub(" ", text)
    ranked = [(_ALIASES.get(code, code), p) for code, p in _identifier().rank(majority)[:20]]
    code, confidence = ranked[0]
    if arabic < other:
        return code, confidence
    foreign, article, words = _arabic_script_evidence(text)
    if code == "ar":
        if foreign >= NOT_ARABIC_SHARE and article < ARABIC_ARTICLE_SHARE:
            return _other_arabic_script(text, ranked), 1.0
        return "ar", confidence
    # Nothing turns the detector's verdict into Arabic when the text writes a
    # letter Arabic lacks: a Persian or Urdu headline would reach the Arabic model.
    lacks = any(char in NOT_ARABIC_LETTERS for char in text)
    if code not in _ARABIC_SCRIPT:
        # The statistics name a language of another script: too few words to go by.
        return (_other_arabic_script(text, ranked), 1.0) if lacks else ("ar", 1.0)
    # The detector names Persian, Urdu, Pashto...: it is overruled only when it
    # is unsure and the text has no letter Arabic lacks and the Arabic article
    # (or is too short to count it): a dialect or a headline.
    if lacks or confidence >= OVERRULED_BELOW:
        return code, confidence
    if article >= ARABIC_ARTICLE_SHARE or words < SHORT_WORDS:
        return "ar", 1.0
    return code, confidence


def _arabic_script_evidence(text: str) -> tuple[float, float, int]:
    """Share of Arabic-script letters that Arabic lacks, share of words with the article ``ال``, and words."""
    words = _WORD.findall(text)
    letters = sum(len(word) for word in words) or 1
    foreign = sum(1 for word in words for char in word if char in _FOREIGN)
    article = sum(1 for word in words if word.startswith(_ARTICLE) and len(word) > 3)
    return foreign / letters, article / (len(words) or 1), len(words)


def _other_arabic_script(text: str, ranked: list[tuple[str, float]]) -> str:
    """The Arabic-script language a non-Arabic text is: the detector's best one, else the letters' best."""
    for code, _ in ranked:
        if code in _ARABIC_SCRIPT:
            return code
    counts = {code: sum(text.count(c) for c in letters) for code, letters in FOREIGN_LETTERS.items()}
    return max(counts, key=counts.get)


def _mostly_arabic(sentences: Sequence[str]) -> bool:
    arabic = other = 0
    for sentence in sentences:
        a, o = letter_counts(sentence)
        arabic, other = arabic + a, other + o
    return arabic >= other


@functools.cache
def _identifier():
    """py3langid's model (about 50 ms to load), built on first use and shared: it is read-only."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
