"""Schedule 13G's own fields: the title page's rule boxes, Item 3's type of person, Item 10.

A 13G shares its title page, cover rows and signature with a 13D; these are the parts only it has
(17 CFR 240.13d-102).
"""

from __future__ import annotations

import re

from compiler.ir import PersonType
from compiler.lower.lines import Line
from compiler.values import find_boxes

# "[X] Rule 13d-1(b)"
_RULE_BOX = re.compile(r"rule\s+13d-1\s*\(\s*(?P<letter>[bcd])\s*\)", re.IGNORECASE)
# Item 3's types, by the words of each box ((a) broker or dealer ... (k) group).
_TYPE_WORDS: tuple[tuple[re.Pattern[str], PersonType], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), code)
    for pattern, code in (
        (r"broker\s+or\s+dealer", PersonType.BD),
        (r"\bbank\b", PersonType.BK),
        (r"insurance\s+company", PersonType.IC),
        (r"investment\s+company", PersonType.IV),
        (r"investment\s+advis[eo]r", PersonType.IA),
        (r"employee\s+benefit\s+plan", PersonType.EP),
        (r"parent\s+holding\s+company", PersonType.HC),
        (r"savings\s+association", PersonType.SA),
        (r"church\s+plan", PersonType.CP),
        (r"non-?\s*u\.?s\.?\s+institution", PersonType.FI),
        (r"\bgroup\b", PersonType.OO),
    )
)
# "in accordance with Section 240.13d-1(b)(1)(ii)(G)": the rule's own letter for the type.
_RULE_LETTER = re.compile(r"13d-1\s*\(b\)\s*\(1\)\s*\(ii\)\s*\((?P<letter>[A-Ka-k])\)")
_LETTER_TYPES = dict(
    zip(
        "ABCDEFGHIJK",
        (
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
        ),
        strict=True,
    )
)


def rule_designations(lines: list[Line]) -> tuple[str, ...]:
    """The rules whose box is marked: ("13d-1(b)",)."""
    found: list[str] = []
    for line in lines:
        rule = _RULE_BOX.search(line.text)
        if rule is None:
            continue
        boxes = find_boxes(line.text[: rule.start()])
        if boxes and boxes[-1][0]:
            found.append(f"13d-1({rule.group('letter').lower()})")
    return tuple(dict.fromkeys(found))


def item3_person_types(lines: list[Line]) -> tuple[PersonType, ...]:
    """The types checked in Item 3, from marked boxes or from a cited rule letter."""
    found: list[PersonType] = []
    for line in lines[1:]:
        boxes = find_boxes(line.text)
        if boxes and boxes[0][0]:
            rest = line.text[boxes[0][2] :]
            for pattern, code in _TYPE_WORDS:
                if pattern.search(rest):
                    found.append(code)
                    break
    text = " ".join(line.text for line in lines)
    for match in _RULE_LETTER.finditer(text):
        found.append(_LETTER_TYPES[match.group("letter").upper()])
    return tuple(dict.fromkeys(found))
