"""The filings the round-trip, parser and memory tests run over: every filing of tests/fixtures
and, when it is checked out beside the repository, of ../shared/corpus, as pytest parameters."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent


SHARED = ROOT.parent.parent / "shared" / "corpus"


SUFFIXES = (".txt", ".htm", ".html")


SEED = ROOT / "fixtures" / "seed" / "000_16ffad13912a4479.txt"


def corpus(base: Path) -> list[Path]:
    """The text and HTML filings under ``base``. The xml/ folder's are XML-era filings, an EDGAR
    .txt around one included: read from their element tree, with no line tree to reconstruct or
    normalize (tests/lower/test_xml_*.py and tests/backends/test_sec_xml.py test them)."""
    if not base.is_dir():
        return []
    return sorted(
        p
        for p in base.rglob("*")
        if p.suffix.lower() in SUFFIXES and p.is_file() and p.relative_to(base).parts[0] != "xml"
    )


FIXTURES = corpus(ROOT / "fixtures")


SHARED_FILES = corpus(SHARED)


FILES = [pytest.param(p, id=f"fixtures/{p.relative_to(ROOT / 'fixtures')}") for p in FIXTURES] + [
    pytest.param(p, id=f"shared/{p.relative_to(SHARED)}") for p in SHARED_FILES
]
