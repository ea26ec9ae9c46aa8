"""The JSON document's ``spans`` object is written row by row (json_spans.SpanRows), the
transactions' pointers made as they are written: its entries must be span_pointers's, in its
order, whatever the filing's spans hold, including keys that make the same pointer twice (a
mapping's "date" and "/date", a filing-level key that names a transaction's value)."""

from __future__ import annotations

import dataclasses
import json
from types import MappingProxyType

import pytest
from corpus_files import FILES, SEED

from compiler import compile_filing
from compiler.backends.json_spans import SpanRows, span_pointers
from compiler.backends.render import OutputFormat, render
from compiler.errors import CompilerError
from compiler.ir import Filing, LineSpans, Span


def _rows(filing: Filing) -> list[tuple[object, ...]]:
    rows = SpanRows(filing, repr)
    listed = list(rows)
    assert len(rows) == len(listed)
    return [row[:5] for row in listed]


def _expected(filing: Filing) -> list[tuple[object, ...]]:
    return [
        (json.dumps(pointer, ensure_ascii=False), *(repr(n) for n in dataclasses.astuple(span)))
        for pointer, span in span_pointers(filing).items()
    ]


def _json_spans(filing: Filing) -> dict[str, object]:
    spans: dict[str, object] = json.loads(render(filing, OutputFormat.JSON))["spans"]
    return spans


@pytest.mark.parametrize("path", FILES)
def test_span_rows_are_the_span_pointers(path: object) -> None:
    try:
        filing = compile_filing(path.read_bytes(), str(path))  # type: ignore[attr-defined]
    except CompilerError:
        pytest.skip("13dc refuses this file")
    assert _rows(filing) == _expected(filing)


def _span(line: int) -> Span:
    return Span(line=line, column=1, end_line=line, end_column=2)


def test_span_rows_keep_span_pointers_order_where_pointers_meet() -> None:
    filing = compile_filing(SEED.read_bytes(), "seed.txt")
    first, second, *rest = filing.transactions
    assert isinstance(first.spans, LineSpans)
    odd = [
        # a dict whose two keys make one pointer; a LineSpans whose names are not plain
        dataclasses.replace(first, spans={"date": _span(1), "/date": _span(2), "": _span(3)}),
        dataclasses.replace(second, spans=LineSpans(5, ("a/b", "a/b"), (1, 2, 3, 4))),
    ]
    filing = dataclasses.replace(filing, transactions=(*odd, *rest))
    assert _rows(filing) == _expected(filing)
    # A filing-level key naming a transaction's value: the dict's order and last value win.
    spans = MappingProxyType({**filing.spans, "transactions/2/date": _span(9)})
    named = dataclasses.replace(filing, spans=spans)
    assert _rows(named) == _expected(named)
    assert _json_spans(named)["/transactions/2/date"] == {
        "line": rest[0].spans["date"].line,
        "column": rest[0].spans["date"].column,
        "end_line": rest[0].spans["date"].end_line,
        "end_column": rest[0].spans["date"].end_column,
    }
    assert list(_json_spans(named)).index("/transactions/2/date") < list(_json_spans(named)).index(
        "/transactions/0/date"
    )
