"""``13dc check`` takes the inputs ``13dc compile`` takes (issue 16): directories and glob
patterns too; each filing's diagnostics on stdout, a summary line on stderr for several."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLE
from typer.testing import CliRunner

from compiler.cli import app as cli


def run(*args: str) -> Any:
    return CliRunner().invoke(cli.app, list(args), prog_name="13dc")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_bytes(EXAMPLE.read_bytes())
    (tmp_path / "sub" / "b.txt").write_bytes(EXAMPLE.read_bytes())
    (tmp_path / "notes.md").write_text("not a filing")  # not searched
    return tmp_path


def test_check_a_directory_prints_each_filing_and_a_summary(folder: Path) -> None:
    result = run("check", str(folder))
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert {line.split(":")[0] for line in lines} == {
        str(folder / "a.txt"),
        str(folder / "sub" / "b.txt"),
    }
    assert all("CUSIP-MISMATCH" in line or "TX-AFTER-EVENT" in line for line in lines)
    assert result.stderr.splitlines() == [
        "13dc: 2 filings checked: 0 clean, 2 with warnings, 0 with errors, 0 could not be compiled"
    ]


def test_check_a_glob_and_a_failing_file(folder: Path) -> None:
    (folder / "sub" / "empty.txt").write_bytes(b"")
    result = run("check", str(folder / "**" / "*.txt"))
    assert result.exit_code == 2  # one filing could not be compiled
    assert f"{folder / 'sub' / 'empty.txt'}: error: empty file" in result.stderr
    assert result.stderr.splitlines()[-1] == (
        "13dc: 3 filings checked: 0 clean, 2 with warnings, 0 with errors, 1 could not be compiled"
    )
    strict = run("check", "--strict", str(folder / "*.txt"))
    assert strict.exit_code == 1  # warnings count under --strict
    assert strict.stderr.endswith("1 with warnings, 0 with errors, 0 could not be compiled\n")


def test_check_one_file_has_no_summary_and_an_empty_directory_is_an_error(
    folder: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    one = run("check", str(folder / "a.txt"))
    assert one.exit_code == 0
    assert one.stderr == ""
    empty = tmp_path_factory.mktemp("empty")
    nothing = run("check", str(empty))
    assert nothing.exit_code == 2
    assert nothing.stderr.startswith(f"13dc: error: {empty}: no filings")
