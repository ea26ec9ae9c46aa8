"""Check stage: the consistency checks a compiler reports as warnings (Filing -> Filing).

Each check reads the IR only and returns diagnostics; :func:`check` runs them all and returns the
filing with the diagnostics of lowering and checks together, sorted by place. Each code, with
its severity, is an entry of compiler/diagnostic_codes.py. A check fires only on a contradiction
the filing itself states: a percent is compared with a share count of outstanding stock only where
the filing gives one.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal

from compiler.diagnostic_codes import Code
from compiler.frontend.terminals import compile_terminals
from compiler.frontend.values import cusip_is_valid
from compiler.ir import Diagnostic, Filing, ReportingPerson, Span
from compiler.resources import read_grammar

Check = Callable[[Filing], Iterator[Diagnostic]]

# The counts the prose states, as the grammar says them (grammar/stated_counts.lark).
_COUNTS = compile_terminals(read_grammar("stated_counts.lark"), "grammar/stated_counts.lark")
_OUTSTANDING = _COUNTS["OUTSTANDING"]
_STATED_TOTAL = _COUNTS["STATED_TOTAL"]
_PLUS_ISSUABLE = _COUNTS["PLUS_ISSUABLE"]
_ISSUABLE = _COUNTS["ISSUABLE"]
_ENUMERATED = _COUNTS["ENUMERATED"]
_SENTENCE_END = _COUNTS["SENTENCE_END"]
_ABSURD_SHARES = 10**12


def _diag(code: Code, message: str, span: Span | None) -> Diagnostic:
    return Diagnostic(code=code, severity=code.severity, message=message, span=span)


def check_cusips(filing: Filing) -> Iterator[Diagnostic]:
    title = filing.security.cusips
    if not title:
        yield _diag(Code.CUSIP_MISSING, "the title page gives no CUSIP number", None)
    for position, cusip in enumerate(title):
        if not cusip_is_valid(cusip):
            yield _diag(
                Code.CUSIP_CHECK_DIGIT,
                f"CUSIP {cusip} on the title page has a wrong check digit",
                filing.security.spans.get(f"cusips/{position}"),
            )
    reported: set[str] = set()
    for header in filing.page_headers:
        for cusip in header.cusips:
            if cusip in reported:
                continue
            if not cusip_is_valid(cusip):
                reported.add(cusip)
                yield _diag(
                    Code.CUSIP_CHECK_DIGIT,
                    f"CUSIP {cusip} in a running header has a wrong check digit",
                    header.span,
                )
            elif title and cusip not in title:
                reported.add(cusip)
                yield _diag(
                    Code.CUSIP_MISMATCH,
                    f"the running headers give CUSIP {cusip} but the title page gives "
                    f"{', '.join(title)}",
                    header.span,
                )


def _powers(person: ReportingPerson) -> int | None:
    sums = []
    for sole, shared in (
        (person.sole_voting_power, person.shared_voting_power),
        (person.sole_dispositive_power, person.shared_dispositive_power),
    ):
        if sole is not None and shared is not None:
            sums.append(sole + shared)
    return max(sums) if sums else None


def check_shares(filing: Filing) -> Iterator[Diagnostic]:
    for index, person in enumerate(filing.reporting_persons, start=1):
        who = person.name or f"reporting person {index}"
        for field in (
            "sole_voting_power",
            "shared_voting_power",
            "sole_dispositive_power",
            "shared_dispositive_power",
            "aggregate_amount",
        ):
            value = getattr(person, field)
            if value is not None and value >= _ABSURD_SHARES:
                yield _diag(
                    Code.SHARES_ABSURD,
                    f"{who}: {field.replace('_', ' ')} of {value:,} shares is not plausible",
                    person.spans.get(field),
                )
        powers = _powers(person)
        aggregate = person.aggregate_amount
        if aggregate is not None and powers is not None and aggregate < powers:
            yield _diag(
                Code.SHARES_AGGREGATE_SMALL,
                f"{who}: row 11 ({aggregate:,}) is less than sole plus shared power ({powers:,})",
                person.spans.get("aggregate_amount"),
            )


def _item_outstanding(filing: Filing) -> list[tuple[int, int]]:
    """(outstanding, plus issuable or 0) stated in Items 1 and 5, read once per filing."""
    return [
        pair for item in filing.items if item.number in ("5", "1") for pair in _stated(item.text)
    ]


def _stated(text: str) -> list[tuple[int, int]]:
    """Each "N shares ... outstanding" of ``text``, with the "plus the M shares issuable" right
    after it (0 when there is none)."""
    found = []
    for match in _OUTSTANDING.finditer(text):
        plus = _PLUS_ISSUABLE.match(text, match.end())
        found.append((_number(match), _number(plus) if plus else 0))
        end = _SENTENCE_END.search(text, match.end())
        rest = text[match.end() : end.start() if end else len(text)]
        enumerated = sum(_number(part) for part in _ENUMERATED.finditer(rest))
        if enumerated:
            found.append((_number(match), enumerated))
    return found


def _number(match: re.Match[str]) -> int:
    return int(match.group("n").replace(",", ""))


# The cover pages of a filing repeat their footnotes person after person, and _ISSUABLE, which
# is tried from every digit of a note, costs tens of microseconds a note: each distinct note is
# read once (bounded: a batch meets endless notes).
@functools.lru_cache(maxsize=256)
def _issuable(note: str) -> int:
    """The shares a cover footnote says the person's count includes and it may acquire."""
    return sum(_number(m) for m in _ISSUABLE.finditer(note))


@functools.lru_cache(maxsize=256)
def _stated_in_note(note: str) -> tuple[tuple[int, int], ...]:
    """:func:`_stated` of a cover footnote (see _issuable)."""
    return tuple(_stated(note))


def _outstanding_counts(person: ReportingPerson, in_items: list[tuple[int, int]]) -> list[int]:
    """Denominators the filing states: shares outstanding, with the shares the filing adds under
    Rule 13d-3(d)(1)(i) ("plus the 2,500,000 shares issuable"), or, where the person's cover
    footnotes say its count includes shares it may acquire, outstanding plus those."""
    issuable = sum(_issuable(note) for note in person.footnotes)
    stated = in_items + [pair for note in person.footnotes for pair in _stated_in_note(note)]
    counts = []
    for outstanding, added in stated:
        counts.append(outstanding)
        if issuable:
            counts.append(outstanding + issuable)
        if added:
            counts.append(outstanding + added)
    return counts


def _agrees(percent: Decimal, aggregate: int, outstanding: int) -> bool:
    """True when ``percent`` is aggregate/outstanding rounded or truncated to its written places,
    or, when its decimals are all zeros, rounded to a whole percent: filers who round to whole
    percents print them with the decimals of their others ("1.0%" for 0.51%, "24.0%")."""
    exact = Decimal(aggregate) * 100 / Decimal(outstanding)
    places = max(-int(percent.as_tuple().exponent), 0)
    unit = Decimal(1).scaleb(-places)
    if abs(exact - percent) <= unit:
        return True
    return places > 0 and percent == percent.to_integral_value() and _whole(exact) == percent


def _whole(exact: Decimal) -> Decimal:
    """``exact`` rounded half up to a whole percent (0.51 -> 1, 6.5 -> 7)."""
    return exact.quantize(Decimal(1), rounding=ROUND_HALF_UP)


def check_percent(filing: Filing) -> Iterator[Diagnostic]:
    in_items = _item_outstanding(filing)
    for index, person in enumerate(filing.reporting_persons, start=1):
        who = person.name or f"reporting person {index}"
        percent = person.percent_of_class
        if percent is None:
            continue
        span = person.spans.get("percent_of_class")
        if percent > 100:
            yield _diag(Code.PERCENT_OVER_100, f"{who}: row 13 gives {percent}%", span)
            continue
        aggregate = person.aggregate_amount
        counts = [c for c in _outstanding_counts(person, in_items) if c > 0]
        if aggregate is None or not counts:
            continue
        if not any(_agrees(percent, aggregate, c) for c in counts):
            shown = ", ".join(f"{c:,}" for c in sorted(set(counts)))
            yield _diag(
                Code.PERCENT_MISMATCH,
                f"{who}: row 13 gives {percent}% but {aggregate:,} of {shown} shares outstanding "
                f"is {Decimal(aggregate) * 100 / Decimal(counts[0]):.2f}%",
                span,
            )


def check_transactions(filing: Filing) -> Iterator[Diagnostic]:
    rows = filing.transactions
    if not rows:
        return
    item5 = [i for i in filing.items if i.number == "5"]
    totals = [
        int(m.group("n").replace(",", "")) for i in item5 for m in _STATED_TOTAL.finditer(i.text)
    ]
    people = {r.person for r in rows}
    if len(totals) == 1 and len(people) == 1:
        table = sum(r.shares or 0 for r in rows)
        if table != totals[0]:
            yield _diag(
                Code.TX_TOTAL_MISMATCH,
                f"the Item 5(c) table adds up to {table:,} shares but the text states "
                f"{totals[0]:,}",
                item5[0].spans.get("number"),
            )
    signed = [s.date for s in filing.signatures if s.date is not None]
    last_signature = max(signed) if signed else None
    after_event = []
    for row in rows:
        if row.date is None:
            continue
        if last_signature is not None and row.date > last_signature:
            yield _diag(
                Code.TX_AFTER_SIGNATURE,
                f"a transaction dated {row.date.isoformat()} is after the signature date "
                f"{last_signature.isoformat()}",
                row.spans.get("date"),
            )
        elif filing.event_date is not None and row.date > filing.event_date:
            after_event.append(row)
    if after_event and filing.event_date is not None:
        # Item 5(c) may report trades up to the filing: noted once, not a fault.
        first = after_event[0]
        assert first.date is not None
        yield _diag(
            Code.TX_AFTER_EVENT,
            f"{len(after_event)} transaction(s) are dated after the date of event "
            f"{filing.event_date.isoformat()}, the first on {first.date.isoformat()}",
            first.spans.get("date"),
        )


def check_pages(filing: Filing) -> Iterator[Diagnostic]:
    numbered = [h for h in filing.page_headers if h.page is not None]
    previous = None
    for header in numbered:
        assert header.page is not None
        if previous is not None and header.page not in (previous, previous + 1):
            yield _diag(
                Code.PAGE_SEQUENCE,
                f"page {header.page} follows page {previous}",
                header.span,
            )
        previous = header.page
    totals = {h.of_pages for h in numbered if h.of_pages is not None}
    if len(totals) > 1:
        yield _diag(
            Code.PAGE_TOTAL,
            "the running headers disagree on the page count "
            f"({', '.join(map(str, sorted(totals)))})",
            numbered[-1].span,
        )
    elif totals and numbered:
        total = totals.pop()
        last = max(h.page or 0 for h in numbered)
        if last > total:
            yield _diag(
                Code.PAGE_TOTAL,
                f"page {last} of a filing said to have {total} pages",
                numbered[-1].span,
            )


def check_form(filing: Filing) -> Iterator[Diagnostic]:
    amended = filing.form.endswith("/A")
    if not amended and filing.amendment_number:
        yield _diag(
            Code.FORM_AMENDMENT_ON_ORIGINAL,
            f"the form is {filing.form} but the title page gives Amendment No. "
            f"{filing.amendment_number}",
            filing.spans.get("amendment_number"),
        )
    if amended and filing.amendment_number is None:
        yield _diag(
            Code.FORM_AMENDMENT_MISSING,
            f"the form is {filing.form} but the title page gives no amendment number",
            None,
        )
    for index, person in enumerate(filing.reporting_persons, start=1):
        if person.member_of_group.a and person.member_of_group.b:
            yield _diag(
                Code.GROUP_BOTH_MARKED,
                f"{person.name or f'reporting person {index}'}: row 2 marks both (a) and (b)",
                person.spans.get("member_of_group/a"),
            )


def check_dates(filing: Filing) -> Iterator[Diagnostic]:
    if filing.event_date is None:
        yield _diag(
            Code.EVENT_DATE_MISSING,
            "the title page gives no readable date of event",
            None,
        )
        return
    signed = [s for s in filing.signatures if s.date is not None]
    if signed and all(s.date is not None and s.date < filing.event_date for s in signed):
        first = signed[0]
        assert first.date is not None
        yield _diag(
            Code.EVENT_AFTER_SIGNATURE,
            f"the date of event {filing.event_date.isoformat()} is after the signature date "
            f"{first.date.isoformat()}",
            filing.spans.get("event_date"),
        )


CHECKS: tuple[Check, ...] = (
    check_cusips,
    check_shares,
    check_percent,
    check_transactions,
    check_pages,
    check_form,
    check_dates,
)


def _place(diagnostic: Diagnostic) -> tuple[int, int]:
    span = diagnostic.span
    return (span.line, span.column) if span is not None else (0, 0)


def check(filing: Filing) -> Filing:
    found = list(filing.diagnostics)
    for run in CHECKS:
        found.extend(run(filing))
    return replace(filing, diagnostics=tuple(sorted(found, key=_place)))
