"""The value grammar, ``grammar/values.lark``: its LALR parser and the values its rules give.

One parser serves every kind of value (a start rule each); it is built once per process, cached
on disk like the line grammar's (see lark_cache), and applies :class:`ValueTransformer` while it
parses, so no tree is built. The contextual lexer lets each start rule see only its own
terminals: a share count's digits and a percentage's never compete.

Terminals that callers search for inside a line (dates, check boxes, CUSIPs) are compiled into
one search pattern each, from the loaded grammar (:func:`search_pattern`); what a search finds is
given its value by the same functions the transformer uses (:func:`date_value`,
:func:`cusip_value`, :data:`MARKED_BOXES`), so a date found in a table row and a date parsed
alone get the same value.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Generic, TypeVar

from lark import Lark, Token, Transformer

from compiler.frontend.lalr_driver import LeanParser
from compiler.resources import read_grammar

T = TypeVar("T")

GRAMMAR_FILE = "values.lark"
START_RULES = (
    "shares",
    "percent",
    "date",
    "cusip",
    "codes",
    "box",
    "group_boxes",
    "price",
    "name",
)


# Not frozen: one is made for every value parsed (a dozen per cover page), and a frozen
# dataclass's __init__ sets each field through object.__setattr__ (four times slower). No caller
# changes one.
@dataclass(slots=True)
class Parsed(Generic[T]):
    """A parsed value, or None and why (``reason`` is a diagnostic code)."""

    value: T | None
    reason: str | None = None
    start: int = 0  # where in the given text the value was found
    end: int = 0


@dataclass(frozen=True, slots=True)
class Money:
    """A price and its currency: an ISO 4217 code, or None where the price names none ("21.40",
    "$21.40": a dollar the context may name, else the US dollar)."""

    amount: Decimal
    currency: str | None = None


def currency_code(terminal: str) -> str | None:
    """The ISO code a currency terminal of grammar/values.lark stands for: the code is in its
    name ("CUR_CAD" -> "CAD"); the bare dollar sign names none."""
    return terminal[4:] if terminal.startswith("CUR_") else None


@dataclass(frozen=True, slots=True)
class NameParts:
    """Row 1 split by the grammar: the name, and the identification number filed with it."""

    name: str
    identification: str | None = None
    name_span: tuple[int, int] = (0, 0)
    identification_span: tuple[int, int] | None = None


# --- the values of terminals ------------------------------------------------------------------

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
# Words of a date that are neither its day, month nor year: ordinal suffixes, "day of".
_ORDINALS = frozenset({"st", "nd", "rd", "th", "day", "of"})


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 1900 if year >= 50 else 2000
    return year


def _runs(text: str) -> list[str]:
    """The runs of digits and of letters of a date, in order: "Dec. 23rd,2003" -> Dec 23 rd 2003.
    (The grammar's terminal has already checked the shape; this only cuts it up.)"""
    runs: list[str] = []
    current = ""
    for char in text:
        if current and (char.isdigit() != current[-1].isdigit() or not char.isalnum()):
            runs.append(current)
            current = ""
        if char.isalnum():
            current += char
    if current:
        runs.append(current)
    return [run for run in runs if run.lower() not in _ORDINALS]


def _named_date(text: str, month_first: bool) -> dt.date:
    runs = _runs(text)
    month, day, year = (runs[0], runs[1], runs[2]) if month_first else (runs[1], runs[0], runs[2])
    return dt.date(int(year), _MONTHS[month.lower()], int(day))


def _numeric_date(text: str) -> dt.date:
    separator = text[1] if not text[1].isdigit() else text[2]
    first, second, year = text.split(separator)
    month, day = int(first), int(second)
    # Month first, as US filers write; a first number that cannot be a month while the second can
    # ("23.12.2003", as European filers write) has only the day-first reading.
    if month > 12 >= day:
        month, day = day, month
    return dt.date(_year(year), month, day)


def _iso_date(text: str) -> dt.date:
    year, month, day = text.split("-")
    return dt.date(int(year), int(month), int(day))


def _day_month_date(text: str) -> dt.date:
    day, month, year = text.split("-")
    return dt.date(_year(year), _MONTHS[month.lower()], int(day))


_DATE_VALUES: dict[str, Callable[[str], dt.date]] = {
    "DATE_MDY": lambda text: _named_date(text, month_first=True),
    "DATE_DMY": lambda text: _named_date(text, month_first=False),
    "DATE_NUMERIC": _numeric_date,
    "DATE_ISO": _iso_date,
    "DATE_DMON": _day_month_date,
}


# Bounded: a batch meets endless dates, while one filing's table repeats a few (the lexer and the
# lowering both read each row's date, and a long Item 5(c) table has many rows a day).
@functools.lru_cache(maxsize=1024)
def date_value(terminal: str, text: str) -> dt.date | None:
    """The date a DATE_* terminal's text denotes, or None when it is no calendar date, or one
    before 1900 or after 2099: no filing's date ("December 31, 0008" is a typing slip, not the
    year 8)."""
    try:
        value = _DATE_VALUES[terminal](text)
    except (ValueError, KeyError):
        return None
    return value if 1900 <= value.year <= 2099 else None


def cusip_value(text: str) -> str:
    """A CUSIP terminal's text as the 9 characters: "282912 10 4" -> 282912104; an ISIN's
    (CUSIP_ISIN, "US9608781061") are those between its country code and its check digit."""
    compact = text.upper().replace(" ", "").replace("-", "")
    return compact[2:11] if len(compact) == 12 else compact


def isin_is_valid(isin: str) -> bool:
    """The ISIN's check digit: letters as numbers (A=10 ... Z=35), then the Luhn sum."""
    digits = "".join(str(int(char, 36)) for char in isin.upper())
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char) * (2 if position % 2 else 1)
        total += value // 10 + value % 10
    return total % 10 == 0


# Which box terminals are marked (the others: EMPTY_BOX, O_MARK).
MARKED_BOXES = frozenset({"MARKED_BOX", "X_MARK"})


# --- the rules --------------------------------------------------------------------------------

Box = tuple[bool, int, int]  # marked, start, end
GroupBox = tuple[bool, int, int, bool]  # marked, start, end, bracketed (see box_is_bracketed)


def _value_tokens(children: list[Any]) -> list[Token]:
    return [child for child in children if isinstance(child, Token)]


# The characters that group a share count's thousands (see SHARE_NUMBER).
_GROUPING = str.maketrans("", "", ",. \u00a0\u2009\u202f'\u2019")


class ValueTransformer(Transformer[Token, Any]):
    """Applied during the LALR parse (``transformer=``): each rule's children to its value."""

    def shares(self, children: list[Any]) -> Parsed[int]:
        value, start, end = children[-1]
        return Parsed(value, None, start, end)

    def share_count(self, children: list[Token]) -> tuple[int, int, int]:
        token = children[0]
        start = token.start_pos or 0
        if token.type == "NIL":
            return 0, start, start + len(token)
        text = token.value
        # "1,000,000.00": the cents are zeros; "1.234.567": the dots group thousands.
        digits = text if text.count(".") > 1 else text.split(".", 1)[0]
        return int(digits.translate(_GROUPING)), start, start + len(digits)

    def crossref(self, children: list[Token]) -> Parsed[Any]:
        return Parsed(None, "crossref")

    def less_than(self, children: list[Token]) -> Parsed[Any]:
        return Parsed(None, "less-than")

    def nil_percent(self, children: list[Token]) -> Parsed[Decimal]:
        token = children[0]
        start = token.start_pos or 0
        return Parsed(Decimal(0), None, start, start + len(token))

    def percent(self, children: list[Token]) -> Parsed[Decimal]:
        number = next(token for token in children if token.type == "PERCENT_NUMBER")
        start = number.start_pos or 0
        return Parsed(Decimal(number.value), None, start, start + len(number))

    def date(self, children: list[Token]) -> Parsed[dt.date]:
        token = children[0]
        start = token.start_pos or 0
        value = date_value(token.type, token.value)
        return Parsed(value, None if value else "bad-date", start, start + len(token))

    def cusip(self, children: list[Token]) -> str:
        return cusip_value(str(children[0]))

    def codes(self, children: list[Token]) -> list[Token]:
        return children  # the words and notes; values.parse_codes knows the row's list

    def box(self, children: list[Token]) -> GroupBox:
        """(marked, start, end, bracketed): row 2's pairing needs the box's style."""
        token = children[0]
        start = token.start_pos or 0
        return token.type in MARKED_BOXES, start, start + len(token), box_is_bracketed(token)

    def group_boxes(self, children: list[Any]) -> dict[str, Box]:
        return pair_group_boxes(children)

    def currency(self, children: list[Token]) -> str | None:
        return currency_code(children[0].type)

    def price(self, children: list[Token | str | None]) -> Parsed[Money]:
        value = Decimal(0)
        tokens: list[Token] = []
        named: set[str] = set()
        for child in children:
            if not isinstance(child, Token):  # a currency: its code, None for "$" alone
                named.update([child] if child else [])
                continue
            tokens.append(child)
            if child.type == "PRICE_NUMBER":
                value += Decimal(child.value.replace(",", ""))
            elif child.type == "PRICE_FRACTION":
                numerator, denominator = child.value.lstrip("-").split("/")
                # Denominators are powers of two: the quotient is an exact, finite decimal.
                value += Decimal(numerator) / Decimal(denominator)
        if len(named) > 1:  # "C$5.00 USD": which is it?
            return Parsed(None, "two-currencies")
        money = Money(value, named.pop() if named else None)
        return Parsed(money, None, tokens[0].start_pos or 0, tokens[-1].end_pos or 0)

    def identification(self, children: list[Token]) -> tuple[str | None, int, int]:
        number = next((token for token in children if token.type == "ID_NUMBER"), None)
        if number is None:
            return None, children[0].start_pos or 0, children[-1].end_pos or 0
        # A dash, slash, comma, "#" or parenthesis around the number belongs to no one.
        lead = number.value.lstrip(",;-–—/( \t")
        if lead[:1] == "#" and lead[1:2].isdigit():  # "#13-3456789"; "###-##-####" is masked
            lead = lead[1:].lstrip()
        digits = lead.rstrip(")")
        start = (number.end_pos or 0) - len(lead)
        return digits, start, start + len(digits)

    def name(self, children: list[Any]) -> NameParts:
        words = _value_tokens(children)
        ident = children[-1] if children and isinstance(children[-1], tuple) else None
        # Punctuation left between the name and its number ("Acme Corp., EIN ...") is neither's.
        while words and not words[-1].rstrip(_TRAILING):
            words.pop()
        name = " ".join(word.value for word in words).rstrip(_TRAILING)
        span = (0, 0)
        if words:
            last = words[-1]
            span = (words[0].start_pos or 0, (last.start_pos or 0) + len(last.rstrip(_TRAILING)))
        if ident is None:
            return NameParts(name, None, span)
        number, start, end = ident
        return NameParts(name, number, span, (start, end) if number else None)


_TRAILING = ",;:-–— "  # what may stand between a name and its number


# The first characters of the box styles that a filing may set before their letter.
# (Every box glyph of MARKED_BOX and EMPTY_BOX in grammar/values.lark.)
_BOX_BEFORE = frozenset("[|/(_☒☑■✔✓⌧⊠▣✕✖✗✘☐□❏❑❒▢◻¨þý")


def box_is_bracketed(text: str) -> bool:
    """The box styles seen before their letter ("[X] (a)", "(X) (a)", "___ (b)", and the lone x
    or o a Wingdings box leaves, "x (a)"): every style. Which side of its letter a box stands is
    settled by pair_group_boxes, which takes boxes before letters only when every box so stands."""
    return text[:1] in _BOX_BEFORE or text in ("x", "X", "o")


_BOX_GAP = 8  # a box this near the letter after it is that letter's (a table cell's gap)


def pair_group_boxes(children: list[Token | GroupBox]) -> dict[str, Box]:
    """Row 2's letters and boxes, in order, paired: each box before its letter when every box
    stands so ("[X] (a)  [ ] (b)", or a cell's gap apart, "☒    (a)", where an HTML table sets
    the box in a cell left of the letter's), else each letter with the first box after it."""
    items: list[tuple[str, Any]] = [
        ("letter", child) if isinstance(child, Token) else ("box", child) for child in children
    ]
    found: dict[str, Box] = {}
    for (kind, box), (next_kind, letter) in itertools.pairwise(items):
        if (
            kind == "box"
            and next_kind == "letter"
            and box[3]
            and letter.start_pos - box[2] <= _BOX_GAP
        ):
            found.setdefault(_letter(letter), box[:3])
    if len(found) == 2:
        return found
    found = {}
    for index, (kind, letter) in enumerate(items):
        if kind != "letter":
            continue
        following = items[index + 1] if index + 1 < len(items) else None
        if following is not None and following[0] == "box":
            found.setdefault(_letter(letter), following[1][:3])
    return found


def _letter(token: Token) -> str:
    return str(token).strip("() \t").lower()


# --- building -----------------------------------------------------------------------------------


@functools.cache
def value_parser() -> Lark:
    """The LALR parser of every start rule of grammar/values.lark, built once per process."""
    from compiler.frontend.lark_cache import parser_cache_file

    grammar = read_grammar(GRAMMAR_FILE)
    return Lark(
        grammar,
        parser="lalr",
        lexer="contextual",
        start=list(START_RULES),
        transformer=ValueTransformer(),
        maybe_placeholders=False,
        cache=parser_cache_file(grammar) or False,
    )


@functools.cache
def _lean_parser() -> LeanParser:
    return LeanParser(value_parser())


def parse_value(start: str, text: str) -> Any:
    """``text`` parsed from the start rule ``start``; raises lark's LarkError when it is not one.
    (Run by LeanParser: the same tables, without Lark's per-call set-up; see lalr_driver.)"""
    return _lean_parser().parse(start, text)


def search_pattern(*terminals: str, lookahead: str = "") -> re.Pattern[str]:
    """One pattern that finds any of ``terminals`` in a line, built from the grammar's own
    definitions; ``match.lastgroup`` names the terminal found. ``lookahead`` is a character set
    every match starts with: tested first at each position, it spares the whole alternation at
    the others (most characters of a line)."""
    defined = {terminal.name: terminal for terminal in value_parser().terminals}
    parts = [f"(?P<{name}>{defined[name].pattern.to_regexp()})" for name in terminals]
    prefix = f"(?=[{lookahead}])" if lookahead else ""
    return re.compile(prefix + "(?:" + "|".join(parts) + ")")


def currency_terminals() -> tuple[str, ...]:
    """The grammar's currency terminals, one per ISO code (``CUR_CAD``...)."""
    return tuple(t.name for t in value_parser().terminals if t.name.startswith("CUR_"))


__all__ = [
    "Money",
    "NameParts",
    "Parsed",
    "currency_code",
    "currency_terminals",
    "isin_is_valid",
    "parse_value",
    "search_pattern",
    "value_parser",
]
