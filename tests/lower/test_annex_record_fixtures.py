"""Every example of tests/fixtures/annex_records/*.fixture: an annex's lines -> its persons, as the
record grammar (grammar/annex.lark) reads them.

A fixture file is one start rule of the record grammar (its name: ``records``, the list form;
``rows``, the column form; ``labelled``, "Name:" and the other labels; ``indented``, lines
indented under their names; ``column_table``, a table under a "Name" heading). Each example is
the text of an annex after its heading ("SCHEDULE I"), compiled as the annex of a small, clean
13D (tests/minimal_filing.py), so that the layout families tried before have their chance at it
too. The expected output is one line per person, ``NAME @ LINE:COLUMN`` (the example's line from
1, the column from 1; then ``in SECTION`` when the person stands under a section heading), then
a line for each field it has, indented: ``position: ...``, ``address: ...``,
``citizenship: ...``; or ``no person``. A last line ``ANNEX-NO-PERSONS @ LINE:COLUMN`` (or
``@ heading``) says the annex must carry that warning there (and without it, it must not).
"""

from __future__ import annotations

import functools
import json

import pytest
from conftest import FIXTURES
from fixture_blocks import Example, read_examples
from hypothesis import given, settings
from hypothesis import strategies as st
from lark import Token, Tree
from lark.exceptions import LarkError
from minimal_filing import minimal_13d

from compiler import compile_filing
from compiler.backends.render import OutputFormat, render
from compiler.lower import annex_indented, annex_labelled, annex_table
from compiler.lower.annex_indented import indented_tree
from compiler.lower.annex_labelled import labelled_tree
from compiler.lower.annex_records import (
    START_RULES,
    build_record_parser,
    list_pieces,
    paragraphs,
    parse_records,
    read_paragraph,
    row_pieces,
)
from compiler.lower.annex_table import column_tree
from compiler.lower.lines import Line

RECORD_FIXTURES = FIXTURES / "annex_records"
EXAMPLES = [
    example for path in sorted(RECORD_FIXTURES.glob("*.fixture")) for example in read_examples(path)
]
HEADING = "\n                                   SCHEDULE I\n\n"


def shown(text: str) -> str:
    """The persons (and the annex warning) of an annex of ``text``, as the fixtures write them."""
    head = minimal_13d().decode() + HEADING
    before = head.count("\n")  # the lines above the example's first
    filing = compile_filing((head + text + "\n").encode(), "annex.txt")
    assert len(filing.annexes) == 1
    out = []
    for person in filing.annexes[0].persons:
        span = person.spans["name"]
        section = f" in {person.section}" if person.section else ""
        out.append(f"{person.name} @ {span.line - before}:{span.column}{section}")
        for field in ("position", "address", "citizenship"):
            value = getattr(person, field)
            if value is not None:
                out.append(f"  {field}: {value}")
    out = out or ["no person"]
    for found in filing.diagnostics:
        if found.code == "ANNEX-NO-PERSONS":
            assert found.span is not None
            line = found.span.line - before
            out.append(
                f"ANNEX-NO-PERSONS @ {line}:{found.span.column}"
                if line > 0
                else "ANNEX-NO-PERSONS @ heading"
            )
    return "\n".join(out)


def rule_reading(text: str, start: str) -> bool:
    """Some paragraph of ``text`` gives persons by the rule ``start`` alone."""
    lines = [Line(index, "TEXT", line) for index, line in enumerate(text.split("\n"))]
    if start in ("labelled", "indented", "column_table"):  # (parsed over the whole annex)
        if start == "labelled":
            tree = labelled_tree(lines)
        elif start == "indented":
            tree = indented_tree([line for line in lines if line.text.strip()])
        else:
            tree = column_tree(lines)[0]
        return tree is not None and any(tree.find_data("name"))
    pieces = list_pieces if start == "records" else row_pieces
    return any(read_paragraph(start, pieces(p)) for p in paragraphs(lines))


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda example: example.id)
def test_annex_record_example(example: Example) -> None:
    assert shown(example.text) == example.expected
    if example.expected.split("\n")[0] != "no person":
        # The persons are the file's rule's: the example is a layout of that form.
        assert rule_reading(example.text, example.family)


def every_reading(lines: list[Line]) -> list[tuple[str, list[str]]]:
    """(start rule, token kinds) of every parse the annex forms make of ``lines``."""
    content = [line for line in lines if line.text.strip()]
    readings = [
        ("labelled", annex_labelled._kinds(lines)),
        ("indented", annex_indented._kinds(content)),
        ("column_table", annex_table._kinds(lines)[0]),
    ]
    for paragraph in paragraphs(lines):
        readings.append(("records", [piece.kind for piece in list_pieces(paragraph)]))
        readings.append(("rows", [piece.kind for piece in row_pieces(paragraph)]))
    return readings


def larks_tree(kinds: list[str], start: str) -> Tree[Token] | None:
    try:
        tree: Tree[Token] = build_record_parser().parse(kinds, start=start)  # type: ignore[arg-type]
    except LarkError:
        return None
    return tree


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda example: example.id)
def test_the_lean_parser_gives_larks_tree(example: Example) -> None:
    """parse_records runs the record grammar's tables without Lark's per-token set-up
    (lalr_driver.LeanKindParser): it gives Lark's tree, token positions included, and fails
    where Lark fails."""
    lines = [Line(index, "TEXT", line) for index, line in enumerate(example.text.split("\n"))]
    for start, kinds in every_reading(lines):
        expected = larks_tree(kinds, start)
        if expected is None:
            with pytest.raises(LarkError):
                parse_records(kinds, start)
            continue
        found = parse_records(kinds, start)
        assert found == expected
        assert [t.start_pos for t in found.scan_values(lambda v: isinstance(v, Token))] == [
            t.start_pos for t in expected.scan_values(lambda v: isinstance(v, Token))
        ]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda example: example.id)
def test_the_lean_parser_hands_over_each_rule_as_it_is_built(example: Example) -> None:
    """parse_records's ``reduced`` functions see each tree of their rule once, in document order
    (the order a walk of the finished tree meets them: annex_table reads a table so), and what
    they return stands in the tree instead."""
    lines = [Line(index, "TEXT", line) for index, line in enumerate(example.text.split("\n"))]
    rules = ("heading", "section", "name", "cells", "under", "field", "prose")
    for start, kinds in every_reading(lines):
        expected = larks_tree(kinds, start)
        if expected is None:
            continue
        handed: list[Tree[Token]] = []
        found = parse_records(kinds, start, dict.fromkeys(rules, functools.partial(_hand, handed)))
        walked = [tree for tree in expected.iter_subtrees_topdown() if tree.data in rules]
        assert handed == walked
        assert [str(value) for value in found.scan_values(lambda v: isinstance(v, str))] == [
            f"{tree.data} #{number}" if isinstance(tree, Tree) else str(tree)
            for number, tree in _numbered(expected, rules)
        ]


def _hand(handed: list[Tree[Token]], tree: Tree[Token]) -> str:
    handed.append(tree)
    return f"{tree.data} #{len(handed)}"


def _numbered(tree: Tree[Token], rules: tuple[str, ...]) -> list[tuple[int, Tree[Token] | Token]]:
    """The values a tree with each subtree of ``rules`` replaced by its number shows, in order."""
    out: list[tuple[int, Tree[Token] | Token]] = []
    count = 0

    def walk(node: Tree[Token]) -> None:
        nonlocal count
        for child in node.children:
            if isinstance(child, Tree) and child.data in rules:
                count += 1
                out.append((count, child))
            elif isinstance(child, Tree):
                walk(child)
            else:
                out.append((0, child))

    walk(tree)
    return out


def test_every_rule_has_its_fixture_file() -> None:
    assert sorted(p.stem for p in RECORD_FIXTURES.glob("*.fixture")) == sorted(START_RULES)


def test_the_record_grammar_has_no_conflict() -> None:
    build_record_parser(strict=True)  # raises on any shift/reduce or reduce/reduce conflict


# Lines of every kind the forms' lexers tell apart, at several indentations.
SAMPLE_LINES = [
    "",
    "Name:   Marcus D. Albrecht",
    "Position:   Director",
    "Citizenship:   United Kingdom",
    "BOARD OF DIRECTORS",
    "------------------",
    "Name                Position               Citizenship",
    "Ann B. Carter       Chief Executive        United States",
    "Marcus D. Albrecht",
    "c/o Widget Capital LLC",
    "1 Main Street, Suite 400",
    "The persons above hold no Shares.",
    "Managing Director",
    "London, England",
    "Anita K. Rao:  Treasurer",
]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(SAMPLE_LINES), st.sampled_from([0, 2, 8, 20])),
        max_size=14,
    )
)
def test_every_annex_parses_in_the_whole_annex_forms(sample: list[tuple[str, int]]) -> None:
    """Whatever its lines, an annex's tokens parse in each form read over the whole annex: a
    layout never seen gives no person (the annex's text), never a failure."""
    lines = [
        Line(index, "TEXT", " " * indent + text if text else "")
        for index, (text, indent) in enumerate(sample)
    ]
    assert labelled_tree([*lines, Line(len(lines), "TEXT", "Name: Jo Doe")]) is not None
    assert indented_tree([line for line in lines if line.text.strip()]) is not None
    assert column_tree(lines)[0] is not None


def test_an_annex_that_gives_no_person_keeps_its_text_in_the_json() -> None:
    # ANNEX-NO-PERSONS says the annex "is kept as text": in the JSON too, not only in the IR.
    text = (
        "     Marcus D. Albrecht\n     1 Main Street\n     and the other persons named in Item 2\n"
    )
    data = (minimal_13d().decode() + HEADING + text).encode()
    document = json.loads(render(compile_filing(data, "annex.txt"), OutputFormat.JSON))
    annex = document["annexes"][0]
    assert annex["persons"] == []
    assert "Marcus D. Albrecht" in annex["text"] and "1 Main Street" in annex["text"]
    assert "ANNEX-NO-PERSONS" in {d["code"] for d in document["diagnostics"]}
