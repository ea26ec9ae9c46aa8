"""``13dc score DIR...``: per-field accuracy against the gold files beside the filings.

What ``../shared/tools/score.py`` does, shipped with 13dc so that a clone can check the published
accuracy: every filing under DIR (recursively) with a ``NAME.gold.json`` beside it is compiled in
this process (``compile_path(...).to_dict()``, the ``--to json`` document) and compared field by
field (:mod:`compiler.accuracy`). The output is the shared scorer's: a table, the filings that did
not compile, the first mismatches, the totals.
"""

from __future__ import annotations

import json

import typer

from compiler.cli.common import ExitCode, fail


def score_paths(directories: list[str], *, minimum: float | None, show: int) -> ExitCode:
    from compiler.accuracy import Score, compare, gold_cases, gold_path
    from compiler.api import compile_path
    from compiler.errors import CompilerError

    cases = gold_cases(directories)
    if not cases:
        fail("13dc: error: no filing (NAME.txt, .htm, .html, .xml) with a NAME.gold.json beside it")
    score = Score()
    for path in cases:
        gold = json.loads(gold_path(path).read_text(encoding="utf-8"))
        try:
            got = compile_path(path).to_dict()
        except (CompilerError, OSError, UnicodeError) as exc:
            score.failed.append(f"{path.name}: {exc}")
            got = {}
        score.add(path.name, compare(gold, got))
    lines = score.table()
    if score.failed:
        lines += ["", f"filings without JSON ({len(score.failed)}):"]
        lines += [f"  {line}" for line in score.failed]
    if score.mismatches:
        shown = min(show, len(score.mismatches))
        lines += ["", f"mismatches ({len(score.mismatches)}, first {shown}):"]
        lines += [f"  {line}" for line in score.mismatches[:shown]]
    lines += ["", *score.summary()]
    typer.echo("\n".join(lines))
    if minimum is not None and score.accuracy < minimum:
        return ExitCode.COMPILED_WITH_ERRORS
    return ExitCode.OK


__all__ = ["score_paths"]
