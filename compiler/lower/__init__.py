"""Lower stage: lark.Tree -> ir.Filing.

Each part of the filing has its own lowering (title page, cover pages, body parts); this module
walks the top of the tree (once, with :class:`~compiler.lower.lines.TreeLines`), hands each part
to its lowering and merges the results. No Lark type crosses this boundary: the cover pages and
the body parts are lowered by Lark Interpreters, which let what a method raises through as it
is (a Transformer wraps it in Lark's ``VisitError``), so that callers see the real exception.
"""

from __future__ import annotations

import dataclasses

from lark import Token, Tree

from compiler.diagnostic_codes import Code
from compiler.edgar_codes import code_of
from compiler.errors import InternalError, TruncatedFilingError
from compiler.frontend.lexer import LineToken
from compiler.frontend.source import G_TYPES, MAIN_TYPES, Document
from compiler.frontend.terminals import line_shapes
from compiler.frontend.values import find_cusips
from compiler.ir import (
    Diagnostic,
    Filing,
    PageHeader,
    ReportingPerson,
    Severity,
    SourceInfo,
    Span,
    TextBlock,
    new_span,
)
from compiler.lower.body import lower_embedded_exhibit
from compiler.lower.body_parts import BodyLowering, body_parts
from compiler.lower.completeness import report_incomplete
from compiler.lower.cover_page import lower_cover_page
from compiler.lower.cover_rows import CoverLineCache
from compiler.lower.items_13g import complete_title_page
from compiler.lower.lines import Context, Line, TreeLines, join_words, lines_of_tokens
from compiler.lower.ownership_13g import person_from_items
from compiler.lower.schedule_13g import (
    certification_text,
    item3_person_types,
    rule_designations,
    rule_lines,
)
from compiler.lower.title_page import TitlePage, lower_title_page
from compiler.schema import ROW_NUMBERS

SHAPES = line_shapes()  # the grammar's terminals (grammar/*.lark)
_PAGE_OF = SHAPES["PAGE_NUMBER"]
_CUSIP_LABEL = SHAPES["CUSIP_LABEL"]


def _form(document: Document, says_amendment: bool, amendment: int | None) -> str:
    """The document's EDGAR type when it is one of the schedule's ("SC 13D/A"); else (a bare
    document, a combined filing's other type, a type misspelt: "S C 13D") the text's form."""
    kind = " ".join((document.document_type or "").upper().split())
    if kind in MAIN_TYPES or kind in G_TYPES:
        return kind.replace("SCHEDULE", "SC")
    base = f"SC {document.schedule}"
    return f"{base}/A" if says_amendment or amendment else base


def _page_header(line: Line, context: Context) -> PageHeader:
    cusips = (
        tuple(c for c, _, _ in find_cusips(line.text)) if _CUSIP_LABEL.search(line.text) else ()
    )
    # (Searched from the first word: a running head stands far right, and only the groups count.)
    match = _PAGE_OF.search(line.text, len(line.text) - len(line.text.lstrip()))
    page = of_pages = None
    if match:
        page_text = match.group("page") or match.group("bare")
        of_text = match.group("of") or match.group("bare_of")
        page = int(page_text) if page_text else None
        of_pages = int(of_text) if of_text else None
    return PageHeader(cusips=cusips, page=page, of_pages=of_pages, span=context.span(line))


def _text_blocks(
    lines: list[Line], context: Context, where: str, skip: set[int]
) -> list[TextBlock]:
    blocks: list[TextBlock] = []
    current: list[Line] = []
    for line in [*lines, Line(-1, "BLANK", "")]:
        if line.kind in ("TEXT", "TX_ROW") and line.index not in skip:
            current.append(line)
            continue
        if current:
            blocks.append(
                TextBlock(
                    context=where,
                    text=join_words([x.text for x in current]),
                    span=context.lines_span(current[0], current[-1]),
                )
            )
            current = []
    return blocks


def _report_text_after_end(document: Document, context: Context) -> None:
    """Text after the document's </TEXT> and before </DOCUMENT> is not the document (EDGAR ends
    it at </TEXT>), so it is not read; a stray </TEXT> can cut a filing short this way, and the
    reader must hear of it. (The file is kept whole: --to source gives it back.)"""
    if document.unread_after_text is None:
        return
    line, count = document.unread_after_text
    code = Code.TEXT_AFTER_END
    context.diagnostics.append(
        Diagnostic(
            code=code,
            severity=code.severity,
            message=f"{count} line(s) of text stand after the document's </TEXT>, from line"
            f" {line}; EDGAR ends the document there, so they are not read",
            span=new_span(line, 1, line, 1),
        )
    )


def lower(tree: Tree[Token], document: Document) -> Filing:
    context = Context(document)
    _report_text_after_end(document, context)
    children = [c for c in tree.children if isinstance(c, Tree)]
    tree_lines = TreeLines(tree)
    if tree_lines.tokens and tree_lines.tokens[-1].line != len(tree_lines.tokens):
        raise InternalError("the parse tree does not hold every line of the filing, in order")
    context.line_texts = tree_lines.tokens
    for token in tree_lines.tokens:
        # (The lexer's own tokens are never stray: the lookup, which fails slowly, is spared.)
        stray = getattr(token, "original_type", None) if type(token) is not LineToken else None
        if stray is not None:
            context.report(
                Code.GRAMMAR_UNEXPECTED_LINE,
                f"a line that looks like {_describe(stray)} stands where the grammar does"
                " not expect one; kept as text",
                Line((token.line or 1) - 1, token.type, token.value),
            )
    is_13g = document.schedule == "13G"
    # Each part's lines are made for its lowering and dropped after it (see TreeLines).
    title, text_blocks, designations = _lower_title_page(children, tree_lines, context)
    header_by_line = {
        line.index: _page_header(line, context)
        for line in lines_of_tokens([t for t in tree_lines.tokens if t.type == "RUNNING_HEAD"])
    }
    _reject_truncated(children, tree_lines, document)
    persons = _lower_cover_pages(children, tree_lines, header_by_line, context, text_blocks)
    amended = title.amendment_number is not None or title.says_amendment
    if not persons and not (amended or (document.document_type or "").endswith("/A")):
        # An original's cover page is the form's (an amendment may leave it out, and say so).
        # Said at the first line after the title page, where the cover page belongs.
        after = next(
            (
                token
                for child in children
                if child.data != "title_page"
                for token in child.scan_values(lambda value: isinstance(value, Token))
            ),
            None,
        )
        context.report(
            Code.COVER_PAGE_MISSING,
            "no cover page was read: no reporting person's rows",
            None if after is None else Line((after.line or 1) - 1, after.type, after.value),
        )
    # EDGAR's code for the place the words name, where they name exactly one (compiler.edgar_codes).
    persons = [
        dataclasses.replace(person, citizenship_code=code)
        if (code := code_of(person.citizenship))
        else person
        for person in persons
    ]

    body = BodyLowering(context, [person.name for person in persons if person.name])
    body.lower(body_parts([c for c in children if c.data not in ("title_page", "cover_page")]))
    exhibits = body.exhibits
    for other in document.other_documents:
        # A <DOCUMENT> with no type, description or text (a stray or doubled tag) holds nothing.
        if other.document_type or other.description or other.text.strip():
            exhibits.append(
                lower_embedded_exhibit(other.document_type, other.description, other.text)
            )

    issuer, security = title.issuer, title.security
    if is_13g:
        issuer, security = complete_title_page(issuer, security, body.item_lines, context)
        if not persons:  # (an amendment may leave the cover page out: Item 4 has the numbers)
            from_items = person_from_items(body.item_lines, context)
            if from_items is not None:
                code = code_of(from_items.citizenship)
                persons = [dataclasses.replace(from_items, citizenship_code=code)]
    spans: dict[str, Span] = {}
    if title.event_date_span is not None:
        spans["event_date"] = title.event_date_span
    form = _form(document, title.says_amendment, title.amendment_number)
    item10 = next((item.text for item in body.items if item.number == "10"), None)
    report_incomplete(
        context,
        tree_lines.tokens,
        body.kinds,
        body.items,
        body.signatures,
        header_by_line,
        amended=form.endswith("/A"),
    )
    return Filing(
        source=SourceInfo(
            path=document.path,
            sha256=document.sha256,
            encoding=document.encoding,
            accession_number=document.accession_number,
            header=document.header,
            document_type=document.document_type,
            format=document.format,
        ),
        form=form,
        amendment_number=title.amendment_number,
        issuer=issuer,
        security=security,
        event_date=title.event_date,  # type: ignore[arg-type]
        previously_filed_13g=title.previously_filed_13g if document.schedule == "13D" else None,
        notice_persons=tuple(title.notice_persons),
        reporting_persons=tuple(persons),
        items=tuple(body.items),
        transactions=tuple(body.transactions),
        signatures=tuple(body.signatures),
        annexes=tuple(body.annexes),
        exhibits=tuple(exhibits),
        page_headers=tuple(header_by_line[i] for i in sorted(header_by_line)),
        text_blocks=tuple(text_blocks),
        diagnostics=tuple(context.diagnostics),
        rule_designations=designations,
        item3_person_types=item3_person_types(body.item3_lines) if is_13g else (),
        certification=certification_text(item10) if is_13g else None,
        spans=spans,
    )


def _lower_title_page(
    children: list[Tree[Token]], tree_lines: TreeLines, context: Context
) -> tuple[TitlePage, list[TextBlock], tuple[str, ...]]:
    """The title page, its free text, and (13G) its rule designations."""
    is_13g = context.document.schedule == "13G"
    title_lines = (
        tree_lines.of(children[0]) if children and children[0].data == "title_page" else []
    )
    last_caption = _last_caption(title_lines)
    title = lower_title_page(title_lines, context)
    text_blocks = _text_blocks(
        [x for x in title_lines if x.index > last_caption],
        context,
        "title_page",
        title.used | (rule_lines(title_lines) if is_13g else set()),
    )
    return title, text_blocks, rule_designations(title_lines) if is_13g else ()


def _lower_cover_pages(
    children: list[Tree[Token]],
    tree_lines: TreeLines,
    header_by_line: dict[int, PageHeader],
    context: Context,
    text_blocks: list[TextBlock],
) -> list[ReportingPerson]:
    """One reporting person per cover page; the preamble text after a cover page goes to
    ``text_blocks``."""
    persons: list[ReportingPerson] = []
    cache = CoverLineCache()
    # The cover pages come in document order: one forward pass over the running headers finds
    # the last one above each page (a scan of all of them per page was quadratic in pages).
    headers = sorted(header_by_line.items())
    passed = 0
    last_header_cusips: tuple[str, ...] = ()
    for child in children:
        if child.data != "cover_page":
            continue
        lines = tree_lines.of(child)
        while passed < len(headers) and headers[passed][0] < lines[0].index:
            if headers[passed][1].cusips:
                last_header_cusips = headers[passed][1].cusips
            passed += 1
        persons.append(lower_cover_page(child, context, cache, last_header_cusips))
        text_blocks += _text_blocks(_after_cover(lines), context, "preamble", set())
    return persons


def _reject_truncated(
    children: list[Tree[Token]], tree_lines: TreeLines, document: Document
) -> None:
    """A filing whose text stops inside its last cover page, before row 14 and with nothing after
    it, was cut off (a failed download, a truncated copy): refuse it rather than guess."""
    if not children or children[-1].data != "cover_page":
        return
    lines = tree_lines.of(children[-1])
    heads = [x for x in lines if x.kind in ROW_NUMBERS]
    if heads and heads[-1].kind != "ROW_TYPE":
        last = lines[-1]
        raise TruncatedFilingError(
            "the filing ends in the middle of a cover page"
            f" (after row {ROW_NUMBERS[heads[-1].kind]}"
            " of 14); it looks truncated",
            path=document.path,
            line=document.line_origins[last.index]
            if last.index < len(document.line_origins)
            else None,
            column=1,
        )


def _describe(kind: str) -> str:
    if kind in ROW_NUMBERS:
        return f"cover row {ROW_NUMBERS[kind]}"
    return {"ITEM": "an item heading", "SIGNATURE": "a signature heading"}.get(
        kind, kind.lower().replace("_", " ")
    )


def _last_caption(lines: list[Line]) -> int:
    indexes = [x.index for x in lines if x.kind.startswith("CAP_")]
    return max(indexes) if indexes else -1


def _after_cover(lines: list[Line]) -> list[Line]:
    """Lines after the page break that follows row 14: preamble text before Item 1."""
    seen_type = False
    for position, line in enumerate(lines):
        if line.kind == "ROW_TYPE":
            seen_type = True
        elif seen_type and line.kind == "PAGE":
            return lines[position:]
    return []


__all__ = ["Severity", "lower"]
