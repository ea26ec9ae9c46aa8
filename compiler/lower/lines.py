"""What every part's lowering shares: the lines of a subtree, spans, and the diagnostics sink."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, MutableSet, Sequence
from dataclasses import dataclass, field

from lark import Token, Tree

from compiler.frontend.line_map import PLAIN_MAP
from compiler.frontend.source import Document
from compiler.frontend.terminals import line_shapes
from compiler.ir import Code, Diagnostic, LineSpans, Severity, Span

SHAPES = line_shapes()  # the grammar's terminals (grammar/*.lark)
CELL_GAP = SHAPES["GAP"]


class Line:
    """One line of the filing as the lexer classified it; ``index`` is 0-based in the document.
    ``text`` is the line token itself (a str), not a copy: the tokens are the one copy of the
    filing's text while it is lowered. What the lowering keeps of it is sliced, stripped or
    joined, which makes plain strings (tests/lower/test_lower_memory.py checks that no token reaches
    the IR).

    A line holds its 1-based number, not its index: a line made of a token holds the token's own
    number (:func:`lines_of_tokens`), where an index was one more int object a line, held with
    the part's lines at the lowering's peak. Not frozen (the lowering never changes a Line):
    one is built per line of a part, and a frozen class's attributes are set through
    object.__setattr__, several times slower."""

    __slots__ = ("_number", "kind", "text")

    def __init__(self, index: int, kind: str, text: str) -> None:
        self._number = index + 1
        self.kind = kind
        self.text = text

    @property
    def index(self) -> int:
        return self._number - 1

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Line):
            return NotImplemented
        return (self._number, self.kind, self.text) == (other._number, other.kind, other.text)

    __hash__ = None  # type: ignore[assignment]  # (equal by value, and not immutable)

    def __repr__(self) -> str:
        return f"Line(index={self.index!r}, kind={self.kind!r}, text={self.text!r})"


class TreeLines:
    """The line tokens of a tree in document order, and where each subtree's tokens stand among
    them. One walk of the tree serves every part's lowering; a part's :class:`Line` objects are
    made when that part is lowered (:meth:`of`) and dropped after it, so the lines of the whole
    filing never all exist at once."""

    __slots__ = ("_ranges", "tokens")

    def __init__(self, tree: Tree[Token]) -> None:
        self.tokens: list[Token] = []
        # id() of each subtree -> [start, end) in ``tokens``; the tree outlives this object.
        self._ranges: dict[int, tuple[int, int]] = {}
        self._walk(tree)

    def _walk(self, node: Tree[Token]) -> None:
        # A plain walk: the tree is shallow (start, its parts, a cover page's rows) and holds one
        # token per line; Lark's generic ``scan_values`` cost a quarter of the lowering.
        tokens = self.tokens
        start = len(tokens)
        for child in node.children:
            if isinstance(child, Tree):
                self._walk(child)
            else:
                tokens.append(child)
        self._ranges[id(node)] = (start, len(tokens))

    def of(self, subtree: Tree[Token]) -> list[Line]:
        """The lines of ``subtree``, in order."""
        start, end = self._ranges[id(subtree)]
        return lines_of_tokens(self.tokens[start:end])


def lines_of_tokens(tokens: list[Token]) -> list[Line]:
    """One :class:`Line` per line token (the token is the line's text, its number the line's:
    see :class:`Line`)."""
    lines: list[Line] = []
    append, new, number, kind, text = lines.append, _new_line, _SET_NUMBER, _SET_KIND, _SET_TEXT
    for token in tokens:
        line = new(Line)
        number(line, token.line or 1)
        kind(line, token.type)
        text(line, token)
        append(line)
    return lines


# (Line's own __init__ would make the number anew from an index.)
_new_line = object.__new__
_SET_NUMBER, _SET_KIND, _SET_TEXT = (
    Line.__dict__[name].__set__ for name in ("_number", "kind", "text")
)


@dataclass(slots=True)
class Context:
    """The document being lowered and the diagnostics collected so far."""

    document: Document
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # Every line of the filing, by index: the parse tree's tokens in document order (the tree
    # holds each line once). Spans are measured on these, never on ``document.lines``: a caller
    # may drop the document's line texts once the tree's tokens hold them.
    line_texts: Sequence[str] = ()
    # Each distinct tuple of a trade row's columns, held once: a long table's rows stand in a few
    # placings, and a tuple of six columns a row was a third of its transactions' memory.
    _columns: dict[tuple[int, ...], tuple[int, ...]] = field(default_factory=dict)

    def _length(self, line: Line) -> int:
        # The whole line as written, even when ``line`` is a piece of it (a value cut out of a
        # label line, right-stripped): a span "to the end of the line" ends where the line does.
        texts = self.line_texts
        return len(texts[line.index]) if 0 <= line.index < len(texts) else len(line.text)

    def span(self, line: Line, start: int = 0, end: int | None = None) -> Span:
        """Span of ``line`` from column ``start`` to ``end`` (the line's end if None)."""
        if end is None:
            end = self._length(line)
        # (Conditionals, not max(): this runs for every span of the filing.)
        return self.document.span(
            line.index, start if start > 0 else 0, end if end > start else start
        )

    def line_spans(self, line: Line, names: tuple[str, ...], offsets: Sequence[int]) -> LineSpans:
        """The spans of values on ``line``, by name: each from its start to its end offset in
        ``offsets`` (in turn), as :meth:`span` gives them, held as one :class:`LineSpans` (a
        trade row's values: see there)."""
        document = self.document
        index = line.index
        maps = document.column_maps
        column_map = maps.get(index, document.plain_map) if maps else document.plain_map
        columns: list[int] = []
        for at in range(0, len(offsets), 2):
            start = offsets[at] if offsets[at] > 0 else 0
            end = offsets[at + 1] if offsets[at + 1] > start else start
            if column_map is not PLAIN_MAP:
                start = column_map.original_column(start, is_end=False)
                end = column_map.original_column(end, is_end=True)
            columns += (start + 1, end + 1)
        placing = tuple(columns)
        placing = self._columns.setdefault(placing, placing)
        return LineSpans(document.line_origins[index], names, placing)

    def lines_span(self, first: Line, last: Line) -> Span:
        """Span from the start of ``first`` to the end of ``last``."""
        return self.document.span(first.index, 0, self._length(last), last.index)

    def report(
        self,
        code: Code,
        message: str,
        line: Line | None = None,
        start: int = 0,
        end: int | None = None,
        severity: Severity | None = None,
    ) -> None:
        """Record a diagnostic at ``line``; its severity is the code's unless one is given (only
        for the codes whose registry entry says when they become errors)."""
        span = None if line is None else self.span(line, start, end)
        self.diagnostics.append(
            Diagnostic(
                code=code,
                severity=code.severity if severity is None else severity,
                message=message,
                span=span,
            )
        )


class LineFlags(MutableSet[int]):
    """A set of line indexes among a part's lines (a transaction table's rows and headings): a
    byte per line of the part's range, where a set of ints cost some fifty bytes a member (a long
    table's lines are nearly all its own). An index outside the range widens it."""

    __slots__ = ("_first", "_flags", "_size")

    def __init__(self, lines: Sequence[Line] = ()) -> None:
        # (A part's lines are in document order: their indexes run from the first's to the last's.)
        self._first = lines[0].index if lines else 0
        self._flags = bytearray(lines[-1].index - self._first + 1 if lines else 0)
        self._size = 0

    def __contains__(self, index: object) -> bool:
        if not isinstance(index, int):
            return False
        at = index - self._first
        return 0 <= at < len(self._flags) and self._flags[at] == 1

    def __iter__(self) -> Iterator[int]:
        first = self._first
        return (first + at for at, flag in enumerate(self._flags) if flag)

    def __len__(self) -> int:
        return self._size

    def add(self, index: int) -> None:
        at = index - self._first
        if at < 0:
            self._flags[:0] = bytes(-at)
            self._first, at = index, 0
        elif at >= len(self._flags):
            self._flags.extend(bytes(at - len(self._flags) + 1))
        if not self._flags[at]:
            self._flags[at] = 1
            self._size += 1

    def update(self, indexes: Iterable[int]) -> None:
        for index in indexes:
            self.add(index)

    def discard(self, index: int) -> None:
        if index in self:
            self._flags[index - self._first] = 0
            self._size -= 1

    def __repr__(self) -> str:
        return f"LineFlags({sorted(self)})"


def join_words(parts: list[str]) -> str:
    return " ".join(" ".join(parts).split())
