"""Lowering of the title page: issuer, class, CUSIPs, notice persons, event date, 13G box.

A caption line ("(Name of Issuer)") names the value next to it. Most filings write the value in
the lines just above the caption, some just below it; the layout is decided once per filing from
the first caption, then every caption is read the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from compiler.diagnostic_codes import Code
from compiler.frontend.terminals import line_shapes
from compiler.frontend.values import find_cusips
from compiler.ir import Issuer, NoticePerson, Security, Span
from compiler.lower.amendment_number import amendment_number
from compiler.lower.box_paragraph import after_box_paragraph, before_box_paragraph, box_13g
from compiler.lower.event_date import read_event_date
from compiler.lower.lines import CELL_GAP, Context, Line, join_words
from compiler.lower.notice_beside import notice_after_label, notice_beside

_CAPTIONS = ("CAP_ISSUER", "CAP_CLASS", "CAP_CUSIP", "CAP_NOTICE", "CAP_EVENT")
# Blank lines and page breaks end a block; a rule under a value ("____" over the caption) does not.
_SEPARATORS = frozenset({"BLANK", "PAGE"})
SHAPES = line_shapes()  # the grammar's terminals (grammar/*.lark)
_COPY_TO = SHAPES["COPY_TO"]
_TELEPHONE = SHAPES["TELEPHONE"]
_TRAILING_PHONE = SHAPES["TRAILING_TELEPHONE"]
_RUN_ON = SHAPES["NOTICE_RUN_ON"]
_FORM_HEADING = SHAPES["FORM_HEADING"]
_TITLE_KINDS = frozenset({"FORM_TITLE", "AMENDMENT"})
_INLINE_AMENDMENT = SHAPES["INLINE_AMENDMENT"]
_FINAL_AMENDMENT = SHAPES["FINAL_AMENDMENT"]
_TITLE_WINDOW = 40  # lines at the top of the title page where the form's title stands
_SEC_LABEL = SHAPES["CUSIP_LABEL_LINE"]


@dataclass(slots=True)
class TitlePage:
    issuer: Issuer
    security: Security
    event_date_span: Span | None
    event_date: object
    amendment_number: int | None
    says_amendment: bool
    previously_filed_13g: bool
    notice_persons: list[NoticePerson] = field(default_factory=list)
    used: set[int] = field(default_factory=set)  # line indexes the lowering extracted from


def _blocks(lines: list[Line]) -> list[list[Line]]:
    blocks: list[list[Line]] = [[]]
    for line in lines:
        if line.kind in _SEPARATORS:
            if blocks[-1]:
                blocks.append([])
        elif line.kind != "RULE":
            blocks[-1].append(line)
    return [b for b in blocks if b]


def _value_blocks(lines: list[Line]) -> dict[str, list[list[Line]]]:
    """For each caption kind, the blocks of value lines that belong to it."""
    blocks = _blocks(lines)
    captions = [
        (bi, li)
        for bi, block in enumerate(blocks)
        for li, line in enumerate(block)
        if line.kind in _CAPTIONS and (li == 0 or block[li - 1].kind != line.kind)
    ]
    if not captions:
        return {}
    first_block, first_line = captions[0]
    below = (
        first_line == 0
        and len(blocks[first_block]) > 1
        and blocks[first_block][1].kind not in _CAPTIONS
    )
    found: dict[str, list[list[Line]]] = {}
    for number, (bi, li) in enumerate(captions):
        kind = blocks[bi][li].kind
        block = blocks[bi]
        caption_end = li
        while caption_end + 1 < len(block) and block[caption_end + 1].kind == kind:
            caption_end += 1
        # (A label ending in its colon, "...and Communications:", has its value under it.)
        if below or block[caption_end].text.rstrip().endswith(":"):
            value = [line for line in block[caption_end + 1 :] if line.kind not in _CAPTIONS]
            value = before_box_paragraph(value)
            chosen = [value] if value else []
            if kind == "CAP_NOTICE":  # later blocks up to the next caption are more persons
                stop = captions[number + 1][0] if number + 1 < len(captions) else bi + 1
                chosen += [b for b in blocks[bi + 1 : stop]]
        else:
            # The lines above the caption, back to the previous caption in the same block.
            above = block[:li]
            last_caption = max((i for i, x in enumerate(above) if x.kind in _CAPTIONS), default=-1)
            # (The form's heading stands over the first caption's value only.)
            above = above[last_caption + 1 :]
            value = after_box_paragraph(_after_form_heading(above) if number == 0 else above)
            chosen = [value] if value else []
            if kind == "CAP_NOTICE":
                previous = captions[number - 1][0] if number else -1
                # (A block of the form's heading lines alone is no person: the first caption's
                # blocks run back to the top of the page.)
                between = (
                    after_box_paragraph(b)
                    for b in blocks[previous + 1 : bi]
                    if not all(_is_form_heading(x) for x in b)
                )
                chosen = [b for b in between if b] + chosen
                # "Copy to:" blocks may also follow the caption, before the next caption's value.
                following = captions[number + 1][0] if number + 1 < len(captions) else bi + 1
                chosen += [b for b in blocks[bi + 1 : following] if _COPY_TO.match(b[0].text)]
            elif not chosen and bi > 0 and all(x.kind not in _CAPTIONS for x in blocks[bi - 1]):
                # (A block of the form's heading alone is no value: the value is missing.)
                previous_block = blocks[bi - 1]
                if number == 0:
                    previous_block = _after_form_heading(previous_block)
                if number or not _is_form_heading(previous_block[0]):
                    chosen = [previous_block]
        beside = _second_caption(blocks[bi][li])
        if beside is not None:
            # "(Title of Class of Securities)    (CUSIP Number)": the value lines hold both values,
            # each in the column of its caption.
            first, second = _by_column(blocks[bi][li], beside, chosen)
            chosen = first
            if second:  # (else a later caption of that kind may still give the value)
                found.setdefault(beside[0], second)
        found.setdefault(kind, chosen)
    return found


def _is_form_heading(line: Line) -> bool:
    return line.kind in _TITLE_KINDS or _FORM_HEADING.match(line.text) is not None


def _after_form_heading(lines: list[Line]) -> list[Line]:
    """The lines after the form's title, amendment line and heading lines (FORM_HEADING), when a
    value is written right under them with no blank line: "SCHEDULE 13G", "(Amendment No. 2)",
    "Fund X Holdings" over "(Name of Issuer)" names the issuer "Fund X Holdings". When nothing
    would be left, the lines are kept: a value that reads as an amendment line ("(Amendment No.
    5)*"), alone over its caption, is that value."""
    last = max((i for i, x in enumerate(lines) if _is_form_heading(x)), default=-1)
    return lines[last + 1 :] if last + 1 < len(lines) else lines


def _second_caption(line: Line) -> tuple[str, int, int] | None:
    """A second caption in parentheses beside a caption, after a gap, and its columns."""
    text = line.text
    for gap in CELL_GAP.finditer(text, len(text) - len(text.lstrip())):
        rest = text[gap.end() :]
        if not rest.startswith("("):
            continue
        for kind in _CAPTIONS:
            if kind != line.kind and SHAPES[kind].match(rest):
                close = text.find(")", gap.end())
                return kind, gap.end(), close + 1 if close >= 0 else len(text.rstrip())
    return None


def _by_column(
    caption: Line, beside: tuple[str, int, int], blocks: list[list[Line]]
) -> tuple[list[list[Line]], list[list[Line]]]:
    """The cells of value lines that stand under or over two captions side by side, each
    given to the caption whose middle is nearer (other cells blanked, so columns hold)."""
    caption_lead = len(caption.text) - len(caption.text.lstrip())
    left_middle = (caption_lead + beside[1]) / 2
    right_middle = (beside[1] + beside[2]) / 2
    left: list[list[Line]] = []
    right: list[list[Line]] = []
    for block in blocks:
        left_lines: list[Line] = []
        right_lines: list[Line] = []
        for line in block:
            text = line.text
            lead = len(text) - len(text.lstrip())
            gaps = [(m.start(), m.end()) for m in CELL_GAP.finditer(text.rstrip(), lead)]
            starts = [lead] + [end for _, end in gaps]
            ends = [start for start, _ in gaps] + [len(text.rstrip())]
            mine: tuple[list[tuple[int, int]], list[tuple[int, int]]] = ([], [])
            for a, b in zip(starts, ends, strict=True):
                if b > a:
                    middle = (a + b) / 2
                    mine[abs(middle - right_middle) < abs(middle - left_middle)].append((a, b))
            for side, out in ((mine[0], left_lines), (mine[1], right_lines)):
                if side:
                    kept = [" "] * side[-1][1]
                    for a, b in side:
                        kept[a:b] = text[a:b]
                    out.append(Line(line.index, line.kind, "".join(kept)))
        if left_lines:
            left.append(left_lines)
        if right_lines:
            right.append(right_lines)
    return left, right


def _notice_persons(blocks: list[list[Line]], context: Context) -> list[NoticePerson]:
    persons: list[NoticePerson] = []
    role = "notice"
    for block in blocks:
        # A block may hold several persons, each closed by a telephone line; a "Copy to:" that
        # starts a person (first in its block, or after a telephone line) makes it and the
        # persons after it copy recipients.
        current: list[tuple[str, Line, str | None]] = []  # (text, line, its telephone number)
        for line in block:
            if line.kind == "RUNNING_HEAD":
                # A running head's shape, "CUSIP Number: 282912104", among the title page's
                # values is the CUSIP's label and value (read as such), no person's line.
                continue
            text = line.text.strip()
            if not current and _COPY_TO.match(text):
                role = "copy_to"
                text = _COPY_TO.sub("", text)
                if not text:
                    continue
            phone = telephone_line(text)
            trailing = _TRAILING_PHONE.search(text) if phone is None else None
            if trailing is not None:  # "New York, NY 10153   (212) 555-8000": two entries
                current.append((text[: trailing.start()], line, None))
                phone = trailing.group("phone")
            current.append((text, line, phone))
            if phone is not None:
                persons.append(_person(current, role, context))
                current = []
        if current:
            persons.append(_person(current, role, context))
    return persons


def telephone_line(text: str) -> str | None:
    """The number of a telephone line: a "Tel"/"Telephone" label, or the number alone on the line
    (an address line ending in a ZIP+4 code is not one)."""
    if len(text) > 80:
        return None
    phone = _TELEPHONE.search(text)
    if phone and (text[: phone.start()].strip() == "" or "tel" in text.lower()):
        return phone.group("phone").strip()
    return None


def _person(
    entries: list[tuple[str, Line, str | None]], role: str, context: Context
) -> NoticePerson:
    telephone = None
    body: list[str] = []
    for text, _line, phone in entries:
        if phone is not None:
            telephone = phone
        else:
            body.append(text)
    name_line = entries[0][1]
    name = body[0] if body else entries[0][0]
    lines = body[1:]
    lead = len(name_line.text) - len(name_line.text.lstrip())
    end = len(name_line.text.rstrip())
    run_on = _RUN_ON.match(name)
    if run_on is not None:  # "John Doe, Esq., Doe & Roe LLP, 1 Main Street, ...": name, address
        name = run_on.group("name")
        lines = [run_on.group("rest"), *lines]
        found = name_line.text.find(name)  # (after a "Copy to:" the name starts past the lead)
        lead = found if found >= 0 else lead
        end = lead + len(name)
    return NoticePerson(
        name=name,
        lines=tuple(lines),
        telephone=telephone,
        role=role,
        spans={"name": context.span(name_line, lead, end)},
    )


def _first_page(lines: list[Line]) -> list[Line]:
    """The lines of the title page's own page: a "CUSIP No." line after its page break is the
    next page's running header (over the first cover page), not a title-page value."""
    breaks = [position for position, line in enumerate(lines) if line.kind == "PAGE"]
    return lines[: breaks[0]] if breaks else lines


def lower_title_page(lines: list[Line], context: Context) -> TitlePage:
    lines = _captions_beside(lines)
    blocks = _value_blocks(lines)
    used: set[int] = set()
    spans: dict[str, Span] = {}

    def text_of(kind: str) -> tuple[str | None, list[Line]]:
        inline = _inline_value(lines, kind)
        if inline is not None:
            return inline
        chosen = blocks.get(kind, [])
        value_lines = [line for block in chosen[:1] for line in block]
        used.update(line.index for block in chosen for line in block)
        if not value_lines:
            return None, []
        # A value typed on a blank ("_____Acme Widgets, Inc._____") is the value without it.
        return join_words([line.text.strip().strip("_") for line in value_lines]), value_lines

    issuer_name, issuer_lines = text_of("CAP_ISSUER")
    compact = _compact_title(lines) if not blocks else None
    if compact is not None:
        issuer_lines, title_lines = [compact[0]], [compact[1]]
        issuer_name = join_words([compact[0].text])
        used.update((compact[0].index, compact[1].index))
    issuer_spans = (
        {"name": context.span(issuer_lines[0], _lead(issuer_lines[0]))} if issuer_lines else {}
    )
    if compact is None:
        title, title_lines = text_of("CAP_CLASS")
    else:
        title = join_words([title_lines[0].text])
    _, cusip_lines = text_of("CAP_CUSIP")
    cusips: list[str] = []
    security_spans: dict[str, Span] = {}
    for line in cusip_lines or [x for x in _first_page(lines) if _SEC_LABEL.match(x.text)][:1]:
        for cusip, start, end in find_cusips(line.text, captioned=bool(cusip_lines)):
            if cusip not in cusips:
                security_spans[f"cusips/{len(cusips)}"] = context.span(line, start, end)
                cusips.append(cusip)
    if cusip_lines and not cusips:  # words over "(CUSIP Number)" that are no CUSIP: said there
        text = join_words([line.text for line in cusip_lines])
        context.report(Code.VALUE_UNPARSED, f"no CUSIP number in {text!r}", cusip_lines[0])
    if title_lines:
        security_spans["title"] = context.span(title_lines[0], _lead(title_lines[0]))
    event_date, event_span = read_event_date(*text_of("CAP_EVENT"), context)
    # The person on the label's line, after its colon; else the lines over or under the caption;
    # else a caption beside the person's name (no caption line of its own).
    after_label = notice_after_label(lines)
    notice_blocks = [after_label] if after_label else blocks.get("CAP_NOTICE", [])
    if not notice_blocks:
        beside = notice_beside(lines)
        notice_blocks = [beside] if beside else []
        used.update(line.index for line in beside)
    used.update(line.index for line in after_label)
    notice = _notice_persons(notice_blocks, context)

    amendment: int | None = None
    amendment_written = says_amendment = False
    for position, line in enumerate(lines):
        if line.kind == "AMENDMENT" and not amendment_written:
            amendment_written = True
            amendment = amendment_number(line.text)
            filled = _filled_in_below(lines, position) if "_" in line.text else None
            written = line
            if amendment is None and filled is not None:
                # (Stripped first: int() rejects some whitespace that \s in _filled_in_below takes.)
                amendment = int(filled.text.strip())
                written = filled
            if amendment is not None:
                spans["amendment_number"] = context.span(written, _lead(written))
            elif _FINAL_AMENDMENT.search(line.text):
                says_amendment = True
        if line.kind == "FORM_TITLE" and "/A" in line.text.upper().replace(" ", ""):
            says_amendment = True
    if not amendment_written:
        # The title and the amendment on one line: "SCHEDULE 13D (Amendment No. 3)".
        for line in lines[:_TITLE_WINDOW]:
            inline = _INLINE_AMENDMENT.search(line.text)
            if inline and line.kind in ("TEXT", "FORM_TITLE"):
                amendment = amendment_number(inline.group(0))
                if amendment is not None:
                    spans["amendment_number"] = context.span(line, inline.start(), inline.end())
                break
    if issuer_name is None:
        context.report(
            Code.TITLE_ISSUER_MISSING,
            "no (Name of Issuer) caption with a value on the title page",
            lines[0] if lines else None,
        )
    return TitlePage(
        issuer=Issuer(name=issuer_name, spans=issuer_spans),
        security=Security(title=title, cusips=tuple(cusips), spans=security_spans),
        event_date_span=event_span,
        event_date=event_date,
        amendment_number=amendment,
        says_amendment=says_amendment,
        previously_filed_13g=box_13g(lines, used),
        notice_persons=notice,
        used=used,
    )


_INLINE = SHAPES["INLINE_VALUE"]
_CAPTION_THEN_VALUE = SHAPES["CAPTION_THEN_VALUE"]
_BESIDE = SHAPES["VALUE_BESIDE_CAPTION"]
_BESIDE_KINDS = ("CAP_ISSUER", "CAP_CLASS", "CAP_CUSIP", "CAP_EVENT")
# How many lines a caption beside its value may wrap onto, to its ")".
_CAPTION_WRAP = 2


def _caption_beside(text: str) -> tuple[str, re.Match[str]] | None:
    """The caption of a line holding a value, its caption after it, and the line's match."""
    match = _BESIDE.match(text) if "(" in text else None
    if match is not None:
        # (Not the notice persons' caption: its value is a block of lines, a person's last line
        # beside it would be read as no part of it.)
        for kind in _BESIDE_KINDS:
            if SHAPES[kind].match(match.group("caption")):
                return kind, match
    return None


def _captions_beside(lines: list[Line]) -> list[Line]:
    """The title page's lines with each line of a value and its caption beside it made a line
    of that caption (the lexer gave it TEXT: a caption line starts with its "("), and the
    caption's next lines to its ")" with it; the value is read from it as from a label's line."""
    out: list[Line] = []
    wrapping: str | None = None
    wrapped = 0
    for line in lines:
        if wrapping is not None and line.kind == "TEXT" and wrapped < _CAPTION_WRAP:
            out.append(Line(line.index, wrapping, line.text))
            wrapped += 1
            if ")" in line.text:
                wrapping = None
            continue
        wrapping = None
        beside = _caption_beside(line.text) if line.kind == "TEXT" else None
        if beside is None:
            out.append(line)
            continue
        kind, match = beside
        text = line.text
        # A rule beside it is the caption's underline; a stray colon or dot ("  :  (Name of
        # Issuer)") no value either: no letter or digit, the caption stands alone.
        if not any(c.isalnum() for c in match.group("value")):
            text = " " * match.start("caption") + match.group("caption")
        out.append(Line(line.index, kind, text))
        if ")" not in match.group("caption"):
            wrapping, wrapped = kind, 0
    return out


_FILLED_IN = SHAPES["FILLED_IN_NUMBER"]


def _inline_value(lines: list[Line], kind: str) -> tuple[str, list[Line]] | None:
    """The label family: "Name of Issuer:  Acme Widgets, Inc." holds its value after the colon;
    "(Name of Issuer)   Acme Widgets, Inc." after its caption; and "Acme Widgets, Inc.  (Name
    of Issuer)" before its caption."""
    # Words after a parenthesized caption are its value in a table of captions, each caption
    # with its value right of it; a typed page may set other words on one caption's line
    # ("(Date of Event ...)    SEC 1746 (2-98)"), its value over the caption.
    table = sum(1 for x in lines if x.kind in _CAPTIONS and _CAPTION_THEN_VALUE.match(x.text)) > 1
    for line in lines:
        if line.kind == kind:
            match = _INLINE.match(line.text) or (table and _CAPTION_THEN_VALUE.match(line.text))
            if not match:
                beside = _caption_beside(line.text)
                if beside is None or beside[0] != kind:
                    return None
                match = beside[1]
            start = match.start("value")
            value = match.group("value").rstrip()
            value_line = Line(line.index, "TEXT", " " * start + value)
            return value, [value_line]
    return None


def _filled_in_below(lines: list[Line], position: int) -> Line | None:
    """A blank "(Amendment No. ___)" with its number typed on the next line, under the blank."""
    for line in lines[position + 1 : position + 3]:
        if line.kind == "BLANK":
            continue
        return line if _FILLED_IN.fullmatch(line.text) else None
    return None


def _compact_title(lines: list[Line]) -> tuple[Line, Line] | None:
    """A title page without captions: the issuer and the class on the two lines right above
    the first "CUSIP #..." line, under the form title or amendment line."""
    for position, line in enumerate(lines):
        if _SEC_LABEL.match(line.text) and find_cusips(line.text):
            above = [x for x in lines[max(position - 2, 0) : position] if x.kind == "TEXT"]
            if len(above) == 2 and above[0].index + 1 == above[1].index == line.index - 1:
                return above[0], above[1]
            return None
    return None


def _lead(line: Line) -> int:
    return len(line.text) - len(line.text.lstrip())
