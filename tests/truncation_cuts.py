"""Cut every corpus filing at each tenth of its lines and count the cuts that compile with no
error (run on demand, not by pytest): a truncated filing must be refused (exit 2) or carry an
error diagnostic (exit 1).

    python tests/truncation_cuts.py [DIR ...]

(default: ../shared/corpus/{seed,authored,13g,html}).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from compiler import compile_filing
from compiler.errors import CompilerError
from compiler.ir import Severity

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
DEFAULT = [CORPUS / name for name in ("seed", "authored", "13g", "html")]
TENTHS = 10


def undetected(path: Path, tenths: int = 10) -> list[int]:
    """The tenths (1 to ``tenths - 1``) at which the cut filing compiles without an error."""
    lines = path.read_bytes().splitlines(keepends=True)
    missed: list[int] = []
    for tenth in range(1, tenths):
        cut = b"".join(lines[: len(lines) * tenth // tenths])
        try:
            filing = compile_filing(cut, str(path))
        except CompilerError:
            continue  # refused: exit 2
        if not any(d.severity is Severity.ERROR for d in filing.diagnostics):
            missed.append(tenth)
    return missed


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("dirs", nargs="*", type=Path, default=DEFAULT)
    args = parser.parse_args()
    suffixes = {".txt", ".htm", ".html"}
    paths = sorted(p for d in args.dirs for p in d.iterdir() if p.suffix.lower() in suffixes)
    total = missed = 0
    for path in paths:
        cuts = undetected(path, TENTHS)
        total += TENTHS - 1
        missed += len(cuts)
        for tenth in cuts:
            print(f"{path}: cut at {tenth}/{TENTHS} compiles without an error")
    print(f"{len(paths)} filings, {total} cuts, {missed} undetected")
    return 0


if __name__ == "__main__":
    sys.exit(main())
