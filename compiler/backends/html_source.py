"""A filing compiled for ``--to html``: its IR with spans on the lines 13dc read, not on the file.

The IR's spans point into the file as written. That is what JSON wants, but not what a page can
highlight: an HTML filing is read as text lines converted from its elements, and a span can only
say which HTML line a value came from (HTML keeps no columns); a plain-text line may hold tabs or
form feeds. So the view lowers the parse tree a second time with a document whose lines are their
own origins: every span then names a display line (1-based) and the columns on it. The lowering
reads nothing else from the origins, so the values, the JSON Pointers and the diagnostics are
those of ``--to json`` (tests/backends/test_html_view.py checks it on every filing of the
tests); the
original place of any display span is ``document.span`` of it, the very function the first
lowering used.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass

from lark import Token, Tree

from compiler.checks import check
from compiler.frontend.line_map import PLAIN_MAP
from compiler.frontend.parser import parse
from compiler.frontend.source import Document, read_source
from compiler.ir import Filing, Span
from compiler.lower import lower
from compiler.schema import ROWS, ValueKind

# The cover rows whose text must give a value, and the field each gives; a box row (2, 5, 12)
# left unchecked is a reading (false), not a missing value, and row 3 is for the SEC's use.
# The rows whose value a reviewer looks for (boxes show as marked or not, never as missing), by
# terminal, with their IR field (compiler/schema.py), and those a 13G does not have.
_VALUE_KINDS = frozenset(
    {
        ValueKind.NAME,
        ValueKind.FUNDS,
        ValueKind.PLACE,
        ValueKind.SHARES,
        ValueKind.PERCENT,
        ValueKind.TYPE_CODES,
    }
)
ROW_FIELDS = {row.terminal: row.field for row in ROWS if row.kind in _VALUE_KINDS}
_THIRTEEN_D_ONLY = frozenset(row.terminal for row in ROWS if row.number_13g is None)


@dataclass(frozen=True, slots=True)
class CoverRow:
    """The head line of a value row of a cover page."""

    person: int  # index of the reporting person (cover page)
    field: str  # the ReportingPerson field it gives
    line: int  # 0-based display line of its caption


@dataclass(frozen=True, slots=True)
class ViewSource:
    document: Document  # as read: its lines are the display lines, its maps lead to the file
    filing: Filing  # lowered on the display lines (spans: display line and column, 1-based)
    cover_rows: tuple[CoverRow, ...]

    def original(self, span: Span) -> Span:
        """Where a display span stands in the file as written (what JSON's ``spans`` say)."""
        last = len(self.document.lines) - 1
        return self.document.span(
            min(span.line - 1, last),
            span.column - 1,
            span.end_column - 1,
            min(span.end_line - 1, last),
        )

    def origin_line(self, index: int) -> int:
        """The file's line (1-based) of display line ``index`` (0-based)."""
        return int(self.document.line_origins[index])


def compile_view(data: bytes, path: str, ignore: Iterable[str] = ()) -> ViewSource:
    """Compile ``data`` with spans on its display lines; raises what compile_filing raises."""
    document = read_source(data, path)
    display = dataclasses.replace(
        document,
        line_origins=range(1, len(document.lines) + 1),
        column_maps={},
        plain_map=PLAIN_MAP,
    )
    if document.format == "xml":
        # An XML-era filing has no line tree: its element tree is lowered on the display lines
        # (the XML's own lines; in an EDGAR .txt, those of the <XML> document), as
        # compile_filing lowers it on the file's, and it has no cover rows of captioned lines.
        filing, tree = _xml_filing(display), None
    else:
        tree = parse(document)
        filing = check(lower(tree, display))
    silenced = {code.upper() for code in ignore}
    if silenced:
        kept = tuple(d for d in filing.diagnostics if d.code.upper() not in silenced)
        filing = dataclasses.replace(filing, diagnostics=kept)
    rows = _cover_rows(tree, filing) if tree is not None else ()
    return ViewSource(document=document, filing=filing, cover_rows=rows)


def _xml_filing(display: Document) -> Filing:
    from compiler.acceptance import accept
    from compiler.frontend.xml_source import read_xml
    from compiler.lower.xml_filing import lower_xml

    return check(accept(lower_xml(read_xml(display))))


def _tokens(node: Tree[Token]) -> Iterable[Token]:
    for child in node.children:
        if isinstance(child, Tree):
            yield from _tokens(child)
        else:
            yield child


def _cover_rows(tree: Tree[Token], filing: Filing) -> tuple[CoverRow, ...]:
    """The value rows of each cover page, in the order the lowering made the reporting persons
    (one per ``cover_page`` subtree); a repeated row counts once, as the lowering uses the
    first."""
    is_13g = filing.form.startswith("SC 13G")
    pages = [c for c in tree.children if isinstance(c, Tree) and c.data == "cover_page"]
    rows: list[CoverRow] = []
    for person, page in enumerate(pages[: len(filing.reporting_persons)]):
        seen: set[str] = set()
        for token in _tokens(page):
            kind = token.type
            if kind not in ROW_FIELDS or kind in seen or (is_13g and kind in _THIRTEEN_D_ONLY):
                continue
            seen.add(kind)
            rows.append(CoverRow(person, ROW_FIELDS[kind], (token.line or 1) - 1))
    return tuple(rows)


__all__ = ["ROW_FIELDS", "CoverRow", "ViewSource", "compile_view"]
