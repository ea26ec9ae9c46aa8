"""The ``13dc`` command line: a thin Typer layer over :func:`compiler.compile_filing` and render.

It parses options, calls the public API, prints diagnostics to stderr as
``path:line:col: severity CODE: message`` and exits with one of the :class:`ExitCode` values.
Nothing heavy happens at import time: Lark, Jinja and the compiler's stages are imported inside the
command, so ``13dc --version`` and ``13dc --help`` stay fast. A batch is run by
:mod:`compiler.cli.batch`, ``13dc check`` by :mod:`compiler.cli.check`, what they share is in
:mod:`compiler.cli.common`.
"""

# The stage modules are imported inside the command on purpose (start-up time, see the docstring).

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from compiler import __version__
from compiler.cli.common import (
    STDIN_NAME,
    Emit,
    ExitCode,
    Format,
    Table,
    Target,
    choice,
)
from compiler.cli.common import fail as _fail
from compiler.cli.common import oserror_text as _oserror_text
from compiler.cli.common import read_input as _read_input
from compiler.cli.common import without as _without
from compiler.cli.format import diagnostic_lines, format_tree
from compiler.cli.help import (
    CHECK_EPILOG,
    COMPILE_EPILOG,
    DEBUG_ENV,
    EXIT_CODES_HELP,
    HELP,
    SCORE_EPILOG,
    Command,
    Group,
)
from compiler.cli.history import HISTORY_EPILOG, history_command
from compiler.cli.options import IgnoreOption

if TYPE_CHECKING:
    from compiler.frontend.source import Document
    from compiler.ir import Filing


app = typer.Typer(
    name="13dc",
    cls=Group,
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


def _lines_only(data: bytes, name: str, what: str) -> Document:
    """The document, refused if it is XML: ``what`` works on the grammar's line tree, which an
    XML-era filing (read as an element tree) does not have."""
    from compiler.errors import InputError
    from compiler.frontend.source import read_source

    document = read_source(data, name)
    if document.format == "xml":
        raise InputError(f"{what} applies to text and HTML filings, not to EDGAR XML", path=name)
    return document


def _emit_tree(data: bytes, name: str) -> str:
    from compiler.frontend.parser import parse

    return format_tree(parse(_lines_only(data, name, "--emit tree")))


def _source(data: bytes, name: str) -> bytes:
    """The input rebuilt from its parse tree alone (``--to source``), checked against the input:
    a difference is a bug of ours (a byte the parse tree does not account for)."""
    from compiler.backends.reconstruct import reconstruct
    from compiler.errors import InternalError
    from compiler.frontend.parser import parse

    rebuilt = reconstruct(parse(_lines_only(data, name, "--to source")))
    if rebuilt != data:
        pairs = zip(rebuilt, data, strict=False)
        at = next((i for i, (a, b) in enumerate(pairs) if a != b), min(len(rebuilt), len(data)))
        raise InternalError(f"the source rebuilt from the parse tree differs at byte {at}")
    return rebuilt


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
        filing = _compile(data, name)
        filing = _without(filing, ignore) if ignore else filing  # (start-up: no batch imports)
    except InternalError:
        raise  # a bug of ours, not bad input: reported by compile_command
    except CompilerError as exc:
        if os.environ.get(DEBUG_ENV):
            _fail(exc.with_caret())
        _fail(exc.located())
    except UnicodeError as exc:
        _fail(f"13dc: error: {name}: cannot decode: {exc}")
    for line in diagnostic_lines(name, filing.diagnostics):
        typer.echo(line, err=True)
    if to is Format.HTML:
        from compiler.backends.html_source import compile_view
        from compiler.backends.html_view import render_view

        text = render_view(compile_view(data, name, ignore))
    else:
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


def _is_batch(paths: list[str], to: Target | None, output: str | None = None) -> bool:
    """A batch: a batch-only format, several paths, a directory, or a pattern to expand; or CSV
    tables written into a directory (``--to csv -o DIR``, also for one filing)."""
    if to in (Target.JSONL, Target.PARQUET, Target.DUCKDB) or len(paths) != 1:
        return True
    if to is Target.CSV and output not in (None, "-"):
        assert output is not None
        if os.path.isdir(output) or output.endswith(("/", os.sep)):
            return True
    path = paths[0]
    if path == "-":
        return False
    import glob

    return os.path.isdir(path) or (glob.has_magic(path) and not os.path.exists(path))


@app.command("compile", cls=Command, epilog=COMPILE_EPILOG)
def compile_command(
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="PATH",
            help="The filing to compile (plain text, HTML, EDGAR XML, or an EDGAR submission); "
            "[bold]-[/bold] reads "
            "stdin. Several files, directories or glob patterns make a batch.",
            show_default=False,
        ),
    ],
    to_name: Annotated[
        str | None,
        typer.Option(
            "--to",
            "-t",
            metavar="FORMAT",
            help="Output format: [bold]json[/bold] (every fact, with spans; the default for one "
            "filing), [bold]csv[/bold] "
            "(one table, see --table), [bold]text[/bold] (the filing regenerated in one "
            "normalized layout), [bold]source[/bold] (the input rebuilt byte for byte from its "
            "parse tree: the proof that nothing was lost), [bold]html[/bold] (a page showing the "
            "filing with every extracted value highlighted), [bold]sec-xml[/bold] (EDGAR's "
            "Schedule 13D/13G XML, for a filing of any era). For a batch: [bold]jsonl[/bold] (the "
            "default; one JSON document per line), [bold]csv[/bold] (-o DIR: one CSV per table), "
            "[bold]parquet[/bold] (-o DIR: one Parquet file per table), [bold]duckdb[/bold] "
            "(-o FILE: appended to), [bold]html[/bold] (-o DIR: a page per filing and "
            "index.html), [bold]sec-xml[/bold] (-o DIR: one XML file per filing).",
            case_sensitive=False,
            show_default=False,
        ),
    ] = None,
    table_name: Annotated[
        str | None,
        typer.Option(
            "--table",
            metavar="TABLE",
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
    ignore: IgnoreOption = None,
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
            help="Batch to duckdb or parquet: load N filings per transaction (default 1000), "
            "as the batch goes; an interruption loses at most one chunk.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Compile filings (text, HTML or EDGAR XML): one to JSON, CSV, text, HTML or SEC XML; a
    batch to JSONL, CSV, Parquet, DuckDB, HTML pages or SEC XML files."""
    # Checked here rather than by Typer, whose messages for them span a boxed paragraph.
    to = None if to_name is None else choice(Target, to_name, "--to", "format")
    table = None if table_name is None else choice(Table, table_name, "--table", "table")
    if jobs is not None and jobs < 1:
        _fail(f"13dc: error: -j {jobs}: the number of worker processes is at least 1")
    if chunk_size is not None and chunk_size < 1:
        _fail(f"13dc: error: --chunk-size {chunk_size}: a chunk holds at least 1 filing")
    try:
        if _is_batch(paths, to, output):
            from compiler.cli.batch import refuse_single_filing_directory, run_batch

            refuse_single_filing_directory(paths, to, table, emit)
            code = run_batch(
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


@app.command("check", cls=Command, epilog=CHECK_EPILOG)
def check_command(
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="PATH",
            help="Filings to check, as for compile: files, directories (searched for *.txt "
            "*.htm *.html *.nc), glob patterns; - reads stdin.",
            show_default=False,
        ),
    ],
    verbose: Annotated[
        bool,
        typer.Option("--verbose", "-v", help="Show the offending source line and a caret."),
    ] = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="Count warnings as errors for the exit code.")
    ] = False,
    ignore: IgnoreOption = None,
) -> None:
    """Report the diagnostics of each filing: consistency checks and what was not understood."""
    from compiler.cli.check import check_paths

    raise typer.Exit(check_paths(paths, verbose=verbose, strict=strict, ignore=ignore or []))


@app.command("score", cls=Command, epilog=SCORE_EPILOG)
def score_command(
    directories: Annotated[
        list[str],
        typer.Argument(
            metavar="DIR",
            help="Directories searched (recursively) for filings with a NAME.gold.json beside.",
            show_default=False,
        ),
    ],
    minimum: Annotated[
        float | None,
        typer.Option(
            "--min",
            metavar="RATIO",
            help="Exit 1 when the overall field accuracy is below RATIO, e.g. 0.99.",
            show_default=False,
        ),
    ] = None,
    show: Annotated[
        int, typer.Option("--show", metavar="N", help="How many mismatches to print.")
    ] = 25,
) -> None:
    """Per-field accuracy against hand-checked gold files (NAME.gold.json beside NAME.txt)."""
    from compiler.cli.score import score_paths

    raise typer.Exit(score_paths(directories, minimum=minimum, show=show))


@app.command("codes", cls=Command)
def codes_command() -> None:
    """List the diagnostic codes, with their severity and meaning."""
    from compiler.diagnostic_codes import plain_listing

    typer.echo(plain_listing(), nl=False)


# 13dc history DB (compiler/cli/history.py, which holds its options and help).
app.command("history", epilog=HISTORY_EPILOG)(history_command)


def main() -> None:
    """Run the Typer app (the console script ``13dc = "compiler.cli:main"`` comes here)."""
    app(prog_name="13dc")
