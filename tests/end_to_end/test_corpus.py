"""The corpus fixtures end to end: every stage on every filing, gold comparison, snapshots and the
``--to text`` round trip.

Fixtures are copies of ``../shared/corpus/seed`` and ``../shared/corpus/authored`` (the layout
families are listed in the authored README), each ``NAME.txt`` with its ``NAME.gold.json``.

Snapshots (syrupy, one file per snapshot under ``tests/end_to_end/__snapshots__/test_corpus/``)
hold the exact rendered bytes: the seed in every format and CSV table, and the JSON output of every
authored fixture as its IR snapshot. After an intended change, regenerate them with
``pytest tests/end_to_end/test_corpus.py --snapshot-update`` and explain the diff in the commit
message.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES
from gold_compare import PERSON_FIELDS, compare
from snapshot_formats import CsvSnapshot, JsonSnapshot, RenderedSnapshot, TextSnapshot
from syrupy.assertion import SnapshotAssertion

from compiler import compile_filing
from compiler.backends.render import CsvTable, OutputFormat, render
from compiler.checks import check
from compiler.frontend.parser import parse
from compiler.frontend.source import read_source
from compiler.ir import Filing
from compiler.lower import lower

CORPUS_DIRS = ("seed", "authored")
FILINGS = sorted(path for folder in CORPUS_DIRS for path in (FIXTURES / folder).glob("*.txt"))
GOLD = [path for path in FILINGS if path.with_suffix(".gold.json").exists()]
SEED = FIXTURES / "seed" / "000_16ffad13912a4479.txt"
AUTHORED = [path for path in FILINGS if path.parent.name == "authored"]


def relative(path: Path) -> str:
    """``authored/NAME.txt``: the path given to the compiler, stable across checkouts."""
    return f"{path.parent.name}/{path.name}"


@functools.cache
def compiled(path: Path) -> Filing:
    return compile_filing(path.read_bytes(), relative(path))


def ids(paths: list[Path]) -> list[str]:
    return [path.stem for path in paths]


def test_fixtures_are_present() -> None:
    assert SEED in FILINGS
    assert len(AUTHORED) >= 8
    assert len(GOLD) == len(FILINGS)


# --- (a) every stage on every filing ------------------------------------------------------------


def test_every_fixture_goes_through_every_stage() -> None:
    failures: list[str] = []
    for path in FILINGS:
        stage = "read_source"
        try:
            document = read_source(path.read_bytes(), relative(path))
            stage = "parse"
            tree = parse(document)
            stage = "lower"
            filing = lower(tree, document)
            stage = "check"
            filing = check(filing)
            for fmt in (OutputFormat.JSON, OutputFormat.TEXT):
                stage = f"render {fmt}"
                render(filing, fmt)
            for table in CsvTable:
                stage = f"render csv --table {table}"
                render(filing, OutputFormat.CSV, table=table)
            stage = "compile_filing"
            compile_filing(path.read_bytes(), relative(path))
        except Exception as exc:
            failures.append(f"{relative(path)}: {stage}: {type(exc).__name__}: {exc}")
    assert not failures, "filings that failed:\n" + "\n".join(failures)


# --- (b) gold files -----------------------------------------------------------------------------


@pytest.mark.parametrize("path", GOLD, ids=ids(GOLD))
def test_matches_gold(path: Path) -> None:
    gold = json.loads(path.with_suffix(".gold.json").read_text(encoding="utf-8"))
    got = json.loads(render(compiled(path), OutputFormat.JSON))
    results = compare(gold, got)
    assert results, "the gold file checks nothing"
    wrong = [
        f"{pointer}: expected {expected!r}, got {actual!r}"
        for _, pointer, ok, expected, actual in results
        if not ok
    ]
    assert not wrong, f"{len(wrong)} of {len(results)} gold fields wrong:\n" + "\n".join(wrong)


# --- (c) snapshots ------------------------------------------------------------------------------


SEED_RENDERINGS = {
    "json": (OutputFormat.JSON, CsvTable.PERSONS, JsonSnapshot),
    **{
        f"csv-{table}": (OutputFormat.CSV, table, CsvSnapshot)
        for table in CsvTable  # persons, transactions, annex, items, diagnostics
    },
    "text": (OutputFormat.TEXT, CsvTable.PERSONS, TextSnapshot),
}


@pytest.mark.parametrize(
    ("fmt", "table", "extension"), SEED_RENDERINGS.values(), ids=SEED_RENDERINGS.keys()
)
def test_seed_rendering_snapshot(
    snapshot: SnapshotAssertion,
    fmt: OutputFormat,
    table: CsvTable,
    extension: type[RenderedSnapshot],
) -> None:
    assert render(compiled(SEED), fmt, table=table) == snapshot.use_extension(extension)


@pytest.mark.parametrize("path", AUTHORED, ids=ids(AUTHORED))
def test_ir_snapshot(snapshot: SnapshotAssertion, path: Path) -> None:
    """The IR of each authored layout family, through its JSON rendering (spans included)."""
    assert render(compiled(path), OutputFormat.JSON) == snapshot.use_extension(JsonSnapshot)


# --- (d) the normalized filing compiles back ----------------------------------------------------


def person_values(filing: Filing) -> list[dict[str, Any]]:
    return [{name: getattr(p, name) for name in PERSON_FIELDS} for p in filing.reporting_persons]


def transaction_values(filing: Filing) -> list[tuple[Any, ...]]:
    return [(t.date, t.shares, t.price, t.person) for t in filing.transactions]


def test_seed_text_output_compiles_back_to_the_same_values() -> None:
    original = compiled(SEED)
    text = render(original, OutputFormat.TEXT)
    again = compile_filing(text.encode("utf-8"), "seed-normalized.txt")
    assert person_values(again) == person_values(original)
    assert len(again.reporting_persons) == 1
    assert again.reporting_persons[0].name == "STMicroelectronics N.V."
    assert len(again.transactions) == len(original.transactions) == 35
    assert sum(t.shares or 0 for t in again.transactions) == 1_498_000


@pytest.mark.parametrize("path", FILINGS, ids=ids(FILINGS))
def test_text_output_compiles_back_to_the_same_persons_and_transactions(path: Path) -> None:
    original = compiled(path)
    again = compile_filing(render(original, OutputFormat.TEXT).encode("utf-8"), "normalized.txt")
    assert person_values(again) == person_values(original)
    assert transaction_values(again) == transaction_values(original)


# --- page breaks written as form feeds ----------------------------------------------------------


def test_form_feed_page_breaks_end_the_cover_page() -> None:
    """The seed with every <PAGE> written as a form feed: the cover page ends at the break, so
    the preamble after it is not taken for a footnote of the reporting person."""
    data = SEED.read_bytes()
    assert b"<PAGE>" in data
    original = compiled(SEED)
    with_form_feeds = compile_filing(data.replace(b"<PAGE>", b"\f"), "seed-ff.txt")
    assert person_values(with_form_feeds) == person_values(original)
    [person] = with_form_feeds.reporting_persons
    assert person.footnotes == original.reporting_persons[0].footnotes
    assert len(with_form_feeds.transactions) == len(original.transactions)


def test_item_sub_part_references_do_not_start_items() -> None:
    """The seed with two sub-part references under the Item 5 heading: 'Item 5(c).' is text
    (gold convention of the authored set), and so must be 'Item 5(a).'."""
    data = SEED.read_bytes()
    heading = data.index(b"Item 5.")
    end = data.index(b"\n", heading) + 1
    inserted = (
        b"\nItem 5(a).  As of the date hereof, ST owns 2,202,000 shares.\n"
        b"\nItem 5(c).  See the table below.\n"
    )
    filing = compile_filing(data[:end] + inserted + data[end:], "seed-5a.txt")
    assert [item.number for item in filing.items] == ["2", "4", "5"]
    assert len(filing.transactions) == 35
