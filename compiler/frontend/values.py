"""Value grammars: the small languages of cover-row values, dates, codes and CUSIPs.

Each parser takes the text of one value (already cut out of its line by the lowering) and returns
the typed value, or ``None`` with a reason the lowering turns into a located diagnostic. The
patterns are anchored and possessive where they repeat, so none of them can backtrack badly.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Generic, TypeVar

T = TypeVar("T")

# --- share counts -----------------------------------------------------------------------------

# "2,202,000", "412500", "1,077,065 (1)", "5,400,000*", "-0-", "None", "Nil", "0", and a dash
# alone ("-", "--", "—"), which typists put for zero in a number column
_SHARES = re.compile(
    r"""^(?:approximately\s++|approx\.\s*+)?
        (?:(?P<num>\d{1,3}(?:,\d{3})++|\d++)(?:\.0+)?(?![\d,.]*\d)
        |(?P<zero>-0-|--0--|none|nil|zero|[-–—]{1,3}+(?![\w\d.,$-])(?!\s*+\d))(?!\w))""",
    re.IGNORECASE | re.VERBOSE,
)
_CROSS_REF = re.compile(r"^\(?\s*see\b|^\(?\s*refer\b|^\(?\s*as\s+set\s+forth", re.IGNORECASE)


# Not frozen: one is made for every value parsed (a dozen per cover page), and a frozen
# dataclass's __init__ sets each field through object.__setattr__ (four times slower). No caller
# changes one.
@dataclass(slots=True)
class Parsed(Generic[T]):
    """A parsed value, or None and why (``reason`` is a diagnostic code)."""

    value: T | None
    reason: str | None = None
    start: int = 0  # where in the given text the value was found
    end: int = 0


def parse_shares(text: str) -> Parsed[int]:
    """A share count as written on a cover row; footnote marks and trailing words are ignored."""
    stripped = text.strip()
    offset = len(text) - len(text.lstrip())
    if not stripped:
        return Parsed(None, "missing")
    match = _SHARES.match(stripped)
    if match is None:
        if _CROSS_REF.match(stripped):
            return Parsed(None, "crossref")
        return Parsed(None, "unparsed")
    if match.group("zero"):
        return Parsed(0, None, offset + match.start("zero"), offset + match.end("zero"))
    number = int(match.group("num").replace(",", ""))
    return Parsed(number, None, offset + match.start("num"), offset + match.end("num"))


# --- percentages ------------------------------------------------------------------------------

_PERCENT = re.compile(
    r"(?<![\d.])(?P<num>\d{1,3}(?:\.\d++)?|\.\d++)[ ]*+(?:%|percent\b|per[ ]cent\b)",
    re.IGNORECASE,
)
_PERCENT_BARE = re.compile(
    r"^(?:approximately\s++)?(?P<num>\d{1,3}(?:\.\d++)?)(?:\s|\*|\(|$)", re.I
)
_LESS_THAN = re.compile(r"\bless\s+than\b|<", re.IGNORECASE)


def parse_percent(text: str) -> Parsed[Decimal]:
    """Row 13: "6.41%*" -> 6.41; "Approximately 7.2 %" -> 7.2; "Less than 1%" -> None."""
    stripped = text.strip()
    if not stripped:
        return Parsed(None, "missing")
    if _LESS_THAN.search(stripped):
        return Parsed(None, "less-than")
    match = _PERCENT.search(stripped) or _PERCENT_BARE.match(stripped)
    if match is None:
        if _CROSS_REF.match(stripped):
            return Parsed(None, "crossref")
        return Parsed(None, "unparsed")
    offset = len(text) - len(text.lstrip())
    raw = match.group("num")
    return Parsed(Decimal(raw), None, offset + match.start("num"), offset + match.end("num"))


# --- check boxes ------------------------------------------------------------------------------

# Marked and empty boxes in every style seen in filings: [X] [ ] [_] |X| |_| /X/ / / (X) ( ) ☒ ☐,
# and the lone letters x / o that word processors leave from Wingdings boxes.
# The lookahead names every character a box can start with: tested first at each position, it
# spares the whole alternation at the others (most characters of a line), ten times faster.
_BOX = re.compile(
    r"""(?=[\[|/(_xXo☒☑■✔✓☐□])
      (?:(?P<marked>\[\s?[xX✓√]\s?\]|\|[xX]\||/[xX]/|\([xX]\)|[☒☑■✔✓]|_++[xX]_++)
      |(?P<empty>\[\s{0,2}_?\s{0,2}\]|\|_\||/\s/|\(\s\)|[☐□]|_{3,}+)
      |(?<![\w(])(?P<xletter>[xX])(?![\w)])
      |(?<![\w(])(?P<oletter>o)(?![\w)]))""",
    re.VERBOSE,
)


def find_boxes(text: str) -> list[tuple[bool, int, int]]:
    """Every check box in ``text``: (marked, start, end)."""
    return [
        (bool(m.group("marked") or m.group("xletter")), m.start(), m.end())
        for m in _BOX.finditer(text)
    ]


_GROUP_LETTER = re.compile(r"\(\s?([ab])\s?\)", re.IGNORECASE)


# A box written before its letter: "[X] (a)" / "[ ] (b)", "(X) (a)", a lone "X" or "o" (Wingdings
# boxes), a blank "___".
_BOX_BEFORE_LETTER = re.compile(
    r"(?P<box>\[\s?[xX_]?\s?\]|\|[xX_]\||/[xX ]/|[☐☒☑]|\([ ]?[xX]?[ ]?\)|_{3,}+|(?<![\w(])[xXo])"
    r"[ ]?\((?P<letter>[ab])\)"
)


def parse_group_boxes(text: str) -> dict[str, tuple[bool, int, int]]:
    """Row 2: the box that follows "(a)" and the one that follows "(b)" (or stands before
    them, in the layout that writes "[X] (a)")."""
    found: dict[str, tuple[bool, int, int]] = {}
    for before in _BOX_BEFORE_LETTER.finditer(text):
        boxes = find_boxes(before.group("box"))
        if boxes:
            found.setdefault(
                before.group("letter").lower(), (boxes[0][0], before.start(), before.end("box"))
            )
    if len(found) == 2:
        return found
    found = {}
    letters = list(_GROUP_LETTER.finditer(text))
    for index, letter in enumerate(letters):
        stop = letters[index + 1].start() if index + 1 < len(letters) else len(text)
        boxes = find_boxes(text[letter.end() : stop])
        if boxes:
            marked, start, end = boxes[0]
            key = letter.group(1).lower()
            found.setdefault(key, (marked, letter.end() + start, letter.end() + end))
    return found


# --- code lists -------------------------------------------------------------------------------

# Typing slips seen in filings: zero for the letter O, and the words some filers write instead.
_CODE_FIXES = {"00": "OO", "0O": "OO", "O0": "OO", "C0": "CO", "P N": "PN", "1N": "IN"}
_CODE_WORDS = {
    "WORKING CAPITAL": "WC",
    "PERSONAL FUNDS": "PF",
    "AFFILIATE": "AF",
    "OTHER": "OO",
    "CORPORATION": "CO",
    "INDIVIDUAL": "IN",
    "PARTNERSHIP": "PN",
    "LIMITED PARTNERSHIP": "PN",
    "INVESTMENT ADVISER": "IA",
    "INVESTMENT ADVISOR": "IA",
    "BANK": "BK",
    "BROKER DEALER": "BD",
    "HOLDING COMPANY": "HC",
}
_CODE_PHRASES = re.compile(
    r"\b(?:"
    + "|".join(sorted((w for w in _CODE_WORDS if " " in w), key=len, reverse=True))
    + r")\b"
)
# A lone space separates codes too ("WC AF"): as its own alternative, since a possessive "\s*+"
# in front would have eaten it.
# Written where a row has no code to give (an exit filing's source of funds).
_NO_CODE = frozenset({"N/A", "NA", "NOT APPLICABLE", "NONE", "-", "--"})
_CODE_SPLIT = re.compile(r"\s*+(?:[,;/&]|\band\b)\s*+|\s++", re.IGNORECASE)
# Footnote marks, and a cross-reference beside the codes: "OO (see Item 3)".
_FOOTNOTE = re.compile(r"\(\s*\d{1,2}\s*\)|\*++|\(\s*[a-z]\s*\)|\(\s*(?i:see)\b[^()]*+\)")


def says_no_code(text: str) -> bool:
    """ "N/A", "Not applicable", "None": the row gives no code, on purpose."""
    return " ".join(text.upper().strip().rstrip(".").split()) in _NO_CODE


def parse_codes(text: str, allowed: frozenset[str]) -> tuple[list[str], list[str]]:
    """A list of two-letter codes ("WC, AF", "PF; OO", "00"); returns (codes, unknown words)."""
    cleaned = _FOOTNOTE.sub(" ", text).strip().rstrip(".")
    upper = " ".join(cleaned.upper().split())
    if upper in _NO_CODE:
        return [], []
    if upper in _CODE_WORDS and _CODE_WORDS[upper] in allowed:
        return [_CODE_WORDS[upper]], []
    # Words of several codes in a list ("Working Capital, Bank"): each phrase becomes its code
    # before the list is split at spaces.
    if " " in upper:
        upper = _CODE_PHRASES.sub(lambda m: _CODE_WORDS[m.group(0)], upper)
    codes: list[str] = []
    unknown: list[str] = []
    for raw in _CODE_SPLIT.split(upper):
        word = raw.strip(" .()")
        if not word:
            continue
        word = _CODE_FIXES.get(word, word)
        if word in allowed:
            if word not in codes:
                codes.append(word)
        elif _CODE_WORDS.get(word) in allowed:
            # A word for a code of this row's list ("Individual" in row 14, not in row 4).
            codes.append(_CODE_WORDS[word])
        else:
            unknown.append(raw)
    return codes, unknown


# --- dates ------------------------------------------------------------------------------------

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH_NAMES = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_MONTH = rf"(?P<month>{_MONTH_NAMES})\.?"
# Every form starts with a digit or a month's initial (any case): the lookahead says so first at
# each position, sparing the whole alternation at the others (most of a line's characters).
DATE_PATTERN = re.compile(
    rf"""(?=\d|[adfjmnos])
      (?:(?P<mdy>{_MONTH}\s*+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s*+,?\s*+(?P<year>\d{{4}}))
      |(?P<dmy>(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month2>{_MONTH_NAMES})\.?,?\s++(?P<year2>\d{{4}}))
      |(?P<num>(?<![\d/.-])(?P<m>\d{{1,2}})(?P<sep>[/.-])(?P<d>\d{{1,2}})(?P=sep)(?P<y>\d{{4}}|\d{{2}})(?![\d/]))
      |(?P<iso>(?<!\d)(?P<iy>\d{{4}})-(?P<im>\d{{2}})-(?P<id>\d{{2}})(?!\d))
      |(?P<dmon>(?<!\d)(?P<dd>\d{{1,2}})-(?P<dmonth>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)-(?P<dy>\d{{2,4}})(?!\d)))""",
    re.IGNORECASE | re.VERBOSE,
)


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 1900 if year >= 50 else 2000
    return year


def date_from_match(match: re.Match[str]) -> dt.date | None:
    """The date a DATE_PATTERN match denotes, or None when it is not a real calendar date."""
    # The form that matched: its group is the last to close, after the groups inside it.
    form = match.lastgroup
    try:
        if form == "mdy":
            month, day, year = match.group("month", "day", "year")
            return dt.date(int(year), _MONTHS[month.lower().rstrip(".")], int(day))
        if form == "dmy":
            month, day, year = match.group("month2", "day2", "year2")
            return dt.date(int(year), _MONTHS[month.lower().rstrip(".")], int(day))
        if form == "num":
            month, day, year = match.group("m", "d", "y")
            return dt.date(_year(year), int(month), int(day))
        if form == "iso":
            year, month, day = match.group("iy", "im", "id")
            return dt.date(int(year), int(month), int(day))
        if form == "dmon":
            month, day, year = match.group("dmonth", "dd", "dy")
            return dt.date(_year(year), _MONTHS[month.lower()], int(day))
    except (ValueError, KeyError):
        return None
    return None


def parse_date(text: str) -> Parsed[dt.date]:
    """The first date written in ``text`` in any of the forms filings use."""
    for match in DATE_PATTERN.finditer(text):
        value = date_from_match(match)
        if value is not None:
            return Parsed(value, None, match.start(), match.end())
        return Parsed(None, "bad-date", match.start(), match.end())
    return Parsed(None, "missing" if not text.strip() else "unparsed")


# --- CUSIPs -----------------------------------------------------------------------------------

# (The first digit comes before the test of the character ahead of it, a lookbehind over both:
# a pattern that starts with a set of characters is searched for that set at C speed, one that
# starts with a lookbehind is tried at every position.)
_CUSIP = re.compile(
    r"(?P<issuer>[0-9](?<![A-Za-z0-9@*-].)[0-9A-Z]{5})[ -]?(?P<issue>[0-9A-Z]{2})[ -]?"
    r"(?P<check>[0-9])(?![A-Za-z0-9-])"
)
# A CINS (a foreign issuer's CUSIP, "G0450A105"): a country letter first. Taken only with a
# digit in the issuer part and a valid check digit, as a word in capitals could have the shape.
_CINS = re.compile(
    r"(?<![A-Za-z0-9@*-])(?P<issuer>[A-Z](?=[0-9A-Z]{0,4}[0-9])[0-9A-Z]{5})[ -]?"
    r"(?P<issue>[0-9A-Z]{2})[ -]?(?P<check>[0-9])(?![A-Za-z0-9-])"
)


def cusip_check_digit(first_eight: str) -> int:
    """Modulus 10 "double-add-double" over the first eight characters."""
    total = 0
    for position, char in enumerate(first_eight.upper(), start=1):
        if char.isdigit():
            value = int(char)
        elif char.isalpha():
            value = ord(char) - ord("A") + 10
        else:
            value = {"*": 36, "@": 37, "#": 38}[char]
        if position % 2 == 0:
            value *= 2
        total += value // 10 + value % 10
    return (10 - total % 10) % 10


def cusip_is_valid(cusip: str) -> bool:
    return len(cusip) == 9 and cusip_check_digit(cusip[:8]) == int(cusip[8])


def find_cusips(text: str) -> list[tuple[str, int, int]]:
    """Every CUSIP-shaped token in ``text``, normalized to 9 upper-case characters.

    A token needs at least one digit in the issuer part; bare 9-digit runs that are not CUSIPs
    (telephone numbers, zip+4) are rare on the lines this is applied to, and the checks report an
    invalid check digit.
    """
    found: list[tuple[str, int, int]] = []
    upper = text.upper()
    for match in _CUSIP.finditer(upper):
        cusip = match.group("issuer") + match.group("issue") + match.group("check")
        found.append((cusip, match.start(), match.end()))
    for match in _CINS.finditer(upper):
        cusip = match.group("issuer") + match.group("issue") + match.group("check")
        if cusip_is_valid(cusip):
            found.append((cusip, match.start(), match.end()))
    return sorted(found, key=lambda item: item[1])
