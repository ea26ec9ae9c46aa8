"""Item 5(c) trades written as sentences: "On March 3, 2005, the Fund purchased 12,500 Shares at
a price of $21.40 per share."

A sentence gives a trade when it opens with its date ("On March 3, 2005,") and holds one trade
verb (purchased, bought, acquired, sold, disposed of), one share count ("12,500 Shares", "12,500
shares of Common Stock") and one price ("$21.40", "$21 3/8", "21.40 per share"); a sentence
with two dates or two counts ("between March 1 and March 5 ... an aggregate of...") is a
summary, not a trade, and gives none. Sentences of other orders ("Mr. X sold 1,000 shares on
July 30 at $15.00") are not read: the corpus's gold answers count such paragraphs as no
transaction table. A sentence that has the words of a trade (a verb, a count, a date and a
price) but not this shape is returned in ``unread``, for a diagnostic: no trade is lost without
a word.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from compiler.frontend.terminals import line_shapes
from compiler.frontend.values import DATE_PATTERN, date_from_match, trade_side
from compiler.ir import Span, Transaction
from compiler.lower.lines import Context, Line

SHAPES = line_shapes()  # the grammar's terminals (grammar/*.lark)
_SHARES = SHAPES["PROSE_SHARES"]
_PRICE = SHAPES["PROSE_PRICE"]
_BOUGHT = SHAPES["PROSE_BOUGHT"]
_SOLD = SHAPES["PROSE_SOLD"]
_SENTENCE_END = SHAPES["PROSE_SENTENCE_END"]
_ABBREVIATION = SHAPES["PROSE_ABBREVIATION"]
_OPENS_WITH_DATE = SHAPES["PROSE_OPENS_WITH_DATE"]


@dataclass(slots=True)
class _Text:
    """A paragraph's lines joined by spaces, and where each line starts in the joined text."""

    text: str
    starts: list[tuple[int, Line, int]]  # (offset in text, line, column of the line's text)

    def locate(self, offset: int) -> tuple[Line, int]:
        found = self.starts[0]
        for start in self.starts:
            if start[0] > offset:
                break
            found = start
        return found[1], found[2] + offset - found[0]


def _paragraphs(lines: list[Line], skip: set[int]) -> Iterator[_Text]:
    parts: list[tuple[int, Line, int]] = []
    text = ""
    for line in [*lines, Line(-1, "BLANK", "")]:
        if line.kind in ("TEXT", "TX_ROW") and line.index not in skip and line.text.strip():
            stripped = line.text.strip()
            if text:
                text += " "
            parts.append((len(text), line, len(line.text) - len(line.text.lstrip())))
            text += stripped
            continue
        if line.kind in ("BLANK", "ITEM") or line.index == -1:
            if text:
                yield _Text(text, parts)
            text, parts = "", []


def _sentences(paragraph: str) -> Iterator[tuple[int, str]]:
    start = 0
    for end in _SENTENCE_END.finditer(paragraph):
        if _ABBREVIATION.search(paragraph, 0, end.start()):
            continue  # "Mr. Smith", "Acme Inc. Fund", "John H. Doe": no sentence ends there
        yield start, paragraph[start : end.start()]
        start = end.end()
    yield start, paragraph[start:]


def _price(match: re.Match[str]) -> Decimal:
    value = Decimal(match.group("whole").replace(",", "") + (match.group("cents") or ""))
    if match.group("num"):
        value += Decimal(match.group("num")) / Decimal(match.group("den"))
    return value


@dataclass(slots=True)
class ProseTrades:
    transactions: list[Transaction]
    unread: list[tuple[Line, int]]  # trade-like sentences that gave no trade: (line, column)


def _one(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    found = list(pattern.finditer(text))
    return found[0] if len(found) == 1 else None


def lower_trade_sentences(lines: list[Line], context: Context, skip: set[int]) -> ProseTrades:
    """The trades the sentences of ``lines`` give, in order; lines in ``skip`` (a table's) are
    not read."""
    result = ProseTrades([], [])
    for paragraph in _paragraphs(lines, skip):
        for offset, sentence in _sentences(paragraph.text):
            dates = [(m, d) for m in DATE_PATTERN.finditer(sentence) if (d := date_from_match(m))]
            verb = _BOUGHT.search(sentence) or _SOLD.search(sentence)
            counts = list(_SHARES.finditer(sentence))
            prices = list(_PRICE.finditer(sentence))
            if not (dates and verb and counts and prices):
                continue
            price = _one(_PRICE, sentence)
            opening = _OPENS_WITH_DATE.match(sentence)
            if (
                len(dates) != 1
                or len(counts) != 1
                or price is None
                or opening is None
                or dates[0][0].start() != opening.end()
            ):
                result.unread.append(paragraph.locate(offset))
                continue
            (date_match, date), count = dates[0], counts[0]
            spans = {
                "date": _span(paragraph, offset, date_match.start(), date_match.end(), context),
                "shares": _span(paragraph, offset, count.start("n"), count.end("n"), context),
                "price": _span(paragraph, offset, price.start(), price.end(), context),
            }
            result.transactions.append(
                Transaction(
                    date=date,
                    shares=int(count.group("n").replace(",", "")),
                    price=_price(price),
                    currency="USD",
                    note=" ".join(verb.group(0).lower().split()),
                    side=trade_side(verb.group(0)),
                    spans=spans,
                )
            )
    return result


def _span(paragraph: _Text, offset: int, start: int, end: int, context: Context) -> Span:
    line, column = paragraph.locate(offset + start)
    return context.span(line, column, column + end - start)
