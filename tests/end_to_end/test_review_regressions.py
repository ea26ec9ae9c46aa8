"""Regression cases found by reviewing the compiler: each was a crash or a wrong value once."""

from __future__ import annotations

from decimal import Decimal

import pytest
from layout_cases import BODY, COMPACT_13G, FAMILIES, TITLE, person, values
from minimal_filing import minimal_13d

from compiler import compile_filing
from compiler.frontend.lexer import LineClassifier


def test_a_code_word_of_another_row_is_not_a_code() -> None:
    # "Individual" means IN, a row 14 code: in row 4 it is an unknown word, not a crash.
    filing = compile_filing(minimal_13d(funds="PF (Individual)"), "t.txt")
    assert filing.reporting_persons[0].source_of_funds == ("PF",)
    assert any(d.code == "COVER-CODE-UNKNOWN" for d in filing.diagnostics)


def test_a_13g_with_13d_rows_compiles() -> None:
    cover = FAMILIES["colon-values"]
    got = person(cover, schedule="13G")
    assert got.aggregate_amount == 600000 and got.source_of_funds is None


def test_a_numbered_footnote_under_the_cover_page_is_not_a_row() -> None:
    cover = FAMILIES["colon-values"] + "\n(1) Sole voting power is exercised by the trustee.\n"
    filing = compile_filing((TITLE + cover + BODY).encode(), "t.txt")
    got = filing.reporting_persons[0]
    assert got.sole_voting_power == 600000
    assert got.footnotes == ("(1) Sole voting power is exercised by the trustee.",)
    assert not any(d.code == "COVER-ROW-REPEATED" for d in filing.diagnostics)


def test_a_footnote_mark_after_the_caption() -> None:
    cover = FAMILIES["colon-values"].replace(
        "8.  SHARED VOTING POWER:  None", "8.  SHARED VOTING POWER (1)   None"
    )
    assert values(person(cover))["shared_voting_power"] == 0


def test_zip_plus_four_does_not_split_a_notice_person() -> None:
    data = minimal_13d().replace(b"Springfield, IL 62701", b"Springfield, IL 62701-1234")
    notice = compile_filing(data, "t.txt").notice_persons
    assert [(p.name, p.telephone) for p in notice] == [("Jane Q. Public", "(217) 555-0100")]


@pytest.mark.parametrize("marker", ["Copy to:", "with a copy to:", "Copies to:"])
def test_a_copy_to_line_after_a_telephone_line_starts_the_copies(marker: str) -> None:
    # In the block of the person before it (no blank line after the telephone), a "Copy to:"
    # line was read as a person named "Copy to:", and the copy recipient as a notice person.
    copy = f"{marker}\nJohn Doe, Esq.\nDoe & Roe LLP\n(212) 555-0199\n".encode()
    data = minimal_13d().replace(b"(217) 555-0100\n", b"(217) 555-0100\n" + copy, 1)
    notice = compile_filing(data, "t.txt").notice_persons
    assert [(p.name, p.role) for p in notice] == [
        ("Jane Q. Public", "notice"),
        ("John Doe, Esq.", "copy_to"),
    ]


def test_a_doubled_document_tag_is_not_an_exhibit() -> None:
    # The first "<DOCUMENT>" opens a document with no type and no text: it was an exhibit with
    # no title and no text, which the normalized filing could not write back.
    data = (
        b"<DOCUMENT>\n<DOCUMENT>\n<TYPE>SC 13D\n<TEXT>\n"
        + minimal_13d()
        + b"</TEXT>\n</DOCUMENT>\n"
    )
    filing = compile_filing(data, "t.txt")
    assert filing.exhibits == ()
    assert len(filing.reporting_persons) == 1


def test_a_conformed_signature_is_not_the_entity_of_the_next() -> None:
    # Two "/s/" lines one above the other: the upper one is a signature of its own, and was
    # also read as the signing entity of the lower one.
    data = minimal_13d().replace(
        b"/s/ Jane Q. Public\n", b"/s/ John Roe\n" + b" " * 40 + b"/s/ Jane Q. Public\n"
    )
    signatures = compile_filing(data, "t.txt").signatures
    assert [(s.entity, s.signer) for s in signatures] == [
        (None, "John Roe"),
        (None, "Jane Q. Public"),
    ]


def test_the_compact_cover_ends_at_its_last_row() -> None:
    cover = COMPACT_13G + "\nItem 1: Name of Issuer\n\n      Acme Widgets, Inc.\n"
    title = TITLE.replace("SCHEDULE 13D", "SCHEDULE 13G")
    filing = compile_filing((title + cover + BODY).encode(), "t.txt")
    assert len(filing.reporting_persons) == 1


def test_a_security_column_is_not_the_trader() -> None:
    data = minimal_13d().replace(b"400,000      $10.00", b"400,000   Common Stock   $10.00")
    first = compile_filing(data, "t.txt").transactions[0]
    assert (first.shares, first.price, first.person) == (400000, Decimal("10.00"), None)


def test_an_indented_sub_part_heading_stays_in_its_item() -> None:
    data = minimal_13d(item5_text="Item 5(a).  The Reporting Person owns 600,000 shares.")
    items = [i.number for i in compile_filing(data, "t.txt").items]
    assert items == ["1", "2", "3", "4", "5", "6", "7"]


def test_a_long_line_of_a_date_and_spaces_is_classified() -> None:
    # Once a backtracking date pattern made this take seconds; it must be a plain line.
    assert LineClassifier().classify("December 1" + " " * 5000) == "TEXT"


def test_the_event_date_span_points_at_the_date() -> None:
    data = minimal_13d(event_date="As of\n                                 March  3,  2020")
    filing = compile_filing(data, "t.txt")
    span = filing.spans["event_date"]
    line = data.decode().splitlines()[span.line - 1]
    assert line[span.column - 1 : span.end_column - 1] == "March  3,  2020"


def test_an_error_raised_while_lowering_a_cover_page_is_not_wrapped_by_lark(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The cover pages go through a Lark visitor; what its methods raise reaches callers (the CLI,
    the batch) as it is, never wrapped in Lark's VisitError as a Transformer would."""
    from compiler.errors import InputError
    from compiler.lower import cover_page

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise InputError("refused on purpose")

    monkeypatch.setattr(cover_page, "lower_rows", refuse)
    with pytest.raises(InputError, match="refused on purpose"):
        compile_filing(minimal_13d(), "cover.txt")


@pytest.mark.parametrize("blank", [" ", "\x1c", "\u2003"])
def test_an_amendment_number_typed_under_its_blank_after_odd_whitespace(blank: str) -> None:
    """ "(Amendment No. ____)" with the number on the next line: whitespace that str.isspace()
    knows but int() does not (a file separator, an em space) before it crashed the lowering."""
    title = (
        f"SCHEDULE 13D\n(Amendment No. ____)\n{blank}  24\n\nName of Issuer:  Acme Widgets, Inc.\n"
        "Title of Class of Securities:  Common Stock\nCUSIP Number:  282912 10 4\n<PAGE>\n"
    )
    filing = compile_filing((title + FAMILIES["colon-values"] + BODY).encode(), "amended.txt")
    assert filing.amendment_number == 24
