"""`--to csv` output opens in DuckDB (as in Python's csv module) with the right row counts."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES

from compiler import compile_filing
from compiler.backends.render import CsvTable, OutputFormat, render

duckdb = pytest.importorskip("duckdb")

SEED = FIXTURES / "seed" / "000_16ffad13912a4479.txt"


@pytest.mark.parametrize(
    ("table", "rows"),
    [
        (CsvTable.PERSONS, 1),
        (CsvTable.TRANSACTIONS, 35),
        (CsvTable.ANNEX, 27),
        (CsvTable.ITEMS, 3),
    ],
)
def test_seed_csv_tables_load_in_duckdb(tmp_path: Path, table: CsvTable, rows: int) -> None:
    filing = compile_filing(SEED.read_bytes(), str(SEED))
    path = tmp_path / f"{table.value}.csv"
    path.write_bytes(render(filing, OutputFormat.CSV, table=table).encode("utf-8"))
    connection = duckdb.connect()
    count = connection.execute(
        "SELECT count(*) FROM read_csv(?, header = true, quote = '\"')", [str(path)]
    ).fetchone()
    assert count is not None and count[0] == rows
    if table is CsvTable.TRANSACTIONS:
        total = connection.execute(
            "SELECT sum(shares) FROM read_csv(?, header = true)", [str(path)]
        ).fetchone()
        assert total is not None and total[0] == 1498000
