"""Truncated and incomplete filings (compiler.lower.completeness): each sign of a filing that
stops short is a diagnostic of severity error, so the compile exits 1 and the diagnostics table
flags it; complete filings raise none of them."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from conftest import FIXTURES, SEED, filing_paths, run_cli
from minimal_filing import minimal_13d

from compiler import compile_filing
from compiler.errors import CompilerError
from compiler.frontend.html_cut import open_table_at_end
from compiler.ir import Filing, Severity

CODES = {
    "SIGNATURE-MISSING",
    "ITEMS-MISSING",
    "PAGES-MISSING",
    "TABLE-UNCLOSED",
    "TRUNCATED-TEXT",
    "SIGNATURE-CUT",
}
SEED_LINES = SEED.read_bytes().splitlines(keepends=True)


def seed_until(marker: bytes, after: int = 0) -> bytes:
    """The seed filing up to the line holding ``marker``, plus ``after`` lines."""
    at = next(n for n, line in enumerate(SEED_LINES) if marker in line)
    return b"".join(SEED_LINES[: at + 1 + after])


def errors(filing: Filing) -> dict[str, str]:
    return {d.code: d.message for d in filing.diagnostics if d.severity is Severity.ERROR}


def test_a_cut_after_page_4_of_12_is_an_error(tmp_path: Path) -> None:
    """The issue's case: items ['2'] and no signature, once silently accepted."""
    path = tmp_path / "cut.txt"
    path.write_bytes(seed_until(b"Page 4 of 12", after=8))
    filing = compile_filing(path.read_bytes(), str(path))
    found = errors(filing)
    assert "SIGNATURE-MISSING" in found
    assert "PAGES-MISSING" in found
    assert "12 pages and the filing ends on page 4" in found["PAGES-MISSING"]
    result = run_cli("compile", str(path), "--to", "csv", "--table", "diagnostics")
    assert result.exit_code == 1
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    flagged = {row["code"] for row in rows if row["severity"] == "error"}
    assert {"SIGNATURE-MISSING", "PAGES-MISSING"} <= flagged


def test_a_cut_inside_an_edgar_table_is_an_error() -> None:
    filing = compile_filing(seed_until(b"<TABLE>", after=6), "cut.txt")
    assert "TABLE-UNCLOSED" in errors(filing)


def test_a_signature_heading_without_a_signer_is_an_error() -> None:
    filing = compile_filing(seed_until(b"  SIGNATURE", after=1), "cut.txt")
    assert "SIGNATURE-MISSING" in errors(filing)


def test_an_original_missing_items_is_an_error() -> None:
    data = minimal_13d().replace(b"Item 6.", b"Note 6.").replace(b"Item 7.", b"Note 7.")
    message = errors(compile_filing(data, "case.txt"))["ITEMS-MISSING"]
    assert "Items 6, 7 are missing" in message


def test_an_amendment_restating_some_items_is_complete() -> None:
    data = minimal_13d(amendment="(Amendment No. 2)").replace(b"Item 6.", b"Note 6.")
    assert errors(compile_filing(data, "case.txt")) == {}


def test_an_item_cut_mid_sentence_says_so() -> None:
    data = minimal_13d().split(b"Item 6.")[0]
    data = data.rstrip() + b"\n     The Reporting Person may acquire additional shares of the\n"
    message = errors(compile_filing(data, "case.txt"))["SIGNATURE-MISSING"]
    assert "inside Item 5 in mid-sentence" in message


def test_a_signed_filing_cut_mid_sentence_in_an_exhibit() -> None:
    exhibit = (
        b"\n<PAGE>\n                                   EXHIBIT 99.1\n\n"
        b"     The parties agree that each of them will file this statement on behalf of the\n"
    )
    data = minimal_13d() + exhibit
    assert "TRUNCATED-TEXT" in errors(compile_filing(data, "case.txt"))
    whole = data + b"     others, as the rules require.\n"
    assert errors(compile_filing(whole, "case.txt")) == {}


AGREEMENT = (
    b"\n<PAGE>\n                                   EXHIBIT 1\n\n"
    b"The undersigned agree to the joint filing on their behalf of this statement.\n\n"
    b"ACME PARTNERS, L.P.\n"
)


@pytest.mark.parametrize(
    ("cut", "rest"),
    [
        # A joint filing agreement cut under its signing entity's name.
        (minimal_13d() + AGREEMENT, b"By: /s/ Jane Q. Public\nName: Jane Q. Public\n"),
        # Cut under a signing line that names no one: who signed is lost.
        (minimal_13d() + AGREEMENT + b"By:\n", b"    /s/ Jane Q. Public\n"),
        (minimal_13d() + AGREEMENT + b"By: /s/\n", b"    Jane Q. Public\n"),
    ],
    ids=["entity caption", "by label", "by label and slash"],
)
def test_a_signature_block_cut_short_is_an_error(cut: bytes, rest: bytes) -> None:
    assert "SIGNATURE-CUT" in errors(compile_filing(cut, "cut.txt"))
    assert errors(compile_filing(cut + rest, "whole.txt")) == {}


@pytest.mark.parametrize("tenth", range(1, 10))
def test_every_tenth_cut_of_the_seed_is_refused_or_an_error(tenth: int) -> None:
    cut = b"".join(SEED_LINES[: len(SEED_LINES) * tenth // 10])
    try:
        filing = compile_filing(cut, "cut.txt")
    except CompilerError:
        return  # refused (before the title, or inside a cover page): exit 2
    assert errors(filing), f"cut at {tenth}/10 compiled without an error"


@pytest.mark.parametrize("path", filing_paths(), ids=lambda p: p.name)
def test_no_complete_filing_is_called_truncated(path: Path) -> None:
    filing = compile_filing(path.read_bytes(), str(path))
    assert not {d.code for d in filing.diagnostics} & CODES


@pytest.mark.parametrize(
    "together",
    [b"Items 6 and 7.  Not applicable.", b"Items 6 - 7.  None.", b"Items 6 through 7: None."],
)
def test_items_answered_together_are_not_missing(together: bytes) -> None:
    whole = minimal_13d()
    head, signature = whole.split(b"Item 6.")[0], whole.split(b"Item 7.")[1].split(b"None.", 1)[1]
    filing = compile_filing(head + together + b"\n" + signature, "case.txt")
    assert "ITEMS-MISSING" not in errors(filing)
    alone = compile_filing(head + b"Item 6.  None.\n" + signature, "case.txt")
    assert "Item 7 is missing" in errors(alone)["ITEMS-MISSING"]


def _wrapped(document: bytes, document_type: str, *, closed: bool = True) -> bytes:
    head = f"<DOCUMENT>\n<TYPE>{document_type}\n<SEQUENCE>1\n<FILENAME>d.txt\n<TEXT>\n"
    return head.encode() + document + (b"</TEXT>\n</DOCUMENT>\n" if closed else b"")


EXHIBIT = b"JOINT FILING AGREEMENT\n\nThe undersigned agree to file this statement jointly.\n"


def test_a_submission_cut_inside_its_exhibit_is_an_error() -> None:
    """A cut after the signature, at a sentence's end: only the open <TEXT> shows it."""
    whole = _wrapped(minimal_13d(), "SC 13D") + _wrapped(EXHIBIT, "EX-99.1")
    assert errors(compile_filing(whole, "whole.txt")) == {}
    cut = _wrapped(minimal_13d(), "SC 13D") + _wrapped(EXHIBIT, "EX-99.1", closed=False)
    found = errors(compile_filing(cut, "cut.txt"))
    assert list(found) == ["TEXT-UNCLOSED"]
    opened = len(cut.splitlines()) - EXHIBIT.count(b"\n")  # the exhibit's <TEXT> line
    assert f"a later document (EX-99.1) (opened at line {opened})" in found["TEXT-UNCLOSED"]


def test_a_submission_cut_inside_its_own_text_is_an_error() -> None:
    cut = _wrapped(minimal_13d(), "SC 13D", closed=False)
    found = errors(compile_filing(cut, "cut.txt"))
    assert "this document's <TEXT> (opened at line 5)" in found["TEXT-UNCLOSED"]
    # A missing </TEXT> before </DOCUMENT> is no cut: EDGAR ends the text there.
    unclosed_text = cut + b"</DOCUMENT>\n"
    assert "TEXT-UNCLOSED" not in errors(compile_filing(unclosed_text, "whole.txt"))


HTML_FILING = FIXTURES / "html" / "natereed-altera.html"


def test_an_html_filing_cut_inside_its_signature_table_is_an_error() -> None:
    """lxml closes what a cut HTML file leaves open; only the source shows the cut."""
    whole = HTML_FILING.read_bytes()
    assert "HTML-UNCLOSED" not in errors(compile_filing(whole, "whole.html"))
    last_table = whole.lower().rindex(b"<table")
    cut = whole[: whole.index(b"</tr>", last_table) + len(b"</tr>")] + b"\n"
    found = errors(compile_filing(cut, "cut.html"))
    opened = whole[:last_table].count(b"\n") + 1
    assert f"the table opened at line {opened}" in found["HTML-UNCLOSED"]


@pytest.mark.parametrize(
    ("html", "line"),
    [
        ("<html><body><table><tr><td>By: /s/ Jane Doe</td></tr>", 1),
        ("<html><body>\n<table><tr><td>a</td></tr></table>\n<table>\n<tr><td>b</td></tr>", 3),
        # Tables closed, end tags omitted (old hand-written HTML): complete.
        ("<html><body><table><tr><td>a</td></tr></table><p>Signed.</p>", None),
        # A table left open, but the body ended: the file was not cut there.
        ("<html><body><table><tr><td>a</td></tr></body></html>", None),
        # A commented-out table, or one in a script, is no markup; nor is an end tag there.
        ("<html><body><!-- <table>\n -->\n<p>Signed.</p>", None),
        ("<html><body><script>s = '<table>';</script><p>Signed.</p>", None),
        ("<html><body><!-- </body> -->\n<table><tr><td>a</td></tr>", 2),
        ("<html><body><table-of-contents>a</table-of-contents>", None),
    ],
)
def test_open_table_at_end(html: str, line: int | None) -> None:
    assert open_table_at_end(html.split("\n"), 1) == line
