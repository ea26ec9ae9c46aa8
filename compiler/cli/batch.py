"""``13dc compile`` with many filings (a batch): the CLI's side of :mod:`compiler.batch.run`.

Split from :mod:`compiler.cli.app` (which imports it when a command runs, so that this import of
it is not circular): deciding that the paths make a batch, the batch's usage errors, and running
it into its sink with the summary line on stderr.
"""

from __future__ import annotations

import os
import sys

import typer

from compiler import __version__
from compiler.cli.app import (
    BATCH_TARGETS,
    Emit,
    ExitCode,
    Table,
    Target,
    _fail,
    _oserror_text,
    _read_input,
)
from compiler.cli.format import printable
from compiler.cli.help import DEBUG_ENV


def is_batch(paths: list[str], to: Target | None) -> bool:
    """A batch: a batch-only format, several paths, a directory, or a pattern to expand."""
    if to in (Target.JSONL, Target.PARQUET, Target.DUCKDB) or len(paths) != 1:
        return True
    path = paths[0]
    if path == "-":
        return False
    import glob

    return os.path.isdir(path) or (glob.has_magic(path) and not os.path.exists(path))


def refuse_single_filing_directory(
    paths: list[str], to: Target | None, table: Table | None, emit: Emit | None
) -> None:
    """A directory with an option of one filing (``--to json|text|source``, ``--table``,
    ``--emit``): one line, rather than Typer's usage box about the option."""
    if len(paths) != 1 or not os.path.isdir(paths[0]):
        return
    option = (
        f"--to {to.value}"
        if to is not None and to not in BATCH_TARGETS
        else "--table"
        if table is not None
        else "--emit"
        if emit is not None
        else None
    )
    if option is not None:
        verb = "writes" if option.startswith("--to") else "applies to"
        _fail(
            f"13dc: error: {paths[0]}: is a directory, and {option} {verb} one filing "
            "(give a file, or --to jsonl, csv, parquet or duckdb for the directory's filings)"
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
    """Compile many filings into one output (see compiler.batch.run); the summary goes to stderr."""
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
    if target not in BATCH_TARGETS:
        raise typer.BadParameter(
            f"{target} writes one filing; for several use jsonl (one JSON document per line), "
            "csv, parquet or duckdb",
            param_hint="'--to'",
        )
    if target is not Target.JSONL and output in (None, "-"):
        what = "a database file" if target is Target.DUCKDB else "a directory"
        raise typer.BadParameter(f"--to {target} writes {what}: give -o OUT", param_hint="'-o'")
    warnings: list[str] = []
    try:
        files = batch.expand_inputs(paths, warnings.append)
    except batch.BatchUsageError as exc:
        _fail(f"13dc: error: {exc}")
    if not files:
        _fail(f"13dc: error: {warnings[0]}" if len(warnings) == 1 else "13dc: error: no filings")
    for warning in warnings:
        typer.echo(printable(f"13dc: warning: {warning}"), err=True)
    tasks = [
        batch.Task(seq, path, _read_input(path)[0] if path == "-" else None)
        for seq, path in enumerate(files)
    ]
    payload = {
        Target.JSONL: batch.Payload.JSONL,
        Target.CSV: batch.Payload.CSV,
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
        _fail(f"13dc: error: cannot write {output}: {_oserror_text(exc)}")
    except DatabaseError as exc:
        _fail(exc.located())
    try:
        jobs = jobs or batch.default_jobs()
        summary = batch.run(tasks, options, sink, jobs=jobs, progress=open_progress(len(tasks)))
    except BrokenPipeError:
        # The reader of the JSON lines went away (``| head``): stop quietly, as for one filing.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return ExitCode.OK
    except OSError as exc:
        _fail(f"13dc: error: cannot write {output}: {_oserror_text(exc)}")
    except DatabaseError as exc:
        _fail(exc.located())
    typer.echo(summary.line(), err=True)
    if summary.failed == summary.filings:
        return ExitCode.FAILED
    if summary.failed or summary.with_errors:
        return ExitCode.COMPILED_WITH_ERRORS
    return ExitCode.OK
