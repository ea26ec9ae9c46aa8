"""Every example of tests/fixtures/items/item3_types.fixture: a 13G's Item 3 as filers write it
(the form's boxes, or a sentence citing the rule's letter) -> the types of the person filing,
one code a line (``-`` for none). The lines are classified by the filing's own line lexer."""

from __future__ import annotations

import pytest
from conftest import FIXTURES
from fixture_blocks import Example, read_examples

from compiler.frontend.lexer import LineClassifier
from compiler.lower.lines import Line
from compiler.lower.schedule_13g import item3_person_types

EXAMPLES = read_examples(FIXTURES / "items" / "item3_types.fixture")


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda example: example.id)
def test_item3_types(example: Example) -> None:
    classify = LineClassifier().classify
    lines = [Line(i, classify(text), text) for i, text in enumerate(example.text.split("\n"))]
    assert lines[0].kind == "ITEM"
    found = "\n".join(code.value for code in item3_person_types(lines))
    assert (found or "-") == example.expected
