"""Schedule 13G Items 1(a) and 2(d): the form's own fields for the issuer's name and the title
of the class. A title page that leaves either out (no caption, or no title page at all) is
completed from them, with a span to where the value was read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from compiler.diagnostic_codes import Code
from compiler.frontend.terminals import line_shapes
from compiler.ir import Issuer, Security, Span
from compiler.lower.lines import Context, Line, join_words

SHAPES = line_shapes()  # the grammar's terminals (grammar/*.lark)
_ISSUER = SHAPES["ITEM1A_ISSUER"]
_CLASS = SHAPES["ITEM2D_CLASS"]
_LABEL = SHAPES["ITEM_PART_LABEL"]
_NEXT_PART = SHAPES["ITEM_NEXT_PART"]
_VALUE_KINDS = frozenset({"TEXT", "TX_ROW"})


@dataclass(frozen=True, slots=True)
class ItemValue:
    text: str
    span: Span


def _past_repeats(text: str, start: int, caption: re.Pattern[str]) -> int:
    """Where ``text`` goes on after the caption ending at ``start`` and any repeats of it (a
    caption written twice, a doubled table cell, is no value)."""
    while True:
        lead = len(text) - len(text[start:].lstrip()) if text[start:].strip() else len(text)
        again = caption.match(text, lead)
        if again is None or again.end() == lead:
            return start
        start = again.end()


def item_value(lines: list[Line], caption: re.Pattern[str], context: Context) -> ItemValue | None:
    """The value of the item part whose ``caption`` opens a line (after its label): beside the
    caption, or on the lines under it up to the next part."""
    for position, line in enumerate(lines):
        found = caption.search(line.text)
        if found is None or not _LABEL.match(line.text[: found.start()]):
            continue
        end = _past_repeats(line.text, found.end(), caption)
        rest = line.text[end:].rstrip()
        if rest.strip():
            start = end + len(rest) - len(rest.lstrip())
            return ItemValue(join_words([rest]), context.span(line, start, len(rest) + end))
        parts: list[Line] = []
        for below in lines[position + 1 :]:
            if not parts and not below.text[_past_repeats(below.text, 0, caption) :].strip():
                continue  # the caption again, on a line of its own
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
    return item_value(lines, _ISSUER, context)


def class_from_items(lines: list[Line], context: Context) -> ItemValue | None:
    """Item 2(d)'s title of the class of securities, from the lines of Item 2."""
    return item_value(lines, _CLASS, context)


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
                d for d in context.diagnostics if d.code is not Code.TITLE_ISSUER_MISSING
            ]
    if security.title is None:
        found = class_from_items(items.get("2", []), context)
        if found is not None:
            security = replace(
                security, title=found.text, spans={**security.spans, "title": found.span}
            )
    return issuer, security
