"""The ``spans`` object of the JSON document: the JSON Pointer of every extracted value with its
span (:func:`span_pointers`), and the rows json.j2 lays out of them (:class:`SpanRows`), made as it
writes them."""

from __future__ import annotations

import functools
import itertools
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Protocol

from compiler.errors import InternalError
from compiler.ir import Filing, LineSpans, Span

# One row of the spans object, as json.j2 unpacks it.
_JsonRow = tuple[str, str, str, str, str, bool]


class _Located(Protocol):
    @property
    def spans(self) -> Mapping[str, Span]: ...


def _add_spans(pointers: dict[str, Span], prefix: str, spans: Mapping[str, Span]) -> None:
    for key, span in spans.items():
        relative = key.strip("/")
        if relative:
            pointers[f"{prefix}/{relative}"] = span


def _sections(filing: Filing) -> Iterator[tuple[str | None, Mapping[str, Span]]]:
    """Each node's pointer prefix and spans, in document order; where the transactions' stand,
    one ``(None, {})`` in their stead (_SpanRows makes their pointers as it writes them)."""
    yield "", filing.spans
    yield "/issuer", filing.issuer.spans
    yield "/security", filing.security.spans
    collections: tuple[tuple[str, Iterable[_Located]], ...] = (
        ("notice_persons", filing.notice_persons),
        ("reporting_persons", filing.reporting_persons),
        ("items", filing.items),
    )
    for name, nodes in collections:
        for index, node in enumerate(nodes):
            yield f"/{name}/{index}", node.spans
    yield None, {}
    for index, signature in enumerate(filing.signatures):
        yield f"/signatures/{index}", signature.spans
    for index, annex in enumerate(filing.annexes):
        yield f"/annexes/{index}", annex.spans
        for person_index, person in enumerate(annex.persons):
            yield f"/annexes/{index}/persons/{person_index}", person.spans
    for index, exhibit in enumerate(filing.exhibits):
        yield f"/exhibits/{index}", exhibit.spans


def span_pointers(filing: Filing) -> dict[str, Span]:
    """JSON Pointer of each extracted value -> its span, from every node's ``spans`` mapping.

    A node's keys are field names (or pointers relative to the node, such as
    ``member_of_group/a``); ``Filing.spans`` keys are relative to the document root. Order:
    document order of the nodes, then each mapping's own order, so the output is deterministic.
    """
    pointers: dict[str, Span] = {}
    for prefix, spans in _sections(filing):
        if prefix is not None:
            _add_spans(pointers, prefix, spans)
        else:
            for index, transaction in enumerate(filing.transactions):
                _add_spans(pointers, f"/transactions/{index}", transaction.spans)
    return pointers


class SpanRows:
    """The rows of the ``spans`` object (pointer, line, column, end line, end column, ``last``):
    the entries of span_pointers(filing), in its order, made as the template iterates over them
    (see JsonRows). The pointers of the transactions are made as their rows are laid out, never
    held all at once: a long Item 5(c) table has three a row, and the dict of them all was, after
    the output itself, the render's largest object."""

    __slots__ = ("_before", "_filing", "_length", "_others", "_position")

    def __init__(self, filing: Filing, position: Callable[[int], str]) -> None:
        self._filing: Filing | None = filing
        self._position = position
        # Every pointer but the transactions', in span_pointers's order; those before the
        # transactions' are the first ``_before``.
        others: dict[str, Span] = {}
        before = 0
        for prefix, spans in _sections(filing):
            if prefix is None:
                before = len(others)
            else:
                _add_spans(others, prefix, spans)
        self._before = before
        self._others: dict[str, Span] | None = others
        if any(pointer.startswith("/transactions/") for pointer in others):
            # A filing-level key names a transaction's value: span_pointers's dict decides
            # which of the two is written, and where.
            self._others = None
            self._length = len(span_pointers(filing))
        else:
            count = sum(_pointer_count(tx.spans) for tx in filing.transactions)
            self._length = len(others) + count

    def __len__(self) -> int:
        return self._length

    def release(self) -> None:
        """Let go of the filing and its spans (see :func:`release_rows`)."""
        self._filing = self._others = None

    def __iter__(self) -> Iterator[_JsonRow]:
        # The hottest loop of the document, one row per extracted value, so it calls the two
        # encoders its types need directly instead of dispatching on every value: pointers are
        # strings and positions are ints (Span's fields). int.__repr__ (behind the document's
        # cache) writes an int exactly as json_value does and raises TypeError on anything that
        # is not an int (None, a float, a string), so a broken Span fails the render rather
        # than writing a wrong position.
        string = json.encoder.encode_basestring
        position = self._position
        filing = self._filing
        if filing is None:
            raise InternalError("the span rows were laid out after they were released")
        last = self._length - 1
        index = 0
        if self._others is None:
            for pointer, span in span_pointers(filing).items():
                yield _span_row(string(pointer), span, position, index == last)
                index += 1
            return
        entries = iter(self._others.items())
        for pointer, span in itertools.islice(entries, self._before):
            yield _span_row(string(pointer), span, position, index == last)
            index += 1
        for number, transaction in enumerate(filing.transactions):
            prefix = f"/transactions/{number}/"
            spans = transaction.spans
            if type(spans) is LineSpans and _plain_names(spans.names):
                # A trade row's spans: written from its line and columns, no Span made.
                line, columns = position(spans.line), spans.columns
                for at, name in enumerate(spans.names):
                    yield (
                        string(prefix + name),
                        line,
                        position(columns[2 * at]),
                        line,
                        position(columns[2 * at + 1]),
                        index == last,
                    )
                    index += 1
            else:
                for pointer, span in _node_pointers(prefix[:-1], spans).items():
                    yield _span_row(string(pointer), span, position, index == last)
                    index += 1
        for pointer, span in entries:
            yield _span_row(string(pointer), span, position, index == last)
            index += 1


def _span_row(pointer: str, span: Span, position: Callable[[int], str], last: bool) -> _JsonRow:
    return (
        pointer,
        position(span.line),
        position(span.column),
        position(span.end_line),
        position(span.end_column),
        last,
    )


@functools.cache
def _plain_names(names: tuple[str, ...]) -> bool:
    """Whether each of a LineSpans' names is its own pointer's last part, as _add_spans makes
    it: none empty or with a "/" (which it strips), no two alike."""
    return len(set(names)) == len(names) and all(name and "/" not in name for name in names)


def _node_pointers(prefix: str, spans: Mapping[str, Span]) -> dict[str, Span]:
    pointers: dict[str, Span] = {}
    _add_spans(pointers, prefix, spans)
    return pointers


def _pointer_count(spans: Mapping[str, Span]) -> int:
    """How many pointers a node's spans make (a key that strips to one already made, none)."""
    if type(spans) is LineSpans and _plain_names(spans.names):
        return len(spans)
    return len(_node_pointers("", spans))


__all__ = ["SpanRows", "span_pointers"]
