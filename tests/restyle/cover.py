"""One reporting person's cover page, written in a :class:`~restyle.style.Style`."""

from __future__ import annotations

import re
from decimal import Decimal

from restyle.facts import PersonFacts
from restyle.style import Style

WIDTH = 78
VALUE_COLUMN = 58
POWER_LABEL = ("NUMBER OF", "SHARES", "BENEFICIALLY", "OWNED BY", "EACH", "REPORTING", "PERSON")
LABEL_WIDTH = 16

# (kind, caption) in 13D order; the 13G leaves out rows 4 and 5 and numbers the rest 1-12.
ROWS = (
    ("name", "NAME OF REPORTING PERSON"),
    ("group", "CHECK THE APPROPRIATE BOX IF A MEMBER OF A GROUP"),
    ("sec", "SEC USE ONLY"),
    ("funds", "SOURCE OF FUNDS"),
    (
        "legal",
        "CHECK BOX IF DISCLOSURE OF LEGAL PROCEEDINGS IS REQUIRED PURSUANT TO ITEMS 2(d) OR 2(e)",
    ),
    ("citizen", "CITIZENSHIP OR PLACE OF ORGANIZATION"),
    ("sole_vote", "SOLE VOTING POWER"),
    ("shared_vote", "SHARED VOTING POWER"),
    ("sole_disp", "SOLE DISPOSITIVE POWER"),
    ("shared_disp", "SHARED DISPOSITIVE POWER"),
    ("aggregate", "AGGREGATE AMOUNT BENEFICIALLY OWNED BY EACH REPORTING PERSON"),
    ("excludes", "CHECK BOX IF THE AGGREGATE AMOUNT IN ROW ({agg}) EXCLUDES CERTAIN SHARES"),
    ("percent", "PERCENT OF CLASS REPRESENTED BY AMOUNT IN ROW ({agg})"),
    ("type", "TYPE OF REPORTING PERSON"),
)
POWER_ROWS = ("sole_vote", "shared_vote", "sole_disp", "shared_disp")
SHARE_ROWS = (*POWER_ROWS, "aggregate")
# Rows of four words whose caption wraps before its last word ("NAME OF REPORTING" / "PERSON").
_LAST = ("name", "type")
_SMALL_WORDS = frozenset({"of", "or", "if", "a", "in", "by", "to", "the", "is"})


def row_kinds(schedule: str) -> tuple[str, ...]:
    kinds = tuple(kind for kind, _ in ROWS)
    return kinds if schedule == "13D" else tuple(k for k in kinds if k not in ("funds", "legal"))


def _caption(kind: str, style: Style, numbers: dict[str, int]) -> str:
    caption = dict(ROWS)[kind].format(agg=numbers["aggregate"])
    if style.captions == "typo-citizenship":
        caption = caption.replace("CITIZENSHIP OR PLACE", "CITIZENSHIP OF PLACE")
    elif style.captions == "title-case":
        caption = (
            " ".join(
                word.lower() if word.lower() in _SMALL_WORDS and i else word.capitalize()
                for i, word in enumerate(caption.split())
            )
            .replace("Sec ", "SEC ")
            .replace("2(D) Or 2(E)", "2(d) or 2(e)")
        )
    elif style.captions == "row-ref-bare":
        caption = re.sub(r"ROW \((\d+)\)", r"ROW \1", caption)
    if kind != "sec":
        caption += style.caption_tail
    return caption


def _shares(value: int, style: Style) -> str:
    return style.zero if value == 0 else style.number_style.format(value) + style.value_note


def _percent(value: Decimal, style: Style) -> str:
    return style.percent_style.format(value) + style.value_note.replace(" shares", "")


_WORDS = {
    "WC": "Working Capital",
    "PF": "Personal Funds",
    "AF": "Affiliate",
    "OO": "Other",
    "CO": "Corporation",
    "IN": "Individual",
    "PN": "Partnership",
    "IA": "Investment Adviser",
    "BK": "Bank",
    "HC": "Holding Company",
}


def _codes(codes: tuple[str, ...], style: Style) -> str:
    if style.code_words == "words" and all(code in _WORDS for code in codes):
        return style.codes.join(_WORDS[code] for code in codes)
    return style.codes.join(codes)


def _wrapped(text: str, style: Style) -> list[str]:
    """A value of three words or more over two lines, in the "wrap" style."""
    words = text.split(" ")
    if style.wrap != "wrap" or len(words) < 3:
        return [text]
    half = (len(words) + 1) // 2
    return [" ".join(words[:half]), " ".join(words[half:])]


def _values(kind: str, person: PersonFacts, style: Style) -> list[str]:
    """The value of a row, as lines (empty for row 3)."""
    marked, empty = style.marks
    box = {True: marked, False: empty}
    if kind == "name":
        first, *rest = (person.name + style.name_id).split("\n")
        return [*_wrapped(first, style), *rest]
    if kind == "group":
        return style.group.format(a=box[person.group_a], b=box[person.group_b]).split("\n")
    if kind == "funds":
        return [_codes(person.funds, style)]
    if kind == "legal":
        return [box[person.legal]]
    if kind == "excludes":
        return [box[person.excludes]]
    if kind == "citizen":
        return _wrapped(person.citizenship, style)
    if kind in SHARE_ROWS:
        field = {
            "sole_vote": person.sole_vote,
            "shared_vote": person.shared_vote,
            "sole_disp": person.sole_disp,
            "shared_disp": person.shared_disp,
            "aggregate": person.aggregate,
        }[kind]
        return [_shares(field, style)]
    if kind == "percent":
        if style.placement == "qualifier":
            return ["Approximately", _percent(person.percent, style)]
        return [_percent(person.percent, style)]
    if kind == "type":
        return [_codes(person.types, style)]
    return []


def _row_lines(
    kind: str, number: int, person: PersonFacts, style: Style, caption: str
) -> list[str]:
    label = style.numbering.format(n=number)
    head = (f"{label:<7}" if len(label) < 7 else label + " ") if label else ""
    values = _values(kind, person, style)
    indent = " " * len(head)
    placement = style.placement
    if placement == "qualifier":
        placement = "under" if kind == "percent" else "beside"
    if not values:
        return [head + caption]
    if kind == "name" and style.name_caption != "one-line":
        irs = "S.S. OR I.R.S. IDENTIFICATION NO. OF ABOVE PERSON"
        if style.name_caption == "irs-line-wrapped":
            return [
                head + caption,
                indent + irs[:14],
                indent + irs[15:],
                "",
                *(indent + "    " + v for v in values),
            ]
        return [head + caption, indent + irs, "", *(indent + "    " + v for v in values)]
    if placement == "under":
        return [head + caption, "", *(indent + "    " + value for value in values)]
    if style.caption_wrap == "wrap-bar":
        placement = "bar"
    captions = _caption_lines(kind, caption, style)
    longest = max(len(line) for line in captions)
    # The caption's lines under the row number, the value's beside them (after a bar).
    cells = [
        (head if index == 0 else indent) + (captions[index] if index < len(captions) else "")
        for index in range(max(len(captions), len(values)))
    ]
    cut = [*values, *[""] * (len(cells) - len(values))]
    if placement == "bar":
        column = max(VALUE_COLUMN - 4, len(head) + longest + 2)
        return [
            f"{cell:<{column}}| {value}".rstrip() for cell, value in zip(cells, cut, strict=True)
        ]
    column = max(VALUE_COLUMN, len(head) + longest + 3)
    return [f"{cell:<{column}}{value}".rstrip() for cell, value in zip(cells, cut, strict=True)]


def _caption_lines(kind: str, caption: str, style: Style) -> list[str]:
    """The caption on one line, or (``caption_wrap``) cut after its first half of words, the
    value beside that half: captions of five words or more; and cut before their last word,
    "SOLE VOTING" / "POWER", "TYPE OF REPORTING" / "PERSON"."""
    tail = style.caption_tail if kind != "sec" else ""
    words = caption.removesuffix(tail).split(" ")
    if style.caption_wrap == "none" or (len(words) < 5 and kind not in (*POWER_ROWS, *_LAST)):
        return [caption]
    half = (len(words) + 1) // 2 if len(words) >= 5 else len(words) - 1
    return [" ".join(words[:half]), " ".join(words[half:]) + tail]


def _rule(style: Style) -> list[str]:
    return {
        "dashes": ["-" * WIDTH],
        "equals": ["=" * WIDTH],
        "underscores": ["_" * WIDTH],
        "none": [""],
        "pipes": ["|" + "-" * (WIDTH - 2) + "|"],
        "plus": ["+" + "-" * (WIDTH - 2) + "+"],
    }[style.rules]


def _boxed(lines: list[str], style: Style) -> list[str]:
    if style.rules not in ("pipes", "plus"):
        return lines
    # (A page break and the running header stand outside the box, as printed pages have them.)
    return [
        line if line.startswith(("|-", "+-", "<PAGE>", "CUSIP")) else f"| {line:<{WIDTH - 4}} |"
        for line in lines
    ]


def cover_page(person: PersonFacts, style: Style, schedule: str, running_header: str) -> list[str]:
    """The lines of one cover page, from its running header to row 14 (13G: row 12)."""
    kinds = row_kinds(schedule)
    numbers = {kind: number for number, kind in enumerate(kinds, start=1)}
    lines: list[str] = [running_header, ""]
    body: list[str] = [*_rule(style)]
    power: list[str] = []
    for kind in kinds:
        row = _row_lines(kind, numbers[kind], person, style, _caption(kind, style, numbers))
        if kind in POWER_ROWS and style.power_label == "label":
            power += row
            if kind == POWER_ROWS[-1]:
                body += _labelled(power)
                body += _rule(style)
            continue
        body += row
        body += _rule(style)
        breaks_after = style.cover_break.removeprefix("after-")
        if breaks_after.isdigit() and numbers[kind] == int(breaks_after):
            body += ["<PAGE>", running_header, ""]
    lines += _boxed(body, style)
    return lines


def _labelled(lines: list[str]) -> list[str]:
    """Rows 7-10 beside the "NUMBER OF SHARES BENEFICIALLY OWNED BY EACH REPORTING PERSON WITH"
    label, one word group per line."""
    label = [*POWER_LABEL, "WITH"]
    out = []
    for index, line in enumerate(lines):
        piece = label[index] if index < len(label) else ""
        out.append(f"{piece:<{LABEL_WIDTH}}{line}")
    for piece in label[len(lines) :]:
        out.append(piece)
    return out
