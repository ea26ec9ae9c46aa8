"""The trade-sentence grammar, ``grammar/trades.lark``: its parser and the trades a sentence gives.

A sentence is first cut into the grammar's word-level tokens (dates, share counts, prices, trade
verbs, filler words); only a sentence holding a verb, a count, a date and a price is parsed, so
the parser never runs on the rest of a filing's prose. The parse is Earley's (the shapes share
their pieces in several orders, which no LALR table holds), on sentences of at most
``MAX_TOKENS`` tokens: the work per sentence is bounded and the work per item linear in its
sentences. Each run of filler words reaches the parser as one token (:func:`_condensed`); a
sentence of one trade parses in about 2.5 ms.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from lark import Lark, Token, Transformer
from lark.exceptions import LarkError

from compiler.frontend.terminals import line_shapes
from compiler.frontend.value_grammar import Money, date_value, parse_value
from compiler.ir import TradeSide
from compiler.resources import read_grammar, resource_dir

GRAMMAR_FILE = "trades.lark"
# A sentence longer than this is no trade sentence the grammar reads (a run-on list of a
# hundred trades is a table in disguise); it is reported like any other unread sentence.
MAX_TOKENS = 400
_DATES = frozenset({"ON_MDY", "ON_DMY", "ON_NUMERIC", "ON_ISO", "ON_DMON", "ON_PERIOD"})
_PRICES = frozenset({"PRICE", "FOR_TOTAL"})
_VERBS = frozenset({"BOUGHT", "SOLD"})
# The words of a trade of either side (grammar/body.lark): each verb of the trade grammar has one.
_MAY_TRADE = (line_shapes()["TRADE_SOLD"], line_shapes()["TRADE_BOUGHT"])


@dataclass(slots=True)
class SentenceTrade:
    """One trade a sentence gives; offsets are into the sentence. ``price`` is one share's price
    (None when the sentence gives only what all the shares cost: ``aggregate``)."""

    date: dt.date | None
    shares: int
    price: Decimal | None
    verb: str | None
    average: bool = False
    aggregate: Decimal | None = None
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    currency: str = "USD"  # the price's, or the aggregate's (grammar/values.lark's ISO codes)

    @property
    def side(self) -> TradeSide | None:
        if self.verb is None:
            return None
        return (
            TradeSide.SOLD if self.verb.startswith(("sold", "dispos", "sale")) else TradeSide.BOUGHT
        )

    @property
    def note(self) -> str | None:
        if self.verb is None:
            return None
        if self.aggregate is not None:
            amount = f"{self.aggregate:,}"
            written = f"${amount}" if self.currency == "USD" else f"{self.currency} {amount}"
            return f"{self.verb}, aggregate price {written}"
        return f"{self.verb}, average price" if self.average else self.verb


class _Pieces(Transformer[Token, Any]):
    """Each rule's children to the pieces of a trade: (name, value, start, end)."""

    def date(self, children: list[Token]) -> tuple[str, Any, int, int]:
        token = children[0]
        # (A period is no date, and no trade's: read_sentence gives no trade for the sentence.)
        value = date_value("DATE_" + token.type.removeprefix("ON_"), token.value)
        return "date", value, token.start_pos or 0, token.end_pos or 0

    def date_lead(self, children: list[Any]) -> tuple[str, Any, int, int]:
        piece: tuple[str, Any, int, int] = children[-1]
        return piece

    date_on = date_lead

    def verb(self, children: list[Token]) -> tuple[str, Any, int, int]:
        token = children[0]
        return (
            "verb",
            " ".join(token.value.lower().split()),
            token.start_pos or 0,
            token.end_pos or 0,
        )

    def count(self, children: list[Token]) -> tuple[str, Any, int, int]:
        token = children[0]
        digits = token.value.split()[0]
        start = token.start_pos or 0
        return "shares", int(digits.replace(",", "")), start, start + len(digits)

    def per_share(self, children: list[Token]) -> tuple[str, Any, int, int]:
        token = children[0]
        return "price", _amount(token.value), token.start_pos or 0, token.end_pos or 0

    def average(self, children: list[Token]) -> tuple[str, Any, int, int]:
        token = children[-1]
        return "average", _amount(token.value), token.start_pos or 0, token.end_pos or 0

    def aggregate(self, children: list[Token]) -> tuple[str, Any, int, int]:
        token = children[-1]
        text = token.value
        if token.type == "FOR_TOTAL":  # "for $214,000": the amount after "for"
            text = text[3:]
        return "aggregate", _amount(text), token.start_pos or 0, token.end_pos or 0

    def trade(self, children: list[Any]) -> SentenceTrade:
        return _trade(children, shared=False)

    def shared(self, children: list[Any]) -> SentenceTrade:
        return _trade(children, shared=True)

    listed = trade  # (its side is the words' over the list: the caller's)

    def listing(self, children: list[Any]) -> list[SentenceTrade]:
        return [child for child in children if isinstance(child, SentenceTrade)]

    def sentence(self, children: list[Any]) -> list[SentenceTrade]:
        trades = [child for child in children if isinstance(child, SentenceTrade)]
        # A trade after "and" without its own verb or date has those of the trade before it.
        for before, trade in itertools.pairwise(trades):
            if trade.verb is None:
                trade.verb = before.verb
            if trade.date is None:
                trade.date = before.date
        return trades


def _amount(text: str) -> Money:
    """A PRICE token's value, by the value grammar's price rule ("$21 3/8" -> 21.375,
    "C$12.40" -> 12.40 CAD)."""
    money: Money = parse_value("price", text).value
    return money


def _trade(children: list[Any], shared: bool) -> SentenceTrade:
    pieces = {piece[0]: piece for piece in children if isinstance(piece, tuple)}
    trade = SentenceTrade(date=None, shares=pieces["shares"][1], price=None, verb=None)
    for name, value, start, end in pieces.values():
        if name == "date":
            trade.date = value
        elif name == "verb":
            trade.verb = value
        elif name in ("price", "average"):
            trade.price, trade.average = value.amount, name == "average"
            trade.currency = value.currency or "USD"
        elif name == "aggregate":
            trade.aggregate = value.amount
            trade.currency = value.currency or "USD"
        # What all the shares cost is no value of the trade's: it has no span (it stays text).
        if name not in ("verb", "aggregate"):
            trade.spans["price" if name == "average" else name] = (start, end)
    return trade


@functools.cache
def trade_parser() -> Lark:
    """The Earley parser of grammar/trades.lark, built once per process (on first use: most
    filings have no trade sentence)."""
    return Lark(
        read_grammar(GRAMMAR_FILE),
        parser="earley",
        lexer="basic",
        # ("shared_counts" is never parsed: it keeps SHARED_COUNT in the lexer, see the grammar.)
        start=["sentence", "listing", "shared_counts"],
        ambiguity="resolve",
        import_paths=[str(resource_dir("grammar"))],
        maybe_placeholders=False,
    )


class _Tokens:
    """A sentence's tokens, lexed already, as the Earley parser asks for them."""

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens

    def lex(self, expects: object) -> Iterator[Token]:
        return iter(self.tokens)


def _condensed(tokens: list[Token]) -> list[Token]:
    """The tokens with each run of filler words and punctuation as one WORD: the shapes never
    tell one filler word from another, and Earley's work grows with every token (a sentence
    of filler and pieces parses in half the time)."""
    condensed: list[Token] = []
    for at, token in enumerate(tokens):
        if token.type == "COMMA" and at + 1 < len(tokens) and tokens[at + 1].type == "COUNT":
            condensed.append(token)  # a comma right before a count may part a series of trades
            continue
        if token.type in ("WORD", "COMMA"):
            if condensed and condensed[-1].type == "WORD":
                continue
            condensed.append(Token("WORD", token.value, token.start_pos))
            continue
        condensed.append(token)
    return condensed


@dataclass(slots=True)
class SentenceReading:
    """What the grammar makes of a sentence: not about a trade (``trade_like`` False), trades,
    or a trade-like sentence that parses as none of the shapes (no trades)."""

    trade_like: bool
    trades: list[SentenceTrade]
    priced: bool = False  # whether it gives a price of its own (a summary sentence may not)


def read_sentence(sentence: str, listed: bool = False) -> SentenceReading:
    """The trades ``sentence`` gives by the grammar. A ``listed`` sentence is a line of a list of
    trades (it starts with its date): without a verb, it is read by the ``listing`` rule."""
    # Most sentences of an Item 5 name no trade: they are passed over without the parser, which
    # is then never built (30 ms) for a filing that names none.
    if not (listed or _MAY_TRADE[0].search(sentence) or _MAY_TRADE[1].search(sentence)):
        return SentenceReading(False, [])
    parser = trade_parser()
    try:
        tokens = list(parser.lex(sentence))
    except LarkError:  # pragma: no cover - WORD and COMMA take every character
        return SentenceReading(False, [])
    kinds = [token.type for token in tokens]
    present = set(kinds)
    start = "sentence" if present & _VERBS else "listing"
    if not (present & _DATES and "COUNT" in present and (listed or start == "sentence")):
        return SentenceReading(False, [])
    if not present & _PRICES:
        if start == "listing":  # a date and a count alone, in a list: a holding as much as a trade
            return SentenceReading(False, [])
        # A trade without a price ("acquired, in exchange for ..., 4,340 shares on July 27"):
        # a share movement the grammar reads no trade from; the caller reports it.
        return SentenceReading(True, [])
    # (A sentence dated by a period at an average price sums trades up: no trade's price.)
    priced = not ("ON_PERIOD" in present and "AVERAGE" in present)
    if len(kinds) > MAX_TOKENS:
        return SentenceReading(True, [], priced)
    try:
        tree = parser.parser.parser.parse(_Tokens(_condensed(tokens)), start)
    except LarkError:
        return SentenceReading(True, [], priced)
    trades: list[SentenceTrade] = _Pieces().transform(tree)
    if any(trade.date is None or trade.shares is None for trade in trades):
        return SentenceReading(True, [], priced)
    return SentenceReading(True, trades, priced)
