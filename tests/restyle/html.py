"""The same facts as an HTML filing, as filing agents' word processors save them: the title page
in centered paragraphs, each cover page a table (row number, caption and value in cells, or
caption and value in one cell), the items in paragraphs, Item 5(c) trades as an HTML table, in
sentences or in a schedule, page breaks as CSS breaks."""

from __future__ import annotations

import random
from html import escape

from restyle.body import title_page, trade_cells
from restyle.cover import POWER_LABEL, POWER_ROWS, _caption, _values, row_kinds
from restyle.facts import FilingFacts, PersonFacts, TradeFacts
from restyle.style import Style
from restyle.trade_prose import SIDE_CAPTIONS, joined_sentence, sentence, side_split

BREAK = '<div style="page-break-before: always"></div>'


def _p(text: str, center: bool = False) -> str:
    style = ' style="text-align: center; margin: 0"' if center else ""
    return f"<p{style}>{escape(text) if text else '&nbsp;'}</p>"


def _cell(lines: list[str]) -> str:
    return "<br>".join(escape(line) for line in lines) or "&nbsp;"


def _cover(person: PersonFacts, style: Style, schedule: str, header: str) -> list[str]:
    kinds = row_kinds(schedule)
    numbers = {kind: number for number, kind in enumerate(kinds, start=1)}
    rows: list[str] = []
    label = style.power_label == "label"
    for kind in kinds:
        caption = _caption(kind, style, numbers)
        values = _values(kind, person, style)
        number = style.numbering.format(n=numbers[kind])
        lead = ""
        if label and kind == POWER_ROWS[0]:
            lead = f'<td rowspan="4">{escape(" ".join([*POWER_LABEL, "WITH"]))}</td>'
        elif not label or kind not in POWER_ROWS:
            lead = "" if not label else "<td></td>"
        if style.placement == "under":  # caption and value in one cell, the value below
            cells = f"<td>{escape(number)}</td><td>{_cell([caption, *values])}</td>"
        elif style.placement == "bar":  # number and caption in one cell
            cells = f"<td>{escape(number + ' ' + caption)}</td><td>{_cell(values)}</td>"
        else:
            cells = f"<td>{escape(number)}</td><td>{escape(caption)}</td><td>{_cell(values)}</td>"
        rows.append(f"<tr>{lead}{cells}</tr>")
    return [_p(header), '<table border="1" cellpadding="2">', *rows, "</table>", BREAK]


def _trade_table(trades: tuple[TradeFacts, ...], style: Style, rng: random.Random) -> list[str]:
    headings, rows = trade_cells(trades, style, rng)
    out = ["<table>", "<tr>" + "".join(f"<td><b>{escape(h)}</b></td>" for h in headings) + "</tr>"]
    out += ["<tr>" + "".join(_trade_cell(c) for c in row) + "</tr>" for row in rows]
    return [*out, "</table>"]


def _trade_cell(text: str) -> str:
    """A cell; "$ 10.00" is written as word processors lay it out, the "$" in a cell of its own."""
    if text.startswith("$ "):
        return f"<td>$</td><td>{escape(text[2:])}</td>"
    return f"<td>{escape(text)}</td>"


def _item5c(
    trades: tuple[TradeFacts, ...], style: Style, rng: random.Random
) -> tuple[list[str], list[str]]:
    if not trades:
        return [_p("(c) None.")], []
    if style.trades == "prose":
        return [_p("(c) " + " ".join(sentence(t, style) for t in trades))], []
    if style.trades == "prose-joined":
        return [_p("(c) " + joined_sentence(trades, style))], []
    if style.trades == "table-by-side":
        bought, sold = rng.choice(SIDE_CAPTIONS)
        half = side_split(trades)
        lines = [_p("(c) The Reporting Person effected the following transactions:")]
        lines += [_p(bought), *_trade_table(trades[:half], style, rng)]
        if trades[half:]:
            lines += [_p(sold), *_trade_table(trades[half:], style, rng)]
        return lines, []
    if style.trades == "paragraphs":
        return [_p("(c) The Reporting Person effected these trades:")] + [
            _p(sentence(t, style)) for t in trades
        ], []
    if style.trades == "schedule":
        refer = _p("(c) The transactions in the Shares are set forth in Schedule A hereto.")
        return [refer], [BREAK, _p("SCHEDULE A", True), _p(""), *_trade_table(trades, style, rng)]
    intro = _p("(c) The Reporting Person effected the following transactions in the Shares:")
    return [intro, *_trade_table(trades, style, rng)], []


def html_filing(
    facts: FilingFacts,
    persons: tuple[PersonFacts, ...],
    trades: tuple[TradeFacts, ...],
    style: Style,
    rng: random.Random,
) -> str:
    schedule = "13D" if style.schedule == "13D" else "13G"
    body: list[str] = []
    for line in title_page(facts, style, schedule):
        body.append(BREAK if line == "<PAGE>" else _p(line.strip(), center=True))
    header = f"CUSIP No. {facts.cusip}"
    for person in persons:
        body += _cover(person, style, schedule, header)
    schedule_part: list[str] = []
    if schedule == "13D":
        item5c, schedule_part = _item5c(trades, style, rng)
        body += [
            _p("Item 1. Security and Issuer."),
            _p(f'This statement relates to the {facts.title} (the "Shares") of {facts.issuer}.'),
            _p("Item 2. Identity and Background."),
            _p("This statement is filed by the Reporting Persons named on the cover pages."),
            _p("Item 3. Source and Amount of Funds or Other Consideration."),
            _p("The Shares were bought with working capital."),
            _p("Item 4. Purpose of Transaction."),
            _p("The Shares were acquired for investment."),
            _p("Item 5. Interest in Securities of the Issuer."),
            _p("(a)-(b) The information on the cover pages is incorporated by reference."),
            *item5c,
            _p("Item 6. Contracts, Arrangements, Understandings or Relationships."),
            _p("None."),
            _p("Item 7. Material to Be Filed as Exhibits."),
            _p("None."),
        ]
    else:
        body += [
            _p("Item 1(a). Name of Issuer:"),
            _p(facts.issuer),
            _p("Item 1(b). Address of Issuer's Principal Executive Offices:"),
            _p("1 Main Street, Springfield, IL 62701"),
            _p("Item 2(a). Name of Person Filing:"),
            _p("The Reporting Persons on the cover pages."),
            _p("Item 2(d). Title of Class of Securities:"),
            _p(facts.title),
            _p("Item 2(e). CUSIP Number:"),
            _p(facts.cusip),
            _p("Item 3. Not applicable."),
            _p("Item 4. Ownership."),
            _p("See the cover pages."),
            _p("Item 5. Ownership of Five Percent or Less of a Class."),
            _p("Not applicable."),
        ]
    date = facts.event_date.strftime("%B %d, %Y").replace(" 0", " ")
    body += [
        _p("SIGNATURE", True),
        _p(
            "After reasonable inquiry and to the best of my knowledge and belief, I certify that"
            " the information set forth in this statement is true, complete and correct."
        ),
        _p(f"Date: {date}"),
        _p("/s/ Jane Q. Public"),
        *schedule_part,
    ]
    return (
        "<html><head><title>SC 13D</title></head><body>\n" + "\n".join(body) + "\n</body></html>\n"
    )
