"""The labelled form of annex person lists (``labelled`` in ``grammar/annex.lark``): "Name:"
opens a person, "Position:", "Business Address:", "Principal Occupation:", "Citizenship:" give
its fields, their values going on in the lines right under them.

Each line of the annex is a token (see the grammar for the classes); the whole annex is parsed
once, and the persons, their fields and sections are read from the tree. Also the label and
section tests :mod:`compiler.lower.annex` shares with this form.
"""

from __future__ import annotations

import re
from itertools import islice

from lark import Token, Tree
from lark.exceptions import LarkError

from compiler.lower.annex_records import Found, parse_records, shape
from compiler.lower.lines import Line, join_words

LABEL = shape("ANNEX_LABEL")
NAME_HEADER = shape("ANNEX_NAME_HEADER")
NAME_LABEL = shape("ANNEX_NAME_LABEL")


def label_of(text: str) -> re.Match[str] | None:
    """The label ("Address:") ``text`` starts with. Every label ends in a colon, which most text
    lacks: testing for one first saves trying the whole alternation."""
    return LABEL.match(text) if ":" in text else None


def field_of(label: re.Match[str]) -> str:
    """The field ("name", "position", "address", "citizenship") a LABEL match gives."""
    field = label.lastgroup
    assert field is not None  # (every alternative of LABEL is a named group)
    return field


def is_section(text: str) -> bool:
    """A section title: four letters or more, all capitals, not a label or a column heading."""
    if not text.isupper():  # (blanks and "-_=" are not letters: the stripped text's answer)
        return False
    stripped = text.strip().strip("-_=")
    return (
        stripped.isupper()  # str.isupper: no lower-case letter, and some letter
        and len(list(islice(filter(str.isalpha, stripped), 4))) == 4  # (stops at the fourth)
        and not (":" in stripped and LABEL.search(stripped))
        and not NAME_HEADER.match(stripped)
    )


def _kinds(lines: list[Line]) -> list[str]:
    """The token of each line (see the grammar's labelled form)."""
    kinds: list[str] = []
    above_blank = True  # (the annex's first line stands as after a blank line)
    for position, line in enumerate(lines):
        text = line.text.strip()
        label = label_of(text)
        if not text:
            kind = "_BLANK"
        elif label:
            kind = "NAME_LABEL" if field_of(label) == "name" else "FIELD_LABEL"
        elif not above_blank:
            kind = "LINE"
        elif is_section(text) and _over_name_label(lines, position):
            kind = "SECTION"
        else:
            kind = "TEXT"
        kinds.append(kind)
        above_blank = not text
    return kinds


def _over_name_label(lines: list[Line], position: int) -> bool:
    """The next non-blank line after ``position`` is a "Name:" line."""
    for line in islice(lines, position + 1, None):
        if line.text.strip():
            return NAME_LABEL.match(line.text) is not None
    return False


def labelled_tree(lines: list[Line]) -> Tree[Token] | None:
    """The labelled form's tree of the annex's ``lines``; None without a "Name:" line."""
    for line in lines:  # (a loop, not any(): this runs for every line of every annex)
        if ":" in line.text and NAME_LABEL.match(line.text):  # ("name:": a cheap test first)
            break
    else:
        return None  # no "Name:" label
    try:
        return parse_records(_kinds(lines), "labelled")
    except LarkError:  # pragma: no cover - every sequence of the lines' tokens parses
        return None


def labelled_blocks(lines: list[Line], found: Found) -> None:
    """Persons of the labelled form, into ``found``."""
    tree = labelled_tree(lines)
    section: str | None = None
    for person in tree.children if tree is not None else ():
        if isinstance(person, Tree) and person.data == "block":
            section = _person(person, lines, found, section)


def _person(
    person: Tree[Token], lines: list[Line], found: Found, section: str | None
) -> str | None:
    """One person of the tree into ``found``; the section it stands under (``section`` unless
    it has its own)."""
    for part in person.children:
        if not isinstance(part, Tree) or part.data in ("prose", "unread"):
            continue  # (blank lines, and text that is not the person's: the annex's text)
        first = lines[_index(part.children[0])]
        text = first.text.strip()
        if part.data == "section":
            section = join_words([first.text]).strip("-_= ")
        elif part.data == "name":
            label = label_of(text)
            value = text[label.end() :].strip() if label else text
            found.start_person(value, first, first.text.find(value), section)
        elif found.open is not None:  # a field
            label = label_of(text)
            assert label is not None  # (a FIELD_LABEL line starts with its label)
            key = field_of(label)
            found.open.add(key, text[label.end() :])
            for more in part.children[1:]:
                assert isinstance(more, Tree)
                line = lines[_index(more.children[0])]
                found.open.add(key, line.text)
                found.take(line.index)
        found.take(first.index)
    return section


def _index(child: Tree[Token] | Token) -> int:
    """The index of the line a token stands for (its position in the token list)."""
    token = child.children[0] if isinstance(child, Tree) else child
    assert isinstance(token, Token)
    return token.start_pos or 0
