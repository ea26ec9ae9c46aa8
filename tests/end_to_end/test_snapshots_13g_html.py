"""IR snapshots of the Schedule 13G and HTML fixtures (the authored 13D ones are in
test_corpus.py), and their gold answers: a grammar change that moves a value of these layout
families shows as a reviewable snapshot diff too."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import FIXTURES
from gold_compare import compare
from snapshot_formats import JsonSnapshot
from syrupy.assertion import SnapshotAssertion

from compiler import compile_filing
from compiler.backends.render import OutputFormat, render

FILINGS = sorted(
    [*(FIXTURES / "13g").glob("*.txt"), *(FIXTURES / "html").glob("*.htm*")],
    key=lambda path: path.name,
)


def rendered(path: Path) -> str:
    name = f"{path.parent.name}/{path.name}"
    return render(compile_filing(path.read_bytes(), name), OutputFormat.JSON)


@pytest.mark.parametrize("path", FILINGS, ids=[path.stem for path in FILINGS])
def test_ir_snapshot(snapshot: SnapshotAssertion, path: Path) -> None:
    assert rendered(path) == snapshot.use_extension(JsonSnapshot)


@pytest.mark.parametrize("path", FILINGS, ids=[path.stem for path in FILINGS])
def test_gold(path: Path) -> None:
    gold = json.loads(path.with_suffix(".gold.json").read_text())
    wrong = [row for row in compare(gold, json.loads(rendered(path))) if not row[2]]
    assert wrong == []
