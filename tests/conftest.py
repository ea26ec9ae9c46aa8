"""Test helpers shared by several test modules (pytest puts this folder on sys.path)."""

from __future__ import annotations

from pathlib import Path

from compiler.ir import Filing

FIXTURES = Path(__file__).resolve().parent / "fixtures"
# EDGAR's Schedule 13D/13G XML filings with their gold files (a copy of ../shared/corpus/xml).
XML_FIXTURES = sorted((FIXTURES / "xml").glob("*.xml"))


def submission_around(document: bytes, document_type: str, exhibit: bytes = b"") -> bytes:
    """An EDGAR submission (.txt) holding ``document`` as its <XML> document, and ``exhibit`` as
    a second document when given: the wrapper EDGAR puts around an XML-era filing."""
    parts = [
        b"<SEC-DOCUMENT>0000950123-25-000001.txt : 20250116\n",
        b"<SEC-HEADER>0000950123-25-000001.hdr.sgml : 20250116\n",
        b"ACCESSION NUMBER:\t\t0000950123-25-000001\n",
        b"CONFORMED SUBMISSION TYPE:\t" + document_type.encode() + b"\n",
        b"FILED AS OF DATE:\t\t20250116\n",
        b"</SEC-HEADER>\n",
        b"<DOCUMENT>\n<TYPE>" + document_type.encode() + b"\n<SEQUENCE>1\n",
        b"<FILENAME>primary_doc.xml\n<TEXT>\n<XML>\n",
        document.lstrip(),
        b"\n</XML>\n</TEXT>\n</DOCUMENT>\n",
    ]
    if exhibit:
        parts += [
            b"<DOCUMENT>\n<TYPE>EX-99.1\n<SEQUENCE>2\n<FILENAME>ex99.txt\n<TEXT>\n",
            exhibit,
            b"\n</TEXT>\n</DOCUMENT>\n",
        ]
    parts.append(b"</SEC-DOCUMENT>\n")
    return b"".join(parts)


# Every corpus fixture a filing: text, HTML and XML (the partial/ header has no document).
FILING_FIXTURES = sorted(
    path
    for folder in ("seed", "authored", "13g", "html", "xml")
    for path in (FIXTURES / folder).iterdir()
    if path.suffix.lower() in {".txt", ".htm", ".html", ".xml"}
)


def filing_facts(filing: Filing) -> dict[str, object]:
    """What EDGAR's XML holds of a filing, as comparable values: the facts a round trip through
    ``--to sec-xml`` must keep (tests/test_sec_xml.py)."""
    return {
        "form": filing.form,
        "amendment_number": filing.amendment_number,
        "issuer": filing.issuer.name,
        "title": filing.security.title,
        "cusips": filing.security.cusips,
        "event_date": filing.event_date,
        "previously_filed_13g": filing.previously_filed_13g,
        "persons": [
            (
                p.name,
                p.member_of_group,
                p.source_of_funds,
                p.legal_proceedings,
                p.citizenship_code,
                p.sole_voting_power,
                p.shared_voting_power,
                p.sole_dispositive_power,
                p.shared_dispositive_power,
                p.aggregate_amount,
                p.excludes_certain_shares,
                p.percent_of_class,
                p.type_of_reporting_person,
                p.footnotes,
            )
            for p in filing.reporting_persons
        ],
        "transactions": [(t.date, t.shares, t.price) for t in filing.transactions],
        "signature_dates": [s.date for s in filing.signatures],
        "rule_designations": filing.rule_designations,
        "item3_person_types": filing.item3_person_types,
    }
