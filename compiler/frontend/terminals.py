"""Terminals defined in Lark grammar text, compiled to Python regular expressions.

The line lexer and the lowering match whole lines and pieces of lines against patterns that live
in the grammar (``grammar/lines.lark``, the cover-row captions of :mod:`compiler.schema`). Lark
reads the terminal definitions (strings, regexps, references to other terminals, ``?``, ``*``,
``|``) and turns each into one regular expression; this module compiles those, so that a pattern
is written once, in the grammar, and matched at the speed of :mod:`re`.
"""

from __future__ import annotations

import functools
import re

from lark.load_grammar import load_grammar

from compiler.errors import InternalError
from compiler.resources import read_grammar


def compile_terminals(text: str, source: str) -> dict[str, re.Pattern[str]]:
    """Every terminal defined in the grammar ``text`` (named in errors as ``source``), compiled.

    Terminals whose name starts with ``_`` are pieces of others (Lark inlines them) and are left
    out. A terminal's flags (``"word"i``, ``/.../i``) become the pattern's flags."""
    grammar, _ = load_grammar(text, source, [], False)  # type: ignore[no-untyped-call]
    try:
        terminals, _rules, _ignore = grammar.compile([], "*")
    except Exception as error:  # a grammar error is a bug of ours, with Lark's message
        raise InternalError(f"{source}: {error}") from error
    patterns: dict[str, re.Pattern[str]] = {}
    for terminal in terminals:
        if terminal.name.startswith("_"):
            continue
        flags = 0
        for flag in terminal.pattern.flags:
            flags |= getattr(re, flag.upper())
        patterns[terminal.name] = re.compile(terminal.pattern.to_regexp(), flags)
    return patterns


# The filing grammar's parts, in the order they are concatenated (see grammar/filing.lark).
GRAMMAR_PARTS = ("filing", "title_page", "cover_page", "body")


def grammar_text() -> str:
    """The filing grammar: its parts, concatenated."""
    return "\n".join(read_grammar(f"{part}.lark") for part in GRAMMAR_PARTS)


@functools.cache
def line_shapes() -> dict[str, re.Pattern[str]]:
    """The filing grammar's terminals (line shapes and the pieces of lines the lexer looks
    for), compiled once per process."""
    return compile_terminals(grammar_text(), "grammar/*.lark")
