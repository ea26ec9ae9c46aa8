"""Test helpers shared by several test modules (pytest puts this folder on sys.path)."""

from __future__ import annotations

from pathlib import Path

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
