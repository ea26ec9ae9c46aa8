"""The positions of one issuer or holder over time, read from a batch's database.

``13dc history DB`` reads a DuckDB database written by ``--to duckdb``, or a directory of Parquet
files written by ``--to parquet`` (its ``filings`` and ``reporting_persons`` files), always
through the SQL of :mod:`compiler.batch.positions` (for the matching chains only) rather
than a stored view, so that a database
written before the view existed answers the same. DuckDB is imported here only, when the command
runs (the ``db`` extra).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, fields
from decimal import Decimal
from typing import Any

from compiler.batch.database import DatabaseError, require_duckdb
from compiler.batch.positions import select_chains_sql

# A CUSIP as 13dc stores it (9 characters), or its 6-character issuer part; anything else given to
# --issuer is a name (or part of one).
_CUSIP = re.compile(r"[0-9A-Z]{6}(?:[0-9A-Z]{2}[0-9]?)?")


@dataclass(frozen=True, slots=True)
class Position:
    """One row of the ``positions`` view, as the timeline and the plot need it."""

    chain_key: str
    holder_name: str | None
    issuer_name: str | None
    cusip: str | None
    schedule: str | None
    form: str | None
    amendment_number: int | None
    event_date: dt.date | None
    filed_date: dt.date | None
    shares: int | None
    percent: Decimal | None
    shares_change: int | None
    percent_change: Decimal | None
    change_kind: str
    form_switch: str | None
    amendment_issue: str | None
    link_method: str | None

    @property
    def date(self) -> dt.date | None:
        """The date the chain is ordered by: the event date, else the filing date."""
        return self.event_date or self.filed_date


_FIELDS = tuple(field.name for field in fields(Position))


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _connect(path: str) -> Any:
    """A read-only connection where ``filings`` and ``reporting_persons`` can be queried."""
    duckdb = require_duckdb("13dc history")
    if os.path.isdir(path):
        connection = duckdb.connect()
        for table in ("filings", "reporting_persons"):
            file = os.path.join(path, f"{table}.parquet")
            if not os.path.isfile(file):
                connection.close()
                raise DatabaseError(f"no {table}.parquet: not a 13dc Parquet directory", path=path)
            connection.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet({_quote(file)})")
        return connection
    if not os.path.exists(path):
        raise DatabaseError("no such database", path=path)
    try:
        connection = duckdb.connect(path, read_only=True)
    except duckdb.Error as exc:
        raise DatabaseError(f"cannot open the database: {exc}", path=path) from exc
    found = {
        name
        for (name,) in connection.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
        ).fetchall()
    }
    if not {"filings", "reporting_persons"} <= found:
        connection.close()
        raise DatabaseError("not a 13dc database (no filings table)", path=path)
    return connection


def holder_key(name: str) -> str:
    """A name normalized as the view's ``holder_key`` (the SQL in compiler.batch.positions), so
    that ``--holder "Pelham Lane Capital, L.P."`` finds ``PELHAM LANE CAPITAL LP``."""
    text = re.sub(r"[.'`\"]", "", name.upper().replace("&", " AND "))
    return re.sub(r"[^A-Z0-9]+", " ", text).strip()


def issuer_filter(issuer: str) -> tuple[str, list[str]]:
    """The condition for ``--issuer``: a 10-digit subject-company CIK (also matching the filings
    without a header that the view ties to it), a CUSIP (9 characters, or the issuer's first 6),
    else a case-insensitive part of the issuer's name."""
    text = issuer.strip()
    if len(text) == 10 and text.isdigit():  # an EDGAR CIK (a CUSIP has 9 characters)
        return "issuer_id = ?", [text]
    if _CUSIP.fullmatch(text.upper()) and any(ch.isdigit() for ch in text):
        return "starts_with(cusip, ?)", [text.upper()]
    return "issuer_name ILIKE ?", [f"%{text}%"]


def read_positions(path: str, *, issuer: str | None, holder: str | None) -> list[Position]:
    """The positions of the chains that match, each chain in order, chains by issuer and holder.

    A chain matches when one of its filings matches, so a holder renamed between filings, or an
    issuer whose name changed, still shows its whole chain."""
    conditions: list[str] = []
    parameters: list[str] = []
    if issuer:
        condition, values = issuer_filter(issuer)
        conditions.append(condition)
        parameters += values
    if holder:
        conditions.append("(holder_name ILIKE ? OR holder_key LIKE ?)")
        parameters += [f"%{holder.strip()}%", f"%{holder_key(holder)}%"]
    where = " AND ".join(conditions) or "true"
    sql = (
        f"SELECT {', '.join(_FIELDS)} FROM (SELECT *, min(coalesce(issuer_name, cusip)) "
        f"OVER (PARTITION BY chain_key) AS chain_issuer FROM ({select_chains_sql(where)})) "
        "ORDER BY chain_issuer, chain_key, chain_position"
    )
    connection = _connect(path)
    try:
        rows = connection.execute(sql, parameters).fetchall()
    except require_duckdb("13dc history").Error as exc:
        raise DatabaseError(f"cannot read the positions: {exc}", path=path) from exc
    finally:
        connection.close()
    return [Position(*row) for row in rows]


__all__ = ["Position", "holder_key", "issuer_filter", "read_positions"]
