"""A house style: every choice a filing agent makes when typing a Schedule 13D or 13G, each
dimension a list of options whose first is the plain style the corpus shows most.

A variant class (see :mod:`restyle.variants`) varies one dimension, or all of them, from the
plain style; the rest of the generator reads a :class:`Style` and nothing else, so the same seed
always writes the same filing."""

from __future__ import annotations

import random
from dataclasses import dataclass, fields, replace

# Every dimension and its options; the first option is the plain style.
OPTIONS: dict[str, tuple[str, ...]] = {
    # how a cover row's number is written
    "numbering": ("{n}", "{n}.", "({n})", "{n})", "Item {n}:", ""),
    # what draws the boxes of the cover page
    "rules": ("dashes", "none", "equals", "underscores", "pipes", "plus"),
    # where a row's value stands
    "placement": ("beside", "under", "bar", "qualifier"),
    # how zero is spelled in a share row
    "zero": ("0", "-0-", "None", "Nil", "zero", "--", "—", "-", "0 shares"),
    # how a non-zero share count is written
    "number_style": (
        "{:,}",
        "{:,} (1)",
        "{:,}*",
        "{:,} shares",
        "{:d}",
        "{:,} Shares of Common Stock",
    ),
    # how a percentage is written
    "percent_style": ("{}%", "{} %", "{} percent", "{}%*", "{}% (1)", "approximately {}%", "{}%**"),
    # a note after a number on the cover page
    "value_note": ("", " (See Item 5)", " (1)(2)", " shares (see Item 5 below)"),
    # row 1's second caption line, the identification number's
    "name_caption": ("one-line", "irs-line", "irs-line-wrapped"),
    # the amendment number on the title page
    "amendment": ("none", "(Amendment No. {n})", "Amendment No. {n}", "(Amendment No. {n})*"),
    # codes written as the words of the form's list
    "code_words": ("codes", "words"),
    # how a trade's share count and price cells are written
    "trade_cells": ("plain", "footnoted", "dollar-apart", "no-dollar"),
    # what follows a caption
    "caption_tail": ("", " (See Instructions)", "*", ":", " (SEE INSTRUCTIONS)*"),
    # how several codes of row 4 and row 14 are joined
    "codes": (", ", "; ", " / ", " and ", " "),
    # long names and citizenships wrapped over two lines
    "wrap": ("none", "wrap"),
    # long captions wrapped over two lines, the value beside the first ("wrap-bar": in a
    # third column after a bar, as Word tables saved as text have it)
    "caption_wrap": ("none", "wrap", "wrap-bar"),
    # how the CUSIP is written on the title page
    "cusip_style": ("plain", "spaced", "dashed", "labelled"),
    # how the title page's date of event is written
    "event_style": ("%B %d, %Y", "%m/%d/%Y", "%d-%b-%Y", "%B %d,%Y", "%b. %d, %Y"),
    # what is appended to a reporting person's name
    "name_id": (
        "",
        " I.R.S. No. 13-1234567",
        "\nI.R.S. No. 13-1234567",
        " ###-##-####",
        " - 13-1234567",
        " (I.R.S. Identification No. 13-1234567)",
        "\nS.S. or I.R.S. Identification No.: 13-1234567",
        " 13-1234567",
    ),
    # the marks of the check boxes
    "boxes": ("[X]|[ ]", "|X||_|", "(X)|( )", "☒|☐", "[x]|[_]", "/X/|/ /", "X|___", "x|o", "☑|☐"),
    # how the group boxes of row 2 are labelled
    "group": ("(a) {a}  (b) {b}", "(a) {a}\n(b) {b}", "{a} (a)  {b} (b)", "A. {a}  B. {b}"),
    # the left-hand label beside rows 7-10 (13D) / 5-8 (13G)
    "power_label": ("none", "label"),
    # columns separated by tabs instead of spaces
    "tabs": ("spaces", "tabs"),
    # a page break (and running header) inside the cover page, after this row
    "cover_break": ("none", "after-3", "after-6", "after-9", "after-11"),
    # caption wording
    "captions": ("form", "typo-citizenship", "title-case", "row-ref-bare"),
    # how Item 5(c) gives the trades
    "trades": (
        "table",
        "table-reordered",
        "table-with-nature",
        "table-with-person",
        "prose",
        "schedule",
        "paragraphs",
        "prose-joined",
        "table-by-side",
        "table-side-columns",
        "table-with-total",
        "table-with-settlement",
        "table-all-columns",
    ),
    # how a trade's date is written
    "date_format": (
        "%m/%d/%Y",
        "%m/%d/%y",
        "%B %d, %Y",
        "%Y-%m-%d",
        "%d-%b-%y",
        "%b. %d, %Y",
        "{m}/{d}/{yy}",
        "%d %B %Y",
    ),
    # a page break (and running header) inside the trade table
    "table_break": ("none", "middle", "middle-headings-again"),
    # a page break inside Item 4 (13D) or Item 2 (13G), its heading repeated after it
    "item_break": ("none", "continued", "running-heading"),
    # directors and officers listed in an annex after the signature (13D)
    "annex": (
        "none",
        "labelled",
        "columns",
        "list-with-addresses",
        "name-and-title",
        "name-then-indented-address",
        "name-title-then-address",
    ),
    # plain text, or HTML (cover pages as tables, items as paragraphs, trades as a table)
    "format": ("text", "html"),
    # the form: a 13D, a 13G, or a 13G with no title page (Items 1(a) and 2(d) only)
    "schedule": ("13D", "13G", "13G-no-title"),
}


@dataclass(frozen=True, slots=True)
class Style:
    numbering: str = OPTIONS["numbering"][0]
    rules: str = OPTIONS["rules"][0]
    placement: str = OPTIONS["placement"][0]
    zero: str = OPTIONS["zero"][0]
    number_style: str = OPTIONS["number_style"][0]
    percent_style: str = OPTIONS["percent_style"][0]
    value_note: str = OPTIONS["value_note"][0]
    name_caption: str = OPTIONS["name_caption"][0]
    amendment: str = OPTIONS["amendment"][0]
    code_words: str = OPTIONS["code_words"][0]
    trade_cells: str = OPTIONS["trade_cells"][0]
    caption_tail: str = OPTIONS["caption_tail"][0]
    codes: str = OPTIONS["codes"][0]
    wrap: str = OPTIONS["wrap"][0]
    caption_wrap: str = OPTIONS["caption_wrap"][0]
    cusip_style: str = OPTIONS["cusip_style"][0]
    event_style: str = OPTIONS["event_style"][0]
    name_id: str = OPTIONS["name_id"][0]
    boxes: str = OPTIONS["boxes"][0]
    group: str = OPTIONS["group"][0]
    power_label: str = OPTIONS["power_label"][0]
    tabs: str = OPTIONS["tabs"][0]
    cover_break: str = OPTIONS["cover_break"][0]
    captions: str = OPTIONS["captions"][0]
    trades: str = OPTIONS["trades"][0]
    date_format: str = OPTIONS["date_format"][0]
    table_break: str = OPTIONS["table_break"][0]
    item_break: str = OPTIONS["item_break"][0]
    annex: str = OPTIONS["annex"][0]
    format: str = OPTIONS["format"][0]
    schedule: str = OPTIONS["schedule"][0]

    @property
    def marks(self) -> tuple[str, str]:
        marked, _, empty = self.boxes.partition("|") if self.boxes.count("|") == 1 else ("", "", "")
        if not marked:  # "|X||_|": the pipes are the box
            return "|X|", "|_|"
        return marked, empty

    def describe(self) -> str:
        plain = Style()
        changed = [
            f"{f.name}={getattr(self, f.name)!r}"
            for f in fields(self)
            if getattr(self, f.name) != getattr(plain, f.name)
        ]
        return ", ".join(changed) or "plain"


def mixed(rng: random.Random) -> Style:
    """Every dimension chosen at random."""
    style = Style(**{name: rng.choice(options) for name, options in OPTIONS.items()})
    if style.numbering == "" and style.captions == "title-case":
        # Unnumbered captions are rows only in capitals, by the grammar's rule (prose names the
        # rows in lower case: "the sole voting power of..."), so mixed styles do not combine them.
        return replace(style, captions="form")
    return style
