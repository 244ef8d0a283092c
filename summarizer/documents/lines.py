"""PDFium's characters to lines in reading order, by their boxes: pieces of one line joined, lines apart split, mixed runs ordered.

PDFium gives a page's characters in an order of its own, with a line break
where it thinks a line ends. Three of its slips are mended here from the
characters' boxes (PDF points, y upwards), with no word list:

* :func:`assemble_lines`: a line break is added where a character sits a
  whole line height above or below the line so far (PDFBox's ligature test:
  two glyphs 175 pt apart come out as one line); pieces cut from one PDFium
  line that way are put top to bottom. Consecutive lines on one baseline that
  do not overlap (PDFium cuts a right-to-left line at a vowel mark and gives
  the pieces left to right) are joined, right to left when most of their
  letters are Arabic, else left to right.
* :func:`order_runs`: on a line that mixes Arabic and Latin, PDFium gives a
  run of the other direction (Latin words in an Arabic line, Arabic words in
  a Latin line) in visual order. The line's words, numbers and punctuation
  are put in logical order from their positions (the inverse of the Unicode
  bidi algorithm for one level of embedding): the order of the characters
  inside a word is PDFium's. The line's direction is the one PDFium read it
  in: right to left when its first piece is its rightmost.

It does not find columns, tables or reading order across lines, and it leaves
lines stored in visual order (letters reversed inside words) to :mod:`.arabic`.
"""

from __future__ import annotations

import unicodedata

__all__ = ["Box", "Char", "assemble_lines", "line_directions", "order_runs"]

Box = tuple[float, float, float, float]  # left, bottom, right, top
Char = tuple[str, "Box | None"]

_NUMBER_JOINERS = set(".,:/٫٬")  # one of these between digits keeps a number whole (UAX #9 rule W4)


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


def _horizontal(chars: list[Char]) -> tuple[float, float] | None:
    """How far the piece's letters reach left and right (a mark may overhang a letter of the next piece)."""
    boxes = [box for char, box in chars if box and not char.isspace() and _kind(char) != "M"]
    return (min(b[0] for b in boxes), max(b[2] for b in boxes)) if boxes else None


def _arabic_share(chars: list[Char]) -> float:
    letters = [char for char, _ in chars if char.isalpha()]
    return sum("\u0600" <= char <= "\u06ff" for char in letters) / max(1, len(letters))


def _same_line(pieces: list[list[Char]], line: list[Char]) -> bool:
    """Whether a line sits beside the pieces on their baseline: most of its height in their band, apart from each."""
    vb, hb = _span(line), _horizontal(line)
    spans = [_span(piece) for piece in pieces]
    if not (vb and all(spans)):
        return False
    low, high = min(v[0] for v in spans), max(v[1] for v in spans)
    if min(high, vb[1]) - max(low, vb[0]) <= 0.5 * min(high - low, vb[1] - vb[0]):
        return False
    for ha in filter(None, (_horizontal(piece) for piece in pieces)):
        if hb and min(ha[1], hb[1]) - max(ha[0], hb[0]) >= 0.1 * min(ha[1] - ha[0], hb[1] - hb[0]):
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
    lines = [line for line in lines if _span(line)]
    merged: list[list[list[Char]]] = []
    for line in lines:
        if merged and _same_line(merged[-1], line):
            merged[-1].append(line)
        else:
            merged.append([line])
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
    for index, (char, box) in enumerate(line):
        if _kind(char) != "M" or not box or index and (line[index - 1][0].isalpha() or _kind(line[index - 1][0]) == "M"):
            continue
        centre = (box[0] + box[2]) / 2
        under = [i for i, (c, b) in enumerate(line) if i != index and c.isalpha() and _kind(c) != "M" and b
                 and b[0] <= centre <= b[2]]
        if under:
            target = min(under, key=lambda i: abs((line[i][1][0] + line[i][1][2]) / 2 - centre))
            while target + 1 < len(line) and line[target + 1][1] == line[target][1]:
                target += 1  # after the whole glyph, when the letter is one of several (a lam-alef)
            mark = line.pop(index)
            line.insert(target + 1 if target < index else target, mark)
    return line


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
    boxes = [box for _, box in unit if box and box[2] - box[0] > 0.1]
    return sum((b[0] + b[2]) / 2 for b in boxes) / len(boxes) if boxes else None


def _centres(units: list[tuple[str, list[Char]]]) -> list[float] | None:
    """Each unit's horizontal centre; a space without a width (PDFium adds some) midway between its neighbours'."""
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
    for i, side in enumerate(sides):
        if side:
            continue
        before = next((s for s in reversed(sides[:i]) if s), base)
        after = next((s for s in sides[i + 1:] if s), base)
        sides[i] = before if before == after else base
    return sides


def _flush(lines: list[list[Char]]) -> list[tuple[bool, bool]]:
    """Whether each line reaches the page's left edge of text, and its right edge (within 2% of the text's width)."""
    edges = [_horizontal(line) for line in lines]
    known = [edge for edge in edges if edge]
    if not known:
        return [(False, False)] * len(lines)
    left, right = min(e[0] for e in known), max(e[1] for e in known)
    tolerance = 0.02 * (right - left) + 1
    return [(bool(e) and e[0] <= left + tolerance, bool(e) and e[1] >= right - tolerance) for e in edges]


def line_directions(lines: list[list[Char]]) -> list[bool | None]:
    """Each line's direction from the page's alignment: True right to left, False left to right, None unknown.

    Text set right to left is flush with the right edge, left to right with the
    left edge: where most lines of a page (three or more) share one edge and at
    most half share the other, every line takes that side's direction;
    otherwise a line flush on one side only takes that side's, a full or
    centred line is unknown.
    """
    flush = _flush(lines)
    if len(lines) >= 3:
        lefts = sum(left for left, _ in flush) / len(lines)
        rights = sum(right for _, right in flush) / len(lines)
        if rights >= 0.8 and lefts <= 0.5:
            return [True] * len(lines)
        if lefts >= 0.8 and rights <= 0.5:
            return [False] * len(lines)
    return [None if left == right else right for left, right in flush]


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
