"""The notice person written left of its caption, on the caption's line: "Jane Doe, Esq.
(Name, Address and Telephone Number of Person Authorized to Receive Notices and Communications)".

Title pages laid out as a table, each value in a cell with its caption in the cell right of it,
set the person's name beside the caption and the firm, address and telephone under the name;
typed title pages may set the caption beside the person's last line instead, the lines above it.
Other captions beside their values are single lines (``title_page._captions_beside``); a person
is a block of lines, read here.
"""

from __future__ import annotations

from collections.abc import Iterable

from compiler.frontend.terminals import line_shapes
from compiler.lower.box_paragraph import after_box_paragraph, before_box_paragraph
from compiler.lower.lines import Line

_SHAPES = line_shapes()
_BESIDE = _SHAPES["VALUE_BESIDE_CAPTION"]
_NOTICE = _SHAPES["NOTICE_BESIDE_CAPTION"]
_GAP = _SHAPES["GAP"]
_WINDOW = 8  # the lines of one person's block: name, firm, address lines, telephone


def notice_beside(lines: list[Line]) -> list[Line]:
    """The notice person's lines where its caption stands beside one of them, else none."""
    for position, line in enumerate(lines):
        if line.kind != "TEXT" or "(" not in line.text:
            continue
        match = _NOTICE.match(line.text)
        if match is None:
            continue
        if not any(c.isalnum() for c in match.group("value")):
            return []  # a rule or a colon beside the caption: the person stands elsewhere
        column = match.start("caption")
        value = Line(line.index, "TEXT", line.text[: match.end("value")])
        below = before_box_paragraph(_column(lines[position + 1 : position + _WINDOW], column))
        if below:
            return [value, *below]
        above = _column(reversed(lines[max(position - _WINDOW, 0) : position]), column)
        return [*after_box_paragraph(above[::-1]), value]
    return []


def _column(lines: Iterable[Line], column: int) -> list[Line]:
    """The plain lines next to the caption's line, up to a blank line, a caption or another
    value beside its caption, each cut at a gap that reaches the caption's column (the caption's
    wrapped lines stand there; a line running on under it is the person's)."""
    found: list[Line] = []
    for line in lines:
        text = line.text
        if line.kind != "TEXT" or _BESIDE.match(text) or _NOTICE.match(text):
            break
        cut = next((gap.start() for gap in _GAP.finditer(text) if gap.end() >= column), None)
        left = text[:cut].rstrip()
        if left.strip():
            found.append(Line(line.index, line.kind, left))
    return found
