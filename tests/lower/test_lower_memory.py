"""The lowering reads a filing's lines from the parse tree's tokens only, never from
``Document.lines``: a caller may drop the document's line texts once the tree holds them (one
copy of the filing's text fewer while it is lowered), and compile_filing does. The lowering reads
the tokens themselves (str subclasses) as the lines' text, so the IR is also checked to hold
plain strings only: a token there would keep its tree alive and pickle as a Lark token. Checked
over every filing of tests/fixtures and ../shared/corpus, and over variants of the seed whose
lines need column maps (tabs, form feeds) or whose spans end past a line's last column.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from enum import Enum
from pathlib import Path

import pytest
from corpus_files import FILES, SEED

from compiler import compile_filing
from compiler.errors import CompilerError
from compiler.frontend.parser import parse
from compiler.frontend.source import read_source
from compiler.ir import Filing
from compiler.lower import lower

VARIANTS = {
    "tabs": lambda seed: seed.replace(b"        ", b"\t").replace(b"  \t", b" \t \t"),
    "form-feeds": lambda seed: seed.replace(b"<PAGE>\n", b"\f").replace(b"Item 4", b"\f\fItem 4"),
    "crlf-tabs": lambda seed: seed.replace(b"\n", b"\r\n").replace(b"   ", b"\t"),
}


def _lowered(data: bytes, name: str, *, keep_lines: bool) -> Filing | str:
    """The filing's IR, or the error that refused it (as text)."""
    try:
        document = read_source(data, name)
    except CompilerError:
        pytest.skip("the source stage rejects this file")
    tree = parse(document)
    if not keep_lines:
        document = dataclasses.replace(document, lines=())
    try:
        return lower(tree, document)
    except CompilerError as error:
        return f"{type(error).__name__}: {error}"


def _assert_same_without_lines(data: bytes, name: str) -> None:
    assert _lowered(data, name, keep_lines=False) == _lowered(data, name, keep_lines=True)


@pytest.mark.parametrize("path", FILES)
def test_lowering_needs_no_document_lines(path: Path) -> None:
    _assert_same_without_lines(path.read_bytes(), path.name)


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_lowering_needs_no_document_lines_with_column_maps(variant: str) -> None:
    _assert_same_without_lines(VARIANTS[variant](SEED.read_bytes()), f"{variant}.txt")


def _strings(value: object) -> Iterator[object]:
    """Every str (and str subclass) in an IR value, enums excepted."""
    if isinstance(value, Enum):
        return
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from _strings(getattr(value, field.name))
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, Mapping):  # dicts, and the LineSpans of a trade row
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)


@pytest.mark.parametrize("path", FILES)
def test_the_ir_holds_plain_strings(path: Path) -> None:
    try:
        filing = compile_filing(path.read_bytes(), path.name)
    except CompilerError:
        pytest.skip("13dc refuses this file")
    found = list(_strings(filing))
    assert found, "the walk found no text at all"
    assert [s for s in found if type(s) is not str] == []
