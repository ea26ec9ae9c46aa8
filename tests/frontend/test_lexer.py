"""The line lexer (compiler/frontend/lexer.py): which terminal of grammar/*.lark each line is,
one per line, with the context a line needs (an unfinished sentence above, a notice caption
still open); and the cover-row pieces the lowering asks of it (match_cover_row,
clean_cover_line, is_transaction_row). The rules over these tokens are tests/frontend/
test_grammar.py.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from hypothesis import given
from hypothesis import strategies as st
from line_pool import CAPTIONS

from compiler.frontend.lexer import (
    LineClassifier,
    clean_cover_line,
    is_transaction_row,
    match_cover_row,
    tokenize,
)
from compiler.schema import ROW_NUMBERS, ROW_TERMINALS

ROW_ORDER = sorted(ROW_TERMINALS, key=ROW_NUMBERS.__getitem__)  # ROW_NAME, ROW_GROUP, ... ROW_TYPE


CLASSIFIED = [
    # page furniture
    ("", "BLANK"),
    ("      ", "BLANK"),
    ("<PAGE>", "PAGE"),
    ("<PAGE> 3", "PAGE"),
    ("  <page>", "PAGE"),
    ("--------------------------------------------------------------------------------", "RULE"),
    ("================", "RULE"),
    ("________________", "RULE"),
    ("+-----+---------------------------------+", "RULE"),
    ("--------- ------------------------------", "RULE"),
    ("- ----", "RULE"),  # EDGAR's conversion artefact
    # A no-break space inside a rule (a word processor's, an HTML cell's): as text, the rule
    # was a footnote of the cover page, read back as a rule from the normalized filing.
    ("+-----+--\u00a0------------------------+", "RULE"),
    ("---------------------\u00a0---------------", "RULE"),
    (
        "CUSIP No. 757209101                13D                        Page 2 of 12 Pages",
        "RUNNING_HEAD",
    ),
    ("CUSIP NO. 68575M-10-3", "RUNNING_HEAD"),
    ("CUSIP Nos. 58934P101 / 58934P200", "RUNNING_HEAD"),
    (
        "                                                        Page 1 of 12 Total Pages",
        "RUNNING_HEAD",
    ),
    ("Page 3 of 6 Pages", "RUNNING_HEAD"),
    ("Page 7", "RUNNING_HEAD"),
    ("- 2 -", "RUNNING_HEAD"),
    ("-12-", "RUNNING_HEAD"),
    ("<TABLE>", "TABLE_TAG"),
    ("<CAPTION>", "TABLE_TAG"),
    ("<S>                      <C>            <C>", "TABLE_TAG"),
    ("</TABLE>", "TABLE_TAG"),
    ("<FN>", "TABLE_TAG"),
    # title page
    ("                                  SCHEDULE 13D", "FORM_TITLE"),
    ("SCHEDULE 13D/A", "FORM_TITLE"),
    ("(Amendment No. 1)", "AMENDMENT"),
    ("(Amendment No. 1)*", "AMENDMENT"),
    ("(Amendment No. ___)", "AMENDMENT"),
    ("Amendment No. 2", "AMENDMENT"),
    ("(Amendment No. Eleven)", "AMENDMENT"),
    ("                                (Name of Issuer)", "CAP_ISSUER"),
    ("(Name of the Company)", "CAP_ISSUER"),
    ("(Title of Class of Securities)", "CAP_CLASS"),
    ("(CUSIP Number)", "CAP_CUSIP"),
    ("(CUSIP Number of Class of Securities)", "CAP_CUSIP"),
    ("(Name, Address and Telephone Number", "CAP_NOTICE"),
    ("(Name, address and telephone number of person authorized to receive notices)", "CAP_NOTICE"),
    ("(Date of Event Which Requires Filing of This Statement)", "CAP_EVENT"),
    # cover rows
    *(
        (f"{n:<3}{caption}", name)
        for n, ((caption, _), name) in enumerate(zip(CAPTIONS, ROW_ORDER, strict=True), start=1)
    ),
    ("1)   NAME OF REPORTING PERSON", "ROW_NAME"),
    ("(1)  NAMES OF REPORTING PERSONS", "ROW_NAME"),
    ("1.   Names of Reporting Persons.", "ROW_NAME"),
    ("Item 1: Name of Reporting Person", "ROW_NAME"),
    ("|  1  | NAME OF REPORTING PERSON                     |", "ROW_NAME"),
    ("2    CHECK THE APPROPRIATE BOX IF A MEMBER OF A GROUP*       (a) [ ]", "ROW_GROUP"),
    ("4    SOURCE OF FUNDS*", "ROW_FUNDS"),
    ("4    Source of Funds or Other Consideration", "ROW_FUNDS"),
    ("5    CHECK BOX IF DISCLOSURE OF LEGAL PROCEEDINGS IS REQUIRED", "ROW_LEGAL"),
    ("12   CHECK BOX IF THE AGGREGATE AMOUNT IN ROW (11) EXCLUDES CERTAIN SHARES*", "ROW_EXCLUDES"),
    ("13   PERCENT OF CLASS REPRESENTED BY AMOUNT IN ROW 11", "ROW_PERCENT"),
    ("14   TYPES OF REPORTING PERSONS", "ROW_TYPE"),
    (" NUMBER OF SHARES BENEFICIALLY   7      SOLE VOTING POWER:", "ROW_SOLE_VOTE"),
    ("      REPORTING PERSON           8      SHARED VOTING POWER:", "ROW_SHARED_VOTE"),
    ("  OWNED BY EACH   |  9  | SOLE DISPOSITIVE POWER      |  1,000  |", "ROW_SOLE_DISP"),
    # body
    ("Item 1.  Security and Issuer.", "ITEM"),
    ("ITEM 5. INTEREST IN SECURITIES OF THE ISSUER", "ITEM"),
    ("Item 4.", "ITEM"),
    ("                                  SIGNATURE", "SIGNATURE"),
    ("SIGNATURES", "SIGNATURE"),
    ("Signature Page", "SIGNATURE"),
    ("After reasonable inquiry and to the best of my knowledge and belief,", "CERTIFICATION"),
    ("ANNEX A", "ANNEX"),
    ("SCHEDULE I", "ANNEX"),
    ("Schedule A - Directors and Executive Officers", "ANNEX"),
    ("EXHIBIT 1", "EXHIBIT"),
    ("Exhibit 99.1", "EXHIBIT"),
    ("    12/23/2003      66,000      $4.90", "TX_ROW"),
    ("December 23, 2003        66,000        $4.90", "TX_ROW"),
    ("66,000        12/23/03        4.90", "TX_ROW"),
    ("Fund L.P.     Dec. 1, 2005    10,000 (1)    $12.50", "TX_ROW"),
    # lines that must not be headings
    ("Item 4 of the Schedule 13D is amended and supplemented as follows:", "ITEM"),
    ("Item 4 is hereby amended by adding the following:", "ITEM"),
    ("Item No. 4.  Purpose of Transaction", "ITEM"),
    ("Item 1(a) Name of Issuer: Acme Corp.", "ITEM"),
    ("ITEM 2(a) NAME OF PERSON FILING", "ITEM"),
    ("Item 3 If this statement is filed pursuant to Rule 13d-1(b), check whether:", "ITEM"),
    ("Item 2 names the Reporting Persons.", "TEXT"),
    ("Item 3 if applicable.", "TEXT"),
    ("Item #4. Purpose of Transaction", "ITEM"),
    ("4.  Purpose of Transaction.", "ITEM"),
    ("(5)  Interest in Securities of the Issuer", "ITEM"),
    ("Item 5(c).", "TEXT"),
    ("Item 5(c) is hereby amended to add the following:", "TEXT"),
    ("4.  The Reporting Person purchased the shares.", "TEXT"),
    ("Item 4 incorporates the following by reference:", "TEXT"),
    ("Annex A is incorporated herein by reference.", "TEXT"),
    ("Schedule I hereto lists the executive officers.", "TEXT"),
    ("Exhibit 1 hereto is the Joint Filing Agreement.", "TEXT"),
    ("Signature of the Reporting Person follows.", "TEXT"),
    ("SCHEDULE 13D is filed on behalf of the Reporting Persons", "TEXT"),
    ("This Amendment No. 1 amends the Schedule 13D filed on March 3, 2000.", "TEXT"),
    ("-0-", "TEXT"),  # a share count, not a page number
    ("- 0 -", "TEXT"),
    ("0", "TEXT"),
    ("2,202,000 shares of common stock", "TEXT"),
    ("On December 23, 2003 ST sold 66,000 shares at $4.90.", "TEXT"),  # prose, one cell
    ("02/30/2003      66,000      $4.90", "TEXT"),  # not a calendar date
    ("* * *", "TEXT"),
    ("The Reporting Person has sole voting power over 100 shares.", "TEXT"),
    # the 13G's short captions, ended by leaders, a question mark or a gap; prose stays prose
    (" 2.  Member of a Group? ..................... (a) [ ]  (b) [X]", "ROW_GROUP"),
    (" 4.  Citizenship ............................ Cayman Islands", "ROW_CITIZEN"),
    (" 4.  Citizenship     Delaware", "ROW_CITIZEN"),
    (" 4.  Citizenship:..... Cayman Islands", "ROW_CITIZEN"),
    ("10.  Aggregate Amount Excludes Shares? ...... [ ]", "ROW_EXCLUDES"),
    ("11.  Percent of Class ....................... 5.9%", "ROW_PERCENT"),
    ("4.  Citizenship of the directors is set out in Schedule A.", "TEXT"),
    ("2.  Member of a group formed to vote the shares.", "TEXT"),
]


@pytest.mark.parametrize(("line", "terminal"), CLASSIFIED, ids=lambda value: repr(value)[:50])
def test_classify(line: str, terminal: str) -> None:
    assert LineClassifier().classify(line) == terminal


def classify_all(lines: Sequence[str]) -> list[str]:
    classifier = LineClassifier()
    return [classifier.classify(line) for line in lines]


def test_wrapped_item_reference_after_an_unfinished_sentence_is_text() -> None:
    lines = ["The shares were acquired as described in the agreement referred to in", "Item 4."]
    assert classify_all(lines) == ["TEXT", "TEXT"]


def test_a_lower_case_heading_after_an_unpunctuated_line_opens_its_item() -> None:
    lines = ["None", "Item 5  interest in securities of the issuer"]
    assert classify_all(lines) == ["TEXT", "ITEM"]


def test_an_amendment_sentence_wrapped_into_a_paragraph_is_text() -> None:
    lines = [
        "This Amendment No. 2 amends the Schedule 13D as follows, and",
        "Item 4 is hereby amended",
    ]
    assert classify_all(lines) == ["TEXT", "TEXT"]
    assert classify_all(["", "Item 4 is hereby amended"]) == ["BLANK", "ITEM"]


@pytest.mark.parametrize(
    "previous",
    [
        "Not applicable.",
        "as follows:",
        "None;",
        "(see Annex A)",
        "",
        "*SEE INSTRUCTIONS BEFORE FILLING OUT!",
        'the "Reporting Persons."',
        "the \u201cReporting Persons.\u201d",
    ],
    ids=["period", "colon", "semicolon", "paren", "blank", "exclamation", "quote", "curly-quote"],
)
def test_bare_item_heading_after_a_finished_sentence(previous: str) -> None:
    assert classify_all([previous, "Item 4."])[1] == "ITEM"


@pytest.mark.parametrize(
    "line",
    [
        "Item 5(a).  As of the date hereof, ST owns 2,202,000 shares.",
        "Item 5(a) and (b).  See rows 7 through 13 of the cover page.",
    ],
)
def test_first_sub_part_is_a_heading_and_later_ones_are_not(line: str) -> None:
    # "Item 1(a)." opens Item 1 in filings without an "Item 1." line (13G mostly); under an open
    # "Item 5." the lowering merges it into that item (test_corpus checks the item list).
    assert LineClassifier("13D").classify(line) == "ITEM"
    assert LineClassifier("13D").classify(line.replace("(a)", "(c)", 1)) == "TEXT"


def test_item_heading_with_title_after_an_unfinished_sentence() -> None:
    lines = ["a line that does not end a sentence", "Item 4.  Purpose of Transaction"]
    assert classify_all(lines) == ["TEXT", "ITEM"]


def test_multi_line_notice_caption() -> None:
    lines = [
        "(Name, Address and Telephone Number",
        "of Person Authorized to Receive Notices",
        "and Communications)",
        "December 23, 2003",
        "(Date of Event Which Requires Filing of This Statement)",
    ]
    assert classify_all(lines) == ["CAP_NOTICE", "CAP_NOTICE", "CAP_NOTICE", "TEXT", "CAP_EVENT"]


def test_one_line_notice_caption_does_not_swallow_the_next_line() -> None:
    lines = ["(Name, Address and Telephone Number of Person Authorized)", "Item 1.  Security."]
    assert classify_all(lines) == ["CAP_NOTICE", "ITEM"]


def test_form_feed_line_is_a_page_break() -> None:
    assert LineClassifier().classify("\f") == "PAGE"


def test_tokenize_positions() -> None:
    lines = ["SCHEDULE 13D", "", "(Name of Issuer)"]
    tokens = list(tokenize(lines))
    assert [t.type for t in tokens] == ["FORM_TITLE", "BLANK", "CAP_ISSUER"]
    assert [t.line for t in tokens] == [1, 2, 3]
    assert [t.value for t in tokens] == lines
    assert all(t.column == 1 for t in tokens)
    assert [t.end_column for t in tokens] == [13, 1, 17]
    # Offsets into the joined lines are deliberately not kept (see tokenize).
    assert all(t.start_pos is None and t.end_pos is None for t in tokens)


# --- cover rows: match_cover_row and clean_cover_line -------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("1  NAME OF REPORTING PERSON", ("ROW_NAME", 1, 3)),
        ("(13) PERCENT OF CLASS", ("ROW_PERCENT", 13, 5)),
        ("Item 14: Type of Reporting Person", ("ROW_TYPE", 14, 9)),
        ("|  2  | CHECK THE APPROPRIATE BOX |", ("ROW_GROUP", 2, 8)),
        # A misnumbered row is recognized by its caption and keeps the number as written.
        ("8    SOLE VOTING POWER", ("ROW_SOLE_VOTE", 8, 5)),
        ("NAME OF REPORTING PERSON", ("ROW_NAME", 0, 0)),  # no number: 0, "not written"
        ("Name of reporting person", None),  # unnumbered rows are in capitals
        ("1  Some text that is not a caption", None),
        ("Item 4.  Purpose of Transaction", None),
    ],
)
def test_match_cover_row(line: str, expected: tuple[str, int, int] | None) -> None:
    assert match_cover_row(line) == expected


@pytest.mark.parametrize(
    ("line", "cleaned"),
    [
        ("|  1  | NAME |", "   1    NAME  "),
        ("(a) |_|   (b) |X|", "(a) [ ]   (b) [X]"),
        ("+----+-------+", "              "),
        ("no bars here", "no bars here"),
    ],
)
def test_clean_cover_line(line: str, cleaned: str) -> None:
    assert clean_cover_line(line) == cleaned


@given(st.text(alphabet="|+-=_xX 17NAME[]", max_size=60))
def test_clean_cover_line_keeps_columns(line: str) -> None:
    cleaned = clean_cover_line(line)
    assert len(cleaned) == len(line)
    assert "|" not in cleaned


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("12/23/2003      66,000      $4.90", True),
        ("   Dec. 26, 2003      1,000 (1)    $ 5.00", True),
        ("On December 23, 2003 ST sold 66,000 shares.", False),
        ("December 23, 2003", False),
        ("13/45/2003      66,000      $4.90", False),
        ("Date      Shares      Price", False),
    ],
)
def test_is_transaction_row(line: str, expected: bool) -> None:
    assert is_transaction_row(line) is expected


@pytest.mark.parametrize(
    ("line", "terminal"),
    [
        ("ſCHEDULE 13D", "FORM_TITLE"),
        ("ſIGNATURE", "SIGNATURE"),
        ("İtem 4.  Purpose of Transaction", "ITEM"),
        ("3  ſEC USE ONLY", "ROW_SEC"),
        ("6  CİTİZENSHİP OR PLACE OF ORGANIZATION", "ROW_CITIZEN"),
        ("７ Sole voting power", "ROW_SOLE_VOTE"),
        ("CUſIP No. 123456789", "RUNNING_HEAD"),
        ("İndex to Exhibits", "EXHIBIT"),
    ],
)
def test_non_ascii_lines_are_tried_on_every_pattern(line: str, terminal: str) -> None:
    """The classifier's cheap pre-tests are ASCII; the case-insensitive patterns take "ſ" for an
    "s", "İ" for an "i" and "７" for a digit: such lines skip the pre-tests."""
    assert LineClassifier().classify(line) == terminal
