"""The grammar and the line lexer: each rule parsed from its own start rule.

The grammar (grammar/*.lark) is LALR(1) over one token per line, produced by the line classifier
of compiler/frontend/lexer.py. These tests feed small hand-written line sequences to each start
rule of
``START_RULES`` and assert the shape of the tree: which rule each line group became, and which
terminal headed it. "Strict" parsing feeds the tokens to Lark's interactive parser with no
recovery, so that inputs the grammar must reject raise :class:`UnexpectedInput`;
:func:`parse_tokens` is the recovering entry point used by the compiler, which keeps an
unexpected line as a ``TEXT`` :class:`StrayToken`.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedInput
from line_pool import CAPTIONS, LINE_POOL

from compiler.frontend import lexer
from compiler.frontend.lexer import (
    LineClassifier,
    clean_cover_line,
    is_transaction_row,
    match_cover_row,
    tokenize,
)
from compiler.frontend.parser import START_RULES, StrayToken, build_parser, parse_tokens
from compiler.frontend.source import read_source
from compiler.schema import ROW_NUMBERS, ROW_TERMINALS

# --- helpers ------------------------------------------------------------------------------------

ROW_ORDER = sorted(ROW_TERMINALS, key=ROW_NUMBERS.__getitem__)  # ROW_NAME, ROW_GROUP, ... ROW_TYPE
COVER_SHAPE = [("name_row", "ROW_NAME")] + [("cover_row", name) for name in ROW_ORDER[1:]]


TITLE_PAGE = """\
                    SECURITIES AND EXCHANGE COMMISSION
                          Washington, D.C. 20549

                               SCHEDULE 13D
                 Under the Securities Exchange Act of 1934
                             (Amendment No. 1)

                                 8x8, Inc.
                             (Name of Issuer)

                 Common Stock, Par Value $0.001 Per Share
                      (Title of Class of Securities)

                                282912 10 4
                              (CUSIP Number)

                              Pierre Ollivier
                       Telephone: 011-41-22-929-2929
                    (Name, Address and Telephone Number
        of Person Authorized to Receive Notices and Communications)

                             December 23, 2003
          (Date of Event which requires Filing of this Statement)

If the filing person has previously filed a statement on Schedule 13G to report
the acquisition which is the subject of this Schedule 13D, check the following
box: [ ]
"""


def lines_of(text: str) -> list[str]:
    """The lines of a dedented triple-quoted block, without the final newline."""
    return textwrap.dedent(text).rstrip("\n").split("\n")


def parse_strict(lines: Sequence[str], start: str) -> Tree[Token]:
    """Parse from ``start`` with no recovery: any line the grammar does not allow raises."""
    interactive = build_parser().parse_interactive(None, start=start)
    last: Token | None = None
    for token in tokenize(list(lines)):
        interactive.feed_token(token)
        last = token
    tree = interactive.feed_eof(last)
    assert isinstance(tree, Tree)
    return tree


def shape(tree: Tree[Token]) -> list[tuple[str, str]]:
    """(rule, terminal of its first line) for every sub-tree directly under ``tree``."""
    out = []
    for child in tree.children:
        if isinstance(child, Tree):
            first = child.children[0] if child.children else None
            out.append((str(child.data), first.type if isinstance(first, Token) else ""))
    return out


def leaves(tree: Tree[Token]) -> list[Token]:
    return list(tree.scan_values(lambda value: isinstance(value, Token)))


def token_types(tree: Tree[Token]) -> list[str]:
    return [token.type for token in leaves(tree)]


def cover_lines(row_head: str, *, value_below: bool = False) -> list[str]:
    """A 14-row cover page whose row heads are written ``row_head.format(n=number)``."""
    out = []
    for number, (caption, value) in enumerate(CAPTIONS, start=1):
        head = row_head.format(n=number)
        if number == 1:
            out += [f"{head}{caption}", " " * len(head) + "Acme Capital Partners, L.P."]
        elif value_below and value:
            out += [f"{head}{caption}", " " * len(head) + value]
        else:
            out.append(f"{head}{caption}    {value}".rstrip())
    return out


# --- building the grammar -----------------------------------------------------------------------


def test_grammar_builds_strict_without_conflicts() -> None:
    parser = build_parser(strict=True)
    assert isinstance(parser, Lark)
    assert parser.options.parser == "lalr"
    assert parser.options.strict


def test_start_rules_are_rules_of_the_grammar() -> None:
    rule_names = {str(rule.origin.name) for rule in build_parser().rules}
    assert set(START_RULES) <= rule_names
    assert START_RULES[0] == "start"


def test_the_lexer_and_the_grammar_agree_on_terminals() -> None:
    """Every terminal the lexer emits is used by a rule, and every terminal used is emitted."""
    emitted = {
        value
        for name, value in vars(lexer).items()
        if name.isupper() and isinstance(value, str) and value.isupper() and value.isidentifier()
    } | ROW_TERMINALS
    used = {
        symbol.name for rule in build_parser().rules for symbol in rule.expansion if symbol.is_term
    }
    assert emitted == used


# --- title_page ---------------------------------------------------------------------------------


def test_title_page_captions_and_titles() -> None:
    tree = parse_strict(lines_of(TITLE_PAGE), "title_page")
    assert tree.data == "title_page"
    significant = [t for t in token_types(tree) if t not in {"TEXT", "BLANK"}]
    assert significant == [
        "FORM_TITLE",
        "AMENDMENT",
        "CAP_ISSUER",
        "CAP_CLASS",
        "CAP_CUSIP",
        "CAP_NOTICE",
        "CAP_NOTICE",  # the caption's second line
        "CAP_EVENT",
    ]
    assert [t.value for t in leaves(tree)] == lines_of(TITLE_PAGE)


def test_title_page_may_be_empty() -> None:
    assert parse_strict([], "title_page") == Tree("title_page", [])
    assert parse_strict([], "start") == Tree("start", [Tree("title_page", [])])


def test_title_page_with_page_break_and_running_header() -> None:
    text = TITLE_PAGE + "<PAGE>\nCUSIP No. 282912104        13D        Page 2 of 12 Pages\n"
    types = token_types(parse_strict(lines_of(text), "title_page"))
    assert types[-2:] == ["PAGE", "RUNNING_HEAD"]


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


# --- item, signature, annex, exhibit ------------------------------------------------------------

ITEM_5 = """\
Item 5.    Interest in Securities of the Issuer.

         (c) The following table sets forth each transaction:

         Date of Transaction     Number of Shares     Price Per Share
         -------------------     ----------------     ---------------
         December 23, 2003            66,000              $4.90
         12/24/2003                   24,000              $4.91

                                                        Page 4 of 12 Pages
<PAGE>
CUSIP No. 282912104                13D                        Page 5 of 12 Pages

         Date of Transaction     Number of Shares     Price Per Share
         Dec. 26, 2003                37,500              $4.92
"""


def test_item_with_a_transaction_table_across_a_page_break() -> None:
    tree = parse_strict(lines_of(ITEM_5), "item")
    assert tree.data == "item"
    types = token_types(tree)
    assert types[0] == "ITEM"
    assert types.count("ITEM") == 1
    assert types.count("TX_ROW") == 3
    assert "PAGE" in types
    assert "RUNNING_HEAD" in types


@pytest.mark.parametrize(
    "heading",
    [
        "Item 1.  Security and Issuer.",
        "ITEM 4. PURPOSE OF TRANSACTION",
        "Item 7 - Material to be Filed as Exhibits",
        "Item 2:  Identity and Background",
        "   Item 6.",
    ],
)
def test_item_headings(heading: str) -> None:
    tree = parse_strict([heading, "", "Not applicable."], "item")
    assert token_types(tree) == ["ITEM", "BLANK", "TEXT"]


@pytest.mark.parametrize(
    "heading",
    ["Item 3   Source and Amount of Funds or Other Consideration", "ITEM 1  SECURITY AND ISSUER"],
)
def test_item_heading_without_punctuation(heading: str) -> None:
    assert LineClassifier().classify(heading) == "ITEM"


SIGNATURE_BLOCK = """\
                                  SIGNATURE

        After reasonable inquiry and to the best of my knowledge and belief, I
        certify that the information set forth in this statement is true.

        Date: December 29, 2003          STMICROELECTRONICS N.V.

                                         By: /s/ Piero Mosconi
                                             ---------------------------
                                             Name: Piero Mosconi
        """


def test_signature_block() -> None:
    lines = lines_of(SIGNATURE_BLOCK)
    heading_only = lines[:2]
    tree = parse_strict(heading_only, "signature")
    assert tree.data == "signature"
    assert token_types(tree) == ["SIGNATURE", "BLANK"]
    # "SIGNATURE" then the certification are two adjacent signature sections (the lowering
    # joins them); a signature rule holds one heading only.
    tree = parse_strict([*lines_of(TITLE_PAGE), *lines], "start")
    assert shape(tree) == [
        ("title_page", "TEXT"),
        ("signature", "SIGNATURE"),
        ("signature", "CERTIFICATION"),
    ]
    with pytest.raises(UnexpectedInput):
        parse_strict(lines, "signature")


def test_signature_may_start_with_the_certification() -> None:
    lines = ["After reasonable inquiry and to the best of my knowledge", "/s/ Jane Doe"]
    assert token_types(parse_strict(lines, "signature")) == ["CERTIFICATION", "TEXT"]


def test_annex_with_edgar_table_tags() -> None:
    lines = lines_of("""\
                                     ANNEX A

             DIRECTORS AND EXECUTIVE OFFICERS OF STMICROELECTRONICS N.V.
        <TABLE>
        <CAPTION>
        Name                     Position                 Citizenship
        <S>                      <C>                      <C>
        Pasquale Pistorio        President and CEO        Italian
        </TABLE>
        """)
    tree = parse_strict(lines, "annex")
    assert tree.data == "annex"
    types = token_types(tree)
    assert types[0] == "ANNEX"
    assert types.count("TABLE_TAG") == 4


@pytest.mark.parametrize(
    ("heading", "terminal", "rule"),
    [
        ("ANNEX A", "ANNEX", "annex"),
        ("Schedule I", "ANNEX", "annex"),
        ("SCHEDULE A - DIRECTORS AND EXECUTIVE OFFICERS", "ANNEX", "annex"),
        ("Appendix 1", "ANNEX", "annex"),
        ("EXHIBIT 1", "EXHIBIT", "exhibit"),
        ("Exhibit 99.1 - Joint Filing Agreement", "EXHIBIT", "exhibit"),
        ("EXHIBIT A", "EXHIBIT", "exhibit"),
    ],
)
def test_annex_and_exhibit_headings(heading: str, terminal: str, rule: str) -> None:
    tree = parse_strict([heading, "", "Some text."], rule)
    assert tree.data == rule
    assert token_types(tree) == [terminal, "BLANK", "TEXT"]


def test_exhibit_keeps_any_text_including_captions() -> None:
    lines = ["EXHIBIT 1", "JOINT FILING AGREEMENT", "(Name of Issuer)", "12/01/2003   100   $5.00"]
    assert token_types(parse_strict(lines, "exhibit")) == [
        "EXHIBIT",
        "TEXT",
        "CAP_ISSUER",
        "TX_ROW",
    ]


FILING = (
    TITLE_PAGE
    + "<PAGE>\n"
    + "\n".join(cover_lines("{n:<4}"))
    + "\n<PAGE>\n"
    + "Item 4.  Purpose of Transaction.\n\nInvestment.\n\n"
    + ITEM_5
    + "\n                                SIGNATURE\n\n/s/ Piero Mosconi\n"
    + "\n                                 ANNEX A\n\nPasquale Pistorio   Director\n"
    + "\nEXHIBIT 1\n\nJoint Filing Agreement\n"
)


def test_start_a_whole_filing() -> None:
    tree = parse_strict(lines_of(FILING), "start")
    assert tree.data == "start"
    assert [rule for rule, _ in shape(tree)] == [
        "title_page",
        "cover_page",
        "item",
        "item",
        "signature",
        "annex",
        "exhibit",
    ]
    assert [t.value for t in leaves(tree)] == lines_of(FILING)


def test_start_without_cover_pages() -> None:
    """Amendments that amend items only have no cover page."""
    lines = [*lines_of(TITLE_PAGE), "Item 4.  Purpose of Transaction.", "", "Text."]
    tree = parse_strict(lines, "start")
    assert [rule for rule, _ in shape(tree)] == ["title_page", "item"]


# --- inputs that must be rejected ---------------------------------------------------------------

COVER_ROW = "7  SOLE VOTING POWER        100"
ITEM_HEADING = "Item 4.  Purpose of Transaction."

REJECTED = {
    "item: cover row first": ("item", [COVER_ROW, ITEM_HEADING]),
    "item: cover row inside": ("item", [ITEM_HEADING, "Text.", COVER_ROW]),
    "item: text first": ("item", ["Some text.", ITEM_HEADING]),
    "item: empty": ("item", []),
    "item: two items": ("item", [ITEM_HEADING, "Item 5.  Interest in Securities."]),
    "item: signature inside": ("item", [ITEM_HEADING, "SIGNATURE"]),
    "cover_page: no row 1": ("cover_page", [COVER_ROW]),
    "cover_page: rule first": ("cover_page", ["-" * 40, "1  NAME OF REPORTING PERSON"]),
    "cover_page: item inside": ("cover_page", ["1  NAME OF REPORTING PERSON", ITEM_HEADING]),
    "cover_page: empty": ("cover_page", []),
    "title_page: cover row": ("title_page", ["SCHEDULE 13D", "1  NAME OF REPORTING PERSON"]),
    "title_page: item": ("title_page", ["SCHEDULE 13D", ITEM_HEADING]),
    "signature: item inside": ("signature", ["SIGNATURE", ITEM_HEADING]),
    "signature: cover row inside": ("signature", ["SIGNATURE", COVER_ROW]),
    "annex: cover row inside": ("annex", ["ANNEX A", "1  NAME OF REPORTING PERSON"]),
    "annex: no heading": ("annex", ["Pasquale Pistorio   Director"]),
    "exhibit: no heading": ("exhibit", ["Joint Filing Agreement"]),
    "start: cover row among the items": ("start", [*lines_of(TITLE_PAGE), ITEM_HEADING, COVER_ROW]),
    "start: title caption after the cover": (
        "start",
        ["1  NAME OF REPORTING PERSON", "(Name of Issuer)"],
    ),
}


@pytest.mark.parametrize(("start", "lines"), REJECTED.values(), ids=REJECTED.keys())
def test_rejected_when_parsed_strictly(start: str, lines: list[str]) -> None:
    with pytest.raises(UnexpectedInput):
        parse_strict(lines, start)


def test_lark_parse_rejects_a_cover_row_before_an_item() -> None:
    with pytest.raises(UnexpectedInput):
        build_parser().parse(f"{COVER_ROW}\n{ITEM_HEADING}\n", start="item")


def test_lark_parse_with_the_line_lexer() -> None:
    tree = build_parser().parse(f"{ITEM_HEADING}\n\nText.\n", start="item")
    assert token_types(tree) == ["ITEM", "BLANK", "TEXT"]


# --- recovery: parse_tokens keeps unexpected lines as TEXT --------------------------------------


def strays(tree: Tree[Token]) -> list[StrayToken]:
    return [t for t in leaves(tree) if isinstance(t, StrayToken)]


def test_parse_tokens_keeps_a_cover_row_among_the_items_as_text() -> None:
    lines = [
        *lines_of(TITLE_PAGE),
        ITEM_HEADING,
        "",
        "The Reporting Person has:",
        COVER_ROW,
        "",
        "Item 5.  Interest in Securities of the Issuer.",
        "Text.",
    ]
    tree = parse_tokens(tokenize(lines))
    assert [rule for rule, _ in shape(tree)] == ["title_page", "item", "item"]
    [stray] = strays(tree)
    assert stray.type == "TEXT"
    assert stray.original_type == "ROW_SOLE_VOTE"
    assert stray.value == COVER_ROW
    assert stray.line == lines.index(COVER_ROW) + 1
    first_item = tree.children[1]
    assert isinstance(first_item, Tree)
    assert stray in first_item.children
    assert [t.value for t in leaves(tree)] == lines


def test_parse_tokens_keeps_a_cover_row_before_row_1_as_text() -> None:
    lines = [*lines_of(TITLE_PAGE), "2  CHECK THE APPROPRIATE BOX IF A MEMBER OF A GROUP"]
    tree = parse_tokens(tokenize(lines))
    assert [rule for rule, _ in shape(tree)] == ["title_page"]
    assert [s.original_type for s in strays(tree)] == ["ROW_GROUP"]


def test_parse_tokens_keeps_a_title_caption_inside_a_cover_page_as_text() -> None:
    lines = [*cover_lines("{n:<4}")[:4], "(Name of Issuer)", *cover_lines("{n:<4}")[4:]]
    tree = parse_tokens(tokenize(lines))
    assert [rule for rule, _ in shape(tree)] == ["title_page", "cover_page"]
    cover = tree.children[1]
    assert isinstance(cover, Tree)
    assert shape(cover) == COVER_SHAPE
    assert [s.original_type for s in strays(tree)] == ["CAP_ISSUER"]


def test_parse_tokens_from_another_start_rule() -> None:
    tree = parse_tokens(tokenize([ITEM_HEADING, COVER_ROW, "Text."]), start="item")
    assert tree.data == "item"
    assert [s.original_type for s in strays(tree)] == ["ROW_SOLE_VOTE"]


def test_parse_tokens_without_strays_matches_the_strict_parse() -> None:
    lines = lines_of(FILING)
    tree = parse_tokens(tokenize(lines))
    assert not strays(tree)
    assert tree == parse_strict(lines, "start")


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(LINE_POOL), max_size=40))
def test_parse_tokens_accepts_any_line_sequence_and_drops_nothing(lines: list[str]) -> None:
    tree = parse_tokens(tokenize(lines))
    assert tree.data == "start"
    tokens = leaves(tree)
    assert [t.value for t in tokens] == lines
    assert [t.line for t in tokens] == list(range(1, len(lines) + 1))
    for stray in strays(tree):
        assert stray.type == "TEXT"
        assert stray.original_type != "TEXT"


# --- the line lexer -----------------------------------------------------------------------------

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
    ["Not applicable.", "as follows:", "None;", "(see Annex A)", ""],
    ids=["period", "colon", "semicolon", "paren", "blank"],
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
