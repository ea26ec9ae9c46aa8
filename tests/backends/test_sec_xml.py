"""XML out (``--to sec-xml``): every fixture of every era renders to well-formed EDGAR XML that
compiles back to the same facts, and that edgartools' own parser reads with the same names and
share counts; escaping, what a legacy filing lacks, and the command line."""

from __future__ import annotations

import dataclasses
import functools
from pathlib import Path
from typing import Any

import pytest
from conftest import FILING_FIXTURES, SHARED_CORPUS, XML_FIXTURES, filing_facts
from lxml import etree
from typer.testing import CliRunner

from compiler import compile_filing
from compiler.backends.render import OutputFormat, render
from compiler.backends.sec_xml import render_sec_xml
from compiler.cli import app as cli
from compiler.frontend.xml_source import NS_13D, NS_13G
from compiler.ir import Filing, Item

IDS = [f"{p.parent.name}/{p.name}" for p in FILING_FIXTURES]


@functools.cache
def compiled(path: Path) -> Filing:
    return compile_filing(path.read_bytes(), f"{path.parent.name}/{path.name}")


@functools.cache
def as_xml(path: Path) -> str:
    return render(compiled(path), OutputFormat.SEC_XML)


def test_every_era_is_covered() -> None:
    folders = {path.parent.name for path in FILING_FIXTURES}
    assert folders == {"seed", "authored", "13g", "html", "xml"}
    assert len(FILING_FIXTURES) >= 25


# The whole shared corpus (a superset of the fixtures), where the checkout has it beside it.


def test_round_trip_of_the_shared_corpus() -> None:
    if not SHARED_CORPUS.is_dir():
        pytest.skip("no ../shared/corpus beside this checkout")
    paths = sorted(
        path
        for folder in ("seed", "authored", "13g", "html", "xml", "13d")
        if (SHARED_CORPUS / folder).is_dir()
        for path in (SHARED_CORPUS / folder).iterdir()
        if path.suffix.lower() in {".txt", ".htm", ".html", ".xml"}
    )
    differing = []
    for path in paths:
        first = compile_filing(path.read_bytes(), path.name)
        again = compile_filing(render_sec_xml(first).encode("utf-8"), "round-trip.xml")
        if filing_facts(again) != filing_facts(first):
            differing.append(path.name)
    assert len(paths) >= 45
    assert not differing


@pytest.mark.parametrize("path", FILING_FIXTURES, ids=IDS)
def test_round_trip_keeps_the_facts(path: Path) -> None:
    """compile -> sec-xml -> compile: the same persons, rows, codes, dates, CUSIPs, trades."""
    text = as_xml(path)
    root = etree.fromstring(text.encode("utf-8"))
    first = compiled(path)
    namespace = NS_13G if first.form.startswith("SC 13G") else NS_13D
    assert root.tag == f"{{{namespace}}}edgarSubmission"
    again = compile_filing(text.encode("utf-8"), "round-trip.xml")
    assert filing_facts(again) == filing_facts(first)
    # After one pass the XML is a fixed point: 13dc's XML, read and written, is the same XML.
    # (Not the first pass: a legacy Item's text is cut at the XML's captions only once they
    # stand where the reader writes them.)
    second = render_sec_xml(again)
    assert render_sec_xml(compile_filing(second.encode("utf-8"), "round-trip.xml")) == second


def _minimal() -> Filing:
    return compiled(next(p for p in XML_FIXTURES if "bml-aadi" in p.name))


def test_text_is_escaped_and_made_xml_safe() -> None:
    hostile = 'A & B <script>"x"</script> ]]> \x0c next page \x01'
    filing = dataclasses.replace(
        _minimal(),
        items=(Item(number="4", title=None, text=hostile),),
        issuer=dataclasses.replace(_minimal().issuer, name="Smith & Sons <Holdings>"),
    )
    text = render_sec_xml(filing)
    root = etree.fromstring(text.encode("utf-8"))
    purpose = root.find(f".//{{{NS_13D}}}transactionPurpose")
    assert purpose is not None
    assert purpose.text == 'A & B <script>"x"</script> ]]> \n next page '
    again = compile_filing(text.encode("utf-8"), "again.xml")
    assert again.issuer.name == "Smith & Sons <Holdings>"


def test_what_a_legacy_filing_lacks_is_listed_not_invented() -> None:
    seed = next(p for p in FILING_FIXTURES if p.parent.name == "seed")
    text = as_xml(seed)
    comment = text.split("-->", 1)[0]
    assert "filer CIK" in comment
    assert "issuer CIK" in comment
    assert "reporting person 1 (STMicroelectronics N.V.): CIK" in comment
    root = etree.fromstring(text.encode("utf-8"))
    assert root.find(f".//{{{NS_13D}}}issuerCIK") is None
    assert root.find(f".//{{{NS_13D}}}reportingPersonCIK") is None
    assert root.findtext(f".//{{{NS_13D}}}reportingPersonNoCIK") == "Y"
    # The Netherlands -> P7, from the words, and the 5(c) trades as Item 5(c)'s table
    assert root.findtext(f".//{{{NS_13D}}}citizenshipOrOrganization") == "P7"
    assert "12/23/2003        66,000        $4.90" in (
        root.findtext(f".//{{{NS_13D}}}transactionDesc") or ""
    )


def test_an_xml_filing_keeps_its_ciks() -> None:
    text = render_sec_xml(_minimal())
    root = etree.fromstring(text.encode("utf-8"))
    assert root.findtext(f".//{{{NS_13D}}}issuerCIK") == "0001422142"
    assert root.findtext(f".//{{{NS_13D}}}filerCredentials/{{{NS_13D}}}cik") == "0001373604"
    assert [e.text for e in root.iter(f"{{{NS_13D}}}reportingPersonCIK")] == [
        "0001373604",
        "0001373603",
    ]
    assert "ccc" not in [etree.QName(e).localname for e in root.iter() if isinstance(e.tag, str)]


# --- edgartools reads what 13dc writes ----------------------------------------------------------


def _edgartools_persons(text: str, form: str) -> list[Any]:
    beneficial = pytest.importorskip("edgar.beneficial_ownership")
    schedule = beneficial.Schedule13G if form.startswith("SC 13G") else beneficial.Schedule13D
    parsed: dict[str, Any] = schedule.parse_xml(text)
    return list(parsed["reporting_persons"])


@pytest.mark.parametrize("path", FILING_FIXTURES, ids=IDS)
def test_edgartools_reads_the_same_names_and_share_counts(path: Path) -> None:
    filing = compiled(path)
    theirs = _edgartools_persons(as_xml(path), filing.form)
    assert [p.name for p in theirs] == [p.name or "" for p in filing.reporting_persons]
    for ours, their in zip(filing.reporting_persons, theirs, strict=True):
        for field in (
            "sole_voting_power",
            "shared_voting_power",
            "sole_dispositive_power",
            "shared_dispositive_power",
            "aggregate_amount",
        ):
            if getattr(ours, field) is not None:  # left out of the XML when the filing lacks it
                assert getattr(their, field) == getattr(ours, field), (ours.name, field)
        if ours.percent_of_class is not None:
            assert their.percent_of_class == pytest.approx(float(ours.percent_of_class))


# --- command line -------------------------------------------------------------------------------


def test_cli_single_filing_to_stdout() -> None:
    path = XML_FIXTURES[0]
    result = CliRunner().invoke(cli.app, ["compile", str(path), "--to", "sec-xml"])
    assert result.exit_code == 0, result.output
    assert result.stdout == as_xml(path)


def test_cli_batch_writes_one_file_per_filing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    inputs = [str(path) for path in XML_FIXTURES[:2]] + [str(FILING_FIXTURES[0])]
    result = CliRunner().invoke(cli.app, ["compile", *inputs, "--to", "sec-xml", "-o", str(out)])
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in out.iterdir())
    assert written == sorted(Path(p).stem + ".xml" for p in inputs)
    for name in written:
        etree.fromstring((out / name).read_bytes())
    assert "3 filings: 3 written" in result.stderr


def test_cli_batch_needs_a_directory() -> None:
    inputs = [str(path) for path in XML_FIXTURES[:2]]
    result = CliRunner().invoke(cli.app, ["compile", *inputs, "--to", "sec-xml"])
    assert result.exit_code == 2
    assert "-o DIR" in result.output


def test_ciks_come_from_the_sgml_header() -> None:
    """Subject company -> issuerCIK, filer -> the filer's CIK and the CIK of the reporting person
    whose name is the filer's conformed name (BRIGHTWATER ASSET MANAGEMENT LP)."""
    path = next(p for p in FILING_FIXTURES if p.name.startswith("06-quillon"))
    root = etree.fromstring(as_xml(path).encode("utf-8"))
    ns = {"s": NS_13D}
    assert root.findtext("s:formData//s:issuerCIK", namespaces=ns) == "0001029481"
    assert root.findtext("s:headerData//s:cik", namespaces=ns) == "0001178830"
    persons = root.findall("s:formData/s:reportingPersons/s:reportingPersonInfo", namespaces=ns)
    ciks = {
        p.findtext("s:reportingPersonName", namespaces=ns): p.findtext(
            "s:reportingPersonCIK", namespaces=ns
        )
        for p in persons
    }
    assert ciks == {
        "Brightwater Value Fund, L.P.": None,
        "Brightwater Partners, LLC": None,
        "Brightwater Asset Management, L.P.": "0001178830",
        "Thomas J. Kalvick": None,
    }
