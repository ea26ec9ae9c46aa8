"""Item 10 of a 13G: the certification is the item's text, and none where the item says so."""

from __future__ import annotations

import pytest
from conftest import FIXTURES

from compiler import compile_filing

CERTIFIED = FIXTURES / "13g" / "natereed-arqule_13g.txt"
# The fixture's Item 10 paragraph, from its first words to the end of its sentence.
_FIRST_WORDS = "\tBy signing below I certify"
_LAST_WORDS = "\tof effect.\n"


def _with_item10(body: str) -> bytes:
    text = CERTIFIED.read_text(encoding="utf-8")
    start = text.index(_FIRST_WORDS)
    end = text.index(_LAST_WORDS, start) + len(_LAST_WORDS)
    return (text[:start] + body + "\n" + text[end:]).encode("utf-8")


def test_a_certification_is_the_item_text() -> None:
    filing = compile_filing(CERTIFIED.read_bytes())
    assert filing.certification is not None
    assert filing.certification.startswith("By signing below I certify")


@pytest.mark.parametrize("says_none", ["Not applicable.", "N/A", "None", "NOT APPLICABLE"])
def test_an_item10_that_says_none_is_no_certification(says_none: str) -> None:
    filing = compile_filing(_with_item10("\t" + says_none))
    assert filing.certification is None
    item10 = next(item for item in filing.items if item.number == "10")
    assert item10.text.strip() == says_none  # the item keeps its words
