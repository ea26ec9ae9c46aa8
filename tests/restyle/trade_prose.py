"""Item 5(c)'s trades in words: sentences in several word orders, several trades joined in one
sentence, and the side each trade's words (a verb, a caption over a table) give it."""

from __future__ import annotations

from restyle.facts import TradeFacts
from restyle.style import Style

# The sentence's other words, chosen by the trade (the same trade, the same words).
_VERBS = ("purchased", "sold", "acquired", "bought", "disposed of")
_SOLD_VERBS = frozenset({"sold", "disposed of"})
_SUBJECTS = ("the Reporting Person", "the Fund", "Mr. Public", "Acme Partners, L.P.")
_PRICES = (
    "at a price of {p} per share",
    "at {p} per Share",
    "for {p} per share",
    "at an average price of {p} per share",
    "at a weighted average price of {p} per share",
)
# The word orders a trade sentence is written in: date first, the date after the count, the
# count first (passive), the date last.
_ORDERS = (
    "On {date}, {subject} {verb} {n} Shares {price}.",
    "{Subject} {verb} {n} Shares on {date} {price}.",
    "On {date}, {n} Shares were {verb} by {subject} {price}.",
    "{Subject} {verb} {n} shares of Common Stock {price} on {date}.",
)
# Captions over the two tables of the "table-by-side" style: (purchases, sales).
SIDE_CAPTIONS = (
    ("Purchases", "Sales"),
    ("Shares Purchased", "Shares Sold"),
    ("Purchases of Shares", "Sales of Shares"),
)


def price_text(trade: TradeFacts, style: Style | None = None) -> str:
    """A trade's price as the style writes it, in a table cell or a sentence."""
    if style is not None and style.trade_cells == "dollar-apart":
        return f"$ {trade.price}"
    if style is not None and style.trade_cells == "no-dollar":
        return f"{trade.price:.2f}" if trade.price == round(trade.price, 2) else f"{trade.price}"
    return f"${trade.price}"


def _date(trade: TradeFacts, style: Style) -> str:
    if style.date_format in ("%B %d, %Y", "%b. %d, %Y", "%d %B %Y", "%m/%d/%Y"):
        return trade.date.strftime(style.date_format).replace(" 0", " ")
    return trade.date.strftime("%B %d, %Y").replace(" 0", " ")


def _pick(trade: TradeFacts) -> int:
    return trade.shares + trade.date.toordinal()


def verb(trade: TradeFacts) -> str:
    return _VERBS[_pick(trade) % len(_VERBS)]


def sentence(trade: TradeFacts, style: Style) -> str:
    """One trade as a sentence, in a word order the trade picks."""
    pick = _pick(trade)
    subject = _SUBJECTS[pick % len(_SUBJECTS)]
    return _ORDERS[pick % len(_ORDERS)].format(
        date=_date(trade, style),
        subject=subject,
        Subject=subject[0].upper() + subject[1:],
        verb=verb(trade),
        n=f"{trade.shares:,}",
        price=_PRICES[pick % len(_PRICES)].format(p=price_text(trade, style)),
    )


def joined_sentence(trades: tuple[TradeFacts, ...], style: Style) -> str:
    """All the trades in one sentence: "On D1, the Fund sold N1 Shares at $P1, on D2 bought N2
    Shares at $P2, and on D3 ..."."""
    first, rest = trades[0], trades[1:]
    clauses = [sentence_clause(first, style, opening=True)]
    clauses += [sentence_clause(trade, style, opening=False) for trade in rest]
    if len(clauses) > 1:
        clauses[-1] = "and " + clauses[-1]
    return ", ".join(clauses) + "."


def sentence_clause(trade: TradeFacts, style: Style, opening: bool) -> str:
    price = _PRICES[_pick(trade) % len(_PRICES)].format(p=price_text(trade, style))
    subject = "the Reporting Person " if opening else ""
    return f"{'On' if opening else 'on'} {_date(trade, style)}, {subject}{verb(trade)} " + (
        f"{trade.shares:,} Shares {price}"
    )


def expected_sides(trades: tuple[TradeFacts, ...], style: Style) -> list[str | None] | None:
    """The side each trade's words give it in ``style`` (None: the style names none, not
    checked)."""
    if style.trades in ("prose", "paragraphs", "prose-joined"):
        return ["sold" if verb(trade) in _SOLD_VERBS else "bought" for trade in trades]
    if style.trades == "table-side-columns" and style.tabs == "tabs" and style.format == "text":
        # The tab writer turns any run of spaces into one pair of tabs, an empty column's too:
        # a count under "Purchased" and one under "Sold" are then written alike.
        return None
    if style.trades in ("table-by-side", "table-side-columns", "table-all-columns"):
        half = side_split(trades)
        return ["bought"] * half + ["sold"] * (len(trades) - half)
    return None


def side_split(trades: tuple[TradeFacts, ...]) -> int:
    """How many of the trades the "table-by-side" style lists under its purchases caption."""
    return (len(trades) + 1) // 2
