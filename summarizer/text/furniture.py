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
   lines (subheadings, captions, a quote) stand between them, stretched to
   every other run of at least :data:`MIN_RUN_LINES` prose lines and
   :data:`MIN_RUN_SHARE` of its words (an article split by a table), together with
   the lines that end a sentence right before or after it (a short closing
   paragraph). Everything in it is kept, but for rule 5.
3. **Around the body**, on a side that has at least :data:`MIN_SIDE_LINES`
   non-blank lines (a paste of a page, not a headline over an article), a
   line is dropped unless it ends a sentence and either has at least
   :data:`MIN_SENTENCE_WORDS` words or stands within :data:`MAX_GAP_LINES`
   lines of the body: menus, titles (teaser questions in far lists too),
   bylines, dates, labels, "Give us feedback." go; sentences stay, in case
   they are the article's: when unsure, keep. A copyright line ("©") there
   goes whatever its length.
4. **Repeats.** A line of at least three words that already appeared is
   dropped (titles listed twice, a headline over the body), unless it is a
   sentence in the body (a pull quote repeats the article's own words).
5. **Link lists in the body.** After a heading of a list of other articles
   (:data:`LIST_HEADINGS`: "Read also", "More:", "مقالات ذات صلة"...), the
   lines that follow up to the next line that ends a sentence are dropped
   with the heading, when each is short (at most :data:`MAX_TITLE_WORDS`
   words) and does not end a sentence.

Inside the body it drops only link lists (rule 5) and repeated titles; around
it, every sentence of ten words or more stays, and shorter ones next to it; a
text without prose lines loses only its repeated lines. It knows nothing of
HTML (pages are read by :mod:`summarizer.text.extract`) or of widget labels
(see :mod:`summarizer.text.boilerplate`, whose lines :mod:`summarizer.text.clean`
drops as well).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from .boilerplate import match_key

#: A line ending a sentence is prose from this many words on.
MIN_SENTENCE_WORDS = 10
#: A line is prose from this many words on, however it ends.
MIN_PROSE_WORDS = 25
#: At most this many other lines between two prose lines of one body.
MAX_GAP_LINES = 8
#: A second run of prose lines is the article's too when it has this many
#: lines and this share of the longest run's words.
MIN_RUN_LINES = 3
MIN_RUN_SHARE = 0.2
#: Lines around the body are furniture only on a side with this many lines.
MIN_SIDE_LINES = 6
#: Repeated lines of at least this many words are dropped after their first time.
MIN_REPEAT_WORDS = 3

#: The rules of the module docstring that :func:`find_page_furniture` can apply
#: (rules 1 and 2 find the body that they work around).
RULES = ("around the body", "repeats", "link lists")

#: Titles in a list of other articles have at most this many words.
MAX_TITLE_WORDS = 16

#: Headings of lists of links to other articles (compared after
#: :func:`summarizer.text.boilerplate.match_key`).
LIST_HEADINGS: tuple[str, ...] = (
    "اقرأ أيضا", "اقرأ ايضا", "إقرأ أيضا", "اقرأ المزيد", "شاهد أيضا", "طالع أيضا", "المزيد",
    "مقالات ذات صلة", "مواضيع ذات صلة", "أخبار ذات صلة", "أخبار متعلقة", "مقالات متعلقة",
    "قد يعجبك أيضا", "قد يهمك أيضا", "الأكثر قراءة", "الأكثر مشاهدة", "آخر الأخبار",
    "read also", "also read", "read more", "see also", "more", "more stories", "more on this story",
    "related", "related articles", "related stories", "related news", "related posts",
    "you may also like", "you might also like", "most read", "most popular", "latest news",
)

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
    """Positions in ``filled`` of the body's first and last line (rule 2), or None without prose."""
    runs: list[list[int]] = []
    gap = 0
    for k, i in enumerate(filled):
        if not is_prose_line(lines[i]):
            gap += 1
            continue
        if runs and gap <= MAX_GAP_LINES:
            runs[-1].append(k)
        else:
            runs.append([k])
        gap = 0
    if not runs:
        return None
    words = [sum(len(lines[filled[k]].split()) for k in run) for run in runs]
    # Runs as big as a good part of the longest are the article's too (split
    # by a table or a block of links): when unsure, keep.
    big = [run for run, n in zip(runs, words)
           if n >= MIN_RUN_SHARE * max(words) and len(run) >= MIN_RUN_LINES]
    body = big or [runs[words.index(max(words))]]
    first, last = body[0][0], body[-1][-1]
    while first > 0 and ends_sentence(lines[filled[first - 1]]):
        first -= 1
    while last + 1 < len(filled) and ends_sentence(lines[filled[last + 1]]):
        last += 1
    return first, last


def _kept_around_the_body(line: str, near: bool) -> bool:
    """Whether a line outside the body stays (rule 3); ``near``: close to the body."""
    return ("©" not in line and ends_sentence(line)
            and (near or len(line.split()) >= MIN_SENTENCE_WORDS))


def _link_lists(lines: Sequence[str], filled: list[int]) -> set[int]:
    """Lines of rule 5: list headings and the titles under them."""
    drop: set[int] = set()
    k = 0
    while k < len(filled):
        if match_key(lines[filled[k]]) not in _LIST_KEYS:
            k += 1
            continue
        drop.add(filled[k])
        k += 1
        while (k < len(filled) and not ends_sentence(lines[filled[k]])
               and len(lines[filled[k]].split()) <= MAX_TITLE_WORDS):
            drop.add(filled[k])
            k += 1
    return drop


def _repeats(lines: Sequence[str], filled: list[int], inside: set[int]) -> set[int]:
    """Lines of rule 4: a line of three words or more said before, unless a sentence in the body."""
    drop: set[int] = set()
    seen: set[str] = set()
    for i in filled:
        key = " ".join(lines[i].split())
        # In the body, a sentence said twice (a pull quote) is the article's.
        if (key in seen and len(key.split()) >= MIN_REPEAT_WORDS
                and (i not in inside or not ends_sentence(key))):
            drop.add(i)
        seen.add(key)
    return drop


def _around_the_body(lines: Sequence[str], filled: list[int], first: int, last: int) -> set[int]:
    """Lines of rule 3: what stands before and after the body, on a long enough side."""
    drop: set[int] = set()
    for side, near in ((filled[:first], filled[max(0, first - MAX_GAP_LINES):first]),
                       (filled[last + 1:], filled[last + 1:last + 1 + MAX_GAP_LINES])):
        if len(side) >= MIN_SIDE_LINES:
            drop.update(i for i in side if not _kept_around_the_body(lines[i], i in near))
    return drop


def find_page_furniture(lines: Sequence[str], rules: Collection[str] = RULES) -> list[int]:
    """Indexes of the lines to drop, by the rules of the module docstring.

    Args:
        lines: The text's lines; blank lines are allowed and never dropped.
        rules: Which of :data:`RULES` to apply (all by default).

    Returns:
        Increasing indexes into ``lines``.
    """
    unknown = set(rules) - set(RULES)
    if unknown:
        raise ValueError(f"unknown furniture rule(s) {sorted(unknown)}; the rules are {list(RULES)}")
    filled = [i for i, line in enumerate(lines) if line.strip()]
    span = _body_span(lines, filled)
    first, last = span if span is not None else (0, len(filled) - 1)
    drop = _repeats(lines, filled, set(filled[first:last + 1])) if "repeats" in rules else set()
    if span is None:
        return sorted(drop)
    if "around the body" in rules:
        drop |= _around_the_body(lines, filled, first, last)
    if "link lists" in rules:
        drop |= _link_lists(lines, filled[first:last + 1])
    return sorted(drop)


_LIST_KEYS = frozenset(match_key(heading) for heading in LIST_HEADINGS)
