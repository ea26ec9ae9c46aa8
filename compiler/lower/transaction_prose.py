"""Item 5(c) trades written as sentences: "On March 3, 2005, the Fund purchased 12,500 Shares at
a price of $21.40 per share", "The Fund sold 1,000 shares on July 30, 2004 at $15.00", "12,500
Shares were sold on March 3, 2005 at $21 3/8", "..., and on March 4 sold 2,000 shares at $21.50".

A paragraph is cut into sentences here; what a sentence says is the trade grammar's
(``grammar/trades.lark``, read by :mod:`compiler.lower.trade_grammar`): the shapes of a trade, and
that every date, count and price of the sentence belongs to one. A sentence with the words of a
trade (a verb, a count, a date and a price) that parses as no shape -- a summary over a period,
a range of prices -- is returned in ``unread``, for a diagnostic: no trade is lost without a
word.
"""

from __future__ import annotations

import bisect
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field

from compiler.frontend.terminals import line_shapes
from compiler.frontend.values import TRADE_DATE_PATTERN, date_from_match
from compiler.ir import Span, TradeSide, Transaction
from compiler.lower.lines import Context, Line
from compiler.lower.trade_grammar import SentenceTrade, read_sentence
from compiler.lower.transaction_columns import one_side

SHAPES = line_shapes()  # the grammar's terminals (grammar/*.lark)
_SENTENCE_END = SHAPES["PROSE_SENTENCE_END"]
_ABBREVIATION = SHAPES["PROSE_ABBREVIATION"]
_LIST_LEAD = SHAPES["TX_LIST_LEAD"]
_INLINE_ITEM = SHAPES["TX_INLINE_ITEM"]
# What ends the line before a list's line: a sentence, or the introduction's colon.
_ENDED = (".", ":", ";")
_ABBREVIATION_WINDOW = 16  # characters: the longest abbreviation ("messrs.", "l.l.c.") and more


@dataclass(slots=True)
class _Text:
    """A paragraph's lines joined by spaces, and where each line starts in the joined text."""

    text: str
    starts: list[tuple[int, Line, int]]  # (offset in text, line, column of the line's text)
    offsets: list[int] = field(default_factory=list)  # the starts' offsets, for bisect

    def __post_init__(self) -> None:
        self.offsets = [start[0] for start in self.starts]

    def locate(self, offset: int) -> tuple[Line, int]:
        # Binary search: a paragraph of many lines costs log(lines) per span, not lines.
        found = self.starts[max(0, bisect.bisect_right(self.offsets, offset) - 1)]
        return found[1], found[2] + offset - found[0]


def _paragraphs(
    lines: list[Line], skip: Collection[int], table: Collection[int]
) -> Iterator[_Text]:
    parts: list[tuple[int, Line, int]] = []
    text = ""
    for line in [*lines, Line(-1, "BLANK", "")]:
        if (
            line.kind in ("TEXT", "TX_ROW")
            and line.index not in skip
            and line.index not in table
            and line.text.strip()
        ):
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
        # Only the word before the point can be an abbreviation: a short window keeps the
        # search per sentence end constant (searching from 0 is quadratic in the paragraph).
        if _ABBREVIATION.search(paragraph, max(0, end.start() - _ABBREVIATION_WINDOW), end.start()):
            continue  # "Mr. Smith", "Acme Inc. Fund", "John H. Doe": no sentence ends there
        yield start, paragraph[start : end.start()]
        start = end.end()
    yield start, paragraph[start:]


@dataclass(slots=True)
class ProseTrades:
    transactions: list[Transaction]
    unread: list[tuple[Line, int]]  # trade-like sentences that gave no trade: (line, column)
    # those of them that give a price of their own: a trade told, not a summary over a table
    unread_priced: list[tuple[Line, int]] = field(default_factory=list)


def _starts_with_date(text: str) -> bool:
    lead = _LIST_LEAD.match(text)
    match = TRADE_DATE_PATTERN.match(text, lead.end() if lead else 0)
    return match is not None and date_from_match(match) is not None


def _pieces(paragraph: _Text) -> Iterator[tuple[int, int, bool]]:
    """The paragraph cut before each line of a list of trades ("March 2, 2004: 10,000 shares at
    $12.50"): (start, end, whether the piece is such a line). A line is one when it starts with
    a date and the line before it ended a sentence, the introduction's colon or another line of
    the list; a date that starts a line of a wrapped sentence ("... 1,000 shares on / March 2,
    2004 at $12.50") cuts nothing. So is a date right after a colon or a semicolon inside a
    line: a list run on in its introduction's sentence."""
    cuts: list[tuple[int, bool]] = []
    listed = False
    before = ""
    for offset, line, _ in paragraph.starts:
        dated = _starts_with_date(line.text)
        listed = dated and (not before or listed or before.endswith(_ENDED))
        if listed or not cuts:
            cuts.append((offset, listed))
        before = line.text.rstrip()
    # A list written on in the sentence that introduces it: "... as follows: March 2, 2004 -
    # 10,000 shares at $12.50; March 3, 2004 - 5,000 shares at $12.60."
    text = paragraph.text
    for mark in _INLINE_ITEM.finditer(text):
        if _starts_with_date(text[mark.end() :]) and all(at != mark.end() for at, _ in cuts):
            cuts.append((mark.end(), True))
    cuts.sort()
    ends = [offset for offset, _ in cuts[1:]] + [len(text)]
    for (start, listed), end in zip(cuts, ends, strict=True):
        yield start, end, listed


def lower_trade_sentences(
    lines: list[Line], context: Context, skip: Collection[int], table: Collection[int] = ()
) -> ProseTrades:
    """The trades the sentences of ``lines`` give, in order; lines in ``skip`` or ``table`` (a
    table's) are not read. A line of a list of trades without a verb is read when the words
    over the list (its introduction, "The Fund sold the following Shares:", or a heading,
    "Sales:") end with a colon or name a side; its trades have that side."""
    result = ProseTrades([], [])
    intro = ""  # the text over the current list: the last piece that was no line of a list
    for paragraph in _paragraphs(lines, skip, table):
        for start, end, listed in _pieces(paragraph):
            text = paragraph.text[start:end]
            introduced = listed and (intro.rstrip().endswith(":") or one_side(intro) is not None)
            if not listed:
                intro = text
            for at, sentence in _sentences(text):
                offset = start + at
                reading = read_sentence(sentence, introduced and at == 0)
                if reading.trade_like and not reading.trades:
                    result.unread.append(paragraph.locate(offset))
                    if reading.priced:
                        result.unread_priced.append(result.unread[-1])
                for trade in reading.trades:
                    side = trade.side if trade.verb is not None else one_side(intro)
                    found = _transaction(trade, side, paragraph, offset, context)
                    result.transactions.append(found)
    if result.unread:
        # All or nothing: trades read around a share movement that is not would be a list that
        # looks whole and is not; the text stays, with the diagnostic.
        result.transactions = []
    return result


def _transaction(
    trade: SentenceTrade, side: TradeSide | None, paragraph: _Text, offset: int, context: Context
) -> Transaction:
    spans = {
        name: _span(paragraph, offset, start, end, context)
        for name, (start, end) in trade.spans.items()
    }
    return Transaction(
        date=trade.date,
        shares=trade.shares,
        price=trade.price,
        currency=trade.currency,
        note=trade.note,
        side=side,
        spans=spans,
    )


def _span(paragraph: _Text, offset: int, start: int, end: int, context: Context) -> Span:
    line, column = paragraph.locate(offset + start)
    return context.span(line, column, column + end - start)
