"""Every example of tests/fixtures/html_tables/*.fixture, converted from HTML to text lines.

The fixtures are data (see their README): the table shapes filing agents typeset, laid out as
the text lines the grammar reads.
"""

from __future__ import annotations

import pytest
from conftest import FIXTURES
from fixture_blocks import Example, read_examples

from compiler.frontend.html_text import convert_html

EXAMPLES = [
    example
    for path in sorted((FIXTURES / "html_tables").glob("*.fixture"))
    for example in read_examples(path)
]


def test_every_family_has_examples() -> None:
    families = {example.family for example in EXAMPLES}
    assert families == {"headings"}


@pytest.mark.parametrize("example", EXAMPLES, ids=[example.id for example in EXAMPLES])
def test_html_table_fixture(example: Example) -> None:
    lines = [line for line in convert_html(example.text).lines if line]
    assert "\n".join(lines) == example.expected
