"""Clean an Arabic article pasted from a web page before it is split and translated.

Steps, in order:

1. **Characters.** NFKC, which folds Arabic presentation forms (U+FB50–FDFF,
   U+FE70–FEFF) and ligatures (ﻻ → لا, ﷲ → الله) into base letters; it also
   turns full-width letters, superscripts and fractions into plain ones (² →
   2, ¼ → 1⁄4). Arabic-Indic (٠–٩, ۰–۹) and Western digits stay as written.
   Tatweel (U+0640) is removed; so are format characters (Unicode category
   Cf: zero-width spaces and joiners, bidi controls, BOM, soft hyphen, U+061C),
   control characters other than newline, surrogates and private-use
   characters (icon fonts). Curly quotes become ``"`` and ``'``; the
   guillemets « » stay, since they are the ordinary Arabic quotation marks
   and they keep the open/close distinction. Harakat are kept unless
   ``strip_diacritics`` is set (U+064B–U+065F, U+0670, U+06D6–U+06ED).
2. **Whitespace.** Any newline convention becomes ``\\n``; tabs and all
   Unicode spaces become one space; lines are stripped; more than one blank
   line becomes one; the text is stripped.
3. **HTML.** Whether the text is a whole HTML document is decided once,
   before cleaning (:class:`summarizer.text.inputs.Input`). A page has been
   read by :func:`summarizer.text.extract.read_page` (trafilatura's article,
   the page's visible lines, its metadata); steps 1 and 2 run on its article
   and on its visible lines, and the lines not in the article are reported as
   removed (comments are not the article: trafilatura leaves them out); only
   if the extractor found nothing is the whole page read as a pasted page
   instead, its menus then dropped by step 4. The article of a page is text,
   never parsed again (an embed code it quotes stays as written). A text that
   is a fragment of markup (see :func:`summarizer.text.html_text.looks_like_html`,
   asked once, after steps 1 and 2; a plain text that only mentions a tag is
   not one) is converted to text with a real parser: script/style and the
   like dropped, entities decoded, block elements turned into line and
   paragraph breaks; steps 1 and 2 then run on the result. Entities in a text
   without tags are left as written (``AT&amp;T`` may be meant literally).
   Markup that was escaped inside the markup (``&lt;p&gt;``) is decoded and
   then parsed too: parsing repeats while tags remain and the output still
   changes, which is what makes cleaning idempotent.
4. **Boilerplate.** Widget lines and the titles after a trailing widget
   heading (see :mod:`summarizer.text.boilerplate`), and the page furniture
   around the body of a pasted page (see :mod:`summarizer.text.furniture`),
   are dropped and listed in :attr:`CleanedText.removed_lines`. From the
   article trafilatura picked out of a page only the rules of
   :data:`EXTRACTED_PAGE_RULES` drop lines: on trafilatura's own evaluation
   pages the others removed more article than furniture there.

Cleaning is idempotent: cleaning a cleaned text changes nothing (for a whole
HTML page, cleaning its article again reads it as plain text, where all of
step 4 applies). It never
raises on odd Unicode and returns "" for an empty or blank text; deciding that
such a text is an error is the caller's job. It does not split sentences,
fix spelling, or normalise letter variants (أ/ا, ة/ه) in the text itself.
"""

from __future__ import annotations

import dataclasses
import logging
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from ..errors import InputError
from .boilerplate import find_boilerplate
from .extract import ExtractedPage, read_page
from .furniture import RULES as FURNITURE_RULES
from .furniture import MIN_SENTENCE_WORDS, ends_sentence, find_page_furniture
from .html_text import ParsedMarkup, looks_like_html
from .inputs import Input

logger = logging.getLogger("summarizer")

_QUOTES = str.maketrans({c: '"' for c in "“”„‟″‶〝〞"} | {c: "'" for c in "‘’‚‛"})
_BREAKS = str.maketrans({c: "\n" for c in "\r\v\f\x1c\x1d\x1e\x85\u2028"}
                        | {"\u2029": "\n\n", "\t": " "})
_DROPPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co"})
_DIACRITICS = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed]")
_SPACE_RUN = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r"\n{3,}")
# Enough for markup escaped several levels deep; real input needs one or two.
_MAX_PASSES = 16
# An extract with fewer words is no article: the whole page is read instead.
_MIN_EXTRACTED_WORDS = 1
# Add the sentences right above the extract (a lede the extractor skipped).
_RECOVER_LEDE = True

#: The rules of step 4 that also apply to the article trafilatura picked out
#: of a page: on its own evaluation pages (``benchmarks/extraction.py``) the
#: others removed more article lines than furniture there. A pasted page, or
#: a page where the extractor found nothing, gets them all.
EXTRACTED_PAGE_RULES: frozenset[str] = frozenset({"widget lines"})
#: Every rule of step 4: what a pasted page, or a page where the extractor found nothing, gets.
ALL_RULES: frozenset[str] = frozenset({"widget lines", "trailing block", *FURNITURE_RULES})


@dataclass(frozen=True)
class CleanOptions:
    """Options of :func:`clean`.

    Attributes:
        strip_diacritics: Remove Arabic harakat and Quranic marks. Off by
            default: the translation model was trained on text that has some.
        remove_boilerplate: Drop web widget lines ("مقالات ذات صلة",
            "Share", "Back to top", ...), the titles after a trailing one,
            and the page furniture around a pasted article (menus, titles of
            other articles). A whole HTML page is reduced to its article
            either way.
    """

    strip_diacritics: bool = False
    remove_boilerplate: bool = True

    def __post_init__(self) -> None:
        for field in dataclasses.fields(self):
            if not isinstance(getattr(self, field.name), bool):
                raise InputError(f"CleanOptions.{field.name} must be True or False, "
                                 f"got {getattr(self, field.name)!r}")

    @classmethod
    def coerce(cls, options: CleanOptions | dict[str, Any] | None) -> CleanOptions:
        """Accept an instance, a dict of its fields, or None for the defaults.

        Raises:
            InputError: A dict key is not a field, or a value is not a bool.
            TypeError: ``options`` is of another type.
        """
        if options is None:
            return cls()
        if isinstance(options, cls):
            return options
        if isinstance(options, dict):
            known = {f.name for f in dataclasses.fields(cls)}
            unknown = sorted(set(options) - known, key=str)
            if unknown:
                raise InputError(f"unknown clean option(s) {unknown}; "
                                 f"valid ones are {sorted(known)}")
            return cls(**options)
        raise TypeError(f"options must be CleanOptions, dict or None, not {type(options).__name__}")

    def to_dict(self) -> dict[str, Any]:
        """The options as a plain dict."""
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class CleanedText:
    """What :func:`clean` returns.

    Attributes:
        text: The cleaned text; "" if nothing is left.
        removed_lines: Every line dropped as boilerplate, in text order, as
            it read after character and whitespace cleaning (lines found only
            after leftover markup was parsed again come last). For an HTML
            page, first the visible lines of the page that are not in its
            article.
        was_html: Whether the input was parsed as HTML.
    """

    text: str
    removed_lines: tuple[str, ...]
    was_html: bool

    def to_dict(self) -> dict[str, Any]:
        """The result as a plain dict (``removed_lines`` as a list)."""
        return {"text": self.text, "removed_lines": list(self.removed_lines),
                "was_html": self.was_html}


def _normalise_chars(text: str, strip_diacritics: bool) -> str:
    """Step 1 of the module docstring, repeated until nothing changes.

    Repeating matters: removing a character can leave a letter next to a
    mark that NFKC then composes (ا, tatweel, hamza above → أ), and NFKC can
    produce removable characters (ﹷ, a medial-form fatha, gives a tatweel and
    a fatha).
    """
    for _ in range(_MAX_PASSES):
        new = text.replace("\r\n", "\n").translate(_QUOTES).translate(_BREAKS)
        new = unicodedata.normalize("NFKC", new)
        new = new.translate(_QUOTES).translate(_BREAKS).replace("\u0640", "")
        new = "".join(c for c in new if c == "\n"
                      or unicodedata.category(c) not in _DROPPED_CATEGORIES)
        if strip_diacritics:
            new = _DIACRITICS.sub("", new)
        if new == text:
            break
        text = new
    return text


def _normalise_whitespace(text: str) -> str:
    """Step 2 of the module docstring, on text with only ``\\n`` breaks."""
    lines = (_SPACE_RUN.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def _normalise(text: str, strip_diacritics: bool) -> str:
    """Steps 1 and 2."""
    return _normalise_whitespace(_normalise_chars(text, strip_diacritics))


def _text(text: str, strip_diacritics: bool) -> tuple[str, bool, dict[str, str]]:
    """Steps 1 to 3 for a text that is not a whole page: the text, whether it was
    markup, and what the markup declares (title, date...: from its first parse).

    Markup escaped inside the markup is parsed again while tags remain and the
    output still changes: that is what makes cleaning idempotent.
    """
    text = _normalise(text, strip_diacritics)
    was_html, facts = False, {}
    for _ in range(_MAX_PASSES):
        if not looks_like_html(text):
            break
        parsed = ParsedMarkup(text)
        if not was_html:
            was_html, facts = True, parsed.declared()
        new = _normalise(parsed.text(), strip_diacritics)
        if new == text:
            break
        text = new
    return text, was_html, facts


def _page_article(page: ExtractedPage, strip_diacritics: bool) -> tuple[str, list[str], bool]:
    """Steps 1 to 3 for a whole page: the article, the page lines left out, and whether the
    text is what the extractor picked out (False: it found nothing, and the whole page is read)."""
    whole = _normalise(page.page_text, strip_diacritics)
    body = _normalise(page.text, strip_diacritics)
    if len(body.split()) < _MIN_EXTRACTED_WORDS:
        # The extractor found nothing usable: read the whole page's text as a
        # paste instead; step 4 drops its menus and other furniture.
        logger.debug("clean: the extractor found no article; the whole page is read as a paste")
        return whole, [], False
    if _RECOVER_LEDE:
        body = _with_lede(body, whole)
    kept = set(body.split("\n"))
    flat = " ".join(body.split())
    # A page line is in the article when it is one of its lines, or a longer
    # piece of one (the extractor may join lines); a menu word that also
    # occurs in the text ("Home") still counts as left out.
    left_out = [line for line in whole.split("\n") if line.strip() and line not in kept
                and not (len(line.split()) >= 4 and " ".join(line.split()) in flat)]
    return body, left_out, True


def _with_lede(body: str, whole: str) -> str:
    """The extracted article with the prose lines that stand right before it on the page.

    Extractors skip a lede set apart from the article's paragraphs (a
    summary block above them); a run of sentences of ten words or more
    directly above the first extracted line is the article's. A line that
    does not end a sentence (an image caption, a headline) stops the run.
    """
    lines = [line for line in whole.split("\n") if line.strip()]
    first = next((line for line in body.split("\n") if line.strip()), "")
    if first not in lines:
        return body
    kept = set(body.split("\n"))
    start = lines.index(first)
    while (start > 0 and ends_sentence(lines[start - 1]) and lines[start - 1] not in kept
           and len(lines[start - 1].split()) >= MIN_SENTENCE_WORDS):
        start -= 1
    return "\n\n".join(lines[start:lines.index(first)] + [body]) if start < lines.index(first) else body


def _drop_furniture(text: str, extracted: bool) -> tuple[str, list[str]]:
    """Step 4: the text without its boilerplate lines, and those lines in text order.

    For an extracted article only the rules of :data:`EXTRACTED_PAGE_RULES`
    apply. The rules run until they find nothing more (a widget heading
    dropped can leave the titles under it trailing).
    """
    rules = EXTRACTED_PAGE_RULES if extracted else ALL_RULES
    removed: list[str] = []
    for _ in range(_MAX_PASSES):
        lines = text.split("\n")
        drop: set[int] = set()
        if "widget lines" in rules or "trailing block" in rules:
            drop |= set(find_boilerplate(lines, trailing_block="trailing block" in rules))
        drop |= set(find_page_furniture(lines, [r for r in FURNITURE_RULES if r in rules]))
        if not drop:
            break
        removed.extend(lines[i] for i in sorted(drop))
        text = _BLANK_LINES.sub("\n\n", "\n".join(line for i, line in enumerate(lines) if i not in drop)).strip()
    return text, removed


def _clean_text(text: str, opts: CleanOptions) -> tuple[str, list[str], bool, dict[str, str]]:
    """Steps 1 to 4 for a text that is not a whole page: the text, the lines dropped,
    whether it was markup, and what the markup declares.

    Rarely, dropping lines leaves markup that the parser could not see while
    they were there (tags on fewer than half of the lines until a widget line
    goes); the text is then read once more, which keeps cleaning idempotent.
    """
    removed: list[str] = []
    was_html, facts = False, {}
    for _ in range(_MAX_PASSES):
        text, parsed, declared = _text(text, opts.strip_diacritics)
        was_html, facts = was_html or parsed, facts or declared
        if not opts.remove_boilerplate:
            break
        text, dropped = _drop_furniture(text, extracted=False)
        removed.extend(dropped)
        if not dropped or not looks_like_html(text):
            break
    return text, removed, was_html, facts


def clean_page(text: str | Input, options: CleanOptions | dict[str, Any] | None = None,
               ) -> tuple[CleanedText, dict[str, str]]:
    """:func:`clean`, and the facts the markup declares (title, published, author, site).

    Args:
        text: The article, as plain text or HTML, or an :class:`Input` (what
            it is already decided).
        options: As for :func:`clean`.

    Returns:
        The cleaned text, and the page's or fragment's metadata ({} for plain text).

    Raises:
        TypeError: ``text`` is not a str, or ``options`` of the wrong type.
        InputError: ``options`` names an unknown field or a non-bool value.
    """
    source = text if isinstance(text, Input) else Input.of(text)
    opts = CleanOptions.coerce(options)
    if source.is_page:
        page = read_page(source.text)
        body, removed, extracted = _page_article(page, opts.strip_diacritics)
        was_html, facts = True, page.facts()
        if opts.remove_boilerplate:
            body, dropped = _drop_furniture(body, extracted)
            removed.extend(dropped)
    else:
        body, removed, was_html, facts = _clean_text(source.text, opts)
    if removed:
        logger.debug("clean: dropped %d boilerplate line(s)", len(removed))
    return CleanedText(text=body, removed_lines=tuple(removed), was_html=was_html), facts


def clean(text: str, options: CleanOptions | dict[str, Any] | None = None) -> CleanedText:
    """Clean a pasted article: HTML, Unicode, whitespace and web boilerplate.

    Args:
        text: The article, as plain text or HTML.
        options: A :class:`CleanOptions`, a dict of its fields, or None for
            the defaults.

    Returns:
        The cleaned text, the lines removed as boilerplate and whether the
        input was HTML. ``clean(clean(x).text).text == clean(x).text``.

    Raises:
        TypeError: ``text`` is not a str, or ``options`` of the wrong type.
        InputError: ``options`` names an unknown field or a non-bool value.
    """
    return clean_page(text, options)[0]


def clean_text(text: str, *, strip_diacritics: bool = False,
               remove_boilerplate: bool = True) -> str:
    """Shortcut for ``clean(text, CleanOptions(...)).text``.

    Args:
        text: The article, as plain text or HTML.
        strip_diacritics: See :class:`CleanOptions`.
        remove_boilerplate: See :class:`CleanOptions`.

    Returns:
        The cleaned text; "" if nothing is left.
    """
    options = CleanOptions(strip_diacritics=strip_diacritics,
                           remove_boilerplate=remove_boilerplate)
    return clean(text, options).text
