"""Item 5(c) of an XML-era Schedule 13D: the transactions its text gives, read by the same rules
as a legacy filing's table (:mod:`compiler.lower.transaction_table`).

The XML schema has no structure for trades: ``item5/transactionDesc`` is free text, and filers
type the same tables into it that they typed into text filings. So its lines are classified by
the same lexer and the rows read by the same lowering. They are the file's own lines with
everything outside the element's text blanked out, character for character (the tags, and
entity references such as ``&#13;``): columns stay where the file has them, so cells two blanks
apart still split, and every transaction's span points into the XML file.
"""

from __future__ import annotations

import re

from lxml import etree

from compiler.frontend.lexer import tokenize
from compiler.ir import ReportingPerson, Transaction
from compiler.lower.lines import Context, Line
from compiler.lower.transaction_table import lower_transaction_table
from compiler.lower.xml_values import XmlReader, child

_ENTITY = re.compile(r"&#?\w+;")


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group(0))


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
    first, last = span.line - first_origin, span.end_line - first_origin
    if not 0 <= first <= last < len(document.lines):
        return []
    texts = ["" for _ in document.lines]
    for index in range(first, last + 1):
        line = document.lines[index]
        start = span.column - 1 if index == first else 0
        end = span.end_column - 1 if index == last else len(line)
        inner = _ENTITY.sub(_blank, line[start:end])
        texts[index] = " " * start + inner
    context = Context(document, line_texts=texts)
    tokens = list(tokenize(texts, "13D"))
    lines = [Line(index, tokens[index].type, texts[index]) for index in range(first, last + 1)]
    # A heading line first, as an item's lines start with one: the table lowering looks above a
    # run of rows for its headings and never at the first line.
    heading = Line(first, "ITEM", "")
    names = [person.name for person in persons if person.name]
    table = lower_transaction_table([heading, *lines], context, names)
    reader.diagnostics.extend(context.diagnostics)
    return table.transactions


__all__ = ["transactions_of"]
