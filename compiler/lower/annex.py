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
from dataclasses import dataclass, field
from itertools import islice

from compiler.ir import Annex, AnnexPerson, Span
from compiler.lower.body import verbatim
from compiler.lower.lines import Context, Line, join_words

_LABEL = re.compile(
    r"(?P<label>name|position|title|address|business\s+address|residence\s+address|"
    r"(?:present\s+)?principal\s+occupation(?:\s+or\s+employment)?|occupation|citizenship)\s*:",
    re.IGNORECASE,
)
_NAME_HEADER = re.compile(r"^\s*name\b(?!\s*:)", re.IGNORECASE)
_NAME_LABEL = re.compile(r"^\s*name\s*:", re.IGNORECASE)
_MARKS = re.compile(r"\s*(?:\*+|\(\d\))\s*$")
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


def _is_name_heading(body: str) -> bool:
    """A "Name" column heading, ``body`` being a line without its indentation. Its first letter
    is tested first (only "n" and "N" match the pattern's, even ignoring case): trying the regex
    on every line of a long annex cost a tenth of its lowering."""
    return body[:1] in ("n", "N") and _NAME_HEADER.match(body) is not None


def _label(text: str) -> re.Match[str] | None:
    """The label ("Address:") ``text`` starts with. Every label ends in a colon, which most text
    lacks: testing for one first saves trying the whole alternation."""
    return _LABEL.match(text) if ":" in text else None


def _field_for(label: str) -> str:
    label = label.lower()
    if "citizen" in label:
        return "citizenship"
    if "address" in label:
        return "address"
    if label == "name":
        return "name"
    return "position"


def _is_section(text: str) -> bool:
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
    persons: list[_Person] = []
    used: set[int] = set()
    for family in (_labelled_blocks, _column_table, _indented_list):
        used = set()
        persons = family(body, used)
        if persons:
            break
    # The working lists go before the persons are finished, and each person once it is: the
    # texts of its fields would otherwise stand beside the finished ones (the peak of the memory
    # a long annex's lowering takes).
    del body
    text = _prose(lines[1:], used) if persons else verbatim(lines[1:])
    del used
    persons.reverse()
    finished: list[AnnexPerson] = []
    while persons:
        finished.append(_finish(persons.pop(), context))
    return Annex(
        title=title or None,
        persons=tuple(finished),
        text=text,
        spans={"title": context.span(head, len(head.text) - len(head.text.lstrip()))},
    )


def _finish(person: _Person, context: Context) -> AnnexPerson:
    def value(key: str) -> str | None:
        parts = person.fields.get(key)
        return join_words(parts) if parts else None

    spans: dict[str, Span] = {
        "name": context.span(person.line, person.column, person.column + len(person.name))
    }
    return AnnexPerson(
        name=person.name,
        section=person.section,
        position=value("position"),
        address=value("address"),
        citizenship=value("citizenship"),
        spans=spans,
    )


def _prose(lines: list[Line], used: set[int]) -> str:
    """Paragraphs of the content lines nothing else took."""
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if line.kind in _CONTENT and line.index not in used and line.text.strip():
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


def _labelled_blocks(lines: list[Line], used: set[int]) -> list[_Person]:
    # ("name:" needs a colon: a cheap test first.)
    if not any(":" in line.text and _NAME_LABEL.match(line.text) for line in lines):
        return []
    persons: list[_Person] = []
    section: str | None = None
    key: str | None = None
    for position, line in enumerate(lines):
        text = line.text
        label = _label(text.strip())
        if label:
            kind = _field_for(label.group("label"))
            value = text.strip()[label.end() :].strip()
            if kind == "name":
                name = _MARKS.sub("", value)
                persons.append(_Person(name, line, text.find(value), section))
                used.add(line.index)
                key = None
            elif persons:
                key = kind
                persons[-1].add(kind, value)
                used.add(line.index)
        elif not text.strip():
            key = None
        elif _is_section(text) and key is None:
            following = _next_content(lines, position)
            if following is not None and _NAME_LABEL.match(following.text):
                section = join_words([text]).strip("-_= ")
                used.add(line.index)
        elif persons and key is not None:
            persons[-1].add(key, text)
            used.add(line.index)
    return persons


def _column_table(lines: list[Line], used: set[int]) -> list[_Person]:
    persons: list[_Person] = []
    section: str | None = None
    sections: dict[str, list[int]] = {}  # section heading -> its lines
    columns: list[tuple[int, str]] = []  # (start column, field) after the name column
    name_column: int | None = None
    key: str | None = None
    closed = False  # the last person's entry has ended (prose or a title followed it)
    for position, line in enumerate(lines):
        text = line.text
        body = text.lstrip()
        if not body:
            continue  # (a blank line is no "Name" heading either)
        lead = len(text) - len(body)
        if _is_name_heading(body):
            name_column = lead
            columns = _header_columns(text)
            used.add(line.index)
            # Column headings of two lines: the line right on the "Name" line is their top.
            if position and lines[position - 1].text.strip():
                used.add(lines[position - 1].index)
            continue
        cells = _cells_of(body.rstrip(), lead)
        # Cheap tests first: most lines are not a lone cell in capitals.
        section_like = len(cells) == 1 and _is_section(cells[0][1])  # (the line, stripped)
        if section_like and _over_name_heading(lines, position):
            # "MEMBERS OF THE SUPERVISORY BOARD" a blank line over the table's "Name" heading,
            # however placed (a line right on the heading is the heading's upper line).
            section = join_words([text])
            sections.setdefault(section, []).append(line.index)
            continue
        if name_column is None:
            continue
        in_name_column = lead <= name_column + 1
        if in_name_column and section_like:
            section = join_words([text])
            sections.setdefault(section, []).append(line.index)
            continue
        # A lone cell in the name column starts a person only when the person's other columns
        # go on in the very next line; otherwise it is a title or a paragraph of prose standing
        # between tables, which closes the person above instead of joining its fields.
        if in_name_column and len(cells) == 1 and not _indented_below(lines, position, name_column):
            closed = True
            continue
        starts_person = (
            in_name_column
            and bool(cells)
            and (len(cells) > 1 or not columns or cells[0][0] + len(cells[0][1]) < columns[0][0])
        )
        if starts_person:
            name = _MARKS.sub("", cells[0][1])
            persons.append(_Person(name, line, cells[0][0], section))
            cells = cells[1:]
            key = None
            closed = False
        if not persons or closed:
            continue
        used.add(line.index)
        person = persons[-1]
        for start, cell in cells:
            label = _label(cell)
            if label:
                key = _field_for(label.group("label"))
                person.add(key, cell[label.end() :])
            elif key is not None:
                person.add(key, cell)
            else:
                person.add(_column_field(columns, start), cell)
    _use_sections(persons, sections, used)
    return persons


def _use_sections(persons: list[_Person], sections: dict[str, list[int]], used: set[int]) -> None:
    """Section headings some person stands under are taken; the others (a heading over the whole
    annex, say) stay prose."""
    named = {person.section for person in persons}
    used.update(i for section, indexes in sections.items() if section in named for i in indexes)


# A cell and the blanks after it, in a stripped line (findall makes no match objects).
_CELL_AND_GAP = re.compile(r"(\S+(?: \S+)*)(\s*+)")


def _cells(text: str) -> list[tuple[int, str]]:
    """The cells of a line (text separated by two blanks or more, or by a blank other than a
    space), with their columns."""
    return _cells_of(text.strip(), len(text) - len(text.lstrip()))


def _cells_of(stripped: str, column: int) -> list[tuple[int, str]]:
    """The cells of a line, given stripped, which starts at ``column``."""
    # Most lines are one cell: no two spaces in a row, and no other blank (every blank but
    # the space is unprintable), the regex is not needed.
    if stripped.isprintable() and "  " not in stripped:
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


def _indented_list(lines: list[Line], used: set[int]) -> list[_Person]:
    persons: list[_Person] = []
    section: str | None = None
    sections: dict[str, list[int]] = {}
    content = [line for line in lines if line.text.strip()]
    for position, line in enumerate(content):
        text = line.text
        lead = len(text) - len(text.lstrip())
        following = content[position + 1] if position + 1 < len(content) else None
        if _is_section(text):
            section = join_words([text]).strip("-_= ")
            sections.setdefault(section, []).append(line.index)
            continue
        if set(text.strip()) <= set("-_="):
            used.add(line.index)
            continue
        next_lead = len(following.text) - len(following.text.lstrip()) if following else -1
        words = text.split()
        if next_lead > lead + 2 and len(words) <= 6 and not text.rstrip().endswith("."):
            persons.append(_Person(_MARKS.sub("", text.strip()), line, lead, section))
            used.add(line.index)
        elif persons and lead > persons[-1].column + 2:
            persons[-1].add("position", text)
            used.add(line.index)
    _use_sections(persons, sections, used)
    return persons
