"""Lowering of the signature block: who signed, for which entity, with what title, on what date.

A block is laid out in columns (two signatures side by side) and in the words of several
families: "Name:"/"Title:" labels under the conformed signature, the name and title on their own
lines under a rule, the form's own captions under each line ("(Date)", "(Signature)",
"(Name/Title)"), the title after the conformed name ("/s/ Jane Doe, Director"), and a general
partner signing for the entity above it ("By: X LLC, / its general partner").
"""

from __future__ import annotations

import re

from compiler.frontend.terminals import line_shapes
from compiler.frontend.values import parse_date
from compiler.ir import Signature, Span
from compiler.lower.lines import CELL_GAP, Context, Line

SHAPES = line_shapes()  # the grammar's terminals (grammar/*.lark)
_SLASH_S = SHAPES["SLASH_S"]
_LABEL = SHAPES["SIGNATURE_FIELD"]
_DATE_LEAD = SHAPES["DATE_LEAD"]
_DATE_IN_SENTENCE = SHAPES["DATE_IN_SENTENCE"]
_DATE_LABEL = SHAPES["DATE_LABEL"]
_SIGNATURE_LABEL = SHAPES["SIGNATURE_LABEL"]
_BY = SHAPES["BY_LABEL"]
_BY_BEFORE = SHAPES["BY_BEFORE_SIGNATURE"]
_DIGIT = SHAPES["DIGIT"]
_SIGNER_PARTS = SHAPES["SIGNER_PARTS"]
_CAPTION = SHAPES["SIGNATURE_CAPTION"]
_TITLE_CAPTION = SHAPES["TITLE_CAPTION"]
_ROLE_LINE = SHAPES["ROLE_LINE"]
_ENTITY = SHAPES["ENTITY_CAPTION"]
_GOES_ON = SHAPES["TITLE_GOES_ON"]
_POWER_OF_ATTORNEY = SHAPES["POWER_OF_ATTORNEY"]


def lower_signatures(lines: list[Line], context: Context) -> list[Signature]:
    """One signature per "/s/" in the block, dated by the nearest date line before it, or after.
    A date line left blank ("Date:", "Date: ________") dates the signatures under it as undated."""
    dates: list[tuple[int, object, Span | None]] = []
    sentence_dates: list[tuple[int, object, Span | None]] = []
    for position, line in enumerate(lines):
        if line.kind == "CERTIFICATION":
            continue
        # A date line: "Date: July 1, 1998", "Dated: ...", or a short line that is a date, also
        # when a signature stands beside it in the right-hand column.
        text = line.text.split("/s/")[0] if "/s/" in line.text.lower() else line.text
        label = _DATE_LABEL.match(text)
        rest = text[label.end() :] if label else text
        cell = CELL_GAP.split(rest.strip())[0] if rest.strip() else ""
        # (Every form of date has a digit: the date patterns, tried from each character of a
        # line of prose, are spared on a cell without one.)
        parsed = parse_date(cell) if _DIGIT.search(cell) else None
        if (
            parsed is not None
            and parsed.value is not None
            and (label or (len(cell) < 40 and _DATE_LEAD.match(cell[: parsed.start])))
        ):
            start = line.text.find(cell) + parsed.start
            dates.append(
                (
                    position,
                    parsed.value,
                    context.span(line, start, start + parsed.end - parsed.start),
                )
            )
        elif label and not cell.strip("_-. "):
            dates.append((position, None, None))
        elif parsed is not None and parsed.value is not None and not sentence_dates:
            # "IN WITNESS WHEREOF, ... signed on its behalf as of March 16, 2006.": the date of a
            # sentence, taken only where the block has no date line.
            sentence = _DATE_IN_SENTENCE.search(cell[: parsed.start])
            if sentence is not None:
                start = line.text.find(cell) + parsed.start
                span = context.span(line, start, start + parsed.end - parsed.start)
                sentence_dates.append((position, parsed.value, span))
    dates = dates or sentence_dates
    signatures: list[Signature] = []
    slashed = any("/s/" in line.text.lower() for line in lines)
    pattern = _SLASH_S if slashed else _SIGNATURE_LABEL
    # The columns signatures stand in: a cell nearer another signature's column than to a
    # signature's own is that one's (two blocks side by side, their lines not level).
    columns = {m.start() for line in lines for m in pattern.finditer(line.text)}
    for position, line in enumerate(lines):
        for match in pattern.finditer(line.text):
            column = match.start()
            conformed = match.group("name").strip()
            parts = _SIGNER_PARTS.match(conformed)
            signer = parts.group("name") if parts else conformed
            title: str | None = None
            name: str | None = None
            # The entity stands over the block's "By:" label, however far right of it the
            # signature is (a label cell of its own), else over the signature.
            by = _BY_BEFORE.search(line.text, 0, column)
            others = [c for c in columns if abs(c - column) > _SAME_COLUMN]
            entity = _entity_above(
                lines,
                position,
                column if by is None else by.start(),
                others,
                _next_column(line, match),
            )
            for later in lines[position + 1 : position + 6]:
                if any(abs(m.start() - column) <= 12 for m in pattern.finditer(later.text)):
                    break  # the next signature in this column: its labels are its own
                labelled = _label_at(later.text, column)
                if labelled is None:
                    continue
                key, value = labelled
                if key == "name" and name is None:
                    name = value
                elif key in ("title", "its") and title is None:
                    title = value
                elif key == "name/title" and title is None:
                    title = _title_after_name(value, name or signer)
            if title is None and parts is not None:
                title = parts.group("title")
            if title is None and name is None:
                title = _title_below(lines, position, column, signer)
            title = _office(title)
            before = [d for d in dates if d[0] <= position]
            after = [d for d in dates if d[0] > position]
            chosen = before[-1] if before else (after[0] if after else None)
            start = match.start("name")
            spans = {"signer": context.span(line, start, start + len(signer))}
            if chosen is not None and chosen[2] is not None:
                spans["date"] = chosen[2]
            signatures.append(
                Signature(
                    date=chosen[1] if chosen else None,  # type: ignore[arg-type]
                    entity=entity,
                    signer=name or signer,
                    title=title,
                    spans=spans,
                )
            )
    return signatures


def _office(title: str | None) -> str | None:
    """The title without the power of attorney it may cite ("Attorney-in-fact pursuant to a
    Power of Attorney dated ..." -> "Attorney-in-fact"); a title that is only that citation
    names the office such a power makes."""
    if title is None:
        return None
    power = _POWER_OF_ATTORNEY.search(title)
    if power is None:
        return title
    return title[: power.start()].rstrip(" ,;") or "Attorney-in-Fact"


def _cell_at(text: str, column: int) -> str | None:
    """The first cell of ``text`` in the column of a signature (from 12 characters before it)."""
    cells = CELL_GAP.split(text[max(column - 12, 0) :].strip())
    return cells[0] if cells and cells[0] else None


def _is_rule(cell: str) -> bool:
    return set(cell) <= set("-_= ")


def _title_below(lines: list[Line], position: int, column: int, signer: str) -> str | None:
    """A title written under the conformed signature without a label: after the signer's name
    repeated on its own line ("Jane Doe, Director"), or on the line right under that name, and
    on the lines after it that go on in lower case ("as Attorney-in-Fact / for ...")."""
    rows = lines[position + 1 : position + 7]
    # (A page's running head or footer, "Page 4 of 4", ends the block: it is no title.)
    ends = [at for at, line in enumerate(rows) if line.kind in ("RUNNING_HEAD", "PAGE")]
    rows = rows[: ends[0]] if ends else rows
    for offset, line in enumerate(rows):
        cell = _cell_at(line.text, column)
        if cell is None or _is_rule(cell) or _CAPTION.match(cell):
            continue  # a blank, the signature's rule, its "(Signature)" caption
        if cell[: len(signer)].lower() != signer.lower() or _SLASH_S.search(cell):
            # A title written over the form's "Title" caption, without the name.
            below = [_cell_at(row.text, column) for row in rows[offset + 1 : offset + 2]]
            if below and below[0] and _TITLE_CAPTION.match(below[0]) and _is_title(cell):
                return cell
            return None
        title = cell[len(signer) :].lstrip(" ,/-\u2013\u2014")
        following = [_cell_at(row.text, column) for row in rows[offset + 1 :]]
        last = cell  # the line the title's last words stand on
        if not title and following and following[0] and _is_title(following[0]):
            title, last, following = following[0], following[0], following[1:]
        width = _rule_width(rows[:offset], column)
        for more in following:
            if not title or more is None or not _is_title(more):
                break
            # Wrapped: its first word would have passed the signature's rule beside the line
            # above ("Vice President and Chief" / "Compliance Officer" under a 34-dash rule).
            wrapped = width is not None and len(last) + 1 + len(more.split()[0]) > width
            if not (_ROLE_LINE.match(more) or _GOES_ON.search(title) or wrapped):
                break
            title, last = f"{title} {more}", more
        return title or None
    return None


def _rule_width(rows: list[Line], column: int) -> int | None:
    """The width of the signature's rule among ``rows`` (the line it is signed on), if any."""
    for row in rows:
        cell = _cell_at(row.text, column)
        if cell is not None and _is_rule(cell) and len(cell) >= 10:
            return len(cell)
    return None


def _hangs_under_by(lines: list[Line], above: int, window: int, start: int) -> bool:
    """The line above a cell starting at ``start`` is a "By:" line that starts left of it: the
    cell is that line wrapped under a hanging indent."""
    if above < 0:
        return False
    for found in _PHRASE.finditer(lines[above].text):
        if found.start() >= window:
            return found.start() < start and _BY.match(found.group()) is not None
    return False


def _under_signature(lines: list[Line], position: int, column: int) -> bool:
    """Line ``position`` stands under a conformed signature, a rule at most between them, or
    under the signer's name written again under it: the title of a name and title on two lines
    ("/s/ Jane Doe", a rule, "Jane Doe,", "General Partner"); a blank line may part the name
    from the signature above it, not the line from the name."""
    named: str | None = None  # the line passed that may be the signer's name
    for line in reversed(lines[max(position - 4, 0) : position]):
        cell = _cell_at(line.text, column)
        if cell is None:
            if named is not None:
                continue
            return False
        if _is_rule(cell):
            continue
        found = _SLASH_S.search(cell)
        if found is not None:
            # (The signer without a footnote mark: "/s/ Jane Doe*", signed by an attorney.)
            signer = found.group("name").strip().rstrip("*\u2020\u2021")
            return named is None or (bool(signer) and named.startswith(signer))
        if named is not None:
            return False
        named = cell
    return False


def _is_title(cell: str) -> bool:
    """A plain line that can be a title: no rule, label, caption, signature, date or entity."""
    return not (
        _is_rule(cell)
        or _LABEL.match(cell)
        or _CAPTION.match(cell)
        or _SLASH_S.search(cell)
        or _BY.match(cell)
        or _ENTITY.match(cell)
        or parse_date(cell).value is not None
    )


def _label_at(text: str, column: int) -> tuple[str, str] | None:
    """A "Name:"/"Title:" label in the column of a signature (two-column blocks side by side).
    A label in a cell of its own, as HTML signature tables set it ("Title:", then the title in
    the next column), is followed by its value in the next cell, unless that is a label too (the
    next block's, its own left blank)."""
    window = text[max(column - 12, 0) :]
    cells = CELL_GAP.split(window.strip())
    match = _LABEL.match(cells[0]) if cells else None
    if match is None:
        return None
    value = match.group("value")
    if not value and len(cells) > 1 and _LABEL.match(cells[1]) is None:
        value = cells[1]
    if not value:
        return None  # a label left blank gives nothing: the block may give it otherwise
    return (match.group("label") or "name/title").lower(), value


def _title_after_name(value: str, signer: str) -> str | None:
    """The title in a "Name/Title" line: what follows the signer's name and its separator
    ("Jane Doe, Partner", "Jane Doe / Partner"), or the whole line when it does not begin with
    the name (a "Name/Title  Partner" under the signature line that gave the name)."""
    if value[: len(signer)].lower() == signer.lower():
        value = value[len(signer) :].lstrip(" ,/-\u2013\u2014")
    return value or None


_PHRASE = SHAPES["PHRASE"]
_SAME_COLUMN = 12  # a signature this near another's column stands in it (as _label_at reads)


def _is_date_line(cell: str) -> bool:
    """A cell that is a date ("June 4, 1996", "Dated: June 4, 1996"), not a name with a date in
    it ("HALLOWAY FAMILY TRUST DATED JUNE 4, 1996", a trust named by its deed's date)."""
    parsed = parse_date(cell)
    if parsed.value is None:
        return False
    return bool(_DATE_LABEL.match(cell) or _DATE_LEAD.match(cell[: parsed.start]))


def _next_column(line: Line, match: re.Match[str]) -> int | None:
    """Where the column of the next signature on the line begins (the cell its "/s/" stands in,
    with a "By:" before it), None when the signature is the line's last: the block's columns
    side by side."""
    later = _SLASH_S.search(line.text, match.end())
    if later is None:
        return None
    for cell in _PHRASE.finditer(line.text, match.end()):
        if cell.start() <= later.start() < cell.end():
            return max(cell.start(), match.end())
    return later.start()


def _wrapped_above(lines: list[Line], at: int, start: int, stop: int | None, cell: str) -> str:
    """An entity's name in capitals wrapped over lines of its column ("NORTHERN MUTUAL
    INVESTMENT" / "ADVISERS, INC."): ``cell`` at ``start`` on line ``at`` with the capital lines
    right above it that begin in the same place."""
    while at > 0 and cell.isupper():
        phrases = [  # the line's phrases that reach into the column
            (m.start(), m.group())
            for m in _PHRASE.finditer(lines[at - 1].text)
            if m.end() > start and (stop is None or m.start() < stop)
        ]
        if len(phrases) != 1 or abs(phrases[0][0] - start) > 1:
            break
        above = phrases[0][1]
        if not above.isupper() or _BY.match(above) or _LABEL.match(above) or _is_rule(above):
            break
        if _CAPTION.match(above) or parse_date(above).value is not None:
            break
        cell, at = f"{above} {cell}", at - 1
    return cell


def _entity_above(
    lines: list[Line], position: int, column: int, others: list[int], stop: int | None = None
) -> str | None:
    """The signing entity: the first text above the "/s/" line in its column (over a general
    partner's "By:" lines, up to six lines of text: a chain of two general partners, each
    wrapped, is five, the blank lines between aside; but six blank lines in a row part the
    signature from what is above). Prose running across that column (the certification
    sentence) is above the block, and the name line under a signature above ("/s/ Jane Doe",
    a rule, "Jane Doe, Trustee") is that signature's: there is none. A cell nearer the column of
    another signature (``others``) than this one's is of that signature's block, and what starts
    at ``stop`` or right of it is the next column's (two entities side by side)."""
    window = max(column - 12, 0)
    top = max(position - 12, 0)
    texts = blanks = 0  # the lines of text passed; the blank lines passed since the last
    for offset, line in enumerate(reversed(lines[top:position])):
        if line.text.strip():
            texts, blanks = texts + 1, 0
        else:
            blanks += 1
        if texts > 6 or blanks >= 6:
            return None
        if line.kind == "SIGNATURE":
            return None  # the block's heading: no entity between it and the signature
        phrases = [
            (m.start(), m.end(), m.group())
            for m in _PHRASE.finditer(line.text)
            if stop is None or m.start() < stop
        ]
        mine = [(start, phrase) for start, _, phrase in phrases if start >= window]
        mine = [(s, p) for s, p in mine if all(abs(s - o) >= abs(s - column) for o in others)]
        starts = [start for start, _ in mine]
        right = [phrase for _, phrase in mine]
        if not right:
            # A phrase across the column is prose above the block; a long "By: X LLC, its
            # general partner" of the column to the left is not (an HTML table's cell).
            if any(start < window < end and not _BY.match(p) for start, end, p in phrases):
                return None
            continue
        cell = right[0]
        if _BY.match(cell) or set(cell) <= set("-_ ") or _ROLE_LINE.match(cell):
            continue  # a general partner signing for the entity above: "By: X LLC, its ..."
        if _hangs_under_by(lines, position - 2 - offset, window, starts[0]):
            continue  # "By: X Management / GP, LLC, its General Partner", wrapped
        if _CAPTION.match(cell) or _under_signature(lines, position - 1 - offset, column):
            return None  # "(Date)", or "Jane Doe, Trustee" under the signature above
        # A label, a date or the conformed signature of the signature above ("/s/ Jane Doe",
        # "By /s/ Jane Doe") ends the search.
        if _LABEL.match(cell) or _SLASH_S.search(cell) or _is_date_line(cell):
            return None
        return _wrapped_above(lines, position - 1 - offset, starts[0], stop, cell)
    return None


__all__ = ["lower_signatures"]
