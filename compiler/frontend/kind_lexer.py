"""A Lark lexer for grammars whose tokens are made before the parse (the cover-row and annex
record grammars): the text handed to ``Lark.parse`` is the list of token kinds, and each token's
position is its index in that list, which the lowering maps back to its line or piece."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from lark import Lark, Token
from lark.lexer import Lexer, LexerState

from compiler.frontend.lark_cache import parser_cache_file
from compiler.resources import read_grammar


class KindLexer(Lexer):
    """Lark's entry point (``lexer=KindLexer``, with the kinds declared by ``%declare``)."""

    __future_interface__ = 2

    def __init__(self, lexer_conf: Any) -> None:
        self.lexer_conf = lexer_conf

    def lex(self, lexer_state: LexerState, parser_state: Any) -> Iterator[Token]:
        kinds: Any = lexer_state.text
        for index, kind in enumerate(kinds):
            yield Token(kind, kind, start_pos=index)


def kind_parser(grammar_file: str, start: Sequence[str], *, strict: bool = False) -> Lark:
    """The LALR parser of ``grammar_file`` over tokens made first, cached on disk (see
    lark_cache); ``strict=True`` makes a conflict an error (never cached, so the check runs)."""
    grammar = read_grammar(grammar_file)
    cache = None if strict else parser_cache_file(grammar)
    return Lark(
        grammar,
        parser="lalr",
        lexer=KindLexer,
        start=list(start),
        strict=strict,
        maybe_placeholders=False,
        cache=cache or False,
    )


__all__ = ["KindLexer", "kind_parser"]
