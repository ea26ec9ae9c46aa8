"""The value area of a cover row: the text of its lines from the caption on, without table bars,
rules and left-hand label words, each line read once per distinct text (:class:`CoverLineCache`),
and where each character of that text stood in the filing (:class:`RowText`)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar, cast

from compiler.frontend.cover_tokens import Piece, PieceCache
from compiler.frontend.lexer import POWER_LABEL, clean_cover_line, match_cover_row
from compiler.frontend.terminals import line_shapes
from compiler.lower.lines import Line, join_words
from compiler.schema import ROW_NUMBERS

T = TypeVar("T")

SHAPES = line_shapes()  # the grammar's terminals (grammar/*.lark)
_COMPACT_PREFIX = SHAPES["COMPACT_PREFIX"]
_ONLY_RULE = SHAPES["ONLY_RULE"]
_DASH_ZERO = SHAPES["DASH_ZERO"]
_BOILERPLATE = SHAPES["INSTRUCTIONS_BOILERPLATE"]
_FOOTNOTE_START = SHAPES["FOOTNOTE_START"]
# The kinds of line that hold a row's value (other lines under a row are furniture).
VALUE_KINDS = frozenset({"TEXT", "TX_ROW", "FORM_TITLE", "AMENDMENT"} | set(ROW_NUMBERS))


class RowText:
    """The value area of one row: its lines joined by newlines, and where each came from."""

    # (A plain class: a dataclass's default factories cost more, and one is made per row.)
    __slots__ = ("length", "parts", "segments")

    def __init__(self) -> None:
        self.parts: list[str] = []
        # (offset in ``text``, line index, column of the line where the part starts), one per
        # part; the offsets ascend (each part but the first follows a newline)
        self.segments: list[tuple[int, int, int]] = []
        self.length = 0

    @property
    def text(self) -> str:
        return "\n".join(self.parts)

    def add(self, line: Line, start: int, content: str) -> None:
        if self.parts:
            self.length += 1  # the newline before this part
        self.segments.append((self.length, line.index, start))
        self.parts.append(content)
        self.length += len(content)

    def _origin(self, offset: int) -> tuple[int, int]:
        segments = self.segments
        # (Most values stand on one line of the row, often its only one: found by a look at the
        # next segment before a search.)
        if len(segments) == 1 or offset < segments[1][0]:
            part_offset, index, column = segments[0]
        else:
            position = bisect_right(segments, (offset, 1 << 62, 0)) - 1
            part_offset, index, column = segments[position]
        return index, column + (offset - part_offset)

    def locate(self, start: int, end: int) -> tuple[int, int, int, int] | None:
        if start >= self.length or end <= start:
            return None
        first = self._origin(start)
        last = self._origin(min(end, self.length) - 1)
        return first[0], first[1], last[0], last[1] + 1


@dataclass(slots=True)
class Row:
    """One cover row: its kind (the terminal of its caption), its head line, the lines under it."""

    kind: str
    head: Line
    lines: list[Line]


class CoverLineCache:
    """How each line of a filing's cover pages reads, worked out once per distinct line: the
    cover pages repeat the same captions, labels, bars and rules person after person (a filing
    of seven cover pages has six times fewer distinct lines than lines), and the reading of a
    line depends on its text alone. (The keys are the line tokens, which compare equal only
    under the same terminal: a text seen as two kinds of line is read twice, no more.)"""

    __slots__ = ("_cleaned", "_heads", "_parts", "_values", "pieces", "readings")

    def __init__(self) -> None:
        self._cleaned: dict[str, str] = {}
        # the row grammar's token of each distinct line of a value area
        self.pieces = PieceCache()
        self._heads: dict[str, tuple[int, str]] = {}
        # strip_label -> text -> (start, content); see value_part
        self._parts: tuple[dict[str, tuple[int, str]], dict[str, tuple[int, str]]] = ({}, {})
        # (row kind, row number, value area's text) -> the row grammar's reading of the area:
        # its named parts, the text after the caption and where that starts. Cover pages repeat
        # whole rows person after person (a third of a filing's rows), and the reading depends
        # on these alone.
        self.readings: dict[tuple[str, int, str], tuple[dict[str, list[Piece]], str, int]] = {}
        # (reader, value text) -> what the reader (a value grammar's parse) gives the text
        self._values: dict[tuple[Callable[[str], object], str], object] = {}

    def clean(self, text: str) -> str:
        """:func:`clean_cover_line`."""
        cleaned = self._cleaned.get(text)
        if cleaned is None:
            cleaned = self._cleaned[text] = clean_cover_line(text)
        return cleaned

    def read(self, reader: Callable[[str], T], text: str) -> T:
        """``reader(text)``, worked out once per filing for each distinct text: the persons of a
        filing repeat their values ("-0-", "WC", "IN"), and a reader is a pure function of the
        text (a value grammar's parse; what it gives is never changed by its callers)."""
        key = (reader, text)
        found = self._values.get(key, self)
        if found is self:
            found = self._values[key] = reader(text)
        return cast(T, found)

    def head_part(self, text: str) -> tuple[int, str]:
        """A row's head line from its caption on: (the caption's column, the cleaned text)."""
        part = self._heads.get(text)
        if part is None:
            match = match_cover_row(text)
            if match:
                caption_at = match[2]
            else:
                compact = _COMPACT_PREFIX.match(text)
                caption_at = compact.end() if compact else 0
            part = self._heads[text] = (caption_at, self.clean(text)[caption_at:].rstrip())
        return part

    def value_part(self, text: str, strip_label: bool) -> tuple[int, str]:
        """A line under a row's head: (column where its value starts, the value), without bars,
        a left-hand label word (rows 6-10, when ``strip_label``) or a rule (read as empty)."""
        parts = self._parts[strip_label]
        part = parts.get(text)
        if part is None:
            cleaned = self.clean(text).rstrip()
            start = 0
            if strip_label:
                label = POWER_LABEL.match(cleaned)
                # A label word is only a label when a gap or the end of the line follows it.
                if label and (label.end() >= len(cleaned) or cleaned[label.end() - 1] == " "):
                    start = label.end()
            content = cleaned[start:]
            # (One or two dashes alone are the zero a typist wrote, not a rule.)
            if _ONLY_RULE.match(content) and not _DASH_ZERO.match(content):
                content = ""
            part = parts[text] = (start, content)
        return part


def closed_empty(row: Row) -> int | None:
    """Where a last row (14, or 12 of a 13G) is closed before any line under its caption: the
    position in ``row.lines`` of a rule right under the caption line. The row's value, if any,
    is on the caption line; the lines under the rule are the cover page's footnotes ("(1)
    Includes ...", even "IN"), not its value. None when a line of text comes first, or when the
    rule opens a box that holds the value: one line of text, then a rule again."""
    if row.kind != "ROW_TYPE":
        return None
    for position, line in enumerate(row.lines):
        if line.kind == "RULE":
            return None if _boxed_value(row.lines[position + 1 :]) else position
        if line.kind != "BLANK":
            return None
    return None


def _boxed_value(lines: list[Line]) -> bool:
    """``lines`` (after a rule) are one line of text closed by another rule, blanks aside."""
    kinds = [line.kind for line in lines if line.kind != "BLANK"][:2]
    return kinds == ["TEXT", "RULE"]


def value_lines(row: Row, strip_label: bool, cache: CoverLineCache) -> RowText:
    """The row's text from its caption on, without bars, rules, label words and page furniture."""
    area = RowText()
    caption_at, head = cache.head_part(row.head.text)
    area.add(row.head, caption_at, head)
    for line in row.lines[: closed_empty(row)]:
        if line.kind not in VALUE_KINDS:
            if line.kind == "BLANK":
                area.add(line, 0, "")
            continue
        start, content = cache.value_part(line.text, strip_label)
        area.add(line, start, content)
    return area


def lines_after_value(row: Row, value: str, cache: CoverLineCache) -> list[Line]:
    """Lines of row 14 after its ``value`` (the row's text after the caption): the cover page's
    footnotes, up to the next page break."""
    lines: list[Line] = []
    head_has_value = bool(value.partition("\n")[0].strip())
    found_value = head_has_value or closed_empty(row) is not None
    for line in row.lines:
        if line.kind == "PAGE":
            break
        if not found_value:
            if line.kind in VALUE_KINDS and cache.clean(line.text).strip(" .-_=|"):
                found_value = True
            continue
        lines.append(line)
    return lines


def footnotes_after(lines: list[Line], cache: CoverLineCache) -> list[str]:
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if line.kind != "TEXT":
            if paragraphs[-1]:
                paragraphs.append([])
            continue
        text = cache.clean(line.text).strip()
        if not text or _BOILERPLATE.search(text):
            if paragraphs[-1]:
                paragraphs.append([])
            continue
        if paragraphs[-1] and _FOOTNOTE_START.match(text):
            paragraphs.append([])
        paragraphs[-1].append(text)
    return [join_words(p) for p in paragraphs if p]
