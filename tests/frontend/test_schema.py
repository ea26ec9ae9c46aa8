"""The cover-row schema (compiler/schema.py) and what is derived from it: the caption terminals,
the lexer's row table, the lowering's dispatch, the normalized filing's rows and the docs."""

from __future__ import annotations

import re

import pytest
from conftest import REPO

from compiler import schema
from compiler.frontend.lexer import COVER_ROWS, match_cover_row
from compiler.ir import ReportingPerson
from compiler.schema import ROWS, Form, phrase_to_lark

ROOT = REPO


@pytest.mark.parametrize(
    ("phrase", "lark"),
    [
        ("sole voting power", '"sole" _S "voting" _S "power"'),
        ("name(s) of [the] person", '"name" "s"? _S "of" (_S "the")? _S "person"'),
        ("funds [or other]", '"funds" (_S "or" _S "other")?'),
        ("[item 1:] name", '("item" _S "1:" _S)? "name"'),
        (
            "place of {organization|organisation}",
            '"place" _S "of" _S ("organization" | "organisation")',
        ),
        ("in row #", '"in" _S "row" /\\s*/ /\\(?\\s*\\d{1,2}\\s*\\)?/'),
        ("items 2(d)", '"items" _S "2" /\\s*/ "(d)"'),
        ("person`/\\s*:/`", '"person" /\\s*:/'),
    ],
)
def test_phrase_notation_compiles_to_lark(phrase: str, lark: str) -> None:
    assert phrase_to_lark(phrase) == lark


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row.terminal)
@pytest.mark.parametrize("form", list(Form))
def test_each_caption_as_printed_is_read_whole(row: schema.CoverRow, form: Form) -> None:
    """The form's own caption matches the row's head and whole-caption terminals, and a line
    "<number>  <caption>" is classified as the row's terminal."""
    if row.number(form) is None:
        return
    caption = row.caption_on(form)
    patterns = schema.caption_patterns()
    assert patterns[f"{row.terminal}_HEAD"].match(caption)
    whole = patterns[f"{row.terminal}_CAPTION"].match(caption + "  [ ]")
    assert whole is not None
    assert caption[whole.end() :].strip() in ("", "[ ]")
    assert match_cover_row(f"{row.number(form)}   {caption}") is not None
    matched = match_cover_row(f"{row.number(form)}   {caption}")
    assert matched is not None and matched[0] == row.terminal


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row.terminal)
def test_required_and_first_words_are_in_the_caption(row: schema.CoverRow) -> None:
    caption = row.caption.lower()
    assert all(word in caption for word in schema.required_words(row.head))
    assert any(caption.startswith(word) for word in schema.first_words(row.head))


def test_rows_name_fields_of_the_ir_and_number_both_forms() -> None:
    fields = set(ReportingPerson.__dataclass_fields__)
    assert {row.field for row in ROWS if row.field} <= fields
    assert [row.number_13d for row in ROWS] == list(range(1, 15))
    assert sorted(schema.ROW_NUMBERS_13G.values()) == list(range(1, 13))
    assert [t for t, _, _ in COVER_ROWS] == list(schema.ROWS_13D)
    # Rows 4 and 5 (source of funds, legal proceedings) are the 13D's only.
    assert {row.terminal for row in ROWS if row.number_13g is None} == {"ROW_FUNDS", "ROW_LEGAL"}


def test_docs_show_the_row_table_as_the_schema_has_it() -> None:
    """docs/grammar.md carries the table ``python -m compiler.schema`` prints."""
    docs = (ROOT / "docs" / "grammar.md").read_text(encoding="utf-8")
    assert schema.markdown_table() in docs


def test_a_row_caption_is_written_in_one_file() -> None:
    """The row table is the one place that names the rows' captions: the phrase of row 7 stands
    in one file of compiler/, grammar/ and templates/ together."""
    phrase = re.compile(r"sole\s+voting", re.IGNORECASE)
    holders = [
        path.relative_to(ROOT).as_posix()
        for folder in ("compiler", "grammar", "templates")
        for path in sorted((ROOT / folder).rglob("*"))
        if path.is_file()
        and path.suffix in {".py", ".lark", ".j2"}
        and phrase.search(path.read_text(encoding="utf-8"))
    ]
    assert holders == ["compiler/schema.py"]


def test_layout_patterns_live_in_the_grammar() -> None:
    """Regular expressions belong in grammar/*.lark: the lexer, the value readers and the
    lowering compile none of their own beyond a handful (the issue's bound is 15)."""
    uses = re.compile(r"\bre\.(?:compile|match|search|sub|fullmatch|findall|finditer|split)\(")
    files = [
        ROOT / "compiler" / "frontend" / "lexer.py",
        ROOT / "compiler" / "frontend" / "values.py",
        *sorted((ROOT / "compiler" / "lower").glob("*.py")),
    ]
    count = sum(len(uses.findall(path.read_text(encoding="utf-8"))) for path in files)
    assert count <= 15
