"""Each check of compiler/checks.py (and each lowering diagnostic): a case that triggers it and the
clean filing, which must trigger nothing."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from conftest import FIXTURES
from minimal_filing import minimal_13d

from compiler import compile_filing
from compiler.checks import check
from compiler.ir import Filing, Severity


def codes(data: bytes) -> set[str]:
    return {d.code for d in compile_filing(data, "t.txt").diagnostics}


def rechecked(filing: Filing) -> set[str]:
    """The codes the checks give for an IR changed by hand (lowering diagnostics dropped)."""
    return {d.code for d in check(replace(filing, diagnostics=())).diagnostics}


@pytest.fixture(scope="module")
def clean() -> Filing:
    return compile_filing(minimal_13d(), "clean.txt")


def test_the_clean_filing_has_no_diagnostic_above_info(clean: Filing) -> None:
    assert [d for d in clean.diagnostics if d.severity is not Severity.INFO] == []
    person = clean.reporting_persons[0]
    assert (person.sole_voting_power, person.aggregate_amount) == (600000, 600000)
    assert person.percent_of_class == Decimal("6.0")
    assert len(clean.transactions) == 2


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"title_cusip": "282912105", "header_cusip": "282912105"}, "CUSIP-CHECK-DIGIT"),
        ({"header_cusip": "757209101"}, "CUSIP-MISMATCH"),
        ({"title_cusip": "none given"}, "CUSIP-MISSING"),
        ({"sole_vote": "700,000"}, "SHARES-AGGREGATE-SMALL"),
        ({"sole_vote": "See Item 5"}, "VALUE-CROSSREF"),
        ({"sole_vote": "two million"}, "VALUE-UNPARSED"),
        ({"percent": "7.5%"}, "PERCENT-MISMATCH"),
        ({"percent": "Less than 1%"}, "PERCENT-LESS-THAN"),
        ({"percent": "160.0%"}, "PERCENT-OVER-100"),
        (
            {"item5_text": "The Reporting Person bought an aggregate of 650,000 shares."},
            "TX-TOTAL-MISMATCH",
        ),
        ({"tx_date": "03/09/2020"}, "TX-AFTER-SIGNATURE"),
        ({"tx_date": "03/04/2020"}, "TX-AFTER-EVENT"),
        ({"page3": "5"}, "PAGE-SEQUENCE"),
        ({"page3": "4"}, "PAGE-TOTAL"),
        ({"amendment": "(Amendment No. 2)"}, None),  # a 13D/A by its title: not a fault
        ({"box_a": "[X]"}, None),
        ({"funds": "CASH"}, "COVER-CODE-UNKNOWN"),
        ({"event_date": "sometime in March"}, "EVENT-DATE-MISSING"),
        ({"event_date": "March 9, 2020", "tx_date": "03/04/2020"}, "EVENT-AFTER-SIGNATURE"),
    ],
)
def test_each_check_fires_on_its_case(changes: dict[str, str], code: str | None) -> None:
    found = codes(minimal_13d(**changes))
    if code is None:
        assert {c for c in found if c != "TX-AFTER-EVENT"} == set(), found
    else:
        assert code in found, found


def test_percent_written_truncated_or_rounded_passes() -> None:
    # 600,000 of 10,000,000 is exactly 6%; 6.0% and 6% are both right.
    assert "PERCENT-MISMATCH" not in codes(minimal_13d(percent="6%"))


def test_percent_with_zero_decimals_may_be_a_whole_percent_rounding(clean: Filing) -> None:
    # 600,000 of 10,000,000 is 6%: 5.0%, 7.0% or 6.5% are wrong at one decimal, and "6.0%" is
    # right. A filer rounding to whole percents and printing one decimal writes 51,000 shares
    # (0.51%) as "1.0%": the zeros are not precision, the whole percent agrees.
    def flagged(aggregate: int, percent: str) -> bool:
        person = replace(
            clean.reporting_persons[0],
            aggregate_amount=aggregate,
            percent_of_class=Decimal(percent),
            footnotes=("Based on 10,000,000 shares of Common Stock outstanding.",),
        )
        return "PERCENT-MISMATCH" in rechecked(replace(clean, reporting_persons=(person,)))

    assert not flagged(51_000, "1.0")  # 0.51% rounds to 1%
    assert not flagged(51_000, "1.00")
    assert not flagged(600_000, "6.0")
    assert flagged(49_000, "1.0")  # 0.49% rounds to 0%, not 1%
    assert flagged(51_000, "1.5")  # decimals that are not zeros are precision
    assert flagged(600_000, "7.0")
    assert flagged(660_000, "6.0")  # 6.6% rounds to 7%


def test_percent_allows_shares_issuable_under_rule_13d_3(clean: Filing) -> None:
    person = replace(
        clean.reporting_persons[0],
        percent_of_class=Decimal("5.7"),
        footnotes=("Based on 10,000,000 shares outstanding, plus the 500,000 shares issuable.",),
    )
    assert "PERCENT-MISMATCH" not in rechecked(replace(clean, reporting_persons=(person,)))


def test_percent_allows_a_denominator_spelled_out_as_a_sum(clean: Filing) -> None:
    # 600,000 of 10,000,000 + 1,000,000 + 1,000,000 is 5.0%, of 10,000,000 alone 6.0%: a filing
    # that says "based on (i) ... outstanding, (ii) the ... shares to be issued ... and (iii) ..."
    # divides by the sum; a count in another sentence is not part of it.
    def flagged(note: str) -> bool:
        person = replace(
            clean.reporting_persons[0],
            aggregate_amount=600_000,
            percent_of_class=Decimal("5.0"),
            footnotes=(note,),
        )
        return "PERCENT-MISMATCH" in rechecked(replace(clean, reporting_persons=(person,)))

    assert not flagged(
        "Based on (i) 10,000,000 shares of Common Stock outstanding as of May 1, 2025, (ii) the "
        "1,000,000 shares to be issued in the offering, and (iii) the 1,000,000 shares to be "
        "issued to the Reporting Persons."
    )
    assert flagged(
        "Based on 10,000,000 shares of Common Stock outstanding. Item 4 describes (ii) the "
        "1,000,000 shares and (iii) the 1,000,000 shares of another class."
    )


def test_shares_absurd(clean: Filing) -> None:
    person = replace(clean.reporting_persons[0], aggregate_amount=10**13)
    assert "SHARES-ABSURD" in rechecked(replace(clean, reporting_persons=(person,)))


def test_group_boxes_both_marked(clean: Filing) -> None:
    person = clean.reporting_persons[0]
    both = replace(person, member_of_group=replace(person.member_of_group, a=True, b=True))
    assert "GROUP-BOTH-MARKED" in rechecked(replace(clean, reporting_persons=(both,)))
    assert "GROUP-BOTH-MARKED" not in rechecked(clean)


def test_amendment_number_on_an_original(clean: Filing) -> None:
    assert "FORM-AMENDMENT-ON-ORIGINAL" in rechecked(replace(clean, amendment_number=3))
    assert "FORM-AMENDMENT-ON-ORIGINAL" not in rechecked(clean)


def test_amendment_without_a_number(clean: Filing) -> None:
    assert "FORM-AMENDMENT-MISSING" in rechecked(replace(clean, form="SC 13D/A"))
    amended = replace(clean, form="SC 13D/A", amendment_number=1)
    assert "FORM-AMENDMENT-MISSING" not in rechecked(amended)


def test_a_cover_row_among_the_items_is_kept_and_reported() -> None:
    data = minimal_13d(item5_text="7   SOLE VOTING POWER   100")
    filing = compile_filing(data, "t.txt")
    stray = [d for d in filing.diagnostics if d.code == "GRAMMAR-UNEXPECTED-LINE"]
    assert len(stray) == 1 and stray[0].span is not None
    assert "SOLE VOTING POWER" in next(i.text for i in filing.items if i.number == "5")


def test_diagnostics_are_located_in_the_original_file() -> None:
    data = minimal_13d(header_cusip="757209101")
    header_line = (
        data.decode()
        .splitlines()
        .index(
            next(line for line in data.decode().splitlines() if line.startswith("CUSIP No. 7572"))
        )
        + 1
    )
    filing = compile_filing(data, "t.txt")
    mismatch = next(d for d in filing.diagnostics if d.code == "CUSIP-MISMATCH")
    assert mismatch.span is not None and mismatch.span.line == header_line == 29


def test_seed_reports_the_header_cusip_and_no_false_alarm() -> None:

    seed = FIXTURES / "seed" / "000_16ffad13912a4479.txt"
    filing = compile_filing(seed.read_bytes(), str(seed))
    warnings = [d for d in filing.diagnostics if d.severity is not Severity.INFO]
    assert [d.code for d in warnings] == ["CUSIP-MISMATCH"]
    assert "757209101" in warnings[0].message and "282912104" in warnings[0].message


def test_blank_share_row_is_reported_as_missing() -> None:
    assert "VALUE-MISSING" in codes(minimal_13d(sole_vote=""))


def _located(data: bytes, code: str) -> list[int]:
    """The lines of the diagnostics ``code`` of the filing ``data``."""
    found = compile_filing(data, "t.txt").diagnostics
    return [d.span.line if d.span else 0 for d in found if d.code == code]


def test_blank_code_and_place_rows_are_reported_as_missing_where_they_stand() -> None:
    text = minimal_13d().decode()
    rows = text.split("\n")
    funds = next(n for n, line in enumerate(rows, 1) if "SOURCE OF FUNDS" in line)
    place = next(n for n, line in enumerate(rows, 1) if "CITIZENSHIP OR PLACE" in line)
    assert _located(minimal_13d(funds=""), "VALUE-MISSING") == [funds]
    blank_place = text.replace("         United States\n", "\n").encode()
    assert _located(blank_place, "VALUE-MISSING") == [place]


def test_a_date_of_event_that_reads_as_no_date_is_reported_where_it_stands() -> None:
    data = minimal_13d(event_date="the fourteenth of March")
    line = next(n for n, row in enumerate(data.decode().split("\n"), 1) if "fourteenth" in row)
    assert _located(data, "VALUE-UNPARSED") == [line]


def test_percent_denominator_includes_shares_the_person_may_acquire(clean: Filing) -> None:
    # 600,000 includes 100,000 issuable: 600,000 / (10,000,000 + 100,000) = 5.94%.
    person = replace(
        clean.reporting_persons[0],
        percent_of_class=Decimal("5.9"),
        footnotes=(
            "Includes 100,000 shares of Common Stock of Acme Inc. issuable upon the exercise "
            "of warrants.",
            "Based on 10,000,000 shares of Common Stock outstanding.",
        ),
    )
    assert "PERCENT-MISMATCH" not in rechecked(replace(clean, reporting_persons=(person,)))
    wrong = replace(person, percent_of_class=Decimal("7.9"))
    assert "PERCENT-MISMATCH" in rechecked(replace(clean, reporting_persons=(wrong,)))


def test_fraction_prices_of_the_1990s() -> None:
    filing = compile_filing(minimal_13d(), "t.txt")
    assert [t.price for t in filing.transactions] == [Decimal("10.00"), Decimal("10.50")]
    data = minimal_13d().replace(b"$10.00", b"$9 7/8 ").replace(b"$10.50", b"10-3/16")
    prices = [t.price for t in compile_filing(data, "t.txt").transactions]
    assert prices == [Decimal("9.875"), Decimal("10.1875")]


def test_a_filing_without_a_cover_page_says_so_where_the_cover_page_belongs() -> None:
    text = minimal_13d().decode()
    start = text.index(" 1   NAME OF REPORTING PERSON")
    end = text.index("* Based on")
    data = (text[:start] + "[the cover page is an image]\n" + text[end:]).encode()
    rows = data.decode().split("\n")
    line = rows.index("[the cover page is an image]") + 1
    item1 = next(n for n, row in enumerate(rows, 1) if row.startswith("Item 1."))
    found = _located(data, "COVER-PAGE-MISSING")
    assert len(found) == 1 and line <= found[0] <= item1  # after the title page, by Item 1
    assert _located(minimal_13d(), "COVER-PAGE-MISSING") == []


def test_words_over_the_cusip_caption_that_are_no_cusip_are_reported_where_they_stand() -> None:
    data = minimal_13d(title_cusip="to be assigned")
    line = next(n for n, row in enumerate(data.decode().split("\n"), 1) if "to be assigned" in row)
    assert _located(data, "VALUE-UNPARSED") == [line]
