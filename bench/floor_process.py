#!/usr/bin/env python3
"""The whole-process floor of the batch CLI: a script that starts, finds every filing under the
given paths, reads each one, and names every line with one compiled alternation regex (bench.py's
``LINE_CLASSIFIER``: about the grammar's set of line kinds). No line-based compiler on one core
can beat it; ``13dc compile PATHS -j 1`` is compared with it, whole process against whole process:

    time python bench/floor_process.py DIR
    time 13dc compile DIR -j 1 --to jsonl -o /dev/null

Prints the number of filings, of bytes and of classified lines.
"""

from __future__ import annotations

import sys
from pathlib import Path

from bench import LINE_CLASSIFIER, SUFFIXES  # bench/bench.py, beside this script


def main(argv: list[str]) -> int:
    match = LINE_CLASSIFIER.match
    filings = total_bytes = lines = 0
    for argument in argv or ["."]:
        root = Path(argument)
        found = [root] if root.is_file() else sorted(root.rglob("*"))
        for path in found:
            if not path.is_file() or path.suffix not in SUFFIXES:
                continue
            data = path.read_bytes()
            text = data.decode("utf-8", "replace")
            for line in text.splitlines():
                found_kind = match(line)
                if found_kind is not None and found_kind.lastgroup != "blank":
                    lines += 1
            filings += 1
            total_bytes += len(data)
    print(f"{filings} filings, {total_bytes} bytes, {lines} lines classified")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
