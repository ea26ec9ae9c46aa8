"""The number of an amendment line, however the filer spells it: "(Amendment No. 6)", "Amendment
No. Eleven", "Amendment No. Thirty-Two", "Amendment No. III", "(Third Amendment)", "(5th
Amendment)". Which lines are amendment lines is the grammar's (AMENDMENT in grammar/filing.lark,
AMENDMENT_NUMBER in grammar/title_page.lark); this module turns the words it finds into a number.
"""

from __future__ import annotations

import re

from compiler.frontend.terminals import line_shapes

_AMENDMENT_NUMBER = line_shapes()["AMENDMENT_NUMBER"]
# The numbers an amendment line may spell out ("Amendment No. Eleven"), from zero.
_NUMBER_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
    " fifteen sixteen seventeen eighteen nineteen twenty"
)
_WORD_NUMBERS = {word: number for number, word in enumerate(_NUMBER_WORDS.split())}
_TENS_WORDS = "twenty thirty forty fifty sixty seventy eighty ninety"  # "Thirty-Two", "Forty"
_TENS = {word: 10 * number for number, word in enumerate(_TENS_WORDS.split(), start=2)}
# "(Third Amendment)": the ordinal words, from the first.
_ORDINAL_WORDS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth"
    " thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
)
_ORDINALS = {word: number for number, word in enumerate(_ORDINAL_WORDS.split(), start=1)}
# "Amendment No. XIV": a Roman numeral, up to 39.
_ROMAN = re.compile(r"x{0,3}(?:ix|iv|v?i{0,3})")
_ROMAN_VALUES = {"x": 10, "v": 5, "i": 1}


def amendment_number(text: str) -> int | None:
    """ "(Amendment No. 6)*" -> 6; "Amendment No. Eleven" -> 11; "(Third Amendment)" -> 3;
    "Amendment No. III" -> 3; "(Amendment No. ___)" -> None."""
    match = _AMENDMENT_NUMBER.search(text)
    if match is None:
        return None
    ordinal = match.group("ordinal")
    if ordinal is not None:
        ordinal = ordinal.lower()
        return int(ordinal[:-2]) if ordinal[:1].isdigit() else _ORDINALS.get(ordinal)
    return _number(match.group("value").strip("-").lower())


def _number(value: str) -> int | None:
    if value.isdigit():
        return int(value)
    if value in _WORD_NUMBERS or value in _TENS:
        return _WORD_NUMBERS[value] if value in _WORD_NUMBERS else _TENS[value]
    tens, _, ones = value.partition("-")
    if tens in _TENS and 0 < _WORD_NUMBERS.get(ones, 0) < 10:
        return _TENS[tens] + _WORD_NUMBERS[ones]
    if value and _ROMAN.fullmatch(value):
        return _roman(value)
    return None


def _roman(value: str) -> int:
    """A Roman numeral's value (one that _ROMAN matches: a smaller numeral before a larger one
    is subtracted from it)."""
    total = 0
    for position, letter in enumerate(value):
        amount = _ROMAN_VALUES[letter]
        later = value[position + 1 : position + 2]
        total += -amount if later and _ROMAN_VALUES[later] > amount else amount
    return total
