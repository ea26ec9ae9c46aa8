"""Hypothesis strategies that build a Filing IR directly: random persons, cover-row values,
items, transactions, signatures, annexes, exhibits and text blocks, for the round trip
IR -> normalized text -> compile -> the same IR (tests/backends/test_roundtrip.py).

The values are what a lowering produces: text with its whitespace collapsed, item text as
blank-line-separated paragraphs, an annex's prose as paragraphs. Prose mixes plain words with
words that start structural lines when they begin one ("Item 4.", "CUSIP No.", "SIGNATURE",
"Exhibit 1", "Page 3 of 9"), to test that the normalized layout never lets prose be read as
structure. Names come from lists that no heuristic of the lowering takes for something else.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import strategies as st

from compiler.edgar_codes import code_of
from compiler.frontend.values import cusip_check_digit
from compiler.ir import (
    Annex,
    AnnexPerson,
    Exhibit,
    Filing,
    Issuer,
    Item,
    MemberOfGroup,
    NoticePerson,
    PersonType,
    ReportingPerson,
    Security,
    Signature,
    SourceInfo,
    SourceOfFunds,
    TextBlock,
    Transaction,
)
from compiler.ir import Span as IrSpan

NOWHERE = IrSpan(line=1, column=1, end_line=1, end_column=1)
WORDS = tuple(
    " ".join(
        (
            "the shares were acquired for investment purposes by fund and its general partner",
            "may from time to time purchase additional securities in open market transactions or",
            "dispose of all or part of its holdings depending on market conditions price",
        )
    ).split(" ")
)
# Words that start a structural line when a line starts with them.
TRICKY = (
    "Item 4.",
    "ITEM 7:",
    "CUSIP No. 123456789",
    "SIGNATURE",
    "Exhibit 1",
    "ANNEX A",
    "Schedule 13D",
    "Page 3 of 9",
    "-2-",
    "After reasonable inquiry",
    "(Name of Issuer)",
    "1 NAME OF REPORTING PERSON",
    "7 SOLE VOTING POWER",
    "<PAGE>",
    "Amendment No. 3",
)
CAPITALIZED = ("Harbor", "Granite", "Willow", "Summit", "Beacon", "Meridian", "Cobalt", "Juniper")
SUFFIXES = ("Capital LP", "Partners, L.P.", "Holdings LLC", "Fund Ltd.", "Advisors, Inc.")
GIVEN = ("Alice", "Bruno", "Clara", "David", "Elena", "Frank")
FAMILY = ("Moreau", "Okafor", "Lindqvist", "Navarro", "Whitlock", "Brennan")
PLACES = ("Delaware", "United States", "Cayman Islands", "The Netherlands", "Switzerland")
TITLES_13D = {
    "1": "Security and Issuer",
    "2": "Identity and Background",
    "3": "Source and Amount of Funds or Other Consideration",
    "4": "Purpose of Transaction",
    "5": "Interest in Securities of the Issuer",
    "6": "Contracts, Arrangements, Understandings or Relationships with Respect to Securities "
    "of the Issuer",
    "7": "Material to Be Filed as Exhibits",
}
NATURES = ("Sale", "Purchase", "Gift", "Open market purchase")


@st.composite
def sentence(draw: st.DrawFn, tricky: bool = True) -> str:
    words = draw(st.lists(st.sampled_from(WORDS), min_size=3, max_size=40))
    if tricky:
        for phrase in draw(st.lists(st.sampled_from(TRICKY), max_size=3)):
            words.insert(draw(st.integers(1, len(words))), phrase)
    return "The " + " ".join(words) + "."


@st.composite
def prose(draw: st.DrawFn, paragraphs: int = 3, tricky: bool = True) -> str:
    count = draw(st.integers(1, paragraphs))
    return "\n\n".join(
        " ".join(draw(st.lists(sentence(tricky), min_size=1, max_size=3))) for _ in range(count)
    )


def organisation() -> st.SearchStrategy[str]:
    return st.builds(
        lambda a, b: f"{a} {b}", st.sampled_from(CAPITALIZED), st.sampled_from(SUFFIXES)
    )


def individual() -> st.SearchStrategy[str]:
    return st.builds(lambda a, b: f"{a} {b}", st.sampled_from(GIVEN), st.sampled_from(FAMILY))


@st.composite
def cusip(draw: st.DrawFn) -> str:
    first = draw(st.text(alphabet="0123456789", min_size=6, max_size=6))
    issue = draw(st.sampled_from(("10", "20", "30", "AA")))
    return f"{first}{issue}{cusip_check_digit(first + issue)}"


def share_count() -> st.SearchStrategy[int | None]:
    return st.none() | st.integers(0, 2_000_000_000)


def percent() -> st.SearchStrategy[Decimal | None]:
    def written(whole: int, fraction: int, places: int) -> Decimal:
        return Decimal(
            f"{whole}.{fraction:03d}"[: len(str(whole)) + places + 1] if places else whole
        )

    return st.none() | st.builds(
        written, st.integers(0, 99), st.integers(0, 999), st.sampled_from((0, 1, 2, 3))
    )


@st.composite
def reporting_person(
    draw: st.DrawFn, schedule: str, name: str, cover: tuple[str, ...]
) -> ReportingPerson:
    is_13d = schedule == "13D"
    citizenship = draw(st.none() | st.sampled_from(PLACES))
    return ReportingPerson(
        name=name,
        identification_number=draw(st.none() | st.sampled_from(("13-3456789", "98-0123456"))),
        member_of_group=MemberOfGroup(a=draw(st.booleans()), b=draw(st.booleans())),
        source_of_funds=tuple(
            draw(st.lists(st.sampled_from(list(SourceOfFunds)), unique=True, max_size=3))
        )
        if is_13d
        else None,
        legal_proceedings=draw(st.booleans()) if is_13d else None,
        citizenship=citizenship,
        # A text filing's code is the one its words name (compiler.edgar_codes).
        citizenship_code=code_of(citizenship),
        sole_voting_power=draw(share_count()),
        shared_voting_power=draw(share_count()),
        sole_dispositive_power=draw(share_count()),
        shared_dispositive_power=draw(share_count()),
        aggregate_amount=draw(share_count()),
        excludes_certain_shares=draw(st.booleans()),
        percent_of_class=draw(percent()),
        type_of_reporting_person=tuple(
            draw(
                st.lists(
                    st.sampled_from([t for t in PersonType if t is not PersonType.FI]),
                    unique=True,
                    min_size=1,
                    max_size=3,
                )
            )
        ),
        footnotes=tuple(draw(st.lists(prose(1), max_size=2))),
        cover_cusips=cover,
    )


@st.composite
def items(draw: st.DrawFn, schedule: str, with_item_5: bool) -> tuple[Item, ...]:
    numbers = [str(n) for n in range(1, 8 if schedule == "13D" else 11)]
    chosen = draw(st.lists(st.sampled_from(numbers), unique=True, min_size=1, max_size=6))
    if with_item_5 and "5" not in chosen:
        chosen.append("5")
    result = []
    for number in sorted(chosen, key=int):
        titles = (
            st.none()
            | st.sampled_from(("Ownership", "Other Matters"))
            | st.builds(
                lambda words: " ".join(words).title(),
                st.lists(st.sampled_from(WORDS), min_size=1, max_size=12),
            )
        )
        if schedule == "13D":
            titles = titles | st.just(TITLES_13D[number])
        result.append(Item(number=number, title=draw(titles), text=draw(prose())))
    return tuple(result)


# The US dollar most often, as in filings; the others as grammar/values.lark names them.
CURRENCIES = ("USD", "USD", "USD", "CAD", "EUR", "GBP", "CHF", "JPY", "HKD", "ILS")


@st.composite
def transaction(draw: st.DrawFn, people: list[str]) -> Transaction:
    price = draw(
        st.none()
        | st.builds(lambda c: Decimal(c) / 100, st.integers(1, 99_999))
        | st.builds(lambda c: Decimal(c) / 10_000, st.integers(1, 999_999))
    )
    return Transaction(
        date=draw(st.dates(dt.date(1994, 1, 1), dt.date(2024, 12, 31))),
        shares=draw(st.integers(1, 50_000_000)),
        price=price,
        # A price in another currency is written "CAD 12.50"; without a price there is none.
        currency="USD" if price is None else draw(st.sampled_from(CURRENCIES)),
        person=draw(st.none() | st.sampled_from(people)) if people else None,
        note=draw(
            st.none()
            | st.sampled_from(NATURES)
            | st.builds(" ".join, st.lists(st.sampled_from(WORDS), min_size=1, max_size=4))
        ),
    )


@st.composite
def annex(draw: st.DrawFn) -> Annex:
    sections = draw(st.sampled_from(((None,), ("BOARD OF DIRECTORS", "EXECUTIVE OFFICERS"))))
    persons = []
    for section in sections:
        for _ in range(draw(st.integers(1, 3))):
            persons.append(
                AnnexPerson(
                    name=draw(individual()),
                    section=section,
                    position=draw(
                        st.none() | st.builds(lambda o: f"Director of {o}", organisation())
                    ),
                    address=draw(
                        st.none()
                        | st.sampled_from(
                            ("1 Main Street, Springfield", "Bahnhofstrasse 44, Zurich")
                        )
                    ),
                    citizenship=draw(st.none() | st.sampled_from(PLACES)),
                )
            )
    text = draw(st.sampled_from(("", "The business address of each person is given below.")))
    return Annex(
        title=draw(st.sampled_from(("ANNEX A", "SCHEDULE I", "Schedule A"))),
        persons=tuple(persons),
        text=text,
    )


@st.composite
def exhibit(draw: st.DrawFn, number: int, edgar: bool) -> Exhibit:
    lines = draw(
        st.lists(
            st.builds(
                lambda indent, words: " " * indent + " ".join(words),
                st.integers(0, 30),
                st.lists(st.sampled_from(WORDS), min_size=1, max_size=9),
            ),
            min_size=1,
            max_size=6,
        )
    )
    text = "\n".join(lines)
    if edgar:
        title = draw(st.sampled_from((f"EXHIBIT 99.{number}", "JOINT FILING AGREEMENT")))
        return Exhibit(title=title, document_type=f"EX-99.{number}", text=text)
    return Exhibit(title=f"EXHIBIT {number}", document_type=None, text=text)


@st.composite
def filings(draw: st.DrawFn) -> Filing:
    schedule = draw(st.sampled_from(("13D", "13G")))
    amendment = draw(st.none() | st.integers(0, 40))
    form = f"SC {schedule}" + draw(st.sampled_from(("", "/A")))
    cusips = tuple(draw(st.lists(cusip(), min_size=1, max_size=2, unique=True)))
    names = draw(st.lists(organisation() | individual(), min_size=1, max_size=4, unique=True))
    cover = draw(st.sampled_from(((), cusips[:1])))
    persons = tuple(draw(reporting_person(schedule, name, cover)) for name in names)
    transactions = (
        tuple(draw(st.lists(transaction(names), max_size=6))) if schedule == "13D" else ()
    )
    filing_items = draw(items(schedule, bool(transactions)))
    notice: tuple[NoticePerson, ...] = ()
    if schedule == "13D":
        notice = (
            NoticePerson(
                name=draw(individual()),
                lines=("1 Main Street", "Springfield, IL 62701"),
                telephone="(217) 555-0100",
                role="notice",
            ),
        )
    blocks = [
        TextBlock(
            context="title_page",
            text=" ".join(draw(st.lists(sentence(), max_size=2))),
            span=NOWHERE,
        ),
        TextBlock(
            context="preamble",
            text=" ".join(draw(st.lists(sentence(), max_size=2))),
            span=NOWHERE,
        ),
    ]
    signatures = tuple(
        Signature(
            date=draw(st.none() | st.dates(dt.date(1994, 1, 1), dt.date(2024, 12, 31))),
            entity=draw(st.none() | organisation()),
            signer=draw(individual()),
            title=draw(st.none() | st.sampled_from(("Managing Member", "Chief Financial Officer"))),
        )
        for _ in range(draw(st.integers(1, 2)))
    )
    in_document = draw(st.integers(0, 2))
    exhibits = tuple(draw(exhibit(n, False)) for n in range(1, in_document + 1)) + tuple(
        draw(exhibit(n, True)) for n in range(1, draw(st.integers(0, 1)) + 1)
    )
    return Filing(
        source=SourceInfo(path="generated.txt", sha256="0" * 64, encoding="utf-8"),
        form=form,
        amendment_number=amendment,
        issuer=Issuer(name=draw(organisation())),
        security=Security(title="Common Stock, $0.01 par value", cusips=cusips),
        event_date=draw(st.none() | st.dates(dt.date(1994, 1, 1), dt.date(2024, 12, 31))),
        previously_filed_13g=draw(st.booleans()) if schedule == "13D" else None,
        notice_persons=notice,
        reporting_persons=persons,
        items=filing_items,
        transactions=transactions,
        signatures=signatures,
        annexes=tuple(draw(st.lists(annex(), max_size=1))),
        exhibits=exhibits,
        page_headers=(),
        text_blocks=tuple(block for block in blocks if block.text),
        diagnostics=(),
        rule_designations=tuple(
            sorted(draw(st.sets(st.sampled_from(("13d-1(b)", "13d-1(c)", "13d-1(d)")))))
        )
        if schedule == "13G"
        else (),
        certification=next((i.text for i in filing_items if i.number == "10"), None)
        if schedule == "13G"
        else None,
    )
