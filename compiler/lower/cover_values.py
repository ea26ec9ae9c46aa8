"""Cover-row readings that need the row's own words, beyond the value grammars of
:mod:`compiler.frontend.values`: an aggregate amount given in parts, a name followed by the short
name the filing defines for it, and row 12 (13G row 10) written as a statement instead of a
check box.
"""

from __future__ import annotations

from itertools import pairwise

from compiler.frontend.terminals import line_shapes
from compiler.frontend.values import DATE_PATTERN

SHAPES = line_shapes()  # the grammar's terminals (grammar/*.lark)
_AMOUNT_SHARES = SHAPES["AMOUNT_SHARES"]
_PART_JOIN = SHAPES["PART_JOIN"]
_INCLUDING = SHAPES["INCLUDING"]
_STATED_TOTAL = SHAPES["STATED_TOTAL"]

DEFINED_TERM = SHAPES["DEFINED_TERM"]

_LETTER_LABEL = SHAPES["LETTER_LABEL"]

_EXCLUDES_STATEMENT = SHAPES["EXCLUDES_STATEMENT"]
_NOTHING = SHAPES["NOTHING_VALUE"]


def group_letters_as_parenthesized(text: str) -> str:
    """Row 2's "A. [ ]  B. X" written as "(a)[ ]  (b)X": the same length, so that offsets into
    the text stay those of the filing."""
    return _LETTER_LABEL.sub(lambda m: f"({m.group(1).lower()})", text)


def stated_total(text: str) -> tuple[int, int, int] | None:
    """(total, start, end) when ``text`` gives the amount in parts and states their total itself
    ("... for a total of 1,234,567 shares"): the last total it states."""
    found = list(_STATED_TOTAL.finditer(text))
    if len(list(_AMOUNT_SHARES.finditer(text))) + len(found) < 2 or not found:
        return None
    last = found[-1]
    return int(last.group("num").replace(",", "")), last.start("num"), last.end("num")


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
