"""XML-era filings in the shapes the spec (and filers' software) allow beyond the corpus: the root
bound to a prefix or after a comment without a declaration, values written loosely (a place in
words, several CUSIPs in one element, a percent sign), enclosed documents, and an
``edgarSubmission`` that holds no filing. The whole-filing cases are fixtures with gold files
(tests/fixtures/xml/spec-*); these are the single values."""

from __future__ import annotations

import base64
import contextlib
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import submission_around

from compiler import compile_filing
from compiler.errors import CompilerError, NotAFilingError
from compiler.ir import Filing

SKELETON = """<?xml version="1.0" encoding="UTF-8"?>
<edgarSubmission xmlns="http://www.sec.gov/edgar/schedule13D"
                 xmlns:com="http://www.sec.gov/edgar/common">
<headerData><submissionType>SCHEDULE 13D</submissionType></headerData>
<formData>
<coverPageHeader>
<securitiesClassTitle>Common Stock</securitiesClassTitle>
<dateOfEvent>01/15/2025</dateOfEvent>
<issuerInfo><issuerCIK>0000000001</issuerCIK><issuerCUSIP>{cusip}</issuerCUSIP>
<issuerName>Example Co.</issuerName></issuerInfo>
</coverPageHeader>
<reportingPersons>
<reportingPersonInfo>
<reportingPersonName>Alpha Fund LP</reportingPersonName>
<memberOfGroup>{group}</memberOfGroup>
<fundType>WC</fundType>
<fundType>{fund}</fundType>
<citizenshipOrOrganization>{place}</citizenshipOrOrganization>
<aggregateAmountOwned>1000</aggregateAmountOwned>
<percentOfClass>{percent}</percentOfClass>
<typeOfReportingPerson>PN</typeOfReportingPerson>
</reportingPersonInfo>
</reportingPersons>
</formData>
{documents}
</edgarSubmission>
"""


def filing(**values: str) -> Filing:
    fields = {
        "cusip": "282912104",
        "group": "a",
        "fund": "AF",
        "place": "DE",
        "percent": "5.1",
        "documents": "",
    }
    fields.update(values)
    return compile_filing(SKELETON.format(**fields).encode(), "shape.xml")


def codes_of(compiled: Filing) -> list[str]:
    return [d.code for d in compiled.diagnostics]


@pytest.mark.parametrize(
    ("place", "citizenship", "code"),
    [
        ("DE", "DELAWARE", "DE"),
        ("Delaware", "Delaware", "DE"),
        ("Cayman Islands", "Cayman Islands", "E9"),
        ("United States of America", "United States of America", "X1"),
    ],
)
def test_citizenship_as_a_code_or_in_words(place: str, citizenship: str, code: str) -> None:
    person = filing(place=place).reporting_persons[0]
    assert (person.citizenship, person.citizenship_code) == (citizenship, code)


def test_citizenship_words_that_name_no_place_are_kept_with_a_diagnostic() -> None:
    compiled = filing(place="Delaware limited partnership")
    person = compiled.reporting_persons[0]
    assert (person.citizenship, person.citizenship_code) == ("Delaware limited partnership", None)
    diagnostic = next(d for d in compiled.diagnostics if d.code == "XML-UNKNOWN-CODE")
    assert diagnostic.span is not None


@pytest.mark.parametrize(
    ("written", "cusips"),
    [
        ("282912104", ("282912104",)),
        ("282912 10 4", ("282912104",)),
        ("282912104, 282912203", ("282912104", "282912203")),
        ("282912104; 282912203", ("282912104", "282912203")),
    ],
)
def test_cusips_of_one_element(written: str, cusips: tuple[str, ...]) -> None:
    compiled = filing(cusip=written)
    assert compiled.security.cusips == cusips
    assert [f"cusips/{i}" in compiled.security.spans for i in range(len(cusips))] == [True] * len(
        cusips
    )


@pytest.mark.parametrize("written", ["N/A", "None"])
def test_a_cusip_element_without_a_cusip_gives_none_with_a_diagnostic(written: str) -> None:
    compiled = filing(cusip=written)
    assert compiled.security.cusips == ()
    diagnostic = next(d for d in compiled.diagnostics if d.code == "XML-BAD-VALUE")
    assert written in diagnostic.message
    assert diagnostic.span is not None


def test_loose_spellings_of_the_group_box_and_the_percent() -> None:
    person = filing(group="(b)", percent="6.25%").reporting_persons[0]
    assert (person.member_of_group.a, person.member_of_group.b) == (False, True)
    assert str(person.percent_of_class) == "6.25"


def test_an_empty_code_element_holds_no_code_and_no_complaint() -> None:
    compiled = filing(fund="")
    assert [str(code) for code in compiled.reporting_persons[0].source_of_funds] == ["WC"]
    assert "XML-UNKNOWN-CODE" not in codes_of(compiled)


def _enclosed(name: str, data: bytes, document_type: str = "EX-99.1") -> str:
    encoded = base64.b64encode(data).decode()
    lines = "\n".join(encoded[i : i + 76] for i in range(0, len(encoded), 76))
    return f"""<documents><com:document>
<com:conformedName>{name}</com:conformedName>
<com:conformedDocumentType>{document_type}</com:conformedDocumentType>
<com:description>Joint Filing Agreement</com:description>
<com:contents>{lines}</com:contents>
</com:document></documents>"""


def test_an_enclosed_text_document_is_an_exhibit() -> None:
    data = b"JOINT FILING AGREEMENT\r\n\r\nThe undersigned agree to file jointly.\r\n"
    compiled = filing(documents=_enclosed("ex99.txt", data))
    exhibit = compiled.exhibits[-1]
    assert (exhibit.title, exhibit.document_type) == ("Joint Filing Agreement", "EX-99.1")
    assert exhibit.text == "JOINT FILING AGREEMENT\n\nThe undersigned agree to file jointly."
    assert "XML-UNKNOWN-ELEMENT" not in codes_of(compiled)


def test_an_enclosed_html_document_is_an_exhibit_in_text_lines() -> None:
    data = b"<html><body><p>JOINT FILING AGREEMENT</p><p>We agree.</p></body></html>"
    exhibit = filing(documents=_enclosed("ex99.htm", data)).exhibits[-1]
    assert "<p>" not in exhibit.text
    assert exhibit.text.split() == ["JOINT", "FILING", "AGREEMENT", "We", "agree."]


def test_an_enclosed_pdf_is_kept_as_written_with_a_located_diagnostic() -> None:
    compiled = filing(documents=_enclosed("ex99.pdf", b"%PDF-1.4\x00\x01binary"))
    assert compiled.exhibits[-1].text == ""
    diagnostic = next(d for d in compiled.diagnostics if d.code == "XML-UNKNOWN-ELEMENT")
    assert "contents" in diagnostic.message
    assert diagnostic.span is not None
    assert any(block.context == "xml:contents" for block in compiled.text_blocks)


ROOT_ONLY = b"""<edgarSubmission xmlns="http://www.sec.gov/edgar/schedule13D">
<headerData><submissionType>SCHEDULE 13D</submissionType></headerData>
<formData/>
</edgarSubmission>
"""


@pytest.mark.parametrize(
    "data",
    [ROOT_ONLY, b'<?xml version="1.0"?>\n' + ROOT_ONLY, b"<!-- stub -->\n" + ROOT_ONLY],
    ids=["bare", "declared", "after-a-comment"],
)
def test_an_edgar_submission_without_a_filing_is_refused(data: bytes) -> None:
    with pytest.raises(NotAFilingError) as raised:
        compile_filing(data, "stub.xml")
    assert "not a Schedule 13D or 13G filing" in str(raised.value)


def test_the_cli_refuses_a_stub_in_one_line_with_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "stub.xml"
    path.write_bytes(ROOT_ONLY)
    result = subprocess.run(
        [sys.executable, "-m", "compiler", "compile", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stdout) == (2, "")
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "head",
    [
        "",
        "<!-- agent comment -->\n",
        "<?xml-stylesheet type='text/xsl' href='x.xsl'?>\n",
    ],
    ids=["bare", "comment", "processing-instruction"],
)
def test_a_root_bound_to_a_prefix_without_a_declaration(head: str) -> None:
    body = SKELETON.format(
        cusip="282912104", group="a", fund="AF", place="DE", percent="5.1", documents=""
    ).split("\n", 1)[1]
    prefixed = (
        body.replace("<", "<ns1:")
        .replace("<ns1:/", "</ns1:")
        .replace("xmlns=", "xmlns:ns1=")
        .replace("<ns1:com:", "<com:")
        .replace("</ns1:com:", "</com:")
    )
    compiled = compile_filing((head + prefixed).encode(), "prefixed.xml")
    assert compiled.form == "SC 13D"
    assert compiled.reporting_persons[0].name == "Alpha Fund LP"


def test_an_html_document_after_a_comment_is_still_html() -> None:
    html = (
        b"<!-- filing agent -->\n<html><body><p>SCHEDULE 13D</p>"
        b"<p>(Name of Issuer) Example Co.</p></body></html>\n"
    )
    with pytest.raises(NotAFilingError):
        compile_filing(html, "page.htm")  # read as HTML (and refused as no filing), not as XML


CDATA_13D = SKELETON.format(
    cusip="282912104", group="a", fund="AF", place="DE", percent="5.1", documents=""
).replace(
    "<reportingPersonName>Alpha Fund LP</reportingPersonName>",
    "<reportingPersonName><![CDATA[Alpha & Omega Fund LP]]></reportingPersonName>",
)


def test_text_in_a_cdata_section_is_read_with_its_span() -> None:
    compiled = compile_filing(CDATA_13D.encode(), "cdata.xml")
    person = compiled.reporting_persons[0]
    assert person.name == "Alpha & Omega Fund LP"
    span = person.spans["name"]
    line = CDATA_13D.split("\n")[span.line - 1]
    assert line[span.column - 1 : span.end_column - 1] == "Alpha & Omega Fund LP"


def test_item_5c_in_a_cdata_section_gives_its_trades() -> None:
    table = (
        "<items1To7><item5><transactionDesc><![CDATA[Open-market purchases:\n\n"
        "Date          Shares    Price\n01/06/2025    1,000     $8.10\n"
        "01/07/2025    2,000     $8.20]]></transactionDesc></item5></items1To7>\n"
    )
    data = CDATA_13D.replace("</reportingPersons>", "</reportingPersons>\n" + table)
    compiled = compile_filing(data.encode(), "cdata.xml")
    assert [(str(t.date), t.shares) for t in compiled.transactions] == [
        ("2025-01-06", 1000),
        ("2025-01-07", 2000),
    ]
    span = compiled.transactions[1].spans["shares"]
    assert data.split("\n")[span.line - 1][span.column - 1 : span.end_column - 1] == "2,000"


@pytest.mark.parametrize(
    ("unknown", "kept"),
    [
        (
            "<futureElement><![CDATA[Kept <b>as</b> written]]></futureElement>",
            "Kept <b>as</b> written",
        ),
        (
            "<futureElement><!-- a note -->Kept after a comment</futureElement>",
            "Kept after a comment",
        ),
    ],
    ids=["cdata", "after-a-comment"],
)
def test_unknown_text_without_a_plain_span_is_kept_with_a_located_diagnostic(
    unknown: str, kept: str
) -> None:
    data = CDATA_13D.replace("</coverPageHeader>", unknown + "\n</coverPageHeader>")
    compiled = compile_filing(data.encode(), "unknown.xml")
    diagnostic = next(d for d in compiled.diagnostics if d.code == "XML-UNKNOWN-ELEMENT")
    assert diagnostic.span is not None
    assert "futureElement" in data.split("\n")[diagnostic.span.line - 1]
    assert [b.text for b in compiled.text_blocks if b.context == "xml:futureElement"] == [kept]


def test_a_comment_inside_a_value_does_not_hide_it() -> None:
    data = CDATA_13D.replace(
        "<percentOfClass>5.1</percentOfClass>",
        "<percentOfClass><!-- Field: Pseudo-Tag -->5.1</percentOfClass>",
    )
    person = compile_filing(data.encode(), "comment.xml").reporting_persons[0]
    assert str(person.percent_of_class) == "5.1"
    assert "percent_of_class" in person.spans


@pytest.mark.parametrize(
    "root",
    [
        CDATA_13D.split("\n", 1)[1],
        "<other/>\n",
        "<html><body><p>SCHEDULE 13D</p></body></html>\n",
    ],
    ids=["edgar-submission", "another-root", "xhtml"],
)
def test_many_comments_after_the_declaration_are_read_in_linear_time(root: str) -> None:
    """Agents put comment lines after the declaration; recognizing the root behind 60 of them
    once backtracked for hours (a pattern whose comments could run into each other)."""
    comments = "".join(f"<!-- Field: Pseudo-Tag; ID: {i} -- note ---->\n" for i in range(60))
    data = ('<?xml version="1.0" encoding="UTF-8"?>\n' + comments + root).encode()
    started = time.perf_counter()
    # (Another root, a page without a filing: refused, in time.)
    with contextlib.suppress(CompilerError):
        compile_filing(data, "comments.xml")
    assert time.perf_counter() - started < 2.0


def _with_5c(text: str) -> bytes:
    items = f"<items1To7><item5><transactionDesc>{text}</transactionDesc></item5></items1To7>\n"
    return CDATA_13D.replace("</reportingPersons>", "</reportingPersons>\n" + items).encode()


def test_item_5c_sentences_give_their_trades_as_a_text_filing_s_do() -> None:
    data = _with_5c(
        "On January 10, 2025, the Reporting Person sold 10,000 shares of Common Stock in the"
        " open market at a price of $5.00 per share."
    )
    compiled = compile_filing(data, "prose.xml")
    assert [(str(t.date), t.shares, str(t.price)) for t in compiled.transactions] == [
        ("2025-01-10", 10000, "5.00")
    ]


def test_item_5c_dates_and_counts_that_give_no_trade_are_reported() -> None:
    data = _with_5c(
        "The Reporting Person will consider, from January 2, 2025 on, the 10,000 shares held"
        " by its affiliate."
    )
    compiled = compile_filing(data, "unread.xml")
    assert compiled.transactions == ()
    unread = [d for d in compiled.diagnostics if d.code in ("TX-UNREAD", "TX-PROSE-UNREAD")]
    assert unread
    assert unread[0].span is not None


def test_item_5c_counts_grouped_by_apostrophes() -> None:
    data = _with_5c(
        "Date          Type    Quantity      Price\n"
        "13.01.2025    BUY     55'798        71.71\n"
        "14.01.2025    SELL    1'246'000     70.60"
    )
    compiled = compile_filing(data, "swiss.xml")
    assert [(str(t.date), t.shares) for t in compiled.transactions] == [
        ("2025-01-13", 55798),
        ("2025-01-14", 1246000),
    ]


def test_a_submission_type_that_contradicts_the_namespace_is_reported() -> None:
    data = submission_around(CDATA_13D.encode(), "SCHEDULE 13G")
    compiled = compile_filing(data, "submission.txt")
    assert compiled.form == "SC 13D"  # the namespace (and submissionType) decide
    mismatch = [d for d in compiled.diagnostics if d.code == "XML-FORM-MISMATCH"]
    assert len(mismatch) == 1
    assert "SCHEDULE 13G" in mismatch[0].message
    agreeing = compile_filing(submission_around(CDATA_13D.encode(), "SCHEDULE 13D"), "s.txt")
    assert "XML-FORM-MISMATCH" not in codes_of(agreeing)


def test_a_cover_without_issuer_name_or_class_title_takes_them_from_item_1() -> None:
    item1 = (
        "<items1To7><item1><securityTitle>Class B Common Stock</securityTitle>"
        "<issuerName>Example Co.</issuerName></item1></items1To7>\n"
    )
    data = (
        CDATA_13D.replace("<securitiesClassTitle>Common Stock</securitiesClassTitle>", "")
        .replace("<issuerName>Example Co.</issuerName>", "")
        .replace("</reportingPersons>", "</reportingPersons>\n" + item1)
    )
    compiled = compile_filing(data.encode(), "item1.xml")
    assert (compiled.issuer.name, compiled.security.title) == (
        "Example Co.",
        "Class B Common Stock",
    )
    span = compiled.security.spans["title"]
    assert data.split("\n")[span.line - 1][span.column - 1 : span.end_column - 1] == (
        "Class B Common Stock"
    )
    assert "name" in compiled.issuer.spans


def test_the_signer_is_the_name_without_the_conformed_mark() -> None:
    signature = (
        "<signatureInfo><signaturePerson><signatureReportingPerson>Alpha Fund LP"
        "</signatureReportingPerson><signatureDetails><signature>/S/  Jane Q. Roe</signature>"
        "<title>Manager</title><date>01/16/2025</date></signatureDetails></signaturePerson>"
        "</signatureInfo>\n"
    )
    data = CDATA_13D.replace("</reportingPersons>", "</reportingPersons>\n" + signature)
    signed = compile_filing(data.encode(), "signed.xml").signatures[0]
    assert (signed.entity, signed.signer, signed.title) == (
        "Alpha Fund LP",
        "Jane Q. Roe",
        "Manager",
    )


@pytest.mark.parametrize(
    ("cut_after", "words"),
    [
        ("</reportingPersons>", "the file ends inside <formData> (cut short?)"),
        ("<aggregateAmount", "Couldn't find end of Start Tag aggregateAmount"),
    ],
)
def test_a_truncated_file_gets_one_line_saying_where(cut_after: str, words: str) -> None:
    data = CDATA_13D[: CDATA_13D.index(cut_after) + len(cut_after)].encode()
    with pytest.raises(CompilerError) as raised:
        compile_filing(data, "cut.xml")
    message = str(raised.value)
    assert message.endswith(words)  # (no libxml2 "line N" of its own: the located line says it)
    assert raised.value.line is not None
    assert "\n" not in message


def test_names_in_either_case_of_the_spec() -> None:
    """The spec spells names two ways (issuerCIK and issuerCik; Item2 in its tables, item2 in
    its schema): either is read."""
    data = CDATA_13D.replace("issuerCUSIP>", "issuerCusip>").replace(
        "</reportingPersons>",
        "</reportingPersons>\n<items1To7><Item4><transactionPurpose>Investment."
        "</transactionPurpose></Item4></items1To7>",
    )
    compiled = compile_filing(data.encode(), "case.xml")
    assert compiled.security.cusips == ("282912104",)
    assert [(i.number, i.text) for i in compiled.items] == [("4", "Investment.")]
    assert "XML-UNKNOWN-ELEMENT" not in codes_of(compiled)


def test_utf8_xml_in_a_submission_whose_exhibit_is_latin_1() -> None:
    """A submission is decoded as a whole: a Latin-1 exhibit made its UTF-8 XML read as
    Windows-1252 ("SociÃ©tÃ©"). The XML's own bytes are UTF-8, as XML says by default."""
    xml = CDATA_13D.replace("Example Co.", "Soci\u00e9t\u00e9 G\u00e9n\u00e9rale\u2019s Co.")
    data = submission_around(
        xml.encode("utf-8"), "SCHEDULE 13D", "Caf\u00e9 agreement".encode("latin-1")
    )
    compiled = compile_filing(data, "mixed.txt")
    assert compiled.issuer.name == "Soci\u00e9t\u00e9 G\u00e9n\u00e9rale\u2019s Co."
    span = compiled.issuer.spans["name"]
    line = data.split(b"\n")[span.line - 1].decode("utf-8")
    assert line[span.column - 1 : span.end_column - 1] == compiled.issuer.name
    assert compiled.exhibits[-1].text == "Caf\u00e9 agreement"  # the exhibit as the file decodes
