"""The ``positions`` view: generated chains with known links, changes and events (filing_chains),
the gap filled by a later batch, Parquet, the documented schema, and the README's queries."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO
from filing_chains import CHAIN, EXPECTED, MISSING, write_chain
from typer.testing import CliRunner

from compiler.batch.positions import COLUMNS, documented_view
from compiler.cli import app as cli

duckdb = pytest.importorskip("duckdb")

README = REPO / "README.md"


def run(*args: str) -> Any:
    return CliRunner().invoke(cli.app, list(args), prog_name="13dc")


def query(path: Path, sql: str) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(path), read_only=True) as connection:
        return connection.execute(sql).fetchall()  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def chain_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("chain")
    write_chain(directory)
    return directory


@pytest.fixture(scope="module")
def chain_db(chain_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("db") / "chain.duckdb"
    result = run("compile", str(chain_dir), "--to", "duckdb", "-o", str(path), "-j", "1")
    assert result.exit_code in (0, 1), result.output
    assert query(path, "SELECT count(*) FROM filings WHERE status <> 'failed'") == [(len(CHAIN),)]
    return path


def label_of(path: str) -> str:
    return Path(path).stem


ROWS_SQL = """
SELECT f.source_file, p.holder_key, p.chain_position, p.link_method, pf.source_file,
       p.shares_change, p.percent_change, p.days_since_previous, p.change_kind, p.form_switch,
       p.amendment_issue, p.amendments_missing
FROM positions p JOIN filings f USING (filing_key)
LEFT JOIN filings pf ON pf.filing_key = p.previous_filing_key
ORDER BY p.chain_key, p.chain_position
"""


def observed(path: Path) -> set[tuple[Any, ...]]:
    rows = set()
    for row in query(path, ROWS_SQL):
        previous = None if row[4] is None else label_of(row[4])
        rows.add((label_of(row[0]), row[1], row[2], row[3], previous, *row[5:]))
    return rows


def test_every_link_change_and_event_of_the_generated_chains(chain_db: Path) -> None:
    assert observed(chain_db) == set(EXPECTED)


def test_the_generated_filings_compile_to_what_was_written(chain_db: Path) -> None:
    # The chain's truth holds only if each filing reads back as generated (form, number, shares).
    rows = query(
        chain_db,
        "SELECT f.source_file, f.form, f.amendment_number, p.name, p.aggregate_amount, "
        "p.percent_of_class FROM filings f JOIN reporting_persons p USING (filing_key)",
    )
    got = {(label_of(r[0]), r[1], r[2], r[3], r[4], r[5]) for r in rows}
    want = {
        (s.label, s.form, s.amendment, h.name, h.shares, h.percent)
        for s in CHAIN
        for h in s.holdings
    }
    assert got == want


def test_three_chains_two_holders_in_one_issuer(chain_db: Path) -> None:
    chains = query(
        chain_db,
        "SELECT chain_key, count(*) FROM positions GROUP BY chain_key ORDER BY chain_key",
    )
    assert chains == [
        ("cik:0000932787/0001023731/STMICROELECTRONICS NV", 7),
        ("cusip:282912104/JONAS PELHAM", 4),
        ("cusip:282912104/PELHAM LANE CAPITAL LP", 4),
    ]


def test_not_reported_is_not_zero(chain_db: Path) -> None:
    rows = query(
        chain_db,
        "SELECT shares, previous_shares, shares_change, change_kind FROM positions "
        "WHERE holder_key LIKE 'STMICRO%' AND chain_position IN (5, 6, 7) ORDER BY chain_position",
    )
    assert rows == [
        (None, 2_202_000, None, "not_reported"),  # the row left blank: not said
        (1_000_000, None, None, "not_reported"),
        (0, 1_000_000, -1_000_000, "exit"),  # 0 written: the holder has exited
    ]


def test_a_later_batch_fills_the_gap(chain_dir: Path, tmp_path: Path) -> None:
    database = tmp_path / "filled.duckdb"
    assert run("compile", str(chain_dir), "--to", "duckdb", "-o", str(database)).exit_code in (
        0,
        1,
    )
    extra = tmp_path / "later"
    write_chain(extra, (MISSING,))
    assert run("compile", str(extra), "--to", "duckdb", "-o", str(database)).exit_code in (0, 1)
    rows = query(
        database,
        "SELECT amendment_number, amendment_issue, link_method, shares_change "
        "FROM positions WHERE schedule = '13D' AND holder_key LIKE 'STMICRO%' "
        "ORDER BY chain_position",
    )
    assert rows == [
        (None, None, "cik", 900_000),  # ST-3, after the 13G filings
        (1, None, "name_cusip", -698_000),  # ST-4, without its EDGAR header
        (2, None, "name_cusip", -102_000),  # the amendment that was missing
        (3, None, "cik", None),  # ST-5: no gap any more
        (4, None, "cik", None),
        (5, None, "cik", -1_000_000),
    ]


def test_the_chain_does_not_depend_on_the_file_order(chain_dir: Path, tmp_path: Path) -> None:
    database = tmp_path / "reversed.duckdb"
    files = sorted(str(p) for p in chain_dir.iterdir())[::-1]
    assert run("compile", *files, "--to", "duckdb", "-o", str(database), "-j", "1").exit_code in (
        0,
        1,
    )
    assert observed(database) == set(EXPECTED)


def test_parquet_has_the_positions_file(chain_dir: Path, chain_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "parquet"
    assert run("compile", str(chain_dir), "--to", "parquet", "-o", str(out)).exit_code in (0, 1)
    with duckdb.connect() as connection:
        parquet = connection.execute(
            f"SELECT * FROM '{out / 'positions.parquet'}' ORDER BY chain_key, chain_position"
        ).fetchall()
    assert parquet == query(chain_db, "SELECT * FROM positions ORDER BY chain_key, chain_position")


def test_the_view_has_the_documented_columns(chain_db: Path) -> None:
    described = query(chain_db, "SELECT column_name, column_type FROM (DESCRIBE positions)")
    assert described == [(c.name, c.sql_type) for c in COLUMNS]


def test_the_readme_documents_the_view() -> None:
    assert documented_view() in README.read_text(encoding="utf-8")


def test_the_readme_positions_queries_run(chain_db: Path) -> None:
    text = README.read_text(encoding="utf-8")
    examples = text[text.index("Two queries on `positions`") :]
    queries = re.findall(r"```sql\n(.*?)```", examples, re.DOTALL)[:2]
    assert len(queries) == 2
    increases, switches = (query(chain_db, sql) for sql in queries)
    # The largest increase of 2003 is ST-3's (+900,000 shares, the 13G -> 13D switch).
    assert increases[0][1:4] == ("STMICROELECTRONICS, N.V.", 900_000, Decimal("2.6000"))
    assert [row[:2] for row in switches] == [("STMICROELECTRONICS, N.V.", "8x8, Inc.")]


def test_a_table_in_the_way_of_the_view_is_one_line(chain_dir: Path, tmp_path: Path) -> None:
    database = tmp_path / "taken.duckdb"
    with duckdb.connect(str(database)) as connection:
        connection.execute("CREATE TABLE positions (x INTEGER)")
    result = run("compile", str(chain_dir), "--to", "duckdb", "-o", str(database))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{database}: error: cannot create the positions view: ")
    assert len(result.stderr.splitlines()) == 1


def test_switch_back_out_of_order_and_earlier_missing(tmp_path: Path) -> None:
    # Rows loaded straight into the tables (the SQL alone is under test): one holder without
    # EDGAR identifiers, 13G -> 13D -> 13G, and a cover page without a name.
    from compiler.batch.database import DuckDBWriter

    database = tmp_path / "events.duckdb"
    DuckDBWriter(str(database)).close()
    filings = [
        ("k1", "SC 13G/A", 2, "2010-01-10", 600),
        ("k2", "SC 13D", None, "2010-05-01", 900),
        ("k3", "SC 13D/A", 2, "2010-09-01", 900),
        ("k4", "SC 13D/A", 1, "2010-10-01", 1000),
        ("k5", "SC 13G/A", 3, "2011-02-14", None),
    ]
    with duckdb.connect(str(database)) as connection:
        for key, form, number, date, shares in filings:
            connection.execute(
                "INSERT INTO filings (filing_key, status, form, amendment_number, cusip, "
                "event_date, compiler_version) VALUES (?, 'compiled', ?, ?, '000111AA2', ?, 't')",
                [key, form, number, date],
            )
            connection.execute(
                "INSERT INTO reporting_persons (filing_key, person_index, name, aggregate_amount) "
                "VALUES (?, 1, 'Alpha Fund, L.P.', ?)",
                [key, shares],
            )
        connection.execute(
            "INSERT INTO reporting_persons (filing_key, person_index, name) VALUES ('k1', 2, NULL)"
        )
    rows = query(
        database,
        "SELECT filing_key, person_index, chain_key, chain_position, shares_change, change_kind, "
        "form_switch, amendment_issue, amendments_missing, link_method "
        "FROM positions ORDER BY chain_key, chain_position",
    )
    chain = "cusip:000111AA2/ALPHA FUND LP"
    assert rows == [
        ("k1", 1, chain, 1, None, "first", None, "earlier_missing", 2, None),
        ("k2", 1, chain, 2, 300, "increase", "13G->13D", None, None, "name_cusip"),
        ("k3", 1, chain, 3, 0, "unchanged", None, "gap", 1, "name_cusip"),
        ("k4", 1, chain, 4, 100, "increase", None, "out_of_order", None, "name_cusip"),
        ("k5", 1, chain, 5, None, "not_reported", "13D->13G", None, None, "name_cusip"),
        ("k1", 2, "unnamed:k1/2", 1, None, "first", None, "earlier_missing", 2, None),
    ]
