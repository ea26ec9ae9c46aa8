"""Highlights laid on the lines of a filing for ``--to html``: each line cut into text pieces and
properly nested ``<mark>`` openings and closings, which ``view.html.j2`` writes out (escaping the
text: the filing is untrusted).

Spans may overlap without nesting (a value inside another's span, or two values sharing a
column range) and may run over several lines. HTML elements must nest, so a highlight that
cannot stay open is closed and opened again: only its first piece carries its ``id`` (the target
of the side panel's links), the others are continuations. A line therefore shows one highlight
per span, whatever the overlaps, which is what the browser tests count.
"""

from __future__ import annotations

from dataclasses import dataclass

# Control characters would be invisible (or break the page); each is shown as its Unicode
# "control picture" (one character for one, so columns stay where the filing has them). Tabs are
# kept: the normalized lines hold none, and a browser lays a tab out at the same 8-column stops.
_PICTURES = {code: 0x2400 + code for code in range(32) if code != 9} | {0x7F: 0x2421}


@dataclass(frozen=True, slots=True)
class Highlight:
    """One extracted value's place on the page."""

    ident: str  # the element id of its first piece, "h12"
    kind: str  # title, cover, tx, annex, sig or text (the colour)
    label: str  # what hover and focus show: "pointer = value (line L, column C)"
    line: int  # 0-based display line where it starts
    column: int  # 0-based display column
    end_line: int
    end_column: int  # exclusive


# A piece of a line, as the template unpacks it: ("t", text, None), ("o", highlight, first) to open
# a highlight (first: its piece with the id), ("c", None, None) to close the innermost one.
Piece = tuple[str, object, object]


def visible(text: str) -> str:
    """``text`` with control characters replaced by their pictures (same length)."""
    return text.translate(_PICTURES)


def _segments(highlight: Highlight, lines: list[str]) -> list[tuple[int, int, int]]:
    """(line, start, end) of each line the highlight covers; an end beyond its line is clamped
    there (the line is padded when the start lies beyond it, so the highlight still shows)."""
    out = []
    for line in range(highlight.line, highlight.end_line + 1):
        start = highlight.column if line == highlight.line else 0
        end = highlight.end_column if line == highlight.end_line else len(lines[line])
        if line == highlight.line and start >= len(lines[line]):
            lines[line] = lines[line].ljust(start + max(end - start, 1))
        out.append((line, start, max(start, min(end, len(lines[line])))))
    return out


def line_pieces(lines: list[str], highlights: list[Highlight]) -> list[list[Piece]]:
    """The pieces of every line (``lines`` are display lines; out-of-range highlights are
    clamped to the last line), in document order."""
    texts = [visible(line) for line in lines]
    on_line: list[list[tuple[int, int, int, Highlight, bool]]] = [[] for _ in texts]
    last = len(texts) - 1
    for order, given in enumerate(highlights):
        if last < 0 or given.line > last:
            continue
        highlight = given if given.end_line <= last else _clamped(given, last, len(texts[last]))
        for position, (line, start, end) in enumerate(_segments(highlight, texts)):
            on_line[line].append((start, end, order, highlight, position == 0))
    return [_pieces(text, marks) for text, marks in zip(texts, on_line, strict=True)]


def _clamped(highlight: Highlight, line: int, end: int) -> Highlight:
    return Highlight(
        ident=highlight.ident,
        kind=highlight.kind,
        label=highlight.label,
        line=highlight.line,
        column=highlight.column,
        end_line=line,
        end_column=end,
    )


def _pieces(text: str, marks: list[tuple[int, int, int, Highlight, bool]]) -> list[Piece]:
    if not marks:
        return [("t", text, None)] if text else []
    # Outer first: earlier start, then later end, then document order.
    marks.sort(key=lambda m: (m[0], -m[1], m[2]))
    cuts = sorted({0, len(text)} | {m[0] for m in marks} | {m[1] for m in marks})
    pieces: list[Piece] = []
    stack: list[tuple[int, int, int, Highlight, bool]] = []
    opened: set[int] = set()  # marks whose first piece has been written
    for index, at in enumerate(cuts):
        # Zero-width highlights at this cut: an empty element, so that none goes missing.
        for mark in marks:
            if mark[0] == mark[1] == at and id(mark) not in opened:
                pieces += [("o", mark[3], mark[4]), ("c", None, None)]
                opened.add(id(mark))
        if index == len(cuts) - 1:
            break
        end = cuts[index + 1]
        active = [m for m in marks if m[0] <= at and m[1] >= end and m[0] < m[1]]
        keep = 0
        while keep < len(stack) and keep < len(active) and stack[keep] is active[keep]:
            keep += 1
        pieces += [("c", None, None)] * (len(stack) - keep)
        del stack[keep:]
        for mark in active[keep:]:
            first = mark[4] and id(mark) not in opened
            opened.add(id(mark))
            pieces.append(("o", mark[3], first))
            stack.append(mark)
        pieces.append(("t", text[at:end], None))
    pieces += [("c", None, None)] * len(stack)
    return pieces


__all__ = ["Highlight", "Piece", "line_pieces", "visible"]
