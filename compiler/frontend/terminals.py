"""Terminals defined in Lark grammar text, compiled to Python regular expressions.

The line lexer and the lowering match whole lines and pieces of lines against patterns that live
in the grammar (``grammar/lines.lark``, the cover-row captions of :mod:`compiler.schema`). Lark
reads the terminal definitions (strings, regexps, references to other terminals, ``?``, ``*``,
``|``) and turns each into one regular expression; this module compiles those, so that a pattern
is written once, in the grammar, and matched at the speed of :mod:`re`.
"""

from __future__ import annotations

import functools
import json
import re

from lark.lexer import PatternRE, PatternStr
from lark.load_grammar import load_grammar

from compiler.errors import InternalError
from compiler.frontend.lark_cache import cache_file
from compiler.resources import read_grammar


def compile_terminals(text: str, source: str, flags: int = 0) -> dict[str, re.Pattern[str]]:
    """:func:`terminal_regexps` of the grammar ``text``, compiled; the regexps are kept in the
    cache directory, so that a process reads them instead of analysing the grammar again (Lark
    takes about 30 ms for one of ours, a whole compilation of a filing a few)."""
    path = cache_file("terminals", f"{flags}\n{text}", "json")
    regexps: dict[str, tuple[str, int]] | None = None
    if path is not None:
        try:
            with open(path, encoding="utf-8") as file:
                regexps = {name: (value[0], value[1]) for name, value in json.load(file).items()}
        except (OSError, ValueError, TypeError, IndexError, AttributeError):
            regexps = None
    if regexps is None:
        regexps = terminal_regexps(text, source, flags)
        if path is not None:
            _write_atomically(path, json.dumps(regexps))
    return {name: re.compile(regexp, own) for name, (regexp, own) in regexps.items()}


def _write_atomically(path: str, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file, so that a reader never sees half of
    it; a cache that cannot be written is no error."""
    import os
    import tempfile

    try:
        handle, temporary = tempfile.mkstemp(dir=os.path.dirname(path), suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        os.replace(temporary, path)
    except OSError:
        return


def terminal_regexps(text: str, source: str, flags: int = 0) -> dict[str, tuple[str, int]]:
    """Every terminal defined in the grammar ``text`` (named in errors as ``source``): its regular
    expression and flags (``flags`` besides its own).

    Terminals whose name starts with ``_`` are pieces of others (Lark inlines them) and are left
    out. A terminal that is one regexp keeps it as written, its flags (``/.../i``) as the
    pattern's flags: Lark's own rendering wraps it in an inline-flag group, which hides a
    pattern's first characters from the regex engine's prefix search."""
    grammar, _ = load_grammar(text, source, [], False)  # type: ignore[no-untyped-call]
    try:
        terminals, _rules, _ignore = grammar.compile([], "*")
    except Exception as error:  # a grammar error is a bug of ours, with Lark's message
        raise InternalError(f"{source}: {error}") from error
    regexps: dict[str, tuple[str, int]] = {}
    for terminal in terminals:
        if terminal.name.startswith("_"):
            continue
        pattern = terminal.pattern
        own = flags
        for flag in pattern.flags:
            own |= getattr(re, flag.upper())
        if isinstance(pattern, PatternRE):
            regexp = pattern.value
        elif isinstance(pattern, PatternStr):
            regexp = re.escape(pattern.value)
        else:  # pragma: no cover - Lark has no other kind of pattern
            raise InternalError(f"{source}: {terminal.name} is neither a string nor a regexp")
        regexps[terminal.name] = (regexp, int(own))
    return regexps


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
