"""Values: share counts, percentages, check boxes, code lists, dates, CUSIPs, prices and names.

The languages of these values are the start rules of ``grammar/values.lark``; this module is their
interface to the lowering and the line lexer. Each ``parse_*`` function takes the text of one
value (already cut out of its line by the lowering) and returns the typed value, or ``None`` with
a reason the lowering turns into a located diagnostic. The ``find_*`` functions and
:data:`DATE_PATTERN` search a line for a value's terminal, with a pattern compiled from the
grammar, and give what they find the value the grammar gives it.

The grammar is called on the short text of a value only, never on a line of prose: a Lark parse
costs about ten times a regular-expression match.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from decimal import Decimal

from lark import Token
from lark.exceptions import LarkError

from compiler.frontend.terminals import line_shapes
from compiler.frontend.value_grammar import (
    MARKED_BOXES,
    GroupBox,
    Money,
    NameParts,
    Parsed,
    box_is_bracketed,
    currency_code,
    currency_terminals,
    cusip_value,
    date_value,
    isin_is_valid,
    pair_group_boxes,
    parse_value,
    search_pattern,
)
from compiler.ir import TradeSide

__all__ = [
    "DATE_PATTERN",
    "Money",
    "NameParts",
    "Parsed",
    "cusip_check_digit",
    "cusip_is_valid",
    "date_from_match",
    "find_boxes",
    "find_cusips",
    "is_currency",
    "named_currency",
    "parse_codes",
    "parse_date",
    "parse_group_boxes",
    "parse_name",
    "parse_percent",
    "parse_price",
    "parse_shares",
    "says_no_code",
]


# Bounded: a batch meets endless values, while one filing's Item 5(c) table repeats its prices
# and counts (a trade at the same price or of the same round lot on many rows), and each costs a
# parse of the value grammar. No caller changes a Parsed (see its class): one may be handed out
# twice.
@functools.lru_cache(maxsize=1024)
def _parse_number(start: str, text: str) -> Parsed[object]:
    if not text.strip():
        return Parsed(None, "missing")
    try:
        parsed: Parsed[object] = parse_value(start, text)
    except LarkError:
        return Parsed(None, "unparsed")
    return parsed


# --- share counts -----------------------------------------------------------------------------


def parse_shares(text: str) -> Parsed[int]:
    """A share count as written on a cover row: "2,202,000", "-0-", "None", "Approximately
    1,000"; footnote marks and the words after the number are not part of it. A cross-reference
    ("See Item 5") has reason "crossref"."""
    return _parse_number("shares", text)  # type: ignore[return-value]


# --- percentages ------------------------------------------------------------------------------


def parse_percent(text: str) -> Parsed[Decimal]:
    """Row 13: "6.41%*" -> 6.41; "Approximately 7.2 %" -> 7.2; "Less than 1%" -> None with reason
    "less-than"."""
    return _parse_number("percent", text)  # type: ignore[return-value]


# --- prices -------------------------------------------------------------------------------------


def parse_price(text: str) -> Parsed[Money]:
    """A price per share and the currency it names: "$21.40", "$.50", "$21 3/8" -> 21.375,
    "14-7/8", "C$12.40" -> 12.40 CAD, "3.62 EUR" -> 3.62 EUR."""
    return _parse_number("price", text)  # type: ignore[return-value]


# Where a currency is named apart from a price: a column heading ("Price per Share (C$)"), a
# cell a table's shape reads ("EUR 5.00"). The same terminals as the price rule's.
CURRENCY_PATTERN = search_pattern(*currency_terminals())


def is_currency(text: str) -> bool:
    """A currency alone ("C$", "EUR", "€"): what a table cell beside a price's number may hold."""
    return text == "$" or CURRENCY_PATTERN.fullmatch(text) is not None


def named_currency(text: str) -> str | None:
    """The one currency ``text`` names ("Price (in Euros)" -> "EUR"); None for none, or two."""
    codes = {currency_code(match.lastgroup or "") for match in CURRENCY_PATTERN.finditer(text)}
    return codes.pop() if len(codes) == 1 else None


# --- check boxes ------------------------------------------------------------------------------

# The first character of every box (see grammar/values.lark): tested first at each position of
# the line, it spares the whole alternation at the others, ten times faster.
_BOX_FIRST = r"\[|/(_xXo☒☑■✔✓⌧⊠▣✕✖✗✘☐□❏❑❒▢◻¨þý"
_BOX = search_pattern("MARKED_BOX", "EMPTY_BOX", "X_MARK", "O_MARK", lookahead=_BOX_FIRST)


def find_boxes(text: str) -> list[tuple[bool, int, int]]:
    """Every check box in ``text``: (marked, start, end)."""
    return [(m.lastgroup in MARKED_BOXES, m.start(), m.end()) for m in _BOX.finditer(text)]


# Row 2's letters and boxes: the terminals of the grammar's group_boxes rule, whose other words
# (what the rule skips as _GROUP_TEXT) a search skips the same way.
_GROUP_ITEMS = search_pattern(
    "GROUP_LETTER",
    "MARKED_BOX",
    "EMPTY_BOX",
    "X_MARK",
    "O_MARK",
    lookahead=_BOX_FIRST + "abAB",  # a bare letter before its box: "a [ ]  b [X]"
)


def parse_group_boxes(text: str) -> dict[str, tuple[bool, int, int]]:
    """Row 2: the box that follows "(a)" and the one that follows "(b)" (or stands before
    them, in the layout that writes "[X] (a)"), as (marked, start, end).

    The same as parsing ``text`` with the grammar's group_boxes rule
    (tests/frontend/test_value_fixtures.py checks it on every example), found by one search: a
    Lark parse of row 2's words costs about seven times as much."""
    items: list[Token | GroupBox] = []
    for match in _GROUP_ITEMS.finditer(text):
        kind = match.lastgroup or ""
        if kind == "GROUP_LETTER":
            items.append(Token(kind, match.group(), match.start(), end_pos=match.end()))
        else:
            items.append(
                (kind in MARKED_BOXES, match.start(), match.end(), box_is_bracketed(match.group()))
            )
    return pair_group_boxes(items)


# --- code lists -------------------------------------------------------------------------------

# Typing slips seen in filings: zero for the letter O.
_CODE_FIXES = {"00": "OO", "0O": "OO", "O0": "OO", "C0": "CO", "1N": "IN"}
# The words some filers write instead of a code.
_CODE_WORDS = {
    "WORKING CAPITAL": "WC",
    "PERSONAL FUNDS": "PF",
    "AFFILIATE": "AF",
    "OTHER": "OO",
    "CORPORATION": "CO",
    "INDIVIDUAL": "IN",
    "PARTNERSHIP": "PN",
    "LIMITED PARTNERSHIP": "PN",
    "INVESTMENT ADVISER": "IA",
    "INVESTMENT ADVISOR": "IA",
    "BANK": "BK",
    "BROKER DEALER": "BD",
    "HOLDING COMPANY": "HC",
    "PARENT HOLDING COMPANY": "HC",
    "INSURANCE COMPANY": "IC",
    "INVESTMENT COMPANY": "IV",
    "EMPLOYEE BENEFIT PLAN": "EP",
    "SAVINGS ASSOCIATION": "SA",
    "CHURCH PLAN": "CP",
    "NON U.S. INSTITUTION": "FI",
    "NON US INSTITUTION": "FI",
}


def _code_words(text: str) -> list[Token] | None:
    try:
        words: list[Token] = parse_value("codes", text)
    except LarkError:  # (the grammar takes any character; kept for safety)
        return None
    return words


def says_no_code(text: str) -> bool:
    """ "N/A", "Not applicable", "None", "-": the row gives no code, on purpose."""
    words = _code_words(text)
    return bool(words) and all(word.type == "NO_CODE" for word in words or ())


def parse_codes(text: str, allowed: frozenset[str]) -> tuple[list[str], list[str]]:
    """A list of two-letter codes ("WC, AF", "PF; OO", "00"); returns (codes, unknown words).
    A word for a code ("Individual") counts where the code is in the row's list (row 14, not
    row 4)."""
    words = _code_words(text)
    if words is None:
        return [], [text]
    codes: list[str] = []
    unknown: list[str] = []
    glossed: list[str] = []  # the row's codes its glosses name
    for word in words:
        if word.type == "NO_CODE":
            continue
        if word.type in ("CODE_GLOSS", "CODE_DASH_GLOSS"):
            # "(Corporation)" or "- Corporation" after "CO" is passed over; words for another
            # row's code are not a gloss of this row's ("PF (Individual)" in row 4).
            inner = " ".join(word.value.strip(" ()-–—").upper().replace("-", " ").split())
            named = _CODE_WORDS.get(inner)
            if named is not None and named not in allowed:
                unknown.append(word.value.strip())
            elif named is not None and named not in glossed:
                glossed.append(named)
            continue
        upper = " ".join(word.value.upper().replace("-", " ").split())
        code = _CODE_FIXES.get(upper, upper)
        if code not in allowed:
            code = _CODE_WORDS.get(upper, code)
        if code in allowed:
            if code not in codes:
                codes.append(code)
        else:
            unknown.append(word.value)
    # A gloss with no code of the row beside it is the code: "(Individual)", "PF (Individual)".
    return codes or glossed, unknown


# --- dates ------------------------------------------------------------------------------------

# Every form starts with a digit or a month's initial (any case): the lookahead says so first.
_DAYS = ("DATE_MDY", "DATE_DMY", "DATE_NUMERIC", "DATE_ISO", "DATE_DMON")
DATE_PATTERN = search_pattern(*_DAYS, lookahead="0-9adfjmnosADFJMNOS")
# Where a trade is dated: a period first, where its first day stands ("3/2/2005 - 3/5/2005"),
# whose match is no date (see date_from_match): what several trades sum to has no day's date.
# Elsewhere (a date of event, a signature's) the first day of a period is the date written.
TRADE_DATE_PATTERN = search_pattern("DATE_PERIOD", *_DAYS, lookahead="0-9adfjmnosADFJMNOS")


def date_from_match(match: re.Match[str]) -> dt.date | None:
    """The date a DATE_PATTERN match denotes, or None when it is not a real calendar date (or
    is a period, DATE_PERIOD)."""
    return date_value(match.lastgroup or "", match.group())


def parse_date(text: str) -> Parsed[dt.date]:
    """The first date written in ``text`` in any of the forms filings use."""
    match = DATE_PATTERN.search(text)
    if match is None:
        return Parsed(None, "missing" if not text.strip() else "unparsed")
    value = date_from_match(match)
    return Parsed(value, None if value else "bad-date", match.start(), match.end())


# --- CUSIPs -----------------------------------------------------------------------------------

_CUSIP = search_pattern("CUSIP", "CUSIP_GROUPED", "CUSIP_ISIN", lookahead="0-9A-Z")


def cusip_check_digit(first_eight: str) -> int:
    """Modulus 10 "double-add-double" over the first eight characters."""
    total = 0
    for position, char in enumerate(first_eight.upper(), start=1):
        if char.isdigit():
            value = int(char)
        elif char.isalpha():
            value = ord(char) - ord("A") + 10
        else:
            value = {"*": 36, "@": 37, "#": 38}[char]
        if position % 2 == 0:
            value *= 2
        total += value // 10 + value % 10
    return (10 - total % 10) % 10


def cusip_is_valid(cusip: str) -> bool:
    return len(cusip) == 9 and cusip_check_digit(cusip[:8]) == int(cusip[8])


def find_cusips(text: str, captioned: bool = False) -> list[tuple[str, int, int]]:
    """Every CUSIP- or CINS-shaped token in ``text``, normalized to 9 upper-case characters.

    A token needs a digit in the issuer part; bare 9-digit runs that are not CUSIPs (telephone
    numbers, zip+4) are rare on the lines this is applied to, and the checks report an invalid
    check digit. A CINS (a letter first, "G0450A105") is taken only with a valid check digit: a
    word in capitals with a digit in it can have its shape; but on the lines of the CUSIP's own
    caption (``captioned``) it is the CUSIP, a typo in its check digit included (the checks warn).
    Four groups ("886 23J 10 0") are taken only with a valid check digit, captioned or not; so
    is a US or Canadian ISIN ("US9608781061"), whose own check digit must pass as well.
    """
    found = []
    for match in _CUSIP.finditer(text.upper()):
        cusip = cusip_value(match.group())
        if match.lastgroup == "CUSIP_ISIN":  # twelve characters that may be anything else
            if cusip_is_valid(cusip) and isin_is_valid(match.group()):
                found.append((cusip, match.start() + 2, match.end() - 1))
        elif match.lastgroup == "CUSIP_GROUPED":
            if cusip_is_valid(cusip):
                found.append((cusip, match.start(), match.end()))
        elif captioned or cusip[:1].isdigit() or cusip_is_valid(cusip):
            found.append((cusip, match.start(), match.end()))
    return found


# --- names ------------------------------------------------------------------------------------


def parse_name(text: str) -> NameParts:
    """Row 1: the name, and the identification number filers append to it ("Acme Corp. -
    13-1234567", "John Smith, I.R.S. No. ###-##-####", "EIN: 13-1234567"). A name the grammar
    cannot split is the whole text, with no number."""
    try:
        parts: NameParts = parse_value("name", text)
    except LarkError:
        stripped = text.strip()
        start = text.find(stripped[:1]) if stripped else 0
        return NameParts(stripped, None, (start, start + len(stripped)))
    return parts


# --- the side of a trade ----------------------------------------------------------------------


def trade_side(words: str | None) -> TradeSide | None:
    """The side of a trade its own words give (a nature column or note, a sentence's verb): sold
    or bought when they say one and not the other, other for words that say neither or both, and
    None when there are no words."""
    if not words:
        return None
    shapes = line_shapes()
    sold = bool(shapes["TRADE_SOLD"].search(words))
    bought = bool(shapes["TRADE_BOUGHT"].search(words))
    if sold != bought:
        return TradeSide.SOLD if sold else TradeSide.BOUGHT
    return TradeSide.OTHER
