"""The ``13dc`` command line: a thin Typer layer over :func:`compiler.compile_filing` and render.

It parses options, calls the public API, prints diagnostics to stderr as
``path:line:col: severity CODE: message`` and exits with one of the :class:`ExitCode` values.
Nothing heavy happens at import time: Lark, Jinja and the compiler's stages are imported inside the
command, so ``13dc --version`` and ``13dc --help`` stay fast.
"""

# The stage modules are imported inside the command on purpose (start-up time, see the docstring).

from __future__ import annotations

import os
import sys
from enum import IntEnum, StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from compiler import __version__
from compiler.cli.format import caret, format_diagnostic, format_tree, printable
from compiler.cli.help import CHECK_EPILOG, COMPILE_EPILOG, DEBUG_ENV, EXIT_CODES_HELP, HELP

if TYPE_CHECKING:
    from compiler.ir import Filing

STDIN_NAME = "<stdin>"


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


app = typer.Typer(
    name="13dc",
    help=HELP,
    epilog=EXIT_CODES_HELP + "\nRun [bold]13dc compile --help[/bold] for the options and examples.",
    rich_markup_mode="rich",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"13dc {__version__}")
        raise typer.Exit(ExitCode.OK)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            "-V",
            help="Print the version and exit.",
            callback=_show_version,
            is_eager=True,
        ),
    ] = False,
) -> None:
    """13dc: a compiler for legacy plain-text SEC Schedule 13D filings."""


def exit_code_for(filing: Filing) -> ExitCode:
    """1 when any diagnostic is an error, else 0."""
    from compiler.ir import Severity

    if any(d.severity is Severity.ERROR for d in filing.diagnostics):
        return ExitCode.COMPILED_WITH_ERRORS
    return ExitCode.OK


def _fail(message: str, code: ExitCode = ExitCode.FAILED) -> NoReturn:
    typer.echo(printable(message), err=True)
    raise typer.Exit(code)


def _read_input(path: str) -> tuple[bytes, str]:
    """The bytes to compile and the name diagnostics use for them."""
    from compiler.frontend.files import read_regular_file

    if path == "-":
        return typer.get_binary_stream("stdin").read(), STDIN_NAME
    return read_regular_file(path), path


def _write_output(text: str | bytes, output: str | None) -> None:
    if isinstance(text, bytes):  # --to source: the input's own bytes, whatever their encoding
        if output is None or output == "-":
            stdout = typer.get_binary_stream("stdout")
            stdout.write(text)
            stdout.flush()
        else:
            Path(output).write_bytes(text)
        return
    if output is None or output == "-":
        stdout = typer.get_binary_stream("stdout")
        stdout.write(text.encode("utf-8"))
        stdout.flush()
        return
    # newline="" keeps the CSV backend's \r\n row ends as they are, on every platform.
    with open(output, "w", encoding="utf-8", newline="") as out:
        out.write(text)


def _render(filing: Filing, to: Format, table: Table, *, neutralize: bool) -> str:
    from compiler.backends.render import CsvTable, OutputFormat, render

    return render(
        filing, OutputFormat(to.value), table=CsvTable(table.value), neutralize=neutralize
    )


def _compile(data: bytes, name: str) -> Filing:
    from compiler import compile_filing

    return compile_filing(data, name)


def _without(filing: Filing, ignore: list[str]) -> Filing:
    """The filing without the diagnostics whose codes the user silenced with --ignore."""
    from compiler.batch.run import without_codes

    return without_codes(filing, ignore)


def _emit_tree(data: bytes, name: str) -> str:
    from compiler.frontend.parser import parse
    from compiler.frontend.source import read_source

    return format_tree(parse(read_source(data, name)))


def _source(data: bytes, name: str) -> bytes:
    """The input rebuilt from its parse tree alone (``--to source``), checked against the input:
    a difference is a bug of ours (a byte the parse tree does not account for)."""
    from compiler.backends.reconstruct import reconstruct
    from compiler.errors import InternalError
    from compiler.frontend.parser import parse
    from compiler.frontend.source import read_source

    rebuilt = reconstruct(parse(read_source(data, name)))
    if rebuilt != data:
        pairs = zip(rebuilt, data, strict=False)
        at = next((i for i, (a, b) in enumerate(pairs) if a != b), min(len(rebuilt), len(data)))
        raise InternalError(f"the source rebuilt from the parse tree differs at byte {at}")
    return rebuilt


def _oserror_text(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _run(
    path: str,
    to: Format,
    table: Table,
    output: str | None,
    *,
    neutralize: bool,
    ignore: list[str],
    emit_tree: bool = False,
) -> ExitCode:
    from compiler.errors import CompilerError, InternalError

    name = STDIN_NAME if path == "-" else path
    try:
        data, name = _read_input(path)
    except OSError as exc:
        _fail(f"13dc: error: {path}: {_oserror_text(exc)}")
    try:
        if emit_tree:
            _write_output(_emit_tree(data, name), output)
            return ExitCode.OK
        if to is Format.SOURCE:
            _write_output(_source(data, name), output)
            return ExitCode.OK
        filing = _without(_compile(data, name), ignore)
    except InternalError:
        raise  # a bug of ours, not bad input: reported by compile_command
    except CompilerError as exc:
        if os.environ.get(DEBUG_ENV):
            _fail(exc.with_caret())
        _fail(exc.located())
    except UnicodeError as exc:
        _fail(f"13dc: error: {name}: cannot decode: {exc}")
    for diagnostic in filing.diagnostics:
        typer.echo(format_diagnostic(name, diagnostic), err=True)
    text = _render(filing, to, table, neutralize=neutralize)
    try:
        _write_output(text, output)
    except BrokenPipeError:
        # The reader went away (``| head``): not an error of ours. Point stdout at devnull so the
        # interpreter's final flush does not complain either.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return exit_code_for(filing)
    except OSError as exc:
        _fail(f"13dc: error: cannot write {output}: {_oserror_text(exc)}")
    return exit_code_for(filing)


@app.command("compile", epilog=COMPILE_EPILOG)
def compile_command(
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="PATH",
            help="The filing to compile (plain text or an EDGAR submission); [bold]-[/bold] reads "
            "stdin. Several files, directories or glob patterns make a batch.",
            show_default=False,
        ),
    ],
    to: Annotated[
        Target | None,
        typer.Option(
            "--to",
            "-t",
            help="Output format: [bold]json[/bold] (every fact, with spans; the default for one "
            "filing), [bold]csv[/bold] "
            "(one table, see --table), [bold]text[/bold] (the filing regenerated in one "
            "normalized layout), [bold]source[/bold] (the input rebuilt byte for byte from its "
            "parse tree: the proof that nothing was lost). For a batch: [bold]jsonl[/bold] (the "
            "default; one JSON document per line), [bold]csv[/bold] (-o DIR: one CSV per table), "
            "[bold]parquet[/bold] (-o DIR: one Parquet file per table), [bold]duckdb[/bold] "
            "(-o FILE: appended to).",
            case_sensitive=False,
            show_default=False,
        ),
    ] = None,
    table: Annotated[
        Table | None,
        typer.Option(
            "--table",
            help="With --to csv: which table to write. [bold]persons[/bold] (default; one row "
            "per reporting person with the filing-level columns), [bold]transactions[/bold] "
            "(Item 5(c)), [bold]annex[/bold] (persons listed in annexes), [bold]items[/bold], "
            "[bold]diagnostics[/bold].",
            case_sensitive=False,
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="OUT",
            help="Write the output to OUT (UTF-8) instead of stdout.",
            show_default=False,
        ),
    ] = None,
    neutralize: Annotated[
        bool,
        typer.Option(
            "--neutralize/--no-neutralize",
            help="CSV: prefix a ' to text cells that start with = + - @ tab or CR, so that a "
            "spreadsheet does not run them as formulas (OWASP CSV injection). "
            "--no-neutralize writes cells exactly as the filing has them.",
        ),
    ] = True,
    ignore: Annotated[
        list[str] | None,
        typer.Option(
            "--ignore",
            metavar="CODE",
            help="Silence a diagnostic code (repeatable), e.g. --ignore PAGE-SEQUENCE.",
            show_default=False,
        ),
    ] = None,
    emit: Annotated[
        Emit | None,
        typer.Option(
            "--emit",
            help="[bold]tree[/bold]: print the parse tree (rules, and each line with its number "
            "and terminal) instead of compiling; for debugging a new layout.",
            case_sensitive=False,
            show_default=False,
        ),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            metavar="N",
            min=1,
            help="Batch: worker processes (default: the number of CPUs). The output order is "
            "the input order whatever N is.",
            show_default=False,
        ),
    ] = None,
    chunk_size: Annotated[
        int | None,
        typer.Option(
            "--chunk-size",
            metavar="N",
            min=1,
            help="Batch to duckdb or parquet: load N filings per transaction (default 1000), "
            "as the batch goes; an interruption loses at most one chunk.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Compile Schedule 13D/13G filings: one to JSON, CSV or a normalized text filing; a batch
    to JSON lines, CSV tables, Parquet or a DuckDB database."""
    try:
        from compiler.cli import batch

        batch.refuse_single_filing_directory(paths, to, table, emit)
        if batch.is_batch(paths, to):
            code = batch.run_batch(
                paths,
                to,
                output,
                jobs=jobs,
                neutralize=neutralize,
                ignore=ignore or [],
                table=table,
                emit=emit,
                chunk_size=chunk_size,
            )
        else:
            fmt = Format((to or Target.JSON).value)
            if table is not None and fmt is not Format.CSV:
                raise typer.BadParameter("applies only with --to csv", param_hint="'--table'")
            code = _run(
                paths[0],
                fmt,
                table or Table.PERSONS,
                output,
                neutralize=neutralize,
                ignore=ignore or [],
                emit_tree=emit is Emit.TREE,
            )
    except (typer.Exit, typer.Abort, typer.BadParameter):
        raise
    except KeyboardInterrupt:
        _fail("13dc: interrupted", ExitCode.INTERRUPTED)
    except Exception as exc:
        if os.environ.get(DEBUG_ENV):
            raise
        from compiler.errors import CompilerError

        # An InternalError (a stage broke its own contract) already says where; others say what.
        what = exc.located() if isinstance(exc, CompilerError) else f"{type(exc).__name__}: {exc}"
        _fail(f"13dc: internal error: {what}, please report")
    raise typer.Exit(code)


def _check_one(path: str, *, verbose: bool, strict: bool, ignore: list[str]) -> ExitCode:
    from compiler.acceptance import accept
    from compiler.checks import check
    from compiler.errors import CompilerError
    from compiler.frontend.parser import parse
    from compiler.frontend.source import read_source
    from compiler.ir import Severity
    from compiler.lower import lower

    try:
        data, name = _read_input(path)
    except OSError as exc:
        typer.echo(printable(f"13dc: error: {path}: {_oserror_text(exc)}"), err=True)
        return ExitCode.FAILED
    try:
        document = read_source(data, name)
        filing = _without(check(accept(lower(parse(document), document))), ignore)
    except CompilerError as exc:
        typer.echo(printable(exc.with_caret() if verbose else exc.located()), err=True)
        return ExitCode.FAILED
    failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    # The document rebuilds its original lines on each access: once, and only for carets.
    original_lines = document.original_lines if verbose and filing.diagnostics else ()
    for diagnostic in filing.diagnostics:
        typer.echo(format_diagnostic(name, diagnostic))
        if verbose:
            pointer = caret(original_lines, diagnostic)
            if pointer:
                typer.echo(pointer)
    if any(d.severity in failing for d in filing.diagnostics):
        return ExitCode.COMPILED_WITH_ERRORS
    return ExitCode.OK


@app.command("check", epilog=CHECK_EPILOG)
def check_command(
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="PATH...", help="Filings to check; - reads stdin.", show_default=False
        ),
    ],
    verbose: Annotated[
        bool,
        typer.Option("--verbose", "-v", help="Show the offending source line and a caret."),
    ] = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="Count warnings as errors for the exit code.")
    ] = False,
    ignore: Annotated[
        list[str] | None,
        typer.Option("--ignore", metavar="CODE", help="Silence a diagnostic code (repeatable)."),
    ] = None,
) -> None:
    """Report the diagnostics of each filing: consistency checks and what was not understood."""
    worst = ExitCode.OK
    for path in paths:
        # One filing's failure, even a bug of ours, never stops the check of the others.
        try:
            code = _check_one(path, verbose=verbose, strict=strict, ignore=ignore or [])
        except KeyboardInterrupt:
            _fail("13dc: interrupted", ExitCode.INTERRUPTED)
        except Exception as exc:
            if os.environ.get(DEBUG_ENV):
                raise
            message = f"13dc: internal error: {path}: {type(exc).__name__}: {exc}, please report"
            typer.echo(printable(message), err=True)
            code = ExitCode.FAILED
        worst = max(worst, code)
    raise typer.Exit(worst)


def main() -> None:
    """Console-script entry point (``13dc = "compiler.cli.app:main"``)."""
    app(prog_name="13dc")


if __name__ == "__main__":
    main()
