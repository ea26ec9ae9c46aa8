"""Batch compilation: many filings, worker processes, one streamed output.

``13dc compile PATH... --to jsonl|csv|parquet|duckdb`` lands here (see ``compiler.cli.app``).

- Inputs: files, directories (recursive: ``*.txt``, ``*.htm``, ``*.html``, ``*.nc``, in sorted
  order) and glob patterns (``'filings/**/*.txt'``, expanded here, so that a shell's argument
  limit does not matter). A path given twice is compiled once.
- Workers: ``-j N`` processes (``multiprocessing.Pool.imap`` in chunks). ``imap`` returns results
  in input order, so the output is the same whatever ``N`` is; ``-j 1`` compiles in-process.
- A worker never raises: a file that cannot be read or compiled becomes an :class:`Outcome` with
  status ``failed``, one line on stderr, and a row in the diagnostics output. The batch goes on.
- Workers return their filing already serialized for the chosen sink (a JSON line, CSV rows, or
  rows in the database staging dialect), so that the main process only writes bytes: memory is
  bounded by the workers' chunks, not by the number of filings, and the main process leaves the
  CPU to the workers.
"""

from __future__ import annotations

import contextlib
import functools
import glob
import hashlib
import json
import os
import re
import signal
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TYPE_CHECKING

from compiler.backends.tables import Status
from compiler.batch.outcome import Outcome

if TYPE_CHECKING:
    from compiler.backends.tables import Row
    from compiler.batch.sinks import Progress, Sink
    from compiler.ir import Diagnostic, Filing

FILING_SUFFIXES = (".txt", ".htm", ".html", ".nc", ".xml")
STDIN = "-"
STDIN_NAME = "<stdin>"
_ACCESSION = re.compile(rb"ACCESSION[ -]NUMBER:[ \t]*(\d{10}-\d{2}-\d{6})")
_ACCESSION_WINDOW = 1 << 16  # bytes of a failed file searched for its accession number


class BatchUsageError(Exception):
    """Bad usage found while expanding the inputs (exit 2): ``str(err)`` is the message."""


class Payload(StrEnum):
    """What a worker serializes its filing into."""

    JSONL = "jsonl"  # one JSON document on one line (the --to json document)
    CSV = "csv"  # the rows of each table of compiler.backends.tables, as RFC 4180 CSV
    STAGING = "staging"  # the rows of each table, in the database loader's dialect
    HTML = "html"  # the page of --to html, and the filing's row of the index (JSON)


# --- inputs -------------------------------------------------------------------------------------


def _walk(directory: str) -> Iterator[str]:
    """The filings under ``directory``, depth first, each directory's entries sorted. Only
    regular files (or links to one): a named pipe called ``x.txt`` would block the batch."""
    for root, dirs, files in os.walk(directory):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(root, name)
            if name.lower().endswith(FILING_SUFFIXES) and os.path.isfile(path):
                yield path


def expand_inputs(arguments: Sequence[str], warn: Callable[[str], None]) -> list[str]:
    """The files to compile, in order, each once. A directory or pattern that yields nothing is
    reported through ``warn``; a named file that does not exist is kept (it will fail alone)."""
    found: list[str] = []
    for argument in arguments:
        if argument == STDIN:
            found.append(STDIN)
        elif os.path.isdir(argument):
            before = len(found)
            found.extend(_walk(argument))
            if len(found) == before:
                warn(f"{argument}: no filings ({', '.join(FILING_SUFFIXES)}) in this directory")
        elif glob.has_magic(argument) and not os.path.exists(argument):
            matches = sorted(glob.glob(argument, recursive=True))
            before = len(found)
            for match in matches:
                if os.path.isdir(match):
                    found.extend(_walk(match))
                else:
                    found.append(match)
            if len(found) == before:
                warn(f"{argument}: no file matches this pattern")
        else:
            found.append(argument)
    if found.count(STDIN) > 1:
        raise BatchUsageError("- (standard input) can be given only once")
    # A path given twice (also as "./a.txt" and "a.txt") is compiled once, as first spelled.
    unique: dict[str, str] = {}
    for path in found:
        unique.setdefault(path if path == STDIN else os.path.normpath(path), path)
    return list(unique.values())


def default_jobs() -> int:
    """The CPUs this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return max(len(os.sched_getaffinity(0)), 1)
    return os.cpu_count() or 1


# --- one filing, in a worker --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Options:
    payload: Payload
    version: str
    ignore: frozenset[str] = frozenset()
    neutralize: bool = True
    debug: bool = False


@dataclass(frozen=True, slots=True)
class Task:
    seq: int
    path: str  # as given; STDIN for standard input
    data: bytes | None = None  # standard input, read by the main process


def without_codes(filing: Filing, ignore: Iterable[str]) -> Filing:
    """The filing without the diagnostics whose codes are silenced (``--ignore``)."""
    silenced = {code.upper() for code in ignore}
    if not silenced:
        return filing
    kept = tuple(d for d in filing.diagnostics if d.code.upper() not in silenced)
    return replace(filing, diagnostics=kept)


def _compact_json(text: str) -> str:
    """The JSON document on one line. Safe because JSON strings cannot hold a raw newline: every
    line break and every line's indentation is between tokens."""
    return "".join(line.strip(" ") for line in text.split("\n"))


def _serialize(filing: Filing, options: Options, seq: int) -> dict[str, str]:
    if options.payload is Payload.HTML:
        raise ValueError("a page is made from the filing's bytes: see _html_payload")
    if options.payload is Payload.JSONL:
        from compiler.backends.render import OutputFormat, render

        return {"jsonl": _compact_json(render(filing, OutputFormat.JSON))}
    from compiler.backends.tables import filing_rows

    return _serialize_rows(filing_rows(filing, options.version), options, seq)


def _serialize_rows(
    rows: Mapping[str, Sequence[Row]], options: Options, seq: int
) -> dict[str, str]:
    if options.payload is Payload.CSV:
        from compiler.backends.render import csv_row

        return {
            name: "".join(csv_row(row, options.neutralize) for row in table_rows)
            for name, table_rows in rows.items()
        }
    from compiler.batch.staging import encode_staging_row

    return {
        name: "".join(encode_staging_row(seq, row) for row in table_rows)
        for name, table_rows in rows.items()
    }


def _failure(exc: BaseException, name: str, debug: bool) -> tuple[Diagnostic, str]:
    """The diagnostics row and the stderr line of a filing that could not be compiled."""
    from compiler.errors import CompilerError, InputError, InternalError
    from compiler.ir import Code, Diagnostic, Span

    line: int | None = None
    column: int | None = None
    if isinstance(exc, OSError):
        code, message = Code.READ_ERROR, exc.strerror or str(exc)
        text = f"13dc: error: {name}: {message}"
    elif isinstance(exc, InternalError) or not isinstance(exc, CompilerError | UnicodeError):
        code = Code.INTERNAL_ERROR
        if isinstance(exc, CompilerError):
            message, line, column = exc.message, exc.line, exc.column
            what = exc.located()
        else:
            message = what = f"{type(exc).__name__}: {exc}"
        text = f"13dc: internal error: {name}: {what}, please report"
        if debug:
            text += "\n" + "".join(traceback.format_exception(exc)).rstrip("\n")
    elif isinstance(exc, UnicodeError):
        code, message = Code.INPUT_REJECTED, f"cannot decode: {exc}"
        text = f"13dc: error: {name}: {message}"
    else:
        code = Code.INPUT_REJECTED if isinstance(exc, InputError) else Code.SYNTAX_ERROR
        message, line, column = exc.message, exc.line, exc.column
        text = exc.located()
    span = None
    if line is not None:
        column = column or 1
        span = Span(line=line, column=column, end_line=line, end_column=column + 1)
    diagnostic = Diagnostic(code=code, severity=code.severity, message=message, span=span)
    return diagnostic, text


def _failed(
    task: Task, name: str, data: bytes | None, exc: BaseException, options: Options
) -> Outcome:
    diagnostic, text = _failure(exc, name, options.debug)
    if options.payload is Payload.HTML:
        from compiler.batch.html_pages import failed_row

        payload = {"index": failed_row(name, f"{diagnostic.code}: {diagnostic.message}")}
        return Outcome(task.seq, name, Status.FAILED, len(data or b""), payload, text)
    sha256 = hashlib.sha256(data).hexdigest() if data is not None else None
    found = _ACCESSION.search(data, 0, _ACCESSION_WINDOW) if data is not None else None
    accession = found.group(1).decode("ascii") if found else None
    if options.payload is Payload.JSONL:
        document = {
            "schema": "13dc/1",
            "source": {"path": name, "sha256": sha256, "accession_number": accession},
            "failed": True,
            "diagnostics": [
                {
                    "code": diagnostic.code,
                    "severity": diagnostic.severity.value,
                    "message": diagnostic.message,
                    "line": diagnostic.span.line if diagnostic.span else None,
                    "column": diagnostic.span.column if diagnostic.span else None,
                }
            ],
        }
        payload = {"jsonl": json.dumps(document, ensure_ascii=False)}
    else:
        from compiler.batch.staging import failure_rows

        rows = failure_rows(
            path=name,
            sha256=sha256,
            accession_number=accession,
            failure=diagnostic,
            version=options.version,
        )
        payload = _serialize_rows(rows, options, task.seq)
    return Outcome(task.seq, name, Status.FAILED, len(data or b""), payload, text)


def compile_task(options: Options, task: Task) -> Outcome:
    """Compile one file and serialize it; never raises (a failure is an Outcome too)."""
    name = STDIN_NAME if task.path == STDIN else task.path
    data = task.data
    try:
        if data is None:
            from compiler.frontend.files import read_regular_file

            data = read_regular_file(task.path)
        from compiler import compile_filing
        from compiler.backends.tables import status_of

        if options.payload is Payload.HTML:
            from compiler.batch.html_pages import filing_page

            filing, payload = filing_page(data, name, options.ignore)
            return Outcome(task.seq, name, status_of(filing), len(data), payload)
        filing = without_codes(compile_filing(data, name), options.ignore)
        payload = _serialize(filing, options, task.seq)
    except Exception as exc:
        return _failed(task, name, data, exc, options)
    return Outcome(task.seq, name, status_of(filing), len(data), payload)


_PR_SET_PDEATHSIG = 1  # prctl(2) option: the signal a process gets when its parent dies


def _end_with_parent() -> None:
    """Make this worker end, quietly, when the batch's main process is gone (killed with
    SIGKILL, say): otherwise it would go on compiling and die on its next result with a
    BrokenPipeError traceback. On Linux the kernel sends it SIGTERM at once (PR_SET_PDEATHSIG),
    whose default action ends the process without a word; elsewhere a daemon thread notices
    that the parent changed within a second."""
    parent = os.getppid()
    with contextlib.suppress(OSError, AttributeError):
        import ctypes
        import ctypes.util

        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0) == 0:
            if os.getppid() != parent:  # the parent died before the call took effect
                os._exit(0)
            return

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, name="13dc-parent-watch", daemon=True).start()


def _worker_init() -> None:
    # Ctrl-C reaches the whole process group: the main process alone decides what to do.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _end_with_parent()


@dataclass(slots=True)
class Summary:
    filings: int = 0
    compiled: int = 0  # without errors
    with_errors: int = 0  # compiled, with a diagnostic of severity error
    failed: int = 0
    input_bytes: int = 0
    seconds: float = 0.0
    sink_note: str = ""

    def add(self, outcome: Outcome) -> None:
        self.filings += 1
        self.input_bytes += outcome.size
        if outcome.status is Status.FAILED:
            self.failed += 1
        elif outcome.status is Status.COMPILED_WITH_ERRORS:
            self.with_errors += 1
        else:
            self.compiled += 1

    def line(self) -> str:
        rate = self.filings / self.seconds if self.seconds > 0 else 0.0
        from compiler.batch.sinks import plural

        text = (
            f"13dc: {self.filings} {plural(self.filings, 'filing')}: {self.compiled} compiled, "
            f"{self.with_errors} compiled with errors, {self.failed} failed "
            f"({self.seconds:.2f} s, {rate:.1f} filings/s)"
        )
        return f"{text}; {self.sink_note}" if self.sink_note else text


# --- the batch ----------------------------------------------------------------------------------


def _chunksize(tasks: int, jobs: int) -> int:
    # Big enough to amortize inter-process traffic, small enough to balance the workers and to
    # keep results flowing to the progress bar.
    return max(1, min(16, tasks // (jobs * 8)))


def run(
    tasks: Sequence[Task],
    options: Options,
    sink: Sink,
    *,
    jobs: int,
    progress: Progress,
) -> Summary:
    """Compile every task, in order, into ``sink``. The sink is closed (or aborted on an
    exception, Ctrl-C included, which also stops the workers)."""
    summary = Summary()
    work = functools.partial(compile_task, options)
    jobs = max(1, min(jobs, len(tasks)))
    started = time.perf_counter()
    pool = None
    try:
        if jobs == 1:
            outcomes: Iterable[Outcome] = map(work, tasks)
        else:
            import multiprocessing

            pool = multiprocessing.Pool(jobs, initializer=_worker_init)
            outcomes = pool.imap(work, tasks, chunksize=_chunksize(len(tasks), jobs))
        progress.start()
        for outcome in outcomes:
            sink.add(outcome)
            summary.add(outcome)
            progress.advance(outcome)
            if outcome.message is not None:
                progress.note(outcome.message)
        summary.sink_note = sink.close()
    except BaseException:
        if pool is not None:
            pool.terminate()
            pool = None
        sink.abort()
        raise
    finally:
        if pool is not None:
            pool.close()
            pool.join()
        progress.stop()
    summary.seconds = time.perf_counter() - started
    return summary


__all__ = [
    "FILING_SUFFIXES",
    "BatchUsageError",
    "Options",
    "Outcome",
    "Payload",
    "Summary",
    "Task",
    "compile_task",
    "default_jobs",
    "expand_inputs",
    "run",
    "without_codes",
]
