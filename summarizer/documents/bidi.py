"""Right-to-left and left-to-right runs of a PDF line put in logical order from the characters' boxes.

PDFium gives a run of the other direction in visual order: Latin words in an
Arabic line (``"ipsum lorem"`` for ``"lorem ipsum"``), Arabic words and
Arabic-Indic numbers in a Latin line (``١٤٣٤ إبريل ١٤`` for ``١٤ إبريل ١٤٣٤``).
:func:`order_runs` puts the words, numbers and punctuation of a line that
mixes the two scripts in logical order from their positions: the inverse of
the Unicode bidi algorithm (UAX #9) for one level of embedding, hand-written
since the bidi libraries go the other way, logical to visual. The order of
the characters inside a word stays PDFium's (its ligatures and marks are
:mod:`.pdf`'s concern). A line's direction is its script's where three
quarters of the letters of it and its neighbours are in one script, else the
page's alignment (right-aligned text is right to left), else where PDFium
began the line (:func:`line_directions`).

It leaves lines in one script alone, and lines stored in visual order
(letters reversed inside words) to :mod:`.arabic`. Deeper embeddings (a
Latin quote holding an Arabic word inside an Arabic line) are read as one level.
"""

from __future__ import annotations

import unicodedata

from .lines import Char, horizontal

__all__ = ["line_directions", "order_runs"]

_NUMBER_JOINERS = set(".,:/٫٬")  # one of these between digits keeps a number whole (UAX #9 rule W4)


def _kind(char: str) -> str:
    """The bidi class that matters here: R (Arabic, Hebrew letters), L (other letters), AN/EN digits, M mark, N other."""
    if unicodedata.combining(char) or unicodedata.category(char) == "Mn":
        return "M"
    if "\u0660" <= char <= "\u0669" or "\u06f0" <= char <= "\u06f9":
        return "AN"
    if char.isdigit():
        return "EN"
    if char.isalpha():
        return "R" if "\u0590" <= char <= "\u08ff" or "\ufb1d" <= char <= "\ufefc" else "L"
    return "N"


def _units(chars: list[Char]) -> list[tuple[str, list[Char]]]:
    """Words, numbers and single other characters, each with the characters PDFium gave, marks with their letter."""
    units: list[tuple[str, list[Char]]] = []
    for index, (char, box) in enumerate(chars):
        kind = _kind(char)
        if kind == "M" and units:
            units[-1][1].append((char, box))
            continue
        if units and kind != "N" and units[-1][0] == kind:
            units[-1][1].append((char, box))
            continue
        joiner = (char in _NUMBER_JOINERS and units and units[-1][0] in ("EN", "AN") and index + 1 < len(chars)
                  and _kind(chars[index + 1][0]) == units[-1][0])
        if joiner:
            units[-1][1].append((char, box))
            continue
        units.append(("R" if kind == "M" else kind, [(char, box)]))
    return units


def _centre(unit: list[Char]) -> float | None:
    """The unit's horizontal centre: its glyphs' boxes, or where a space of no width starts (PDFium's space box)."""
    boxes = [box for _, box in unit if box and box[2] - box[0] > 0.1] or [box for _, box in unit if box]
    return sum((b[0] + b[2]) / 2 for b in boxes) / len(boxes) if boxes else None


def _centres(units: list[tuple[str, list[Char]]]) -> list[float] | None:
    """Each unit's horizontal centre; a space without a box (PDFium added it) midway between its neighbours'."""
    centres = [_centre(unit) for _, unit in units]
    for i, centre in enumerate(centres):
        if centre is None and units[i][1][0][0].isspace() and 0 < i < len(units) - 1:
            before, after = centres[i - 1], _centre(units[i + 1][1])
            if before is not None and after is not None:
                centres[i] = (before + after) / 2
    return None if any(centre is None for centre in centres) else centres


def _sides(kinds: list[str], rtl: bool) -> list[str]:
    """Each unit's direction: letters their own, digits after the last letter's, the rest between like sides or the line's."""
    base = "R" if rtl else "L"
    sides, strong = [], base
    for kind in kinds:
        if kind in ("R", "L"):
            strong = kind
            sides.append(kind)
        elif kind in ("AN", "EN"):
            sides.append("R" if kind == "AN" or strong == "R" else "L")
        else:
            sides.append("")
    after, following = [base] * len(sides), base
    for i in range(len(sides) - 1, -1, -1):  # the next side after each unit, in one pass (a line can be long)
        after[i] = following
        following = sides[i] or following
    before = base
    for i, side in enumerate(sides):
        if side:
            before = side
        else:
            sides[i] = before if before == after[i] else base
    return sides


def _flush(lines: list[list[Char]]) -> list[tuple[bool, bool]]:
    """Whether each line reaches the page's left edge of text, and its right edge (within 2% of the text's width)."""
    edges = [horizontal(line) for line in lines]
    known = [edge for edge in edges if edge]
    if not known:
        return [(False, False)] * len(lines)
    left, right = min(e[0] for e in known), max(e[1] for e in known)
    tolerance = 0.02 * (right - left) + 1
    return [(bool(e) and e[0] <= left + tolerance, bool(e) and e[1] >= right - tolerance) for e in edges]


def _by_alignment(lines: list[list[Char]]) -> list[bool | None]:
    """Each line's direction from the page's alignment: right-aligned text is right to left (see :func:`line_directions`)."""
    flush = _flush(lines)
    if len(lines) >= 3:
        lefts = sum(left for left, _ in flush) / len(lines)
        rights = sum(right for _, right in flush) / len(lines)
        if rights >= 0.8 and lefts <= 0.5:
            return [True] * len(lines)
        if lefts >= 0.8 and rights <= 0.5:
            return [False] * len(lines)
    return [None if left == right else right for left, right in flush]


def _letters(line: list[Char]) -> tuple[int, int]:
    """How many right-to-left and left-to-right letters a line has."""
    kinds = [_kind(char) for char, _ in line]
    return kinds.count("R"), kinds.count("L")


def line_directions(lines: list[list[Char]]) -> list[bool | None]:
    """Each line's direction: True right to left, False left to right, None unknown (PDFium's is kept).

    A line takes the script of three quarters of the letters of itself and the
    lines on either side (a Latin title inside an Arabic paragraph is right to
    left, an Arabic name inside an English one left to right, whatever the
    alignment). Where neither script has three quarters, the page's alignment
    tells: where most lines (three or more) share one edge of the text and at
    most half the other, every line takes that side's direction (right-aligned
    text is right to left); otherwise a line flush with one edge only takes
    that side's. A full or centred line stays unknown.
    """
    counts = [_letters(line) for line in lines]
    aligned = _by_alignment(lines)
    directions = []
    for i, by_alignment in enumerate(aligned):
        window = counts[max(0, i - 1):i + 2]
        rtl, ltr = sum(r for r, _ in window), sum(l for _, l in window)
        if rtl >= 3 * ltr and rtl:
            directions.append(True)
        elif ltr >= 3 * rtl and ltr:
            directions.append(False)
        else:
            directions.append(by_alignment)
    return directions


def order_runs(chars: list[Char], rtl: bool | None = None) -> list[Char]:
    """A line that mixes Arabic and Latin in logical order from the boxes (see the module docstring); others unchanged.

    Args:
        chars: The line's characters in PDFium's order, with their boxes.
        rtl: The line's direction (:func:`line_directions`); None: the one PDFium read it in.
    """
    units = _units(chars)
    kinds = [kind for kind, _ in units]
    if not ("R" in kinds and "L" in kinds) or len(units) < 3:
        return chars
    centres = _centres(units)
    if centres is None:
        return chars
    if rtl is None:
        placed = [centres[i] for i, (_, unit) in enumerate(units) if not unit[0][0].isspace()]
        rtl = max(placed) - placed[0] < placed[0] - min(placed)  # PDFium began the line at its right end
    visual = sorted(range(len(units)), key=lambda i: centres[i])
    sides = _sides([kinds[i] for i in visual], rtl)
    order = visual[::-1] if rtl else list(visual)
    sides = sides[::-1] if rtl else sides
    embedded = "L" if rtl else "R"
    out, i = [], 0
    while i < len(order):
        j = i
        while j < len(order) and sides[j] == embedded:
            j += 1
        if j > i:
            out.extend(order[i:j][::-1])
            i = j
        else:
            out.append(order[i])
            i += 1
    if out == list(range(len(units))):
        return chars
    return [char for index in out for char in units[index][1]]
