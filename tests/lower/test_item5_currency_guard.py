"""Item 5's prose beside a trade table is read only when it names a currency (every price of
grammar/trades.lark has one): the guard's pattern, with its first-character lookahead, finds
every currency the value grammar's terminals do."""

from __future__ import annotations

import pytest

from compiler.frontend.value_grammar import currency_terminals, search_pattern
from compiler.lower import item5_trades

SPELLINGS = (
    "$",
    "US$",
    "U.S. $",
    "USD",
    "C$",
    "CA$",
    "CDN$",
    "Cdn$",
    "CAD",
    "€",
    "EUR",
    "Euro",
    "euros",
    "£",
    "GBP",
    "¥",
    "JPY",
    "Yen",
    "CHF",
    "HK$",
    "HKD",
    "A$",
    "AU$",
    "AUD",
    "₪",
    "NIS",
    "ILS",
    "SEK",
    "NOK",
    "DKK",
    "RMB",
    "CNY",
    "S$",
    "SGD",
    "NZ$",
    "NZD",
    "₹",
    "Rs.",
    "Rs",
    "INR",
    "R$",
    "BRL",
    "MXN",
    "ZAR",
)


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_the_guard_finds_every_currency_spelling(spelling: str) -> None:
    full = search_pattern("DOLLAR", *currency_terminals())
    sentence = f"the Fund sold 1,000 Shares at {spelling}12.50 per share"
    found, guard = full.search(sentence), item5_trades._CURRENCY.search(sentence)
    assert found is not None and guard is not None
    assert (guard.start(), guard.group()) == (found.start(), found.group())


def test_the_guard_finds_none_in_a_summary_sentence() -> None:
    sentence = "Between March 2 and March 5, 2005 the Fund sold an aggregate of 600,000 Shares."
    assert item5_trades._CURRENCY.search(sentence) is None
