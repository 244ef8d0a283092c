"""Find the lines of web-page furniture in an article pasted from a browser.

A text copied from a news site often carries the page's widgets with it:
"related articles", "share on Facebook", "back to top", a copyright line and
the titles of other articles. This module finds such lines so that
:mod:`summarizer.text.clean` can drop them and report them.

Two rules, both on whole lines of already cleaned text:

1. **The curated list.** A line is a *widget line* when, after
   :func:`match_key` (Arabic letter variants folded, diacritics and punctuation
   dropped, Latin case folded, leading and trailing numbers such as comment
   counts dropped), it is one of :data:`WIDGET_PHRASES` or a run of them (for
   example "Share | Tweet | Print"), a label from :data:`LABELS` followed by a
   colon and an unpunctuated value ("Tags: a, b"), or a copyright line (see
   :func:`is_copyright_line`). A line that merely contains a phrase inside a
   sentence is not a widget line. Widget lines are dropped wherever they are.
2. **The trailing block.** Take the earliest widget line after the first
   non-widget line (the headline) such that every non-blank line after it is a
   widget line or has at most :data:`MAX_SHORT_WORDS` words. After it, the
   lines without terminal punctuation (``. ! ? ؟ … ۔``, closing quotes and
   brackets ignored) are dropped too: they are the titles listed under
   "related articles". Lines with terminal punctuation are kept, and so is
   everything before the widget line, so the headline (usually unpunctuated)
   always stays.

It does not look at HTML structure (``<nav>``, ``<aside>``), it does not drop
titles listed under a widget heading in the middle of the text, and it knows
only Arabic and English labels.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

#: Lines of at most this many words, without terminal punctuation, may be
#: dropped by the trailing-block rule; longer lines are never widget lines.
MAX_SHORT_WORDS = 12

#: "Label: value" widget lines (tag lists) may be this long.
MAX_LABELLED_WORDS = 2 * MAX_SHORT_WORDS

TERMINAL_PUNCTUATION = ".!?؟…۔"

# Written as a reader would spell them; match_key() folds alef/hamza forms,
# taa marbuta, alef maqsura, diacritics, punctuation and case on both sides.
WIDGET_PHRASES: tuple[str, ...] = (
    # Related articles and other lists of links to further articles.
    "مقالات ذات صلة", "مواضيع ذات صلة", "أخبار ذات صلة", "مقالات مشابهة",
    "مواضيع مشابهة", "أخبار متعلقة", "مقالات متعلقة", "قد يعجبك أيضا",
    "قد يهمك أيضا", "الأكثر قراءة", "الأكثر مشاهدة", "آخر الأخبار",
    "related", "related articles", "related posts", "related stories",
    "related news", "you may also like", "you might also like", "most read",
    "most popular", "latest news",
    # Read also / see also.
    "اقرأ أيضا", "اقرأ المزيد", "شاهد أيضا", "طالع أيضا", "المزيد",
    "read more", "read also", "also read", "see also", "more stories",
    # Share buttons, and the names of the networks they point to.
    "شارك", "مشاركة", "شارك المقال", "شارك الخبر", "شارك هذا المقال",
    "شارك على", "شارك عبر", "انشر", "نسخ الرابط", "share", "share this",
    "share this article", "share on", "share via", "tweet", "copy link",
    "فيسبوك", "فيس بوك", "تويتر", "واتساب", "واتس اب", "تيليجرام", "تلغرام",
    "تلجرام", "لينكدإن", "لينكد إن", "إنستغرام", "انستجرام", "يوتيوب",
    "تيك توك", "ماسنجر", "البريد الإلكتروني", "facebook", "twitter",
    "whatsapp", "telegram", "linkedin", "pinterest", "reddit", "email",
    "e-mail", "messenger", "instagram", "youtube", "tiktok",
    # Print.
    "طباعة", "اطبع", "print", "print this article",
    # Comments.
    "التعليقات", "تعليقات", "تعليق", "أضف تعليق", "أضف تعليقا", "اترك تعليقا",
    "اكتب تعليقك", "لا توجد تعليقات", "comments", "comment",
    "leave a comment", "add a comment", "no comments",
    # Copyright (see also is_copyright_line for lines with a year or a name).
    "جميع الحقوق محفوظة", "الحقوق محفوظة", "حقوق النشر محفوظة",
    "all rights reserved",
    # Back to top, skip to content.
    "زر الذهاب إلى الأعلى", "الذهاب إلى الأعلى", "العودة إلى الأعلى",
    "العودة للأعلى", "إلى الأعلى", "back to top", "scroll to top", "go to top",
    "skip to content", "تخطى إلى المحتوى", "انتقل إلى المحتوى",
    # Tags.
    "الوسوم", "وسوم", "الكلمات المفتاحية", "كلمات مفتاحية", "tags", "keywords",
    # Follow us.
    "تابعونا", "تابعنا", "تابعونا على", "تابعنا على", "follow us",
    "follow us on",
    # Advertising and newsletters.
    "إعلان", "إعلانات", "محتوى مدعوم", "advertisement", "sponsored",
    "اشترك", "اشترك الآن", "اشترك في النشرة", "اشترك في النشرة البريدية",
    "النشرة البريدية", "subscribe", "subscribe now", "newsletter",
    "subscribe to our newsletter", "sign up for our newsletter",
)

#: Widget labels that may be followed by a colon and a value on the same line.
LABELS: tuple[str, ...] = (
    "اقرأ أيضا", "شاهد أيضا", "طالع أيضا", "read also", "read more", "see also",
    "الوسوم", "وسوم", "الكلمات المفتاحية", "كلمات مفتاحية", "tags", "keywords",
    "شارك", "شارك على", "شارك عبر", "share", "share on", "share via",
    "share this", "تابعونا", "تابعونا على", "تابعنا على", "follow us",
    "follow us on", "مقالات ذات صلة", "related", "related articles",
)

_COPYRIGHT_PHRASES = ("جميع الحقوق محفوظة", "الحقوق محفوظة",
                      "حقوق النشر محفوظة", "حقوق الطبع والنشر محفوظة",
                      "all rights reserved")

_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي"})
_MARKS = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_NON_WORD = re.compile(r"[\W_]+")
_SEGMENTS = re.compile(r"[.|·•–—]|\s-\s")
_COPYRIGHT_YEAR = re.compile(r"^copyright \d{4}\b")
_CLOSERS = "\"')]}»›"


def match_key(line: str) -> str:
    """Fold a line into the form that widget phrases are compared in.

    Args:
        line: One line of cleaned text.

    Returns:
        Lower-case words separated by single spaces, without diacritics,
        punctuation, or numbers at either end; alef forms, taa marbuta and
        alef maqsura folded to ا, ه and ي.
    """
    folded = _MARKS.sub("", line).translate(_FOLD).casefold()
    words = _NON_WORD.sub(" ", folded).split()
    while words and words[0].isdecimal():
        words.pop(0)
    while words and words[-1].isdecimal():
        words.pop()
    return " ".join(words)


_PHRASE_KEYS = frozenset(match_key(p) for p in WIDGET_PHRASES)
_LABEL_KEYS = frozenset(match_key(p) for p in LABELS)
_COPYRIGHT_KEYS = tuple(match_key(p) for p in _COPYRIGHT_PHRASES)
_LONGEST_PHRASE = max(len(k.split()) for k in _PHRASE_KEYS)


def ends_with_terminal(line: str) -> bool:
    """Whether a line ends a sentence (closing quotes/brackets ignored)."""
    stripped = line.rstrip().rstrip(_CLOSERS + " ")
    return bool(stripped) and stripped[-1] in TERMINAL_PUNCTUATION


def _is_phrase_run(key: str) -> bool:
    """Whether ``key`` is one widget phrase or several in a row."""
    words = key.split()
    reachable = [True] + [False] * len(words)
    for end in range(1, len(words) + 1):
        for start in range(max(0, end - _LONGEST_PHRASE), end):
            if reachable[start] and " ".join(words[start:end]) in _PHRASE_KEYS:
                reachable[end] = True
                break
    return bool(words) and reachable[-1]


def is_copyright_line(line: str) -> bool:
    """Whether a short line is a copyright notice.

    True for a line of at most :data:`MAX_SHORT_WORDS` words that contains
    "©", starts with "Copyright" and a year, starts with a copyright phrase
    ("جميع الحقوق محفوظة لموقع ...") and has no terminal punctuation, or whose
    last segment after a "." or "|" is a copyright phrase ("Site 2024. All
    rights reserved."). "وقال إن جميع الحقوق محفوظة ..." is not one.
    """
    if len(line.split()) > MAX_SHORT_WORDS:
        return False
    key = match_key(line)
    if "©" in line or _COPYRIGHT_YEAR.match(key):
        return True
    if not ends_with_terminal(line) and any(
            key == p or key.startswith(p + " ") for p in _COPYRIGHT_KEYS):
        return True
    segments = [s for s in _SEGMENTS.split(line) if s.strip()]
    return len(segments) > 1 and match_key(segments[-1]) in _COPYRIGHT_KEYS


def is_widget_line(line: str) -> bool:
    """Whether a whole line is web-page furniture (rule 1 of the module doc).

    Args:
        line: One line of cleaned text.

    Returns:
        True for a listed phrase or a run of them, a "label: value" line, or
        a copyright line; False for anything else, including a sentence that
        contains a listed phrase.
    """
    n_words = len(line.split())
    if n_words == 0 or n_words > MAX_LABELLED_WORDS:
        return False
    label, colon, value = line.partition(":")
    if colon and match_key(label) in _LABEL_KEYS and not ends_with_terminal(value):
        return True
    if n_words > MAX_SHORT_WORDS:
        return False
    return _is_phrase_run(match_key(line)) or is_copyright_line(line)


def find_boilerplate(lines: Sequence[str], trailing_block: bool = True) -> list[int]:
    """Indexes of the lines to drop, by both rules of the module docstring.

    Args:
        lines: The text's lines; blank lines are allowed and never dropped.
        trailing_block: Apply rule 2 too (rule 1 alone when False).

    Returns:
        Increasing indexes into ``lines``.
    """
    filled = [i for i, line in enumerate(lines) if line.strip()]
    widget = {i for i in filled if is_widget_line(lines[i])}
    return sorted(widget | (_trailing_block(lines, filled, widget) if trailing_block else set()))


def _trailing_block(lines: Sequence[str], filled: list[int], widget: set[int]) -> set[int]:
    """Lines of rule 2: the unpunctuated lines after the widget line that opens a trailing block."""
    body = [i for i in filled if i not in widget]
    heading = None
    # Walk back over widget and short lines; the earliest widget line passed
    # after the first line of content (the headline) opens the trailing block.
    for i in reversed(filled):
        if body and i <= body[0]:
            break
        if i in widget:
            heading = i
        elif len(lines[i].split()) > MAX_SHORT_WORDS:
            break
    if heading is None:
        return set()
    return {i for i in filled if i > heading and not ends_with_terminal(lines[i])}
