"""The line lexer: classifies every line of a filing into one terminal of the grammar.

A fixed-width filing is a sequence of lines whose kind is visible from the line itself: a cover
row starts with its number and a caption of the form ("8  SHARED VOTING POWER"), an item heading
with "Item 4.", a page break is "<PAGE>". One token per line keeps LALR fast (see the performance
notes) and makes every line of the input a leaf of the parse tree, so nothing can be lost.

The shapes of lines are terminals of the grammar (grammar/*.lark), and the cover rows' captions
come from the row table (compiler/schema.py); this module decides the order in which shapes are
tried, the cheap tests that spare most lines the patterns, and the little context a layout needs:
whether it is inside the cover pages (where the "NUMBER OF SHARES BENEFICIALLY OWNED BY EACH
REPORTING PERSON WITH" label may stand in front of rows 7-10), whether a parenthesized
title-page caption is still open on the next line, and the previous line of prose.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from lark import Token
from lark.lexer import Lexer, LexerState

from compiler.frontend.terminals import line_shapes
from compiler.frontend.values import TRADE_DATE_PATTERN, date_from_match
from compiler.schema import (
    ROW_NUMBERS,
    ROW_NUMBERS_13G,
    ROWS,
    ROWS_13G,
    caption_patterns,
    first_words,
    key_words,
)

# Terminal names, as declared in grammar/filing.lark.
BLANK = "BLANK"
PAGE = "PAGE"
RULE = "RULE"
RUNNING_HEAD = "RUNNING_HEAD"
TABLE_TAG = "TABLE_TAG"
TEXT = "TEXT"
TX_ROW = "TX_ROW"
FORM_TITLE = "FORM_TITLE"
AMENDMENT = "AMENDMENT"
CAP_ISSUER = "CAP_ISSUER"
CAP_CLASS = "CAP_CLASS"
CAP_CUSIP = "CAP_CUSIP"
CAP_NOTICE = "CAP_NOTICE"
CAP_EVENT = "CAP_EVENT"
ITEM = "ITEM"
SIGNATURE = "SIGNATURE"
CERTIFICATION = "CERTIFICATION"
ANNEX = "ANNEX"
EXHIBIT = "EXHIBIT"

# Cover rows: terminal, number on a 13D, the pattern of the caption's identifying words -- all
# from the one row table (compiler/schema.py).
COVER_ROWS: tuple[tuple[str, int, re.Pattern[str]], ...] = tuple(
    (row.terminal, row.number_13d, caption_patterns()[f"{row.terminal}_HEAD"]) for row in ROWS
)
# The line shapes and the pieces of lines, as the grammar defines them (grammar/*.lark).
_SHAPES = line_shapes()
_COMPACT_NAME = _SHAPES["COMPACT_NAME"]
_COMPACT_ROW = _SHAPES["COMPACT_ROW"]
_PIPE_BOX = _SHAPES["PIPE_BOX"]
_BOX_DRAWING = _SHAPES["BOX_DRAWING"]
POWER_LABEL = _SHAPES["POWER_LABEL"]
_ROW_HEAD = _SHAPES["ROW_HEAD"]
_PAGE = _SHAPES[PAGE]
_RULE = _SHAPES[RULE]
_TABLE_TAG = _SHAPES[TABLE_TAG]
_RUNNING_HEAD = _SHAPES[RUNNING_HEAD]
# Parenthesized captions start with "(", label captions with a letter: one pattern has both.
_CAPTIONS = tuple(
    (terminal, _SHAPES[terminal])
    for terminal in (CAP_ISSUER, CAP_CLASS, CAP_CUSIP, CAP_NOTICE, CAP_EVENT)
)
_ITEM = _SHAPES[ITEM]
# What an item heading without the word "Item" starts with: "4.  Purpose of Transaction", "(4)".
_BARE_ITEM_START = frozenset("(123456789")
# The first word after the number of an amendment's sentence that opens an item (the grammar's
# ITEM terminal): "Item 4 is hereby amended", "Item 4 of the Schedule 13D is amended".
_ITEM_SENTENCE_WORDS = frozenset({"is", "are", "of"})
_CELL_GAP = _SHAPES["CELL_GAP"]
_NUMBER_CELL = _SHAPES["TX_NUMBER_CELL"]
_DATE_HINT = _SHAPES["TX_DATE_HINT"]
_LETTER = re.compile("[A-Za-z]")  # (in an ASCII line)


def clean_cover_line(line: str) -> str:
    """The line without table bars and box corners, "|X|" boxes kept as "[X]"."""
    if "|" not in line and "+-" not in line:
        return line
    line = _PIPE_BOX.sub(lambda m: "[X]" if m.group(1) in "xX" else "[ ]", line)
    return _BOX_DRAWING.sub(lambda m: " " * len(m.group(0)), line)


# Words one of which every caption of a row has (its longest, or its alternatives' longest),
# for a cheap test before the patterns.
_CAPTION_WORDS = tuple(
    sorted({word for row in ROWS for word in key_words(row.head)}, key=len, reverse=True)
)


def _has_caption_word(line: str) -> bool:
    """Whether ``line`` has a word of a cover-row caption: one without is no cover row, and most
    lines (prose) are told so by these substring tests (a regex alternation of the same words,
    case-insensitive, costs ten times as much) instead of the label, number and caption
    patterns."""
    low = line.lower()
    return any(map(low.__contains__, _CAPTION_WORDS))


# What a cover row can start with, after the indentation: a row number ("7", "(7)"), a box bar,
# "Item", a word of the rows 7-10 label (POWER_LABEL), or an unnumbered caption in capitals.
_ROW_MARKS = frozenset("0123456789(|+")
_ROW_WORDS = (
    "item",
    "number",
    "shares",
    "beneficially",
    "owned",
    "by",
    "each",
    "reporting",
    "person",
    "with",
)


def _may_start_a_row(line: str, stripped: str) -> bool:
    """``stripped``: the line without its indentation (its trailing blanks change nothing)."""
    # Four capitals: an unnumbered caption (and "|" boxes may hide anything, see clean_cover_line).
    # A word's prefix is enough ("shareholders" passes too): this only spares the patterns.
    return (
        stripped[:1] in _ROW_MARKS
        or stripped[:4].isupper()
        or "|" in line
        or stripped[:12].lower().startswith(_ROW_WORDS)
    )


def match_cover_row(line: str) -> tuple[str, int, int] | None:
    """(terminal, number as written, caption column) when ``line`` starts a cover row."""
    return _match_cover_row(line, line.strip(), not line.isascii())


def _match_cover_row(line: str, stripped: str, exhaustive: bool) -> tuple[str, int, int] | None:
    """:func:`match_cover_row`, given what the line classifier already knows of the line: it
    stripped, and whether it has a character outside ASCII (``exhaustive``)."""
    if not exhaustive and not (_may_start_a_row(line, stripped) and _has_caption_word(line)):
        return None  # (the pre-tests are ASCII: see LineClassifier._classify)
    cleaned = clean_cover_line(line)
    label = POWER_LABEL.match(cleaned)
    body = cleaned[label.end() :] if label else cleaned
    head = _ROW_HEAD.match(body)
    if head is None:
        return _unnumbered_row(line, body, label is not None)
    caption = head.group("caption")
    for name, number, pattern in COVER_ROWS:
        matched = pattern.match(caption)
        if matched:
            written = int(head.group("num"))
            # Row 12 and row 5 share words with others; the written number settles ties.
            if written != number and any(
                n == written and p.match(caption) for _, n, p in COVER_ROWS
            ):
                continue
            # A number that is the row's number in neither schedule is a misnumbered row only
            # when the caption is in capitals, as captions are; "(1) Shared voting power is held
            # by..." under a cover page is a footnote.
            if written not in (number, ROW_NUMBERS_13G.get(name)) and not (
                matched.group(0).isupper()
            ):
                continue
            offset = len(line) - len(body) if label else 0
            return name, written, offset + head.start("caption")
    return None


# The first four letters of every cover-row caption: a cheap test before the fourteen patterns.
_CAPTION_STARTS = frozenset(
    (word.upper() + " ")[:4] for row in ROWS for word in first_words(row.head)
)


def _unnumbered_row(line: str, body: str, labelled: bool) -> tuple[str, int, int] | None:
    """The family without row numbers: a caption in capitals at the start of the line
    ("SHARED VOTING POWER:  1,000"). Capitals keep prose that names a row ("shared voting power")
    out; the number returned is 0, "not written"."""
    caption = body.lstrip(" ")  # (spaces only, as every line shape: see fixed_width.QUOTE)
    if caption[:4].upper() not in _CAPTION_STARTS or not caption[:4].isupper():
        return None
    for name, _number, pattern in COVER_ROWS:
        match = pattern.match(caption)
        if match and match.group(0).isupper():
            start = len(body) - len(caption)
            return name, 0, (len(line) - len(body) if labelled else 0) + start
    return None


_RULE_START = frozenset("-=_+|*.~:")


def _is_rule(line: str) -> bool:
    stripped = line.lstrip(" ")
    return (
        stripped[:1] in _RULE_START
        and bool(_RULE.match(line))
        # Counted without findall, which made a string of every dash of a long rule.
        and line.count("-") + line.count("=") + line.count("_") >= 3
    )


def _heading_like(rest: str) -> bool:
    """An annex/exhibit word starts a heading, not a sentence: nothing or capitals follow."""
    rest = rest.strip()
    return not rest or rest[0] in "-–—:(" or not any(c.islower() for c in rest)


def is_transaction_row(line: str) -> bool:
    """A table row with a date cell and a number cell, cells separated by 2+ spaces."""
    # Cheap test first: prose has no gap of two spaces between words, so most lines stop here.
    if "  " not in line.strip() or (line.isascii() and not _DATE_HINT.search(line)):
        return False  # (the hint's letters are ASCII, the date pattern's months not quite)
    match = TRADE_DATE_PATTERN.search(line)
    # (A row dated by a period is a row still: the lowering reports that it gives no trade.)
    if match is None or (date_from_match(match) is None and match.lastgroup != "DATE_PERIOD"):
        return False
    rest = line[: match.start()] + " " * (match.end() - match.start()) + line[match.end() :]
    return any(_NUMBER_CELL.match(cell) for cell in _CELL_GAP.split(rest.strip()) if cell)


class LineClassifier:
    """Classifies lines one at a time; holds the little state a fixed-width layout needs."""

    def __init__(self, schedule: str = "13D") -> None:
        self.schedule = schedule
        self.caption_open = False
        self.caption_closer = ")"  # what closes the open caption: ")", or a label's ":"
        self.previous_text = ""  # the previous line, when it was prose (TEXT)
        self.compact_cover = False  # inside "Item N:<tab>value" cover rows

    def classify(self, line: str) -> str:
        kind = self._classify(line)
        self.previous_text = line if kind == TEXT else ""
        return kind

    def _classify(self, line: str, shortcut: bool = True) -> str:
        # A line of digits and signs, no letter, from a digit to a digit: the rows of a long
        # trade table, the most frequent line of the longest filings. Every other shape tried
        # before a transaction row has a letter (a caption's words, "Item", "Amendment", "Page",
        # "CUSIP") or starts or ends with a mark ("<", "-", "("): the row's own test alone
        # decides (tests/frontend/test_lexer_rows.py checks it against every shape's, which
        # ``shortcut=False`` tries).
        if (
            shortcut
            and line[-1:].isdigit()
            and not self.caption_open
            and line.isascii()
            and (stripped := line.lstrip(" "))[:1].isdigit()
            and not _LETTER.search(stripped)
        ):
            return TX_ROW if is_transaction_row(line) else TEXT
        # Most lines are prose: each pattern is tried only on lines that start (or end) with
        # what it needs, so that a line of prose costs a few string tests, not twenty searches.
        # Those tests are ASCII, the case-insensitive patterns are not ("ſ" is an "s" to them,
        # "İ" an "i", "７" a digit): a line with any other character is tried on every pattern.
        exhaustive = not line.isascii()
        stripped = line.strip()
        if self.caption_open:
            self.caption_open = self.caption_closer not in line and bool(stripped)
            return CAP_NOTICE
        first = stripped[:1].lower()
        if line == "\f" or (first == "<" and _PAGE.match(line)):  # "\f" strips to nothing
            return PAGE
        if not stripped:
            return BLANK
        if first in _RULE_START and _is_rule(line):
            return RULE
        if first == "<" and _TABLE_TAG.match(line):
            return TABLE_TAG
        if first == "i" or self.compact_cover or exhaustive:
            compact = self._compact_row(line)
            if compact is not None:
                return compact
        # The cheap tests of _match_cover_row, _may_be_running_head and is_transaction_row are
        # made here, inline: a line of prose fails them all, and the calls cost more than they.
        # (Past ``exhaustive or``, the line is ASCII: ``first`` is its first character.)
        if exhaustive or (
            (
                first in _ROW_MARKS
                or stripped[:4].isupper()
                or "|" in line
                or stripped[:12].lower().startswith(_ROW_WORDS)
            )
            and _has_caption_word(line)
        ):
            row = _match_cover_row(line, stripped, True)
            if row is not None:
                return row[0]
        if first == "i" or first in _BARE_ITEM_START or exhaustive:
            item = _ITEM.match(line)
            if item and not self._wrapped_reference(line, item.end()):
                return ITEM
        last = stripped[-1]
        if (
            exhaustive
            or (
                (last == "-" or last.isdigit() or last in "eEsS" or first == "c")
                and _may_be_running_head(stripped)
            )
        ) and _RUNNING_HEAD.match(line):
            return RUNNING_HEAD
        if first == "(":
            for terminal, pattern in _CAPTIONS:
                if pattern.match(line):
                    self.caption_open = terminal == CAP_NOTICE and ")" not in line
                    self.caption_closer = ")"
                    return terminal
        kinds = _TEXT_KINDS_ALL if exhaustive else _TEXT_KINDS_BY_FIRST.get(first, ())
        for terminal, pattern in kinds:
            match = pattern.match(line)
            if match and (terminal not in _HEADINGS or _heading_like(match.group("rest") or "")):
                if terminal == CAP_NOTICE:  # the label form: open up to its colon
                    self.caption_open, self.caption_closer = ":" not in line, ":"
                return terminal
        if (
            "  " in stripped
            and (exhaustive or _DATE_HINT.search(line))
            and is_transaction_row(line)
        ):
            return TX_ROW
        return TEXT

    def _compact_row(self, line: str) -> str | None:
        """A row of the compact cover family, known by its number in the schedule's numbering."""
        if _COMPACT_NAME.match(line):
            self.compact_cover = True
            return "ROW_NAME"
        if not self.compact_cover:
            return None
        match = _COMPACT_ROW.match(line)
        if match is None:
            if line.lstrip().lower().startswith("item"):
                self.compact_cover = False
            return None
        rows = ROWS_13G if self.schedule == "13G" else tuple(ROW_NUMBERS)
        number = int(match.group("num"))
        row = rows[number - 1] if 1 <= number <= len(rows) else None
        if row == "ROW_TYPE":
            # The last row ends the cover page: an "Item 1: Name of Issuer" after it is the body.
            self.compact_cover = False
        return row

    def _wrapped_reference(self, line: str, end: int) -> bool:
        """A bare "Item 4." right under an unfinished sentence ends that sentence ("...referred
        to in this / Item 4."): it is prose, not a heading; so is a line that goes on in words
        ("...and / Item 4 is amended as follows")."""
        # (A sentence may end in "!" or "?", and inside closing quotes: '... Persons."'.)
        previous = self.previous_text.rstrip().rstrip("\"'\u201d\u2019*")
        rest = line[end:].strip()
        # (An amendment's sentence, "Item 4 of the Schedule 13D is amended...", opens an item
        # only as a paragraph's first line, not wrapped into one.)
        sentence = rest.split(" ", 1)[0] in _ITEM_SENTENCE_WORDS
        return bool(previous) and (not rest or sentence) and previous[-1] not in ".:;)!?"


def _may_be_running_head(stripped: str) -> bool:
    """What a _RUNNING_HEAD alternative needs: "CUSIP" first; "-3-"; or a page number (or
    "Pages") last with "page" or " of " in the line ("Page 2 of 9", "2 of 9"). Table rows end
    in a number too: the second test keeps them from the costly pattern."""
    last = stripped[-1]
    if last == "-" or stripped[:5].lower() == "cusip":
        return True
    if not (last.isdigit() or last in "eEsS"):  # a number, or "page" or "pages"
        return False
    low = stripped.lower()
    return (last.isdigit() or low.endswith(("page", "pages"))) and ("page" in low or " of " in low)


# The title-page, heading and signature lines, in the order they are tried, with the first
# letters (lower case, after the indentation) a line of each may start with.
_TEXT_KINDS: tuple[tuple[str, re.Pattern[str], str], ...] = (
    (CAP_ISSUER, _SHAPES[CAP_ISSUER], "n"),
    (CAP_CLASS, _SHAPES[CAP_CLASS], "t"),
    (CAP_NOTICE, _SHAPES[CAP_NOTICE], "n"),
    (CAP_EVENT, _SHAPES[CAP_EVENT], "de"),  # "(Date of Event ...)", "Event Date:"
    (FORM_TITLE, _SHAPES[FORM_TITLE], "s"),
    (AMENDMENT, _SHAPES[AMENDMENT], "(afsten0123456789"),  # (and "Third Amendment", "5th ...")
    (SIGNATURE, _SHAPES[SIGNATURE], "s"),
    (CERTIFICATION, _SHAPES[CERTIFICATION], "a"),
    (ANNEX, _SHAPES[ANNEX], "as"),
    (EXHIBIT, _SHAPES[EXHIBIT], "ei"),
)
_TEXT_KINDS_BY_FIRST: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {
    letter: tuple((t, p) for t, p, letters in _TEXT_KINDS if letter in letters)
    for letter in {letter for _, _, letters in _TEXT_KINDS for letter in letters}
}
_TEXT_KINDS_ALL = tuple((terminal, pattern) for terminal, pattern, _ in _TEXT_KINDS)
# Annex and exhibit words start a heading only when no sentence follows (see _heading_like).
_HEADINGS = frozenset({ANNEX, EXHIBIT})


class LineToken(Token):
    """A line token. ``value`` is the normalized line the grammar and the lowering read;
    ``source`` is the text of the file it stands for, exactly as written (tabs, the piece between
    form feeds, the line ending), from which :mod:`compiler.backends.reconstruct` rebuilds the
    input; None
    when that text is ``value`` and the file's usual line ending (``SourceFrame.newline``), as it
    is for most lines (one copy fewer of each)."""

    __slots__ = ("source",)
    source: str | None

    # A Lark token is a str holding its text and, in ``value``, a second string with the same
    # text. Here ``value`` is made from the token on demand instead, so that a line's text is held
    # once: the document lets go of its lines after parsing (compile_filing), and the tree's
    # tokens are then the one copy of the filing's text while it is lowered.
    @property
    def value(self) -> str:
        return str.__str__(self)

    @value.setter
    def value(self, value: str) -> None:
        """Lark's constructor sets ``value``; the token's own text is that value already."""
        if value != str.__str__(self):
            raise ValueError("a line token's value is its own text")


def tokenize(
    lines: Sequence[str], schedule: str = "13D", sources: Sequence[str | None] | None = None
) -> Iterator[Token]:
    """One token per line; ``line`` is the 1-based index into ``lines``; value is the line.

    ``sources`` are the lines as the file wrote them (``Document.line_sources``, None where that
    is the line and the file's usual line ending); without them every line's is None."""
    classifier = LineClassifier(schedule)
    classify = classifier._classify  # (LineClassifier.classify, inline: a call less a line)
    new = str.__new__
    for index, line in enumerate(lines, start=1):
        # Token's own constructor (keyword handling, deprecation checks) cost about half as
        # much as classifying the line; the slots are filled here instead. Offsets into the joined
        # lines (start_pos, end_pos) are not kept: nothing reads them, and a filing's places
        # are its line numbers, mapped to the file by the Document.
        token = new(LineToken, line)
        token.type = kind = classify(line)
        classifier.previous_text = line if kind == TEXT else ""
        token.line = token.end_line = index
        token.column = 1
        token.end_column = len(line) + 1
        token.start_pos = token.end_pos = None
        token.source = sources[index - 1] if sources is not None else None
        yield token


class LineLexer(Lexer):
    """Lark's entry point for the line lexer (``lexer=LineLexer``), used for per-rule parsing."""

    # Lark's current lexer interface: lex(lexer_state, parser_state).
    __future_interface__ = 2

    def __init__(self, lexer_conf: Any) -> None:
        self.lexer_conf = lexer_conf

    def lex(self, lexer_state: LexerState, parser_state: Any) -> Iterator[Token]:
        text: Any = lexer_state.text
        source = str(getattr(text, "text", text))
        lines = source.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        return tokenize(lines)
