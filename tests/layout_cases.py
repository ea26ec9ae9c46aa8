"""Hand-written cover pages of each layout family with the values they must give, and the small
filing around them (the layout-family tests and their review regressions)."""

from __future__ import annotations

from typing import Any

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


# A 13G cover of one line per caption, values under them, "[LINE]" left in row 2's caption where
# the form draws a line, and the group boxes as bare letters "A." / "B.  X"; "CITIZENSHIP OF
# PLACE" as filed (large advisers' annual 13G/As).
LINE_PLACEHOLDER_13G = """
 CUSIP No. 282912104

 1. NAME OF REPORTING PERSON
 S.S. OR I.R.S. IDENTIFICATION NO. OF ABOVE PERSON

 Jane Q. Public

 2. CHECK THE APPROPRIATE [LINE] BOX IF A MEMBER OF A GROUP

 A.
 B.  X

 3. SEC USE ONLY

 4. CITIZENSHIP OF PLACE OF ORGANIZATION

 United States

 (For questions 5-8, report the number of shares beneficially owned by each
 reporting person with:)

 5. SOLE VOTING POWER

 600,000

 6. SHARED VOTING POWER

 0

 7. SOLE DISPOSITIVE POWER

 600,000

 8. SHARED DISPOSITIVE POWER

 0

 9. AGGREGATE AMOUNT BENEFICIALLY OWNED BY EACH REPORTING PERSON

 600,000

 10. CHECK BOX IF THE AGGREGATE AMOUNT IN ROW (9) EXCLUDES CERTAIN SHARES

 N/A

 11. PERCENT OF CLASS REPRESENTED BY AMOUNT IN ROW 9

 6.0%

 12. TYPE OF REPORTING PERSON

 IN
"""
