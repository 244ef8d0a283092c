"""Find the page around an article pasted from a browser ("select all, copy, paste").

A paste of a whole news page is mostly not the article: menus (one word a
line), the headline and byline, lists of other articles' titles (often each
twice: image link and text link), footers. The article itself is a run of
paragraphs: long lines that end a sentence. This module finds that run and
the lines around it that are furniture, without any markup to go by, so that
:mod:`summarizer.text.clean` can drop them and report them.

Rules, on whole lines of cleaned text:

1. **Prose lines** (:func:`is_prose_line`) are lines of at least
   :data:`MIN_SENTENCE_WORDS` words that end a sentence (``. ! ? ؟ ۔``, not
   an ellipsis, which ends teaser titles), or of at least
   :data:`MIN_PROSE_WORDS` words whatever their end.
2. **The body** is the run of prose lines with the most words, where two prose
   lines belong to one run when at most :data:`MAX_GAP_LINES` other non-blank
   lines (subheadings, captions, a quote) stand between them. Everything from
   its first to its last line is kept.
3. **Around the body**, on a side that has at least :data:`MIN_SIDE_LINES`
   non-blank lines (a paste of a page, not a headline over an article), the
   lines that do not end a sentence are dropped: menus, titles, bylines,
   dates, labels. Lines that end a sentence are kept there too, in case they
   are the article's: when unsure, keep.
4. **Repeats.** A line of at least three words that already appeared is
   dropped wherever it is (titles listed twice, a headline over the body).

It never drops a line inside the body or a sentence outside it, it keeps a
text without prose lines whole, and it knows nothing of HTML (pages are read
by :mod:`summarizer.text.extract`) or of widget labels (see
:mod:`summarizer.text.boilerplate`).
"""

from __future__ import annotations

from collections.abc import Sequence

#: A line ending a sentence is prose from this many words on.
MIN_SENTENCE_WORDS = 10
#: A line is prose from this many words on, however it ends.
MIN_PROSE_WORDS = 25
#: At most this many other lines between two prose lines of one body.
MAX_GAP_LINES = 8
#: Lines around the body are furniture only on a side with this many lines.
MIN_SIDE_LINES = 6
#: Repeated lines of at least this many words are dropped after their first time.
MIN_REPEAT_WORDS = 3

SENTENCE_ENDS = ".!?؟۔"
_CLOSERS = "\"')]}»›"


def ends_sentence(line: str) -> bool:
    """Whether a line ends a sentence: ``. ! ? ؟ ۔`` last (closing quotes ignored), not ``...`` or ``…``."""
    stripped = line.rstrip().rstrip(_CLOSERS + " ")
    return bool(stripped) and stripped[-1] in SENTENCE_ENDS and not stripped.endswith("..")


def is_prose_line(line: str) -> bool:
    """Whether a line is article prose (rule 1 of the module doc)."""
    n_words = len(line.split())
    return n_words >= MIN_PROSE_WORDS or (n_words >= MIN_SENTENCE_WORDS and ends_sentence(line))


def _body_span(lines: Sequence[str], filled: list[int]) -> tuple[int, int] | None:
    """First and last index of the body (rule 2), or None without prose lines."""
    runs: list[list[int]] = []
    gap = 0
    for i in filled:
        if not is_prose_line(lines[i]):
            gap += 1
            continue
        if runs and gap <= MAX_GAP_LINES:
            runs[-1].append(i)
        else:
            runs.append([i])
        gap = 0
    if not runs:
        return None
    body = max(runs, key=lambda run: sum(len(lines[i].split()) for i in run))
    return body[0], body[-1]


def find_page_furniture(lines: Sequence[str]) -> list[int]:
    """Indexes of the lines to drop, by the rules of the module docstring.

    Args:
        lines: The text's lines; blank lines are allowed and never dropped.

    Returns:
        Increasing indexes into ``lines``.
    """
    filled = [i for i, line in enumerate(lines) if line.strip()]
    drop: set[int] = set()
    seen: set[str] = set()
    for i in filled:
        key = " ".join(lines[i].split())
        if key in seen and len(key.split()) >= MIN_REPEAT_WORDS:
            drop.add(i)
        seen.add(key)
    span = _body_span(lines, filled)
    if span is None:
        return sorted(drop)
    first, last = span
    for side in ([i for i in filled if i < first], [i for i in filled if i > last]):
        if len(side) >= MIN_SIDE_LINES:
            drop.update(i for i in side if not ends_sentence(lines[i]))
    return sorted(drop)
