"""XML in: EDGAR's Schedule 13D/13G XML (December 2024 on) compiles into the same IR as a text
filing, with spans into the XML file, the same checks, and one clear line for what it refuses."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import XML_FIXTURES, XML_GOLD_CASES, submission_around
from gold_compare import compare

from compiler import compile_filing
from compiler.backends.render import OutputFormat, render
from compiler.edgar_codes import code_of, codes, name_of
from compiler.errors import InputError, UnsupportedFormError
from compiler.ir import Filing

MINIMAL_13D = """<?xml version="1.0" encoding="UTF-8"?>
<edgarSubmission xmlns="http://www.sec.gov/edgar/schedule13D"
                 xmlns:com="http://www.sec.gov/edgar/common">
<headerData><submissionType>SCHEDULE 13D</submissionType></headerData>
<formData>
<coverPageHeader>
<securitiesClassTitle>Common Stock</securitiesClassTitle>
<dateOfEvent>01/15/2025</dateOfEvent>
<issuerInfo><issuerCIK>0000000001</issuerCIK><issuerCUSIP>{cusip}</issuerCUSIP>
<issuerName>Example &amp; Co.</issuerName></issuerInfo>
</coverPageHeader>
<reportingPersons>
<reportingPersonInfo>
<reportingPersonName>Alpha Fund LP</reportingPersonName>
<fundType>{fund}</fundType>
<citizenshipOrOrganization>{place}</citizenshipOrOrganization>
<soleVotingPower>{sole}</soleVotingPower>
<sharedVotingPower>0</sharedVotingPower>
<soleDispositivePower>1000</soleDispositivePower>
<sharedDispositivePower>0</sharedDispositivePower>
<aggregateAmountOwned>1000</aggregateAmountOwned>
<percentOfClass>5.1</percentOfClass>
<typeOfReportingPerson>PN</typeOfReportingPerson>
</reportingPersonInfo>
</reportingPersons>
<items1To7>
<item5>
<transactionDesc>The Reporting Person bought these shares in the open market:&#13;
&#13;
Date of Transaction    Shares Purchased    Price per Share&#13;
01/10/2025             600                 $4.90&#13;
01/14/2025             400                 $5.05</transactionDesc>
</item5>
</items1To7>
{extra}
<signatureInfo><signaturePerson>
<signatureReportingPerson>Alpha Fund LP</signatureReportingPerson>
<signatureDetails><signature>/s/ A. Person</signature><title>Manager</title>
<date>01/16/2025</date></signatureDetails></signaturePerson></signatureInfo>
</formData>
</edgarSubmission>
"""


def minimal(**values: str) -> bytes:
    fields = {"cusip": "282912104", "fund": "WC", "place": "DE", "sole": "1000", "extra": ""}
    fields.update(values)
    return MINIMAL_13D.format(**fields).encode()


def as_json(filing: Filing) -> dict[str, object]:
    document: dict[str, object] = json.loads(render(filing, OutputFormat.JSON))
    return document


def codes_of(filing: Filing) -> list[str]:
    return [d.code for d in filing.diagnostics]


def test_the_xml_fixtures_are_the_corpus_set_and_the_authored_ones() -> None:
    """The 8 real filings of the corpus, and the forms they lack authored from the spec: each
    listed in SOURCES.tsv, each with its gold file."""
    sources = (XML_GOLD_CASES[0].parent / "SOURCES.tsv").read_text(encoding="utf-8")
    listed = {line.split("\t")[0]: line.split("\t")[1] for line in sources.splitlines()[1:]}
    assert sorted(listed) == sorted(path.name for path in XML_GOLD_CASES)
    assert sum(origin != "authored" for origin in listed.values()) == 8
    assert sum(origin == "authored" for origin in listed.values()) >= 4
    assert all(path.with_suffix(".gold.json").exists() for path in XML_GOLD_CASES)


@pytest.mark.parametrize("path", XML_GOLD_CASES, ids=[p.stem for p in XML_GOLD_CASES])
def test_matches_gold(path: Path) -> None:
    gold = json.loads(path.with_suffix(".gold.json").read_text(encoding="utf-8"))
    got = as_json(compile_filing(path.read_bytes(), path.name))
    results = compare(gold, got)
    wrong = [f"{pointer}: expected {e!r}, got {g!r}" for _, pointer, ok, e, g in results if not ok]
    assert results
    assert not wrong, "\n".join(wrong)
    assert got["source"]["format"] == "xml"  # type: ignore[index]


@pytest.mark.parametrize("path", XML_FIXTURES, ids=[p.stem for p in XML_FIXTURES])
def test_spans_point_at_the_element_text(path: Path) -> None:
    """Every span of a cover-row value covers exactly the text of its element in the file."""
    filing = compile_filing(path.read_bytes(), path.name)
    lines = path.read_bytes().decode(filing.source.encoding).split("\n")
    checked = 0
    for person in filing.reporting_persons:
        for field in ("name", "sole_voting_power", "aggregate_amount", "percent_of_class"):
            if getattr(person, field) is None:
                assert field not in person.spans  # (a row a 13G/A leaves out: no value, no span)
                continue
            span = person.spans[field]
            assert span.line == span.end_line
            text = lines[span.line - 1][span.column - 1 : span.end_column - 1]
            value = getattr(person, field)
            if field == "name":
                assert text == value
            else:
                assert float(text) == float(value)
            # The element's tag closes right after the text.
            assert lines[span.line - 1][span.end_column - 1 :].startswith("</")
            checked += 1
    assert checked >= 4


def test_leading_blank_line_before_the_declaration_is_accepted() -> None:
    path = next(p for p in XML_FIXTURES if p.read_bytes().startswith(b"\n"))
    filing = compile_filing(path.read_bytes(), path.name)
    assert filing.form == "SC 13G"
    # Line numbers count the blank line: the file's own lines.
    name_span = filing.reporting_persons[0].spans["name"]
    line = path.read_text(encoding="utf-8").split("\n")[name_span.line - 1]
    assert filing.reporting_persons[0].name in line


def test_the_issuer_address_is_kept_as_text() -> None:
    path = next(p for p in XML_FIXTURES if "arch-seaport" in p.name)
    filing = compile_filing(path.read_bytes(), path.name)
    block = next(b for b in filing.text_blocks if b.context == "issuer_address")
    assert block.text == "101 Seaport Blvd., Floor 12, Boston, MA, 02210"
    assert (block.span.line, block.span.end_line) == (30, 34)


def test_the_same_vocabulary_as_text_filings() -> None:
    filing = compile_filing(minimal(), "minimal.xml")
    assert filing.form == "SC 13D"
    assert filing.source.document_type == "SCHEDULE 13D"
    assert filing.source.format == "xml"
    person = filing.reporting_persons[0]
    assert (person.citizenship, person.citizenship_code) == ("DELAWARE", "DE")
    assert filing.issuer.name == "Example & Co."
    assert filing.issuer.cik == "0000000001"
    assert filing.previously_filed_13g is False  # no flag: an unmarked box


def test_item_5c_transactions_are_read_by_the_legacy_rules() -> None:
    filing = compile_filing(minimal(), "minimal.xml")
    rows = [(str(t.date), t.shares, str(t.price)) for t in filing.transactions]
    assert rows == [("2025-01-10", 600, "4.90"), ("2025-01-14", 400, "5.05")]
    span = filing.transactions[0].spans["shares"]
    line = minimal().decode().split("\n")[span.line - 1]
    assert line[span.column - 1 : span.end_column - 1] == "600"
    item5 = next(i for i in filing.items if i.number == "5")
    assert item5.text.startswith("(c) The Reporting Person bought")


def test_the_same_checks_run() -> None:
    filing = compile_filing(minimal(cusip="282912105"), "bad-cusip.xml")
    assert "CUSIP-CHECK-DIGIT" in codes_of(filing)


def test_unknown_element_is_kept_with_a_located_diagnostic() -> None:
    extra = "<futureElement>Something EDGAR adds later</futureElement>"
    filing = compile_filing(minimal(extra=extra), "future.xml")
    diagnostic = next(d for d in filing.diagnostics if d.code == "XML-UNKNOWN-ELEMENT")
    assert diagnostic.span is not None
    assert "Something EDGAR adds later" in diagnostic.message  # in the JSON output too
    assert [b.text for b in filing.text_blocks if b.context == "xml:futureElement"] == [
        "Something EDGAR adds later"
    ]


def test_bad_values_and_codes_are_null_with_a_diagnostic() -> None:
    filing = compile_filing(minimal(sole="12.5", fund="ZZ", place="QQ"), "odd.xml")
    person = filing.reporting_persons[0]
    assert person.sole_voting_power is None
    assert person.source_of_funds == ()
    assert (person.citizenship, person.citizenship_code) == ("QQ", None)
    found = codes_of(filing)
    assert "XML-BAD-VALUE" in found
    assert found.count("XML-UNKNOWN-CODE") == 2


def test_a_submission_wrapping_the_xml() -> None:
    path = XML_FIXTURES[0]
    data = submission_around(path.read_bytes(), "SCHEDULE 13D", b"Joint filing agreement.")
    wrapped = compile_filing(data, "submission.txt")
    bare = compile_filing(path.read_bytes(), path.name)
    assert wrapped.source.accession_number == "0000950123-25-000001"
    assert [p.name for p in wrapped.reporting_persons] == [p.name for p in bare.reporting_persons]
    assert [p.aggregate_amount for p in wrapped.reporting_persons] == [
        p.aggregate_amount for p in bare.reporting_persons
    ]
    assert [e.text for e in wrapped.exhibits][-1] == "Joint filing agreement."
    # Spans point into the submission file, past its header.
    span = wrapped.reporting_persons[0].spans["name"]
    line = data.decode().split("\n")[span.line - 1]
    assert line[span.column - 1 : span.end_column - 1] == wrapped.reporting_persons[0].name


def test_codes_list_and_words() -> None:
    assert len(codes()) == 331
    assert name_of("X1") == "UNITED STATES"
    assert name_of("V8") == "SWITZERLAND"
    assert name_of("ZZ") is None
    assert code_of("Delaware") == "DE"
    assert code_of("The Netherlands") == "P7"
    assert code_of("State of Delaware") == "DE"
    assert code_of("United States of America") == "X1"
    assert code_of("Ontario, Canada") == "A6"
    # Other names of the same place, and a footnote mark against it.
    assert code_of("Ontario") == "A6"
    assert code_of("British Virgin Islands") == "D8"
    assert code_of("Cayman Islands, B.W.I.") == "E9"
    assert code_of("Republic of Korea") == "M5"
    assert code_of("Korea") is None  # two entries
    assert code_of("People's Republic of China") == "F4"
    assert code_of("England") == "X0"
    assert code_of("Delaware (1)") == "DE"
    assert code_of("Delaware(a)") == "DE"
    assert code_of("Georgia (Country)") == "2Q"
    assert code_of("Georgia") == "GA"
    # Other spellings of one entry: no apostrophe, "of the", a province, a kingdom, an island's
    # group after it.
    assert code_of("Peoples Republic of China") == "F4"
    assert code_of("Commonwealth of the Bahamas") == "C5"
    assert code_of("Province of Ontario, Canada") == "A6"
    assert code_of("Kingdom of the Netherlands") == "P7"
    assert code_of("Republic of Panama") == "R1"
    assert code_of("Jersey, Channel Islands") == "Y9"
    assert code_of("Taiwan, R.O.C.") == "F5"
    assert code_of("Republic of China") is None  # not the People's Republic: no guess
    # Only whole names: a description or two places are not a place name.
    assert code_of("Delaware limited partnership") is None
    assert code_of("New York, USA") is None
    assert code_of(None) is None


# --- refused input: one line, exit 2, fast -------------------------------------------------------

BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<edgarSubmission xmlns="http://www.sec.gov/edgar/schedule13D"><x>&lol9;</x></edgarSubmission>
"""
EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<edgarSubmission xmlns="http://www.sec.gov/edgar/schedule13D"><x>&secret;</x></edgarSubmission>
"""
MALFORMED = minimal().replace(b"</headerData>", b"")
OTHER_SCHEMA = b"""<?xml version="1.0"?>
<edgarSubmission xmlns="http://www.sec.gov/edgar/ownership"><formData/></edgarSubmission>
"""
NOT_EDGAR = b'<?xml version="1.0"?>\n<rss version="2.0"><channel/></rss>\n'


@pytest.mark.parametrize(
    ("data", "error", "words"),
    [
        (BOMB, InputError, "document type declaration"),
        (EXTERNAL, InputError, "document type declaration"),
        (MALFORMED, InputError, "not well-formed XML"),
        (OTHER_SCHEMA, UnsupportedFormError, "not EDGAR Schedule 13D/13G XML"),
        (NOT_EDGAR, UnsupportedFormError, "not EDGAR Schedule 13D/13G XML"),
    ],
    ids=["entity-bomb", "external-entity", "malformed", "other-schema", "not-edgar"],
)
def test_refused_input(data: bytes, error: type[Exception], words: str) -> None:
    started = time.perf_counter()
    with pytest.raises(error) as raised:
        compile_filing(data, "bad.xml")
    assert time.perf_counter() - started < 1.0
    assert words in str(raised.value)
    assert "\n" not in str(raised.value)


def test_malformed_xml_error_is_located() -> None:
    with pytest.raises(InputError) as raised:
        compile_filing(MALFORMED, "bad.xml")
    assert raised.value.line is not None


@pytest.mark.parametrize("data", [BOMB, MALFORMED, OTHER_SCHEMA], ids=["bomb", "bad", "other"])
def test_cli_refuses_in_one_line_with_exit_2(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "input.xml"
    path.write_bytes(data)
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "compiler", "compile", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - started
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert str(path) in result.stderr
    assert elapsed < 5  # (a whole interpreter start; the refusal itself is timed above)


# --- the other commands on XML ------------------------------------------------------------------


def test_line_tree_commands_refuse_xml_in_one_line() -> None:
    from typer.testing import CliRunner

    from compiler.cli import app as cli

    path = str(XML_FIXTURES[0])
    for extra in (["--to", "source"], ["--emit", "tree"]):
        result = CliRunner().invoke(cli.app, ["compile", path, *extra])
        assert result.exit_code == 2
        assert len(result.stderr.strip().splitlines()) == 1
        assert "applies to text and HTML filings, not to EDGAR XML" in result.stderr


def test_check_and_batches_read_xml(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from compiler.cli import app as cli

    runner = CliRunner()
    checked = runner.invoke(cli.app, ["check", *map(str, XML_FIXTURES)])
    assert checked.exit_code == 0, checked.output
    folder = tmp_path / "xml"
    folder.mkdir()
    for path in XML_FIXTURES:
        (folder / path.name).write_bytes(path.read_bytes())
    batch = runner.invoke(cli.app, ["compile", str(folder), "--to", "jsonl", "-j", "1"])
    assert batch.exit_code == 0, batch.output
    documents = [json.loads(line) for line in batch.stdout.splitlines()]
    assert len(documents) == len(XML_FIXTURES)
    assert {d["source"]["format"] for d in documents} == {"xml"}
    # Every citizenship given (as a code, or in words that name one) has its code.
    assert all(
        p["citizenship_code"] for d in documents for p in d["reporting_persons"] if p["citizenship"]
    )


def test_crlf_bom_and_a_latin_1_declaration() -> None:
    path = next(p for p in XML_FIXTURES if "bml-aadi" in p.name)
    data = path.read_bytes()
    plain = compile_filing(data, "plain.xml")
    crlf = compile_filing(b"\xef\xbb\xbf" + data.replace(b"\n", b"\r\n"), "crlf.xml")
    assert crlf.reporting_persons == plain.reporting_persons  # spans included
    assert [i.text for i in crlf.items] == [i.text for i in plain.items]
    latin = data.replace(b'encoding="UTF-8"', b'encoding="ISO-8859-1"').replace(
        b"Aadi Bioscience, Inc.</issuerName>", b"Aadi Bioscience \xe9, Inc.</issuerName>", 1
    )
    assert compile_filing(latin, "latin.xml").issuer.name == "Aadi Bioscience \xe9, Inc."
