"""HTML -> text lines (compiler.frontend.html_text): layout rules, decoding, page breaks,
robustness, and
two real HTML filings compiled end to end against their gold files.

The fixtures in ``fixtures/html`` are copies of ``../shared/corpus/html`` filings: the AES 13D/A
(EDGAR <DOCUMENT> wrapper, inline-styled cover tables, rows 7-10 beside a row-spanning label) and
the Bicycle Therapeutics 13D/A (Toppan Merrill style: Wingdings check boxes, an Item 5(c) table).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import FIXTURES
from gold_compare import compare

from compiler import compile_filing
from compiler.backends.render import OutputFormat, render
from compiler.frontend.html_text import MAX_TABLE_DEPTH, HtmlError, convert_html, html_to_lines
from compiler.frontend.lexer import LineClassifier
from compiler.frontend.source import read_source

HTML_FIXTURES = FIXTURES / "html"
GOLD_FILINGS = sorted(
    path
    for path in HTML_FIXTURES.iterdir()
    if path.suffix in (".htm", ".html") and path.with_suffix(".gold.json").exists()
)


def lines(html: str) -> list[str]:
    return html_to_lines(html)[0]


def kinds(text_lines: list[str]) -> list[str]:
    classifier = LineClassifier()
    return [classifier.classify(line) for line in text_lines]


# -- cover tables -----------------------------------------------------------------------------

COVER = """<html><body>
<table border="1">
<tr><td>1</td><td colspan="3">NAME OF REPORTING PERSON<br><br><b>Acme Capital LP</b></td></tr>
<tr><td>2</td><td colspan="3">CHECK THE APPROPRIATE BOX IF A MEMBER OF A GROUP<br>
    (a) [X]<br>(b) [&nbsp;&nbsp;]</td></tr>
<tr><td rowspan="4" colspan="2">NUMBER OF<br>SHARES<br>BENEFICIALLY<br>OWNED BY<br>EACH<br>
    REPORTING<br>PERSON WITH</td>
    <td>7</td><td>SOLE VOTING POWER</td><td>4,050,000</td></tr>
<tr><td>8</td><td>SHARED VOTING POWER</td><td>-0-</td></tr>
<tr><td>9</td><td>SOLE DISPOSITIVE POWER</td><td>4,050,000</td></tr>
<tr><td>10</td><td>SHARED DISPOSITIVE POWER</td><td>&nbsp;</td></tr>
</table>
</body></html>"""


def test_cover_rows_keep_number_caption_and_value_on_one_line() -> None:
    text = lines(COVER)
    assert "NUMBER OF SHARES BENEFICIALLY OWNED BY EACH REPORTING PERSON WITH" in text
    label = text.index("NUMBER OF SHARES BENEFICIALLY OWNED BY EACH REPORTING PERSON WITH")
    assert [line.split() for line in text[label + 1 : label + 5]] == [
        ["7", "SOLE", "VOTING", "POWER", "4,050,000"],
        ["8", "SHARED", "VOTING", "POWER", "-0-"],
        ["9", "SOLE", "DISPOSITIVE", "POWER", "4,050,000"],
        ["10", "SHARED", "DISPOSITIVE", "POWER"],
    ]
    row_7 = text[label + 1]
    assert "    SOLE VOTING POWER    " in row_7  # cells at least four spaces apart
    assert kinds(text[label + 1 : label + 5]) == [
        "ROW_SOLE_VOTE",
        "ROW_SHARED_VOTE",
        "ROW_SOLE_DISP",
        "ROW_SHARED_DISP",
    ]


def test_a_cell_keeps_its_lines_under_its_first_line() -> None:
    text = lines(COVER)
    assert text[0] == "1     NAME OF REPORTING PERSON"
    # The blank line of the cell stays; the name stands under the caption's column.
    assert text[1:3] == ["", "      Acme Capital LP"]
    assert text[3] == "2     CHECK THE APPROPRIATE BOX IF A MEMBER OF A GROUP"
    assert text[4:6] == ["      (a) [X]", "      (b) [  ]"]
    assert kinds(text[:4]) == ["ROW_NAME", "BLANK", "TEXT", "ROW_GROUP"]


def test_rows_beside_a_label_move_into_its_columns() -> None:
    text = lines(COVER)
    # The label spans columns 0-1 of rows 7-10: written above them, it leaves its columns to
    # them, so that row numbers and captions line up with rows 1-6.
    assert text[7] == "7     SOLE VOTING POWER           4,050,000"
    assert text[7].index("SOLE") == text[0].index("NAME")


def test_cells_are_top_aligned_and_columns_padded() -> None:
    html = """<style>p { margin: 0 }</style><table>
    <tr><td><p style="margin: 0">&nbsp;</p><p style="margin: 0">4.</p></td>
        <td><p style="margin: 0">&nbsp;</p><p style="margin: 0">SOURCE OF FUNDS</p>
        <p style="margin: 0">WC</p></td></tr>
    <tr><td>13.</td><td>PERCENT OF CLASS REPRESENTED BY AMOUNT IN ROW (11)</td><td>6.2%</td></tr>
    </table>"""
    text = lines(html)
    assert text[0] == "4.     SOURCE OF FUNDS"
    assert text[1] == "       WC"
    assert text[2] == "13.    PERCENT OF CLASS REPRESENTED BY AMOUNT IN ROW (11)    6.2%"


def test_a_short_row_spanning_cell_is_a_row_number_and_stays_in_the_grid() -> None:
    html = """<table><tr><td rowspan="2">7</td><td>SOLE VOTING POWER</td></tr>
    <tr><td>100,000</td></tr></table>"""
    assert lines(html) == ["7    SOLE VOTING POWER", "     100,000"]


def test_transaction_table_rows_are_aligned_and_dollar_cells_join_their_number() -> None:
    html = """<p>(c) Transactions in the last 60 days:</p>
    <table>
    <tr><td>Date</td><td></td><td colspan="2">Shares</td><td></td><td colspan="2">Price</td></tr>
    <tr><td>01/02/2015</td><td>&nbsp;</td><td></td><td>1,000</td><td></td><td>$</td>
        <td>10.25</td></tr>
    <tr><td>01/03/2015</td><td>&nbsp;</td><td></td><td>250,000</td><td></td><td>$</td>
        <td>9.5</td></tr>
    </table>"""
    text = lines(html)
    assert text[0] == "(c) Transactions in the last 60 days:"
    assert text[1] == ""
    rows = text[2:]
    assert [row.split() for row in rows] == [
        ["Date", "Shares", "Price"],
        ["01/02/2015", "1,000", "$10.25"],
        ["01/03/2015", "250,000", "$9.5"],
    ]
    assert len({row.index(row.split()[1]) for row in rows}) == 1  # the columns line up
    assert kinds(rows) == ["TEXT", "TX_ROW", "TX_ROW"]


def test_an_empty_row_is_a_blank_line() -> None:
    html = "<table><tr><td>a</td></tr><tr><td>&nbsp;</td></tr><tr><td>b</td></tr></table>"
    assert lines(html) == ["a", "", "b"]


# -- paragraphs and characters ----------------------------------------------------------------


def test_paragraphs_are_unwrapped_and_separated_by_a_blank_line() -> None:
    html = """<p>Item 4.  Purpose
    of Transaction.</p><p>The Reporting   Persons
    acquired the Shares.</p>"""
    assert lines(html) == [
        "Item 4. Purpose of Transaction.",
        "",
        "The Reporting Persons acquired the Shares.",
    ]


def test_entities_are_decoded() -> None:
    html = (
        "<p>People&#8217;s&nbsp;Republic &amp; &ldquo;Group&rdquo; &#146;92 &#150; "
        "&pound;0.01 &sect;&nbsp;&nbsp;240</p>"
    )
    assert lines(html) == ["People's Republic & \"Group\" '92 - £0.01 §  240"]


def test_margins_decide_the_blank_lines() -> None:
    html = """<p style="margin: 0">The AES Corporation</p>
    <p style="margin: 0 0 12pt">(Name of Issuer)</p>
    <div>Common Stock</div><div style="margin-top: 0.25in">(Title of Class of Securities)</div>
    <p style="margin:0">&nbsp;</p><p style="margin:0">00130H105</p>"""
    assert lines(html) == [
        "The AES Corporation",
        "(Name of Issuer)",
        "",
        "Common Stock",
        "",
        "(Title of Class of Securities)",
        "",
        "00130H105",
    ]


def test_line_breaks() -> None:
    assert lines("<p>a<br>b<br><br>c<br></p><p>d</p>") == ["a", "b", "", "c", "", "d"]


def test_preformatted_text_keeps_its_lines_and_spaces() -> None:
    html = "<pre>7   SOLE VOTING POWER\t100\n\n8   SHARED\fnext</pre><p>after</p>"
    assert lines(html) == [
        "7   SOLE VOTING POWER   100",
        "",
        "8   SHARED",
        "<PAGE>",
        "next",
        "",
        "after",
    ]


def test_preformatted_lines_keep_their_own_line_numbers() -> None:
    result = convert_html("<html>\n<body><pre>\nline one\n   <b>Item 4.</b>  x\n\nlast</pre>")
    assert result.lines == ("line one", "   Item 4.  x", "", "last")
    assert [result.origins[i] for i in (0, 1, 3)] == [3, 4, 6]


def test_wingdings_check_boxes() -> None:
    html = """<p>check the following box <font face="Wingdings">&#168;</font></p>
    <p>(a) <span style="font-family: Wingdings">x</span> (b) <font face="Wingdings">o</font></p>
    <p>plain x and o</p>"""
    assert lines(html) == [
        "check the following box ☐",
        "",
        "(a) ☒ (b) ☐",
        "",
        "plain x and o",
    ]


def test_footnote_numbers_in_superscript() -> None:
    assert lines("<p>1,000,000<sup>1</sup> shares, the 3<sup>rd</sup> floor</p>") == [
        "1,000,000(1) shares, the 3rd floor"
    ]


# -- page breaks ------------------------------------------------------------------------------


def test_page_breaks() -> None:
    html = """<p>one</p>
    <div style="page-break-before: always"><p>two</p></div>
    <p style="PAGE-BREAK-AFTER: always">three</p>
    <p>four</p>
    <hr size="3" width="100%">
    <p>five</p>
    <hr width="25%">
    <p>footnote</p>
    <div style="break-before: page"></div><p>six</p>"""
    assert lines(html) == [
        "one",
        "<PAGE>",
        "two",
        "",
        "three",
        "<PAGE>",
        "four",
        "<PAGE>",
        "five",
        "",
        "footnote",
        "<PAGE>",
        "six",
    ]


def test_no_page_break_at_the_start_or_end_and_never_two() -> None:
    html = """<hr><p style="page-break-before: always">a</p><hr><hr>
    <div style="page-break-after: always"></div><p>b</p><hr>"""
    assert lines(html) == ["a", "<PAGE>", "b"]


# -- what is dropped --------------------------------------------------------------------------


def test_head_script_style_and_hidden_content_are_removed() -> None:
    html = """<html><head><title>Title</title><style>p { color: red }</style>
    <script>var x = "<p>not text</p>";</script></head>
    <body><p>kept<script>document.write("no")</script> too</p>
    <noscript>no script</noscript><div style="display: none">hidden</div>
    <!-- a comment --><p>end</p><script>zoom()</script></body></html>"""
    assert lines(html) == ["kept too", "", "end"]


def test_a_huge_data_uri_image_is_dropped_and_the_text_after_it_kept() -> None:
    image = "data:image/png;base64," + "A" * 12_000_000  # past libxml2's 10 MB default limit
    html = f'<p>before</p><img src="{image}" alt="logo"><p>after</p>'
    assert lines(html) == ["before", "", "after"]


# -- robustness -------------------------------------------------------------------------------


def test_deeply_nested_tables_are_read_as_blocks() -> None:
    depth = 60
    html = "<table><tr><td>x" * depth + "deepest" + "</td></tr></table>" * depth + "<p>after</p>"
    text = lines(html)
    assert text.count("x") == depth - 1
    assert text[-3:] == ["xdeepest", "", "after"]
    assert depth > MAX_TABLE_DEPTH


def test_nesting_deeper_than_libxml2_reads_is_a_clear_error() -> None:
    html = "<div>" * 5000 + "deep" + "</div>" * 5000
    with pytest.raises(HtmlError, match="nested too deeply"):
        convert_html(html)


@pytest.mark.parametrize(
    "html",
    [
        "<p>a<table><td>b<tr>c</p></td><td>d</table><<>>&bogus; &#xffffff; &#0; </i></b>x<p",
        "<td>cell without a table</td><tr><th>row</th></tr>",
        "<table><tr><td colspan='x9' rowspan='-2'>a</td><td colspan='99999'>b</td></tr></table>",
        "<table>" + "<tr><td rowspan=100000 colspan=100000>a</td><td>b</td></tr>" * 300,
        "</table></tr></td>text",
        "plain text, no tags at all",
    ],
    ids=["malformed", "cells-outside-tables", "bad-spans", "huge-spans", "stray-closers", "text"],
)
def test_malformed_html_does_not_crash(html: str) -> None:
    result = convert_html(html)
    assert len(result.lines) == len(result.origins)
    assert all("\n" not in line for line in result.lines)


def test_output_stays_linear_when_a_wide_cell_stands_left_of_many_lines() -> None:
    html = "<table><tr><td>" + "w" * 5000 + "</td><td>" + "<br>".join("v" * 20_000) + "</td></tr>"
    result = convert_html(html)
    assert sum(len(line) for line in result.lines) < 300 * len(result.lines)


# -- origins ----------------------------------------------------------------------------------


def test_each_line_comes_with_the_line_of_its_element() -> None:
    html = "<html>\n<body>\n<p>first</p>\n<table>\n<tr>\n<td>1</td>\n<td>NAME</td></tr>\n</table>"
    text, origins = html_to_lines(html)
    assert text == ["first", "", "1    NAME"]
    assert origins == [3, 3, 6]
    shifted = convert_html(html, first_line=10)
    assert shifted.origins == (12, 12, 15)


def test_origins_past_line_65535() -> None:
    """libxml2 stops counting at line 65535; past it a line is known to within one 8 KB chunk."""
    filler = "<div>" + "x" * 92 + "</div>\n"  # 104 bytes: some 80 lines a chunk
    html = "<p>top</p>\n" + filler * 69_999 + "<p>bottom</p>\n" + filler * 9_999 + "<p>last</p>"
    result = convert_html(html)
    origin = dict(zip(result.lines, result.origins, strict=False))
    assert origin["top"] == 1
    assert 70_001 - 80 <= origin["bottom"] <= 70_001
    assert 80_001 - 80 <= origin["last"] <= 80_001
    assert list(result.origins) == sorted(result.origins)


def test_edgar_tags_kept_as_elements_are_fields() -> None:
    html = """<html><body><document>
<type>SC 13D
<sequence>1
<filename>sched13d.htm
<description>FORM SC 13D
<text>
<p>SCHEDULE 13D</p>
</text></document></body></html>"""
    result = convert_html(html)
    assert result.lines == ("SCHEDULE 13D",)
    assert dict(result.fields) == {
        "TYPE": "SC 13D",
        "SEQUENCE": "1",
        "FILENAME": "sched13d.htm",
        "DESCRIPTION": "FORM SC 13D",
    }


# -- the source stage and real filings --------------------------------------------------------


def test_an_html_text_inside_an_edgar_document_is_converted() -> None:
    data = (
        b"<DOCUMENT>\n<TYPE>SC 13D\n<FILENAME>a.htm\n<TEXT>\n<html><body>\n"
        b"<p>SCHEDULE 13D</p>\n<p>Acme&nbsp;Corp</p>\n</body></html>\n</TEXT>\n</DOCUMENT>\n"
    )
    document = read_source(data, "a.txt")
    assert document.document_type == "SC 13D"
    assert document.lines == ("SCHEDULE 13D", "", "Acme Corp")
    assert tuple(document.line_origins) == (6, 6, 7)
    # Every column of a converted line maps to column 1 of the element's line.
    span = document.span(2, 5, 9)
    assert (span.line, span.column, span.end_line, span.end_column) == (7, 1, 7, 1)


@pytest.mark.parametrize("path", GOLD_FILINGS, ids=[p.stem for p in GOLD_FILINGS])
def test_html_filing_matches_its_gold_file(path: Path) -> None:
    filing = compile_filing(path.read_bytes(), f"html/{path.name}")
    gold = json.loads(path.with_suffix(".gold.json").read_text(encoding="utf-8"))
    wrong = [r for r in compare(gold, json.loads(render(filing, OutputFormat.JSON))) if not r[2]]
    assert wrong == []


def test_a_text_filing_inside_pre_compiles_to_the_same_answers() -> None:
    """The early HTML filings wrapped the typed filing in <pre>, EDGAR tags and all."""
    seed = FIXTURES / "seed" / "000_16ffad13912a4479.txt"
    text = seed.read_bytes().decode("utf-8").replace("&", "&amp;")
    html = f"<html><body><pre>{text}</pre></body></html>"
    filing = compile_filing(html.encode("utf-8"), "seed.htm")
    gold = json.loads(seed.with_suffix(".gold.json").read_text(encoding="utf-8"))
    wrong = [r for r in compare(gold, json.loads(render(filing, OutputFormat.JSON))) if not r[2]]
    assert wrong == []


def test_white_space_collapses_as_one_regular_expression_would() -> None:
    # _collapsed replaces the regex [ \t\n\r\f]+ -> " " with string scans: same result, including
    # long runs, mixed runs and the Unicode spaces that must stay (they are not collapsible).
    from compiler.frontend.html_layout import _collapsed

    samples = [
        "",
        " ",
        "a  b",
        "a \t\n\r\f b",
        " " * 1000 + "x" + "\n" * 33,
        "a\xa0 \xa0b\u2003\u2003c\x0bd\x1ce",
        "\r\n".join(["line one", "  line two  ", "", "\tline three"]),
    ]
    pattern = re.compile(r"[ \t\n\r\f]+")
    for text in samples:
        assert _collapsed(text) == pattern.sub(" ", text)


def test_translated_characters_are_all_outside_ascii() -> None:
    # _translated returns an ASCII line untouched: that is only right while the table replaces
    # no ASCII character.
    from compiler.frontend.html_layout import _CHARACTERS, _translated

    assert all(code > 0x7F for code in _CHARACTERS)
    line = "a\xa0b \u2019c\u201d \x92 \u200bd"
    # (a C1 byte read as latin-1, \x92, becomes the cp1252 character it was: ’)
    assert _translated(line) == line.translate(_CHARACTERS) == "a b 'c\" \u2019 d"


def test_the_lead_pattern_strips_what_lstrip_strips() -> None:
    # html_text locates a text at its first word with a regex match instead of str.lstrip()
    # (no copy of the text): the two must agree on every character.
    from compiler.frontend.html_text import _LEAD

    for code in range(0x3100):  # every Unicode space is below U+3100 (U+3000 the last)
        text = chr(code) + "x"
        assert _LEAD.match(text).end() == len(text) - len(text.lstrip()), hex(code)  # type: ignore[union-attr]
