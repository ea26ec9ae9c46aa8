"""``13dc history``: the timeline of the generated chains (filing_chains), filters, a Parquet
directory, --plot, the one-line errors, and the time on a database of 10,000 filings (slow)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO
from filing_chains import write_chain
from typer.testing import CliRunner

from compiler.backends.timeline import render_timeline
from compiler.batch.database import DuckDBWriter
from compiler.batch.history import read_positions
from compiler.cli import app as cli

duckdb = pytest.importorskip("duckdb")


ST_BLOCK = """\
STMicroelectronics N.V. in 8x8, Inc. (CUSIP 282912104): 7 filings
date        form      amend          shares   percent          change        pp  notes
2002-12-31  SC 13G                1,750,000       5.1
2003-06-30  SC 13G/A      1       2,000,000       5.8        +250,000      +0.7
2003-09-15  SC 13D                2,900,000       8.4        +900,000      +2.6  switch 13G->13D
2003-12-23  SC 13D/A      1       2,202,000      6.41        -698,000     -1.99  linked by \
name+CUSIP
2004-04-01  SC 13D/A      3             n/r      6.41             n/r         0  amendment gap; \
linked by name+CUSIP
2004-08-02  SC 13D/A      4       1,000,000       2.9             n/r     -3.51
2005-01-14  SC 13D/A      5               0         0      -1,000,000      -2.9  exit
"""


def run(*args: str) -> Any:
    return CliRunner().invoke(cli.app, list(args), prog_name="13dc")


@pytest.fixture(scope="module")
def chain_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("history")
    write_chain(root / "chain")
    path = root / "chain.duckdb"
    result = run("compile", str(root / "chain"), "--to", "duckdb", "-o", str(path), "-j", "1")
    assert result.exit_code in (0, 1), result.output
    return path


def titles(output: str) -> list[str]:
    return [line for line in output.splitlines() if " filing" in line and " in " in line]


def test_the_timeline_of_a_holder(chain_db: Path) -> None:
    result = run("history", str(chain_db), "--holder", "stmicro")
    assert result.exit_code == 0, result.output
    assert result.stdout == ST_BLOCK


def test_an_issuer_by_cusip_prefix_or_name(chain_db: Path) -> None:
    by_cusip = run("history", str(chain_db), "--issuer", "282912104")
    assert by_cusip.exit_code == 0
    assert titles(by_cusip.stdout) == [
        "STMicroelectronics N.V. in 8x8, Inc. (CUSIP 282912104): 7 filings",
        "Jonas Pelham in 8x8, Inc. (CUSIP 282912104): 4 filings",
        "Pelham Lane Capital, L.P. in 8x8, Inc. (CUSIP 282912104): 4 filings",
    ]
    assert by_cusip.stdout.startswith(ST_BLOCK + "\n")
    assert run("history", str(chain_db), "--issuer", "282912").stdout == by_cusip.stdout
    assert run("history", str(chain_db), "--issuer", "8X8, inc").stdout == by_cusip.stdout
    # The subject-company CIK of the EDGAR headers: Pelham Lane's filings have none, but their
    # CUSIP is tied to that CIK by ST's filings.
    assert run("history", str(chain_db), "--issuer", "0001023731").stdout == by_cusip.stdout


def test_holder_and_issuer_together(chain_db: Path) -> None:
    result = run("history", str(chain_db), "--issuer", "8x8", "--holder", "Pelham")
    assert titles(result.stdout) == [
        "Jonas Pelham in 8x8, Inc. (CUSIP 282912104): 4 filings",
        "Pelham Lane Capital, L.P. in 8x8, Inc. (CUSIP 282912104): 4 filings",
    ]
    assert "2004-03-01  SC 13D/A      1       2,400,000       6.9               0         0  " \
        "amendment repeat" in result.stdout  # fmt: skip
    # The chain goes on in the XML era (PL-4 is EDGAR XML): linked to the last text filing.
    assert "2025-01-15  SC 13D/A      2       2,600,000       7.5        +200,000      +0.6  " \
        "linked by name+CUSIP" in result.stdout  # fmt: skip


def test_nothing_matches_exits_1(chain_db: Path) -> None:
    result = run("history", str(chain_db), "--holder", "nobody at all")
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", "13dc: no positions match\n")


def test_a_parquet_directory_answers_the_same(chain_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "parquet"
    chain = chain_db.parent / "chain"
    assert run("compile", str(chain), "--to", "parquet", "-o", str(out)).exit_code in (0, 1)
    assert run("history", str(out), "--holder", "stmicro").stdout == ST_BLOCK


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nope.duckdb", "--holder", "x"], "nope.duckdb: error: no such database"),
        (["DIR", "--holder", "x"], "DIR: error: no filings.parquet: not a 13dc Parquet directory"),
        (["FOREIGN", "--holder", "x"], "FOREIGN: error: not a 13dc database (no filings table)"),
        (["TEXT", "--holder", "x"], "TEXT: error: cannot open the database: "),
        (["DB", "--holder", "x", "--plot", "out.pdf"],
         "out.pdf: error: --plot writes .svg or .png (by the file's extension)"),
    ],
)  # fmt: skip
def test_one_line_errors_exit_2(
    chain_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "DIR").mkdir()
    with duckdb.connect(str(tmp_path / "FOREIGN")) as connection:
        connection.execute("CREATE TABLE other (x INTEGER)")
    (tmp_path / "TEXT").write_text("not a database\n")
    args = [str(chain_db) if a == "DB" else a for a in args]
    result = run("history", *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith(message)
    assert not (tmp_path / "out.pdf").exists()


def test_issuer_or_holder_is_required(chain_db: Path) -> None:
    result = run("history", str(chain_db))
    assert result.exit_code == 2
    assert "give --issuer, --holder or both" in result.stderr


@pytest.mark.parametrize("suffix", [".svg", ".png"])
def test_plot(chain_db: Path, tmp_path: Path, suffix: str) -> None:
    pytest.importorskip("matplotlib")
    target = tmp_path / f"chain{suffix}"
    result = run("history", str(chain_db), "--issuer", "282912104", "--plot", str(target))
    assert result.exit_code == 0, result.output
    assert result.stderr == f"13dc: {target}: 3 holders\n"
    data = target.read_bytes()
    if suffix == ".png":
        assert data.startswith(b"\x89PNG\r\n\x1a\n")
    else:
        assert b"<svg" in data[:1000]
        # The same database draws the same bytes (no creation date in the file).
        again = tmp_path / "again.svg"
        run("history", str(chain_db), "--issuer", "282912104", "--plot", str(again))
        assert again.read_bytes() == data


def test_without_matplotlib_one_clear_line(
    chain_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib raises ImportError
    result = run("history", str(chain_db), "--holder", "x", "--plot", str(tmp_path / "p.svg"))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "13dc: error: --plot needs the matplotlib package, which is not installed: "
        "pip install '13dc[plot]'\n"
    )


def test_without_duckdb_one_clear_line(chain_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "duckdb", None)
    result = run("history", str(chain_db), "--holder", "x")
    assert result.exit_code == 2
    assert result.stderr == (
        "13dc: error: 13dc history needs the duckdb package, which is not installed: "
        "pip install '13dc[db]'\n"
    )


def test_the_history_command_imports_nothing_heavy() -> None:
    code = (
        "import sys\n"
        "import compiler.cli.app, compiler.cli.history\n"
        "print(sorted({'duckdb', 'matplotlib', 'compiler.batch.history'} & set(sys.modules)))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, cwd=REPO, check=True, timeout=120
    )
    assert proc.stdout.decode().strip() == "[]"


def synthetic_database(path: Path, filings: int) -> None:
    """``filings`` filings of 2 reporting persons each: 5 per issuer (a 13G, then a 13D and its
    amendments), with EDGAR identifiers, loaded straight into the tables."""
    DuckDBWriter(str(path)).close()  # the tables and the view
    with duckdb.connect(str(path)) as connection:
        connection.execute(
            f"""
            INSERT INTO filings (filing_key, accession_number, status, form, amendment_number,
                issuer_name, issuer_cik, filer_cik, cusip, event_date, filed_date,
                compiler_version)
            SELECT printf('0000000000-00-%06d', i), printf('0000000000-00-%06d', i), 'compiled',
                   CASE WHEN i % 5 = 0 THEN 'SC 13G' WHEN i % 5 = 1 THEN 'SC 13D'
                        ELSE 'SC 13D/A' END,
                   CASE WHEN i % 5 >= 2 THEN i % 5 - 1 END,
                   printf('Issuer %d Corp', i // 5), printf('%010d', i // 5),
                   printf('%010d', 900000 + i // 5), printf('%06dAB1', i // 5),
                   DATE '2000-01-01' + CAST(i % 5 * 90 + i // 5 % 365 AS INTEGER),
                   DATE '2000-01-05' + CAST(i % 5 * 90 + i // 5 % 365 AS INTEGER), 'synthetic'
            FROM range({filings}) t(i)
            """
        )
        connection.execute(
            """
            INSERT INTO reporting_persons (filing_key, person_index, name, aggregate_amount,
                percent_of_class)
            SELECT filing_key, j, printf('Holder %d Fund %d LP', CAST(issuer_cik AS INTEGER), j),
                   1000000 + 10000 * coalesce(amendment_number, 0) + j, 5 + j
            FROM filings, range(1, 3) t(j)
            """
        )


@pytest.mark.slow
def test_history_on_10000_filings_answers_within_a_second(tmp_path: Path) -> None:
    path = tmp_path / "big.duckdb"
    synthetic_database(path, 10_000)
    started = time.perf_counter()
    positions = read_positions(str(path), issuer="001234AB1", holder=None)
    text = render_timeline(positions)
    elapsed = time.perf_counter() - started
    assert len(positions) == 10 and text.count(" filings\n") == 2
    assert elapsed < 1.0, elapsed
    # The whole command, Python start-up included (measured, reported; not asserted: a busy
    # machine's start-up is not what is being tested).
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "compiler", "history", str(path), "--issuer", "001234AB1"],
        check=True, capture_output=True, env=env, timeout=120,
    )  # fmt: skip
    print(f"13dc history on 10,000 filings: {time.perf_counter() - started:.2f} s")


def test_the_readme_example_is_the_output() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "$ 13dc history chain.duckdb --issuer 282912104" in readme
    assert ST_BLOCK in readme


@pytest.mark.parametrize(
    "name",
    ["Pelham Lane Capital, L.P.", "PELHAM LANE CAPITAL LP", "pelham lane capital l.p", "lane cap"],
)
def test_a_holder_as_written_or_normalized(chain_db: Path, name: str) -> None:
    result = run("history", str(chain_db), "--holder", name)
    assert titles(result.stdout) == [
        "Pelham Lane Capital, L.P. in 8x8, Inc. (CUSIP 282912104): 4 filings"
    ]


def test_holder_key_is_the_views_normalization() -> None:
    from compiler.batch.history import holder_key
    from compiler.batch.positions import _HOLDER_KEY

    names = ["STMicroelectronics, N.V.", "A & B  Co.,'Ltd'", 'The "X" Fund', "Ærø-Fund", "x"]
    with duckdb.connect() as connection:
        keys = connection.execute(
            f"SELECT {_HOLDER_KEY} FROM unnest(?) p(name)", [names]
        ).fetchall()
    assert [holder_key(name) for name in names] == [key for (key,) in keys]
    assert holder_key("A & B  Co.,'Ltd'") == "A AND B CO LTD"  # a comma is a space
