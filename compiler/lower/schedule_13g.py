"""Schedule 13G's own fields: the title page's rule boxes, Item 3's type of person, Item 10.

A 13G shares its title page, cover rows and signature with a 13D; these are the parts only it has
(17 CFR 240.13d-102).
"""

from __future__ import annotations

import bisect
import re

from compiler.frontend.terminals import line_shapes
from compiler.frontend.values import find_boxes
from compiler.ir import PersonType
from compiler.lower.lines import Line

SHAPES = line_shapes()  # the grammar's terminals (grammar/*.lark)
_RULE_BOX = SHAPES["RULE_BOX"]
_RULE_INTRO = SHAPES["RULE_INTRO"]
# Item 3's boxes (a) to (k), in the form's order: the type of reporting person each stands for.
_ITEM3_BOXES = (
    PersonType.BD,
    PersonType.BK,
    PersonType.IC,
    PersonType.IV,
    PersonType.IA,
    PersonType.EP,
    PersonType.HC,
    PersonType.SA,
    PersonType.CP,
    PersonType.FI,
    PersonType.OO,
)
# Item 3's types, by the words of each box ((a) broker or dealer ... (k) group).
_TYPE_WORDS: tuple[tuple[re.Pattern[str], PersonType], ...] = tuple(
    (SHAPES[f"ITEM3_{code.value}"], code) for code in _ITEM3_BOXES
)
_RULE_LETTER = SHAPES["RULE_LETTER"]
_DENIED = SHAPES["ITEM3_DENIED"]
_NOT_APPLICABLE = SHAPES["NOT_APPLICABLE"]
_ITEM_NUMBER = SHAPES["ITEM_NUMBER"]
# "Section 240.13d-1(b)(1)(ii)(G)": the rule's own letter for the box's type.
_LETTER_TYPES = dict(zip("ABCDEFGHIJK", _ITEM3_BOXES, strict=True))


# Page furniture between the lines of a rule box ("[X]  Rule" / <PAGE> / "13d-1(b)").
_FURNITURE = frozenset({"PAGE", "RUNNING_HEAD"})


def _boxed(text: str, rule: re.Match[str]) -> bool:
    """A box stands before ``rule`` on its line ("[X] 13d-1(c)")."""
    return bool(find_boxes(text[text.rfind("\n", 0, rule.start()) + 1 : rule.start()]))


def _rule_boxes(lines: list[Line]) -> list[tuple[int, int, str, bool]]:
    """Each rule box: the positions of its first and last line in ``lines``, its rule
    ("13d-1(b)") and whether the box before it on its line is marked. The rule is looked for
    over the lines joined, so that one broken across lines ("[X]  Rule" / "13d-1(b)", a table
    cell wrapped in HTML) is read as well; ``lines`` holds no page furniture
    (:func:`_without_furniture`)."""
    text = "\n".join(line.text for line in lines)
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line.text) + 1)
    found: list[tuple[int, int, str, bool]] = []
    after: list[bool | None] = []  # the box after each rule, up to the next rule or line end
    rules = [rule for rule in _RULE_BOX.finditer(text) if rule.group("rule") or _boxed(text, rule)]
    boxed_before = False
    for position, rule in enumerate(rules):
        first = bisect.bisect_right(starts, rule.start()) - 1
        last = bisect.bisect_right(starts, rule.end() - 1) - 1
        boxes = find_boxes(text[starts[first] : rule.start()])
        boxed_before = boxed_before or (position == 0 and bool(boxes))
        letter = rule.group("letter").lower()
        found.append((first, last, f"13d-1({letter})", bool(boxes) and boxes[-1][0]))
        end = text.find("\n", rule.end())
        stop = rules[position + 1].start() if position + 1 < len(rules) else len(text)
        trailing = find_boxes(text[rule.end() : min(stop, len(text) if end < 0 else end)])
        after.append(trailing[0][0] if trailing else None)
    if not boxed_before and found and all(marked is not None for marked in after):
        # No box before the first rule and one after each ("Rule 13d-1(b)  [ ]"): every box
        # stands after its rule.
        return [(*box[:3], bool(marked)) for box, marked in zip(found, after, strict=True)]
    if not boxed_before and any(after):
        # No box before any rule, a mark after the chosen one and nothing after the others
        # ("Rule 13d-1(b)    X" / "Rule 13d-1(c)"): the mark is the only box drawn.
        return [(*box[:3], bool(marked)) for box, marked in zip(found, after, strict=True)]
    return found


def _without_furniture(lines: list[Line]) -> list[Line]:
    return [line for line in lines if line.kind not in _FURNITURE]


def rule_designations(lines: list[Line]) -> tuple[str, ...]:
    """The rules whose box is marked: ("13d-1(b)",)."""
    boxes = _rule_boxes(_without_furniture(lines))
    return tuple(dict.fromkeys(rule for _, _, rule, marked in boxes if marked))


def rule_lines(lines: list[Line]) -> set[int]:
    """The lines the rule boxes stand on and the sentence that introduces them ("Check the
    appropriate box to designate the rule pursuant to which this Schedule is filed:"): the boxes'
    caption, not free text."""
    used: set[int] = set()
    lines = _without_furniture(lines)
    for position, last, _, _ in _rule_boxes(lines):
        used.update(line.index for line in lines[position : last + 1])
        above = position - 1
        while above >= 0 and lines[above].kind in ("BLANK", "TEXT") and above >= position - 4:
            if _RULE_INTRO.search(lines[above].text):
                used.update(x.index for x in lines[above:position] if x.kind == "TEXT")
                break
            above -= 1
    return used


def certification_text(item10: str | None) -> str | None:
    """Item 10's certification: the item's text, unless it says there is none ("Not
    applicable.", "N/A", "None"), as a filer who does not certify writes it; the item keeps its
    words."""
    if item10 is None or _NOT_APPLICABLE.match(item10.strip()):
        return None
    return item10


def item3_person_types(lines: list[Line]) -> tuple[PersonType, ...]:
    """The types checked in Item 3: each marked box with the words after it (up to the next
    box), wherever the lines break; a filing without boxes may cite the rule's own letter."""
    # (The heading's own words after its number count: "Item 3  The person filing is a bank".)
    heading = _ITEM_NUMBER.match(lines[0].text) if lines else None
    first = lines[0].text[heading.end() :] if heading else ""
    text = " ".join([first, *(line.text for line in lines[1:])])
    boxes = find_boxes(text)
    found: list[PersonType] = []
    for number, (marked, _, end) in enumerate(boxes):
        if not marked:
            continue
        stop = boxes[number + 1][1] if number + 1 < len(boxes) else len(text)
        for pattern, code in _TYPE_WORDS:
            if pattern.search(text[end:stop]):
                found.append(code)
                break
    if not boxes:  # with boxes, the rule letters are the boxes' captions
        for match in _RULE_LETTER.finditer(text):
            found.append(_LETTER_TYPES[match.group("letter").upper()])
    if not boxes and not found:
        found = _types_in_words(text)
    return tuple(dict.fromkeys(found))


# More types than a filing's persons are: the form's list printed without boxes, not an answer.
_MOST_NAMED = 3


def _types_in_words(text: str) -> list[PersonType]:
    """The types a sentence names ("The person filing is a bank as defined in ..."), in the order
    it names them, where Item 3 has neither boxes nor a rule's letter; none where it names more
    than a filing's persons would be (the form's list, printed without boxes). "Group" is the
    word of a sentence about the filers more often than their type: not read so. A sentence
    that denies ("not", "N/A") names the types the person is not, or the form's list: none."""
    if _DENIED.search(text):
        return []
    named = sorted(
        (match.start(), code)
        for pattern, code in _TYPE_WORDS
        if code is not PersonType.OO
        for match in pattern.finditer(text)
    )
    codes: list[PersonType] = list(dict.fromkeys(code for _, code in named))
    return codes if len(codes) <= _MOST_NAMED else []
