"""Lowering of annexes and schedules that list persons (directors, officers, partners).

Five layout families, tried in this order on the lines of one annex, each a form of the record
grammar, ``grammar/annex.lark`` (which says what a person's record is):
- labelled blocks: "Name:" starts a person, "Position:", "Address:", "Citizenship:" follow, with
  continuation lines under the value column (:mod:`compiler.lower.annex_labelled`);
- column tables: a heading line whose first cell is "Name" (EDGAR <TABLE> markup or plain text);
  a line with text in the name column starts a person, the other columns (or "Label:" cells in
  them, as in the seed filing) fill its fields, continuation lines add to them
  (:mod:`compiler.lower.annex_table`);
- indented lists: a short name line followed by more deeply indented description lines
  (:mod:`compiler.lower.annex_indented`);
- address blocks and name-and-title rows: a name and its lines, or its cells in columns
  (:mod:`compiler.lower.annex_records`).
Section headings (lines in capitals, such as "MEMBERS OF THE SUPERVISORY BOARD") name the section
of the persons under them: in a table, the one right above its "Name" heading; among labelled
blocks, the one right above a "Name:" line (a heading over an introduction titles the annex).

``Annex.text`` is the annex's prose: the lines no person entry, heading or section took (its
title lines, the introduction, notes), as paragraphs. An annex without persons keeps its text as
written (its layout may be a table of something else).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import islice

from compiler.ir import Annex, AnnexPerson
from compiler.lower.annex_indented import indented_list
from compiler.lower.annex_labelled import labelled_blocks
from compiler.lower.annex_records import Found, address_blocks, name_title_rows, shape
from compiler.lower.annex_table import column_table
from compiler.lower.body import verbatim
from compiler.lower.lines import Context, Line, join_words

_MARKS = shape("ANNEX_MARKS")
_CITIZEN_SENTENCE = shape("ANNEX_CITIZEN_SENTENCE")
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


# One layout family, a form of the record grammar: finds the persons of the annex's content
# lines, marking the lines it takes.
_Family = Callable[[list[Line], Found], None]
_FAMILIES: tuple[_Family, ...] = (
    labelled_blocks,
    column_table,
    indented_list,
    address_blocks,
    name_title_rows,
)


def _without_marks(name: str) -> str:
    """``name`` (stripped) without a footnote mark ("*", "(1)"). Only a name ending in one
    is searched: the pattern tried from every character of every name costs more."""
    return _MARKS.sub("", name) if name.endswith(("*", ")")) else name


def lower_annex(lines: list[Line], context: Context) -> Annex:
    head = lines[0]
    title = join_words([head.text])
    body = [line for line in lines[1:] if line.kind in _CONTENT_OR_BLANK]
    persons: list[AnnexPerson] = []
    for family in _FAMILIES:
        taken = _Taken(lines)
        found = _Persons(context)
        family(body, _Records(taken, found))
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
    if not citizenship:
        # A citizenship sentence closing the title or the address ("Director. Citizen of
        # Switzerland.") is the person's citizenship, whatever form put it there.
        position, citizenship = _citizenship_from(position)
    if not citizenship:
        address, citizenship = _citizenship_from(address)
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


def _citizenship_from(text: list[str] | None) -> tuple[list[str] | None, list[str] | None]:
    """``text`` without the citizenship sentence that ends it, and that citizenship's place."""
    if not text:
        return text, None
    joined = join_words(text)
    found = _CITIZEN_SENTENCE.search(joined)
    if found is None:
        return text, None
    rest = joined[: found.start()].strip()
    return ([rest] if rest else None), [found.group("place").strip()]


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


class _Records:
    """A family's persons and taken lines, as the families fill them (annex_records.Found)."""

    __slots__ = ("persons", "taken")

    def __init__(self, taken: _Taken, persons: _Persons) -> None:
        self.taken, self.persons = taken, persons

    @property
    def open(self) -> _Person | None:
        return self.persons.open

    def start_person(self, name: str, line: Line, column: int, section: str | None = None) -> None:
        self.persons.start(_Person(_without_marks(name), line, column, section))

    def take(self, index: int) -> None:
        self.taken.add(index)
