"""The database outputs of a batch: DuckDB tables and types, joins, appending without duplicates,
Parquet files, and the one-line error when duckdb is not installed."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, REPO
from typer.testing import CliRunner

from compiler.backends.tables import (
    FILINGS,
    TABLES,
    TRANSACTIONS,
    filing_rows,
    nature_of,
)
from compiler.batch.database import DuckDBWriter, documented_schema, staging_reader_sql
from compiler.batch.staging import encode_staging_row, failure_rows
from compiler.cli import app as cli
from compiler.ir import Diagnostic, Severity

duckdb = pytest.importorskip("duckdb")

AUTHORED = FIXTURES / "authored"
SEED = FIXTURES / "seed" / "000_16ffad13912a4479.txt"
TABLE_NAMES = [table.name for table in TABLES]


def run(*args: str) -> Any:
    return CliRunner().invoke(cli.app, list(args), prog_name="13dc")


@pytest.fixture
def first_batch(tmp_path: Path) -> Path:
    root = tmp_path / "first"
    root.mkdir()
    shutil.copy(SEED, root / "seed.txt")
    shutil.copy(AUTHORED / "03-northgate-bancorp-1998-13d-edgar.txt", root / "northgate.txt")
    shutil.copy(AUTHORED / "11-wexford-lane-2008-13da15-crlf.txt", root / "wexford.txt")
    (root / "empty.txt").write_bytes(b"")
    return root


@pytest.fixture
def database(first_batch: Path, tmp_path: Path) -> Path:
    path = tmp_path / "filings.duckdb"
    result = run("compile", str(first_batch), "--to", "duckdb", "-o", str(path), "-j", "1")
    assert result.exit_code == 1, result.output  # empty.txt failed
    assert result.stderr.splitlines()[-1].endswith(
        f"{path}: 4 filings added, 0 already in the database"
    )
    return path


def query(path: Path, sql: str) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(path), read_only=True) as connection:
        return connection.execute(sql).fetchall()  # type: ignore[no-any-return]


def counts(path: Path) -> dict[str, int]:
    return {name: query(path, f"SELECT count(*) FROM {name}")[0][0] for name in TABLE_NAMES}


def test_tables_and_column_types(database: Path) -> None:
    types = {
        (table, column): kind
        for table, column, kind in query(
            database,
            "SELECT table_name, column_name, data_type FROM information_schema.columns",
        )
    }
    # The six tables, and the positions view over them (tests/backends/test_positions.py).
    assert {table for table, _ in types} == {*TABLE_NAMES, "positions"}
    assert types["reporting_persons", "aggregate_amount"] == "BIGINT"
    assert types["reporting_persons", "sole_voting_power"] == "BIGINT"
    assert types["reporting_persons", "percent_of_class"] == "DECIMAL(9,4)"
    assert types["reporting_persons", "member_of_group_a"] == "BOOLEAN"
    assert types["transactions", "price"] == "DECIMAL(18,6)"
    assert types["transactions", "date"] == "DATE"
    assert types["filings", "event_date"] == "DATE"
    assert types["filings", "previously_filed_13g"] == "BOOLEAN"
    for table in TABLES:  # the declared columns, in order
        declared = [c.name for c in table.columns]
        assert [c for (t, c) in types if t == table.name] == declared


def test_values_of_the_seed(database: Path) -> None:
    ((key, form, event_date, persons, transactions),) = query(
        database,
        "SELECT filing_key, form, event_date, reporting_person_count, transaction_count "
        "FROM filings WHERE source_file LIKE '%seed.txt'",
    )
    assert (form, event_date, persons, transactions) == ("SC 13D/A", dt.date(2003, 12, 23), 1, 35)
    assert len(key) == 64  # no accession number in the seed: the SHA-256 of the file
    ((name, aggregate, percent),) = query(
        database,
        "SELECT name, aggregate_amount, percent_of_class FROM reporting_persons "
        f"WHERE filing_key = '{key}'",
    )
    assert (name, aggregate, percent) == ("STMicroelectronics N.V.", 2202000, Decimal("6.41"))
    first = query(
        database,
        "SELECT date, shares, price FROM transactions "
        f"WHERE filing_key = '{key}' ORDER BY tx_index",
    )[0]
    assert first == (dt.date(2003, 12, 23), 66000, Decimal("4.9"))


def test_keys_join(database: Path) -> None:
    for table in TABLE_NAMES[1:]:
        orphans = query(
            database,
            f"SELECT count(*) FROM {table} t ANTI JOIN filings f USING (filing_key)",
        )
        assert orphans == [(0,)], table
    assert query(
        database,
        "SELECT sum(reporting_person_count) = (SELECT count(*) FROM reporting_persons), "
        "sum(transaction_count) = (SELECT count(*) FROM transactions) FROM filings",
    ) == [(True, True)]
    accession = query(
        database, "SELECT filing_key FROM filings WHERE source_file LIKE '%northgate%'"
    )
    assert accession == [("0000916641-98-000712",)]


def test_a_failed_file_is_a_filings_row_and_a_diagnostic(database: Path) -> None:
    ((key, sha256),) = query(
        database, "SELECT filing_key, sha256 FROM filings WHERE status = 'failed'"
    )
    assert key == sha256  # the SHA-256 of the empty file
    assert query(
        database, f"SELECT code, severity FROM diagnostics WHERE filing_key = '{key}'"
    ) == [("INPUT-REJECTED", "error")]


def test_appending_adds_new_filings_and_never_duplicates(
    database: Path, first_batch: Path, tmp_path: Path
) -> None:
    before = counts(database)
    again = run("compile", str(first_batch), "--to", "duckdb", "-o", str(database))
    assert again.stderr.splitlines()[-1].endswith("0 filings added, 4 already in the database")
    assert counts(database) == before

    second = tmp_path / "second"
    second.mkdir()
    shutil.copy(SEED, second / "seed-copy.txt")  # same bytes as first/seed.txt: same key
    shutil.copy(AUTHORED / "01-marlowe-castings-1995-13d.txt", second / "marlowe.txt")
    result = run("compile", str(second), str(first_batch), "--to", "duckdb", "-o", str(database))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1].endswith("1 filing added, 5 already in the database")
    after = counts(database)
    assert after["filings"] == before["filings"] + 1
    assert after["reporting_persons"] > before["reporting_persons"]
    assert query(database, "SELECT count(*), count(DISTINCT filing_key) FROM filings") == [(5, 5)]
    for table in TABLES[1:]:
        key = ", ".join(table.key)
        assert query(
            database,
            f"SELECT count(*) FROM (SELECT {key} FROM {table.name} "
            "GROUP BY ALL HAVING count(*) > 1)",
        ) == [(0,)]


def test_a_failed_filing_is_replaced_when_it_compiles(tmp_path: Path) -> None:
    filing_data = SEED.read_bytes()
    from compiler import compile_filing

    filing = compile_filing(filing_data, "seed.txt")
    failed = failure_rows(
        path="seed.txt",
        sha256=filing.source.sha256,
        accession_number=None,
        failure=Diagnostic(code="INTERNAL-ERROR", severity=Severity.ERROR, message="old bug"),
        version="0.0.1",
    )
    path = tmp_path / "f.duckdb"

    def staged(rows: dict[str, list[Any]], seq: int) -> dict[str, str]:
        return {
            name: "".join(encode_staging_row(seq, row) for row in r) for name, r in rows.items()
        }

    writer = DuckDBWriter(str(path))
    writer.add(staged(failed, 0))
    writer.close()
    writer = DuckDBWriter(str(path))
    writer.add(staged(filing_rows(filing, "0.1.0"), 0))
    assert writer.close().replaced == 1
    assert query(path, "SELECT status FROM filings") == [("compiled",)]
    assert query(path, "SELECT count(*) FROM diagnostics WHERE code = 'INTERNAL-ERROR'") == [(0,)]


def test_duplicates_within_a_batch_are_told_from_filings_already_there(
    tmp_path: Path, first_batch: Path
) -> None:
    # Issue 16: a fresh database reported copies of one filing within the batch as "already
    # there". Two copies of the seed in one batch, into a new database, then the same again.
    batch = tmp_path / "copies"
    batch.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        shutil.copy(SEED, batch / name)
    path = tmp_path / "fresh.duckdb"
    fresh = run("compile", str(batch), "--to", "duckdb", "-o", str(path), "-j", "1")
    assert fresh.stderr.splitlines()[-1].endswith(
        f"{path}: 1 filing added, 0 already in the database, "
        "2 duplicates of filings in this batch (same content) skipped"
    )
    again = run("compile", str(batch), "--to", "duckdb", "-o", str(path), "-j", "1")
    # Every copy of a filing the database held before the batch is "already in the database".
    assert again.stderr.splitlines()[-1].endswith("0 filings added, 3 already in the database")
    # Across chunks too: a chunk per filing, the later copies meet the key stored by the first.
    from compiler.batch.database import DuckDBWriter
    from compiler.batch.run import Options, Payload, Task, compile_task

    options = Options(payload=Payload.STAGING, version="test")
    writer = DuckDBWriter(str(tmp_path / "chunks.duckdb"), flush_bytes=1)
    for seq, name in enumerate(("a.txt", "b.txt")):
        writer.add(compile_task(options, Task(seq, str(batch / name))).payload)
    counts = writer.close()
    assert (counts.added, counts.present, counts.duplicates) == (1, 0, 1)


def test_parquet_says_it_rewrote_its_files(tmp_path: Path, first_batch: Path) -> None:
    out = tmp_path / "parquet"
    one = tmp_path / "one"
    one.mkdir()
    shutil.copy(SEED, one / "seed.txt")
    result = run("compile", str(one), "--to", "parquet", "-o", str(out), "-j", "1")
    assert result.stderr.splitlines()[-1].endswith(
        f"{out}: 1 filing written (the Parquet files were rewritten)"
    )
    assert result.stderr.splitlines()[-1].startswith("13dc: 1 filing: 1 compiled")


def test_parquet_files_are_readable_by_duckdb(
    first_batch: Path, database: Path, tmp_path: Path
) -> None:
    out = tmp_path / "parquet"
    result = run("compile", str(first_batch), "--to", "parquet", "-o", str(out), "-j", "2")
    assert result.exit_code == 1
    written = sorted(f"{n}.parquet" for n in [*TABLE_NAMES, "positions"])
    assert sorted(p.name for p in out.iterdir()) == written
    with duckdb.connect() as connection:
        for name in TABLE_NAMES:
            parquet = connection.execute(f"SELECT * FROM '{out / name}.parquet'").fetchall()
            assert parquet == query(database, f"SELECT * FROM {name}"), name
        kinds = dict(
            connection.execute(
                f"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM "
                f"'{out / 'reporting_persons.parquet'}')"
            ).fetchall()
        )
    assert kinds["percent_of_class"] == "DECIMAL(9,4)"
    assert kinds["aggregate_amount"] == "BIGINT"


def test_staging_dialect_round_trips_awkward_text(tmp_path: Path) -> None:
    texts = [
        "",
        None,
        'say "hi", then',
        "two\nlines\r\nand CR\r",
        "\\N",
        "NULL",
        "é ü 中 \u2028",
        "'=1+1",
    ]
    staging = tmp_path / "filings.csv"
    rows = []
    for seq, text in enumerate(texts):
        row = dict.fromkeys(FILINGS.column_names)
        row.update(filing_key=f"k{seq}", status="compiled", compiler_version="x", issuer_name=text)
        rows.append(tuple(row.values()))
    staging.write_text("".join(encode_staging_row(i, r) for i, r in enumerate(rows)), newline="")
    with duckdb.connect() as connection:
        back = connection.execute(
            f"SELECT issuer_name FROM {staging_reader_sql(FILINGS, str(staging))} ORDER BY seq"
        ).fetchall()
    assert [value for (value,) in back] == texts


def test_a_value_too_big_for_its_column_is_null_and_reported() -> None:
    from dataclasses import replace

    from compiler import compile_filing

    filing = compile_filing(SEED.read_bytes(), "seed.txt")
    person = replace(
        filing.reporting_persons[0], percent_of_class=Decimal("123456"), aggregate_amount=10**20
    )
    rows = filing_rows(replace(filing, reporting_persons=(person,)), "0.1.0")
    (row,) = rows["reporting_persons"]
    names = [c.name for c in TABLES[1].columns]
    assert row[names.index("percent_of_class")] is None
    assert row[names.index("aggregate_amount")] is None
    codes = [r[4] for r in rows["diagnostics"]]
    assert codes.count("VALUE-OUT-OF-RANGE") == 2


@pytest.mark.parametrize(
    ("note", "nature"),
    [
        (None, None),
        ("Sale", "sale"),
        ("Open market sales", "sale"),
        ("Purchase", "purchase"),
        ("Gift", "other"),
    ],
)
def test_nature_of_a_transaction(note: str | None, nature: str | None) -> None:
    assert nature_of(note) == nature
    assert "nature" in [c.name for c in TRANSACTIONS.columns]


def test_a_database_of_another_shape_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.duckdb"
    with duckdb.connect(str(path)) as connection:
        connection.execute("CREATE TABLE filings (filing_key VARCHAR PRIMARY KEY, x INTEGER)")
    result = run("compile", str(SEED), "--to", "duckdb", "-o", str(path))
    assert result.exit_code == 2
    assert result.stderr == (
        f"{path}: error: table filings exists with other columns than 13dc writes; "
        "write to a new database file\n"
    )


@pytest.mark.parametrize("target", ["duckdb", "parquet"])
def test_without_duckdb_one_clear_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: str
) -> None:
    monkeypatch.setitem(sys.modules, "duckdb", None)  # import duckdb now raises ImportError
    result = run("compile", str(SEED), "--to", target, "-o", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert result.stderr == (
        f"13dc: error: --to {target} needs the duckdb package, which is not installed: "
        "pip install '13dc[db]'\n"
    )


def test_the_readme_documents_the_schema_as_written() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert documented_schema() in readme


def test_the_documented_schema_is_the_database_schema(tmp_path: Path) -> None:
    with duckdb.connect(str(tmp_path / "schema.duckdb")) as connection:
        connection.execute(documented_schema())
        created = connection.execute(
            "SELECT table_name, column_name, data_type FROM information_schema.columns "
            "ORDER BY table_name, ordinal_position"
        ).fetchall()
    declared = [
        (table.name, column.name, column.sql_type.removesuffix(" NOT NULL"))
        for table in TABLES
        for column in table.columns
    ]
    assert created == sorted(declared, key=lambda row: row[0])  # stable: column order kept


def test_the_readme_queries_run(database: Path) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    examples = readme[readme.index("Three queries") :]
    queries = re.findall(r"```sql\n(.*?)```", examples, re.DOTALL)[:3]
    assert len(queries) == 3
    results = [query(database, sql) for sql in queries]
    assert results[0]  # the seed's CUSIP
    assert any(row[4] == 66000 for row in results[2])  # the seed's first sale
