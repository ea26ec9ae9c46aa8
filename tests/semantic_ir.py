"""What the semantic round trip compares: the IR of a filing without what only its layout says.

``semantic_ir(IR(normalize(x))) == semantic_ir(IR(x))`` is the property (docs/normalized-filing.md,
"What the round trip keeps"). Compared: form, amendment number, issuer, class, CUSIPs, event date,
the 13G box, notice persons, every reporting person's cover rows, name, identification number,
footnotes and cover-page CUSIPs, items (number, title, text), transactions, signatures, annexes
(title, prose, persons), exhibits (title, text), the 13G rule boxes, Item 3 types and
certification, the text blocks the lowering kept, and the diagnostics that are about values.

Not compared: spans (places in a different file), source metadata (path, hash, encoding,
accession number, EDGAR header, document type, and an exhibit's EDGAR document type), running
page headers, and the diagnostics about layout (see VALUE_CODES).
"""

from __future__ import annotations

from typing import Any

from compiler.ir import Filing

# The diagnostics compared: the consistency checks on values (compiler/checks.py). Not compared:
# what the lowering says about the source's layout or about what it wrote that could not be read
# (GRAMMAR-UNEXPECTED-LINE, COVER-*, VALUE-*, TX-ROW-UNPARSED...), and the checks on the running
# headers (PAGE-SEQUENCE, PAGE-TOTAL, CUSIP-MISMATCH, a running header's CUSIP-CHECK-DIGIT): the
# normalized filing has its own pages and writes only values.
VALUE_CODES = frozenset(
    {
        "CUSIP-CHECK-DIGIT",
        "CUSIP-MISSING",
        "EVENT-AFTER-SIGNATURE",
        "EVENT-DATE-MISSING",
        "FORM-AMENDMENT-MISSING",
        "FORM-AMENDMENT-ON-ORIGINAL",
        "GROUP-BOTH-MARKED",
        "PERCENT-MISMATCH",
        "PERCENT-OVER-100",
        "SHARES-ABSURD",
        "SHARES-AGGREGATE-SMALL",
        "TX-AFTER-EVENT",
        "TX-AFTER-SIGNATURE",
        "TX-TOTAL-MISMATCH",
    }
)


def semantic_ir(filing: Filing) -> dict[str, Any]:
    persons = [
        {
            name: getattr(person, name)
            for name in person.__dataclass_fields__  # every field: the rows, name, footnotes...
            if name != "spans"
        }
        for person in filing.reporting_persons
    ]
    return {
        "form": filing.form,
        "amendment_number": filing.amendment_number,
        "issuer": filing.issuer.name,
        "security": (filing.security.title, filing.security.cusips),
        "event_date": filing.event_date,
        "previously_filed_13g": filing.previously_filed_13g,
        "notice_persons": [(p.name, p.lines, p.telephone, p.role) for p in filing.notice_persons],
        "reporting_persons": persons,
        "items": [(i.number, i.title, i.text) for i in filing.items],
        "transactions": [
            (t.date, t.shares, t.price, t.currency, t.person, t.note) for t in filing.transactions
        ],
        "signatures": [(s.date, s.entity, s.signer, s.title) for s in filing.signatures],
        "annexes": [
            (
                a.title,
                a.text,
                [(p.name, p.section, p.position, p.address, p.citizenship) for p in a.persons],
            )
            for a in filing.annexes
        ],
        "exhibits": [(e.title, e.text) for e in filing.exhibits],
        "rule_designations": filing.rule_designations,
        "item3_person_types": filing.item3_person_types,
        "certification": filing.certification,
        "text_blocks": [(b.context, b.text) for b in filing.text_blocks],
        "diagnostics": sorted(
            (d.code, str(d.severity), d.message)
            for d in filing.diagnostics
            if d.code in VALUE_CODES
            and not (d.code == "CUSIP-CHECK-DIGIT" and "running header" in d.message)
        ),
    }


def differences(before: Filing, after: Filing) -> list[str]:
    """The compared keys whose values differ, with both values (for assertion messages)."""
    a, b = semantic_ir(before), semantic_ir(after)
    return [f"{key}:\n  before: {a[key]!r}\n  after:  {b[key]!r}" for key in a if a[key] != b[key]]
