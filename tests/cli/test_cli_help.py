"""Help and error text a new user reads (issue 16): no ``<bool>`` beside a flag, no ``N [x>=1]``,
no sentence wrapped in the middle at 80 columns, one line for an unknown ``--to`` or ``--table``."""

from __future__ import annotations

import re
from typing import Any

import pytest
from conftest import EXAMPLE
from typer.testing import CliRunner

from compiler.cli import app as cli
from compiler.cli import help as help_texts

MARKUP = re.compile(r"\[/?(?:bold|dim|i)\]")


def run(*args: str) -> Any:
    return CliRunner().invoke(cli.app, list(args), env={"COLUMNS": "80"}, prog_name="13dc")


def epilog_lines(text: str) -> list[str]:
    plain = MARKUP.sub("", text.replace("\\\n", ""))
    return [line.rstrip() for line in plain.splitlines() if line.strip()]


HELPS = {
    ("--help",): help_texts.EXIT_CODES_HELP,
    ("compile", "--help"): help_texts.COMPILE_EPILOG,
    ("check", "--help"): help_texts.CHECK_EPILOG,
    ("score", "--help"): help_texts.SCORE_EPILOG,
}


@pytest.mark.parametrize("args", list(HELPS), ids=" ".join)
def test_help_at_80_columns_has_no_type_noise_and_no_broken_line(args: tuple[str, ...]) -> None:
    result = run(*args)
    assert result.exit_code == 0
    out = result.stdout
    assert max(len(line) for line in out.splitlines()) <= 80
    for noise in ("<bool>", "x>=", "<list[str]>", "<int>", "<text>"):
        assert noise not in out, noise
    printed = [line.strip() for line in out.splitlines()]
    for line in epilog_lines(HELPS[args]):
        # Each line of the epilog is printed whole: the terminal did not wrap it.
        assert line.strip() in printed, line


def test_an_unknown_format_or_table_is_one_line_naming_the_choices() -> None:
    result = run("compile", str(EXAMPLE), "--to", "xml")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "13dc: error: --to xml: unknown format; choose json, csv, text, source, html, sec-xml, "
        "jsonl, parquet, duckdb"
    ]
    table = run("compile", str(EXAMPLE), "--to", "csv", "--table", "people")
    assert table.exit_code == 2
    assert table.stderr.splitlines() == [
        "13dc: error: --table people: unknown table; choose persons, transactions, annex, "
        "items, diagnostics"
    ]
    assert run("compile", str(EXAMPLE), "--to", "JSON").exit_code == 0  # any case, as before


def test_jobs_below_one_is_one_line() -> None:
    result = run("compile", str(EXAMPLE.parent), "-j", "0")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "13dc: error: -j 0: the number of worker processes is at least 1"
    ]


def test_the_progress_bar_labels_its_two_times() -> None:
    from compiler.batch.sinks import BarProgress

    bar = BarProgress(3)
    texts = [getattr(column, "text_format", None) for column in bar._bar.columns]
    assert "elapsed" in texts and "left" in texts
    kinds = [type(column).__name__ for column in bar._bar.columns]
    assert kinds[texts.index("elapsed") + 1] == "TimeElapsedColumn"
    assert kinds[texts.index("left") + 1] == "TimeRemainingColumn"
