"""The staging dialect: a filing's table rows as the text the database loader reads.

Worker processes write each row of :mod:`compiler.backends.tables` in this dialect, and
:mod:`compiler.batch.database` loads it with DuckDB's CSV reader (``staging_reader_sql``): the
batch sequence number first, an unquoted empty cell for NULL, text always quoted (so ``""`` is an
empty string, not NULL), ``true``/``false``, decimals in fixed point, ISO dates, ``\\n`` row ends.
"""

from __future__ import annotations

from decimal import Decimal

from compiler.backends.tables import Row, Value


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


__all__ = ["encode_staging_row"]
