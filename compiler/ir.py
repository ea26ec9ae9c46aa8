"""The typed intermediate representation of a compiled filing.

Frozen, slotted, keyword-only dataclasses; tuples, not lists. "Not reported" is ``None``; ``0`` is
only what the filing says. Every extracted value can be traced back to the original file through the
``spans`` mapping of the node that holds it (field name -> :class:`Span`). IR nodes have no
serialization code: the backends own output (:mod:`compiler.backends.render`), and the few
methods of :class:`Filing` a notebook user calls (``to_dict``, ``tables``, its ``repr`` and HTML)
only hand the filing to them, imported on first use.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from compiler.backends.frames import Tables

# Severity lives with the codes' registry (each code has one); the IR re-exports both, and
# "X as X" is how mypy --strict is told that a re-export is meant.
from compiler.diagnostic_codes import Code as Code  # noqa: PLC0414
from compiler.diagnostic_codes import Severity as Severity  # noqa: PLC0414

SCHEMA = "13dc/1"


def _no_spans() -> Mapping[str, Span]:
    return MappingProxyType({})


@dataclass(frozen=True, slots=True, kw_only=True)
class Span:
    """A place in the original file: 1-based lines and columns, end exclusive."""

    line: int
    column: int
    end_line: int
    end_column: int


# The slots of Span's fields, set directly by new_span.
_SET_LINE, _SET_COLUMN, _SET_END_LINE, _SET_END_COLUMN = (
    Span.__dict__[name].__set__ for name in ("line", "column", "end_line", "end_column")
)
_new_object = object.__new__


def new_span(line: int, column: int, end_line: int, end_column: int) -> Span:
    """``Span(line=line, column=column, end_line=end_line, end_column=end_column)``, made at
    half the cost: a frozen dataclass's ``__init__`` sets each field through
    ``object.__setattr__``, and the lowering makes a span for every value it extracts (some 180
    for a filing). The result is an ordinary Span, equal and hashed as any other."""
    span = _new_object(Span)
    _SET_LINE(span, line)
    _SET_COLUMN(span, column)
    _SET_END_LINE(span, end_line)
    _SET_END_COLUMN(span, end_column)
    return span


class LineSpans(Mapping[str, Span]):
    """The spans of a node's values that all stand on one line, as a read-only mapping like any
    node's ``spans``: the line once, each value's columns, and each :class:`Span` made when it is
    asked for (equal to the one a dict would hold). An Item 5(c) table has a row per trade and
    three values a row: as three Span objects and a dict a row, their spans were half of a long
    table's IR (some 470 bytes a row, where the row's text is some 80)."""

    __slots__ = ("_columns", "_line", "_names")

    def __init__(self, line: int, names: tuple[str, ...], columns: tuple[int, ...]) -> None:
        """``columns``: each name's 1-based column and end column (exclusive), in turn."""
        if len(columns) != 2 * len(names):
            raise ValueError("a LineSpans needs a column and an end column for each name")
        self._line = line
        self._names = names
        self._columns = columns

    def __getitem__(self, name: str) -> Span:
        try:
            at = 2 * self._names.index(name)
        except ValueError:
            raise KeyError(name) from None
        return new_span(self._line, self._columns[at], self._line, self._columns[at + 1])

    @property
    def line(self) -> int:
        """The line every span is on."""
        return self._line

    @property
    def names(self) -> tuple[str, ...]:
        return self._names

    @property
    def columns(self) -> tuple[int, ...]:
        """Each name's column and end column, in turn (what a renderer writes, no Span made)."""
        return self._columns

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def __contains__(self, name: object) -> bool:
        return name in self._names

    def __repr__(self) -> str:
        return repr(dict(self.items()))


@dataclass(frozen=True, slots=True, kw_only=True)
class Diagnostic:
    # A registered code (compiler/diagnostic_codes.py); its severity is usually ``code.severity``.
    code: Code
    severity: Severity
    message: str
    span: Span | None = None


class SourceOfFunds(StrEnum):
    """Row 4 codes (17 CFR 240.13d-101, instructions)."""

    SC = "SC"
    BK = "BK"
    AF = "AF"
    WC = "WC"
    PF = "PF"
    OO = "OO"


class PersonType(StrEnum):
    """Row 14 codes (17 CFR 240.13d-101, instructions; FI is 13G-only)."""

    BD = "BD"
    BK = "BK"
    IC = "IC"
    IV = "IV"
    IA = "IA"
    EP = "EP"
    HC = "HC"
    SA = "SA"
    CP = "CP"
    CO = "CO"
    PN = "PN"
    IN = "IN"
    OO = "OO"
    FI = "FI"


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceInfo:
    path: str
    sha256: str
    encoding: str
    accession_number: str | None = None
    # The EDGAR <SEC-HEADER> fields in file order ("FILED AS OF DATE", "20040112"), if any.
    header: tuple[tuple[str, str], ...] = ()
    document_type: str | None = None
    # What the document was written in: "text", "html" or "xml" (EDGAR's Schedule 13D/13G XML).
    format: str = "text"


@dataclass(frozen=True, slots=True, kw_only=True)
class Issuer:
    name: str | None
    cik: str | None = None  # EDGAR's Central Index Key, where the filing gives it (XML era)
    spans: Mapping[str, Span] = field(default_factory=_no_spans)


@dataclass(frozen=True, slots=True, kw_only=True)
class Security:
    title: str | None
    cusips: tuple[str, ...]
    spans: Mapping[str, Span] = field(default_factory=_no_spans)


@dataclass(frozen=True, slots=True, kw_only=True)
class NoticePerson:
    """A person authorized to receive notices, or a "Copy to" recipient."""

    name: str
    lines: tuple[str, ...]
    telephone: str | None
    role: str  # "notice" or "copy_to"
    spans: Mapping[str, Span] = field(default_factory=_no_spans)


@dataclass(frozen=True, slots=True, kw_only=True)
class MemberOfGroup:
    a: bool
    b: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class ReportingPerson:
    """One cover page: the 14 rows of Schedule 13D for one reporting person."""

    name: str | None
    identification_number: str | None
    member_of_group: MemberOfGroup
    # Rows 4 and 5 exist on Schedule 13D only: None for a 13G, never a guess.
    source_of_funds: tuple[SourceOfFunds, ...] | None
    legal_proceedings: bool | None
    citizenship: str | None
    sole_voting_power: int | None
    shared_voting_power: int | None
    sole_dispositive_power: int | None
    shared_dispositive_power: int | None
    aggregate_amount: int | None
    excludes_certain_shares: bool
    percent_of_class: Decimal | None
    type_of_reporting_person: tuple[PersonType, ...]
    footnotes: tuple[str, ...]
    # The running-header / cover CUSIP written on this cover page, if any.
    cover_cusips: tuple[str, ...] = ()
    # EDGAR's state/country code of ``citizenship`` (compiler.edgar_codes): as an XML filing
    # writes it, or the one entry a legacy filing's words match; None where none matches.
    citizenship_code: str | None = None
    cik: str | None = None  # EDGAR's Central Index Key, where the filing gives it (XML era)
    spans: Mapping[str, Span] = field(default_factory=_no_spans)


@dataclass(frozen=True, slots=True, kw_only=True)
class Item:
    number: str
    title: str | None
    text: str
    spans: Mapping[str, Span] = field(default_factory=_no_spans)


class TradeSide(StrEnum):
    """Which way a trade went, where the filing's own words say so (a column, the row's note, the
    sentence's verb)."""

    BOUGHT = "bought"
    SOLD = "sold"
    OTHER = "other"  # words that are neither (a gift, a conversion), or both


@dataclass(frozen=True, slots=True, kw_only=True)
class Transaction:
    """One row of an Item 5(c) table."""

    date: dt.date | None
    shares: int | None
    price: Decimal | None
    currency: str
    person: str | None = None
    note: str | None = None
    side: TradeSide | None = None  # None: the filing does not say
    spans: Mapping[str, Span] = field(default_factory=_no_spans)


# The slots of Transaction's fields, set directly by new_transaction.
(
    _SET_DATE,
    _SET_SHARES,
    _SET_PRICE,
    _SET_CURRENCY,
    _SET_PERSON,
    _SET_NOTE,
    _SET_SIDE,
    _SET_SPANS,
) = (
    Transaction.__dict__[name].__set__
    for name in ("date", "shares", "price", "currency", "person", "note", "side", "spans")
)


def new_transaction(
    date: dt.date | None,
    shares: int | None,
    price: Decimal | None,
    currency: str,
    person: str | None,
    note: str | None,
    side: TradeSide | None,
    spans: Mapping[str, Span],
) -> Transaction:
    """``Transaction(date=date, ...)``, made at half the cost (as new_span is): a long Item 5(c)
    table makes one for every row. The result is an ordinary Transaction."""
    transaction = _new_object(Transaction)
    _SET_DATE(transaction, date)
    _SET_SHARES(transaction, shares)
    _SET_PRICE(transaction, price)
    _SET_CURRENCY(transaction, currency)
    _SET_PERSON(transaction, person)
    _SET_NOTE(transaction, note)
    _SET_SIDE(transaction, side)
    _SET_SPANS(transaction, spans)
    return transaction


@dataclass(frozen=True, slots=True, kw_only=True)
class Signature:
    date: dt.date | None
    entity: str | None
    signer: str | None
    title: str | None
    spans: Mapping[str, Span] = field(default_factory=_no_spans)


@dataclass(frozen=True, slots=True, kw_only=True)
class AnnexPerson:
    name: str
    section: str | None
    position: str | None
    address: str | None
    citizenship: str | None
    spans: Mapping[str, Span] = field(default_factory=_no_spans)


@dataclass(frozen=True, slots=True, kw_only=True)
class Annex:
    title: str | None
    persons: tuple[AnnexPerson, ...]
    text: str
    spans: Mapping[str, Span] = field(default_factory=_no_spans)


@dataclass(frozen=True, slots=True, kw_only=True)
class Exhibit:
    """An exhibit kept as text: inside the 13D document, or another <DOCUMENT> of the submission."""

    title: str | None
    document_type: str | None
    text: str
    spans: Mapping[str, Span] = field(default_factory=_no_spans)


@dataclass(frozen=True, slots=True, kw_only=True)
class TextBlock:
    """Text the grammar kept without extracting data from it (never dropped)."""

    context: str  # where it stood: "title_page", "cover_page", "preamble", ...
    text: str
    span: Span


@dataclass(frozen=True, slots=True, kw_only=True)
class PageHeader:
    """A running header line: "CUSIP No. 757209101   13D   Page 2 of 12 Pages"."""

    cusips: tuple[str, ...]
    page: int | None
    of_pages: int | None
    span: Span


@dataclass(frozen=True, slots=True, kw_only=True)
class Filing:
    source: SourceInfo
    form: str
    amendment_number: int | None
    issuer: Issuer
    security: Security
    event_date: dt.date | None
    previously_filed_13g: bool | None  # the 13G box of a Schedule 13D; None for a 13G
    notice_persons: tuple[NoticePerson, ...]
    reporting_persons: tuple[ReportingPerson, ...]
    items: tuple[Item, ...]
    transactions: tuple[Transaction, ...]
    signatures: tuple[Signature, ...]
    annexes: tuple[Annex, ...]
    exhibits: tuple[Exhibit, ...]
    page_headers: tuple[PageHeader, ...]
    text_blocks: tuple[TextBlock, ...]
    diagnostics: tuple[Diagnostic, ...]
    # Schedule 13G only: the rule boxes of the title page ("13d-1(b)"), the type of person
    # checked under Item 3 ((a) broker-dealer ... (k) group), and the Item 10 certification (None
    # where Item 10 says "Not applicable": the item keeps its words).
    rule_designations: tuple[str, ...] = ()
    item3_person_types: tuple[PersonType, ...] = ()
    certification: str | None = None
    schema: str = SCHEMA
    spans: Mapping[str, Span] = field(default_factory=_no_spans)

    def to_dict(self) -> dict[str, Any]:
        """The JSON document (``13dc compile --to json``) as Python values: what ``json.load``
        gives for that output."""
        import json

        from compiler.backends.render import OutputFormat, render

        document: dict[str, Any] = json.loads(render(self, OutputFormat.JSON))
        return document

    def tables(self, kind: str | None = None) -> Tables:
        """The six database tables of this filing (``filings``, ``reporting_persons`` also as
        ``persons``, ``transactions``, ``annex_persons`` also as ``annex``, ``items``,
        ``diagnostics``), as typed pandas DataFrames, or Arrow tables with ``kind="arrow"`` (the
        default when only pyarrow is installed). See :mod:`compiler.backends.frames`."""
        from compiler.backends.frames import tables

        return tables(self, kind)

    def __repr__(self) -> str:
        from compiler.backends.notebook import filing_repr

        return filing_repr(self)

    def _repr_html_(self) -> str:
        from compiler.backends.notebook import filing_html

        return filing_html(self)
