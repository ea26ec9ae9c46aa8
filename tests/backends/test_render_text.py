"""Render stage, the normalized filing: the canonical 80-column layout and its helpers."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest
from render_filing import complete_filing, replace

from compiler.backends import fixed_width
from compiler.backends.render import OutputFormat, render
from compiler.ir import Filing, Transaction


@pytest.fixture
def filing() -> Filing:
    return complete_filing()


def test_text_is_fixed_width_without_trailing_spaces(filing: Filing) -> None:
    text = render(filing, OutputFormat.TEXT)
    assert text.endswith("\n")
    assert not text.endswith("\n\n")
    notes = tuple(t.note for t in filing.transactions if t.note)
    for line in text.split("\n"):
        assert line == line.rstrip()
        # Only unbreakable words and Item 5(c) rows ending in their note may be wider.
        assert len(line) <= 80 or " " not in line.strip() or line.endswith(notes), line


def test_text_title_page_and_cover_pages(filing: Filing) -> None:
    lines = render(filing, OutputFormat.TEXT).split("\n")
    # The form is the document's EDGAR type; the filing's other documents follow it.
    assert lines[:3] == ["<DOCUMENT>", "<TYPE>SC 13D/A", "<TEXT>"]
    assert lines[3].strip() == "SECURITIES AND EXCHANGE COMMISSION"
    stripped = [line.strip() for line in lines]
    assert "SCHEDULE 13D/A" in stripped
    assert "(Amendment No. 1)" in stripped
    assert stripped.index("8x8, Inc.") + 1 == stripped.index("(Name of Issuer)")
    assert stripped.index("December 23, 2003") + 1 == stripped.index(
        "(Date of Event Which Requires Filing of This Statement)"
    )
    assert "Copy to:" in stripped
    assert "the following box. [ ]" in lines
    # title, 2 cover pages, body, signature, annex (the exhibit is a document of its own)
    assert lines.count("<PAGE>") == 5
    header = lines[lines.index("<PAGE>") + 1]
    # No CUSIP written on this cover page: the running header gives the page only.
    assert header == "Page 2 of 6".rjust(80)
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
    assert "Item 4." in lines  # an untitled item stays untitled
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
    exhibit = lines.index("<TYPE>EX-99.1")
    assert lines[exhibit - 1 : exhibit + 3] == [
        "<DOCUMENT>",
        "<TYPE>EX-99.1",
        "<TEXT>",
        " " * 35 + "EXHIBIT 1",
    ]


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


def test_right_column_starts_at_41_and_never_wraps() -> None:
    assert fixed_width.right_column(["ACME CORP.", "By: /s/ Jane Roe"]).split("\n") == [
        " " * 40 + "ACME CORP.",
        " " * 40 + "By: /s/ Jane Roe",
    ]
    # A title longer than the page stays on its line (a title is read from its "Title:" line),
    # and the block moves to the margin with it.
    title = "Title: " + "word " * 20
    assert fixed_width.right_column(["ACME CORP.", title]).split("\n") == [
        "ACME CORP.",
        title.rstrip(),
    ]


def test_text_running_header_uses_the_cover_page_cusip(filing: Filing) -> None:
    person = dataclasses.replace(
        filing.reporting_persons[0], cover_cusips=("G8268T104", "G8268T203")
    )
    text = render(replace(filing, reporting_persons=(person,)), OutputFormat.TEXT)
    assert "CUSIP No. G8268T104, G8268T203" in text
    assert text.count("Page 2 of 5") == 1
    assert "CUSIP No. G8268T104, G8268T203" + " " * 8 + "13D" in text


def test_text_transactions_without_item_5_get_their_own_section(filing: Filing) -> None:
    text = render(replace(filing, items=filing.items[:2]), OutputFormat.TEXT)
    assert "Item 5.  Interest in Securities of the Issuer" in text.split("\n")


def test_text_original_filing_form(filing: Filing) -> None:
    original = replace(filing, form="SC 13D", amendment_number=None)
    stripped = [line.strip() for line in render(original, OutputFormat.TEXT).split("\n")]
    assert "SCHEDULE 13D" in stripped
    assert not any(line.startswith("(Amendment No.") for line in stripped)
