"""Item 5(c)'s trades wherever the filing puts them: a table in the item, sentences in the item,
or a table (or sentences) in a schedule, annex or exhibit the item refers to ("set forth in
Schedule A hereto"). A 13D's Item 5 that names trades in words but gives none that can be read
is reported (``TX-PROSE-UNREAD``): no trade is lost without a word.
"""

from __future__ import annotations

import re
from collections.abc import Collection, MutableSet, Sequence
from dataclasses import dataclass, field

from compiler.diagnostic_codes import Code
from compiler.frontend.terminals import line_shapes
from compiler.frontend.value_grammar import currency_terminals, search_pattern
from compiler.frontend.values import TRADE_DATE_PATTERN, date_from_match
from compiler.ir import Transaction
from compiler.lower.leader_rows import leader_rows
from compiler.lower.lines import CELL_GAP, Context, Line
from compiler.lower.transaction_prose import lower_trade_sentences
from compiler.lower.transaction_table import lower_transaction_table

# "Schedule A", "Annex I", "Appendix 1", "Exhibit 99.1" -- not "Schedule 13D" (no word boundary
# after "13").
_ID = r"(?P<id>[A-Z]|[IVX]{1,4}|\d{1,3}(?:\.\d{1,2})?)\b"
SHAPES = line_shapes()  # the grammar's terminals (grammar/*.lark)
_REFERENCE = SHAPES["ITEM5_REFERENCE"]
_HEADING = SHAPES["ITEM5_SCHEDULE_HEADING"]
_PART_C = SHAPES["ITEM5_PART_C"]
_PART_AFTER_C = SHAPES["ITEM5_PART_AFTER_C"]
_COUNT = SHAPES["TX_COUNT_MENTION"]
_YEARLESS = SHAPES["TX_YEARLESS_DATE"]
# Any currency the trade grammar's prices are written in (grammar/values.lark's CURRENCY).
# (Every match starts with a symbol or a code's or a name's first letter: tried first.)
_CURRENCY = search_pattern("DOLLAR", *currency_terminals(), lookahead="$€£¥₪₹ABCDEGHIJMNRSUYZe")
_SHARES_CELL = SHAPES["TX_SHARES"]
_PRICE_CELL = SHAPES["TX_PRICE"]
_TOTAL_LABEL = SHAPES["TX_TOTAL_LABEL"]


@dataclass(slots=True)
class Item5Trades:
    transactions: list[Transaction] = field(default_factory=list)
    table_lines: MutableSet[int] = field(default_factory=set)  # the item's lines not prose
    references: set[tuple[str, str]] = field(default_factory=set)  # (kind, id), lower case
    # Part (c), when it refers to a schedule for its trades: reported (report_unread) if no
    # schedule of the filing is the one it names.
    part_c: list[Line] = field(default_factory=list)


def _key(match: re.Match[str]) -> tuple[str, str]:
    return match.group("kind").lower(), match.group("id").lower()


def item5_trades(
    lines: list[Line],
    context: Context,
    names: Sequence[str],
    skip: Collection[int],
    whole_part_c: bool = False,
) -> Item5Trades:
    """The trades of Item 5's own lines; when there are none, the schedules it refers to.
    ``whole_part_c``: the lines are part (c) alone, unmarked (an XML filing's
    ``transactionDesc``), not a whole Item 5 whose "(c)" is to be found."""
    lines = leader_rows(lines)
    table = lower_transaction_table(lines, context, names)
    found = Item5Trades(table.transactions, table.lines)  # (the table's own set: not copied)
    if found.transactions:
        _report_rows_unread(lines, found.table_lines, context)
        # A trade told in a sentence beside the table ("In addition, on March 5 the Fund sold
        # 2,000 Shares at $12.00") is one more, unless it restates a row of the table. A
        # sentence that reads as no trade is reported only when it gives a price: over a table
        # one without sums the rows up ("Between March 2 and March 5 the Fund sold an aggregate
        # of 600,000 Shares").
        # Both need a price, and a price its currency (trades.lark's PRICE): prose without one
        # spares the trade grammar's Earley parser, built once a process (about 90 ms).
        if any(
            _CURRENCY.search(line.text)
            for line in lines
            if line.index not in skip and line.index not in found.table_lines
        ):
            prose = lower_trade_sentences(lines, context, skip, found.table_lines)
            _report_prose_unread(prose.unread_priced, context, "Item 5")
            rows = {(t.date, t.shares, t.price) for t in found.transactions}
            more = [t for t in prose.transactions if (t.date, t.shares, t.price) not in rows]
            if more:
                found.transactions = sorted([*found.transactions, *more], key=_where)
        return found
    prose = lower_trade_sentences(lines, context, set(skip))
    found.transactions = prose.transactions
    _report_prose_unread(prose.unread, context, "Item 5")
    if not found.transactions:
        part = lines if whole_part_c else _part_c(lines)
        text = " ".join(line.text for line in lines if line.kind in ("TEXT", "TX_ROW"))
        found.references = {_key(m) for m in _REFERENCE.finditer(text)}
        if not prose.unread and not found.references:
            report_unread(part, context, "Item 5(c)")
        elif not prose.unread:
            found.part_c = part
    return found


def _where(trade: Transaction) -> tuple[int, int]:
    """Where a trade's share count stands: its place in the document's order."""
    span = trade.spans.get("shares")
    return (span.line, span.column) if span is not None else (0, 0)


def _report_rows_unread(lines: list[Line], table: Collection[int], context: Context) -> None:
    """No silent miss in a table that gave trades: a line among its rows, or right under them,
    that starts with a date but is no row ("03/03/2020   2OO,OOO   $10.50": a count that does
    not read), or that has a share count and a price in cells of their own but no date that
    reads ("Various   10,000   $4.20"; not a totals row), gave no trade. Reported at the first
    such line."""
    # (The first and the last of the table's rows only: a walk from each end, not a list of all.)
    first = next((at for at, line in enumerate(lines) if _is_row_of(line, table)), None)
    if first is None:
        return
    last = next(at for at in range(len(lines) - 1, -1, -1) if _is_row_of(lines[at], table))
    end = next((at for at in range(last, len(lines)) if lines[at].kind != "TX_ROW"), None)
    while end is not None and end < len(lines) and lines[end].kind == "TEXT":
        end += 1  # (the lines right under the last row, up to a blank line)
    for line in lines[first : end if end is not None else len(lines)]:
        if line.kind != "TEXT":
            continue
        start = len(line.text) - len(line.text.lstrip())
        match = TRADE_DATE_PATTERN.match(line.text, start)
        if (match is not None and date_from_match(match) is not None) or _undated_row(line.text):
            context.report(
                Code.TX_UNREAD,
                "a line among Item 5(c)'s table rows starts with a date, or holds a share"
                " count and a price, but gave no transaction (a cell that does not read);"
                " kept as text",
                line,
                start,
            )
            return


def _undated_row(text: str) -> bool:
    """A line of cells with a share count and a price, the first cell no totals label."""
    cells = CELL_GAP.split(text.strip())
    if len(cells) < 3 or _TOTAL_LABEL.match(cells[0]):
        return False
    counts = {at for at, cell in enumerate(cells) if _SHARES_CELL.match(cell)}
    prices = {at for at, cell in enumerate(cells) if _PRICE_CELL.match(cell)}
    return bool(counts) and bool(prices - counts)


def _is_row_of(line: Line, table: Collection[int]) -> bool:
    return line.kind == "TX_ROW" and line.index in table


def _report_prose_unread(unread: list[tuple[Line, int]], context: Context, where: str) -> None:
    if unread:
        context.report(
            Code.TX_PROSE_UNREAD,
            f"{where} names a trade (a verb, a share count, a date) in a sentence that gives no"
            " transaction (see grammar/trades.lark); its sentences are kept as text",
            *unread[0],
        )


def _part_c(lines: list[Line]) -> list[Line]:
    """Item 5's part (c): from its "(c)" to the next part's mark; none when it has no "(c)"
    (Item 5(a) gives dates and share counts that are holdings, not trades)."""
    start = next((i for i, line in enumerate(lines) if _PART_C.match(line.text)), len(lines))
    end = next(
        (i for i in range(start + 1, len(lines)) if _PART_AFTER_C.match(lines[i].text)),
        len(lines),
    )
    return lines[start:end]


def report_unread(lines: list[Line], context: Context, where: str) -> None:
    """No silent miss: lines that trades were read from (Item 5(c), the schedule it refers to)
    and that gave none, though they hold a share count and a date (or a day without its year,
    "3/2", "March 2"): a table of no known layout, a sentence of no known shape. Reported at
    the first count."""
    counted: tuple[Line, int] | None = None
    dated = False
    for line in lines:
        if line.kind not in ("TEXT", "TX_ROW"):
            continue
        if counted is None and (count := _COUNT.search(line.text)):
            counted = line, count.start()
        dated = (
            dated
            or any(
                m.lastgroup == "DATE_PERIOD" or date_from_match(m)
                for m in TRADE_DATE_PATTERN.finditer(line.text)
            )
            or _YEARLESS.search(line.text) is not None
        )
        if counted is not None and dated:
            context.report(
                Code.TX_UNREAD,
                f"{where} gives share counts and dates, but no transaction was read from them"
                " (no table row or trade sentence of a known shape); kept as text",
                *counted,
            )
            return


def referred_trades(
    lines: list[Line], references: set[tuple[str, str]], context: Context, names: Sequence[str]
) -> list[Transaction] | None:
    """The trades of a schedule (annex, exhibit) whose heading is one that Item 5 referred to;
    None when its heading is not."""
    heading = next((x for x in lines if x.kind not in ("BLANK", "PAGE", "RUNNING_HEAD")), None)
    match = _HEADING.match(heading.text) if heading is not None else None
    if match is None or _key(match) not in references:
        return None
    lines = leader_rows(lines)
    table = lower_transaction_table(lines, context, names)
    if table.transactions:
        return table.transactions
    prose = lower_trade_sentences(lines, context, set())
    _report_prose_unread(prose.unread, context, "the schedule Item 5(c) refers to")
    if not prose.transactions and not prose.unread:
        report_unread(lines, context, "the schedule Item 5(c) refers to")
    return prose.transactions
