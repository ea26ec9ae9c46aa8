"""Is the filing whole? Signs that its text stops short: a failed download, a copy cut off.

Each sign is reported as a diagnostic of severity ``error`` (so ``13dc compile`` exits 1 and the
``diagnostics`` table flags the filing), located at the line where the filing ends, or where the
unclosed part starts. The filing is still compiled: what it holds is kept, the error says it is
not all. The signs, each one a rule of the form, not of a filing agent:

- ``SIGNATURE-MISSING``: no signature block, or one that names no signer. Every Schedule 13D
  and 13G, original or amendment, is signed (the form's "Signature" section), and the signature
  is the last part of the filing proper, so a cut anywhere in the body loses it.
- ``ITEMS-MISSING``: an original filing without every Item the form requires (13D: Items 1 to 7;
  13G: Items 1 to 9 -- Item 10's certification applies to some filers only). An amendment
  restates only the Items it amends, so it is not checked.
- ``PAGES-MISSING``: the running headers number the pages ("Page 4 of 12") and the filing ends on
  a numbered page short of the count, with no page break after it.
- ``TABLE-UNCLOSED``: an EDGAR ``<TABLE>`` opened and never closed.
- ``TEXT-UNCLOSED``: an EDGAR submission that ends inside a document's ``<TEXT>`` (no ``</TEXT>``
  nor ``</DOCUMENT>`` follows). Every document of a submission is closed, so this finds a cut
  that falls after the signature, in an exhibit, where a complete sentence may end the file.
- ``HTML-UNCLOSED``: an HTML document that ends inside a table, with no ``</body>`` or
  ``</html>`` (compiler/frontend/html_cut.py): lxml closes what is open, so only the source
  shows a cut in a signature table.
- ``TRUNCATED-TEXT``: a signed filing whose last line stops in mid-sentence (on a comma, a
  joining word, or a lower-case word ending a line of prose): the cut fell in an annex or an
  exhibit after the signature.
- ``SIGNATURE-CUT``: a signed filing that ends inside a signature block (its own or a joint
  filing agreement's): on a signing line that names no one ("By:", "By: /s/") or on a signing
  entity's name standing alone as a block's caption ("FMR LLC"), with no signer under it. A
  filing may end on "/s/ Jane Doe": that names who signed.

A filing cut in the middle of a cover page is refused before this runs
(``TruncatedFilingError``): nothing after row 14 can be trusted there.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from lark import Token

from compiler.diagnostic_codes import Code
from compiler.frontend.terminals import line_shapes
from compiler.ir import Item, PageHeader, Severity, Signature
from compiler.lower.lines import Context, Line

# The Items an original filing must have, by schedule.
REQUIRED_ITEMS = {
    "13D": tuple(str(n) for n in range(1, 8)),
    "13G": tuple(str(n) for n in range(1, 10)),
}
SHAPES = line_shapes()  # the grammar's terminals (grammar/*.lark)
_OPEN_TABLE = SHAPES["TABLE_OPENS"]
_CLOSE_TABLE = SHAPES["TABLE_CLOSES"]
_OPEN_END = SHAPES["OPEN_END"]
_PROSE_LINE = SHAPES["PROSE_LINE"]
_SIGNING_LINE = SHAPES["SIGNING_LINE"]
_ENTITY_CAPTION = SHAPES["ENTITY_CAPTION"]


def report_incomplete(
    context: Context,
    tokens: Sequence[Token],
    section_kinds: Sequence[str],
    items: Sequence[Item],
    signatures: Sequence[Signature],
    header_by_line: Mapping[int, PageHeader],
    *,
    amended: bool,
) -> None:
    """Add an error diagnostic to ``context`` for each sign that the filing stops short."""
    last = _last_line(tokens)
    if last is None:
        return
    schedule = context.document.schedule
    mid_sentence = last.kind == "TEXT" and _stops_mid_sentence(last.text)
    cut = " in mid-sentence" if mid_sentence else ""
    if not signatures and "signature" not in section_kinds:
        where = f" inside Item {items[-1].number}" if section_kinds[-1:] == ["item"] else ""
        context.report(
            Code.SIGNATURE_MISSING,
            f"the filing ends{where}{cut} without a signature block; it looks truncated",
            last,
            severity=Severity.ERROR,
        )
    elif not any(s.signer or s.entity for s in signatures):
        context.report(
            Code.SIGNATURE_MISSING,
            f"the signature block names no one who signed (the filing ends{cut} before a "
            "signer); it looks truncated",
            last,
            severity=Severity.ERROR,
        )
    elif mid_sentence:
        context.report(
            Code.TRUNCATED_TEXT,
            "the filing's last line stops in mid-sentence; it looks truncated",
            last,
            severity=Severity.ERROR,
        )
    elif (cut_at := _signature_cut(tokens)) is not None:
        context.report(
            Code.SIGNATURE_CUT,
            f"the filing ends on {cut_at} with no signer's name or title under it; it looks "
            "truncated",
            last,
            severity=Severity.ERROR,
        )
    if not amended:
        present = {item.number for item in items} | _answered_together(items)
        missing = [n for n in REQUIRED_ITEMS.get(schedule, ()) if n not in present]
        if missing:
            context.report(
                Code.ITEMS_MISSING,
                f"an original Schedule {schedule} has Items {REQUIRED_ITEMS[schedule][0]} to "
                f"{REQUIRED_ITEMS[schedule][-1]}; Item{'s' if len(missing) > 1 else ''} "
                f"{', '.join(missing)} {'are' if len(missing) > 1 else 'is'} missing "
                "(a truncated or incomplete filing)",
                last,
                severity=Severity.ERROR,
            )
    _report_pages(context, tokens, header_by_line, last)
    _report_tables(context, tokens)
    _report_unclosed_text(context, last)
    if (table := context.document.html_unclosed) is not None:
        context.report(
            Code.HTML_UNCLOSED,
            f"the HTML ends inside the table opened at line {table}, with no </body> or </html>;"
            " it looks truncated",
            last,
            severity=Severity.ERROR,
        )


_ITEMS_TOGETHER = SHAPES["ITEMS_TOGETHER"]
_NEXT_NUMBER = SHAPES["NEXT_ITEM_NUMBER"]


def _answered_together(items: Sequence[Item]) -> set[str]:
    """The Item numbers named by a paragraph that answers several Items at once."""
    numbers: set[str] = set()
    for item in items:
        for paragraph in item.text.split("\n\n"):
            found = _ITEMS_TOGETHER.match(paragraph.strip())
            if not found:
                continue
            previous = int(found.group(1))
            numbers.add(str(previous))
            for joiner, number_text in _NEXT_NUMBER.findall(found.group(2)):
                number = int(number_text)
                if joiner.lower() in ("through", "thru", "to", "-", "\u2013"):
                    numbers.update(str(n) for n in range(previous, number + 1))
                numbers.add(str(number))
                previous = number
    return numbers


def _signature_cut(tokens: Sequence[Token]) -> str | None:
    """What the filing's last block stops on inside a signature block, if it does: a signing
    line, or a signing entity's name alone (a blank line before it, nothing after)."""
    lines: list[Token] = []
    for token in reversed(tokens):
        if token.type == "PAGE":
            continue
        if token.type == "BLANK" or not token.strip():
            if lines:
                break
            continue
        lines.append(token)
    if not lines:
        return None
    if _SIGNING_LINE.match(lines[0]):
        return "a signing line"
    if len(lines) == 1 and _ENTITY_CAPTION.match(lines[0]):
        return "a signing entity's name"
    return None


def _stops_mid_sentence(text: str) -> bool:
    """The last line of the filing stops where no sentence, name or heading ends."""
    return bool(_OPEN_END.search(text) or _PROSE_LINE.search(text))


def _last_line(tokens: Sequence[Token]) -> Line | None:
    for token in reversed(tokens):
        if token.type not in ("BLANK", "PAGE") and token.strip():
            return Line((token.line or 1) - 1, token.type, token)
    return None


def _report_pages(
    context: Context,
    tokens: Sequence[Token],
    header_by_line: Mapping[int, PageHeader],
    last: Line,
) -> None:
    numbered = [(index, h) for index, h in sorted(header_by_line.items()) if h.page is not None]
    if not numbered:
        return
    index, header = numbered[-1]
    assert header.page is not None
    if header.of_pages is None or header.page >= header.of_pages:
        return
    # A page break after the last numbered header: the pages that follow are unnumbered (an
    # exhibit, an HTML filing whose later pages carry no header), not missing.
    if any(t.type == "PAGE" and (t.line or 1) - 1 > index for t in tokens):
        return
    context.report(
        Code.PAGES_MISSING,
        f"the running headers count {header.of_pages} pages and the filing ends on page "
        f"{header.page}; it looks truncated",
        last,
        severity=Severity.ERROR,
    )


def _report_tables(context: Context, tokens: Sequence[Token]) -> None:
    opened: Token | None = None
    for token in tokens:
        if token.type != "TABLE_TAG":
            continue
        if _CLOSE_TABLE.match(token):
            opened = None
        elif _OPEN_TABLE.match(token):
            opened = token
    if opened is not None:
        context.report(
            Code.TABLE_UNCLOSED,
            "a <TABLE> opened here is never closed: the filing ends inside it; it looks truncated",
            Line((opened.line or 1) - 1, opened.type, opened),
            severity=Severity.ERROR,
        )


def _report_unclosed_text(context: Context, last: Line) -> None:
    unclosed = context.document.text_unclosed
    if unclosed is None:
        return
    line, other = unclosed
    named = f" ({other})" if other else ""
    whose = "this document's <TEXT>" if other is None else f"the <TEXT> of a later document{named}"
    context.report(
        Code.TEXT_UNCLOSED,
        f"the file ends inside {whose} (opened at line {line}), with no </TEXT> or </DOCUMENT>;"
        " it looks truncated",
        last,
        severity=Severity.ERROR,
    )


__all__ = ["REQUIRED_ITEMS", "report_incomplete"]
