"""A Lark lexer for grammars whose tokens are made before the parse (the cover-row and annex
record grammars): the text handed to ``Lark.parse`` is the list of token kinds, and each token's
position is its index in that list, which the lowering maps back to its line or piece."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lark import Token
from lark.lexer import Lexer, LexerState


class KindLexer(Lexer):
    """Lark's entry point (``lexer=KindLexer``, with the kinds declared by ``%declare``)."""

    __future_interface__ = 2

    def __init__(self, lexer_conf: Any) -> None:
        self.lexer_conf = lexer_conf

    def lex(self, lexer_state: LexerState, parser_state: Any) -> Iterator[Token]:
        kinds: Any = lexer_state.text
        for index, kind in enumerate(kinds):
            yield Token(kind, kind, start_pos=index)


__all__ = ["KindLexer"]
