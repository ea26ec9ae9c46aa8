"""Helpers shared by the test modules (pytest loads this file before them)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from compiler.cli import app as cli

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
FIXTURES = TESTS / "fixtures"
SEED = FIXTURES / "seed" / "000_16ffad13912a4479.txt"
SHARED_CORPUS = REPO.parent / "shared" / "corpus"


def run_cli(*args: str, stdin: bytes | None = None) -> Any:
    """``13dc ARGS`` in this process through Typer's test runner (stdout and stderr apart)."""
    return CliRunner().invoke(cli.app, list(args), input=stdin, prog_name="13dc")


def filing_paths() -> list[Path]:
    """Every filing of the fixtures and, where it is beside the worktree, of the shared corpus
    (plain text and HTML; the XML folder is another reader's)."""
    roots = [
        FIXTURES,
        *(SHARED_CORPUS / name for name in ("seed", "authored", "13g", "html", "13d")),
    ]
    found = [
        path
        for root in roots
        if root.is_dir()
        for path in sorted(root.rglob("*"))
        if path.suffix in {".txt", ".htm", ".html"} and "partial" not in path.parts
    ]
    return found
