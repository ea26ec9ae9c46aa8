"""The notice person written on its caption's line: left of the caption, "Jane Doe, Esq.
(Name, Address and Telephone Number of Person Authorized to Receive Notices and Communications)",
or after the label's colon, "Name, Address and Telephone Number of Person ...:  Jane Doe, Esq.".

Title pages laid out as a table, each value in a cell with its caption in the cell right of it,
set the person's name beside the caption and the firm, address and telephone under the name;
typed title pages may set the caption beside the person's last line instead, the lines above it.
Other captions beside their values are single lines (``title_page._captions_beside``); a person
is a block of lines, read here. A label with its value after the colon, as a table of labels
sets it (the label in a cell, the value in the cell right of it), has the person's other lines
under the name, in its column.
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
_INLINE = _SHAPES["INLINE_VALUE"]
_CAPTION_THEN_VALUE = _SHAPES["CAPTION_THEN_VALUE"]
_LABEL_END = _SHAPES["NOTICE_LABEL_END"]
_WINDOW = 8  # the lines of one person's block: name, firm, address lines, telephone
_INDENT = 2  # a line under a value this near its column goes on with it


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


def notice_after_label(lines: list[Line]) -> list[Line]:
    """The notice person after its label's colon on the label's line (or after its caption in
    parentheses and a gap), and the lines under it in its column; none where the label stands
    alone (the person is then under it)."""
    start = next((i for i, line in enumerate(lines) if line.kind == "CAP_NOTICE"), None)
    if start is None:
        return []
    match = _INLINE.match(lines[start].text) or _CAPTION_THEN_VALUE.match(lines[start].text)
    if match is None and start + 1 < len(lines) and not lines[start].text.rstrip().endswith(":"):
        start += 1  # the label wrapped: the person after its end, on its second line
        match = _LABEL_END.match(lines[start].text)
    if match is None:
        return []
    column = match.start("value")
    found = [Line(lines[start].index, "TEXT", " " * column + match.group("value").rstrip())]
    for below in lines[start + 1 : start + _WINDOW]:
        lead = len(below.text) - len(below.text.lstrip())
        if below.kind != "TEXT" or abs(lead - column) > _INDENT:
            break
        found.append(below)
    return before_box_paragraph(found)


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
