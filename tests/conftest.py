"""Shared test helpers: the XML fixtures and the facts a --to sec-xml round trip keeps; the
filings and pages of the ``--to html`` tests, a headless Chromium for
the ``browser`` tests, and PNG pixel counting.

The browser is Debian's ``chromium`` driven through its ``chromium-driver`` by Selenium, pointed
at the system binaries: nothing downloads a browser. Where they are missing the ``browser`` tests
skip, saying so, except under ``THIRTEENDC_BROWSER_TESTS=required`` (set by ``.ci/run``, which
installs them), where a missing browser fails the tests instead of skipping them.
"""

from __future__ import annotations

import html
import os
import shutil
import struct
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from compiler.ir import Filing
from tests.minimal_filing import minimal_13d

ROOT = Path(__file__).resolve().parent.parent
# The seed filing (the same bytes as examples/seed-8x8-13da.txt), with its gold file beside it.
SEED = ROOT / "tests" / "fixtures" / "seed" / "000_16ffad13912a4479.txt"
# The 27-person HTML filing of the corpus (27 cover pages, a 2016 13D in EDGAR HTML).
CYBERGY = ROOT / "tests" / "data" / "pranabislam-CybergyHTML.com.html"
HOSTILE = (
    "<script>document.title='pwned';alert(1)</script> "
    "<img src=x onerror=\"document.title='pwned'\"> </pre><script>alert(2)</script> "
    '" onmouseover="document.title=\'pwned\'" x="'
)


def page_of(data: bytes, name: str = "filing.txt") -> str:
    """The ``--to html`` page of ``data``."""
    # (Imported here: every test session loads this file, most never render a page.)
    from compiler.backends.html_source import compile_view
    from compiler.backends.html_view import render_view

    return render_view(compile_view(data, name))


def hostile_filing() -> bytes:
    """The minimal 13D with script, event-handler and </pre> injections in its issuer's name
    (title, header, tooltips, record) and in its Item 5 text."""
    data = minimal_13d(item5_text=HOSTILE).decode("utf-8")
    return data.replace("Acme Widgets, Inc.", "Acme " + HOSTILE).encode("utf-8")


def hostile_html_filing() -> bytes:
    """An HTML filing whose own markup holds a script in its head and the injections after its
    text: the page shows that source, and must show it as text."""
    body = html.escape(minimal_13d().decode("utf-8"))
    return (
        "<html><head><script>document.title='pwned'</script></head><body><pre>"
        f"{body}</pre>{HOSTILE}</body></html>"
    ).encode()


CHROMIUM = os.environ.get("THIRTEENDC_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("THIRTEENDC_CHROMEDRIVER", "/usr/bin/chromedriver")
REQUIRED_ENV = "THIRTEENDC_BROWSER_TESTS"


def _missing_browser() -> str | None:
    """Why the browser tests cannot run here, or None."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]')"
    for path, package in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")):
        if not (os.path.isfile(path) or shutil.which(path)):
            return f"{path} not found: apt-get install {package}"
    return None


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """A headless Chromium (Selenium WebDriver), one per test session."""
    missing = _missing_browser()
    if missing is not None:
        if os.environ.get(REQUIRED_ENV) == "required":
            pytest.fail(f"{REQUIRED_ENV}=required but {missing}")
        pytest.skip(f"browser tests need Debian's chromium and chromium-driver: {missing}")
    # The driver's path is given, so Selenium has nothing to look up; offline says it again.
    os.environ.setdefault("SE_OFFLINE", "true")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless=new",
        "--no-sandbox",  # CI runs as root, where Chromium's sandbox cannot start
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1400,900",
    ):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def _unfilter(data: bytes, width: int, height: int, bpp: int) -> list[bytes]:
    """The scanlines of a non-interlaced 8-bit PNG image (PNG spec, section 9: filters)."""
    stride = width * bpp
    rows: list[bytes] = []
    previous = bytearray(stride)
    at = 0
    for _ in range(height):
        kind, line = data[at], bytearray(data[at + 1 : at + 1 + stride])
        at += 1 + stride
        for i in range(stride):
            left = line[i - bpp] if i >= bpp else 0
            up = previous[i]
            corner = previous[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                best = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[i] = (line[i] + best) & 0xFF
        rows.append(bytes(line))
        previous = line
    return rows


def png_colours(png: bytes, step: int = 4) -> int:
    """How many distinct colours a screenshot has (every ``step``-th pixel of every ``step``-th
    row): 1 for a blank page. Handles the 8-bit RGB and RGBA PNGs browsers write."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    at, idat = 8, b""
    width = height = depth = colour = 0
    while at < len(png):
        (length,) = struct.unpack(">I", png[at : at + 4])
        kind, body = png[at + 4 : at + 8], png[at + 8 : at + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat += body
        at += 12 + length
    assert depth == 8 and colour in (2, 6), f"unsupported PNG (depth {depth}, colour {colour})"
    bpp = 3 if colour == 2 else 4
    rows = _unfilter(zlib.decompress(idat), width, height, bpp)
    return len({row[x * bpp : x * bpp + 3] for row in rows[::step] for x in range(0, width, step)})


FIXTURES = Path(__file__).resolve().parent / "fixtures"
# EDGAR's Schedule 13D/13G XML filings with their gold files (a copy of ../shared/corpus/xml).
XML_FIXTURES = sorted((FIXTURES / "xml").glob("*.xml"))
# Every XML-era fixture with a gold file: the bare XML documents and the EDGAR submissions
# (.txt) around one.
XML_GOLD_CASES = sorted(
    path for path in (FIXTURES / "xml").iterdir() if path.suffix.lower() in {".xml", ".txt"}
)


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
    ``--to sec-xml`` must keep (tests/backends/test_sec_xml.py)."""
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


# --- paths, the CLI in-process, every filing (the robustness and round-trip tests) -------------

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
SHARED_CORPUS = REPO.parent / "shared" / "corpus"
EXAMPLE = REPO / "examples" / "seed-8x8-13da.txt"  # the README's bundled filing


def run_cli(*args: str, stdin: bytes | None = None) -> Any:
    """``13dc ARGS`` in this process through Typer's test runner (stdout and stderr apart)."""
    from typer.testing import CliRunner

    from compiler.cli import app as cli

    return CliRunner().invoke(cli.app, list(args), input=stdin, prog_name="13dc")


def filing_paths() -> list[Path]:
    """Every filing of the fixtures and, where it is beside the worktree, of the shared corpus
    (plain text and HTML; the XML folder is another reader's)."""
    roots = [
        FIXTURES,
        *(SHARED_CORPUS / name for name in ("seed", "authored", "13g", "html", "13d")),
    ]
    return [
        path
        for root in roots
        if root.is_dir()
        for path in sorted(root.rglob("*"))
        if path.suffix in {".txt", ".htm", ".html"} and "partial" not in path.parts
    ]
