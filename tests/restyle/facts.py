"""The facts a restyled filing is written from: the gold answers of the corpus fixtures
(``tests/fixtures/*/NAME.gold.json``), the truth every variant must give back.

Only complete facts are kept (a person with every cover value, a trade with date, shares and
price): a value the gold file leaves null has no spelling to restyle. A 13G's gold has no source
of funds; the 13D variants written from it say "OO" (the facts are the generator's own, and the
comparison uses them)."""

from __future__ import annotations

import datetime as dt
import functools
import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@dataclass(frozen=True, slots=True)
class PersonFacts:
    name: str
    group_a: bool
    group_b: bool
    funds: tuple[str, ...]
    legal: bool
    citizenship: str
    sole_vote: int
    shared_vote: int
    sole_disp: int
    shared_disp: int
    aggregate: int
    excludes: bool
    percent: Decimal
    types: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TradeFacts:
    date: dt.date
    shares: int
    price: Decimal


@dataclass(frozen=True, slots=True)
class FilingFacts:
    source: str  # the fixture the facts come from
    issuer: str
    title: str
    cusip: str
    event_date: dt.date
    persons: tuple[PersonFacts, ...]
    trades: tuple[TradeFacts, ...]
    annex_names: tuple[str, ...]


_COVER_KEYS = (
    "name",
    "citizenship",
    "sole_voting_power",
    "shared_voting_power",
    "sole_dispositive_power",
    "shared_dispositive_power",
    "aggregate_amount",
    "percent_of_class",
)


def _person(gold: dict[str, Any]) -> PersonFacts | None:
    if any(gold.get(key) is None for key in _COVER_KEYS) or not gold.get(
        "type_of_reporting_person"
    ):
        return None
    group = gold.get("member_of_group") or {}
    return PersonFacts(
        name=" ".join(gold["name"].split()),
        group_a=bool(group.get("a")),
        group_b=bool(group.get("b")),
        funds=tuple(gold.get("source_of_funds") or ("OO",)),
        legal=bool(gold.get("legal_proceedings")),
        citizenship=" ".join(gold["citizenship"].split()),
        sole_vote=gold["sole_voting_power"],
        shared_vote=gold["shared_voting_power"],
        sole_disp=gold["sole_dispositive_power"],
        shared_disp=gold["shared_dispositive_power"],
        aggregate=gold["aggregate_amount"],
        excludes=bool(gold.get("excludes_certain_shares")),
        percent=Decimal(str(gold["percent_of_class"])),
        types=tuple(gold["type_of_reporting_person"]),
    )


def _trade(gold: dict[str, Any]) -> TradeFacts | None:
    if gold.get("date") is None or gold.get("shares") is None or gold.get("price") is None:
        return None
    return TradeFacts(
        dt.date.fromisoformat(gold["date"]), gold["shares"], Decimal(str(gold["price"]))
    )


def _filing(path: Path) -> FilingFacts | None:
    gold = json.loads(path.read_text())
    persons = tuple(p for p in map(_person, gold.get("reporting_persons") or []) if p)
    if not persons:
        return None
    trades = tuple(t for t in map(_trade, gold.get("transactions") or []) if t)
    names = tuple(
        " ".join(person["name"].split())
        for annex in gold.get("annexes") or []
        for person in annex.get("persons", [])
    )
    cusips = (gold.get("security") or {}).get("cusips") or ["282912104"]
    event = gold.get("event_date")
    return FilingFacts(
        source=f"{path.parent.name}/{path.name.removesuffix('.gold.json')}",
        issuer=" ".join(((gold.get("issuer") or {}).get("name") or "Acme Widgets, Inc.").split()),
        title=" ".join(((gold.get("security") or {}).get("title") or "Common Stock").split()),
        cusip=cusips[0],
        event_date=dt.date.fromisoformat(event) if event else dt.date(2020, 3, 2),
        persons=persons,
        trades=trades,
        annex_names=names,
    )


@functools.cache
def corpus_facts() -> tuple[FilingFacts, ...]:
    """The facts of every fixture with a gold file and at least one complete person."""
    found = (_filing(path) for path in sorted(FIXTURES.glob("*/*.gold.json")))
    return tuple(facts for facts in found if facts is not None)
