"""Trace each abstract sentence to the source sentences it draws on.

Lexical overlap, no model, offline, linear in the source. The pipeline
translates the source sentence by sentence, so source sentence *i* and its
translation *i* share an index, and an English abstract sentence can be
matched against the English translations and reported as indices of the
Arabic source sentences.

Method, for one abstract sentence against candidate sentences:

1. Terms. English: lowercase words without punctuation, function words
   dropped (:data:`summarizer.faithfulness.stopwords.ENGLISH_STOPWORDS`), crude suffixes
   stripped (:func:`summarizer.faithfulness.wordforms.english_stem`). Arabic: diacritics
   dropped, spelling folded (:func:`summarizer.faithfulness.wordforms.normalize_arabic`),
   one clitic (``و ف ب ل ك``) and the article (``ال``, ``لل``) stripped when
   three letters stay, function words dropped. Numbers in either script become
   their digits without separators (``1,200`` = ``١٢٠٠``).
2. N-grams: the terms and the pairs of consecutive terms, as sets.
3. Weights: an n-gram found in fewer candidates weighs more,
   ``log(1 + N / df)`` (``df`` at least 1), so a word that every sentence
   repeats links nothing.
4. Score of a candidate: the weight of the sentence's n-grams it holds over
   the weight of all the sentence's n-grams, in [0, 1].
5. Selection, greedy: take the candidate that adds most uncovered weight, as
   long as it adds at least ``min_score``, at most ``max_sources`` times. The
   links are in that order, best first; each carries its own score.

The Arabic abstract: with the ``"translate"`` strategy and as many Arabic as
English sentences (it was translated sentence by sentence), Arabic sentence
*j* takes the links of English sentence *j*; otherwise (the ``"direct"``
strategy, or counts that differ) it is matched against the Arabic source
sentences the same way. Overlap sees shared words, not meaning: a sentence
that paraphrases its source with other words gets weak links or none.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any, Literal

from ..text.sentences import split_sentences
from .stopwords import ARABIC_FUNCTION_WORDS, ENGLISH_STOPWORDS
from .wordforms import english_stem, normalize_arabic, prepare

__all__ = ["Attribution", "SourceLink", "attribute", "link_sentences"]

_WORD = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:'[^\W\d_]+)*")
_ARABIC_LETTER = re.compile(r"[\u0620-\u064a\u066e-\u06d3]")
_CLITICS = "وفبلك"


@dataclass(frozen=True)
class SourceLink:
    """One source sentence an abstract sentence draws on.

    Attributes:
        index: Index of the source sentence (``BilingualSummary.sentences[index]``).
        score: Share of the abstract sentence's weighted n-grams found in it, 0 to 1.
    """

    index: int
    score: float


@dataclass(frozen=True)
class Attribution:
    """The sources of one abstract sentence.

    Attributes:
        language: ``"en"`` or ``"ar"``: which abstract the sentence is from.
        index: Position of the sentence in its abstract.
        sentence: The abstract sentence.
        sources: Its source sentences, best first; empty when none reaches the threshold.
        coverage: Share of its weighted n-grams found in all its sources together.
        inherited: True for an Arabic sentence that took the links of the
            English sentence it was translated from.
    """

    language: Literal["en", "ar"]
    index: int
    sentence: str
    sources: tuple[SourceLink, ...]
    coverage: float
    inherited: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The attribution as plain data."""
        return asdict(self)


def _term(word: str) -> str | None:
    if word[0].isdigit():
        return re.sub(r"[.,](?=\d{3}\b)", "", word)
    if not _ARABIC_LETTER.search(word):
        word = word.lower()
        return None if word in ENGLISH_STOPWORDS else english_stem(word)
    word = normalize_arabic(word)
    if word[0] in _CLITICS and len(word) >= 4:
        word = word[1:] if word[1:] not in ARABIC_FUNCTION_WORDS else word
    if word.startswith(("ال", "لل")) and len(word) >= 5:
        word = word[2:]
    return None if word in ARABIC_FUNCTION_WORDS or len(word) < 2 else word


def _ngrams(text: str) -> frozenset[str | tuple[str, str]]:
    """The terms of ``text`` and the pairs of consecutive terms (see the module docstring)."""
    terms = [t for t in (_term(w) for w in _WORD.findall(prepare(text).text)) if t]
    return frozenset([*terms, *zip(terms, terms[1:])])


def _link(
    grams: frozenset, candidates: list[frozenset], weight: dict, floor: float, max_sources: int, min_score: float
) -> tuple[tuple[SourceLink, ...], float]:
    """Greedy links of one sentence's n-grams (see the module docstring) and its coverage."""
    total = sum(weight.get(g, floor) for g in grams)
    if not total:
        return (), 0.0
    shared = {i: grams & c for i, c in enumerate(candidates)}
    shared = {i: s for i, s in shared.items() if s}
    covered: set = set()
    links: list[SourceLink] = []
    while shared and len(links) < max_sources:
        gain = {i: sum(weight[g] for g in s - covered) for i, s in shared.items()}
        best = max(gain, key=lambda i: (gain[i], -i))
        if gain[best] / total < min_score:
            break
        links.append(SourceLink(best, round(sum(weight[g] for g in shared.pop(best)) / total, 4)))
        covered |= grams & candidates[best]
    return tuple(links), round(sum(weight[g] for g in covered) / total, 4)


def link_sentences(
    sentences: Sequence[str], candidates: Sequence[str], *, max_sources: int = 3, min_score: float = 0.15
) -> list[tuple[tuple[SourceLink, ...], float]]:
    """Link each sentence to the candidate sentences it draws on.

    Args:
        sentences: Abstract sentences.
        candidates: The sentences they may draw on, in source order.
        max_sources: Most links per sentence.
        min_score: Least share of a sentence's weight a link must add.

    Returns:
        For each sentence, its links (best first) and its coverage.

    Raises:
        ValueError: If ``max_sources`` is below 1 or ``min_score`` outside (0, 1].
    """
    if max_sources < 1 or not 0 < min_score <= 1:
        raise ValueError(f"max_sources must be at least 1 and min_score in (0, 1], not {max_sources} and {min_score}")
    grams = [_ngrams(c) for c in candidates]
    df = Counter(g for c in grams for g in c)
    n = len(candidates)
    weight = {g: math.log(1 + n / count) for g, count in df.items()}
    floor = math.log(1 + n) if n else 1.0
    return [_link(_ngrams(s), grams, weight, floor, max_sources, min_score) for s in sentences]


def attribute(
    english_abstract: str,
    arabic_abstract: str,
    source_sentences: Sequence[str],
    translations: Sequence[str],
    *,
    strategy: Literal["translate", "direct"] = "translate",
    max_sources: int = 3,
    min_score: float = 0.15,
) -> tuple[Attribution, ...]:
    """Trace every sentence of both abstracts to the source sentences it draws on.

    Args:
        english_abstract: The English abstract.
        arabic_abstract: The Arabic abstract ("" when there is none).
        source_sentences: The source sentences, in order.
        translations: Their English translations, same length and order.
        strategy: How the Arabic abstract was written: ``"translate"`` (from
            the English abstract, sentence by sentence) or ``"direct"``.
        max_sources: Most links per abstract sentence.
        min_score: Least share of a sentence's n-gram weight a link must add.

    Returns:
        One :class:`Attribution` per sentence: the English abstract's, then the Arabic one's.

    Raises:
        ValueError: If ``translations`` and ``source_sentences`` differ in
            length, or ``strategy``, ``max_sources`` or ``min_score`` is out of range.
    """
    if len(translations) != len(source_sentences):
        raise ValueError(
            f"{len(translations)} translations for {len(source_sentences)} source sentences; they must pair up"
        )
    if strategy not in ("translate", "direct"):
        raise ValueError(f"strategy must be 'translate' or 'direct', not {strategy!r}")
    options = {"max_sources": max_sources, "min_score": min_score}
    english = split_sentences(english_abstract)
    arabic = split_sentences(arabic_abstract)
    linked = link_sentences(english, translations, **options)
    result = [Attribution("en", j, s, links, cover) for j, (s, (links, cover)) in enumerate(zip(english, linked))]
    if strategy == "translate" and len(arabic) == len(english):
        result += [Attribution("ar", j, s, result[j].sources, result[j].coverage, True) for j, s in enumerate(arabic)]
    else:
        linked = link_sentences(arabic, source_sentences, **options)
        result += [Attribution("ar", j, s, links, cover) for j, (s, (links, cover)) in enumerate(zip(arabic, linked))]
    return tuple(result)
