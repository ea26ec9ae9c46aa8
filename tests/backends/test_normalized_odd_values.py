"""Odd values the IR can hold (read from damaged or unusual filings) that the normalized filing
must still carry: each case puts one such value into a clean filing's IR and checks that
``--to text`` reads back to the same facts (tests/semantic_ir.py) and is a fixed point.

The classes come from tests/fuzz.py's round-trip failures: words in a value that, alone on a
line, would read as structure (a rule, a row caption, a closing </TEXT>), and notice persons
whose lines the title page reads its own way.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest
from minimal_filing import minimal_13d
from semantic_ir import differences

from compiler import compile_filing
from compiler.backends.render import OutputFormat, render
from compiler.ir import Annex, AnnexPerson, Exhibit, Filing, NoticePerson

RULE = "-" * 78


def _clean() -> Filing:
    return compile_filing(minimal_13d(), "clean.txt")


def _person(filing: Filing, **changes: object) -> Filing:
    person = dataclasses.replace(filing.reporting_persons[0], **changes)  # type: ignore[arg-type]
    return dataclasses.replace(filing, reporting_persons=(person,))


def _item_text(filing: Filing, number: str, text: str) -> Filing:
    items = tuple(
        dataclasses.replace(item, text=text) if item.number == number else item
        for item in filing.items
    )
    return dataclasses.replace(filing, items=items)


def _notice(filing: Filing, *persons: NoticePerson) -> Filing:
    return dataclasses.replace(filing, notice_persons=filing.notice_persons + persons)


CASES: dict[str, Callable[[Filing], Filing]] = {
    # A rule of dashes inside a footnote's sentence: wrapped alone on a line, it was a rule.
    "rule inside a footnote": lambda f: _person(
        f, footnotes=(f"(1) Includes 25,350 shares issuable upon the exercise of {RULE} warrants.",)
    ),
    # Row 14 left blank above a footnote: the footnote's first line, under the row's closing
    # rule, was read as the row's value (a type code, "IN", or the row's unreadable value).
    "footnote under a blank row 14": lambda f: _person(
        f,
        type_of_reporting_person=(),
        footnotes=("(1) Consists of 250,000 shares issuable upon conversion of preferred stock.",),
    ),
    "type code as a footnote under a blank row 14": lambda f: _person(
        f, type_of_reporting_person=(), footnotes=("IN",)
    ),
    # Values that are themselves a row caption (a caption misspelt, read as the value): alone
    # under their caption, they read as the row again.
    "row caption as a citizenship": lambda f: _person(
        f, citizenship="CITIZENSHIP OR PLACE OF 6", citizenship_code=None
    ),
    # A citizenship that swallowed the rows 7-10 label, its first row caption misspelt (read
    # as a caption, the clean one is glued whole): wrapped narrower, a line starting
    # with "EACH REPORTING PERSON WITH" lost those words to the label.
    "row label inside a citizenship": lambda f: _person(
        f,
        citizenship="Delaware SHA%RES BENEFICIALLY OWNED BY EACH REPORTING PERSON WITH"
        " 7 SOLE VOTING POWER -0-",
        citizenship_code=None,
    ),
    # A value starting with a word of that label, or holding one after a rule of dashes (one
    # word no width wraps): every wrapping leaves a line starting with it.
    "row label word first in a citizenship": lambda f: _person(
        f, citizenship="SHARES Delaware", citizenship_code=None
    ),
    "row label word after a rule in a citizenship": lambda f: _person(
        f, citizenship=f"Canada {'-' * 78} PERSON WITH", citizenship_code=None
    ),
    # A name that swallowed a sentence with a numbered clause: wrapped before "(2)", the line
    # read as row 2's number and ended the name.
    "row number inside a name": lambda f: _person(
        f,
        name="Harold T. Venning the class of securities described in Item 1; and (2) has"
        " filed no amendment",
    ),
    "row caption as a name": lambda f: _person(
        f, name="11 AGGREGATE AMOUNT BENEFICIALLY OWNED BY EACH REPORTING PERSON"
    ),
    # A name that swallowed the next row's caption: its lines read as row 2.
    "row caption inside a name": lambda f: _person(
        f,
        name="Jane Q. Public " + "_" * 78 + " 2. CHECK THE APPROPRIATE BOX IF A MEMBER OF A GROUP",
    ),
    # A value whose words include what reads as a footnote mark ("(b)", "(i)"), wrapped right
    # after it: the lowering takes a mark off the end of each line of a value.
    "footnote mark at a name's line end": lambda f: _person(
        f,
        name="State Farm Mutual Automobile Insurance Company 37-0533100 (a) _____ (b) __X__",
    ),
    "footnote mark at a citizenship's line end": lambda f: _person(
        f,
        citizenship="Delaware Pursuant to the Cooperation Agreement, the Issuer agreed (i)"
        " to increase",
        citizenship_code=None,
    ),
    # A paragraph of an Item that is a closing tag: flush left, it ended the document.
    "closing tag as a paragraph": lambda f: _item_text(
        f, "7", "</DOCUMENT>\n\nExhibit 1 Joint Filing Agreement."
    ),
    "closing tag inside a paragraph": lambda f: _item_text(
        # 80 columns of words before the tag: wrapped, it starts the second line.
        f,
        "7",
        "Exhibit 1 Joint Filing Agreement among all of the Reporting Persons, dated 1996. </TEXT>",
    ),
    # Paragraphs and footnotes that are, on their own, a structural line: no wrapping or
    # joining makes them text; they are written after a no-break space (fixed_width.QUOTE).
    "signature heading as a paragraph": lambda f: _item_text(
        f, "7", "Exhibit 1 Joint Filing Agreement.\n\nSIGNATURE\n\nAfter reasonable inquiry."
    ),
    "running header as a paragraph": lambda f: _item_text(
        f, "7", "CUSIP No. 282912104 13D Page 3 of 9\n\n1. Joint Filing Agreement."
    ),
    "item heading as a paragraph": lambda f: _item_text(
        f, "6", "None.\n\nItem 7. Material to be Filed as Exhibits."
    ),
    "page break as a footnote": lambda f: _person(f, footnotes=("<PAGE>",)),
    "rule as a footnote": lambda f: _person(f, footnotes=("-" * 70 + "+",)),
    # An item whose heading the filing wrote again after its signature page: written right
    # after its twin, it read back as the same item going on.
    "item repeated after the signatures": lambda f: dataclasses.replace(
        f,
        items=(
            *f.items,
            dataclasses.replace(f.items[-1], text="Date: April 19, 2011\n\nBy: /s/ Jane Roe"),
        ),
    ),
    # A row without a price whose note starts with a number: under the table's headings in
    # order, the note stood under "Price" and read back as the price.
    "note like a price in a row without one": lambda f: dataclasses.replace(
        f,
        transactions=(
            dataclasses.replace(f.transactions[0], price=None, note="0 $15.25"),
            *f.transactions[1:],
        ),
    ),
    # The same with a note that reads as a price (in dollars, in another currency) on its own:
    # under the "Note" heading, the cell was read by its shape, as a price.
    "note like a price with words in a row without one": lambda f: dataclasses.replace(
        f,
        transactions=(
            dataclasses.replace(f.transactions[0], price=None, note="$15.25 (gift)"),
            *f.transactions[1:],
        ),
    ),
    "note like a price in euros in a row without one": lambda f: dataclasses.replace(
        f,
        transactions=(
            dataclasses.replace(f.transactions[0], price=None, note="EUR 15.25 (gift)"),
            *f.transactions[1:],
        ),
    ),
    # An item title starting with a rule of dashes: after "Item 4.", its first dashes read as
    # the heading's separator and were lost each time.
    "item title starting with dashes": lambda f: dataclasses.replace(
        f,
        items=tuple(
            dataclasses.replace(item, title=f"{'-' * 76} Purpose of the Transaction")
            if item.number == "4"
            else item
            for item in f.items
        ),
    ),
    # A notice person that is only a telephone number: the number closes it, written once.
    "notice person named by a telephone": lambda f: _notice(
        f, NoticePerson(name="(617) 555-9060", lines=(), telephone="(617) 555-9060", role="notice")
    ),
    # A notice person's lines that read as the form's heading: only the first caption's value
    # starts after such lines.
    "notice person named like the form's heading": lambda f: _notice(
        f,
        NoticePerson(
            name="SECURITIES AND EXCHANGE COMMISSION",
            lines=("Under the Securities Exchange Act of 1934", "1700 Lincoln Street"),
            telephone="(303) 555-0100",
            role="notice",
        ),
    ),
    # Two columns on one line wider than the page: wrapped or re-spaced, it was another line.
    "notice line wider than the page": lambda f: _notice(
        f,
        NoticePerson(
            name="John Smith",
            lines=("Bexley Strand & Whitford LLP" + " " * 34 + "1000 Louisiana Street",),
            telephone="(713) 555-0100",
            role="notice",
        ),
    ),
    # A notice person's name wider than the page, or spaced as cells: wrapped or re-spaced, it
    # read back as another name.
    "notice name wider than the page": lambda f: _notice(
        f,
        NoticePerson(
            name="Check if the Aggregate Amount in Row (11) Excludes Certain Shares"
            " (See Instructions)",
            lines=("1 Main Street",),
            telephone=None,
            role="notice",
        ),
    ),
    "notice name spaced as cells": lambda f: _notice(
        f,
        NoticePerson(
            name="|      SHARES        |     |      0" + " " * 44 + "|",
            lines=(),
            telephone="(212) 555-0100",
            role="notice",
        ),
    ),
    # A caption kept as a notice person's line (the original's caption unread): centered, it
    # was the caption again.
    "caption as a notice line": lambda f: _notice(
        f,
        NoticePerson(name="88531A100", lines=("(CUSIP Number)",), telephone=None, role="notice"),
    ),
    # A signing entity longer than the page (a sentence read into the block): wrapped, only
    # its last line read back as the entity.
    "signing entity longer than the page": lambda f: dataclasses.replace(
        f,
        signatures=(
            dataclasses.replace(
                f.signatures[0],
                entity="A parent holding company or control person in accordance with"
                " Rule 13d-1(b)(1)(ii)(G);",
            ),
        ),
    ),
    # A title longer than the page (a row's words read into it): wrapped, only its first
    # line read back as the title.
    "signer's title longer than the page": lambda f: dataclasses.replace(
        f,
        signatures=(
            dataclasses.replace(
                f.signatures[0],
                title="Vice President of each of the above ed by each Reporting Person: 1,078,388",
            ),
        ),
    ),
    # A signature without a title, its block moved left by a long entity, above one with a
    # title at column 41: the title, under the first block's column, read back as its own.
    "untitled signature moved left above a titled one": lambda f: dataclasses.replace(
        f,
        signatures=(
            dataclasses.replace(
                f.signatures[0],
                entity="After reasonable inquiry and to the best of my knowledge and belief, I",
                title=None,
                date=None,
            ),
            dataclasses.replace(f.signatures[0], entity=None, title="Co-Trustee", date=None),
        ),
    ),
    # A signing entity that reads as an exhibit heading (a reference read into the block): at
    # column 41 it opened an exhibit.
    "exhibit heading as a signing entity": lambda f: dataclasses.replace(
        f,
        signatures=(dataclasses.replace(f.signatures[0], entity="Exhibit 11.1"),),
    ),
    # A figure space inside a signer's name (kept by the lowering as written): re-spaced, it
    # read back as a space.
    "figure space in a signer": lambda f: dataclasses.replace(
        f,
        signatures=(dataclasses.replace(f.signatures[0], signer="Audra K. Solber\u2007g"),),
    ),
    # A title-page value wider than its column, with a rule in it: centered and wrapped, the
    # rule stood alone on its line and was read as one.
    # An issuer's name that reads as the form's amendment line or heading, alone over its
    # caption: the title page's value starts after such lines only when something follows them.
    # (In an amendment of that number: the line also gives the filing its amendment number.)
    "issuer's name that reads as an amendment line": lambda f: dataclasses.replace(
        f,
        form="SC 13D/A",
        amendment_number=5,
        issuer=dataclasses.replace(f.issuer, name="(Amendment No. 5)*"),
    ),
    "issuer's name that reads as the form's heading": lambda f: dataclasses.replace(
        f, issuer=dataclasses.replace(f.issuer, name="Under the Securities Exchange Act of 1934")
    ),
    "rule inside the issuer's name": lambda f: dataclasses.replace(
        f, issuer=dataclasses.replace(f.issuer, name="ACME WIDGETS, INC. " + "-" * 80)
    ),
    # An annex section heading that is a closing tag: at the margin, it ended the document.
    "closing tag as an annex section": lambda f: dataclasses.replace(
        f,
        annexes=(
            Annex(
                title="ANNEX A",
                text="",
                persons=tuple(
                    AnnexPerson(
                        name=name,
                        section=section,
                        position="Director",
                        address=None,
                        citizenship=None,
                    )
                    for name, section in (("Jane Roe", "DIRECTORS"), ("John Doe", "</DOCUMENT>"))
                ),
            ),
        ),
    ),
    # Annex prose ending in capitals, the first person without a section: right above the
    # first "Name:", the last line read back as the persons' section.
    "annex prose ending in capitals": lambda f: dataclasses.replace(
        f,
        annexes=(
            Annex(
                title="ANNEX A",
                text="The directors of the Fund are listed below.\n\n"
                "MEMBERS OF THE SUPERVISORY BOARD",
                persons=(
                    AnnexPerson(
                        name="Jane Roe",
                        section=None,
                        position="Director",
                        address=None,
                        citizenship=None,
                    ),
                ),
            ),
        ),
    ),
    # An annex person's field holding a rule (a table's border read into it): wrapped alone
    # on a line, it read as a rule and was dropped; a name longer than the page: wrapped, its
    # second line read as the annex's prose.
    "rule inside an annex person's position": lambda f: dataclasses.replace(
        f,
        annexes=(
            Annex(
                title="ANNEX A",
                text="",
                persons=(
                    AnnexPerson(
                        name="Margaret E. Okonkwo-Hale",
                        section=None,
                        position=f"Non-Executive Director of Halloran; {'_' * 61} Professor",
                        address=None,
                        citizenship=None,
                    ),
                ),
            ),
        ),
    ),
    "annex person's name longer than the page": lambda f: dataclasses.replace(
        f,
        annexes=(
            Annex(
                title="ANNEX A",
                text="",
                persons=(
                    AnnexPerson(
                        name="Liang XiangExecutive Vice President and Secretary of Discipline"
                        " Inspecting Commission",
                        section=None,
                        position="Director",
                        address=None,
                        citizenship=None,
                    ),
                ),
            ),
        ),
    ),
    # An exhibit holding a closing tag on a line of its own (read from a file without EDGAR
    # wrapper): inside the normalized filing's <TEXT>, it ended the document.
    "closing tag in an exhibit": lambda f: dataclasses.replace(
        f,
        exhibits=(Exhibit(title="EXHIBIT 1", document_type=None, text="</TEXT>\nMore text."),),
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_an_odd_value_reads_back_from_the_normalized_filing(case: str) -> None:
    filing = CASES[case](_clean())
    text = render(filing, OutputFormat.TEXT)
    again = compile_filing(text.encode(), "normalized.txt")
    assert differences(filing, again) == []
    assert render(again, OutputFormat.TEXT) == text


def test_a_title_page_without_a_value_keeps_no_text() -> None:
    """A title page with no caption (a filing cut above it, the form's title left): the form's
    boilerplate, written above no caption, read back as the title page's text."""
    data = minimal_13d()
    start = data.index(b"                               Acme Widgets")
    end = data.index(b"If the filing person")
    # No CUSIP in the running headers either: the title page would take theirs.
    data = (data[:start] + data[end:]).replace(b"CUSIP No. 282912104", b" " * 19)
    filing = compile_filing(data, "no-title-values.txt")
    assert filing.issuer.name is None and not filing.security.cusips
    text = render(filing, OutputFormat.TEXT)
    again = compile_filing(text.encode(), "normalized.txt")
    assert differences(filing, again) == []
    assert render(again, OutputFormat.TEXT) == text


def test_a_title_page_without_a_cusip_keeps_none() -> None:
    """The CUSIP caption left blank, the cover pages' running headers giving one: read back,
    the title page took the first cover page's header ("CUSIP No. ...", after the page break)
    for its own."""
    filing = compile_filing(minimal_13d(title_cusip=""), "no-title-cusip.txt")
    assert not filing.security.cusips and filing.reporting_persons[0].cover_cusips
    text = render(filing, OutputFormat.TEXT)
    again = compile_filing(text.encode(), "normalized.txt")
    assert differences(filing, again) == []
    assert render(again, OutputFormat.TEXT) == text


def test_an_original_with_an_amendment_number_keeps_its_wrapper() -> None:
    """Without the <TYPE> line the title page says the form, and an "SC 13D" giving an
    amendment number would read back as "SC 13D/A": that filing keeps its wrapper (and an
    exhibit's closing tag then ends the text, a known limit)."""
    filing = CASES["closing tag in an exhibit"](_clean())
    filing = dataclasses.replace(filing, amendment_number=2)
    text = render(filing, OutputFormat.TEXT)
    assert text.startswith("<DOCUMENT>\n<TYPE>SC 13D\n")
    assert compile_filing(text.encode(), "normalized.txt").form == "SC 13D"
    unwrapped = render(CASES["closing tag in an exhibit"](_clean()), OutputFormat.TEXT)
    assert not unwrapped.startswith("<DOCUMENT>")


def test_the_cases_change_the_filing() -> None:
    clean = _clean()
    for case, change in CASES.items():
        assert differences(clean, change(clean)), case
