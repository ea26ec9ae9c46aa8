"""``13dc score``: the shared scorer's comparison shipped in the package (issue 16), the accuracy
the README publishes for tests/fixtures, and the same output as ../shared/tools/score.py."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO
from typer.testing import CliRunner

from compiler.cli import app as cli

FIXTURES = REPO / "tests" / "fixtures"
SHARED_SCORER = REPO.parent / "shared" / "tools" / "score.py"


def run(*args: str) -> Any:
    return CliRunner().invoke(cli.app, list(args), prog_name="13dc")


def test_the_readme_publishes_what_the_command_prints() -> None:
    result = run("score", str(FIXTURES))
    assert result.exit_code == 0, result.stderr
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    command = ".venv/bin/13dc score tests/fixtures"
    assert command in readme
    published = re.search(
        re.escape(command) + r"\n```\n\n```\n(?P<table>.*?)\n```", readme, re.DOTALL
    )
    assert published is not None
    # If this fails after a change of accuracy, paste the command's output into the README.
    assert published.group("table") == result.stdout.rstrip("\n")


def test_a_wrong_value_is_counted_and_shown(tmp_path: Path) -> None:
    for name in ("natereed-arqule_13g.txt", "natereed-arqule_13g.gold.json"):
        shutil.copy(FIXTURES / "13g" / name, tmp_path / name)
    gold_file = tmp_path / "natereed-arqule_13g.gold.json"
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    gold["reporting_persons"][0]["aggregate_amount"] += 1
    gold_file.write_text(json.dumps(gold), encoding="utf-8")
    result = run("score", str(tmp_path), "--min", "0.999")
    assert result.exit_code == 1  # below --min
    assert re.search(r"^person\.aggregate_amount\s+0\s+1\s+0\.00%$", result.stdout, re.M)
    assert "natereed-arqule_13g.txt/reporting_persons/0/aggregate_amount: expected" in (
        result.stdout
    )
    assert "all fields right: 0" in result.stdout
    assert run("score", str(tmp_path)).exit_code == 0  # no --min: a report, not a verdict


def test_a_filing_that_does_not_compile_scores_zero(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "empty.gold.json").write_text('{"form": "SC 13D"}', encoding="utf-8")
    result = run("score", str(tmp_path))
    assert "filings without JSON (1):" in result.stdout
    assert "empty.txt: " in result.stdout and "empty file" in result.stdout
    assert "field accuracy: 0/1 = 0.00%" in result.stdout


def test_no_gold_file_is_an_error(tmp_path: Path) -> None:
    result = run("score", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr.startswith("13dc: error: no filing")


@pytest.mark.skipif(not SHARED_SCORER.is_file(), reason="../shared is not checked out")
def test_the_same_output_as_the_shared_scorer() -> None:
    directories = [str(FIXTURES / "13g"), str(FIXTURES / "seed"), str(FIXTURES / "html")]
    command = f"{sys.executable} -m compiler compile {{path}} --to json"
    shared = subprocess.run(
        [sys.executable, str(SHARED_SCORER), "--compile", command, *directories],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
        timeout=300,
    )
    assert shared.returncode == 0, shared.stderr
    ours = run("score", *directories)
    assert ours.stdout == shared.stdout
