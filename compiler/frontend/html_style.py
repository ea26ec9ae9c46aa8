"""The part of an HTML element's ``style`` attribute (and ``face``) the converter uses.

Parsed once per distinct attribute (a bounded cache, shared by the documents of a run):
hidden content, page breaks, margins, the font (a symbol font's letters are check boxes, see
:mod:`compiler.frontend.dingbats`), its size, whether CSS raises the element above the line
as a superscript, and whether its borders draw a check box.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from lxml import etree

from compiler.frontend.dingbats import glyph_table

_UNITS = {"pt": 1.0, "px": 0.75, "in": 72.0, "cm": 28.35, "mm": 2.835, "pc": 12.0}
_LENGTH = re.compile(r"^(-?\d*\.?\d+)\s*(pt|px|in|cm|mm|r?em|pc|%)?$")
_BODY_SIZE = 12.0  # a browser's default font size, in points
_PAGE_BREAKS = frozenset({"always", "page", "left", "right", "recto", "verso"})


# How far CSS raises an inline element: not at all, above the line (vertical-align: super, a
# positive length; position: relative with a negative top), or to the line's top, which is a
# superscript only in a smaller font than its parent's (a footnote mark; a cell's
# "vertical-align: top" is not one).
LEVEL, RAISED, TOP = range(3)


@dataclass(frozen=True, slots=True)
class Style:
    """What the converter uses of one ``style`` attribute (and ``face``)."""

    hidden: bool = False
    break_before: bool = False
    break_after: bool = False
    font_set: bool = False  # False: the font (and so its glyph table) is inherited
    glyphs: dict[int, str] | None = None  # a symbol font's letters drawn as boxes
    raised: int = LEVEL  # set above the line by CSS rather than <sup> (see _raised)
    font_size: str | None = None  # as written (read by font_size() only where it matters)
    top: float | None = None  # margins in points, None when not set
    bottom: float | None = None
    width: str | None = None
    drawn_box: bool = False  # a small square drawn by its borders (see _drawn_box)


NO_STYLE = Style()


@functools.lru_cache(maxsize=4096)  # (a filing agent's styles recur across its filings)
def read_style(raw: str, face: str | None) -> Style:
    style: dict[str, str] = {}
    for declaration in raw.split(";"):
        name, colon, value = declaration.partition(":")
        if colon:
            style[name.strip().lower()] = value.strip().lower()
    top = bottom = None
    if "margin" in style:
        parts = style["margin"].split()
        if parts:
            top = points(parts[0])
            bottom = points(parts[2] if len(parts) > 2 else parts[0])
    if "margin-top" in style:
        top = points(style["margin-top"])
    if "margin-bottom" in style:
        bottom = points(style["margin-bottom"])
    family = style.get("font-family") or style.get("font") or face
    # Few styles raise their text: the common case is two dictionary look-ups.
    raised = _raised(style) if "vertical-align" in style or "top" in style else LEVEL
    return Style(
        hidden=style.get("display") == "none",
        break_before=(
            style.get("page-break-before") in _PAGE_BREAKS
            or style.get("break-before") in _PAGE_BREAKS
        ),
        break_after=(
            style.get("page-break-after") in _PAGE_BREAKS
            or style.get("break-after") in _PAGE_BREAKS
        ),
        font_set=family is not None,
        glyphs=None if family is None else glyph_table(family),
        raised=raised,
        font_size=style.get("font-size"),
        top=top,
        bottom=bottom,
        width=style.get("width"),
        drawn_box="border" in raw.lower() and _drawn_box(style),
    )


_BOX_SIZE = 20.0  # points: a square this small, bordered on every side, is a check box
_NO_BORDER = frozenset({"none", "hidden", "0", "0px", "0pt"})


def _drawn_box(style: dict[str, str]) -> bool:
    """A check box drawn as an element with a border on every side and a small width and
    height ("border: 1px solid black; width: 10px; height: 10px"), as some filing agents draw
    the form's boxes instead of writing a glyph."""
    sides = [style.get(f"border-{side}", style.get("border", "")) for side in _SIDES]
    if not all(value and not (set(value.split()) & _NO_BORDER) for value in sides):
        return False
    width, height = style.get("width"), style.get("height")
    return bool(
        width and height and 0.0 < points(width) <= _BOX_SIZE and 0.0 < points(height) <= _BOX_SIZE
    )


_SIDES = ("top", "right", "bottom", "left")


# What a drawn box may hold to be marked: an X or a check mark.
_BOX_MARKS = frozenset({"x", "X", "✓", "✔", "√", "☒", "☑"})


def drawn_box_glyph(element: etree._Element) -> str | None:
    """The glyph of a check box drawn by CSS borders: empty (white space, "&nbsp;") or marked
    (an X or a check mark inside); None when it holds anything else (read as it is)."""
    content = "".join(element.itertext()).strip(" \t\n\r\f\xa0")
    if not content:
        return "☐" if _box_expected(element) else None
    return "☒" if content in _BOX_MARKS else None


# Why an empty drawn square is read as a box only where the form puts one: layout tables also
# draw small empty bordered cells (8x8 px spacers), and a spacer beside a cover row's value read
# as "☐ 0" lost the value. A box is expected beside a group letter ("(a)", a bare "b"), a rule
# box ("Rule 13d-1(c)") or a caption or sentence asking to check it ("CHECK BOX IF ...",
# "check the following box"); an X inside is the shape only a box has, and is read anywhere.
# Group letters count only in a row or block holding nothing else (but boxes and marks): Item
# 5's "(a) The aggregate number ..." laid out as a table row is no place for a box.
_BOX_CUES = re.compile(r"\bcheck|\bbox\b|\brule\b|13d-1\s*\(", re.IGNORECASE)
_GROUP_LETTER = re.compile(r"\(?\s*\b[ab]\b\s*[.):]?", re.IGNORECASE)
_MARKS_ONLY = re.compile(r"^[\s\xa0\[\]xX☐☒☑✓✔√]*$")
_BLOCKS = frozenset({"p", "div", "li", "td", "th", "body"})


def _box_expected(element: etree._Element) -> bool:
    """Whether the table row (or, outside a table, the block) around an empty drawn square
    names a box: its cells' words, or those of the row or block above when the square is alone
    in its own (a row 12 caption over a row, or a paragraph, holding only its box)."""
    context = _context(element)
    if context is None:
        return False
    if _names_box(context):
        return True
    if not _words(context):
        above = context.getprevious()
        return above is not None and above.tag == context.tag and _names_box(above)
    return False


def _context(element: etree._Element) -> etree._Element | None:
    block = None
    for ancestor in element.iterancestors():
        if ancestor.tag == "tr":
            return ancestor
        if block is None and ancestor.tag in _BLOCKS:
            block = ancestor
    return block


def _words(context: etree._Element) -> str:
    # Joined by spaces: cells "b" and "X" are two words, not "bX".
    return " ".join(context.itertext()).strip(" \t\n\r\f\xa0")


def _names_box(context: etree._Element) -> bool:
    words = _words(context)
    if _BOX_CUES.search(words):
        return True
    rest, letters = _GROUP_LETTER.subn("", words)
    return letters > 0 and _MARKS_ONLY.match(rest) is not None


def _raised(style: dict[str, str]) -> int:
    align = style.get("vertical-align")
    if align == "super":
        return RAISED
    if align in ("top", "text-top"):
        return TOP
    if align and align[0] in "0123456789.":  # a length (a keyword such as "baseline" is not)
        return RAISED if points(align) > 0 or align.endswith("%") else LEVEL
    if style.get("position") == "relative" and points(style.get("top", "0")) < 0:
        return RAISED
    return LEVEL


def is_superscript(element: etree._Element, style: Style) -> bool:
    """Whether CSS sets ``element`` as a superscript: raised above the line, or at its top in a
    smaller font than its parent's. The parent's size is looked up only here (rare), not carried
    through the walk."""
    if style.raised == RAISED:
        return True
    size, scale = font_size(style)
    if size is None:
        return scale < 1.0
    scale = 1.0
    for ancestor in element.iterancestors():
        raw, face = ancestor.get("style"), ancestor.get("face")
        if raw is not None or face is not None:
            parent, factor = font_size(read_style(raw or "", face))
            if parent is not None:
                return size < parent * scale
            scale *= factor
    return size < _BODY_SIZE * scale


def font_size(style: Style) -> tuple[float | None, float]:
    """A style's ``font-size``: (points, 1.0) when absolute, (None, factor) when relative to the
    parent's, (None, 1.0) when not given or not understood."""
    value = style.font_size
    if value is None:
        return None, 1.0
    if value == "smaller":
        return None, 0.8
    match = _LENGTH.match(value)
    if match is None:
        return None, 1.0
    number, unit = float(match.group(1)), match.group(2)
    if unit == "%":
        return None, number / 100
    if unit in ("em", "rem"):
        return None, number
    return points(value), 1.0


def points(value: str) -> float:
    match = _LENGTH.match(value.strip())
    if match is None or match.group(2) == "%":
        return 0.0
    return float(match.group(1)) * _UNITS.get(match.group(2) or "px", 12.0)


# A rule of a <style> sheet: selectors, then declarations. Only simple class selectors are read
# (".wd", "span.wd", "p.MsoNormal"); a descendant or attribute selector, an @font-face, are not.
_RULE = re.compile(r"([^{}]*)\{([^{}]*)\}")
_CLASS_SELECTOR = re.compile(r"[A-Za-z][\w]*?\.(?P<a>[\w-]+)|\.(?P<b>[\w-]+)")
_COMMENT = re.compile(r"/\*.*?\*/|<!--|-->", re.S)
# What a class may give an element: what its text means (a symbol font's letters are boxes),
# whether it is shown, and page breaks; not its margins (the spacing stays the inline one's).
_CLASS_PROPERTIES = frozenset(
    {"font-family", "display", "page-break-before", "page-break-after", "break-before"}
    | {"break-after"}
)


def class_styles(root: etree._Element) -> dict[str, str]:
    """The declarations each class of the document's <style> sheets gives (those the walk reads),
    as a ``style`` attribute would write them: a filing agent may set the Wingdings font of its
    check boxes with a class (``<span class="wd">&#254;</span>``) rather than inline."""
    classes: dict[str, str] = {}
    for sheet in root.iter("style"):
        for selectors, body in _RULE.findall(_COMMENT.sub(" ", sheet.text or "")):
            kept = ";".join(
                declaration
                for declaration in body.split(";")
                if declaration.partition(":")[0].strip().lower() in _CLASS_PROPERTIES
            )
            if not kept:
                continue
            for selector in selectors.split(","):
                found = _CLASS_SELECTOR.fullmatch(selector.strip())
                if found is not None:
                    name = found.group("a") or found.group("b")
                    classes[name] = f"{classes[name]};{kept}" if name in classes else kept
    return classes
