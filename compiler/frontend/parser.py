"""Parse stage: Document -> lark.Tree, with Lark's LALR(1) parser over line tokens.

The parser is built once per process (``functools.cache``). Parsing feeds the line tokens one by
one through Lark's interactive parser, so that a line the grammar does not expect where it stands
(a cover row among the items, say) is not fatal: it is fed again as plain ``TEXT`` and recorded
as a :class:`StrayToken`, which the lowering reports as a located diagnostic. Nothing is dropped.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any

from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedInput
from lark.parsers.lalr_analysis import Shift

from compiler.backends.reconstruct import attach_frame
from compiler.errors import FilingSyntaxError, InternalError
from compiler.frontend.lalr_driver import LeanAutomaton
from compiler.frontend.lark_cache import parser_cache_file
from compiler.frontend.lexer import TEXT, LineLexer, LineToken, tokenize
from compiler.frontend.source import Document
from compiler.frontend.terminals import grammar_text

START_RULES = ["start", "title_page", "cover_page", "item", "signature", "annex", "exhibit"]
# The grammar's rule of lines that may stand anywhere (grammar/filing.lark).
_LINE_RULE = "_line"
_END = "$END"


class StrayToken(LineToken):
    """A line that was classified as ``original_type`` but stood where the grammar does not allow
    it; it is kept in the tree as TEXT."""

    __slots__ = ("original_type",)
    original_type: str


@functools.cache
def build_parser(*, strict: bool = False) -> Lark:
    """The LALR parser, built once per process and cached on disk (see lark_cache).
    ``strict=True`` makes any grammar conflict an error; it is never cached, so that the check
    always runs."""
    grammar = grammar_text()
    cache = None if strict else parser_cache_file(grammar)
    return Lark(
        grammar,
        parser="lalr",
        lexer=LineLexer,
        start=START_RULES,
        strict=strict,
        maybe_placeholders=False,
        cache=cache or False,
    )


def _stray(token: Token) -> StrayToken:
    stray = StrayToken.new_borrow_pos(TEXT, token.value, token)
    assert isinstance(stray, StrayToken)
    stray.original_type = token.type
    stray.source = getattr(token, "source", None)
    return stray


def _accepts(state: Any, terminal: str) -> bool:
    """Would the parser shift ``terminal`` now? Simulated on a copy of the state stack only:
    LALR may reduce before it notices an error, and copying Lark's whole parser state (which
    deep-copies the tree built so far) for every heading line made parsing quadratic-ish."""
    states = state.parse_conf.states
    stack = list(state.state_stack)
    while True:
        entry = states[stack[-1]].get(terminal)
        if entry is None:
            return False
        action, rule = entry
        if action is Shift:
            return True
        size = len(rule.expansion)
        if size:
            del stack[-size:]
        stack.append(states[stack[-1]][rule.origin.name][1])


@functools.cache
def line_terminals() -> frozenset[str]:
    """The terminals of the grammar's ``_line`` rule: lines that may stand anywhere."""
    return frozenset(
        rule.expansion[0].name
        for rule in build_parser().rules
        if rule.origin.name == _LINE_RULE and len(rule.expansion) == 1
    )


def parse_tokens(tokens: Iterable[Token], start: str = "start") -> Tree[Token]:
    """Parse line tokens from ``start``, keeping unexpected lines as stray TEXT.

    Only the lines that give a filing its structure (headings, cover rows, title-page captions)
    go through the LALR automaton. Every rule of the grammar is a heading followed by any number
    of ``_line``s, which may stand anywhere, so a ``_line`` always belongs to the part opened by
    the structural line before it: it would only be shifted and reduced into that part's list.
    Feeding it would cost about 3 µs a line for a foregone result; instead the parsed parts take
    their lines afterwards, in order (see _attach_lines). tests/frontend/test_parser.py checks
    that the tree is exactly the one feeding every line gives.

    The automaton is Lark's tables run by lalr_driver.LeanAutomaton; where a part's rule cannot
    take the tokens, Lark's own parser runs them again for its error message.
    """
    tokens = tokens if isinstance(tokens, list) else list(tokens)
    run = _line_automaton().start(start)
    free = line_terminals()
    # Lines may come first only in a rule that opens with lines (the filing's, by its title
    # page); a part's own rule (an item's, say) takes them after its heading.
    takes_lines = run.accepts(TEXT)
    placed = _Placed(len(tokens))
    last: Token | None = None
    try:
        for at, token in enumerate(tokens):
            last = token
            if token.type in free or not run.accepts(token.type):
                if not takes_lines:
                    return _parse_with_lark(tokens, start)  # nothing can hold the line
                if token.type not in free:
                    placed.strays[at] = _stray(token)
            else:
                run.feed(token)
                placed.fed[at] = 1
                takes_lines = True
        end = Token.new_borrow_pos(_END, "", last) if last is not None else Token(_END, "")
        tree = run.feed(end)
    except KeyError:
        return _parse_with_lark(tokens, start)
    assert isinstance(tree, Tree)
    _attach_lines(tree, tokens, placed)
    return tree


class _Placed:
    """How each token of a parse was placed: fed to the automaton (a byte a token), or kept as
    a line, as stray TEXT where the grammar did not expect its kind. (A pair a token held every
    line of a filing twice over while it was parsed, the peak of a long cover pages' compile.)"""

    __slots__ = ("fed", "strays")

    def __init__(self, size: int) -> None:
        self.fed = bytearray(size)
        self.strays: dict[int, StrayToken] = {}  # position -> the stray that stands for it


@functools.cache
def _line_automaton() -> LeanAutomaton:
    return LeanAutomaton(build_parser())


def _parse_with_lark(tokens: list[Token], start: str) -> Tree[Token]:
    """:func:`parse_tokens` fed through Lark's interactive parser: the same tree, and Lark's
    located message where the tokens do not parse."""
    interactive = build_parser().parse_interactive(None, start=start)
    # Lark's parser state directly: the interactive wrapper's per-token call is pure overhead.
    state = interactive.parser_state
    free = line_terminals()
    takes_lines = _accepts(state, TEXT)
    placed = _Placed(len(tokens))
    last: Token | None = None
    try:
        for at, token in enumerate(tokens):
            last = token
            if token.type in free or not _accepts(state, token.type):
                line: Token = token
                if token.type not in free:
                    line = placed.strays[at] = _stray(token)
                if not takes_lines:
                    state.feed_token(line)  # raises UnexpectedToken: nothing can hold it
            else:
                state.feed_token(token)
                placed.fed[at] = 1
                takes_lines = True
        tree = interactive.feed_eof(last)  # type: ignore[no-untyped-call]
    except UnexpectedInput as exc:  # "start" accepts any line sequence; a part's rule does not
        raise FilingSyntaxError(f"the filing could not be parsed: {exc}") from exc
    assert isinstance(tree, Tree)
    _attach_lines(tree, tokens, placed)
    return tree


def _attach_lines(tree: Tree[Token], tokens: list[Token], placed: _Placed) -> None:
    """Give each part of ``tree`` its lines: a line goes to the part holding the structural
    token before it (lines before any: the first part, the title page), in document order."""
    holders: list[Tree[Token]] = []  # the part holding each fed token, in document order
    first: Tree[Token] | None = None
    pending: list[Tree[Token]] = [tree]
    while pending:  # pre-order walk; the tree is shallow and holds only the fed tokens
        node = pending.pop()
        subtrees = [child for child in node.children if isinstance(child, Tree)]
        if len(subtrees) == len(node.children):
            if first is None and not subtrees:
                first = node
            pending.extend(reversed(subtrees))
            continue
        if subtrees:  # the grammar never mixes lines and parts in one rule
            raise InternalError(f"grammar rule {node.data} holds both lines and parts")
        first = first or node
        holders.extend(node for _ in node.children)
        node.children = []
    part = first or tree
    fed = iter(holders)
    strays = placed.strays
    for at, (token, structural) in enumerate(zip(tokens, placed.fed, strict=True)):
        if structural:
            part = next(fed)
        part.children.append(strays.get(at, token) if strays else token)


def parse(document: Document) -> Tree[Token]:
    """The parse tree of the document's normalized lines; every line is a leaf token. The tree
    carries what :func:`compiler.backends.reconstruct.reconstruct` needs to rebuild the input
    exactly."""
    sources = document.line_sources or None
    tree = parse_tokens(tokenize(document.lines, document.schedule, sources))
    return attach_frame(tree, document.frame) if document.frame is not None else tree
