"""Render stage, data formats: the JSON contract, CSV tables and formula neutralization."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
from decimal import Decimal
from typing import Any

import pytest
from render_filing import complete_filing, replace

from compiler.backends import render as render_module
from compiler.backends.render import CsvTable, OutputFormat, render, span_pointers
from compiler.backends.render_json import Chunks
from compiler.backends.tables import REPORTING_PERSONS
from compiler.errors import InternalError
from compiler.ir import Filing, Issuer, PersonType, Security, SourceOfFunds


@pytest.fixture
def filing() -> Filing:
    return complete_filing()


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
    "citizenship_code",
    "cik",
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
        "side": None,  # the row's words say nothing of its side
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
    assert list(annex) == ["title", "persons", "text"]
    assert annex["text"] == ""
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


def test_json_equal_values_keep_their_own_digits(filing: Filing) -> None:
    # The document writes each distinct str and int once; equal Decimals written differently
    # (5.0, 5.00) and equal values of other types (1, True) must each keep their own text.
    first = filing.transactions[0]
    rows = [
        dataclasses.replace(first, price=Decimal("5.0"), shares=1),
        dataclasses.replace(first, price=Decimal("5.00"), shares=1),
        dataclasses.replace(first, price=Decimal("5"), shares=1),
    ]
    text = render(replace(filing, transactions=tuple(rows)), OutputFormat.JSON)
    assert [
        line.split('"price": ')[1].split(",")[0] for line in text.splitlines() if '"price"' in line
    ] == ["5.0", "5.00", "5"]
    assert text.count('"shares": 1,') == 3


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
    empty = replace(
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
    for fmt in (OutputFormat.JSON, OutputFormat.CSV, OutputFormat.TEXT):
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
    empty = replace(
        filing, reporting_persons=(), transactions=(), annexes=(), items=(), diagnostics=()
    )
    rows = csv_rows(render(empty, OutputFormat.CSV, table=table))
    assert len(rows) == 1


def test_csv_persons_columns(filing: Filing) -> None:
    first, second = as_dicts(render(filing, OutputFormat.CSV))
    # The database's reporting_persons columns, then the filing's own (issue 16: one layout).
    assert list(first) == [
        *REPORTING_PERSONS.column_names,
        *("source_file", "form", "amendment_number", "issuer_name", "cusip", "event_date"),
    ]
    assert first["filing_key"] == "0000950123-04-000345"
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
        "filing_key": "0000950123-04-000345",
        "tx_index": "1",
        "date": "2003-12-23",
        "person": "STMicroelectronics N.V.",
        "nature": "",
        "shares": "66000",
        "price": "4.90",
        "currency": "USD",
        "note": "",
        "line": rows[0]["line"],
    }
    items = as_dicts(render(filing, OutputFormat.CSV, table=CsvTable.ITEMS))
    assert items[1]["text"] == filing.items[1].text  # embedded newlines survive quoting


def test_csv_post_check_rejects_a_wrong_row_count(filing: Filing) -> None:
    with pytest.raises(InternalError):
        render_module._check_csv("a,b\r\n", filing, CsvTable.PERSONS, records=2)


def test_json_post_check_rejects_invalid_json(filing: Filing) -> None:
    with pytest.raises(InternalError):
        render_module._check_json("{", filing)


def test_json_value_rejects_floats() -> None:
    with pytest.raises(TypeError):
        render_module.json_value(6.41)


@pytest.mark.parametrize(
    "value",
    [
        'Sullivan & Cromwell "ST"\n\u00e9\u2028',
        "",
        0,
        -5,
        10**30,
        True,
        False,
        None,
        dt.date(2003, 12, 23),
        dt.datetime(2003, 12, 23, 9, 30, tzinfo=dt.UTC),
        ("WC", 1, None, True),
        [],
    ],
)
def test_json_value_writes_what_json_dumps_writes(value: object) -> None:
    # json.dumps with the ensure_ascii=False string encoder json_value uses; dates as ISO strings.
    plain = value.isoformat() if isinstance(value, dt.date) else value
    assert render_module.json_value(value) == json.dumps(plain, ensure_ascii=False)


def test_json_value_of_enums_and_decimals() -> None:
    assert render_module.json_value(SourceOfFunds.WC) == '"WC"'
    assert render_module.json_value((PersonType.IN, PersonType.HC)) == '["IN", "HC"]'
    assert render_module.json_value(Decimal("6.410")) == "6.410"
    assert render_module.json_value(Decimal("1E+2")) == "100"
    with pytest.raises(ValueError):
        render_module.json_value(Decimal("NaN"))


def test_json_post_check_parses_each_layout_once(
    filing: Filing, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(render_module, "_PARSED_JSON_LAYOUTS", set())
    parsed: list[str] = []
    check = render_module._check_json

    def counting_check(text: str, checked: Filing) -> None:
        parsed.append(text)
        check(text, checked)

    monkeypatch.setattr(render_module, "_check_json", counting_check)
    render(filing, OutputFormat.JSON)
    render(replace(filing, form="SC 13D/A"), OutputFormat.JSON)  # other values, same layout
    assert len(parsed) == 1
    render(replace(filing, transactions=filing.transactions[:1]), OutputFormat.JSON)
    render(replace(filing, transactions=()), OutputFormat.JSON)
    assert len(parsed) == 3


def test_json_post_check_rejects_a_broken_layout(
    filing: Filing, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(render_module, "_PARSED_JSON_LAYOUTS", set())
    build = render_module.json_document

    def broken(filing: Filing) -> render_module.JsonDocument:
        document = build(filing)
        rows = [(*row[:-1], True) for row in document["items"].rows]  # commas lost
        document["items"] = Chunks(rows)
        return document

    monkeypatch.setattr(render_module, "json_document", broken)
    with pytest.raises(InternalError, match="invalid JSON"):
        render(filing, OutputFormat.JSON)


def test_json_post_check_of_a_long_text_parses_a_short_one_of_its_layout(
    filing: Filing, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above _SAMPLE_ABOVE characters, the layout is parsed on the filing's JSON with each array
    cut to two elements (its layout the same), not on the whole text."""
    monkeypatch.setattr(render_module, "_PARSED_JSON_LAYOUTS", set())
    monkeypatch.setattr(render_module, "_SAMPLE_ABOVE", 0)
    parsed: list[str] = []
    check = render_module._check_json
    monkeypatch.setattr(
        render_module,
        "_check_json",
        lambda text, checked: (parsed.append(text), check(text, checked)),
    )
    filing = replace(filing, transactions=filing.transactions * 3)
    text = render(filing, OutputFormat.JSON)
    assert len(parsed) == 1 and len(parsed[0]) < len(text)
    sample = json.loads(parsed[0])
    assert len(sample["transactions"]) == 2
    assert sample["transactions"] == json.loads(text)["transactions"][:2]


def test_json_post_check_of_a_long_text_rejects_a_broken_layout(
    filing: Filing, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(render_module, "_PARSED_JSON_LAYOUTS", set())
    monkeypatch.setattr(render_module, "_SAMPLE_ABOVE", 0)
    build = render_module.json_document

    def broken(filing: Filing) -> render_module.JsonDocument:
        document = build(filing)
        rows = [(*row[:-1], True) for row in document["transactions"].rows]  # commas lost
        document["transactions"] = Chunks(rows)
        return document

    monkeypatch.setattr(render_module, "json_document", broken)
    with pytest.raises(InternalError, match="invalid JSON"):
        render(filing, OutputFormat.JSON)


def test_render_wraps_backend_failures_in_internal_errors(filing: Filing) -> None:
    person = dataclasses.replace(filing.reporting_persons[0], percent_of_class=6.41)  # type: ignore[arg-type]
    broken = replace(filing, reporting_persons=(person,))
    with pytest.raises(InternalError, match="rendering json failed"):
        render(broken, OutputFormat.JSON)


def test_render_accepts_the_plain_strings_of_the_cli(filing: Filing) -> None:
    assert render(filing, "csv", table="items") == render(  # type: ignore[arg-type]
        filing, OutputFormat.CSV, table=CsvTable.ITEMS
    )


def test_json_render_lets_go_of_the_filing(filing: Filing) -> None:
    """The template's context is a reference cycle (its macro): the rows it holds must not keep
    the filing's nodes alive after rendering, or every rendered filing waits for the cycle
    collector (a batch's memory piles up). Counted with the collector off, so that only plain
    references count."""
    import gc
    import sys

    held = (filing.transactions, filing.items, filing.annexes[0].persons, filing.diagnostics)
    render(filing, OutputFormat.JSON)  # (the first render of a layout also parses its text)
    before = [sys.getrefcount(nodes) for nodes in held]
    gc.disable()
    try:
        render(filing, OutputFormat.JSON)
        after = [sys.getrefcount(nodes) for nodes in held]
    finally:
        gc.enable()
    assert after == before
