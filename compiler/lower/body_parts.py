"""Lowering of the filing's body: its items, signature blocks, annexes and exhibits, in order.

The grammar gives each heading a part of its own (``item``, ``signature``, ``annex``,
``exhibit``: grammar/body.lark); :func:`body_parts` joins the parts that continue the one before
(a sub-part heading, a repeated heading, an exhibit list inside Item 7...), and
:class:`BodyLowering`, a Lark ``Interpreter``, lowers each joined part by the method named for
its rule. The parts are lowered in document order, since they depend on one another: Item 5
names the schedule that holds its trades, which a later annex or exhibit then gives.
"""

from __future__ import annotations

from collections.abc import Iterator, MutableSet, Sequence

from lark import Token, Tree
from lark.visitors import Interpreter

from compiler.diagnostic_codes import Code
from compiler.frontend.terminals import line_shapes
from compiler.ir import Annex, Exhibit, Item, Signature, Transaction
from compiler.lower.annex import lower_annex
from compiler.lower.annex_records import announces_persons, unread_record
from compiler.lower.body import (
    arabic,
    heading_number,
    is_item_sentence,
    item_heading,
    lower_exhibit,
    lower_item,
)
from compiler.lower.item5_trades import item5_trades, referred_trades, report_unread
from compiler.lower.lines import Context, Line, lines_of_tokens
from compiler.lower.signatures import lower_signatures

_ITEM_NUMBER = line_shapes()["ITEM_NUMBER"]


def body_parts(children: Sequence[Tree[Token]]) -> Iterator[Tree[Token]]:
    """The body's parts in order (a part's children are its line tokens), joined by these
    layout rules:
    - adjacent signature parts ("SIGNATURE" then "After reasonable inquiry...") are one block;
    - a heading with the open item's number (a sub-part, "Item 5(a).", or the heading written
      again) continues that item;
    - an exhibit heading before the signature block is an entry of Item 7's list, not an exhibit;
    - a signature after an exhibit has started (a joint filing agreement's) is the exhibit's.
    A joined part is a new tree; the parse tree is left as it is."""
    opened: Tree[Token] | None = None  # the part given out next
    seen_signature = seen_exhibit = False
    for child in children:
        kind = str(child.data)
        if opened is not None and (
            (kind == "signature" and opened.data == "signature")
            # A heading with the open item's number: a sub-part ("Item 5(a)." under "Item
            # 5."), "Item 4. Purpose of Transaction (continued)" after a page break, or the
            # heading repeated as the page's running line: the item goes on.
            or (kind == "item" and opened.data == "item" and repeated(opened, child))
            or (kind == "exhibit" and not seen_signature and opened.data == "item")
            # A signature inside an exhibit belongs to the exhibit.
            or (kind == "signature" and seen_exhibit)
        ):
            opened = Tree(opened.data, [*opened.children, *child.children])
            continue
        if opened is not None:
            yield opened
        seen_signature = seen_signature or kind == "signature"
        seen_exhibit = seen_exhibit or kind == "exhibit"
        opened = child
    if opened is not None:
        yield opened


def _lines(part: Tree[Token]) -> list[Line]:
    """A body part's lines (its children are line tokens)."""
    return lines_of_tokens([child for child in part.children if isinstance(child, Token)])


def _head(part: Tree[Token]) -> str:
    head = part.children[0]
    return head if isinstance(head, str) else ""


def repeated(opened: Tree[Token] | Line, part: Tree[Token] | Line) -> bool:
    """``part``'s heading is that of the item ``opened``, written again."""
    heads = [x.text if isinstance(x, Line) else _head(x) for x in (opened, part)]
    first, new = _ITEM_NUMBER.match(heads[0]), _ITEM_NUMBER.match(heads[1])
    return bool(first and new and arabic(first.group(1)) == arabic(new.group(1)))


class BodyLowering(Interpreter[Token, None]):
    """Each body part (:func:`body_parts`) -> its IR, by the method named for its grammar rule;
    what they give is collected in the attributes, in document order."""

    def __init__(self, context: Context, names: list[str]) -> None:
        self.context = context
        self.names = names  # the reporting persons', for the trades' "person" column
        self.is_13g = context.document.schedule == "13G"
        self.kinds: list[str] = []  # the rule of each part, in order
        self.items: list[Item] = []
        self.item3_lines: list[Line] = []
        # A 13G's Items 1 and 2, for its title page; and 4, for a 13G without a cover page.
        self.item_lines: dict[str, list[Line]] = {}
        self.transactions: list[Transaction] = []
        self.signatures: list[Signature] = []
        self.annexes: list[Annex] = []
        self.exhibits: list[Exhibit] = []
        self.references: set[tuple[str, str]] = set()  # the schedules Item 5 refers to for trades
        self.referred = False  # whether a part of the filing is a schedule Item 5 refers to
        self.part_c: list[Line] = []  # Item 5(c)'s lines, while its schedule is not found

    def lower(self, parts: Iterator[Tree[Token]]) -> None:
        for part in parts:
            self.kinds.append(str(part.data))
            self.visit(part)
        if self.part_c and not self.referred and not self.transactions:
            where = "Item 5(c) (the schedule it refers to is not in the document)"
            report_unread(self.part_c, self.context, where)

    def item(self, part: Tree[Token]) -> None:
        lines = _lines(part)
        item = _lower_item(lines, self.context, self.names, self)
        self.items.append(item)
        if item.number == "3" and self.is_13g:
            self.item3_lines += lines
        if item.number in ("1", "2", "4") and self.is_13g:
            self.item_lines.setdefault(item.number, []).extend(lines)

    def signature(self, part: Tree[Token]) -> None:
        self.signatures += lower_signatures(lines_of_tokens(part.children), self.context)  # type: ignore[arg-type]

    def annex(self, part: Tree[Token]) -> None:
        lines = _lines(part)
        before = len(self.transactions)
        self._referred_trades(lines)
        self.annexes.append(lower_annex(lines, self.context))
        if not self.annexes[-1].persons and len(self.transactions) == before:
            _report_no_persons(self.annexes[-1], lines, self.context)

    def exhibit(self, part: Tree[Token]) -> None:
        lines = _lines(part)
        self._referred_trades(lines)
        self.exhibits.append(lower_exhibit(lines, None, self.context))

    def _referred_trades(self, lines: list[Line]) -> None:
        """The trades of the first annex or exhibit that Item 5 refers to for them."""
        if self.references and not self.transactions:
            found = referred_trades(lines, self.references, self.context, self.names)
            self.referred = self.referred or found is not None
            self.transactions += found or []


def _lower_item(lines: list[Line], context: Context, names: list[str], body: BodyLowering) -> Item:
    """One item; the trades of a 13D's Item 5 go to ``body.transactions`` (the lines of its
    table are not the item's prose), the schedules it refers to for them to
    ``body.references``, and its part (c), to report if none is found, to ``body.part_c``. (A
    function of its own: the table's set of lines goes with it, instead of lasting through the
    rest of the filing's lowering.)"""
    # A heading written again inside the item is page furniture, not prose; an amendment's
    # sentence that could open the item ("Item 4 is hereby amended...") under its heading is.
    skip: MutableSet[int] = {
        x.index
        for x in lines[1:]
        if x.kind == "ITEM" and repeated(lines[0], x) and not is_item_sentence(x)
    }
    heading = item_heading(lines[0])
    if heading_number(heading) == "5" and context.document.schedule == "13D":
        trades = item5_trades(lines, context, names, skip)
        body.transactions += trades.transactions
        body.references |= trades.references
        body.part_c = trades.part_c or body.part_c
        # The table is not prose. (Its set of lines taken in, not copied into ``skip``: a long
        # table's set was held twice while the item was lowered, at the lowering's peak.)
        trades.table_lines |= skip
        skip = trades.table_lines
    return lower_item(lines, context, skip, heading)


def _report_no_persons(annex: Annex, lines: list[Line], context: Context) -> None:
    """No silent miss: an annex in which no layout family found a person, while its title or
    introduction says it lists persons (directors, officers, partners...), or one of its
    paragraphs opens like a person's record (a name, then an address) that the record grammar
    does not read. Reported at that paragraph, else at the annex's heading."""
    unread = unread_record(lines[1:])
    opening = f"{annex.title or ''} {annex.text[:400]}"
    if unread is not None or announces_persons(opening):
        at = unread or lines[0]
        context.report(
            Code.ANNEX_NO_PERSONS,
            "the annex says it lists persons, but no person was read from its lines; kept as text"
            if unread is None
            else "a paragraph opens like a person's record (a name, then an address), but no"
            " person was read from the annex's lines; kept as text",
            at,
            len(at.text) - len(at.text.lstrip()),
        )
