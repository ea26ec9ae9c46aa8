"""The grammar: each rule parsed from its own start rule (the line lexer is test_lexer.py,
the cover_page rule test_grammar_cover_page.py).

The grammar (grammar/*.lark) is LALR(1) over one token per line, produced by the line classifier
of compiler/frontend/lexer.py. These tests feed small hand-written line sequences to each start
rule of ``START_RULES`` and assert the shape of the tree: which rule each line group became,
and which terminal headed it. "Strict" parsing feeds the tokens to Lark's interactive parser with no
recovery, so that inputs the grammar must reject raise :class:`UnexpectedInput`;
:func:`parse_tokens` is the recovering entry point used by the compiler, which keeps an
unexpected line as a ``TEXT`` :class:`StrayToken`.
"""

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
from hypothesis import given, settings
from hypothesis import strategies as st
from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedInput
from line_pool import LINE_POOL

from compiler.frontend import lexer
from compiler.frontend.lexer import (
    LineClassifier,
    tokenize,
)
from compiler.frontend.parser import START_RULES, StrayToken, build_parser, parse_tokens
from compiler.schema import ROW_TERMINALS

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
