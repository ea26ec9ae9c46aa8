"""Lower an XML-era filing (EDGAR Schedule 13D/13G XML) into the same IR as a text filing.

The element -> IR mapping is the table of docs/xml-mapping.md. The rules that make one vocabulary
across eras:

- ``form`` is ``SC 13D``, ``SC 13D/A``, ``SC 13G`` or ``SC 13G/A`` (``SCHEDULE 13D/A`` ->
  ``SC 13D/A``); the type as filed stays in ``source.document_type``;
- a citizenship code (``DE``, ``X1``) gives ``citizenship`` in words, as EDGAR's list writes it,
  and ``citizenship_code`` as filed;
- share counts are integers (``9000000.00`` -> 9000000), percentages as written;
- a flag the filing leaves out is false, as an unmarked box of a text filing is;
- each Item's elements become the Item's text, each after its caption (compiler.lower.xml_items).

Nothing is dropped silently: the header's fields go to ``source.header`` (keyed by their path),
an element this module does not map is kept as a text block with an ``XML-UNKNOWN-ELEMENT``
diagnostic, and a value that does not read as its type (a code not in the form's list, a date or
number the spec does not allow) is null with a located diagnostic.
"""

from __future__ import annotations

from lxml import etree

from compiler.diagnostic_codes import Code
from compiler.edgar_codes import code_of, name_of
from compiler.frontend.terminals import line_shapes
from compiler.frontend.xml_source import XmlSource
from compiler.ir import (
    Exhibit,
    Filing,
    Issuer,
    Item,
    MemberOfGroup,
    NoticePerson,
    PersonType,
    ReportingPerson,
    Security,
    Severity,
    Signature,
    SourceInfo,
    SourceOfFunds,
    Span,
    TextBlock,
)
from compiler.lower.schedule_13g import certification_text
from compiler.lower.xml_documents import attached_documents
from compiler.lower.xml_items import CONTAINERS, FLAGS, NOT_APPLICABLE, items_of, paragraph
from compiler.lower.xml_transactions import transactions_of
from compiler.lower.xml_values import XmlReader, child, children, local, text_of

_Element = etree._Element
SHAPES = line_shapes()  # the grammar's terminals (grammar/*.lark)
_RULE = SHAPES["XML_RULE_DESIGNATION"]
_PARAGRAPH_BREAK = SHAPES["PARAGRAPH_BREAK"]
_SIGNED_MARK = SHAPES["XML_SIGNED_MARK"]
_FLAGS = frozenset(name.lower() for name in FLAGS)
_CONTAINERS = frozenset(name.lower() for name in CONTAINERS)
_FORMS = frozenset({"SC 13D", "SC 13D/A", "SC 13G", "SC 13G/A"})


class XmlLowering(XmlReader):
    """The parts of one XML filing: title page, persons, items, notices, signatures."""

    # --- parts of the filing -----------------------------------------------------------------

    def form(self, header: _Element | None, amendment: int | None) -> str:
        submission = child(header, "submissionType")
        written = " ".join((self.take(submission) or "").upper().split())
        form = written.replace("SCHEDULE", "SC")
        if form not in _FORMS or self.schedule not in form:
            fallback = f"SC {self.schedule}" + ("/A" if amendment is not None else "")
            self.report(
                Code.XML_FORM_MISMATCH,
                f"submission type {written or '(none)'!r} does not match the document's "
                f"Schedule {self.schedule} namespace; form taken as {fallback}",
                submission,
                Severity.WARNING,
            )
            return fallback
        # The submission's own <TYPE> (an EDGAR .txt around the XML) names the schedule too.
        wrapper = " ".join((self.source.document.document_type or "").upper().split())
        if wrapper.replace("SCHEDULE", "SC") in _FORMS and self.schedule not in wrapper:
            self.report(
                Code.XML_FORM_MISMATCH,
                f"the submission's document type {wrapper!r} does not match the document's "
                f"Schedule {self.schedule} namespace; form taken as {form}",
                submission,
                Severity.WARNING,
            )
        return form

    def person(self, element: _Element) -> ReportingPerson:
        is_13d = self.schedule == "13D"
        nested = child(element, "reportingPersonBeneficiallyOwnedNumberOfShares")
        powers = element if nested is None else nested
        self.used.add(powers)
        fields = {
            "name": child(element, "reportingPersonName"),
            "cik": child(element, "reportingPersonCIK" if is_13d else "reportingCik"),
            "member_of_group": child(element, "memberOfGroup" if is_13d else "memberGroup"),
            "legal_proceedings": child(element, "legalProceedings"),
            "citizenship": child(element, "citizenshipOrOrganization"),
            "sole_voting_power": child(powers, "soleVotingPower"),
            "shared_voting_power": child(powers, "sharedVotingPower"),
            "sole_dispositive_power": child(powers, "soleDispositivePower"),
            "shared_dispositive_power": child(powers, "sharedDispositivePower"),
            "aggregate_amount": child(
                element,
                "aggregateAmountOwned"
                if is_13d
                else "reportingPersonBeneficiallyOwnedAggregateNumberOfShares",
            ),
            "excludes_certain_shares": child(
                element,
                "isAggregateExcludeShares"
                if is_13d
                else "aggregateAmountExcludesCertainSharesFlag",
            ),
            "percent_of_class": child(element, "percentOfClass" if is_13d else "classPercent"),
        }
        for flag in ("reportingPersonNoCIK", "reportingCikNotPresentInEdgarFlag"):
            self.take(child(element, flag))  # "no CIK": what the absent CIK says already
        funds = children(element, "fundType")
        types = children(element, "typeOfReportingPerson")
        notes = children(element, "commentContent" if is_13d else "comments")
        # ("(a)", as the cover page prints the box, is the box a.)
        group = (self.take(fields["member_of_group"]) or "").strip("() ").lower()
        if group not in {"", "a", "b"}:
            self.report(
                Code.XML_UNKNOWN_CODE,
                f"member of group {group!r} is neither a nor b; both boxes left unmarked",
                fields["member_of_group"],
                Severity.WARNING,
            )
        code_element = fields["citizenship"]
        code = self.take(code_element)
        citizenship: str | None = code
        citizenship_code: str | None = None
        if code is not None:
            citizenship = name_of(code)
            citizenship_code = code.upper() if citizenship else None
            if citizenship is None:
                # The place in words instead of its code ("Delaware", "Cayman Islands"): kept
                # as written, as a text filing's is, with the code its words name, if any.
                citizenship = code
                citizenship_code = code_of(code)
            if citizenship_code is None:
                self.report(
                    Code.XML_UNKNOWN_CODE,
                    f"citizenship {code!r} is neither a code of EDGAR's state and country list"
                    " nor the name of one; kept as written",
                    code_element,
                    Severity.WARNING,
                )
        spans = {
            key: span
            for key, span in ((k, self.span(e)) for k, e in fields.items() if e is not None)
            if span is not None
        }
        if "citizenship" in spans:
            spans["citizenship_code"] = spans["citizenship"]
        # The group row's place is its marked box's, as on a text cover page (member_of_group/a).
        group_span = spans.pop("member_of_group", None)
        if group_span is not None and group in ("a", "b"):
            spans[f"member_of_group/{group}"] = group_span
        for key, elements in (("source_of_funds", funds), ("type_of_reporting_person", types)):
            joined = self.joined_span(elements)
            if joined is not None:
                spans[key] = joined
        return ReportingPerson(
            name=self.take(fields["name"]),
            identification_number=None,
            member_of_group=MemberOfGroup(a=group == "a", b=group == "b"),
            source_of_funds=self.codes(funds, SourceOfFunds) if is_13d else None,
            legal_proceedings=self.flag(fields["legal_proceedings"]) if is_13d else None,
            citizenship=citizenship,
            sole_voting_power=self.shares(fields["sole_voting_power"]),
            shared_voting_power=self.shares(fields["shared_voting_power"]),
            sole_dispositive_power=self.shares(fields["sole_dispositive_power"]),
            shared_dispositive_power=self.shares(fields["shared_dispositive_power"]),
            aggregate_amount=self.shares(fields["aggregate_amount"]),
            excludes_certain_shares=self.flag(fields["excludes_certain_shares"]),
            percent_of_class=self.percent(fields["percent_of_class"]),
            type_of_reporting_person=self.codes(types, PersonType),
            # A comment's paragraphs are its footnotes, as a text cover page's notes are.
            footnotes=tuple(
                paragraph.strip()
                for text in (self.take(n) for n in notes)
                for paragraph in _PARAGRAPH_BREAK.split(text or "")
                if paragraph.strip()
            ),
            citizenship_code=citizenship_code,
            cik=self.take(fields["cik"]),
            spans=spans,
        )

    def items(self, container: _Element | None) -> list[Item]:
        table = items_of(self.schedule)
        items: list[Item] = []
        if container is not None:
            self.used.add(container)
        for element in children(container):
            # (Any case: the spec's own tables write Item2, its schema item2.)
            number = local(element).lower().removeprefix("item")
            if number not in table:
                continue  # left for the unknown-element sweep
            self.used.add(element)
            title, parts = table[number]
            captions = {part.element.lower(): part for part in parts}
            paragraphs: list[str] = []
            leaves = [
                leaf
                for sub in children(element)
                for leaf in ([*children(sub)] if local(sub).lower() in _CONTAINERS else [sub])
            ]
            for sub in children(element):
                if local(sub).lower() in _CONTAINERS:
                    self.used.add(sub)
            codes: list[str] = []
            for leaf in leaves:
                name = local(leaf).lower()
                if name in _FLAGS:
                    if self.flag(leaf):
                        paragraphs.append(NOT_APPLICABLE)
                    continue
                if name == "typeofpersonfiling":
                    codes.append(self.take(leaf) or "")
                    continue
                part = captions.get(name)
                if part is None:
                    continue  # left for the unknown-element sweep
                text = self.take(leaf)
                if name == "classownership5percentorless":
                    text = "Yes" if (text or "").upper() == "Y" else "No"
                if name == "issuerprincipaladdress":
                    text = self.address(leaf)
                if text:
                    paragraphs.append(paragraph(part, text))
            if codes:
                paragraphs.insert(0, paragraph(captions["typeofpersonfiling"], ", ".join(codes)))
            span = self.span(element) or self.joined_span(leaves)
            items.append(
                Item(
                    number=number,
                    title=title,
                    text="\n\n".join(paragraphs),
                    spans={"number": span} if span else {},
                )
            )
        return items

    def notice_persons(self, header: _Element | None) -> list[NoticePerson]:
        persons: list[NoticePerson] = []
        authorized = child(header, "authorizedPersons")
        if authorized is not None:
            self.used.add(authorized)
        for info in children(authorized, "notificationInfo"):
            self.used.add(info)
            name = child(info, "personName")
            phone = child(info, "personPhoneNum")
            address = self.address(child(info, "personAddress"))
            spans = {k: s for k, s in (("name", self.span(name)),) if s is not None}
            persons.append(
                NoticePerson(
                    name=self.take(name) or "",
                    lines=(address,) if address else (),
                    telephone=self.take(phone),
                    role="notice",
                    spans=spans,
                )
            )
        return persons

    def signatures(self, form_data: _Element | None) -> list[Signature]:
        found: list[Signature] = []
        if self.schedule == "13D":
            info = child(form_data, "signatureInfo")
            if info is not None:
                self.used.add(info)
            blocks = [(b, "signatureReportingPerson") for b in children(info, "signaturePerson")]
        else:
            blocks = [
                (b, "reportingPersonName") for b in children(form_data, "signatureInformation")
            ]
        for block, entity_name in blocks:
            self.used.add(block)
            entity = self.take(child(block, entity_name))
            for details in children(block, "signatureDetails"):
                self.used.add(details)
                date_element = child(details, "date")
                span = self.span(date_element)
                found.append(
                    Signature(
                        date=self.date(date_element),
                        entity=entity,
                        signer=_SIGNED_MARK.sub("", self.take(child(details, "signature")) or "")
                        or None,
                        title=self.take(child(details, "title")),
                        spans={"date": span} if span else {},
                    )
                )
        return found


def lower_xml(source: XmlSource) -> Filing:
    """The IR of an XML-era filing (see the module docstring)."""
    lowering = XmlLowering(source)
    root = source.root
    document = source.document
    is_13d = source.schedule == "13D"
    lowering.take(child(root, "schemaVersion"))
    header = child(root, "headerData")
    form_data = child(root, "formData")
    cover = child(form_data, "coverPageHeader")
    for element in (form_data, cover):
        if element is not None:
            lowering.used.add(element)
    amendment_element = child(cover, "amendmentNo")
    amendment_number: int | None = None
    amendment_text = lowering.take(amendment_element)
    if amendment_element is not None and amendment_text is not None:
        if amendment_text.isdigit():
            amendment_number = int(amendment_text)
        else:
            lowering.bad_value(amendment_element, "an amendment number", amendment_text)
    header_fields = lowering.header_fields(header)
    form = lowering.form(header, amendment_number)

    issuer_info = child(cover, "issuerInfo")
    if issuer_info is not None:
        lowering.used.add(issuer_info)
    issuer_name = child(issuer_info, "issuerName")
    # The cover's issuer name and class title are mandatory only in some cases (m#1): where the
    # cover leaves one out, Item 1 gives it (13D: securityTitle, issuerName; 13G: issuerName).
    item1 = child(form_data, "items1To7" if is_13d else "items", "item1")
    if text_of(issuer_name) is None and text_of(child(item1, "issuerName")) is not None:
        issuer_name = child(item1, "issuerName")
    issuer_cik = child(issuer_info, "issuerCIK" if is_13d else "issuerCik")
    # The issuer's address has no place among the facts of the JSON contract: kept as a text
    # block of the title page (as a text filing's address lines are), with its span.
    address_element = child(
        issuer_info, "address" if is_13d else "issuerPrincipalExecutiveOfficeAddress"
    )
    issuer_address = lowering.address(address_element)
    address_span = lowering.joined_span(
        [e for e in address_element.iter() if isinstance(e.tag, str)]
        if address_element is not None
        else []
    )
    cusip_elements = [
        *children(issuer_info, "issuerCUSIP" if is_13d else "issuerCusip"),
        *children(child(issuer_info, "issuerCusips"), "issuerCusipNumber"),
    ]
    if child(issuer_info, "issuerCusips") is not None:
        lowering.used.add(child(issuer_info, "issuerCusips"))  # type: ignore[arg-type]
    cusips: list[str] = []
    security_spans: dict[str, Span] = {}
    for element in cusip_elements:
        for cusip in lowering.cusips(element):
            span = lowering.span(element)
            if span is not None:
                security_spans[f"cusips/{len(cusips)}"] = span
            cusips.append(cusip)
    title_element = child(cover, "securitiesClassTitle")
    if text_of(title_element) is None and text_of(child(item1, "securityTitle")) is not None:
        title_element = child(item1, "securityTitle")
    if lowering.span(title_element) is not None:
        security_spans["title"] = lowering.span(title_element)  # type: ignore[assignment]
    event_element = child(
        cover, "dateOfEvent" if is_13d else "eventDateRequiresFilingThisStatement"
    )
    filing_spans: dict[str, Span] = {}
    for key, element in (("event_date", event_element), ("amendment_number", amendment_element)):
        span = lowering.span(element)
        if span is not None:
            filing_spans[key] = span
    rules_element = child(cover, "designateRulesPursuantThisScheduleFiled")
    if rules_element is not None:
        lowering.used.add(rules_element)
    designations: list[str] = []
    for rule in children(rules_element, "designateRulePursuantThisScheduleFiled"):
        written = lowering.take(rule) or ""
        match = _RULE.search(written)
        if match:
            designations.append(f"13d-1({match.group(1).lower()})")
        else:
            lowering.bad_value(rule, "a rule of the form's list (Rule 13d-1(b), (c), (d))", written)

    persons_container = child(form_data, "reportingPersons") if is_13d else form_data
    if is_13d and persons_container is not None:
        lowering.used.add(persons_container)
    person_elements = children(
        persons_container,
        "reportingPersonInfo" if is_13d else "coverPageHeaderReportingPersonDetails",
    )
    for element in person_elements:
        lowering.used.add(element)
    persons = [lowering.person(element) for element in person_elements]
    notice_persons = lowering.notice_persons(cover)
    items_element = child(form_data, "items1To7" if is_13d else "items")
    items = lowering.items(items_element)
    transactions = transactions_of(lowering, items_element, persons) if is_13d else []

    exhibits: list[Exhibit] = []
    exhibit_info = child(form_data, "exhibitInfo")
    exhibit_text = lowering.take(exhibit_info)
    if exhibit_text:
        span = lowering.span(exhibit_info)
        exhibits.append(
            Exhibit(
                title="Exhibit information",
                document_type=None,
                text=exhibit_text,
                spans={"text": span} if span else {},
            )
        )
    exhibits += attached_documents(lowering, root)
    for other in document.other_documents:
        from compiler.lower.body import lower_embedded_exhibit

        exhibits.append(lower_embedded_exhibit(other.document_type, other.description, other.text))
    certification = next((i.text for i in items if i.number == "10"), None)
    loose_certification = lowering.take(child(form_data, "certifications"))
    certification = certification_text(certification or loose_certification)
    signatures = lowering.signatures(form_data)
    text_blocks: list[TextBlock] = []
    if issuer_address and address_span is not None:
        text_blocks.append(
            TextBlock(context="issuer_address", text=issuer_address, span=address_span)
        )
    for comment in (
        child(form_data, "signatureComments"),
        child(form_data, "signatureInfo", "commentText"),
    ):
        text = lowering.take(comment)
        span = lowering.span(comment)
        if text and span is not None:
            text_blocks.append(TextBlock(context="signature", text=text, span=span))
    item3_types: tuple[PersonType, ...] = ()
    if not is_13d:
        item3 = child(form_data, "items", "item3")
        item3_types = lowering.codes(children(item3, "typeOfPersonFiling"), PersonType)
    issuer_spans = {"name": s} if (s := lowering.span(issuer_name)) else {}
    issuer = Issuer(
        name=lowering.take(issuer_name), cik=lowering.take(issuer_cik), spans=issuer_spans
    )
    security = Security(
        title=lowering.take(title_element), cusips=tuple(cusips), spans=security_spans
    )
    event_date = lowering.date(event_element)
    previously_filed = lowering.flag(child(cover, "previouslyFiledFlag")) if is_13d else None
    text_blocks += lowering.unknown()  # last: after every element that is read was taken
    return Filing(
        source=SourceInfo(
            path=document.path,
            sha256=document.sha256,
            encoding=document.encoding,
            accession_number=document.accession_number,
            header=(*document.header, *header_fields),
            document_type=document.document_type
            or " ".join((text_of(child(header, "submissionType")) or "").split())
            or None,
            format="xml",
        ),
        form=form,
        amendment_number=amendment_number,
        issuer=issuer,
        security=security,
        event_date=event_date,
        previously_filed_13g=previously_filed,
        notice_persons=tuple(notice_persons),
        reporting_persons=tuple(persons),
        items=tuple(items),
        transactions=tuple(transactions),
        signatures=tuple(signatures),
        annexes=(),
        exhibits=tuple(exhibits),
        page_headers=(),
        text_blocks=tuple(text_blocks),
        diagnostics=tuple(lowering.diagnostics),
        rule_designations=tuple(dict.fromkeys(designations)),
        item3_person_types=item3_types,
        certification=certification if not is_13d else None,
        spans=filing_spans,
    )


__all__ = ["XmlLowering", "lower_xml"]
