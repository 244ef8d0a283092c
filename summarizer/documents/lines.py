"""PDFium's characters to lines, by their boxes: lines apart split, pieces of one line joined, marks on their letter.

PDFium gives a page's characters in an order of its own, with a line break
where it thinks a line ends. :func:`assemble_lines` mends three of its slips
from the characters' boxes (PDF points, y upwards), with no word list:

* a line break is added where a character sits a whole line height above or
  below the letters of the line so far (PDFBox's ligature test: two glyphs
  175 pt apart come out as one line); the pieces are put top to bottom;
* consecutive lines on one baseline that do not overlap are joined (PDFium
  cuts a right-to-left line at vowel marks and gives the pieces left to
  right), right to left when most of their letters are Arabic;
* a vowel mark that follows no letter (at a line's start, after a comma) is
  put after the letter it stands over.

It does not find columns, tables or the reading order of lines; the order of
words inside a line is :mod:`.bidi`'s.
"""

from __future__ import annotations

import unicodedata

__all__ = ["Box", "Char", "assemble_lines", "horizontal"]

Box = tuple[float, float, float, float]  # left, bottom, right, top
Char = tuple[str, "Box | None"]


# Bounds that keep a hostile page's time linear: more pieces of one baseline than this start a new line, and
# more stray marks on a line than this stay where PDFium put them (real lines: 4 pieces, a few marks).
_MAX_PIECES = 64
_MAX_STRAY = 100


def _mark(char: str) -> bool:
    return bool(unicodedata.combining(char)) or unicodedata.category(char) == "Mn"


def _letter(char: str, box: Box | None) -> bool:
    """A letter or digit with a box: marks and punctuation are too small or too far off the line to place it."""
    return bool(box) and char.isalnum() and box[3] > box[1] and box[2] > box[0]


def _span(chars: list[Char]) -> tuple[float, float] | None:
    boxes = [box for char, box in chars if _letter(char, box)] or [
        box for char, box in chars if box and not char.isspace() and box[3] > box[1]]
    return (min(b[1] for b in boxes), max(b[3] for b in boxes)) if boxes else None


def _split_at_jumps(chars: list[Char]) -> list[list[Char]]:
    """Cut a line where a character lies more than a line height above or below the letters of the line so far."""
    pieces, current, low, high = [], [], None, None
    for char, box in chars:
        if low is not None and box and not char.isspace() and box[3] > box[1]:
            height = max(high - low, box[3] - box[1])
            if box[1] > high + height or box[3] < low - height:
                pieces.append(current)
                current, low, high = [], None, None
        if _letter(char, box):  # the line's band is where its letters are
            low = box[1] if low is None else min(low, box[1])
            high = box[3] if high is None else max(high, box[3])
        current.append((char, box))
    pieces.append(current)
    if len(pieces) > 1:
        pieces.sort(key=lambda piece: -(_span(piece) or (0.0, 0.0))[1])  # top to bottom
    return pieces


def horizontal(chars: list[Char]) -> tuple[float, float] | None:
    """How far the piece's letters reach left and right (a mark may overhang a letter of the next piece)."""
    boxes = [box for char, box in chars if box and not char.isspace() and not _mark(char)]
    return (min(b[0] for b in boxes), max(b[2] for b in boxes)) if boxes else None


def _arabic_share(chars: list[Char]) -> float:
    letters = [char for char, _ in chars if char.isalpha()]
    return sum("\u0600" <= char <= "\u06ff" for char in letters) / max(1, len(letters))


_Extent = tuple[tuple[float, float], "tuple[float, float] | None"]  # a piece's vertical span and horizontal reach


def _same_line(pieces: list[_Extent], line: _Extent) -> bool:
    """Whether a line sits beside the pieces on their baseline: most of its height in their band, apart from each."""
    (low_b, high_b), hb = line
    low, high = min(v[0] for v, _ in pieces), max(v[1] for v, _ in pieces)
    if min(high, high_b) - max(low, low_b) <= 0.5 * min(high - low, high_b - low_b):
        return False
    for _, ha in pieces:
        if ha and hb and min(ha[1], hb[1]) - max(ha[0], hb[0]) >= 0.1 * min(ha[1] - ha[0], hb[1] - hb[0]):
            return False
    return True


def _order_key(piece: list[Char], rtl: bool) -> float:
    """Where a piece begins in reading order: its right edge on a right-to-left line (with its marks), else its left."""
    boxes = [box for char, box in piece if box and not char.isspace()]
    return -max(b[2] for b in boxes) if rtl else min(b[0] for b in boxes)


def assemble_lines(chars: list[Char]) -> list[list[Char]]:
    """Lines of a page's characters (``("\\n", None)`` is PDFium's line break), see the module docstring."""
    lines, current = [], []
    for char in chars + [("\n", None)]:
        if char[0] == "\n":
            lines.extend(_split_at_jumps(current))
            current = []
        else:
            current.append(char)
    extents = [(line, (_span(line), horizontal(line))) for line in lines]
    merged: list[list[list[Char]]] = []
    group: list[_Extent] = []
    for line, extent in extents:
        if extent[0] is None:
            continue  # no letter, mark or sign with a box: spaces only
        if merged and len(group) < _MAX_PIECES and _same_line(group, extent):
            merged[-1].append(line)
            group.append(extent)
        else:
            merged.append([line])
            group = [extent]
    out = []
    for pieces in merged:
        if len(pieces) > 1:
            rtl = _arabic_share([c for piece in pieces for c in piece]) >= 0.5
            pieces.sort(key=lambda piece: _order_key(piece, rtl))
        out.append(_place_marks([char for piece in pieces for char in piece]))
    return out


def _place_marks(line: list[Char]) -> list[Char]:
    """Put a vowel mark that follows no letter (PDFium gives some at a line's start, or after a comma) after its letter.

    Its letter is the one its box stands over (the mark goes after that letter's whole glyph); a mark over no
    letter stays.
    """
    line = list(line)
    stray = [i for i, (char, box) in enumerate(line)
             if _mark(char) and box and not (i and (line[i - 1][0].isalpha() or _mark(line[i - 1][0])))]
    for mark in [line[i] for i in stray[:_MAX_STRAY]]:
        index = line.index(mark)
        centre = (mark[1][0] + mark[1][2]) / 2
        under = [i for i, (c, b) in enumerate(line) if c.isalpha() and not _mark(c) and b and b[0] <= centre <= b[2]]
        if not under:
            continue
        target = min(under, key=lambda i: abs((line[i][1][0] + line[i][1][2]) / 2 - centre))
        while target + 1 < len(line) and line[target + 1][1] == line[target][1]:
            target += 1  # after the whole glyph, when the letter is one of several (a lam-alef)
        line.pop(index)
        line.insert(target if target > index else target + 1, mark)
    return line
