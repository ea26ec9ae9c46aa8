"""The value grammars of compiler/frontend/values.py: shares, percentages, check boxes, code lists,
dates
and CUSIPs, table-driven, with a few hypothesis properties."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from compiler.frontend.lexer import clean_cover_line
from compiler.frontend.values import (
    cusip_check_digit,
    cusip_is_valid,
    find_boxes,
    find_cusips,
    parse_codes,
    parse_date,
    parse_group_boxes,
    parse_percent,
    parse_shares,
)
from compiler.ir import PersonType, SourceOfFunds

FUNDS = frozenset(code.value for code in SourceOfFunds)
TYPES = frozenset(code.value for code in PersonType)

# --- shares -------------------------------------------------------------------------------------

SHARES = [
    # text, value, reason, (start, end) of the value in the text
    ("1,234,567", 1_234_567, None, (0, 9)),
    ("1234567", 1_234_567, None, (0, 7)),
    ("2,202,000 shares of common stock", 2_202_000, None, (0, 9)),
    ("  412,500  ", 412_500, None, (2, 9)),
    ("1,077,065 (1)", 1_077_065, None, (0, 9)),
    ("1,077,065(1)", 1_077_065, None, (0, 9)),
    ("5,400,000*", 5_400_000, None, (0, 9)),
    ("5,400,000**", 5_400_000, None, (0, 9)),
    ("Approximately 1,000", 1_000, None, (14, 19)),
    ("1,000,000.00", 1_000_000, None, (0, 9)),
    ("-0-", 0, None, (0, 3)),
    ("-0- (1)", 0, None, (0, 3)),
    ("--0--", 0, None, (0, 5)),
    ("0", 0, None, (0, 1)),
    ("0 shares", 0, None, (0, 1)),
    ("None", 0, None, (0, 4)),
    ("NONE*", 0, None, (0, 4)),
    ("Nil", 0, None, (0, 3)),
    ("Zero", 0, None, (0, 4)),
    ("See Item 5", None, "crossref", None),
    ("(See Item 5)", None, "crossref", None),
    ("see Item 5 below", None, "crossref", None),
    ("Refer to Item 5", None, "crossref", None),
    ("As set forth in Item 5", None, "crossref", None),
    ("", None, "missing", None),
    ("    ", None, "missing", None),
    ("N/A", None, "unparsed", None),
    ("12,34", None, "unparsed", None),  # not a grouped number
    ("Nonetheless", None, "unparsed", None),
]


@pytest.mark.parametrize(("text", "value", "reason", "span"), SHARES, ids=[s[0] for s in SHARES])
def test_parse_shares(
    text: str, value: int | None, reason: str | None, span: tuple[int, int] | None
) -> None:
    parsed = parse_shares(text)
    assert (parsed.value, parsed.reason) == (value, reason)
    if span is not None:
        assert (parsed.start, parsed.end) == span


@given(st.integers(min_value=0, max_value=10**12), st.sampled_from(["", " (1)", "*", " shares"]))
def test_formatted_share_counts_round_trip(number: int, suffix: str) -> None:
    written = f"{number:,}"
    parsed = parse_shares(written + suffix)
    assert parsed.value == number
    assert parsed.reason is None
    assert (written + suffix)[parsed.start : parsed.end] == written


@given(st.integers(min_value=0, max_value=10**12))
def test_plain_share_counts_round_trip(number: int) -> None:
    assert parse_shares(str(number)).value == number


# --- percentages --------------------------------------------------------------------------------

PERCENTS = [
    ("6.4%", Decimal("6.4"), None),
    ("6.41%*", Decimal("6.41"), None),
    ("11.7%*", Decimal("11.7"), None),
    ("19.9% (1)", Decimal("19.9"), None),
    ("5.1%(2)", Decimal("5.1"), None),
    ("Approximately 7.2%", Decimal("7.2"), None),
    ("Approximately 12.9%", Decimal("12.9"), None),
    ("approx. 5%", Decimal("5"), None),
    ("7.2 %", Decimal("7.2"), None),
    ("  6.4%  ", Decimal("6.4"), None),
    ("0%", Decimal("0"), None),
    ("0.0%", Decimal("0.0"), None),
    ("100%", Decimal("100"), None),
    (".5%", Decimal("0.5"), None),
    ("12.9", Decimal("12.9"), None),  # the % sign left out
    ("Less than 1%", None, "less-than"),
    ("less than 0.1%", None, "less-than"),
    ("<1%", None, "less-than"),
    ("See Item 5", None, "crossref"),
    ("", None, "missing"),
    ("N/A", None, "unparsed"),
]


@pytest.mark.parametrize(("text", "value", "reason"), PERCENTS, ids=[p[0] for p in PERCENTS])
def test_parse_percent(text: str, value: Decimal | None, reason: str | None) -> None:
    parsed = parse_percent(text)
    assert parsed.reason == reason
    assert parsed.value == value
    if value is not None:
        # Exactly the written digits, so that "6.41" renders as 6.41 and not 6.410000001.
        assert str(parsed.value) == str(value)


def test_percent_span_is_the_number() -> None:
    text = "Approximately 7.2%"
    parsed = parse_percent(text)
    assert text[parsed.start : parsed.end] == "7.2"


@given(st.decimals(min_value=0, max_value=100, places=2), st.sampled_from(["%", " %", "%*"]))
def test_written_percentages_round_trip(value: Decimal, sign: str) -> None:
    assert parse_percent(f"{value}{sign}").value == value


# --- check boxes --------------------------------------------------------------------------------

BOXES = [
    ("[ ]", False),
    ("[X]", True),
    ("[x]", True),
    ("[ X ]", True),
    ("[_]", False),
    ("[]", False),
    ("/ /", False),
    ("/X/", True),
    ("( )", False),
    ("(X)", True),
    ("o", False),
    ("x", True),
    ("☐", False),
    ("☒", True),
    ("|_|", False),
    ("|X|", True),
]


@pytest.mark.parametrize(("text", "marked"), BOXES, ids=[b[0] for b in BOXES])
def test_find_boxes(text: str, marked: bool) -> None:
    line = f"ITEMS 2(d) OR 2(e)      {text}"
    assert find_boxes(line) == [(marked, 24, 24 + len(text))]


@pytest.mark.parametrize(
    ("raw", "marked"), [("|_|", False), ("|X|", True), ("|x|", True)], ids=["empty", "X", "x"]
)
def test_pipe_boxes_after_clean_cover_line(raw: str, marked: bool) -> None:
    line = f"|  5  | CHECK IF DISCLOSURE OF LEGAL PROCEEDINGS   {raw}  |"
    cleaned = clean_cover_line(line)
    assert [box[0] for box in find_boxes(cleaned)] == [marked]


def test_words_are_not_boxes() -> None:
    assert find_boxes("Cox and Box (proxy)") == []
    assert find_boxes("of the Exchange Act") == []


GROUPS = [
    ("(a) [ ] (b) [X]", (False, True)),
    ("(a) [X]   (b) [ ]", (True, False)),
    ("(a)[ ] (b)[x]", (False, True)),
    ("( a ) [ ]  ( b ) [X]", (False, True)),
    ("(a) |_|  (b) |X|", (False, True)),
    ("(a) /X/ (b) / /", (True, False)),
    ("(a) ( )  (b) (X)", (False, True)),
    ("(a) o  (b) x", (False, True)),
    ("(a) x  (b) o", (True, False)),
    ("(a) [_]  (b) [_]", (False, False)),
    ("(a) ☒ (b) ☐", (True, False)),
    ("(a) [X]\n                     (b) [ ]", (True, False)),
]


@pytest.mark.parametrize(("text", "expected"), GROUPS, ids=[g[0] for g in GROUPS])
def test_parse_group_boxes(text: str, expected: tuple[bool, bool]) -> None:
    found = parse_group_boxes(text)
    assert (found["a"][0], found["b"][0]) == expected
    for marked, start, end in found.values():
        assert find_boxes(text[start:end])[0][0] is marked


def test_group_boxes_when_one_letter_is_missing() -> None:
    assert parse_group_boxes("(a)") == {}
    assert set(parse_group_boxes("(b) [X]")) == {"b"}


# --- code lists ---------------------------------------------------------------------------------

CODES = [
    # text, allowed, codes, unknown words
    ("WC", FUNDS, ["WC"], []),
    ("WC, AF", FUNDS, ["WC", "AF"], []),
    ("PF; OO", FUNDS, ["PF", "OO"], []),
    ("PF/AF", FUNDS, ["PF", "AF"], []),
    ("PF and AF", FUNDS, ["PF", "AF"], []),
    ("WC, BK", FUNDS, ["WC", "BK"], []),
    ("WC (1)", FUNDS, ["WC"], []),
    ("OO.", FUNDS, ["OO"], []),
    ("00", FUNDS, ["OO"], []),  # zeros for the letter O
    ("Working Capital", FUNDS, ["WC"], []),
    ("WC, WC", FUNDS, ["WC"], []),
    ("XY", FUNDS, [], ["XY"]),
    ("WC AF", FUNDS, ["WC", "AF"], []),  # a lone space separates codes too
    ("OO (see Item 3)", FUNDS, ["OO"], []),  # a cross-reference beside the code
    ("CO", TYPES, ["CO"], []),
    ("C0", TYPES, ["CO"], []),  # zero for the letter O
    ("00", TYPES, ["OO"], []),
    ("HC, CO", TYPES, ["HC", "CO"], []),
    ("IA, PN", TYPES, ["IA", "PN"], []),
    ("IN, HC", TYPES, ["IN", "HC"], []),
    ("PN*", TYPES, ["PN"], []),
    ("Individual", TYPES, ["IN"], []),
    ("WC", TYPES, [], ["WC"]),  # a funds code is not a person type
]


@pytest.mark.parametrize(
    ("text", "allowed", "codes", "unknown"),
    CODES,
    ids=[f"{c[0]}-{'funds' if c[1] is FUNDS else 'types'}" for c in CODES],
)
def test_parse_codes(
    text: str, allowed: frozenset[str], codes: list[str], unknown: list[str]
) -> None:
    assert parse_codes(text, allowed) == (codes, unknown)


# --- dates --------------------------------------------------------------------------------------

DEC_23 = dt.date(2003, 12, 23)
DATES = [
    ("December 23, 2003", DEC_23, (0, 17)),
    ("DECEMBER 23, 2003", DEC_23, (0, 17)),
    ("December 23 , 2003", DEC_23, (0, 18)),
    ("December 23rd, 2003", DEC_23, (0, 19)),
    ("Dec. 23, 2003", DEC_23, (0, 13)),
    ("Dec 23, 2003", DEC_23, (0, 12)),
    ("Dec 23 2003", DEC_23, (0, 11)),
    ("23 December 2003", DEC_23, (0, 16)),
    ("23rd December, 2003", DEC_23, (0, 19)),
    ("12/23/2003", DEC_23, (0, 10)),
    ("12/23/03", DEC_23, (0, 8)),
    ("12-23-2003", DEC_23, (0, 10)),
    ("12.23.2003", DEC_23, (0, 10)),
    ("2003-12-23", DEC_23, (0, 10)),
    ("23-Dec-03", DEC_23, (0, 9)),
    ("Sept. 5, 2003", dt.date(2003, 9, 5), (0, 13)),
    ("1/5/99", dt.date(1999, 1, 5), (0, 6)),
    ("on or about December 23, 2003, the", DEC_23, (12, 29)),
]


@pytest.mark.parametrize(("text", "value", "span"), DATES, ids=[d[0] for d in DATES])
def test_parse_date(text: str, value: dt.date, span: tuple[int, int]) -> None:
    parsed = parse_date(text)
    assert parsed.value == value
    assert parsed.reason is None
    assert (parsed.start, parsed.end) == span


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("February 30, 2003", "bad-date"),
        ("13/23/2003", "bad-date"),
        ("no date here", "unparsed"),
        ("", "missing"),
        ("   ", "missing"),
    ],
)
def test_parse_date_failures(text: str, reason: str) -> None:
    parsed = parse_date(text)
    assert (parsed.value, parsed.reason) == (None, reason)


@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2049, 12, 31)))
def test_written_dates_round_trip(date: dt.date) -> None:
    forms = [
        f"{date:%B} {date.day}, {date.year}",
        f"{date:%b}. {date.day}, {date.year}",
        f"{date.day} {date:%B} {date.year}",
        f"{date.month}/{date.day}/{date.year}",
        f"{date:%m/%d/%y}",
        date.isoformat(),
    ]
    for form in forms:
        assert parse_date(form).value == date, form


# --- CUSIPs -------------------------------------------------------------------------------------

CUSIPS = [
    ("282912 10 4", ["282912104"]),
    ("282912-10-4", ["282912104"]),
    ("282912104", ["282912104"]),
    ("68575M-10-3", ["68575M103"]),
    ("68575m-10-3", ["68575M103"]),
    ("10561X 107", ["10561X107"]),
    ("92185D 10 5", ["92185D105"]),
    ("CUSIP No. 282912104", ["282912104"]),
    ("CUSIP Nos. 58934P101 / 58934P200", ["58934P101", "58934P200"]),
    ("Page 2 of 9", []),
    ("(650) 838-3600", []),
    ("0282912104", []),  # ten digits
]


@pytest.mark.parametrize(("text", "cusips"), CUSIPS, ids=[c[0] for c in CUSIPS])
def test_find_cusips(text: str, cusips: list[str]) -> None:
    assert [cusip for cusip, _, _ in find_cusips(text)] == cusips


def test_find_cusips_spans() -> None:
    text = "CUSIP No. 282912 10 4"
    [(cusip, start, end)] = find_cusips(text)
    assert cusip == "282912104"
    assert text[start:end] == "282912 10 4"


# schedule-13d-reference.md §4, worked examples
@pytest.mark.parametrize(
    ("cusip", "digit"),
    [("037833100", 0), ("30303M102", 2), ("594918104", 4), ("282912104", 4), ("68575M103", 3)],
)
def test_cusip_check_digit_examples(cusip: str, digit: int) -> None:
    assert cusip_check_digit(cusip[:8]) == digit
    assert cusip_is_valid(cusip)


@pytest.mark.parametrize("cusip", ["282912105", "53267W101", "28291210", "2829121044"])
def test_invalid_cusips(cusip: str) -> None:
    assert not cusip_is_valid(cusip)


CUSIP_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*@#"


@given(st.text(alphabet=CUSIP_CHARS, min_size=8, max_size=8))
def test_check_digit_makes_any_prefix_valid(prefix: str) -> None:
    digit = cusip_check_digit(prefix)
    assert 0 <= digit <= 9
    assert cusip_is_valid(f"{prefix}{digit}")
    assert cusip_check_digit(prefix.lower()) == digit


@given(
    st.text(alphabet="0123456789", min_size=1, max_size=1),
    st.text(alphabet=CUSIP_CHARS[:36], min_size=7, max_size=7),
    st.sampled_from(["{}{}{}", "{} {} {}", "{}-{}-{}"]),
)
def test_written_cusips_are_found(first: str, rest: str, form: str) -> None:
    prefix = first + rest
    cusip = prefix + str(cusip_check_digit(prefix))
    written = form.format(cusip[:6], cusip[6:8], cusip[8])
    assert find_cusips(f"CUSIP No. {written}") == [(cusip, 10, 10 + len(written))]


def test_percent_written_as_a_word() -> None:
    from decimal import Decimal

    from compiler.frontend.values import parse_percent

    assert parse_percent("6.4 percent").value == Decimal("6.4")
    assert parse_percent("approximately 12.9 per cent").value == Decimal("12.9")


def test_group_boxes_written_before_their_letters() -> None:
    from compiler.frontend.values import parse_group_boxes

    found = parse_group_boxes("[X] (a)\n[ ] (b)")
    assert (found["a"][0], found["b"][0]) == (True, False)


def test_not_applicable_is_no_code() -> None:
    from compiler.frontend.values import parse_codes, says_no_code

    assert parse_codes("N/A", frozenset({"WC"})) == ([], [])
    assert says_no_code("Not applicable.") and not says_no_code("WC")
