"""Signature blocks in the families filers write them (tests/fixtures/signatures/*.fixture): each
example's block ends a small clean 13D, and the filing's signatures must read as the fixture
says, one line per signature: ``signer | title | entity | date`` (``-`` for none)."""

from __future__ import annotations

import pytest
from conftest import FIXTURES
from fixture_blocks import Example, read_examples
from minimal_filing import minimal_13d

from compiler import compile_filing

EXAMPLES = [
    example
    for path in sorted((FIXTURES / "signatures").glob("*.fixture"))
    for example in read_examples(path)
]
_BODY = minimal_13d().decode("utf-8")
_BEFORE_SIGNATURE = _BODY[: _BODY.index("                                   SIGNATURE")]


def _shown(value: object) -> str:
    return "-" if value is None else str(value)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda example: example.id)
def test_signature_fixture(example: Example) -> None:
    data = (_BEFORE_SIGNATURE + example.text + "\n").encode("utf-8")
    filing = compile_filing(data, "signature.txt")
    shown = [
        " | ".join(_shown(v) for v in (s.signer, s.title, s.entity, s.date))
        for s in filing.signatures
    ]
    assert "\n".join(shown) == example.expected


def test_there_are_signature_examples() -> None:
    assert len(EXAMPLES) >= 6
