"""Every example of tests/fixtures/column_roles/*.fixture: a column heading's words and the role
they name (grammar/body.lark's TX_HEAD_* terminals, in their order)."""

from __future__ import annotations

import itertools

import pytest
from conftest import FIXTURES
from fixture_blocks import Example, read_examples

from compiler.frontend.terminals import line_shapes
from compiler.lower.transaction_columns import cells
from compiler.lower.transaction_roles import Role, heading_role

EXAMPLES = [
    example
    for path in sorted((FIXTURES / "column_roles").glob("*.fixture"))
    for example in read_examples(path)
]


def test_every_role_has_examples() -> None:
    named = {example.expected for example in EXAMPLES}
    assert named == {role.value for role in Role} | {"none"}


@pytest.mark.parametrize("example", EXAMPLES, ids=[example.id for example in EXAMPLES])
def test_column_role(example: Example) -> None:
    role = heading_role(example.text)
    assert ("none" if role is None else role.value) == example.expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", []),
        ("   ", []),
        (
            "  12/24/2003     167,500    $4.70 ",
            [(2, 12, "12/24/2003"), (17, 24, "167,500"), (28, 33, "$4.70")],
        ),
        # one blank of any kind stays inside a cell; two of any kinds part two cells
        ("Open market\tsale \u00a0 $4.70", [(0, 16, "Open market\tsale"), (19, 24, "$4.70")]),
        ("a b\t\tc", [(0, 3, "a b"), (5, 6, "c")]),
    ],
)
def test_cells_are_the_text_between_gaps(text: str, expected: list[tuple[int, int, str]]) -> None:
    assert cells(text) == expected
    for start, end, cell in cells(text):
        assert text[start:end] == cell


def test_cells_are_the_grammars_gap_cells() -> None:
    # cells() takes each gap with the cell after it, for speed; the cells must be the ones the
    # grammar's GAP_CELL terminal finds on its own, on every short line of blanks of each kind,
    # currency signs, digits and words.
    gap_cell = line_shapes()["GAP_CELL"]
    for size in range(7):
        for letters in itertools.product(" \t\u2003$€1a", repeat=size):
            text = "".join(letters)
            found = [(*cell.span(), cell[0]) for cell in gap_cell.finditer(text)]
            assert cells(text) == found, repr(text)
