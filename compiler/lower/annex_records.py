"""Annex person records by the record grammar, ``grammar/annex.lark`` (see there what a record
is): its parser and line classes, shared by every form, and the two last layout families of
:mod:`compiler.lower.annex`, for lists without labels, column headings or indentation, in list
form (a name, then a line for each thing that belongs to it) or column form (a name and its
title in cells of one row, which may wrap).

For those two, the annex is cut into paragraphs; each line (list form) or cell (column form)
gets its class, the grammar's token; a paragraph whose tokens parse is its persons, the fields
coming from the rules the tokens stand in (``address``, ``citizenship``, ``position``,
``employer``). The parse depends on the classes only, so it is made once per distinct sequence
of them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from lark import Lark, Token, Tree
from lark.exceptions import LarkError

from compiler.edgar_codes import code_of
from compiler.frontend.kind_lexer import kind_parser
from compiler.frontend.lalr_driver import LeanKindParser
from compiler.frontend.terminals import compile_terminals
from compiler.lower.lines import CELL_GAP, Line
from compiler.resources import read_grammar

GRAMMAR_FILE = "annex.lark"
START_RULES = ("records", "rows", "labelled", "indented", "column_table")


@functools.cache
def _classes() -> dict[str, re.Pattern[str]]:
    """The grammar's terminals, compiled (once per process; kept in the cache directory)."""
    return compile_terminals(read_grammar(GRAMMAR_FILE), f"grammar/{GRAMMAR_FILE}")


def shape(name: str) -> re.Pattern[str]:
    """The terminal ``name`` of grammar/annex.lark ("ANNEX_ADDRESS"), as a compiled regexp."""
    return _classes()[name]


class Person(Protocol):
    """What the families fill: annex.py's person under construction."""

    def add(self, key: str, text: str) -> None: ...


class Found(Protocol):
    """What a family fills: annex.py's persons found and lines taken (its ``_Records``)."""

    @property
    def open(self) -> Person | None: ...

    def start_person(
        self, name: str, line: Line, column: int, section: str | None = None
    ) -> None: ...

    def take(self, index: int) -> None: ...


def announces_persons(text: str) -> bool:
    """``text`` (an annex's title and first paragraph) says the annex lists persons."""
    return bool(shape("ANNEX_LISTS_PERSONS").search(text))


def is_name(text: str) -> bool:
    """A person's name: capitalized words and initials, a suffix allowed ("Jr.", "3d")."""
    text = shape("NAME_SUFFIX").sub("", text.strip())
    return bool(shape("ANNEX_NAME").match(text)) and any(c.islower() for c in text)


def reads_as_address(text: str) -> bool:
    """A line of an address ("c/o ...", "1 Main Street", "Springfield, IL 62701"), never a name."""
    return bool(shape("ANNEX_ADDRESS").search(text.strip()))


def ends_address(text: str) -> bool:
    """A city and its state or country, no postal code ("London, England", "Dallas, Texas"): an
    address's last line, where it goes on with an address line right above it."""
    found = shape("ANNEX_CITY_PLACE").match(text.strip())
    return found is not None and code_of(found.group("place")) is not None


_ADDRESS_KINDS = frozenset({"ADDRESS", "CARE_OF"})


def classify(text: str) -> tuple[str, str]:
    """The class of a stripped line or cell (the grammar's token) and the text it gives: a
    citizenship gives its place alone ("United States citizen" -> "United States")."""
    citizen = shape("ANNEX_CITIZEN").match(text)
    if citizen:
        return "CITIZEN", (citizen.group("a") or citizen.group("b")).strip(" .:")
    if shape("ANNEX_CARE_OF").match(text):
        return "CARE_OF", text
    if shape("ANNEX_ADDRESS").search(text):
        return "ADDRESS", text
    if shape("ANNEX_OFFICE").search(text) and not text.endswith("."):
        return "OFFICE", text
    if shape("ANNEX_EMPLOYER").match(text):
        return "EMPLOYER", text
    if is_name(text):
        return "NAME", text
    return "TEXT", text


@dataclass(slots=True)
class Piece:
    """One token of a paragraph: its class, the text it gives, its line and column."""

    kind: str
    text: str
    line: Line
    column: int


def list_pieces(paragraph: list[Line]) -> list[Piece]:
    """List form: a token per line."""
    pieces: list[Piece] = []
    for line in paragraph:
        kind, text = classify(line.text.strip())
        if pieces and pieces[-1].kind in _ADDRESS_KINDS and ends_address(text):
            kind = "ADDRESS"  # (a city and its country under a street: "London, England")
        pieces.append(Piece(kind, text, line, len(line.text) - len(line.text.lstrip())))
    return pieces


def row_pieces(paragraph: list[Line]) -> list[Piece]:
    """Column form: a token per cell; a line whose first cell stands right of the paragraph's
    left edge (the name column) is a wrapped line: WRAP, then MORE for each of its cells."""
    edge = min(len(line.text) - len(line.text.lstrip()) for line in paragraph)
    pieces = []
    for line in paragraph:
        cells = _cells(line.text)
        if cells[0][0] > edge + 1:
            pieces.append(Piece("WRAP", "", line, cells[0][0]))
            pieces += [Piece("MORE", cell, line, start) for start, cell in cells]
            continue
        named = _name_colon(cells[0][1])
        if named is not None:
            # "Anita K. Rao:  Chief Financial Officer": the colon ends the name's cell.
            (first, cell), (name, rest) = cells[0], named
            pieces.append(Piece("NAME", name, line, first))
            after = [] if rest is None else [(first + cell.index(rest, len(name)), rest)]
            cells = after + cells[1:]
        for start, cell in cells:
            kind, text = classify(cell)
            pieces.append(Piece(kind, text, line, start))
    return pieces


def _name_colon(cell: str) -> tuple[str, str | None] | None:
    """A cell that opens with a name ended by a colon: the name, and the text after the colon
    (None when the cell ends there); None for any other cell, a label ("Title:") among them."""
    found = shape("ANNEX_NAME_COLON").match(cell) if ":" in cell else None
    if found is None or shape("ANNEX_LABEL").match(cell) or not is_name(found.group("name")):
        return None
    return found.group("name"), found.group("rest")


def _cells(text: str) -> list[tuple[int, str]]:
    """The cells of a line (text between gaps of two blanks or more), with their columns."""
    cells, column = [], 0
    for gap in CELL_GAP.finditer(text):
        if text[column : gap.start()].strip():
            cells.append((column, text[column : gap.start()].strip()))
        column = gap.end()
    if text[column:].strip():
        cells.append((column, text[column:].strip()))
    return cells


@functools.cache
def build_record_parser(*, strict: bool = False) -> Lark:
    """The record grammar's LALR parser, built once per process and cached on disk;
    ``strict=True`` makes a conflict an error (never cached, so the check runs)."""
    return kind_parser(GRAMMAR_FILE, START_RULES, strict=strict)


@functools.cache
def _lean_record_parser() -> LeanKindParser:
    return LeanKindParser(build_record_parser())


def parse_records(
    kinds: Sequence[str],
    start: str,
    reduced: Mapping[str, Callable[[Tree[Token]], object]] | None = None,
) -> Tree[Token]:
    """The tree the rule ``start`` of the record grammar gives ``kinds`` (Lark's tables, run by
    LeanKindParser: see lalr_driver); raises Lark's error when they do not parse. ``reduced``:
    see LeanKindParser.parse."""
    tree: Tree[Token] = _lean_record_parser().parse(start, kinds, reduced)
    return tree


# A record: the index of its name token, then (field, token index) for each token of it.
Record = tuple[int, tuple[tuple[str, int], ...]]


# A paragraph's persons: each name's piece and its (field, text) pairs.
Persons = list[tuple[Piece, list[tuple[str, str]]]]


@functools.lru_cache(maxsize=1024)
def parse_kinds(start: str, kinds: tuple[str, ...]) -> tuple[Record, ...] | None:
    """The records the rule ``start`` reads from a paragraph's token kinds; None when the
    paragraph is not of that form."""
    try:
        tree = parse_records(kinds, start)
    except LarkError:
        return None
    records: list[Record] = []
    for record in tree.children:
        if not isinstance(record, Tree):
            continue
        name, fields = 0, []
        for part in record.iter_subtrees():
            tokens = [t for t in part.children if isinstance(t, Token) and t.type != "WRAP"]
            for token in tokens:
                if part.data == "name":
                    name = token.start_pos or 0
                else:
                    fields.append((str(part.data), token.start_pos or 0))
        records.append((name, tuple(sorted(fields, key=lambda field: field[1]))))
    return tuple(records)


def read_paragraph(start: str, pieces: list[Piece]) -> Persons:
    """The persons of a paragraph's ``pieces`` by the rule ``start``: each name's piece and its
    (field, text) pairs; empty when the paragraph is not of that form. A wrapped cell goes on
    with the field of the row's cell it stands under (the rightmost starting left of it)."""
    records = parse_kinds(start, tuple(piece.kind for piece in pieces))
    persons: Persons = []
    for name, fields in records or ():
        columns: list[tuple[int, str]] = []
        found: list[tuple[str, str]] = []
        for rule, index in fields:
            piece = pieces[index]
            if rule == "more":
                field = _under(columns, piece.column)
            else:
                field = "position" if rule == "employer" else rule  # (an employer: the title's)
                if piece.line is pieces[name].line:
                    columns.append((piece.column, field))
            found.append((field, piece.text))
        persons.append((pieces[name], found))
    return persons


def _under(columns: list[tuple[int, str]], column: int) -> str:
    """The field of the row's cell that a wrapped cell at ``column`` stands under."""
    field = "position"
    for start, name in columns:
        if start <= column + 2:
            field = name
    return field


def paragraphs(lines: list[Line]) -> list[list[Line]]:
    """The runs of non-blank lines."""
    found: list[list[Line]] = [[]]
    for line in lines:
        if line.text.strip():
            found[-1].append(line)
        elif found[-1]:
            found.append([])
    return [paragraph for paragraph in found if paragraph]


def _take(found: Found, paragraph: list[Line], persons: Persons) -> None:
    """A paragraph's persons into ``found``; its lines are all theirs."""
    for piece, fields in persons:
        found.start_person(piece.text, piece.line, piece.column)
        for field, text in fields:
            if found.open is not None:
                found.open.add(field, text)
    for line in paragraph:
        found.take(line.index)


def address_blocks(lines: list[Line], found: Found) -> None:
    """Persons in list form (the grammar's ``records``), into ``found``."""
    for paragraph in paragraphs(lines):
        persons = read_paragraph("records", list_pieces(paragraph))
        if persons:
            _take(found, paragraph, persons)


def name_title_rows(lines: list[Line], found: Found) -> None:
    """Persons in column form (the grammar's ``rows``), into ``found``; at least two rows make
    the list (one line with a name and an office may be a sentence's fragment)."""
    read = [(p, read_paragraph("rows", row_pieces(p))) for p in paragraphs(lines)]
    if sum(len(persons) for _, persons in read) < 2:
        return
    for paragraph, persons in read:
        if persons:
            _take(found, paragraph, persons)


def unread_record(lines: list[Line]) -> Line | None:
    """The name line of the first paragraph that opens like a record, in list form (a name, then
    an address or citizenship line) or with a name ended by a colon and a title after it
    ("Anita K. Rao:  Treasurer"), but that the grammar does not read: where an annex whose
    lines give no person went wrong."""
    for paragraph in paragraphs(lines):
        pieces = list_pieces(paragraph[:2])
        kinds = [piece.kind for piece in pieces]
        if kinds[:1] == ["NAME"] and kinds[1:2] in (["CARE_OF"], ["ADDRESS"], ["CITIZEN"]):
            return paragraph[0]
        if _name_colon(paragraph[0].text.strip()) is not None:
            kinds = [piece.kind for piece in row_pieces(paragraph[:1])]
            if kinds[1:2] in (["OFFICE"], ["EMPLOYER"]):
                return paragraph[0]
    return None
