"""Lowering of the body: items, signatures and exhibits (Item 5(c) tables: transaction_table)."""

from __future__ import annotations

import re
from collections.abc import Collection

from compiler.frontend.lexer import EXHIBIT, LineClassifier
from compiler.frontend.terminals import line_shapes
from compiler.frontend.values import parse_date
from compiler.ir import Exhibit, Item, Signature, Span
from compiler.lower.lines import CELL_GAP, Context, Line, join_words

SHAPES = line_shapes()  # the grammar's terminals (grammar/*.lark)
_ITEM_HEAD = SHAPES["ITEM_HEAD"]
_FURNITURE = frozenset({"PAGE", "RUNNING_HEAD", "TABLE_TAG", "RULE"})
_SLASH_S = SHAPES["SLASH_S"]
_LABEL = SHAPES["SIGNATURE_FIELD"]
_DATE_LEAD = SHAPES["DATE_LEAD"]
_DATE_IN_SENTENCE = SHAPES["DATE_IN_SENTENCE"]
_DATE_LABEL = SHAPES["DATE_LABEL"]
_SIGNATURE_LABEL = SHAPES["SIGNATURE_LABEL"]
_BY = SHAPES["BY_LABEL"]
_DIGIT = SHAPES["DIGIT"]


def _paragraphs(lines: list[Line], skip: Collection[int] = ()) -> str:
    """Prose of a part: paragraphs separated by one blank line, lines re-joined by spaces; the
    lines in ``skip`` (a transaction table's rows and headings) are not prose."""
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if line.kind == "BLANK" or line.kind in _FURNITURE:
            if paragraphs[-1] and line.kind != "TABLE_TAG":
                paragraphs.append([])
            continue
        if line.index in skip:
            continue
        paragraphs[-1].append(line.text.strip())
    return "\n\n".join(join_words(p) for p in paragraphs if p)


# The official item captions (17 CFR 240.13d-101 and 13d-102), which a wrapped heading continues.
ITEM_CAPTIONS = {
    "13D": {
        "1": "Security and Issuer",
        "2": "Identity and Background",
        "3": "Source and Amount of Funds or Other Consideration",
        "4": "Purpose of Transaction",
        "5": "Interest in Securities of the Issuer",
        "6": "Contracts, Arrangements, Understandings or Relationships with Respect to "
        "Securities of the Issuer",
        "7": "Material to Be Filed as Exhibits",
    },
    "13G": {
        "4": "Ownership",
        "5": "Ownership of Five Percent or Less of a Class",
        "6": "Ownership of More than Five Percent on Behalf of Another Person",
        "7": "Identification and Classification of the Subsidiary Which Acquired the Security "
        "Being Reported on by the Parent Holding Company or Control Person",
        "8": "Identification and Classification of Members of the Group",
        "9": "Notice of Dissolution of Group",
        "10": "Certification",
    },
}
_WORD = SHAPES["WORD"]
# A heading line cut after one of these words goes on on the next line.
_CONNECTIVES = frozenset(
    {
        *("a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "or", "respect"),
        *("the", "to", "which", "with", "whose"),
    }
)


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def _continues_heading(title: str, column: int, number: str, line: Line) -> bool:
    """A wrapped item heading: the next line, aligned under the title, carries on a title that is
    not finished (no closing period; cut after a connective, or an official caption so far)."""
    text = line.text
    if line.kind != "TEXT" or title.rstrip().endswith((".", ":")):
        return False
    if abs((len(text) - len(text.lstrip())) - column) > 1 or column == 0:
        return False
    words = _words(title)
    if words and words[-1] in _CONNECTIVES:
        return True
    joined = words + _words(text)
    for captions in ITEM_CAPTIONS.values():
        official = _words(captions.get(number, ""))
        if len(words) < len(official) and joined == official[: len(joined)]:
            return True
    return False


def is_item_sentence(head: Line) -> bool:
    """``head`` is an amendment's sentence that opens an item ("Item 4 is hereby amended..."),
    not a heading: written again inside its item, it is prose."""
    match = _ITEM_HEAD.match(head.text)
    return match is not None and match.group("title") is None


def item_number(head: Line) -> str:
    """The number of the item ``head`` opens ("5"; "?" when its heading gives none)."""
    return _number(_ITEM_HEAD.match(head.text))


def _number(heading: re.Match[str] | None) -> str:
    return heading.group("num").lstrip("0") if heading else "?"


def lower_item(lines: list[Line], context: Context, skip: Collection[int] = ()) -> Item:
    """One item; ``skip`` are lines of it that are not prose (see :func:`_paragraphs`)."""
    head = lines[0]
    match = _ITEM_HEAD.match(head.text)
    number = _number(match)
    if is_item_sentence(head):
        # "Item 4 is hereby amended as follows:": a sentence, the item's first line of text.
        return Item(
            number=number,
            title=None,
            text=_paragraphs([Line(head.index, "TEXT", head.text), *lines[1:]], skip),
            spans={"number": context.span(head, len(head.text) - len(head.text.lstrip()))},
        )
    title_text = match.group("title") if match else ""
    following = 1
    if match and title_text:
        while following < len(lines) and _continues_heading(
            title_text, match.start("title"), number, lines[following]
        ):
            title_text += " " + lines[following].text.strip()
            following += 1
    # (A stop set apart, "Notice .", leaves no space behind: the title is "Notice".)
    title_text = join_words([title_text]).rstrip(".: ")
    # A heading that runs into its text ("Item 3. Source of Funds. The funds...") keeps the title.
    title = title_text.split(". ")[0] if title_text else None
    rest = title_text[len(title) :].lstrip(". ") if title else ""
    body = ([Line(head.index, "TEXT", rest)] if rest else []) + lines[following:]
    return Item(
        number=number,
        title=title or None,
        text=_paragraphs(body, skip),
        spans={"number": context.span(head, len(head.text) - len(head.text.lstrip()))},
    )


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
    for position, line in enumerate(lines):
        for match in pattern.finditer(line.text):
            column = match.start()
            signer = match.group("name").strip()
            title: str | None = None
            name: str | None = None
            entity = _entity_above(lines, position, column)
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
            before = [d for d in dates if d[0] <= position]
            after = [d for d in dates if d[0] > position]
            chosen = before[-1] if before else (after[0] if after else None)
            spans = {"signer": context.span(line, match.start("name"), match.end("name"))}
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


def _label_at(text: str, column: int) -> tuple[str, str] | None:
    """A "Name:"/"Title:" label in the column of a signature (two-column blocks side by side)."""
    window = text[max(column - 12, 0) :]
    cells = CELL_GAP.split(window.strip())
    match = _LABEL.match(cells[0]) if cells else None
    if match is None:
        return None
    value = match.group("value")
    return (match.group("label") or "name/title").lower(), value


def _title_after_name(value: str, signer: str) -> str | None:
    """The title in a "Name/Title" line: what follows the signer's name and its separator
    ("Jane Doe, Partner", "Jane Doe / Partner"), or the whole line when it does not begin with
    the name (a "Name/Title  Partner" under the signature line that gave the name)."""
    if value[: len(signer)].lower() == signer.lower():
        value = value[len(signer) :].lstrip(" ,/-\u2013\u2014")
    return value or None


_PHRASE = SHAPES["PHRASE"]


def _entity_above(lines: list[Line], position: int, column: int) -> str | None:
    """The signing entity: the first text above the "/s/" line in its column. Prose running
    across that column (the certification sentence) is above the block: there is none."""
    window = max(column - 12, 0)
    for line in reversed(lines[max(position - 4, 0) : position]):
        if line.kind == "SIGNATURE":
            return None  # the block's heading: no entity between it and the signature
        phrases = [(m.start(), m.end(), m.group()) for m in _PHRASE.finditer(line.text)]
        right = [phrase for start, _, phrase in phrases if start >= window]
        if not right:
            if any(start < window < end for start, end, _ in phrases):
                return None
            continue
        cell = right[0]
        if _BY.match(cell) or set(cell) <= set("-_ "):
            continue
        # A label, a date or the conformed signature of the signature above ends the search.
        if _LABEL.match(cell) or _SLASH_S.match(cell) or parse_date(cell).value is not None:
            return None
        return cell
    return None


def lower_exhibit(lines: list[Line], document_type: str | None, context: Context) -> Exhibit:
    head = lines[0]
    return Exhibit(
        title=join_words([head.text]) or None,
        document_type=document_type,
        text=verbatim(lines[1:]),
        spans={"title": context.span(head, len(head.text) - len(head.text.lstrip()))},
    )


# A page break and the running header of the next page are the page's, not the text's.
_PAGE_FURNITURE = frozenset({"PAGE", "RUNNING_HEAD"})


def verbatim(lines: list[Line]) -> str:
    """Text kept as written (exhibits, person-less annexes): its lines without trailing spaces,
    without page breaks and running headers, one blank line where there were several (page
    breaks leave runs of them), none at either end."""
    kept: list[str] = []
    for line in lines:
        text = line.text.rstrip()
        if line.kind in _PAGE_FURNITURE or (not text and kept and not kept[-1]):
            continue
        kept.append(text)
    return "\n".join(kept).strip("\n")


def _document_lines(text: str) -> list[Line]:
    """The lines of another document of the submission, normalized and classified as the 13D
    document's are (a form feed on a line of its own, tabs expanded)."""
    texts: list[str] = []
    for line in text.split("\n"):
        pieces = line.split("\f")
        for i, piece in enumerate(pieces):
            if i:
                texts.append("\f")
            if piece or len(pieces) == 1:
                texts.append(piece.expandtabs(8))
    classifier = LineClassifier()
    return [Line(index, classifier.classify(line), line) for index, line in enumerate(texts)]


def lower_embedded_exhibit(
    document_type: str | None, description: str | None, text: str
) -> Exhibit:
    """Another <DOCUMENT> of the submission, read as an exhibit of the filing: titled by its own
    exhibit heading when it starts with one ("EXHIBIT 99.1"), as it would be inside the 13D
    document, else by its EDGAR description or type."""
    lines = [line for line in _document_lines(text) if line.kind not in _PAGE_FURNITURE]
    first = next((i for i, line in enumerate(lines) if line.text.strip()), None)
    title = description or document_type
    if first is not None and lines[first].kind == EXHIBIT:
        title = join_words([lines[first].text])
        lines = lines[first + 1 :]
    return Exhibit(title=title, document_type=document_type, text=verbatim(lines))
