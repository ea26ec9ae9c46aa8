"""Accuracy against hand-checked gold files: the rules of the shared scorer, in the package.

A gold file ``NAME.gold.json`` beside a filing ``NAME.txt`` (or ``.htm``, ``.html``, ``.xml``)
holds the values a person read from the filing, in the JSON contract's keys. :func:`compare`
checks every key the gold file has against 13dc's JSON document (``Filing.to_dict()``), with the
comparison rules of ``../shared/tools/score.py`` (whitespace folded, code lists sorted, numbers
compared as floats); ``13dc score DIR...`` (compiler.cli.score) tallies them per field. The test
suite uses the same functions (tests/gold_compare.py), so the published accuracy and the tests
cannot drift apart.
"""

from __future__ import annotations

import math
import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from compiler.schema import ROWS, ValueKind

# The person fields a gold file may hold (the shared scorer's list): the cover rows with a value,
# in the form's order (compiler/schema.py), and the EDGAR code of the place beside the place.
PERSON_FIELDS = tuple(
    field
    for row in ROWS
    if row.field
    for field in ((row.field, f"{row.field}_code") if row.kind is ValueKind.PLACE else (row.field,))
)
FILING_SUFFIXES = (".txt", ".htm", ".html", ".xml")
GOLD_SUFFIX = ".gold.json"


class _Missing:
    def __repr__(self) -> str:
        return "<missing>"


MISSING = _Missing()

# (field kind, JSON pointer, ok, expected, got)
Result = tuple[str, str, bool, Any, Any]


def norm(value: Any) -> Any:
    """Canonical form for comparison: whitespace folded, code lists sorted, floats rounded."""
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | float):
        return round(float(value), 6)
    if isinstance(value, list):
        items = [norm(v) for v in value]
        if all(isinstance(v, str) for v in items):
            return sorted(items)
        return items
    if isinstance(value, dict):
        return {k: norm(v) for k, v in value.items()}
    return value


def same(a: Any, b: Any) -> bool:
    a, b = norm(a), norm(b)
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, abs_tol=1e-9)
    return bool(a == b)


def dig(doc: Any, *path: str | int) -> Any:
    for key in path:
        if isinstance(key, int):
            if not isinstance(doc, list) or key >= len(doc):
                return MISSING
            doc = doc[key]
        else:
            if not isinstance(doc, dict) or key not in doc:
                return MISSING
            doc = doc[key]
    return doc


def _compare_people(gold: dict[str, Any], got: dict[str, Any], check: Any) -> None:
    gold_people = gold["reporting_persons"]
    got_people = dig(got, "reporting_persons")
    got_people = got_people if isinstance(got_people, list) else []
    check("reporting_persons.count", "/reporting_persons#", len(gold_people), len(got_people))
    for i, person in enumerate(gold_people):
        for name in PERSON_FIELDS:
            if name in person:
                pointer = f"/reporting_persons/{i}/{name}"
                check(f"person.{name}", pointer, person[name], dig(got_people, i, name))


def _compare_rows(gold: dict[str, Any], got: dict[str, Any], check: Any) -> None:
    if "items" in gold:
        expected = sorted(str(i["number"]) for i in gold["items"])
        items = dig(got, "items")
        actual = sorted(str(i.get("number")) for i in items) if isinstance(items, list) else MISSING
        check("items", "/items#", expected, actual)
    if "transactions" in gold:
        gold_tx = gold["transactions"]
        got_tx = dig(got, "transactions")
        got_tx = got_tx if isinstance(got_tx, list) else []
        check("transactions.count", "/transactions#", len(gold_tx), len(got_tx))
        for i, row in enumerate(gold_tx):
            for name in ("date", "shares", "price"):
                if name in row:
                    pointer = f"/transactions/{i}/{name}"
                    check(f"transaction.{name}", pointer, row[name], dig(got_tx, i, name))
    signatures = gold.get("signatures")
    if signatures and "date" in signatures[0]:
        actual = dig(got, "signatures", 0, "date")
        check("signature.date", "/signatures/0/date", signatures[0]["date"], actual)
    if "annexes" in gold:
        expected_names = [p["name"] for a in gold["annexes"] for p in a.get("persons", [])]
        annexes = dig(got, "annexes")
        actual_names = (
            [p.get("name") for a in annexes for p in a.get("persons", [])]
            if isinstance(annexes, list)
            else []
        )
        check("annex.count", "/annexes#", len(expected_names), len(actual_names))
        for i, name in enumerate(expected_names):
            actual = actual_names[i] if i < len(actual_names) else MISSING
            check("annex.name", f"/annexes/*/persons/{i}/name", name, actual)


def compare(gold: dict[str, Any], got: dict[str, Any]) -> list[Result]:
    """(field_kind, pointer, ok, expected, got) for every value the gold file checks."""
    out: list[Result] = []

    def check(kind: str, pointer: str, expected: Any, actual: Any) -> None:
        ok = actual is not MISSING and same(expected, actual)
        out.append((kind, pointer, ok, expected, actual))

    for key in ("form", "amendment_number", "event_date", "previously_filed_13g"):
        if key in gold:
            check(key, f"/{key}", gold[key], dig(got, key))
    if "issuer" in gold and "name" in gold["issuer"]:
        check("issuer.name", "/issuer/name", gold["issuer"]["name"], dig(got, "issuer", "name"))
    for key in ("title", "cusips"):
        if key in gold.get("security", {}):
            actual = dig(got, "security", key)
            check(f"security.{key}", f"/security/{key}", gold["security"][key], actual)
    if "reporting_persons" in gold:
        _compare_people(gold, got, check)
    _compare_rows(gold, got, check)
    return out


def gold_path(filing: Path) -> Path:
    return filing.with_name(filing.stem + GOLD_SUFFIX)


def gold_cases(directories: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Every filing under ``directories`` (recursively, sorted) with a gold file beside it."""
    found: set[Path] = set()
    for directory in directories:
        for root, _, files in os.walk(directory):
            for name in files:
                path = Path(root) / name
                if path.suffix.lower() in FILING_SUFFIXES and gold_path(path).is_file():
                    found.add(path)
    return sorted(found)


@dataclass(slots=True)
class Score:
    """Per-field tallies over many filings."""

    totals: Counter[str] = field(default_factory=Counter)
    right: Counter[str] = field(default_factory=Counter)
    mismatches: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    filings: int = 0
    perfect: int = 0

    def add(self, name: str, results: list[Result]) -> None:
        self.filings += 1
        for kind, pointer, ok, expected, actual in results:
            self.totals[kind] += 1
            self.right[kind] += ok
            if not ok:
                self.mismatches.append(f"{name}{pointer}: expected {expected!r}, got {actual!r}")
        self.perfect += all(ok for _, _, ok, _, _ in results)

    @property
    def accuracy(self) -> float:
        total = sum(self.totals.values())
        return sum(self.right.values()) / total if total else 0.0

    def table(self) -> list[str]:
        """The per-field table, as the shared scorer prints it."""
        lines = [f"{'field':28} {'right':>7} {'of':>7} {'accuracy':>9}"]
        for kind in sorted(self.totals):
            right, total = self.right[kind], self.totals[kind]
            lines.append(f"{kind:28} {right:7d} {total:7d} {right / total:9.2%}")
        return lines

    def summary(self) -> list[str]:
        correct, total = sum(self.right.values()), sum(self.totals.values())
        compiled = self.filings - len(self.failed)
        return [
            f"filings: {self.filings}, compiled: {compiled}, all fields right: {self.perfect}",
            f"field accuracy: {correct}/{total} = {self.accuracy:.2%}",
        ]


__all__ = [
    "FILING_SUFFIXES",
    "MISSING",
    "PERSON_FIELDS",
    "Result",
    "Score",
    "compare",
    "dig",
    "gold_cases",
    "gold_path",
    "norm",
    "same",
]
