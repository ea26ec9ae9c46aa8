"""Fixed-width layout helpers for the normalized filing (``templates/text.j2``).

The template writes the document's shape; these filters do the column arithmetic it cannot do
readably (centering, right-aligning a value against column 80, wrapping with hanging indents,
the Item 5(c) table). Every helper returns lines without trailing spaces, joined with ``\\n`` and
without a final newline, so that a template line ``{{ value | filter }}`` is exactly those lines.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from collections.abc import Sequence
from decimal import Decimal

from compiler.frontend.lexer import EXHIBIT, POWER_LABEL, TEXT, LineClassifier
from compiler.frontend.source import closes_text
from compiler.frontend.terminals import line_shapes
from compiler.frontend.values import parse_price
from compiler.ir import Annex, Filing, Signature, Transaction
from compiler.lower.annex_labelled import is_section, label_of
from compiler.lower.title_page import telephone_line
from compiler.schema import CoverRow, rows_of

WIDTH = 80
# A footnote mark after a value ("(1)", "*", "(a)"): the cover page's lowering takes one off the
# end of each line of a value (grammar/cover_page.lark).
FOOTNOTE_MARK = line_shapes()["FOOTNOTE_MARK"]
# A row's number at the start of a line ("2.", "(2)"): under a caption, another row begins.
ROW_NUMBER = line_shapes()["ROW_NUMBER_ONLY"]
# Title-page values are wrapped narrower than the page so that centered lines keep a margin.
CENTERED_WIDTH = 76
# Item 5(c) table: column widths and the gap between columns. With these the header line is
# "Date          Reporting Person                          Shares        Price".
_GAP = "    "
_DATE_WIDTH = 10
_PERSON_WIDTH = 34
_SHARES_WIDTH = 10
_PRICE_WIDTH = 9

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


# The spacing a value is written with is collapsed: runs of ASCII whitespace only. Another
# space inside a value ("Solber\u2007g", read from a signature as written) is one of its
# characters, kept as the lowering kept it.
_SPACING = re.compile(r"[ \t\n\r\f\v]+")


def collapse(text: str | None) -> str:
    """``text`` with its runs of spacing made one space, stripped of them at both ends."""
    return _SPACING.sub(" ", text or "").strip(" ")


def _join(lines: Sequence[str]) -> str:
    return "\n".join(line.rstrip() for line in lines)


def wrap(text: str | None, first: str = "", indent: int | None = None, width: int = WIDTH) -> str:
    """``text`` with its whitespace collapsed, wrapped at ``width`` after the prefix ``first``.

    Continuation lines are indented by ``indent`` spaces (default: the length of ``first``, a
    hanging indent). Words longer than a line are never broken: with the notes of an Item 5(c)
    table, that is the only way a line of the output can exceed 80 columns.
    """
    words = collapse(text)
    rest = " " * (len(first) if indent is None else indent)
    if not words:
        return first.rstrip()
    wrapper = textwrap.TextWrapper(
        width=width,
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=False,
        break_on_hyphens=False,
    )
    return _join(wrapper.wrap(words))


def cover_rows(schedule: str) -> list[tuple[CoverRow, list[str]]]:
    """The cover rows of ``schedule`` ("13D", "13G") in its order, each with its caption laid out:
    the number right-aligned in two columns, the caption after it, wrapped under itself at
    column 72 (room for a box or a number on its last line)."""
    return [
        (row, wrap(row.caption_on(schedule), f"{row.number(schedule):>2}   ", width=72).split("\n"))
        for row in rows_of(schedule)
    ]


def verbatim(text: str | None) -> str:
    """Text kept as written (exhibits): trailing spaces and surrounding blank lines removed."""
    lines = [line.rstrip() for line in (text or "").splitlines()]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def center(text: str | None, width: int = CENTERED_WIDTH) -> str:
    """Each line of ``text`` centered in 80 columns; only a line wider than ``width`` is wrapped.

    A line that fits keeps its inner spacing (two notice persons side by side stay two columns).
    """
    lines: list[str] = []
    for line in (text or "").splitlines() or [""]:
        if len(line.strip()) <= width:
            lines.append(line.strip())
        else:
            lines.extend(glued(wrap(line, width=width).split("\n")))
    return _join([line.center(WIDTH) for line in lines])


def centered_line(line: str) -> str:
    """One line of a notice person centered in 80 columns, its inner spacing kept; a line wider
    than the page is written whole (wrapped, it would read back as two lines; re-spaced, as
    another line); quoted (:func:`_escaped`) when it would read as a caption ("(CUSIP Number)"
    kept as a notice person's line)."""
    return _escaped(line.strip().center(WIDTH).rstrip())


def right(label: str, value: str) -> str:
    """``label`` with ``value`` right-aligned to column 80; on the next line if it does not fit."""
    if not value:
        return label.rstrip()
    if len(label.rstrip()) + 1 + len(value) <= WIDTH:
        return label.ljust(WIDTH - len(value)) + value
    return _join([label, value.rjust(WIDTH)])


def labelled(text: str | None, label: str, whole: bool = False) -> str:
    """An annex person's field after its label ("Position:    "), wrapped under itself; a line
    that would read as something else (a rule of dashes in the value) joined to the one before
    it (:func:`glued`), as the annex's lowering reads only text lines on. ``whole``: on one line,
    however long (a "Name:" value is read from its line alone)."""
    lines = [label + collapse(text)] if whole else wrap(text, label).split("\n")
    return _join(glued(lines))


def right_column(lines: Sequence[str], column: int = 41) -> str:
    """A block (a signature) whose lines all start at ``column``, or further left when one of
    them would pass column 80; a line longer than the page ("Title: ...", the signing entity)
    is written whole, at the margin.

    Each value is read back from its one line (a "Title:" line's words, the entity above the
    "/s/" line): an entity wrapped onto two lines read back as its last line alone, a title as
    its first. An unlabelled line (the entity) that would read as structure where it stands
    ("Exhibit 11.1", an exhibit heading) is written after :data:`QUOTE`, which the lowering
    strips.
    """
    cells = [collapse(line) for line in lines]
    longest = max((len(cell) for cell in cells), default=0)
    indent = " " * max(0, min(column - 1, WIDTH - longest))
    return "\n".join(
        indent + QUOTE + cell
        if ": " not in cell and _not_prose([indent + cell]) is not None
        else indent + cell
        for cell in cells
    )


def signature_block(signature: Signature) -> list[str]:
    """The lines of one signature: its entity, "By: /s/", "Name:" and "Title:" lines."""
    lines = [signature.entity] if signature.entity is not None else []
    if signature.signer is not None:
        lines += [f"By: /s/ {signature.signer}", f"Name: {signature.signer}"]
    if signature.title is not None:
        lines.append(f"Title: {signature.title}")
    return lines


def signature_column(signatures: Sequence[Signature], column: int = 41) -> int:
    """The one column every signature block starts at: 41, or further left when a line of some
    block would pass column 80. A block further left than the next would take its labels: the
    labels under a signature are read down to the next signature in its column."""
    longest = max(
        (len(collapse(line)) for s in signatures for line in signature_block(s)), default=0
    )
    return max(1, min(column, WIDTH - longest + 1))


def running_header(left: str, middle: str, right_text: str) -> str:
    """A running header: ``left`` flush left, ``middle`` centered, ``right_text`` flush right."""
    line = list(left.ljust(WIDTH))
    start = (WIDTH - len(middle)) // 2
    end = WIDTH - len(right_text)
    if len(left) >= start or start + len(middle) >= end:  # too long to place: spaced out instead
        return f"{left}   {middle}   {right_text}"
    line[start : start + len(middle)] = middle
    line[end:] = right_text
    return "".join(line).rstrip()


def box(marked: bool) -> str:
    return "[X]" if marked else "[ ]"


def shares(count: int | None) -> str:
    """A share count as cover pages write it: ``2,202,000``; nothing when not reported."""
    return "" if count is None else f"{count:,}"


def percent(value: Decimal | None) -> str:
    """Row 13 as written: ``6.41%`` (the Decimal's own digits, never rounded)."""
    return "" if value is None else f"{value:f}%"


def long_date(value: dt.date | None) -> str:
    """``December 23, 2003`` (month names spelled here: strftime's depend on the locale)."""
    if value is None:
        return ""
    return f"{_MONTHS[value.month - 1]} {value.day}, {value.year}"


def short_date(value: dt.date | None) -> str:
    """``12/23/2003``, the usual date column of an Item 5(c) table."""
    return "" if value is None else f"{value.month:02d}/{value.day:02d}/{value.year:04d}"


def money(price: Decimal | None, currency: str) -> str:
    """``$4.90`` for US dollars, ``EUR 4.90`` otherwise; digits as written."""
    if price is None:
        return ""
    amount = f"{price:,f}"
    if currency.upper() in {"USD", "$", ""}:
        return f"-${amount[1:]}" if amount.startswith("-") else f"${amount}"
    return f"{currency} {amount}"


def transaction_table(transactions: Sequence[Transaction]) -> str:
    """The Item 5(c) table: Date, (Reporting Person), Shares, Price, then the note, aligned.

    The Reporting Person column is there only when some row names a person.
    """
    with_person = any(tx.person for tx in transactions)
    rows = [
        (short_date(tx.date), tx.person or "", shares(tx.shares), money(tx.price, tx.currency))
        for tx in transactions
    ]
    # Columns widen for long values rather than wrap: a row stays one line of the table.
    person_width = max([_PERSON_WIDTH, *(len(row[1]) for row in rows)])
    shares_width = max([_SHARES_WIDTH, *(len(row[2]) for row in rows)])
    price_width = max([_PRICE_WIDTH, *(len(row[3]) for row in rows)])

    def line(date: str, person: str, count: str, price: str) -> str:
        cells = [date.ljust(_DATE_WIDTH)]
        if with_person:
            cells.append(person.ljust(person_width))
        cells += [count.rjust(shares_width), price.rjust(price_width)]
        return _GAP.join(cells)

    # A note in a row without a price stands under the price's column heading when read back
    # (a row's cells are put under the headings in order), and one that reads as a price
    # ("$15.25 (gift)", "EUR 15.25") would be read as it: such a table heads its notes.
    noted = any(
        tx.price is None and tx.note and parse_price(" ".join(tx.note.split())).value is not None
        for tx in transactions
    )
    heading = line("Date", "Reporting Person", "Shares", "Price")
    rule = line("-" * _DATE_WIDTH, "-" * person_width, "-" * shares_width, "-" * price_width)
    lines = [
        heading + _GAP + "Note" if noted else heading.rstrip(),
        rule + _GAP + "----" if noted else rule,
    ]
    for tx, row in zip(transactions, rows, strict=True):
        # The note stays on its row even past column 80: the row is one record when read back.
        note = " ".join((tx.note or "").split())
        lines.append(line(*row) + _GAP + note if note else line(*row))
    return _join(lines)


# --- prose the line lexer reads back as prose --------------------------------------------------

# Narrower widths tried, in order, when a line of a paragraph wrapped at 80 columns would start
# like something else ("Item 4. ...", "CUSIP No. ...", "SIGNATURE", "After reasonable inquiry").
# Down to half the page: a phrase that reads as a row caption wherever it is cut, repeated
# ("... 1 NAME OF REPORTING PERSON 1 NAME OF REPORTING PERSON."), defeated every width of 60-80.
_NARROWER = range(WIDTH, WIDTH // 2 - 1, -1)


def _not_prose(lines: Sequence[str]) -> int | None:
    """The first of ``lines`` that would not read back as prose: a line of another shape, or a
    closing tag that would end the document's <TEXT> before the rest of the filing."""
    classifier = LineClassifier()
    return next(
        (
            i
            for i, line in enumerate(lines)
            if closes_text(line) or classifier.classify(line) != TEXT
        ),
        None,
    )


def _reads_as_prose(lines: Sequence[str]) -> bool:
    return _not_prose(lines) is None


def glued(lines: Sequence[str]) -> list[str]:
    """``lines`` with each line that would read back as something else (a rule of dashes, a row
    caption, "SIGNATURE" -- words the text holds) joined to the line before it, the first line
    to the one after: a line past 80 columns is the only way such words stay text."""
    joined = list(lines)
    while len(joined) > 1:
        bad = _not_prose(joined)
        if bad is None:
            break
        at = max(0, bad - 1)
        joined[at : at + 2] = [f"{joined[at].rstrip()} {joined[at + 1].strip()}"]
    return [_escaped(line) for line in joined]


# Written before a line of text that would read as structure wherever it stands ("SIGNATURE",
# "Item 5. ...", "<PAGE>", a running header, a rule as a footnote): a figure space (U+2007),
# which no structural line starts with (their patterns allow spaces only) and which the
# lowering strips as it strips spaces, so the line reads back as the text it is. Not the
# no-break space: a text filing's no-break spaces are read as spaces (line_map).
QUOTE = "\u2007"


def _escaped(line: str) -> str:
    """``line`` as text: as it is when it reads as prose; indented by a space when it reads as
    structure only at the margin (a closing </TEXT>); else after :data:`QUOTE`. The text is
    read back with its spacing collapsed and stripped."""
    if _not_prose([line]) is None:
        return line
    for prefix in (" ", QUOTE):
        if _not_prose([prefix + line]) is None:
            return prefix + line
    return line


# The narrowest a cover-row value is wrapped to, after its indent, so that no line of it reads
# as structure: a few words a line.
_NARROWEST_VALUE = 12


def value(text: str | None, first: str = "") -> str:
    """A cover-row value under its caption: wrapped after ``first`` like :func:`wrap`; where a
    line would read as structure (a value that is itself a row caption, "CITIZENSHIP OR PLACE
    OF ..."), wrapped narrower, the value is read back with its lines joined; failing every
    width (a rule of dashes is one word), the lines that would are glued to their neighbours
    (:func:`glued`), and a line that starts with a word of the rows 7-10 label is joined to the
    line before it, or, first, written after :data:`QUOTE`."""
    wrapped = wrap(text, first)
    for narrower in range(WIDTH - 1, len(first) + _NARROWEST_VALUE - 1, -1):
        if _value_lines_read_back(wrapped.split("\n")):
            return wrapped
        wrapped = wrap(text, first, width=narrower)
    lines = glued(wrap(text, first).split("\n"))
    at = 0
    while at < len(lines):
        if POWER_LABEL.match(lines[at]) is None and (
            at == 0 or ROW_NUMBER.match(lines[at].strip()) is None
        ):
            at += 1
        elif at == 0:
            lines[0] = QUOTE + lines[0]
        else:
            lines[at - 1 : at + 1] = [f"{lines[at - 1].rstrip()} {lines[at].strip()}"]
    return _join(lines)


def _value_lines_read_back(lines: Sequence[str]) -> bool:
    """Do the lines of a cover-row value read back as its words? Each must read as prose, none
    may start with a word of the rows 7-10 label ("EACH REPORTING PERSON WITH"), which the
    cover page's lowering takes off a line under a caption, and none but the last may end with
    what reads as a footnote mark ("(b)", "(i)", "(1)", "*"), which it takes off each line; and
    none may start with what reads as another row's number ("(2) has filed ...")."""
    return (
        _reads_as_prose(lines)
        and not any(POWER_LABEL.match(line) for line in lines)
        and not any(FOOTNOTE_MARK.search(line) for line in lines[:-1])
        and not any(ROW_NUMBER.match(line.strip()) for line in lines)
    )


def prose(text: str | None, width: int = WIDTH) -> str:
    """Blank-line-separated paragraphs re-flowed at ``width`` (the item text of the IR), each
    wrapped so that every line reads back as prose: where a line would start like a heading, a
    running header or another structural line, the paragraph is wrapped a little narrower."""
    blocks = []
    for block in split_paragraphs(text):
        wrapped = wrap(block, width=width)
        for narrower in _NARROWER:
            if _reads_as_prose(wrapped.split("\n")):
                break
            wrapped = wrap(block, width=min(width, narrower - 1))
        else:
            wrapped = _join(glued(wrap(block, width=width).split("\n")))
        blocks.append(wrapped)
    return "\n\n".join(blocks)


def split_paragraphs(text: str | None) -> list[str]:
    """The paragraphs of ``text`` (separated by blank lines), each on one line."""
    return [" ".join(block.split()) for block in re.split(r"\n\s*\n", text or "") if block.strip()]


_INTRODUCES_TABLE = re.compile(r"\bfollowing\b", re.IGNORECASE)


def table_position(paragraphs: Sequence[str]) -> int:
    """After which paragraph of Item 5 the transaction table goes: the one that introduces it
    ("The following table sets forth..."), else the last that ends with a colon, else the last."""
    for index, paragraph in enumerate(paragraphs):
        if _INTRODUCES_TABLE.search(paragraph):
            return index
    colons = [index for index, paragraph in enumerate(paragraphs) if paragraph.endswith(":")]
    return colons[-1] if colons else len(paragraphs) - 1


def repeat_at(numbers: Sequence[str]) -> int:
    """Where the items (their ``numbers``, in order) repeat the number before them: a heading
    right after its own item's text reads as that item going on, so the items from there are
    written after the signatures, as they stood in the filing (an "Item 5." after its signature
    page). ``len(numbers)`` when none does."""
    return next((i for i in range(1, len(numbers)) if numbers[i] == numbers[i - 1]), len(numbers))


def item_heading(number: str, title: str | None) -> str:
    """``Item 4.  Purpose of Transaction`` on one line, however long (a wrapped heading would
    read back with its second line as text); ``Item 4.`` for an item the filing left untitled."""
    heading = f"Item {number}."
    if not title:
        return heading
    words = " ".join(title.split())
    # A title starting with a dash ("---- Purpose", a rule read into it) is written after the
    # dash separator "Item 4. -- ", which the lowering takes off; else it took the title's own.
    dashed = words[:1] in ("-", "\u2013", "\u2014")
    return f"{heading} -- {words}" if dashed else f"{heading}  {words}".rstrip()


def is_exhibit_heading(title: str | None) -> bool:
    """Does ``title``, alone on a line, read back as an exhibit heading ("EXHIBIT 99.1")?"""
    return bool(title) and LineClassifier().classify(center(title)) == EXHIBIT


def prose_after_persons(annex: Annex) -> bool:
    """Is an annex's prose written after its persons rather than before? When its last line is
    in capitals ("MEMBERS OF THE SUPERVISORY BOARD") and the first person has no section:
    right above the first "Name:" it would read as their section. Not when a line of the prose
    starts with a label ("Address: ..."), which after the persons would be the last one's."""
    if not (annex.persons and annex.persons[0].section is None and annex.text.strip()):
        return False
    lines = prose(annex.text).split("\n")
    return is_section(lines[-1]) and not any(label_of(line.strip()) for line in lines)


def is_telephone_line(text: str | None) -> bool:
    """Does ``text``, a notice person's line, read back as the telephone line that closes the
    person (a number alone on it)? A person whose name is one is written without another."""
    return text is not None and telephone_line(text) is not None


def written_unwrapped(filing: Filing) -> bool:
    """Is the normalized filing written without its EDGAR wrapper? When text it writes as it
    was written (exhibits, annex prose) holds a line that would close the <TEXT>. The IR holds
    one only from a file without wrapper (text in a <DOCUMENT> ends at its first such line), so
    never with exhibits from other EDGAR documents."""
    texts = [exhibit.text for exhibit in filing.exhibits if exhibit.document_type is None]
    texts += [annex.text for annex in filing.annexes if not annex.persons]
    typed = any(exhibit.document_type is not None for exhibit in filing.exhibits)
    # Without the <TYPE> line the title page says the form: an original that gives an amendment
    # number ("SC 13G" with "Amendment No. 3") would read back as an amendment.
    says_form = filing.amendment_number is None or filing.form.endswith("/A")
    return (
        not typed
        and says_form
        and any(closes_text(line) for text in texts for line in text.splitlines())
    )


def text_line(line: str) -> str:
    """A line written as it is (an annex section's heading), indented by a space when at the
    margin it would close the document's <TEXT>; it is read back stripped."""
    return f" {line}" if closes_text(line) else line
