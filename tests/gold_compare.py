"""Gold-file comparison for the corpus tests: the package's own (compiler.accuracy), which follows
the rules of ``../shared/tools/score.py`` and backs ``13dc score``, so that the tests and the
published accuracy use one definition."""

from __future__ import annotations

from dataclasses import fields

from compiler.accuracy import MISSING, Result, compare, dig, norm, same
from compiler.accuracy import PERSON_FIELDS as GOLD_PERSON_FIELDS
from compiler.ir import ReportingPerson

# The gold files' person fields that the IR's ReportingPerson has (tests read them off the IR).
PERSON_FIELDS = tuple(
    name for name in GOLD_PERSON_FIELDS if name in {f.name for f in fields(ReportingPerson)}
)

__all__ = ["MISSING", "PERSON_FIELDS", "Result", "compare", "dig", "norm", "same"]
