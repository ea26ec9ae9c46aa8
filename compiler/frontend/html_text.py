"""HTML filings -> text lines in a layout the line grammar reads (one more layout family).

The source stage calls :func:`convert_html` for a bare ``.htm`` document, an HTML ``<TEXT>`` of an
EDGAR submission or a page saved from a browser. The result is what a fixed-width filing would
look like if the filing agent had typed the rendered page:

- paragraphs are lines of their own, unwrapped; a blank line stands where the page shows a gap
  (a CSS margin of 6pt or more, the default margin of ``<p>``, an empty ``&nbsp;`` paragraph,
  ``<br><br>``); lines of a block without margins (``<p style="margin: 0">``) stay together, as
  a title-page value stays with its caption; a ``<pre>`` block keeps its lines and spaces;
- a table is laid out as a grid: each row on its own line(s), cells padded to their column's
  width and at least four spaces apart, so a cover row reads ``8.    SHARED VOTING POWER    0`` and
  an Item 5(c) table reads as aligned rows. A cell keeps its own lines (caption above value), with
  its leading and trailing blank lines dropped so that row number, caption and value share the
  first line. A leftmost cell that spans rows beside other cells and holds more than a row number
  (the "NUMBER OF SHARES BENEFICIALLY OWNED BY EACH REPORTING PERSON WITH" label of rows 7-10) is
  written once, on a line of its own above the first of its rows. A bare "$" / "%" / "(" / ")"
  cell joins the number beside it. An empty row is a blank line;
- page breaks (``page-break-before/after``, ``break-before/after: page``, an ``<hr>`` across the
  page, an EDGAR ``<PAGE>`` tag, a form feed in ``<pre>``) become a ``<PAGE>`` line;
- entities are decoded; non-breaking and other Unicode spaces become spaces (runs of them are kept,
  as a browser keeps them); typographic quotes become ASCII quotes; check boxes
  drawn as letters of a symbol font become ``☐`` / ``☒`` (the letters depend on the font: see
  :mod:`compiler.frontend.dingbats`); a footnote number in ``<sup>``, or raised by CSS as a
  superscript (see :mod:`compiler.frontend.html_style`), becomes ``(1)``;
- ``<head>``, scripts, styles, images (``data:`` URIs included), form controls and
  ``display: none`` content are dropped. EDGAR tags left inside the HTML (a submission saved from
  a browser: ``<type>SC 13D``) are read as fields, not text.

Each line comes with the 1-based line, in the original HTML, where its first text stands (the
element's ``sourceline``, moved down by the line breaks before the text); columns are not
tracked. libxml2 stops counting lines at 65535: past it, a line is known to within the lines of
the 8 KB chunk the parser was fed the element in.

Work is linear in the size of the document: one iterative walk (no recursion, however deep the
nesting), styles parsed once per distinct ``style`` attribute, tables nested deeper than
:data:`MAX_TABLE_DEPTH` read as plain blocks, and bounded padding (see
:mod:`compiler.frontend.html_layout`). What libxml2 cannot read whole (nesting deeper than it
allows)
raises :class:`HtmlError` rather than losing the rest of the text.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from lxml import etree

from compiler.frontend.html_layout import TABLE_MARGIN, Flow, Table, is_blank_text, render_table
from compiler.frontend.html_style import (
    NO_STYLE,
    Style,
    class_styles,
    drawn_box_glyph,
    is_superscript,
    points,
    read_style,
)
from compiler.frontend.html_tree import LAST_COUNTED_LINE, HtmlError, parse_html

__all__ = ["MAX_TABLE_DEPTH", "HtmlError", "HtmlText", "convert_html", "html_to_lines"]

MAX_TABLE_DEPTH = 8  # tables nested deeper are read as plain blocks
_MAX_SPAN = 100  # colspan/rowspan values are capped (HTML allows 1000 / 65534)

_SKIPPED = frozenset(
    {
        "head", "title", "script", "style", "noscript", "template", "object", "embed",
        "iframe", "svg", "math", "img", "canvas", "audio", "video", "map", "button",
        "select", "textarea", "input", "meta", "link", "base",
    }
)  # fmt: skip
# Blocks start and end a line; the value is their default vertical margin in points.
_BLOCKS = {
    **dict.fromkeys(("p", "blockquote", "pre", "ul", "ol", "dl", "h1", "h2", "h3"), 12.0),
    **dict.fromkeys(("h4", "h5", "h6", "form", "fieldset", "figure"), 12.0),
    **dict.fromkeys(
        (
            "div", "center", "address", "section", "article", "header", "footer", "nav",
            "aside", "main", "li", "dd", "dt", "tr", "td", "th", "caption", "thead",
            "tbody", "tfoot", "table", "body", "html", "document", "text", "legend",
            "figcaption", "hgroup", "details", "summary", "dir", "menu", "listing", "xmp",
            "plaintext",
        ),
        0.0,
    ),
}  # fmt: skip
_PREFORMATTED = frozenset({"pre", "listing", "xmp", "plaintext"})
# EDGAR SGML tags a browser kept as elements: their own text is a field value, not content.
_WRAPPER_FIELDS = frozenset({"type", "sequence", "filename", "description"})
_HEADER_TAGS = frozenset({"sec-header", "ims-header"})
_COLLAPSIBLE = " \t\n\r\f"
# The white space str.lstrip() strips (re's \s is the same set): matched, not copied.
_LEAD = re.compile(r"\s*")


@dataclass(frozen=True, slots=True)
class HtmlText:
    lines: tuple[str, ...]
    origins: tuple[int, ...]  # 1-based line, in the file, where each line's first text stands
    fields: tuple[tuple[str, str], ...]  # EDGAR tags found as elements: ("TYPE", "SC 13D"), ...


def html_to_lines(html: str) -> tuple[list[str], list[int]]:
    """The text lines of ``html`` and, for each, the 1-based source line it came from."""
    text = convert_html(html)
    return list(text.lines), list(text.origins)


def convert_html(html: str, first_line: int = 1) -> HtmlText:
    """Parse ``html`` (whose first line is line ``first_line`` of the file) and lay it out."""
    root, late_lines = parse_html(html, first_line)
    walker = _Walker(first_line - 1, late_lines)
    if root is not None:
        walker.walk(root)
    lines, origins = walker.flows[0].finish()
    return HtmlText(tuple(lines), tuple(origins), tuple(walker.fields))


def _span(raw: str | None) -> int:
    """A colspan or rowspan attribute's value: its leading digits, capped."""
    if raw is None:
        return 1
    raw = raw.strip()
    digits = raw[: len(raw) - len(raw.lstrip("0123456789"))]
    return max(1, min(int(digits[:4]) if digits else 1, _MAX_SPAN))


# Filings of one filing agent share their styles: plans are kept across documents too.
@functools.lru_cache(maxsize=4096)
def _plan(tag: str, raw: str | None, face: str | None) -> _Plan:
    """Work out what start() does with an element of this tag and style."""
    tag = tag.lower()
    style = NO_STYLE if raw is None and face is None else read_style(raw or "", face)
    kind = _KINDS.get(tag, _K_INLINE)
    if tag in _SKIPPED or style.hidden:
        kind = _K_SKIP
    elif style.drawn_box:
        pass  # a check box drawn by its borders: start() reads it
    elif (
        kind == _K_INLINE
        and not (style.break_before or style.break_after or style.raised)
        and (not style.font_set or style.glyphs is None)
    ):
        kind = _K_PLAIN  # only carries its text (in its parent's font, or a plain one)
    elif kind == _K_BLOCK and not (style.break_before or tag in _PREFORMATTED):
        kind = _K_PLAIN_BLOCK
    elif kind == _K_CELL and not style.break_before:
        kind = _K_PLAIN_CELL
    elif kind == _K_ROW and not style.break_before:
        kind = _K_PLAIN_ROW
    elif kind == _K_BR and not style.break_before:
        kind = _K_PLAIN_BR
    default = _BLOCKS.get(tag, 0.0)
    top = default if style.top is None else style.top
    bottom = default if style.bottom is None else style.bottom
    return (kind, style, top, bottom, style.font_set, tag in _PREFORMATTED)


def _is_page_rule(element: etree._Element, style: Style) -> bool:
    """An <hr> across the page is a page break; a short one (a footnote rule) is not."""
    width = (element.get("width") or style.width or "100%").strip()
    if width.endswith("%"):
        try:
            return float(width[:-1]) >= 50.0
        except ValueError:
            return True
    length = points(width)
    return length == 0.0 or length >= 216.0  # 3 inches


# --- the walk --------------------------------------------------------------------------------

# What was done at an element's start, undone at its end.
_SKIP, _INLINE, _BLOCK, _PRE, _TABLE, _ROW, _CELL = range(7)
# What an element's tag asks of its start (anything else is inline: it only carries its text).
_K_INLINE, _K_BR, _K_HR, _K_PAGE, _K_FIELD, _K_SUP, _K_TABLE, _K_ROW, _K_CELL, _K_BLOCK = range(10)
_KINDS = {
    **dict.fromkeys(_BLOCKS, _K_BLOCK),
    "br": _K_BR,
    "hr": _K_HR,
    "page": _K_PAGE,
    **dict.fromkeys(_WRAPPER_FIELDS | _HEADER_TAGS, _K_FIELD),
    "sup": _K_SUP,
    "table": _K_TABLE,
    "tr": _K_ROW,
    "td": _K_CELL,
    "th": _K_CELL,
}
# Kinds of a plan only (see _plan): content not rendered, and the common cases the walk loop
# handles itself (a wrapper that only carries text; a block, cell, <br> or row with no page
# break before it). start() reads a plain cell or row as a cell or row.
_K_SKIP, _K_PLAIN, _K_PLAIN_BLOCK, _K_PLAIN_CELL, _K_PLAIN_BR, _K_PLAIN_ROW = range(10, 16)
# What start() does with a tag and its style attributes, worked out once for each distinct
# (tag, style, face): (kind, style, top margin, bottom margin, resets the glyph table,
# preformatted).
_Plan = tuple[int, Style, float, float, bool, bool]
# An open element, as a tuple (cheaper than an object: a document has thousands of elements):
# (action, bottom margin in points, page break after, the font's glyph table if a symbol font).
_Open = tuple[int, float, bool, dict[int, str] | None]
_ROOT: _Open = (_INLINE, 0.0, False, None)


class _Walker:
    """One pass over the tree (lxml's iterwalk: iterative, in C), feeding the flows.

    Most elements of a filing hold no text of their own (spacer cells, font wrappers): the
    per-element work is kept to a few dictionary look-ups for them, and empty table cells get
    no flow of their own. The layout is the same as handling every element in full.
    """

    def __init__(self, line_offset: int, late_lines: dict[etree._Element, int]) -> None:
        self.offset = line_offset
        self.late_lines = late_lines
        self.flows: list[Flow] = [Flow()]
        self.tables: list[Table] = []
        self.open: list[_Open] = [_ROOT]  # the root's entry is never closed
        self.fields: list[tuple[str, str]] = []
        self.plans: dict[tuple[str, str | None, str | None], _Plan] = {}

    def walk(self, root: etree._Element) -> None:
        """The walk, with the common cases handled here rather than in start() and end():
        wrappers that only carry their text, plain blocks, table cells, line breaks, and white
        space between blocks."""
        walker = etree.iterwalk(root, events=("start", "end"))
        skip_subtree = walker.skip_subtree
        start, end, add_text, add_tail = self.start, self.end, self.text, self.tail
        opened, plans, flows, tables = self.open, self.plans, self.flows, self.tables
        classes = class_styles(root)
        for event, element in walker:
            tag = element.tag
            if tag.__class__ is not str:
                continue  # comments and processing instructions (the parser drops them)
            if event == "start":
                raw, face = element.get("style"), element.get("face")
                if classes and (names := element.get("class")):  # a class's, then its own
                    raw = ";".join([*(classes.get(name, "") for name in names.split()), raw or ""])
                plan = plans.get((tag, raw, face)) or self.plan(tag, raw, face)
                kind = plan[0]
                if kind == _K_PLAIN:  # a wrapper: only its text
                    glyphs = None if plan[4] else opened[-1][3]
                    opened.append(_ROOT if glyphs is None else (_INLINE, 0.0, False, glyphs))
                elif kind == _K_PLAIN_BLOCK:  # start() for a block, without its rare cases
                    style = plan[1]
                    flow = flows[-1]
                    if flow.parts:
                        flow.end_line()
                    flow.gap = max(flow.gap, plan[2])
                    glyphs = style.glyphs if plan[4] else opened[-1][3]
                    opened.append((_BLOCK, plan[3], style.break_after, glyphs))
                elif kind == _K_PLAIN_CELL and tables and not tables[-1].in_cell:
                    # start() for a cell of the innermost table: its place in the grid, and
                    # a flow of its own unless it lays out as an empty cell
                    style, table = plan[1], tables[-1]
                    glyphs = style.glyphs if plan[4] else opened[-1][3]
                    table.add_cell(_span(element.get("colspan")), _span(element.get("rowspan")))
                    own_text = element.text
                    if len(element) or (
                        own_text
                        and own_text.strip(_COLLAPSIBLE)
                        and (glyphs is not None or not is_blank_text(own_text))
                    ):
                        table.in_cell = True
                        flows.append(Flow())
                        opened.append((_CELL, 0.0, style.break_after, glyphs))
                        if own_text and own_text.strip(_COLLAPSIBLE):  # (white space: nothing)
                            add_text(own_text, element)
                    else:  # an empty cell: its white space is dropped
                        opened.append((_INLINE, 0.0, style.break_after, glyphs))
                    continue
                elif kind == _K_PLAIN_ROW and tables and not tables[-1].in_cell:
                    tables[-1].start_row()
                    style = plan[1]
                    glyphs = style.glyphs if plan[4] else opened[-1][3]
                    opened.append((_ROW, 0.0, style.break_after, glyphs))
                elif kind == _K_PLAIN_BR:
                    flows[-1].line_break()
                    style = plan[1]
                    glyphs = style.glyphs if plan[4] else opened[-1][3]
                    opened.append((_INLINE, 0.0, style.break_after, glyphs))
                else:
                    if start(element, plan):
                        skip_subtree()
                    continue
                own_text = element.text
                if own_text:  # text(), without its rare cases
                    flow = flows[-1]
                    if flow.pre or glyphs is not None:
                        add_text(own_text, element)
                    elif flow.parts:
                        flow.add(own_text, 0)
                    elif own_text.strip(_COLLAPSIBLE):  # (white space adds nothing here)
                        flow.add(own_text, self.text_origin(own_text, element))
                continue
            action, bottom, page_after, _ = opened[-1]
            if page_after or action in (_TABLE, _PRE):
                end(element)
                continue
            opened.pop()
            if action == _CELL:
                table = tables[-1]
                table.rows[-1][-1].lines = flows.pop().trimmed()
                table.in_cell = False
            elif action == _ROW:
                tables[-1].open_row = False
            flow = flows[-1]
            if action == _BLOCK:
                if flow.parts:
                    flow.end_line()
                flow.gap = max(flow.gap, bottom)
            tail = element.tail
            # (white space between blocks, where no line is open, adds nothing)
            if tail and (flow.parts or flow.pre or tail.strip(_COLLAPSIBLE)):
                add_tail(tail, element)

    def text_origin(self, text: str, element: etree._Element) -> int:
        """Where an element's text that starts a line stands: at its first word."""
        if not text[0].isspace():
            return self.origin(element)
        lead = _LEAD.match(text).end()  # type: ignore[union-attr]
        return self.origin(element) + text.count("\n", 0, lead)

    def text(self, text: str, element: etree._Element) -> None:
        """Add an element's own text, located on the line where its first word stands."""
        flow = self.flows[-1]
        pre = flow.pre
        if flow.parts and not pre and self.open[-1][3] is None:
            flow.add(text, 0)  # within a line: no origin to find, no glyph to translate
            return
        if not pre and text.isspace() and not text.strip(_COLLAPSIBLE):
            _add_space(flow)
            return
        origin = 0
        if pre or not flow.parts:  # the origin counts only where a line starts
            # Preformatted text counts its lines from where it starts; other text is located
            # at its first word.
            origin = self.origin(element) if pre else self.text_origin(text, element)
        glyphs = self.open[-1][3]
        if glyphs is not None:
            text = text.translate(glyphs)
        flow.add(text, origin)

    def tail(self, text: str, element: etree._Element) -> None:
        """Add an element's tail: it ends where the next element starts."""
        flow = self.flows[-1]
        pre = flow.pre
        if flow.parts and not pre and self.open[-1][3] is None:
            flow.add(text, 0)
            return
        if not pre and text.isspace() and not text.strip(_COLLAPSIBLE):
            _add_space(flow)
            return
        origin = 0
        if pre or not flow.parts:
            lead = 0 if pre or not text[0].isspace() else _LEAD.match(text).end()  # type: ignore[union-attr]
            following = element.getnext()
            if following is not None:
                origin = self.origin(following) - text.count("\n", lead)
            else:
                origin = self.origin(element) + text.count("\n", 0, lead)
        glyphs = self.open[-1][3]
        if glyphs is not None:
            text = text.translate(glyphs)
        flow.add(text, origin)

    def origin(self, element: etree._Element) -> int:
        line = element.sourceline or 1
        if line >= LAST_COUNTED_LINE:
            line = self.late_lines.get(element, line)
        return line + self.offset

    def plan(self, tag: str, raw: str | None, face: str | None) -> _Plan:
        """What start() does with an element of this tag and style, kept for the document."""
        plan = self.plans[tag, raw, face] = _plan(tag, raw, face)
        return plan

    def start(self, element: etree._Element, plan: _Plan) -> bool:
        """Handle an element's start; True when its subtree is to be skipped."""
        kind, style, top, bottom = plan[0], plan[1], plan[2], 0.0
        opened = self.open
        glyphs = opened[-1][3]
        if kind == _K_SKIP:
            opened.append((_SKIP, 0.0, False, glyphs))
            return True
        flow = self.flows[-1]
        if style.break_before:
            flow.end_line()
            flow.request_page()
        action = _INLINE
        own_text: str | None = element.text
        drawn = drawn_box_glyph(element) if style.drawn_box else None
        if drawn is not None:
            own_text = drawn  # the box is its glyph; what it holds is its mark, read here
        if style.font_set:
            glyphs = style.glyphs
        # A footnote mark raised by CSS (Workiva's "position: relative; top: -3.5pt") is read as
        # <sup> is, if it is one: set above the line, or at its top in a smaller font.
        if style.raised and kind == _K_INLINE and is_superscript(element, style):
            kind = _K_SUP
        if kind == _K_PLAIN_CELL:
            kind = _K_CELL
        elif kind == _K_PLAIN_ROW:
            kind = _K_ROW
        if kind in (_K_ROW, _K_CELL):
            tables = self.tables
            if tables and not tables[-1].in_cell:
                table = tables[-1]
                if kind == _K_ROW:
                    table.start_row()
                    action = _ROW
                else:
                    table.add_cell(_span(element.get("colspan")), _span(element.get("rowspan")))
                    if len(element) or (
                        own_text
                        and own_text.strip(_COLLAPSIBLE)
                        # a spacer cell ("&nbsp;") lays out as an empty one
                        and (glyphs is not None or not is_blank_text(own_text))
                    ):
                        table.in_cell = True
                        self.flows.append(Flow())
                        action = _CELL
                    else:  # an empty cell: its lines stay empty, its white space is dropped
                        own_text = None
                kind = _K_INLINE
            else:
                kind = _K_BLOCK
        if kind == _K_INLINE:
            pass
        elif kind == _K_BLOCK or (kind == _K_TABLE and len(self.tables) >= MAX_TABLE_DEPTH):
            bottom = plan[3]
            flow.end_line()
            flow.margin(top)
            action = _BLOCK
            if plan[5]:
                flow.pre += 1
                action = _PRE
        elif kind == _K_TABLE:
            flow.end_line()
            self.tables.append(Table())
            action = _TABLE
        elif kind == _K_BR:
            flow.line_break()
        elif kind == _K_HR:
            flow.end_line()
            if _is_page_rule(element, style):
                flow.request_page()
            else:
                flow.margin(TABLE_MARGIN)
        elif kind == _K_PAGE:  # an EDGAR <PAGE> tag inside HTML
            flow.end_line()
            flow.request_page()
        elif kind == _K_FIELD:
            value = " ".join((own_text or "").split())
            tag = str(element.tag).lower()
            if tag in _WRAPPER_FIELDS and value:
                self.fields.append((tag.upper(), value))
            own_text = None
        elif kind == _K_SUP and own_text and len(element) == 0:
            mark = own_text.strip()
            if mark.isdigit() and len(mark) <= 3:
                own_text = f"({mark})"  # "10,000<sup>1</sup>" must not read 10,0001
        opened.append((action, bottom, style.break_after, glyphs))
        if own_text:
            self.text(own_text, element)
        return drawn is not None

    def end(self, element: etree._Element) -> None:
        action, bottom, page_after, _ = self.open.pop()
        if action > _INLINE:
            flow = self.flows[-1]
            if action == _CELL:
                self.flows.pop()
                table = self.tables[-1]
                table.rows[-1][-1].lines = flow.trimmed()
                table.in_cell = False
            elif action == _TABLE:
                render_table(self.tables.pop(), flow)
            elif action == _ROW:
                self.tables[-1].open_row = False
            else:  # _BLOCK, _PRE
                flow.end_line()
                flow.margin(bottom)
                if action == _PRE:
                    flow.pre -= 1
        if page_after:
            self.flows[-1].end_line()
            self.flows[-1].request_page()
        tail = element.tail
        if tail:
            self.tail(tail, element)


def _add_space(flow: Flow) -> None:
    """Collapsible white space: at most one space, never at the start of a line (as Flow.add
    does with it, without the regular expression)."""
    parts = flow.parts
    if parts and not parts[-1].endswith(" "):
        parts.append(" ")
