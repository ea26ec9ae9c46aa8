"""The layout rules that make the normalized filing read back to the same IR, one case each, and
``13dc compile --to source``.

Each rule is stated for every filing laid out the same way (docs/normalized-filing.md): a wrapped
item heading, a transaction table's own headings and captions, the signing entity, an undated
signature, exhibit lists in Item 7, annex sections and prose, Item 3 boxes, exhibits from other
EDGAR documents, and prose that must never read as structure.
"""

from __future__ import annotations

from pathlib import Path

from minimal_filing import minimal_13d
from typer.testing import CliRunner

from compiler import compile_filing
from compiler.backends import fixed_width
from compiler.cli.app import app
from compiler.frontend.lexer import TEXT, LineClassifier
from compiler.ir import PersonType
from compiler.lower.lines import Line
from compiler.lower.schedule_13g import item3_person_types

ITEM_5 = "Item 5.  Interest in Securities of the Issuer."
TABLE_HEADING = "     Date            Shares        Price\n"
ITEM_5_AT = 4  # where the template's Item 5 stands among its Items (1 to 7)


def test_a_wrapped_item_heading_keeps_its_second_line() -> None:
    heading = (
        "Item 6.  Contracts, Arrangements, Understandings or Relationships with Respect\n"
        "         to Securities of the Issuer"
    )
    filing = compile_filing(minimal_13d().replace(ITEM_5.encode(), heading.encode()), "case.txt")
    item = filing.items[ITEM_5_AT]
    assert item.title == (
        "Contracts, Arrangements, Understandings or Relationships with Respect to Securities"
        " of the Issuer"
    )
    assert item.text.startswith("The Reporting Person bought")


def test_text_right_under_a_heading_is_not_its_title() -> None:
    data = minimal_13d().replace(
        ITEM_5.encode(),
        b"Item 5.  Interest in Securities of the Issuer\n         The shares were bought.",
    )
    item = compile_filing(data, "case.txt").items[ITEM_5_AT]
    assert item.title == "Interest in Securities of the Issuer"
    assert item.text.startswith("The shares were bought.")


def test_a_tables_headings_are_not_item_text() -> None:
    filing = compile_filing(minimal_13d(), "case.txt")
    assert "Date" not in filing.items[ITEM_5_AT].text
    assert len(filing.transactions) == 2


def test_a_caption_naming_a_reporting_person_gives_the_rows_their_person() -> None:
    data = minimal_13d().replace(
        TABLE_HEADING.encode(), b"     Jane Q. Public\n\n" + TABLE_HEADING.encode()
    )
    filing = compile_filing(data, "case.txt")
    assert [t.person for t in filing.transactions] == ["Jane Q. Public"] * 2
    assert "Jane" not in filing.items[ITEM_5_AT].text


def test_a_caption_naming_no_one_stays_text() -> None:
    data = minimal_13d().replace(
        TABLE_HEADING.encode(), b"     Open market purchases\n\n" + TABLE_HEADING.encode()
    )
    filing = compile_filing(data, "case.txt")
    assert [t.person for t in filing.transactions] == [None, None]
    assert filing.items[ITEM_5_AT].text.endswith("Open market purchases")


def test_words_right_of_the_share_count_are_a_note_not_the_person() -> None:
    data = minimal_13d().replace(b"$10.50", b"$10.50     Gift to Trust")
    row = compile_filing(data, "case.txt").transactions[1]
    assert (row.person, row.note) == (None, "Gift to Trust")


def test_the_certification_sentence_is_not_the_signing_entity() -> None:
    # "/s/" stands in column 41: the certification line above runs across that column.
    [signature] = compile_filing(minimal_13d(), "case.txt").signatures
    assert signature.entity is None
    assert signature.signer == "Jane Q. Public"


def test_a_blank_date_line_leaves_its_signature_undated() -> None:
    data = minimal_13d().replace(
        b"                                        Name: Jane Q. Public\n",
        b"                                        Name: Jane Q. Public\n\nDate:\n\n"
        b"                                        /s/ John Roe\n",
    )
    dates = [s.date for s in compile_filing(data, "case.txt").signatures]
    assert dates[1] is None and dates[0] is not None


def test_rows_outside_item_5_are_text() -> None:
    """An exhibit list looks like a table row ("99.1   Agreement, dated May 16, 2013")."""
    # (The template's own Item 7 says "None."; its text is replaced by the exhibit list.)
    data = minimal_13d().replace(
        b"Item 7.  Material to Be Filed as Exhibits.\n\n     None.\n",
        b"Item 7.  Material to be Filed as Exhibits.\n\n"
        b"     99.11   Cooperation Agreement, dated May 16, 2013.\n",
    )
    item_7 = compile_filing(data, "case.txt").items[-1]
    assert item_7.text == "99.11 Cooperation Agreement, dated May 16, 2013."


ANNEX = b"""
<PAGE>
                                    ANNEX A

                        DIRECTORS AND OFFICERS OF ACME CORP.

     The business address of each person is 1 Main Street, Springfield.

                              BOARD OF DIRECTORS

Name                          Present Principal Occupation
----                          ----------------------------
Alice Moreau                  Chairman of the Board
Bruno Okafor                  Director

                              EXECUTIVE OFFICERS

Name                          Present Principal Occupation
Clara Navarro                 Chief Executive Officer
"""


def test_an_annex_keeps_its_prose_and_its_sections() -> None:
    [annex] = compile_filing(minimal_13d() + ANNEX, "case.txt").annexes
    assert [(p.name, p.section) for p in annex.persons] == [
        ("Alice Moreau", "BOARD OF DIRECTORS"),
        ("Bruno Okafor", "BOARD OF DIRECTORS"),
        ("Clara Navarro", "EXECUTIVE OFFICERS"),
    ]
    assert annex.text == (
        "DIRECTORS AND OFFICERS OF ACME CORP.\n\n"
        "The business address of each person is 1 Main Street, Springfield."
    )


def test_item_3_types_come_from_the_marked_boxes_only() -> None:
    lines = [
        "Item 3.  If this statement is filed pursuant to 240.13d-1(b), check whether:",
        "(a) [ ] Broker or dealer registered under Section 15 of the Act;",
        "(e) [X] An investment adviser in accordance with Section",
        "        240.13d-1(b)(1)(ii)(E);  (f) [ ] An employee benefit plan in accordance",
        "        with Section 240.13d-1(b)(1)(ii)(F);",
    ]
    item = [Line(i, "TEXT", text) for i, text in enumerate(lines)]
    assert item3_person_types(item) == (PersonType.IA,)
    cited = [Line(0, "ITEM", "Item 3."), Line(1, "TEXT", "An adviser, 240.13d-1(b)(1)(ii)(E).")]
    assert item3_person_types(cited) == (PersonType.IA,)


def test_an_exhibit_document_is_titled_by_its_heading() -> None:
    submission = (
        b"<DOCUMENT>\n<TYPE>SC 13D\n<TEXT>\n" + minimal_13d() + b"</TEXT>\n</DOCUMENT>\n"
        b"<DOCUMENT>\n<TYPE>EX-99.1\n<DESCRIPTION>JOINT FILING AGREEMENT\n<TEXT>\n"
        b"\n                               EXHIBIT 99.1\n\n\tThe undersigned agree.\n<PAGE>\n"
        b"</TEXT>\n</DOCUMENT>\n"
    )
    [exhibit] = compile_filing(submission, "case.txt").exhibits
    assert (exhibit.title, exhibit.document_type) == ("EXHIBIT 99.1", "EX-99.1")
    assert exhibit.text == "        The undersigned agree."


def test_prose_never_starts_a_line_like_structure() -> None:
    text = ("The shares were bought " * 2 + "as Item 4. describes, see CUSIP No. 123456789 ") * 6
    lines = fixed_width.prose(text).split("\n")
    classifier = LineClassifier()
    assert all(classifier.classify(line) == TEXT for line in lines)
    assert " ".join(lines) == " ".join(text.split())


def test_prose_repeating_a_row_caption_is_wrapped_where_no_line_reads_as_a_row() -> None:
    """Found by hypothesis: every width from 60 to 80 columns cut this paragraph where a line
    began "REPORTING PERSON 1 NAME OF ..." (row 1 after the rows 7-10 label words)."""
    text = "The the Item 4. the the the acquired investment " + "1 NAME OF REPORTING PERSON " * 2
    lines = fixed_width.prose(text).split("\n")
    classifier = LineClassifier()
    assert [classifier.classify(line) for line in lines] == [TEXT] * len(lines)
    assert " ".join(lines) == " ".join(text.split())


def test_compile_to_source_writes_the_input_bytes(tmp_path: Path) -> None:
    data = minimal_13d().replace(b"\n", b"\r\n").replace(b"        ", b"\t") + b"\x1a"
    source = tmp_path / "filing.txt"
    source.write_bytes(b"\xef\xbb\xbf" + data)
    out = tmp_path / "rebuilt.txt"
    runner = CliRunner()
    result = runner.invoke(app, ["compile", str(source), "--to", "source", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == source.read_bytes()
    result = runner.invoke(app, ["compile", str(source), "--to", "source"])
    assert result.stdout_bytes == source.read_bytes()


def test_a_page_tag_cut_by_the_html_window_is_plain_text() -> None:
    """The source stage looks for HTML tags in the first 4096 characters: a "<PAGE>" that the
    window cuts to "<P" is not an HTML paragraph."""
    data = minimal_13d()
    page = data.index(b"<PAGE>")
    padded = data[:page] + b" " * (4094 - page - 1) + b"\n" + data[page:]
    assert padded.index(b"<PAGE>") == 4094
    filing = compile_filing(padded, "case.txt")
    assert [p.name for p in filing.reporting_persons] == ["Jane Q. Public"]
