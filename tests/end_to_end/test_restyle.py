"""The restyling generator (tests/restyle/): the corpus's gold answers written again in every
house style and value spelling the generator knows, compiled, and compared with the facts.

Each class is one style choice changed from the plain style (``numbering=(n)``, ``zero=--``,
``trades=prose``...), or every choice at random (``mixed``); see restyle/variants.py. The default
run writes :data:`PER_CLASS` variants of each class and :data:`MIXED` mixed ones (seeded: the
same filings every run, a few seconds on one core). The ``slow`` test draws more variant numbers
with hypothesis (RESTYLE_EXAMPLES of them, 300 by default).

A class the compiler does not read yet is a strict xfail with the reason (KNOWN_MISSES): it
fails the run as soon as it passes, so that the mark is taken off.
"""

from __future__ import annotations

import os
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from restyle.style import OPTIONS
from restyle.variants import CHOICE_SEPARATOR, CLASSES, mismatches, variant

PER_CLASS = 50
MIXED = 400
# The slow test's draws: RESTYLE_EXAMPLES=100000 for a long run.
LONG_EXAMPLES = int(os.environ.get("RESTYLE_EXAMPLES", "300"))

# class -> why the compiler does not read it yet
KNOWN_MISSES: dict[str, str] = {}


def _marks(cls: str) -> list[pytest.MarkDecorator]:
    reason = KNOWN_MISSES.get(cls)
    return [pytest.mark.xfail(reason=reason, strict=True)] if reason else []


PARAMS = [pytest.param(cls, id=cls.replace("\n", "NL"), marks=_marks(cls)) for cls in CLASSES]


def _failures(cls: str, numbers: range) -> list[str]:
    failed: list[str] = []
    for number in numbers:
        item = variant(cls, number)
        wrong = mismatches(item)
        if wrong:
            failed.append(f"{item.name} ({item.facts.source}; {item.style.describe()}): {wrong[0]}")
    return failed


@pytest.mark.parametrize("cls", PARAMS)
def test_every_variant_gives_back_its_facts(cls: str) -> None:
    failed = _failures(cls, range(MIXED if cls == "mixed" else PER_CLASS))
    assert not failed, f"{len(failed)} variants wrong, first: {failed[:3]}"


# Every trade table style laid out by each writer that moves its cells (tabs drift them off their
# headings and drop an empty one; HTML puts them in <td>s), and the table of every column in
# every date spelling: the columns' roles must survive each. (Classes of several choices.)
TABLE_STYLES = [style for style in OPTIONS["trades"] if style.startswith("table")]
TABLE_LAYOUTS = [
    *(
        f"trades={style}{CHOICE_SEPARATOR}{layout}"
        for style in TABLE_STYLES
        for layout in ("tabs=tabs", "format=html")
    ),
    *(
        f"trades=table-all-columns{CHOICE_SEPARATOR}date_format={spelling}"
        for spelling in OPTIONS["date_format"]
    ),
]
PER_LAYOUT = 10


@pytest.mark.parametrize("cls", TABLE_LAYOUTS)
def test_every_table_style_in_every_layout(cls: str) -> None:
    failed = _failures(cls, range(PER_LAYOUT))
    assert not failed, f"{len(failed)} variants wrong, first: {failed[:3]}"


def test_variants_are_deterministic() -> None:
    assert variant("mixed", 7).text == variant("mixed", 7).text
    assert variant("mixed", 7).text != variant("mixed", 8).text


def test_the_generator_writes_what_it_says() -> None:
    """The style reaches the text: a check that a class is not silently the plain style."""
    assert "-0-" in variant("zero=-0-", 0).text or "0" not in variant("zero=-0-", 0).text
    assert "(7)" in variant("numbering=({n})", 0).text
    assert "\t" in variant("tabs=tabs", 0).text
    prose = variant("trades=prose", 0)  # Item 5(c)'s line gives a trade in words, not a table
    count = f"{prose.trades[0].shares:,} Shares"
    assert any(line.startswith("     (c) ") and count in line for line in prose.text.splitlines())
    assert "SCHEDULE A" in variant("trades=schedule", 0).text
    assert "(Name of Issuer)" not in variant("schedule=13G-no-title", 0).text


def test_a_wrong_fact_is_caught() -> None:
    """The comparison can fail: a variant whose text lost a value is reported."""
    item = variant("plain", 3)
    first = item.persons[0]
    broken = item.text.replace(first.name, "Somebody Else", 1)
    assert mismatches(replace(item, text=broken))


@pytest.mark.slow
@settings(max_examples=LONG_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    cls=st.sampled_from([c for c in CLASSES if c not in KNOWN_MISSES]),
    number=st.integers(min_value=PER_CLASS, max_value=10**6),
)
def test_many_more_variants(cls: str, number: int) -> None:
    item = variant(cls, number)
    assert mismatches(item) == [], item.style.describe()
