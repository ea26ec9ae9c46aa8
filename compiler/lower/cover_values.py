"""Cover-row readings that need the row's own words, beyond the value grammars of
:mod:`compiler.frontend.values`: an aggregate amount given in parts, a name followed by the short
name the filing defines for it, a row that begins where the previous row's value ends, and row
12 (13G row 10) written as a statement instead of a check box.
"""

from __future__ import annotations

import re
from itertools import pairwise

from compiler.frontend.values import DATE_PATTERN

# "133,300,528 shares of Class A Common Stock ... and 15,480 shares of Class B Common Stock":
# row 11 (13G row 9) as a sum of holdings, each an amount followed by "shares". Only parts joined
# by "and", "plus" or ";" count: "1,000 shares, including 200 shares issuable..." is one amount.
_AMOUNT_SHARES = re.compile(r"(?<![\w.,$])(?P<num>\d{1,3}(?:,\d{3})++|\d++)[ ]++shares\b", re.I)
_PART_JOIN = re.compile(r"(?:\band\b|\bplus\b|;)[ ]*+$", re.IGNORECASE)
_INCLUDING = re.compile(
    r"\b(?:including|includes|of\s+which|consisting\s+of|comprised\s+of|represent)", re.I
)

# '... Company ("MFS")', '... Fund, L.P. (the "Fund")': the filing's short name for the person,
# not part of the name.
DEFINED_TERM = re.compile(
    r"\s*+\(\s*+(?:the\s++|hereinafter\s++)?[\"“”'‘’]{1,2}[^\"“”()]{1,60}[\"“”'‘’]{1,2}\s*+\)\s*+$",
    re.IGNORECASE,
)

# A line that opens another row by its number alone, its caption left out ("2.   N/A"): it ends
# the value of the row above it.
_ROW_NUMBER_ONLY = re.compile(r"^\s*+\(?(?P<num>\d{1,2})(?:[.)]|\)\.?)(?:[ ]++|$)")

# A qualifier alone on its line, the value on the next: "Approximately" / "5.9%".
QUALIFIER_ONLY = re.compile(r"^\s*+(?:approximately|approx\.|about|circa|~)\s*+:?\s*+$", re.I)

# Group boxes labelled "A." / "B." (or "a)") instead of "(a)" / "(b)".
_LETTER_LABEL = re.compile(r"(?<![\w(])([abAB])[.)](?= )")

# Row 12 as a statement: "The Aggregate Amount in Row 9 excludes: 260,896 shares...".
_EXCLUDES_STATEMENT = re.compile(
    r"aggregate\s+amount\s+in\s+row\s*\(?\s*\d{1,2}\s*\)?\s+excludes\b[\s:.\-–—]*+(?P<rest>.*)",
    re.IGNORECASE | re.DOTALL,
)
_NOTHING = re.compile(r"^(?:n/?a|not\s+applicable|none|nothing|-+|no\s+shares)\.?$", re.I)


def group_letters_as_parenthesized(text: str) -> str:
    """Row 2's "A. [ ]  B. X" written as "(a)[ ]  (b)X": the same length, so that offsets into
    the text stay those of the filing."""
    return _LETTER_LABEL.sub(lambda m: f"({m.group(1).lower()})", text)


def summed_parts(text: str) -> tuple[int, int, int] | None:
    """(sum, start, end) when ``text`` gives the amount as two or more holdings joined by
    "and"/"plus"/";", each "N shares ..."; None when it is one amount (or qualified by
    "including", where the parts are already in the first amount)."""
    if _INCLUDING.search(text):
        return None
    parts = list(_AMOUNT_SHARES.finditer(text))
    if len(parts) < 2 or text[: parts[0].start()].strip(" .:*"):
        return None
    for before, after in pairwise(parts):
        between = text[before.end() : after.start()]
        if not _PART_JOIN.search(between) or DATE_PATTERN.search(between):
            return None
    total = sum(int(part.group("num").replace(",", "")) for part in parts)
    return total, parts[0].start("num"), parts[-1].end("num")


def without_defined_term(name: str) -> str:
    """The name without the short name the filing defines for it."""
    return DEFINED_TERM.sub("", name)


def opens_other_row(text: str, row_number: int) -> bool:
    """``text`` starts with a row number other than ``row_number`` and no caption word: the
    next row, its caption left out."""
    match = _ROW_NUMBER_ONLY.match(text)
    return match is not None and int(match.group("num")) not in (0, row_number)


def excludes_statement(text: str) -> tuple[bool, int, int] | None:
    """Row 12 written as "the aggregate amount in row 9 excludes: <shares>": (whether it lists
    shares it excludes, start, end of the statement's verb) -- None when the row is no such
    statement."""
    match = _EXCLUDES_STATEMENT.search(text)
    if match is None:
        return None
    rest = match.group("rest").strip()
    listed = bool(rest) and not _NOTHING.match(rest.split("\n")[0].strip())
    verb = text.lower().rfind("excludes", 0, match.start("rest"))
    return listed, verb, verb + len("excludes")
