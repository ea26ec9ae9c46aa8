"""One minimal hand-written case per layout family of the cover page (issue: real-world accuracy).

Every rule the grammar and the lowering follow for a family is stated here as a filing of that
family, small enough to read: row numbers written 1, 1., (1), 1), Item 1:; boxes of dashes, pipes,
+---+ corners, underscores, === or none; values on the caption line, below it, in a right-hand
column, after dot leaders or a colon; rows 7-10 beside the "NUMBER OF SHARES" label; tabs; and the
check-box and value spellings filings use.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from compiler import compile_filing
from compiler.ir import ReportingPerson

TITLE = """\
                                  SCHEDULE 13D
                               (Amendment No. 4)

                               Acme Widgets, Inc.
                                (Name of Issuer)

                          Common Stock, $0.01 par value
                         (Title of Class of Securities)

                                  282912 10 4
                                 (CUSIP Number)

                                 March 3, 2020
             (Date of Event Which Requires Filing of This Statement)
<PAGE>
"""
BODY = """
<PAGE>
Item 1.  Security and Issuer.

     Common Stock of Acme Widgets, Inc.

                                   SIGNATURE

Date: March 5, 2020                     /s/ Jane Q. Public
"""


def person(cover: str, schedule: str = "13D") -> ReportingPerson:
    title = TITLE.replace("SCHEDULE 13D", f"SCHEDULE {schedule}")
    filing = compile_filing((title + cover + BODY).encode(), "family.txt")
    assert len(filing.reporting_persons) == 1, filing.diagnostics
    return filing.reporting_persons[0]


EXPECTED: dict[str, Any] = {
    "name": "Jane Q. Public",
    "member_of_group": (False, True),
    "source_of_funds": ("PF",),
    "legal_proceedings": False,
    "citizenship": "United States",
    "sole_voting_power": 600000,
    "shared_voting_power": 0,
    "sole_dispositive_power": 600000,
    "shared_dispositive_power": 0,
    "aggregate_amount": 600000,
    "excludes_certain_shares": False,
    "percent_of_class": Decimal("6.0"),
    "type_of_reporting_person": ("IN",),
}


def values(p: ReportingPerson) -> dict[str, Any]:
    return {
        "name": p.name,
        "member_of_group": (p.member_of_group.a, p.member_of_group.b),
        "source_of_funds": tuple(p.source_of_funds or ()),
        "legal_proceedings": p.legal_proceedings,
        "citizenship": p.citizenship,
        "sole_voting_power": p.sole_voting_power,
        "shared_voting_power": p.shared_voting_power,
        "sole_dispositive_power": p.sole_dispositive_power,
        "shared_dispositive_power": p.shared_dispositive_power,
        "aggregate_amount": p.aggregate_amount,
        "excludes_certain_shares": p.excludes_certain_shares,
        "percent_of_class": p.percent_of_class,
        "type_of_reporting_person": tuple(p.type_of_reporting_person),
    }


FAMILIES = {
    # "1)" numbers, no rules, values on the line below, rows 7-10 beside the label, / / boxes
    "parenthesis-numbers-values-below": """
1)  NAME OF REPORTING PERSON
    S.S. OR I.R.S. IDENTIFICATION NO. OF ABOVE PERSON

        Jane Q. Public
        S.S. No. ###-##-####

2)  CHECK THE APPROPRIATE BOX IF A MEMBER OF A GROUP*
                                                             (a) / /
                                                             (b) /X/
3)  SEC USE ONLY

4)  SOURCE OF FUNDS*

        PF

5)  CHECK BOX IF DISCLOSURE OF LEGAL PROCEEDINGS IS REQUIRED
    PURSUANT TO ITEMS 2(d) OR 2(e)
                                                                 / /
6)  CITIZENSHIP OR PLACE OF ORGANIZATION

        United States

NUMBER OF         7)  SOLE VOTING POWER
SHARES                    600,000
BENEFICIALLY
OWNED BY          8)  SHARED VOTING POWER
EACH                      -0-
REPORTING
PERSON WITH       9)  SOLE DISPOSITIVE POWER
                          600,000

                 10)  SHARED DISPOSITIVE POWER
                          -0-

11) AGGREGATE AMOUNT BENEFICIALLY OWNED BY EACH REPORTING PERSON

        600,000

12) CHECK BOX IF THE AGGREGATE AMOUNT IN ROW (11) EXCLUDES CERTAIN SHARES*
                                                                 / /
13) PERCENT OF CLASS REPRESENTED BY AMOUNT IN ROW (11)

        6.0%

14) TYPE OF REPORTING PERSON*

        IN
""",
    # table bars, values in the right-hand column, [ ]/[X]
    "pipe-box-right-column": """
- -------------------------------------------------------------------------------
|  1  |  NAME OF REPORTING PERSON                                             |
|     |  Jane Q. Public                                                       |
|-----|-----------------------------------------------------------------------|
|  2  |  CHECK THE APPROPRIATE BOX IF A MEMBER OF A GROUP*           (a) [ ]  |
|     |                                                              (b) [X]  |
|-----|-----------------------------------------------------------------------|
|  3  |  SEC USE ONLY                                                         |
|-----|-----------------------------------------------------------------------|
|  4  |  SOURCE OF FUNDS*                                     PF              |
|-----|-----------------------------------------------------------------------|
|  5  |  CHECK BOX IF DISCLOSURE OF LEGAL PROCEEDINGS IS REQUIRED             |
|     |  PURSUANT TO ITEMS 2(d) OR 2(e)                               [ ]     |
|-----|-----------------------------------------------------------------------|
|  6  |  CITIZENSHIP OR PLACE OF ORGANIZATION                 United States   |
|-----------------------------------------------------------------------------|
|   NUMBER OF    |  7  |  SOLE VOTING POWER                 600,000           |
|     SHARES     |-----|------------------------------------------------------|
|  BENEFICIALLY  |  8  |  SHARED VOTING POWER               -0-               |
|    OWNED BY    |-----|------------------------------------------------------|
|      EACH      |  9  |  SOLE DISPOSITIVE POWER            600,000           |
|   REPORTING    |-----|------------------------------------------------------|
|     PERSON     | 10  |  SHARED DISPOSITIVE POWER          -0-               |
|      WITH      |     |                                                      |
|-----------------------------------------------------------------------------|
| 11  |  AGGREGATE AMOUNT BENEFICIALLY OWNED BY EACH REPORTING PERSON         |
|     |                                                       600,000         |
|-----|-----------------------------------------------------------------------|
| 12  |  CHECK BOX IF THE AGGREGATE AMOUNT IN ROW (11) EXCLUDES               |
|     |  CERTAIN SHARES*                                              [ ]     |
|-----|-----------------------------------------------------------------------|
| 13  |  PERCENT OF CLASS REPRESENTED BY AMOUNT IN ROW (11)   6.0%            |
|-----|-----------------------------------------------------------------------|
| 14  |  TYPE OF REPORTING PERSON*                            IN              |
- -------------------------------------------------------------------------------
""",
    # +---+ corners, "(1)" numbers, values below with footnote marks, [ ] boxes
    "plus-corners-parenthesized": """
+-----+------------------------------------------------------------------------+
| (1) | NAME OF REPORTING PERSON                                               |
|     |      Jane Q. Public                                                    |
+-----+------------------------------------------------------------------------+
| (2) | CHECK THE APPROPRIATE BOX IF A MEMBER OF A GROUP*              (a) [ ] |
|     |                                                                (b) [X] |
+-----+------------------------------------------------------------------------+
| (3) | SEC USE ONLY                                                           |
+-----+------------------------------------------------------------------------+
| (4) | SOURCE OF FUNDS*                                                       |
|     |      PF                                                                |
+-----+------------------------------------------------------------------------+
| (5) | CHECK BOX IF DISCLOSURE OF LEGAL PROCEEDINGS IS REQUIRED PURSUANT      |
|     | TO ITEMS 2(d) OR 2(e)                                              [ ] |
+-----+------------------------------------------------------------------------+
| (6) | CITIZENSHIP OR PLACE OF ORGANIZATION                                   |
|     |      United States                                                     |
+-----+--------------+-----+---------------------------------------------------+
|                    | (7) | SOLE VOTING POWER                                 |
|     NUMBER OF      |     |      600,000 (1)                                  |
|      SHARES        +-----+---------------------------------------------------+
|   BENEFICIALLY     | (8) | SHARED VOTING POWER                               |
|     OWNED BY       |     |      0                                            |
|       EACH         +-----+---------------------------------------------------+
|    REPORTING       | (9) | SOLE DISPOSITIVE POWER                            |
|   PERSON WITH      |     |      600,000 (1)                                  |
|                    +-----+---------------------------------------------------+
|                    |(10) | SHARED DISPOSITIVE POWER                          |
|                    |     |      0                                            |
+-----+--------------+-----+---------------------------------------------------+
|(11) | AGGREGATE AMOUNT BENEFICIALLY OWNED BY EACH REPORTING PERSON           |
|     |      600,000 (1)                                                       |
+-----+------------------------------------------------------------------------+
|(12) | CHECK BOX IF THE AGGREGATE AMOUNT IN ROW (11) EXCLUDES CERTAIN         |
|     | SHARES*                                                            [ ] |
+-----+------------------------------------------------------------------------+
|(13) | PERCENT OF CLASS REPRESENTED BY AMOUNT IN ROW (11)                     |
|     |      6.0% (1)                                                          |
+-----+------------------------------------------------------------------------+
|(14) | TYPE OF REPORTING PERSON*                                              |
|     |      IN                                                                |
+-----+------------------------------------------------------------------------+
""",
    # "1." numbers, tabs, underscore rules, rows 7-10 values on the caption line, [_] boxes
    "tabs-underscores": (
        "1.\tNAME OF REPORTING PERSON\n\n\tJane Q. Public\n"
        "______________________________________________________________________________\n"
        "2.\tCHECK THE APPROPRIATE BOX IF A MEMBER OF A GROUP*\t\t\t(a) [_]\n"
        "\t\t\t\t\t\t\t\t\t(b) [X]\n"
        "3.\tSEC USE ONLY\n"
        "4.\tSOURCE OF FUNDS*\n\n\tPF\n"
        "5.\tCHECK BOX IF DISCLOSURE OF LEGAL PROCEEDINGS IS REQUIRED PURSUANT\n"
        "\tTO ITEMS 2(d) OR 2(e)\t\t\t\t\t\t[_]\n"
        "6.\tCITIZENSHIP OR PLACE OF ORGANIZATION\n\n\tUnited States\n"
        "______________________________________________________________________________\n"
        "\t\t7.\tSOLE VOTING POWER\t\t\t600,000\n"
        "  NUMBER OF\t______________________________________________________________\n"
        "   SHARES\t8.\tSHARED VOTING POWER\t\t0\n"
        "BENEFICIALLY\t______________________________________________________________\n"
        "  OWNED BY\t9.\tSOLE DISPOSITIVE POWER\t\t600,000\n"
        "    EACH\t______________________________________________________________\n"
        " REPORTING\t10.\tSHARED DISPOSITIVE POWER\t0\n"
        "PERSON WITH\n"
        "______________________________________________________________________________\n"
        "11.\tAGGREGATE AMOUNT BENEFICIALLY OWNED BY EACH REPORTING PERSON\n\n\t600,000\n"
        "12.\tCHECK BOX IF THE AGGREGATE AMOUNT IN ROW (11) EXCLUDES CERTAIN\n"
        "\tSHARES*\t\t\t\t\t\t\t[_]\n"
        "13.\tPERCENT OF CLASS REPRESENTED BY AMOUNT IN ROW (11)\n\n\t6.0% (2)\n"
        "14.\tTYPE OF REPORTING PERSON*\n\n\tIN\n"
    ),
    # values after a colon on the caption line, the label as a heading line
    "colon-values": """
1.  NAME OF REPORTING PERSON:  Jane Q. Public
    I.R.S. IDENTIFICATION NO. OF ABOVE PERSON (ENTITIES ONLY):

2.  CHECK THE APPROPRIATE BOX IF A MEMBER OF A GROUP:   (a) [ ]   (b) [X]

3.  SEC USE ONLY

4.  SOURCE OF FUNDS:  PF

5.  CHECK BOX IF DISCLOSURE OF LEGAL PROCEEDINGS IS REQUIRED PURSUANT TO
    ITEMS 2(d) OR 2(e):  [ ]

6.  CITIZENSHIP OR PLACE OF ORGANIZATION:  United States

    NUMBER OF SHARES BENEFICIALLY OWNED BY EACH REPORTING PERSON WITH:

7.  SOLE VOTING POWER:  600,000

8.  SHARED VOTING POWER:  None

9.  SOLE DISPOSITIVE POWER:  600,000

10. SHARED DISPOSITIVE POWER:  Nil

11. AGGREGATE AMOUNT BENEFICIALLY OWNED BY EACH REPORTING PERSON:  600,000*

12. CHECK BOX IF THE AGGREGATE AMOUNT IN ROW (11) EXCLUDES CERTAIN SHARES:  [ ]

13. PERCENT OF CLASS REPRESENTED BY AMOUNT IN ROW (11):  6.0%*

14. TYPE OF REPORTING PERSON:  IN
""",
    # the name in the right-hand column, |_| boxes, === and --- rules
    "right-column-pipe-boxes": """
==============================================================================
 1   NAME OF REPORTING PERSON                                   Jane Q. Public
     I.R.S. IDENTIFICATION NO. OF ABOVE PERSON (ENTITIES ONLY)
------------------------------------------------------------------------------
 2   CHECK THE APPROPRIATE BOX IF A MEMBER OF A GROUP                (a) |_|
                                                                     (b) |X|
------------------------------------------------------------------------------
 3   SEC USE ONLY
------------------------------------------------------------------------------
 4   SOURCE OF FUNDS                                                     PF
------------------------------------------------------------------------------
 5   CHECK BOX IF DISCLOSURE OF LEGAL PROCEEDINGS IS REQUIRED
     PURSUANT TO ITEMS 2(d) OR 2(e)                                     |_|
------------------------------------------------------------------------------
 6   CITIZENSHIP OR PLACE OF ORGANIZATION                     United States
------------------------------------------------------------------------------
  NUMBER OF     7   SOLE VOTING POWER                                600,000
   SHARES      ---------------------------------------------------------------
BENEFICIALLY    8   SHARED VOTING POWER                                    0
  OWNED BY     ---------------------------------------------------------------
    EACH        9   SOLE DISPOSITIVE POWER                           600,000
 REPORTING     ---------------------------------------------------------------
PERSON WITH    10   SHARED DISPOSITIVE POWER                               0
------------------------------------------------------------------------------
11   AGGREGATE AMOUNT BENEFICIALLY OWNED BY EACH REPORTING PERSON       600,000
------------------------------------------------------------------------------
12   CHECK BOX IF THE AGGREGATE AMOUNT IN ROW (11) EXCLUDES
     CERTAIN SHARES                                                     |_|
------------------------------------------------------------------------------
13   PERCENT OF CLASS REPRESENTED BY AMOUNT IN ROW (11)                 6.0 %
------------------------------------------------------------------------------
14   TYPE OF REPORTING PERSON                                              IN
==============================================================================
""",
    # rows 7-10 interleaved with the label words, values on their own lines
    "interleaved-label": """
 1     NAME OF REPORTING PERSON

            Jane Q.
            Public

 2     CHECK THE APPROPRIATE BOX IF A MEMBER OF A GROUP
                                                                   (a) ( )
                                                                   (b) (X)
 3     SEC USE ONLY

 4     SOURCE OF FUNDS

            PF

 5     CHECK BOX IF DISCLOSURE OF LEGAL PROCEEDINGS IS REQUIRED PURSUANT
       TO ITEMS 2(d) OR 2(e)                                           ( )

 6     CITIZENSHIP OR PLACE OF ORGANIZATION

            United States

                    7     SOLE VOTING POWER
  NUMBER OF
                               600,000
   SHARES
                    8     SHARED VOTING POWER
BENEFICIALLY
                               None
  OWNED BY
                    9     SOLE DISPOSITIVE POWER
    EACH
                               600,000
 REPORTING
                   10     SHARED DISPOSITIVE POWER
PERSON WITH
                               None

11     AGGREGATE AMOUNT BENEFICIALLY OWNED BY EACH REPORTING PERSON

            600,000

12     CHECK BOX IF THE AGGREGATE AMOUNT IN ROW (11) EXCLUDES
       CERTAIN SHARES                                                  ( )

13     PERCENT OF CLASS REPRESENTED BY AMOUNT IN ROW (11)

            Approximately 6.0%

14     TYPE OF REPORTING PERSON

            IN
""",
    # tab-separated cells (a flattened HTML table), the label on row 7's line, ☐/☒ boxes
    "tab-separated": (
        "1\tNAMES OF REPORTING PERSONS\tJane Q. Public\n"
        "2\tCHECK THE APPROPRIATE BOX IF A MEMBER OF A GROUP (SEE INSTRUCTIONS)\t(a) ☐\n"
        "\t\t(b) ☒\n"
        "3\tSEC USE ONLY\t\n"
        "4\tSOURCE OF FUNDS (SEE INSTRUCTIONS)\tPF\n"
        "5\tCHECK IF DISCLOSURE OF LEGAL PROCEEDINGS IS REQUIRED PURSUANT TO ITEM 2(d) OR 2(e)\t☐\n"
        "6\tCITIZENSHIP OR PLACE OF ORGANIZATION\tUnited States\n"
        "NUMBER OF SHARES BENEFICIALLY OWNED BY EACH REPORTING PERSON WITH\t7\t"
        "SOLE VOTING POWER\t600,000\n"
        "\t8\tSHARED VOTING POWER\t-0-\n"
        "\t9\tSOLE DISPOSITIVE POWER\t600,000\n"
        "\t10\tSHARED DISPOSITIVE POWER\t-0-\n"
        "11\tAGGREGATE AMOUNT BENEFICIALLY OWNED BY EACH REPORTING PERSON\t600,000\n"
        "12\tCHECK IF THE AGGREGATE AMOUNT IN ROW (11) EXCLUDES CERTAIN SHARES "
        "(SEE INSTRUCTIONS)\t☐\n"
        "13\tPERCENT OF CLASS REPRESENTED BY AMOUNT IN ROW (11)\t6.0%\n"
        "14\tTYPE OF REPORTING PERSON (SEE INSTRUCTIONS)\tIN\n"
    ),
    # dot leaders to a value at the right margin
    "dot-leaders": """
1)  Names of Reporting Persons ................................. Jane Q. Public
    I.R.S. Identification Nos. of above persons (entities only)

2)  Check the Appropriate Box if a Member of a Group (See Instructions)
    (a) |_|
    (b) |X|

3)  SEC Use Only ..............................................

4)  Source of Funds (See Instructions) ..................................... PF

5)  Check if Disclosure of Legal Proceedings Is Required Pursuant to
    Items 2(d) or 2(e) ....................................................|_|

6)  Citizenship or Place of Organization ....................... United States

Number of Shares Beneficially Owned by Each Reporting Person With:

    7)  Sole Voting Power ............................................ 600,000
    8)  Shared Voting Power .................................................. 0
    9)  Sole Dispositive Power ....................................... 600,000
   10)  Shared Dispositive Power ............................................. 0

11) Aggregate Amount Beneficially Owned by Each Reporting Person .... 600,000

12) Check if the Aggregate Amount in Row (11) Excludes Certain Shares
    (See Instructions) ....................................................|_|

13) Percent of Class Represented by Amount in Row (11) ...... Approximately 6.0%

14) Type of Reporting Person (See Instructions) ............................ IN
""",
    # "Item 1:" row numbers, o/x boxes (Wingdings left as letters)
    "item-numbers-o-x-boxes": """
Item 1:  Names of Reporting Persons.     Jane Q. Public

Item 2:  Check the Appropriate Box if a Member of a Group     (a)  o     (b)  x

Item 3:  SEC Use Only

Item 4:  Source of Funds     PF

Item 5:  Check if Disclosure of Legal Proceedings Is Required Pursuant to Items 2(d) or 2(e)    o

Item 6:  Citizenship or Place of Organization    United States

Item 7:  Sole Voting Power            600,000
Item 8:  Shared Voting Power          0
Item 9:  Sole Dispositive Power       600,000
Item 10: Shared Dispositive Power     0

Item 11: Aggregate Amount Beneficially Owned by Each Reporting Person    600,000

Item 12: Check if the Aggregate Amount in Row (11) Excludes Certain Shares    o

Item 13: Percent of Class Represented by Amount in Row (11)    6.0%

Item 14: Type of Reporting Person    IN
""",
}


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_layout_family(family: str) -> None:
    assert values(person(FAMILIES[family])) == EXPECTED


@pytest.mark.parametrize(
    ("row", "written", "codes"),
    [
        ("SOURCE OF FUNDS", "00", ("OO",)),
        ("SOURCE OF FUNDS", "PF; OO", ("PF", "OO")),
        ("SOURCE OF FUNDS", "WC, AF", ("WC", "AF")),
        ("TYPE OF REPORTING PERSON", "C0", ("CO",)),
        ("TYPE OF REPORTING PERSON", "IA, 00", ("IA", "OO")),
    ],
)
def test_code_spellings(row: str, written: str, codes: tuple[str, ...]) -> None:
    original = "PF" if row == "SOURCE OF FUNDS" else "IN"
    cover = FAMILIES["colon-values"].replace(f"{row}:  {original}", f"{row}:  {written}")
    got = person(cover)
    found = got.source_of_funds if row == "SOURCE OF FUNDS" else got.type_of_reporting_person
    assert tuple(found or ()) == codes


def test_wrapped_name_and_split_off_identification_number() -> None:
    cover = FAMILIES["parenthesis-numbers-values-below"].replace(
        "        Jane Q. Public\n        S.S. No. ###-##-####",
        "        Jane Q. Public Family\n        Holdings LLC\n        13-4044523",
    )
    got = person(cover)
    assert (got.name, got.identification_number) == (
        "Jane Q. Public Family Holdings LLC",
        "13-4044523",
    )


STATE_FARM_13G = """
CUSIP No. ___282912104           ___
___________________________________________________
 1.  Name of Reporting Person and I.R.S. Identification No.:
     Jane Q. Public Holdings Company 37-0533100
___________________________________________________
 2.  Check the appropriate box if a Member of a Group
     (a) _____
     (b) __X__
___________________________________________________
 3.  SEC USE ONLY:
___________________________________________________
 4.  Citizenship or Place of Organization: United States
___________________________________________________
 Number of    5.  Sole Voting Power: 600,000
 Shares       ___________________________________________________
 Beneficially 6.  Shared Voting Power: 0
 Owned by     ___________________________________________________
 Each         7.  Sole Dispositive Power: 600,000
 Reporting    ___________________________________________________
 Person With  8.  Shared Dispositive Power: 0
___________________________________________________
 9.  Aggregate Amount Beneficially Owned by each Reporting Person: 600,000
___________________________________________________
10.  Check Box if the Aggregate Amount in Row 9 excludes Certain Shares: ____
___________________________________________________
11.  Percent of Class Represented by Amount in Row 9: 6.0  %
___________________________________________________
12.  Type of Reporting Person: IN
"""

COMPACT_13G = (
    "Cusip #282912104\n"
    "Item 1:\tReporting Person - Jane Q. Public\n"
    "Item 2:\t(a)\t[ ]\n"
    "\t(b)\t[X]\n"
    "Item 4:\tUnited States\n"
    "Item 5:\t600,000\n"
    "Item 6:\t0\n"
    "Item 7:\t600,000\n"
    "Item 8:\t0\n"
    "Item 9:\t600,000\n"
    "Item 11:\t6.0%\n"
    "Item 12:\tIN\n"
)


@pytest.mark.parametrize(
    "cover", [STATE_FARM_13G, COMPACT_13G], ids=["underscore-boxes", "compact"]
)
def test_schedule_13g_families(cover: str) -> None:
    got = values(person(cover, schedule="13G"))
    expected = dict(EXPECTED, source_of_funds=(), legal_proceedings=None)
    if cover is STATE_FARM_13G:
        expected["name"] = "Jane Q. Public Holdings Company"
    assert got == expected


def test_label_title_page_family() -> None:
    title = (
        "SCHEDULE 13D\n\nName of Issuer:  Acme Widgets, Inc.\n"
        "Title of Class of Securities:  Common Stock\nCUSIP Number:  282912 10 4\n"
        "Date of Event Which Requires Filing of this Statement:  March 3, 2020\n<PAGE>\n"
    )
    filing = compile_filing((title + FAMILIES["colon-values"] + BODY).encode(), "label.txt")
    assert (filing.issuer.name, filing.security.title) == ("Acme Widgets, Inc.", "Common Stock")
    assert filing.security.cusips == ("282912104",)
    assert filing.event_date is not None and filing.event_date.isoformat() == "2020-03-03"


def test_label_title_page_value_spans_end_with_their_line() -> None:
    """A label line's value span runs to the end of the line as written, trailing blanks
    included, like every "rest of the line" span (a regression of the lowering's line texts)."""
    issuer, title_line = (
        "Name of Issuer:  Acme Widgets, Inc.     ",
        "Title of Class:  Common Stock   ",
    )
    title = f"SCHEDULE 13D\n\n{issuer}\n{title_line}\nCUSIP Number:  282912 10 4\n<PAGE>\n"
    filing = compile_filing((title + FAMILIES["colon-values"] + BODY).encode(), "label.txt")
    assert filing.issuer.name == "Acme Widgets, Inc."
    name, klass = filing.issuer.spans["name"], filing.security.spans["title"]
    assert (name.line, name.column, name.end_column) == (3, 18, len(issuer) + 1)
    assert (klass.line, klass.column, klass.end_column) == (4, 18, len(title_line) + 1)


@pytest.mark.parametrize(
    ("line", "terminal"),
    [
        ("Schedule 13D             Page 8 of 10", "RUNNING_HEAD"),  # form name first, page right
        ("CUSIP No. 282912104        13D        Page 2 of 9 Pages", "RUNNING_HEAD"),
        ("ITEM 4 PURPOSE OF TRANSACTION", "ITEM"),  # one space, then a caption word
        ("Item 4 Purpose of Transaction.", "ITEM"),
        ("Item 4 purpose was to acquire shares", "TEXT"),
        ("Item 4 of the Schedule 13D is hereby amended", "TEXT"),
    ],
)
def test_heading_line_families(line: str, terminal: str) -> None:
    from compiler.frontend.lexer import LineClassifier

    assert LineClassifier().classify(line) == terminal


UNNUMBERED = """
NAME OF REPORTING PERSON/I.R.S. IDENTIFICATION NO. OF ABOVE PERSON
     Jane Q. Public
CHECK THE APPROPRIATE BOX IF A MEMBER OF A GROUP        (a) [ ]   (b) [X]
SEC USE ONLY
SOURCE OF FUNDS:  PF
CHECK BOX IF DISCLOSURE OF LEGAL PROCEEDINGS IS REQUIRED PURSUANT TO ITEMS 2(d) OR 2(e)  [ ]
CITIZENSHIP OR PLACE OF ORGANIZATION:  United States
SOLE VOTING POWER:  600,000
SHARED VOTING POWER:  0
SOLE DISPOSITIVE POWER:  600,000
SHARED DISPOSITIVE POWER:  0
AGGREGATE AMOUNT BENEFICIALLY OWNED BY EACH REPORTING PERSON:  600,000
CHECK BOX IF THE AGGREGATE AMOUNT IN ROW (11) EXCLUDES CERTAIN SHARES  [ ]
PERCENT OF CLASS REPRESENTED BY AMOUNT IN ROW (11):  6.0%
TYPE OF REPORTING PERSON:  IN
"""


def test_unnumbered_rows_in_capitals() -> None:
    assert values(person(UNNUMBERED)) == EXPECTED


def test_prose_naming_a_row_is_not_a_row() -> None:
    from compiler.frontend.lexer import LineClassifier

    assert LineClassifier().classify("Sole voting power over these shares is held by") == "TEXT"


def test_amendment_number_on_the_title_line() -> None:
    title = TITLE.replace(
        "SCHEDULE 13D\n                               (Amendment No. 4)",
        "SCHEDULE 13D (Amendment No. 7)",
    )
    filing = compile_filing((title + FAMILIES["colon-values"] + BODY).encode(), "t.txt")
    assert (filing.amendment_number, filing.form) == (7, "SC 13D/A")
