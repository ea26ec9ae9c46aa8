"""Annex person lists: one minimal case per layout family (labelled blocks, column tables,
EDGAR <TABLE> markup, indented lists), each compiled inside a small 13D."""

from __future__ import annotations

from minimal_filing import minimal_13d

from compiler import compile_filing
from compiler.ir import Annex


def annex(text: str) -> Annex:
    filing = compile_filing(minimal_13d() + text.encode(), "annex.txt")
    assert len(filing.annexes) == 1
    return filing.annexes[0]


def names(text: str) -> list[str]:
    return [p.name for p in annex(text).persons]


def test_labelled_blocks() -> None:
    got = annex("""
                                   SCHEDULE A

     Name:                  Marcus D. Albrecht
     Position:              Director
     Address:               One Landmark Square
                            Stamford, Connecticut 06901
     Citizenship:           United States

     Name:                  Gillian R. Tabor
     Position:              Director
     Citizenship:           United Kingdom
""")
    assert [p.name for p in got.persons] == ["Marcus D. Albrecht", "Gillian R. Tabor"]
    assert got.persons[0].address == "One Landmark Square Stamford, Connecticut 06901"
    assert got.persons[1].citizenship == "United Kingdom"


def test_a_name_spaced_out_reads_with_single_spaces() -> None:
    """Spacing inside a name is the layout's, as in the other fields: kept, the normalized
    filing (which re-spaces values) read back another name."""
    got = annex("""
                                   SCHEDULE A

     Name:                  Marcus   D. Albrecht
     Position:              Director
""")
    assert [p.name for p in got.persons] == ["Marcus D. Albrecht"]


def test_column_table_with_prose_between_tables() -> None:
    got = names("""
                                   SCHEDULE A

Officers of the Fund

Name                        Present Principal Occupation           Citizenship
Ann B. Carter*              Chief Executive Officer                United States
                            of the Fund
Bo Lindqvist                Chief Financial Officer                Sweden

Directors of the Adviser

The following table sets forth the name and present principal occupation of
each director of the Adviser.

Name                        Present Principal Occupation           Citizenship
Carla D. Diaz               Director                               Spain
""")
    assert got == ["Ann B. Carter", "Bo Lindqvist", "Carla D. Diaz"]


def test_edgar_table_markup_with_labels_in_the_second_column() -> None:
    got = annex("""
                                    ANNEX A
<TABLE>
<CAPTION>
<S>                                   <C>              <C>
Name                                  Current Principal Occupation, Address and Citizenship

Bruno Steve                           Position:        Chairman of the Supervisory Board
                                      Address:         Amsterdam, The Netherlands
                                      Citizenship:     Italian
Tom de Waard                          Position:        Member of the Supervisory Board
                                      Citizenship:     Dutch
</TABLE>
""")
    assert [p.name for p in got.persons] == ["Bruno Steve", "Tom de Waard"]
    assert [p.citizenship for p in got.persons] == ["Italian", "Dutch"]


def test_indented_list_with_sections() -> None:
    got = annex("""
                                   SCHEDULE I

BOARD OF DIRECTORS
------------------

  Konrad Ammann-Weiss
        Chairman of the Board; independent business consultant. Citizen of
        Switzerland.

EXECUTIVE MANAGEMENT
--------------------

  Matthias E. Vogt
        Chief Financial Officer. Citizen of Germany.
""")
    assert [(p.name, p.section) for p in got.persons] == [
        ("Konrad Ammann-Weiss", "BOARD OF DIRECTORS"),
        ("Matthias E. Vogt", "EXECUTIVE MANAGEMENT"),
    ]


def test_address_blocks() -> None:
    """A name alone on its line, then its address, title and citizenship lines, unlabelled."""
    got = annex("""
                                   SCHEDULE I

     The directors and executive officers of the Reporting Person are listed below.

     Marcus D. Albrecht
     c/o Widget Capital LLC
     1 Main Street, Suite 400
     Springfield, IL 62701
     United States citizen

     Gillian R. Tabor
     Managing Director
     12 Harbour Road, London EC2 4AB
     Citizen of the United Kingdom
""")
    assert [p.name for p in got.persons] == ["Marcus D. Albrecht", "Gillian R. Tabor"]
    first, second = got.persons
    assert first.address == "c/o Widget Capital LLC 1 Main Street, Suite 400 Springfield, IL 62701"
    assert first.citizenship == "United States"
    assert (second.position, second.citizenship) == ("Managing Director", "the United Kingdom")
    assert "directors and executive officers" in got.text


def test_a_paragraph_is_no_address_block() -> None:
    assert (
        names("""
                                   SCHEDULE I

     Widget Capital LLC
     holds the shares described in Item 5 and has no directors.
""")
        == []
    )


def test_name_and_title_rows() -> None:
    assert names("""
                                   SCHEDULE I

     Marcus D. Albrecht         Director and Chief Executive Officer
     Pieter J. van Oostrum      Chief Financial Officer
     Gillian R. Tabor           General Partner
""") == ["Marcus D. Albrecht", "Pieter J. van Oostrum", "Gillian R. Tabor"]


def test_an_annex_of_persons_that_gives_none_is_reported() -> None:
    filing = compile_filing(
        minimal_13d()
        + b"""
                                   SCHEDULE I
                       DIRECTORS AND EXECUTIVE OFFICERS

     The Reporting Person's board consists of its founder and two others, whose
     details are on file with the Commission.
""",
        "annex.txt",
    )
    (found,) = [d for d in filing.diagnostics if d.code == "ANNEX-NO-PERSONS"]
    assert found.span is not None
    assert "founder" in filing.annexes[0].text


def test_an_annex_that_lists_no_persons_is_not_reported() -> None:
    filing = compile_filing(
        minimal_13d()
        + b"""
                                   SCHEDULE I

     The Reporting Person has no other agreements with respect to the Shares.
""",
        "annex.txt",
    )
    assert "ANNEX-NO-PERSONS" not in {d.code for d in filing.diagnostics}


def test_a_care_of_line_under_the_name_is_its_address_not_a_person() -> None:
    got = annex("""
                                   SCHEDULE I

     Marcus D. Albrecht
     c/o Widget Capital LLC
        1 Main Street, Suite 400
        Springfield, IL 62701

     Gillian R. Tabor
     c/o Widget Capital LLC
        12 Harbour Road
        London EC2 4AB
""")
    assert [p.name for p in got.persons] == ["Marcus D. Albrecht", "Gillian R. Tabor"]
    assert got.persons[0].address == (
        "c/o Widget Capital LLC 1 Main Street, Suite 400 Springfield, IL 62701"
    )


def test_a_name_and_address_column_keeps_the_address_with_its_person() -> None:
    got = annex("""
                                   SCHEDULE A

             Executive Officers and Directors of Redfern Holdings, Inc.

Name and Business Address       Position with          Principal Occupation
                                Redfern Holdings
-------------------------       ----------------       --------------------
Margaret T. Ellison             Chairman and CEO       Chairman and CEO of
400 Park Avenue                                        Redfern Holdings, Inc.
New York, NY 10022

Robert K. Ambrose               Director               Partner, Ambrose &
One Financial Center                                   Lyle LLP
Boston, MA 02111
""")
    assert [p.name for p in got.persons] == ["Margaret T. Ellison", "Robert K. Ambrose"]
    assert got.persons[0].address == "400 Park Avenue New York, NY 10022"
    assert got.persons[1].address == "One Financial Center Boston, MA 02111"
