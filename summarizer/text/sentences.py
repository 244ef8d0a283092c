"""Split text into paragraphs, then paragraphs into sentences.

Rules, not a model. A blank line ends a paragraph; a line break ends a sentence
(pasted headlines carry no punctuation). Inside a line a sentence ends at a run
of ``. ! ? ؟ … ۔`` followed by whitespace, closing quotes and brackets
included, unless a lowercase Latin word follows (``e.g. the``). A lone ``.``
does not end one after an Arabic single letter (``د.``), a Latin initial
before a name (``J. K. Rowling``), a spelled letter in a chain (``دي. كي.``) or
between two names (``جون إف. كينيدي``, unless the next word opens a sentence:
``و``/``ف``, ``ال``, a particle, a first-person verb),
a dotted abbreviation (``U.S.``), a title (``Dr.``) or a list number opening
the line (``1.``); after an era (``2020م.``, ``500 ق.م.``) it does, unless
``حتى``/``إلى`` follow. Decimals, URLs and e-mails have no space after their
dots, so never split; an Arabic word glued to the next by a terminator
(``الجمعة.وقال``) is split. Only whitespace between sentences is ever dropped. The Arabic semicolon
``؛``, like ``;``, joins clauses of one sentence and never ends one (the
chunker may still cut an over-long sentence there).

It does not clean text (see ``summarizer.text.clean``), detect languages, or cut
sentences to a token budget. Known misses: a spelled initial before a name
that opens like a sentence (``روي في. واد``) splits; ``Plan B. The`` and a
spelled letter ending a sentence before a name (``فيتامين دي. كينيدي قال``) do not. Time is linear.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["split_paragraphs", "split_sentences"]

_CLOSERS = "\"'”’»›)]}“‘"
_OPENERS = "\"'“‘«‹([{”’"
# One run of terminators and closers; matching it never backtracks.
_RUN = re.compile(r"[.!?؟…۔][.!?؟…۔\"'”’»›)\]}“‘]*")
# "۔" (U+06D4) is the full stop of Urdu, and of Arabic typed on an Urdu keyboard.
_STRONG = frozenset("!?؟…۔")
_DIGITS = re.compile(r"[0-9٠-٩۰-۹]+")
_NUMBER_WITH_ERA = re.compile(r"[0-9٠-٩۰-۹]+(?:م|هـ|ه)")
_DOTTED = re.compile(r"(?:[^\W\d_]{1,2}\.)+[^\W\d_]{1,2}")
_WINDOW = 64  # longest token looked at; keeps each decision O(1)

_TITLES = frozenset(
    "Dr Mr Mrs Ms Prof St Jr Sr Gen Gov Sen Rep Lt Col Capt Sgt Mt Ft "
    "vs cf ca approx Fig fig Vol vol pp Nos".split()
)
_ERAS = frozenset({"م", "هـ", "ه", "ق.م", "ب.م"})
_ERA_CONTINUATIONS = frozenset({"حتى", "إلى", "الى", "تقريبا", "تقريباً", "و"})
# Latin letters spelled in Arabic, as in "دي. كي. أريا" (D. K. Arya).
_LETTER_NAMES = frozenset(
    "إيه أي اي آي إي بي سي دي إف اف جي جاي إتش اتش إل ال كي كيو إم ام إن ان "
    "أو او آر ار إس اس تي يو في دبليو إكس اكس واي زد".split()
)

# How an Arabic sentence opens but a name after an initial does not: "و"/"ف" + word,
# "ال", a particle or pronoun, or a first-person verb (أشعر, أعتقد: "أ" + 3-4 letters).
_SENTENCE_OPENERS = ("و", "ف", "ال")
_OPENING_WORDS = frozenset(
    "إن أن لقد قد كما ثم لكن هذا هذه ذلك تلك في من على عن مع إلى أنا نحن هو هي هم لم لن لا ما "
    "كان كانت قال قالت إذا لذا بل حيث بعد قبل".split()
)


def split_paragraphs(text: str) -> list[str]:
    """Split text at blank lines.

    Args:
        text: Any text; every kind of line break is accepted.

    Returns:
        The paragraphs, stripped, with their inner line breaks as ``"\\n"``;
        no empty strings.

    Raises:
        TypeError: If ``text`` is not a ``str``.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    paragraphs: list[str] = []
    lines: list[str] = []
    for line in text.splitlines():
        if line.strip():
            lines.append(line)
        elif lines:
            paragraphs.append("\n".join(lines).strip())
            lines = []
    if lines:
        paragraphs.append("\n".join(lines).strip())
    return paragraphs


def split_sentences(text: str) -> list[str]:
    """Split text into sentences, paragraph by paragraph.

    Args:
        text: Arabic, English or mixed text.

    Returns:
        The sentences in order, stripped and non-empty. Joined, they hold every
        non-space character of ``text`` in order. A piece with no letter or
        digit (a lone ``"***"``) is joined to its neighbour in the paragraph.

    Raises:
        TypeError: If ``text`` is not a ``str``.
    """
    sentences: list[str] = []
    for paragraph in split_paragraphs(text):
        pieces: list[str] = []
        for line in paragraph.split("\n"):
            pieces.extend(_split_line(line))
        sentences.extend(_merge_symbol_only(pieces))
    return sentences


def _split_line(line: str) -> list[str]:
    pieces: list[str] = []
    start = 0
    for match in _RUN.finditer(line):
        end = match.end()
        if end < len(line) and _is_break(line, start, match.start(), end):
            pieces.append(line[start:end].strip())
            start = end
    pieces.append(line[start:].strip())
    return [piece for piece in pieces if piece]


def _is_break(line: str, start: int, dot: int, end: int) -> bool:
    """Whether the terminator run ``line[dot:end]`` ends the sentence begun at ``start``."""
    run = line[dot:end]
    closed = any(c in _CLOSERS for c in run)
    if not line[end].isspace() and (closed or not _glued_arabic(line, dot, end)):
        return False
    after = _token_after(line, end)
    nxt = after.lstrip(_OPENERS)[:1]
    if nxt.islower():  # "e.g. the", '"Really?" she said'
        return False
    if closed or run.count(".") > 1 or any(c in _STRONG for c in run):
        return True
    token, token_start = _token_before(line, start, dot)
    word = _normalize(token)
    at_start = _skip_back(line, token_start, " " + _OPENERS) <= start
    raw_prev = _token_before(line, 0, _skip_back(line, token_start, ""))[0]
    prev = _normalize(raw_prev)
    if not word:
        return True
    if _DIGITS.fullmatch(word):
        return not (at_start and len(word) <= 3)  # "1. " opens a list item
    if _NUMBER_WITH_ERA.fullmatch(word) or (word in _ERAS and _DIGITS.fullmatch(prev)):
        return after not in _ERA_CONTINUATIONS and not nxt.isdigit()
    if len(word) == 1 and word.isalpha():
        if _is_arabic(word) or at_start:
            return False
        chained = _is_initial(raw_prev) or _is_initial(after)
        return not (chained or nxt.isupper())
    if word in _LETTER_NAMES:
        return not (_is_initial(raw_prev) or _is_initial(after) or _inside_name(prev, after))
    if word in _TITLES or (word == "No" and nxt.isdigit()):
        return False
    return not _DOTTED.fullmatch(word)


def _token_before(line: str, lo: int, pos: int) -> tuple[str, int]:
    i = pos
    stop = max(lo, pos - _WINDOW)
    while i > stop and not line[i - 1].isspace():
        i -= 1
    return line[i:pos], i


def _skip_back(line: str, pos: int, chars: str) -> int:
    """Move ``pos`` back over whitespace and ``chars``, at most ``_WINDOW`` places."""
    stop = max(0, pos - _WINDOW)
    while pos > stop and (line[pos - 1].isspace() or line[pos - 1] in chars):
        pos -= 1
    return pos


def _token_after(line: str, pos: int) -> str:
    stop = min(len(line), pos + _WINDOW)
    while pos < stop and line[pos].isspace():
        pos += 1
    end = pos
    stop = min(len(line), pos + _WINDOW)
    while end < stop and not line[end].isspace():
        end += 1
    return line[pos:end]


def _normalize(token: str) -> str:
    """Drop quotes, brackets, tatweel and diacritics around a token."""
    token = token.strip(_OPENERS + _CLOSERS).replace("\u0640", "")
    return "".join(c for c in token if not unicodedata.combining(c))


def _is_initial(token: str) -> bool:
    """Whether ``token`` is a dotted initial such as ``K.`` or ``كي.``."""
    if not token.endswith("."):
        return False
    body = _normalize(token[:-1])
    return (len(body) == 1 and body.isalpha()) or body in _LETTER_NAMES


def _inside_name(prev: str, after: str) -> bool:
    """Whether a spelled letter between ``prev`` and ``after`` is a middle initial (``جون إف. كينيدي``).

    It is when a name stands on each side: an Arabic word before that is not a
    spelled letter itself (after one, the letters spell an acronym that may end
    the sentence: ``أي تي في.``), and an Arabic word after that does not open a
    sentence the way Arabic sentences open (``و``/``ف`` conjunction, ``ال``, a
    particle or pronoun, a first-person verb such as ``أشعر``).
    """
    after = _normalize(after)
    return (len(prev) > 1 and _is_arabic(prev) and prev not in _LETTER_NAMES
            and len(after) > 1 and _is_arabic(after) and not after.startswith(_SENTENCE_OPENERS)
            and after not in _OPENING_WORDS and not (after[0] == "أ" and len(after) in (4, 5)))


def _is_arabic(text: str) -> bool:
    return all("\u0600" <= c <= "\u06ff" or "\u0750" <= c <= "\u077f" for c in text)


def _glued_arabic(line: str, dot: int, end: int) -> bool:
    """Whether Arabic words of 3+ letters touch the run on both sides."""
    before, after = line[max(0, dot - 3) : dot], line[end : end + 3]
    return all(
        len(part) == 3 and part.isalpha() and _is_arabic(part) for part in (before, after)
    ) and _normalize(_token_before(line, 0, dot)[0]) not in _LETTER_NAMES


def _merge_symbol_only(pieces: list[str]) -> list[str]:
    """Join pieces without a letter or digit (``"***"``) to a neighbour."""
    groups: list[list[str]] = []
    last_has_alnum = False
    for piece in pieces:
        has_alnum = any(c.isalnum() for c in piece)
        if groups and not (has_alnum and last_has_alnum):
            groups[-1].append(piece)
            last_has_alnum = last_has_alnum or has_alnum
        else:
            groups.append([piece])
            last_has_alnum = has_alnum
    return [" ".join(group) for group in groups]
