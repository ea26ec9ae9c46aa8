"""A compiled filing as rows of six normalized tables: the one definition of the columns.

The batch backends share it: ``--to csv`` (one CSV file per table), ``--to duckdb`` and
``--to parquet`` (the same tables, typed). Every table has ``filing_key``, which joins it to
``filings``: the EDGAR accession number where the filing has one, else the SHA-256 of the file.
Child rows are numbered from 1 within their filing (``person_index``, ``tx_index``...), so
``(filing_key, <index>)`` identifies a row.

A filing that could not be compiled still gets a ``filings`` row (``status = 'failed'``) and one
``diagnostics`` row saying why, so that a batch accounts for every input.

Values are Python scalars (``str``, ``int``, ``bool``, ``Decimal``, ``datetime.date``, ``None``);
:func:`compiler.batch.staging.encode_staging_row` writes them in the exact CSV dialect the
database loader reads (``compiler.batch.database``), and the user-facing CSV goes through
:func:`compiler.backends.render.csv_row`.
A value the column type cannot hold (a percent of 10^5 or more, a share count beyond BIGINT) is
left NULL and reported by a ``VALUE-OUT-OF-RANGE`` row in ``diagnostics``, never truncated.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from enum import StrEnum

from compiler.backends.cover_columns import COLUMNS as COVER_COLUMNS

# The cells' types and the SQL types of the numbers are the cover columns' own.
from compiler.backends.cover_columns import PERCENT, SHARES, Value, cover_values
from compiler.ir import (
    Code,
    Diagnostic,
    Filing,
    ReportingPerson,
    Severity,
    Span,
    TradeSide,
    Transaction,
)

Row = tuple[Value, ...]


class Status(StrEnum):
    """What became of one input file (``filings.status``)."""

    COMPILED = "compiled"  # compiled, no diagnostic of severity error
    COMPILED_WITH_ERRORS = "compiled_with_errors"
    FAILED = "failed"  # could not be compiled at all: see its diagnostics row


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    sql_type: str
    doc: str


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    doc: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]  # the columns that identify a row

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)


def _c(name: str, sql_type: str, doc: str) -> Column:
    return Column(name, sql_type, doc)


# Where an XML-era filing's header (kept in source.header by path) gives the filer's CIK.
XML_FILER_CIK = "headerData/filerInfo/filer/filerCredentials/cik"
FILING_KEY = _c("filing_key", "VARCHAR NOT NULL", "accession number, else the file's SHA-256")
PARENT_KEY = _c("filing_key", "VARCHAR NOT NULL", "joins filings.filing_key")
PRICE = "DECIMAL(18,6)"

FILINGS = Table(
    "filings",
    "one row per input file",
    (
        FILING_KEY,
        _c("accession_number", "VARCHAR", "EDGAR accession number, e.g. 0000950123-03-014012"),
        _c("sha256", "VARCHAR", "SHA-256 of the file's bytes (hex); NULL if unreadable"),
        _c("source_file", "VARCHAR", "the path as given to 13dc"),
        _c("status", "VARCHAR NOT NULL", "compiled | compiled_with_errors | failed"),
        _c("form", "VARCHAR", "SC 13D, SC 13D/A, SC 13G or SC 13G/A"),
        _c("amendment_number", "INTEGER", "Amendment No. N; NULL for an original filing"),
        _c("issuer_name", "VARCHAR", "name of issuer, from the title page"),
        _c("issuer_cik", "VARCHAR", "subject company CIK: EDGAR header, else the XML's issuerCIK"),
        _c("filer_name", "VARCHAR", "filed-by company name, from the EDGAR header"),
        _c("filer_cik", "VARCHAR", "filed-by CIK: EDGAR header, else the XML's filer cik"),
        _c("security_title", "VARCHAR", "title of class of securities"),
        _c("cusip", "VARCHAR", "the first CUSIP of the title page"),
        _c("cusips", "VARCHAR", "every CUSIP of the title page, space-separated"),
        _c("event_date", "DATE", "date of the event which requires filing"),
        _c("filed_date", "DATE", "FILED AS OF DATE, from the EDGAR header"),
        _c("previously_filed_13g", "BOOLEAN", "the 13G box of a 13D; NULL for a 13G"),
        _c("rule_designations", "VARCHAR", "13G rule boxes checked, ';'-separated"),
        _c("reporting_person_count", "INTEGER", "cover pages"),
        _c("transaction_count", "INTEGER", "Item 5(c) rows"),
        _c("error_count", "INTEGER", "diagnostics of severity error"),
        _c("warning_count", "INTEGER", "diagnostics of severity warning"),
        _c("encoding", "VARCHAR", "the encoding the file was decoded with"),
        _c("document_type", "VARCHAR", "<TYPE> of the chosen EDGAR document"),
        _c("source_format", "VARCHAR", "text | html | xml (EDGAR's Schedule 13D/13G XML)"),
        _c("compiler_version", "VARCHAR NOT NULL", "the 13dc version that wrote the row"),
    ),
    ("filing_key",),
)

REPORTING_PERSONS = Table(
    "reporting_persons",
    "one row per cover page (the 14 rows of Schedule 13D)",
    (
        PARENT_KEY,
        _c("person_index", "INTEGER NOT NULL", "1, 2, ... in cover-page order"),
        # The cover rows' columns, in the form's order (compiler/schema.py).
        *(_c(name, sql_type, doc) for name, sql_type, doc, _ in COVER_COLUMNS),
        _c("footnotes", "VARCHAR", "cover-page footnotes, ' | '-separated"),
        _c("cover_cusips", "VARCHAR", "CUSIP written on this cover page, space-separated"),
        _c("line", "INTEGER", "line of the name in the original file"),
    ),
    ("filing_key", "person_index"),
)

TRANSACTIONS = Table(
    "transactions",
    "one row per Item 5(c) transaction",
    (
        PARENT_KEY,
        _c("tx_index", "INTEGER NOT NULL", "1, 2, ... in document order"),
        _c("date", "DATE", "trade date"),
        _c("person", "VARCHAR", "who traded, when the row names them"),
        _c("nature", "VARCHAR", "sale | purchase | other, from the row's own words; else NULL"),
        _c("shares", SHARES, "number of shares"),
        _c("price", PRICE, "price per share"),
        _c("currency", "VARCHAR", "ISO currency of the price"),
        _c("note", "VARCHAR", "the row's other words"),
        _c("line", "INTEGER", "line of the row in the original file"),
    ),
    ("filing_key", "tx_index"),
)

ANNEX_PERSONS = Table(
    "annex_persons",
    "one row per person listed in an annex (directors, executive officers...)",
    (
        PARENT_KEY,
        _c("annex_index", "INTEGER NOT NULL", "1, 2, ... in document order"),
        _c("person_index", "INTEGER NOT NULL", "1, 2, ... within the annex"),
        _c("annex_title", "VARCHAR", "e.g. SCHEDULE I"),
        _c("section", "VARCHAR", "heading the person is listed under"),
        _c("name", "VARCHAR", ""),
        _c("position", "VARCHAR", ""),
        _c("address", "VARCHAR", "business address or occupation text"),
        _c("citizenship", "VARCHAR", ""),
        _c("line", "INTEGER", "line of the name in the original file"),
    ),
    ("filing_key", "annex_index", "person_index"),
)

ITEMS = Table(
    "items",
    "one row per Item of the filing",
    (
        PARENT_KEY,
        _c("item_index", "INTEGER NOT NULL", "1, 2, ... in document order"),
        _c("number", "VARCHAR", "the Item number as written: 1 ... 7 (13D), 1 ... 10 (13G)"),
        _c("title", "VARCHAR", ""),
        _c("text", "VARCHAR", "the Item's prose, paragraphs separated by a blank line"),
        _c("line", "INTEGER", "line of the heading in the original file"),
    ),
    ("filing_key", "item_index"),
)

DIAGNOSTICS = Table(
    "diagnostics",
    "one row per diagnostic, and one per filing that could not be compiled",
    (
        PARENT_KEY,
        _c("diagnostic_index", "INTEGER NOT NULL", "1, 2, ... within the filing"),
        _c("source_file", "VARCHAR", "the path as given to 13dc"),
        _c("severity", "VARCHAR NOT NULL", "error | warning | info"),
        _c("code", "VARCHAR NOT NULL", "stable code, see the README"),
        _c("message", "VARCHAR", ""),
        _c("line", "INTEGER", "1-based line in the original file"),
        _c("col", "INTEGER", "1-based column"),
        _c("end_line", "INTEGER", ""),
        _c("end_col", "INTEGER", "exclusive"),
    ),
    ("filing_key", "diagnostic_index"),
)

TABLES: tuple[Table, ...] = (
    FILINGS,
    REPORTING_PERSONS,
    TRANSACTIONS,
    ANNEX_PERSONS,
    ITEMS,
    DIAGNOSTICS,
)

# The largest magnitude each numeric column type holds.
_LIMITS: dict[str, Decimal] = {
    SHARES: Decimal(2**63 - 1),
    "INTEGER": Decimal(2**31 - 1),
    PERCENT: Decimal("99999.9999"),
    PRICE: Decimal("999999999999.999999"),
}
_PLACES = {PERCENT: Decimal("0.0001"), PRICE: Decimal("0.000001")}


def _numeric_columns(table: Table) -> tuple[int, ...]:
    """The positions of ``table``'s columns of a type with a range (_LIMITS)."""
    return tuple(i for i, column in enumerate(table.columns) if column.sql_type in _LIMITS)


# Only these columns' values are fitted: the others pass as they are (a row of a filing's
# tables is built for every CSV render and every batch filing).
_NUMERIC_COLUMNS = {table.name: _numeric_columns(table) for table in TABLES}


def filing_key(accession_number: str | None, sha256: str | None, path: str) -> str:
    """The accession number, else the SHA-256 of the file, else (unreadable) ``unreadable:PATH``."""
    return accession_number or sha256 or f"unreadable:{path}"


# The database's words for the IR's sides of a trade.
_NATURES = {TradeSide.SOLD: "sale", TradeSide.BOUGHT: "purchase", TradeSide.OTHER: "other"}


def nature_of(note: str | None) -> str | None:
    """``sale``/``purchase`` when the row's own words say so (and not both), ``other`` for other
    words, NULL when the row says nothing beyond date, shares and price."""
    # (Imported here: the value grammar loads Lark, which the batch's main process never needs.)
    from compiler.frontend.values import trade_side

    side = trade_side(note)
    return None if side is None else _NATURES[side]


def _line(spans: Mapping[str, Span], *keys: str) -> int | None:
    for key in keys:
        span = spans.get(key)
        if span is not None:
            return span.line
    return None


def _header(filing: Filing, *keys: str) -> str | None:
    fields = dict(reversed(filing.source.header))  # the first occurrence of a repeated key wins
    for key in keys:
        value = fields.get(key)
        if value:
            return value
    return None


def _header_date(value: str | None) -> dt.date | None:
    if value is None or len(value) != 8 or not value.isdigit():
        return None
    try:
        return dt.date(int(value[:4]), int(value[4:6]), int(value[6:]))
    except ValueError:
        return None


def status_of(filing: Filing) -> Status:
    if any(d.severity is Severity.ERROR for d in filing.diagnostics):
        return Status.COMPILED_WITH_ERRORS
    return Status.COMPILED


class _Fitter:
    """Checks each numeric value against its column type; what does not fit becomes NULL and a
    diagnostic (so a misread number never makes a whole batch fail to load)."""

    def __init__(self) -> None:
        self.lost: list[Diagnostic] = []

    def row(self, table: Table, values: Sequence[Value], where: str) -> Row:
        columns = table.columns
        if len(values) != len(columns):
            raise ValueError(f"{table.name}: {len(values)} values for {len(columns)} columns")
        numeric = _NUMERIC_COLUMNS.get(table.name)
        if numeric is None:
            numeric = _numeric_columns(table)
        row = list(values)
        for index in numeric:
            row[index] = self._fit(table, columns[index], row[index], where)
        return tuple(row)

    def _fit(self, table: Table, column: Column, value: Value, where: str) -> Value:
        limit = _LIMITS.get(column.sql_type)
        if limit is None or not isinstance(value, int | Decimal) or isinstance(value, bool):
            return value
        number = abs(Decimal(value))
        places = _PLACES.get(column.sql_type)
        if number <= limit and places is not None:
            # Rounded to the column's places as the database will (99999.99996 does not fit).
            number = number.quantize(places, rounding=ROUND_HALF_EVEN)
        if number <= limit:
            return value
        self.lost.append(
            Diagnostic(
                code=Code.VALUE_OUT_OF_RANGE,
                severity=Code.VALUE_OUT_OF_RANGE.severity,
                message=f"{table.name}.{column.name} of {where}: {value} does not fit "
                f"{column.sql_type}; stored as NULL",
            )
        )
        return None


def _filing_values(filing: Filing, key: str, version: str) -> tuple[Value, ...]:
    severities = [d.severity for d in filing.diagnostics]
    return (
        key,
        filing.source.accession_number,
        filing.source.sha256,
        filing.source.path,
        status_of(filing).value,
        filing.form,
        filing.amendment_number,
        filing.issuer.name,
        _header(filing, "SUBJECT COMPANY/COMPANY DATA/CENTRAL INDEX KEY") or filing.issuer.cik,
        _header(
            filing,
            "FILED BY/COMPANY DATA/COMPANY CONFORMED NAME",
            "FILER/COMPANY DATA/COMPANY CONFORMED NAME",
        ),
        _header(
            filing,
            "FILED BY/COMPANY DATA/CENTRAL INDEX KEY",
            "FILER/COMPANY DATA/CENTRAL INDEX KEY",
            XML_FILER_CIK,
        ),
        filing.security.title,
        filing.security.cusips[0] if filing.security.cusips else None,
        " ".join(filing.security.cusips) or None,
        filing.event_date,
        _header_date(_header(filing, "FILED AS OF DATE")),
        filing.previously_filed_13g,
        ";".join(filing.rule_designations) or None,
        len(filing.reporting_persons),
        len(filing.transactions),
        severities.count(Severity.ERROR),
        severities.count(Severity.WARNING),
        filing.source.encoding,
        filing.source.document_type,
        filing.source.format,
        version,
    )


def _person_values(key: str, index: int, person: ReportingPerson) -> tuple[Value, ...]:
    return (
        key,
        index,
        *cover_values(person),
        " | ".join(person.footnotes) or None,
        " ".join(person.cover_cusips) or None,
        _line(person.spans, "name", "identification_number"),
    )


def _transaction_values(key: str, index: int, tx: Transaction) -> tuple[Value, ...]:
    return (
        key,
        index,
        tx.date,
        tx.person,
        _NATURES[tx.side] if tx.side else nature_of(tx.note),
        tx.shares,
        tx.price,
        tx.currency,
        tx.note,
        _line(tx.spans, "date", "shares"),
    )


def filing_rows(filing: Filing, version: str) -> dict[str, list[Row]]:
    """The rows of every table for one compiled filing, keyed by table name, in column order."""
    key = filing_key(filing.source.accession_number, filing.source.sha256, filing.source.path)
    fit = _Fitter()
    filing_row = fit.row(FILINGS, _filing_values(filing, key, version), "the filing")
    persons = [
        fit.row(REPORTING_PERSONS, _person_values(key, i, person), f"reporting person {i}")
        for i, person in enumerate(filing.reporting_persons, start=1)
    ]
    transactions = [
        fit.row(TRANSACTIONS, _transaction_values(key, i, tx), f"transaction {i}")
        for i, tx in enumerate(filing.transactions, start=1)
    ]
    annex_persons: list[Row] = [
        (
            key,
            annex_index,
            person_index,
            annex.title,
            person.section,
            person.name,
            person.position,
            person.address,
            person.citizenship,
            _line(person.spans, "name"),
        )
        for annex_index, annex in enumerate(filing.annexes, start=1)
        for person_index, person in enumerate(annex.persons, start=1)
    ]
    items: list[Row] = [
        (key, i, item.number, item.title, item.text, _line(item.spans, "number", "title"))
        for i, item in enumerate(filing.items, start=1)
    ]
    diagnostics = diagnostic_rows(key, filing.source.path, (*filing.diagnostics, *fit.lost))
    return {
        FILINGS.name: [filing_row],
        REPORTING_PERSONS.name: persons,
        TRANSACTIONS.name: transactions,
        ANNEX_PERSONS.name: annex_persons,
        ITEMS.name: items,
        DIAGNOSTICS.name: diagnostics,
    }


def diagnostic_rows(key: str, path: str, diagnostics: Iterable[Diagnostic]) -> list[Row]:
    rows: list[Row] = []
    for index, diagnostic in enumerate(diagnostics, start=1):
        span = diagnostic.span
        rows.append(
            (
                key,
                index,
                path,
                diagnostic.severity.value,
                # (the code's string, not the enum member: the row goes to CSV, DuckDB, Parquet)
                str(diagnostic.code),
                diagnostic.message,
                None if span is None else span.line,
                None if span is None else span.column,
                None if span is None else span.end_line,
                None if span is None else span.end_column,
            )
        )
    return rows


__all__ = [
    "TABLES",
    "Column",
    "Row",
    "Status",
    "Table",
    "Value",
    "diagnostic_rows",
    "filing_key",
    "filing_rows",
    "nature_of",
]
