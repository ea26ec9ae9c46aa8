"""Chains of filings with known truth, generated from the corpus's IR, for the positions tests.

The seed filing (STMicroelectronics' 13D/A on 8x8, Inc.) is compiled once; each filing of a chain
is that IR with the form, amendment number, dates, reporting persons and share counts changed,
rendered to text by the normalized-text backend and, where the chain says so, wrapped in an EDGAR
submission whose header gives the accession number, the filing date and the filer and
subject-company CIKs. One filing is the seed file as filed, so a chain crosses house styles. The
chains cover a 13G -> 13D switch, an amendment gap, a repeated
amendment number, a row left blank ("not reported") next to a 0 (an exit), a filing without its
EDGAR header inside a CIK chain, two holders (two reporting persons each) in the same issuer, and
a chain that goes on from legacy text into the XML era (PL-4, written by ``--to sec-xml``).
The expected links, changes and events are written out by hand in ``EXPECTED``: nothing here
computes them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

from compiler import compile_filing
from compiler.backends.render import OutputFormat, render
from compiler.ir import Filing, ReportingPerson, SourceOfFunds

SEED = Path(__file__).resolve().parent / "fixtures" / "seed" / "000_16ffad13912a4479.txt"
CUSIP = "282912104"
ISSUER_CIK = "0001023731"
ST_CIK = "0000932787"


@dataclass(frozen=True)
class Holding:
    name: str
    shares: int | None  # rows 7, 9 and 11 (None: the rows are left blank)
    percent: Decimal | None


@dataclass(frozen=True)
class ChainFiling:
    label: str
    form: str  # SC 13D, SC 13D/A, SC 13G, SC 13G/A
    amendment: int | None
    event_date: dt.date
    holdings: tuple[Holding, ...]
    accession: str | None = None  # with an EDGAR header (filing date, CIKs) when given
    filed: dt.date | None = None
    filer_cik: str | None = None
    filer_name: str = "STMICROELECTRONICS NV"
    # The seed file itself, in its filing agent's own layout, instead of the normalized rendering
    # (the spec must say what the seed says: checked by ``document``).
    as_filed: bool = False
    # An XML-era filing (EDGAR's Schedule 13D/13G XML, written by --to sec-xml), as filed since
    # December 2024: the chain crosses from legacy text to XML.
    xml: bool = False


def _st(shares: int | None, percent: str | None, name: str = "STMicroelectronics N.V.") -> Holding:
    return Holding(name, shares, None if percent is None else Decimal(percent))


D = dt.date
# Holder 1, STMicroelectronics, files with EDGAR headers (linked by CIK), except ST-4, whose
# header is lost: it joins the CIK chain by name and CUSIP. ST-4 is the seed file as filed (its
# own house style, running headers and trade table), the others the normalized layout. Holder 2,
# Pelham Lane (a fund and its manager on each cover), files without headers: linked by name and
# CUSIP.
CHAIN: tuple[ChainFiling, ...] = (
    ChainFiling("ST-1", "SC 13G", None, D(2002, 12, 31), (_st(1_750_000, "5.1"),),
                "0000932787-03-000011", D(2003, 2, 10), ST_CIK),
    ChainFiling("ST-2", "SC 13G/A", 1, D(2003, 6, 30), (_st(2_000_000, "5.8"),),
                "0000932787-03-000042", D(2003, 7, 8), ST_CIK),
    ChainFiling("ST-3", "SC 13D", None, D(2003, 9, 15),
                (_st(2_900_000, "8.4", "STMICROELECTRONICS, N.V."),),
                "0000932787-03-000077", D(2003, 9, 25), ST_CIK),
    ChainFiling("ST-4", "SC 13D/A", 1, D(2003, 12, 23), (_st(2_202_000, "6.41"),),
                as_filed=True),
    ChainFiling("ST-5", "SC 13D/A", 3, D(2004, 4, 1), (_st(None, "6.41"),),
                "0000932787-04-000020", D(2004, 4, 5), ST_CIK),
    ChainFiling("ST-6", "SC 13D/A", 4, D(2004, 8, 2), (_st(1_000_000, "2.9"),),
                "0000932787-04-000051", D(2004, 8, 4), ST_CIK),
    ChainFiling("ST-7", "SC 13D/A", 5, D(2005, 1, 14), (_st(0, "0"),),
                "0000932787-05-000003", D(2005, 1, 18), ST_CIK),
    ChainFiling("PL-1", "SC 13D", None, D(2003, 10, 1), (
        Holding("Pelham Lane Capital, L.P.", 1_900_000, Decimal("5.5")),
        Holding("Jonas Pelham", 1_950_000, Decimal("5.6")),
    )),
    ChainFiling("PL-2", "SC 13D/A", 1, D(2004, 2, 2), (
        Holding("PELHAM LANE CAPITAL LP", 2_400_000, Decimal("6.9")),
        Holding("Jonas Pelham", 2_450_000, Decimal("7.0")),
    )),
    ChainFiling("PL-3", "SC 13D/A", 1, D(2004, 3, 1), (
        Holding("Pelham Lane Capital L.P.", 2_400_000, Decimal("6.9")),
        Holding("Jonas Pelham", 2_300_000, Decimal("6.6")),
    )),
    ChainFiling("PL-4", "SC 13D/A", 2, D(2025, 1, 15), (
        Holding("Pelham Lane Capital, L.P.", 2_600_000, Decimal("7.5")),
        Holding("Jonas Pelham", 2_650_000, Decimal("7.6")),
    ), xml=True),
)  # fmt: skip

# The amendment that ST-5's gap misses, for the test that appends it.
MISSING = ChainFiling("ST-4b", "SC 13D/A", 2, D(2004, 1, 20), (_st(2_100_000, "6.1"),),
                      "0000932787-04-000004", D(2004, 1, 22), ST_CIK)  # fmt: skip

# (label, holder_key, chain_position, link_method, previous label, shares_change, percent_change,
#  days_since_previous, change_kind, form_switch, amendment_issue, amendments_missing)
Expected = tuple[
    str, str, int, str | None, str | None, int | None, Decimal | None, int | None, str,
    str | None, str | None, int | None,
]  # fmt: skip
ST, PL, JP = "STMICROELECTRONICS NV", "PELHAM LANE CAPITAL LP", "JONAS PELHAM"
EXPECTED: tuple[Expected, ...] = (
    ("ST-1", ST, 1, None, None, None, None, None, "first", None, None, None),
    ("ST-2", ST, 2, "cik", "ST-1", 250_000, Decimal("0.7"), 181, "increase", None, None, None),
    ("ST-3", ST, 3, "cik", "ST-2", 900_000, Decimal("2.6"), 77, "increase", "13G->13D", None,
     None),
    ("ST-4", ST, 4, "name_cusip", "ST-3", -698_000, Decimal("-1.99"), 99, "decrease", None, None,
     None),
    ("ST-5", ST, 5, "name_cusip", "ST-4", None, Decimal("0"), 100, "not_reported", None, "gap",
     1),
    ("ST-6", ST, 6, "cik", "ST-5", None, Decimal("-3.51"), 123, "not_reported", None, None, None),
    ("ST-7", ST, 7, "cik", "ST-6", -1_000_000, Decimal("-2.9"), 165, "exit", None, None, None),
    ("PL-1", PL, 1, None, None, None, None, None, "first", None, None, None),
    ("PL-1", JP, 1, None, None, None, None, None, "first", None, None, None),
    ("PL-2", PL, 2, "name_cusip", "PL-1", 500_000, Decimal("1.4"), 124, "increase", None, None,
     None),
    ("PL-2", JP, 2, "name_cusip", "PL-1", 500_000, Decimal("1.4"), 124, "increase", None, None,
     None),
    ("PL-3", PL, 3, "name_cusip", "PL-2", 0, Decimal("0"), 28, "unchanged", None, "repeat", None),
    ("PL-3", JP, 3, "name_cusip", "PL-2", -150_000, Decimal("-0.4"), 28, "decrease", None,
     "repeat", None),
    ("PL-4", PL, 4, "name_cusip", "PL-3", 200_000, Decimal("0.6"), 7625, "increase", None, None,
     None),
    ("PL-4", JP, 4, "name_cusip", "PL-3", 350_000, Decimal("1.0"), 7625, "increase", None, None,
     None),
)  # fmt: skip


@cache
def seed_filing() -> Filing:
    return compile_filing(SEED.read_bytes(), str(SEED))


def _person(template: ReportingPerson, holding: Holding, form: str) -> ReportingPerson:
    thirteen_g = "13G" in form
    return dataclasses.replace(
        template,
        name=holding.name,
        source_of_funds=None if thirteen_g else (SourceOfFunds.WC,),
        legal_proceedings=None if thirteen_g else False,
        sole_voting_power=holding.shares,
        shared_voting_power=None if holding.shares is None else 0,
        sole_dispositive_power=holding.shares,
        shared_dispositive_power=None if holding.shares is None else 0,
        aggregate_amount=holding.shares,
        percent_of_class=holding.percent,
        cover_cusips=(CUSIP,),
        footnotes=(),
    )


def document(spec: ChainFiling) -> str:
    """The filing's text: the normalized rendering of the seed IR with the spec's changes, or the
    seed file as filed."""
    seed = seed_filing()
    if spec.as_filed:
        person = seed.reporting_persons[0]
        facts = (seed.form, seed.amendment_number, seed.event_date)
        assert facts == (spec.form, spec.amendment, spec.event_date)
        assert [(person.name, person.aggregate_amount, person.percent_of_class)] == [
            (h.name, h.shares, h.percent) for h in spec.holdings
        ]
        return SEED.read_text(encoding="utf-8")
    filing = dataclasses.replace(
        seed,
        form=spec.form,
        amendment_number=spec.amendment,
        event_date=spec.event_date,
        previously_filed_13g=None if "13G" in spec.form else spec.label == "ST-3",
        reporting_persons=tuple(
            _person(seed.reporting_persons[0], h, spec.form) for h in spec.holdings
        ),
        transactions=(),
        page_headers=(),
        diagnostics=(),
    )
    return render(filing, OutputFormat.SEC_XML if spec.xml else OutputFormat.TEXT)


def submission(spec: ChainFiling) -> str:
    """The filing as EDGAR served it (header, then the document), or the bare document."""
    text = document(spec)
    if spec.accession is None:
        return text
    assert spec.filed is not None and spec.filer_cik is not None
    filed = spec.filed.strftime("%Y%m%d")
    header = f"""<SEC-DOCUMENT>{spec.accession}.txt : {filed}
<SEC-HEADER>{spec.accession}.hdr.sgml : {filed}
ACCESSION NUMBER:\t\t{spec.accession}
CONFORMED SUBMISSION TYPE:\t{spec.form}
PUBLIC DOCUMENT COUNT:\t\t1
FILED AS OF DATE:\t\t{filed}

SUBJECT COMPANY:\t

\tCOMPANY DATA:\t
\t\tCOMPANY CONFORMED NAME:\t\t\t8X8 INC /DE/
\t\tCENTRAL INDEX KEY:\t\t\t{ISSUER_CIK}

\tFILING VALUES:
\t\tFORM TYPE:\t\t{spec.form}

FILED BY:\t\t

\tCOMPANY DATA:\t
\t\tCOMPANY CONFORMED NAME:\t\t\t{spec.filer_name}
\t\tCENTRAL INDEX KEY:\t\t\t{spec.filer_cik}

\tFILING VALUES:
\t\tFORM TYPE:\t\t{spec.form}
</SEC-HEADER>
"""
    return header + text + ("" if text.endswith("\n") else "\n") + "</SEC-DOCUMENT>\n"


def write_chain(directory: Path, specs: tuple[ChainFiling, ...] = CHAIN) -> dict[str, str]:
    """Write each filing as ``LABEL.txt`` (``LABEL.xml`` for an XML-era one); the label of each
    file name, for reading results."""
    directory.mkdir(parents=True, exist_ok=True)
    labels: dict[str, str] = {}
    for spec in specs:
        path = directory / f"{spec.label}.{'xml' if spec.xml else 'txt'}"
        path.write_text(submission(spec), encoding="utf-8")
        labels[str(path)] = spec.label
    return labels
