"""The lexer's short way for a line of digits and signs (no letter, from a digit to a digit): the
rows of a long trade table are classified by the row's own test alone (TX_ROW, else TEXT), since
every other shape tried before a row needs a letter or a mark at the line's start or end. Checked
against the classification that tries every shape in turn, on such lines made at random (in every
state the classifier can be in) and on every such line of the fixtures and the shared corpus: a
grammar change that gives a letterless line another shape fails here.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus_files import FILES
from hypothesis import given, settings
from hypothesis import strategies as st

from compiler.errors import InputError
from compiler.frontend.lexer import TEXT, TX_ROW, LineClassifier
from compiler.frontend.source import read_source

_DIGITS = st.sampled_from("0123456789")
_MIDDLE = st.text(alphabet=" 0123456789/.,$-()*%#:;'\"+=_|<>[]&!?", max_size=60)
_STATES = st.fixed_dictionaries(
    {
        "schedule": st.sampled_from(["13D", "13G"]),
        "compact_cover": st.booleans(),
        "previous_text": st.sampled_from(["", "The Fund sold the following Shares:", "and"]),
    }
)


def _both_ways(line: str, state: dict[str, object]) -> tuple[str, str]:
    """The short way's terminal and every shape's, from the same classifier state."""
    short, full = LineClassifier(), LineClassifier()
    for classifier in (short, full):
        for name, value in state.items():
            setattr(classifier, name, value)
    found = short._classify(line)
    expected = full._classify(line, shortcut=False)
    assert vars_of(short) == vars_of(full)  # (neither way changes the state)
    return found, expected


def vars_of(classifier: LineClassifier) -> tuple[object, ...]:
    return (classifier.caption_open, classifier.caption_closer, classifier.compact_cover)


@settings(max_examples=500, deadline=None)
@given(indent=st.integers(0, 12), first=_DIGITS, middle=_MIDDLE, last=_DIGITS, state=_STATES)
def test_a_letterless_line_is_a_row_or_text(
    indent: int, first: str, middle: str, last: str, state: dict[str, object]
) -> None:
    found, expected = _both_ways(" " * indent + first + middle + last, state)
    assert found == expected
    assert found in (TX_ROW, TEXT)


@pytest.mark.parametrize(
    "line",
    [
        "     12/23/2003                   66,000                         $4.90",
        "  1-3-2005    1,000    12.50",
        "2003-12-23   500   10",
        "  3/2/2005 - 3/5/2005    1,000    $2.00",
        "  1.   2.   3",
        "  -3-",
        "  12 of 14",
        "4.  5",
    ],
)
def test_table_like_lines(line: str) -> None:
    found, expected = _both_ways(line, {"compact_cover": False})
    assert found == expected


@pytest.mark.parametrize("path", FILES)
def test_every_letterless_line_of_real_filings(path: Path) -> None:
    try:
        document = read_source(path.read_bytes(), path.name)
    except InputError:
        pytest.skip("the source stage rejects this file")
    for line in document.lines:
        if line[-1:].isdigit() and line.lstrip(" ")[:1].isdigit():
            assert _both_ways(line, {})[0] == _both_ways(line, {})[1], line
