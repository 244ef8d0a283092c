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
  not ``general``, nor ``Stateside`` ``states``), or a short or derived form of
  a source name (:mod:`summarizer.faithfulness.short_forms`: ``WWII`` ~
  ``World War II``, ``Alex`` ~ ``Alexander``, ``Iranian`` ~ ``Iran``).
* Arabic script, which has no capitals: a candidate is any word of three or
  more letters after normalisation (:func:`summarizer.faithfulness.wordforms.normalize_arabic`)
  that is not a function word or common verb
  (:data:`summarizer.faithfulness.stopwords.ARABIC_FUNCTION_WORDS`), a number word, a month
  or a weekday. It is supported when one of its forms with clitic prefixes and
  common suffixes stripped (:func:`summarizer.faithfulness.wordforms.arabic_variants`),
  other than a function word, is a form of a source word.

An unsupported candidate is then judged (offline word lists, see
:mod:`summarizer.faithfulness.lexicon`): dropped when it is no name, kept as
*unsure* (``NameMention.confident`` False: reported, not underlined) when it
may be an ordinary word, else a confident mark.

* Arabic: dropped when its consonant skeleton (:func:`arabic_skeleton`, four
  consonants or more) is a source word's (``دبلوماسيا`` ~ ``ديبلوماسيا``), when
  it is a dialect function word
  (:data:`summarizer.faithfulness.stopwords.ARABIC_DIALECT_WORDS`: ``اللي``,
  ``عشان``) or a very frequent word (wordfreq Zipf >= 5, ``منها``, ``الحكومة``)
  that no place list names. Confident when CLDR names it (``باريس``,
  ``السعودية``). Unsure when it shares a three-consonant skeleton with a source
  word, before any ending is cut (``فوولز`` ~ ``فولز``; not ``باتريك`` ~ ``بتر``),
  is an ordinary word by wordfreq's inflections
  (:func:`summarizer.faithfulness.inflections.is_inflected_arabic_word`: ``سيارته``,
  ``تمتلك``, ``بيشتغل``), carries the article without holding on to it as a
  name does (:func:`summarizer.faithfulness.inflections.is_article_bound`:
  ``الفكرية`` is unsure, ``الدنمارك`` confident), is a dictionary lemma (the
  optional arramooz, with pronoun, plural and feminine endings cut; verbs in
  past, present and derived forms: ``الطبيب``, ``حيازة``), or shares an ISRI
  root with a source word (``اتهمت`` ~ ``المتهم``). Anything else (a rare word,
  a foreign name such as ``بيرزوفسكي``) is confident. A very frequent word right before another
  unsupported word starts its span (``محمد صلاح``).
* English: opening a sentence (after ``. ! ? : "``, or in a title-case
  headline) or in capitals (four letters or more), a word that dictionaries
  write in lowercase is no name (``Suddenly``, ``Believed``, ``CLICK``);
  another frequent word opening a sentence is unsure (``Midfielder``, but also
  ``Obama``); anything else is confident.

* Both scripts: a word that would be unsure or dropped is a confident mark
  when it stands inside a span copied from the source, in the slot of a
  source word that is a name (:func:`summarizer.faithfulness.swaps.copied_slot`;
  ``وصل وليد إلى المطار`` against ``وصل كريستوفر إلى المطار``): an entity swap.
  The source word must be a sure name judged alone, or an unsure one (a
  dictionary word, a word with the article) beside a sure name, or one whose
  form without the article is a sure name, or the abstract's word must be a
  sure name alone; a respelling (shared skeleton) or a one-letter typo of the
  source word is no swap. A synonym of an ordinary word is no swap either
  (``الباص`` for ``الحافلة``) as long as the dictionary or wordfreq's
  inflections know the source word; without the dictionary a source word with
  the article that is very frequent (``المرء``) is a name only when CLDR
  names it.

Next unsupported candidates form one span (``John Smith``); an unsure English
word beside a confident one joins it, Arabic words join only words of the
same verdict. Limits: a paraphrase (``Chinese`` for ``China``) may be
flagged; a name that is also a dictionary word (``صلاح``, ``وليد``) or a
frequent first name opening an English sentence is only unsure unless it
replaces a source name in a copied span; a synonym in a copied span for a
source word the dictionary lacks is marked (``كراج`` for ``مرآب``); a foreign
name spelled with other consonants (``Qaddafi``/``Gaddafi`` with ق/ق) is
flagged unless the skeletons meet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .dates import is_calendar_word
from .lexicon import (
    arabic_root,
    arabic_zipf,
    english_zipf,
    has_arabic_dictionary,
    is_arabic_lemma,
    is_arabic_verb,
    is_english_common_word,
    is_known_arabic_name,
)
from .inflections import is_article_bound, is_inflected_arabic_word
from .number_words import spelled
from .short_forms import demonym_bases, name_prefixes, source_initials
from .swaps import Slot, WordSequence, copied_slot, word_sequence
from .stopwords import ARABIC_DIALECT_WORDS, ARABIC_FUNCTION_WORDS, ENGLISH_CAPITALISED_COMMON
from .wordforms import Prepared, Token, arabic_variants, english_stem, normalize_arabic, surface_variants

__all__ = ["NameMention", "WordIndex", "arabic_skeleton", "index_words", "unsupported_names"]

_PREFIX, _SLACK = 5, 2
# Zipf frequencies (wordfreq): a word seen more than ~60 times per million
# words is ordinary unless a place list names it; one seen more than ~3 times
# per million may be a name or an ordinary word, so it is only "unsure".
ARABIC_COMMON_ZIPF, UNSURE_ZIPF = 5.0, 3.5
# Opening a sentence, a capital says nothing: after these marks a word starts one.
_OPENERS = frozenset('.!?:"“«•*|')
_SKELETON = str.maketrans({"ا": None, "و": None, "ي": None, "ء": None, "ق": "ك", "ج": "ك", "غ": "ك", "ث": "ت", "ذ": "د", "ظ": "ض"})


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
    skeletons: frozenset[str] = frozenset()
    roots: frozenset[str] = frozenset()
    sequence: WordSequence = WordSequence()
    initials: frozenset[str] = frozenset()
    name_prefixes: frozenset[str] = frozenset()


@dataclass(frozen=True)
class NameMention:
    """A span of one or more unsupported name-like words.

    Attributes:
        text: The span as written in the original text.
        start: Offset of its first token in the prepared text.
        end: Offset just after its last token in the prepared text.
        tokens: Indices of the tokens it spans.
        confident: False when a word of the span may be an ordinary word
            (a frequent word, a word with the article, a word sharing a root
            with a source word, a capitalised dictionary word opening a sentence).
    """

    text: str
    start: int
    end: int
    tokens: range
    confident: bool = True


_DIACRITICS = frozenset(chr(c) for c in [*range(0x064B, 0x0653), 0x0670, 0x0640])
_ARABIC_LETTER = re.compile(r"[\u0620-\u064a\u066e-\u06d3]")


def _is_arabic_word(word: str) -> bool:
    return _ARABIC_LETTER.search(word) is not None


@lru_cache(maxsize=1 << 16)
def arabic_skeleton(form: str) -> str:
    """The consonants of a folded Arabic word form, to match spellings of one transliterated name.

    Long vowels and hamza seats go, doubled letters become one, and the
    letters that write a foreign g or a dialect's sound for a classical one
    fold together (ق ج غ -> ك, ث -> ت, ذ -> د, ظ -> ض): ``فوولز`` = ``فولز``,
    ``دبلوماسيا`` = ``ديبلوماسيا``, ``التانية`` = ``الثانية``.
    """
    letters = form.translate(_SKELETON)
    return "".join(c for i, c in enumerate(letters) if i == 0 or c != letters[i - 1])


def _skeletons(forms: frozenset[str]) -> frozenset[str]:
    # Two consonants match too many other words; a skeleton keeps three, of a form of four letters or more.
    return frozenset(k for f in forms if len(f) >= 4 and len(k := arabic_skeleton(f)) >= 3)


def _skeleton_match(forms: frozenset[str], index: WordIndex) -> int:
    """The length of the longest skeleton that ``forms`` share with the source, 0 for none."""
    return max((len(k) for k in _skeletons(forms) & index.skeletons), default=0)


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
    skeletons = _skeletons(frozenset(arabic))
    roots = frozenset(arabic_root(w) for w in arabic)
    return WordIndex(
        frozenset(latin), stems, prefixes, frozenset(arabic), skeletons, roots, word_sequence(tokens),
        source_initials(tokens), name_prefixes(tokens),
    )


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


_FREQUENT = "frequent"


@lru_cache(maxsize=1 << 16)
def _name_forms(word: str) -> frozenset[str]:
    """The folded word without a clitic or the article (no endings cut), each of four letters or more.

    A place name takes prefixes (ولندن, بباريس), rarely endings; cutting
    more turns ordinary words into places (كمان -> مان, منها -> منه).
    """
    norm = normalize_arabic(word)
    forms = {norm}
    if norm[:1] in "وفبلك":
        forms.add(norm[1:])
    for form in list(forms):
        if form.startswith(("ال", "لل")):
            forms.add(form[2:])
    return frozenset(f for f in forms if len(f) >= 4 or f == norm)


def _arabic_verdict(word: str, forms: frozenset[str], index: WordIndex) -> bool | str | None:
    """For an Arabic word whose forms the source lacks: None when it is no name
    (a spelling of a source word, or an ordinary word), else whether a mark is confident.
    ``"frequent"`` for a very frequent word: no name alone, but the first name
    before a sure one (محمد صلاح)."""
    shared = _skeleton_match(forms, index)
    if shared >= 4:
        return None  # another spelling of a source word: دبلوماسيا ~ ديبلوماسيا
    if shared and not _skeleton_match(_name_forms(word), index):
        shared = 0  # three consonants shared only once an ending is cut: باتريك ~ بتر is no respelling
    if any(is_known_arabic_name(f) for f in _name_forms(word)):
        return True
    surface = surface_variants(word)
    zipf = max(arabic_zipf(f) for f in surface if len(f) >= 3)
    if zipf >= ARABIC_COMMON_ZIPF:
        return _FREQUENT  # an ordinary word, in one of its forms (منها, كتيرة ~ كتير), or a common name (محمد)
    if normalize_arabic(word) in ARABIC_DIALECT_WORDS or any(f in ARABIC_DIALECT_WORDS for f in forms):
        return None
    plain = "".join(c for c in word if c not in _DIACRITICS)
    # The article makes a common noun or adjective (names with it, الدنمارك, are few);
    # after ب ف ك it is too often a name's first letters (بالترو, كاليفورنيا).
    # Without the dictionary, wordfreq tells an ordinary word (inflected: سيارته, بيشتغل) from a name, and
    # an adjective with the article (الكبيرة) from a name that keeps it (الدنمارك, الناتو).
    bound = is_article_bound(word)
    dictionary = any(is_arabic_lemma(f) for f in _lemma_forms(word)) or _is_verb_form(word)
    dictionary = dictionary or (not bound and is_inflected_arabic_word(word))
    article = plain.startswith(("ال", "لل", "وال")) and (has_arabic_dictionary() or dictionary or not bound)
    if shared or article or dictionary or any(arabic_root(f) in index.roots for f in forms):
        # three shared consonants (فوولز ~ فولز), a dictionary word, or a form of a source word:
        return False  # as likely another spelling or an ordinary word as a name
    return True


# Cutting ``ي`` or ``ا`` off a name (``جيري``, ``كندا``) too often leaves a
# dictionary word: dictionary look-ups cut pronoun and plural endings only.
_LEMMA_SUFFIXES = ("هما", "هم", "هن", "كم", "كن", "وها", "وه", "ها", "نا", "ات", "ون", "ين", "وا", "ه", "ك", "ة", "ا")


def _lemma_forms(word: str) -> frozenset[str]:
    return surface_variants(word, _LEMMA_SUFFIXES)


def _is_verb_form(word: str) -> bool:
    """A past verb with ``ت`` (اندلعت, كشفت), or a present one (يضم, يرأسها), whose lemma the dictionary holds."""
    forms = surface_variants(word, _LEMMA_SUFFIXES)
    past = {f[:-1] for f in forms if f.endswith("ت") and len(f) >= 4}
    stems = {f[1:] for f in forms if f[:1] in "يتن" and len(f) >= 4}
    present = set(stems)
    present |= {f[:-1] + "ا" for f in stems if f.endswith("ى")}  # يدعى -> دعا
    present |= {f[:-1] + "ي" for f in stems if f.endswith("ى")}  # يبقى -> بقي
    present |= {f[:-1] + "ى" for f in stems if f.endswith("ي")}  # نسمي -> سمى
    present |= {"ا" + f for f in stems if len(f) >= 4}  # تمتلك -> امتلك
    present |= {"أ" + f[:-1] + "ى" for f in stems if f.endswith("ي")}  # يعطي -> أعطى
    return any(is_arabic_verb(f) for f in past | present)


def _english_verdict(word: str, opening: bool, headline: bool = False) -> bool | None:
    """For an unsupported capitalised English word: None when it is no name, else whether a mark is confident.

    ``opening``: the word opens a sentence; ``headline``: it is inside a
    title-case line, where a dictionary word may still be a name ("Smith Wins").
    """
    shouting = word.isupper() and len(word) >= 4  # "CLICK HERE", a heading; not "US", "WHO"
    if (opening or shouting or headline) and is_english_common_word(word):
        return False if headline and not opening else None  # "Suddenly", "Believed" opening a sentence
    if (opening or headline) and english_zipf(word) >= UNSURE_ZIPF:
        return False  # "Midfielder" or "Obama": no dictionary says which
    return True


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
    if sum(c.isupper() for c in word) >= 2 and base.replace(".", "") in index.initials:
        return True  # WWII ~ World War II
    if not word.isupper() and base in index.name_prefixes:
        return True  # Alex ~ Alexander
    if any(f in index.latin for f in demonym_bases(base)):
        return True  # Iranian ~ Iran, Chinese ~ China, Italian ~ Italy
    if len(base) >= _PREFIX and base in index.prefixes:
        return True  # Egypt ~ Egyptian
    shared = max(_PREFIX, len(base) - _SLACK)
    return len(base) > shared and base[:shared] in index.prefixes  # American ~ America


def _one_edit(a: str, b: str) -> bool:
    """Whether two words differ by one letter changed, added or dropped (nltk's Levenshtein distance)."""
    from nltk.metrics.distance import edit_distance

    return abs(len(a) - len(b)) <= 1 and a != b and edit_distance(a, b) == 1


_NOTHING = WordIndex(frozenset(), frozenset(), frozenset(), frozenset())


def _sure_arabic_name(word: str) -> bool:
    """Whether an Arabic word, judged alone, is a confident name (جانكيل, باريس)."""
    candidate = _candidate(word) if _is_arabic_word(word) else None
    return candidate is not None and _arabic_verdict(word, candidate[1], _NOTHING) is True


def _swapped_name(word: str, found: Slot) -> bool:
    """Whether ``slot``, the source word that abstract word ``word`` stands for in a copied span,
    is a name, and ``word`` not another spelling of it."""
    slot = found.word
    candidate = _candidate(slot)
    if candidate is None:
        return False
    if _is_arabic_word(slot):
        if not _is_arabic_word(word) or _skeletons(arabic_variants(word)) & _skeletons(arabic_variants(slot)):
            return False  # a respelling: فوولز for فولز
        if _one_edit(normalize_arabic(word), normalize_arabic(slot)):
            return False  # a typo: معاعدة for معاهدة
        verdict = _arabic_verdict(slot, candidate[1], _NOTHING)
        if verdict is True and not has_arabic_dictionary() and normalize_arabic(slot).startswith("ال"):
            # wordfreq alone tells a name with the article (الدنمارك, الناتو) from a frequent set phrase
            # (المرء: once in 20,000 words or more) only by CLDR
            frequent = arabic_zipf(slot) >= UNSURE_ZIPF + 1
            verdict = not frequent or any(is_known_arabic_name(f) for f in _name_forms(slot))
        if verdict is False:
            # A dictionary word or one with the article is a name when a sure name stands beside it, when
            # the abstract's word is one, or when it is one without the article (الأمازون).
            bare = [slot[2:]] if normalize_arabic(slot).startswith("ال") and len(slot) >= 6 else []
            return any(_sure_arabic_name(n) for n in (*found.neighbours, word, *bare))
        return verdict is True
    return _english_verdict(slot, opening=False) is True


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
    sure: list[bool] = []
    last = frequent = -2
    latin = [t.text for t in tokens if t.kind == "word" and not _is_arabic_word(t.text)]
    title_case = len(latin) >= 3 and sum(w[0].isupper() for w in latin) > len(latin) / 2  # a headline
    sequence = word_sequence(tokens)
    position = {t: p for p, t in enumerate(sequence.tokens)}
    for i, token in enumerate(tokens):
        if token.kind != "word" or i in skip:
            continue
        if _candidate_supported(token.text, index) is not False:
            continue
        if _is_arabic_word(token.text):
            verdict = _arabic_verdict(token.text, _candidate(token.text)[1], index)
        else:
            opening = i == 0 or tokens[i - 1].text in _OPENERS
            verdict = _english_verdict(token.text, opening, title_case)
        if verdict is not True and (slot := copied_slot(sequence, position[i], index.sequence)) is not None:
            if _swapped_name(token.text, slot):
                verdict = True  # a name of the source swapped for this word inside a copied span
        if verdict == _FREQUENT:
            frequent = i
            continue
        if verdict is None:
            continue
        if frequent == i - 1 and last != i - 1:
            spans.append([i - 1])
            sure.append(verdict)
            last = i - 1
        glued = last == i - 2 and tokens[i - 1].text == "-"
        # "Mohamed Salah": a sure English name makes the unsure capitalised word beside it part of one;
        # in Arabic, where every content word is a candidate, only words of one verdict join.
        if spans and (last == i - 1 or glued) and (sure[-1] == verdict or not _is_arabic_word(token.text)):
            spans[-1].append(i)
            sure[-1] = sure[-1] or verdict
        else:
            spans.append([i])
            sure.append(verdict)
        last = i
    mentions = []
    for span, confident in zip(spans, sure):
        start, end = tokens[span[0]].start, tokens[span[-1]].end
        mentions.append(NameMention(prepared.quote(start, end), start, end, range(span[0], span[-1] + 1), confident))
    return mentions
