"""The roles of an Item 5(c) table's columns, by the words of their headings, and a row read by
them.

A table's columns may stand in any order, and beside the trade's date, count and price a table
may give a settlement date, the total paid, the row's nature, the broker or the person who
traded. A value's shape cannot tell a trade date from a settlement date, nor a price from a total
("$4,000,000.00"), nor an integer price from a count; the heading over its column can. Each
heading is matched against the grammar's ``TX_HEAD_*`` terminals (grammar/body.lark), in their
order there; the first that matches names the column.

A row is read by its columns' roles when its headings name both the date and the count columns
and the row gives a date and a count under them; any other row is read by the shapes of its
values (compiler/lower/transaction_table.py), as a table without headings is.

A row's cell is matched to the heading cells that stand over it: on each heading line, the cells
it overlaps; on the fullest heading line (the one with one cell per column), the one it overlaps
most, else the nearest (numbers are right-aligned under left-aligned words). Two cells under one
column make the match doubtful: a row with one cell per heading takes them in order, any other
is read by shapes.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import operator
from dataclasses import dataclass
from decimal import Decimal

from compiler.frontend.terminals import line_shapes
from compiler.frontend.values import (
    CURRENCY_PATTERN,
    TRADE_DATE_PATTERN,
    Money,
    date_from_match,
    named_currency,
    parse_price,
    parse_shares,
)
from compiler.lower.transaction_columns import Cell, cells

SHAPES = line_shapes()  # the grammar's terminals (grammar/*.lark)
_SHARES = SHAPES["TX_SHARES"]
_PRICE = SHAPES["TX_PRICE"]
_FRACTION_PRICE = SHAPES["TX_FRACTION_PRICE"]
_NOT_A_PRICE = SHAPES["TX_NOT_A_PRICE"]
_AMOUNT_ALONE = SHAPES["TX_HEAD_AMOUNT_ALONE"]
_NOT_A_NAME = tuple(SHAPES[name] for name in ("TX_NOT_A_PRICE", "TX_NATURE", "TX_SECURITY"))


class Role(enum.Enum):
    DATE = "date"
    SETTLEMENT = "settlement"
    COUNT = "count"
    PRICE = "price"
    AMOUNT = "amount"
    NATURE = "nature"
    VENUE = "venue"
    PERSON = "person"
    SECURITY = "security"
    NOTE = "note"

    # A member is itself only (Enum's equality is identity): hashed by identity, in C, where
    # Enum's own __hash__ is a Python call, paid on each cell of each trade row (a row's roles
    # are looked up in the set of its columns').
    __hash__ = object.__hash__


# In the grammar's order: the more particular heading first ("Price per Share" before "Shares",
# "Number of Shares" before "Number", "Total Proceeds" before "Price").
_ROLE_TERMINALS = tuple(
    (role, SHAPES[name])
    for role, name in (
        (Role.SETTLEMENT, "TX_HEAD_SETTLEMENT"),
        (Role.PRICE, "TX_HEAD_UNIT_PRICE"),
        (Role.COUNT, "TX_HEAD_COUNT_OF"),
        (Role.AMOUNT, "TX_HEAD_AMOUNT"),
        (Role.PRICE, "TX_HEAD_PRICE"),
        (Role.DATE, "TX_HEAD_DATE"),
        (Role.COUNT, "TX_HEAD_COUNT"),
        (Role.NATURE, "TX_HEAD_NATURE"),
        (Role.VENUE, "TX_HEAD_VENUE"),
        (Role.PERSON, "TX_HEAD_PERSON"),
        (Role.SECURITY, "TX_HEAD_SECURITY"),
        (Role.NOTE, "TX_HEAD_NOTE"),
    )
)


@functools.lru_cache(maxsize=512)  # (every row of a table asks of the same few headings)
def heading_role(words: str) -> Role | None:
    """The role a column heading's words name, or None when they name none."""
    for role, pattern in _ROLE_TERMINALS:
        if pattern.search(words):
            return role
    return None


def _overlap(a: Cell, b: Cell) -> int:
    return min(a[1], b[1]) - max(a[0], b[0])


def _heading_words(rows: list[list[Cell]], fullest: int, cell: Cell) -> tuple[str, int]:
    """The words of the heading cells over ``cell``, top to bottom, and which cell of the
    fullest heading line is its."""
    words: list[str] = []
    picked = 0
    for index, row in enumerate(rows):
        if index == fullest:
            centre = (cell[0] + cell[1]) / 2
            picked = min(
                range(len(row)),
                key=lambda i: (-max(_overlap(row[i], cell), 0), abs(sum(row[i][:2]) / 2 - centre)),
            )
            words.append(row[picked][2])
        else:
            words.extend(heading[2] for heading in row if _overlap(heading, cell) > 0)
    return " ".join(words), picked


# The rows of a table stand in the same few columns under the same headings: each placing is
# worked out once (bounded: a batch meets endless tables).
@functools.lru_cache(maxsize=512)
def _headings_at(
    rows: tuple[tuple[Cell, ...], ...], spans: tuple[tuple[int, int], ...]
) -> tuple[tuple[str, ...], ...]:
    lines = [list(line) for line in rows]
    fullest = max(range(len(lines)), key=lambda i: len(lines[i]))
    found = [_heading_words(lines, fullest, (start, end, "")) for start, end in spans]
    ways: list[tuple[str, ...]] = []
    if len({picked for _, picked in found}) == len(found):
        ways.append(tuple(words for words, _ in found))
    if len(spans) == len(lines[fullest]):
        ways.append(tuple(_heading_words(lines, fullest, h)[0] for h in lines[fullest]))
    return tuple(ways)


# Not frozen: one is made for every trade row, and a frozen dataclass's __init__ sets each field
# through object.__setattr__ (several times slower). No caller changes one.
@dataclass(slots=True)
class RoleRow:
    """A row read by its columns' roles: each value with its columns in the line."""

    date: tuple[int, int, dt.date]  # start, end, the date
    count: tuple[int, int, int]  # start, end, the share count
    signed: bool
    price: tuple[int, int, Decimal] | None
    person: str | None
    nature: list[str]
    notes: list[str]
    currency: str = "USD"  # the price's: its cell's, else its column heading's


# A way to read a row's cells: the role of each cell, the set of them, and the currency the price
# column's heading names ("Price per Share (C$)"), if any.
_Way = tuple[tuple[Role | None, ...], frozenset[Role | None], str | None]
_START_END = operator.itemgetter(0, 1)  # a cell's columns (one C call a cell)
_MAX_PLACINGS = 512  # placings kept for one run (a run's rows stand in a few; bounded all the same)


class RoleColumns:
    """The heading lines over one run of rows, and the roles they give a row's cells, worked
    out once for each placing of cells: the rows of a run stand in the same few columns, and a
    long table's rows each matched every heading cell and named its role again."""

    __slots__ = ("_rows", "_ways")

    def __init__(self, rows: list[list[Cell]]) -> None:
        self._rows = tuple(tuple(line) for line in rows)
        self._ways: dict[tuple[tuple[int, int], ...], tuple[_Way, ...]] = {}

    def ways(self, row: list[Cell]) -> tuple[_Way, ...]:
        """The ways to put a heading over each of ``row``'s cells, the likelier first: by the
        columns they stand in, when each stands under a column of its own; and, when the row
        has as many cells as the fullest heading line has, the headings in order (a table laid
        out with tabs, whose cells drift off their headings)."""
        spans = tuple(map(_START_END, row))
        ways = self._ways.get(spans)
        if ways is None:
            if len(self._ways) >= _MAX_PLACINGS:
                self._ways.clear()
            # (Only the ways that name the date and the count columns read a row.)
            ways = self._ways[spans] = tuple(
                way
                for way in (_way(words) for words in _headings_at(self._rows, spans))
                if Role.DATE in way[1] and Role.COUNT in way[1]
            )
        return ways


# (Each page of a long table opens a run under the same headings again: each run's placings are
# worked out anew, their headings' roles and currency once.)
@functools.lru_cache(maxsize=512)
def _way(words: tuple[str, ...]) -> _Way:
    roles = tuple(heading_role(heading) for heading in words)
    if Role.COUNT in roles or Role.PRICE in roles:
        # "Amount" alone names no role (a count or a sum); beside a count or a price column it is
        # the sum: what the row's shares cost (else its cells, read by their shape, would give
        # "$4,000,000.00" as the price, or the note).
        roles = tuple(
            Role.AMOUNT if role is None and _AMOUNT_ALONE.match(heading) else role
            for heading, role in zip(words, roles, strict=True)
        )
    priced = [heading for heading, role in zip(words, roles, strict=True) if role is Role.PRICE]
    return roles, frozenset(roles), named_currency(priced[0]) if priced else None


def read_by_roles(text: str, columns: RoleColumns | None) -> RoleRow | None:
    """The row ``text`` read under the heading lines of ``columns``; None when they do not
    name its date and count columns, or its cells do not fit them (a date column without a
    date, a price under the count's heading): the row is then read by its values' shapes."""
    if columns is None:
        return None
    row = cells(text)
    for roles, named, currency in columns.ways(row):
        reading = _read(row, roles, named, currency)
        if reading is not None:
            return reading
    return None


def _read(
    row_cells: list[Cell],
    roles: tuple[Role | None, ...],
    named: frozenset[Role | None],
    heading_currency: str | None,
) -> RoleRow | None:
    """The row's cells read by their roles; None where a cell under a date, count or price
    heading is not one (or a second one). (One loop with the row's values in locals: it runs
    for every trade row, and a call and an object per cell cost more than the reading.)"""
    date: tuple[int, int, dt.date] | None = None
    count: tuple[int, int, int] | None = None
    signed = False  # the count written as a negative
    price: tuple[int, int, Decimal] | None = None
    currency = "USD"  # the price's
    person: str | None = None
    nature: list[str] = []  # the row's own words for its side
    notes: list[str] = []  # every other cell, nature included
    for (start, end, words), role in zip(row_cells, roles, strict=True):
        if role is Role.DATE:
            found = _date_cell(words)
            if found is None or date is not None:
                return None
            date = (start + found[0], start + found[1], found[2])
            continue
        if role is Role.COUNT:
            if count is not None:
                return None
            read = _count(start, end, words)
            if read is None:
                return None
            count, signed = read
            continue
        if role is Role.PRICE and not _NOT_A_PRICE.match(words):
            money = parse_price(words).value  # (the value grammar reads fractions too)
            if money is None or price is not None:
                return None
            price = (start, end, money.amount)
            # The cell's own currency, else the one its heading names, else the US dollar.
            currency = money.currency or heading_currency or "USD"
            continue
        if role is Role.PERSON and person is None and any(c.isalpha() for c in words):
            person = words
            continue
        if role is Role.AMOUNT:
            # What all the row's shares cost: not one share's price, nor a note (the JSON has no
            # field for it; the count and the price give it).
            continue
        if role is Role.NATURE:
            nature.append(words)
        if role is None:
            # A column its heading does not name is read as a table without headings is: a
            # price by its shape, words left of the count as the person, unless a heading
            # names that column.
            shaped = shaped_price(words) if price is None and Role.PRICE not in named else None
            if shaped is not None:
                price = (start, end, shaped.amount)
                currency = shaped.currency or "USD"
                continue
            unnamed = Role.PERSON not in named
            if person is None and count is None and unnamed and _person_shaped(words):
                person = words
                continue
        notes.append(words)
    if date is None or count is None:
        return None
    return RoleRow(date, count, signed, price, person, nature, notes, currency)


# A table has many rows a day: each date cell's text is read once (bounded: a batch meets
# endless tables).
@functools.lru_cache(maxsize=1024)
def _date_cell(words: str) -> tuple[int, int, dt.date] | None:
    """The date in a date column's cell, with its columns in the cell; None when it has none."""
    match = TRADE_DATE_PATTERN.search(words)
    value = date_from_match(match) if match else None
    return None if match is None or value is None else (match.start(), match.end(), value)


def _count(start: int, end: int, words: str) -> tuple[tuple[int, int, int], bool] | None:
    """A count cell's count, and whether it is written as a negative ("(3,000)"); None when
    the cell is no count."""
    shares = _SHARES.match(words)
    if shares is not None:
        count = int(shares.group("n").replace(",", ""))
        return (start, end, count), shares.group("sign") is not None
    parsed = parse_shares(words).value
    if not isinstance(parsed, int):
        return None
    return (start, end, parsed), False


def shaped_price(words: str) -> Money | None:
    """The price a cell is by its shape ("$21.40", "21.40", "14 7/8", "EUR 5.00": a currency
    and a price), as the value grammar reads it; None when its shape is no price's ("22,500",
    "Purchase")."""
    if (
        _PRICE.match(words)
        or ("/" in words and _FRACTION_PRICE.match(words))
        or CURRENCY_PATTERN.search(words)
    ):
        return parse_price(words).value
    return None


def _person_shaped(words: str) -> bool:
    return any(c.isalpha() for c in words) and not any(p.match(words) for p in _NOT_A_NAME)
