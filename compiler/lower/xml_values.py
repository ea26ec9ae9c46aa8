"""Reading EDGAR XML elements into IR values: text, dates, share counts, flags, codes.

:class:`XmlReader` holds what every part of an XML filing's lowering shares: the parsed source,
the diagnostics, and the set of elements read, so that what nothing read is found at the end and
kept (:meth:`XmlReader.unknown`). A value that does not read as the spec's type is null with an
``XML-BAD-VALUE`` diagnostic at its element; a code outside the form's list is left out with an
``XML-UNKNOWN-CODE`` one.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import TypeVar

from lxml import etree

from compiler.diagnostic_codes import Code
from compiler.frontend.line_map import spaced
from compiler.frontend.terminals import line_shapes
from compiler.frontend.values import find_cusips
from compiler.frontend.xml_source import XmlSource
from compiler.ir import Diagnostic, PersonType, Severity, SourceOfFunds, Span, TextBlock, new_span

_Element = etree._Element
_Code = TypeVar("_Code", SourceOfFunds, PersonType)
SHAPES = line_shapes()  # the grammar's terminals (grammar/*.lark)
_DATE = SHAPES["XML_DATE"]
_CUSIP_NOISE = SHAPES["XML_CUSIP_NOISE"]
_ADDRESS_PARTS = ("street1", "street2", "city", "stateOrCountry", "zipCode")


def local(element: _Element) -> str:
    return etree.QName(element).localname


def children(element: _Element | None, name: str | None = None) -> list[_Element]:
    """The element children of ``element`` (named ``name``), namespaces and case aside: the
    filings bind the common namespace to ``com:``, ``common:`` or the default namespace, as they
    please, and the spec itself spells a name in two cases (``issuerCIK`` in the 13D schema,
    ``issuerCik`` in the 13G one; ``Item2`` in its tables, ``item2`` in its schema)."""
    if element is None:
        return []
    wanted = None if name is None else name.lower()
    return [
        c
        for c in element
        if isinstance(c.tag, str) and (wanted is None or local(c).lower() == wanted)
    ]


def child(element: _Element | None, *path: str) -> _Element | None:
    for name in path:
        found = children(element, name)
        element = found[0] if found else None
    return element


def holds_elements(element: _Element) -> bool:
    """Whether ``element`` has element children: a comment or processing instruction inside a
    value (``<cik><!-- Pseudo-Tag -->0001</cik>``) does not make it a container."""
    return any(isinstance(c.tag, str) for c in element)


def text_of(element: _Element | None) -> str | None:
    """The element's text, line endings made ``\\n`` (``&#13;`` is common), no-break spaces
    that lay it out spaces (as a text filing's: line_map.spaced), blanks around it dropped; None
    when it has none."""
    if element is None:
        return None
    text = "".join(element.itertext()).replace("\r\n", "\n").replace("\r", "\n")
    text = spaced(text).strip()
    return text or None


class XmlReader:
    """The source, the diagnostics and the elements read, for one XML filing's lowering."""

    def __init__(self, source: XmlSource) -> None:
        self.source = source
        self.schedule = source.schedule
        self.diagnostics: list[Diagnostic] = []
        self.used: set[_Element] = set()

    # --- reading values ----------------------------------------------------------------------

    def take(self, element: _Element | None) -> str | None:
        if element is None:
            return None
        self.used.add(element)
        return text_of(element)

    def span(self, element: _Element | None) -> Span | None:
        return self.source.span(element)

    def report(
        self,
        code: Code,
        message: str,
        element: _Element | None,
        severity: Severity,
        span: Span | None = None,
    ) -> None:
        where = span or self.span(element)
        self.diagnostics.append(
            Diagnostic(code=code, severity=severity, message=message, span=where)
        )

    def bad_value(self, element: _Element, what: str, text: str) -> None:
        self.report(
            Code.XML_BAD_VALUE,
            f"<{local(element)}> {text!r} is not {what}; kept as null",
            element,
            Severity.WARNING,
        )

    def date(self, element: _Element | None) -> dt.date | None:
        text = self.take(element)
        if element is None or text is None:
            return None
        match = _DATE.match(text)
        try:
            if match:
                month, day, year = (int(g) for g in match.groups())
                return dt.date(year, month, day)
            return dt.date.fromisoformat(text)
        except ValueError:
            self.bad_value(element, "a date (MM/DD/YYYY)", text)
            return None

    def percent(self, element: _Element | None) -> Decimal | None:
        """A percentage: a number, a "%" after it allowed ("6.4%": the sign adds nothing)."""
        return self.number(element, suffix="%")

    def number(self, element: _Element | None, suffix: str = "") -> Decimal | None:
        text = self.take(element)
        if element is None or text is None:
            return None
        if suffix:
            text = text.removesuffix(suffix).rstrip()
        try:
            value = Decimal(text.replace(",", ""))
        except InvalidOperation:
            self.bad_value(element, "a number", text)
            return None
        if not value.is_finite() or value < 0:
            self.bad_value(element, "a non-negative number", text)
            return None
        return value

    def shares(self, element: _Element | None) -> int | None:
        value = self.number(element)
        if value is None or element is None:
            return None
        if value != value.to_integral_value():
            self.bad_value(element, "a whole number of shares", str(value))
            return None
        return int(value)

    def cusips(self, element: _Element) -> list[str]:
        """The CUSIPs of one CUSIP element: one, as written without spaces and dashes, or
        several typed into it ("04683R106, 04683R205"); words that hold none ("N/A") give none,
        with a diagnostic."""
        text = self.take(element)
        if not text:
            return []
        single = _CUSIP_NOISE.sub("", text).upper()
        if single.isalnum() and any(c.isdigit() for c in single):
            return [single]
        found = [cusip for cusip, _, _ in find_cusips(text, captioned=True)]
        if not found:
            self.bad_value(element, "a CUSIP number", text)
        return list(dict.fromkeys(found))

    def flag(self, element: _Element | None) -> bool:
        """A Y/N or true/false flag: true only where the filing says so."""
        text = self.take(element)
        return (text or "").upper() in {"Y", "YES", "TRUE", "1"}

    def codes(self, elements: list[_Element], kind: type[_Code]) -> tuple[_Code, ...]:
        found: list[_Code] = []
        for element in elements:
            text = (self.take(element) or "").upper()
            if not text:
                continue  # an empty element (<fundType/>) holds no code: nothing to read
            try:
                found.append(kind(text))
            except ValueError:
                self.report(
                    Code.XML_UNKNOWN_CODE,
                    f"<{local(element)}> {text!r} is not a code of the form's list; left out",
                    element,
                    Severity.WARNING,
                )
        return tuple(dict.fromkeys(found))

    def joined_span(self, elements: list[_Element]) -> Span | None:
        spans = [s for s in (self.span(e) for e in elements) if s is not None]
        if not spans:
            return None
        first, last = spans[0], spans[-1]
        return new_span(first.line, first.column, last.end_line, last.end_column)

    def address(self, element: _Element | None) -> str | None:
        """An address element's parts on one line ("17383 SUNSET AVENUE, PACIFIC PALISADES, X1
        90272"), as written; a plain-text address as it is."""
        if element is None:
            return None
        self.used.add(element)
        if not holds_elements(element):
            return self.take(element)
        parts = [self.take(child(element, name)) for name in _ADDRESS_PARTS]
        for extra in children(element):
            self.used.add(extra)
        return ", ".join(p for p in parts if p) or None

    def header_fields(self, header: _Element | None) -> list[tuple[str, str]]:
        """Every leaf of ``headerData`` with its path ("headerData/filerInfo/filer/
        filerCredentials/cik"), as an SGML header's fields are kept."""
        fields: list[tuple[str, str]] = []
        if header is None:
            return fields
        for element in header.iter():
            if not isinstance(element.tag, str):
                continue
            self.used.add(element)
            if holds_elements(element):
                continue
            path = [local(element)]
            parent = element.getparent()
            while parent is not None and parent is not self.source.root:
                path.insert(0, local(parent))
                parent = parent.getparent()
            fields.append(("/".join(path), text_of(element) or ""))
        return fields

    def unknown(self) -> list[TextBlock]:
        """Text of elements nothing above consumed: kept, each with a located diagnostic."""
        blocks: list[TextBlock] = []
        for element in self.source.root.iter():
            if not isinstance(element.tag, str) or element in self.used or holds_elements(element):
                continue
            text = text_of(element)
            if text is None:
                continue
            span = self.span(element) or self.source.line_span(element)
            blocks.append(TextBlock(context=f"xml:{local(element)}", text=text, span=span))
            self.report(
                Code.XML_UNKNOWN_ELEMENT,
                f"element <{local(element)}> is not mapped by 13dc; its text is kept as a text"
                f" block: {_preview(text)!r}",
                element,
                Severity.INFO,
                span,
            )
        return blocks


def _preview(text: str, width: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


__all__ = ["XmlReader", "child", "children", "holds_elements", "local", "text_of"]
