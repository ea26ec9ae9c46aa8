"""Item headings as filers write them (tests/fixtures/items/headings.fixture): each example gives
seven heading lines, which replace the headings of Items 1 to 7 of a small clean 13D in order;
the filing's items must be the fixture's numbers (``-`` for none), and its normalized filing
must compile back to the same items (numbers, titles and text)."""

from __future__ import annotations

import pytest
from conftest import FIXTURES
from fixture_blocks import Example, read_examples
from minimal_filing import minimal_13d

from compiler import compile_filing
from compiler.backends.render import OutputFormat, render
from compiler.ir import Filing

EXAMPLES = read_examples(FIXTURES / "items" / "headings.fixture")
_CLEAN = minimal_13d().decode("utf-8").split("\n")
_HEADINGS = [i for i, line in enumerate(_CLEAN) if line.startswith("Item ")]


def _filing(example: Example) -> Filing:
    lines = list(_CLEAN)
    for position, heading in zip(_HEADINGS, example.text.split("\n"), strict=True):
        lines[position] = heading
    return compile_filing("\n".join(lines).encode("utf-8"), "items.txt")


def _items(filing: Filing) -> list[tuple[str, str | None, str]]:
    return [(item.number, item.title, item.text) for item in filing.items]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda example: example.id)
def test_item_headings(example: Example) -> None:
    numbers = " ".join(item.number for item in _filing(example).items)
    assert (numbers or "-") == example.expected


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda example: example.id)
def test_the_normalized_filing_keeps_the_items(example: Example) -> None:
    filing = _filing(example)
    again = compile_filing(render(filing, OutputFormat.TEXT).encode("utf-8"), "normalized.txt")
    assert _items(again) == _items(filing)


def test_an_amendment_sentence_under_its_heading_stays_prose() -> None:
    lines = list(_CLEAN)
    position = _HEADINGS[3]  # Item 4's heading
    lines.insert(position + 1, "Item 4 is hereby amended by adding the following:")
    filing = compile_filing("\n".join(lines).encode("utf-8"), "items.txt")
    item4 = [item for item in filing.items if item.number == "4"]
    assert len(item4) == 1
    assert item4[0].title == "Purpose of Transaction"
    assert item4[0].text.startswith("Item 4 is hereby amended by adding the following:")


TITLES = read_examples(FIXTURES / "items" / "titles.fixture")
_ITEM4 = slice(_HEADINGS[3], _HEADINGS[4])  # Item 4's heading and text, up to Item 5's heading


@pytest.mark.parametrize("example", TITLES, ids=lambda example: example.id)
def test_item_titles(example: Example) -> None:
    """An Item 4 written as the example (its heading and text): its title and text, the
    paragraphs of the text joined by ``|``; and the normalized filing keeps them."""
    lines = list(_CLEAN)
    lines[_ITEM4] = [*example.text.split("\n"), ""]
    filing = compile_filing("\n".join(lines).encode("utf-8"), "items.txt")
    (item4,) = [item for item in filing.items if item.number == "4"]
    got = f"title: {item4.title or '-'}\ntext: {item4.text.replace(chr(10) * 2, '|')}"
    assert got == example.expected
    again = compile_filing(render(filing, OutputFormat.TEXT).encode("utf-8"), "normalized.txt")
    assert _items(again) == _items(filing)
