#!/usr/bin/env python3
"""Benchmark 13dc stage by stage, on one core.

    python bench/bench.py                        # tests/fixtures/** and examples/, ~500 filings
    python bench/bench.py DIR_OR_FILE ... -n 1000

Every ``*.txt``, ``*.htm`` and ``*.html`` filing found is compiled once to warm up (building the
parser and the templates) and to drop what 13dc rejects (a truncated file: listed, not timed).
Text and HTML filings are timed separately, side by side: each set is repeated to N filings, and
each stage is timed separately with ``time.perf_counter``: read_source (for HTML: the conversion
to text lines), parse, lower, check, render JSON, render CSV; then the whole thing end to end
(``compile_filing`` + both renders), and the floor: a single-pass regex line classifier over the
same bytes (decode, split, classify every line); for HTML also lxml's floor (parse the same bytes
and ``text_content()``, both in C). Figures are filings/s and MB/s (10^6 bytes of
input) per stage, and each stage's time as a multiple of the floor.

A script, not a test: performance is measured here, never asserted in a unit test.
"""

# The compiler is imported after sys.path is set up (see load_stages).

from __future__ import annotations

import argparse
import gc
import hashlib
import os
import platform
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEFAULT_PATHS = (REPO / "tests" / "fixtures", REPO / "examples")
SEED = REPO / "examples" / "seed-8x8-13da.txt"  # the seed filing, as bench/scaling.py uses it
SUFFIXES = frozenset({".txt", ".htm", ".html"})
HTML_SUFFIXES = frozenset({".htm", ".html"})

# The floor: one regex pass that names every line with about the grammar's set of line kinds
# (page break, rule, running header, EDGAR tags, the 14 cover rows, title-page captions, items,
# signature, table rows, text). Possessive indentation so that the alternatives do not re-scan it.
LINE_CLASSIFIER = re.compile(
    r"""[ \t]*+(?:
      (?P<blank>$)
    | (?P<page><PAGE>|\f)
    | (?P<tag></?(?:TABLE|CAPTION|S|C|DOCUMENT|TYPE|TEXT|SEC-HEADER|SEC-DOCUMENT)\b)
    | (?P<rule>[-_=*]{3,}[-_=* ]*$)
    | (?P<header>CUSIP\s+No\.?.*?(?:13D|Page\s+\d+))
    | (?P<row>\(?\d{1,2}[.)]?[ \t]+(?:
          names?\s+of\s+(?:the\s+)?reporting
        | check\s+the\s+appropriate\s+box
        | sec\s+use\s+only
        | sources?\s+of\s+funds
        | check\s+(?:box\s+)?if\s+disclosure
        | citizenship\s+or\s+place
        | sole\s+voting\s+power
        | shared\s+voting\s+power
        | sole\s+dispositive\s+power
        | shared\s+dispositive\s+power
        | aggregate\s+amount\s+beneficially
        | check\s+(?:box\s+)?if\s+(?:the\s+)?aggregate
        | percent\s+of\s+class
        | types?\s+of\s+reporting
      ))
    | (?P<form>schedule\s+13D\b)
    | (?P<amendment>\(amendment\s+no\.?\s*[\w ]*\))
    | (?P<caption>\((?:name\s+of\s+issuer|title\s+of\s+class|cusip\s+number|date\s+of\s+event
        |name,\s+address\s+and\s+telephone)[^)]*\)?)
    | (?P<item>item[ \t]+\d+[a-z()]*\.?)
    | (?P<signature>signatures?\s*$|after\s+reasonable\s+inquiry)
    | (?P<annex>(?:annex|schedule|exhibit)\s+[A-Z0-9]+\b)
    | (?P<tx_row>\d{1,2}/\d{1,2}/\d{2,4}\s+[\d,]+)
    | (?P<text>.)
    )""",
    re.VERBOSE | re.IGNORECASE,
)


def classify_lines(data: bytes) -> int:
    """Decode, split into lines, name every line: the floor a line-based parser cannot beat."""
    text = data.decode("utf-8", "replace")
    match = LINE_CLASSIFIER.match
    kinds = 0
    for line in text.splitlines():
        found = match(line)
        if found is not None and found.lastgroup != "blank":
            kinds += 1
    return kinds


def lxml_floor(data: bytes) -> int:
    """The HTML floor: lxml parses the same bytes and gathers their text, all in C. A converter
    that lays the text out in Python cannot beat it."""
    import lxml.html

    return len(lxml.html.document_fromstring(data).text_content())


@dataclass
class Timing:
    name: str
    seconds: float = 0.0


@dataclass(frozen=True)
class Filing:
    path: Path
    data: bytes


# What bench_set measured: the workload, end to end, the regex floor, the bytes, the lxml floor.
Measured = tuple[list[Filing], Timing, Timing, int, Timing | None]


def find_filings(paths: Sequence[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in SUFFIXES))
        elif path.is_file():
            found.append(path)
        else:
            print(f"bench: skipping {path}: not found", file=sys.stderr)
    return list(dict.fromkeys(p.resolve() for p in found))


def load_stages() -> dict[str, Any]:
    """Import the compiler's public stage functions (timed: that is start-up cost)."""
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))  # benchmark this checkout even when 13dc is not installed
    started = time.perf_counter()
    from compiler import __version__, compile_filing
    from compiler.backends.render import CsvTable, OutputFormat, render
    from compiler.checks import check
    from compiler.frontend.parser import parse
    from compiler.frontend.source import read_source
    from compiler.lower import lower

    return {
        "version": __version__,
        "compile_filing": compile_filing,
        "read_source": read_source,
        "parse": parse,
        "lower": lower,
        "check": check,
        "render": render,
        "OutputFormat": OutputFormat,
        "CsvTable": CsvTable,
        "import_seconds": time.perf_counter() - started,
    }


def warm_up(stages: dict[str, Any], paths: Sequence[Path]) -> tuple[list[Filing], float]:
    """Compile each distinct file once, keep what compiles; also return the first one's time."""
    from compiler.errors import CompilerError

    render, json_format, csv_format = (
        stages["render"],
        stages["OutputFormat"].JSON,
        stages["OutputFormat"].CSV,
    )
    kept: list[Filing] = []
    seen: set[bytes] = set()
    first = 0.0
    for path in paths:
        data = path.read_bytes()
        digest = hashlib.sha256(data).digest()
        if digest in seen:
            print(f"bench: not timed (same bytes as another file): {path}", file=sys.stderr)
            continue
        seen.add(digest)
        started = time.perf_counter()
        try:
            filing = stages["compile_filing"](data, str(path))
            render(filing, json_format)
            render(filing, csv_format)
        except CompilerError as exc:
            print(f"bench: not timed (rejected): {exc.located()}", file=sys.stderr)
            continue
        except Exception as exc:
            print(f"bench: not timed (CRASH): {path}: {type(exc).__name__}: {exc}", file=sys.stderr)
            continue
        if not kept:
            first = time.perf_counter() - started
        kept.append(Filing(path, data))
    return kept, first


def time_stages(
    stages: dict[str, Any], workload: Sequence[Filing], per_file: dict[Path, float]
) -> list[Timing]:
    """Each stage on the previous stage's output, one filing at a time.

    ``per_file`` receives each file's summed stage time, over all its repetitions.
    """
    read_source, parse, lower, check, render = (
        stages["read_source"],
        stages["parse"],
        stages["lower"],
        stages["check"],
        stages["render"],
    )
    json_format, csv_format = stages["OutputFormat"].JSON, stages["OutputFormat"].CSV
    timings = [
        Timing(name)
        for name in ("read_source", "parse", "lower", "check", "render json", "render csv")
    ]
    clock = time.perf_counter
    for filing in workload:
        t0 = clock()
        document = read_source(filing.data, str(filing.path))
        t1 = clock()
        tree = parse(document)
        t2 = clock()
        ir = lower(tree, document)
        t3 = clock()
        ir = check(ir)
        t4 = clock()
        render(ir, json_format)
        t5 = clock()
        render(ir, csv_format)
        t6 = clock()
        for timing, seconds in zip(
            timings, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t6 - t5), strict=True
        ):
            timing.seconds += seconds
        per_file[filing.path] = per_file.get(filing.path, 0.0) + (t6 - t0)
    return timings


def time_loop(name: str, body: Callable[[Filing], object], workload: Sequence[Filing]) -> Timing:
    clock = time.perf_counter
    started = clock()
    for filing in workload:
        body(filing)
    return Timing(name, clock() - started)


def pin_to_one_core(cpu: int | None) -> str:
    if not hasattr(os, "sched_setaffinity"):
        return "one process (CPU pinning not available here)"
    available = sorted(os.sched_getaffinity(0))
    chosen = available[0] if cpu is None else cpu
    os.sched_setaffinity(0, {chosen})
    return f"pinned to CPU {chosen} of {os.cpu_count()}"


def version_of(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "?"


def report(timings: Sequence[Timing], count: int, total_bytes: int, floor: Timing) -> None:
    megabytes = total_bytes / 1e6
    print(f"{'stage':<22}{'total s':>9}{'ms/filing':>11}{'filings/s':>11}{'MB/s':>9}{'x floor':>9}")
    for timing in timings:
        seconds = max(timing.seconds, 1e-12)
        print(
            f"{timing.name:<22}{timing.seconds:>9.3f}{1000 * seconds / count:>11.3f}"
            f"{count / seconds:>11.1f}{megabytes / seconds:>9.2f}{seconds / floor.seconds:>9.2f}"
        )


def report_per_file(per_file: dict[Path, float], workload: Sequence[Filing]) -> None:
    repeats: dict[Path, int] = {}
    sizes: dict[Path, int] = {}
    for filing in workload:
        repeats[filing.path] = repeats.get(filing.path, 0) + 1
        sizes[filing.path] = len(filing.data)
    print()
    print(f"{'ms/filing':>10}{'kB':>8}{'MB/s':>8}  file (sum of stages)")
    for path, seconds in sorted(per_file.items(), key=lambda item: -item[1] / repeats[item[0]]):
        mean, size = seconds / repeats[path], sizes[path]
        print(f"{1000 * mean:>10.2f}{size / 1000:>8.1f}{size / 1e6 / mean:>8.2f}  {path}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        help="filings or directories (default: tests/fixtures, examples)",
    )
    parser.add_argument(
        "-n", "--filings", type=int, default=2000, help="filings to time (default 2000)"
    )
    parser.add_argument(
        "-j", "--workers", type=int, default=2, help="workers of the batch speed-up (default 2)"
    )
    parser.add_argument(
        "--startup-runs", type=int, default=7, help="runs of each start-up timing (default 7)"
    )
    parser.add_argument(
        "--rounds", type=int, default=2, help="rounds of the batch timings, best kept (default 2)"
    )
    parser.add_argument(
        "--no-scaling",
        action="store_true",
        help="skip bench/scaling.py: batch speed-up, growth, memory, start-up, projection",
    )
    parser.add_argument(
        "--html-filings",
        type=int,
        default=300_000,
        help="HTML filings in the archive projection, beside the text ones (default 300,000)",
    )
    parser.add_argument("--cpu", type=int, default=None, help="CPU to pin to (default: the first)")
    parser.add_argument(
        "--per-file", action="store_true", help="also list each distinct file, slowest first"
    )
    args = parser.parse_args(argv)

    pinned = pin_to_one_core(args.cpu)
    stages = load_stages()
    paths = find_filings(args.paths or DEFAULT_PATHS)
    if not paths:
        print("bench: no *.txt / *.htm filings found", file=sys.stderr)
        return 1
    filings, first_seconds = warm_up(stages, paths)
    if not filings:
        print("bench: none of the filings compiled; nothing to time", file=sys.stderr)
        return 1
    print(
        f"13dc {stages['version']} bench: {len(filings)} distinct filings of {len(paths)} found; "
        f"Python {platform.python_version()}, lark {version_of('lark')}, "
        f"jinja2 {version_of('jinja2')}, lxml {version_of('lxml')}; {pinned}"
    )
    print(
        f"import of the stages {1000 * stages['import_seconds']:.1f} ms; first filing "
        f"(builds the parser and templates) {1000 * first_seconds:.1f} ms"
    )
    kinds = (
        ("text", [f for f in filings if f.path.suffix not in HTML_SUFFIXES]),
        ("HTML", [f for f in filings if f.path.suffix in HTML_SUFFIXES]),
    )
    measured = {}
    for kind, chosen in kinds:
        if chosen:
            measured[kind] = bench_set(
                stages, kind, chosen, args.filings, per_file_report=args.per_file
            )
    seed_rate, seed_ratio = bench_seed(stages, args.filings)
    if "text" in measured and not args.no_scaling:
        import scaling  # bench/scaling.py, beside this script

        workload, whole, floor, total_bytes, _ = measured["text"]
        scaling.report(
            stages,
            [f.path for f in workload],
            end_to_end_rate=len(workload) / whole.seconds,
            end_to_end_mbps=total_bytes / 1e6 / whole.seconds,
            floor_ratio=whole.seconds / floor.seconds,
            seed_rate=seed_rate,
            seed_ratio=seed_ratio,
            html_mbps=html_mbps(measured.get("HTML")),
            html_filings=args.html_filings,
            workers=args.workers,
            startup_runs=args.startup_runs,
            rounds=args.rounds,
        )
    try:
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(f"\npeak RSS {peak / 1024:.0f} MB")
    except ImportError:
        pass
    return 0


def html_mbps(measured: Measured | None) -> tuple[float, int, float]:
    """The HTML set's end-to-end MB/s on one core, its mean filing size, and its end to end /
    lxml floor ratio (zeros without HTML filings)."""
    if measured is None:
        return 0.0, 0, 0.0
    workload, whole, _floor, total_bytes, lxml = measured
    ratio = whole.seconds / lxml.seconds if lxml is not None else 0.0
    return total_bytes / 1e6 / whole.seconds, total_bytes // len(workload), ratio


def bench_seed(stages: dict[str, Any], n: int, rounds: int = 5) -> tuple[float, float]:
    """The issue's target workload: seed-sized filings, i.e. the seed filing compiled ``n`` times
    (read -> parse -> lower -> JSON), against the floor on the same bytes. On a shared machine
    the speed drifts by tens of percent within a minute, so the work is split in ``rounds``, the
    floor and the compiler alternating, and each keeps its fastest round. Returns filings/s and
    the end-to-end / floor ratio."""
    data = SEED.read_bytes()
    render, json_format = stages["render"], stages["OutputFormat"].JSON
    compile_filing = stages["compile_filing"]
    workload = [Filing(SEED, data)] * max(n // rounds, 1)
    floor_best = whole_best = float("inf")
    for _ in range(rounds):
        gc.collect()
        floor = time_loop("floor", lambda f: classify_lines(f.data), workload)
        gc.collect()
        whole = time_loop(
            "seed", lambda f: render(compile_filing(f.data, str(f.path)), json_format), workload
        )
        floor_best = min(floor_best, floor.seconds / len(workload))
        whole_best = min(whole_best, whole.seconds / len(workload))
    rate, ratio = 1 / whole_best, whole_best / floor_best
    print()
    print(
        f"== seed-sized: the seed ({len(data) / 1000:.1f} kB), {rounds} rounds of "
        f"{len(workload)}, read -> parse -> lower -> JSON, fastest round: {rate:.1f} filings/s, "
        f"{1000 * whole_best:.2f} ms each; floor {1000 * floor_best:.3f} ms; end to end / floor "
        f"{ratio:.1f}x"
    )
    return rate, ratio


def bench_set(
    stages: dict[str, Any], kind: str, filings: list[Filing], n: int, *, per_file_report: bool
) -> Measured:
    """Time one set of filings (text or HTML), repeated to ``n``, and print its tables; return
    the workload, the end-to-end and floor timings and the workload's bytes."""
    workload = [filings[i % len(filings)] for i in range(max(n, 1))]
    count = len(workload)
    total_bytes = sum(len(f.data) for f in workload)
    print()
    print(
        f"== {kind} filings: {count} ({len(filings)} distinct), {total_bytes / 1e6:.2f} MB, "
        f"mean {total_bytes / count / 1000:.1f} kB/filing"
    )

    render, json_format, csv_format = (
        stages["render"],
        stages["OutputFormat"].JSON,
        stages["OutputFormat"].CSV,
    )
    compile_filing = stages["compile_filing"]

    def end_to_end(filing: Filing) -> None:  # the "read -> parse -> lower -> JSON"
        render(compile_filing(filing.data, str(filing.path)), json_format)

    def end_to_end_csv(filing: Filing) -> None:
        ir = compile_filing(filing.data, str(filing.path))
        render(ir, json_format)
        render(ir, csv_format)

    gc.collect()
    floor = time_loop("floor (regex lines)", lambda f: classify_lines(f.data), workload)
    gc.collect()
    per_file: dict[Path, float] = {}
    timings = time_stages(stages, workload, per_file)
    gc.collect()
    whole = time_loop("end to end (JSON)", end_to_end, workload)
    gc.collect()
    with_csv = time_loop("end to end, JSON + CSV", end_to_end_csv, workload)

    html_floor = None
    if kind == "HTML":
        gc.collect()
        html_floor = time_loop("floor (lxml + text)", lambda f: lxml_floor(f.data), workload)
    summed = Timing("sum of stages", sum(t.seconds for t in timings))
    extra = [html_floor] if html_floor is not None else []
    report([floor, *extra, *timings, summed, whole, with_csv], count, total_bytes, floor)
    print()
    print(
        f"{kind} end to end (JSON) / floor: {whole.seconds / floor.seconds:.2f}x "
        f"({count / whole.seconds:.1f} filings/s, {total_bytes / 1e6 / whole.seconds:.2f} MB/s "
        "on one core)"
    )
    if html_floor is not None:
        print(
            f"HTML end to end (JSON) / lxml floor (parse + text_content of the same bytes): "
            f"{whole.seconds / html_floor.seconds:.2f}x; read_source (HTML -> lines) / lxml "
            f"floor: {timings[0].seconds / html_floor.seconds:.2f}x"
        )
    if per_file_report:
        report_per_file(per_file, workload)
    return workload, whole, floor, total_bytes, html_floor


if __name__ == "__main__":
    sys.exit(main())
