"""What the commands of ``13dc`` share: exit codes, the choices of the options, reading an input,
failing with one line. Light on purpose: the stages are imported inside the functions."""

from __future__ import annotations

from enum import IntEnum, StrEnum
from typing import TYPE_CHECKING, NoReturn, TypeVar

import typer

from compiler.cli.format import printable

if TYPE_CHECKING:
    from compiler.ir import Filing

STDIN_NAME = "<stdin>"
E = TypeVar("E", bound=StrEnum)


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
    HTML = "html"
    SEC_XML = "sec-xml"


class Target(StrEnum):
    """What ``--to`` accepts: the single-filing formats (Format) and the batch ones."""

    JSON = "json"
    CSV = "csv"
    TEXT = "text"
    SOURCE = "source"
    HTML = "html"
    SEC_XML = "sec-xml"
    JSONL = "jsonl"
    PARQUET = "parquet"
    DUCKDB = "duckdb"


# What a batch (several filings, a directory, a glob) can be written as.
BATCH_TARGETS = (Target.JSONL, Target.CSV, Target.PARQUET, Target.DUCKDB, Target.HTML)


class Emit(StrEnum):
    TREE = "tree"


class Table(StrEnum):
    PERSONS = "persons"
    TRANSACTIONS = "transactions"
    ANNEX = "annex"
    ITEMS = "items"
    DIAGNOSTICS = "diagnostics"


def choice(kind: type[E], value: str, option: str, what: str) -> E:
    """``value`` as a member of ``kind`` (case-insensitive), or one line and exit 2:
    ``13dc: error: --to xml: unknown format; choose json, csv, ...``."""
    try:
        return kind(value.lower())
    except ValueError:
        names = ", ".join(member.value for member in kind)
        fail(f"13dc: error: {option} {value}: unknown {what}; choose {names}")


def fail(message: str, code: ExitCode = ExitCode.FAILED) -> NoReturn:
    typer.echo(printable(message), err=True)
    raise typer.Exit(code)


def read_input(path: str) -> tuple[bytes, str]:
    """The bytes to compile and the name diagnostics use for them (a regular file only: a named
    pipe or a device is refused, see compiler.frontend.files)."""
    from compiler.frontend.files import read_regular_file

    if path == "-":
        return typer.get_binary_stream("stdin").read(), STDIN_NAME
    return read_regular_file(path), path


def without(filing: Filing, ignore: list[str]) -> Filing:
    """The filing without the diagnostics whose codes the user silenced with --ignore."""
    from compiler.batch.run import without_codes

    return without_codes(filing, ignore)


def oserror_text(exc: OSError) -> str:
    return exc.strerror or str(exc)
