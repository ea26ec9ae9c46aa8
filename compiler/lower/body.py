"""Lowering of the body: items (with Item 5(c) transaction rows), signatures and exhibits."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from compiler.ir import Exhibit, Item, Signature, Span, Transaction
from compiler.lower.lines import Context, Line, join_words
from compiler.values import DATE_PATTERN, date_from_match, parse_date

_ITEM_HEAD = re.compile(
    r"^\s*item\s+(?P<num>\d{1,2})\s*[.:\-–—]?\s*(?P<title>.*?)\s*$", re.IGNORECASE
)
_FURNITURE = frozenset({"PAGE", "RUNNING_HEAD", "TABLE_TAG", "RULE"})
_CELL_SPLIT = re.compile(r"\s{2,}")
_PRICE = re.compile(
    r"^(?:US)?\$\s?(?P<a>\d[\d,]*(?:\.\d+)?)|^(?P<b>\d{1,3}(?:,\d{3})*\.\d+|\d+\.\d+)$"
)
_SHARES = re.compile(r"^\(?(?P<n>\d{1,3}(?:,\d{3})+|\d+)\)?(?:\s*\*+|\s*\(\d\))?$")
_NOT_A_PRICE = re.compile(r"^(?:n/?a|none|-+|gift|—)$", re.IGNORECASE)
_NATURE = re.compile(
    r"^(?:purchase[ds]?|sales?|sold|bought|buy|sell|gift|open\s+market|acquired|disposed|"
    r"exercise|conversion|transfer|distribution|private(?:ly)?.*)$",
    re.IGNORECASE,
)
_SLASH_S = re.compile(r"/s/\s*(?P<name>[^\s/].*?)(?=\s{2,}|/s/|$)", re.IGNORECASE)
_LABEL = re.compile(r"^\s*(?P<label>name|title|its|date[d]?|by)\s*:\s*(?P<value>.*?)\s*$", re.I)
_DATE_LABEL = re.compile(r"^\s*dated?\s*:", re.IGNORECASE)
# Without any "/s/", a "Signature:" label line is the signature ("Signature:  Matthew Fitzgerald").
_SIGNATURE_LABEL = re.compile(r"(?:^\s*signature\s*:\s*)(?P<name>\S.*?)(?=\s{2,}|$)", re.I)
_BY = re.compile(r"^\s*by\s*:", re.IGNORECASE)


def _paragraphs(lines: list[Line]) -> str:
    """Prose of a part: paragraphs separated by one blank line, lines re-joined by spaces."""
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if line.kind == "BLANK" or line.kind in _FURNITURE:
            if paragraphs[-1] and line.kind != "TABLE_TAG":
                paragraphs.append([])
            continue
        if line.kind == "TX_ROW":
            continue
        paragraphs[-1].append(line.text.strip())
    return "\n\n".join(join_words(p) for p in paragraphs if p)


def lower_item(lines: list[Line], context: Context) -> Item:
    head = lines[0]
    match = _ITEM_HEAD.match(head.text)
    number = match.group("num").lstrip("0") if match else "?"
    title_text = match.group("title").rstrip(".:") if match else ""
    # A heading that runs into its text ("Item 3. Source of Funds. The funds...") keeps the title.
    title = title_text.split(". ")[0] if title_text else None
    rest = title_text[len(title) :].lstrip(". ") if title else ""
    body = ([Line(head.index, "TEXT", rest)] if rest else []) + lines[1:]
    return Item(
        number=number,
        title=title or None,
        text=_paragraphs(body),
        spans={"number": context.span(head, len(head.text) - len(head.text.lstrip()))},
    )


def _parse_row(line: Line, context: Context) -> Transaction | None:
    match = next((m for m in DATE_PATTERN.finditer(line.text) if date_from_match(m)), None)
    if match is None:
        return None
    date = date_from_match(match)
    spans: dict[str, Span] = {"date": context.span(line, match.start(), match.end())}
    shares: int | None = None
    price: Decimal | None = None
    person: str | None = None
    notes: list[str] = []
    position = 0
    text = (
        line.text[: match.start()] + " " * (match.end() - match.start()) + line.text[match.end() :]
    )
    for cell in _CELL_SPLIT.split(text.strip()):
        if not cell:
            continue
        start = text.index(cell, position)
        position = start + len(cell)
        price_match = _PRICE.match(cell)
        shares_match = _SHARES.match(cell)
        if shares_match and shares is None and not (price_match and "." in cell):
            shares = int(shares_match.group("n").replace(",", ""))
            spans["shares"] = context.span(line, start, start + len(cell))
        elif price_match and price is None:
            raw = (price_match.group("a") or price_match.group("b") or "").replace(",", "")
            try:
                price = Decimal(raw)
                spans["price"] = context.span(line, start, start + len(cell))
            except InvalidOperation:
                notes.append(cell)
        elif _NOT_A_PRICE.match(cell) or _NATURE.match(cell):
            notes.append(cell)
        elif person is None and any(c.isalpha() for c in cell):
            person = cell
        else:
            notes.append(cell)
    if shares is None:
        context.report("TX-ROW-UNPARSED", "a transaction row without a share count", line)
        return None
    return Transaction(
        date=date,
        shares=shares,
        price=price,
        currency="USD",
        person=person,
        note=" ".join(notes) or None,
        spans=spans,
    )


def lower_transactions(lines: list[Line], context: Context) -> list[Transaction]:
    """Item 5(c) rows: the TX_ROW lines of an item, in document order."""
    rows = []
    for line in lines:
        if line.kind == "TX_ROW":
            row = _parse_row(line, context)
            if row is not None:
                rows.append(row)
    return rows


def lower_signatures(lines: list[Line], context: Context) -> list[Signature]:
    """One signature per "/s/" in the block, dated by the nearest date line before it, or after."""
    dates: list[tuple[int, object, Span]] = []
    for position, line in enumerate(lines):
        if line.kind == "CERTIFICATION":
            continue
        # A date line: "Date: July 1, 1998", "Dated: ...", or a short line that is a date, also
        # when a signature stands beside it in the right-hand column.
        text = line.text.split("/s/")[0] if "/s/" in line.text.lower() else line.text
        label = _DATE_LABEL.match(text)
        rest = text[label.end() :] if label else text
        cell = _CELL_SPLIT.split(rest.strip())[0] if rest.strip() else ""
        parsed = parse_date(cell)
        if parsed.value is not None and (label or len(cell) < 40):
            start = line.text.find(cell) + parsed.start
            dates.append(
                (
                    position,
                    parsed.value,
                    context.span(line, start, start + parsed.end - parsed.start),
                )
            )
    signatures: list[Signature] = []
    slashed = any("/s/" in line.text.lower() for line in lines)
    pattern = _SLASH_S if slashed else _SIGNATURE_LABEL
    for position, line in enumerate(lines):
        for match in pattern.finditer(line.text):
            column = match.start()
            signer = match.group("name").strip()
            title: str | None = None
            name: str | None = None
            entity = _entity_above(lines, position, column)
            for later in lines[position + 1 : position + 6]:
                labelled = _label_at(later.text, column)
                if labelled is None:
                    continue
                key, value = labelled
                if key == "name" and name is None:
                    name = value
                elif key in ("title", "its") and title is None:
                    title = value
            before = [d for d in dates if d[0] <= position]
            after = [d for d in dates if d[0] > position]
            chosen = before[-1] if before else (after[0] if after else None)
            spans = {"signer": context.span(line, match.start("name"), match.end("name"))}
            if chosen is not None:
                spans["date"] = chosen[2]
            signatures.append(
                Signature(
                    date=chosen[1] if chosen else None,  # type: ignore[arg-type]
                    entity=entity,
                    signer=name or signer,
                    title=title,
                    spans=spans,
                )
            )
    return signatures


def _label_at(text: str, column: int) -> tuple[str, str] | None:
    """A "Name:"/"Title:" label in the column of a signature (two-column blocks side by side)."""
    window = text[max(column - 12, 0) :]
    cells = _CELL_SPLIT.split(window.strip())
    match = _LABEL.match(cells[0]) if cells else None
    if match is None:
        return None
    value = match.group("value")
    return match.group("label").lower(), value


def _entity_above(lines: list[Line], position: int, column: int) -> str | None:
    for line in reversed(lines[max(position - 4, 0) : position]):
        cell = line.text[max(column - 12, 0) :].strip()
        cell = _CELL_SPLIT.split(cell)[0] if cell else ""
        if not cell or _BY.match(cell) or set(cell) <= set("-_ "):
            continue
        if _LABEL.match(cell) or parse_date(cell).value is not None:
            return None
        return cell
    return None


def lower_exhibit(lines: list[Line], document_type: str | None, context: Context) -> Exhibit:
    head = lines[0]
    return Exhibit(
        title=join_words([head.text]) or None,
        document_type=document_type,
        text="\n".join(line.text.rstrip() for line in lines[1:]).strip("\n"),
        spans={"title": context.span(head, len(head.text) - len(head.text.lstrip()))},
    )
