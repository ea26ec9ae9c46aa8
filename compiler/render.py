"""Render stage: ``(Filing, OutputFormat) -> str`` through one strict Jinja environment.

The templates in ``templates/`` write each document's shape; this module supplies the filters that
turn IR values into correctly escaped output, and checks every result before returning it.

JSON (``json.j2``)
    Every value is written by :func:`json_value`, built on the :mod:`json` module's encoders (not
    Jinja's ``|tojson``, which HTML-escapes ``<``, ``>``, ``&`` and ``'``). ``Decimal`` values are
    written as JSON numbers with exactly their own digits (``Decimal("6.41")`` -> ``6.41``), dates
    as ISO strings, enums as their code. :func:`json_document` writes them all before the template
    runs, and the template lays them out. Post-check: the output must parse with
    :func:`json.loads`, checked once per layout of the document (see ``_render_json``).

CSV (``csv.j2``, one table per call)
    Each row goes through the :func:`csv_row` filter, built on the :mod:`csv` module: RFC 4180
    quoting, ``\\r\\n`` line terminators, a header row; the caller writes the string as UTF-8.
    Booleans are ``true``/``false``; "not reported" is an empty cell. Post-check: the output
    parses back with :mod:`csv` into exactly one row per record plus the header, all as wide as
    the header.

    Formula neutralization (OWASP "CSV injection"): a spreadsheet opening the file executes a
    cell that starts with ``=``, ``+``, ``-`` or ``@`` (and some treat a leading tab or carriage
    return the same way). With ``neutralize=True`` (the default) every *text* cell starting with
    one of those characters gets a leading single quote (``'=cmd`` instead of ``=cmd``), which
    spreadsheets display as text. Numeric cells (share counts, percentages, prices, dates) are
    never altered, so a negative number stays a number. ``neutralize=False`` writes the text
    exactly as extracted, for programs that read the CSV as data.

TEXT (``text.j2``)
    The normalized filing in one canonical 80-column layout, which the 13dc parser compiles back
    to the same IR. Layout arithmetic lives in :mod:`compiler.fixed_width`. Post-check: ends with
    one newline, no trailing spaces.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import json
import operator
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from enum import Enum, StrEnum
from typing import Any, Protocol, TypedDict, TypeVar

import jinja2

from compiler import fixed_width
from compiler.errors import InternalError
from compiler.ir import Diagnostic, Filing, Span
from compiler.resources import resource_dir


class OutputFormat(StrEnum):
    JSON = "json"
    CSV = "csv"
    TEXT = "text"
    # The input itself, rebuilt from the parse tree (compiler.reconstruct): not a rendering of
    # the IR, which does not hold the layout; render() refuses it.
    SOURCE = "source"


class CsvTable(StrEnum):
    PERSONS = "persons"
    TRANSACTIONS = "transactions"
    ANNEX = "annex"
    ITEMS = "items"
    DIAGNOSTICS = "diagnostics"


_TEMPLATES = {
    OutputFormat.JSON: "json.j2",
    OutputFormat.CSV: "csv.j2",
    OutputFormat.TEXT: "text.j2",
}

# Leading characters a spreadsheet may evaluate as a formula (OWASP CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


# --- JSON ---------------------------------------------------------------------------------------
#
# json.j2 receives the filing with every value already JSON text (json_document): per value, the
# template then costs one local variable, where a filter call and a Jinja attribute lookup per value
# used to cost about 1 ms per filing. The encoders are chosen once per Python type (exact type, so a
# lookup is one dict access) and are C functions where the json module or a dict provides one.


def _json_number(value: Decimal) -> str:
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
        encoder = _json_number
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
_REPORTING_PERSON = operator.attrgetter(
    "name",
    "identification_number",
    "member_of_group.a",
    "member_of_group.b",
    "source_of_funds",
    "legal_proceedings",
    "citizenship",
    "sole_voting_power",
    "shared_voting_power",
    "sole_dispositive_power",
    "shared_dispositive_power",
    "aggregate_amount",
    "excludes_certain_shares",
    "percent_of_class",
    "type_of_reporting_person",
    "footnotes",
)
_ITEM = operator.attrgetter("number", "title", "text")
_TRANSACTION = operator.attrgetter("date", "shares", "price", "currency", "person", "note")
_SIGNATURE = operator.attrgetter("date", "entity", "signer", "title")
_ANNEX_PERSON = operator.attrgetter("name", "section", "position", "address", "citizenship")
_EXHIBIT = operator.attrgetter("title", "document_type", "text")


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
        },
        "form": json_value(filing.form),
        "amendment_number": json_value(filing.amendment_number),
        "issuer": {"name": json_value(filing.issuer.name)},
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
        "reporting_persons": _json_rows(filing.reporting_persons, _REPORTING_PERSON),
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


# --- CSV ----------------------------------------------------------------------------------------


def csv_cell(value: object, neutralize: bool) -> str:
    """One cell: numbers and dates as written, text neutralized against formula injection."""
    # Plain text first: most cells are text, and a str is none of the types below.
    if type(value) is str:
        text = value
    elif value is None:
        return ""
    elif isinstance(value, bool):
        return "true" if value else "false"
    elif isinstance(value, Enum):
        text = str(value.value)
    elif isinstance(value, int):
        return str(value)
    elif isinstance(value, Decimal):
        return _json_number(value)
    elif isinstance(value, dt.date):
        return value.isoformat()
    elif isinstance(value, str):
        text = value
    else:
        raise TypeError(f"no CSV rendering for {type(value).__name__}: {value!r}")
    if neutralize and text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


class _Echo:
    """A file for csv.writer whose ``write`` hands the line back: ``writerow`` returns what
    ``write`` returns, so one writer formats every row with no buffer to create and read back."""

    def write(self, line: str) -> str:
        return line


# The writer keeps no state between rows (quoting and terminator are fixed), so one is enough.
_CSV_WRITER = csv.writer(_Echo(), lineterminator="\r\n")


def csv_row(values: Iterable[object], neutralize: bool) -> str:
    """One CSV record, terminator included, quoted by the csv module (RFC 4180)."""
    line: str = _CSV_WRITER.writerow([csv_cell(value, neutralize) for value in values])
    return line


def _csv_record_count(filing: Filing, table: CsvTable) -> int:
    counts: dict[CsvTable, Callable[[], int]] = {
        CsvTable.PERSONS: lambda: len(filing.reporting_persons),
        CsvTable.TRANSACTIONS: lambda: len(filing.transactions),
        CsvTable.ANNEX: lambda: sum(len(annex.persons) for annex in filing.annexes),
        CsvTable.ITEMS: lambda: len(filing.items),
        CsvTable.DIAGNOSTICS: lambda: len(filing.diagnostics),
    }
    return counts[table]()


# --- environment and post-checks ----------------------------------------------------------------


@functools.cache
def environment() -> jinja2.Environment:
    """The one Jinja environment of the render stage, built on first use."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(resource_dir("templates")),
        undefined=jinja2.StrictUndefined,
        # Text formats only: every value is escaped by its format's own filter.
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.filters.update(
        csv_row=csv_row,
        wrap=fixed_width.wrap,
        verbatim=fixed_width.verbatim,
        centered=fixed_width.center,
        right=fixed_width.right,
        right_column=fixed_width.right_column,
        box=fixed_width.box,
        shares=fixed_width.shares,
        percent=fixed_width.percent,
        long_date=fixed_width.long_date,
        transaction_table=fixed_width.transaction_table,
        prose=fixed_width.prose,
        split_paragraphs=fixed_width.split_paragraphs,
        table_position=fixed_width.table_position,
    )
    env.globals.update(
        running_header=fixed_width.running_header,
        item_heading=fixed_width.item_heading,
        is_exhibit_heading=fixed_width.is_exhibit_heading,
    )
    return env


def _check_json(text: str, filing: Filing) -> None:
    try:
        json.loads(text)
    except ValueError as exc:
        raise InternalError(
            f"the JSON backend produced invalid JSON: {exc}", path=filing.source.path
        ) from exc


# The JSON layouts (see _json_layout) whose output this process has parsed.
_PARSED_JSON_LAYOUTS: set[tuple[tuple[int, ...], frozenset[int]]] = set()


def _json_layout(document: JsonDocument) -> tuple[tuple[int, ...], frozenset[int]]:
    """What json.j2's punctuation depends on: how many elements (0, 1, more) each array has."""
    arrays = (
        document["notice_persons"],
        document["reporting_persons"],
        document["items"],
        document["transactions"],
        document["signatures"],
        document["annexes"],
        document["exhibits"],
        document["diagnostics"],
        document["spans"],
    )
    # Every annex is laid out by the same loop body, so the set of its variants is enough.
    annex_persons = frozenset(min(len(persons), 2) for _, persons, _ in document["annexes"])
    return tuple(min(len(rows), 2) for rows in arrays), annex_persons


def _render_json(template: jinja2.Template, filing: Filing) -> str:
    document = json_document(filing)
    text = template.render(document)
    # Post-check, once per layout. Every value in the text was written by the json module's
    # encoders or as a plain int or fixed-point number (json_value), so whether the text parses is
    # up to json.j2's punctuation around the values, which is the same for two filings with the
    # same _json_layout. Parsing the first text of each layout keeps the check on every layout this
    # process writes, without paying for json.loads on every filing (it cost 0.16 ms on the seed,
    # more than the rest of the rendering): a batch meets a few dozen layouts in all.
    layout = _json_layout(document)
    if layout not in _PARSED_JSON_LAYOUTS:
        _check_json(text, filing)
        _PARSED_JSON_LAYOUTS.add(layout)
    return text


def _check_csv(text: str, filing: Filing, table: CsvTable) -> None:
    rows = list(csv.reader(io.StringIO(text, newline="")))
    expected = _csv_record_count(filing, table) + 1
    if len(rows) != expected or not text.endswith("\r\n"):
        raise InternalError(
            f"the CSV backend wrote {len(rows)} rows for table {table}, expected {expected}",
            path=filing.source.path,
        )
    widths = {len(row) for row in rows}
    if len(widths) != 1:
        raise InternalError(
            f"the CSV backend wrote rows of different widths {sorted(widths)} for table {table}",
            path=filing.source.path,
        )


def _check_text(text: str, filing: Filing) -> None:
    if not text.endswith("\n") or text.endswith("\n\n"):
        raise InternalError(
            "the text backend must end with exactly one newline", path=filing.source.path
        )
    for number, line in enumerate(text.split("\n"), start=1):
        if line != line.rstrip():
            raise InternalError(
                f"the text backend wrote trailing spaces on line {number}",
                path=filing.source.path,
            )


def render(
    filing: Filing,
    fmt: OutputFormat,
    *,
    table: CsvTable = CsvTable.PERSONS,
    neutralize: bool = True,
) -> str:
    """The filing in format ``fmt`` (``table`` and ``neutralize`` apply to CSV only).

    Raises :class:`InternalError` if a template fails or its output fails the format's post-check,
    and ValueError for ``OutputFormat.SOURCE`` (see :mod:`compiler.reconstruct`).
    """
    fmt = OutputFormat(fmt)  # also accepts the plain strings of the CLI
    table = CsvTable(table)
    if fmt is OutputFormat.SOURCE:
        raise ValueError(
            "the source is rebuilt from the parse tree, not the IR: use compiler.reconstruct"
        )
    try:
        template = environment().get_template(_TEMPLATES[fmt])
        if fmt is OutputFormat.JSON:
            # Rendered and checked in one step: the check needs the document behind the text.
            return _render_json(template, filing)
        text = template.render(filing=filing, table=table.value, neutralize=neutralize)
    except (jinja2.TemplateError, TypeError, ValueError) as exc:
        raise InternalError(
            f"rendering {fmt} failed: {type(exc).__name__}: {exc}", path=filing.source.path
        ) from exc
    if fmt is OutputFormat.CSV:
        _check_csv(text, filing, table)
    else:
        # Sections end with a blank line for the next <PAGE>; the document itself does not.
        text = text.rstrip("\n") + "\n"
        _check_text(text, filing)
    return text


__all__ = ["CsvTable", "OutputFormat", "render", "span_pointers"]
