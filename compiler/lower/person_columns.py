"""Item 5(c) tables that give each person's count in a column of its own, under a heading that
names the person:

                     Shares Purchased by
        Date         Fund I        Fund II        Price Per Share
     03/02/2020      10,000         5,000             $12.50

Each count under such a heading is a trade of its own, of the person the heading names, with the
row's date and price. Read by shapes, the row gave its first count only, the others left in its
note.
"""

from __future__ import annotations

import dataclasses

from compiler.frontend.terminals import line_shapes
from compiler.ir import Transaction
from compiler.lower.lines import Context, Line
from compiler.lower.transaction_columns import Cell, cells

SHAPES = line_shapes()  # the grammar's terminals (grammar/*.lark)
_PERSON = SHAPES["TX_HEAD_PERSON"]
_SHARES = SHAPES["TX_SHARES"]


def person_columns(rows: list[list[Cell]]) -> list[Cell]:
    """The cells of the fullest heading line that name a person ("Fund I", "Account A"), when
    two or more do (one such column is the usual person column, whose cells are names)."""
    if not rows:
        return []
    named = [cell for cell in max(rows, key=len) if _PERSON.search(cell[2])]
    return named if len(named) >= 2 else []


def per_person(
    trade: Transaction, line: Line, columns: list[Cell], context: Context
) -> list[Transaction] | None:
    """The row's trades, one for each person column with a count under it (a row may leave some
    blank); None when none holds one, or the row's own count is none of theirs (the row stays
    one trade)."""
    found: list[tuple[str, int, int, int]] = []  # person, count, start, end
    for start, end, words in cells(line.text):
        column = next((c for c in columns if min(c[1], end) - max(c[0], start) > 0), None)
        shares = _SHARES.match(words) if column is not None else None
        if column is not None and shares is not None and shares.group("sign") is None:
            found.append((column[2], int(shares.group("n").replace(",", "")), start, end))
    if trade.shares not in {count for _, count, _, _ in found}:
        return None
    return [
        dataclasses.replace(
            trade,
            shares=count,
            person=person,
            note=None,
            spans={**trade.spans, "shares": context.span(line, start, end)},
        )
        for person, count, start, end in found
    ]
