"""The table form of annex person lists (``column_table`` in ``grammar/annex.lark``): a heading
line whose first cell is "Name" (EDGAR <TABLE> markup or plain text), a row a person; which
field a cell gives is its column's heading's (or a "Label:" in the cell, as in the seed filing).

Each non-blank line of the annex is a token. The lexer knows the table's geometry (the name
column and the other columns' starts, from the last heading) and whether a person's entry is
open (a row has started one and no title or prose in the name column has closed it since): an
address under the name, in its column, goes on with the person only then (``UNDER``). The whole
annex is parsed once; the cells of each line are the lowering's.
"""

from __future__ import annotations

import functools
from array import array
from collections.abc import Callable

from lark import Token, Tree
from lark.exceptions import LarkError

from compiler.frontend.terminals import line_shapes
from compiler.lower.annex_labelled import LABEL, NAME_HEADER, field_of, is_section
from compiler.lower.annex_records import (
    Found,
    ends_address,
    parse_records,
    reads_as_address,
)
from compiler.lower.lines import Line, join_words

_CELL_AND_GAP = line_shapes()["CELL_AND_GAP"]


def cells_of(stripped: str, column: int) -> list[tuple[int, str]]:
    """The cells of a line (text separated by two blanks or more, or by a blank other than a
    space), given stripped, which starts at ``column``."""
    # Most lines are one cell: no two spaces in a row, and no other blank (every blank but
    # the space is unprintable), the regex is not needed.
    if "  " not in stripped and stripped.isprintable():
        return [(column, stripped)] if stripped else []
    cells = []
    for cell, gap in _CELL_AND_GAP.findall(stripped):
        cells.append((column, cell))
        column += len(cell) + len(gap)
    return cells


def _cells(text: str) -> list[tuple[int, str]]:
    return cells_of(text.strip(), len(text) - len(text.lstrip()))


def _header_columns(text: str, above: str = "") -> list[tuple[int, str]]:
    """(start, field) of each column after the name column, by its heading's words: those of
    the "Name" line ``text`` and of the heading's top line ``above`` over it, if any."""
    cells = _cells(text)[1:]
    words = [cell.lower() for _, cell in cells]
    for start, cell in _cells(above):  # (a top cell belongs to the column it starts in)
        over = [n for n, (column, _) in enumerate(cells) if start >= column - 2]
        if over:
            words[over[-1]] = cell.lower() + " " + words[over[-1]]
    columns = []
    for (start, _), lowered in zip(cells, words, strict=True):
        if "citizen" in lowered:
            kind = "citizenship"
        elif "address" in lowered and "occupation" in lowered:
            kind = "position_address"  # (each cell the one it reads as: see _Table.add)
        elif "address" in lowered:
            kind = "address"
        else:
            kind = "position"
        columns.append((start, kind))
    return columns


def _name_column_field(text: str) -> str:
    """The field of the lines under a name in its column, by the column's heading: in a "Name,
    Business Address and Position" column, each the one it reads as (see _Table.field)."""
    cells = _cells(text)
    return "position_address" if cells and "address" in cells[0][1].lower() else "position"


def _column_field(columns: list[tuple[int, str]], start: int, kind: str = "position") -> str:
    for column, name in columns:
        if start >= column - 2:
            kind = name
    return kind


def _over_name_heading(lines: list[Line], position: int) -> bool:
    """A blank line follows ``position``, and the next non-blank line is a "Name" heading."""
    for index in range(position + 1, len(lines)):  # (an index walk: no slice per line)
        if lines[index].text.strip():
            return (
                NAME_HEADER.match(lines[index].text) is not None
                and not lines[position + 1].text.strip()
            )
    return False


def _indented_below(lines: list[Line], position: int, name_column: int) -> bool:
    """The very next line has text, indented right of the name column."""
    if position + 1 >= len(lines):
        return False
    text = lines[position + 1].text
    body = text.lstrip()
    return body != "" and len(text) - len(body) > name_column + 1


def _kinds(lines: list[Line]) -> tuple[list[str], array[int]]:
    """The token of each non-blank line (see the grammar's table form), and the line's position
    among ``lines``. (A line's cells are not kept for the lowering, which cuts its entries' lines
    again: the cells of every line of a long annex, held while it is parsed, were the peak of its
    lowering's memory.)"""
    kinds: list[str] = []
    positions = array("q")
    columns: list[tuple[int, str]] = []  # (start column, field) after the name column
    name_column: int | None = None
    open_entry = False  # a row has started a person, and nothing has closed its entry since
    for position, line in enumerate(lines):
        text = line.text
        body = text.lstrip()
        if not body:
            continue
        lead = len(text) - len(body)
        # (Its first letter tested first: only "n" and "N" match, even ignoring case.)
        if body[0] in "nN" and NAME_HEADER.match(body):
            name_column, columns = lead, _header_columns(text)
            kinds.append("HEADING")
            positions.append(position)
            continue
        stripped = body.rstrip()
        cells = cells_of(stripped, lead)
        positions.append(position)
        single = len(cells) == 1
        section_like = single and stripped.isupper() and is_section(stripped)
        if section_like and _over_name_heading(lines, position):
            kinds.append("SECTION")
        elif name_column is None:
            kinds.append("OUTSIDE")
        elif lead > name_column + 1:
            kinds.append("CONT")
        elif (
            open_entry
            and lines[position - 1].text.strip()
            and (
                reads_as_address(cells[0][1])
                # a city and its country, no postal code, ending the address above it
                or (kinds[-1] == "UNDER" and ends_address(cells[0][1]))
            )
        ):
            kinds.append("UNDER")
        elif section_like:
            kinds.append("SECTION")
        elif single and not _indented_below(lines, position, name_column):
            kinds.append("LONE")
            open_entry = False
        elif not single or not columns or lead + len(stripped) < columns[0][0]:
            kinds.append("ROW")
            open_entry = True
        else:
            kinds.append("CONT")  # (a long cell in the name column, its row going on under it)
    return kinds, positions


def column_tree(lines: list[Line]) -> tuple[Tree[Token] | None, list[int]]:
    """The table form's tree of the annex's ``lines``, and the position of each token's line."""
    kinds, places = _kinds(lines)
    return _parse(kinds), list(places)


def _parse(kinds: list[str]) -> Tree[Token] | None:
    try:
        return parse_records(kinds, "column_table")
    except LarkError:  # pragma: no cover - every sequence of the lines' tokens parses
        return None


class _Table:
    """The lowering's state: the columns of the last heading, the section, the open field."""

    def __init__(self, lines: list[Line], places: array[int], found: Found) -> None:
        self.lines, self.places, self.found = lines, places, found
        self.columns: list[tuple[int, str]] = []
        self.name_field = "position"  # the field of a line under a name, in the name's column
        self.section: str | None = None
        self.sections: list[tuple[str, int]] = []  # (section, its line)
        self.named: set[str | None] = set()  # the sections some person stands under
        self.key: str | None = None  # the field a "Label:" cell opened
        self.last: str | None = None  # the field the last cell of a combined column went to

    def line(self, token: int) -> tuple[int, Line]:
        """The position among the annex's lines of the line of token ``token``, and the line."""
        position = self.places[token]
        return position, self.lines[position]

    def heading(self, token: int) -> None:
        position, line = self.line(token)
        above = self.lines[position - 1].text if position else ""
        self.columns = _header_columns(line.text, above)
        self.name_field = _name_column_field(line.text)
        self.found.take(line.index)
        # Column headings of two lines: the line right on the "Name" line is their top.
        if position and self.lines[position - 1].text.strip():
            self.found.take(self.lines[position - 1].index)

    def section_line(self, token: int) -> None:
        _, line = self.line(token)
        self.section = join_words([line.text])
        self.sections.append((self.section, line.index))

    def entry_line(self, rule: str, token: int) -> None:
        _, line = self.line(token)
        cells = _cells(line.text)
        if rule == "name":
            self.found.start_person(cells[0][1], line, cells[0][0], self.section)
            self.named.add(self.section)
            self.key = self.last = None
            cells = cells[1:]
        person = self.found.open
        if person is None:  # pragma: no cover - an entry starts with its name
            return
        if rule == "under":
            # "Name and Business Address": the person's street and city, under the name in its
            # column, go on with the person (never a person of their own).
            person.add("address", cells[0][1])
            cells = cells[1:]
        self.found.take(line.index)
        for start, cell in cells:
            label = LABEL.match(cell) if ":" in cell else None
            if label:
                self.key = field_of(label)
                person.add(self.key, cell[label.end() :])
            elif self.key is not None:
                person.add(self.key, cell)
            else:
                kind = _column_field(self.columns, start, self.name_field)
                person.add(self.field(kind, cell), cell)

    def field(self, kind: str, cell: str) -> str:
        """The field of a cell of a column of ``kind``: in a column of occupation and address
        ("Present Principal Occupation and Business Address"), the lines reading as an address
        (and a city and its state under one) are the address, the others the occupation."""
        if kind != "position_address":
            return kind
        address = reads_as_address(cell) or (self.last == "address" and ends_address(cell))
        self.last = "address" if address else "position"
        return self.last


# The rules of the table form that hold one line each, in the order the lowering reads them:
# a column heading, a section heading, and a person entry's lines.
_LINE_RULES = ("heading", "section", "name", "cells", "under")


class _Lines:
    """The table form's one-line rules in document order, each noted as its tree is built (its
    rule and its token's index) and let go of: the parse tree of a long annex, a tree and a token
    a line, was a few times its text, and the peak of its lowering's memory."""

    __slots__ = ("rules", "tokens")

    def __init__(self) -> None:
        self.rules = bytearray()  # each one's rule, its index in _LINE_RULES
        self.tokens = array("q")  # each one's token's index among the kinds

    def hooks(self) -> dict[str, Callable[[Tree[Token]], object]]:
        return {rule: functools.partial(self._note, code) for code, rule in enumerate(_LINE_RULES)}

    def _note(self, code: int, tree: Tree[Token]) -> None:
        token = tree.children[0]
        assert isinstance(token, Token)
        self.rules.append(code)
        self.tokens.append(token.start_pos or 0)


def column_table(lines: list[Line], found: Found) -> None:
    """Persons of the table form, into ``found``."""
    kinds, places = _kinds(lines)
    if "ROW" not in kinds:
        return  # (no row, no person: the annex's lines are not parsed for nothing)
    noted = _Lines()
    try:
        parse_records(kinds, "column_table", noted.hooks())
    except LarkError:  # pragma: no cover - every sequence of the lines' tokens parses
        return
    del kinds
    table = _Table(lines, places, found)
    for code, token in zip(noted.rules, noted.tokens, strict=True):
        rule = _LINE_RULES[code]
        if rule == "heading":
            table.heading(token)
        elif rule == "section":
            table.section_line(token)
        else:  # (a person entry's lines: the grammar has them in entries only)
            table.entry_line(rule, token)
    for name, index in table.sections:
        if name in table.named:  # (a heading over the whole annex, say, stays its text)
            found.take(index)
