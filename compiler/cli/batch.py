"""``13dc compile`` of a batch (several filings, a directory, a glob, or CSV tables into a
directory): the options checked, the inputs expanded, :func:`compiler.batch.run.run` driven into
the sink of ``--to`` (JSON lines, CSV tables, Parquet, DuckDB, HTML pages), the summary line
printed; or ``--to sec-xml -o DIR``, one EDGAR XML file per filing.

Imported by the ``compile`` command when it meets a batch, so that one filing's compile does not
load the batch machinery.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import typer

from compiler import __version__
from compiler.cli.common import (
    BATCH_TARGETS,
    Emit,
    ExitCode,
    Table,
    Target,
    fail,
    oserror_text,
    read_input,
)
from compiler.cli.format import diagnostic_lines, printable
from compiler.cli.help import DEBUG_ENV


def refuse_single_filing_directory(
    paths: list[str], to: Target | None, table: Table | None, emit: Emit | None
) -> None:
    """A directory with an option of one filing (``--to json|text|source``, ``--table``,
    ``--emit``): one line, rather than Typer's usage box about the option."""
    if len(paths) != 1 or not os.path.isdir(paths[0]):
        return
    one_filing = to is not None and to not in BATCH_TARGETS and to is not Target.SEC_XML
    option = (
        f"--to {to.value}"
        if one_filing and to is not None
        else "--table"
        if table is not None
        else "--emit"
        if emit is not None
        else None
    )
    if option is not None:
        verb = "writes" if option.startswith("--to") else "applies to"
        fail(
            f"13dc: error: {paths[0]}: is a directory, and {option} {verb} one filing (give a"
            " file, or --to jsonl, csv, parquet, duckdb, html or sec-xml for its filings)"
        )


def run_batch(
    paths: list[str],
    to: Target | None,
    output: str | None,
    *,
    jobs: int | None,
    neutralize: bool,
    ignore: list[str],
    table: Table | None,
    emit: Emit | None,
    chunk_size: int | None = None,
) -> ExitCode:
    """Compile many filings into one output (see compiler.batch.run); the summary goes to stderr.
    A database is loaded ``chunk_size`` filings at a time (``--chunk-size``)."""
    from compiler.batch import run as batch
    from compiler.batch.database import DatabaseError
    from compiler.batch.sinks import open_progress, open_sink

    target = to or Target.JSONL
    if emit is not None:
        raise typer.BadParameter("applies to one filing, not to a batch", param_hint="'--emit'")
    if table is not None:
        raise typer.BadParameter(
            "applies to one filing; for a batch, --to csv -o DIR writes every table",
            param_hint="'--table'",
        )
    if target is Target.SEC_XML:
        return run_sec_xml_batch(paths, output, ignore=ignore)
    if target not in BATCH_TARGETS:
        raise typer.BadParameter(
            f"{target} writes one filing; for several use jsonl (one JSON document per line), "
            "csv, parquet, duckdb, html or sec-xml",
            param_hint="'--to'",
        )
    if target is not Target.JSONL and output in (None, "-"):
        what = "a database file" if target is Target.DUCKDB else "a directory"
        raise typer.BadParameter(f"--to {target} writes {what}: give -o OUT", param_hint="'-o'")
    warnings: list[str] = []
    try:
        files = batch.expand_inputs(paths, warnings.append)
    except batch.BatchUsageError as exc:
        fail(f"13dc: error: {exc}")
    if not files:
        fail(f"13dc: error: {warnings[0]}" if len(warnings) == 1 else "13dc: error: no filings")
    for warning in warnings:
        typer.echo(printable(f"13dc: warning: {warning}"), err=True)
    tasks = [
        batch.Task(seq, path, read_input(path)[0] if path == "-" else None)
        for seq, path in enumerate(files)
    ]
    payload = {
        Target.JSONL: batch.Payload.JSONL,
        Target.CSV: batch.Payload.CSV,
        Target.HTML: batch.Payload.HTML,
    }.get(target, batch.Payload.STAGING)
    options = batch.Options(
        payload=payload,
        version=__version__,
        ignore=frozenset(ignore),
        neutralize=neutralize,
        debug=bool(os.environ.get(DEBUG_ENV)),
    )
    try:
        sink = open_sink(
            target.value, output, typer.get_binary_stream("stdout"), chunk_filings=chunk_size
        )
    except OSError as exc:
        fail(f"13dc: error: cannot write {output}: {oserror_text(exc)}")
    except DatabaseError as exc:
        fail(exc.located())
    try:
        jobs = jobs or batch.default_jobs()
        summary = batch.run(tasks, options, sink, jobs=jobs, progress=open_progress(len(tasks)))
    except BrokenPipeError:
        # The reader of the JSON lines went away (``| head``): stop quietly, as for one filing.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return ExitCode.OK
    except OSError as exc:
        fail(f"13dc: error: cannot write {output}: {oserror_text(exc)}")
    except DatabaseError as exc:
        fail(exc.located())
    typer.echo(summary.line(), err=True)
    if summary.failed == summary.filings:
        return ExitCode.FAILED
    if summary.failed or summary.with_errors:
        return ExitCode.COMPILED_WITH_ERRORS
    return ExitCode.OK


def _xml_name(path: str, taken: set[str]) -> str:
    """``NAME.xml`` for the filing ``path`` (``NAME-2.xml``... when two inputs share a name)."""
    stem = "stdin" if path == "-" else Path(path).stem
    name, number = f"{stem}.xml", 1
    while name in taken:
        number += 1
        name = f"{stem}-{number}.xml"
    taken.add(name)
    return name


def run_sec_xml_batch(paths: list[str], output: str | None, *, ignore: list[str]) -> ExitCode:
    """``--to sec-xml -o DIR``: each filing as DIR/NAME.xml, in input order; a filing that does
    not compile is reported on stderr and skipped. Serial: the XML of a filing is written as soon
    as it is compiled, and a batch of XML files is not what the parallel runner is for."""
    from compiler import compile_filing
    from compiler.backends.sec_xml import render_sec_xml
    from compiler.batch import run as batch
    from compiler.batch.run import without_codes
    from compiler.errors import CompilerError, InternalError
    from compiler.ir import Severity

    if output in (None, "-"):
        raise typer.BadParameter("--to sec-xml writes a directory: give -o DIR", param_hint="'-o'")
    assert output is not None
    warnings: list[str] = []
    try:
        files = batch.expand_inputs(paths, warnings.append)
    except batch.BatchUsageError as exc:
        fail(f"13dc: error: {exc}")
    if not files:
        fail(f"13dc: error: {warnings[0]}" if len(warnings) == 1 else "13dc: error: no filings")
    for warning in warnings:
        typer.echo(printable(f"13dc: warning: {warning}"), err=True)
    directory = Path(output)
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        fail(f"13dc: error: cannot write {output}: {oserror_text(exc)}")
    taken: set[str] = set()
    written = failed = with_errors = 0
    for path in files:
        target = directory / _xml_name(path, taken)
        try:
            data, name = read_input(path)
            if path != "-" and target.resolve() == Path(path).resolve():
                raise CompilerError(f"would overwrite the input with {target}", path=name)
            filing = without_codes(compile_filing(data, name), frozenset(ignore))
            target.write_text(render_sec_xml(filing), encoding="utf-8")
        except InternalError as exc:
            typer.echo(printable(f"13dc: internal error: {exc.located()}, please report"), err=True)
            failed += 1
            continue
        except CompilerError as exc:
            typer.echo(printable(exc.located()), err=True)
            failed += 1
            continue
        except OSError as exc:
            typer.echo(printable(f"13dc: error: {path}: {oserror_text(exc)}"), err=True)
            failed += 1
            continue
        for line in diagnostic_lines(name, filing.diagnostics):
            typer.echo(line, err=True)
        written += 1
        with_errors += any(d.severity is Severity.ERROR for d in filing.diagnostics)
    typer.echo(
        f"13dc: {len(files)} filings: {written} written to {output}, {failed} failed", err=True
    )
    if failed == len(files):
        return ExitCode.FAILED
    return ExitCode.COMPILED_WITH_ERRORS if failed or with_errors else ExitCode.OK
