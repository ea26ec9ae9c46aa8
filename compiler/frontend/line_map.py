"""Line normalization: a document's lines as written -> normalized lines, with a map back.

The parser and the lowering read normalized lines (``\\n`` endings, tabs expanded to 8-column
stops (never to one space: see _expand), a form feed on a line of its own holding exactly
``"\\f"``); errors and spans must point at the file as written. This module makes the
normalized lines of a text (or takes an HTML document's converted ones) and keeps, for each,
its original line number, a :class:`ColumnMap` from its columns to the original columns where
they differ, and its text as written where that is not the line plus the usual line ending (so
:mod:`compiler.backends.reconstruct` can rebuild the file).

It is separate from :mod:`compiler.frontend.source`, which decodes the bytes, unwraps EDGAR
submissions
and detects HTML: that stage decides *which* lines are the document; this one only turns lines
into normalized lines and back, and :class:`compiler.frontend.source.Document` uses its maps for
spans.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from compiler.frontend.html_text import HtmlText

# No regex nests quantifiers or lets two adjacent ones overlap: none can backtrack badly.
_LINE_BREAK_KEPT = re.compile(r"(\r\n|\r|\n)")
# A no-break space that spaces words or cells (not one grouping a number's digits, "600\xa0000").
_LAYOUT_NO_BREAK = re.compile(r"\xa0(?!\d)|(?<!\d)\xa0")


def spaced(text: str) -> str:
    """``text`` with each no-break space that lays it out made a space (one column for one): a
    word processor's indentation ("\xa0Item 4.") and gaps between cells. One between two digits
    groups a number's thousands and is kept for the value grammar."""
    return _LAYOUT_NO_BREAK.sub(" ", text) if "\xa0" in text else text


@dataclass(frozen=True, slots=True)
class ColumnMap:
    """How one normalized line sits in its original line (needed to undo FF splits and tabs)."""

    offset: int = 0  # original column (0-based) where this normalized line starts
    tab_starts: tuple[int, ...] = ()  # normalized column where each tab's expansion starts
    tab_ends: tuple[int, ...] = ()  # ... and ends (exclusive)
    tab_raw: tuple[int, ...] = ()  # the tab's column in the original piece
    whole_line: bool = False  # a line converted from HTML: every column maps to column 0

    def original_column(self, column: int, *, is_end: bool) -> int:
        """0-based original column of normalized ``column`` (a boundary, if ``is_end``)."""
        if self.whole_line:
            return 0
        i = bisect_right(self.tab_starts, column) - 1
        if i < 0:
            return self.offset + column
        if column < self.tab_ends[i]:
            # Inside an expanded tab: a start maps to the tab, an end to just after it.
            inside = is_end and column > self.tab_starts[i]
            return self.offset + self.tab_raw[i] + (1 if inside else 0)
        return self.offset + self.tab_raw[i] + 1 + column - self.tab_ends[i]


PLAIN_MAP = ColumnMap()
HTML_LINE_MAP = ColumnMap(whole_line=True)


def split_lines(text: str) -> tuple[list[str], list[str]]:
    """The lines of ``text`` without their endings, and each line's ending ("" for a last line
    without one); the file's final line ending does not start another line."""
    if "\r" in text:
        pieces = _LINE_BREAK_KEPT.split(text)
        raw, endings = pieces[0::2], pieces[1::2]
    else:  # the common case, several times faster than the regex
        raw = text.split("\n")
        endings = ["\n"] * (len(raw) - 1)
    if raw[-1] == "":
        raw.pop()
    else:
        endings.append("")
    return raw, endings


def converted_lines(
    html: HtmlText, raw: list[str], endings: list[str], start: int, end: int
) -> tuple[tuple[str, ...], Sequence[int], dict[int, ColumnMap], tuple[str | None, ...]]:
    """An HTML document's lines, as :func:`normalize_lines` gives a text's: no column maps (every
    line maps whole, ``HTML_LINE_MAP``), and each line's HTML source."""
    sources = _html_sources(raw, endings, start, end, html.origins)
    return html.lines, array("I", html.origins), {}, sources


def _html_sources(
    raw: list[str], endings: list[str], start: int, end: int, origins: Sequence[int]
) -> tuple[str, ...]:
    """The HTML source of each converted line: the source lines from where the previous converted
    line's stopped up to the first element of a later line (all of them, for the last line), so
    that every line of the document belongs to exactly one converted line, in order."""
    count = len(origins)
    # later[i]: the first source line of any converted line >= i (later[count], the end, is
    # where the last converted line's source stops)
    later = [end] * (count + 1)
    first = end
    for i in range(count - 1, -1, -1):
        line = origins[i] - 1
        if line < first:
            first = line if line > start else start
        later[i] = first
    sources: list[str] = []
    position = start
    for stop in later[1:]:
        if stop <= position:  # (most converted lines: a table cell's, or a blank line)
            sources.append("")
            continue
        sources.append("".join(map(str.__add__, raw[position:stop], endings[position:stop])))
        position = stop
    return tuple(sources)


def usual_ending(endings: list[str]) -> str:
    """The most common of the line endings (``\\n`` on a tie, and when there are none)."""
    return max(("\n", "\r\n", "\r"), key=endings.count)


def normalize_lines(
    body: list[str],
    first: int,
    endings: list[str],
    *,
    plain: bool = False,
    newline: str = "\n",
) -> tuple[tuple[str, ...], Sequence[int], dict[int, ColumnMap], tuple[str | None, ...]]:
    """Put form feeds on lines of their own, expand tabs and make no-break spaces spaces,
    recording where each line came from (its original line; its columns where they differ; its
    text as written, with the line ending on the last line made from an original line, None
    where that is the line and ``newline``). ``plain``: the file has no tab, no form feed and no
    no-break space, so every line is kept as written.

    A no-break space (byte 0xA0 of a cp1252 or latin-1 filing) is a space a word processor
    wrote: it indents a heading ("\xa0Item 4.") or spaces cells as a space does, and the HTML
    converter reads it as a space too (one between digits groups a number: see :func:`spaced`).
    One character for one, so no column moves."""
    if plain:
        ends = endings[first : first + len(body)]
        as_written = [
            None if end == newline else line + end for line, end in zip(body, ends, strict=True)
        ]
        return tuple(body), range(first + 1, first + 1 + len(body)), {}, _kept(as_written)
    lines: list[str] = []
    origins = array("I")
    maps: dict[int, ColumnMap] = {}
    sources: list[str | None] = []
    for number, line in enumerate(body, start=first + 1):
        ending = endings[number - 1]
        if "\t" not in line and "\f" not in line:  # most lines: kept as written
            lines.append(spaced(line))
            origins.append(number)
            sources.append(None if ending == newline and lines[-1] is line else line + ending)
            continue
        for normalized, source, column_map in _split_line(line, ending):
            if column_map is not PLAIN_MAP:
                maps[len(lines)] = column_map
            lines.append(spaced(normalized))
            origins.append(number)
            sources.append(None if source == lines[-1] + newline else source)
    if len(lines) == len(body):  # no form feed split a line: line i is original line first+1+i
        return tuple(lines), range(first + 1, first + 1 + len(body)), maps, _kept(sources)
    return tuple(lines), origins, maps, _kept(sources)


def _kept(sources: list[str | None]) -> tuple[str | None, ...]:
    """The sources to keep: none at all when every one is None (one line ending throughout, no
    tab), which means the same to the parser (see ``parse``) and costs no tuple."""
    return tuple(sources) if any(source is not None for source in sources) else ()


def _split_line(line: str, ending: str) -> list[tuple[str, str, ColumnMap]]:
    """The normalized lines one original line with a tab or a form feed makes: each with its text
    as written (the last one with ``ending``) and its column map."""
    made: list[tuple[str, str, ColumnMap]] = []
    offset = 0
    pieces = line.split("\f")
    for i, piece in enumerate(pieces):
        if i:  # a form feed separated this piece from the previous one
            made.append(("\f", "\f", ColumnMap(offset=offset - 1)))
        if piece or len(pieces) == 1:
            expanded, column_map = _expand(piece, offset)
            made.append((expanded, piece, column_map))
        offset += len(piece) + 1
    expanded, source, column_map = made[-1]
    made[-1] = (expanded, source + ending, column_map)
    return made


def _expand(piece: str, offset: int) -> tuple[str, ColumnMap]:
    if "\t" not in piece:
        return piece, (PLAIN_MAP if offset == 0 else ColumnMap(offset=offset))
    starts: list[int] = []
    ends: list[int] = []
    raws: list[int] = []
    column, raw = 0, -1
    parts: list[str] = []
    segments = piece.split("\t")
    for segment in segments[:-1]:  # the text before each tab (per tab, not per char)
        column += len(segment)
        raw += len(segment) + 1
        starts.append(column)
        raws.append(raw)
        # To the next 8-column stop; a tab between two cells that would leave one space goes on
        # to the stop after ("3/14/2006<TAB>100,000<TAB>$12.40"): a tab separates cells, and
        # one space is a gap inside a cell to the grammar (cells stand two spaces apart).
        width = 8 - column % 8
        if width == 1 and segment:
            width += 8
        parts.append(segment + " " * width)
        column += width
        ends.append(column)
    expanded = "".join(parts) + segments[-1]
    return expanded, ColumnMap(offset, tuple(starts), tuple(ends), tuple(raws))
