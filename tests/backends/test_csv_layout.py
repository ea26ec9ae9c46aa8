"""One table layout (issue 16): ``13dc compile FILE --to csv --table T`` and a batch's ``T.csv``
have the database's header (compiler.backends.tables), so both load into the same place; the
single-filing persons table adds the filing's own columns after the database's."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLE
from typer.testing import CliRunner

from compiler.backends.tables import TABLES
from compiler.cli import app as cli

# --table name -> the batch's file (the database table's name).
BATCH_FILE = {
    "persons": "reporting_persons",
    "transactions": "transactions",
    "annex": "annex_persons",
    "items": "items",
    "diagnostics": "diagnostics",
}


def run(*args: str) -> Any:
    return CliRunner().invoke(cli.app, list(args), prog_name="13dc")


def rows_of(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


@pytest.fixture(scope="module")
def batch_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("batch")
    # Two inputs: a batch for sure, whatever the single-file rules say.
    copy = out / "in" / "copy.txt"
    copy.parent.mkdir()
    copy.write_bytes(EXAMPLE.read_bytes() + b"\n")  # other bytes, other filing_key
    result = run(
        "compile", str(EXAMPLE), str(copy), "--to", "csv", "-o", str(out / "tables"), "-j", "1"
    )
    assert result.exit_code == 0, result.stderr
    return out / "tables"


@pytest.mark.parametrize("table", sorted(BATCH_FILE))
def test_single_file_and_batch_tables_have_the_database_header(batch_dir: Path, table: str) -> None:
    single = run("compile", str(EXAMPLE), "--to", "csv", "--table", table)
    assert single.exit_code == 0, single.stderr
    single_rows = rows_of(single.stdout)
    batch_rows = rows_of((batch_dir / f"{BATCH_FILE[table]}.csv").read_text(encoding="utf-8"))
    database = list(next(t for t in TABLES if t.name == BATCH_FILE[table]).column_names)
    assert batch_rows[0] == database
    width = len(database)
    if table == "persons":
        assert single_rows[0][:width] == database
        assert single_rows[0][width:] == [
            "source_file",
            "form",
            "amendment_number",
            "issuer_name",
            "cusip",
            "event_date",
        ]
    else:
        assert single_rows[0] == database
    # The rows too: the batch's first filing is the same file, compiled the same way.
    first = [row for row in batch_rows[1:] if row[0] == single_rows[1][0]]
    assert [row[:width] for row in single_rows[1:]] == first


def test_csv_into_a_directory_with_one_file_writes_every_table(tmp_path: Path) -> None:
    out = tmp_path / "tables"
    out.mkdir()
    result = run("compile", str(EXAMPLE), "--to", "csv", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{t.name}.csv" for t in TABLES)
    persons = rows_of((out / "reporting_persons.csv").read_text(encoding="utf-8"))
    assert len(persons) == 2 and persons[1][2] == "STMicroelectronics N.V."
    # A trailing slash names a directory that does not exist yet.
    fresh = tmp_path / "new"
    assert run("compile", str(EXAMPLE), "--to", "csv", "-o", f"{fresh}/").exit_code == 0
    assert (fresh / "filings.csv").is_file()
