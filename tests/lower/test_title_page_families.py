"""Title pages as filers write them (tests/fixtures/title_pages/):

- amendments.fixture: each example's line stands where a small clean 13D has its amendment line,
  and the filing's form and amendment number must be the fixture's ``FORM NUMBER`` (``-`` for no
  number);
- layouts.fixture: each example's captions and values replace the clean 13D's, and the filing
  must give ``ISSUER | CLASS | CUSIPS | EVENT DATE``;
- notice_persons.fixture: as layouts.fixture, and the filing must give its notice persons as
  ``NAME | LINES | TELEPHONE``, one a line (lines joined by "; ", ``-`` for none; ``none`` for no
  person);
- rule_boxes.fixture: each example's rule boxes replace the clean filing's 13G box paragraph,
  its title made "SCHEDULE 13G", and the filing must give the marked rules, one a line, with
  none of the boxes' lines left as title-page text."""

from __future__ import annotations

import pytest
from conftest import FIXTURES
from fixture_blocks import Example, read_examples
from minimal_filing import minimal_13d

from compiler import compile_filing
from compiler.backends.render import OutputFormat, render
from compiler.diagnostic_codes import Code

EXAMPLES = read_examples(FIXTURES / "title_pages" / "amendments.fixture")
LAYOUTS = read_examples(FIXTURES / "title_pages" / "layouts.fixture")
NOTICE_PERSONS = read_examples(FIXTURES / "title_pages" / "notice_persons.fixture")
RULE_BOXES = read_examples(FIXTURES / "title_pages" / "rule_boxes.fixture")
_CLEAN = minimal_13d().decode("utf-8")
# The clean filing's captions and values, from the issuer's name to the 13G box paragraph.
_BEFORE = _CLEAN[: _CLEAN.index("                               Acme Widgets, Inc.")]
_AFTER = _CLEAN[_CLEAN.index("If the filing person") :]
_FIRST_PAGE = _CLEAN[: _CLEAN.index("If the filing person")].replace("SCHEDULE 13D", "SCHEDULE 13G")
_COVER_PAGES = _CLEAN[_CLEAN.index("<PAGE>") :]


def _form_and_number(data: bytes) -> str:
    filing = compile_filing(data, "amendment.txt")
    number = filing.amendment_number
    return f"{filing.form} {'-' if number is None else number}"


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda example: example.id)
def test_amendment_line(example: Example) -> None:
    assert _form_and_number(minimal_13d(amendment=example.text)) == example.expected


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda example: example.id)
def test_the_normalized_filing_keeps_the_form_and_number(example: Example) -> None:
    filing = compile_filing(minimal_13d(amendment=example.text), "amendment.txt")
    text = render(filing, OutputFormat.TEXT).encode("utf-8")
    assert _form_and_number(text) == example.expected


@pytest.mark.parametrize("example", LAYOUTS, ids=lambda example: example.id)
def test_title_page_layout(example: Example) -> None:
    data = f"{_BEFORE}{example.text}\n\n{_AFTER}".encode()
    filing = compile_filing(data, "title.txt")
    shown = " | ".join(
        (
            filing.issuer.name or "-",
            filing.security.title or "-",
            ",".join(filing.security.cusips) or "-",
            str(filing.event_date),
        )
    )
    assert shown == example.expected


@pytest.mark.parametrize("example", NOTICE_PERSONS, ids=lambda example: example.id)
def test_notice_persons(example: Example) -> None:
    data = f"{_BEFORE}{example.text}\n\n{_AFTER}".encode()
    filing = compile_filing(data, "title.txt")
    shown = [
        f"{p.name} | {'; '.join(p.lines) or '-'} | {p.telephone or '-'}"
        for p in filing.notice_persons
    ]
    assert ("\n".join(shown) or "none") == example.expected


@pytest.mark.parametrize("example", RULE_BOXES, ids=lambda example: example.id)
def test_rule_boxes(example: Example) -> None:
    data = f"{_FIRST_PAGE}{example.text}\n{_COVER_PAGES}".encode()
    filing = compile_filing(data, "rule-boxes.txt")
    assert filing.form == "SC 13G"
    assert "\n".join(filing.rule_designations) == example.expected
    assert [block.text for block in filing.text_blocks if block.context == "title_page"] == []


@pytest.mark.parametrize(
    "notice",
    [
        # captions over their values: the paragraph's first line right under the telephone
        "(Name, Address and Telephone Number of Person Authorized to Receive Notices\n"
        "and Communications)\nJane Doe\n1 Main Street\nDenver, Colorado 80203\n(303) 555-4127\n"
        "If the filing person has previously filed a statement on Schedule 13G to\n\n"
        "(Date of Event Which Requires Filing of This Statement)\nMarch 3, 2020",
        # values over their captions: the paragraph in a block of its own above the notice person
        "If the filing person has previously filed a statement on Schedule 13G to\n\n"
        "Jane Doe\n1 Main Street\nDenver, Colorado 80203\n(303) 555-4127\n"
        "(Name, Address and Telephone Number of Person Authorized to Receive Notices\n"
        "and Communications)\n\nMarch 3, 2020\n"
        "(Date of Event Which Requires Filing of This Statement)",
    ],
)
def test_the_13g_box_paragraph_is_no_notice_person(notice: str) -> None:
    issuer = "Acme Widgets, Inc.\n(Name of Issuer)\n\n"
    if notice.startswith("(Name"):
        issuer = "(Name of Issuer)\nAcme Widgets, Inc.\n\n"
    data = f"{_BEFORE}{issuer}{notice}\n\n{_AFTER}".encode()
    filing = compile_filing(data, "title.txt")
    assert [person.name for person in filing.notice_persons] == ["Jane Doe"]


@pytest.mark.parametrize(
    "label",
    [
        "Name, Address and Telephone Number of Person Authorized to Receive Notices\n"
        "and Communications:",
        "NAME, ADDRESS AND TELEPHONE NUMBER OF PERSON AUTHORIZED TO RECEIVE NOTICES AND "
        "COMMUNICATIONS:",
    ],
)
def test_the_label_family_gives_the_notice_person_under_its_label(label: str) -> None:
    # Title pages of labels ("Name of Issuer:  Acme Widgets, Inc.") write the notice person
    # under its label, which ends in a colon, not in parentheses.
    title = (
        "Name of Issuer:                    Acme Widgets, Inc.\n\n"
        "Title of Class of Securities:      Common Stock, $0.01 par value\n\n"
        "CUSIP Number:                      282912104\n\n"
        f"{label}\n\n"
        "                    Jane Doe\n                    1 Main Street\n"
        "                    Denver, Colorado 80203\n                    (303) 555-4127\n\n"
        "Date of Event which Requires Filing of this Statement:    March 3, 2020\n\n"
    )
    filing = compile_filing(f"{_BEFORE}{title}{_AFTER}".encode(), "title.txt")
    assert [(p.name, p.lines, p.telephone) for p in filing.notice_persons] == [
        ("Jane Doe", ("1 Main Street", "Denver, Colorado 80203"), "(303) 555-4127")
    ]
    assert (filing.issuer.name, str(filing.event_date)) == ("Acme Widgets, Inc.", "2020-03-03")


@pytest.mark.parametrize(
    ("person", "lines"),
    [
        # the person after the label's colon, the address under it
        (
            "Jane Doe\n"
            + " " * 36
            + "1 Main Street\n"
            + " " * 36
            + "Denver, Colorado 80203\n"
            + " " * 36
            + "(303) 555-4127",
            ("1 Main Street", "Denver, Colorado 80203"),
        ),
        # the person and the address run on after the colon
        (
            "Jane Doe, 1 Main Street, Denver, Colorado 80203, (303) 555-4127",
            ("1 Main Street, Denver, Colorado 80203",),
        ),
    ],
)
def test_the_notice_person_after_the_colon_of_a_label_on_two_lines(
    person: str, lines: tuple[str, ...]
) -> None:
    # "Name, Address and Telephone Number of Person Authorized to Receive Notices and /
    # Communications:  Jane Doe": the value after the colon, not the line over the label.
    title = (
        "Name of Issuer:                    Acme Widgets, Inc.\n"
        "Title of Class of Securities:      Common Stock, $0.01 par value\n"
        "CUSIP Number:                      282912104\n"
        "Name, Address and Telephone Number of Person Authorized to Receive Notices and\n"
        f"Communications:                    {person}\n\n"
        "Date of Event which Requires Filing of this Statement:    March 3, 2020\n\n"
    )
    filing = compile_filing(f"{_BEFORE}{title}{_AFTER}".encode(), "title.txt")
    assert [(p.name, p.lines, p.telephone) for p in filing.notice_persons] == [
        ("Jane Doe", lines, "(303) 555-4127")
    ]


def test_an_unreadable_date_of_event_is_reported_where_it_stands() -> None:
    data = _CLEAN.replace("March 3, 2020\n", "Marhc 3rd 2020\n", 1)
    assert data != _CLEAN
    filing = compile_filing(data.encode(), "title.txt")
    assert filing.event_date is None
    [found] = [d for d in filing.diagnostics if d.code == Code.VALUE_UNPARSED]
    line = data.split("\n").index(next(x for x in data.split("\n") if "Marhc" in x)) + 1
    assert found.span is not None and found.span.line == line
    assert "Marhc 3rd 2020" in found.message


@pytest.mark.parametrize("phone", ["(217) 555-0100", "217-555-0100", "217.555.0100"])
def test_a_telephone_number_after_a_gap_ends_the_address_line(phone: str) -> None:
    # The number typed at the end of the city's line, after a wide gap, not on its own line.
    old = (
        "                              Springfield, IL 62701\n"
        "                                 (217) 555-0100\n"
    )
    assert old in _CLEAN
    data = _CLEAN.replace(old, f"                       Springfield, IL 62701   {phone}\n")
    filing = compile_filing(data.encode(), "title.txt")
    assert [(p.name, p.lines, p.telephone) for p in filing.notice_persons] == [
        ("Jane Q. Public", ("1 Main Street", "Springfield, IL 62701"), phone)
    ]


def test_a_cins_with_a_wrong_check_digit_over_its_caption_is_kept_and_warned() -> None:
    # Over "(CUSIP Number)" a CINS-shaped value is the CUSIP, a typo in its check digit
    # included: kept and warned about (not dropped as "no CUSIP").
    lines = _CLEAN.split("\n")
    at = next(i for i, x in enumerate(lines) if "(CUSIP Number)" in x) - 1
    lines[at] = "                                  G0450A104"
    filing = compile_filing("\n".join(lines).encode(), "title.txt")
    assert filing.security.cusips == ("G0450A104",)
    codes = {d.code for d in filing.diagnostics}
    assert Code.CUSIP_CHECK_DIGIT in codes and Code.CUSIP_MISSING not in codes
