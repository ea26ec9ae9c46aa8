"""A small hand-written Schedule 13D (an original: Items 1 to 7, signed) that compiles without a
single warning, to vary in tests.

``minimal_13d(**changes)`` substitutes ``{key}`` fields of the template, so that each test says
only what differs from a clean filing.
"""

from __future__ import annotations

TEMPLATE = """\
                                  SCHEDULE 13D
                    Under the Securities Exchange Act of 1934
                               {amendment}

                               Acme Widgets, Inc.
                                (Name of Issuer)

                          Common Stock, $0.01 par value
                         (Title of Class of Securities)

                                  {title_cusip}
                                 (CUSIP Number)

                                 Jane Q. Public
                                  1 Main Street
                              Springfield, IL 62701
                                 (217) 555-0100
                 (Name, Address and Telephone Number of Person
               Authorized to Receive Notices and Communications)

                                {event_date}
             (Date of Event Which Requires Filing of This Statement)

If the filing person has previously filed a statement on Schedule 13G to report
the acquisition that is the subject of this Schedule 13D, and is filing this
schedule because of Sections 240.13d-1(e), 240.13d-1(f) or 240.13d-1(g), check
the following box. [ ]
<PAGE>
CUSIP No. {header_cusip}                13D                        Page 2 of 3
--------------------------------------------------------------------------------
 1   NAME OF REPORTING PERSON
         Jane Q. Public
--------------------------------------------------------------------------------
 2   CHECK THE APPROPRIATE BOX IF A MEMBER OF A GROUP                  (a) {box_a}
                                                                       (b) [ ]
--------------------------------------------------------------------------------
 3   SEC USE ONLY
--------------------------------------------------------------------------------
 4   SOURCE OF FUNDS                                                        {funds}
--------------------------------------------------------------------------------
 5   CHECK IF DISCLOSURE OF LEGAL PROCEEDINGS IS REQUIRED PURSUANT TO
     ITEMS 2(d) OR 2(e)                                                    [ ]
--------------------------------------------------------------------------------
 6   CITIZENSHIP OR PLACE OF ORGANIZATION
         United States
--------------------------------------------------------------------------------
 7   SOLE VOTING POWER                                               {sole_vote}
 8   SHARED VOTING POWER                                                     0
 9   SOLE DISPOSITIVE POWER                                            600,000
10   SHARED DISPOSITIVE POWER                                                0
11   AGGREGATE AMOUNT BENEFICIALLY OWNED BY EACH REPORTING PERSON      {aggregate}
12   CHECK IF THE AGGREGATE AMOUNT IN ROW (11) EXCLUDES CERTAIN SHARES     [ ]
13   PERCENT OF CLASS REPRESENTED BY AMOUNT IN ROW (11)                  {percent}
14   TYPE OF REPORTING PERSON                                                IN
--------------------------------------------------------------------------------
* Based on 10,000,000 shares of Common Stock outstanding as of March 1, 2020.
<PAGE>
CUSIP No. {header_cusip}                13D                        Page {page3} of 3

Item 1.  Security and Issuer.

     Common Stock, $0.01 par value, of Acme Widgets, Inc.

Item 2.  Identity and Background.

     Jane Q. Public, an individual, 1 Main Street, Springfield, IL 62701.

Item 3.  Source and Amount of Funds or Other Consideration.

     Personal funds.

Item 4.  Purpose of Transaction.

     Investment.

Item 5.  Interest in Securities of the Issuer.

     {item5_text}

     Date            Shares        Price
     ----------    ---------    --------
     03/02/2020      400,000      $10.00
     {tx_date}      200,000      $10.50

Item 6.  Contracts, Arrangements, Understandings or Relationships.

     None.

Item 7.  Material to Be Filed as Exhibits.

     None.

                                   SIGNATURE

After reasonable inquiry and to the best of my knowledge and belief, I certify
that the information set forth in this statement is true, complete and correct.

Date: {signature_date}
                                        /s/ Jane Q. Public
                                        Name: Jane Q. Public
"""

DEFAULTS = {
    "amendment": "",
    "title_cusip": "282912104",
    "header_cusip": "282912104",
    "event_date": "March 3, 2020",
    "box_a": "[ ]",
    "funds": "PF",
    "sole_vote": "600,000",
    "aggregate": "600,000",
    "percent": "6.0%",
    "page3": "3",
    "item5_text": "The Reporting Person bought an aggregate of 600,000 shares.",
    "tx_date": "03/03/2020",
    "signature_date": "March 5, 2020",
}


def minimal_13d(**changes: str) -> bytes:
    unknown = set(changes) - set(DEFAULTS)
    assert not unknown, f"no such field in the template: {unknown}"
    return TEMPLATE.format(**{**DEFAULTS, **changes}).encode("utf-8")
