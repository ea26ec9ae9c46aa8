"""Item 5(c) trades outside a table in the item (issue 13): sentences, one per paragraph or run
together, and a schedule the item refers to; and the warning when the item names trades in a
shape that gives none. Each case is a minimal 13D (tests/minimal_filing.py) with its Item 5
replaced."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from minimal_filing import minimal_13d

from compiler import compile_filing
from compiler.ir import Filing

TABLE = """
     Date            Shares        Price
     ----------    ---------    --------
     03/02/2020      400,000      $10.00
     03/03/2020      200,000      $10.50
"""


def item5_text(item5: str, after_signature: str = "") -> str:
    text = minimal_13d().decode()
    start = text.index("Item 5.")
    end = text.index("                                   SIGNATURE")
    return text[:start] + item5 + "\n" + text[end:] + after_signature


def with_item5(item5: str, after_signature: str = "") -> Filing:
    return compile_filing(item5_text(item5, after_signature).encode(), "item5.txt")


def trades(filing: Filing) -> list[tuple[dt.date | None, int | None, Decimal | None]]:
    return [(t.date, t.shares, t.price) for t in filing.transactions]


EXPECTED = [
    (dt.date(2020, 3, 2), 400000, Decimal("10.00")),
    (dt.date(2020, 3, 3), 200000, Decimal("10.50")),
]


def codes(filing: Filing) -> set[str]:
    return {d.code for d in filing.diagnostics}


def test_sentences_in_one_paragraph() -> None:
    filing = with_item5("""Item 5.  Interest in Securities of the Issuer.

     (c) On March 2, 2020, Mr. Public purchased 400,000 Shares at a price of $10.00
per share. On March 3, 2020, Mr. Public purchased 200,000 shares of Common Stock
at $10.50 per share.
""")
    assert trades(filing) == EXPECTED
    assert filing.transactions[0].note == "purchased"


def test_one_sentence_per_paragraph_with_a_fraction() -> None:
    filing = with_item5("""Item 5.  Interest in Securities of the Issuer.

     (c) The Reporting Person effected these trades:

     (1) On March 2, 2020, the Reporting Person sold 400,000 Shares for $10 per share.

     (2) On March 3, 2020, the Reporting Person sold 200,000 Shares at $10 1/2 per share.
""")
    assert trades(filing) == EXPECTED
    assert filing.transactions[1].note == "sold"


def test_a_table_in_the_schedule_the_item_refers_to() -> None:
    filing = with_item5(
        """Item 5.  Interest in Securities of the Issuer.

     (c) The transactions in the Shares during the past sixty days are set forth in
     Schedule A hereto.
""",
        "\n<PAGE>\n                                   SCHEDULE A\n\n" + TABLE,
    )
    assert trades(filing) == EXPECTED


def test_a_schedule_the_item_does_not_name_gives_no_trades() -> None:
    filing = with_item5(
        """Item 5.  Interest in Securities of the Issuer.

     (c) None.
""",
        "\n<PAGE>\n                                   SCHEDULE A\n\n" + TABLE,
    )
    assert trades(filing) == []


def test_a_summary_sentence_is_no_trade_but_is_reported() -> None:
    filing = with_item5("""Item 5.  Interest in Securities of the Issuer.

     (c) Between March 2, 2020 and March 3, 2020, the Reporting Person purchased an
aggregate of 600,000 Shares at prices from $10.00 to $10.50 per share.
""")
    assert trades(filing) == []
    assert "TX-PROSE-UNREAD" in codes(filing)


def test_a_holding_sentence_is_no_trade_and_no_warning() -> None:
    filing = with_item5("""Item 5.  Interest in Securities of the Issuer.

     (a) As of March 3, 2020, the Reporting Person owns 600,000 Shares.

     (c) None.
""")
    assert trades(filing) == []
    assert "TX-PROSE-UNREAD" not in codes(filing)


def test_a_price_without_a_dollar_sign_before_per_share() -> None:
    filing = with_item5("""Item 5.  Interest in Securities of the Issuer.

     (c) On March 2, 2020, the Fund acquired 400,000 Shares at 10.00 per share. On
March 3, 2020, the Fund bought 200,000 Shares at an average price of 10.50 per Share.
""")
    assert trades(filing) == EXPECTED


UNREAD_ROWS = """
     March 2, 2020 -- 400,000 Shares
     March 3, 2020 -- 200,000 Shares
"""
REFERS = """Item 5.  Interest in Securities of the Issuer.

     (c) The transactions in the Shares during the past sixty days are set forth in
     Schedule A hereto.
"""


def test_a_referred_schedule_of_counts_and_dates_that_gives_none_is_reported() -> None:
    text = item5_text(
        REFERS, "\n<PAGE>\n                                   SCHEDULE A\n\n" + UNREAD_ROWS
    )
    filing = compile_filing(text.encode(), "item5.txt")
    assert trades(filing) == []
    unread = [d for d in filing.diagnostics if d.code == "TX-UNREAD"]
    assert len(unread) == 1
    span = unread[0].span
    assert span is not None  # located: at the first count
    assert text.splitlines()[span.line - 1][span.column - 1 :].startswith("400,000 Shares")


def test_a_referred_schedule_that_gives_trades_is_not_reported() -> None:
    filing = with_item5(
        REFERS, "\n<PAGE>\n                                   SCHEDULE A\n\n" + TABLE
    )
    assert trades(filing) == EXPECTED
    assert "TX-UNREAD" not in codes(filing)


REFERS_WITH_COUNTS = """Item 5.  Interest in Securities of the Issuer.

     (c) From March 2, 2020 to March 3, 2020, 600,000 Shares changed hands as set forth in
     Schedule A hereto.
"""


def test_counts_and_dates_referring_to_a_missing_schedule_are_reported() -> None:
    text = item5_text(REFERS_WITH_COUNTS)
    filing = compile_filing(text.encode(), "item5.txt")
    assert trades(filing) == []
    unread = [d for d in filing.diagnostics if d.code == "TX-UNREAD"]
    assert len(unread) == 1
    assert "not in the document" in unread[0].message
    span = unread[0].span
    assert span is not None
    assert text.splitlines()[span.line - 1][span.column - 1 :].startswith("600,000 Shares")


def test_counts_and_dates_referring_to_a_schedule_that_gives_trades_are_not_reported() -> None:
    schedule = "\n<PAGE>\n                                   SCHEDULE A\n\n" + TABLE
    filing = with_item5(REFERS_WITH_COUNTS, schedule)
    assert trades(filing) == EXPECTED
    assert "TX-UNREAD" not in codes(filing)


def test_a_dollar_sign_set_apart_from_its_price_is_no_note() -> None:
    # Typeset tables align their dollar signs ("$     10.00"): the sign is the price's, not a
    # cell of its own left in the row's note.
    filing = with_item5("""Item 5.  Interest in Securities of the Issuer.

     (c) The Reporting Person purchased the following Shares:

     Date            Shares         Price
     ----------    ---------    -----------
     03/02/2020      400,000    $     10.00
     03/03/2020      200,000          10.50
""")
    assert trades(filing) == EXPECTED
    assert [t.note for t in filing.transactions] == [None, None]
