"""The README's example queries run on a database of the bundled filings (and ../shared/corpus
when it is there), and the percent query finds no false rows (issue 16) but does find a filing
whose row 13 contradicts its shares."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import REPO
from minimal_filing import minimal_13d
from typer.testing import CliRunner

from compiler.cli import app as cli

duckdb = pytest.importorskip("duckdb")

CORPUS = REPO.parent / "shared" / "corpus"
README = (REPO / "README.md").read_text(encoding="utf-8")
QUERIES = re.findall(r"```sql\n(SELECT.*?|WITH.*?)```", README, re.DOTALL)
PERCENT_QUERY = next(q for q in QUERIES if "PERCENT-MISMATCH" in q)


def database(tmp_path: Path, *inputs: Path) -> object:
    path = tmp_path / "filings.duckdb"
    args = ["compile", *map(str, inputs), "--to", "duckdb", "-o", str(path), "-j", "1"]
    result = CliRunner().invoke(cli.app, args, prog_name="13dc")
    assert result.exit_code in (0, 1), result.stderr  # a failed partial filing is 1
    return duckdb.connect(str(path), read_only=True)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> object:
    inputs = [REPO / "tests" / "fixtures", REPO / "examples"]
    if CORPUS.is_dir():
        inputs.append(CORPUS)
    return database(tmp_path_factory.mktemp("corpus"), *inputs)


def test_the_readme_has_its_queries_and_each_runs(corpus: object) -> None:
    # Three on the tables, two on the positions view ("Ownership over time").
    assert len(QUERIES) == 5
    assert sum("FROM positions" in query for query in QUERIES) == 2
    for query in QUERIES:
        corpus.execute(query).fetchall()  # type: ignore[attr-defined]


def test_the_percent_query_gives_no_false_row_on_the_corpus(corpus: object) -> None:
    assert corpus.execute(PERCENT_QUERY).fetchall() == []  # type: ignore[attr-defined]


def test_the_percent_query_finds_a_contradiction(tmp_path: Path) -> None:
    wrong = tmp_path / "wrong.txt"
    wrong.write_bytes(minimal_13d(percent="7.5%"))  # 600,000 of 10,000,000 is 6%
    rows = database(tmp_path, wrong).execute(PERCENT_QUERY).fetchall()  # type: ignore[attr-defined]
    assert len(rows) == 1
    assert "7.5% but 600,000 of 10,000,000" in rows[0][3]
