"""The rest of a restyled filing: title page, items (the trades of Item 5(c) among them), the
signature, and a schedule of trades after it when Item 5(c) refers to one."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace

from restyle.facts import FilingFacts, TradeFacts
from restyle.style import Style
from restyle.trade_prose import (
    SIDE_CAPTIONS,
    joined_sentence,
    price_text,
    sentence,
    side_split,
)

AMENDMENT = 3  # the amendment number the "amendment" styles write


def _center(text: str) -> str:
    return text.center(78).rstrip()


def title_page(facts: FilingFacts, style: Style, schedule: str) -> list[str]:
    if style.schedule == "13G-no-title":
        return [_center(f"SCHEDULE {schedule}"), "", "<PAGE>"]
    lines = [
        _center("UNITED STATES"),
        _center("SECURITIES AND EXCHANGE COMMISSION"),
        "",
        _center(f"SCHEDULE {schedule}"),
        _center("Under the Securities Exchange Act of 1934"),
        *([_center(style.amendment.format(n=AMENDMENT))] if style.amendment != "none" else []),
        "",
        _center(facts.issuer),
        _center("(Name of Issuer)"),
        "",
        _center(facts.title),
        _center("(Title of Class of Securities)"),
        "",
        _center(_cusip(facts.cusip, style)),
        _center("(CUSIP Number)"),
        "",
    ]
    if schedule == "13D":
        lines += [
            _center("Jane Q. Public, Esq."),
            _center("1 Main Street, Springfield, IL 62701"),
            _center("(217) 555-0100"),
            _center("(Name, Address and Telephone Number of Person"),
            _center("Authorized to Receive Notices and Communications)"),
            "",
        ]
    lines += [
        _center(facts.event_date.strftime(style.event_style).replace(" 0", " ")),
        _center("(Date of Event Which Requires Filing of This Statement)"),
        "<PAGE>",
    ]
    return lines


def _cusip(cusip: str, style: Style) -> str:
    if style.cusip_style == "spaced":
        return f"{cusip[:6]} {cusip[6:8]} {cusip[8]}"
    if style.cusip_style == "dashed":
        return f"{cusip[:6]}-{cusip[6:8]}-{cusip[8]}"
    if style.cusip_style == "labelled":
        return f"CUSIP No. {cusip}"
    return cusip


def _date(trade: TradeFacts, style: Style) -> str:
    if style.date_format == "{m}/{d}/{yy}":
        date = trade.date
        return f"{date.month}/{date.day}/{date.year % 100:02d}"
    return trade.date.strftime(style.date_format)


_HEADINGS = {
    "date": ("Date", "Trade Date", "Date of Transaction"),
    "shares": ("Shares", "Number of Shares", "Amount of Shares"),
    "price": ("Price", "Price per Share", "Price Per Share ($)"),
    "nature": ("Nature of Transaction", "Type", "Transaction"),
    "person": ("Reporting Person", "Name", "Purchaser"),
    "bought": ("Shares Purchased", "Number of Shares Purchased", "Shares Bought"),
    "sold": ("Shares Sold", "Number of Shares Sold", "Shares Disposed Of"),
    "total": ("Total Proceeds", "Aggregate Price", "Total Cost ($)", "Amount ($)", "Consideration"),
    "settlement": ("Settlement Date", "Date Settled"),
    "broker": ("Broker", "Executing Broker", "Venue"),
}
# Every column a table may give, for the style that writes them all in a random order.
ALL_COLUMNS = ("person", "date", "settlement", "shares", "price", "total", "nature", "broker")
_SETTLES = dt.timedelta(days=3)  # a trade settles a few days after it is made
TABLE_PERSON = "Acme Partners, L.P."  # the person column's name


def _nature(style: Style, bought: bool) -> str:
    """A nature cell: the side of each row in the style that writes every column; else one
    for all."""
    if style.trades == "table-all-columns" and not bought:
        return "Open market sale"
    return "Open market purchase"


def trade_cells(
    trades: tuple[TradeFacts, ...], style: Style, rng: random.Random
) -> tuple[list[str], list[list[str]]]:
    """(column headings, one list of cells per trade) in the style's column order."""
    columns = ["date", "shares", "price"]
    if style.trades == "table-reordered":
        rng.shuffle(columns)
    if style.trades == "table-with-nature":
        columns.insert(rng.randrange(len(columns) + 1), "nature")
    if style.trades == "table-with-person":
        columns.insert(0, "person")
    if style.trades == "table-side-columns":  # the count under "Purchased" or under "Sold"
        columns = ["date", "bought", "sold", "price"]
    if style.trades in ("table-with-total", "table-with-settlement"):
        columns.insert(rng.randrange(len(columns) + 1), style.trades.rsplit("-", 1)[1])
    if style.trades == "table-all-columns":
        columns = list(ALL_COLUMNS)
        rng.shuffle(columns)
    bought = side_split(trades)
    headings = [rng.choice(_HEADINGS[column]) for column in columns]

    def cell(trade: TradeFacts, column: str, index: int) -> str:
        if column in ("bought", "sold"):
            mine = (index < bought) == (column == "bought")
            return f"{trade.shares:,}" if mine else ""
        return {
            "date": _date(trade, style),
            "shares": f"{trade.shares:,}" + (" (1)" if style.trade_cells == "footnoted" else ""),
            "price": price_text(trade, style),
            "nature": _nature(style, index < bought),
            "person": TABLE_PERSON,
            "total": f"${trade.shares * trade.price:,.2f}",
            "settlement": _date(replace(trade, date=trade.date + _SETTLES), style),
            "broker": "Goldman, Sachs & Co.",
        }[column]

    return headings, [
        [cell(trade, column, index) for column in columns] for index, trade in enumerate(trades)
    ]


def trade_table(
    trades: tuple[TradeFacts, ...], style: Style, rng: random.Random, running_header: str
) -> list[str]:
    heading_cells, rows = trade_cells(trades, style, rng)
    columns = list(range(len(heading_cells)))
    headings = dict(enumerate(heading_cells))

    def cell(trade: list[str], column: int) -> str:
        return trade[column]

    trades_cells = rows
    widths = {
        column: max(len(headings[column]), *(len(cell(t, column)) for t in trades_cells)) + 4
        for column in columns
    }

    def row(cells: dict[int, str]) -> str:
        return "     " + "".join(f"{cells[c]:<{widths[c]}}" for c in columns).rstrip()

    lines = [row(headings), "     " + "".join("-" * (widths[c] - 4) + "    " for c in columns)]
    middle = len(trades) // 2 if style.table_break != "none" and len(trades) > 1 else -1
    for index, trade in enumerate(trades_cells):
        if index == middle:
            lines += ["<PAGE>", running_header, ""]
            if style.table_break == "middle-headings-again":
                lines += lines[:2]
        lines.append(row({column: cell(trade, column) for column in columns}))
    return lines


def item_5c(
    trades: tuple[TradeFacts, ...], style: Style, rng: random.Random, running_header: str
) -> tuple[list[str], list[str]]:
    """(Item 5(c)'s lines, a schedule after the signature or nothing)."""
    intro = "     (c) The Reporting Person effected the following transactions in the Shares"
    if not trades:
        return ["     (c) None."], []
    if style.trades == "prose":
        text = " ".join(sentence(t, style) for t in trades)
        return ["     (c) " + text], []
    if style.trades == "prose-joined":
        return ["     (c) " + joined_sentence(trades, style)], []
    if style.trades == "table-by-side":
        bought, sold = rng.choice(SIDE_CAPTIONS)
        half = side_split(trades)
        lines = [intro + " during the past sixty days:", ""]
        lines += ["     " + bought, "", *trade_table(trades[:half], style, rng, running_header)]
        if trades[half:]:
            lines += ["", "     " + sold, ""]
            lines += trade_table(trades[half:], style, rng, running_header)
        return lines, []
    if style.trades == "paragraphs":
        lines = [intro + " during the past sixty days:", ""]
        for trade in trades:
            lines += ["     " + sentence(trade, style), ""]
        return lines, []
    if style.trades == "schedule":
        lines = [
            "     (c) The transactions in the Shares effected by the Reporting Person during the",
            "     past sixty days are set forth in Schedule A hereto.",
        ]
        schedule = [
            "<PAGE>",
            _center("SCHEDULE A"),
            "",
            _center("Transactions in the Shares During the Past Sixty Days"),
            "",
            *trade_table(trades, style, rng, running_header),
        ]
        return lines, schedule
    lines = [intro + " during the past sixty days:", ""]
    return lines + trade_table(trades, style, rng, running_header), []


def items_13d(
    facts: FilingFacts,
    trades: tuple[TradeFacts, ...],
    style: Style,
    rng: random.Random,
    header: str,
) -> tuple[list[str], list[str]]:
    item5c, schedule = item_5c(trades, style, rng, header)
    lines = [
        "Item 1.  Security and Issuer.",
        "",
        f'     This statement relates to the {facts.title} (the "Shares") of {facts.issuer}.',
        "",
        "Item 2.  Identity and Background.",
        "",
        "     This statement is filed by the Reporting Persons named on the cover pages.",
        "",
        "Item 3.  Source and Amount of Funds or Other Consideration.",
        "",
        "     The Shares were bought with working capital.",
        "",
        "Item 4.  Purpose of Transaction.",
        "",
        "     The Shares were acquired for investment.",
        *_item_break("Item 4.  Purpose of Transaction.", style, header),
        "     The Reporting Persons may buy or sell Shares from time to time.",
        "",
        "Item 5.  Interest in Securities of the Issuer.",
        "",
        "     (a)-(b) The information on the cover pages is incorporated by reference.",
        "",
        *item5c,
        "",
        "Item 6.  Contracts, Arrangements, Understandings or Relationships.",
        "",
        "     None.",
        "",
        "Item 7.  Material to Be Filed as Exhibits.",
        "",
        "     None.",
        "",
    ]
    return lines, schedule


def items_13g(facts: FilingFacts, style: Style, header: str) -> list[str]:
    return [
        "Item 1(a).   Name of Issuer:",
        f"             {facts.issuer}",
        "Item 1(b).   Address of Issuer's Principal Executive Offices:",
        "             1 Main Street, Springfield, IL 62701",
        "Item 2(a).   Name of Person Filing:",
        "             The Reporting Persons on the cover pages.",
        "Item 2(b).   Address of Principal Business Office:",
        "             2 Market Street, Springfield, IL 62701",
        "Item 2(c).   Citizenship:",
        "             See row 4 of each cover page.",
        "Item 2(d).   Title of Class of Securities:",
        f"             {facts.title}",
        *_item_break("Item 2.      Identity of the Persons Filing.", style, header),
        "Item 2(e).   CUSIP Number:",
        f"             {facts.cusip}",
        "Item 3.      Not applicable.",
        "Item 4.      Ownership.",
        "             See rows 5 through 11 of each cover page.",
        "Item 5.      Ownership of Five Percent or Less of a Class.",
        "             Not applicable.",
        "",
    ]


def _item_break(heading: str, style: Style, header: str) -> list[str]:
    """A page break inside an item: the item's heading again after it, "(continued)", or as a
    running line of the page (the heading over the header)."""
    if style.item_break == "continued":
        return ["", "<PAGE>", header, "", heading.rstrip(".:") + " (continued)", ""]
    if style.item_break == "running-heading":
        return ["", "<PAGE>", heading, header, ""]
    return [""]


_ADDRESS = ("c/o Widget Capital LLC", "1 Main Street, Suite 400", "Springfield, IL 62701")


def annex(names: tuple[str, ...], style: Style) -> list[str]:
    """The annex of directors and officers, in the style's layout."""
    if style.annex == "none" or not names:
        return []
    lines = [
        "<PAGE>",
        _center("SCHEDULE I"),
        "",
        _center("DIRECTORS AND EXECUTIVE OFFICERS"),
        "",
        "     The name, business address and present principal occupation of each director",
        "     and executive officer of the Reporting Person are set forth below.",
        "",
    ]
    if style.annex == "labelled":
        for name in names:
            lines += [
                f"     Name:               {name}",
                "     Position:           Director",
                f"     Address:            {_ADDRESS[1]}",
                f"                         {_ADDRESS[2]}",
                "     Citizenship:        United States",
                "",
            ]
    elif style.annex == "columns":
        width = max(len(name) for name in names) + 4
        lines += [f"     {'Name':<{width}}Present Principal Occupation    Citizenship", ""]
        lines += [
            f"     {name:<{width}}Director                        United States" for name in names
        ]
    elif style.annex == "name-and-title":
        width = max(len(name) for name in names) + 4
        lines += [f"     {name:<{width}}Director and Chief Executive Officer" for name in names]
    elif style.annex == "name-then-indented-address":  # "c/o" under the name, the rest indented
        for name in names:
            lines += [
                f"     {name}",
                f"     {_ADDRESS[0]}",
                *(f"        {p}" for p in _ADDRESS[1:]),
                "",
            ]
    elif style.annex == "name-title-then-address":  # name and title in columns, address below
        width = max(len(name) for name in names) + 4
        for name in names:
            lines += [f"     {name:<{width}}Director", *(f"     {p}" for p in _ADDRESS), ""]
    else:  # list-with-addresses: name, then its address lines, then its citizenship
        for name in names:
            lines += [
                f"     {name}",
                *(f"     {part}" for part in _ADDRESS),
                "     United States citizen",
                "",
            ]
    return lines


def signature(facts: FilingFacts) -> list[str]:
    return [
        _center("SIGNATURE"),
        "",
        "After reasonable inquiry and to the best of my knowledge and belief, I certify",
        "that the information set forth in this statement is true, complete and correct.",
        "",
        "Date: " + facts.event_date.strftime("%B %d, %Y").replace(" 0", " "),
        "                                        /s/ Jane Q. Public",
        "                                        Name: Jane Q. Public",
    ]
