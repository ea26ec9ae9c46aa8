"""JSON values and documents: IR values written as JSON text, and the variables of ``json.j2``.

:func:`json_value` writes one IR value with the :mod:`json` module's encoders (``Decimal`` values as
JSON numbers with exactly their own digits, dates as ISO strings, enums as their code), and
:func:`json_document` writes every value of a filing, arrays as rows, before the template lays them
out; :func:`span_pointers` gives the JSON Pointer of each extracted value with its span. The render
stage (:mod:`compiler.backends.render`) runs the template and checks its output.
"""

from __future__ import annotations

import datetime as dt
import json
import operator
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from enum import Enum
from typing import Any, Protocol, TypedDict, TypeVar

from compiler.backends.cover_columns import JSON_MEMBERS
from compiler.ir import Diagnostic, Filing, ReportingPerson, Span

# json.j2 receives the filing with every value already JSON text (json_document): per value, the
# template then costs one local variable, where a filter call and a Jinja attribute lookup per value
# used to cost about 1 ms per filing. The encoders are chosen once per Python type (exact type, so a
# lookup is one dict access) and are C functions where the json module or a dict provides one.


def json_number(value: Decimal) -> str:
    """A Decimal as a JSON number with exactly its own digits (also a CSV cell's text)."""
    if not value.is_finite():
        raise ValueError(f"{value} has no JSON representation")
    # Fixed-point notation keeps the written digits (6.41, 6.410, 5) and is always valid JSON.
    return f"{value:f}"


def _json_date(value: dt.date) -> str:
    # What json.dumps(value.isoformat()) writes (its default ensure_ascii encoder), minus the
    # set-up json.dumps repeats on every call.
    return json.encoder.encode_basestring_ascii(value.isoformat())


def _json_enum(value: Enum) -> str:
    return json_value(value.value)


def _json_array(values: Iterable[object]) -> str:
    return "[" + ", ".join(_json_values(values)) + "]"


def _no_json(value: object) -> str:
    # Floats included: the IR keeps exact Decimals, a float here would be a lowering bug.
    raise TypeError(f"no JSON rendering for {type(value).__name__}: {value!r}")


_JsonEncoder = Callable[[Any], str]

_ENCODERS: dict[type, _JsonEncoder] = {
    # The json module's own string encoder (C), without json.dumps's per-call set-up.
    str: json.encoder.encode_basestring,
    int: str,
    # Bound dict lookups: C callables, where a small function would add a Python frame per value.
    bool: {True: "true", False: "false"}.__getitem__,
    type(None): {None: "null"}.__getitem__,
}


def _encoder_for(kind: type) -> _JsonEncoder:
    """The encoder of values of type ``kind``, decided once per type and cached in _ENCODERS."""
    encoder: _JsonEncoder
    # Enums first: a StrEnum is also a str, and its JSON is its code. bool and None cannot be
    # subclassed: the table above holds them.
    if issubclass(kind, Enum):
        encoder = _json_enum
    elif issubclass(kind, str):
        encoder = json.encoder.encode_basestring
    elif issubclass(kind, int):
        encoder = str
    elif issubclass(kind, Decimal):
        encoder = json_number
    elif issubclass(kind, dt.date):  # datetimes included, as json.dumps(isoformat())
        encoder = _json_date
    elif issubclass(kind, list | tuple):
        encoder = _json_array
    else:
        encoder = _no_json
    _ENCODERS[kind] = encoder
    return encoder


def json_value(value: object) -> str:
    """One IR value as JSON text: scalars, enums, Decimals, dates, and tuples/lists of them."""
    return (_ENCODERS.get(type(value)) or _encoder_for(type(value)))(value)


def _json_values(values: Iterable[object]) -> list[str]:
    """:func:`json_value` of each value, inlined: this loop runs for every value of a filing."""
    encoders = _ENCODERS
    return [(encoders.get(type(value)) or _encoder_for(type(value)))(value) for value in values]


# One element of an array, as json.j2 unpacks it: the JSON text of each field, then ``last``.
_JsonRow = tuple[object, ...]


class JsonDocument(TypedDict):
    """The variables of json.j2: a filing with every value written as JSON text."""

    schema: str
    source: dict[str, str]
    form: str
    amendment_number: str
    issuer: dict[str, str]
    security: dict[str, str]
    event_date: str
    previously_filed_13g: str
    rule_designations: str
    item3_person_types: str
    certification: str
    notice_persons: list[_JsonRow]
    reporting_persons: list[_JsonRow]
    items: list[_JsonRow]
    transactions: list[_JsonRow]
    signatures: list[_JsonRow]
    annexes: list[tuple[str, list[_JsonRow], bool]]  # title, persons, last
    exhibits: list[_JsonRow]
    diagnostics: list[_JsonRow]
    spans: list[_JsonRow]


_Node = TypeVar("_Node")


def _json_rows(
    nodes: Sequence[_Node], fields: Callable[[_Node], tuple[object, ...]]
) -> list[_JsonRow]:
    """One json.j2 row per node: the JSON text of each of ``fields(node)``, then ``last``."""
    last = len(nodes) - 1
    return [(*_json_values(fields(node)), index == last) for index, node in enumerate(nodes)]


# The fields of each array element, in the order json.j2 unpacks them (attrgetter: one C call).
_NOTICE_PERSON = operator.attrgetter("name", "lines", "telephone", "role")
# A reporting person's members come from the row table (cover_columns.JSON_MEMBERS): each one
# value, or an object of several (row 2's boxes: {"a": ..., "b": ...}).
_REPORTING_PERSON = operator.attrgetter(*(path for _, paths in JSON_MEMBERS for path in paths))
_PERSON_MEMBERS = tuple(
    (key, tuple(path.rpartition(".")[2] for path in paths) if len(paths) > 1 else None)
    for key, paths in JSON_MEMBERS
)
_ITEM = operator.attrgetter("number", "title", "text")
_TRANSACTION = operator.attrgetter("date", "shares", "price", "currency", "person", "note", "side")
_SIGNATURE = operator.attrgetter("date", "entity", "signer", "title")
_ANNEX_PERSON = operator.attrgetter("name", "section", "position", "address", "citizenship")
_EXHIBIT = operator.attrgetter("title", "document_type", "text")


def _person_rows(persons: Sequence[ReportingPerson]) -> list[_JsonRow]:
    """One json.j2 row per person: its (key, JSON text) members in order, then ``last``."""
    last = len(persons) - 1
    rows: list[_JsonRow] = []
    for index, person in enumerate(persons):
        values = iter(_json_values(_REPORTING_PERSON(person)))
        members: list[tuple[str, str]] = []
        for key, parts in _PERSON_MEMBERS:
            if parts is None:
                members.append((key, next(values)))
            else:
                inner = ", ".join(f'"{part}": {next(values)}' for part in parts)
                members.append((key, "{" + inner + "}"))
        rows.append((members, index == last))
    return rows


def _diagnostic_fields(diagnostic: Diagnostic) -> tuple[object, ...]:
    span = diagnostic.span
    if span is None:
        return (diagnostic.code, diagnostic.severity, diagnostic.message, None, None)
    return (diagnostic.code, diagnostic.severity, diagnostic.message, span.line, span.column)


def _json_span_rows(filing: Filing) -> list[_JsonRow]:
    """The rows of the ``spans`` object: pointer, line, column, end line, end column, ``last``."""
    # The hottest loop of the document, one row per extracted value (491 rows on a large filing),
    # so it calls the two encoders its types need directly instead of dispatching on every value:
    # pointers are strings (span_pointers builds them) and positions are ints (Span's fields).
    # int.__repr__ writes an int exactly as json_value does and raises TypeError on anything that
    # is not an int (None, a float, a string), so a broken Span fails the render rather than
    # writing a wrong position. Both encoders are C functions.
    string = json.encoder.encode_basestring
    position = int.__repr__
    pointers = span_pointers(filing)
    last = len(pointers) - 1
    return [
        (
            string(pointer),
            position(span.line),
            position(span.column),
            position(span.end_line),
            position(span.end_column),
            index == last,
        )
        for index, (pointer, span) in enumerate(pointers.items())
    ]


def json_document(filing: Filing) -> JsonDocument:
    """The variables of json.j2 for ``filing``: its values as JSON text, arrays as rows."""
    source = filing.source
    last_annex = len(filing.annexes) - 1
    return {
        "schema": json_value(filing.schema),
        "source": {
            "path": json_value(source.path),
            "sha256": json_value(source.sha256),
            "accession_number": json_value(source.accession_number),
            "encoding": json_value(source.encoding),
            "document_type": json_value(source.document_type),
            "format": json_value(source.format),
        },
        "form": json_value(filing.form),
        "amendment_number": json_value(filing.amendment_number),
        "issuer": {
            "name": json_value(filing.issuer.name),
            "cik": json_value(filing.issuer.cik),
        },
        "security": {
            "title": json_value(filing.security.title),
            "cusips": json_value(filing.security.cusips),
        },
        "event_date": json_value(filing.event_date),
        "previously_filed_13g": json_value(filing.previously_filed_13g),
        "rule_designations": json_value(filing.rule_designations),
        "item3_person_types": json_value(filing.item3_person_types),
        "certification": json_value(filing.certification),
        "notice_persons": _json_rows(filing.notice_persons, _NOTICE_PERSON),
        "reporting_persons": _person_rows(filing.reporting_persons),
        "items": _json_rows(filing.items, _ITEM),
        "transactions": _json_rows(filing.transactions, _TRANSACTION),
        "signatures": _json_rows(filing.signatures, _SIGNATURE),
        "annexes": [
            (
                json_value(annex.title),
                _json_rows(annex.persons, _ANNEX_PERSON),
                index == last_annex,
            )
            for index, annex in enumerate(filing.annexes)
        ],
        "exhibits": _json_rows(filing.exhibits, _EXHIBIT),
        "diagnostics": _json_rows(filing.diagnostics, _diagnostic_fields),
        "spans": _json_span_rows(filing),
    }


class _Located(Protocol):
    @property
    def spans(self) -> Mapping[str, Span]: ...


def _add_spans(pointers: dict[str, Span], prefix: str, spans: Mapping[str, Span]) -> None:
    for key, span in spans.items():
        relative = key.strip("/")
        if relative:
            pointers[f"{prefix}/{relative}"] = span


def span_pointers(filing: Filing) -> dict[str, Span]:
    """JSON Pointer of each extracted value -> its span, from every node's ``spans`` mapping.

    A node's keys are field names (or pointers relative to the node, such as
    ``member_of_group/a``); ``Filing.spans`` keys are relative to the document root. Order:
    document order of the nodes, then each mapping's own order, so the output is deterministic.
    """
    pointers: dict[str, Span] = {}
    _add_spans(pointers, "", filing.spans)
    _add_spans(pointers, "/issuer", filing.issuer.spans)
    _add_spans(pointers, "/security", filing.security.spans)
    collections: tuple[tuple[str, Iterable[_Located]], ...] = (
        ("notice_persons", filing.notice_persons),
        ("reporting_persons", filing.reporting_persons),
        ("items", filing.items),
        ("transactions", filing.transactions),
        ("signatures", filing.signatures),
    )
    for name, nodes in collections:
        for index, node in enumerate(nodes):
            _add_spans(pointers, f"/{name}/{index}", node.spans)
    for index, annex in enumerate(filing.annexes):
        _add_spans(pointers, f"/annexes/{index}", annex.spans)
        for person_index, person in enumerate(annex.persons):
            _add_spans(pointers, f"/annexes/{index}/persons/{person_index}", person.spans)
    for index, exhibit in enumerate(filing.exhibits):
        _add_spans(pointers, f"/exhibits/{index}", exhibit.spans)
    return pointers


__all__ = ["JsonDocument", "json_document", "json_number", "json_value", "span_pointers"]
