"""What the ``13dc`` command line accepts: its exit codes, the choices of ``--to``, ``--table``
and ``--emit``, and ``--ignore CODE`` checked against the registry of diagnostic codes.

(Kept apart from app.py, which is about running the commands; nothing heavy is imported here.)
"""

from __future__ import annotations

import os
from enum import IntEnum, StrEnum
from typing import Annotated

import typer

from compiler.cli.format import printable


class ExitCode(IntEnum):
    """What ``13dc compile`` exits with (documented in ``--help`` and the README)."""

    OK = 0  # compiled; warnings may have been printed
    COMPILED_WITH_ERRORS = 1  # compiled, output written, but a diagnostic has severity "error"
    FAILED = 2  # could not compile: bad input, unreadable path, bad usage, internal error
    INTERRUPTED = 130  # Ctrl-C (128 + SIGINT), as shells report it


# Mirrors of compiler.backends.render.OutputFormat and CsvTable (a test keeps them equal): importing
# compiler.backends.render here would load Jinja at start-up.
class Format(StrEnum):
    JSON = "json"
    CSV = "csv"
    TEXT = "text"
    SOURCE = "source"


class Target(StrEnum):
    """What ``--to`` accepts: the single-filing formats (Format) and the batch ones."""

    JSON = "json"
    CSV = "csv"
    TEXT = "text"
    SOURCE = "source"
    JSONL = "jsonl"
    PARQUET = "parquet"
    DUCKDB = "duckdb"


# What a batch (several filings, a directory, a glob) can be written as.
BATCH_TARGETS = (Target.JSONL, Target.CSV, Target.PARQUET, Target.DUCKDB)


class Emit(StrEnum):
    TREE = "tree"


class Table(StrEnum):
    PERSONS = "persons"
    TRANSACTIONS = "transactions"
    ANNEX = "annex"
    ITEMS = "items"
    DIAGNOSTICS = "diagnostics"


def is_batch(paths: list[str], to: Target | None) -> bool:
    """A batch: a batch-only format, several paths, a directory, or a pattern to expand."""
    if to in (Target.JSONL, Target.PARQUET, Target.DUCKDB) or len(paths) != 1:
        return True
    path = paths[0]
    if path == "-":
        return False
    import glob

    return os.path.isdir(path) or (glob.has_magic(path) and not os.path.exists(path))


def _known_codes(value: list[str] | None) -> list[str] | None:
    """--ignore's check: a misspelt code would silence nothing, so it is a usage error (exit 2)."""
    from compiler.diagnostic_codes import unknown

    if bad := unknown(value or []):
        message = (
            f"13dc: error: --ignore {', '.join(bad)}: no such diagnostic code (see 13dc codes)"
        )
        typer.echo(printable(message), err=True)
        raise typer.Exit(ExitCode.FAILED)
    return value


# --ignore, the same on both commands; codes are matched case-insensitively.
IgnoreOption = Annotated[
    list[str] | None,
    typer.Option(
        "--ignore",
        metavar="CODE",
        help="Silence a diagnostic code (repeatable), e.g. --ignore PAGE-SEQUENCE; "
        "[bold]13dc codes[/bold] lists them.",
        callback=_known_codes,
        show_default=False,
    ),
]
