"""Two more layout families of annex person lists (see :mod:`compiler.lower.annex`), for lists
without labels, column headings or indentation:

- address blocks: a name on its own line, then the lines that belong to it -- "c/o ...", a
  street, a city, a citizenship ("United States citizen"), a title -- up to a blank line;
- name-and-title rows: a name and, two spaces or more to its right, a title with a word of
  office ("Director", "Chief Executive Officer", "General Partner").

A block or row is a person only when its first cell reads as a person's name (two to seven
capitalized words or initials, particles such as "de" or "van" allowed) and what follows it
reads as an address, a citizenship or an office: a paragraph of prose is neither.
"""

from __future__ import annotations

from typing import Protocol

from compiler.frontend.terminals import line_shapes
from compiler.lower.lines import CELL_GAP, Line

SHAPES = line_shapes()  # the grammar's terminals (grammar/*.lark)
_NAME = SHAPES["ANNEX_RECORD_NAME"]
_SUFFIX = SHAPES["NAME_SUFFIX"]
_ADDRESS = SHAPES["ANNEX_ADDRESS"]
_CITIZEN = SHAPES["ANNEX_CITIZEN"]
_OFFICE = SHAPES["ANNEX_OFFICE"]


class Person(Protocol):
    """What the families fill: annex.py's person under construction."""

    def add(self, key: str, text: str) -> None: ...


class Found(Protocol):
    """annex.py's list of persons found (``_Persons``) and taken lines (``_Taken``)."""

    @property
    def open(self) -> Person | None: ...

    def start_person(self, name: str, line: Line, column: int) -> None: ...

    def take(self, index: int) -> None: ...


_LISTS_PERSONS = SHAPES["ANNEX_LISTS_PERSONS"]


def announces_persons(text: str) -> bool:
    """``text`` (an annex's title and first paragraph) says the annex lists persons."""
    return bool(_LISTS_PERSONS.search(text))


def is_name(text: str) -> bool:
    """A person's name: capitalized words and initials, a suffix allowed ("Jr.", "3d")."""
    text = _SUFFIX.sub("", text.strip())
    return bool(_NAME.match(text)) and any(c.islower() for c in text)


def reads_as_address(text: str) -> bool:
    """A line of an address ("c/o ...", "1 Main Street", "Springfield, IL 62701"), never a name."""
    return bool(_ADDRESS.search(text.strip()))


def _field(text: str) -> tuple[str, str] | None:
    """(field, value) of a line under a name in an address block; None for other text."""
    citizen = _CITIZEN.match(text)
    if citizen:
        return "citizenship", (citizen.group("a") or citizen.group("b")).strip(" .:")
    if _ADDRESS.search(text):
        return "address", text
    if _OFFICE.search(text) and not text.endswith("."):
        return "position", text
    return None


def _blocks(lines: list[Line]) -> list[list[Line]]:
    blocks: list[list[Line]] = [[]]
    for line in lines:
        if line.text.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block]


def address_blocks(lines: list[Line], found: Found) -> None:
    """Persons of the address-block family, into ``found``."""
    for block in _blocks(lines):
        head, rest = block[0], block[1:]
        fields = [_field(line.text.strip()) for line in rest]
        if not rest or not is_name(head.text) or any(f is None for f in fields):
            continue
        if not any(f is not None and f[0] in ("address", "citizenship") for f in fields):
            continue
        found.start_person(head.text.strip(), head, len(head.text) - len(head.text.lstrip()))
        found.take(head.index)
        for line, field in zip(rest, fields, strict=True):
            if field is not None and found.open is not None:
                found.open.add(field[0], field[1])
                found.take(line.index)


def name_title_rows(lines: list[Line], found: Found) -> None:
    """Persons of the name-and-title family, into ``found``; at least two such rows make the
    list (one line with a name and an office may be a sentence's fragment)."""
    rows: list[tuple[Line, str, str]] = []
    for line in lines:
        cells = [cell for cell in CELL_GAP.split(line.text.strip()) if cell]
        if len(cells) == 2 and is_name(cells[0]) and _OFFICE.search(cells[1]):
            rows.append((line, cells[0], cells[1]))
    if len(rows) < 2:
        return
    for line, name, title in rows:
        found.start_person(name, line, len(line.text) - len(line.text.lstrip()))
        found.take(line.index)
        if found.open is not None:
            found.open.add("position", title)
