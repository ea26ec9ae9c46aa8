"""Minimal hand-written cases of the layout families behind the misses of the real HTML 13G
filings (one per rule, none keyed on a filing): a name followed by the short name the filing
defines for it; a row whose caption is left out, under the row above it ("2.   N/A"); a caption
with a filer's typo ("CITIZENSHIP OF PLACE"); row 9 given in parts; row 10 as a statement
instead of a box; and a 13G title page without the class caption or the issuer's name, which
Items 1(a) and 2(d) then give.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from compiler import compile_filing
from compiler.frontend.values import find_cusips, parse_codes, parse_shares
from compiler.ir import Filing

TITLE_13G = """\
                                  SCHEDULE 13G
                               (Amendment No. 2)

                               Acme Widgets, Inc.
                                (Name of Issuer)

                          Common Stock, $0.01 par value
                         (Title of Class of Securities)

                                   00088U108
                                 (CUSIP Number)

                               December 31, 2019
             (Date of Event Which Requires Filing of This Statement)
<PAGE>
"""
COVER_13G = """
1.  Name of Reporting Person       {name}
{row2}
3.  SEC Use Only
4.  {citizen_caption}    Delaware
5.  Sole Voting Power              600,000
6.  Shared Voting Power            -0-
7.  Sole Dispositive Power         600,000
8.  Shared Dispositive Power       -0-

9.  Aggregate Amount Beneficially Owned by Reporting Person {aggregate}

{row10}

11. Percent of Class Represented by Amount in Row 9      6.0%

12. Type of Reporting Person       IA
<PAGE>
"""
ITEMS_13G = """
Item 1(a)    Name of Issuer:
             Acme Widgets, Inc.
Item 1(b)    Address of Issuer's Principal Executive Offices:
             1 Main Street, Springfield
Item 2(a)    Name of Person Filing:
             Jane Q. Public
Item 2(d)    Title of Class of Securities:
             Common Stock, $0.01 par value
Item 2(e)    CUSIP Number:
             00088U108
Item 3       Not applicable
Item 4       Ownership
             See the cover page.

                                   SIGNATURE

Date: February 5, 2020                  /s/ Jane Q. Public
"""
ROW2 = "2.  Check the Appropriate Box if a Member of a Group    (a) [ ]  (b) [ ]"
ROW10 = "10. Check Box if the Aggregate Amount in Row 9 Excludes Certain Shares   [ ]"
CITIZEN = "Citizenship or Place of Organization"


DEFAULTS = {
    "name": "Jane Q. Public",
    "row2": ROW2,
    "citizen_caption": CITIZEN,
    "aggregate": "600,000",
    "row10": ROW10,
}


def compiled(title: str = TITLE_13G, items: str = ITEMS_13G, **cover: str) -> Filing:
    fields = {**DEFAULTS, **cover}
    return compile_filing((title + COVER_13G.format(**fields) + items).encode(), "family.txt")


def test_the_plain_cover_reads() -> None:
    person = compiled().reporting_persons[0]
    assert (person.name, person.citizenship, person.aggregate_amount) == (
        "Jane Q. Public",
        "Delaware",
        600000,
    )
    assert person.excludes_certain_shares is False


def test_a_defined_short_name_is_not_part_of_the_name() -> None:
    for written in ('Widget Capital Company ("WCC")', "Widget Capital Company (the “Adviser”)"):
        assert compiled(name=written).reporting_persons[0].name == "Widget Capital Company"
    # A parenthesis that is no defined term stays.
    kept = compiled(name="Widget Capital Company (Delaware)").reporting_persons[0].name
    assert kept == "Widget Capital Company (Delaware)"


def test_a_row_without_its_caption_ends_the_row_above() -> None:
    filing = compiled(row2="2.   N/A")
    assert filing.reporting_persons[0].name == "Jane Q. Public"
    assert "COVER-ROWS-MISSING" in {d.code for d in filing.diagnostics}


def test_a_caption_typo_of_for_or() -> None:
    caption = "Citizenship of Place of Organization"
    assert compiled(citizen_caption=caption).reporting_persons[0].citizenship == "Delaware"


def test_an_aggregate_given_in_parts_is_their_sum() -> None:
    filing = compiled(
        aggregate="500,000 shares of Class A Common Stock convertible into Common Stock and"
        " 100,000 shares of Common Stock."
    )
    assert filing.reporting_persons[0].aggregate_amount == 600000
    assert "VALUE-SUMMED" in {d.code for d in filing.diagnostics}
    # "including" names a part of the one amount, which is not added again.
    including = compiled(aggregate="600,000 shares, including 100,000 shares held by a trust")
    assert including.reporting_persons[0].aggregate_amount == 600000


@pytest.mark.parametrize(
    "aggregate",
    [
        "500,000 shares of Common Stock and 100,000 shares issuable upon exercise of Warrants,"
        " for a total of 600,000 shares",
        "500,000 shares of Common Stock plus 100,000 shares issuable on conversion, totaling"
        " 600,000",
        "500,000 shares held directly and 100,000 shares held by a trust; in the aggregate"
        " 600,000 shares",
    ],
)
def test_an_aggregate_in_parts_with_its_stated_total(aggregate: str) -> None:
    """The total the row states is the amount (no sum, no warning that the amount is small)."""
    filing = compiled(aggregate=aggregate)
    assert filing.reporting_persons[0].aggregate_amount == 600000
    assert not {"VALUE-SUMMED", "SHARES-AGGREGATE-SMALL"} & {d.code for d in filing.diagnostics}


def test_row_10_as_a_statement() -> None:
    listed = "10. The Aggregate Amount in Row 9 excludes: 5,000 shares held by the spouse."
    assert compiled(row10=listed).reporting_persons[0].excludes_certain_shares is True
    nothing = "10. The Aggregate Amount in Row 9 excludes: N/A"
    assert compiled(row10=nothing).reporting_persons[0].excludes_certain_shares is False


def test_a_13g_without_the_class_caption_takes_item_2d() -> None:
    title = TITLE_13G.replace("                         (Title of Class of Securities)\n", "")
    title = title.replace("                          Common Stock, $0.01 par value\n", "")
    filing = compiled(title=title)
    assert filing.security.title == "Common Stock, $0.01 par value"
    span = filing.security.spans["title"]
    assert filing.issuer.name == "Acme Widgets, Inc."
    # The span points at Item 2(d)'s value line, not at the title page.
    source = (title + COVER_13G).count("\n")
    assert span.line > source


@pytest.mark.parametrize(
    "doubled",
    [
        "Item 2(d)    Title of Class of Securities: Title of Class of Securities:\n",
        "Item 2(d)    Title of Class of Securities:\n             Title of Class of Securities:\n",
    ],
    ids=["beside", "under"],
)
def test_item_2d_written_twice_is_a_caption_not_the_class(doubled: str) -> None:
    """The caption written again (a doubled table cell), beside itself or on the next line, is
    no value: the class is the line under it."""
    title = TITLE_13G.replace("                         (Title of Class of Securities)\n", "")
    title = title.replace("                          Common Stock, $0.01 par value\n", "")
    items = ITEMS_13G.replace("Item 2(d)    Title of Class of Securities:\n", doubled)
    assert compiled(title=title, items=items).security.title == "Common Stock, $0.01 par value"


def test_a_13g_without_a_title_page_takes_items_1a_and_2d() -> None:
    filing = compiled(title="                                  SCHEDULE 13G\n<PAGE>\n")
    assert filing.issuer.name == "Acme Widgets, Inc."
    assert filing.security.title == "Common Stock, $0.01 par value"
    assert "TITLE-ISSUER-MISSING" not in {d.code for d in filing.diagnostics}
    assert filing.issuer.spans["name"].line > 20


# --- spellings and labels the restyling generator found unread (tests/restyle) ----------------


@pytest.mark.parametrize("zero", ["-", "--", "—", "–", "-0-", "None", "Nil", "zero"])
def test_a_dash_alone_is_zero(zero: str) -> None:
    assert parse_shares(zero).value == 0
    filing = compiled(aggregate=zero)
    assert filing.reporting_persons[0].aggregate_amount == 0


def test_a_dash_before_a_number_is_no_zero() -> None:
    assert parse_shares("- 5").value is None
    assert parse_shares("-5").value is None


@pytest.mark.parametrize(
    "appended",
    [
        " I.R.S. No. 13-1234567",
        " ###-##-####",
        " - 13-1234567",
        " (I.R.S. Identification No. 13-1234567)",
        " EIN: 13-1234567",
        " 13-1234567",
    ],
)
def test_a_number_after_the_name_is_not_the_name(appended: str) -> None:
    person = compiled(name="Widget Capital Company" + appended).reporting_persons[0]
    assert person.name == "Widget Capital Company"
    assert person.identification_number in ("13-1234567", "###-##-####")


def test_a_name_ending_in_a_year_keeps_it() -> None:
    assert compiled(name="Widget Fund 2010").reporting_persons[0].name == "Widget Fund 2010"


@pytest.mark.parametrize(
    "row2",
    [
        "2.  Check the Appropriate Box if a Member of a Group    A. [ ]  B. [X]",
        "2.  Check the Appropriate Box if a Member of a Group    A.      B. X",
        "2.  Check the Appropriate Box if a Member of a Group    ( ) (a)  (X) (b)",
        "2.  Check the Appropriate Box if a Member of a Group    ___ (a)  X (b)",
        "2.  Check the Appropriate Box if a Member of a Group    o (a)  x (b)",
        "2.  Check the Appropriate Box if a Member of a Group    ☐ (a)  ☑ (b)",
    ],
)
def test_group_boxes_after_letter_labels(row2: str) -> None:
    group = compiled(row2=row2).reporting_persons[0].member_of_group
    assert (group.a, group.b) == (False, True)


def test_a_percentage_on_the_line_after_its_qualifier() -> None:
    cover = COVER_13G.replace(
        "11. Percent of Class Represented by Amount in Row 9      6.0%",
        "11. Percent of Class Represented by Amount in Row 9\n    Approximately\n    6.0%",
    )
    filing = compile_filing((TITLE_13G + cover.format(**DEFAULTS) + ITEMS_13G).encode(), "q.txt")
    assert filing.reporting_persons[0].percent_of_class == Decimal("6.0")


def test_an_item_heading_written_again_continues_the_item() -> None:
    for again in ("Item 4  Ownership (continued)", "Item 4       Ownership"):
        items = ITEMS_13G.replace(
            "             See the cover page.\n",
            f"             See the cover page.\n<PAGE>\n{again}\n             More text.\n",
        )
        filing = compiled(items=items)
        assert [i.number for i in filing.items] == ["1", "2", "3", "4"]
        assert "More text." in filing.items[3].text
        assert "continued" not in filing.items[3].text


def test_a_number_wrapped_onto_the_line_under_the_name() -> None:
    for first, second in (
        ("Widget LLC I.R.S.", "No. 13-1234567"),
        ("Widget LLC (I.R.S.", "13-1234567)"),
    ):
        name = f"{first}\n                                   {second}"
        person = compiled(name=name).reporting_persons[0]
        assert (person.name, person.identification_number) == ("Widget LLC", "13-1234567")


def test_a_foreign_issuers_cins_is_read() -> None:
    title = TITLE_13G.replace("00088U108", "G0450A105")
    filing = compiled(title=title)
    assert filing.security.cusips == ("G0450A105",)
    assert "CUSIP-MISSING" not in {d.code for d in filing.diagnostics}
    # A letter-first token with a wrong check digit is no CINS.
    assert find_cusips("G0450A104") == []


def test_codes_written_as_the_words_of_the_list() -> None:
    funds = frozenset({"WC", "BK", "AF", "PF", "OO"})
    assert parse_codes("Working Capital, Bank", funds) == (["WC", "BK"], [])
    assert parse_codes("Personal Funds and Affiliate", funds) == (["PF", "AF"], [])
    types = frozenset({"PN", "IA", "IN", "CO"})
    assert parse_codes("Partnership, Investment Adviser", types) == (["PN", "IA"], [])
