"""XML out: any filing's IR as EDGAR Schedule 13D or 13G XML (``13dc compile FILE --to
sec-xml``), through ``templates/sec_xml.j2``.

The template writes the spec's elements in the spec's order and namespaces (schema version X0202:
CUSIPs nested in ``issuerCusips``); this module prepares the values as the spec writes them:
dates ``MM/DD/YYYY``, flags ``Y``/``N`` and ``true``/``false``, share counts as integers, codes from
the form's lists, CIKs from the filing (an XML filing's own, else the EDGAR header's). Text is
escaped by Jinja's autoescape, and characters XML 1.0 cannot hold (a form feed of a legacy filing)
become line breaks.

What the XML needs and the filing does not give is left out, never invented, and listed in a
comment at the top of the document (``missing``): a legacy filing has no CIKs in its text, a
citizenship that matches no EDGAR code has no code, the filer's access code is never in a filing.
Post-check: the output parses with lxml (entities and network off) into the right root.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import jinja2
from lxml import etree
from markupsafe import Markup

from compiler.backends import fixed_width
from compiler.backends.tables import XML_FILER_CIK
from compiler.errors import InternalError
from compiler.frontend.xml_source import NS_13D, NS_13G
from compiler.ir import Filing, PersonType, ReportingPerson
from compiler.lower.xml_items import NOT_APPLICABLE, items_of, split_item
from compiler.resources import resource_dir
from compiler.schema import ROWS, ValueKind

SCHEMA_VERSION = "X0202"
# XML 1.0 allows tab, line feed, carriage return and the characters from U+0020 on.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# 13D's TYPE_OF_REPORTING_PERSON list has no FI (a 13G code).
_TYPES_13D = frozenset(PersonType) - {PersonType.FI}
# Items whose part is an ADDRESS_TYPE element (street1, city...), which free text cannot fill.
_ADDRESS_PARTS = frozenset({"issuerPrincipalAddress"})
# 13G Item 4's powers stand inside numberOfSharesPersonHas.
_POWERS_13G = (
    "solePowerOrDirectToVote",
    "sharedPowerOrDirectToVote",
    "solePowerOrDirectToDispose",
    "sharedPowerOrDirectToDispose",
)


_STATE_TAG = re.compile(r"\s/[A-Z0-9 ]{1,6}/\s*$")
_NOT_ALNUM = re.compile(r"[^A-Z0-9]+")
_LONG_FORMS = (
    ("CORPORATION", "CORP"),
    ("COMPANY", "CO"),
    ("INCORPORATED", "INC"),
    ("LIMITED", "LTD"),
)


def _conformed(name: str) -> str:
    """A company name as EDGAR's conformed names are compared: upper case, the state tag
    (``/VA/``) and punctuation gone, the long forms of CORP, CO, INC and LTD shortened."""
    text = _STATE_TAG.sub("", name.upper())
    for long, short in _LONG_FORMS:
        text = re.sub(rf"\b{long}\b", short, text)
    return _NOT_ALNUM.sub("", text)


def clean(text: str | None) -> str | None:
    """``text`` with what XML 1.0 cannot hold made a line break (a form feed) or dropped."""
    if text is None:
        return None
    return _NOT_XML.sub(lambda m: "\n" if m.group(0) == "\x0c" else "", text)


def xml_date(value: dt.date | None) -> str | None:
    return None if value is None else value.strftime("%m/%d/%Y")


def xml_number(value: int | Decimal | None) -> str | None:
    return None if value is None else str(value)


def yes_no(value: bool | None) -> str | None:
    return None if value is None else ("Y" if value else "N")


@dataclass(slots=True)
class _Person:
    cik: str | None
    name: str | None
    group: str | None
    funds: list[str]
    legal: str | None
    citizenship_code: str | None
    sole_voting: str | None
    shared_voting: str | None
    sole_dispositive: str | None
    shared_dispositive: str | None
    aggregate: str | None
    excludes: str
    percent: str | None
    types: list[str]
    comment: str | None


@dataclass(slots=True)
class _Item:
    number: str
    not_applicable: bool
    parts: list[tuple[str, str]]  # (element, text) in the spec's order
    person_types: list[str] = field(default_factory=list)
    powers: list[tuple[str, str]] = field(default_factory=list)  # 13G Item 4


class _Context:
    """The values of sec_xml.j2 for one filing, and what the filing lacked."""

    def __init__(self, filing: Filing) -> None:
        self.filing = filing
        self.schedule = "13G" if filing.form.startswith("SC 13G") else "13D"
        self.missing: list[str] = []

    def lack(self, what: str) -> None:
        self.missing.append(what)

    def header(self, *keys: str) -> str | None:
        for key in keys:
            value = next((v for k, v in self.filing.source.header if k == key), None)
            if value:
                return value.strip()
        return None

    def filer_cik_of(self, name: str | None) -> str | None:
        """The EDGAR header's filer CIK when ``name`` is the filer's conformed name: EDGAR writes
        names upper case, abbreviated, with a state tag (``TIDEWATER FINANCIAL CORP /VA/`` for
        Tidewater Financial Corporation); compared without case, punctuation and the tag."""
        filer = self.header(
            "FILED BY/COMPANY DATA/COMPANY CONFORMED NAME",
            "FILER/COMPANY DATA/COMPANY CONFORMED NAME",
        )
        cik = self.header(
            "FILED BY/COMPANY DATA/CENTRAL INDEX KEY", "FILER/COMPANY DATA/CENTRAL INDEX KEY"
        )
        if not (name and filer and cik):
            return None
        return cik if _conformed(name) == _conformed(filer) else None

    def person(self, index: int, person: ReportingPerson) -> _Person:
        where = f"reporting person {index} ({person.name or 'unnamed'})"
        if person.cik is None and (cik := self.filer_cik_of(person.name)):
            person = dataclasses.replace(person, cik=cik)
        if person.cik is None:
            self.lack(f"{where}: CIK")
        if person.citizenship_code is None:
            said = f" ({person.citizenship!r} matches no EDGAR code)" if person.citizenship else ""
            self.lack(f"{where}: citizenship code{said}")
        group = person.member_of_group
        if group.a and group.b:
            self.lack(f"{where}: member of group (both boxes marked; the XML holds one)")
        allowed = _TYPES_13D if self.schedule == "13D" else frozenset(PersonType)
        types = [t.value for t in person.type_of_reporting_person if t in allowed]
        if len(types) < len(person.type_of_reporting_person):
            self.lack(f"{where}: type FI, not on Schedule 13D's list")
        for row in ROWS:
            numeric = row.kind in (ValueKind.SHARES, ValueKind.PERCENT)
            if numeric and getattr(person, row.field) is None:
                self.lack(f"{where}: {row.caption_on(self.schedule).lower()}")
        return _Person(
            cik=person.cik,
            name=clean(person.name),
            group="a" if group.a and not group.b else "b" if group.b and not group.a else None,
            funds=[f.value for f in person.source_of_funds or ()],
            legal=yes_no(person.legal_proceedings),
            citizenship_code=person.citizenship_code,
            sole_voting=xml_number(person.sole_voting_power),
            shared_voting=xml_number(person.shared_voting_power),
            sole_dispositive=xml_number(person.sole_dispositive_power),
            shared_dispositive=xml_number(person.shared_dispositive_power),
            aggregate=xml_number(person.aggregate_amount),
            excludes=yes_no(person.excludes_certain_shares) or "N",
            percent=xml_number(person.percent_of_class),
            types=types,
            # (One comment element: the footnotes as its paragraphs, which the reader splits.)
            comment=clean("\n\n".join(person.footnotes)) or None,
        )

    def items(self) -> list[_Item]:
        table = items_of(self.schedule)
        found: dict[str, _Item] = {}
        for item in self.filing.items:
            number = item.number.strip()
            if number not in table or number in found:
                if number not in table:
                    self.lack(f"Item {number}: not an Item of the XML form; left out")
                continue
            parts = split_item(clean(item.text) or "", table[number][1])
            if number == "5" and self.schedule == "13D":
                self.add_transactions(parts)
            entry = _Item(number, item.text.strip().startswith(NOT_APPLICABLE), [])
            for part in table[number][1]:
                if part.element in _ADDRESS_PARTS and part.element in parts:
                    # An address in words cannot be cut into street and city without guessing:
                    # it goes first into the Item's comment, under its caption.
                    address = f"{part.caption} {parts.pop(part.element)}"
                    comment = parts.get("commentText")
                    parts["commentText"] = (
                        f"{address}\n\nComment: {comment}" if comment else address
                    )
            for part in table[number][1]:
                text = parts.get(part.element)
                if text is None:
                    continue
                if part.element in _POWERS_13G:
                    entry.powers.append((part.element, text))
                elif part.element == "typeOfPersonFiling":
                    continue  # written from item3_person_types
                else:
                    entry.parts.append((part.element, text))
            if number == "3" and self.schedule == "13G":
                entry.person_types = [t.value for t in self.filing.item3_person_types]
            found[number] = entry
        if self.schedule == "13D" and "5" not in found and self.filing.transactions:
            parts = {}
            self.add_transactions(parts)
            found["5"] = _Item("5", False, list(parts.items()))
        if self.schedule == "13G" and self.filing.certification and "10" not in found:
            found["10"] = _Item("10", False, [("certifications", self.filing.certification)])
        return [found[n] for n in sorted(found, key=int)]

    def transaction_table(self) -> str:
        """Item 5(c)'s trades as the aligned table the normalized text filing writes, which the
        XML reader reads back by the same rules (compiler.lower.xml_transactions); the XML has
        no elements for trades, only Item 5(c)'s text. Empty when there are none."""
        if not self.filing.transactions:
            return ""
        return clean(fixed_width.transaction_table(self.filing.transactions).rstrip("\n")) or ""

    def add_transactions(self, parts: dict[str, str]) -> None:
        """Item 5(c)'s table after its words. An XML filing's Item 5(c) text holds its table
        already (its trades were read from it); a legacy filing's Item text does not (the table's
        lines are not prose)."""
        table = self.transaction_table()
        if not table or self.filing.source.format == "xml":
            return
        words = parts.get("transactionDesc")
        parts["transactionDesc"] = f"{words}\n\n{table}" if words else table

    def signatures(self) -> list[tuple[str | None, list[tuple[str | None, str | None, str]]]]:
        """Signature blocks grouped by the entity signing, in order: (entity, [(signer, title,
        date)]). A signature without a date cannot be written (the date is required)."""
        groups: list[tuple[str | None, list[tuple[str | None, str | None, str]]]] = []
        for signature in self.filing.signatures:
            entity = clean(signature.entity or signature.signer)
            date = xml_date(signature.date)
            if date is None:
                self.lack(f"signature of {entity or 'an unnamed signer'}: date")
                continue
            details = (clean(signature.signer), clean(signature.title), date)
            if groups and groups[-1][0] == entity:
                groups[-1][1].append(details)
            else:
                groups.append((entity, [details]))
        return groups

    def values(self) -> dict[str, Any]:
        filing = self.filing
        if filing.form not in {"SC 13D", "SC 13D/A", "SC 13G", "SC 13G/A"}:
            self.lack(f"form {filing.form!r}: written as Schedule {self.schedule}")
        amendment = filing.form.endswith("/A")
        issuer_cik = filing.issuer.cik or self.header(
            "SUBJECT COMPANY/COMPANY DATA/CENTRAL INDEX KEY"
        )
        filer_cik = self.header(
            XML_FILER_CIK,
            "FILED BY/COMPANY DATA/CENTRAL INDEX KEY",
            "FILER/COMPANY DATA/CENTRAL INDEX KEY",
        )
        for what, value in (
            ("filer CIK", filer_cik),
            ("issuer CIK", issuer_cik),
            ("issuer name", filing.issuer.name),
            ("title of class of securities", filing.security.title),
            ("CUSIP", filing.security.cusips),
            ("date of event", filing.event_date),
        ):
            if not value:
                self.lack(what)
        self.lack("filer's access code (CCC): never part of a filing")
        self.lack("issuer's address as street, city, state and ZIP")
        persons = [self.person(i, p) for i, p in enumerate(filing.reporting_persons, start=1)]
        return {
            "namespace": NS_13G if self.schedule == "13G" else NS_13D,
            "schema_version": SCHEMA_VERSION,
            "schedule": self.schedule,
            "submission_type": f"SCHEDULE {self.schedule}" + ("/A" if amendment else ""),
            "filer_cik": filer_cik,
            "amendment_no": filing.amendment_number,
            "title": clean(filing.security.title),
            "event_date": xml_date(filing.event_date),
            "previously_filed": "true" if filing.previously_filed_13g else "false",
            "issuer_cik": issuer_cik,
            "issuer_name": clean(filing.issuer.name),
            "cusips": list(filing.security.cusips),
            "notices": [
                (clean(p.name), clean(p.telephone))
                for p in filing.notice_persons
                if p.role == "notice" and p.name
            ],
            "rules": [f"Rule {rule}" for rule in filing.rule_designations],
            "persons": persons,
            "items": self.items(),
            "exhibit_info": "\n\n".join(
                clean(e.text) or "" for e in filing.exhibits if e.title == "Exhibit information"
            ),
            "signatures": self.signatures(),
            "missing": self.missing,
        }


@functools.cache
def environment() -> jinja2.Environment:
    """Autoescaped for XML: every value the template writes is escaped (``&``, ``<``, ``>``,
    quotes), whatever the filing's text holds."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(resource_dir("templates")),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )


def comment_text(lines: Iterable[str]) -> str:
    """Lines for an XML comment, which may not hold ``--`` nor end with ``-``."""
    return "\n".join("  - " + line.replace("--", "- -").rstrip("-") for line in lines)


def render_sec_xml(filing: Filing) -> str:
    """The filing as EDGAR Schedule 13D/13G XML (see the module docstring)."""
    context = _Context(filing)
    values = context.values()
    try:
        text = (
            environment()
            .get_template("sec_xml.j2")
            # (Markup: a comment is not parsed for entities, so it is not escaped; comment_text
            # keeps out the only sequence a comment may not hold.)
            .render(**values, missing_comment=Markup(comment_text(values["missing"])))
        )
    except jinja2.TemplateError as exc:
        raise InternalError(f"rendering sec-xml failed: {exc}", path=filing.source.path) from exc
    _check(text, filing, values["namespace"])
    return text


def _check(text: str, filing: Filing, namespace: str) -> None:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(text.encode("utf-8"), parser)
    except etree.XMLSyntaxError as exc:
        raise InternalError(
            f"the sec-xml backend wrote XML that is not well-formed: {exc}",
            path=filing.source.path,
        ) from exc
    if root.tag != f"{{{namespace}}}edgarSubmission":
        raise InternalError(f"the sec-xml backend wrote root {root.tag!r}", path=filing.source.path)


__all__ = ["clean", "render_sec_xml", "xml_date"]
