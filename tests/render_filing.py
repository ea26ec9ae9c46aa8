"""A complete hand-built Filing for the render tests: 2 reporting persons, transactions, an
annex, signatures, an exhibit, diagnostics, and text cells that look like spreadsheet formulas."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any

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


def complete_filing() -> Filing:
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


def replace(filing: Filing, **changes: Any) -> Filing:
    return dataclasses.replace(filing, **changes)
