"""The cover rows as database columns: which columns each row of the form gives, of what type,
and each column's value for a reporting person, derived from the row table (compiler/schema.py).

A row gives one column named for its IR field, except where its value has parts: row 1 the name
and the identification number filers write after it (and the CIK the XML era adds), row 2 its
(a) and (b) boxes, row 6 the place in words and EDGAR's code for it. Row 3 (SEC use only) gives
none. ``reporting_persons`` (compiler/backends/tables.py) holds these columns between its keys and
the cover page's footnotes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from decimal import Decimal
from enum import Enum

from compiler.ir import ReportingPerson
from compiler.schema import ROWS, CoverRow, ValueKind

# The SQL types of the numbers (every table of compiler/backends/tables.py uses these).
SHARES = "BIGINT"
PERCENT = "DECIMAL(9,4)"

# A cell of a row of compiler/backends/tables.py.
Value = str | int | bool | Decimal | dt.date | None
Extract = Callable[[ReportingPerson], Value]


def _codes(values: Iterable[Enum]) -> str:
    return ";".join(str(value.value) for value in values)


def _columns(row: CoverRow) -> list[tuple[str, str, str, Extract]]:
    """(column, SQL type, description, value of a person) for each column ``row`` gives."""
    number = f"row {row.number_13d}"
    only_13d = "; NULL for a 13G" if row.number_13g is None else ""
    field = row.field
    kind = row.kind
    if kind is ValueKind.NAME:
        return [
            ("name", "VARCHAR", number, lambda p: p.name),
            (
                "identification_number",
                "VARCHAR",
                f"{number}, I.R.S. identification number",
                lambda p: p.identification_number,
            ),
            ("cik", "VARCHAR", "EDGAR CIK of the person (XML era)", lambda p: p.cik),
        ]
    if kind is ValueKind.GROUP_BOXES:
        return [
            (f"{field}_a", "BOOLEAN", f"{number} (a)", lambda p: p.member_of_group.a),
            (f"{field}_b", "BOOLEAN", f"{number} (b)", lambda p: p.member_of_group.b),
        ]
    if kind is ValueKind.PLACE:
        return [
            (field, "VARCHAR", f"{number}, in words", lambda p: getattr(p, field)),
            (
                f"{field}_code",
                "VARCHAR",
                f"{number} as EDGAR's state/country code",
                lambda p: getattr(p, f"{field}_code"),
            ),
        ]
    if kind in (ValueKind.FUNDS, ValueKind.TYPE_CODES):

        def codes(p: ReportingPerson) -> Value:
            value = getattr(p, field)
            return None if value is None else _codes(value)

        return [(field, "VARCHAR", f"{number} codes, ';'-separated{only_13d}", codes)]
    if kind is ValueKind.BOX:
        return [(field, "BOOLEAN", f"{number} box{only_13d}", lambda p: getattr(p, field))]
    if kind is ValueKind.SHARES:
        return [(field, SHARES, number, lambda p: getattr(p, field))]
    if kind is ValueKind.PERCENT:
        return [(field, PERCENT, number, lambda p: getattr(p, field))]
    return []  # row 3, SEC use only


COLUMNS: tuple[tuple[str, str, str, Extract], ...] = tuple(
    column for row in ROWS for column in _columns(row)
)


def cover_values(person: ReportingPerson) -> tuple[Value, ...]:
    """The person's values of :data:`COLUMNS`, in their order."""
    return tuple(extract(person) for _, _, _, extract in COLUMNS)


# --- the JSON object of a reporting person (docs/json-output.md) ------------------------------


def _json_members(row: CoverRow) -> list[tuple[str, tuple[str, ...]]]:
    """(key, the person's attributes it holds) for each member ``row`` gives a person's JSON
    object: one per row, named for its IR field, except row 1 (the name, then the identification
    number), row 2 (one object of its (a) and (b) boxes) and row 6 (the place, then the XML era's
    additions: its EDGAR code and the person's CIK). Row 3 (SEC use only) gives none."""
    field = row.field
    kind = row.kind
    if kind is ValueKind.NAME:
        return [("name", ("name",)), ("identification_number", ("identification_number",))]
    if kind is ValueKind.GROUP_BOXES:
        return [(field, (f"{field}.a", f"{field}.b"))]
    if kind is ValueKind.PLACE:
        return [(field, (field,)), (f"{field}_code", (f"{field}_code",)), ("cik", ("cik",))]
    if kind is ValueKind.NONE:
        return []
    return [(field, (field,))]


# The members of a person's JSON object in order, the cover page's footnotes last.
JSON_MEMBERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    *(member for row in ROWS for member in _json_members(row)),
    ("footnotes", ("footnotes",)),
)
