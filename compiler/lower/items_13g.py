"""Schedule 13G Items 1(a) and 2(d): the form's own fields for the issuer's name and the title
of the class. A title page that leaves either out (no caption, or no title page at all) is
completed from them, with a span to where the value was read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from compiler.ir import Issuer, Security, Span
from compiler.lower.lines import Context, Line, join_words

# The caption of each field, after the item and sub-part label ("Item 1(a)", "(a)").
_ISSUER = re.compile(r"name\s+of\s+(?:the\s+)?issuer\b[\s:.\-–—]*+", re.IGNORECASE)
_CLASS = re.compile(
    r"title\s+(?:of\s+)?(?:the\s+)?class\s+of\s+securities\b[\s:.\-–—]*+", re.IGNORECASE
)
# What may stand before a caption on its line: "Item 1.", "Item 2(d)", "(a)", "1(a)".
_LABEL = re.compile(
    r"^\s*+(?:item\s+\d{1,2}\s*+[.:]?\s*+)?(?:\d{0,2}\s*+\(\s*+[a-k]\s*+\)\s*+[.:]?\s*+)?$",
    re.IGNORECASE,
)
# A line that opens the next sub-part ends the value: "(b) Address...", "Item 2(e)".
_NEXT_PART = re.compile(r"^\s*+(?:item\s+\d{1,2}\b|\d{0,2}\s*+\(\s*+[a-k]\s*+\)(?!\w))", re.I)
_VALUE_KINDS = frozenset({"TEXT", "TX_ROW"})


@dataclass(frozen=True, slots=True)
class ItemValue:
    text: str
    span: Span


def _value(lines: list[Line], caption: re.Pattern[str], context: Context) -> ItemValue | None:
    for position, line in enumerate(lines):
        found = caption.search(line.text)
        if found is None or not _LABEL.match(line.text[: found.start()]):
            continue
        rest = line.text[found.end() :].rstrip()
        if rest.strip():
            start = found.end() + len(rest) - len(rest.lstrip())
            return ItemValue(join_words([rest]), context.span(line, start, len(rest) + found.end()))
        parts: list[Line] = []
        for below in lines[position + 1 :]:
            if below.kind not in _VALUE_KINDS or _NEXT_PART.match(below.text):
                if below.kind in ("BLANK", "PAGE", "RUNNING_HEAD", "RULE") and not parts:
                    continue
                break
            parts.append(below)
        if not parts:
            return None
        first = parts[0]
        lead = len(first.text) - len(first.text.lstrip())
        span = context.span(first, lead, len(first.text.rstrip()))
        return ItemValue(join_words([x.text for x in parts]), span)
    return None


def issuer_from_items(lines: list[Line], context: Context) -> ItemValue | None:
    """Item 1(a)'s name of the issuer, from the lines of Item 1."""
    return _value(lines, _ISSUER, context)


def class_from_items(lines: list[Line], context: Context) -> ItemValue | None:
    """Item 2(d)'s title of the class of securities, from the lines of Item 2."""
    return _value(lines, _CLASS, context)


def complete_title_page(
    issuer: Issuer, security: Security, items: dict[str, list[Line]], context: Context
) -> tuple[Issuer, Security]:
    """The issuer's name and the class's title from Items 1(a) and 2(d) where the title page
    gives none. The title page's "no issuer" warning is withdrawn when Item 1(a) gives it."""
    if issuer.name is None:
        found = issuer_from_items(items.get("1", []), context)
        if found is not None:
            issuer = replace(issuer, name=found.text, spans={**issuer.spans, "name": found.span})
            # (Reported by the title page, which cannot see the items; the name is not missing.)
            context.diagnostics[:] = [
                d for d in context.diagnostics if d.code != "TITLE-ISSUER-MISSING"
            ]
    if security.title is None:
        found = class_from_items(items.get("2", []), context)
        if found is not None:
            security = replace(
                security, title=found.text, spans={**security.spans, "title": found.span}
            )
    return issuer, security
