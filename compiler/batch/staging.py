"""A batch's rows as the database loader reads them, and the rows of a filing that failed.

The rows themselves are defined once, in :mod:`compiler.backends.tables`; this module is what only
a batch needs of them: a failed file's ``filings`` and ``diagnostics`` rows, and the staging
dialect in which worker processes hand rows to :mod:`compiler.batch.database`.
"""

from __future__ import annotations

from decimal import Decimal

from compiler.backends.tables import (
    ANNEX_PERSONS,
    DIAGNOSTICS,
    FILINGS,
    ITEMS,
    REPORTING_PERSONS,
    TRANSACTIONS,
    Row,
    Status,
    Value,
    diagnostic_rows,
    filing_key,
)
from compiler.ir import Diagnostic


def failure_rows(
    *,
    path: str,
    sha256: str | None,
    accession_number: str | None,
    failure: Diagnostic,
    version: str,
) -> dict[str, list[Row]]:
    """The rows of a file that could not be compiled: a ``failed`` filings row and the reason."""
    key = filing_key(accession_number, sha256, path)
    values: dict[str, Value] = dict.fromkeys(FILINGS.column_names)
    values.update(
        filing_key=key,
        accession_number=accession_number,
        sha256=sha256,
        source_file=path,
        status=Status.FAILED.value,
        error_count=1,
        warning_count=0,
        compiler_version=version,
    )
    return {
        FILINGS.name: [tuple(values.values())],
        REPORTING_PERSONS.name: [],
        TRANSACTIONS.name: [],
        ANNEX_PERSONS.name: [],
        ITEMS.name: [],
        DIAGNOSTICS.name: diagnostic_rows(key, path, [failure]),
    }


# --- the staging dialect read by compiler.batch.database ----------------------------------------


def _staging_cell(value: Value) -> str:
    # Unquoted empty is NULL; text is always quoted (so "" is an empty string, not NULL).
    if value is None:
        return ""
    if isinstance(value, str):
        return '"' + value.replace('"', '""') + '"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return f"{value:f}"
    return value.isoformat()


def encode_staging_row(seq: int, row: Row) -> str:
    """One row for the database loader: the batch sequence number first, ``\\n``-terminated
    (newlines inside text are inside quotes)."""
    return f"{seq}," + ",".join(map(_staging_cell, row)) + "\n"


__all__ = ["encode_staging_row", "failure_rows"]
