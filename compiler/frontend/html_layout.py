"""Text layout for converted HTML: the lines of a flow of text, and tables laid out as grids.

:mod:`compiler.frontend.html_text` walks the HTML tree and feeds text, line breaks, vertical
margins and
page breaks into a :class:`Flow` (the document, or one table cell); a table's cells are collected
in a :class:`Table` and :func:`render_table` lays them out into the enclosing flow. See
:mod:`compiler.frontend.html_text` for the layout rules; the bounds here keep the output linear in
the
input (column widths are capped, no cell starts further right than :data:`MAX_START`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from compiler.frontend.values import is_currency

PAGE_LINE = "<PAGE>"
GAP = 4  # spaces between table columns
COLUMN_CAP = 100  # a longer cell line overflows its column instead of widening it
MAX_START = 240  # columns further right are not aligned: their cells follow with a gap
MAX_COLUMNS = 200  # cells past this column of a table go to its last column
GAP_POINTS = 6.0  # a vertical margin of this many points or more is a blank line
TABLE_MARGIN = 12.0  # a table stands apart from the text around it
SHORT_MARK = 8  # a row-spanning cell this short is a row number: it stays in the grid
HANG = "  "  # the hanging indent of a leftmost cell's continuation lines


_PREFIX_MARKS = frozenset({"$", "US$", "€", "£", "("})
_SUFFIX_MARKS = frozenset({"%", ")", ")%", "%)"})
# Spaces a browser shows are spaces; invisible characters go; typographic quotes and hyphens
# become ASCII; C1 controls are cp1252 characters misread as latin-1 (a stray byte 0x92).
_CHARACTERS = str.maketrans(
    {
        "\xa0": " ", "\u2002": " ", "\u2003": " ", "\u2004": " ", "\u2005": " ",
        "\u2006": " ", "\u2007": " ", "\u2008": " ", "\u2009": " ", "\u200a": " ",
        "\u202f": " ", "\u205f": " ", "\u3000": " ", "\u200b": None, "\u200c": None,
        "\u200d": None, "\u2060": None, "\ufeff": None, "\xad": None,
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-",
        **{chr(b): bytes([b]).decode("cp1252", "replace") for b in range(0x80, 0xA0)},
        "\x81": None, "\x8d": None, "\x8f": None, "\x90": None, "\x9d": None,
    }
)  # fmt: skip


def _translated(text: str) -> str:
    """``text`` with _CHARACTERS replaced. str.translate looks every character up in the table,
    and every character the table replaces is outside ASCII: an ASCII line is returned as it is,
    and the most common one, the non-breaking space, is replaced first (a C-speed scan)."""
    if text.isascii():
        return text
    text = text.replace("\xa0", " ")
    return text if text.isascii() else text.translate(_CHARACTERS)


def is_blank_text(text: str) -> bool:
    """Whether ``text`` alone on a line lays out as nothing (white space, "&nbsp;")."""
    return not _translated(text).strip()


def _collapsed(text: str) -> str:
    """Each run of collapsible white space (space, tab, line feed, carriage return, form feed;
    not the non-breaking and other Unicode spaces) as one space. In string scans: a regular
    expression made a match of every space between two words, four times as slow."""
    text = text.replace("\n", " ").replace("\t", " ").replace("\r", " ").replace("\f", " ")
    while "  " in text:  # each pass halves every run of spaces
        text = text.replace("  ", " ")
    return text


class Flow:
    """The lines of one flow of text (the document, or one table cell) as they are built.

    Text comes in pieces (the text and tails of elements); ``end_line`` closes a line at a block
    boundary. Collapsible white space collapses as in a browser, non-breaking spaces stay.
    Vertical margins are remembered and become one blank line before the next line if they are
    large enough; blank lines never repeat; a page break becomes a ``<PAGE>`` line before the next
    line (never first).
    """

    __slots__ = ("gap", "lines", "origin", "origins", "page", "parts", "pre")

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.origins: list[int] = []
        self.parts: list[str] = []
        self.origin = 0
        self.gap = 0.0  # pending vertical margin before the next line, in points
        self.page = False  # a page break is pending
        self.pre = 0  # depth of <pre> elements open

    def add(self, text: str, origin: int) -> None:
        if not text:
            return
        if self.pre:
            self._add_preformatted(text, origin)
            return
        text = _collapsed(text)
        if text.startswith(" ") and (not self.parts or self.parts[-1].endswith(" ")):
            text = text[1:]  # collapsible spaces collapse across elements too
        if text:
            if not self.parts:
                self.origin = origin
            self.parts.append(text)

    def _add_preformatted(self, text: str, origin: int) -> None:
        pieces = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        for number, piece in enumerate(pieces):
            if number:
                self.end_line(keep_empty=True)
            for index, page_piece in enumerate(piece.split("\f")):
                if index:  # a form feed in preformatted text is a page break
                    self.end_line()
                    self.request_page()
                if page_piece:
                    if not self.parts:
                        self.origin = origin
                    self.parts.append(page_piece)
            origin += 1

    def end_line(self, *, keep_empty: bool = False) -> None:
        """Close the line being built; a line of only non-breaking spaces is a blank line."""
        if not self.parts:
            if keep_empty:
                self.blank()
            return
        raw = "".join(self.parts)
        self.parts = []
        line = _translated(raw.expandtabs(8)).rstrip() if self.pre else _translated(raw).strip()
        if line:
            self.emit(line, self.origin)
        elif keep_empty or raw.strip(" "):  # "&nbsp;" renders an empty line
            self.blank()

    def line_break(self) -> None:
        """<br>: ends the line; on an empty line it makes an empty line."""
        self.end_line(keep_empty=True)

    def emit(self, line: str, origin: int) -> None:
        if self.page:
            self.page = False
            if self.lines and self.lines[-1] != PAGE_LINE:
                self._append(PAGE_LINE, origin)
            self.gap = 0.0
        if self.gap >= GAP_POINTS:
            self.blank()
        self.gap = 0.0
        self.lines.append(line)
        self.origins.append(origin)

    def blank(self) -> None:
        if self.lines and self.lines[-1] not in ("", PAGE_LINE):
            self._append("", self.origins[-1])
        self.gap = 0.0

    def margin(self, points: float) -> None:
        self.gap = max(self.gap, points)

    def request_page(self) -> None:
        self.page = True

    def _append(self, line: str, origin: int) -> None:
        self.lines.append(line)
        self.origins.append(origin)

    def trimmed(self) -> list[tuple[str, int]]:
        """The flow's lines without page breaks and without leading or trailing blank lines."""
        self.end_line()
        lines = self.lines
        if PAGE_LINE not in lines and (not lines or (lines[0] and lines[-1])):
            return list(zip(lines, self.origins, strict=True))  # (most cells: nothing to drop)
        pairs = [(t, o) for t, o in zip(lines, self.origins, strict=True) if t != PAGE_LINE]
        start, end = 0, len(pairs)
        while start < end and not pairs[start][0]:
            start += 1
        while end > start and not pairs[end - 1][0]:
            end -= 1
        return pairs[start:end]

    def finish(self) -> tuple[list[str], list[int]]:
        self.end_line()
        while self.lines and self.lines[-1] in ("", PAGE_LINE):
            self.lines.pop()
            self.origins.pop()
        return self.lines, self.origins


@dataclass(slots=True)
class Cell:
    column: int
    colspan: int
    rowspan: int
    lines: list[tuple[str, int]]  # (text, origin), without leading or trailing blank lines


@dataclass(slots=True)
class Table:
    rows: list[list[Cell]] = field(default_factory=list)
    covered: list[int] = field(default_factory=list)  # last row each column is covered until
    open_row: bool = False
    in_cell: bool = False  # a cell of this table is open (a <td> inside it is not this table's)

    def start_row(self) -> None:
        self.rows.append([])
        self.open_row = True

    def add_cell(self, colspan: int, rowspan: int) -> Cell:
        """A new cell in the first free column of the current row (HTML's table model)."""
        if not self.open_row:
            self.start_row()
        row, cells = len(self.rows) - 1, self.rows[-1]
        column = cells[-1].column + cells[-1].colspan if cells else 0
        covered = self.covered
        count = len(covered)
        while column < count and covered[column] >= row:
            column += 1
        if column >= MAX_COLUMNS:
            column = MAX_COLUMNS - 1
        colspan = min(colspan, MAX_COLUMNS - column)
        needed = column + colspan
        if count < needed:
            covered.extend([-1] * (needed - count))
        last = row + rowspan - 1
        if colspan == 1:
            covered[column] = last
        else:
            covered[column:needed] = [last] * colspan
        cell = Cell(column, colspan, rowspan, [])
        cells.append(cell)
        return cell


def render_table(table: Table, out: Flow) -> None:
    """Lay ``table`` out as a grid of text lines into ``out``."""
    rows: list[tuple[list[tuple[str, int]], list[Cell]]] = []
    shifts: list[tuple[int, int, int]] = []  # (last row, from column, columns) of a label
    for index, cells in enumerate(table.rows):
        visible = [c for c in cells if c.lines]
        labels: list[tuple[str, int]] = []
        if len(visible) > 1 and _is_side_label(
            visible[0], table.rows[index : index + visible[0].rowspan]
        ):
            label = visible.pop(0)
            text = " ".join(" ".join(t for t, _ in label.lines).split())
            labels.append((text, label.lines[0][1]))
            shifts.append((index + label.rowspan - 1, label.column + label.colspan, label.colspan))
        # Beside a label written above them, the rows' cells move into the label's columns:
        # row number under row number, caption under caption. (Spans are capped: few are open.)
        shifts = [shift for shift in shifts if shift[0] >= index]
        for _, start, columns in shifts:
            for cell in visible:
                if cell.column >= start:
                    cell.column -= columns
        visible = _join_marks(visible)
        if len(visible) > 1:
            _hang(visible[0])
        rows.append((labels, visible))
    starts = _column_starts(_column_widths([cell for _, cells in rows for cell in cells]))
    out.end_line()
    out.margin(TABLE_MARGIN)
    for labels, cells in rows:
        for text, origin in labels:
            out.emit(text, origin)
        if not cells:
            out.blank()  # an empty row is vertical space
            continue
        for line, origin in _render_row(cells, starts):
            if line:
                out.emit(line, origin)
            else:
                out.blank()
    out.margin(TABLE_MARGIN)


def _is_side_label(cell: Cell, spanned: list[list[Cell]]) -> bool:
    """A leftmost cell spanning rows that holds words, not a row number or a value, beside rows
    that hold a number (a row number, a share count, a date). Beside rows of words only it is a
    column heading set over two heading rows ("Trade Date" beside "Number of Shares" over
    "Purchased/(Sold)"): it stays in the grid, over its column."""
    if cell.rowspan <= 1 or sum(len(text) for text, _ in cell.lines) <= SHORT_MARK:
        return False
    return any(
        _starts_a_number(text)
        for row in spanned
        for other in row
        if other is not cell
        for text, _ in other.lines
    )


def _starts_a_number(text: str) -> bool:
    """ "7", "(7)", "4,050,000", "$10.25", "03/02/2009", "-0-": a cell's text led by a number."""
    lead = text.lstrip(" ($-.#")
    return lead[:1].isdigit()


def _hang(cell: Cell) -> None:
    """Indent the lines under the first line of a row's leftmost cell (a hanging indent), so
    that what continues an entry of the first column is not taken for the next entry."""
    first, *rest = cell.lines
    cell.lines = [first, *((HANG + text if text else text, origin) for text, origin in rest)]


def _join_marks(cells: list[Cell]) -> list[Cell]:
    """A cell holding only "$" (or "%", a currency the value grammar knows: "C$", "EUR", ...)
    joins the number in the cell beside it; a code after a number ("12.40" "EUR") joins it too."""
    result: list[Cell] = []
    prefix: Cell | None = None
    for index, cell in enumerate(cells):
        text = cell.lines[0][0] if len(cell.lines) == 1 else None
        last_text = result[-1].lines[0][0] if result and len(result[-1].lines) == 1 else ""
        if prefix is None and _is_suffix(text, last_text, cells[index + 1 : index + 2]):
            gap = " " if text and text[:1].isalpha() else ""
            result[-1].lines = [(last_text + gap + f"{text}", result[-1].lines[0][1])]
            continue
        if prefix is not None:
            if len(cell.lines) == 1:
                # A code is written apart from its number ("EUR 3.62"); a sign against it.
                gap = " " if prefix.lines[0][0][-1:].isalpha() else ""
                cell.lines = [(prefix.lines[0][0] + gap + cell.lines[0][0], prefix.lines[0][1])]
                cell.colspan += cell.column - prefix.column
                cell.column = prefix.column
            else:
                result.append(prefix)
            prefix = None
        if text in _PREFIX_MARKS or (text and is_currency(text)):
            prefix = cell
            continue
        result.append(cell)
    if prefix is not None:
        result.append(prefix)
    return result


def _is_suffix(text: str | None, last: str, after: list[Cell]) -> bool:
    """A "%" or ")" after the one-line cell ``last``, or a currency code written after its
    number ("12.40" "EUR"; not "400,000" "EUR" "3.62", where the code is the next number's)."""
    if text is None or not last:
        return False
    if text in _SUFFIX_MARKS:
        return True
    following = after[0].lines[0][0] if after and len(after[0].lines) == 1 else ""
    return (
        last[-1:].isdigit() and text.isalpha() and is_currency(text) and not following[:1].isdigit()
    )


def _cell_width(cell: Cell) -> int:
    return min(max([len(text) for text, _ in cell.lines]), COLUMN_CAP)


def _column_widths(cells: list[Cell]) -> list[int]:
    widths = [0] * max((c.column + c.colspan for c in cells), default=0)
    for cell in cells:
        if cell.colspan == 1:
            widths[cell.column] = max(widths[cell.column], _cell_width(cell))
    for cell in cells:
        if cell.colspan > 1:  # a spanning cell widens the last column it spans, if it must
            last = cell.column + cell.colspan - 1
            spanned = widths[cell.column : last + 1]
            room = sum(spanned) + GAP * max(sum(1 for w in spanned if w) - 1, 0)
            widths[last] += max(_cell_width(cell) - room, 0)
    return widths


def _column_starts(widths: list[int]) -> list[int]:
    starts = []
    position = 0
    for width in widths:
        starts.append(min(position, MAX_START))
        if width:
            position += width + GAP
    return starts


def _render_row(cells: list[Cell], starts: list[int]) -> Iterator[tuple[str, int]]:
    """The row's lines: each cell's i-th line at its column, at least GAP after the one before."""
    for index in range(max(len(c.lines) for c in cells)):
        line = ""
        origin = 0
        for cell in cells:
            if index >= len(cell.lines) or not cell.lines[index][0]:
                continue
            text, line_origin = cell.lines[index]
            column = starts[cell.column]
            if line:
                column = max(column, len(line) + GAP)
            else:
                origin = line_origin
            line += " " * (column - len(line)) + text
        yield line, origin
