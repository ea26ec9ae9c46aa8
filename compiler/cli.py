"""The ``13dc`` command line: a thin Typer layer over :func:`compiler.compile_filing` and render.

It parses options, calls the public API, prints diagnostics to stderr as
``path:line:col: severity CODE: message`` and exits with one of the :class:`ExitCode` values.
Nothing heavy happens at import time: Lark, Jinja and the compiler's stages are imported inside the
command, so ``13dc --version`` and ``13dc --help`` stay fast.
"""

# The stage modules are imported inside the command on purpose (start-up time, see the docstring).

from __future__ import annotations

import os
import re
import sys
from enum import IntEnum, StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from compiler import __version__

if TYPE_CHECKING:
    from compiler.ir import Diagnostic, Filing

DEBUG_ENV = "THIRTEENDC_DEBUG"
STDIN_NAME = "<stdin>"


class ExitCode(IntEnum):
    """What ``13dc compile`` exits with (documented in ``--help`` and the README)."""

    OK = 0  # compiled; warnings may have been printed
    COMPILED_WITH_ERRORS = 1  # compiled, output written, but a diagnostic has severity "error"
    FAILED = 2  # could not compile: bad input, unreadable path, bad usage, internal error
    INTERRUPTED = 130  # Ctrl-C (128 + SIGINT), as shells report it


# Mirrors of compiler.render.OutputFormat and CsvTable (a test keeps them equal): importing
# compiler.render here would load Jinja at start-up.
class Format(StrEnum):
    JSON = "json"
    CSV = "csv"
    TEXT = "text"


class Emit(StrEnum):
    TREE = "tree"


class Table(StrEnum):
    PERSONS = "persons"
    TRANSACTIONS = "transactions"
    ANNEX = "annex"
    ITEMS = "items"
    DIAGNOSTICS = "diagnostics"


HELP = f"""\
[bold]13dc[/bold] {__version__} compiles legacy plain-text SEC Schedule 13D filings (1993–2024)
into data: JSON, CSV tables, or a normalized regenerated filing.
"""

EXIT_CODES_HELP = """\
[bold]Exit codes:[/bold]
  [bold]0[/bold]  compiled (warnings may have been printed on stderr)
  [bold]1[/bold]  compiled with errors: output written, a diagnostic has severity [i]error[/i]
  [bold]2[/bold]  could not compile: bad input (empty, binary, another form,
     truncated), unreadable or nonexistent path, usage error, internal error
"""

COMPILE_EPILOG = f"""\
[bold]Examples:[/bold]
  13dc compile filing.txt                           [dim]# JSON on stdout[/dim]
  13dc compile filing.txt --to csv -o persons.csv   [dim]# one row per reporting person[/dim]
  13dc compile filing.txt --to csv --table transactions
  13dc compile filing.txt --to text                 [dim]# normalized filing[/dim]
  cat filing.txt | 13dc compile - --to json         [dim]# read stdin[/dim]

Diagnostics go to stderr, one per line:
  [i]path:line:col: severity CODE: message[/i]

{EXIT_CODES_HELP}
Set {DEBUG_ENV}=1 to see the Python traceback of an internal error.
"""

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


_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _printable(text: str) -> str:
    """One terminal-safe line: a filing is untrusted, its text must not drive the terminal."""
    return _CONTROL_CHARACTERS.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def format_diagnostic(path: str, diagnostic: Diagnostic) -> str:
    """``path:line:col: severity CODE: message``, or ``path: severity CODE: message`` unlocated."""
    where = path
    if diagnostic.span is not None:
        where = f"{path}:{diagnostic.span.line}:{diagnostic.span.column}"
    return f"{where}: {diagnostic.severity} {diagnostic.code}: {_printable(diagnostic.message)}"


def exit_code_for(filing: Filing) -> ExitCode:
    """1 when any diagnostic is an error, else 0."""
    from compiler.ir import Severity

    if any(d.severity is Severity.ERROR for d in filing.diagnostics):
        return ExitCode.COMPILED_WITH_ERRORS
    return ExitCode.OK


def _fail(message: str, code: ExitCode = ExitCode.FAILED) -> NoReturn:
    typer.echo(_printable(message), err=True)
    raise typer.Exit(code)


def _read_input(path: str) -> tuple[bytes, str]:
    """The bytes to compile and the name diagnostics use for them."""
    if path == "-":
        return typer.get_binary_stream("stdin").read(), STDIN_NAME
    return Path(path).read_bytes(), path


def _write_output(text: str, output: str | None) -> None:
    if output is None or output == "-":
        stdout = typer.get_binary_stream("stdout")
        stdout.write(text.encode("utf-8"))
        stdout.flush()
        return
    # newline="" keeps the CSV backend's \r\n row ends as they are, on every platform.
    with open(output, "w", encoding="utf-8", newline="") as out:
        out.write(text)


def _render(filing: Filing, to: Format, table: Table, *, neutralize: bool) -> str:
    from compiler.render import CsvTable, OutputFormat, render

    return render(
        filing, OutputFormat(to.value), table=CsvTable(table.value), neutralize=neutralize
    )


def _compile(data: bytes, name: str) -> Filing:
    from compiler import compile_filing

    return compile_filing(data, name)


def _without(filing: Filing, ignore: list[str]) -> Filing:
    """The filing without the diagnostics whose codes the user silenced with --ignore."""
    if not ignore:
        return filing
    from dataclasses import replace

    silenced = {code.upper() for code in ignore}
    kept = tuple(d for d in filing.diagnostics if d.code.upper() not in silenced)
    return replace(filing, diagnostics=kept)


def format_tree(tree: object) -> str:
    """The parse tree as an indented outline: rules, then one line per line token with its line
    number and terminal, for whoever debugs a new layout family (``--emit tree``)."""
    from lark import Token, Tree

    out: list[str] = []

    def walk(node: object, depth: int) -> None:
        pad = "  " * depth
        if isinstance(node, Tree):
            out.append(f"{pad}{node.data}")
            for child in node.children:
                walk(child, depth + 1)
        elif isinstance(node, Token):
            original = getattr(node, "original_type", None)
            kind = f"{node.type}<-{original}" if original else node.type
            out.append(f"{pad}{node.line:>5} {kind:<16}| {_printable(str(node.value))}")

    walk(tree, 0)
    return "\n".join(out) + "\n"


def _emit_tree(data: bytes, name: str) -> str:
    from compiler.parser import parse
    from compiler.source import read_source

    return format_tree(parse(read_source(data, name)))


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
    path: Annotated[
        str,
        typer.Argument(
            metavar="PATH|-",
            help="The filing to compile (plain text or an EDGAR submission); [bold]-[/bold] reads "
            "stdin.",
            show_default=False,
        ),
    ],
    to: Annotated[
        Format,
        typer.Option(
            "--to",
            "-t",
            help="Output format: [bold]json[/bold] (every fact, with spans), [bold]csv[/bold] "
            "(one table, see --table), [bold]text[/bold] (the filing regenerated in one "
            "normalized layout).",
            case_sensitive=False,
        ),
    ] = Format.JSON,
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
) -> None:
    """Compile one Schedule 13D or 13G filing to JSON, CSV or a normalized text filing."""
    if table is not None and to is not Format.CSV:
        raise typer.BadParameter("applies only with --to csv", param_hint="'--table'")
    try:
        code = _run(
            path,
            to,
            table or Table.PERSONS,
            output,
            neutralize=neutralize,
            ignore=ignore or [],
            emit_tree=emit is Emit.TREE,
        )
    except (typer.Exit, typer.Abort):
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


CHECK_EPILOG = f"""\
[bold]Examples:[/bold]
  13dc check filing.txt                       [dim]# diagnostics, one per line[/dim]
  13dc check filings/*.txt --verbose          [dim]# with the source line and a caret[/dim]
  13dc check filing.txt --strict --ignore PAGE-SEQUENCE

[bold]Exit codes:[/bold]
  [bold]0[/bold]  no errors (no warnings either, under --strict)
  [bold]1[/bold]  a filing has an error (or a warning, under --strict)
  [bold]2[/bold]  a filing could not be compiled at all, or bad usage
Codes and what they mean: see the README, "Diagnostic codes". {DEBUG_ENV}=1 shows tracebacks.
"""


def _caret(document_lines: tuple[str, ...], diagnostic: Diagnostic) -> str:
    span = diagnostic.span
    if span is None or not 0 < span.line <= len(document_lines):
        return ""
    line = _printable(document_lines[span.line - 1].expandtabs(8))
    width = max(span.end_column - span.column, 1) if span.end_line == span.line else 1
    return f"    {line}\n    {' ' * (span.column - 1)}{'^' * width}"


def _check_one(path: str, *, verbose: bool, strict: bool, ignore: list[str]) -> ExitCode:
    from compiler.checks import check
    from compiler.errors import CompilerError
    from compiler.ir import Severity
    from compiler.lower import lower
    from compiler.parser import parse
    from compiler.source import read_source

    try:
        data, name = _read_input(path)
    except OSError as exc:
        typer.echo(_printable(f"13dc: error: {path}: {_oserror_text(exc)}"), err=True)
        return ExitCode.FAILED
    try:
        document = read_source(data, name)
        filing = _without(check(lower(parse(document), document)), ignore)
    except CompilerError as exc:
        typer.echo(_printable(exc.with_caret() if verbose else exc.located()), err=True)
        return ExitCode.FAILED
    failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    for diagnostic in filing.diagnostics:
        typer.echo(format_diagnostic(name, diagnostic))
        if verbose:
            caret = _caret(document.original_lines, diagnostic)
            if caret:
                typer.echo(caret)
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
    try:
        for path in paths:
            code = _check_one(path, verbose=verbose, strict=strict, ignore=ignore or [])
            worst = max(worst, code)
    except KeyboardInterrupt:
        _fail("13dc: interrupted", ExitCode.INTERRUPTED)
    except Exception as exc:
        if os.environ.get(DEBUG_ENV):
            raise
        _fail(f"13dc: internal error: {type(exc).__name__}: {exc}, please report")
    raise typer.Exit(worst)


def main() -> None:
    """Console-script entry point (``13dc = "compiler.cli:main"``)."""
    app(prog_name="13dc")


if __name__ == "__main__":
    main()
