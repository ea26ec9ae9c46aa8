"""Every example of tests/fixtures/html_marks/*.fixture, converted from HTML to text lines.

The fixtures are data (see their README): check boxes drawn as letters of a symbol font, read by
the font's own glyphs, footnote marks raised by CSS, read as <sup> is, and a price's currency
written in a table cell of its own, joined to the number beside it.
"""

from __future__ import annotations

import pytest
from conftest import FIXTURES
from fixture_blocks import Example, read_examples

from compiler.frontend.html_text import convert_html

EXAMPLES = [
    example
    for path in sorted((FIXTURES / "html_marks").glob("*.fixture"))
    for example in read_examples(path)
]


def test_every_family_has_examples() -> None:
    families = {example.family for example in EXAMPLES}
    assert families == {"currency_cells", "dingbats", "drawn_boxes", "raised_marks"}


@pytest.mark.parametrize("example", EXAMPLES, ids=[example.id for example in EXAMPLES])
def test_html_mark_fixture(example: Example) -> None:
    lines = [line for line in convert_html(example.text).lines if line]
    assert "\n".join(lines) == example.expected
