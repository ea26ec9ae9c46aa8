"""Render stage: ``(Filing, OutputFormat) -> str`` through one strict Jinja environment.

The templates in ``templates/`` write each document's shape; this module supplies the filters that
turn IR values into correctly escaped output, and checks every result before returning it.

JSON (``json.j2``)
    Every value goes through the :func:`json_value` filter, built on :func:`json.dumps` (not
    Jinja's ``|tojson``, which HTML-escapes ``<``, ``>``, ``&`` and ``'``). ``Decimal`` values are
    written as JSON numbers with exactly their own digits (``Decimal("6.41")`` -> ``6.41``), dates
    as ISO strings, enums as their code. Post-check: the output must parse with :func:`json.loads`.

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
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from enum import Enum, StrEnum
from typing import Protocol

import jinja2

from compiler import fixed_width
from compiler.errors import InternalError
from compiler.ir import Filing, Span
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


def _json_number(value: Decimal) -> str:
    if not value.is_finite():
        raise ValueError(f"{value} has no JSON representation")
    # Fixed-point notation keeps the written digits (6.41, 6.410, 5) and is always valid JSON.
    return f"{value:f}"


# The json module's own string encoder (C), without json.dumps's per-call set-up: a filing renders
# tens of thousands of values.
_encode_string = json.encoder.encode_basestring


def json_value(value: object) -> str:
    """One IR value as JSON text: scalars, enums, Decimals, dates, and tuples/lists of them."""
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, str):
        return str(_encode_string(value))
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return _json_number(value)
    if isinstance(value, dt.date):
        return json.dumps(value.isoformat())
    if isinstance(value, list | tuple):
        return "[" + ", ".join(json_value(item) for item in value) + "]"
    # Floats included: the IR keeps exact Decimals, a float here would be a lowering bug.
    raise TypeError(f"no JSON rendering for {type(value).__name__}: {value!r}")


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
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Enum):
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


def csv_row(values: Iterable[object], neutralize: bool) -> str:
    """One CSV record, terminator included, quoted by the csv module (RFC 4180)."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(
        csv_cell(value, neutralize) for value in values
    )
    return buffer.getvalue()


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
        json=json_value,
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
        span_pointers=span_pointers,
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
        text = template.render(filing=filing, table=table.value, neutralize=neutralize)
    except (jinja2.TemplateError, TypeError, ValueError) as exc:
        raise InternalError(
            f"rendering {fmt} failed: {type(exc).__name__}: {exc}", path=filing.source.path
        ) from exc
    if fmt is OutputFormat.JSON:
        _check_json(text, filing)
    elif fmt is OutputFormat.CSV:
        _check_csv(text, filing, table)
    else:
        # Sections end with a blank line for the next <PAGE>; the document itself does not.
        text = text.rstrip("\n") + "\n"
        _check_text(text, filing)
    return text


__all__ = ["CsvTable", "OutputFormat", "render", "span_pointers"]
