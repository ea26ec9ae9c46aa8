"""Item 5(c) transaction tables: the rows, and the lines that are the table's own layout.

A row is a ``TX_ROW`` line (a date cell and a number cell, cells two spaces apart) that gives a
share count. Around the rows stand lines that belong to the table, not to the item's prose, and
which a regenerated table writes anew:

- the column headings directly above a run of rows ("Date of Transaction:   Common Stock Sold:")
  with their rules, repeated after each page break: a block of short cells, no sentence;
- a one-line caption above a run (and its headings) that names one of the filing's reporting
  persons ("Margaret H. Ellery"): the table of that person's trades, so the rows up to the next
  such caption are that person's (unless a row names its own);
- a one-line caption that says a table goes on ("Item 5(c) Transactions (continued)").

A row's cells are read by the roles the column headings over them name (date, count, price,
total, settlement date, nature, broker, person; see transaction_roles), so that columns may
stand in any order; a row whose headings name no date and count column is read by the shapes of
its values.

Which way the rows' trades went is the row's own words (a nature column: "Open market sale")
where they say it; else the heading of the column its count stands in ("Shares Purchased" and
"Shares Sold" as two columns; see transaction_columns); else the words over the run: its column
headings ("Date of Sale"), a caption
above them ("Purchases"), or the sentence that introduces the table ("The Fund sold the following
Shares:"), when they name one side and not both. A run without such words keeps the side of the
run before it (a table goes on after a page break).

Everything else near a table (an introduction, a total line, notes under it) stays item text.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from array import array
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from compiler.diagnostic_codes import Code
from compiler.frontend.terminals import line_shapes
from compiler.frontend.values import (
    CURRENCY_PATTERN,
    TRADE_DATE_PATTERN,
    date_from_match,
    parse_price,
    trade_side,
)
from compiler.ir import Span, TradeSide, Transaction, new_transaction
from compiler.lower.date_order import in_one_date_order
from compiler.lower.lines import CELL_GAP, Context, Line, LineFlags, join_words
from compiler.lower.person_columns import per_person, person_columns
from compiler.lower.same_day_rows import figures, undated_rows
from compiler.lower.transaction_columns import (
    Cell,
    column_heading,
    column_side,
    heading_rows,
    one_side,
    role_heading_rows,
    signed_side,
)
from compiler.lower.transaction_roles import (
    Role,
    RoleColumns,
    RoleRow,
    heading_role,
    read_by_roles,
)

SHAPES = line_shapes()  # the grammar's terminals (grammar/*.lark)
_PRICE = SHAPES["TX_PRICE"]
_FRACTION_PRICE = SHAPES["TX_FRACTION_PRICE"]
_SHARES = SHAPES["TX_SHARES"]
_NOT_A_PRICE = SHAPES["TX_NOT_A_PRICE"]
_NATURE = SHAPES["TX_NATURE"]
_SECURITY = SHAPES["TX_SECURITY"]
_CONTINUED = SHAPES["TX_CONTINUED"]
_TX_GAP = SHAPES["TX_GAP"]
_SIGN_GAP = SHAPES["TX_SIGN_GAP"]
# Lines that may stand between column headings and the rows under them.
_HEADING_KINDS = frozenset({"TEXT", "RULE", "TABLE_TAG"})
_MAX_HEADING_LINES = 4
_MAX_HEADING_WORDS = 6  # words in one heading cell


@dataclass(slots=True)
class TransactionTable:
    transactions: list[Transaction] = field(default_factory=list)
    lines: LineFlags = field(default_factory=LineFlags)  # line indexes that are the table's
    captions: set[int] = field(default_factory=set)  # line indexes of names under the headings


@dataclass(slots=True)
class _Row:
    """A parsed row, before the captions over the table say whose trades it holds."""

    date: dt.date
    shares: int
    price: Decimal | None
    person: str | None  # named on the row itself
    note: str | None
    spans: Mapping[str, Span]
    shares_at: tuple[int, int]  # the share count's columns in its line
    signed: bool  # the count written as a negative: "(3,000)", "-3,000"
    # The row's own words for its side: its nature column, when the headings name one; else
    # every cell that is not the date, count, price or person.
    nature: str | None
    date_text: str = ""  # the date as written: a table writes its dates in one order
    currency: str = "USD"  # the price's (grammar/values.lark names each by its ISO code)

    def transaction(
        self, captioned: str | None, heading: TradeSide | None, words: str | None
    ) -> Transaction:
        """``words``: the heading of the column the row's share count stands in."""
        side = (
            one_side(self.nature)
            or column_side(words)
            or signed_side(words, self.signed)
            or heading
            or trade_side(self.nature)
        )
        person = captioned if self.person is None else self.person
        return new_transaction(
            self.date, self.shares, self.price, self.currency, person, self.note, side, self.spans
        )


def _parse_row(line: Line, context: Context, headings: RoleColumns | None) -> _Row | None:
    """A row read by the roles its column headings name, else by the shapes of its values."""
    by_roles = read_by_roles(line.text, headings)
    if by_roles is not None:
        return _role_row(by_roles, line, context)
    return _shape_row(line, context)


_DATE_SHARES = ("date", "shares")
_DATE_SHARES_PRICE = ("date", "shares", "price")


@functools.cache
def _span_names(names: tuple[str, ...]) -> tuple[str, ...]:
    """One tuple for each order of a row's names: every row's spans refer to it."""
    return names


def _role_row(row: RoleRow, line: Line, context: Context) -> _Row:
    # (Positional, each value fetched once: this runs for every row of a table.)
    date, count, price, notes, nature = row.date, row.count, row.price, row.notes, row.nature
    if price is None:
        offsets: tuple[int, ...] = (date[0], date[1], count[0], count[1])
        spans = context.line_spans(line, _DATE_SHARES, offsets)
    else:
        offsets = (date[0], date[1], count[0], count[1], price[0], price[1])
        spans = context.line_spans(line, _DATE_SHARES_PRICE, offsets)
    return _Row(
        date[2],
        count[2],
        None if price is None else price[2],
        row.person,
        (" ".join(notes) or None) if notes else None,
        spans,
        (count[0], count[1]),
        row.signed,
        (" ".join(nature) or None) if nature else None,
        line.text[date[0] : date[1]],
        row.currency,
    )


def _shape_row(line: Line, context: Context) -> _Row | None:
    text = line.text
    match: re.Match[str] | None = None
    date: dt.date | None = None
    for candidate in TRADE_DATE_PATTERN.finditer(text):
        if candidate.lastgroup == "DATE_PERIOD":
            # "3/2/2005 - 3/5/2005": what several trades sum to, no trade of one day.
            context.report(
                Code.TX_ROW_UNPARSED,
                f"a transaction row dated by a period ({candidate.group()}), not by one day's date",
                line,
            )
            return None
        date = date_from_match(candidate)
        if date is not None:
            match = candidate
            break
    if match is None or date is None:
        return None
    # name -> start, end in the line, in the order found (the order of the row's spans)
    places: dict[str, tuple[int, int]] = {"date": (match.start(), match.end())}
    shares: int | None = None
    shares_at = (0, 0)
    signed = False
    price: Decimal | None = None
    currency = "USD"
    person: str | None = None
    notes: list[str] = []
    position = 0
    text = text[: match.start()] + " " * (match.end() - match.start()) + text[match.end() :]
    for written in _TX_GAP.split(text.strip()):
        if not written:
            continue
        start = text.index(written, position)
        position = start + len(written)
        cell = _SIGN_GAP.sub("", written) if "  " in written else written
        # Each pattern is tried only where its branch can still be taken (most cells are the
        # share count or the price, decided by the first or second test); a fraction has a "/".
        fraction = _FRACTION_PRICE.match(cell) if price is None and "/" in cell else None
        if fraction:
            whole = Decimal(fraction.group("whole") or 0)
            # Denominators are powers of two: the quotient is an exact, finite decimal.
            price = whole + Decimal(fraction.group("num")) / Decimal(fraction.group("den"))
            places["price"] = (start, start + len(written))
            continue
        shares_match = _SHARES.match(cell) if shares is None else None
        if shares_match and not ("." in cell and _PRICE.match(cell)):
            shares = int(shares_match.group("n").replace(",", ""))
            places["shares"] = (start, start + len(written))
            shares_at = (start, start + len(written))
            signed = shares_match.group("sign") is not None
            continue
        # A currency other than the dollar sign: "EUR 5.00", "5.00 EUR", "C$5.00" (a cell that
        # is no price, "C$5.00 USD" or a name "EUR Holdings", is read on as any other).
        money = parse_price(cell).value if price is None and CURRENCY_PATTERN.search(cell) else None
        if money is not None:
            price, currency = money.amount, money.currency or "USD"
            places["price"] = (start, start + len(written))
            continue
        price_match = _PRICE.match(cell) if price is None else None
        if price_match:
            raw = (price_match.group("a") or price_match.group("b") or "").replace(",", "")
            try:
                price = Decimal(raw)
                places["price"] = (start, start + len(written))
            except InvalidOperation:
                notes.append(cell)
        elif _NOT_A_PRICE.match(cell) or _NATURE.match(cell) or _SECURITY.match(cell):
            notes.append(cell)
        elif person is None and shares is None and any(c.isalpha() for c in cell):
            # The person column stands left of the share count; words right of it are notes.
            person = cell
        else:
            notes.append(cell)
    if shares is None:
        context.report(Code.TX_ROW_UNPARSED, "a transaction row without a share count", line)
        return None
    note = " ".join(notes) or None
    offsets = tuple(offset for place in places.values() for offset in place)
    spans = context.line_spans(line, _span_names(tuple(places)), offsets)
    return _Row(
        date, shares, price, person, note, spans, shares_at, signed, note, match.group(), currency
    )


def _is_heading(lines: list[Line]) -> bool:
    """Column headings: a few lines of short cells, one of them with two cells or more."""
    if not lines or len(lines) > _MAX_HEADING_LINES:
        return False
    widest = 0
    for line in lines:
        cells = [cell for cell in CELL_GAP.split(line.text.strip()) if cell]
        if any(len(cell.split()) > _MAX_HEADING_WORDS for cell in cells):
            return False
        if line.text.rstrip().endswith(".") and not line.text.rstrip().endswith("No."):
            return False
        widest = max(widest, len(cells))
    return widest >= 2


def _person_named(text: str, names: dict[str, str]) -> str | None:
    return names.get(join_words([text]).casefold())


def lower_transaction_table(
    lines: list[Line], context: Context, person_names: Sequence[str] = ()
) -> TransactionTable:
    """The Item 5(c) rows of an item, in document order, and the lines that are the table's."""
    table = TransactionTable(lines=LineFlags(lines))
    names = {join_words([name]).casefold(): name for name in person_names if name}
    # (An array: a list held an int object for each row of a long table, at the lowering's peak.)
    rows = array("q", [position for position, line in enumerate(lines) if line.kind == "TX_ROW"])
    captions: dict[int, str] = {}  # position of a run's first row -> the person its caption names
    sides: dict[int, TradeSide] = {}  # position of a run's first row -> the side its words name
    # position of a run's first row -> its headings: the lines that name a column's side, and
    # those that name its role
    headings: dict[int, tuple[list[list[Cell]], RoleColumns | None]] = {}
    starts: set[int] = set()  # the positions of the runs' first rows
    for position in rows:
        above = position - 1
        while above > 0 and (lines[above].kind in ("RULE", "TABLE_TAG") or figures(lines[above])):
            above -= 1  # (a line of figures alone may be a row of the same day as the one above)
        if above > 0 and lines[above].kind == "TX_ROW":
            continue  # not the first row of a run
        starts.add(position)
        top = _headings(lines, position, table, names, captions)
        if top is not None:
            _caption(lines, position, top, table, names, captions)
        side = _run_side(lines, position, top)
        if side is not None:
            sides[position] = side
        over = [line for line in lines[top or 0 : position] if line.index not in table.captions]
        person_column = False
        if top is not None and (cells := heading_rows(over)):
            roles = role_heading_rows(over)
            headings[position] = (cells, RoleColumns(roles) if roles else None)
            person_column = any(
                heading_role(cell[2]) is Role.PERSON for row in roles for cell in row
            )
        # The one person the introduction names, for a table without a person column (a row
        # left blank under a person heading is no one's).
        if (
            position not in captions
            and not person_column
            and (named := _intro_person(lines, position, top, names))
        ):
            captions[position] = named
    person: str | None = None
    heading_side: TradeSide | None = None
    columns: tuple[list[list[Cell]], RoleColumns | None] = ([], None)
    # The rows of a run stand in the same few columns: each column's heading is found once per
    # run, not once per row (a long table's rows each searched every heading cell).
    column_words: dict[tuple[int, int], str | None] = {}
    written: list[str] = []  # each transaction's date as written
    # One text for each date as written: a table has many rows a day (and a long one thousands).
    date_texts: dict[str, str] = {}
    people: list[Cell] = []  # the run's columns of one person's counts each (person_columns)
    run_shares = 0  # the shares of the run's rows so far: a line that sums them is a total
    # (Bound once: the loop runs for every row of the table.)
    take, found, note_date = table.lines.add, table.transactions.append, written.append
    for position in rows:
        person = captions.get(position, person)
        heading_side = sides.get(position, heading_side)
        if position in headings:
            # (Taken out: the run's columns, and the placings they cache, go with the run.)
            columns = headings.pop(position)
            column_words = {}
            people = person_columns(columns[0])
        line = lines[position]
        row = _parse_row(line, context, columns[1])
        if row is None:
            continue
        take(line.index)
        run_shares = row.shares if position in starts else run_shares + row.shares
        # A row of the same day is a line of figures (TEXT) right under the row: most rows have
        # a row or a rule under them, and are spared the lookup's generators and list.
        if position + 1 < len(lines) and lines[position + 1].kind == "TEXT":
            day_rows = [(position, row), *_same_day_rows(lines, position, row, columns[1], context)]
        else:
            day_rows = [(position, row)]
        for at, same_day in day_rows:
            if same_day is not row:
                if same_day.shares == run_shares:
                    break  # the total of the rows above, not a trade
                run_shares += same_day.shares
                take(lines[at].index)
            shares_at = same_day.shares_at
            words = column_words.get(shares_at, "")
            if words == "":
                words = column_words[shares_at] = column_heading(columns[0], *shares_at)
            trade = same_day.transaction(person, heading_side, words)
            for each in (per_person(trade, lines[at], people, context) if people else None) or (
                trade,
            ):
                found(each)
                note_date(date_texts.setdefault(row.date_text, row.date_text))
    table.transactions = in_one_date_order(table.transactions, written)
    return table


def _same_day_rows(
    lines: list[Line], position: int, row: _Row, headings: RoleColumns | None, context: Context
) -> Iterator[tuple[int, _Row]]:
    """The rows right under ``row`` that leave its date column blank (same_day_rows.py), each
    with a count and a price, dated by ``row`` (its date's span theirs), with their positions."""
    for at, filled in undated_rows(lines, position, row.date_text):
        same_day = _parse_row(filled, context, headings)
        if same_day is None or same_day.price is None:
            return
        spans = {**same_day.spans, "date": row.spans["date"]}
        yield at, dataclasses.replace(same_day, spans=spans)


def _headings(
    lines: list[Line],
    first_row: int,
    table: TransactionTable,
    names: dict[str, str],
    captions: dict[int, str],
) -> int | None:
    """Mark the column headings right above the run starting at ``first_row``; return the
    position of the topmost line of the table (None when prose stands right above the rows)."""
    top = first_row
    while top - 1 > 0 and lines[top - 1].kind in _HEADING_KINDS:
        top -= 1
    block = [line for line in lines[top:first_row] if line.kind == "TEXT"]
    # A person's name right above the rows, under the headings or between two persons' rows
    # ("Shares Purchased / (Sold)  Price  Date", then "ACME FUND, L.P." centred over its rows):
    # the rows up to the next such name are that person's.
    named = _person_named(block[-1].text, names) if block else None
    if named is not None:
        captions[first_row] = named
        table.lines.add(block[-1].index)
        table.captions.add(block[-1].index)
        block = block[:-1]
        if not block and top - 2 > 0 and lines[top - 1].kind == "BLANK":
            # the headings a blank line above the name
            above = top - 1
            while above - 1 > 0 and lines[above - 1].kind in _HEADING_KINDS:
                above -= 1
            block = [line for line in lines[above : top - 1] if line.kind == "TEXT"]
            if block and _is_heading(block) and lines[above - 1].kind != "TX_ROW":
                top = above
            else:
                block = []
    if not block:
        return top
    if top - 1 > 0 and lines[top - 1].kind == "TX_ROW":
        return None  # a row's continuation line, not headings
    caption = _person_named(block[0].text, names) if len(block) > 1 else None
    if caption is not None:
        captions[first_row] = caption
        table.lines.add(block[0].index)
        block = block[1:]
    if not _is_heading(block):
        return None
    table.lines.update(line.index for line in block)
    return top


def _caption(
    lines: list[Line],
    first_row: int,
    top: int,
    table: TransactionTable,
    names: dict[str, str],
    captions: dict[int, str],
) -> None:
    """A one-line caption over the table, a blank line or two above its headings."""
    above = top - 1
    blanks = 0
    while above > 0 and lines[above].kind == "BLANK" and blanks < 2:
        above -= 1
        blanks += 1
    if not blanks or above <= 0 or lines[above].kind != "TEXT":
        return
    if lines[above - 1].kind == "TEXT":
        return  # the last line of a paragraph, not a caption
    person = _person_named(lines[above].text, names)
    if person is not None and first_row not in captions:
        captions[first_row] = person
        table.lines.add(lines[above].index)
    elif _CONTINUED.search(lines[above].text.strip()):
        table.lines.add(lines[above].index)


def _intro_paragraph(lines: list[Line], above: int) -> str:
    """The paragraph ending at ``above`` or up to two blank lines over it (the sentence that
    introduces a table), its last few lines."""
    blanks = 0
    while above > 0 and lines[above].kind in ("BLANK", "RULE", "TABLE_TAG") and blanks < 2:
        blanks += lines[above].kind == "BLANK"
        above -= 1
    paragraph: list[str] = []
    while above > 0 and lines[above].kind == "TEXT" and len(paragraph) < _MAX_HEADING_LINES:
        paragraph.append(lines[above].text)
        above -= 1
    return " ".join(reversed(paragraph))


def _intro_person(
    lines: list[Line], first_row: int, top: int | None, names: dict[str, str]
) -> str | None:
    """The one reporting person the sentence introducing a run names ("The transactions in the
    Shares by Acme Fund, L.P. during the past sixty days are set forth below"): the rows are
    that person's. None when it names none or several."""
    if not names:
        return None
    text = join_words([_intro_paragraph(lines, (first_row if top is None else top) - 1)])
    folded = text.casefold()
    # (A name as whole words: "ST" is not named by "past".)
    named = {
        name
        for key, name in names.items()
        if key and re.search(rf"(?<!\w){re.escape(key)}(?!\w)", folded)
    }
    return named.pop() if len(named) == 1 else None


def _run_side(lines: list[Line], first_row: int, top: int | None) -> TradeSide | None:
    """The side the words over a run name: its headings and a caption, or else the paragraph
    just above them (the sentence that introduces the table), up to two blank lines up."""
    above = (first_row if top is None else top) - 1
    headings = " ".join(line.text for line in lines[above + 1 : first_row] if line.kind == "TEXT")
    side = one_side(headings)
    if side is not None:
        return side
    return one_side(_intro_paragraph(lines, above))
