"""Every example of tests/fixtures/column_roles/*.fixture: a column heading's words and the role
they name (grammar/body.lark's TX_HEAD_* terminals, in their order)."""

from __future__ import annotations

import pytest
from conftest import FIXTURES
from fixture_blocks import Example, read_examples

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
