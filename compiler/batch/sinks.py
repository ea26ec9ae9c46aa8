"""Where a batch goes: the sinks (JSON lines, CSV tables, DuckDB, Parquet) and the progress bar.

A sink receives each :class:`compiler.batch.run.Outcome` in input order and writes its payload,
already serialized by the worker; :func:`open_sink` picks the sink for ``--to``.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from typing import IO, Protocol

from compiler.backends.tables import TABLES, Status
from compiler.batch.outcome import Outcome


def plural(count: int, noun: str) -> str:
    """``noun`` for one, ``noun + "s"`` for any other count."""
    return noun if count == 1 else noun + "s"


# --- sinks --------------------------------------------------------------------------------------


class Sink(Protocol):
    def add(self, outcome: Outcome) -> None: ...

    def close(self) -> str: ...  # finish; returns text for the summary line ("" for none)

    def abort(self) -> None: ...


class JsonlSink:
    """One JSON document per line, to a binary stream (a file, or stdout: not closed)."""

    def __init__(self, out: IO[bytes], *, close: bool) -> None:
        self._out = out
        self._close = close

    def add(self, outcome: Outcome) -> None:
        self._out.write(outcome.payload["jsonl"].encode("utf-8") + b"\n")

    def close(self) -> str:
        self._out.flush()
        if self._close:
            self._out.close()
        return ""

    def abort(self) -> None:
        with contextlib.suppress(OSError):  # a broken pipe or a full disk: the batch is ending
            self.close()


class CsvSink:
    """``DIR/<table>.csv`` for every table of :mod:`compiler.backends.tables`, header row first."""

    def __init__(self, directory: str) -> None:
        from compiler.backends.render import csv_row

        os.makedirs(directory, exist_ok=True)
        self._files: dict[str, IO[str]] = {}
        for table in TABLES:
            path = os.path.join(directory, f"{table.name}.csv")
            handle = open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115
            handle.write(csv_row(table.column_names, False))
            self._files[table.name] = handle

    def add(self, outcome: Outcome) -> None:
        for name, text in outcome.payload.items():
            self._files[name].write(text)

    def close(self) -> str:
        for handle in self._files.values():
            handle.close()
        return ""

    def abort(self) -> None:
        self.close()


class DatabaseSink:
    """DuckDB (``--to duckdb``) or Parquet (``--to parquet``), see
    :mod:`compiler.batch.database`."""

    def __init__(self, output: str, *, parquet: bool, chunk_filings: int | None = None) -> None:
        from compiler.batch.database import DEFAULT_CHUNK_FILINGS, DuckDBWriter, ParquetWriter

        self._output = output
        chunk = chunk_filings or DEFAULT_CHUNK_FILINGS
        self._writer: DuckDBWriter | ParquetWriter = (
            ParquetWriter(output, chunk_filings=chunk)
            if parquet
            else DuckDBWriter(output, chunk_filings=chunk)
        )

    def add(self, outcome: Outcome) -> None:
        self._writer.add(outcome.payload)

    def close(self) -> str:
        from compiler.batch.database import ParquetWriter

        counts = self._writer.close()
        duplicates = (
            f", {counts.duplicates} {plural(counts.duplicates, 'duplicate')} of filings in this "
            "batch (same content) skipped"
            if counts.duplicates
            else ""
        )
        if isinstance(self._writer, ParquetWriter):
            # Parquet files are written whole: nothing is added to what was there.
            return (
                f"{self._output}: {counts.added} {plural(counts.added, 'filing')} written "
                f"(the Parquet files were rewritten){duplicates}"
            )
        replaced = f" ({counts.replaced} replacing failed ones)" if counts.replaced else ""
        return (
            f"{self._output}: {counts.added} {plural(counts.added, 'filing')} added{replaced}, "
            f"{counts.present} already in the database{duplicates}"
        )

    def abort(self) -> None:
        self._writer.abort()


# --- progress and summary -----------------------------------------------------------------------


def open_sink(
    kind: str, output: str | None, stdout: IO[bytes], *, chunk_filings: int | None = None
) -> Sink:
    """The sink for ``--to kind`` (jsonl, csv, parquet, duckdb) writing to ``output``; a
    database is loaded ``chunk_filings`` filings at a time (``--chunk-size``).

    Raises OSError when the output cannot be created, and
    :class:`compiler.batch.database.DatabaseError`
    when a database cannot be opened (duckdb missing, a locked or foreign file).
    """
    if kind == "jsonl":
        if output is None or output == "-":
            return JsonlSink(stdout, close=False)
        return JsonlSink(open(output, "wb"), close=True)
    if output is None:
        raise ValueError(f"--to {kind} needs an output path")
    if kind == "csv":
        return CsvSink(output)
    if kind == "html":
        from compiler.batch.html_pages import HtmlSink

        return HtmlSink(output)
    return DatabaseSink(output, parquet=kind == "parquet", chunk_filings=chunk_filings)


def open_progress(total: int) -> Progress:
    """A progress bar when stderr is a terminal, else nothing but the failure lines."""
    return BarProgress(total) if sys.stderr.isatty() else QuietProgress()


class Progress(Protocol):
    def start(self) -> None: ...

    def advance(self, outcome: Outcome) -> None: ...

    def note(self, line: str) -> None: ...  # a line on stderr that does not break the bar

    def stop(self) -> None: ...


class QuietProgress:
    """No bar (stderr is not a terminal): failure lines only."""

    def start(self) -> None:
        pass

    def advance(self, outcome: Outcome) -> None:
        pass

    def note(self, line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    def stop(self) -> None:
        pass


class BarProgress:
    """A rich progress bar on stderr: done/total, filings/s, failures, then the time elapsed and
    the time left, each labelled (two bare clocks side by side are a puzzle)."""

    def __init__(self, total: int) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )
        from rich.progress import Progress as RichProgress

        self._started = time.perf_counter()
        self._bar = RichProgress(
            TextColumn("compiling"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]:>7.1f} filings/s"),
            TextColumn("{task.fields[failed]} failed"),
            TextColumn("elapsed"),
            TimeElapsedColumn(),
            TextColumn("left"),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self._task = self._bar.add_task("compile", total=total, rate=0.0, failed=0)
        self._failed = 0
        self._done = 0

    def start(self) -> None:
        # Called after the worker processes are forked: the bar's refresh thread is not copied.
        self._started = time.perf_counter()
        self._bar.start()

    def advance(self, outcome: Outcome) -> None:
        self._done += 1
        self._failed += outcome.status is Status.FAILED
        rate = self._done / max(time.perf_counter() - self._started, 1e-9)
        self._bar.update(self._task, advance=1, rate=rate, failed=self._failed)

    def note(self, line: str) -> None:
        self._bar.console.print(line, markup=False, highlight=False, soft_wrap=True)

    def stop(self) -> None:
        self._bar.stop()
