"""Small line sequences parsed strictly by the filing grammar, and the shapes of their trees:
shared by the grammar tests of tests/frontend/."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from lark import Token, Tree
from line_pool import CAPTIONS

from compiler.frontend.lexer import (
    tokenize,
)
from compiler.frontend.parser import build_parser
from compiler.schema import ROW_NUMBERS, ROW_TERMINALS

ROW_ORDER = sorted(ROW_TERMINALS, key=ROW_NUMBERS.__getitem__)  # ROW_NAME, ROW_GROUP, ... ROW_TYPE
COVER_SHAPE = [("name_row", "ROW_NAME")] + [("cover_row", name) for name in ROW_ORDER[1:]]


TITLE_PAGE = """\
                    SECURITIES AND EXCHANGE COMMISSION
                          Washington, D.C. 20549

                               SCHEDULE 13D
                 Under the Securities Exchange Act of 1934
                             (Amendment No. 1)

                                 8x8, Inc.
                             (Name of Issuer)

                 Common Stock, Par Value $0.001 Per Share
                      (Title of Class of Securities)

                                282912 10 4
                              (CUSIP Number)

                              Pierre Ollivier
                       Telephone: 011-41-22-929-2929
                    (Name, Address and Telephone Number
        of Person Authorized to Receive Notices and Communications)

                             December 23, 2003
          (Date of Event which requires Filing of this Statement)

If the filing person has previously filed a statement on Schedule 13G to report
the acquisition which is the subject of this Schedule 13D, check the following
box: [ ]
"""


def lines_of(text: str) -> list[str]:
    """The lines of a dedented triple-quoted block, without the final newline."""
    return textwrap.dedent(text).rstrip("\n").split("\n")


def parse_strict(lines: Sequence[str], start: str) -> Tree[Token]:
    """Parse from ``start`` with no recovery: any line the grammar does not allow raises."""
    interactive = build_parser().parse_interactive(None, start=start)
    last: Token | None = None
    for token in tokenize(list(lines)):
        interactive.feed_token(token)
        last = token
    tree = interactive.feed_eof(last)
    assert isinstance(tree, Tree)
    return tree


def shape(tree: Tree[Token]) -> list[tuple[str, str]]:
    """(rule, terminal of its first line) for every sub-tree directly under ``tree``."""
    out = []
    for child in tree.children:
        if isinstance(child, Tree):
            first = child.children[0] if child.children else None
            out.append((str(child.data), first.type if isinstance(first, Token) else ""))
    return out


def leaves(tree: Tree[Token]) -> list[Token]:
    return list(tree.scan_values(lambda value: isinstance(value, Token)))


def token_types(tree: Tree[Token]) -> list[str]:
    return [token.type for token in leaves(tree)]


def cover_lines(row_head: str, *, value_below: bool = False) -> list[str]:
    """A 14-row cover page whose row heads are written ``row_head.format(n=number)``."""
    out = []
    for number, (caption, value) in enumerate(CAPTIONS, start=1):
        head = row_head.format(n=number)
        if number == 1:
            out += [f"{head}{caption}", " " * len(head) + "Acme Capital Partners, L.P."]
        elif value_below and value:
            out += [f"{head}{caption}", " " * len(head) + value]
        else:
            out.append(f"{head}{caption}    {value}".rstrip())
    return out
