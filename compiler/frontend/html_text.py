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

import re
from dataclasses import dataclass

from lxml import etree

from compiler.frontend.html_layout import TABLE_MARGIN, Flow, Table, render_table
from compiler.frontend.html_style import NO_STYLE, RAISED, Style, font_size, points, read_style

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


class HtmlError(ValueError):
    """HTML that cannot be read whole (the source stage turns it into an InputError)."""


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
    root, late_lines = _parse(html, first_line)
    walker = _Walker(first_line - 1, late_lines)
    if root is not None:
        walker.walk(root)
    lines, origins = walker.flows[0].finish()
    return HtmlText(tuple(lines), tuple(origins), tuple(walker.fields))


# libxml2 counts HTML source lines in 16 bits: an element further down reports this line.
_LAST_COUNTED_LINE = 65535
_CHUNK = 8192  # bytes fed at a time when lines past that one must be found


def _parse(html: str, first_line: int) -> tuple[etree._Element | None, dict[etree._Element, int]]:
    """The tree, and the source line of each element past libxml2's last counted line."""
    data = html.encode("utf-8", "surrogatepass")
    late_lines: dict[etree._Element, int] = {}
    parser: etree.HTMLParser | etree.HTMLPullParser
    try:
        if data.count(b"\n") < _LAST_COUNTED_LINE:
            # huge_tree: without it libxml2 silently drops everything after a text node or
            # attribute of 10 MB (a data: URI image) and below 256 levels of nesting.
            parser = etree.HTMLParser(
                huge_tree=True, remove_comments=True, remove_pis=True, encoding="utf-8"
            )
            root = etree.fromstring(data, parser)
        else:
            # Fed in small chunks, an element's start event tells the chunk, and so about the
            # line, it stands on. (Feeding line by line would be exact, but libxml2's push parser
            # turns quadratic on many tiny feeds.) Only for the rare document that needs it.
            parser = etree.HTMLPullParser(
                events=("start",),
                huge_tree=True,
                remove_comments=True,
                remove_pis=True,
                encoding="utf-8",
            )
            line = 1  # the line the current chunk starts on
            for offset in range(0, len(data), _CHUNK):
                chunk = data[offset : offset + _CHUNK]
                parser.feed(chunk)
                for _, element in parser.read_events():
                    if (element.sourceline or 0) >= _LAST_COUNTED_LINE:
                        late_lines[element] = max(line, _LAST_COUNTED_LINE)
                line += chunk.count(b"\n")
            root = parser.close()
    except etree.XMLSyntaxError as exc:  # in recover mode, only for a document with no content
        raise HtmlError(f"unreadable HTML: {exc}") from exc
    for entry in parser.error_log:
        if entry.level_name == "FATAL" and "depth" in entry.message.lower():
            raise HtmlError(
                f"HTML elements nested too deeply to read (line {entry.line + first_line - 1})"
            )
    return root, late_lines


def _span(element: etree._Element, name: str) -> int:
    raw = element.get(name)
    if raw is None:
        return 1
    raw = raw.strip()
    digits = raw[: len(raw) - len(raw.lstrip("0123456789"))]
    return max(1, min(int(digits[:4]) if digits else 1, _MAX_SPAN))


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
# An open element, as a tuple (cheaper than an object: a document has thousands of elements):
# (action, bottom margin in points, page break after, the font's glyph table if a symbol font).
_Open = tuple[int, float, bool, dict[int, str] | None]
_ROOT: _Open = (_INLINE, 0.0, False, None)
_BODY_SIZE = 12.0  # a browser's default font size, in points


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
        self.styles: dict[tuple[str, str | None], Style] = {}

    def walk(self, root: etree._Element) -> None:
        walker = etree.iterwalk(root, events=("start", "end"))
        start, end = self.start, self.end
        for event, element in walker:
            if not isinstance(element.tag, str):
                continue  # comments and processing instructions (the parser drops them)
            if event == "start":
                if start(element):
                    walker.skip_subtree()
            else:
                end(element)

    def style(self, raw: str | None, face: str | None) -> Style:
        key = (raw or "", face)
        found = self.styles.get(key)
        if found is None:
            found = self.styles[key] = read_style(raw or "", face)
        return found

    def text(self, text: str, element: etree._Element) -> None:
        """Add an element's own text, located on the line where its first word stands."""
        flow = self.flows[-1]
        pre = flow.pre
        if not pre and text.isspace() and not text.strip(_COLLAPSIBLE):
            _add_space(flow)
            return
        origin = 0
        if pre or not flow.parts:  # the origin counts only where a line starts
            # Preformatted text counts its lines from where it starts; other text is located
            # at its first word.
            lead = 0 if pre else _LEAD.match(text).end()  # type: ignore[union-attr]
            origin = self.origin(element) + text.count("\n", 0, lead)
        glyphs = self.open[-1][3]
        if glyphs is not None:
            text = text.translate(glyphs)
        flow.add(text, origin)

    def tail(self, text: str, element: etree._Element) -> None:
        """Add an element's tail: it ends where the next element starts."""
        flow = self.flows[-1]
        pre = flow.pre
        if not pre and text.isspace() and not text.strip(_COLLAPSIBLE):
            _add_space(flow)
            return
        origin = 0
        if pre or not flow.parts:
            lead = 0 if pre else _LEAD.match(text).end()  # type: ignore[union-attr]
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
        if line >= _LAST_COUNTED_LINE:
            line = self.late_lines.get(element, line)
        return line + self.offset

    def superscript(self, element: etree._Element, style: Style) -> bool:
        """Whether CSS sets ``element`` as a superscript: raised above the line, or at its top
        in a smaller font than its parent's. The parent's size is looked up only here (rare),
        not carried through the walk."""
        if style.raised == RAISED:
            return True
        size, scale = font_size(style)
        if size is None:
            return scale < 1.0
        scale = 1.0
        for ancestor in element.iterancestors():
            raw, face = ancestor.get("style"), ancestor.get("face")
            if raw is not None or face is not None:
                parent, factor = font_size(self.style(raw, face))
                if parent is not None:
                    return size < parent * scale
                scale *= factor
        return size < _BODY_SIZE * scale

    def start(self, element: etree._Element) -> bool:
        """Handle an element's start; True when its subtree is to be skipped."""
        tag = str(element.tag).lower()
        raw, face = element.get("style"), element.get("face")
        if raw is None and face is None:
            style = NO_STYLE
        else:
            style = self.styles.get((raw or "", face)) or self.style(raw, face)
        opened = self.open
        glyphs = opened[-1][3]
        if tag in _SKIPPED or style.hidden:
            opened.append((_SKIP, 0.0, False, glyphs))
            return True
        flow = self.flows[-1]
        if style.break_before:
            flow.end_line()
            flow.request_page()
        action, bottom = _INLINE, 0.0
        own_text: str | None = element.text
        kind = _KINDS.get(tag, _K_INLINE)
        if style.font_set:
            glyphs = style.glyphs
        # A footnote mark raised by CSS (Workiva's "position: relative; top: -3.5pt") is read as
        # <sup> is, if it is one: set above the line, or at its top in a smaller font.
        if style.raised and kind == _K_INLINE and self.superscript(element, style):
            kind = _K_SUP
        if kind in (_K_ROW, _K_CELL):
            tables = self.tables
            if tables and not tables[-1].in_cell:
                table = tables[-1]
                if kind == _K_ROW:
                    table.start_row()
                    action = _ROW
                else:
                    table.add_cell(_span(element, "colspan"), _span(element, "rowspan"))
                    if len(element) or (own_text and own_text.strip(_COLLAPSIBLE)):
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
            default = _BLOCKS[tag]
            bottom = default if style.bottom is None else style.bottom
            flow.end_line()
            flow.margin(default if style.top is None else style.top)
            action = _BLOCK
            if tag in _PREFORMATTED:
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
        return False

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
