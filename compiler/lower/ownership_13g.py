"""A Schedule 13G without a cover page: its reporting person read from Items 2 and 4.

A 13G amendment may leave its cover page out (older filings often did); the ownership the cover
rows would give is then in Item 4, in the form's words: "(a) Amount beneficially owned: 412,300",
"(b) Percent of class: 6.8%", "(c) ... (i) Sole power to vote or to direct the vote: 398,100".
The person's name and citizenship are Item 2(a) and 2(c). One person is read, and only where
Item 4's amount opens with its number and Item 2(a) names one person; several persons (in Item
4, "Fund A: 0 / Fund B: 0", or in Item 2(a), "(1) Fund A / (2) Fund B"), or an Item 4 that gives
no number, get a located warning instead of a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from compiler.diagnostic_codes import Code
from compiler.frontend.terminals import line_shapes
from compiler.frontend.values import parse_name, parse_percent, parse_shares
from compiler.ir import MemberOfGroup, ReportingPerson, Span
from compiler.lower.items_13g import item_value
from compiler.lower.lines import Context, Line

SHAPES = line_shapes()  # the grammar's terminals (grammar/*.lark)
_NAME = SHAPES["ITEM2A_NAME"]
_SEVERAL = SHAPES["ITEM2A_SEVERAL"]
_CITIZENSHIP = SHAPES["ITEM2C_CITIZENSHIP"]
_PART_LABEL = SHAPES["ITEM4_PART_LABEL"]
_PART_MARK = SHAPES["ITEM4_PART_MARK"]
# Item 4's parts, by the ReportingPerson field each gives.
_SHARE_PARTS = (
    ("aggregate_amount", SHAPES["ITEM4_AMOUNT"]),
    ("sole_voting_power", SHAPES["ITEM4_SOLE_VOTE"]),
    ("shared_voting_power", SHAPES["ITEM4_SHARED_VOTE"]),
    ("sole_dispositive_power", SHAPES["ITEM4_SOLE_DISPOSE"]),
    ("shared_dispositive_power", SHAPES["ITEM4_SHARED_DISPOSE"]),
)
_PERCENT = SHAPES["ITEM4_PERCENT"]


@dataclass(frozen=True, slots=True)
class _Joined:
    """An item's lines joined by newlines, with where each line starts in the text."""

    text: str
    starts: tuple[int, ...]
    lines: tuple[Line, ...]

    def place(self, offset: int) -> tuple[Line, int]:
        """The line and column of ``offset`` in the joined text."""
        at = max(i for i, start in enumerate(self.starts) if start <= offset)
        return self.lines[at], offset - self.starts[at]


def _join(lines: list[Line]) -> _Joined:
    starts: list[int] = []
    offset = 0
    for line in lines:
        starts.append(offset)
        offset += len(line.text) + 1
    return _Joined("\n".join(line.text for line in lines), tuple(starts), tuple(lines))


def _captions(joined: _Joined, caption: re.Pattern[str]) -> list[re.Match[str]]:
    """Each ``caption`` with only a part label before it on its line ("(c) (i)")."""
    return [
        found
        for found in caption.finditer(joined.text)
        if _PART_LABEL.match(
            joined.text[joined.text.rfind("\n", 0, found.start()) + 1 : found.start()]
        )
    ]


def _caption(joined: _Joined, caption: re.Pattern[str]) -> re.Match[str] | None:
    """The first ``caption`` with only a part label before it on its line ("(c) (i)")."""
    found = _captions(joined, caption)
    return found[0] if found else None


def _value_text(joined: _Joined, found: re.Match[str]) -> tuple[str, int]:
    """What follows a caption up to its line's end, or the next line's when its line ends with
    it: the value's text and its offset in the joined text."""
    end = joined.text.find("\n", found.end())
    end = len(joined.text) if end < 0 else end
    start = found.end()
    if not joined.text[start:end].strip():  # the caption ended its line: the value is under it
        start = end + 1
        while start < len(joined.text) and joined.text.find("\n", start) == start:
            start += 1  # (blank lines between)
        end = joined.text.find("\n", start)
        end = len(joined.text) if end < 0 else end
    return joined.text[start:end], start


def _labelled_amounts(joined: _Joined) -> int:
    """How many times Item 4 gives part (a)'s amount: its caption with only a part label before
    it on its line, or right after a part's label ("(a)") anywhere on it."""
    found = 0
    for match in _SHARE_PARTS[0][1].finditer(joined.text):
        before = joined.text[joined.text.rfind("\n", 0, match.start()) + 1 : match.start()]
        found += bool(_PART_LABEL.match(before) or _PART_MARK.search(before))
    return found


def item4_values(
    lines: list[Line], context: Context
) -> tuple[dict[str, int | Decimal], dict[str, Span]]:
    """The counts and the percent Item 4's parts give, with their spans; a part whose value does
    not read as one is left out."""
    joined = _join(lines)
    values: dict[str, int | Decimal] = {}
    spans: dict[str, Span] = {}
    parts: list[tuple[str, re.Pattern[str]]] = [*_SHARE_PARTS, ("percent_of_class", _PERCENT)]
    for field, caption in parts:
        found = _caption(joined, caption)
        if found is None:
            continue
        text, offset = _value_text(joined, found)
        parsed = parse_percent(text) if field == "percent_of_class" else parse_shares(text)
        # The value opens the text after the caption; words before a number ("Fund A: 0", one
        # of several persons; "As of December 31, ...", a sentence) are no value of the part.
        if parsed.value is None or text[: parsed.start].strip():
            continue
        line, column = joined.place(offset + parsed.start)
        values[field] = parsed.value
        spans[field] = context.span(line, column, column + parsed.end - parsed.start)
    return values, spans


def _unread(context: Context, item4: list[Line], why: str) -> ReportingPerson | None:
    """ITEM4-UNREAD at Item 4, saying ``why`` no person is read; the caller returns its None."""
    context.report(Code.ITEM4_UNREAD, f"no cover page, and {why} no reporting person", item4[0])
    return None


def person_from_items(items: dict[str, list[Line]], context: Context) -> ReportingPerson | None:
    """The one reporting person of a 13G without a cover page, from Item 2(a)'s name, Item 2(c)'s
    citizenship and Item 4's ownership; None, with a warning at Item 4, when Item 4 gives no
    amount 13dc reads."""
    item4 = items.get("4", [])
    if not item4:
        return None
    # Parts (a) to (c) given once per person, each under the person's name: the first amount is
    # one of several persons', which Item 2(a) may not say ("Alpha LP and Beta LLC").
    if _labelled_amounts(_join(item4)) > 1:
        return _unread(
            context,
            item4,
            "Item 4 gives the amount beneficially owned more than once: several persons' numbers;",
        )
    values, spans = item4_values(item4, context)
    if "aggregate_amount" not in values:
        return _unread(
            context,
            item4,
            "Item 4 gives no amount beneficially owned that reads as one reporting person's:",
        )
    name = item_value(items.get("2", []), _NAME, context)
    if name is not None and _SEVERAL.search(name.text):
        return _unread(
            context, item4, "Item 2(a) names several persons: Item 4's amount is no one person's;"
        )
    citizenship = item_value(items.get("2", []), _CITIZENSHIP, context)
    parts = parse_name(name.text) if name is not None else None
    if name is not None:
        spans["name"] = name.span
    if citizenship is not None:
        spans["citizenship"] = citizenship.span
    context.report(
        Code.ITEM4_PERSON,
        "no cover page: the reporting person is read from Items 2 and 4",
        item4[0],
    )
    shares = {k: v for k, v in values.items() if isinstance(v, int)}
    percent = values.get("percent_of_class")
    return ReportingPerson(
        name=parts.name if parts is not None else None,
        identification_number=parts.identification if parts is not None else None,
        member_of_group=MemberOfGroup(a=False, b=False),
        source_of_funds=None,
        legal_proceedings=None,
        citizenship=citizenship.text if citizenship is not None else None,
        sole_voting_power=shares.get("sole_voting_power"),
        shared_voting_power=shares.get("shared_voting_power"),
        sole_dispositive_power=shares.get("sole_dispositive_power"),
        shared_dispositive_power=shares.get("shared_dispositive_power"),
        aggregate_amount=shares.get("aggregate_amount"),
        excludes_certain_shares=False,
        percent_of_class=percent if isinstance(percent, Decimal) else None,
        type_of_reporting_person=(),
        footnotes=(),
        spans=spans,
    )
