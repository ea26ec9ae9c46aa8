"""The grammar's cover_page rule: the name row and the 13 rows after it in each house style,
boxed, tab-separated, beside the "NUMBER OF SHARES ..." label, across a page break, and the
pages it accepts for the lowering to judge."""

from __future__ import annotations

import pytest
from grammar_trees import (
    COVER_SHAPE,
    TITLE_PAGE,
    cover_lines,
    leaves,
    lines_of,
    parse_strict,
    shape,
    token_types,
)
from lark import Tree
from line_pool import CAPTIONS

from compiler.frontend.lexer import (
    match_cover_row,
    tokenize,
)
from compiler.frontend.source import read_source

# --- cover_page ---------------------------------------------------------------------------------

ROW_STYLES = {
    "bare": "{n:<3}",
    "dot": "{n}. ",
    "parenthesized": "({n}) ",
    "closing-paren": "{n}) ",
    "item-colon": "Item {n}: ",
    "indented": "  {n:>2}    ",
}


@pytest.mark.parametrize("value_below", [False, True], ids=["values-on-caption", "values-below"])
@pytest.mark.parametrize("style", ROW_STYLES.values(), ids=ROW_STYLES.keys())
def test_cover_page_has_name_row_and_13_rows(style: str, value_below: bool) -> None:
    lines = cover_lines(style, value_below=value_below)
    tree = parse_strict(lines, "cover_page")
    assert tree.data == "cover_page"
    assert shape(tree) == COVER_SHAPE
    assert [t.value for t in leaves(tree)] == lines


def test_cover_page_boxed_with_pipes_and_corners() -> None:
    rule = "+-----+" + "-" * 72 + "+"
    lines = []
    for number, (caption, value) in enumerate(CAPTIONS, start=1):
        boxed = value.replace("[ ]", "|_|").replace("[X]", "|X|")
        lines.append(f"|  {number:<3}| {caption:<52}{boxed:>18} |")
        if number == 1:
            lines.append(f"|     | {'Acme Capital Partners, L.P.':<70} |")
        lines.append(rule)
    tree = parse_strict(lines, "cover_page")
    assert shape(tree) == COVER_SHAPE
    # The rule after each row belongs to that row; nothing is lost.
    assert [t.value for t in leaves(tree)] == lines
    assert tree.children[0].children[-1].type == "RULE"  # type: ignore[union-attr]


def test_cover_page_tab_separated_after_source_normalization() -> None:
    """A flattened HTML table: row number, caption and value separated by tabs; the "NUMBER OF
    SHARES" label on the same line as row 7, rows 8-10 starting with a tab."""
    # (The form's title first: a cover page alone, without it, is not a filing for read_source.)
    raw = ["SCHEDULE 13D", "", "CUSIP No. 82744F105\tSCHEDULE 13D\tPage 2 of 10", ""]
    for number, (caption, written) in enumerate(CAPTIONS, start=1):
        value = "Silverline Special Situations Fund, L.P." if number == 1 else written
        if number == 7:
            prefix = "NUMBER OF SHARES BENEFICIALLY OWNED BY EACH REPORTING PERSON WITH\t"
        elif number in {8, 9, 10}:
            prefix = "\t"
        else:
            prefix = ""
        raw.append(f"{prefix}{number}\t{caption}\t{value}")
    document = read_source("\n".join(raw).encode() + b"\n")
    assert all("\t" not in line for line in document.lines)
    tokens = list(tokenize(document.lines[2:]))
    assert [t.type for t in tokens[:2]] == ["RUNNING_HEAD", "BLANK"]
    tree = parse_strict(document.lines[4:], "cover_page")
    assert shape(tree) == COVER_SHAPE


SIDE_LABEL = """\
1         NAME OF REPORTING PERSON
          STMicroelectronics N.V.
-------------------------------- ------ ----------------------------------------
 NUMBER OF SHARES BENEFICIALLY   7      SOLE VOTING POWER:
           OWNED BY                     2,202,000 shares of common stock
             EACH                ------ ----------------------------------------
      REPORTING PERSON           8      SHARED VOTING POWER:
             WITH                       0
                                 ------ ----------------------------------------
                                 9      SOLE DISPOSITIVE POWER:
                                        2,202,000 shares of common stock
                                 ------ ----------------------------------------
                                 10     SHARED DISPOSITIVE POWER:
                                        0
-------------------------------- ------ ----------------------------------------
"""


def test_rows_7_to_10_beside_the_number_of_shares_label() -> None:
    lines = lines_of(SIDE_LABEL)
    tree = parse_strict(lines, "cover_page")
    assert shape(tree) == [
        ("name_row", "ROW_NAME"),
        ("cover_row", "ROW_SOLE_VOTE"),
        ("cover_row", "ROW_SHARED_VOTE"),
        ("cover_row", "ROW_SOLE_DISP"),
        ("cover_row", "ROW_SHARED_DISP"),
    ]
    # The label's fragments under row 7 stay in row 7 as text lines, with its value.
    row7 = tree.children[1]
    assert isinstance(row7, Tree)
    assert [t.type for t in row7.children] == ["ROW_SOLE_VOTE", "TEXT", "TEXT"]
    # The caption column is that of "SOLE", not of the label.
    head = lines[3]
    assert match_cover_row(head) == ("ROW_SOLE_VOTE", 7, head.index("SOLE"))


def test_rows_7_to_10_interleaved_with_label_words() -> None:
    lines = lines_of("""\
        1.  Names of Reporting Persons.
            Harrow Family Holdings LLC
        Number of         7.  Sole Voting Power       None
        Shares
        Beneficially      8.  Shared Voting Power     1,250,000
        Owned by
        Each Reporting    9.  Sole Dispositive Power  None
        Person With:
                          10. Shared Dispositive Power 1,250,000
        """)
    tree = parse_strict(lines, "cover_page")
    assert [kind for _, kind in shape(tree)] == [
        "ROW_NAME",
        "ROW_SOLE_VOTE",
        "ROW_SHARED_VOTE",
        "ROW_SOLE_DISP",
        "ROW_SHARED_DISP",
    ]


def test_number_of_shares_label_as_a_heading_line() -> None:
    lines = lines_of("""\
        (1) NAME OF REPORTING PERSON: Jane Q. Public
        NUMBER OF SHARES BENEFICIALLY OWNED BY EACH REPORTING PERSON WITH
        (7) SOLE VOTING POWER: 100
        (8) SHARED VOTING POWER: None
        """)
    tree = parse_strict(lines, "cover_page")
    assert shape(tree) == [
        ("name_row", "ROW_NAME"),
        ("cover_row", "ROW_SOLE_VOTE"),
        ("cover_row", "ROW_SHARED_VOTE"),
    ]
    assert token_types(tree)[1] == "TEXT"  # the label line, inside the name row


def test_page_break_and_running_header_inside_a_cover_page() -> None:
    lines = cover_lines("{n:<4}")
    at = lines.index(next(x for x in lines if "CITIZENSHIP" in x)) + 1
    furniture = [
        "",
        "                                                   Page 2 of 9 Pages",
        "<PAGE>",
        "CUSIP No. 282912104               13D                 Page 3 of 9 Pages",
        "",
    ]
    lines[at:at] = furniture
    tree = parse_strict(lines, "cover_page")
    assert shape(tree) == COVER_SHAPE  # still one cover page of 14 rows
    row6 = tree.children[5]
    assert isinstance(row6, Tree)
    assert [t.type for t in row6.children] == [
        "ROW_CITIZEN",
        "BLANK",
        "RUNNING_HEAD",
        "PAGE",
        "RUNNING_HEAD",
        "BLANK",
    ]
    whole = parse_strict([*lines_of(TITLE_PAGE), "<PAGE>", *lines], "start")
    assert [rule for rule, _ in shape(whole)] == ["title_page", "cover_page"]


def test_footnotes_under_row_14_belong_to_the_last_row() -> None:
    lines = [*cover_lines("{n:<4}"), "", "* Based on 34,309,526 shares outstanding."]
    tree = parse_strict(lines, "cover_page")
    last = tree.children[-1]
    assert isinstance(last, Tree)
    assert [t.type for t in last.children] == ["ROW_TYPE", "BLANK", "TEXT"]


def test_several_cover_pages_in_a_filing() -> None:
    page = cover_lines("{n}. ")
    lines = [*lines_of(TITLE_PAGE), "<PAGE>", *page, "<PAGE>", *page, "<PAGE>", *page]
    tree = parse_strict(lines, "start")
    assert [rule for rule, _ in shape(tree)] == ["title_page"] + ["cover_page"] * 3
    for cover in tree.children[1:]:
        assert isinstance(cover, Tree)
        assert shape(cover) == COVER_SHAPE


def test_incomplete_or_misnumbered_cover_page_is_accepted_for_the_lowering() -> None:
    """Order and completeness of rows are the lowering's to report, not a parse error."""
    lines = [
        "1  NAME OF REPORTING PERSON",
        "14 TYPE OF REPORTING PERSON  IN",
        "7  SOLE VOTING POWER",
    ]
    tree = parse_strict(lines, "cover_page")
    assert [kind for _, kind in shape(tree)] == ["ROW_NAME", "ROW_TYPE", "ROW_SOLE_VOTE"]
