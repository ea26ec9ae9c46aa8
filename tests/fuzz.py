"""Fuzz the compiler with mutated real filings, in this process (run on demand, not by pytest):

    .venv/bin/python tests/fuzz.py --inputs 100000 --seed 14 [--limit 5] [--minutes 60] [--jobs 2]

Each input is a corpus filing with 1 to 4 mutations (tests/mutations.py), drawn from the seed, so
a run is the same run each time. For each one it counts:

- traceback: an exception other than the compiler's own refusals (CompilerError);
- hang: one input taking more than ``--limit`` seconds (stopped by SIGALRM);
- source mismatch: ``--to source`` (the input rebuilt from its parse tree) differs from the input;
- round trip: a filing that compiles whose ``--to text`` does not compile back to the same facts
  (tests/semantic_ir.py; counted by the first fact that differs), or whose normalizing twice
  changes the text (not a fixed point).

It prints the counts, and the seed and input number of the first few of each kind, which
``--show N`` writes out to reproduce (``--all`` lists every one). Input N is the same input
whatever ``--jobs`` is: the inputs are split into interleaved shares, one per process.
"""

from __future__ import annotations

import argparse
import collections
import multiprocessing
import random
import signal
import sys
import time
from pathlib import Path
from types import FrameType

sys.path.insert(0, str(Path(__file__).resolve().parent))

from mutations import corpus_files, mutate
from semantic_ir import semantic_ir

from compiler import compile_filing
from compiler.backends.reconstruct import reconstruct
from compiler.backends.render import OutputFormat, render
from compiler.errors import CompilerError
from compiler.frontend.parser import parse
from compiler.frontend.source import read_source


class Hang(Exception):
    pass


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise Hang


def make_input(sources: list[bytes], seed: int, number: int) -> bytes:
    rng = random.Random(f"{seed}/{number}")
    return mutate(rng.choice(sources), rng, rng.randint(1, 4))


def examine(data: bytes) -> str | None:
    """The kind of failure of one input, or None when it behaves."""
    try:
        document = read_source(data, "fuzz.txt")
        if reconstruct(parse(document)) != data:
            return "source mismatch"
        filing = compile_filing(data, "fuzz.txt")
    except CompilerError:
        return None  # refused with one line: allowed
    text = render(filing, OutputFormat.TEXT)
    try:
        again = compile_filing(text.encode("utf-8"), "fuzz.txt")
    except CompilerError:
        return "round trip (refused)"
    before, after = semantic_ir(filing), semantic_ir(again)
    differing = [key for key in before if before[key] != after[key]]
    if differing:
        return f"round trip ({differing[0]})"  # the first fact that differs, for the breakdown
    if render(again, OutputFormat.TEXT) != text:
        return "fixed point"
    return None


def run_share(
    seed: int, inputs: range, limit: float, deadline: float
) -> tuple[int, list[tuple[int, str]]]:
    """Examine ``inputs`` until ``deadline`` (``time.time()``, 0: none): (done, failures)."""
    sources = [path.read_bytes() for path in corpus_files()]
    signal.signal(signal.SIGALRM, _alarm)
    failures: list[tuple[int, str]] = []
    done = 0
    for number in inputs:
        if deadline and time.time() > deadline:
            break
        data = make_input(sources, seed, number)
        signal.setitimer(signal.ITIMER_REAL, limit)
        try:
            kind = examine(data)
        except Hang:
            kind = "hang"
        except Exception as exc:
            kind = f"traceback ({type(exc).__name__})"
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        done += 1
        if kind is not None:
            failures.append((number, kind))
    return done, failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--limit", type=float, default=5.0, help="seconds for one input")
    parser.add_argument("--minutes", type=float, default=0, help="stop after this long (0: no)")
    parser.add_argument("--jobs", type=int, default=1, help="processes (one input is one input)")
    parser.add_argument("--all", action="store_true", help="list every failing input")
    parser.add_argument("--show", type=int, help="write input N to stdout and stop")
    args = parser.parse_args()
    if args.show is not None:
        sources = [path.read_bytes() for path in corpus_files()]
        sys.stdout.buffer.write(make_input(sources, args.seed, args.show))
        return 0
    started = time.monotonic()
    deadline = time.time() + args.minutes * 60 if args.minutes else 0.0
    jobs = max(1, args.jobs)
    shares = [(args.seed, range(k, args.inputs, jobs), args.limit, deadline) for k in range(jobs)]
    if jobs == 1:
        results = [run_share(*shares[0])]
    else:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            results = pool.starmap(run_share, shares)
    done = sum(n for n, _ in results)
    failures = sorted(f for _, share in results for f in share)
    counts = collections.Counter(kind for _, kind in failures)
    examples: dict[str, list[int]] = collections.defaultdict(list)
    for number, kind in failures:
        if args.all or len(examples[kind]) < 5:
            examples[kind].append(number)
    seconds = time.monotonic() - started
    print(f"seed {args.seed}: {done} inputs in {seconds:.0f} s ({jobs} process(es))")
    for kind in ("traceback", "hang", "source mismatch", "round trip", "fixed point"):
        total = sum(n for k, n in counts.items() if k.startswith(kind))
        print(f"  {kind}: {total}")
    for kind, total in sorted(counts.items()):
        if kind.startswith("round trip ("):
            print(f"    {kind}: {total}")
    for kind, numbers in sorted(examples.items()):
        print(f"  {kind}: inputs {numbers} (--show N to see one)")
    return 1 if counts else 0


if __name__ == "__main__":
    sys.exit(main())
