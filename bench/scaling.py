"""How 13dc scales, for ``bench/bench.py``: the batch path with 1 and 2 workers (and into DuckDB),
cost and peak memory as one filing grows 10x and 100x, the start-up time of the ``13dc`` process,
and the whole-EDGAR projection. Every figure is measured in the same run as bench.py's floor.

A script module, not a test: performance is measured here, never asserted in a unit test.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "examples" / "seed-8x8-13da.txt"
EDGAR_FILINGS = 200_000  # about every Schedule 13D/13G filed on EDGAR as plain text
EDGAR_FILING_BYTES = 30_000


@dataclass(frozen=True)
class BatchTiming:
    label: str
    jobs: int
    seconds: float
    filings: int
    input_bytes: int
    failed: int

    @property
    def rate(self) -> float:
        return self.filings / self.seconds

    @property
    def mbps(self) -> float:
        return self.input_bytes / 1e6 / self.seconds


@dataclass(frozen=True)
class Growth:
    factor: int
    size: int
    seconds: float  # best of several runs: compile + render JSON
    peak_bytes: int  # tracemalloc peak of the same work

    @property
    def seconds_per_mb(self) -> float:
        return self.seconds / (self.size / 1e6)


class NullSink:
    """Receives the batch's outcomes and drops them: the batch path without any output cost."""

    def add(self, outcome: object) -> None:
        pass

    def close(self) -> str:
        return ""

    def abort(self) -> None:
        pass


def use_every_cpu() -> int:
    """Undo bench.py's pinning to one core (workers inherit the affinity); the CPUs now usable."""
    if hasattr(os, "sched_setaffinity"):
        every = set(range(os.cpu_count() or 1))
        os.sched_setaffinity(0, every)
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def time_batch(paths: Sequence[Path], jobs: int, *, into: str) -> BatchTiming:
    """``13dc compile PATHS -j JOBS``'s batch path: read, compile, serialize rows in the workers,
    hand each result to the sink in order. ``into``: ``null`` (no output) or ``duckdb``."""
    from compiler import __version__
    from compiler.batch import run as batch
    from compiler.batch.sinks import DatabaseSink, QuietProgress

    tasks = [batch.Task(seq, str(path)) for seq, path in enumerate(paths)]
    options = batch.Options(payload=batch.Payload.STAGING, version=__version__)
    scratch = tempfile.mkdtemp(prefix="13dc-bench-")
    try:
        sink: Any = (
            NullSink() if into == "null" else DatabaseSink(f"{scratch}/b.duckdb", parquet=False)
        )
        started = time.perf_counter()
        summary = batch.run(tasks, options, sink, jobs=jobs, progress=QuietProgress())
        seconds = time.perf_counter() - started  # includes the sink's final load and close
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    label = "batch, rows dropped" if into == "null" else "batch into DuckDB"
    return BatchTiming(label, jobs, seconds, summary.filings, summary.input_bytes, summary.failed)


GROWN_PARTS = ("transactions", "annex", "cover pages")  # grown one at a time


def grown_filing(
    data: bytes, factor: int, compile_filing: Callable[[bytes, str], Any], part: str
) -> bytes:
    """The filing about ``factor`` times longer, one ``part`` of it repeated in place (the parts
    of a filing that grow in real life): its Item 5(c) transaction rows, its annex person lines,
    or the page of its first reporting person's cover rows (each copy another cover page)."""
    if factor == 1:
        return data
    filing = compile_filing(data, "grow.txt")
    lines = data.splitlines(keepends=True)
    block: tuple[int, int] | None = None  # the 0-based [start, end) line range to repeat
    if part == "transactions":
        tx_lines = [t.spans["date"].line for t in filing.transactions if "date" in t.spans]
        block = (min(tx_lines) - 1, max(tx_lines)) if tx_lines else None
    elif part == "annex":
        names = [p.spans["name"].line for a in filing.annexes for p in a.persons if p.spans]
        if names:
            end = max(names)
            while end < len(lines) and lines[end].strip() not in (b"</TABLE>", b""):
                end += 1  # the last person's continuation lines
            block = (min(names) - 1, end)
    elif part == "cover pages":
        persons = [p.spans["name"].line for p in filing.reporting_persons if "name" in p.spans]
        if persons:
            pages = [i for i, line in enumerate(lines) if line.strip() == b"<PAGE>"]
            before = [i for i in pages if i < persons[0] - 1]
            after = [i for i in pages if i >= persons[0] - 1]
            if before and after:
                block = (before[-1], after[0])  # from its <PAGE> line to the next one
    if block is None:
        raise ValueError(f"the filing has no {part} to repeat")
    start, end = block
    copies = max(round((factor - 1) * len(data) / len(b"".join(lines[start:end]))), 1)
    return b"".join([*lines[:start], *lines[start:end] * (copies + 1), *lines[end:]])


def time_growth(
    stages: dict[str, Any], part: str, factors: Sequence[int] = (1, 10, 100)
) -> list[Growth]:
    compile_filing, render = stages["compile_filing"], stages["render"]
    json_format = stages["OutputFormat"].JSON
    seed = SEED.read_bytes()
    results = []
    for factor in factors:
        data = grown_filing(seed, factor, compile_filing, part)

        def work(data: bytes = data) -> None:
            render(compile_filing(data, "grown.txt"), json_format)

        runs = max(2, 40 // factor)
        best = float("inf")
        for _ in range(runs):
            started = time.perf_counter()
            work()
            best = min(best, time.perf_counter() - started)
        tracemalloc.start()
        work()
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        results.append(Growth(factor, len(data), best, peak))
    return results


def time_process_floor(copies: int = 400, runs: int = 2) -> tuple[float, float]:
    """Whole processes on ``copies`` copies of the seed: ``13dc compile DIR -j 1 --to jsonl``
    and bench/floor_process.py (reads every file, names every line with one regex), best of
    ``runs`` each, alternating. Returns (13dc seconds, floor seconds)."""
    scratch = tempfile.mkdtemp(prefix="13dc-bench-")
    try:
        for number in range(copies):
            shutil.copyfile(SEED, f"{scratch}/seed-{number:04d}.txt")
        floor = [sys.executable, str(Path(__file__).with_name("floor_process.py")), scratch]
        batch = [*command(), "compile", scratch, "-j", "1", "--to", "jsonl", "-o", os.devnull]
        best = {"13dc": float("inf"), "floor": float("inf")}
        for _ in range(runs):
            for name, args in (("floor", floor), ("13dc", batch)):
                started = time.perf_counter()
                subprocess.run(
                    args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
                )
                best[name] = min(best[name], time.perf_counter() - started)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return best["13dc"], best["floor"]


def project_html(
    html_mbps: tuple[float, int, float], filings: int, speedup: float, workers: int
) -> float:
    """Hours for ``filings`` HTML filings of the measured mean size, at the measured one-core
    rate times the batch's measured speed-up with ``workers`` workers; prints the line."""
    mbps, mean_bytes, _ = html_mbps
    if not mbps:
        return 0.0
    hours = filings * mean_bytes / (mbps * speedup * 1e6) / 3600
    print(
        f"== HTML part of the archive: {filings:,} filings of {mean_bytes / 1000:.0f} kB at "
        f"{mbps:.2f} MB/s on one core x {speedup:.2f} ({workers} workers): {hours:.1f} h"
    )
    return hours


def load() -> str:
    """The 1-minute load average: other processes on the machine distort every figure here."""
    return f"{os.getloadavg()[0]:.2f}" if hasattr(os, "getloadavg") else "?"


def command() -> list[str]:
    script = Path(sys.executable).parent / "13dc"
    return [str(script)] if script.exists() else [sys.executable, "-m", "compiler"]


def time_process(args: Sequence[str], runs: int) -> float:
    """Median wall time of the whole ``13dc ARGS`` process."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(
            [*command(), *args],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
            cwd=REPO,
        )
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def report(
    stages: dict[str, Any],
    paths: Sequence[Path],
    *,
    end_to_end_rate: float,
    end_to_end_mbps: float,
    floor_ratio: float,
    seed_rate: float,
    seed_ratio: float,
    html_mbps: tuple[float, int, float],
    html_filings: int,
    workers: int,
    startup_runs: int,
    rounds: int = 2,
) -> None:
    """Measure and print everything of this module; ``paths``: the workload, in order."""
    print()
    cpus = use_every_cpu()
    print(
        f"== batch path ({len(paths)} filings, {cpus} CPUs usable; best of {rounds} rounds, "
        f"1 and {workers} workers alternating; load average before: {load()})"
    )
    configurations = [(1, "null"), (workers, "null"), (1, "duckdb"), (workers, "duckdb")]
    best: dict[tuple[int, str], BatchTiming] = {}
    for _ in range(rounds):
        for jobs, into in configurations:
            timing = time_batch(paths, jobs, into=into)
            if (jobs, into) not in best or timing.seconds < best[jobs, into].seconds:
                best[jobs, into] = timing
    timings = [best[configuration] for configuration in configurations]
    print(f"{'':<22}{'workers':>8}{'seconds':>9}{'filings/s':>11}{'MB/s':>8}{'failed':>8}")
    for t in timings:
        print(
            f"{t.label:<22}{t.jobs:>8}{t.seconds:>9.2f}{t.rate:>11.1f}{t.mbps:>8.2f}{t.failed:>8}"
        )
    null_speedup = timings[1].rate / timings[0].rate
    db_speedup = timings[3].rate / timings[2].rate
    print(
        f"speed-up with {workers} workers: {null_speedup:.2f}x (rows dropped), "
        f"{db_speedup:.2f}x (into DuckDB)"
    )

    print()
    print("== growth: the seed with one part repeated at a time (compile + JSON, best run;")
    print("   peak: tracemalloc's peak of one run, bytes per input byte)")
    print(
        f"{'part':<14}{'factor':>7}{'kB':>9}{'ms':>10}{'s/MB':>8}{'x 1x':>7}{'peak MB':>9}"
        f"{'B/B':>6}"
    )
    growths = {part: time_growth(stages, part) for part in GROWN_PARTS}
    for part, growth in growths.items():
        base = growth[0]
        for g in growth:
            print(
                f"{part:<14}{g.factor:>6}x{g.size / 1000:>9.1f}{1000 * g.seconds:>10.1f}"
                f"{g.seconds_per_mb:>8.3f}{g.seconds_per_mb / base.seconds_per_mb:>7.2f}"
                f"{g.peak_bytes / 1e6:>9.1f}{g.peak_bytes / g.size:>6.1f}"
            )

    print()
    seed = str(SEED.relative_to(REPO))
    version = time_process(["--version"], startup_runs)
    one = time_process(["compile", seed, "-o", os.devnull], startup_runs)
    print(f"== start-up (whole process, median of {startup_runs}; {' '.join(command())})")
    print(f"13dc --version            {1000 * version:>7.0f} ms")
    print(f"13dc compile seed (JSON)  {1000 * one:>7.0f} ms")
    batch_process, floor_process = time_process_floor()
    print(
        f"400 seed copies, whole process: 13dc compile -j 1 --to jsonl {batch_process:.2f} s, "
        f"bench/floor_process.py {floor_process:.2f} s: {batch_process / floor_process:.1f}x"
    )

    print()
    fastest = timings[3]
    edgar_bytes = EDGAR_FILINGS * EDGAR_FILING_BYTES
    hours = edgar_bytes / (fastest.mbps * 1e6) / 3600
    print(
        f"== whole EDGAR: {EDGAR_FILINGS:,} filings of {EDGAR_FILING_BYTES // 1000} kB "
        f"({edgar_bytes / 1e9:.0f} GB) at {fastest.mbps:.2f} MB/s ({workers} workers, into "
        f"DuckDB): {hours:.1f} h"
    )

    html_hours = project_html(html_mbps, html_filings, db_speedup, workers)

    print()
    print(f"load average after: {load()}")
    print("== summary (markdown, for the README)")
    worst_memory = max(g.peak_bytes / g.size for growth in growths.values() for g in growth)
    rows = [
        (
            "end to end, one core, seed-sized (the seed, 31 kB)",
            f"{seed_rate:.0f} filings/s",
            "≥ 200 filings/s",
        ),
        ("end to end / regex floor, seed", f"{seed_ratio:.1f}×", "≤ 8×"),
        (
            "end to end, one core, the corpus's text filings",
            f"{end_to_end_rate:.0f} filings/s, {end_to_end_mbps:.2f} MB/s",
            "",
        ),
        ("end to end / regex floor, corpus", f"{floor_ratio:.1f}×", ""),
        ("HTML end to end / lxml parse + text_content", f"{html_mbps[2]:.1f}×", "≤ 3×"),
        ("batch into DuckDB, 1 worker", f"{timings[2].rate:.0f} filings/s", ""),
        (
            f"batch into DuckDB, {workers} workers",
            f"{fastest.rate:.0f} filings/s, {fastest.mbps:.2f} MB/s",
            "",
        ),
        (
            f"speed-up, {workers} workers",
            f"{db_speedup:.2f}× ({null_speedup:.2f}× without output)",
            "≥ 1.7×",
        ),
        *(
            (
                f"time per MB at {g.factor}× size, {part} repeated",
                f"{g.seconds_per_mb / growth[0].seconds_per_mb:.2f}× of 1×",
                "≤ 1.3×",
            )
            for part, growth in growths.items()
            for g in growth[1:]
        ),
        ("peak memory, one filing", f"{worst_memory:.1f} bytes per input byte", "< 10"),
        (
            "batch CLI, 1 worker / whole-process floor script (400 seeds)",
            f"{batch_process / floor_process:.1f}×",
            "≤ 4×",
        ),
        ("`13dc --version`", f"{1000 * version:.0f} ms", "< 100 ms"),
        ("`13dc compile` one filing", f"{1000 * one:.0f} ms", "< 300 ms"),
        ("whole EDGAR (200,000 × 30 kB)", f"{hours:.1f} h", ""),
        (
            f"legacy archive: the above + {html_filings:,} HTML filings of "
            f"{html_mbps[1] // 1000} kB, {workers} workers",
            f"{hours + html_hours:.1f} h ({html_hours:.1f} h of it HTML)",
            "",
        ),
    ]
    print("| measure | result | target |")
    print("|---|---:|---|")
    for measure, result, target in rows:
        print(f"| {measure} | {result} | {target} |")
