"""The registry of diagnostic codes: every code 13dc can emit, with its severity and meaning.

One declarative table, the members of :class:`Code`: each is the code string, its severity, what
it means (and why it matters), an example, and, for the few codes whose severity depends on the
case, when it is an error. Everything else is derived from it: the severity an emitter gives a
diagnostic (``code.severity``), the README's table of codes (:func:`markdown_table`, checked by a
test), ``13dc codes``, and the check of ``--ignore CODE``. Emitters take a :class:`Code`, never a
string, so a misspelt code is a mypy or AttributeError rather than a silent new code; a test scans
``compiler/`` for code strings outside this table and for members nothing emits.

Adding a code is one entry below. A code never changes meaning once released; a code nothing
emits any more stays, its ``reserved`` text saying why (earlier outputs and databases hold it).

``python -m compiler.diagnostic_codes`` prints the README's table; ``python -m
compiler.diagnostic_codes README.md`` rewrites it between the README's ``codes`` markers.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    """How much a diagnostic matters (re-exported by :mod:`compiler.ir`, where the IR uses it)."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO


class Code(StrEnum):
    """A diagnostic code. Each member is the tuple ``"CODE", severity, meaning[, example[,
    error_when[, reserved]]]``; the member's name is the code with ``_`` for ``-`` (tested)."""

    severity: Severity
    meaning: str
    example: str
    # Non-empty for a warning that becomes an error in some cases: says when (the README shows it).
    error_when: str
    # Non-empty for a code that nothing emits any more: says why it is kept.
    reserved: str

    def __new__(
        cls,
        value: str,
        severity: Severity,
        meaning: str,
        example: str = "",
        error_when: str = "",
        reserved: str = "",
    ) -> Code:
        member = str.__new__(cls, value)
        member._value_ = value
        member.severity = severity
        member.meaning = meaning
        member.example = example
        member.error_when = error_when
        member.reserved = reserved
        return member

    # --- title page and identity -----------------------------------------------------------
    CUSIP_MISSING = (
        "CUSIP-MISSING", _W,
        "the title page gives no CUSIP: the filing cannot be joined to the security",
        "a title page without a `(CUSIP Number)` value",
    )  # fmt: skip
    CUSIP_CHECK_DIGIT = (
        "CUSIP-CHECK-DIGIT", _W,
        "a CUSIP (title page or running header) fails the modulus-10 check digit: a typo, so"
        " joins on it will miss",
        "`CUSIP No. 53267W101` when the title page says `53627W101`",
    )  # fmt: skip
    CUSIP_MISMATCH = (
        "CUSIP-MISMATCH", _W,
        "a running header or cover page gives a valid CUSIP other than the title page's: often a"
        " copy-pasted header from another filing",
        "seed: headers `757209101`, title page `282912104`",
    )  # fmt: skip
    # --- cover-page values -----------------------------------------------------------------
    SHARES_AGGREGATE_SMALL = (
        "SHARES-AGGREGATE-SMALL", _W,
        "row 11 is smaller than sole + shared voting (or dispositive) power: the cover rows"
        " contradict each other",
        "row 7 `1,000`, row 8 `500`, row 11 `1,200`",
    )  # fmt: skip
    SHARES_ABSURD = (
        "SHARES-ABSURD", _E,
        "a share count of a trillion or more: a misread or mistyped value",
        "`1,234,567,890,123`",
    )  # fmt: skip
    VALUE_CROSSREF = (
        "VALUE-CROSSREF", _W,
        "a cover row gives a cross-reference instead of a number; the value is null",
        "`See Item 5`",
    )  # fmt: skip
    VALUE_MISSING = (
        "VALUE-MISSING", _W,
        "a cover row for a count, a percent, a place or a code is blank; the value is null",
        "a row 7 with nothing after its caption",
    )  # fmt: skip
    VALUE_UNPARSED = (
        "VALUE-UNPARSED", _W,
        "a cover row's value could not be read as a number; the value is null",
        "`approx. two million`",
    )  # fmt: skip
    PERCENT_LESS_THAN = (
        "PERCENT-LESS-THAN", _I,
        'row 13 says "Less than 1%": the value is null, as the form gives no number',
        "`Less than 1%`",
    )  # fmt: skip
    PERCENT_OVER_100 = (
        "PERCENT-OVER-100", _E,
        "row 13 is above 100%",
        "`112.5%`",
    )  # fmt: skip
    PERCENT_MISMATCH = (
        "PERCENT-MISMATCH", _W,
        "row 13 disagrees with row 11 divided by the shares outstanding the filing states (cover"
        " footnote or Item 5, plus shares issuable under Rule 13d-3(d)(1)(i)), allowing for"
        " rounding or truncation to the written precision (and, for a percent whose decimals are"
        " zeros, rounding to a whole percent: `1.0%` for 0.51%)",
        "`6.4%` for 2,202,000 of 34,309,526 shares (6.418%) would pass; `7.1%` would not",
    )  # fmt: skip
    # --- Item 5(c) transactions --------------------------------------------------------------
    TX_TOTAL_MISMATCH = (
        "TX-TOTAL-MISMATCH", _W,
        "the Item 5(c) table does not add up to the total its text states",
        '"an aggregate of 1,498,000 shares" over a table summing to 1,398,000',
    )  # fmt: skip
    TX_AFTER_SIGNATURE = (
        "TX-AFTER-SIGNATURE", _W,
        "a transaction is dated after the signature",
        "a 5(c) row of 01/05/2004 in a filing signed 12/29/2003",
    )  # fmt: skip
    TX_AFTER_EVENT = (
        "TX-AFTER-EVENT", _I,
        "transactions are dated after the date of event (normal when 5(c) reports trades up to"
        " filing)",
        "seed: 20 sales after 2003-12-23",
    )  # fmt: skip
    TX_ROW_UNPARSED = (
        "TX-ROW-UNPARSED", _W,
        "an Item 5(c) table row without a share count, or dated by a period (the sum of several"
        " trades); it gives no transaction",
        "`12/23/2003    N/A    $4.90`",
    )  # fmt: skip
    # --- pages, form, cover-page structure ---------------------------------------------------
    PAGE_SEQUENCE = (
        "PAGE-SEQUENCE", _W,
        '"Page N of M" running headers out of order',
        "`Page 3 of 9` after `Page 5 of 9`",
    )  # fmt: skip
    PAGE_TOTAL = (
        "PAGE-TOTAL", _W,
        "the running headers disagree on M, or a page number passes it",
        "`Page 10 of 9`",
    )  # fmt: skip
    FORM_AMENDMENT_ON_ORIGINAL = (
        "FORM-AMENDMENT-ON-ORIGINAL", _W,
        "an original (SC 13D) whose title page gives an amendment number",
        "`<TYPE>SC 13D` with `(Amendment No. 2)`",
    )  # fmt: skip
    FORM_AMENDMENT_MISSING = (
        "FORM-AMENDMENT-MISSING", _W,
        "an amendment (SC 13D/A) whose title page gives no number",
        "`<TYPE>SC 13D/A` with `(Amendment No. ___)`",
    )  # fmt: skip
    GROUP_BOTH_MARKED = (
        "GROUP-BOTH-MARKED", _W,
        "row 2 marks both (a) and (b)",
        "`(a) [X]  (b) [X]`",
    )  # fmt: skip
    COVER_CODE_UNKNOWN = (
        "COVER-CODE-UNKNOWN", _W,
        "a row 4 or row 14 entry is not a code of the form's list",
        "`4  SOURCE OF FUNDS   Cash`",
    )  # fmt: skip
    COVER_ROWS_MISSING = (
        "COVER-ROWS-MISSING", _W,
        "a cover page lacks rows",
        "a cover page that stops after row 9",
        "more than three",
    )  # fmt: skip
    COVER_ROW_REPEATED = (
        "COVER-ROW-REPEATED", _W,
        "a cover row appears twice on one cover page; the first is used",
        "two `11` rows",
    )  # fmt: skip
    COVER_PAGE_MISSING = (
        "COVER-PAGE-MISSING", _W,
        "an original filing gives no cover page: no reporting person's rows (left out, a picture)",
        "a cover page sent as a picture",
    )  # fmt: skip
    ITEM4_PERSON = (
        "ITEM4-PERSON", _I,
        "a Schedule 13G gives no cover page: its reporting person is read from Items 2(a), 2(c)"
        " and 4",
        "a 13G/A of Items 1 to 10 only, Item 4 giving `(a) Amount beneficially owned: 412,300`",
    )  # fmt: skip
    ITEM4_UNREAD = (
        "ITEM4-UNREAD", _W,
        "a Schedule 13G gives no cover page and its Item 4 no amount 13dc reads as one person's:"
        " no reporting person",
        "`(a) Amount beneficially owned: Fund A: 0; Fund B: 0`",
    )  # fmt: skip
    COVER_NAME_MISSING = (
        "COVER-NAME-MISSING", _W,
        "row 1 gives no name",
        "an empty row 1",
    )  # fmt: skip
    COVER_SECOND_PERSON = (
        "COVER-SECOND-PERSON", _W,
        "row 1 names a second person with an identification number, after the first: one cover"
        " page is read as one reporting person, the second is not read",
        "`Acme Fund, L.P.` / `13-1234567` / (blank) / `Acme Advisers LLC` / `13-7654321`",
    )  # fmt: skip
    COVER_BOX_MISSING = (
        "COVER-BOX-MISSING", _I,
        "row 2 shows no (a)/(b) boxes",
        "a row 2 caption with nothing under it",
    )  # fmt: skip
    TITLE_ISSUER_MISSING = (
        "TITLE-ISSUER-MISSING", _W,
        "no `(Name of Issuer)` value on the title page",
    )  # fmt: skip
    EVENT_DATE_MISSING = (
        "EVENT-DATE-MISSING", _W,
        "no readable date of event on the title page",
        "the FMR 13G house style, which has none",
    )  # fmt: skip
    EVENT_AFTER_SIGNATURE = (
        "EVENT-AFTER-SIGNATURE", _W,
        "the date of event is after every signature date",
        "event 2004-01-10, signed 2003-12-29",
    )  # fmt: skip
    # --- the grammar -------------------------------------------------------------------------
    GRAMMAR_UNEXPECTED_LINE = (
        "GRAMMAR-UNEXPECTED-LINE", _W,
        "a line that looks like a cover row, caption or heading stands where the grammar does not"
        " allow one; it is kept as text (located), nothing is dropped",
        "a cover-row line such as `11  AGGREGATE AMOUNT ...` inside Item 4",
    )  # fmt: skip
    # --- a filing that stops short (truncated) -----------------------------------------------
    SIGNATURE_MISSING = (
        "SIGNATURE-MISSING", _E,
        "the filing has no signature block, or one that names no signer: every Schedule"
        " 13D and 13G is signed last, so the text stops short (a failed download, a cut"
        " copy)",
        "a filing that ends inside Item 2",
    )  # fmt: skip
    ITEMS_MISSING = (
        "ITEMS-MISSING", _E,
        "an original filing lacks Items the form requires (13D: 1 to 7; 13G: 1 to 9); an"
        " amendment restates only what it amends and is not checked",
        "an SC 13D whose text stops after Item 4",
    )  # fmt: skip
    PAGES_MISSING = (
        "PAGES-MISSING", _E,
        "the running headers number the pages and the filing ends, with no page break"
        " after it, on a page short of the count",
        "last header `Page 4 of 12`",
    )  # fmt: skip
    TABLE_UNCLOSED = (
        "TABLE-UNCLOSED", _E,
        "an EDGAR `<TABLE>` opened and never closed: the filing ends inside it",
        "an annex table cut after its fifth row",
    )  # fmt: skip
    TEXT_UNCLOSED = (
        "TEXT-UNCLOSED", _E,
        "an EDGAR submission ends inside a document's `<TEXT>`, with no `</TEXT>` or"
        " `</DOCUMENT>` after it: the file was cut (this document's text, or an exhibit's)",
        "a download that stops in the exhibit after the signature",
    )  # fmt: skip
    HTML_UNCLOSED = (
        "HTML-UNCLOSED", _E,
        "an HTML document ends inside a table, with no `</body>` or `</html>` after it: the"
        " file was cut",
        "a saved filing that stops in its signature table",
    )  # fmt: skip
    SIGNATURE_CUT = (
        "SIGNATURE-CUT", _E,
        "a signed filing that ends inside a signature block: on a signing line that names"
        " no one (\"By:\", \"By: /s/\") or on a signing entity's name alone, with no"
        " signer under it",
        "a joint filing agreement ending on `FMR LLC`",
    )  # fmt: skip
    TRUNCATED_TEXT = (
        "TRUNCATED-TEXT", _E,
        "a signed filing whose last line stops in mid-sentence (on a comma, a joining"
        " word, or a lower-case word ending a line of prose): cut in an annex or exhibit",
        "an exhibit ending `... on behalf of the`",
    )  # fmt: skip
    TEXT_AFTER_END = (
        "TEXT-AFTER-END", _W,
        "text stands after the document's `</TEXT>` and before `</DOCUMENT>`: EDGAR ends the"
        " document at `</TEXT>`, so those lines are not read (`--to source` keeps them)",
        "a stray `</TEXT>` in the middle of Item 4",
    )  # fmt: skip
    # --- text that should hold data and gave none -------------------------------------------
    TX_PROSE_UNREAD = (
        "TX-PROSE-UNREAD", _W,
        "Item 5 has a sentence with a trade verb, a share count and a date that gives no"
        " transaction (a summary, a price range, no price); its sentences then give none and"
        " are kept as text",
        "`Between July 2 and July 30, 2012 the Fund sold 5,000 shares at $15.00 to $15.50`",
    )  # fmt: skip
    TX_UNREAD = (
        "TX-UNREAD", _W,
        "Item 5(c), or the schedule it refers to for its trades, gives dates and share counts but"
        " no transaction was read from it (no table row or trade sentence of a known shape); it"
        " is kept as text",
        "`(c) March 3, 2005 -- 12,500 Shares sold` under no table headings",
    )  # fmt: skip
    ANNEX_NO_PERSONS = (
        "ANNEX-NO-PERSONS", _W,
        "an annex that says it lists persons (directors, officers, partners...), or has a"
        " paragraph that opens like a person's record (a name, then an address), gives none; it is"
        " kept as text",
        "`SCHEDULE I  Directors and Executive Officers` over lines no layout family reads",
    )  # fmt: skip
    VALUE_SUMMED = (
        "VALUE-SUMMED", _I,
        "row 11 gives the amount in parts joined by 'and'; their sum is used",
        "`1,000,000 shares of Common Stock and 250,000 shares issuable upon exercise`",
    )  # fmt: skip
    # --- EDGAR XML (the XML era, since December 2024) ---------------------------------------
    XML_UNKNOWN_ELEMENT = (
        "XML-UNKNOWN-ELEMENT", _I,
        "an XML filing holds an element 13dc does not map; its text is kept as a text block at its"
        " place",
        "an element a later schema version adds",
    )  # fmt: skip
    XML_BAD_VALUE = (
        "XML-BAD-VALUE", _W,
        "an XML element's value is not of the spec's type (a date, a whole number of shares, an"
        " amendment number, a 13G rule); the value is null",
        "`<soleVotingPower>12.5</soleVotingPower>`",
    )  # fmt: skip
    XML_UNKNOWN_CODE = (
        "XML-UNKNOWN-CODE", _W,
        "an XML fund type, person type or state/country code is not in the form's list; a code is"
        " left out, a citizenship kept as written",
        "`<fundType>ZZ</fundType>`",
    )  # fmt: skip
    XML_FORM_MISMATCH = (
        "XML-FORM-MISMATCH", _W,
        "the XML's `submissionType` (or the EDGAR submission's `<TYPE>` around it) is missing or"
        " contradicts its namespace; the form is taken from the namespace",
        "`SCHEDULE 13G` in the 13D namespace",
    )  # fmt: skip
    # --- batches: database columns and files that could not be compiled ---------------------
    VALUE_OUT_OF_RANGE = (
        "VALUE-OUT-OF-RANGE", _W,
        "a number too large for its database column is stored as NULL (batch to DuckDB/Parquet)",
        "a 25-digit share count",
    )  # fmt: skip
    READ_ERROR = (
        "READ-ERROR", _E,
        "batch only: a file that could not be read; it becomes a `failed` row and the batch goes"
        " on",
        "a file without read permission",
    )  # fmt: skip
    INPUT_REJECTED = (
        "INPUT-REJECTED", _E,
        "batch only: a file refused as input (empty, binary, undecodable, another form); it"
        " becomes a `failed` row and the batch goes on",
        "a directory holding a 10-K",
    )  # fmt: skip
    SYNTAX_ERROR = (
        "SYNTAX-ERROR", _E,
        "batch only: a filing the grammar cannot parse at all, or one cut off inside a cover"
        " page; it becomes a `failed` row and the batch goes on",
        "a filing that ends after row 6 of its last cover page",
    )  # fmt: skip
    INTERNAL_ERROR = (
        "INTERNAL-ERROR", _E,
        "batch only: a file that met a bug of 13dc; it becomes a `failed` row and the batch goes"
        " on (please report it)",
    )  # fmt: skip


_BY_NAME: dict[str, Code] = {code.value: code for code in Code}


def lookup(name: str) -> Code | None:
    """The code ``name`` names, case-insensitively (``--ignore page-sequence``), else None."""
    return _BY_NAME.get(name.strip().upper())


def unknown(names: Iterable[str]) -> list[str]:
    """The names among ``names`` that are not codes, in their order, as given."""
    return [name for name in names if lookup(name) is None]


def severity_text(code: Code) -> str:
    """The severity column: ``warning``, or ``warning (error if more than three)``."""
    if code.error_when:
        return f"{code.severity} (error if {code.error_when})"
    return str(code.severity)


README_HEADER = (
    "| code | severity | what it means, and why it matters | example |",
    "|---|---|---|---|",
)


def markdown_table() -> str:
    """The README's table of codes (between its ``<!-- codes:start -->`` markers)."""
    rows = [
        f"| `{code}` | {severity_text(code)} | {_meaning(code)} | {code.example} |" for code in Code
    ]
    return "\n".join([*README_HEADER, *rows]) + "\n"


def _meaning(code: Code) -> str:
    return f"(reserved: {code.reserved}) {code.meaning}" if code.reserved else code.meaning


def plain_listing() -> str:
    """``13dc codes``: one code a line, with its severity and meaning, for a terminal."""
    width = max(len(code) for code in Code)
    lines = []
    for code in Code:
        meaning = _meaning(code).replace("`", "")
        lines.append(f"{code:<{width}}  {severity_text(code):<7}  {meaning}")
    return "\n".join(lines) + "\n"


_START, _END = "<!-- codes:start", "<!-- codes:end -->"


def with_table(readme: str) -> str:
    """``readme`` with the table between its codes markers replaced by :func:`markdown_table`."""
    start = readme.index("\n", readme.index(_START)) + 1
    end = readme.index(_END, start)
    return readme[:start] + markdown_table() + readme[end:]


def main(argv: list[str]) -> None:
    """Print the table, or, given the README's path, rewrite the table in it."""
    if not argv:
        print(markdown_table(), end="")
        return
    readme = Path(argv[0])
    text = readme.read_text(encoding="utf-8")
    readme.write_text(with_table(text), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
