"""Variants: a fixture's facts, a style, the filing written from both, and the check that the
compiler gives the facts back.

A variant is fixed by its class and its number: ``variant(cls, n)`` draws, from a generator
seeded with both, the fixture, up to three of its persons, up to twelve of its trades, and the
style (the plain style with the class's dimension changed, or every dimension at random for the
class "mixed"). The same class and number always write the same filing.

Classes: "plain"; one per dimension of :data:`restyle.style.OPTIONS` (row numbering; rules,
pipes and corners; value placement beside, under, after a bar, after a qualifier line; zero
spellings; identification numbers after names; check-box marks; group-box labels; the rows 7-10
label; tabs; page breaks in the cover page; caption wording; trades as tables of any column
order, with a nature column, as prose, one per paragraph, in a schedule Item 5(c) refers to;
date formats; page breaks in the trade table; 13D, 13G and 13G without title page); "mixed".
"""

from __future__ import annotations

import random
import re
import zlib
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from compiler import compile_filing
from compiler.ir import Filing
from restyle.body import (
    AMENDMENT,
    TABLE_PERSON,
    annex,
    items_13d,
    items_13g,
    signature,
    title_page,
)
from restyle.cover import cover_page
from restyle.facts import FilingFacts, PersonFacts, TradeFacts, corpus_facts
from restyle.html import html_filing
from restyle.style import OPTIONS, Style, mixed
from restyle.trade_prose import expected_sides

# "dimension=option": the plain style with that one choice changed.
CLASSES = (
    "plain",
    *(f"{name}={option}" for name, options in OPTIONS.items() for option in options[1:]),
    "mixed",
)
# The dimensions that shape Item 5(c): their variants are written from fixtures with trades.
TRADE_DIMENSIONS = frozenset({"trades", "date_format", "table_break", "trade_cells"})
CHOICE_SEPARATOR = " + "  # between the choices of a class of several
MAX_PERSONS = 3
MAX_TRADES = 12
MAX_ANNEX = 6


@dataclass(frozen=True, slots=True)
class Variant:
    name: str  # "class/number"
    style: Style
    facts: FilingFacts
    persons: tuple[PersonFacts, ...]
    trades: tuple[TradeFacts, ...]
    annex_names: tuple[str, ...]
    text: str

    @property
    def schedule(self) -> str:
        return "13D" if self.style.schedule == "13D" else "13G"


def _rng(cls: str, number: int) -> random.Random:
    # (crc32, not hash(): str hashes change from run to run.)
    return random.Random(zlib.crc32(f"{cls}/{number}".encode()))


def _style(cls: str, rng: random.Random) -> Style:
    if cls == "plain":
        return Style()
    if cls == "mixed":
        return mixed(rng)
    return replace(Style(), **_choices(cls))


def _choices(cls: str) -> dict[str, str]:
    """The style choices a class names: "trades=prose", or several joined by " + ",
    "trades=prose + tabs=tabs" (an option may hold any other separator: "codes=; ")."""
    pieces = [piece.partition("=") for piece in cls.split(CHOICE_SEPARATOR)]
    if not all(dimension in OPTIONS for dimension, _, _ in pieces):
        pieces = [cls.partition("=")]
    return {dimension: option for dimension, _, option in pieces}


def _sample(items: tuple[Any, ...], most: int, rng: random.Random) -> tuple[Any, ...]:
    if len(items) <= most:
        return items
    start = rng.randrange(len(items) - most + 1)
    return items[start : start + most]


def variant(cls: str, number: int) -> Variant:
    rng = _rng(cls, number)
    pool = corpus_facts()
    dimensions = set(_choices(cls)) if "=" in cls else set()
    if dimensions & TRADE_DIMENSIONS:
        pool = tuple(f for f in pool if f.trades)
    if "annex" in dimensions:
        pool = tuple(f for f in pool if f.annex_names)
    facts = rng.choice(pool)
    style = _style(cls, rng)
    persons = _sample(facts.persons, MAX_PERSONS, rng)
    schedule = "13D" if style.schedule == "13D" else "13G"
    trades = _sample(facts.trades, MAX_TRADES, rng) if schedule == "13D" else ()
    listed = _sample(facts.annex_names, MAX_ANNEX, rng) if schedule == "13D" else ()
    listed = listed if style.annex != "none" else ()
    header = f"CUSIP No. {facts.cusip}                {schedule}"
    lines = title_page(facts, style, schedule)
    for page, person in enumerate(persons, start=2):
        lines += cover_page(person, style, schedule, f"{header}          Page {page} of 9")
        lines.append("<PAGE>")
    schedule_lines: list[str] = []
    if schedule == "13D":
        item_lines, schedule_lines = items_13d(facts, trades, style, rng, header + "  (continued)")
        lines += item_lines
    else:
        lines += items_13g(facts, style, header)
    lines += signature(facts)
    lines += schedule_lines
    lines += annex(listed, style)
    text = "\n".join(lines) + "\n"
    if style.format == "html":
        listed = ()  # (the HTML writer has no annex)
        text = html_filing(facts, persons, trades, style, rng)
    elif style.tabs == "tabs":
        text = _tabbed(text)
    return Variant(f"{cls}/{number}", style, facts, persons, trades, listed, text)


def _tabbed(text: str) -> str:
    """Runs of spaces that separate columns written as tabs, as word processors save them."""
    return re.sub(r"(?<=\S) {3,}(?=\S)", "\t\t", re.sub(r"^ {8,}", "\t", text, flags=re.M))


def compile_variant(item: Variant) -> Filing:
    suffix = "htm" if item.style.format == "html" else "txt"
    return compile_filing(item.text.encode("utf-8"), f"restyled/{item.name}.{suffix}")


def _person_values(person: PersonFacts, schedule: str) -> dict[str, Any]:
    is_13d = schedule == "13D"
    return {
        "name": person.name,
        "member_of_group": (person.group_a, person.group_b),
        "source_of_funds": tuple(sorted(person.funds)) if is_13d else None,
        "legal_proceedings": person.legal if is_13d else None,
        "citizenship": person.citizenship,
        "sole_voting_power": person.sole_vote,
        "shared_voting_power": person.shared_vote,
        "sole_dispositive_power": person.sole_disp,
        "shared_dispositive_power": person.shared_disp,
        "aggregate_amount": person.aggregate,
        "excludes_certain_shares": person.excludes,
        "percent_of_class": person.percent,
        "type_of_reporting_person": tuple(sorted(person.types)),
    }


def _compiled_person(filing: Filing, index: int) -> dict[str, Any]:
    p = filing.reporting_persons[index]
    return {
        "name": p.name,
        "member_of_group": (p.member_of_group.a, p.member_of_group.b),
        "source_of_funds": tuple(sorted(p.source_of_funds))
        if p.source_of_funds is not None
        else None,
        "legal_proceedings": p.legal_proceedings,
        "citizenship": p.citizenship,
        "sole_voting_power": p.sole_voting_power,
        "shared_voting_power": p.shared_voting_power,
        "sole_dispositive_power": p.sole_dispositive_power,
        "shared_dispositive_power": p.shared_dispositive_power,
        "aggregate_amount": p.aggregate_amount,
        "excludes_certain_shares": p.excludes_certain_shares,
        "percent_of_class": p.percent_of_class,
        "type_of_reporting_person": tuple(sorted(p.type_of_reporting_person)),
    }


def mismatches(item: Variant, filing: Filing | None = None) -> list[str]:
    """Every fact the compiled variant does not give back, as "where: expected ..., got ..."."""
    filing = compile_variant(item) if filing is None else filing
    wrong: list[str] = []

    def expect(where: str, expected: object, got: object) -> None:
        if expected != got:
            wrong.append(f"{where}: expected {expected!r}, got {got!r}")

    expect("issuer", item.facts.issuer, filing.issuer.name)
    amendment = AMENDMENT if item.style.amendment != "none" else None
    if item.style.schedule != "13G-no-title":
        expect("amendment_number", amendment, filing.amendment_number)
    expect("security/title", item.facts.title, filing.security.title)
    if item.style.schedule != "13G-no-title":
        expect("security/cusips", (item.facts.cusip,), filing.security.cusips)
        expect("event_date", item.facts.event_date, filing.event_date)
    expect("reporting_persons/count", len(item.persons), len(filing.reporting_persons))
    for index, person in enumerate(item.persons[: len(filing.reporting_persons)]):
        want, got = _person_values(person, item.schedule), _compiled_person(filing, index)
        for key, value in want.items():
            expect(f"reporting_persons/{index}/{key}", value, got[key])
    trades = [(t.date, t.shares, Decimal(t.price)) for t in item.trades]
    found = [(t.date, t.shares, t.price) for t in filing.transactions]
    expect("transactions", trades, found)
    sides = expected_sides(item.trades, item.style)
    if sides is not None:
        expect("transactions/side", sides, [t.side and str(t.side) for t in filing.transactions])
    if item.style.trades in ("table-with-person", "table-all-columns"):
        people = [t.person for t in filing.transactions]
        expect("transactions/person", [TABLE_PERSON] * len(item.trades), people)
    numbers = ("1", "2", "3", "4", "5", "6", "7") if item.schedule == "13D" else tuple("12345")
    expect("items", numbers, tuple(i.number for i in filing.items))
    listed = [p.name for annex in filing.annexes for p in annex.persons]
    expect("annexes/persons", list(item.annex_names), listed)
    return wrong
