"""Every example of tests/fixtures/items/item1_issuer.fixture: a Schedule 13G's Item 1, as filers
write it, under a title page that gives no issuer -> the issuer's name Item 1(a) gives (``-``
for none)."""

from __future__ import annotations

import pytest
from conftest import FIXTURES
from fixture_blocks import Example, read_examples

from compiler import compile_filing

EXAMPLES = read_examples(FIXTURES / "items" / "item1_issuer.fixture")

TEMPLATE = """\
                                  SCHEDULE 13G
                   Under the Securities Exchange Act of 1934
                               (Amendment No. 3)*

                                  Common Stock
                         (Title of Class of Securities)

                                   282912104
                                 (CUSIP Number)

{item1}

Item 2(a)   Name of Person Filing:  Harbor Trust Company

Item 2(c)   Citizenship:  Ohio

Item 4      Ownership:  (a) Amount beneficially owned:  412,300

                                   SIGNATURE

Date:  February 9, 1996                 /s/ Jane Q. Public
"""


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda example: example.id)
def test_item1_issuer(example: Example) -> None:
    filing = compile_filing(TEMPLATE.format(item1=example.text).encode(), "item1.txt")
    assert (filing.issuer.name or "-") == example.expected
