"""Item 5(c) table rows that leave the date column blank: more trades of the day of the row
above ("03/02/2020   10,000   $12.50" over "             5,000   $12.55"). Each such line is
given the date of the row above, written into its blank date column, and read as a row by
compiler/lower/transaction_table.py.
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.frontend.terminals import line_shapes
from compiler.lower.lines import Line

SHAPES = line_shapes()  # the grammar's terminals (grammar/*.lark)
_FIGURES = SHAPES["TX_FIGURES"]
_TX_GAP = SHAPES["TX_GAP"]


def figures(line: Line) -> bool:
    """A line of figures alone ("   5,000    $12.55"), two cells or more: a row without a date."""
    # (The kind first: a trade table's rows each ask it of the row above, most often a row.)
    if line.kind != "TEXT":
        return False
    text = line.text.strip()
    return _FIGURES.match(text) is not None and len(_TX_GAP.split(text)) >= 2


def undated_rows(lines: list[Line], position: int, date_text: str) -> Iterator[tuple[int, Line]]:
    """The lines of figures right under the row at ``position`` whose date, ``date_text``, they
    leave blank, with their positions: each with that date written into its blank date column."""
    start = lines[position].text.find(date_text)
    end = start + len(date_text)
    for at in range(position + 1, len(lines)):
        line = lines[at]
        text = line.text
        if not figures(line) or text[start:end].strip():
            return
        yield at, Line(line.index, line.kind, f"{text[:start]:<{start}}{date_text}{text[end:]}")
