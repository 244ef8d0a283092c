"""Lines of PDF pages to paragraphs: running headers, footers and page numbers dropped, lines joined.

A :class:`Line` is one line of a page with its box (PDF points, y upwards).
:func:`drop_furniture` removes, from the top and bottom lines of each page,
page numbers (a line of digits and dashes, ``صفحة 3``, ``3 / 12``) and the
lines that repeat, numbers aside, on the top or bottom of other pages
(running headers and footers), unless the page has no more lines than that
(a one-line page repeated is content). :func:`paragraphs` joins a page's lines into
paragraphs: a new one starts after a vertical gap clearly larger than the
page's usual line gap, or after a line that stops well short of the page's
usual line width. Lines are joined with a space, never a hyphen rule: Arabic
is not hyphenated.

It does not find columns or tables: lines stay in the order the library gives.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass

__all__ = ["Line", "drop_furniture", "paragraphs"]

_PAGE_NUMBER = re.compile(r"^[\s\-–—(\[]*(?:(?:page|p\.|صفحة|الصفحة|ص)\s*)?[\d\u0660-\u0669]+(?:\s*(?:/|of|من)\s*[\d\u0660-\u0669]+)?[\s\-–—)\]]*$", re.I)
_DIGITS = re.compile(r"[\d\u0660-\u0669]+")
_EDGE = 2  # lines at the top and at the bottom of a page where furniture sits


@dataclass(frozen=True)
class Line:
    """One line of text and its box: ``left``, ``right``, ``bottom``, ``top`` in points, y upwards."""

    text: str
    left: float
    right: float
    bottom: float
    top: float

    @property
    def height(self) -> float:
        return self.top - self.bottom

    @property
    def width(self) -> float:
        return self.right - self.left


def _key(text: str) -> str:
    return _DIGITS.sub("#", " ".join(text.split()))


def _edge(lines: list[Line]) -> int:
    """How many lines at each end of a page may be furniture: two, one on a page of fewer than six lines."""
    return max(1, min(_EDGE, len(lines) // 3))


def drop_furniture(pages: list[list[Line]]) -> tuple[list[list[Line]], list[list[str]]]:
    """Remove page numbers and running headers and footers.

    Returns:
        The pages without those lines, and each page's removed lines.
    """
    edges = Counter()
    for lines in pages:
        n = _edge(lines)
        edges.update({_key(line.text) for line in lines[:n] + lines[-n:] if line.text.strip()})
    repeated = {key for key, count in edges.items() if count >= max(2, len(pages) // 2) and len(pages) >= 2}
    kept_pages, removed = [], []
    for lines in pages:
        n = _edge(lines)
        edge = set(range(min(n, len(lines)))) | set(range(max(0, len(lines) - n), len(lines)))
        kept, dropped = [], []
        for index, line in enumerate(lines):
            text = line.text.strip()
            furniture = _PAGE_NUMBER.match(text) or (_key(text) in repeated and len(lines) > _EDGE)
            if index in edge and text and furniture:
                dropped.append(text)
            else:
                kept.append(line)
        kept_pages.append(kept)
        removed.append(dropped)
    return kept_pages, removed


def paragraphs(lines: list[Line]) -> list[str]:
    """Join a page's lines into paragraphs (see the module docstring)."""
    lines = [line for line in lines if line.text.strip()]
    if not lines:
        return []
    heights = [line.height for line in lines if line.height > 0] or [10.0]
    height = statistics.median(heights)
    gaps = [prev.bottom - line.top for prev, line in zip(lines, lines[1:]) if 0 <= prev.bottom - line.top < 3 * height]
    usual_gap = statistics.median(gaps) if gaps else 0.3 * height
    width = sorted(line.width for line in lines)[int(0.8 * (len(lines) - 1))]
    result, current = [], [lines[0].text.strip()]
    for prev, line in zip(lines, lines[1:]):
        gap = prev.bottom - line.top
        new = gap > usual_gap + 0.6 * height or prev.width < 0.6 * width or gap < -height
        if new:
            result.append(" ".join(current))
            current = []
        current.append(line.text.strip())
    result.append(" ".join(current))
    return result
