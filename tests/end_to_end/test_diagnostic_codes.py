"""The registry of diagnostic codes (compiler/diagnostic_codes.py) against what the compiler emits,
the README's table of codes, and the command line (``--ignore CODE``, ``13dc codes``).

The source scans are what keeps the registry the one list: a code written as a string anywhere in
``compiler/`` fails here (emitters use ``Code.X``), and so does a registered code nothing emits.
"""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, REPO
from minimal_filing import minimal_13d
from typer.testing import CliRunner

from compiler import compile_filing
from compiler.cli import app as cli
from compiler.diagnostic_codes import Code, lookup, markdown_table, unknown
from compiler.ir import Severity

PACKAGE = REPO / "compiler"
REGISTRY = PACKAGE / "diagnostic_codes.py"
SEED = FIXTURES / "seed" / "000_16ffad13912a4479.txt"

# A string shaped like a code: upper-case words joined by hyphens.
CODE_SHAPED = re.compile(r"[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+")
# Strings of that shape in compiler/ that are not diagnostic codes, and what they are.
NOT_CODES = {
    "SEC-HEADER": "EDGAR SGML tag",
    "SEC-DOCUMENT": "EDGAR SGML tag",
    "IMS-HEADER": "EDGAR SGML tag (the older name)",
    "IMS-DOCUMENT": "EDGAR SGML tag (the older name)",
}


@cache
def package_trees() -> tuple[tuple[Path, ast.Module], ...]:
    """Every module of compiler/ but the registry itself, parsed."""
    return tuple(
        (path, ast.parse(path.read_text(encoding="utf-8"), str(path)))
        for path in sorted(PACKAGE.rglob("*.py"))
        if path != REGISTRY
    )


def code_shaped_strings() -> list[tuple[str, str]]:
    """(where, string) for each string constant of compiler/ that looks like a code."""
    found = []
    for path, tree in package_trees():
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and CODE_SHAPED.fullmatch(node.value)
            ):
                found.append((f"{path.relative_to(REPO)}:{node.lineno}", node.value))
    return found


def referenced_members() -> set[str]:
    """The names X of every ``Code.X`` in compiler/ outside the registry."""
    return {
        node.attr
        for _, tree in package_trees()
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "Code"
    }


# --- the registry against the source -----------------------------------------------------------


def test_no_code_is_written_as_a_string_in_the_compiler() -> None:
    strings = code_shaped_strings()
    registered = [(where, s) for where, s in strings if lookup(s) is not None]
    assert registered == [], "emit these as Code members, not strings"
    unregistered = [(where, s) for where, s in strings if s not in NOT_CODES]
    assert unregistered == [], (
        "a new diagnostic code goes into compiler/diagnostic_codes.py (and is emitted as Code.X);"
        " a string of this shape that is not a code goes into NOT_CODES with what it is"
    )


def test_the_scan_sees_the_known_non_codes() -> None:
    # (the scan itself works: it finds the SGML tags, so an empty result above means something)
    assert {"SEC-HEADER", "SEC-DOCUMENT"} <= {s for _, s in code_shaped_strings()}


def test_every_code_is_emitted_somewhere_or_reserved() -> None:
    used = referenced_members()
    assert used <= set(Code.__members__), "Code.X of a member that does not exist"
    idle = [code for code in Code if code.name not in used and not code.reserved]
    assert idle == [], "emitted nowhere: emit it, or give it reserved='why it is kept'"


def test_the_registry_entries_are_well_formed() -> None:
    assert len(Code.__members__) == len(list(Code)), "two members with one value (an alias)"
    for code in Code:
        assert code.name == code.value.replace("-", "_"), code
        assert isinstance(code.severity, Severity), code
        assert code.meaning and code.meaning == code.meaning.strip(), code
        for text in (code.meaning, code.example, code.error_when, code.reserved):
            # One line of the README's table each.
            assert "\n" not in text and "|" not in text, code
        assert not code.error_when or code.severity is Severity.WARNING, code


def test_lookup_is_case_insensitive_and_knows_only_the_registry() -> None:
    assert lookup("page-sequence") is Code.PAGE_SEQUENCE
    assert lookup(" Cusip-Mismatch ") is Code.CUSIP_MISMATCH
    assert lookup("PAGE_SEQUENCE") is None
    assert unknown(["tx-after-event", "NO-SUCH-CODE", "", "CUSIP-MISSING"]) == ["NO-SUCH-CODE", ""]


# --- what is emitted -----------------------------------------------------------------------------


@cache
def fixture_diagnostics() -> tuple[Any, ...]:
    paths = sorted(
        p
        for p in FIXTURES.rglob("*")
        if p.suffix in (".txt", ".htm", ".html") and "partial" not in p.parts
    )
    assert len(paths) >= 15
    return tuple(d for p in paths for d in compile_filing(p.read_bytes(), p.name).diagnostics)


def test_emitted_diagnostics_carry_their_registered_severity() -> None:
    diagnostics = fixture_diagnostics()
    assert len({d.code for d in diagnostics}) >= 5
    for d in diagnostics:
        assert isinstance(d.code, Code), d
        assert d.severity is d.code.severity, d


def _without_rows(numbers: tuple[int, ...]) -> bytes:
    lines = minimal_13d().decode().splitlines(keepends=True)
    kept = [line for line in lines if not re.match(rf" ?({'|'.join(map(str, numbers))})   ", line)]
    assert len(kept) == len(lines) - len(numbers)
    return "".join(kept).encode()


@pytest.mark.parametrize(
    ("rows", "severity"),
    [((8, 10, 12), Severity.WARNING), ((8, 9, 10, 12), Severity.ERROR)],
)
def test_cover_rows_missing_is_an_error_past_three(
    rows: tuple[int, ...], severity: Severity
) -> None:
    assert Code.COVER_ROWS_MISSING.error_when == "more than three"
    found = [
        d
        for d in compile_filing(_without_rows(rows), "t.txt").diagnostics
        if d.code is Code.COVER_ROWS_MISSING
    ]
    assert [(d.severity, d.message) for d in found] == [
        (severity, f"cover page lacks row(s) {', '.join(map(str, rows))}")
    ]


# --- the README ----------------------------------------------------------------------------------

README_TABLE = re.compile(r"<!-- codes:start[^\n]*-->\n(?P<table>.*?)<!-- codes:end -->", re.S)


def test_the_readme_table_is_the_registry() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    found = README_TABLE.findall(readme)
    assert len(found) == 1, "one <!-- codes:start --> ... <!-- codes:end --> section"
    assert found[0] == markdown_table(), (
        "regenerate it: python -m compiler.diagnostic_codes README.md"
    )


def test_the_table_has_a_row_per_code() -> None:
    rows = markdown_table().splitlines()[2:]
    assert [row.split("|")[1].strip(" `") for row in rows] == [code.value for code in Code]
    assert "| `COVER-ROWS-MISSING` | warning (error if more than three) |" in markdown_table()


# --- the command line ----------------------------------------------------------------------------


def run(*args: str) -> Any:
    return CliRunner().invoke(cli.app, list(args), prog_name="13dc")


@pytest.mark.parametrize(
    "command",
    [
        ("check", str(SEED)),
        ("check", str(SEED), str(SEED)),
        ("compile", str(SEED)),
        ("compile", str(SEED), "--to", "jsonl"),
        ("compile", str(SEED), str(SEED)),
    ],
    ids=["check", "check-batch", "compile", "compile-jsonl", "compile-batch"],
)
def test_an_unknown_ignored_code_is_a_usage_error(command: tuple[str, ...]) -> None:
    result = run(*command, "--ignore", "page-sequence", "--ignore", "PAGE-SEQENCE")
    assert result.exit_code == cli.ExitCode.FAILED
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "13dc: error: --ignore PAGE-SEQENCE: no such diagnostic code (see 13dc codes)"
    ]


def test_every_unknown_code_is_named_on_the_one_line() -> None:
    result = run("check", str(SEED), "--ignore", "FOO", "--ignore", "bar")
    assert result.exit_code == cli.ExitCode.FAILED
    assert (
        result.stderr
        == "13dc: error: --ignore FOO, bar: no such diagnostic code (see 13dc codes)\n"
    )


def test_the_check_of_ignore_comes_before_reading_any_file(tmp_path: Path) -> None:
    result = run("check", str(tmp_path / "missing.txt"), "--ignore", "FOO")
    assert result.stderr.splitlines() == [
        "13dc: error: --ignore FOO: no such diagnostic code (see 13dc codes)"
    ]


@pytest.mark.parametrize("command", ["check", "compile"])
def test_known_codes_are_silenced_in_any_case(command: str) -> None:
    loud = run(command, str(SEED))
    assert "CUSIP-MISMATCH" in loud.stdout + loud.stderr
    quiet = run(command, str(SEED), "--ignore", "cusip-mismatch", "--ignore", "Tx-After-Event")
    assert quiet.exit_code == cli.ExitCode.OK, quiet.stderr
    assert "CUSIP-MISMATCH" not in quiet.stdout + quiet.stderr
    assert "TX-AFTER-EVENT" not in quiet.stdout + quiet.stderr


def test_codes_lists_every_code_with_severity_and_meaning() -> None:
    result = run("codes")
    assert result.exit_code == cli.ExitCode.OK
    lines = result.stdout.splitlines()
    assert len(lines) == len(list(Code))
    for line, code in zip(lines, Code, strict=True):
        name, severity, meaning = re.split(r"\s{2,}", line, maxsplit=2)
        assert (name, meaning) == (code.value, code.meaning.replace("`", ""))
        assert severity.startswith(str(code.severity))
