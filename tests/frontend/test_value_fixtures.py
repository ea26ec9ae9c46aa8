"""Every example of tests/fixtures/values/*.fixture, run through the value grammar.

The fixture files are data (see their README): a title, the input and the expected value, in
the block format of markdown-it-py's spec fixtures. Each example is checked through the public
function of compiler/frontend/values.py that the lowering calls and, where that function finds
its value by a search compiled from the grammar's terminals, through the grammar's start rule as
well: both must give the fixture's value.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import FIXTURES
from fixture_blocks import Example, read_examples
from lark.exceptions import LarkError

from compiler.frontend.lalr_driver import LeanParser
from compiler.frontend.value_grammar import parse_value, value_parser
from compiler.frontend.values import (
    DATE_PATTERN,
    Parsed,
    find_boxes,
    find_cusips,
    parse_codes,
    parse_date,
    parse_group_boxes,
    parse_name,
    parse_percent,
    parse_price,
    parse_shares,
    says_no_code,
)
from compiler.ir import PersonType, SourceOfFunds

VALUE_FIXTURES = FIXTURES / "values"
FAMILIES = ("shares", "percent", "dates", "cusips", "codes", "boxes", "group_boxes", "prices")
CODE_LISTS = {
    "funds": frozenset(code.value for code in SourceOfFunds),
    "types": frozenset(code.value for code in PersonType),
}


EXAMPLES = [
    example for path in sorted(VALUE_FIXTURES.glob("*.fixture")) for example in read_examples(path)
]


def _shown(parsed: Parsed[object]) -> str:
    if parsed.value is None:
        return f"no value: {parsed.reason}"
    if isinstance(parsed.value, dt.date):
        return parsed.value.isoformat()
    return str(parsed.value)


def _grammar(start: str, text: str) -> Parsed[object]:
    parsed: Parsed[object] = parse_value(start, text)
    return parsed


def check_shares(example: Example) -> None:
    parsed = parse_shares(example.text)
    assert _shown(parsed) == example.expected
    if parsed.value is not None:  # the span is the number as written
        written = example.text[parsed.start : parsed.end]
        assert written and written.strip() == written


def check_percent(example: Example) -> None:
    assert _shown(parse_percent(example.text)) == example.expected


def check_prices(example: Example) -> None:
    """A price shows its currency after it when it names one ("12.40 CAD")."""
    parsed = parse_price(example.text)
    if parsed.value is None:
        assert _shown(parsed) == example.expected
        return
    money = parsed.value
    shown = str(money.amount) if money.currency is None else f"{money.amount} {money.currency}"
    assert shown == example.expected


def check_dates(example: Example) -> None:
    parsed = parse_date(example.text)
    assert _shown(parsed) == example.expected
    match = DATE_PATTERN.search(example.text)
    if match is not None:  # the search's value is the grammar's value of what it found
        assert _shown(_grammar("date", match.group())) == example.expected


def check_cusips(example: Example) -> None:
    found = find_cusips(example.text)
    assert (" ".join(cusip for cusip, _, _ in found) or "none") == example.expected
    for cusip, start, end in found:
        assert parse_value("cusip", example.text[start:end].upper()) == cusip


def check_codes(example: Example) -> None:
    name, _, rest = example.expected.partition(": ")
    codes, unknown = parse_codes(example.text, CODE_LISTS[name])
    shown = [" ".join(codes)]
    if unknown:
        shown.append("unknown: " + " ".join(unknown))
    if says_no_code(example.text):
        shown.append("no code")
    assert " | ".join(shown) == rest


def check_boxes(example: Example) -> None:
    found = find_boxes(example.text)
    assert [("marked" if marked else "empty") for marked, _, _ in found] == [example.expected]
    marked, _, _, _ = parse_value("box", example.text)
    assert marked == (example.expected == "marked")


def check_group_boxes(example: Example) -> None:
    found = parse_group_boxes(example.text)
    shown = ", ".join(
        f"{letter}: {'marked' if found[letter][0] else 'empty'}" for letter in sorted(found)
    )
    assert (shown or "none") == example.expected
    assert parse_value("group_boxes", example.text) == found
    for marked, start, end in found.values():
        assert [box[0] for box in find_boxes(example.text[start:end])] == [marked]


def check_names(example: Example) -> None:
    parts = parse_name(example.text)
    shown = f"name: {parts.name}"
    if parts.identification:
        shown += f" | id: {parts.identification}"
        assert parts.identification_span is not None
        start, end = parts.identification_span
        assert example.text[start:end] == parts.identification
    assert shown == example.expected
    if parts.name:
        start, end = parts.name_span
        assert example.text[start:end].startswith(parts.name.split()[0])


CHECKS: dict[str, Callable[[Example], None]] = {
    "shares": check_shares,
    "percent": check_percent,
    "prices": check_prices,
    "dates": check_dates,
    "cusips": check_cusips,
    "codes": check_codes,
    "boxes": check_boxes,
    "group_boxes": check_group_boxes,
    "names": check_names,
}


@pytest.mark.parametrize("example", EXAMPLES, ids=[example.id for example in EXAMPLES])
def test_value_fixture(example: Example) -> None:
    CHECKS[example.family](example)


def test_every_family_has_examples() -> None:
    families = {example.family for example in EXAMPLES}
    assert families == set(CHECKS)
    assert set(FAMILIES) < families


def test_the_fixture_reader_rejects_a_block_without_its_markers(tmp_path: Path) -> None:
    broken = tmp_path / "broken.fixture"
    broken.write_text("a title\n1,234\n.\n1234\n.\n", encoding="utf-8")
    with pytest.raises(ValueError, match="must follow the title"):
        read_examples(broken)


def test_a_price_is_exact() -> None:
    parsed = parse_price("$21 3/8").value
    assert parsed is not None and parsed.amount == Decimal("21.375")


_STARTS = {
    "shares": "shares",
    "percent": "percent",
    "prices": "price",
    "dates": "date",
    "codes": "codes",
    "group_boxes": "group_boxes",
    "names": "name",
}


@pytest.mark.parametrize("example", EXAMPLES, ids=[example.id for example in EXAMPLES])
def test_the_lean_parser_gives_what_lark_gives(example: Example) -> None:
    """parse_value runs the grammar's tables without Lark's per-call set-up (lalr_driver): on
    every example it must give what Lark's own parse gives, or raise as Lark does."""
    start = _STARTS.get(example.family)
    if start is None or not example.text.strip():
        return
    try:
        expected = value_parser().parse(example.text, start=start)
    except LarkError as error:
        with pytest.raises(type(error)):
            parse_value(start, example.text)
        return
    assert LeanParser(value_parser())._run(start, example.text) == expected
    assert parse_value(start, example.text) == expected
