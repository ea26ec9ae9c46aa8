"""Item 5(c) rows drawn with dot leaders: "03/02/2004 ........ 10,000 ........ $12.50".

The line lexer knows a trade row by its gaps of two blanks or more; a row whose cells are
parted by points instead is a line of text to it. Here, for the trade readers only, each
leader (the grammar's ``TX_LEADER``) becomes blanks of its width: the cells keep their columns
(the trades' spans point into the line as written), and the line is a row when it then reads
as one. The item's own text keeps the points.
"""

from __future__ import annotations

from compiler.frontend.lexer import is_transaction_row
from compiler.frontend.terminals import line_shapes
from compiler.lower.lines import Line

_LEADER = line_shapes()["TX_LEADER"]


def leader_rows(lines: list[Line]) -> list[Line]:
    """``lines`` with each line of text that is a trade row once its dot leaders are gaps as
    that row; ``lines`` itself when none is."""
    if not any(line.kind == "TEXT" and "..." in line.text for line in lines):
        return lines
    read = list(lines)
    for at, line in enumerate(lines):
        if line.kind != "TEXT" or "..." not in line.text:
            continue
        blanked = _LEADER.sub(lambda leader: " " * len(leader.group()), line.text)
        if blanked != line.text and is_transaction_row(blanked):
            read[at] = Line(line.index, "TX_ROW", blanked)
    return read
