"""The source stage: decoding, EDGAR unwrapping, normalization, the column map and rejections."""

from __future__ import annotations

import hashlib

import pytest
from conftest import FIXTURES, SEED

from compiler import compile_filing
from compiler.errors import InputError, UnsupportedFormError
from compiler.frontend.source import Document, read_source
from compiler.ir import Span

QUILLON = FIXTURES / "authored" / "06-quillon-retail-2004-13d-edgar-ex99.txt"
NORTHGATE = FIXTURES / "authored" / "03-northgate-bancorp-1998-13d-edgar.txt"
HEADER_ONLY = FIXTURES / "partial" / "0001193125-24-275026.header-only.txt"
ARQULE_13G = FIXTURES / "13g" / "natereed-arqule_13g.txt"

TITLE = b"                                  SCHEDULE 13D\n"


def read(data: bytes) -> Document:
    return read_source(data, "test.txt")


def assert_lines_match_original(doc: Document) -> None:
    """Every normalized line is its original line, tab-expanded (form feeds aside)."""
    original_lines = doc.original_lines
    for line, origin in zip(doc.lines, doc.line_origins, strict=True):
        original = original_lines[origin - 1]
        if "\f" in original:
            assert line == "\f" or line.expandtabs(8) in original.expandtabs(8)
        else:
            assert line == original.expandtabs(8).replace("\xa0", " ")


# -- decoding ---------------------------------------------------------------------------------


def test_utf8_with_bom() -> None:
    doc = read(b"\xef\xbb\xbf" + TITLE + "§ 240.13d-1\n".encode())
    assert doc.encoding == "utf-8"
    assert doc.lines == (TITLE.decode().rstrip("\n"), "§ 240.13d-1")
    assert not doc.original.startswith("\ufeff")


def test_cp1252_curly_quotes() -> None:
    doc = read(TITLE + b"the \x93Shares\x94 \x97 see Item 5\n")
    assert doc.encoding == "cp1252"
    assert doc.lines[1] == "the “Shares” — see Item 5"


def test_latin1_fallback() -> None:
    # 0x81 is undefined in cp1252, so only latin-1 decodes it.
    doc = read(TITLE + b"Soci\xe9t\xe9 \x81\n")
    assert doc.encoding == "latin-1"
    assert doc.lines[1] == "Soci\xe9t\xe9 \x81"


def test_sha256_is_of_the_bytes() -> None:
    data = TITLE + b"body\n"
    assert read(data).sha256 == hashlib.sha256(data).hexdigest()


# -- normalization ----------------------------------------------------------------------------


def test_crlf_and_lone_cr() -> None:
    doc = read(b"SCHEDULE 13D\r\nfirst\rsecond\nthird  \r\n")
    assert doc.lines == ("SCHEDULE 13D", "first", "second", "third  ")  # trailing blanks kept
    assert tuple(doc.line_origins) == (1, 2, 3, 4)


def test_last_line_without_line_ending() -> None:
    assert read(b"SCHEDULE 13D\nlast").lines == ("SCHEDULE 13D", "last")


def test_tabs_expand_to_eight_column_stops() -> None:
    doc = read(TITLE + b"Name:\tACME CORP\n1\t2\t\t3\n")
    assert doc.lines[1] == "Name:   ACME CORP"
    assert doc.lines[2] == "1       2               3"


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252"])
def test_no_break_spaces_are_spaces(encoding: str) -> None:
    # A word processor's no-break spaces indent a heading and space cells, as spaces do; each
    # is one column, so spans do not move, and the line as written is kept for --to source.
    doc = read(TITLE + "\xa0\xa0Item 4.\xa0 Purpose\n12/23/2003\xa0\xa0117,350\n".encode(encoding))
    assert doc.lines[1:] == ("  Item 4.  Purpose", "12/23/2003  117,350")
    assert doc.span(2, 12, 19) == Span(line=3, column=13, end_line=3, end_column=20)
    assert_lines_match_original(doc)


def test_a_no_break_space_heading_is_read_as_a_heading() -> None:
    seed = SEED.read_bytes()
    moved = seed.replace(b"Item 4.    Purpose", b"\xa0Item 4.    Purpose")
    assert moved != seed
    items = [item.number for item in compile_filing(moved, "seed.txt").items]
    assert items == [item.number for item in compile_filing(seed, "seed.txt").items]
    assert "4" in items


def test_span_of_a_value_after_a_tab() -> None:
    doc = read(TITLE + b"Name:\tACME CORP\n")
    start = doc.lines[1].index("ACME")
    assert start == 8
    # "Name:<TAB>ACME CORP": the tab is column 6, "ACME CORP" columns 7 to 16 (end exclusive).
    assert doc.span(1, start, start + len("ACME CORP")) == Span(
        line=2, column=7, end_line=2, end_column=16
    )


def test_span_inside_an_expanded_tab_maps_to_the_tab() -> None:
    doc = read(TITLE + b"ab\tcd\tef\n")
    # normalized "ab      cd      ef": columns 2-7 are the first tab, 10-15 the second.
    assert doc.span(1, 4, 4).column == 3  # a start inside the tab: the tab itself
    assert doc.span(1, 0, 4).end_column == 4  # an end inside the tab: just after it
    assert doc.span(1, 0, 2).end_column == 3  # an end at the tab's start excludes it
    assert doc.span(1, 8, 10) == Span(line=2, column=4, end_line=2, end_column=6)
    assert doc.span(1, 16, 18) == Span(line=2, column=7, end_line=2, end_column=9)


def test_span_across_lines() -> None:
    doc = read(TITLE + b"\tfirst\n\tsecond\n")
    assert doc.span(1, 8, 9, end_index=2) == Span(line=2, column=2, end_line=3, end_column=3)


def test_form_feed_gets_a_line_of_its_own() -> None:
    doc = read(TITLE + b"Page 1 of 2\f<PAGE>\n\f\nnext\n")
    assert doc.lines[1:] == ("Page 1 of 2", "\f", "<PAGE>", "\f", "next")
    assert tuple(doc.line_origins) == (1, 2, 2, 2, 3, 4)
    assert doc.span(2, 0, 1) == Span(line=2, column=12, end_line=2, end_column=13)
    assert doc.span(3, 0, 6) == Span(line=2, column=13, end_line=2, end_column=19)


def test_form_feed_then_tab_expands_from_the_new_line() -> None:
    doc = read(TITLE + b"x\f\tvalue\n")
    assert doc.lines[1:] == ("x", "\f", "        value")
    assert doc.span(3, 8, 13) == Span(line=2, column=4, end_line=2, end_column=9)


def test_edgar_plain_text_tags_are_not_html() -> None:
    text = TITLE + b"<PAGE>\n<TABLE>\n<CAPTION>\n<S>         <C>\nName        Age\n</TABLE>\n"
    assert read(text).lines[1] == "<PAGE>"


# -- EDGAR submissions ------------------------------------------------------------------------


def test_edgar_submission_with_an_exhibit() -> None:
    doc = read_source(QUILLON.read_bytes(), str(QUILLON))
    assert doc.accession_number == "0000902664-04-003318"
    assert doc.document_type == "SC 13D"
    assert doc.header[:2] == (
        ("ACCEPTANCE-DATETIME", "20041208163212"),
        ("ACCESSION NUMBER", "0000902664-04-003318"),
    )
    assert [v for k, v in doc.header if k == "GROUP MEMBERS"] == [
        "BRIGHTWATER PARTNERS, LLC",
        "BRIGHTWATER VALUE FUND, L.P.",
        "THOMAS J. KALVICK",
    ]
    assert doc.header_value("SUBJECT COMPANY/COMPANY DATA/COMPANY CONFORMED NAME") == (
        "QUILLON RETAIL GROUP INC"
    )
    assert doc.header_value("FILED BY/MAIL ADDRESS/STREET 2") == "27TH FLOOR"
    # The text starts on the line after <TEXT> (line 73) and stops before </TEXT>.
    assert doc.line_origins[0] == 74
    assert doc.lines[0].strip() == "UNITED STATES"
    assert not any(line.startswith(("<TEXT>", "</TEXT>", "<DOCUMENT>")) for line in doc.lines)
    (exhibit,) = doc.other_documents
    assert exhibit.document_type == "EX-99.1"
    assert exhibit.description == "JOINT FILING AGREEMENT"
    assert exhibit.first_line == 669
    assert exhibit.text.split("\n")[0].strip() == "EXHIBIT 99.1"
    assert_lines_match_original(doc)


def test_pem_wrapped_1998_submission() -> None:
    doc = read_source(NORTHGATE.read_bytes(), str(NORTHGATE))
    assert doc.accession_number == "0000916641-98-000712"
    assert doc.document_type == "SC 13D"
    assert doc.header_value("SROS") == "NONE"
    assert doc.header_value("SUBJECT COMPANY/FILING VALUES/SEC ACT") == ""  # empty field kept
    assert doc.header_value("FILED BY/COMPANY DATA/COMPANY CONFORMED NAME") == (
        "TIDEWATER FINANCIAL CORP /VA/"
    )
    assert doc.line_origins[0] == 68
    assert doc.lines[-1].strip() == "Page 7 of 7"
    assert not any("PRIVACY-ENHANCED" in line for line in doc.lines)
    assert doc.other_documents == ()
    assert_lines_match_original(doc)


def test_bare_document_wrapper() -> None:
    data = b"<DOCUMENT>\n<TYPE>SC 13D/A\n<SEQUENCE>1\n<TEXT>\n" + TITLE + b"</TEXT>\n</DOCUMENT>\n"
    doc = read(data)
    assert doc.document_type == "SC 13D/A"
    assert doc.header == ()
    assert doc.accession_number is None
    assert doc.lines == (TITLE.decode().rstrip("\n"),)
    assert tuple(doc.line_origins) == (5,)


def test_a_tag_joined_onto_the_type_line_ends_the_type() -> None:
    """The line break lost between <TYPE> and <SEQUENCE>: the type is the form, not the tag
    (taken whole, the normalized filing's <TYPE> line chose no document)."""
    data = b"<DOCUMENT>\n<TYPE>SC 13D/A <SEQUENCE>1\n<TEXT>\n" + TITLE + b"</TEXT>\n</DOCUMENT>\n"
    assert read(data).document_type == "SC 13D/A"


def test_schedule_13d_type_spelling_and_accession_from_the_sec_document_line() -> None:
    data = (
        b"<SEC-DOCUMENT>0001234567-04-000123.txt : 20040101\n"
        b"<DOCUMENT>\n<TYPE>EX-99\n<TEXT>\nexhibit\n</TEXT>\n</DOCUMENT>\n"
        b"<DOCUMENT>\n<TYPE>SCHEDULE 13D\n<TEXT>\n" + TITLE + b"</TEXT>\n</DOCUMENT>\n"
    )
    doc = read(data)
    assert doc.accession_number == "0001234567-04-000123"
    assert doc.document_type == "SCHEDULE 13D"
    assert [d.document_type for d in doc.other_documents] == ["EX-99"]


def test_header_only_submission_is_rejected() -> None:
    with pytest.raises(InputError, match="no <DOCUMENT>") as info:
        read_source(HEADER_ONLY.read_bytes(), str(HEADER_ONLY))
    assert not isinstance(info.value, UnsupportedFormError)
    assert info.value.path == str(HEADER_ONLY)


def test_document_without_text() -> None:
    with pytest.raises(InputError, match="has no <TEXT>"):
        read(b"<DOCUMENT>\n<TYPE>SC 13D\n</DOCUMENT>\n")


def test_submission_without_a_13d_document() -> None:
    data = b"<SEC-DOCUMENT>x\n<DOCUMENT>\n<TYPE>10-K\n<TEXT>\nannual\n</TEXT>\n</DOCUMENT>\n"
    with pytest.raises(
        UnsupportedFormError, match=r"no SC 13D or SC 13G document .*\(types: 10-K\)"
    ):
        read(data)


# -- HTML -------------------------------------------------------------------------------------

HTML_WRAPPED = (
    b"<DOCUMENT>\n<TYPE>SC 13D\n<TEXT>\n\n<table><tr><td>SCHEDULE 13D</td></tr></table>\n"
    b"</TEXT>\n</DOCUMENT>\n"
)
BROWSER_SAVED = b"""<html><head><meta charset="UTF-8"></head><body><document>
<type>SC 13D/A
<sequence>1
<filename>sched13da.htm
<text>
<p align="center">SCHEDULE 13D</p>
<p>Acme&nbsp;Corp</p>
</text></document><script>zoom()</script></body></html>
"""


def test_bare_html_document_is_converted() -> None:
    doc = read(
        b"<!DOCTYPE html>\n<html><body>\n<p>SCHEDULE 13D</p>\n<p>A&amp;B</p></body></html>\n"
    )
    assert doc.lines == ("SCHEDULE 13D", "", "A&B")
    assert tuple(doc.line_origins) == (3, 3, 4)
    assert doc.document_type is None
    assert doc.schedule == "13D"
    assert doc.original.startswith("<!DOCTYPE html>")  # the decoded file, unchanged
    assert doc.original_lines[doc.line_origins[0] - 1] == "<p>SCHEDULE 13D</p>"


@pytest.mark.parametrize(
    "prologue",
    [
        b'<?xml version="1.0" encoding="utf-8"?>\n',
        b"<?xml version='1.0' encoding='ASCII'?><!-- Generated by a filing agent -->\n"
        b'<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "x.dtd">\n',
    ],
)
def test_an_xhtml_document_with_an_xml_declaration_is_html(prologue: bytes) -> None:
    """Filing agents write XHTML under an XML declaration: the root element makes it HTML."""
    doc = read(
        prologue + b'<html xmlns="http://www.w3.org/1999/xhtml"><body>\n'
        b"<p>SCHEDULE 13D</p>\n<p>A&amp;B</p></body></html>\n"
    )
    assert doc.format == "html"
    assert doc.lines == ("SCHEDULE 13D", "", "A&B")


def test_html_tags_in_an_unwrapped_text_make_it_html() -> None:
    doc = read(b"<PAGE>\nSCHEDULE 13D<br>\n<table><tr><td>1</td></tr></table>\n")
    assert doc.lines == ("SCHEDULE 13D", "", "1")
    assert tuple(doc.line_origins) == (2, 2, 3)


def test_html_text_of_an_edgar_document() -> None:
    doc = read(HTML_WRAPPED)
    assert doc.document_type == "SC 13D"
    assert doc.lines == ("SCHEDULE 13D",)
    assert tuple(doc.line_origins) == (5,)


def test_an_htm_name_on_plain_text_keeps_it_text() -> None:
    data = (
        b"<DOCUMENT>\n<TYPE>SC 13D\n<FILENAME>a.htm\n<TEXT>\n" + TITLE + b"</TEXT>\n</DOCUMENT>\n"
    )
    assert read(data).lines == (TITLE.decode().rstrip("\n"),)


def test_html_spans_map_every_column_to_column_one() -> None:
    doc = read(HTML_WRAPPED)
    assert doc.span(0, 3, 12) == Span(line=5, column=1, end_line=5, end_column=1)


def test_browser_saved_submission_takes_its_type_from_the_kept_tags() -> None:
    doc = read(BROWSER_SAVED)
    assert doc.document_type == "SC 13D/A"
    assert doc.lines == ("SCHEDULE 13D", "", "Acme Corp")
    assert tuple(doc.line_origins) == (6, 6, 7)


def test_html_13g_is_a_13g() -> None:
    doc = read(b"<html><body><p>SCHEDULE 13G</p><p>(Name of Issuer)</p></body></html>")
    assert doc.schedule == "13G"


def test_html_exhibit_of_a_submission_is_kept_as_text() -> None:
    data = (
        b"<SEC-DOCUMENT>0001234567-04-000123.txt : 20040101\n"
        b"<DOCUMENT>\n<TYPE>SC 13D\n<TEXT>\n" + TITLE + b"</TEXT>\n</DOCUMENT>\n"
        b"<DOCUMENT>\n<TYPE>EX-99\n<FILENAME>ex99.htm\n<TEXT>\n<html><body><p>Joint&nbsp;Filing"
        b"</p><p>Agreement</p></body></html>\n</TEXT>\n</DOCUMENT>\n"
    )
    (exhibit,) = read(data).other_documents
    assert exhibit.text == "Joint Filing\n\nAgreement"


# -- rejections -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "error", "message"),
    [
        (b"", InputError, "empty file"),
        (b"  \r\n\t\n", InputError, "only whitespace"),
        (b"SCHEDULE 13D\x00\x01\x02", InputError, "binary file"),
        (bytes(range(1, 32)) * 4 + TITLE, InputError, "binary file"),
        (b"<html><body><p>hello</p></body></html>", InputError, "not a Schedule 13D"),
        (b"<html><body><p>&nbsp;</p><script>x()</script></body></html>", InputError, "empty"),
        (b"<html>" + b"<div>" * 3000 + b"SCHEDULE 13D", InputError, "nested too deeply"),
        (b"Minutes of the annual meeting\nNothing to see.\n", InputError, "not a Schedule 13D"),
    ],
    ids=[
        "empty",
        "whitespace",
        "nul",
        "controls",
        "html-page",
        "html-empty",
        "html-too-deep",
        "other",
    ],
)
def test_rejected_input(data: bytes, error: type[InputError], message: str) -> None:
    with pytest.raises(error, match=message) as info:
        read_source(data, "bad.txt")
    assert "\n" not in info.value.message
    assert info.value.path == "bad.txt"


def test_13g_submission_is_read_as_a_13g() -> None:
    document = read_source(ARQULE_13G.read_bytes(), str(ARQULE_13G))
    assert (document.schedule, document.document_type) == ("13G", "SC 13G")


def test_unwrapped_13g_is_recognised_by_its_title() -> None:
    document = read_source(b"SCHEDULE 13G\n(Amendment No. 1)\n(Name of Issuer)\n", "g.txt")
    assert document.schedule == "13G"


def test_unwrapped_13d_is_a_13d() -> None:
    assert read(TITLE).schedule == "13D"


def test_13d_mentioning_13g_is_accepted() -> None:
    text = TITLE + b"If the filing person has previously filed a statement on Schedule 13G ...\n"
    assert read(text).document_type is None


def test_text_after_the_documents_end_is_reported_where_it_stands() -> None:
    """A stray </TEXT> ends the document for EDGAR, and for 13dc: the lines after it are not read,
    and a located warning says so (the file itself is kept whole)."""
    from compiler import compile_filing

    seed = (FIXTURES / "seed" / "000_16ffad13912a4479.txt").read_text(encoding="utf-8")
    body = [line for line in seed.splitlines()[:120] if not line.startswith("<")]
    data = "\n".join(
        [
            "<SEC-DOCUMENT>0000950123-05-000001.txt : 20050101",
            "<DOCUMENT>",
            "<TYPE>SC 13D",
            "<TEXT>",
            *body,
            "</TEXT>",
            "",
            "Item 5.  More text that would be lost.",
            "     It says 1,000 shares were sold.",
            "</DOCUMENT>",
            "</SEC-DOCUMENT>",
            "",
        ]
    ).encode("utf-8")
    first = 4 + len(body) + 3  # the line after </TEXT> and the blank line
    assert read_source(data, "x.txt").unread_after_text == (first, 2)
    found = [d for d in compile_filing(data, "x.txt").diagnostics if d.code == "TEXT-AFTER-END"]
    assert [(d.span.line if d.span else None) for d in found] == [first]
    # A document closed as usual has nothing after its </TEXT>.
    closed = data.replace(b"Item 5.  More text that would be lost.\n", b"").replace(
        b"     It says 1,000 shares were sold.\n", b""
    )
    assert read_source(closed, "x.txt").unread_after_text is None


def test_a_tab_that_would_leave_one_space_leaves_a_cell_gap() -> None:
    # "3/14/2006" ends one column before a tab stop: the tab still separates two cells.
    from compiler.frontend.line_map import _expand

    expanded, columns = _expand("3/14/2006\t100,000\t$12.40", 0)
    assert expanded == "3/14/2006       100,000         $12.40"
    assert "  " in expanded[16:26]
    assert columns.tab_ends == (16, 32)


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252"])
def test_a_no_break_space_between_digits_groups_a_number(encoding: str) -> None:
    # "600\xa0000": the space groups thousands, as the value grammar reads it; it stays.
    doc = read(TITLE + "Sole voting power:\xa0\xa0600\xa0000\n".encode(encoding))
    assert doc.lines[1] == "Sole voting power:  600\xa0000"
