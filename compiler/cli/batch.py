"""``13dc compile`` of a batch (several filings, a directory, a glob, or CSV tables into a
directory): the options checked, the inputs expanded, :func:`compiler.batch.run.run` driven, the
summary line printed."""

from __future__ import annotations

import os
import sys

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
from compiler.cli.format import printable
from compiler.cli.help import DEBUG_ENV


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
            "csv, parquet, duckdb or html",
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
        sink = open_sink(target.value, output, typer.get_binary_stream("stdout"))
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
