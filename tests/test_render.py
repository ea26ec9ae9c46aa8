"""Render stage: JSON contract, CSV tables and neutralization, the fixed-width normalized filing."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
from decimal import Decimal
from typing import Any

import pytest

from compiler import fixed_width
from compiler import render as render_module
from compiler.errors import InternalError
from compiler.ir import (
    Annex,
    AnnexPerson,
    Diagnostic,
    Exhibit,
    Filing,
    Issuer,
    Item,
    MemberOfGroup,
    NoticePerson,
    PersonType,
    ReportingPerson,
    Security,
    Severity,
    Signature,
    SourceInfo,
    SourceOfFunds,
    Span,
    Transaction,
)
from compiler.render import CsvTable, OutputFormat, render, span_pointers


def span(line: int, column: int, length: int = 5) -> Span:
    return Span(line=line, column=column, end_line=line, end_column=column + length)


def make_person(name: str, **overrides: Any) -> ReportingPerson:
    fields: dict[str, Any] = {
        "name": name,
        "identification_number": None,
        "member_of_group": MemberOfGroup(a=False, b=True),
        "source_of_funds": (SourceOfFunds.WC, SourceOfFunds.AF),
        "legal_proceedings": False,
        "citizenship": "The Netherlands",
        "sole_voting_power": 2_202_000,
        "shared_voting_power": 0,
        "sole_dispositive_power": 2_202_000,
        "shared_dispositive_power": 0,
        "aggregate_amount": 2_202_000,
        "excludes_certain_shares": False,
        "percent_of_class": Decimal("6.41"),
        "type_of_reporting_person": (PersonType.CO,),
        "footnotes": (),
    }
    fields.update(overrides)
    return ReportingPerson(**fields)


@pytest.fixture
def filing() -> Filing:
    """A complete filing: 2 reporting persons, transactions, an annex, signatures, diagnostics."""
    return Filing(
        source=SourceInfo(
            path="filings/stm.txt",
            sha256="ab" * 32,
            encoding="utf-8",
            accession_number="0000950123-04-000345",
            document_type="SC 13D/A",
        ),
        form="SC 13D/A",
        amendment_number=1,
        issuer=Issuer(name="8x8, Inc.", spans={"name": span(12, 30, 9)}),
        security=Security(
            title="Common Stock, Par Value $0.001 Per Share",
            cusips=("282912104",),
            spans={"title": span(15, 20, 40), "cusips/0": span(18, 35, 11)},
        ),
        event_date=dt.date(2003, 12, 23),
        previously_filed_13g=False,
        notice_persons=(
            NoticePerson(
                name="Pierre Ollivier",
                lines=(
                    "Group Vice President and General Counsel",
                    "39, Chemin du Champ des Filles",
                ),
                telephone="011-41-22-929-2929",
                role="notice",
            ),
            NoticePerson(
                name="John Doe, Esq.",
                lines=("Sullivan & Cromwell LLP", "125 Broad Street", "New York, NY 10004"),
                telephone=None,
                role="copy_to",
            ),
        ),
        reporting_persons=(
            make_person(
                "STMicroelectronics N.V.",
                footnotes=(
                    "Based on 34,309,526 shares of common stock outstanding at November 30, "
                    "2003, as reported by the issuer in its quarterly report on Form 10-Q.",
                ),
                spans={"sole_voting_power": span(91, 41, 9), "percent_of_class": span(99, 60, 5)},
            ),
            make_person(
                "=cmd|' /C calc'!A0",
                identification_number="13-3456789",
                member_of_group=MemberOfGroup(a=True, b=False),
                source_of_funds=(),
                legal_proceedings=True,
                citizenship="+1 Delaware",
                sole_voting_power=None,
                shared_voting_power=-5,
                percent_of_class=Decimal("5"),
                excludes_certain_shares=True,
                type_of_reporting_person=(PersonType.IN, PersonType.HC),
                footnotes=("-x first", "@SUM(A1:A2)"),
            ),
        ),
        items=(
            Item(
                number="1", title="Security and Issuer", text="This statement relates to the stock."
            ),
            Item(
                number="4",
                title=None,
                text="The shares were acquired for investment.\n\n"
                + "The reporting person may acquire more shares. " * 6,
            ),
            Item(number="5", title="Interest in Securities of the Issuer", text="\tSee below."),
        ),
        transactions=(
            Transaction(
                date=dt.date(2003, 12, 23),
                shares=66_000,
                price=Decimal("4.90"),
                currency="USD",
                person="STMicroelectronics N.V.",
                spans={"shares": span(120, 30, 6)},
            ),
            Transaction(
                date=dt.date(2003, 12, 24),
                shares=1_250,
                price=None,
                currency="USD",
                note="gift",
            ),
        ),
        signatures=(
            Signature(
                date=dt.date(2003, 12, 29),
                entity="STMicroelectronics N.V.",
                signer="Piero Mosconi",
                title="Corporate Vice President and Treasurer",
            ),
        ),
        annexes=(
            Annex(
                title="ANNEX A",
                persons=(
                    AnnexPerson(
                        name="Bruno Steve",
                        section="MEMBERS OF THE SUPERVISORY BOARD",
                        position="Chairman",
                        address="39, Chemin du Champ des Filles, 1228 Plan-Les-Ouates, Geneva, "
                        "Switzerland, care of STMicroelectronics N.V.",
                        citizenship="Italian",
                    ),
                    AnnexPerson(
                        name="Pasquale Pistorio",
                        section="MANAGING BOARD",
                        position=None,
                        address=None,
                        citizenship="@Italian",
                    ),
                ),
                text="",
                spans={"title": span(200, 37, 7)},
            ),
        ),
        exhibits=(
            Exhibit(
                title="EXHIBIT 1",
                document_type="EX-99.1",
                text="JOINT FILING AGREEMENT   \n\nThe undersigned agree.\n",
            ),
        ),
        page_headers=(),
        text_blocks=(),
        diagnostics=(
            Diagnostic(
                code="cover.percent",
                severity=Severity.WARNING,
                message="=percent does not match",
                span=span(73, 11),
            ),
            Diagnostic(code="filing.pages", severity=Severity.INFO, message="no page numbers"),
        ),
        spans={"form": span(5, 30, 14), "event_date": span(25, 33, 17)},
    )


def csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def as_dicts(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


# --- JSON ---------------------------------------------------------------------------------------

CONTRACT_TYPES: dict[str, type | tuple[type, ...]] = {
    "schema": str,
    "source": dict,
    "form": str,
    "amendment_number": (int, type(None)),
    "issuer": dict,
    "security": dict,
    "event_date": (str, type(None)),
    "previously_filed_13g": bool,
    "notice_persons": list,
    "reporting_persons": list,
    "items": list,
    "transactions": list,
    "signatures": list,
    "annexes": list,
    "exhibits": list,
    "diagnostics": list,
    "spans": dict,
}

PERSON_KEYS = {
    "name",
    "identification_number",
    "member_of_group",
    "source_of_funds",
    "legal_proceedings",
    "citizenship",
    "sole_voting_power",
    "shared_voting_power",
    "sole_dispositive_power",
    "shared_dispositive_power",
    "aggregate_amount",
    "excludes_certain_shares",
    "percent_of_class",
    "type_of_reporting_person",
    "footnotes",
}


def test_json_has_every_contract_key_with_its_type(filing: Filing) -> None:
    document = json.loads(render(filing, OutputFormat.JSON))
    for key, expected in CONTRACT_TYPES.items():
        assert isinstance(document[key], expected), key
    assert document["schema"] == "13dc/1"
    assert {"path", "sha256", "accession_number"} <= document["source"].keys()
    assert document["security"] == {"title": filing.security.title, "cusips": ["282912104"]}
    assert document["event_date"] == "2003-12-23"
    assert document["notice_persons"][1] == {
        "name": "John Doe, Esq.",
        "lines": ["Sullivan & Cromwell LLP", "125 Broad Street", "New York, NY 10004"],
        "telephone": None,
        "role": "copy_to",
    }
    first, second = document["reporting_persons"]
    assert first.keys() == PERSON_KEYS
    assert first["member_of_group"] == {"a": False, "b": True}
    assert first["source_of_funds"] == ["WC", "AF"]
    assert first["sole_voting_power"] == 2202000
    assert second["sole_voting_power"] is None
    assert second["type_of_reporting_person"] == ["IN", "HC"]
    assert document["items"][1] == {"number": "4", "title": None, "text": filing.items[1].text}
    assert document["transactions"][0] == {
        "date": "2003-12-23",
        "shares": 66000,
        "price": 4.9,
        "currency": "USD",
        "person": "STMicroelectronics N.V.",
        "note": None,
    }
    assert document["signatures"][0]["date"] == "2003-12-29"
    annex = document["annexes"][0]
    assert annex["title"] == "ANNEX A"
    assert annex["persons"][1] == {
        "name": "Pasquale Pistorio",
        "section": "MANAGING BOARD",
        "position": None,
        "address": None,
        "citizenship": "@Italian",
    }
    assert document["exhibits"][0]["document_type"] == "EX-99.1"
    assert document["diagnostics"] == [
        {
            "code": "cover.percent",
            "severity": "warning",
            "message": "=percent does not match",
            "line": 73,
            "column": 11,
        },
        {
            "code": "filing.pages",
            "severity": "info",
            "message": "no page numbers",
            "line": None,
            "column": None,
        },
    ]


def test_json_decimals_are_written_exactly(filing: Filing) -> None:
    text = render(filing, OutputFormat.JSON)
    assert '"percent_of_class": 6.41,' in text
    assert '"percent_of_class": 5,' in text
    assert '"price": 4.90,' in text
    document = json.loads(text, parse_float=Decimal)
    assert document["reporting_persons"][0]["percent_of_class"] == Decimal("6.41")


def test_json_is_not_html_escaped_and_keeps_unicode(filing: Filing) -> None:
    text = render(filing, OutputFormat.JSON)
    assert "Sullivan & Cromwell" in text
    assert "\\u0026" not in text


def test_json_spans_are_json_pointers(filing: Filing) -> None:
    document = json.loads(render(filing, OutputFormat.JSON))
    spans = document["spans"]
    assert spans["/reporting_persons/0/sole_voting_power"] == {
        "line": 91,
        "column": 41,
        "end_line": 91,
        "end_column": 50,
    }
    assert set(spans) == {
        "/form",
        "/event_date",
        "/issuer/name",
        "/security/title",
        "/security/cusips/0",
        "/reporting_persons/0/sole_voting_power",
        "/reporting_persons/0/percent_of_class",
        "/transactions/0/shares",
        "/annexes/0/title",
    }
    for pointer in spans:  # every pointer resolves to a value of the document
        node: Any = document
        for part in pointer.split("/")[1:]:
            node = node[int(part)] if isinstance(node, list) else node[part]


def test_span_pointers_are_in_document_order(filing: Filing) -> None:
    assert list(span_pointers(filing))[:3] == ["/form", "/event_date", "/issuer/name"]


def test_json_of_an_empty_filing_has_empty_lists(filing: Filing) -> None:
    empty = _replace(
        filing,
        notice_persons=(),
        reporting_persons=(),
        items=(),
        transactions=(),
        signatures=(),
        annexes=(),
        exhibits=(),
        diagnostics=(),
        spans={},
        issuer=Issuer(name=None),
        security=Security(title=None, cusips=()),
        event_date=None,
        amendment_number=None,
    )
    text = render(empty, OutputFormat.JSON)
    document = json.loads(text)
    assert document["reporting_persons"] == []
    assert document["spans"] == {}
    assert document["amendment_number"] is None
    assert '"items": [],' in text


def test_render_is_deterministic(filing: Filing) -> None:
    for fmt in OutputFormat:
        assert render(filing, fmt) == render(filing, fmt)
        assert render(filing, fmt).endswith("\n")


# --- CSV ----------------------------------------------------------------------------------------

EXPECTED_ROWS = {
    CsvTable.PERSONS: 2,
    CsvTable.TRANSACTIONS: 2,
    CsvTable.ANNEX: 2,
    CsvTable.ITEMS: 3,
    CsvTable.DIAGNOSTICS: 2,
}


@pytest.mark.parametrize("table", list(CsvTable))
def test_csv_tables_parse_with_one_row_per_record(filing: Filing, table: CsvTable) -> None:
    text = render(filing, OutputFormat.CSV, table=table)
    rows = csv_rows(text)
    assert len(rows) == EXPECTED_ROWS[table] + 1
    assert len({len(row) for row in rows}) == 1
    assert text.endswith("\r\n")


@pytest.mark.parametrize("table", list(CsvTable))
def test_csv_of_an_empty_filing_is_the_header(filing: Filing, table: CsvTable) -> None:
    empty = _replace(
        filing, reporting_persons=(), transactions=(), annexes=(), items=(), diagnostics=()
    )
    rows = csv_rows(render(empty, OutputFormat.CSV, table=table))
    assert len(rows) == 1


def test_csv_persons_columns(filing: Filing) -> None:
    first, second = as_dicts(render(filing, OutputFormat.CSV))
    assert list(first)[:8] == [
        "source_file",
        "accession_number",
        "form",
        "amendment_number",
        "issuer",
        "cusip",
        "event_date",
        "person_index",
    ]
    assert first["source_file"] == "filings/stm.txt"
    assert first["cusip"] == "282912104"
    assert first["event_date"] == "2003-12-23"
    assert first["person_index"] == "1"
    assert first["member_of_group_b"] == "true"
    assert first["member_of_group_a"] == "false"
    assert first["source_of_funds"] == "WC;AF"
    assert first["percent_of_class"] == "6.41"
    assert first["sole_voting_power"] == "2202000"
    assert second["person_index"] == "2"
    assert second["sole_voting_power"] == ""
    assert second["type_of_reporting_person"] == "IN;HC"
    assert second["footnotes"] == "'-x first | @SUM(A1:A2)"


def test_csv_neutralizes_formulas_in_text_cells_only(filing: Filing) -> None:
    second = as_dicts(render(filing, OutputFormat.CSV))[1]
    assert second["name"] == "'=cmd|' /C calc'!A0"
    assert second["citizenship"] == "'+1 Delaware"
    assert second["shared_voting_power"] == "-5"  # numbers are never altered
    assert second["percent_of_class"] == "5"
    annex = as_dicts(render(filing, OutputFormat.CSV, table=CsvTable.ANNEX))
    assert annex[1]["citizenship"] == "'@Italian"
    items = as_dicts(render(filing, OutputFormat.CSV, table=CsvTable.ITEMS))
    assert items[2]["text"] == "'\tSee below."
    diagnostics = as_dicts(render(filing, OutputFormat.CSV, table=CsvTable.DIAGNOSTICS))
    assert diagnostics[0]["message"] == "'=percent does not match"
    assert diagnostics[1]["line"] == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=cmd", "'=cmd"),
        ("+1", "'+1"),
        ("-x", "'-x"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("plain = text", "plain = text"),
    ],
)
def test_csv_cell_neutralization(text: str, expected: str) -> None:
    assert render_module.csv_cell(text, neutralize=True) == expected
    assert render_module.csv_cell(text, neutralize=False) == text


@pytest.mark.parametrize(
    ("value", "expected"),
    [(-5, "-5"), (Decimal("-0.5"), "-0.5"), (dt.date(2003, 1, 2), "2003-01-02"), (None, "")],
)
def test_csv_numeric_cells_are_untouched(value: object, expected: str) -> None:
    assert render_module.csv_cell(value, neutralize=True) == expected


def test_csv_without_neutralization_keeps_text(filing: Filing) -> None:
    second = as_dicts(render(filing, OutputFormat.CSV, neutralize=False))[1]
    assert second["name"] == "=cmd|' /C calc'!A0"


def test_csv_transactions_and_items(filing: Filing) -> None:
    rows = as_dicts(render(filing, OutputFormat.CSV, table=CsvTable.TRANSACTIONS))
    assert rows[0] == {
        "source_file": "filings/stm.txt",
        "accession_number": "0000950123-04-000345",
        "row": "1",
        "date": "2003-12-23",
        "person": "STMicroelectronics N.V.",
        "shares": "66000",
        "price": "4.90",
        "currency": "USD",
        "note": "",
    }
    items = as_dicts(render(filing, OutputFormat.CSV, table=CsvTable.ITEMS))
    assert items[1]["text"] == filing.items[1].text  # embedded newlines survive quoting


def test_csv_post_check_rejects_a_wrong_row_count(filing: Filing) -> None:
    with pytest.raises(InternalError):
        render_module._check_csv("a,b\r\n", filing, CsvTable.PERSONS)


def test_json_post_check_rejects_invalid_json(filing: Filing) -> None:
    with pytest.raises(InternalError):
        render_module._check_json("{", filing)


def test_json_value_rejects_floats() -> None:
    with pytest.raises(TypeError):
        render_module.json_value(6.41)


# --- TEXT ---------------------------------------------------------------------------------------


def test_text_is_fixed_width_without_trailing_spaces(filing: Filing) -> None:
    text = render(filing, OutputFormat.TEXT)
    assert text.endswith("\n")
    assert not text.endswith("\n\n")
    for line in text.split("\n"):
        assert line == line.rstrip()
        # Only unbreakable words and Item 5(c) rows with a note may be wider.
        assert len(line) <= 80 or " " not in line.strip() or line.endswith("gift"), line


def test_text_title_page_and_cover_pages(filing: Filing) -> None:
    lines = render(filing, OutputFormat.TEXT).split("\n")
    assert lines[0].strip() == "SECURITIES AND EXCHANGE COMMISSION"
    stripped = [line.strip() for line in lines]
    assert "SCHEDULE 13D/A" in stripped
    assert "(Amendment No. 1)" in stripped
    assert stripped.index("8x8, Inc.") + 1 == stripped.index("(Name of Issuer)")
    assert stripped.index("December 23, 2003") + 1 == stripped.index(
        "(Date of Event Which Requires Filing of This Statement)"
    )
    assert "Copy to:" in stripped
    assert "the following box. [ ]" in lines
    # title, 2 cover pages, body, signature, annex, exhibit
    assert lines.count("<PAGE>") == 6
    header = lines[lines.index("<PAGE>") + 1]
    assert header.startswith("CUSIP No. 282912104")
    assert header.endswith("Page 2 of 7")
    assert header[38:41] == "13D"
    assert " 2   CHECK THE APPROPRIATE BOX IF A MEMBER OF A GROUP".ljust(73) + "(a) [ ]" in lines
    assert " " * 73 + "(b) [X]" in lines
    assert " 7   SOLE VOTING POWER".ljust(71) + "2,202,000" in lines
    assert "13   PERCENT OF CLASS REPRESENTED BY AMOUNT IN ROW (11)".ljust(75) + "6.41%" in lines
    assert " 4   SOURCE OF FUNDS".ljust(74) + "WC, AF" in lines
    assert "         13-3456789" in lines
    assert " 7   SOLE VOTING POWER" in lines  # None: no value


def test_text_body_signature_annex_exhibit(filing: Filing) -> None:
    text = render(filing, OutputFormat.TEXT)
    lines = text.split("\n")
    assert "Item 4.  Purpose of Transaction" in lines  # official caption for a missing title
    table = lines.index(
        "Date          Reporting Person                          Shares        Price"
    )
    assert lines.index("Item 5.  Interest in Securities of the Issuer") < table
    assert lines[table + 2].startswith("12/23/2003    STMicroelectronics N.V.")
    assert lines[table + 2].endswith("66,000        $4.90")
    assert lines[table + 3].endswith("1,250                 gift")  # past column 80
    assert "SIGNATURE" in [line.strip() for line in lines]
    assert "Date: December 29, 2003" in lines
    # The block starts at column 41 unless a line would pass column 80: then it moves left.
    assert " " * 35 + "By: /s/ Piero Mosconi" in lines
    assert " " * 35 + "Title: Corporate Vice President and Treasurer" in lines
    assert "Name:        Bruno Steve" in lines
    assert "MANAGING BOARD" in lines
    assert "Address:     39, Chemin du Champ des Filles, 1228 Plan-Les-Ouates, Geneva," in lines
    assert lines[lines.index("Name:        Pasquale Pistorio") + 1] == "Citizenship: @Italian"
    assert "JOINT FILING AGREEMENT" in lines


def test_transaction_table_without_persons_keeps_notes_on_the_row() -> None:
    rows = (
        Transaction(date=dt.date(2004, 1, 5), shares=2_500, price=Decimal("12.5"), currency="USD"),
        Transaction(date=None, shares=None, price=Decimal("3"), currency="EUR", note="open market"),
    )
    assert fixed_width.transaction_table(rows).split("\n") == [
        "Date              Shares        Price",
        "----------    ----------    ---------",
        "01/05/2004         2,500        $12.5",
        " " * 32 + "EUR 3    open market",
    ]


def test_right_column_starts_at_41_and_wraps_only_past_the_page() -> None:
    assert fixed_width.right_column(["ACME CORP.", "By: /s/ Jane Roe"]).split("\n") == [
        " " * 40 + "ACME CORP.",
        " " * 40 + "By: /s/ Jane Roe",
    ]
    lines = fixed_width.right_column(["Title: " + "word " * 20]).split("\n")
    assert lines[0].startswith("Title: word")
    assert lines[1].startswith(" " * 7 + "word")
    assert max(len(line) for line in lines) <= 80


def test_text_running_header_uses_the_cover_page_cusip(filing: Filing) -> None:
    person = dataclasses.replace(
        filing.reporting_persons[0], cover_cusips=("G8268T104", "G8268T203")
    )
    text = render(_replace(filing, reporting_persons=(person,)), OutputFormat.TEXT)
    assert "CUSIP No. G8268T104, G8268T203" in text
    assert text.count("Page 2 of 6") == 1


def test_render_wraps_backend_failures_in_internal_errors(filing: Filing) -> None:
    person = dataclasses.replace(filing.reporting_persons[0], percent_of_class=6.41)  # type: ignore[arg-type]
    broken = _replace(filing, reporting_persons=(person,))
    with pytest.raises(InternalError, match="rendering json failed"):
        render(broken, OutputFormat.JSON)


def test_render_accepts_the_plain_strings_of_the_cli(filing: Filing) -> None:
    assert render(filing, "csv", table="items") == render(  # type: ignore[arg-type]
        filing, OutputFormat.CSV, table=CsvTable.ITEMS
    )


def test_text_transactions_without_item_5_get_their_own_section(filing: Filing) -> None:
    text = render(_replace(filing, items=filing.items[:2]), OutputFormat.TEXT)
    assert "Item 5.  Interest in Securities of the Issuer" in text.split("\n")


def test_text_original_filing_form(filing: Filing) -> None:
    original = _replace(filing, form="SC 13D", amendment_number=None)
    stripped = [line.strip() for line in render(original, OutputFormat.TEXT).split("\n")]
    assert "SCHEDULE 13D" in stripped
    assert not any(line.startswith("(Amendment No.") for line in stripped)


def _replace(filing: Filing, **changes: Any) -> Filing:
    return dataclasses.replace(filing, **changes)
