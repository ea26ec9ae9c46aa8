"""Lowering of cover pages: the 14 rows of one reporting person -> ReportingPerson.

Rows are identified by their caption (the lexer made each row head a terminal of its own). The
value of a row is what follows its caption: on the caption line, on the lines below, or in a
right-hand column; the left-hand "NUMBER OF SHARES BENEFICIALLY OWNED..." label beside rows 7-10,
table bars, rules and dot leaders are removed first.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from functools import partial
from typing import cast

from lark import Token, Tree
from lark.visitors import Interpreter

from compiler.diagnostic_codes import Code
from compiler.frontend.cover_tokens import Piece, read_row, tokenize_row
from compiler.frontend.terminals import line_shapes
from compiler.frontend.values import (
    find_boxes,
    parse_codes,
    parse_group_boxes,
    parse_percent,
    parse_shares,
    says_no_code,
)
from compiler.ir import MemberOfGroup, PersonType, ReportingPerson, Severity, SourceOfFunds, Span
from compiler.lower.cover_rows import (
    CoverLineCache,
    Row,
    RowText,
    footnotes_after,
    lines_after_value,
    value_lines,
)
from compiler.lower.cover_values import (
    excludes_statement,
    group_letters_as_parenthesized,
    stated_total,
    summed_parts,
    without_defined_term,
)
from compiler.lower.lines import Context, Line, join_words, lines_of_tokens
from compiler.schema import ROW_NUMBERS, ROW_NUMBERS_13G, ROWS, ValueKind, caption_patterns

# The whole caption of each row (compiler/schema.py), wrapped over lines or not, with its "(See
# Instructions)" and "*" tails and the dot leaders or colon that lead to a value on the same line.
_CAPTIONS = {row.terminal: caption_patterns()[f"{row.terminal}_CAPTION"] for row in ROWS}
SHAPES = line_shapes()  # the grammar's terminals (grammar/*.lark)
_ID_NUMBER = SHAPES["ID_NUMBER"]
_TRAILING_ID = SHAPES["TRAILING_ID"]
_FOOTNOTE_MARK = SHAPES["FOOTNOTE_MARK"]
_PLACE_SENTENCE_LEAD = SHAPES["PLACE_SENTENCE_LEAD"]
_DANGLING = SHAPES["DANGLING"]
_FUNDS = frozenset(code.value for code in SourceOfFunds)
_TYPES = frozenset(code.value for code in PersonType)


class CoverPageLowering(Interpreter[Token, "Row | ReportingPerson"]):
    """``cover_page`` subtree -> ReportingPerson (one per cover page): ``cover_page`` visits its
    rows in the grammar's order (``name_row`` and ``cover_row``, each given its line tokens, the
    head first), then lowers them. (An Interpreter, not a Transformer: the rows' children are
    line tokens to read, not values to transform, and a Transformer's walk hands each of them on
    one by one: a thirtieth of a cover page's lowering. What a method raises goes through as it
    is, where a Transformer wraps it in Lark's VisitError.)"""

    def __init__(
        self, context: Context, cache: CoverLineCache, cover_cusips: tuple[str, ...] = ()
    ) -> None:
        self.context = context
        self.cache = cache
        self.cover_cusips = cover_cusips  # the CUSIPs of the running header over the page

    def name_row(self, row: Tree[Token]) -> Row:
        lines = lines_of_tokens(row.children)  # type: ignore[arg-type]
        return Row("ROW_NAME", lines[0], lines[1:])

    def cover_row(self, row: Tree[Token]) -> Row:
        lines = lines_of_tokens(row.children)  # type: ignore[arg-type]
        return Row(lines[0].kind, lines[0], lines[1:])

    def cover_page(self, page: Tree[Token]) -> ReportingPerson:
        # (The grammar's rows are subtrees, their lines tokens: cover_page: name_row cover_row*.)
        rows = [cast(Row, self.visit(row)) for row in page.children if isinstance(row, Tree)]
        return lower_rows(rows, self.context, self.cache, self.cover_cusips)


def lower_cover_page(
    cover_page: Tree[Token],
    context: Context,
    cache: CoverLineCache,
    cover_cusips: tuple[str, ...] = (),
) -> ReportingPerson:
    """``cover_page`` subtree -> ReportingPerson, with :class:`CoverPageLowering`."""
    return cast(ReportingPerson, CoverPageLowering(context, cache, cover_cusips).visit(cover_page))


class RowParts:
    """One row as the row grammar (grammar/cover_row.lark) reads it: its named parts (``value``,
    ``lead``, ``name``, ``place``, ``area``), and the text after its caption with the offset where
    that starts in the area's text (what the value grammars search for check boxes)."""

    __slots__ = ("base", "parts", "value")

    def __init__(self, parts: dict[str, list[Piece]], value: str, base: int) -> None:
        self.parts = parts
        self.value = value
        self.base = base

    def first_value(self) -> tuple[str, int]:
        """The row's ``value`` token: its text without leaders, and its offset ("" when none)."""
        found = self.parts.get("value")
        if not found:
            return "", self.base
        piece = found[0]
        return piece.text, piece.offset + piece.lead

    def area(self) -> tuple[str, int]:
        """The row's ``area`` (a box row's lines after its caption) as one text, its lines joined
        by newlines as they stand in the area, and the offset where it starts."""
        found = self.parts.get("area")
        if not found:
            return "", self.base
        return "\n".join(piece.raw for piece in found), found[0].offset


class _PersonBuilder:
    def __init__(self, context: Context, cache: CoverLineCache) -> None:
        self.context = context
        self.read = cache.read  # a row's value, read once per filing for each distinct text
        self.values: dict[str, object] = {}
        self.spans: dict[str, Span] = {}

    def note(self, field_name: str, area: RowText, start: int, end: int) -> None:
        """The span of ``area.text[start:end]`` is where ``field_name`` was read."""
        located = area.locate(start, end)
        if located is not None:
            line, col, end_line, end_col = located
            self.spans[field_name] = self.context.document.span(line, col, end_col, end_line)


def read_cover_row(row: Row, number: int, cache: CoverLineCache) -> tuple[RowText, RowParts]:
    """The row's value area (its lines from the caption on, bars, label words and rules
    blanked) and its parts as the row grammar reads them; ``number`` is the row's number in
    the filing's schedule."""
    area = value_lines(row, row.kind in _LABEL_ROWS, cache)
    text = area.text
    key = (row.kind, number, text)
    reading = cache.readings.get(key)
    if reading is None:
        start = START_RULES[row.kind]
        pieces, value, base = tokenize_row(text, _CAPTIONS[row.kind], start, number, cache.pieces)
        reading = cache.readings[key] = (read_row(start, pieces), value, base)
    return area, RowParts(*reading)


def lower_rows(
    rows: list[Row], context: Context, cache: CoverLineCache, cover_cusips: tuple[str, ...] = ()
) -> ReportingPerson:
    builder = _PersonBuilder(context, cache)
    seen: dict[str, Row] = {}
    footnote_lines: list[Line] = []
    for row in rows:
        if row.kind in seen:
            context.report(
                Code.COVER_ROW_REPEATED,
                f"cover row {_number(context, row)} appears twice on"
                " one cover page; the first is used",
                row.head,
            )
            continue
        seen[row.kind] = row
        lowering = _ROW_LOWERINGS.get(row.kind)
        if lowering is None:
            continue
        area, parts = read_cover_row(row, _number(context, row), cache)
        lowering(builder, row, area, parts)
        if row.kind == "ROW_TYPE":
            footnote_lines = lines_after_value(row, parts.value, cache)
    numbers = ROW_NUMBERS if context.document.schedule == "13D" else ROW_NUMBERS_13G
    missing = [numbers[k] for k in numbers if k not in seen and k != "ROW_SEC"]
    if missing:
        context.report(
            Code.COVER_ROWS_MISSING,
            f"cover page lacks row(s) {', '.join(map(str, missing))}",
            rows[0].head,
            # (the registry's error_when for this code: "more than three")
            severity=Severity.ERROR if len(missing) > 3 else Code.COVER_ROWS_MISSING.severity,
        )
    v = builder.values
    is_13d = context.document.schedule == "13D"
    return ReportingPerson(
        name=_str(v.get("name")),
        identification_number=_str(v.get("identification_number")),
        member_of_group=MemberOfGroup(a=bool(v.get("group_a")), b=bool(v.get("group_b"))),
        source_of_funds=tuple(SourceOfFunds(c) for c in _list(v.get("source_of_funds")))
        if is_13d
        else None,
        legal_proceedings=bool(v.get("legal_proceedings")) if is_13d else None,
        citizenship=_str(v.get("citizenship")),
        sole_voting_power=_int(v.get("sole_voting_power")),
        shared_voting_power=_int(v.get("shared_voting_power")),
        sole_dispositive_power=_int(v.get("sole_dispositive_power")),
        shared_dispositive_power=_int(v.get("shared_dispositive_power")),
        aggregate_amount=_int(v.get("aggregate_amount")),
        excludes_certain_shares=bool(v.get("excludes_certain_shares")),
        percent_of_class=v.get("percent_of_class")
        if isinstance(v.get("percent_of_class"), Decimal)
        else None,  # type: ignore[arg-type]
        type_of_reporting_person=tuple(
            PersonType(c) for c in _list(v.get("type_of_reporting_person"))
        ),
        footnotes=tuple(footnotes_after(footnote_lines, cache)),
        cover_cusips=cover_cusips,
        spans=builder.spans,
    )


def _str(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _list(value: object) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else []


_LABEL_ROWS = frozenset(row.terminal for row in ROWS if row.beside_label)

RowLowering = Callable[[_PersonBuilder, Row, RowText, RowParts], None]


def _number(context: Context, row: Row) -> int:
    """The row's number in its schedule's numbering (row 9 of a 13G is row 11 of a 13D)."""
    numbers = ROW_NUMBERS if context.document.schedule == "13D" else ROW_NUMBERS_13G
    # A 13G that carries 13D rows 4 and 5 (a filer's form mix-up) keeps their 13D numbers.
    return numbers.get(row.kind, ROW_NUMBERS[row.kind])


def _lower_name(builder: _PersonBuilder, row: Row, area: RowText, parts: RowParts) -> None:
    names: list[str] = []
    first_offset: int | None = None
    # The lines before the name (``lead``: I.R.S. numbers, "N/A") and the name's own, which the
    # grammar ends at a blank line or at the next row's number ("2.  N/A", its caption left out).
    # (A number among the address lines under the name, or in a paragraph of its own after a
    # blank line, ``number``, is the name's number too.)
    numbers = [p for p in parts.parts.get("address", []) if p.kind == "ID_LINE"]
    pieces = parts.parts.get("lead", []) + parts.parts.get("name", [])
    for piece in pieces + numbers + parts.parts.get("number", []):
        line, raw, here = piece.text, piece.raw, piece.offset
        if piece.kind in ("EMPTY", "NA_LINE"):
            continue
        # An I.R.S./S.S. number on a line of its own, or written after the name, is split off.
        if piece.kind == "ID_LINE":
            ident = _ID_NUMBER.match(line)
            assert ident is not None  # (the tokenizer's ID_LINE is this match)
            builder.values["identification_number"] = ident.group("id")
            builder.note("identification_number", area, here + raw.find(line[:3]), here + len(raw))
            continue
        if first_offset is None:
            first_offset = here + max(raw.find(line[:5]), 0)
        names.append(_FOOTNOTE_MARK.sub("", line))
    # What follows the name is cut from the joined lines: a wrapped name's number ("FMR LLC
    # I.R.S." / "No. 13-1234567") stands on two of them.
    name = join_words(names)
    trailing = _TRAILING_ID.search(name)
    if trailing:
        builder.values["identification_number"] = trailing.group("id")
        name = _DANGLING.sub("", name[: trailing.start()])
    name = without_defined_term(_FOOTNOTE_MARK.sub("", name))
    if name and first_offset is not None:
        builder.values["name"] = name
        builder.note("name", area, first_offset, first_offset + min(len(names[0]), len(name)))
    else:
        builder.context.report(Code.COVER_NAME_MISSING, "row 1 gives no name", row.head)
    _report_second_person(builder, area, parts.parts.get("person", []))


def _report_second_person(builder: _PersonBuilder, area: RowText, person: list[Piece]) -> None:
    """A later paragraph of row 1 with a name and its number names a second person on one cover
    page: not read (a cover page is one reporting person), so reported where it stands."""
    named = [piece for piece in person if piece.kind != "ID_LINE"]
    if not named:
        return
    piece = named[0]
    start = piece.offset + max(piece.raw.find(piece.text), 0)
    located = area.locate(start, start + len(piece.text))
    if located is None:
        return
    line, column, _, end_column = located
    builder.context.report(
        Code.COVER_SECOND_PERSON,
        f"row 1 names a second person, {piece.text!r}, not read: one cover page is one"
        " reporting person",
        Line(line, "TEXT", piece.text),
        column,
        end_column,
    )


def _lower_group(builder: _PersonBuilder, row: Row, area: RowText, parts: RowParts) -> None:
    value, base = parts.area()
    boxes = parse_group_boxes(value)
    if len(boxes) < 2:  # "A. [X]  B. [ ]": letters labelled without parentheses
        labelled = parse_group_boxes(group_letters_as_parenthesized(value))
        boxes = labelled if len(labelled) > len(boxes) else boxes
    for letter in ("a", "b"):
        if letter in boxes:
            marked, start, end = boxes[letter]
            builder.values[f"group_{letter}"] = marked
            builder.note(f"member_of_group/{letter}", area, base + start, base + end)
    if not boxes:
        builder.context.report(Code.COVER_BOX_MISSING, "row 2 shows no (a)/(b) boxes", row.head)


def _box_row(field_name: str) -> RowLowering:
    def lower(builder: _PersonBuilder, row: Row, area: RowText, parts: RowParts) -> None:
        value, base = parts.area()
        statement = excludes_statement(value) if row.kind == "ROW_EXCLUDES" else None
        if statement is not None:
            listed, start, end = statement
            builder.values[field_name] = listed
            builder.note(field_name, area, base + start, base + end)
            return
        boxes = find_boxes(value)
        if boxes:
            marked, start, end = boxes[0]
            builder.values[field_name] = marked
            builder.note(field_name, area, base + start, base + end)

    return lower


def _codes_row(field_name: str, allowed: frozenset[str]) -> RowLowering:
    read_codes = partial(parse_codes, allowed=allowed)  # (one reader: the memo's key)

    def lower(builder: _PersonBuilder, row: Row, area: RowText, parts: RowParts) -> None:
        text, offset = parts.first_value()
        codes, unknown = builder.read(read_codes, text)
        builder.values[field_name] = codes
        if codes:
            builder.note(field_name, area, offset, offset + len(text))
        if not text.strip():
            builder.context.report(
                Code.VALUE_MISSING,
                f"row {_number(builder.context, row)} is blank; the value is left empty",
                row.head,
            )
        elif unknown or (not codes and not builder.read(says_no_code, text)):
            builder.context.report(
                Code.COVER_CODE_UNKNOWN,
                f"row {_number(builder.context, row)}: {text or 'no value'!r} is not a code of the"
                " form's list",
                row.head,
            )

    return lower


def _lower_citizenship(builder: _PersonBuilder, row: Row, area: RowText, parts: RowParts) -> None:
    words: list[str] = []
    first: tuple[int, int] | None = None
    for piece in parts.parts.get("place", []):
        if first is None:
            first = (piece.offset + max(piece.raw.find(piece.text), 0), len(piece.text))
        words.append(_FOOTNOTE_MARK.sub("", piece.text))
    if words and first is not None:
        place = join_words(words)
        lead = _PLACE_SENTENCE_LEAD.match(place)
        if lead is not None and place[lead.end() :].strip(" ."):
            # "The state of organization is Delaware.": the place the sentence names.
            place = place[lead.end() :].rstrip(" .")
            first = (first[0] + lead.end(), max(min(first[1] - lead.end(), len(place)), 0))
        builder.values["citizenship"] = place
        builder.note("citizenship", area, first[0], first[0] + first[1])
    else:
        builder.context.report(
            Code.VALUE_MISSING,
            f"row {_number(builder.context, row)} is blank; the value is left empty",
            row.head,
        )


def _shares_row(field_name: str) -> RowLowering:
    def lower(builder: _PersonBuilder, row: Row, area: RowText, parts: RowParts) -> None:
        text, offset = parts.first_value()
        total = builder.read(stated_total, text) if row.kind == "ROW_AGGREGATE" else None
        if total is not None:
            builder.values[field_name] = total[0]
            builder.note(field_name, area, offset + total[1], offset + total[2])
            return
        summed = builder.read(summed_parts, text) if row.kind == "ROW_AGGREGATE" else None
        if summed is not None:
            builder.values[field_name] = summed[0]
            builder.note(field_name, area, offset + summed[1], offset + summed[2])
            builder.context.report(
                Code.VALUE_SUMMED,
                f"row {_number(builder.context, row)} gives the amount in parts; their sum"
                f" {summed[0]:,} is used",
                row.head,
                severity=Severity.INFO,
            )
            return
        parsed = builder.read(parse_shares, text)
        if parsed.value is not None:
            builder.values[field_name] = parsed.value
            builder.note(field_name, area, offset + parsed.start, offset + parsed.end)
            return
        number = _number(builder.context, row)
        if parsed.reason == "crossref":
            builder.context.report(
                Code.VALUE_CROSSREF,
                f"row {number} gives {text!r} instead of a number; the value is left empty",
                row.head,
            )
        elif parsed.reason == "missing":
            builder.context.report(
                Code.VALUE_MISSING, f"row {number} is blank; the value is left empty", row.head
            )
        else:
            builder.context.report(
                Code.VALUE_UNPARSED, f"row {number}: no share count in {text!r}", row.head
            )

    return lower


def _lower_percent(builder: _PersonBuilder, row: Row, area: RowText, parts: RowParts) -> None:
    text, offset = parts.first_value()
    parsed = builder.read(parse_percent, text)
    if parsed.value is not None:
        builder.values["percent_of_class"] = parsed.value
        builder.note("percent_of_class", area, offset + parsed.start, offset + parsed.end)
    elif parsed.reason == "less-than":
        builder.context.report(
            Code.PERCENT_LESS_THAN,
            f"row {_number(builder.context, row)} gives {text!r}; the value is left empty",
            row.head,
        )
    elif parsed.reason == "crossref":
        builder.context.report(
            Code.VALUE_CROSSREF,
            f"row {_number(builder.context, row)} gives {text!r} instead of a number",
            row.head,
        )
    elif parsed.reason == "missing":
        builder.context.report(
            Code.VALUE_MISSING,
            f"row {_number(builder.context, row)} is blank; the value is left empty",
            row.head,
        )
    else:
        builder.context.report(
            Code.VALUE_UNPARSED,
            f"row {_number(builder.context, row)}: no percentage in {text!r}",
            row.head,
        )


# How each kind of row is lowered (compiler/schema.py says which kind each row is).
_KIND_LOWERINGS: dict[ValueKind, Callable[[str], RowLowering]] = {
    ValueKind.NAME: lambda field: _lower_name,
    ValueKind.GROUP_BOXES: lambda field: _lower_group,
    ValueKind.FUNDS: lambda field: _codes_row(field, _FUNDS),
    ValueKind.BOX: _box_row,
    ValueKind.PLACE: lambda field: _lower_citizenship,
    ValueKind.SHARES: _shares_row,
    ValueKind.PERCENT: lambda field: _lower_percent,
    ValueKind.TYPE_CODES: lambda field: _codes_row(field, _TYPES),
}
_ROW_LOWERINGS: dict[str, RowLowering] = {
    row.terminal: _KIND_LOWERINGS[row.kind](row.field)
    for row in ROWS
    if row.kind in _KIND_LOWERINGS
}
# Which rule of grammar/cover_row.lark reads each kind of row.
_KIND_START_RULES: dict[ValueKind, str] = {
    ValueKind.NAME: "name_value",
    ValueKind.GROUP_BOXES: "box_value",
    ValueKind.FUNDS: "first_value",
    ValueKind.BOX: "box_value",
    ValueKind.PLACE: "place_value",
    ValueKind.SHARES: "first_value",
    ValueKind.PERCENT: "first_value",
    ValueKind.TYPE_CODES: "first_value",
}
START_RULES: dict[str, str] = {
    row.terminal: _KIND_START_RULES[row.kind] for row in ROWS if row.kind in _KIND_START_RULES
}
