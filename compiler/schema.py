"""The cover rows of Schedule 13D and 13G: one declarative table, and everything derived from it.

Each :class:`CoverRow` says what the form says of one row: its number on each form, its caption
as printed and the wordings filers write instead, the IR field it fills, and the kind of value it
holds. The line lexer's row terminals, the lowering's dispatch, the JSON and CSV columns, the
normalized filing's rows and the table in ``docs/grammar.md`` are all read from :data:`ROWS`.

Captions are written in a small phrase notation, compiled to Lark terminal definitions (see
:func:`caption_grammar`) and from there, by Lark, to the regular expressions the lexer and the
lowering match with:

- words separated by a space match words separated by any whitespace, in any case;
- ``[words]`` is optional; ``word(s)`` is ``word`` or ``words``; ``2(d)`` allows a space before
  the parenthesis;
- ``{one|other}`` is a choice of phrases;
- ``#`` is a row number as captions cite it: ``11``, ``(11)``, ``( 11 )``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from enum import StrEnum


class ValueKind(StrEnum):
    """What a row holds, and so which value grammar reads it."""

    NAME = "name"  # a name, with an identification number split off
    GROUP_BOXES = "group boxes"  # the (a) and (b) boxes
    NONE = "none"  # SEC use only: nothing to read
    FUNDS = "funds codes"  # source-of-funds codes (WC, PF, ...)
    BOX = "box"  # one check box
    PLACE = "place"  # a state or country, in words
    SHARES = "shares"  # a share count
    PERCENT = "percent"  # a percent of the class
    TYPE_CODES = "type codes"  # type-of-reporting-person codes (IN, CO, ...)


class Form(StrEnum):
    SCHEDULE_13D = "13D"
    SCHEDULE_13G = "13G"


@dataclass(frozen=True, slots=True)
class CoverRow:
    terminal: str  # the grammar terminal of the row's first line
    field: str  # the ReportingPerson attribute, JSON key and database column it fills
    caption: str  # as the form prints it (the normalized filing writes this)
    number_13d: int
    number_13g: int | None  # None: the row is not on a 13G
    kind: ValueKind
    head: str  # the words that make a line this row's first line (phrase notation)
    whole: str  # the whole caption with its variants, cut off before the value (phrase notation)
    # A second caption line the form prints under the first (row 1's identification number).
    subcaption: str = ""
    # The row's short name, a column heading where a table shows the rows (notebooks, pages).
    label: str = ""
    # Whether the left-hand "NUMBER OF SHARES BENEFICIALLY OWNED BY EACH REPORTING PERSON WITH"
    # label may stand beside the row (rows 7-10; and 6, whose bottom border the label meets).
    beside_label: bool = False

    def caption_on(self, form: Form | str) -> str:
        """The caption as ``form`` prints it: rows 12 and 13 cite the aggregate row's number."""
        aggregate = BY_TERMINAL["ROW_AGGREGATE"].number(form)
        return self.caption.replace("{aggregate}", str(aggregate))

    def number(self, form: Form | str) -> int | None:
        """The row's number on ``form`` (None when the form has no such row)."""
        return self.number_13d if form == Form.SCHEDULE_13D else self.number_13g


# What makes "SOLE VOTING" a row 7-10 head without its last word: "POWER" after it, or a value
# beside it (a gap, a tab) or nothing, the caption wrapping ("SOLE VOTING    1,000" / "POWER").
# ("7 Sole voting and dispositive power over..." in prose stays prose.) The same for "PERSON"
# after "NAME OF REPORTING" and "TYPE OF REPORTING".
_POWER_OR_GAP = "`/(?:\\s+power|(?=[ ]{2}|\\t|[ ]*$))/`"
_PERSON_OR_GAP = "`/(?:\\s+persons?|(?=[ ]{2}|\\t|[ ]*$))/`"
# What ends a 13G's short caption ("4. Citizenship ..... Cayman Islands", "2. Member of a
# Group? .... (a) [ ]", "4. Citizenship:.... Delaware"): a question mark, a colon, dot or
# underscore leaders, a gap or the line's end; so
# "6. Citizenship of the directors..." in prose stays prose.
_SHORT = "(?=[ ]*(?:[?:]|\\.{2,}|_{2,})|[ ]{2}|\\t|[ ]*$)"
_SHORT_END = f"`/{_SHORT}/`"
_PLACE_OR_SHORT = f"`/(?:\\s+(?:or|of)\\s+place|{_SHORT})/`"
# "CHECK THE APPROPRIATE [LINE] BOX": a word processor's placeholder left where the form draws
# a line (large advisers' 13Gs); read as the caption without it.
_LINE_PLACEHOLDER = "`/(?:[ \\t]*\\[[ \\t]*line[ \\t]*\\])?/`"

ROWS: tuple[CoverRow, ...] = (
    CoverRow(
        "ROW_NAME",
        "name",
        "NAME OF REPORTING PERSON",
        1,
        1,
        ValueKind.NAME,
        head=f"name(s) of [the] reporting{_PERSON_OR_GAP}",
        subcaption="I.R.S. IDENTIFICATION NO. OF ABOVE PERSON (ENTITIES ONLY)",
        # "Item 1:<tab>Reporting Person - FMR LLC" in the compact cover family.
        whole="[item 1:] {name(s) of [the] reporting [person(s)]|reporting person`/\\s*[-–—:]/`}",
        label="name",
    ),
    CoverRow(
        "ROW_GROUP",
        "member_of_group",
        "CHECK THE APPROPRIATE BOX IF A MEMBER OF A GROUP",
        2,
        2,
        ValueKind.GROUP_BOXES,
        # The 13G's short caption: "Member of a Group? ....... (a) [ ]  (b) [X]".
        head=f"{{check the appropriate{_LINE_PLACEHOLDER} box|member of [a] group{_SHORT_END}}}",
        whole=f"{{check the appropriate{_LINE_PLACEHOLDER} box if a member of a group"
        "|member of [a] group}",
        label="group",
    ),
    CoverRow(
        "ROW_SEC",
        "",
        "SEC USE ONLY",
        3,
        3,
        ValueKind.NONE,
        head="sec use only",
        whole="sec use only",
        label="",
    ),
    CoverRow(
        "ROW_FUNDS",
        "source_of_funds",
        "SOURCE OF FUNDS",
        4,
        None,
        ValueKind.FUNDS,
        head="source(s) of funds",
        whole="source(s) of funds [or other consideration]",
        label="funds",
    ),
    CoverRow(
        "ROW_LEGAL",
        "legal_proceedings",
        "CHECK IF DISCLOSURE OF LEGAL PROCEEDINGS IS REQUIRED PURSUANT TO ITEMS 2(d) OR 2(e)",
        5,
        None,
        ValueKind.BOX,
        head="{check [box] if disclosure|disclosure of legal}",
        whole="check [box] if disclosure of legal proceedings is required [pursuant to]"
        " [item(s) 2(d) or [item] 2(e)]",
        label="legal proceedings",
    ),
    CoverRow(
        "ROW_CITIZEN",
        "citizenship",
        "CITIZENSHIP OR PLACE OF ORGANIZATION",
        6,
        4,
        ValueKind.PLACE,
        # "CITIZENSHIP OF PLACE OF ORGANIZATION": a filers' typo, read as the caption.
        # The 13G's short caption: "Citizenship ........ Cayman Islands".
        head=f"citizenship{_PLACE_OR_SHORT}",
        whole="citizenship [{or|of} place of {organization|organisation}]",
        label="citizenship",
        beside_label=True,
    ),
    CoverRow(
        "ROW_SOLE_VOTE",
        "sole_voting_power",
        "SOLE VOTING POWER",
        7,
        5,
        ValueKind.SHARES,
        head=f"sole voting{_POWER_OR_GAP}",
        whole="sole voting [power]",
        label="sole voting",
        beside_label=True,
    ),
    CoverRow(
        "ROW_SHARED_VOTE",
        "shared_voting_power",
        "SHARED VOTING POWER",
        8,
        6,
        ValueKind.SHARES,
        head=f"shared voting{_POWER_OR_GAP}",
        whole="shared voting [power]",
        label="shared voting",
        beside_label=True,
    ),
    CoverRow(
        "ROW_SOLE_DISP",
        "sole_dispositive_power",
        "SOLE DISPOSITIVE POWER",
        9,
        7,
        ValueKind.SHARES,
        head=f"sole dispositive{_POWER_OR_GAP}",
        whole="sole dispositive [power]",
        label="sole dispositive",
        beside_label=True,
    ),
    CoverRow(
        "ROW_SHARED_DISP",
        "shared_dispositive_power",
        "SHARED DISPOSITIVE POWER",
        10,
        8,
        ValueKind.SHARES,
        head=f"shared dispositive{_POWER_OR_GAP}",
        whole="shared dispositive [power]",
        label="shared dispositive",
        beside_label=True,
    ),
    CoverRow(
        "ROW_AGGREGATE",
        "aggregate_amount",
        "AGGREGATE AMOUNT BENEFICIALLY OWNED BY EACH REPORTING PERSON",
        11,
        9,
        ValueKind.SHARES,
        head="aggregate amount beneficially",
        # Also written short, "AGGREGATE AMOUNT BENEFICIALLY OWNED   1,250,000".
        whole="aggregate amount beneficially owned [by [each] [the] reporting person(s)]",
        label="aggregate",
    ),
    CoverRow(
        "ROW_EXCLUDES",
        "excludes_certain_shares",
        "CHECK IF THE AGGREGATE AMOUNT IN ROW ({aggregate}) EXCLUDES CERTAIN SHARES",
        12,
        10,
        ValueKind.BOX,
        # Also written as a statement: "10. The Aggregate Amount in Row 9 excludes: 260,896 ...".
        # And the 13G's short caption: "Aggregate Amount Excludes Shares? ...... [ ]".
        head="{check [box] if [the] aggregate amount|the aggregate amount in row # excludes"
        f"|aggregate amount excludes [certain] shares{_SHORT_END}}}",
        whole="{check [box] if [the] aggregate amount in row # excludes certain shares"
        "|aggregate amount excludes [certain] shares}",
        label="excludes certain shares",
    ),
    CoverRow(
        "ROW_PERCENT",
        "percent_of_class",
        "PERCENT OF CLASS REPRESENTED BY AMOUNT IN ROW ({aggregate})",
        13,
        11,
        ValueKind.PERCENT,
        head="percent of class",
        # Also the 13G's short "Percent of Class ....... 5.9%".
        whole="percent of class [represented by [amount in] row #]",
        label="percent",
    ),
    CoverRow(
        "ROW_TYPE",
        "type_of_reporting_person",
        "TYPE OF REPORTING PERSON",
        14,
        12,
        ValueKind.TYPE_CODES,
        head=f"type(s) of reporting{_PERSON_OR_GAP}",
        whole="type(s) of reporting [person(s)]",
        label="type",
    ),
)

BY_TERMINAL: dict[str, CoverRow] = {row.terminal: row for row in ROWS}
ROW_TERMINALS = frozenset(BY_TERMINAL)
# Rows in each form's order, and each row's number there, by terminal.
ROWS_13D: tuple[str, ...] = tuple(row.terminal for row in ROWS)
ROWS_13G: tuple[str, ...] = tuple(
    row.terminal for row in sorted(ROWS, key=lambda r: r.number_13g or 0) if row.number_13g
)
ROW_NUMBERS: dict[str, int] = {row.terminal: row.number_13d for row in ROWS}
ROW_NUMBERS_13G: dict[str, int] = {
    row.terminal: row.number_13g for row in ROWS if row.number_13g is not None
}


def rows_of(form: Form | str) -> tuple[CoverRow, ...]:
    """The rows of ``form`` in its order."""
    terminals = ROWS_13D if form == Form.SCHEDULE_13D else ROWS_13G
    return tuple(BY_TERMINAL[t] for t in terminals)


# --- the phrase notation, compiled to Lark terminals -------------------------------------------

# What may follow a whole caption before its value: "(See Instructions)", "(Entities Only)",
# footnote marks, a cited row number, and dot leaders or a colon.
_TAIL = (
    '(/\\s*/ "(" /\\s*/ ("see" _S "instructions" | "entities" _S "only") /\\s*/ ")"'
    # A lone "." before a digit is the value's decimal point (".73%"), not a leader.
    " | /\\s*\\*+/ | /[ \\t]*\\(\\d{1,2}\\)/ | /[ \\t]*(?:[:…?]|\\.{2,}|\\.(?!\\d))+/"
    # Underscore leaders lead to a value or a box on the line ("Citizenship ____ Delaware");
    # underscores ending the line are an empty box ("2(e)  ___"), and so are underscores before
    # a group letter ("___ (a)  X (b)": boxes before their letters).
    " | /[ \\t]*_{2,}(?=[ \\t]*[^\\s_])(?![ \\t]*\\(\\s?[abAB]\\s?\\))/"
    # A dash after the caption leads to a value only when one follows on the line: "--" alone
    # there is the value (a zero), and so is a dash against a digit ("-0-").
    " | /[ \\t]*[\\-–]+(?!\\d)(?=[ \\t]*[^\\s\\-–])/)*"
)
_ROW_NUMBER = "/\\(?\\s*\\d{1,2}\\s*\\)?/"
_TOKEN = re.compile(r"`[^`]*`|[\[\]{}|]|[^\s\[\]{}|`]+")


def _word(word: str) -> str:
    if word == "#":
        return _ROW_NUMBER
    plural = word.endswith("(s)")
    stem = word[:-3] if plural else word
    if "(" in stem:  # "2(d)": a space may stand before the parenthesis
        before, _, after = stem.partition("(")
        return f'"{before}" /\\s*/ "({after}"'
    return f'"{stem}"' + (' "s"?' if plural else "")


def _glue(next_token: str) -> str:
    """What separates a part from the next one, which begins with ``next_token``."""
    if next_token.startswith("`"):
        return ""
    return "/\\s*/" if next_token == "#" else "_S"


def phrase_to_lark(phrase: str) -> str:
    """A caption phrase (see the module docstring) as a Lark terminal expression."""
    tokens = _TOKEN.findall(phrase)
    position = 0

    def sequence(stop: frozenset[str]) -> str:
        nonlocal position
        parts: list[tuple[str, str]] = []  # (Lark expression, the token it began with)
        while position < len(tokens) and tokens[position] not in stop:
            token = tokens[position]
            position += 1
            if token == "[":
                parts.append((f"({sequence(frozenset(']'))})?", token))
                position += 1
            elif token == "{":
                choices = [sequence(frozenset("|}"))]
                while tokens[position] == "|":
                    position += 1
                    choices.append(sequence(frozenset("|}")))
                position += 1
                parts.append(("(" + " | ".join(choices) + ")", token))
            elif token.startswith("`"):
                parts.append((token.strip("`"), token))
            else:
                parts.append((_word(token), token))
        # Words are separated by whitespace, a row number may follow its word without a space
        # ("row(11)"), a raw piece follows directly; an optional part carries the separator in
        # front of it (the one after it when it opens the phrase).
        out: list[str] = []
        for index, (part, token) in enumerate(parts):
            optional = part.endswith(")?")
            if index == 0:
                opening = optional and len(parts) > 1
                out.append(part[:-2] + " " + _glue(parts[1][1]) + ")?" if opening else part)
            elif index == 1 and parts[0][0].endswith(")?"):
                out.append(part)  # the optional first part carries the separator
            elif optional:
                out.append("(" + _glue(token) + " " + part[1:])
            else:
                out.append(_glue(token) + " " + part)
        return " ".join(" ".join(out).split())

    return sequence(frozenset())


def _words(phrase: str) -> tuple[list[str], list[list[list[str]]]]:
    """The words a phrase always has, outside ``[...]``, and its choices (each a list of the
    alternatives' words, by the same rule)."""
    tokens = _TOKEN.findall(phrase)
    required: list[str] = []
    choices: list[list[list[str]]] = []
    depth = 0
    alternatives: list[list[str]] = []
    for token in tokens:
        if token == "[":
            depth += 1
        elif token == "]":
            depth -= 1
        elif token == "{":
            alternatives = [[]]
        elif token == "|" and alternatives:
            alternatives.append([])
        elif token == "}":
            choices.append(alternatives)
            alternatives = []
        elif depth == 0 and not token.startswith("`") and token != "#":
            word = token.removesuffix("(s)").lower()
            (alternatives[-1] if alternatives else required).append(word)
    return required, choices


def required_words(phrase: str) -> frozenset[str]:
    """Words every line that matches ``phrase`` contains (in any case)."""
    required, choices = _words(phrase)
    words = set(required)
    for alternatives in choices:
        words |= set.intersection(*(set(words) for words in alternatives))
    return frozenset(words)


def key_words(phrase: str) -> frozenset[str]:
    """Words one of which every line that matches ``phrase`` contains: its longest required
    word, or, when its alternatives share none, the longest of each alternative."""
    common = required_words(phrase)
    if common:
        return frozenset({max(sorted(common), key=len)})
    _, choices = _words(phrase)
    return frozenset(max(sorted(words), key=len) for words in choices[0])


def first_words(phrase: str) -> frozenset[str]:
    """The words a match of ``phrase`` can begin with (a phrase opens with a word or a choice)."""
    tokens = _TOKEN.findall(phrase)
    if tokens[0] != "{":
        return frozenset({tokens[0].removesuffix("(s)").lower()})
    _, choices = _words(phrase)
    return frozenset(alternative[0] for alternative in choices[0])


def caption_grammar() -> str:
    """The caption terminals as a Lark grammar: ``<ROW>_HEAD`` (what makes a line the row's first
    line, matched after the row number) and ``<ROW>_CAPTION`` (the whole caption and its tail,
    cut off before the value)."""
    lines = ["_S: /\\s+/", f"_TAIL: {_TAIL}"]
    for row in ROWS:
        lines.append(f"{row.terminal}_HEAD: {phrase_to_lark(row.head)}")
        lines.append(f"{row.terminal}_CAPTION: /\\s*/ {phrase_to_lark(row.whole)} _TAIL")
    return "\n".join(lines) + "\n"


@functools.cache
def caption_patterns() -> dict[str, re.Pattern[str]]:
    """The compiled caption terminals, by name (``ROW_SOLE_VOTE_HEAD``, ...)."""
    from compiler.frontend.terminals import compile_terminals

    # Captions match in any case (the notation's words are written in lower case).
    return compile_terminals(caption_grammar(), "<cover-row schema>", re.IGNORECASE)


def markdown_table() -> str:
    """The row table as docs/grammar.md shows it (``python -m compiler.schema`` prints it)."""
    lines = [
        "| 13D | 13G | terminal | IR field | value | caption as printed | caption words (phrase) |",
        "|---:|---:|---|---|---|---|---|",
    ]
    for row in ROWS:
        number_13g = "" if row.number_13g is None else str(row.number_13g)
        whole = row.whole.replace("|", "\\|")
        lines.append(
            f"| {row.number_13d} | {number_13g} | `{row.terminal}` | `{row.field or '-'}` "
            f"| {row.kind.value} | {row.caption_on(Form.SCHEDULE_13D)} | `{whole}` |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(markdown_table(), end="")
