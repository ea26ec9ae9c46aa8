"""Render stage: ``(Filing, OutputFormat) -> str`` through one strict Jinja environment.

The templates in ``templates/`` write each document's shape; this module supplies the filters that
turn IR values into correctly escaped output, and checks every result before returning it.

JSON (``json.j2``)
    Every value is written by :func:`json_value` (in :mod:`compiler.backends.render_json`), built
    on the
    :mod:`json` module's encoders (not Jinja's ``|tojson``, which HTML-escapes ``<``, ``>``, ``&``
    and ``'``). ``Decimal`` values are written as JSON numbers with exactly their own digits
    (``Decimal("6.41")`` -> ``6.41``), dates as ISO strings, enums as their code.
    :func:`json_document` writes the single values before the template runs and each array's
    rows as the template reads them, and the template lays them out. Post-check: the output must
    parse with :func:`json.loads`, checked once per layout of the document (see
    ``_render_json``).

CSV (``csv.j2``, one table per call)
    The tables are the database's (:mod:`compiler.backends.tables`, see :func:`csv_table`). Each
    row goes through the :func:`csv_row` filter, built on the :mod:`csv` module: RFC 4180
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
    to the same IR. Layout arithmetic lives in :mod:`compiler.backends.fixed_width`. Post-check:
    ends with
    one newline, no trailing spaces.

HTML (``--to html``) is not rendered here: the page shows the filing's lines, which the IR does not
hold; see :mod:`compiler.backends.html_view`.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import functools
import io
import json
from collections.abc import Iterable, Iterator
from decimal import Decimal
from enum import Enum, StrEnum
from typing import TYPE_CHECKING, TypedDict

import jinja2

from compiler.backends import fixed_width
from compiler.backends.render_json import (
    JsonDocument,
    json_document,
    json_number,
    json_value,
    release_rows,
    span_pointers,
)
from compiler.errors import InternalError
from compiler.ir import Filing

if TYPE_CHECKING:
    from compiler.backends.tables import Row
from compiler.resources import resource_dir


class OutputFormat(StrEnum):
    JSON = "json"
    CSV = "csv"
    TEXT = "text"
    # The input itself, rebuilt from the parse tree (compiler.backends.reconstruct): not a
    # rendering of
    # the IR, which does not hold the layout; render() refuses it.
    SOURCE = "source"
    # A page of its own (compiler.backends.html_view): it shows the filing's lines, which the IR
    # does not hold; render() refuses it.
    HTML = "html"
    # EDGAR's Schedule 13D/13G XML (compiler.backends.sec_xml), for a filing of any era.
    SEC_XML = "sec-xml"


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
        return json_number(value)
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


# The database table (compiler.backends.tables) behind each --table, so that a single filing's CSV
# and a batch's CSV of the same table have the same header and load into the same place.
CSV_TABLES = {
    CsvTable.PERSONS: "reporting_persons",
    CsvTable.TRANSACTIONS: "transactions",
    CsvTable.ANNEX: "annex_persons",
    CsvTable.ITEMS: "items",
    CsvTable.DIAGNOSTICS: "diagnostics",
}
# The single-filing persons table also says whose filing it is, after the database's columns
# (named as in the database's filings table).
PERSONS_EXTRA = ("source_file", "form", "amendment_number", "issuer_name", "cusip", "event_date")


def csv_table(filing: Filing, table: CsvTable) -> tuple[tuple[str, ...], list[Row]]:
    """The header and rows of one table of ``filing``: the database's columns, and for persons
    :data:`PERSONS_EXTRA` after them."""
    from compiler import __version__
    from compiler.backends.tables import TABLES, filing_rows

    name = CSV_TABLES[table]
    rows = filing_rows(filing, __version__)
    header = next(t for t in TABLES if t.name == name).column_names
    if table is not CsvTable.PERSONS:
        return header, rows[name]
    index = {column: i for i, column in enumerate(TABLES[0].column_names)}
    (filing_row,) = rows["filings"]
    extra = tuple(filing_row[index[column]] for column in PERSONS_EXTRA)
    return header + PERSONS_EXTRA, [row + extra for row in rows[name]]


# --- environment and post-checks ----------------------------------------------------------------


# The options the templates are compiled with: part of the key of the compiled templates kept on
# disk, since Jinja's own key is the template's name and source only.
class _Options(TypedDict):
    autoescape: bool
    keep_trailing_newline: bool
    trim_blocks: bool
    lstrip_blocks: bool


_OPTIONS = _Options(
    autoescape=False,  # text formats only: every value is escaped by its format's own filter
    keep_trailing_newline=True,
    trim_blocks=True,
    lstrip_blocks=True,
)


def template_cache() -> jinja2.BytecodeCache | None:
    """The compiled templates, kept in the user's cache directory beside the parser (compiling
    them took about 30 ms of every process that renders); Jinja checks each file against its
    template's source and this Python. None when the directory cannot be written."""
    import hashlib
    import os

    from platformdirs import user_cache_dir

    directory = os.path.join(user_cache_dir("13dc", appauthor=False), "templates")
    try:
        os.makedirs(directory, exist_ok=True)
    except OSError:
        return None
    if not os.access(directory, os.W_OK | os.X_OK):
        return None
    options = f"{jinja2.__version__} {sorted(_OPTIONS.items())}"
    key = hashlib.sha256(options.encode()).hexdigest()[:16]
    return jinja2.FileSystemBytecodeCache(directory, f"{key}-%s.cache")


@functools.cache
def environment() -> jinja2.Environment:
    """The one Jinja environment of the render stage, built on first use."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(resource_dir("templates")),
        undefined=jinja2.StrictUndefined,
        auto_reload=False,
        bytecode_cache=template_cache(),
        **_OPTIONS,
    )
    env.filters.update(
        csv_row=csv_row,
        wrap=fixed_width.wrap,
        verbatim=fixed_width.verbatim,
        centered=fixed_width.center,
        centered_line=fixed_width.centered_line,
        right=fixed_width.right,
        right_column=fixed_width.right_column,
        labelled=fixed_width.labelled,
        signature_block=fixed_width.signature_block,
        box=fixed_width.box,
        shares=fixed_width.shares,
        percent=fixed_width.percent,
        long_date=fixed_width.long_date,
        transaction_table=fixed_width.transaction_table,
        prose=fixed_width.prose,
        value=fixed_width.value,
        text_line=fixed_width.text_line,
        split_paragraphs=fixed_width.split_paragraphs,
        table_position=fixed_width.table_position,
    )
    env.globals.update(
        running_header=fixed_width.running_header,
        signature_column=fixed_width.signature_column,
        cover_rows=fixed_width.cover_rows,
        item_heading=fixed_width.item_heading,
        repeat_at=fixed_width.repeat_at,
        prose_after_persons=fixed_width.prose_after_persons,
        is_exhibit_heading=fixed_width.is_exhibit_heading,
        is_telephone_line=fixed_width.is_telephone_line,
        written_unwrapped=fixed_width.written_unwrapped,
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
    annex_persons = frozenset(min(len(persons), 2) for _, persons, _, _ in document["annexes"])
    return tuple(min(len(rows), 2) for rows in arrays), annex_persons


def _joined(pieces: Iterator[str]) -> str:
    """The pieces as one text, each added as it comes. CPython extends a str that nothing else
    refers to in place, so the text is never held twice, where ``"".join`` holds every piece and
    then the text joined from them: twice the output, the peak of a long filing's render."""
    text = ""
    for piece in pieces:
        text += piece
    return text


def _render_json(template: jinja2.Template, filing: Filing) -> str:
    document = json_document(filing)
    try:
        text = _joined(template.generate(document))
        layout = _json_layout(document)
    finally:
        release_rows(document)
    # Post-check, once per layout. Every value in the text was written by the json module's
    # encoders or as a plain int or fixed-point number (json_value), so whether the text parses is
    # up to json.j2's punctuation around the values, which is the same for two filings with the
    # same _json_layout. Parsing the first text of each layout keeps the check on every layout this
    # process writes, without paying for json.loads on every filing (it cost 0.16 ms on the seed,
    # more than the rest of the rendering): a batch meets a few dozen layouts in all.
    if layout not in _PARSED_JSON_LAYOUTS:
        _check_json(_layout_sample(template, filing, layout, text), filing)
        _PARSED_JSON_LAYOUTS.add(layout)
    return text


# Above this many characters, the layout is checked on a shorter text of the same layout.
_SAMPLE_ABOVE = 1_000_000


def _layout_sample(
    template: jinja2.Template,
    filing: Filing,
    layout: tuple[tuple[int, ...], frozenset[int]],
    text: str,
) -> str:
    """A text of ``text``'s layout to parse: ``text`` itself when it is short; else the filing's
    JSON with each array cut to its first two elements, when that has the same layout. (Parsing
    a long filing's whole text built every value of it as a Python object: several times the
    memory of the rest of the compile.)"""
    if len(text) <= _SAMPLE_ABOVE:
        return text
    short = dataclasses.replace(
        filing,
        notice_persons=filing.notice_persons[:2],
        reporting_persons=filing.reporting_persons[:2],
        items=filing.items[:2],
        transactions=filing.transactions[:2],
        signatures=filing.signatures[:2],
        annexes=tuple(
            dataclasses.replace(annex, persons=annex.persons[:2]) for annex in filing.annexes
        ),
        exhibits=filing.exhibits[:2],
        diagnostics=filing.diagnostics[:2],
    )
    document = json_document(short)
    try:
        sample = _joined(template.generate(document))
        same = _json_layout(document) == layout
    finally:
        release_rows(document)
    return sample if same else text


def _check_csv(text: str, filing: Filing, table: CsvTable, records: int) -> None:
    rows = list(csv.reader(io.StringIO(text, newline="")))
    expected = records + 1
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
    and ValueError for ``OutputFormat.SOURCE`` (see :mod:`compiler.backends.reconstruct`).
    """
    fmt = OutputFormat(fmt)  # also accepts the plain strings of the CLI
    table = CsvTable(table)
    if fmt is OutputFormat.SOURCE:
        raise ValueError(
            "the source is rebuilt from the parse tree, not the IR: "
            "use compiler.backends.reconstruct"
        )
    if fmt is OutputFormat.HTML:
        raise ValueError("the page shows the filing's lines: use compiler.backends.html_view")
    if fmt is OutputFormat.SEC_XML:
        from compiler.backends.sec_xml import render_sec_xml

        return render_sec_xml(filing)
    try:
        template = environment().get_template(_TEMPLATES[fmt])
        if fmt is OutputFormat.JSON:
            # Rendered and checked in one step: the check needs the document behind the text.
            return _render_json(template, filing)
        records = 0
        if fmt is OutputFormat.CSV:
            header, rows = csv_table(filing, table)
            records = len(rows)
            text = template.render(header=header, rows=rows, neutralize=neutralize)
        else:
            text = template.render(filing=filing)
    except (jinja2.TemplateError, TypeError, ValueError) as exc:
        raise InternalError(
            f"rendering {fmt} failed: {type(exc).__name__}: {exc}", path=filing.source.path
        ) from exc
    if fmt is OutputFormat.CSV:
        _check_csv(text, filing, table, records)
    else:
        # Sections end with a blank line for the next <PAGE>; the document itself does not.
        text = text.rstrip("\n") + "\n"
        _check_text(text, filing)
    return text


# json_value and span_pointers: re-exported from compiler.backends.render_json.
__all__ = ["CsvTable", "OutputFormat", "csv_table", "json_value", "render", "span_pointers"]
