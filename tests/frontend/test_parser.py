"""The parser feeds only structural lines to the LALR automaton and attaches the free ``_line``s
afterwards (compiler/frontend/parser.py). These tests hold that shortcut to the plain algorithm:
feeding
every line, with the same recovery of unexpected lines as stray TEXT, gives the very same tree."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest
from corpus_files import FILES
from hypothesis import given, settings
from hypothesis import strategies as st
from lark import Token, Tree
from lark.exceptions import UnexpectedInput
from line_pool import LINE_POOL

from compiler.errors import FilingSyntaxError, InputError
from compiler.frontend.lexer import tokenize
from compiler.frontend.parser import (
    START_RULES,
    StrayToken,
    _accepts,
    _parse_with_lark,
    build_parser,
    line_terminals,
    parse_tokens,
)
from compiler.frontend.source import read_source


def parse_every_line(tokens: Iterable[Token], start: str = "start") -> Tree[Token]:
    """The reference: every line through the automaton; a line it would not shift is fed as
    stray TEXT instead."""
    interactive = build_parser().parse_interactive(None, start=start)
    state = interactive.parser_state
    last: Token | None = None
    for token in tokens:
        last = token
        if _accepts(state, token.type):
            state.feed_token(token)
            continue
        stray = StrayToken.new_borrow_pos("TEXT", token.value, token)
        assert isinstance(stray, StrayToken)
        stray.original_type = token.type
        state.feed_token(stray)
    tree = interactive.feed_eof(last)
    assert isinstance(tree, Tree)
    return tree


def signature(tree: Tree[Token]) -> object:
    """The tree with each token as (type, line, original type): all the lowering reads of it."""
    return (
        str(tree.data),
        [
            signature(child)
            if isinstance(child, Tree)
            else (child.type, child.line, getattr(child, "original_type", None))
            for child in tree.children
        ],
    )


def test_the_free_lines_are_the_grammar_line_rule() -> None:
    assert line_terminals() == {
        "TEXT",
        "BLANK",
        "RULE",
        "PAGE",
        "RUNNING_HEAD",
        "TABLE_TAG",
        "TX_ROW",
        "FORM_TITLE",
        "AMENDMENT",
    }


@pytest.mark.parametrize("path", FILES)
def test_real_filings_parse_as_if_every_line_were_fed(path: Path) -> None:
    try:
        document = read_source(path.read_bytes(), path.name)
    except InputError:
        pytest.skip("the source stage rejects this file")
    tokens = list(tokenize(document.lines, document.schedule))
    assert signature(parse_tokens(tokens)) == signature(parse_every_line(tokens))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(LINE_POOL), max_size=40), st.sampled_from(START_RULES))
def test_any_line_sequence_parses_as_if_every_line_were_fed(lines: list[str], start: str) -> None:
    """From a part's own rule, a sequence that does not open with its heading is rejected by
    both ("start" accepts every sequence)."""
    tokens = list(tokenize(lines))
    try:
        expected = signature(parse_every_line(tokens, start))
    except UnexpectedInput:
        assert start != "start"
        with pytest.raises(FilingSyntaxError):
            parse_tokens(tokens, start)
        return
    assert signature(parse_tokens(tokens, start)) == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(LINE_POOL), max_size=40), st.sampled_from(START_RULES))
def test_the_lean_automaton_gives_larks_tree_and_error(lines: list[str], start: str) -> None:
    """parse_tokens runs the grammar's tables itself (lalr_driver.LeanAutomaton): the tree
    Lark's interactive parser gives, and where the tokens do not parse, Lark's message."""
    tokens = list(tokenize(lines))
    try:
        expected = _parse_with_lark(tokens, start)
    except FilingSyntaxError as error:
        with pytest.raises(FilingSyntaxError) as found:
            parse_tokens(tokens, start)
        assert str(found.value) == str(error)
        return
    found_tree = parse_tokens(tokens, start)
    assert found_tree == expected
    assert signature(found_tree) == signature(expected)
