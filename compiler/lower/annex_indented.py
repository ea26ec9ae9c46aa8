"""The indented form of annex person lists (``indented`` in ``grammar/annex.lark``): a short
name line with the lines that belong to it indented deeper under it, or a name over a "c/o" line
at its indentation with the rest of the address indented under that.

Each non-blank line of the annex is a token; indentation is the lexer's (as a programming
language's INDENT): a line is ``DEEP`` when it stands right of the last name's column. The
whole annex is parsed once, and the persons and their sections are read from the tree.
"""

from __future__ import annotations

from lark import Token, Tree
from lark.exceptions import LarkError

from compiler.lower.annex_labelled import is_section
from compiler.lower.annex_records import (
    Found,
    ends_address,
    is_name,
    parse_records,
    reads_as_address,
)
from compiler.lower.lines import Line, join_words


def _lead(line: Line) -> int:
    return len(line.text) - len(line.text.lstrip())


def _kinds(content: list[Line]) -> list[str]:
    """The token of each non-blank line (see the grammar's indented form)."""
    kinds: list[str] = []
    column: int | None = None  # the last name's indentation
    for position, line in enumerate(content):
        text, lead = line.text, _lead(line)
        next_lead = _lead(content[position + 1]) if position + 1 < len(content) else -1
        # (A city and its country, no postal code, is an address's last line under another.)
        address = reads_as_address(text) or (
            bool(kinds) and kinds[-1] in ("DEEP_ADDRESS", "ADDRESS_AT") and ends_address(text)
        )
        if is_section(text):
            kind = "SECTION"
        elif set(text.strip()) <= set("-_="):
            kind = "RULE"
        elif (
            address
            and position
            and next_lead > lead + 2
            and kinds[-1] not in ("HEAD", "NAME_OVER")
            and _lead(content[position - 1]) == lead
            and is_name(content[position - 1].text)
        ):
            # "c/o ..." under a name at its indentation, the rest of the address indented under
            # it: the line above is the name (it read as prose until this line).
            kinds[-1], kind, column = "NAME_OVER", "ADDRESS_AT", lead
        elif (
            next_lead > lead + 2
            and len(text.split()) <= 6
            and not text.rstrip().endswith(".")
            and not address
        ):
            kind, column = "HEAD", lead
        elif column is not None and lead > column + 2:
            kind = "DEEP_ADDRESS" if address else "DEEP"
        else:
            kind = "FLAT"
        kinds.append(kind)
    return kinds


def indented_tree(content: list[Line]) -> Tree[Token] | None:
    """The indented form's tree of the annex's non-blank lines ``content``."""
    return _parse(_kinds(content))


def _parse(kinds: list[str]) -> Tree[Token] | None:
    try:
        return parse_records(kinds, "indented")
    except LarkError:  # pragma: no cover - every sequence of the lines' tokens parses
        return None


def _parts(tree: Tree[Token] | None) -> list[Tree[Token]]:
    """The tree's rules over one line each (``name``, ``address``, ``section``...), in order."""
    parts: list[Tree[Token]] = []
    for child in tree.children if tree is not None else ():
        if isinstance(child, Tree) and child.data == "entry":
            parts += [part for part in child.children if isinstance(part, Tree)]
        elif isinstance(child, Tree):
            parts.append(child)
    return parts


def indented_list(lines: list[Line], found: Found) -> None:
    """Persons of the indented form, into ``found``."""
    content = [line for line in lines if line.text.strip()]
    kinds = _kinds(content)
    if "HEAD" not in kinds and "NAME_OVER" not in kinds:
        return  # (no name, no person: the annex's lines are not parsed for nothing)
    tree = _parse(kinds)
    section: str | None = None
    sections: list[tuple[str, int]] = []  # (section, its line)
    named: set[str | None] = set()  # the sections some person stands under
    for part in _parts(tree):
        first = part.children[0]
        assert isinstance(first, Token)  # (every part is a rule over one line's token)
        line = content[first.start_pos or 0]
        if part.data == "section":
            section = join_words([line.text]).strip("-_= ")
            sections.append((section, line.index))
            continue
        if part.data == "name":
            found.start_person(line.text.strip(), line, _lead(line), section)
            named.add(section)
        elif part.data in ("address", "position") and found.open is not None:
            found.open.add(str(part.data), line.text)
        elif part.data != "rule":
            continue  # (prose between: the annex's text)
        found.take(line.index)
    for name, index in sections:
        if name in named:  # (a heading over the whole annex, say, stays its text)
            found.take(index)
