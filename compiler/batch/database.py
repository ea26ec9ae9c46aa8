"""Database backends of a batch: the tables of :mod:`compiler.backends.tables` in DuckDB or Parquet.

DuckDB is an optional dependency (``pip install '13dc[db]'``); it is imported only here and only
when a database is written, so that ``13dc`` starts fast and works without it.

Rows arrive as text in a staging dialect (:func:`compiler.batch.staging.encode_staging_row`,
written by the worker processes), are appended to one temporary file per table, and are loaded
in chunks of about ``flush_bytes`` with DuckDB's CSV reader and the column types of
:mod:`compiler.backends.tables`: one ``INSERT ... SELECT`` per table instead of one statement per
row, and a memory use bounded by the chunk, not by the batch. Each chunk is one transaction: an
interrupted batch leaves whole filings, and running it again adds only what is missing.

Appending: a filing whose ``filing_key`` is already in ``filings`` is skipped (counted as
already in the database, or as a duplicate when this batch stored it), so the same batch can be
loaded twice, or a new batch on top of an old one, without duplicates. One exception: a filing
stored as ``failed`` that compiles now replaces its old rows (a newer 13dc may compile what an
older one could not). Within a batch the first copy of a key wins (a compiled copy before a
failed one).

Parquet (``--to parquet -o DIR``) is the same load into a temporary DuckDB database, then one
``COPY ... (FORMAT PARQUET)`` per table into ``DIR/<table>.parquet``; no pyarrow is needed.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import IO, Any

from compiler.backends.tables import FILINGS, TABLES, Table
from compiler.batch import positions
from compiler.batch.scratch import make_staging
from compiler.errors import CompilerError

DB_EXTRA_HINT = "pip install '13dc[db]'"
DEFAULT_FLUSH_BYTES = 64 << 20
# Filings per chunk: what an interruption or a lock conflict can lose at most (--chunk-size).
DEFAULT_CHUNK_FILINGS = 1000
# How long to wait for a database locked by another process before giving up (--lock-wait).
DEFAULT_LOCK_WAIT = 60.0
_LOCK_WORDS = ("lock", "conflicting")


class DatabaseError(CompilerError):
    """The database cannot be written: duckdb missing, a locked or foreign file, a bad path."""


def require_duckdb(what: str) -> ModuleType:
    """The duckdb module, or a one-line error naming the extra that installs it."""
    try:
        import duckdb
    except ImportError as exc:
        raise DatabaseError(
            f"{what} needs the duckdb package, which is not installed: {DB_EXTRA_HINT}",
            path="13dc",
        ) from exc
    return duckdb


def _bare_type(column_type: str) -> str:
    return column_type.removesuffix(" NOT NULL")


def create_table_sql(table: Table) -> str:
    columns = [f"{column.name} {column.sql_type}" for column in table.columns]
    columns.append(f"PRIMARY KEY ({', '.join(table.key)})")
    return f"CREATE TABLE IF NOT EXISTS {table.name} (\n  " + ",\n  ".join(columns) + "\n)"


def documented_schema() -> str:
    """The DDL of every table with each column's meaning as a comment (the README's schema)."""
    out: list[str] = []
    for table in TABLES:
        width = max(len(f"{c.name} {c.sql_type},") for c in table.columns) + 4
        out.append(f"-- {table.doc}")
        out.append(f"CREATE TABLE {table.name} (")
        for column in table.columns:
            line = f"    {column.name} {column.sql_type},"
            out.append(f"{line:<{width}}  -- {column.doc}" if column.doc else line)
        out.append(f"    PRIMARY KEY ({', '.join(table.key)})")
        out.append(");")
        out.append("")
    return "\n".join(out[:-1]) + "\n"


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def staging_reader_sql(table: Table, path: str) -> str:
    """A ``read_csv`` of one staging file with the table's types (``seq`` first)."""
    types = [("seq", "BIGINT")] + [(c.name, _bare_type(c.sql_type)) for c in table.columns]
    columns = ", ".join(f"{_quote(name)}: {_quote(kind)}" for name, kind in types)
    return (
        f"read_csv({_quote(path)}, columns={{{columns}}}, header=false, auto_detect=false, "
        "delim=',', quote='\"', escape='\"', new_line='\\n', nullstr='', "
        "allow_quoted_nulls=false, strict_mode=true, parallel=false)"
    )


@dataclass(slots=True)
class LoadCounts:
    added: int = 0  # filings inserted (replacements included)
    replaced: int = 0  # of which replaced a row stored as failed
    present: int = 0  # filings skipped: their key was in the database before this batch
    duplicates: int = 0  # filings skipped: their key came earlier in this batch (same content)


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


class DuckDBWriter:
    """Loads staged rows into the six tables of a DuckDB database, in chunks (see the module).

    A chunk is loaded when ``chunk_filings`` filings or ``flush_bytes`` of rows are staged, in one
    transaction, and the database is closed again after it, so that another process may write
    between two chunks. A database locked by another process is waited for, up to ``lock_wait``
    seconds, with a message on stderr (``say``), before the batch gives up."""

    def __init__(
        self,
        path: str,
        *,
        flush_bytes: int = DEFAULT_FLUSH_BYTES,
        chunk_filings: int = DEFAULT_CHUNK_FILINGS,
        lock_wait: float = DEFAULT_LOCK_WAIT,
        say: Callable[[str], None] = _say,
    ) -> None:
        self.path = path
        self.flush_bytes = flush_bytes
        self.chunk_filings = max(1, chunk_filings)
        self.lock_wait = lock_wait
        self._say = say
        self.counts = LoadCounts()
        self._connection: Any = None
        # Open, create or check the tables now, so that a bad database fails before any work;
        # then close it again: the worker processes are forked after this, and DuckDB's threads
        # are better not running at that moment. The first load reopens it.
        try:
            self._create_tables()
        finally:
            self._disconnect()
        # Beside the database (not in TMPDIR): see compiler.batch.scratch.
        self._staging = Path(make_staging(os.path.dirname(os.path.abspath(path))))
        self._files: dict[str, IO[str]] = {}
        self._staged_bytes = 0
        self._staged_filings = 0
        # The keys this batch stored, to tell a duplicate within the batch from a filing that was
        # in the database before (a key is some 64 characters: 200,000 filings take ~20 MB).
        self._batch_keys: set[str] = set()
        self._open_staging()

    # --- schema -------------------------------------------------------------------------------

    def connect(self) -> Any:
        """The open DuckDB connection (opened on first use; a lock held by another process is
        waited for, see the class)."""
        if self._connection is None:
            duckdb = require_duckdb("--to duckdb")
            deadline = time.monotonic() + self.lock_wait
            delay = 0.1
            told = False
            while True:
                try:
                    self._connection = duckdb.connect(self.path)
                    break
                except duckdb.Error as exc:
                    locked = any(word in str(exc).lower() for word in _LOCK_WORDS)
                    if not locked or time.monotonic() + delay > deadline:
                        why = "it is locked by another process" if locked else str(exc)
                        raise DatabaseError(
                            f"cannot open the database: {why}", path=self.path
                        ) from exc
                    if not told:
                        self._say(
                            f"13dc: {self.path} is locked by another process; waiting up to "
                            f"{self.lock_wait:g} s"
                        )
                        told = True
                    time.sleep(delay)
                    delay = min(delay * 2, 2.0)
        return self._connection

    def _disconnect(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def _create_tables(self) -> None:
        connection = self.connect()
        for table in TABLES:
            connection.execute(create_table_sql(table))
            found = connection.execute(
                "SELECT column_name, data_type FROM information_schema.columns "
                "WHERE table_name = ? AND table_schema = 'main' ORDER BY ordinal_position",
                [table.name],
            ).fetchall()
            expected = [(c.name, _bare_type(c.sql_type)) for c in table.columns]
            if [(name, kind) for name, kind in found] != expected:
                raise DatabaseError(
                    f"table {table.name} exists with other columns than 13dc writes; "
                    "write to a new database file",
                    path=self.path,
                )
        try:
            positions.create_view(connection)  # after the tables it reads
        except require_duckdb("--to duckdb").Error as exc:  # e.g. a table called positions
            raise DatabaseError(
                f"cannot create the {positions.VIEW} view: {exc}", path=self.path
            ) from exc

    # --- staging ------------------------------------------------------------------------------

    def _staging_file(self, table: Table) -> str:
        return str(self._staging / f"{table.name}.csv")

    def _open_staging(self) -> None:
        for table in TABLES:
            self._files[table.name] = open(  # noqa: SIM115 (closed in flush/close)
                self._staging_file(table), "w", encoding="utf-8", newline=""
            )

    def add(self, staged: Mapping[str, str]) -> None:
        """Append one filing's staged rows (table name -> encoded rows)."""
        for name, text in staged.items():
            self._files[name].write(text)
            self._staged_bytes += len(text)
        self._staged_filings += 1
        if self._staged_bytes >= self.flush_bytes or self._staged_filings >= self.chunk_filings:
            self.flush()

    def flush(self) -> None:
        """Load what is staged, in one transaction, and start new staging files."""
        for handle in self._files.values():
            handle.close()
        if self._staged_filings:
            self._load()
            self._disconnect()  # let another writer in between two chunks
        self._staged_bytes = self._staged_filings = 0
        self._open_staging()

    def _load(self) -> None:
        sql = self.connect().execute
        sql("BEGIN TRANSACTION")
        try:
            sql(
                "CREATE OR REPLACE TEMP TABLE staged_filings AS SELECT * FROM "
                + staging_reader_sql(FILINGS, self._staging_file(FILINGS))
            )
            # The copy of each key to keep: compiled before failed, then batch order; minus the
            # keys already stored, unless stored as failed and compiled now.
            sql(
                "CREATE OR REPLACE TEMP TABLE chosen AS "
                "SELECT filing_key, seq, status FROM staged_filings "
                "QUALIFY row_number() OVER "
                "(PARTITION BY filing_key ORDER BY status = 'failed', seq) = 1"
            )
            sql(
                "CREATE OR REPLACE TEMP TABLE replacing AS SELECT c.filing_key FROM chosen c "
                "JOIN filings f USING (filing_key) "
                "WHERE f.status = 'failed' AND c.status <> 'failed'"
            )
            sql(
                "DELETE FROM chosen WHERE filing_key IN (SELECT filing_key FROM filings) "
                "AND filing_key NOT IN (SELECT filing_key FROM replacing)"
            )
            for table in reversed(TABLES):
                sql(
                    f"DELETE FROM {table.name} "
                    "WHERE filing_key IN (SELECT filing_key FROM replacing)"
                )
            for table in TABLES:
                source = (
                    "staged_filings"
                    if table is FILINGS
                    else staging_reader_sql(table, self._staging_file(table))
                )
                names = ", ".join(f"s.{name}" for name in table.column_names)
                order = ", ".join(f"s.{name}" for name in ("seq", *table.key[1:]))
                sql(
                    f"INSERT INTO {table.name} SELECT {names} FROM {source} s "
                    f"SEMI JOIN chosen c ON s.filing_key = c.filing_key AND s.seq = c.seq "
                    f"ORDER BY {order}"
                )
            replaced = sql("SELECT count(*) FROM replacing").fetchone()
            added_keys = {key for (key,) in sql("SELECT filing_key FROM chosen").fetchall()}
            copies = sql(
                "SELECT filing_key, count(*) FROM staged_filings GROUP BY filing_key"
            ).fetchall()
            sql("COMMIT")
        except BaseException:
            sql("ROLLBACK")
            raise
        assert replaced is not None
        self.counts.added += len(added_keys)
        self.counts.replaced += replaced[0]
        for key, count in copies:
            if key in added_keys:
                self.counts.duplicates += count - 1  # the other copies of what was added
            elif key in self._batch_keys:
                self.counts.duplicates += count  # an earlier chunk of this batch stored it
            else:
                self.counts.present += count  # in the database before this batch
        self._batch_keys.update(added_keys)

    # --- end ----------------------------------------------------------------------------------

    def finish(self) -> LoadCounts:
        """Load what is left; the database stays open (for an export)."""
        for handle in self._files.values():
            handle.close()
        if self._staged_filings:
            self._load()
        self._staged_bytes = self._staged_filings = 0
        return self.counts

    def close(self) -> LoadCounts:
        """Load what is left and close the database."""
        try:
            return self.finish()
        finally:
            self.abort()

    def abort(self) -> None:
        """Close without loading what is staged (an interrupted batch keeps its loaded chunks)."""
        for handle in self._files.values():
            handle.close()
        self._files.clear()
        shutil.rmtree(self._staging, ignore_errors=True)
        self._disconnect()


class ParquetWriter:
    """The same tables as Parquet files ``DIR/<table>.parquet``, through a temporary DuckDB."""

    def __init__(
        self,
        directory: str,
        *,
        flush_bytes: int = DEFAULT_FLUSH_BYTES,
        chunk_filings: int = DEFAULT_CHUNK_FILINGS,
    ) -> None:
        require_duckdb("--to parquet")
        self.directory = directory
        try:
            os.makedirs(directory, exist_ok=True)
        except OSError as exc:
            raise DatabaseError(
                f"cannot create the directory: {exc.strerror or exc}", path=directory
            ) from exc
        # Inside the output directory, not in TMPDIR (compiler.batch.staging); the database's
        # own staging goes in the same place.
        self._scratch = make_staging(directory)
        self._database = DuckDBWriter(
            os.path.join(self._scratch, "tables.duckdb"),
            flush_bytes=flush_bytes,
            chunk_filings=chunk_filings,
        )

    def add(self, staged: Mapping[str, str]) -> None:
        self._database.add(staged)

    def close(self) -> LoadCounts:
        """Load what is left and write one Parquet file per table, in batch order."""
        try:
            counts = self._database.finish()
            for table in TABLES:
                target = os.path.join(self.directory, f"{table.name}.parquet")
                self._database.connect().execute(
                    f"COPY {table.name} TO {_quote(target)} (FORMAT PARQUET)"
                )
            # The chains as they are in this batch (a file, not a view: Parquet has none).
            target = os.path.join(self.directory, f"{positions.VIEW}.parquet")
            self._database.connect().execute(
                f"COPY (SELECT * FROM {positions.VIEW} ORDER BY chain_key, chain_position) "
                f"TO {_quote(target)} (FORMAT PARQUET)"
            )
            return counts
        finally:
            self.abort()

    def abort(self) -> None:
        self._database.abort()
        shutil.rmtree(self._scratch, ignore_errors=True)


__all__ = [
    "DB_EXTRA_HINT",
    "DEFAULT_CHUNK_FILINGS",
    "DEFAULT_LOCK_WAIT",
    "DatabaseError",
    "DuckDBWriter",
    "LoadCounts",
    "ParquetWriter",
    "create_table_sql",
    "documented_schema",
    "require_duckdb",
    "staging_reader_sql",
]
