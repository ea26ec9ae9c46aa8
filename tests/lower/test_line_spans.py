"""A trade row's spans are held as one LineSpans (compiler/ir.py): the mapping must give what a
dict of Span objects gave, for every use of a node's ``spans`` (lookup, iteration order, ``in``,
equality, pickling), and Context.line_spans the spans Context.span gives, on lines kept as
written and on lines with a column map (tabs)."""

from __future__ import annotations

import pickle

import pytest
from corpus_files import SEED

from compiler.frontend.parser import parse
from compiler.frontend.source import read_source
from compiler.ir import LineSpans, Span
from compiler.lower.lines import Context, TreeLines


def _span(line: int, column: int, end_column: int) -> Span:
    return Span(line=line, column=column, end_line=line, end_column=end_column)


def test_line_spans_is_the_mapping_of_its_spans() -> None:
    spans = LineSpans(300, ("date", "shares", "price"), (6, 16, 35, 42, 66, 71))
    expected = {
        "date": _span(300, 6, 16),
        "shares": _span(300, 35, 42),
        "price": _span(300, 66, 71),
    }
    assert spans == expected and expected == spans
    assert list(spans) == ["date", "shares", "price"]
    assert list(spans.items()) == list(expected.items())
    assert len(spans) == 3 and "price" in spans and "person" not in spans
    assert spans["shares"].end_column == 42 and spans.get("note") is None
    with pytest.raises(KeyError):
        spans["note"]
    assert pickle.loads(pickle.dumps(spans)) == expected
    assert repr(spans) == repr(expected)
    assert spans != {"date": _span(300, 6, 16)}


def test_line_spans_needs_two_columns_a_name() -> None:
    with pytest.raises(ValueError, match="a column and an end column"):
        LineSpans(1, ("date", "shares"), (1, 2, 3))


@pytest.mark.parametrize("tabs", [False, True])
def test_context_line_spans_are_context_spans(tabs: bool) -> None:
    data = SEED.read_bytes()
    if tabs:  # every line then has a column map
        data = data.replace(b"        ", b"\t")
    document = read_source(data, "seed.txt")
    tree = parse(document)
    lines = TreeLines(tree).of(tree)
    context = Context(document)
    offsets = (0, 3, 5, 5, 9, 2)  # an empty span, and an end before its start, as span clamps
    names = ("a", "b", "c")
    mapped = 0
    for line in lines:
        if len(line.text) < 10:
            continue
        mapped += line.index in document.column_maps
        got = context.line_spans(line, names, offsets)
        assert dict(got) == {
            name: context.span(line, offsets[2 * i], offsets[2 * i + 1])
            for i, name in enumerate(names)
        }
    assert (mapped > 0) == tabs
