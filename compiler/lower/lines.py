"""What every part's lowering shares: the lines of a subtree, spans, and the diagnostics sink."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lark import Token, Tree

from compiler.ir import Diagnostic, Severity, Span
from compiler.source import Document

# The gap between two cells of a fixed-width table row.
CELL_GAP = re.compile(r"\s{2,}")


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the filing as the lexer classified it; ``index`` is 0-based in the document."""

    index: int
    kind: str
    text: str
    stray_kind: str | None = None


def lines_of(tree: Tree[Token] | Token) -> list[Line]:
    """Every line token under ``tree``, in document order (a plain walk: the tree is shallow,
    and Lark's generic ``scan_values`` cost a quarter of the lowering)."""
    result: list[Line] = []
    _collect(tree, result)
    return result


def _collect(node: Tree[Token] | Token, into: list[Line]) -> None:
    if isinstance(node, Token):
        stray = getattr(node, "original_type", None)
        into.append(Line(int(node.line or 1) - 1, node.type, str(node.value), stray))
        return
    for child in node.children:
        _collect(child, into)


@dataclass(slots=True)
class Context:
    """The document being lowered and the diagnostics collected so far."""

    document: Document
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def span(self, line: Line | int, start: int = 0, end: int | None = None) -> Span:
        index = line if isinstance(line, int) else line.index
        text = self.document.lines[index] if index < len(self.document.lines) else ""
        stop = len(text) if end is None else end
        return self.document.span(index, max(start, 0), max(stop, start))

    def report(
        self,
        code: str,
        message: str,
        line: Line | int | None = None,
        start: int = 0,
        end: int | None = None,
        severity: Severity = Severity.WARNING,
    ) -> None:
        span = None if line is None else self.span(line, start, end)
        self.diagnostics.append(
            Diagnostic(code=code, severity=severity, message=message, span=span)
        )


def join_words(parts: list[str]) -> str:
    return " ".join(" ".join(parts).split())
