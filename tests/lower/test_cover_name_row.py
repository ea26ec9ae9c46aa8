"""Row 1 inside a small 13D: an address under the name ends the name, and a second person with
a number on one cover page is reported where it stands (one cover page is one person)."""

from __future__ import annotations

from minimal_filing import minimal_13d

from compiler import compile_filing
from compiler.diagnostic_codes import Code
from compiler.ir import Filing

ROW_1 = " 1   NAME OF REPORTING PERSON\n         Jane Q. Public\n"


def filing_text(lines: str) -> str:
    data = minimal_13d().decode()
    assert ROW_1 in data
    return data.replace(ROW_1, lines)


def with_row_1(lines: str) -> Filing:
    return compile_filing(filing_text(lines).encode(), "row1.txt")


def test_an_address_under_the_name_is_not_the_name() -> None:
    filing = with_row_1(
        " 1   NAME OF REPORTING PERSON\n"
        "         Jane Q. Public\n"
        "         1 Main Street\n"
        "         Springfield, IL 62701\n"
    )
    assert filing.reporting_persons[0].name == "Jane Q. Public"
    assert not filing.diagnostics


def test_a_second_person_with_a_number_is_reported_at_its_line() -> None:
    row_1 = (
        " 1   NAMES OF REPORTING PERSONS\n"
        "         Jane Q. Public\n"
        "         I.R.S. No. 13-1234567\n"
        "\n"
        "         John Q. Public\n"
        "         I.R.S. No. 13-7654321\n"
    )
    filing = with_row_1(row_1)
    person = filing.reporting_persons[0]
    assert (person.name, person.identification_number) == ("Jane Q. Public", "13-1234567")
    [found] = [d for d in filing.diagnostics if d.code == Code.COVER_SECOND_PERSON]
    assert "John Q. Public" in found.message
    line = filing_text(row_1).split("\n").index("         John Q. Public") + 1
    assert found.span is not None
    assert (found.span.line, found.span.column) == (line, 10)


def test_a_footnote_after_the_name_is_no_second_person() -> None:
    filing = with_row_1(
        " 1   NAME OF REPORTING PERSON\n         Jane Q. Public\n\n         (1) See Item 2.\n"
    )
    assert filing.reporting_persons[0].name == "Jane Q. Public"
    assert not any(d.code == Code.COVER_SECOND_PERSON for d in filing.diagnostics)
