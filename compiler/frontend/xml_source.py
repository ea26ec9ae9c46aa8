"""XML-era source: a Document whose text is EDGAR Schedule 13D/13G XML -> an element tree whose
elements know where their text stands in the file.

EDGAR has taken Schedule 13D and 13G only as XML since December 2024 (``primary_doc.xml``, root
``<edgarSubmission>``). :func:`compiler.frontend.source.read_source` recognizes such a document,
bare or inside an EDGAR submission (``<TEXT><XML> ... </XML></TEXT>``), and keeps its lines as
written (no tab expansion: the XML parser sees the text as filed). This module parses it:

- safely: lxml with entity resolution, network access, DTD loading and huge trees off, and any
  ``<!DOCTYPE`` refused before parsing (EDGAR's XML has none; a document type is how an entity
  bomb or an external entity gets in), so that hostile input costs no more than its size;
- strictly: a document that is not well-formed, or whose root is not ``edgarSubmission`` in one
  of the two schedule namespaces, is refused with one line (:class:`InputError`, exit 2);
- with positions: lxml gives an element's line but no column, so the start tags are found in the
  text in document order (a cursor that only moves forward, never before the element's own
  line), and each text element gets the :class:`~compiler.ir.Span` of its text (whitespace
  around it left out).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from lxml import etree

from compiler.errors import InputError, UnsupportedFormError
from compiler.frontend.source import Document
from compiler.ir import Span

NS_13D = "http://www.sec.gov/edgar/schedule13D"
NS_13G = "http://www.sec.gov/edgar/schedule13g"
NS_COMMON = "http://www.sec.gov/edgar/common"
SCHEDULE_OF_NAMESPACE = {NS_13D: "13D", NS_13G: "13G"}

# An EDGAR submission wraps an XML document in <XML> ... </XML> inside its <TEXT>.
_XML_WRAPPER = re.compile(r"\s*<XML>", re.IGNORECASE)
_XML_WRAPPER_END = re.compile(r"</XML>\s*$", re.IGNORECASE)
_DECLARATION = re.compile(r"<\?xml[^>]*\?>")
# lxml's message ends with the place, which the located error line already gives.
# (libxml2 also ends some messages with " line N", the line of an open tag counted from the
# XML's start, not the file's: left out too.)
_LXML_PLACE = re.compile(r"(?:,\s*line \d+, column \d+|\s*\(<string>.*\)|\s+line \d+)+\s*$")
# A file cut short: what libxml2 says, and what it means.
_TRUNCATED = re.compile(r"Premature end of data in tag (\S+)")
_DOCTYPE = re.compile(r"<!DOCTYPE|<!ENTITY", re.IGNORECASE)
# What a value's text may hold besides its characters: comments and processing instructions
# (agents' `<!-- Field: Pseudo-Tag ... -->`), a CDATA section (its content is text), and the
# "<" of the end tag, which ends it (a value holds no element).
_MARKUP = re.compile(r"<!--.*?-->|<\?.*?\?>|<!\[CDATA\[(.*?)\]\]>|<", re.S)


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
        remove_blank_text=False,
        remove_comments=False,
    )


@dataclass(frozen=True, slots=True)
class XmlSource:
    """A parsed XML-era filing: its root, schedule, and the span of each element's text."""

    document: Document
    root: etree._Element
    schedule: str  # "13D" or "13G", from the root's namespace
    text_spans: dict[etree._Element, Span]
    base_line: int = 0  # the index in document.lines of the XML's first line

    def span(self, element: etree._Element | None) -> Span | None:
        return None if element is None else self.text_spans.get(element)

    def line_span(self, element: etree._Element) -> Span:
        """The span of the line where ``element`` starts: a place for text that has no span of
        its own (text after a comment inside the element, say), so that it is never dropped."""
        lines = self.document.lines
        index = min(max((element.sourceline or 1) - 1 + self.base_line, 0), len(lines) - 1)
        return self.document.span(index, 0, len(lines[index]) if lines else 0)


class _Positions:
    """Offsets in the document's text -> (line index, column), both 0-based."""

    def __init__(self, text: str) -> None:
        self.starts = [0]
        position = text.find("\n")
        while position >= 0:
            self.starts.append(position + 1)
            position = text.find("\n", position + 1)

    def at(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset) - 1
        return line, offset - self.starts[line]


def read_xml(document: Document) -> XmlSource:
    """Parse the XML of ``document`` (see the module docstring); raise InputError if it is not
    EDGAR Schedule 13D/13G XML."""
    text = "\n".join(document.lines)
    start, end = _bounds(text)
    body = text[start:end]
    prolog = body[: body.find("<edgarSubmission")] if "<edgarSubmission" in body else body
    if _DOCTYPE.search(prolog) or _DOCTYPE.search(body[:4096]):
        raise InputError(
            "XML with a document type declaration (<!DOCTYPE or <!ENTITY>): EDGAR's Schedule "
            "13D/13G XML has none, and entity definitions are not expanded; refused",
            path=document.path,
        )
    # A str with an encoding declaration is refused by lxml: the declaration (already honoured
    # when the file was decoded) becomes blanks of the same length, so columns do not move.
    body = _DECLARATION.sub(lambda m: " " * len(m.group(0)), body, count=1)
    positions = _Positions(text)
    base_line = positions.at(start)[0]
    try:
        root = etree.fromstring(body, _parser())
    except etree.XMLSyntaxError as exc:
        line = exc.lineno + base_line if exc.lineno else None
        origin = document.line_origins[line - 1] if line and line <= len(document.lines) else None
        # (Capped: a message quotes names from the document, and one line is all it gets.)
        message = _LXML_PLACE.sub("", str(exc.msg or "not well-formed")[:300])
        message = _TRUNCATED.sub(r"the file ends inside <\1> (cut short?)", message)
        raise InputError(
            f"not well-formed XML: {message}",
            path=document.path,
            line=origin,
            column=exc.offset or None,
        ) from None
    _check_root(root, document.path)
    spans = _text_spans(root, text, start, base_line, positions, document)
    return XmlSource(
        document=document,
        root=root,
        schedule=SCHEDULE_OF_NAMESPACE[etree.QName(root).namespace or ""],
        text_spans=spans,
        base_line=base_line,
    )


def _bounds(text: str) -> tuple[int, int]:
    """Where the XML document stands in ``text``: after blanks and an ``<XML>`` wrapper, up to
    the wrapper's end tag."""
    start = len(text) - len(text.lstrip())
    wrapper = _XML_WRAPPER.match(text)
    if wrapper:
        start = wrapper.end()
        start += len(text[start:]) - len(text[start:].lstrip())
    closing = _XML_WRAPPER_END.search(text)
    end = closing.start() if closing and closing.start() >= start else len(text)
    return start, end


def _check_root(root: etree._Element, path: str) -> None:
    name = etree.QName(root)
    if name.localname != "edgarSubmission" or name.namespace not in SCHEDULE_OF_NAMESPACE:
        where = f" in namespace {name.namespace}" if name.namespace else " without a namespace"
        raise UnsupportedFormError(
            f"XML document <{name.localname}>{where} is not EDGAR Schedule 13D/13G XML "
            f"(root edgarSubmission, namespace {NS_13D} or {NS_13G})",
            path=path,
        )


def _text_spans(
    root: etree._Element,
    text: str,
    start: int,
    base_line: int,
    positions: _Positions,
    document: Document,
) -> dict[etree._Element, Span]:
    """The span of every element's text that is not blank (see the module docstring)."""
    spans: dict[etree._Element, Span] = {}
    cursor = start
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # a comment or processing instruction
        name = etree.QName(element).localname
        qualified = f"{element.prefix}:{name}" if element.prefix else name
        line = (element.sourceline or 1) - 1 + base_line
        floor = positions.starts[line] if line < len(positions.starts) else cursor
        found = re.compile(rf"<{re.escape(qualified)}(?=[\s/>])").search(text, max(cursor, floor))
        if found is None:
            continue
        closing = text.find(">", found.end())
        if closing < 0:
            break
        cursor = closing + 1
        if text[closing - 1] == "/" or any(isinstance(c.tag, str) for c in element):
            continue  # empty, or holding elements: no text of its own to point at
        runs = [(a, b) for a, b in _text_runs(text, cursor) if text[a:b].strip()]
        if not runs:
            continue
        first = _skip_blanks(text, *runs[0])
        last = _trim_blanks(text, *runs[-1])
        line_a, column_a = positions.at(first)
        line_b, column_b = positions.at(last)
        spans[element] = document.span(line_a, column_a, column_b, line_b)
    return spans


def _text_runs(text: str, start: int) -> list[tuple[int, int]]:
    """The stretches of ``text`` from ``start`` to the value's end tag that are its text: plain
    text between markup, and the content of CDATA sections."""
    runs: list[tuple[int, int]] = []
    position = start
    for markup in _MARKUP.finditer(text, start):
        runs.append((position, markup.start()))
        if markup.group() == "<":
            return runs
        if markup.group(1) is not None:
            runs.append((markup.start(1), markup.end(1)))
        position = markup.end()
    runs.append((position, len(text)))
    return runs


def _skip_blanks(text: str, start: int, end: int) -> int:
    return start + len(text[start:end]) - len(text[start:end].lstrip())


def _trim_blanks(text: str, start: int, end: int) -> int:
    return start + len(text[start:end].rstrip())


__all__ = ["NS_13D", "NS_13G", "XmlSource", "read_xml"]
