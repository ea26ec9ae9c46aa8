"""The round-trip properties over every filing of tests/fixtures and ../shared/corpus:

- lossless: ``reconstruct(parse(x)) == x``, byte for byte (and for synthetic variants of the seed:
  CRLF, lone CR, tabs, form feeds, cp1252 and latin-1 bytes, no final newline, a UTF-8 BOM, an
  EDGAR submission of several documents);
- semantic round trip: ``IR(normalize(x)) == IR(x)`` as tests/semantic_ir.py defines it;
- fixed point: ``normalize(normalize(x)) == normalize(x)``, byte for byte;
- filings built from the IR by hypothesis round-trip to the same IR.

Files the source stage rejects (a header without its document, say) are skipped; the shared
corpus part is skipped where ../shared is absent (CI has only the repository).
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from corpus_files import FILES, FIXTURES, SEED, SHARED, SHARED_FILES
from hypothesis import HealthCheck, given, settings
from ir_strategies import filings
from semantic_ir import differences

from compiler import compile_filing
from compiler.backends.reconstruct import reconstruct, source_text
from compiler.backends.render import OutputFormat, render
from compiler.checks import check
from compiler.errors import CompilerError
from compiler.frontend.parser import parse
from compiler.frontend.source import read_source
from compiler.ir import Filing

# The only files the compiler refuses on purpose: EDGAR header-only extracts, with no document.
REJECTED = frozenset({"0001193125-24-275026.header-only.txt"})


@functools.cache
def compiled(path: Path) -> Filing | None:
    """The filing's IR, or None for a file of REJECTED; any other refusal fails the test."""
    try:
        return compile_filing(path.read_bytes(), path.name)
    except CompilerError:
        if path.name in REJECTED:
            return None
        raise


def normalize(data: bytes, name: str) -> str:
    return render(compile_filing(data, name), OutputFormat.TEXT)


def test_the_corpus_is_there() -> None:
    assert SEED in FIXTURES
    if not SHARED.is_dir():
        pytest.skip("../shared/corpus is not checked out beside the repository")
    assert len(SHARED_FILES) >= 30


# --- lossless reconstruction ----------------------------------------------------------------------


@pytest.mark.parametrize("path", FILES)
def test_lossless(path: Path) -> None:
    data = path.read_bytes()
    if path.name in REJECTED:
        pytest.skip("the source stage rejects this file (REJECTED)")
    document = read_source(data, path.name)
    assert reconstruct(parse(document)) == data


def _submission(document: bytes) -> bytes:
    """The seed inside an EDGAR submission, between two other documents."""
    return b"".join(
        [
            b"<SEC-DOCUMENT>0000950123-04-000345.txt : 20040105\r\n<SEC-HEADER>\r\n",
            b"ACCESSION NUMBER:\t\t0000950123-04-000345\r\n",
            b"CONFORMED SUBMISSION TYPE:\tSC 13D/A\r\n",
            b"</SEC-HEADER>\r\n<DOCUMENT>\r\n<TYPE>EX-99.1\r\n<TEXT>\r\nExhibit\tone\r\n</TEXT>\r\n",
            b"</DOCUMENT>\r\n<DOCUMENT>\n<TYPE>SC 13D/A\n<SEQUENCE>2\n<TEXT>\n",
            document,
            b"</TEXT>\n</DOCUMENT>\n<DOCUMENT>\r<TYPE>EX-99.2\r<TEXT>\rtwo\f\r</TEXT>\r</DOCUMENT>",
            b"\r\n</SEC-DOCUMENT>\r\n",
        ]
    )


VARIANTS = {
    "crlf": lambda seed: seed.replace(b"\n", b"\r\n"),
    "lone-cr": lambda seed: seed.replace(b"\n", b"\r"),
    "mixed-endings": lambda seed: seed.replace(b"\n", b"\r\n", 40).replace(b"\n\n", b"\n\r", 7),
    "tabs": lambda seed: seed.replace(b"        ", b"\t").replace(b"  \t", b" \t \t"),
    "form-feeds": lambda seed: seed.replace(b"<PAGE>\n", b"\f").replace(b"Item 4", b"\f\fItem 4"),
    "cp1252": lambda seed: seed.replace(b"Inc.", b"Inc.\x93\x94\x96\xe9"),
    "latin-1": lambda seed: seed.replace(b"Inc.", b"Inc.\x81\x8d\x9d"),
    "no-break-spaces-cp1252": lambda seed: seed.replace(b"    Item", b"\xa0\xa0  Item").replace(
        b"  $", b"\xa0\xa0$"
    ),
    "no-break-spaces-utf-8": lambda seed: seed.replace(b"Item 4", b"\xc2\xa0Item 4"),
    "no-final-newline": lambda seed: seed.rstrip(b"\n"),
    "trailing-blank-lines": lambda seed: seed + b"\n \n\t\r\n\r",
    "bom": lambda seed: b"\xef\xbb\xbf" + seed,
    "bom-crlf": lambda seed: b"\xef\xbb\xbf" + seed.replace(b"\n", b"\r\n"),
    "edgar-submission": _submission,
    "edgar-crlf-tabs": lambda seed: _submission(
        seed.replace(b"\n", b"\r\n").replace(b"   ", b"\t")
    ),
}


@pytest.mark.parametrize("variant", VARIANTS.values(), ids=VARIANTS.keys())
def test_lossless_variants(variant: object) -> None:
    assert callable(variant)
    data = variant(SEED.read_bytes())
    document = read_source(data, "variant.txt")
    assert reconstruct(parse(document)) == data


def test_lossless_keeps_the_normalized_lines_in_the_tokens() -> None:
    data = SEED.read_bytes().replace(b"\n", b"\r\n").replace(b"        ", b"\t")
    document = read_source(data, "seed-crlf-tabs.txt")
    tokens = list(parse(document).scan_values(lambda _: True))
    assert [str(t) for t in tokens] == list(document.lines)
    assert all("\t" not in str(t) and "\r" not in str(t) for t in tokens)
    # A line with a tab keeps its text as written; one without is its value and the usual CRLF.
    assert any(t.source and t.source.endswith("\r\n") and "\t" in t.source for t in tokens)
    assert document.frame is not None and document.frame.newline == "\r\n"
    assert any(t.source is None for t in tokens)
    assert source_text(parse(document)) == data.decode("utf-8")


# --- the normalized filing ------------------------------------------------------------------------


@pytest.mark.parametrize("path", FILES)
def test_semantic_round_trip(path: Path) -> None:
    original = compiled(path)
    if original is None:
        pytest.skip("the source stage rejects this file")
    again = compile_filing(render(original, OutputFormat.TEXT).encode("utf-8"), "normalized.txt")
    assert not differences(original, again)


@pytest.mark.parametrize("path", FILES)
def test_fixed_point(path: Path) -> None:
    original = compiled(path)
    if original is None:
        pytest.skip("the source stage rejects this file")
    once = render(original, OutputFormat.TEXT)
    assert normalize(once.encode("utf-8"), "normalized.txt") == once


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(filings())
def test_filings_built_from_the_ir_round_trip(filing: Filing) -> None:
    text = render(filing, OutputFormat.TEXT)
    again = compile_filing(text.encode("utf-8"), "generated.txt")
    assert not differences(check(filing), again), text
    assert render(again, OutputFormat.TEXT) == text
