"""Terminal output of the ``13dc`` command: diagnostics, the parse-tree outline, carets.

Pure formatting, no I/O; every string that comes from a filing passes through :func:`printable`,
since a filing is untrusted input and its text must not drive the terminal.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

    from compiler.ir import Diagnostic

_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """One terminal-safe line: a filing is untrusted, its text must not drive the terminal."""
    return _CONTROL_CHARACTERS.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def format_diagnostic(path: str, diagnostic: Diagnostic) -> str:
    """``path:line:col: severity CODE: message``, or ``path: severity CODE: message`` unlocated."""
    where = path
    if diagnostic.span is not None:
        where = f"{path}:{diagnostic.span.line}:{diagnostic.span.column}"
    return f"{where}: {diagnostic.severity} {diagnostic.code}: {printable(diagnostic.message)}"


SHOWN_PER_CODE = 5  # diagnostics of one code printed before the rest are only counted


def diagnostic_lines(path: str, diagnostics: Iterable[Diagnostic]) -> list[str]:
    """The diagnostics as terminal lines, the first :data:`SHOWN_PER_CODE` of each code in full
    and the others of that code counted on one line at the end: a filing with a layout 13dc
    misreads can raise one diagnostic per line, and 24,000 lines on stderr drown the rest.
    (The output's own diagnostics, and ``13dc check``, keep every one.)"""
    lines: list[str] = []
    counts: dict[str, int] = {}
    severities: dict[str, str] = {}
    for diagnostic in diagnostics:
        count = counts[diagnostic.code] = counts.get(diagnostic.code, 0) + 1
        if count <= SHOWN_PER_CODE:
            lines.append(format_diagnostic(path, diagnostic))
            severities[diagnostic.code] = str(diagnostic.severity)
    for code, count in counts.items():
        if count > SHOWN_PER_CODE:
            hidden = count - SHOWN_PER_CODE
            lines.append(
                f"{path}: {severities[code]} {code}: {hidden:,} more {code} diagnostic(s) "
                f"not shown ({count:,} in all; the output lists every one)"
            )
    return lines


def format_tree(tree: object) -> str:
    """The parse tree as an indented outline: rules, then one line per line token with its line
    number and terminal, for whoever debugs a new layout family (``--emit tree``)."""
    from lark import Token, Tree

    out: list[str] = []

    def walk(node: object, depth: int) -> None:
        pad = "  " * depth
        if isinstance(node, Tree):
            out.append(f"{pad}{node.data}")
            for child in node.children:
                walk(child, depth + 1)
        elif isinstance(node, Token):
            original = getattr(node, "original_type", None)
            kind = f"{node.type}<-{original}" if original else node.type
            out.append(f"{pad}{node.line:>5} {kind:<16}| {printable(str(node.value))}")

    walk(tree, 0)
    return "\n".join(out) + "\n"


def caret(document_lines: tuple[str, ...], diagnostic: Diagnostic) -> str:
    span = diagnostic.span
    if span is None or not 0 < span.line <= len(document_lines):
        return ""
    line = printable(document_lines[span.line - 1].expandtabs(8))
    width = max(span.end_column - span.column, 1) if span.end_line == span.line else 1
    return f"    {line}\n    {' ' * (span.column - 1)}{'^' * width}"
