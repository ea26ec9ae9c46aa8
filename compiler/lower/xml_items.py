"""The Items of EDGAR's Schedule 13D/13G XML: which element holds which part of which Item.

One table serves both directions: the lowering (:mod:`compiler.lower.xml_filing`) writes an
Item's text as its elements' texts in order, each after its caption (``(a)``, ``(b)``, ... as the
form labels the parts), and the ``--to sec-xml`` backend (:mod:`compiler.backends.sec_xml`) cuts
an Item's text back into the elements at those captions. An Item with one element has no caption:
its text is the element's text.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Part:
    element: str  # the element's local name
    caption: str  # what stands before its text in the Item's text ("" for a lone element)


# Schedule 13D: items1To7/itemN (eis_Schedule13D_Filer.xsd, ITEM_1 .. ITEM_7).
ITEMS_13D: dict[str, tuple[str, tuple[Part, ...]]] = {
    "1": (
        "Security and Issuer",
        (
            Part("securityTitle", "(a) Title of the class of equity securities:"),
            Part("issuerName", "(b) Name of the issuer:"),
            Part(
                "issuerPrincipalAddress", "(c) Address of the issuer's principal executive offices:"
            ),
            Part("commentText", "Comment:"),
        ),
    ),
    "2": (
        "Identity and Background",
        (
            Part("filingPersonName", "(a)"),
            Part("principalBusinessAddress", "(b)"),
            Part("principalJob", "(c)"),
            Part("hasBeenConvicted", "(d)"),
            Part("convictionDescription", "(e)"),
            Part("citizenship", "(f)"),
        ),
    ),
    "3": ("Source and Amount of Funds or Other Consideration", (Part("fundsSource", ""),)),
    "4": ("Purpose of Transaction", (Part("transactionPurpose", ""),)),
    "5": (
        "Interest in Securities of the Issuer",
        (
            Part("percentageOfClassSecurities", "(a)"),
            Part("numberOfShares", "(b)"),
            Part("transactionDesc", "(c)"),
            Part("listOfShareholders", "(d)"),
            Part("date5PercentOwnership", "(e)"),
        ),
    ),
    "6": (
        "Contracts, Arrangements, Understandings or Relationships with Respect to Securities of"
        " the Issuer",
        (Part("contractDescription", ""),),
    ),
    "7": ("Material to be Filed as Exhibits", (Part("filedExhibits", ""),)),
}

# Schedule 13G: items/itemN (eis_Schedule13G_Filer.xsd, ITEM1_TYPE .. ITEM10). Item 3's person
# types, Item 4's powers and the "not applicable" flags are read apart (see xml_filing).
ITEMS_13G: dict[str, tuple[str, tuple[Part, ...]]] = {
    "1": (
        "Issuer",
        (
            Part("issuerName", "(a) Name of issuer:"),
            Part(
                "issuerPrincipalExecutiveOfficeAddress",
                "(b) Address of issuer's principal executive offices:",
            ),
        ),
    ),
    "2": (
        "Filing Person",
        (
            Part("filingPersonName", "(a) Name of person filing:"),
            Part(
                "principalBusinessOfficeOrResidenceAddress",
                "(b) Address or principal business office or, if none, residence:",
            ),
            Part("citizenship", "(c) Citizenship:"),
        ),
    ),
    "3": (
        "Type of Person Filing",
        (
            Part("typeOfPersonFiling", "Type of person filing:"),
            Part("otherTypeOfPersonFiling", "Other:"),
        ),
    ),
    "4": (
        "Ownership",
        (
            Part("amountBeneficiallyOwned", "(a) Amount beneficially owned:"),
            Part("classPercent", "(b) Percent of class:"),
            Part("solePowerOrDirectToVote", "(c)(i) Sole power to vote or to direct the vote:"),
            Part(
                "sharedPowerOrDirectToVote", "(c)(ii) Shared power to vote or to direct the vote:"
            ),
            Part(
                "solePowerOrDirectToDispose",
                "(c)(iii) Sole power to dispose or to direct the disposition of:",
            ),
            Part(
                "sharedPowerOrDirectToDispose",
                "(c)(iv) Shared power to dispose or to direct the disposition of:",
            ),
        ),
    ),
    "5": (
        "Ownership of 5 Percent or Less of a Class",
        (Part("classOwnership5PercentOrLess", "Ownership of 5 percent or less of a class:"),),
    ),
    "6": (
        "Ownership of More than 5 Percent on Behalf of Another Person",
        (Part("ownershipMoreThan5PercentOnBehalfOfAnotherPerson", ""),),
    ),
    "7": (
        "Identification and Classification of the Subsidiary Which Acquired the Security Being"
        " Reported on by the Parent Holding Company or Control Person",
        (Part("subsidiaryIdentificationAndClassification", ""),),
    ),
    "8": (
        "Identification and Classification of Members of the Group",
        (Part("identificationAndClassificationOfGroupMembers", ""),),
    ),
    "9": ("Notice of Dissolution of Group", (Part("groupDissolutionNotice", ""),)),
    "10": ("Certifications", (Part("certifications", ""),)),
}

NOT_APPLICABLE = "Not applicable."
# Elements inside an Item that are containers or flags, not text of their own.
CONTAINERS = frozenset({"numberOfSharesPersonHas"})
FLAGS = frozenset({"notApplicableFlag"})


def items_of(schedule: str) -> dict[str, tuple[str, tuple[Part, ...]]]:
    return ITEMS_13G if schedule == "13G" else ITEMS_13D


def paragraph(part: Part, text: str) -> str:
    return f"{part.caption} {text}" if part.caption else text


def split_item(text: str, parts: tuple[Part, ...]) -> dict[str, str]:
    """An Item's text cut back into its elements: each paragraph that starts with a part's
    caption (in the table's order) opens that part; a text whose first paragraph opens none goes
    whole into the first part (a legacy filing's Item, written as one text)."""
    if text.strip() == NOT_APPLICABLE:
        return {}
    captioned = [part for part in parts if part.caption]
    if len(parts) == 1 or not captioned:
        return {parts[0].element: text} if text.strip() else {}
    found: dict[str, list[str]] = {}
    current: str | None = None
    for block in text.split("\n\n"):
        opener = next((p for p in captioned if block.startswith(p.caption + " ")), None)
        if opener is not None and opener.element not in found:
            current = opener.element
            found[current] = [block[len(opener.caption) + 1 :]]
        elif current is not None:
            found[current].append(block)
        else:
            return {parts[0].element: text} if text.strip() else {}
    return {element: "\n\n".join(blocks) for element, blocks in found.items()}
