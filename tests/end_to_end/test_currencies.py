"""Item 5(c) prices in other currencies, end to end: through an HTML table, through the
normalized filing and back, and a total in a sentence (the examples of each layout are the
fixtures tests/fixtures/trades/currencies.fixture and tests/fixtures/values/prices.fixture)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
from decimal import Decimal

import pytest
from minimal_filing import minimal_13d
from render_filing import complete_filing

from compiler import compile_filing
from compiler.backends.render import OutputFormat, render
from compiler.ir import Transaction

_SIGNATURE = "                                   SIGNATURE"


def _html_13d(item5: str) -> bytes:
    """The minimal 13D as HTML, its Item 5 written in HTML (a table, say)."""
    text = minimal_13d().decode()
    start, end = text.index("Item 5."), text.index(_SIGNATURE)
    return (
        f"<html><body><pre>{html.escape(text[:start])}</pre>"
        "<p>Item 5.  Interest in Securities of the Issuer.</p>"
        f"{item5}<pre>{html.escape(text[end:])}</pre></body></html>"
    ).encode()


@pytest.mark.parametrize(
    ("cells", "currency"),
    [
        ("<td>C$</td><td>{price}</td>", "CAD"),  # the sign in a cell of its own
        ("<td>EUR</td><td>{price}</td>", "EUR"),  # a code before the number
        ("<td>{price}</td><td>EUR</td>", "EUR"),  # a code after it
        ("<td>&euro;</td><td>{price}</td>", "EUR"),
    ],
)
def test_an_html_table_cell_beside_the_number_names_the_currency(cells: str, currency: str) -> None:
    rows = "".join(
        f"<tr><td>{date}</td><td>{shares}</td>{cells.format(price=price)}</tr>"
        for date, shares, price in (("03/02/2020", "400,000", "12.40"), ("03/03/2020", "200", "9"))
    )
    table = (
        "<p>(c) The Reporting Person sold the following Shares:</p><table>"
        '<tr><td>Date</td><td>Shares</td><td colspan="2">Price per Share</td></tr>'
        f"{rows}</table>"
    )
    filing = compile_filing(_html_13d(table), "item5.htm")
    assert [(t.shares, t.price, t.currency, t.note) for t in filing.transactions] == [
        (400_000, Decimal("12.40"), currency, None),
        (200, Decimal("9"), currency, None),
    ]


def test_prices_in_other_currencies_survive_the_normalized_filing() -> None:
    """The normalized filing writes "CAD 12.40" (fixed_width.money); read back, it is the same
    price in the same currency."""
    filing = complete_filing()
    trades = tuple(
        Transaction(
            date=dt.date(2004, 1, 5 + day),
            shares=1_000 * (day + 1),
            price=Decimal(price),
            currency=currency,
        )
        for day, (price, currency) in enumerate(
            (("12.40", "CAD"), ("3.62", "EUR"), ("1.25", "GBP"), ("21.40", "USD"))
        )
    )
    text = render(dataclasses.replace(filing, transactions=trades), OutputFormat.TEXT)
    assert "CAD 12.40" in text
    again = compile_filing(text.encode("utf-8"), "normalized.txt")
    assert [(t.price, t.currency, t.note) for t in again.transactions] == [
        (t.price, t.currency, None) for t in trades
    ]


def test_a_total_in_another_currency_keeps_its_currency_in_the_note() -> None:
    item5 = "(c) On March 2, 2020, the Fund purchased 400,000 Shares for £1,240,000."
    text = minimal_13d().decode()
    start, end = text.index("Item 5."), text.index(_SIGNATURE)
    body = text[:start] + "Item 5.  Interest in Securities of the Issuer.\n\n" + item5 + "\n\n"
    filing = compile_filing((body + text[end:]).encode(), "item5.txt")
    [trade] = filing.transactions
    assert (trade.price, trade.currency) == (None, "GBP")
    assert trade.note == "purchased, aggregate price GBP 1,240,000"
