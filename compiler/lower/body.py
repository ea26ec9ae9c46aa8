"""Lowering of the body: items, signatures and exhibits (Item 5(c) tables: transaction_table)."""

from __future__ import annotations

import re
from collections.abc import Collection

from compiler.frontend.lexer import EXHIBIT, LineClassifier
from compiler.frontend.terminals import line_shapes
from compiler.ir import Exhibit, Item
from compiler.lower.lines import Context, Line, join_words

SHAPES = line_shapes()  # the grammar's terminals (grammar/*.lark)
_ITEM_HEAD = SHAPES["ITEM_HEAD"]
_FURNITURE = frozenset({"PAGE", "RUNNING_HEAD", "TABLE_TAG", "RULE"})


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


def item_heading(head: Line) -> re.Match[str] | None:
    """What the item heading ``head`` says (its number, sub-part and title), None when it is no
    heading of that form. (A heading's pattern costs microseconds: an item's lowering matches
    it once, and hands it on.)"""
    return _ITEM_HEAD.match(head.text)


# An item's number written in Roman numerals or in words ("Item IV.", "ITEM FOUR -"): the
# grammar's ITEM reads them (I to X, one to ten); the item is numbered as the form numbers it.
_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x")
_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_WRITTEN_NUMBERS = {name: str(n) for names in (_ROMAN, _WORDS) for n, name in enumerate(names, 1)}


def arabic(number: str) -> str:
    """An item's number as the form writes it: "04" -> "4", "IV" -> "4", "Four" -> "4"."""
    return _WRITTEN_NUMBERS.get(number.casefold(), number.lstrip("0"))


def heading_number(heading: re.Match[str] | None) -> str:
    """The number of the item an :func:`item_heading` opens ("5"; "?" when it gives none)."""
    if heading is None:
        return "?"
    return arabic(heading.group("num") or heading.group("word"))


def lower_item(
    lines: list[Line],
    context: Context,
    skip: Collection[int] = (),
    heading: re.Match[str] | None = None,
) -> Item:
    """One item; ``skip`` are lines of it that are not prose (see :func:`_paragraphs`);
    ``heading`` is :func:`item_heading` of its first line, when the caller has it."""
    head = lines[0]
    match = heading if heading is not None else _ITEM_HEAD.match(head.text)
    number = heading_number(match)
    if match is not None and match.group("title") is None:  # (is_item_sentence)
        # "Item 4 is hereby amended as follows:": a sentence, the item's first line of text.
        return Item(
            number=number,
            title=None,
            text=_paragraphs([Line(head.index, "TEXT", head.text), *lines[1:]], skip),
            spans={"number": context.span(head, len(head.text) - len(head.text.lstrip()))},
        )
    spans = {"number": context.span(head, len(head.text) - len(head.text.lstrip()))}
    if match and match.group("part"):
        # "Item 1(a).  Name of Issuer:": the item's first sub-part, which the item has no title
        # above; its label and caption begin the text, as "(b) ..." goes on in it.
        first = f"{match.group('part').strip(' .:')} {match.group('title')}".rstrip()
        text = _paragraphs([Line(head.index, "TEXT", first), *lines[1:]], skip)
        return Item(number=number, title=None, text=text, spans=spans)
    title_text = match.group("title") if match else ""
    following = 1
    if match and not title_text and (caption := _caption_below(number, lines)) is not None:
        # "Item 4." alone, its official caption on the next line: the caption is the title.
        following = caption + 1
        title_text = lines[caption].text.strip()
        column = len(lines[caption].text) - len(lines[caption].text.lstrip())
        while following < len(lines) and _continues_heading(
            title_text, column, number, lines[following]
        ):
            title_text += " " + lines[following].text.strip()
            following += 1
    elif match and title_text:
        while following < len(lines) and _continues_heading(
            title_text, match.start("title"), number, lines[following]
        ):
            title_text += " " + lines[following].text.strip()
            following += 1
    # A heading that runs into its text ("Item 3. Source of Funds. The funds...") keeps the
    # title; the text keeps its own last stop. (A stop set apart, "Notice .", leaves no space
    # behind: the title is "Notice".)
    title_part, _, rest = join_words([title_text]).partition(". ")
    title = title_part.rstrip(".: ") or None
    rest = rest.lstrip(". ") if title else ""
    body = ([Line(head.index, "TEXT", rest)] if rest else []) + lines[following:]
    return Item(number=number, title=title or None, text=_paragraphs(body, skip), spans=spans)


def _caption_below(number: str, lines: list[Line]) -> int | None:
    """The position of the line under a bare "Item 4." that begins the form's caption of that
    item (in either schedule: the words of the line, without its end, begin the caption)."""
    for position in range(1, min(len(lines), 3)):
        line = lines[position]
        if line.kind == "BLANK" or not line.text.strip():
            continue
        words = _words(line.text.strip().rstrip(".:"))
        for captions in ITEM_CAPTIONS.values():
            official = _words(captions.get(number, ""))
            if words and len(words) <= len(official) and words == official[: len(words)]:
                return position if line.kind == "TEXT" else None
        return None
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
