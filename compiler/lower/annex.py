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


@dataclass(slots=True)
class _Person:
    name: str
    line: Line
    column: int
    section: str | None
    fields: dict[str, list[str]] = field(default_factory=dict)

    def add(self, key: str, text: str) -> None:
        if text.strip():
            self.fields.setdefault(key, []).append(text.strip())


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
    stripped = text.strip().strip("-_=")
    return (
        stripped.isupper()  # str.isupper: no lower-case letter, and some letter
        and sum(c.isalpha() for c in stripped) >= 4
        and not _LABEL.search(stripped)
        and not _NAME_HEADER.match(stripped)
    )


def lower_annex(lines: list[Line], context: Context) -> Annex:
    head = lines[0]
    title = join_words([head.text])
    body = [line for line in lines[1:] if line.kind in _CONTENT or line.kind == "BLANK"]
    persons: list[_Person] = []
    used: set[int] = set()
    for family in (_labelled_blocks, _column_table, _indented_list):
        used = set()
        persons = family(body, used)
        if persons:
            break
    return Annex(
        title=title or None,
        persons=tuple(_finish(p, context) for p in persons),
        text=_prose(lines[1:], used) if persons else verbatim(lines[1:]),
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


def _labelled_blocks(lines: list[Line], used: set[int]) -> list[_Person]:
    if not any(_NAME_LABEL.match(line.text) for line in lines):
        return []
    persons: list[_Person] = []
    section: str | None = None
    key: str | None = None
    for position, line in enumerate(lines):
        text = line.text
        label = _LABEL.match(text.strip())
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
        if _NAME_HEADER.match(text):
            name_column = len(text) - len(text.lstrip())
            columns = _header_columns(text)
            used.add(line.index)
            # Column headings of two lines: the line right on the "Name" line is their top.
            if position and lines[position - 1].text.strip():
                used.add(lines[position - 1].index)
            continue
        if not text.strip():
            continue
        lead = len(text) - len(text.lstrip())
        cells = _cells(text)
        following = _next_content(lines, position)
        if (
            _is_section(text)
            and len(cells) == 1
            and following is not None
            and _NAME_HEADER.match(following.text)
            and not lines[position + 1].text.strip()
        ):
            # "MEMBERS OF THE SUPERVISORY BOARD" a blank line over the table's "Name" heading,
            # however placed (a line right on the heading is the heading's upper line).
            section = join_words([text])
            sections.setdefault(section, []).append(line.index)
            continue
        if name_column is None:
            continue
        if lead <= name_column + 1 and _is_section(text) and len(cells) == 1:
            section = join_words([text])
            sections.setdefault(section, []).append(line.index)
            continue
        first_end = cells[0][0] + len(cells[0][1]) if cells else 0
        # A lone cell in the name column starts a person only when the person's other columns
        # go on in the very next line; otherwise it is a title or a paragraph of prose standing
        # between tables, which closes the person above instead of joining its fields.
        nearby = lines[position + 1] if position + 1 < len(lines) else None
        continues = (
            nearby is not None
            and nearby.text.strip() != ""
            and len(nearby.text) - len(nearby.text.lstrip()) > name_column + 1
        )
        if lead <= name_column + 1 and len(cells) == 1 and not continues:
            closed = True
            continue
        starts_person = (
            lead <= name_column + 1
            and bool(cells)
            and (len(cells) > 1 or not columns or first_end < columns[0][0])
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
        for start, cell in cells:
            label = _LABEL.match(cell)
            if label:
                key = _field_for(label.group("label"))
                persons[-1].add(key, cell[label.end() :])
            elif key is not None:
                persons[-1].add(key, cell)
            else:
                persons[-1].add(_column_field(columns, start), cell)
    _use_sections(persons, sections, used)
    return persons


def _use_sections(persons: list[_Person], sections: dict[str, list[int]], used: set[int]) -> None:
    """Section headings some person stands under are taken; the others (a heading over the whole
    annex, say) stay prose."""
    named = {person.section for person in persons}
    used.update(i for section, indexes in sections.items() if section in named for i in indexes)


def _cells(text: str) -> list[tuple[int, str]]:
    cells = []
    for match in re.finditer(r"\S+(?: \S+)*", text):
        cells.append((match.start(), match.group(0)))
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
