"""Lines of every kind, for the tests that feed random line sequences to the grammar (the
grammar tests and the parser's shortcut tests)."""

from __future__ import annotations

# A pool with lines of every terminal: any sequence of them is accepted from "start".
# The 14 captions, with a value where the caption line usually has one.
CAPTIONS = (
    ("NAME OF REPORTING PERSON", ""),
    ("CHECK THE APPROPRIATE BOX IF A MEMBER OF A GROUP", "(a) [ ]  (b) [X]"),
    ("SEC USE ONLY", ""),
    ("SOURCE OF FUNDS", "WC"),
    ("CHECK IF DISCLOSURE OF LEGAL PROCEEDINGS IS REQUIRED PURSUANT TO ITEMS 2(d) OR 2(e)", "[ ]"),
    ("CITIZENSHIP OR PLACE OF ORGANIZATION", "Delaware"),
    ("SOLE VOTING POWER", "1,234,567"),
    ("SHARED VOTING POWER", "-0-"),
    ("SOLE DISPOSITIVE POWER", "1,234,567"),
    ("SHARED DISPOSITIVE POWER", "-0-"),
    ("AGGREGATE AMOUNT BENEFICIALLY OWNED BY EACH REPORTING PERSON", "1,234,567"),
    ("CHECK IF THE AGGREGATE AMOUNT IN ROW (11) EXCLUDES CERTAIN SHARES", "[ ]"),
    ("PERCENT OF CLASS REPRESENTED BY AMOUNT IN ROW (11)", "6.4%"),
    ("TYPE OF REPORTING PERSON", "PN"),
)


LINE_POOL = [
    "",
    "Some prose that says nothing in particular.",
    "<PAGE>",
    "-----------------------------------------",
    "CUSIP No. 282912104        13D        Page 2 of 9 Pages",
    "<TABLE>",
    "12/23/2003      66,000      $4.90",
    "SCHEDULE 13D",
    "(Amendment No. 2)",
    "(Name of Issuer)",
    "(Title of Class of Securities)",
    "(CUSIP Number)",
    "(Name, Address and Telephone Number of Person Authorized to Receive Notices)",
    "(Date of Event Which Requires Filing of This Statement)",
    *(f"{n:<3}{caption}  {value}" for n, (caption, value) in enumerate(CAPTIONS, start=1)),
    "Item 4.  Purpose of Transaction.",
    "SIGNATURE",
    "After reasonable inquiry and to the best of my knowledge",
    "ANNEX A",
    "EXHIBIT 1",
]
