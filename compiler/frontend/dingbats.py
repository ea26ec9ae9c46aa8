"""Symbol fonts whose letters a browser draws as check boxes: which font, and what each letter is.

An HTML filing made in Word writes a check box as a letter in a symbol font (``<span
style="font-family: Wingdings">x</span>`` is a box with an X). The same letter is a different
glyph in each font: "T" is a ballot box with X in Wingdings 2 and an arrow in Wingdings 3, "x"
is a box in Wingdings and a digit in a circle in Wingdings 2. So the map depends on the font.

The glyphs are those of the fonts' Unicode mappings (as published with the Unicode proposal for
the Wingdings fonts, and in the ``dingbat-to-unicode`` npm package): only the boxes, check marks
and bullets are mapped, each to the character the value grammar reads (a box with a check or
with an X is a marked box). Word also writes the letters shifted into the private use area
(U+F000 + the letter): those are mapped too.
"""

from __future__ import annotations

import functools
import re


def _table(glyphs: dict[str, str]) -> dict[int, str]:
    table = {ord(letter): glyph for letter, glyph in glyphs.items()}
    table.update({0xF000 + code: glyph for code, glyph in table.items() if code < 0x100})
    return table


# Wingdings: ¨ o p q r are empty boxes, x ý þ boxes with an X or a check; ü a check mark.
WINGDINGS = _table(
    {
        "o": "☐", "p": "☐", "q": "☐", "r": "☐", "¨": "☐",
        "x": "☒", "ý": "☒", "þ": "☒",
        "ü": "✓", "n": "■", "l": "•", "§": "•", "Ø": "•", "w": "•",
    }
)  # fmt: skip
# Wingdings 2: £ (0xA3) is an empty box; Q (box with script X), R (box with check), S (box with
# light X), T (box with X) are marked boxes; P is a check mark. (O, an X mark alone, is left as
# it is: a lone X mark is not a box, and "O" must not be read as one.)
WINGDINGS_2 = _table({"£": "☐", "Q": "☒", "R": "☑", "S": "☒", "T": "☒", "P": "✓", "¢": "■"})
# Wingdings 3 is arrows and triangles: nothing of it is a box, and its letters are not text.
WINGDINGS_3: dict[int, str] = {}

# Symbol is Greek letters and mathematical signs; Word users mark a box with two of them: Ö
# (0xD6) is the radical sign √, drawn as a check mark, and ´ (0xB4) the multiplication sign ×.
# Symbol draws no box: its other letters are left as they are.
SYMBOL = _table({"Ö": "✓", "´": "✕"})

_FAMILY = re.compile(r"wingdings\s*(?P<number>[23])?")
# Symbol only as the first font of the list ("Segoe UI Symbol" is a Unicode font).
_SYMBOL = re.compile(r"\s*['\"]?symbol['\"]?\s*(?:,|$)")
_BY_NUMBER = {None: WINGDINGS, "2": WINGDINGS_2, "3": WINGDINGS_3}


@functools.lru_cache(maxsize=1024)  # a filing names a few font lists, over and over
def glyph_table(family: str) -> dict[int, str] | None:
    """The letters-to-glyphs map of the first Wingdings font in a CSS ``font-family`` (or
    ``face``) value, or of Symbol when it comes first; None when it names none (the text is
    read as it is)."""
    lower = family.lower()
    if "symbol" in lower and _SYMBOL.match(lower):
        return SYMBOL
    found = _FAMILY.search(lower) if "wingdings" in lower else None
    if found is None:
        return None
    return _BY_NUMBER[found.group("number")]
