"""JSON values and documents: IR values written as JSON text, and the variables of ``json.j2``.

:func:`json_value` writes one IR value with the :mod:`json` module's encoders (``Decimal`` values as
JSON numbers with exactly their own digits, dates as ISO strings, enums as their code), and
:func:`json_document` writes every value of a filing, arrays as rows made while the template lays
them out; :func:`span_pointers` gives the JSON Pointer of each extracted value with its span. The
render stage (:mod:`compiler.backends.render`) runs the template and checks its output.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import json
import operator
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from enum import Enum
from typing import Any, Generic, Protocol, TypedDict, TypeVar

from compiler.backends.cover_columns import JSON_MEMBERS
from compiler.backends.json_spans import SpanRows, span_pointers
from compiler.ir import Diagnostic, Filing, ReportingPerson

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
        # Each member's JSON written once: a C dict lookup per value, where the enum's ``value``
        # (a descriptor) and the encoder cost a few Python calls for every transaction's side.
        encoder = {member: _json_enum(member) for member in kind}.__getitem__
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


def _json_values(
    values: Iterable[object], encoders: dict[type, _JsonEncoder] = _ENCODERS
) -> list[str]:
    """:func:`json_value` of each value, inlined: this loop runs for every value of a filing."""
    return [(encoders.get(type(value)) or _encoder_for(type(value)))(value) for value in values]


def _document_encoders() -> dict[type, _JsonEncoder]:
    """The encoders of one document, the text of each string and int kept for the document's
    length (a C cache: lru_cache keys a lone str or int argument by itself, no tuple made).

    A long filing repeats few values (dates, prices' currency, the empty strings, row numbers,
    line numbers of spans), and a chunk of the template's output (see Chunks) holds every
    value's text until it is joined: one text per distinct value costs less of both memory and
    time. Only str, int and date: their JSON text is a function of their
    value, where two equal Decimals (5.0, 5.00) or floats (0.0, -0.0) are written differently.
    The ints' cache is bounded: a span's line number repeats in the few spans of its row and
    never again, and one text kept for each of a long table's lines outweighed its chunk."""
    encoders = dict(_ENCODERS)
    encoders[str] = functools.lru_cache(maxsize=None)(json.encoder.encode_basestring)
    encoders[int] = functools.lru_cache(maxsize=256)(int.__repr__)
    encoders[dt.date] = functools.lru_cache(maxsize=None)(_json_date)
    return encoders


# One element of an array, as json.j2 unpacks it: the JSON text of each field, then ``last``.
_JsonRow = tuple[object, ...]


class Rows(Protocol):
    """An array's rows, as json.j2 reads them: whether there are any, and one pass over them."""

    def __len__(self) -> int: ...

    def __iter__(self) -> Iterator[_JsonRow]: ...


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
    notice_persons: Chunks
    reporting_persons: Chunks
    items: Chunks
    transactions: Chunks
    signatures: Chunks
    annexes: list[tuple[str, Chunks, str, bool]]  # title, persons, text, last
    exhibits: Chunks
    diagnostics: Chunks
    spans: Chunks


_Node = TypeVar("_Node")


class JsonRows(Generic[_Node]):
    """One json.j2 row per node: the JSON text of each of ``fields(node)``, then ``last``.

    The rows are made as the template iterates over them, each dropped once laid out, rather
    than all held while the template runs: on a long filing (tens of thousands of transactions
    and their spans) the held rows were more memory than the output text itself."""

    __slots__ = ("_encoders", "_fields", "_nodes")

    def __init__(
        self,
        nodes: Sequence[_Node],
        fields: Callable[[_Node], tuple[object, ...]],
        encoders: dict[type, _JsonEncoder],
    ) -> None:
        self._nodes = nodes
        self._fields = fields
        self._encoders = encoders

    def __len__(self) -> int:
        return len(self._nodes)

    def release(self) -> None:
        """Let go of the nodes (see :func:`release_rows`)."""
        self._nodes = ()

    def __iter__(self) -> Iterator[_JsonRow]:
        fields, encoders = self._fields, self._encoders
        last = len(self._nodes) - 1
        for index, node in enumerate(self._nodes):
            yield (*_json_values(fields(node), encoders), index == last)


# Rows laid out by one call of their json.j2 macro: its pieces are held until it returns, so
# the render holds at most this many rows' pieces at once.
_CHUNK_ROWS = 512


class Chunks:
    """An array's rows in lists of at most _CHUNK_ROWS, as json.j2 lays them out (see there)."""

    __slots__ = ("rows",)

    def __init__(self, rows: Rows) -> None:
        self.rows = rows

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[list[_JsonRow]]:
        rows = iter(self.rows)
        while chunk := list(itertools.islice(rows, _CHUNK_ROWS)):
            yield chunk


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


def _person_rows(
    persons: Sequence[ReportingPerson], encoders: dict[type, _JsonEncoder]
) -> list[_JsonRow]:
    """One json.j2 row per person: its (key, JSON text) members in order, then ``last``."""
    last = len(persons) - 1
    rows: list[_JsonRow] = []
    for index, person in enumerate(persons):
        values = iter(_json_values(_REPORTING_PERSON(person), encoders))
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


def json_document(filing: Filing) -> JsonDocument:
    """The variables of json.j2 for ``filing``: its values as JSON text, arrays as rows."""
    source = filing.source
    encoders = _document_encoders()
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
        "notice_persons": Chunks(JsonRows(filing.notice_persons, _NOTICE_PERSON, encoders)),
        "reporting_persons": Chunks(_person_rows(filing.reporting_persons, encoders)),
        "items": Chunks(JsonRows(filing.items, _ITEM, encoders)),
        "transactions": Chunks(JsonRows(filing.transactions, _TRANSACTION, encoders)),
        "signatures": Chunks(JsonRows(filing.signatures, _SIGNATURE, encoders)),
        "annexes": [
            (
                json_value(annex.title),
                Chunks(JsonRows(annex.persons, _ANNEX_PERSON, encoders)),
                # The annex's words that are no person's (its introduction, its section
                # headings), or all of it when no person was read: kept, never dropped.
                json_value(annex.text),
                index == last_annex,
            )
            for index, annex in enumerate(filing.annexes)
        ],
        "exhibits": Chunks(JsonRows(filing.exhibits, _EXHIBIT, encoders)),
        "diagnostics": Chunks(JsonRows(filing.diagnostics, _diagnostic_fields, encoders)),
        "spans": Chunks(SpanRows(filing, encoders[int])),
    }


def release_rows(document: JsonDocument) -> None:
    """Make the document's rows let go of the filing's nodes once the template has laid them out.
    Jinja's context for a template with a macro is a reference cycle (the macro's closure and the
    context refer to each other), and the context holds the variables: without this, the rows
    kept the whole filing alive until the cycle collector ran, so that a batch's or a loop's
    filings piled up in memory (and in every full collection) instead of going as they were
    written."""
    for rows in (
        document["notice_persons"],
        document["items"],
        document["transactions"],
        document["signatures"],
        document["exhibits"],
        document["diagnostics"],
        document["spans"],
        *(persons for _, persons, _, _ in document["annexes"]),
    ):
        if isinstance(rows.rows, JsonRows | SpanRows):
            rows.rows.release()


__all__ = [
    "Chunks",
    "JsonDocument",
    "json_document",
    "json_number",
    "json_value",
    "release_rows",
    "span_pointers",
]
