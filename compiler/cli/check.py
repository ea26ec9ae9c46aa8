"""``13dc check PATH...``: the diagnostics of each filing, without the output.

It takes the same inputs as ``13dc compile`` (files, directories searched recursively, glob
patterns, ``-`` for stdin), prints each filing's diagnostics as ``path:line:col: severity CODE:
message`` on stdout and, for more than one filing, a summary line on stderr.
"""

from __future__ import annotations

import os
from collections import Counter
from enum import StrEnum

import typer

from compiler.cli.common import ExitCode, fail, oserror_text, read_input, without
from compiler.cli.format import caret, format_diagnostic, printable
from compiler.cli.help import DEBUG_ENV


class Verdict(StrEnum):
    """What one filing's check found, for the summary."""

    CLEAN = "clean"
    WARNINGS = "with warnings"
    ERRORS = "with errors"
    FAILED = "could not be compiled"


def check_one(
    path: str, *, verbose: bool, strict: bool, ignore: list[str]
) -> tuple[ExitCode, Verdict]:
    from compiler import compile_document
    from compiler.errors import CompilerError
    from compiler.frontend.source import read_source
    from compiler.ir import Severity

    try:
        data, name = read_input(path)
    except OSError as exc:
        typer.echo(printable(f"13dc: error: {path}: {oserror_text(exc)}"), err=True)
        return ExitCode.FAILED, Verdict.FAILED
    try:
        document = read_source(data, name)
        filing = without(compile_document(document), ignore)
    except CompilerError as exc:
        typer.echo(printable(exc.with_caret() if verbose else exc.located()), err=True)
        return ExitCode.FAILED, Verdict.FAILED
    # The document rebuilds its original lines on each access: once, and only for carets.
    original_lines = document.original_lines if verbose and filing.diagnostics else ()
    for diagnostic in filing.diagnostics:
        typer.echo(format_diagnostic(name, diagnostic))
        if verbose:
            pointer = caret(original_lines, diagnostic)
            if pointer:
                typer.echo(pointer)
    severities = {d.severity for d in filing.diagnostics}
    verdict = Verdict.CLEAN
    if Severity.ERROR in severities:
        verdict = Verdict.ERRORS
    elif Severity.WARNING in severities:
        verdict = Verdict.WARNINGS
    failing = (Verdict.ERRORS, Verdict.WARNINGS) if strict else (Verdict.ERRORS,)
    return (ExitCode.COMPILED_WITH_ERRORS if verdict in failing else ExitCode.OK), verdict


def summary_line(verdicts: Counter[Verdict]) -> str:
    """``13dc: 12 filings checked: 9 clean, 2 with warnings, 1 with errors, 0 could not ...``"""
    total = sum(verdicts.values())
    counts = ", ".join(f"{verdicts[v]} {v.value}" for v in Verdict)
    return f"13dc: {total} {'filing' if total == 1 else 'filings'} checked: {counts}"


def check_paths(paths: list[str], *, verbose: bool, strict: bool, ignore: list[str]) -> ExitCode:
    """Check every filing the arguments name; the worst exit code of them."""
    from compiler.batch.run import BatchUsageError, expand_inputs

    warnings: list[str] = []
    try:
        files = expand_inputs(paths, warnings.append)
    except BatchUsageError as exc:
        fail(f"13dc: error: {exc}")
    if not files:
        fail(f"13dc: error: {warnings[0]}" if len(warnings) == 1 else "13dc: error: no filings")
    for warning in warnings:
        typer.echo(printable(f"13dc: warning: {warning}"), err=True)
    worst = ExitCode.OK
    verdicts: Counter[Verdict] = Counter()
    for path in files:
        # One filing's failure, even a bug of ours, never stops the check of the others.
        try:
            code, verdict = check_one(path, verbose=verbose, strict=strict, ignore=ignore)
        except KeyboardInterrupt:
            fail("13dc: interrupted", ExitCode.INTERRUPTED)
        except Exception as exc:
            if os.environ.get(DEBUG_ENV):
                raise
            message = f"13dc: internal error: {path}: {type(exc).__name__}: {exc}, please report"
            typer.echo(printable(message), err=True)
            code, verdict = ExitCode.FAILED, Verdict.FAILED
        worst = max(worst, code)
        verdicts[verdict] += 1
    # One file named as such needs no summary; a directory, a pattern or several files do.
    if len(files) > 1 or files != paths:
        typer.echo(summary_line(verdicts), err=True)
    return worst


__all__ = ["Verdict", "check_one", "check_paths", "summary_line"]
