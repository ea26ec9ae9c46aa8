"""The title page's date of event: its value, where it stands, and a located warning when the
words under its caption are no date (the filing-wide EVENT-DATE-MISSING check has no place to
point at)."""

from __future__ import annotations

from compiler.diagnostic_codes import Code
from compiler.frontend.values import parse_date
from compiler.ir import Span
from compiler.lower.lines import Context, Line


def read_event_date(
    text: str | None, lines: list[Line], context: Context
) -> tuple[object, Span | None]:
    """The date of ``text``, the value under the (Date of Event) caption on ``lines``, and its
    span; an unreadable value is reported where it stands."""
    event = parse_date(text or "")
    if event.value is not None and lines:
        return event.value, _span_in_lines(lines, event.start, event.end, context)
    if text and lines:
        first = lines[0]  # (at its first word)
        lead = len(first.text) - len(first.text.lstrip())
        context.report(
            Code.VALUE_UNPARSED, f"the date of event {text!r} reads as no date", first, lead
        )
    return event.value, None


def _span_in_lines(lines: list[Line], start: int, end: int, context: Context) -> Span:
    """Span of the date in its own line: the offsets of the joined text are not those of a line
    when the date stands on the block's second line or has doubled spaces; a date split over two
    lines is located at the first."""
    for line in lines:
        found = parse_date(line.text)
        if found.value is not None:
            return context.span(line, found.start, found.end)
    first = lines[0]
    lead = len(first.text) - len(first.text.lstrip())
    return context.span(first, lead + start, lead + end)
