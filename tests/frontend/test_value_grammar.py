"""grammar/values.lark as a grammar: it builds without LALR conflicts, every start rule exists,
every rule carries an example, and the search patterns come from its terminals."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st
from lark import Lark
from lark.common import ParserConf
from lark.parsers.lalr_analysis import LALR_Analyzer

from compiler.frontend import values
from compiler.frontend.value_grammar import (
    GRAMMAR_FILE,
    START_RULES,
    parse_value,
    search_pattern,
    value_parser,
)
from compiler.resources import read_grammar


def test_the_value_grammar_has_no_lalr_conflicts() -> None:
    # Lark resolves a shift/reduce conflict silently unless strict; its strict mode also wants
    # the optional interegular package, so the LALR analysis is run strict on its own.
    rules = value_parser().rules
    analyzer = LALR_Analyzer(ParserConf(rules, {}, list(START_RULES)), strict=True)
    analyzer.compute_lalr()


def test_one_start_rule_per_kind_of_value() -> None:
    names = {str(rule.origin.name) for rule in value_parser().rules}
    assert set(START_RULES) <= names
    assert value_parser().options.parser == "lalr"


def test_every_rule_has_a_comment_with_examples() -> None:
    """House style (python-hcl2's hcl2.lark): a comment quoting examples above every rule."""
    lines = read_grammar(GRAMMAR_FILE).splitlines()
    for index, line in enumerate(lines):
        if re.match(r"[a-z_]+:", line):
            above = lines[index - 1] if index else ""
            assert above.startswith("//") and '"' in above, f"rule without examples: {line}"


def test_search_patterns_are_the_grammar_terminals() -> None:
    defined = {terminal.name: terminal.pattern.to_regexp() for terminal in value_parser().terminals}
    for name in ("DATE_MDY", "DATE_NUMERIC", "CUSIP", "MARKED_BOX"):
        assert defined[name] in search_pattern(name).pattern
    assert defined["DATE_ISO"] in values.DATE_PATTERN.pattern


def test_a_search_names_the_terminal_found() -> None:
    match = search_pattern("DATE_ISO", "DATE_NUMERIC").search("on 12/23/03 and")
    assert match is not None and match.lastgroup == "DATE_NUMERIC"


def test_the_parser_is_built_once() -> None:
    assert value_parser() is value_parser()
    assert isinstance(value_parser(), Lark)


def test_parse_name_separates_the_identification_number() -> None:
    text = "Acme Holdings, L.P. - I.R.S. No. 13-1234567 (1)"
    parts = values.parse_name(text)
    assert (parts.name, parts.identification) == ("Acme Holdings, L.P.", "13-1234567")
    assert parts.identification_span is not None
    assert text[slice(*parts.identification_span)] == "13-1234567"
    assert text[slice(*parts.name_span)] == "Acme Holdings, L.P."


def test_parse_name_keeps_a_name_it_cannot_split() -> None:
    parts = values.parse_name("  EIN Holdings Trust  ")  # a label word where the name begins
    assert (parts.name, parts.identification) == ("EIN Holdings Trust", None)
    assert parts.name_span == (2, 20)


def test_a_cins_number_keeps_its_check_digit() -> None:
    [(cins, _, _)] = values.find_cusips("CUSIP No. G0450A105")
    assert values.cusip_is_valid(cins)
    # A letter-first token is a CINS only with a valid check digit (a word in capitals with a
    # digit could have the shape); the title page then reports the CUSIP as missing.
    assert values.find_cusips("CUSIP No. G0450A106") == []


def test_group_boxes_parse_and_search_agree() -> None:
    text = "(a) [X]  GROUP (b) [ ]"
    assert parse_value("group_boxes", text) == values.parse_group_boxes(text)


def _every_value_function(text: str) -> None:
    values.parse_shares(text)
    values.parse_percent(text)
    values.parse_price(text)
    values.parse_date(text)
    values.parse_codes(text, frozenset({"WC", "AF"}))
    values.says_no_code(text)
    values.parse_group_boxes(text)
    values.parse_name(text)
    values.find_boxes(text)
    values.find_cusips(text)


@given(st.text(max_size=40))
def test_no_text_breaks_a_value_function(text: str) -> None:
    """Whatever a filing holds where a value should be, each function answers (a value, or none
    and why); nothing raises."""
    _every_value_function(text)


@given(st.text(alphabet="0123456789,.%$/-() *xX[]|_abAB\n", max_size=30))
def test_no_value_shaped_text_breaks_a_value_function(text: str) -> None:
    _every_value_function(text)
