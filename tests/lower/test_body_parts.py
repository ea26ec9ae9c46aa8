"""How the body's parts are joined before they are lowered (compiler/lower/body_parts.py): the
grammar opens a part at every heading, and the layout says when a heading continues the part
before it instead."""

from __future__ import annotations

from lark import Token, Tree

from compiler.lower.body_parts import body_parts


def part(rule: str, *lines: tuple[str, str]) -> Tree[Token]:
    return Tree(rule, [Token(kind, text) for kind, text in lines])


def joined(*parts: Tree[Token]) -> list[tuple[str, list[str]]]:
    return [(str(p.data), [str(t) for t in p.children]) for p in body_parts(parts)]


def test_items_with_other_numbers_stay_apart() -> None:
    four = part("item", ("ITEM", "Item 4.  Purpose of Transaction."), ("TEXT", "None."))
    five = part("item", ("ITEM", "Item 5.  Interest in Securities of the Issuer."))
    assert [rule for rule, _ in joined(four, five)] == ["item", "item"]


def test_a_sub_part_heading_continues_its_item() -> None:
    five = part("item", ("ITEM", "Item 5.  Interest in Securities of the Issuer."))
    five_a = part("item", ("ITEM", "Item 5(a).  Aggregate number"), ("TEXT", "1,000 shares"))
    assert joined(five, five_a) == [
        (
            "item",
            [
                "Item 5.  Interest in Securities of the Issuer.",
                "Item 5(a).  Aggregate number",
                "1,000 shares",
            ],
        )
    ]


def test_a_heading_written_again_after_a_page_break_continues_its_item() -> None:
    four = part("item", ("ITEM", "Item 4.  Purpose of Transaction."), ("PAGE", "<PAGE>"))
    again = part("item", ("ITEM", "Item 4.  Purpose of Transaction (continued)."))
    assert [rule for rule, _ in joined(four, again)] == ["item"]


def test_adjacent_signature_parts_are_one_block() -> None:
    heading = part("signature", ("SIGNATURE", "SIGNATURE"))
    inquiry = part("signature", ("CERTIFICATION", "After reasonable inquiry and to the best"))
    assert [rule for rule, _ in joined(heading, inquiry)] == ["signature"]


def test_an_exhibit_heading_before_the_signature_is_an_entry_of_item_7() -> None:
    seven = part("item", ("ITEM", "Item 7.  Material to be Filed as Exhibits."))
    entry = part("exhibit", ("EXHIBIT", "Exhibit 1  Joint Filing Agreement"))
    signature = part("signature", ("SIGNATURE", "SIGNATURE"))
    exhibit = part("exhibit", ("EXHIBIT", "EXHIBIT 1"))
    assert [rule for rule, _ in joined(seven, entry, signature, exhibit)] == [
        "item",
        "signature",
        "exhibit",
    ]


def test_a_signature_inside_an_exhibit_is_the_exhibits() -> None:
    signature = part("signature", ("SIGNATURE", "SIGNATURE"))
    exhibit = part("exhibit", ("EXHIBIT", "EXHIBIT 1  Joint Filing Agreement"))
    agreement_signature = part("signature", ("SIGNATURE", "SIGNATURES"))
    assert [rule for rule, _ in joined(signature, exhibit, agreement_signature)] == [
        "signature",
        "exhibit",
    ]


def test_the_parse_tree_is_left_as_it_is() -> None:
    five = part("item", ("ITEM", "Item 5.  Interest in Securities of the Issuer."))
    five_a = part("item", ("ITEM", "Item 5(a).  Aggregate number"))
    joined(five, five_a)
    assert len(five.children) == 1 and len(five_a.children) == 1
