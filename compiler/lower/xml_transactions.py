"""Item 5(c) of an XML-era Schedule 13D: the transactions its text gives, read by the same rules
as a legacy filing's Item 5 (:mod:`compiler.lower.item5_trades`: a table, else sentences).

The XML schema has no structure for trades: ``item5/transactionDesc`` is free text, and filers
type the same tables into it that they typed into text filings. So its lines are classified by
the same lexer and the rows read by the same lowering. The lines are the element's text as XML
gives it (entities decoded, tabs expanded to 8-column stops as for a text filing), each on the
file line it comes from, the first shifted to where the text starts after the tag: a span's line
is exact, and its column is exact on lines without tabs or entity references.
"""

from __future__ import annotations

from lxml import etree

from compiler.frontend.lexer import tokenize
from compiler.frontend.line_map import spaced
from compiler.ir import ReportingPerson, Transaction
from compiler.lower.item5_trades import item5_trades, report_unread
from compiler.lower.lines import Context, Line
from compiler.lower.xml_values import XmlReader, child


def transactions_of(
    reader: XmlReader, items: etree._Element | None, persons: list[ReportingPerson]
) -> list[Transaction]:
    """The rows of ``items1To7/item5/transactionDesc`` (none where it gives no table)."""
    element = child(items, "item5", "transactionDesc")
    span = reader.span(element)
    if element is None or span is None:
        return []
    document = reader.source.document
    first_origin = document.line_origins[0] if len(document.line_origins) else 1
    raw = "".join(element.itertext()).replace("\r\n", "\n").replace("\r", "\n")
    # The span starts at the first non-blank character: the text's own first line is the one
    # before as many line breaks as its leading blanks hold.
    lead = raw[: len(raw) - len(raw.lstrip())]
    first = span.line - first_origin - lead.count("\n")
    pieces = raw.split("\n")
    if first < 0 or first + len(pieces) > len(document.lines):
        return []
    texts = ["" for _ in document.lines]
    for offset, piece in enumerate(pieces):
        indent = span.column - 1 - len(lead) if offset == 0 and "\n" not in lead else 0
        # (No-break spaces are spaces, as in a text filing's lines: see line_map.)
        texts[first + offset] = " " * max(indent, 0) + spaced(piece.expandtabs(8))
    context = Context(document, line_texts=texts)
    tokens = list(tokenize(texts, "13D"))
    indexes = range(first, first + len(pieces))
    lines = [Line(index, tokens[index].type, texts[index]) for index in indexes]
    # A heading line first, as an item's lines start with one: the table lowering looks above a
    # run of rows for its headings and never at the first line.
    heading = Line(first, "ITEM", "")
    names = [person.name for person in persons if person.name]
    # The same reading as a text filing's Item 5: a table, else trade sentences, and a word
    # for dates and counts that give no trade (TX-UNREAD, TX-PROSE-UNREAD).
    found = item5_trades([heading, *lines], context, names, set(), whole_part_c=True)
    if found.part_c and not found.transactions:
        # It refers to a schedule for its trades: the XML has no annex to find it in.
        where = "Item 5(c) (the schedule it refers to is not in the XML document)"
        report_unread(found.part_c, context, where)
    reader.diagnostics.extend(context.diagnostics)
    return found.transactions


__all__ = ["transactions_of"]
