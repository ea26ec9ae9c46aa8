"""One minimal hand-written case per layout family of the cover page (issue: real-world accuracy).

Every rule the grammar and the lowering follow for a family is stated here as a filing of that
family, small enough to read: row numbers written 1, 1., (1), 1), Item 1:; boxes of dashes, pipes,
+---+ corners, underscores, === or none; values on the caption line, below it, in a right-hand
column, after dot leaders or a colon; rows 7-10 beside the "NUMBER OF SHARES" label; tabs; and the
check-box and value spellings filings use.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from conftest import REPO
from layout_cases import (
    BODY,
    COMPACT_13G,
    FAMILIES,
    LINE_PLACEHOLDER_13G,
    TITLE,
    person,
    values,
)

from compiler import compile_filing

EXPECTED: dict[str, Any] = {
    "name": "Jane Q. Public",
    "member_of_group": (False, True),
    "source_of_funds": ("PF",),
    "legal_proceedings": False,
    "citizenship": "United States",
    "sole_voting_power": 600000,
    "shared_voting_power": 0,
    "sole_dispositive_power": 600000,
    "shared_dispositive_power": 0,
    "aggregate_amount": 600000,
    "excludes_certain_shares": False,
    "percent_of_class": Decimal("6.0"),
    "type_of_reporting_person": ("IN",),
}


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_layout_family(family: str) -> None:
    assert values(person(FAMILIES[family])) == EXPECTED


@pytest.mark.parametrize(
    ("row", "written", "codes"),
    [
        ("SOURCE OF FUNDS", "00", ("OO",)),
        ("SOURCE OF FUNDS", "PF; OO", ("PF", "OO")),
        ("SOURCE OF FUNDS", "WC, AF", ("WC", "AF")),
        ("TYPE OF REPORTING PERSON", "C0", ("CO",)),
        ("TYPE OF REPORTING PERSON", "IA, 00", ("IA", "OO")),
    ],
)
def test_code_spellings(row: str, written: str, codes: tuple[str, ...]) -> None:
    original = "PF" if row == "SOURCE OF FUNDS" else "IN"
    cover = FAMILIES["colon-values"].replace(f"{row}:  {original}", f"{row}:  {written}")
    got = person(cover)
    found = got.source_of_funds if row == "SOURCE OF FUNDS" else got.type_of_reporting_person
    assert tuple(found or ()) == codes


@pytest.mark.parametrize(
    ("written", "place"),
    [
        ("United States", "United States"),
        ("State of Delaware", "State of Delaware"),
        ("The state of organization is Delaware.", "Delaware"),
        ("Organized under the laws of the State of New York", "State of New York"),
        ("A citizen of the United States of America.", "United States of America"),
    ],
)
def test_citizenship_spellings(written: str, place: str) -> None:
    """Row 6 (13G row 4) as a place, or as a sentence that names it: the place, as written."""
    cover = FAMILIES["colon-values"].replace(
        "CITIZENSHIP OR PLACE OF ORGANIZATION:  United States",
        f"CITIZENSHIP OR PLACE OF ORGANIZATION:  {written}",
    )
    got = person(cover)
    assert got.citizenship == place
    # The span is the place's own.
    span = got.spans["citizenship"]
    assert span.end_column - span.column == len(place)


def test_the_instruction_over_rows_5_to_8_is_no_place() -> None:
    """A blank row 4 over the instruction "(For questions 5-8, report the number of shares
    beneficially owned by each / reporting person with:)": no citizenship, and a warning."""
    cover = LINE_PLACEHOLDER_13G.replace(" United States\n", "\n", 1)
    title = TITLE.replace("SCHEDULE 13D", "SCHEDULE 13G")
    filing = compile_filing((title + cover + BODY).encode(), "family.txt")
    assert filing.reporting_persons[0].citizenship is None
    assert "VALUE-MISSING" in {d.code.value for d in filing.diagnostics}


def test_wrapped_name_and_split_off_identification_number() -> None:
    cover = FAMILIES["parenthesis-numbers-values-below"].replace(
        "        Jane Q. Public\n        S.S. No. ###-##-####",
        "        Jane Q. Public Family\n        Holdings LLC\n        13-4044523",
    )
    got = person(cover)
    assert (got.name, got.identification_number) == (
        "Jane Q. Public Family Holdings LLC",
        "13-4044523",
    )


STATE_FARM_13G = """
CUSIP No. ___282912104           ___
___________________________________________________
 1.  Name of Reporting Person and I.R.S. Identification No.:
     Jane Q. Public Holdings Company 37-0533100
___________________________________________________
 2.  Check the appropriate box if a Member of a Group
     (a) _____
     (b) __X__
___________________________________________________
 3.  SEC USE ONLY:
___________________________________________________
 4.  Citizenship or Place of Organization: United States
___________________________________________________
 Number of    5.  Sole Voting Power: 600,000
 Shares       ___________________________________________________
 Beneficially 6.  Shared Voting Power: 0
 Owned by     ___________________________________________________
 Each         7.  Sole Dispositive Power: 600,000
 Reporting    ___________________________________________________
 Person With  8.  Shared Dispositive Power: 0
___________________________________________________
 9.  Aggregate Amount Beneficially Owned by each Reporting Person: 600,000
___________________________________________________
10.  Check Box if the Aggregate Amount in Row 9 excludes Certain Shares: ____
___________________________________________________
11.  Percent of Class Represented by Amount in Row 9: 6.0  %
___________________________________________________
12.  Type of Reporting Person: IN
"""


@pytest.mark.parametrize(
    "cover",
    [STATE_FARM_13G, COMPACT_13G, LINE_PLACEHOLDER_13G],
    ids=["underscore-boxes", "compact", "line-placeholder"],
)
def test_schedule_13g_families(cover: str) -> None:
    got = values(person(cover, schedule="13G"))
    expected = dict(EXPECTED, source_of_funds=(), legal_proceedings=None)
    if cover is STATE_FARM_13G:
        expected["name"] = "Jane Q. Public Holdings Company"
    assert got == expected


def test_label_title_page_family() -> None:
    title = (
        "SCHEDULE 13D\n\nName of Issuer:  Acme Widgets, Inc.\n"
        "Title of Class of Securities:  Common Stock\nCUSIP Number:  282912 10 4\n"
        "Date of Event Which Requires Filing of this Statement:  March 3, 2020\n<PAGE>\n"
    )
    filing = compile_filing((title + FAMILIES["colon-values"] + BODY).encode(), "label.txt")
    assert (filing.issuer.name, filing.security.title) == ("Acme Widgets, Inc.", "Common Stock")
    assert filing.security.cusips == ("282912104",)
    assert filing.event_date is not None and filing.event_date.isoformat() == "2020-03-03"


def test_label_title_page_value_spans_end_with_their_line() -> None:
    """A label line's value span runs to the end of the line as written, trailing blanks
    included, like every "rest of the line" span (a regression of the lowering's line texts)."""
    issuer, title_line = (
        "Name of Issuer:  Acme Widgets, Inc.     ",
        "Title of Class:  Common Stock   ",
    )
    title = f"SCHEDULE 13D\n\n{issuer}\n{title_line}\nCUSIP Number:  282912 10 4\n<PAGE>\n"
    filing = compile_filing((title + FAMILIES["colon-values"] + BODY).encode(), "label.txt")
    assert filing.issuer.name == "Acme Widgets, Inc."
    name, klass = filing.issuer.spans["name"], filing.security.spans["title"]
    assert (name.line, name.column, name.end_column) == (3, 18, len(issuer) + 1)
    assert (klass.line, klass.column, klass.end_column) == (4, 18, len(title_line) + 1)


@pytest.mark.parametrize(
    ("line", "terminal"),
    [
        ("Schedule 13D             Page 8 of 10", "RUNNING_HEAD"),  # form name first, page right
        ("CUSIP No. 282912104        13D        Page 2 of 9 Pages", "RUNNING_HEAD"),
        ("ITEM 4 PURPOSE OF TRANSACTION", "ITEM"),  # one space, then a caption word
        ("Item 4 Purpose of Transaction.", "ITEM"),
        ("Item 4 purpose was to acquire shares", "TEXT"),
        # an amendment's sentence standing for the heading opens the item
        ("Item 4 of the Schedule 13D is hereby amended", "ITEM"),
        ("Item 4 of the Schedule 13D remains unchanged", "TEXT"),
    ],
)
def test_heading_line_families(line: str, terminal: str) -> None:
    from compiler.frontend.lexer import LineClassifier

    assert LineClassifier().classify(line) == terminal


UNNUMBERED = """
NAME OF REPORTING PERSON/I.R.S. IDENTIFICATION NO. OF ABOVE PERSON
     Jane Q. Public
CHECK THE APPROPRIATE BOX IF A MEMBER OF A GROUP        (a) [ ]   (b) [X]
SEC USE ONLY
SOURCE OF FUNDS:  PF
CHECK BOX IF DISCLOSURE OF LEGAL PROCEEDINGS IS REQUIRED PURSUANT TO ITEMS 2(d) OR 2(e)  [ ]
CITIZENSHIP OR PLACE OF ORGANIZATION:  United States
SOLE VOTING POWER:  600,000
SHARED VOTING POWER:  0
SOLE DISPOSITIVE POWER:  600,000
SHARED DISPOSITIVE POWER:  0
AGGREGATE AMOUNT BENEFICIALLY OWNED BY EACH REPORTING PERSON:  600,000
CHECK BOX IF THE AGGREGATE AMOUNT IN ROW (11) EXCLUDES CERTAIN SHARES  [ ]
PERCENT OF CLASS REPRESENTED BY AMOUNT IN ROW (11):  6.0%
TYPE OF REPORTING PERSON:  IN
"""


def test_unnumbered_rows_in_capitals() -> None:
    assert values(person(UNNUMBERED)) == EXPECTED


def test_prose_naming_a_row_is_not_a_row() -> None:
    from compiler.frontend.lexer import LineClassifier

    assert LineClassifier().classify("Sole voting power over these shares is held by") == "TEXT"


def test_amendment_number_on_the_title_line() -> None:
    title = TITLE.replace(
        "SCHEDULE 13D\n                               (Amendment No. 4)",
        "SCHEDULE 13D (Amendment No. 7)",
    )
    filing = compile_filing((title + FAMILIES["colon-values"] + BODY).encode(), "t.txt")
    assert (filing.amendment_number, filing.form) == (7, "SC 13D/A")


_EXAMPLE = "examples/seed-8x8-13da.txt"
_ROW_14 = "14        TYPE OF REPORTING PERSON:  CO\n"
_RULE = "--------- " + "-" * 70 + "\n"


@pytest.mark.parametrize(
    ("written", "codes"),
    [
        # The value in a box of its own: a rule under the caption, the value, a rule.
        ("14        TYPE OF REPORTING PERSON\n" + _RULE + "          CO\n", ("CO",)),
        ("14        TYPE OF REPORTING PERSON\n          --------\n\n          CO\n", ("CO",)),
        # A blank row closed by its rule: the line under it is a footnote, not the value.
        ("14        TYPE OF REPORTING PERSON\n" + _RULE + "\nIN\n\n(1) Based on ...\n", ()),
    ],
)
def test_row_14_under_a_rule(written: str, codes: tuple[str, ...]) -> None:
    text = (REPO / _EXAMPLE).read_text(encoding="utf-8")
    assert _ROW_14 + _RULE in text
    filing = compile_filing(text.replace(_ROW_14, written).encode(), "row14.txt")
    assert tuple(str(c) for c in filing.reporting_persons[0].type_of_reporting_person) == codes


@pytest.mark.parametrize(
    "boilerplate",
    [
        "                     *SEE INSTRUCTIONS BEFORE FILLING OUT!",
        "                     *SEE INSTRUCTION BEFORE FILLING OUT!",
        "                  * See Instructions Before Filling Out",
    ],
)
def test_the_forms_instruction_line_is_no_footnote(boilerplate: str) -> None:
    # The form's own line under a cover page, in the spellings filers typed it, is not the
    # reporting person's footnote; a real footnote under it still is.
    cover = FAMILIES["parenthesis-numbers-values-below"] + boilerplate + "\n(1) Held in trust.\n"
    assert person(cover).footnotes == ("(1) Held in trust.",)


def test_each_numbered_footnote_is_one_footnote() -> None:
    # Footnotes typed one under the other, no blank line between: each mark starts one.
    cover = FAMILIES["parenthesis-numbers-values-below"] + (
        "(1) Includes 400,000 shares issuable upon exercise of\n    warrants.\n"
        "(2) Based on 10,000,000 shares outstanding.\n"
        "* Held in trust.\n"
    )
    assert person(cover).footnotes == (
        "(1) Includes 400,000 shares issuable upon exercise of warrants.",
        "(2) Based on 10,000,000 shares outstanding.",
        "* Held in trust.",
    )
