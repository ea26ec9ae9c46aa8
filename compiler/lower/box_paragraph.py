"""The form's 13G box paragraph on a 13D title page: "If the filing person has previously filed a
statement on Schedule 13G ..., check the following box [ ]". Its box is a fact; its lines are the
box's caption, never part of a title-page value (above a caption, or below it).
"""

from __future__ import annotations

from compiler.frontend.terminals import line_shapes
from compiler.frontend.values import find_boxes
from compiler.lower.lines import Line

_BOX_PARAGRAPH = line_shapes()["BOX_PARAGRAPH"]


def _mentions(line: Line) -> bool:
    """A line of the paragraph's prose that names the other schedule (not the form's title)."""
    return line.kind == "TEXT" and _BOX_PARAGRAPH.search(line.text) is not None


def after_box_paragraph(lines: list[Line]) -> list[Line]:
    """The lines after the form's 13G box paragraph, down to its box, when it stands above."""
    mention = max((i for i, x in enumerate(lines) if _mentions(x)), default=-1)
    if mention < 0:
        return lines
    boxed = (i for i in range(mention, len(lines)) if find_boxes(lines[i].text.split("13G")[-1]))
    return lines[next(boxed, mention) + 1 :]


def before_box_paragraph(lines: list[Line]) -> list[Line]:
    """The lines before the form's 13G box paragraph, when it stands below a value."""
    mention = next((i for i, x in enumerate(lines) if _mentions(x)), len(lines))
    return lines[:mention]


def box_13g(lines: list[Line], used: set[int]) -> bool:
    """The 13G box: the first box in or just after the paragraph that mentions Schedule 13G.
    The paragraph, down to the box, is the box's caption: its lines go to ``used``."""
    for position, line in enumerate(lines):
        # ("13" first: a plain substring test, where the regex is tried at every position.)
        if (
            "13" in line.text
            and _BOX_PARAGRAPH.search(line.text)
            and "box" in " ".join(x.text.lower() for x in lines[position : position + 6])
        ):
            start = position
            while start > 0 and lines[start - 1].kind == "TEXT":
                start -= 1
            for offset, later in enumerate(lines[position : position + 8]):
                boxes = find_boxes(
                    later.text.split("13G")[-1] if "13G" in later.text else later.text
                )
                if boxes:
                    used.update(x.index for x in lines[start : position + offset + 1])
                    return boxes[0][0]
            return False
    return False
