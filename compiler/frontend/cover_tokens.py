"""The tokens of a cover row smaller than a line, and the row grammar that places its value.

A cover row's value area (its lines from the caption on, table bars, label words and rules
blanked: :mod:`compiler.lower.cover_rows`) is cut into the tokens of ``grammar/cover_row.lark``:
the caption (the row's ``ROW_<name>_CAPTION`` terminal, which may wrap over lines) and one token
for what each line holds after it. The row grammar, parsed with LALR, says which tokens are the
row's value (:func:`read_row`). A token's kind depends on its line's text alone (and, for
``OTHER_ROW``, on the row's number), so a line is classified once per distinct text
(:class:`PieceCache`), and a row is parsed once per distinct sequence of kinds.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass

from lark import Lark, Token

from compiler.frontend.kind_lexer import kind_parser
from compiler.frontend.lalr_driver import LeanKindParser
from compiler.frontend.terminals import line_shapes

GRAMMAR_FILE = "cover_row.lark"
START_RULES = ("first_value", "name_value", "place_value", "box_value")

SHAPES = line_shapes()  # the line grammar's terminals (grammar/*.lark)
_LEADERS = SHAPES["LEADERS"]
_QUALIFIER_ONLY = SHAPES["QUALIFIER_ONLY"]
_ID_NUMBER = SHAPES["ID_NUMBER"]
_NOT_APPLICABLE = SHAPES["NOT_APPLICABLE"]
_ROW_NUMBER_ONLY = SHAPES["ROW_NUMBER_ONLY"]
_ROW_NUMBER_BARE = SHAPES["ROW_NUMBER_BARE"]
_ID_CAPTION = SHAPES["ID_CAPTION"]
_CAPTION_GAP = SHAPES["CAPTION_GAP"]
_ADDRESS_LINE = SHAPES["ADDRESS_LINE"]

# A line's kind before the row's number is known: a row number alone is OTHER_ROW under another
# row, but a value under its own.
_NUMBERED = "NUMBERED"


# Not frozen: one is made per line of every cover row (see lower/lines.py's Line).
@dataclass(slots=True)
class Piece:
    """One token of a cover row: ``raw`` is the text of the area it covers (a line's text after
    the caption, or the caption), ``offset`` where ``raw`` starts in the area's text, ``text``
    the line without leaders and surrounding white space, ``lead`` the leaders' width."""

    kind: str
    text: str
    raw: str
    offset: int
    lead: int = 0


class PieceCache:
    """How each distinct line of a filing's value areas reads: (kind, text, lead, row number).
    Cover pages repeat their lines person after person."""

    __slots__ = ("_lines",)

    def __init__(self) -> None:
        self._lines: dict[str, tuple[str, str, int, int]] = {}

    def reading(self, raw: str) -> tuple[str, str, int, int]:
        found = self._lines.get(raw)
        if found is None:
            found = self._lines[raw] = _classify(raw)
        return found


def _classify(raw: str) -> tuple[str, str, int, int]:
    stripped = _LEADERS.sub("", raw)
    text = stripped.strip()
    leaders = _LEADERS.match(raw)
    lead = 0 if leaders is None else leaders.end()
    if not text:
        return "EMPTY", text, lead, 0
    numbered = _ROW_NUMBER_ONLY.match(text)
    if numbered:
        return _NUMBERED, text, lead, int(numbered.group("num"))
    if _ID_NUMBER.match(text):
        return "ID_LINE", text, lead, 0
    if _NOT_APPLICABLE.match(text):
        return "NA_LINE", text, lead, 0
    if _QUALIFIER_ONLY.match(stripped):
        return "QUALIFIER", text, lead, 0
    if _ADDRESS_LINE.match(text):
        return "ADDRESS", text, lead, 0
    return "VALUE", text, lead, 0


def tokenize_row(
    text: str, caption: re.Pattern[str], start: str, row_number: int, cache: PieceCache
) -> tuple[list[Piece], str, int]:
    """The tokens of a row's value area ``text`` (its lines joined by newlines) for the rule
    ``start``: the caption (``caption``, the row's ROW_<name>_CAPTION terminal), then one per
    line after it. Also the text after the caption and the offset where it starts."""
    match = caption.match(text)
    base = match.end() if match else 0
    value = text[base:]
    wrapped = _wrapped_caption(text, caption, base)
    if wrapped is not None:
        # The caption's words under the value are blanked in place: offsets and newlines kept.
        base, end = wrapped
        first_end = text.find("\n", base)
        value = text[base:first_end] + _blanked_text(text[first_end:end]) + text[end:]
    if match:
        value = _without_repeated_caption(value, caption)
    pieces = [Piece("CAPTION", text[:base], text[:base], 0)] if base else []
    if start == "name_value":
        # Row 1's second caption ("I.R.S. IDENTIFICATION NO. OF ABOVE PERSON"), wherever it
        # stands and however it wraps, is blanked in place: offsets and newlines are kept.
        pieces += row_pieces(_ID_CAPTION.sub(_blanked, value), base, row_number, cache)
    else:
        pieces += row_pieces(value, base, row_number, cache)
    return pieces, value, base


def _without_repeated_caption(value: str, caption: re.Pattern[str]) -> str:
    """``value`` (the text after a row's caption) with the caption written again beside it, the
    rest of its line ("NAME OF REPORTING PERSON   NAME OF REPORTING PERSON", a table cell
    doubled), blanked in place: a caption is never its own row's value."""
    line_end = value.find("\n")
    line = value if line_end < 0 else value[:line_end]
    again = caption.match(line.lstrip())
    if again is None or line[len(line) - len(line.lstrip()) + again.end() :].strip():
        return value
    return " " * len(line) + value[len(line) :]


def _wrapped_caption(text: str, caption: re.Pattern[str], start: int) -> tuple[int, int] | None:
    """Where the caption of a row whose value stands beside the caption's first line while the
    caption wraps under it ("CITIZENSHIP OR PLACE OF      Delaware" / "ORGANIZATION") ends on
    that line, and where its last words under the value end; None for any other row.
    ``start`` is where the caption's match on the text as written ends (0 if none)."""
    first_end = text.find("\n")
    if first_end < start:
        return None
    gap = _CAPTION_GAP.search(text, start, first_end)
    if gap is None or text[gap.end() : first_end].isspace():
        return None
    # The caption as it reads with the value beside it taken out: it must go on to a word (or
    # its tail) on a later line, else the lines under the value are the value's.
    beside = gap.start()
    wrapped = caption.match(text[:beside] + " " * (first_end - beside) + text[first_end:])
    if wrapped is None or not text[first_end : wrapped.end()].strip():
        return None
    return beside, wrapped.end()


def _blanked_text(text: str) -> str:
    """``text`` with every character but a newline made a space."""
    return "\n".join(" " * len(piece) for piece in text.split("\n"))


def _blanked(match: re.Match[str]) -> str:
    """The text of ``match`` with every character but a newline made a space."""
    return _blanked_text(match.group(0))


def row_pieces(value: str, base: int, row_number: int, cache: PieceCache) -> list[Piece]:
    """The tokens of ``value``, a row's text after its caption that starts at offset ``base`` of
    the area: one per line. A row number alone is ``OTHER_ROW`` unless it is ``row_number``."""
    pieces: list[Piece] = []
    offset = base
    for raw in value.split("\n"):
        kind, text, lead, number = cache.reading(raw)
        if kind == _NUMBERED:
            kind = "OTHER_ROW" if number not in (0, row_number) else "VALUE"
        pieces.append(Piece(kind, text, raw, offset, lead))
        offset += len(raw) + 1
    _next_row_number_last(pieces, row_number)
    return pieces


def _next_row_number_last(pieces: list[Piece], row_number: int) -> None:
    """The last line of the area, the next row's number alone ("2" under row 1's name), is that
    row's start when a value stands above it (else it may be the row's own value, "8")."""
    filled = [piece for piece in pieces if piece.kind != "EMPTY"]
    if len(filled) < 2 or filled[-2].kind not in ("VALUE", "NA_LINE", "ID_LINE", "ADDRESS"):
        return
    bare = _ROW_NUMBER_BARE.match(filled[-1].text)
    if bare is not None and row_number and int(bare.group("num")) == row_number + 1:
        filled[-1].kind = "OTHER_ROW"


@functools.cache
def build_row_parser(*, strict: bool = False) -> Lark:
    """The row grammar's LALR parser, built once per process and cached on disk (see
    lark_cache); ``strict=True`` makes a conflict an error (never cached, so the check runs)."""
    return kind_parser(GRAMMAR_FILE, START_RULES, strict=strict)


@functools.cache
def lean_row_parser() -> LeanKindParser:
    return LeanKindParser(build_row_parser())


@functools.lru_cache(maxsize=4096)
def _reading(start: str, kinds: tuple[str, ...]) -> Mapping[str, tuple[int, ...]]:
    # (Lark's tables run by LeanKindParser, without Lark's per-parse set-up: see lalr_driver.)
    tree = lean_row_parser().parse(start, kinds)
    reading: dict[str, tuple[int, ...]] = {}
    for subtree in tree.iter_subtrees():
        if subtree is not tree:
            # A part may stand more than once (row 1's later paragraphs): its tokens in order.
            name = str(subtree.data)
            found = tuple(
                child.start_pos or 0 for child in subtree.children if isinstance(child, Token)
            )
            reading[name] = tuple(sorted(reading.get(name, ()) + found))
    return reading


def read_row(start: str, pieces: list[Piece]) -> dict[str, list[Piece]]:
    """The row's named parts (``value``, ``lead``, ``name``, ``place``, ``area``) as the rule
    ``start`` of ``grammar/cover_row.lark`` finds them among ``pieces``. The tree depends on the
    kinds of the pieces only, so it is parsed once per distinct sequence."""
    reading = _reading(start, tuple(piece.kind for piece in pieces))
    return {name: [pieces[index] for index in found] for name, found in reading.items()}
