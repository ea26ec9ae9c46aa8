"""What counts as a filing (compiler.acceptance and the source stage's title rule): documents
that are not a Schedule 13D or 13G are refused with one line and exit 2; every real filing, and an
amendment that restates only Items, is accepted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import REPO, SEED, filing_paths, run_cli
from minimal_filing import minimal_13d

from compiler import compile_filing
from compiler.backends.render import OutputFormat, render
from compiler.errors import InputError, NotAFilingError

NOT_FILINGS = {
    "readme": (REPO / "README.md").read_bytes(),
    "pyproject": (REPO / "pyproject.toml").read_bytes(),
    "gold-json": SEED.with_suffix(".gold.json").read_bytes(),
    "three-bytes": b"13D",
    "issuer-line-and-annex": b"\tName of Issuer: Foo Corp\nANNEX A\n",
    "prose-naming-the-form": b"A memo.\nEvery Schedule 13D filing names an issuer.\nItem 1.\n",
    # A title alone, and a title with only a preamble: no issuer, no cover page, no Item.
    "title-only": b"                  SCHEDULE 13D\n",
    "title-and-prose": b"SCHEDULE 13D/A\n\nThis page intentionally left blank.\n",
    "typed-but-empty": b"<SEC-DOCUMENT>\n<DOCUMENT>\n<TYPE>SC 13D\n<TEXT>\nHello.\n</TEXT>\n"
    b"</DOCUMENT>\n</SEC-DOCUMENT>\n",
}


@pytest.mark.parametrize("name", list(NOT_FILINGS))
def test_not_a_filing_is_one_line_and_exit_2(tmp_path: Path, name: str) -> None:
    path = tmp_path / f"{name}.txt"
    path.write_bytes(NOT_FILINGS[name])
    result = run_cli("compile", str(path), "--to", "csv")
    assert result.exit_code == 2, result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"{path}: error: not a Schedule 13D or 13G filing"), lines[0]


@pytest.mark.parametrize("name", list(NOT_FILINGS))
def test_not_a_filing_is_an_input_error_for_the_api(name: str) -> None:
    with pytest.raises(InputError, match="not a Schedule 13D or 13G filing"):
        compile_filing(NOT_FILINGS[name], name)


def test_check_refuses_a_document_without_a_filings_parts(tmp_path: Path) -> None:
    path = tmp_path / "title-only.txt"
    path.write_bytes(NOT_FILINGS["title-and-prose"])
    result = run_cli("check", str(path))
    assert result.exit_code == 2
    assert "not a Schedule 13D or 13G filing" in result.stderr


ITEMS_ONLY = b"""\
                                 SCHEDULE 13D/A
                                (Amendment No. 4)

This Amendment No. 4 amends the Schedule 13D filed on March 3, 2020. Only the Items
below are amended.

Item 4.  Purpose of Transaction.

     The Reporting Person intends to sell its shares.

Item 5.  Interest in Securities of the Issuer.

     The Reporting Person no longer owns any shares.
"""


def test_an_amendment_restating_only_items_is_a_filing() -> None:
    filing = compile_filing(ITEMS_ONLY, "amendment.txt")
    assert [item.number for item in filing.items] == ["4", "5"]
    assert filing.reporting_persons == ()


def test_an_edgar_type_stands_for_the_title() -> None:
    """A submission typed SC 13D whose text has no "SCHEDULE 13D" line is still a filing."""
    body = b"\n".join(line for line in ITEMS_ONLY.splitlines() if b"SCHEDULE" not in line)
    data = (
        b"<SEC-DOCUMENT>\n<DOCUMENT>\n<TYPE>SC 13D/A\n<TEXT>\n" + body + b"\n</TEXT>\n</DOCUMENT>\n"
    )
    assert [item.number for item in compile_filing(data, "typed.txt").items] == ["4", "5"]
    with pytest.raises(InputError, match="not a Schedule 13D"):
        compile_filing(body, "untyped.txt")


def test_a_title_with_an_issuer_is_a_filing() -> None:
    data = b"SCHEDULE 13D\n\n   Acme Widgets, Inc.\n  (Name of Issuer)\n"
    assert compile_filing(data, "title.txt").issuer.name == "Acme Widgets, Inc."


def test_the_not_a_filing_error_is_an_input_error() -> None:
    assert issubclass(NotAFilingError, InputError)


@pytest.mark.parametrize("path", filing_paths(), ids=lambda p: p.name)
def test_every_corpus_filing_is_accepted(path: Path) -> None:
    result = run_cli("compile", str(path), "--to", "json")
    assert result.exit_code in (0, 1), result.stderr
    assert json.loads(result.stdout)["form"].startswith("SC 13")


# --- the refusal messages -------------------------------------------------------------------


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_reported_as_utf16(codec: str) -> None:
    data = SEED.read_text(encoding="utf-8").encode(codec)
    assert not data.startswith((b"\xff\xfe", b"\xfe\xff"))
    with pytest.raises(InputError, match="UTF-16 text without a byte-order mark"):
        compile_filing(data, "utf16.txt")


def test_binary_with_nul_bytes_is_still_binary() -> None:
    with pytest.raises(InputError, match="binary file"):
        compile_filing(bytes(range(256)) * 8, "image.bin")


def test_a_document_without_a_type_and_text_names_no_python_none() -> None:
    data = b"<SEC-DOCUMENT>\n<SEC-HEADER>\nCONFORMED SUBMISSION TYPE:\tSC 13D\n</SEC-HEADER>\n"
    data += b"<DOCUMENT>\n<SEQUENCE>1\n</DOCUMENT>\n</SEC-DOCUMENT>\n"
    with pytest.raises(InputError) as info:
        compile_filing(data, "no-text.txt")
    assert "None" not in info.value.message
    assert info.value.message == "the chosen <DOCUMENT> has no <TEXT>"


@pytest.mark.parametrize(
    "title",
    [b"SCHEDULE 13D", b"Schedule 13D/A", b"SCHEDULE 13-D", b"SCHEDULE 13 D", b"* SCHEDULE 13G *"],
)
def test_form_titles_as_written(title: bytes) -> None:
    data = title + b"\n\n" + ITEMS_ONLY.split(b"\n", 2)[2]
    assert [item.number for item in compile_filing(data, "title.txt").items] == ["4", "5"]


@pytest.mark.parametrize("document_type", [b"S C 13D", b"SC TO-T/A"])
def test_a_document_type_not_the_schedules_is_not_the_form(document_type: bytes) -> None:
    """The submission's header says SC 13D, its document's <TYPE> another (misspelt, or a
    combined filing's other form): the form is the text's, which the normalized filing's <TYPE>
    line can say and read back (an "S C 13D" there was refused)."""
    data = b"<SEC-DOCUMENT>\n<SEC-HEADER>\nCONFORMED SUBMISSION TYPE:\tSC 13D\n</SEC-HEADER>\n"
    data += b"<DOCUMENT>\n<TYPE>" + document_type + b"\n<SEQUENCE>1\n<TEXT>\n"
    data += minimal_13d() + b"</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n"
    filing = compile_filing(data, "combined.txt")
    assert filing.form == "SC 13D"
    again = compile_filing(render(filing, OutputFormat.TEXT).encode(), "normalized.txt")
    assert again.form == "SC 13D"
