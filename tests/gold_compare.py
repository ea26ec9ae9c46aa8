"""Gold-file comparison for the corpus tests, copied from ``../shared/tools/score.py``.

The scorer compares every key present in a hand-checked ``NAME.gold.json`` with 13dc's JSON
output; this is the same logic (normalization, which keys, which pointers), kept here so that the
tests need nothing outside the repository. Keep it in step with the scorer.
"""

from __future__ import annotations

import math
from typing import Any

PERSON_FIELDS = (
    "name",
    "member_of_group",
    "source_of_funds",
    "legal_proceedings",
    "citizenship",
    "citizenship_code",
    "sole_voting_power",
    "shared_voting_power",
    "sole_dispositive_power",
    "shared_dispositive_power",
    "aggregate_amount",
    "excludes_certain_shares",
    "percent_of_class",
    "type_of_reporting_person",
)


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
            check(
                f"security.{key}",
                f"/security/{key}",
                gold["security"][key],
                dig(got, "security", key),
            )

    if "reporting_persons" in gold:
        gold_people = gold["reporting_persons"]
        got_people = dig(got, "reporting_persons")
        got_people = got_people if isinstance(got_people, list) else []
        check("reporting_persons.count", "/reporting_persons#", len(gold_people), len(got_people))
        for i, person in enumerate(gold_people):
            for field in PERSON_FIELDS:
                if field in person:
                    check(
                        f"person.{field}",
                        f"/reporting_persons/{i}/{field}",
                        person[field],
                        dig(got_people, i, field),
                    )

    if "items" in gold:
        expected = sorted(str(i["number"]) for i in gold["items"])
        actual_items = dig(got, "items")
        actual = (
            sorted(str(i.get("number")) for i in actual_items)
            if isinstance(actual_items, list)
            else MISSING
        )
        check("items", "/items#", expected, actual)

    if "transactions" in gold:
        gold_tx = gold["transactions"]
        got_tx = dig(got, "transactions")
        got_tx = got_tx if isinstance(got_tx, list) else []
        check("transactions.count", "/transactions#", len(gold_tx), len(got_tx))
        for i, row in enumerate(gold_tx):
            for field in ("date", "shares", "price"):
                if field in row:
                    check(
                        f"transaction.{field}",
                        f"/transactions/{i}/{field}",
                        row[field],
                        dig(got_tx, i, field),
                    )

    if "signatures" in gold and gold["signatures"] and "date" in gold["signatures"][0]:
        check(
            "signature.date",
            "/signatures/0/date",
            gold["signatures"][0]["date"],
            dig(got, "signatures", 0, "date"),
        )

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
    return out
