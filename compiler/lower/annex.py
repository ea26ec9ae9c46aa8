"""Lowering of annexes and schedules that list persons (directors, officers, partners).

Three layout families, tried in this order on the lines of one annex:
- labelled blocks: "Name:" starts a person, "Position:", "Address:", "Citizenship:" follow, with
  continuation lines under the value column;
- column tables: a heading line whose first cell is "Name" (EDGAR <TABLE> markup or plain text);
  a line with text in the name column starts a person, the other columns (or "Label:" cells in
  them, as in the seed filing) fill its fields, continuation lines add to them;
- indented lists: a short name line followed by more deeply indented description lines.
Section headings (lines in capitals, such as "MEMBERS OF THE SUPERVISORY BOARD") name the section
of the persons under them: in a table, the one right above its "Name" heading; among labelled
blocks, the one right above a "Name:" line (a heading over an introduction titles the annex).

``Annex.text`` is the annex's prose: the lines no person entry, heading or section took (its
title lines, the introduction, notes), as paragraphs. An annex without persons keeps its text as
written (its layout may be a table of something else).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import islice

from compiler.frontend.terminals import line_shapes
from compiler.ir import Annex, AnnexPerson
from compiler.lower.annex_records import (
    address_blocks,
    is_name,
    name_title_rows,
    reads_as_address,
)
from compiler.lower.body import verbatim
from compiler.lower.lines import Context, Line, join_words

SHAPES = line_shapes()  # the grammar's terminals (grammar/*.lark)
_LABEL = SHAPES["ANNEX_LABEL"]
_NAME_HEADER = SHAPES["ANNEX_NAME_HEADER"]
_NAME_LABEL = SHAPES["ANNEX_NAME_LABEL"]
_MARKS = SHAPES["ANNEX_MARKS"]
_CONTENT = frozenset({"TEXT", "TX_ROW"})
_CONTENT_OR_BLANK = _CONTENT | {"BLANK"}


@dataclass(slots=True)
class _Person:
    name: str
    line: Line
    column: int
    section: str | None
    fields: dict[str, list[str]] = field(default_factory=dict)

    def add(self, key: str, text: str) -> None:
        stripped = text.strip()
        if stripped:
            values = self.fields.get(key)
            if values is None:
                self.fields[key] = [stripped]
            else:
                values.append(stripped)


class _Persons:
    """The persons a layout family finds, in order. Fields are added to the last one only, so a
    person is finished (its field texts joined, see :func:`_finish`) as soon as the next one
    starts: the pieces of every person's fields would otherwise all stand at once, the peak of
    the memory a long annex's lowering takes."""

    __slots__ = ("_context", "finished", "open")

    def __init__(self, context: Context) -> None:
        self._context = context
        self.finished: list[AnnexPerson] = []
        self.open: _Person | None = None  # the last person found, whose fields may go on

    def start(self, person: _Person) -> None:
        if self.open is not None:
            self.finished.append(_finish(self.open, self._context))
        self.open = person

    def close(self) -> list[AnnexPerson]:
        """Every person found, finished."""
        if self.open is not None:
            self.finished.append(_finish(self.open, self._context))
            self.open = None
        return self.finished


class _Taken:
    """The lines of an annex (by index) that a person entry, a heading or a section took: a byte
    per line of the annex, where a set of the line numbers cost tens of bytes a line (a long
    annex's lines are nearly all taken)."""

    __slots__ = ("first", "flags")

    def __init__(self, lines: list[Line]) -> None:
        # (A part's lines are in document order: their indexes run from the first's to the last's.)
        self.first = lines[0].index if lines else 0
        self.flags = bytearray(lines[-1].index - self.first + 1 if lines else 0)

    def add(self, index: int) -> None:
        self.flags[index - self.first] = 1

    def update(self, indexes: Iterable[int]) -> None:
        for index in indexes:
            self.flags[index - self.first] = 1


# One layout family: finds the persons of the annex's content lines, marking the lines it takes.
_Family = Callable[[list[Line], _Taken, _Persons], None]


def _without_marks(name: str) -> str:
    """``name`` (stripped) without a footnote mark ("*", "(1)"). Only a name ending in one
    is searched: the pattern tried from every character of every name costs more."""
    return _MARKS.sub("", name) if name.endswith(("*", ")")) else name


def starts_with_label(text: str) -> bool:
    """Does ``text`` (a line) start with an annex label ("Address:"), stripped?"""
    return _label(text.strip()) is not None


def _label(text: str) -> re.Match[str] | None:
    """The label ("Address:") ``text`` starts with. Every label ends in a colon, which most text
    lacks: testing for one first saves trying the whole alternation."""
    return _LABEL.match(text) if ":" in text else None


def _field_of(label: re.Match[str]) -> str:
    """The field ("name", "position", "address", "citizenship") a _LABEL match gives."""
    field = label.lastgroup
    assert field is not None  # (every alternative of _LABEL is a named group)
    return field


def is_section(text: str) -> bool:
    """A section title: four letters or more, all capitals, not a label or a column heading."""
    if not text.isupper():  # (blanks and "-_=" are not letters: the stripped text's answer)
        return False
    stripped = text.strip().strip("-_=")
    return (
        stripped.isupper()  # str.isupper: no lower-case letter, and some letter
        and len(list(islice(filter(str.isalpha, stripped), 4))) == 4  # (stops at the fourth)
        and not (":" in stripped and _LABEL.search(stripped))
        and not _NAME_HEADER.match(stripped)
    )


def lower_annex(lines: list[Line], context: Context) -> Annex:
    head = lines[0]
    title = join_words([head.text])
    body = [line for line in lines[1:] if line.kind in _CONTENT_OR_BLANK]
    persons: list[AnnexPerson] = []
    families: tuple[_Family, ...] = (
        _labelled_blocks,
        _column_table,
        _indented_list,
        _address_blocks,
        _name_title_rows,
    )
    for family in families:
        taken = _Taken(lines)
        found = _Persons(context)
        family(body, taken, found)
        persons = found.close()
        if persons:
            break
    del body
    text = _prose(lines, taken) if persons else verbatim(lines[1:])
    return Annex(
        title=title or None,
        persons=tuple(persons),
        text=text,
        spans={"title": context.span(head, len(head.text) - len(head.text.lstrip()))},
    )


def _finish(person: _Person, context: Context) -> AnnexPerson:
    fields = person.fields
    position, address, citizenship = (
        fields.get("position"),
        fields.get("address"),
        fields.get("citizenship"),
    )
    return AnnexPerson(
        # Spacing inside a name is the layout's ("Ala   in M. Rochat" in a column), as in the
        # other fields: collapsed, the name reads the same in every layout.
        name=join_words([person.name]),
        section=person.section,
        position=join_words(position) if position else None,
        address=join_words(address) if address else None,
        citizenship=join_words(citizenship) if citizenship else None,
        spans={"name": context.span(person.line, person.column, person.column + len(person.name))},
    )


def _prose(lines: list[Line], taken: _Taken) -> str:
    """Paragraphs of the content lines after the annex's heading (``lines[0]``) that nothing
    else took."""
    first, flags = taken.first, taken.flags
    paragraphs: list[list[str]] = [[]]
    for line in islice(lines, 1, None):
        if line.kind in _CONTENT and not flags[line.index - first] and line.text.strip():
            paragraphs[-1].append(line.text)
        elif paragraphs[-1]:
            paragraphs.append([])
    return "\n\n".join(join_words(p) for p in paragraphs if p)


def _next_content(lines: list[Line], position: int) -> Line | None:
    """The next non-blank line after ``position`` (an index walk: slicing the rest of the annex
    for every line made long annexes quadratic)."""
    for index in range(position + 1, len(lines)):
        if lines[index].text.strip():
            return lines[index]
    return None


def _over_name_heading(lines: list[Line], position: int) -> bool:
    """A blank line follows ``position``, and the next non-blank line is a "Name" heading."""
    following = _next_content(lines, position)
    return (
        following is not None
        and _NAME_HEADER.match(following.text) is not None
        and not lines[position + 1].text.strip()
    )


def _indented_below(lines: list[Line], position: int, name_column: int) -> bool:
    """The very next line has text, indented right of the name column."""
    if position + 1 >= len(lines):
        return False
    text = lines[position + 1].text
    body = text.lstrip()
    return body != "" and len(text) - len(body) > name_column + 1


def _labelled_blocks(lines: list[Line], taken: _Taken, persons: _Persons) -> None:
    for line in lines:  # (a loop, not any(): this runs for every line of every annex)
        if ":" in line.text and _NAME_LABEL.match(line.text):  # ("name:": a cheap test first)
            break
    else:
        return  # no "Name:" label
    section: str | None = None
    key: str | None = None
    for position, line in enumerate(lines):
        text = line.text
        label = _label(text.strip())
        if label:
            kind = _field_of(label)
            value = text.strip()[label.end() :].strip()
            if kind == "name":
                persons.start(_Person(_without_marks(value), line, text.find(value), section))
                taken.add(line.index)
                key = None
            elif persons.open is not None:
                key = kind
                persons.open.add(kind, value)
                taken.add(line.index)
        elif not text.strip():
            key = None
        elif is_section(text) and key is None:
            following = _next_content(lines, position)
            if following is not None and _NAME_LABEL.match(following.text):
                section = join_words([text]).strip("-_= ")
                taken.add(line.index)
        elif persons.open is not None and key is not None:
            persons.open.add(key, text)
            taken.add(line.index)


def _column_table(lines: list[Line], taken: _Taken, persons: _Persons) -> None:
    section: str | None = None
    sections: dict[str, list[int]] = {}  # section heading -> its lines
    columns: list[tuple[int, str]] = []  # (start column, field) after the name column
    name_column: int | None = None
    key: str | None = None
    closed = False  # the last person's entry has ended (prose or a title followed it)
    first, flags = taken.first, taken.flags  # (marked in place: this runs for every line)
    for position, line in enumerate(lines):
        text = line.text
        body = text.lstrip()
        if not body:
            continue  # (a blank line is no "Name" heading either)
        lead = len(text) - len(body)
        # A "Name" column heading. Its first letter is tested first (only "n" and "N" match the
        # pattern's, even ignoring case): the regex on every line of a long annex cost a tenth
        # of its lowering.
        if body[0] in "nN" and _NAME_HEADER.match(body):
            name_column = lead
            columns = _header_columns(text)
            taken.add(line.index)
            # Column headings of two lines: the line right on the "Name" line is their top.
            if position and lines[position - 1].text.strip():
                taken.add(lines[position - 1].index)
            continue
        stripped = body.rstrip()
        # (_cells_of's test for a line of one cell, inline: this runs for every line. A line of
        # one cell is that cell, ``stripped`` at ``lead``; a line's first cell starts at ``lead``.)
        if "  " not in stripped and stripped.isprintable():
            cells = [(lead, stripped)]
            single = True
        else:
            cells = _cells_of(stripped, lead)
            single = len(cells) == 1
        # Cheap tests first: most lines are not a lone cell in capitals.
        section_like = single and stripped.isupper() and is_section(stripped)
        if section_like and _over_name_heading(lines, position):
            # "MEMBERS OF THE SUPERVISORY BOARD" a blank line over the table's "Name" heading,
            # however placed (a line right on the heading is the heading's upper line).
            section = join_words([text])
            sections.setdefault(section, []).append(line.index)
            continue
        if name_column is None:
            continue
        in_name_column = lead <= name_column + 1
        if (
            in_name_column
            and persons.open is not None
            and not closed
            and lines[position - 1].text.strip()
            and reads_as_address(cells[0][1])
        ):
            # "Name and Business Address": the person's street and city, under the name in its
            # column, go on with the person (never a person of their own).
            persons.open.add("address", cells[0][1])
            cells = cells[1:]
            in_name_column = False
        if in_name_column:
            if section_like:
                section = join_words([text])
                sections.setdefault(section, []).append(line.index)
                continue
            # A lone cell in the name column starts a person only when the person's other
            # columns go on in the very next line; otherwise it is a title or a paragraph of
            # prose standing between tables, which closes the person above instead of joining
            # its fields.
            if single and not _indented_below(lines, position, name_column):
                closed = True
                continue
            if not single or not columns or lead + len(stripped) < columns[0][0]:
                persons.start(_Person(_without_marks(cells[0][1]), line, lead, section))
                cells = cells[1:]
                key = None
                closed = False
        person = persons.open
        if person is None or closed:
            continue
        flags[line.index - first] = 1
        for start, cell in cells:
            label = _LABEL.match(cell) if ":" in cell else None  # (see _label)
            if label:
                key = _field_of(label)
                person.add(key, cell[label.end() :])
            elif key is not None:
                person.add(key, cell)
            else:
                person.add(_column_field(columns, start), cell)
    _use_sections(persons, sections, taken)


def _use_sections(persons: _Persons, sections: dict[str, list[int]], taken: _Taken) -> None:
    """Section headings some person stands under are taken; the others (a heading over the whole
    annex, say) stay prose."""
    named = {person.section for person in persons.finished}
    if persons.open is not None:
        named.add(persons.open.section)
    taken.update(i for section, indexes in sections.items() if section in named for i in indexes)


_CELL_AND_GAP = SHAPES["CELL_AND_GAP"]


def _cells(text: str) -> list[tuple[int, str]]:
    """The cells of a line (text separated by two blanks or more, or by a blank other than a
    space), with their columns."""
    return _cells_of(text.strip(), len(text) - len(text.lstrip()))


def _cells_of(stripped: str, column: int) -> list[tuple[int, str]]:
    """The cells of a line, given stripped, which starts at ``column``."""
    # Most lines are one cell: no two spaces in a row, and no other blank (every blank but
    # the space is unprintable), the regex is not needed.
    if "  " not in stripped and stripped.isprintable():
        return [(column, stripped)] if stripped else []
    cells = []
    for cell, gap in _CELL_AND_GAP.findall(stripped):
        cells.append((column, cell))
        column += len(cell) + len(gap)
    return cells


def _header_columns(text: str) -> list[tuple[int, str]]:
    columns = []
    for start, cell in _cells(text)[1:]:
        lowered = cell.lower()
        if "citizen" in lowered:
            kind = "citizenship"
        elif "address" in lowered and "occupation" not in lowered:
            kind = "address"
        else:
            kind = "position"
        columns.append((start, kind))
    return columns


def _column_field(columns: list[tuple[int, str]], start: int) -> str:
    kind = "position"
    for column, name in columns:
        if start >= column - 2:
            kind = name
    return kind


class _Records:
    """A family's persons and taken lines as compiler.lower.annex_records fills them."""

    __slots__ = ("persons", "taken")

    def __init__(self, taken: _Taken, persons: _Persons) -> None:
        self.taken, self.persons = taken, persons

    @property
    def open(self) -> _Person | None:
        return self.persons.open

    def start_person(self, name: str, line: Line, column: int) -> None:
        self.persons.start(_Person(_without_marks(name), line, column, None))

    def take(self, index: int) -> None:
        self.taken.add(index)


def _address_blocks(lines: list[Line], taken: _Taken, persons: _Persons) -> None:
    address_blocks(lines, _Records(taken, persons))


def _name_title_rows(lines: list[Line], taken: _Taken, persons: _Persons) -> None:
    name_title_rows(lines, _Records(taken, persons))


def _name_above(content: list[Line], position: int, lead: int, persons: _Persons) -> bool:
    """The line above ``position`` is a name at indentation ``lead`` no entry has taken."""
    above = content[position - 1]
    text = above.text
    opened = persons.open
    return (
        len(text) - len(text.lstrip()) == lead
        and is_name(text)
        and not (opened is not None and opened.line.index == above.index)
    )


def _indented_list(lines: list[Line], taken: _Taken, persons: _Persons) -> None:
    section: str | None = None
    sections: dict[str, list[int]] = {}
    content = [line for line in lines if line.text.strip()]
    for position, line in enumerate(content):
        text = line.text
        lead = len(text) - len(text.lstrip())
        following = content[position + 1] if position + 1 < len(content) else None
        if is_section(text):
            section = join_words([text]).strip("-_= ")
            sections.setdefault(section, []).append(line.index)
            continue
        if set(text.strip()) <= set("-_="):
            taken.add(line.index)
            continue
        next_lead = len(following.text) - len(following.text.lstrip()) if following else -1
        words = text.split()
        address = reads_as_address(text)
        if (
            address
            and position
            and next_lead > lead + 2
            and _name_above(content, position, lead, persons)
        ):
            # "c/o ..." under a name at the same indentation, the rest of the address indented
            # below it: the name above is the person, this line its address (never a person).
            above = content[position - 1]
            persons.start(_Person(_without_marks(above.text.strip()), above, lead, section))
            taken.add(above.index)
            if persons.open is not None:
                persons.open.add("address", text)
            taken.add(line.index)
        elif (
            next_lead > lead + 2
            and len(words) <= 6
            and not text.rstrip().endswith(".")
            and not address
        ):
            persons.start(_Person(_without_marks(text.strip()), line, lead, section))
            taken.add(line.index)
        elif persons.open is not None and lead > persons.open.column + 2:
            persons.open.add("address" if address else "position", text)
            taken.add(line.index)
    _use_sections(persons, sections, taken)
