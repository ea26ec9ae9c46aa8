"""Every example of tests/fixtures/cover_rows/*.fixture: a cover row, as a filing writes it ->
what the row grammar (grammar/cover_row.lark) takes as its value.

A fixture file is one rule of the row grammar (its name), and each example a cover row (its
lines, the first the row's head) with, as expected output, one line per token of the parts
that rule names, in order, blank lines left out: ``PART KIND: text @ LINE:START-END``, where
LINE counts the example's lines from 1 and START-END are the columns of ``text`` in that line
(from 0, the end excluded), or ``no value``. The row goes through
the line lexer, the value area (bars, label words, rules blanked) and the row grammar exactly as
in a filing (compiler.lower.cover_page.read_cover_row).
"""

from __future__ import annotations

import pytest
from conftest import FIXTURES
from fixture_blocks import Example, read_examples
from hypothesis import given, settings
from hypothesis import strategies as st
from lark import Token, Tree
from lark.exceptions import LarkError

from compiler.frontend.cover_tokens import START_RULES as RULES
from compiler.frontend.cover_tokens import Piece, build_row_parser, lean_row_parser, read_row
from compiler.frontend.lexer import tokenize
from compiler.lower.cover_page import START_RULES, read_cover_row
from compiler.lower.cover_rows import CoverLineCache, Row
from compiler.lower.lines import Line
from compiler.schema import ROW_NUMBERS

COVER_ROW_FIXTURES = FIXTURES / "cover_rows"
EXAMPLES = [
    example
    for path in sorted(COVER_ROW_FIXTURES.glob("*.fixture"))
    for example in read_examples(path)
]


def row_at(lines: list[str], first: int = 0) -> Row:
    """The cover row of ``lines``, as if its head stood at line ``first`` of a filing."""
    tokens = list(tokenize(lines))
    head = tokens[0]
    assert head.type in ROW_NUMBERS, f"the first line is no row head but {head.type}"
    row = Row(head.type, Line(first, head.type, head), [])
    row.lines = [
        Line(first + index, token.type, token) for index, token in enumerate(tokens) if index
    ]
    return row


def shown(lines: list[str]) -> tuple[str, str]:
    """(the row grammar's rule for the row, its parts as the fixtures write them)."""
    row = row_at(lines)
    area, parts = read_cover_row(row, ROW_NUMBERS[row.kind], CoverLineCache())
    out: list[str] = []
    for part, pieces in parts.parts.items():
        for piece in pieces:
            if piece.kind == "EMPTY":
                continue
            start = piece.offset + max(piece.raw.find(piece.text), 0)
            located = area.locate(start, start + len(piece.text))
            assert located is not None
            line, column, end_line, end_column = located
            # (Bars are blanked and "|X|" read as "[X]" in place: columns are the filing's.)
            assert end_line == line and end_column - column == len(piece.text)
            out.append(f"{part} {piece.kind}: {piece.text} @ {line + 1}:{column}-{end_column}")
    return START_RULES[row.kind], "\n".join(out) or "no value"


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda example: example.id)
def test_cover_row_example(example: Example) -> None:
    rule, parts = shown(example.text.split("\n"))
    assert rule == example.family, f"a row read by {rule}, in {example.family}.fixture"
    assert parts == example.expected


def test_a_repeated_row_is_read_once_and_located_at_its_own_lines() -> None:
    """The next person's cover page writes the row again: the filing's cache gives it the first
    one's reading, and its value is located at its own lines, not the first row's."""
    example = next(e for e in EXAMPLES if e.expected != "no value")
    lines = example.text.split("\n")
    cache = CoverLineCache()
    first, again = row_at(lines), row_at(lines, 40)
    first_area, first_parts = read_cover_row(first, ROW_NUMBERS[first.kind], cache)
    area, parts = read_cover_row(again, ROW_NUMBERS[again.kind], cache)
    assert parts.parts is first_parts.parts  # (read once)
    located = [
        (
            first_area.locate(piece.offset, piece.offset + 1),
            area.locate(piece.offset, piece.offset + 1),
        )
        for pieces in parts.parts.values()
        for piece in pieces
        if piece.raw
    ]
    assert located
    for before, after in located:
        assert before is not None and after is not None
        assert after[0] == before[0] + 40 and after[1:] == (before[1], before[2] + 40, before[3])


def test_a_value_is_read_once_per_distinct_text() -> None:
    cache = CoverLineCache()
    read: list[str] = []

    def reader(text: str) -> int:
        read.append(text)
        return len(text)

    assert [cache.read(reader, text) for text in ("-0-", "0", "-0-", "0")] == [3, 1, 3, 1]
    assert read == ["-0-", "0"]


def test_every_rule_has_its_fixture_file() -> None:
    assert sorted(path.stem for path in COVER_ROW_FIXTURES.glob("*.fixture")) == sorted(RULES)


def test_the_row_grammar_has_no_conflict() -> None:
    build_row_parser(strict=True)  # raises on any shift/reduce or reduce/reduce conflict


LINE_TOKENS = ("EMPTY", "QUALIFIER", "ID_LINE", "NA_LINE", "OTHER_ROW", "VALUE", "ADDRESS")


@settings(max_examples=300, deadline=None)
@given(
    rule=st.sampled_from(RULES),
    caption=st.booleans(),
    kinds=st.lists(st.sampled_from(LINE_TOKENS), min_size=1, max_size=12),
)
def test_every_row_of_tokens_parses(rule: str, caption: bool, kinds: list[str]) -> None:
    """Whatever its lines hold, a row parses: a layout never seen gives a row with no value (and
    a diagnostic), never a failure. The value, when there is one, is a line's token."""
    pieces = [Piece(kind, kind, kind, index) for index, kind in enumerate(kinds)]
    if caption:
        pieces.insert(0, Piece("CAPTION", "", "", 0))
    parts = read_row(rule, pieces)
    assert set(parts) <= {"value", "lead", "name", "place", "area", "address", "person", "number"}
    assert all(piece.kind != "CAPTION" for found in parts.values() for piece in found)


@settings(max_examples=300, deadline=None)
@given(
    rule=st.sampled_from(RULES),
    caption=st.booleans(),
    kinds=st.lists(st.sampled_from((*LINE_TOKENS, "CAPTION")), min_size=0, max_size=12),
)
def test_the_lean_parser_gives_larks_tree(rule: str, caption: bool, kinds: list[str]) -> None:
    """read_row runs the row grammar's tables without Lark's per-parse set-up
    (lalr_driver.LeanKindParser): it gives Lark's tree, token positions included, and fails
    where Lark fails (a caption out of place)."""
    tokens = (["CAPTION"] if caption else []) + kinds
    try:
        expected: Tree[Token] = build_row_parser().parse(tokens, start=rule)  # type: ignore[arg-type]
    except LarkError:
        with pytest.raises(LarkError):
            lean_row_parser().parse(rule, tokens)
        return
    found = lean_row_parser().parse(rule, tokens)
    assert found == expected
    assert [t.start_pos for t in found.scan_values(lambda v: isinstance(v, Token))] == [
        t.start_pos for t in expected.scan_values(lambda v: isinstance(v, Token))
    ]
