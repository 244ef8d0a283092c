"""Spot names in an abstract that its source never mentions.

Rules, not a model; built for precision: a word is flagged only when nothing
like it occurs anywhere in the source.

* Latin script (English): a candidate is a word of two or more letters that
  starts with a capital (``Obama``, ``NASA``, ``Obama's``), at the start of a
  sentence too, unless it is a common capitalised word
  (:data:`summarizer.faithfulness.stopwords.ENGLISH_CAPITALISED_COMMON`: ``The``,
  ``However``, ``Police`` …), a number word, a month or a weekday. It is
  supported when the source holds it case-insensitively, or a word with the
  same crude stem (:func:`summarizer.faithfulness.wordforms.english_stem`: ``Obama's`` =
  ``obama``), or a word that starts with it (``Egypt`` ~ ``Egyptian``), or a
  word that shares all its letters but the last two, and at least five
  (``American`` ~ ``America``, ``Syrian`` ~ ``Syria``, but ``Generation`` is
  not ``general``, nor ``Stateside`` ``states``).
* Arabic script, which has no capitals: a candidate is any word of three or
  more letters after normalisation (:func:`summarizer.faithfulness.wordforms.normalize_arabic`)
  that is not a function word or common verb
  (:data:`summarizer.faithfulness.stopwords.ARABIC_FUNCTION_WORDS`), a number word, a month
  or a weekday. It is supported when one of its forms with clitic prefixes and
  common suffixes stripped (:func:`summarizer.faithfulness.wordforms.arabic_variants`),
  other than a function word, is a form of a source word.

Next candidates that are both unsupported form one span (``John Smith``).
Limits: a paraphrase (``Chinese`` for ``China``, ``المتحدث`` for ``قال``)
may be flagged, more often in Arabic, where every content word is a candidate;
a name spelled two ways (``Qaddafi``/``Gaddafi``) is flagged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .dates import is_calendar_word
from .number_words import spelled
from .stopwords import ARABIC_FUNCTION_WORDS, ENGLISH_CAPITALISED_COMMON
from .wordforms import Prepared, Token, arabic_variants, english_stem, normalize_arabic

__all__ = ["NameMention", "WordIndex", "index_words", "unsupported_names"]

_PREFIX, _SLACK = 5, 2


@dataclass(frozen=True)
class WordIndex:
    """The words of a source, in the forms the name check compares.

    Attributes:
        latin: Latin-script words, lowercase.
        stems: Their crude stems.
        prefixes: Every prefix of five letters or more of the lowercase words.
        arabic: Every form of every Arabic word (see ``arabic_variants``).
    """

    latin: frozenset[str]
    stems: frozenset[str]
    prefixes: frozenset[str]
    arabic: frozenset[str]


@dataclass(frozen=True)
class NameMention:
    """A span of one or more unsupported name-like words.

    Attributes:
        text: The span as written in the original text.
        start: Offset of its first token in the prepared text.
        end: Offset just after its last token in the prepared text.
        tokens: Indices of the tokens it spans.
    """

    text: str
    start: int
    end: int
    tokens: range


_ARABIC_LETTER = re.compile(r"[\u0620-\u064a\u066e-\u06d3]")


def _is_arabic_word(word: str) -> bool:
    return _ARABIC_LETTER.search(word) is not None


def index_words(tokens: list[Token]) -> WordIndex:
    """Index the words of a tokenized source for :func:`unsupported_names`."""
    latin: set[str] = set()
    arabic: set[str] = set()
    for token in tokens:
        if token.kind != "word":
            continue
        if _is_arabic_word(token.text):
            arabic.update(arabic_variants(token.text))
        else:
            latin.add(token.text.lower())
    stems = frozenset(english_stem(w) for w in latin)
    prefixes = frozenset(w[:k] for w in latin for k in range(_PREFIX, len(w) + 1))
    return WordIndex(frozenset(latin), stems, prefixes, frozenset(arabic))


@lru_cache(maxsize=1 << 16)
def _candidate(word: str) -> tuple[str, frozenset[str]] | None:
    """``("ar", forms)`` or ``("en", forms)`` for a name candidate, None for any other word."""
    if spelled(word) is not None or is_calendar_word(word):
        return None
    if _is_arabic_word(word):
        norm = normalize_arabic(word)
        bare = norm[1:] if norm[:1] in "وفبلك" else norm
        if len(norm) < 3 or norm in ARABIC_FUNCTION_WORDS or bare in ARABIC_FUNCTION_WORDS:
            return None
        # A shared form that is a function word does not count: "العليا" -> "علي" is "على".
        return "ar", arabic_variants(word) - ARABIC_FUNCTION_WORDS
    lower = word.lower()
    if len(word) < 2 or not word[0].isupper() or lower in ENGLISH_CAPITALISED_COMMON:
        return None
    if english_stem(lower) in ENGLISH_CAPITALISED_COMMON:
        return None
    return "en", frozenset({lower.removesuffix("'s")})


def _candidate_supported(word: str, index: WordIndex) -> bool | None:
    """None when ``word`` is not a name candidate, else whether the source supports it."""
    candidate = _candidate(word)
    if candidate is None:
        return None
    script, forms = candidate
    if script == "ar":
        return bool(forms & index.arabic)
    (base,) = forms
    if base in index.latin or english_stem(base) in index.stems:
        return True
    if len(base) >= _PREFIX and base in index.prefixes:
        return True  # Egypt ~ Egyptian
    shared = max(_PREFIX, len(base) - _SLACK)
    return len(base) > shared and base[:shared] in index.prefixes  # American ~ America


def unsupported_names(
    prepared: Prepared, tokens: list[Token], index: WordIndex, skip: frozenset[int] = frozenset()
) -> list[NameMention]:
    """The name-like words of a tokenized abstract that its source does not hold.

    Args:
        prepared: The prepared abstract the tokens come from.
        tokens: Its tokens.
        index: The source's words, from :func:`index_words`.
        skip: Token indices already read as numbers or dates; they are not names.

    Returns:
        Spans of unsupported candidates, in order.
    """
    spans: list[list[int]] = []
    last = -2
    for i, token in enumerate(tokens):
        if token.kind != "word" or i in skip:
            continue
        if _candidate_supported(token.text, index) is False:
            glued = last == i - 2 and tokens[i - 1].text == "-"
            if spans and (last == i - 1 or glued):
                spans[-1].append(i)
            else:
                spans.append([i])
            last = i
    mentions = []
    for span in spans:
        start, end = tokens[span[0]].start, tokens[span[-1]].end
        mentions.append(NameMention(prepared.quote(start, end), start, end, range(span[0], span[-1] + 1)))
    return mentions
