"""A lean run of a Lark LALR parser over a short text, for the value grammar.

Lark's own ``parse`` sets up a lexer thread, a lexer state with line counters and a parser state
for every call: for a value of one to four tokens ("1,234", "6.4%") that set-up is most of the
cost, about twice what the parse itself takes. :class:`LeanParser` runs the same analysed
tables, the same per-state terminal sets of the contextual lexer (in the order Lark tries them)
and the same rule callbacks (the inline transformer), on a plain position in the text.

It only ever *succeeds* the way Lark would: on any input it cannot take it hands the text to
Lark's ``parse``, which raises the located error (or, were the two ever to disagree, gives Lark's
answer). tests/frontend/test_value_fixtures.py checks that both give the same value on every
example.
This relies on attributes of lark 1.3.1 (pinned exactly in pyproject.toml) that are not its
public API: the parse table, the callbacks and the contextual lexer's per-state terminals.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from lark import Lark, Token, Tree
from lark.lexer import PatternStr
from lark.parsers.lalr_analysis import Shift

_END = "$END"

# A parser's action: shift to a state (the state), or reduce by a rule (the number of values it
# takes, the callback that builds its value, and the rule's name, whose goto follows). Lark's
# tables key a reduction by its Rule, whose __hash__ is Python: read once here, each reduction
# costs no hashing of rules (a few hundred per annex, a few per value).
_Reduce = tuple[int, Callable[[list[Any]], Any], str]
_Action = int | _Reduce


def _actions(
    table: Any, callbacks: dict[Any, Callable[[list[Any]], Any]]
) -> dict[int, dict[str, _Action]]:
    """Lark's parse table (``table.states``) as shift targets and (size, callback, name)
    reductions."""
    return {
        state: {
            symbol: target
            if action is Shift
            else (len(target.expansion), callbacks[target], target.origin.name)
            for symbol, (action, target) in actions.items()
        }
        for state, actions in table.states.items()
    }


class LeanParser:
    """The tables of ``lark`` (built with parser="lalr", lexer="contextual", transformer=...)
    driven directly. ``parse(start, text)`` returns what ``lark.parse(text, start=start)``
    returns."""

    def __init__(self, lark: Lark) -> None:
        frontend: Any = lark.parser
        parser = frontend.parser.parser  # ParsingFrontend -> LALR_Parser -> _Parser
        table = parser.parse_table
        self._lark = lark
        self._states = _actions(table, parser.callbacks)
        self._start_states: dict[str, int] = table.start_states
        self._end_states: dict[str, int] = table.end_states
        lexer = frontend.lexer
        self._ignore = frozenset(lexer.root_lexer.ignore_types)
        # A literal ("...") terminal would need Lark's keyword handling (its "unless" callbacks):
        # the value grammar has none, and a grammar that had one is refused here.
        if any(isinstance(t.pattern, PatternStr) for t in lexer.root_lexer.terminals):
            raise ValueError("LeanParser takes grammars whose terminals are all regexps")
        # States that accept the same terminals get one pattern (Lark's lexers loaded from its
        # cache are one per state, about a hundred, most of them alike).
        patterns: dict[tuple[str, ...], Callable[[str, int], re.Match[str] | None]] = {}
        self._scanners: dict[int, Callable[[str, int], re.Match[str] | None]] = {}
        for state, basic in lexer.lexers.items():
            names = tuple(terminal.name for terminal in basic.terminals)
            if names not in patterns:
                patterns[names] = _scanner(basic.terminals)
            self._scanners[state] = patterns[names]

    def parse(self, start: str, text: str) -> Any:
        try:
            return self._run(start, text)
        except (KeyError, _NoToken):
            return self._lark.parse(text, start=start)  # raises Lark's located error

    def _run(self, start: str, text: str) -> Any:
        states, scanners, ignore = self._states, self._scanners, self._ignore
        end_state = self._end_states[start]
        state_stack = [self._start_states[start]]
        value_stack: list[Any] = []
        position, length = 0, len(text)
        while True:
            if position < length:
                match = scanners[state_stack[-1]](text, position)
                if match is None:
                    raise _NoToken
                kind, end = match.lastgroup or "", match.end()
                if kind in ignore:
                    position = end
                    continue
                token = Token(kind, match.group(), position, end_pos=end)
                position = end
            else:
                token = Token(_END, "", position, end_pos=position)
            while True:  # reduce as long as the table says so, then shift the token
                action = states[state_stack[-1]][token.type]
                if type(action) is int:
                    state_stack.append(action)
                    value_stack.append(token)
                    break
                size, callback, name = action  # type: ignore[misc]
                if size:
                    children = value_stack[-size:]
                    del state_stack[-size:]
                    del value_stack[-size:]
                else:
                    children = []
                value = callback(children)
                state_stack.append(states[state_stack[-1]][name])  # type: ignore[arg-type]
                value_stack.append(value)
                if token.type == _END and state_stack[-1] == end_state:
                    return value_stack[-1]


class _NoToken(Exception):
    """No terminal of the state matches here."""


def _scanner(terminals: list[Any]) -> Callable[[str, int], re.Match[str] | None]:
    """One pattern over a state's terminals, in the order Lark's lexer tries them (it sorted
    them by priority, then width)."""
    pattern = "|".join(f"(?P<{t.name}>{t.pattern.to_regexp()})" for t in terminals)
    return re.compile(pattern).match


def _append_item(children: list[Any]) -> Any:
    """The callback of a repetition's left-recursive rule (``__x_star: __x_star item``, which
    Lark makes of ``item*``): the item appended to the tree of the items before it. Lark's own
    builds a new tree over the same list each time; the tree is only ever inlined into the rule
    that holds the repetition, so the parent's tree is the same."""
    tree = children[0]
    tree.children.append(children[1])
    return tree


def _kind_callbacks(parser: Any) -> dict[Any, Callable[[list[Any]], Any]]:
    """Lark's callbacks, with :func:`_append_item` for each repetition's left-recursive rule. (A
    rule is recognized by the shape of Lark's callback, which lark 1.3.1 gives it: any other
    keeps Lark's.)"""
    callbacks: dict[Any, Callable[[list[Any]], Any]] = dict(parser.callbacks)
    for rule, callback in parser.callbacks.items():
        if (
            type(callback).__name__ == "ChildFilterLALR_NoPlaceholders"
            and getattr(callback, "to_include", None) == [(0, True), (1, False)]
            and len(rule.expansion) == 2
            and rule.expansion[0] == rule.origin
            and rule.origin.name.startswith("__")
        ):
            callbacks[rule] = _append_item
    return callbacks


class LeanKindParser:
    """The tables of ``lark`` (built with parser="lalr" and the kind lexer of
    :mod:`compiler.frontend.kind_lexer`: its text is the list of token kinds) driven directly.
    ``parse(start, kinds)`` returns what ``lark.parse(kinds, start=start)`` returns: the same
    tree, a ``Token(kind, kind, start_pos=index)`` a kind. An annex's table is a parse of a few
    hundred tokens and twice as many reductions, where Lark's ``feed_token`` costs an attribute
    fetch or six a token (and the rule's hash a reduction: see _actions)."""

    def __init__(self, lark: Lark) -> None:
        parser: Any = lark.parser.parser.parser  # ParsingFrontend -> LALR_Parser -> _Parser
        table = parser.parse_table
        self._lark = lark
        callbacks: dict[Any, Callable[[list[Any]], Any]] = parser.callbacks
        # Lark calls a callback keyed by a terminal's name on each token of it (a lexer
        # callback); the kind grammars have none, and a grammar that had one is refused here.
        if any(isinstance(key, str) for key in callbacks):
            raise ValueError("LeanKindParser takes grammars without terminal callbacks")
        # (An annex table is a repetition of a few hundred lines: its items are appended.)
        self._states = _actions(table, _kind_callbacks(parser))
        self._start_states: dict[str, int] = table.start_states
        self._end_states: dict[str, int] = table.end_states

    def parse(
        self,
        start: str,
        kinds: Sequence[str],
        reduced: Mapping[str, Callable[[Tree[Token]], object]] | None = None,
    ) -> Any:
        """``reduced``: a function for some rules, called with each tree of that rule as soon
        as it is built, in document order; what it returns stands in the tree instead (a
        caller that reads a long part rule by rule need not hold the whole tree: see
        annex_table)."""
        try:
            return self._run(start, kinds, reduced or {})
        except KeyError:
            return self._lark.parse(kinds, start=start)  # raises Lark's error

    def _run(
        self,
        start: str,
        kinds: Sequence[str],
        reduced: Mapping[str, Callable[[Tree[Token]], object]],
    ) -> Any:
        states = self._states
        end_state = self._end_states[start]
        state_stack = [self._start_states[start]]
        value_stack: list[Any] = []
        new: Any = Token._future_new  # (Token(...) less its check of deprecated keywords)
        for index, kind in enumerate(kinds):
            token = new(kind, kind, index)
            while True:  # Lark's feed_token: reduce as long as the table says so, then shift
                action = states[state_stack[-1]][kind]
                if type(action) is int:
                    state_stack.append(action)
                    value_stack.append(token)
                    break
                size, callback, name = action  # type: ignore[misc]
                if size:
                    children = value_stack[-size:]
                    del state_stack[-size:]
                    del value_stack[-size:]
                else:
                    children = []
                value = callback(children)
                hook = reduced.get(name) if reduced else None
                value_stack.append(value if hook is None else hook(value))
                state_stack.append(states[state_stack[-1]][name])  # type: ignore[arg-type]
        while True:  # the end: reduce up to the start rule
            action = states[state_stack[-1]][_END]
            if type(action) is int:  # pragma: no cover - Lark's tables never shift the end
                raise KeyError(_END)
            size, callback, name = action  # type: ignore[misc]
            if size:
                children = value_stack[-size:]
                del state_stack[-size:]
                del value_stack[-size:]
            else:
                children = []
            value = callback(children)
            hook = reduced.get(name) if reduced else None
            value_stack.append(value if hook is None else hook(value))
            state_stack.append(states[state_stack[-1]][name])  # type: ignore[arg-type]
            if state_stack[-1] == end_state:
                return value_stack[-1]


class LeanAutomaton:
    """The tables of ``lark`` (parser="lalr", any lexer) for a parse fed token by token, as
    Lark's interactive parser is (compiler.frontend.parser feeds the structural lines of a
    filing): :meth:`start` gives a run; the run tells whether a terminal would be shifted now,
    feeds a token, and feeds the end. Lark's ``feed_token`` builds the same tree, but hashes a
    Rule (in Python) on every reduction and fetches its tables anew on every token."""

    def __init__(self, lark: Lark) -> None:
        parser: Any = lark.parser.parser.parser  # ParsingFrontend -> LALR_Parser -> _Parser
        table = parser.parse_table
        if any(isinstance(key, str) for key in parser.callbacks):
            raise ValueError("LeanAutomaton takes grammars without terminal callbacks")
        self._states = _actions(table, parser.callbacks)
        self._start_states: dict[str, int] = table.start_states
        self._end_states: dict[str, int] = table.end_states

    def start(self, start: str) -> LeanRun:
        return LeanRun(self._states, self._start_states[start], self._end_states[start])


class LeanRun:
    """One parse of a :class:`LeanAutomaton`: its state and value stacks."""

    __slots__ = ("_end_state", "_states", "state_stack", "value_stack")

    def __init__(self, states: dict[int, dict[str, _Action]], start: int, end: int) -> None:
        self._states, self._end_state = states, end
        self.state_stack = [start]
        self.value_stack: list[Any] = []

    def accepts(self, terminal: str) -> bool:
        """Would ``terminal`` be shifted now? Simulated on a copy of the state stack: LALR may
        reduce before it finds that a token cannot stand where it is."""
        states = self._states
        stack = list(self.state_stack)
        while True:
            action = states[stack[-1]].get(terminal)
            if action is None:
                return False
            if type(action) is int:
                return True
            size: int = action[0]  # type: ignore[index]
            if size:
                del stack[-size:]
            stack.append(states[stack[-1]][action[2]])  # type: ignore[index,arg-type]

    def feed(self, token: Token) -> Any:
        """Reduce as the table says, then shift ``token``; for the end (``$END``), the value of
        the start rule. Raises KeyError where Lark raises UnexpectedToken."""
        states, state_stack, value_stack = self._states, self.state_stack, self.value_stack
        kind = token.type
        while True:
            action = states[state_stack[-1]][kind]
            if type(action) is int:
                if kind == _END:  # pragma: no cover - Lark's tables never shift the end
                    raise KeyError(_END)
                state_stack.append(action)
                value_stack.append(token)
                return None
            size, callback, name = action  # type: ignore[misc]
            if size:
                children = value_stack[-size:]
                del state_stack[-size:]
                del value_stack[-size:]
            else:
                children = []
            value_stack.append(callback(children))
            state_stack.append(states[state_stack[-1]][name])  # type: ignore[arg-type]
            if kind == _END and state_stack[-1] == self._end_state:
                return value_stack[-1]
