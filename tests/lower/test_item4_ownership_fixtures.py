"""Every example of tests/fixtures/items/item4_ownership.fixture: the Item 4 of a Schedule 13G/A
that gives no cover page, as filers write it -> the reporting person's ``AGGREGATE | PERCENT |
SOLE VOTE | SHARED VOTE | SOLE DISPOSITIVE | SHARED DISPOSITIVE`` (``-`` for a value not read),
or ``no person: CODE`` where Item 4 reads as no one person's ownership (the warning's code)."""

from __future__ import annotations

import pytest
from conftest import FIXTURES
from fixture_blocks import Example, read_examples

from compiler import compile_filing
from compiler.diagnostic_codes import Code

EXAMPLES = read_examples(FIXTURES / "items" / "item4_ownership.fixture")

TEMPLATE = """\
                                  SCHEDULE 13G
                   Under the Securities Exchange Act of 1934
                               (Amendment No. 3)*

                               Acme Widgets, Inc.
                                (Name of Issuer)

                                  Common Stock
                         (Title of Class of Securities)

                                   282912104
                                 (CUSIP Number)

Item 1(a)   Name of Issuer:  Acme Widgets, Inc.

Item 2(a)   Name of Person Filing:  Harbor Trust Company

Item 2(c)   Citizenship:  Ohio

{item4}

Item 5      Ownership of Five Percent or Less of a Class:  Not applicable.

                                   SIGNATURE

Date:  February 9, 1996                 /s/ Jane Q. Public
"""


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda example: example.id)
def test_item4_ownership(example: Example) -> None:
    filing = compile_filing(TEMPLATE.format(item4=example.text).encode(), "item4.txt")
    codes = {d.code for d in filing.diagnostics}
    if not filing.reporting_persons:
        assert Code.ITEM4_PERSON not in codes
        found = "no person: " + " ".join(
            sorted(c.value for c in codes if c.value.startswith("ITEM4"))
        )
        assert found == example.expected
        return
    (person,) = filing.reporting_persons
    assert (person.name, person.citizenship) == ("Harbor Trust Company", "Ohio")
    assert Code.ITEM4_PERSON in codes
    shown = [
        person.aggregate_amount,
        person.percent_of_class,
        person.sole_voting_power,
        person.shared_voting_power,
        person.sole_dispositive_power,
        person.shared_dispositive_power,
    ]
    assert " | ".join("-" if v is None else str(v) for v in shown) == example.expected
    # Each value read points at its place in the filing.
    for field in ("aggregate_amount", "percent_of_class"):
        assert field in person.spans


@pytest.mark.parametrize(
    "names",
    [
        "This statement is filed by Harbor Trust Company and Harbor Bancorp (the\n"
        '            "Reporting Persons").',
        "(1) Harbor Trust Company\n            (2) Harbor Bancorp",
    ],
    ids=["sentence", "numbered"],
)
def test_item_2a_naming_several_persons_gives_no_person(names: str) -> None:
    """Item 4's one amount cannot be given to one of the persons Item 2(a) names: no person,
    and a warning, rather than a person named by the whole sentence."""
    item4 = "Item 4      Ownership:\n\n            (a)  Amount beneficially owned:  412,300"
    data = TEMPLATE.format(item4=item4).replace("Harbor Trust Company\n", names + "\n", 1)
    filing = compile_filing(data.encode(), "item4.txt")
    assert filing.reporting_persons == ()
    assert Code.ITEM4_UNREAD in {d.code for d in filing.diagnostics}


def test_item_2a_one_name_under_its_caption_is_the_person() -> None:
    """One name on the line under Item 2(a)'s caption is the one person. (So is a list of names
    one a line, joined: the normalized text runs them onto one line, and no rule tells the joined
    names from one name wrapped; Item 4 giving one amount a person is what guards that case.)"""
    item4 = "Item 4      Ownership:\n\n            (a)  Amount beneficially owned:  412,300"
    data = TEMPLATE.format(item4=item4).replace(
        "Harbor Trust Company\n", "\n\n            Harbor Trust Company\n", 1
    )
    filing = compile_filing(data.encode(), "item4.txt")
    (person,) = filing.reporting_persons
    assert (person.name, person.aggregate_amount) == ("Harbor Trust Company", 412300)
