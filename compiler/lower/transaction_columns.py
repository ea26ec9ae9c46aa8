"""Which way a transaction row's trade went, by the words over it: the side a run of rows' column
headings, caption or introduction names, and the side the heading of the row's own share-count
column names ("Shares Purchased" and "Shares Sold" as two columns, each row's count under one).

A heading row is a line of two cells or more (cells two spaces apart); a heading cell is matched
to a row's count by its columns: on each heading line, the cell that overlaps the count most,
else the nearest (numbers are right-aligned under left-aligned words). The cells so picked on
the heading lines, read top to bottom ("Number of Shares" / "Purchased"), are the column's
heading.
"""

from __future__ import annotations

import functools
import re

from compiler.frontend.terminals import line_shapes
from compiler.ir import TradeSide
from compiler.lower.lines import Line

SHAPES = line_shapes()  # the grammar's terminals (grammar/*.lark)
_SOLD_WORDS = SHAPES["TRADE_SOLD"]
_BOUGHT_WORDS = SHAPES["TRADE_BOUGHT"]
# The grammar's GAP_CELL, with the blanks before it: each match starts where the last one ended
# (or at the line's start) and takes the gap in one step, where a search for the cell alone tried
# the cell at every blank of the gap, the most of a long trade row's reading (wide columns are
# mostly blanks). ``(?<!\s)`` fails at once inside trailing blanks, each then tried once.
_GAP_CELL = re.compile(rf"(?<!\s)\s*+({SHAPES['GAP_CELL'].pattern})", SHAPES["GAP_CELL"].flags)

Cell = tuple[int, int, str]  # start column, end column, text


# Bounded: the rows of a table repeat their column headings and notes, a batch does not.
@functools.lru_cache(maxsize=1024)
def one_side(words: str | None) -> TradeSide | None:
    """Bought or sold when ``words`` name that side and not the other; else None."""
    if not words:
        return None
    sold, bought = bool(_SOLD_WORDS.search(words)), bool(_BOUGHT_WORDS.search(words))
    if sold == bought:
        return None
    return TradeSide.SOLD if sold else TradeSide.BOUGHT


def cells(text: str) -> list[Cell]:
    """The cells of a line, with their columns (the text between the GAPs that part it)."""
    # (One finditer: every row of a trade table is cut into cells, a long table's most
    # frequent work; span() and [1] are two C calls a cell where start(), end(), group() were
    # three. Group 1 is the cell, without the blanks before it.)
    return [(*cell.span(1), cell[1]) for cell in _GAP_CELL.finditer(text)]


def heading_rows(lines: list[Line]) -> list[list[Cell]]:
    """The cells of the column-heading lines among ``lines`` (lines of one cell are captions)."""
    rows = [cells(line.text) for line in lines if line.kind == "TEXT"]
    return [row for row in rows if len(row) >= 2]


def role_heading_rows(lines: list[Line]) -> list[list[Cell]]:
    """The cells of the column-heading lines among ``lines`` for naming the columns' roles: the
    lines of two cells or more, and the lines of one cell under them ("Price ($) (1)", the last
    word of one column's heading, stacked under the others'); lines of one cell above them are
    captions."""
    rows = [cells(line.text) for line in lines if line.kind == "TEXT"]
    first = next((i for i, row in enumerate(rows) if len(row) >= 2), len(rows))
    return [row for row in rows[first:] if row]


def column_side(words: str | None) -> TradeSide | None:
    """The side named by ``words``, the heading of a row's share-count column."""
    return one_side(words)


def signed_side(words: str | None, signed: bool) -> TradeSide | None:
    """In a column headed for both sides (``words``: "Shares Purchased (Sold)", "Bought/(Sold)"),
    the sign of the count: written as a negative, a sale; else a purchase."""
    if not words or not _names_both_sides(words):
        return None
    return TradeSide.SOLD if signed else TradeSide.BOUGHT


@functools.lru_cache(maxsize=1024)  # (asked of the same heading on every row of its column)
def _names_both_sides(words: str) -> bool:
    return bool(_SOLD_WORDS.search(words) and _BOUGHT_WORDS.search(words))


def column_heading(rows: list[list[Cell]], start: int, end: int) -> str | None:
    """The heading of the column that holds columns ``start``-``end``: on each heading line, the
    cell nearest to them, read top to bottom."""
    if not rows:
        return None
    picked = [min(row, key=lambda cell: _distance(cell, start, end)) for row in rows]
    return " ".join(cell[2] for cell in picked)


def _distance(cell: Cell, start: int, end: int) -> tuple[int, float]:
    """Overlap first (more is nearer), then the distance between the centres."""
    overlap = min(cell[1], end) - max(cell[0], start)
    return -max(overlap, 0), abs((cell[0] + cell[1]) / 2 - (start + end) / 2)
