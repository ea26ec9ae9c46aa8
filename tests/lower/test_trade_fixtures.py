"""Every example of tests/fixtures/trades/*.fixture, compiled as Item 5 of a small clean 13D.

The fixture files are data (see their README): the text of Item 5 and the trades it must give,
one line each (date, shares, price and its currency when not the US dollar, side), and which
warning of a missed trade the item must carry (TX-PROSE-UNREAD, TX-UNREAD, TX-ROW-UNPARSED), if
any.
"""

from __future__ import annotations

import re

import pytest
from conftest import FIXTURES
from fixture_blocks import Example, read_examples
from minimal_filing import minimal_13d

from compiler import compile_filing
from compiler.ir import Transaction

TRADE_FIXTURES = FIXTURES / "trades"
EXAMPLES = [
    example for path in sorted(TRADE_FIXTURES.glob("*.fixture")) for example in read_examples(path)
]
HEADING = "Item 5.  Interest in Securities of the Issuer.\n\n"
# The warnings of a trade missed (a sentence of no known shape; counts and dates that gave none;
# a table row that gave none).
UNREAD = frozenset({"TX-PROSE-UNREAD", "TX-UNREAD", "TX-ROW-UNPARSED"})


def _shown(trade: Transaction) -> str:
    # A price's currency is shown after it when it is not the US dollar ("12.40 CAD").
    price = trade.price
    if price is not None and trade.currency != "USD":
        price = f"{price} {trade.currency}"
    values = (trade.date and trade.date.isoformat(), trade.shares, price, trade.side)
    shown = " ".join("-" if value is None else str(value) for value in values)
    return shown if trade.person is None else f"{shown} {trade.person}"


def _with_item5(body: str) -> bytes:
    text = minimal_13d().decode()
    start = text.index("Item 5.")
    end = text.index("                                   SIGNATURE")
    return (text[:start] + HEADING + body + "\n\n" + text[end:]).encode()


def test_every_family_has_examples() -> None:
    families = {example.family for example in EXAMPLES}
    assert families == {
        "currencies",
        "lists",
        "prices",
        "several",
        "table_columns",
        "table_sides",
        "unread",
        "word_orders",
    }


@pytest.mark.parametrize("example", EXAMPLES, ids=[example.id for example in EXAMPLES])
def test_trade_fixture(example: Example) -> None:
    filing = compile_filing(_with_item5(example.text), "item5.txt")
    expected = example.expected.split("\n")
    warned = {expected.pop()} if expected[-1] in UNREAD else set()
    found = [_shown(trade) for trade in filing.transactions] or ["none"]
    assert found == expected
    assert {d.code for d in filing.diagnostics} & UNREAD == warned


_TABLES = [example for example in EXAMPLES if example.family == "table_columns"]
# A sum of money alone: "$4,000,000.00", "4,000,000" (not a row's number "1", nor a range "$3.60 -
# $3.65", which a note may be).
_BARE_FIGURE = re.compile(r"^\$?\s?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+)$")


@pytest.mark.parametrize("example", _TABLES, ids=[example.id for example in _TABLES])
def test_a_total_column_is_no_note(example: Example) -> None:
    """What all a row's shares cost ("Total Price", "Gross Proceeds", "Amount" beside the
    count) is no note of the trade's: a table's note is never a bare sum."""
    filing = compile_filing(_with_item5(example.text), "item5.txt")
    notes = [trade.note for trade in filing.transactions if trade.note]
    assert not [note for note in notes if _BARE_FIGURE.match(note)]


def test_an_introduction_names_a_person_by_whole_words_only() -> None:
    """A short name ("ST") inside a word of the introduction ("past") names no one."""
    body = (
        "     (c) The transactions in the Shares during the past sixty days are set forth"
        " below:\n\n"
        "     Trade Date      Shares Purchased     Price per Share\n"
        "     03/02/2020           400,000               $10.00\n"
    )
    data = _with_item5(body).replace(b"Jane Q. Public", b"ST")
    filing = compile_filing(data, "item5.txt")
    assert [p.name for p in filing.reporting_persons] == ["ST"]
    assert [_shown(t) for t in filing.transactions] == ["2020-03-02 400000 10.00 bought"]
