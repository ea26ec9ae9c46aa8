"""Source stage: bytes -> Document.

CONTRACT (implemented by the source helper; the parser and lowering rely on it):
- decode (compiler.frontend.decoding): UTF-8, else cp1252, else latin-1 -- never a crash;
- reject what 13dc does not compile with :class:`compiler.errors.InputError` (empty, binary, a
  document of another form via :class:`compiler.errors.UnsupportedFormError`);
- unwrap an EDGAR ``<SEC-DOCUMENT>`` / ``<SEC-HEADER>`` submission (also PEM-wrapped 1990s ones
  and bare ``<DOCUMENT>`` wrappers): header fields kept, the ``SC 13D``/``SC 13D/A`` document
  chosen (else the ``SC 13G``/``SC 13G/A`` one; ``Document.schedule`` says which), the other
  documents kept as :class:`EmbeddedDocument`;
- turn HTML (a bare ``.htm`` document, an HTML ``<TEXT>`` of a submission, a page saved from a
  browser with the submission's tags inside it) into text lines with
  :mod:`compiler.frontend.html_text`:
  ``lines`` are the converted lines, ``line_origins`` the original line of the HTML element each
  came from, and every column of a converted line maps to column 1 of that original line (HTML
  keeps no columns); HTML exhibits are kept converted the same way;
- normalize the chosen document's text: ``\\n`` line endings (CRLF, CR), tabs expanded to 8-column
  stops, a form feed becomes a line of its own holding exactly ``"\\f"``; trailing whitespace is
  kept;
- keep a map from every normalized line back to its original line and columns.

The last two are done by :mod:`compiler.frontend.line_map`; this module decides which lines are the
document.

Header keys: see :mod:`compiler.frontend.edgar_header`.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from compiler.errors import InputError, InternalError, UnsupportedFormError
from compiler.frontend.decoding import decoded_lines, xml_lines
from compiler.frontend.edgar_header import TAG as _TAG
from compiler.frontend.edgar_header import parse_header
from compiler.frontend.html_cut import open_table_at_end
from compiler.frontend.line_map import (
    HTML_LINE_MAP,
    PLAIN_MAP,
    ColumnMap,
    converted_lines,
    normalize_lines,
    split_lines,
    usual_ending,
)
from compiler.ir import Span, new_span

if TYPE_CHECKING:  # (lxml is imported for HTML documents only: start-up time)
    from compiler.frontend.html_text import HtmlText

MAIN_TYPES = frozenset({"SC 13D", "SC 13D/A", "SCHEDULE 13D", "SCHEDULE 13D/A"})
G_TYPES = frozenset({"SC 13G", "SC 13G/A", "SCHEDULE 13G", "SCHEDULE 13G/A"})

_BOM = b"\xef\xbb\xbf"
_ACCESSION = re.compile(r"\d{10}-\d{2}-\d{6}")
_HTML_START = re.compile(r"\s*<(?:html|!doctype\s+html)", re.IGNORECASE)
# Plain-text EDGAR uses <PAGE>, <TABLE>, <CAPTION>, <S>, <C>, <FN>; these tags never occur in it.
# A tag name ends at a space, "/" or ">" on its line: "<PAGE>" cut at the end of the window, or
# at the end of a line (a cut file, text quoting one), is not "<P".
_HTML_TAG = re.compile(r"<(?:html|body|head|div|font|td|p|br|span)(?=[ \t>/])", re.IGNORECASE)
_ANY_TAG = re.compile(r"<[A-Za-z!/]")
_SCHEDULE_13G = re.compile(r"SCHEDULE\s+13-?G", re.IGNORECASE)
_SCHEDULE_13D = re.compile(r"SCHEDULE\s+13-?D", re.IGNORECASE)
# A form title: a line that starts with the schedule's name ("SCHEDULE 13D", "Schedule 13G/A",
# "SCHEDULE 13-D", "SCHEDULE 13 D"), nothing but punctuation before it. Prose that merely names
# the form ("a compiler for legacy Schedule 13D filings") does not start with it.
_FORM_TITLE = re.compile(r"[^A-Za-z0-9]*SCHEDULE\s*13\s*-?\s*[DG]\b", re.IGNORECASE)
_HEADER_TAGS = frozenset({"SEC-HEADER", "IMS-HEADER"})
_WRAPPER_TAGS = _HEADER_TAGS | {"SEC-DOCUMENT", "IMS-DOCUMENT", "DOCUMENT"}
# A comment, its body unable to run past its own "-->": a pattern that lets ".*?" cross into the
# next comment backtracks exponentially in the number of comments when the match fails.
_COMMENT = r"<!--(?:[^-]|-(?!->))*-->"
# What an XML-era document (compiler.frontend.xml_source) starts with, after blanks and the
# <XML> wrapper an EDGAR submission puts around it.
_XML_START = re.compile(r"\s*(?:<XML>\s*)?(?:<\?xml\b|<edgarSubmission\b)|\s*<XML>\s*$", re.I)
# The same document without a declaration, its root after comments or a processing instruction,
# or bound to a prefix (`<ns1:edgarSubmission xmlns:ns1=...>`): namespaces are the filer's choice.
_XML_ROOT = re.compile(
    rf"\s*(?:<XML>\s*)?(?:<\?[^>]*\?>\s*|{_COMMENT}\s*)*<(?:[A-Za-z_][\w.-]*:)?edgarSubmission\b"
)
# An XHTML document opens with an XML declaration too (Workiva and other filing agents write
# `<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml">`): its root
# element, after the declaration, a doctype and comments, makes it HTML, not XML-era data.
_XHTML_START = re.compile(
    rf"\s*(?:<XML>\s*)?<\?xml\b[^>]*>\s*(?:{_COMMENT}\s*|<!DOCTYPE\b[^>]*>\s*)*<html\b", re.I
)
_HTML_WINDOW = 4096  # characters of a document searched for HTML tags
_TITLE_LINES = 150  # lines of unwrapped text searched for the form's title


@dataclass(frozen=True, slots=True, kw_only=True)
class EmbeddedDocument:
    """Another <DOCUMENT> of an EDGAR submission (an exhibit), kept as text."""

    document_type: str | None
    description: str | None
    text: str
    first_line: int  # 1-based line, in the original file, of the first text line


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceFrame:
    """What the file holds around the chosen document's lines, for byte-exact reconstruction
    (:mod:`compiler.backends.reconstruct`): the decoding, and the text before and after the
    lines."""

    encoding: str  # the codec the file was decoded with; strict, so encoding back is exact
    bom: bytes = b""  # a UTF-8 byte-order mark, removed before decoding
    prologue: str = ""  # the file before the document's first line (EDGAR header, <TEXT>)
    epilogue: str = ""  # the file after its last line (</TEXT>, the following documents)
    # The ending of every line whose source is None (Document.line_sources): the document's most
    # common one, so that a file written with CRLF keeps no second copy of its lines either.
    newline: str = "\n"


@dataclass(frozen=True, slots=True, kw_only=True)
class Document:
    # Memory: a document keeps one copy of its text, ``lines``; the file as written is rebuilt on
    # demand (``original``, ``original_lines``) from them, ``line_sources`` and ``frame``.
    path: str
    sha256: str
    encoding: str
    lines: tuple[str, ...]  # the 13D document's normalized lines, without line endings
    # 1-based original line number of each entry of ``lines``: a ``range`` when every line is its
    # own original line, else an ``array`` (an int object per line would cost 4-8x as much).
    line_origins: Sequence[int]
    header: tuple[tuple[str, str], ...]  # SEC-HEADER fields in order (see "Header keys" above)
    accession_number: str | None
    document_type: str | None  # <TYPE> of the chosen document, e.g. "SC 13D/A"
    other_documents: tuple[EmbeddedDocument, ...]
    # "13D" or "13G": which schedule the document is, from its <TYPE> or its title.
    schedule: str = "13D"
    # Lines of text after the document's </TEXT> (not read): 1-based line of the first, count.
    unread_after_text: tuple[int, int] | None = None
    # The file ends inside a <TEXT> that no </TEXT> or </DOCUMENT> closes (a cut download): the
    # 1-based line of that <TEXT>, and None when it is this document's, else the <TYPE> of the
    # other document it opens ("" when it has none).
    text_unclosed: tuple[int, str | None] | None = None
    # An HTML document that ends inside a table, with no </body> or </html>: that table's line.
    html_unclosed: int | None = None
    # "text", "html" or "xml": an XML document (EDGAR's Schedule 13D/13G XML) keeps its lines as
    # written, without tab expansion, and is read by compiler.frontend.xml_source, not the grammar.
    format: str = "text"
    # How a line sits in its original line, for the lines (by index) whose map is not
    # ``plain_map``: sparse, since most lines hold no tab and no form feed.
    column_maps: Mapping[int, ColumnMap] = field(default_factory=dict, repr=False, compare=False)
    plain_map: ColumnMap = field(default=PLAIN_MAP, repr=False, compare=False)  # HTML: whole lines
    # The file's text each entry of ``lines`` stands for, as written: tabs, the piece between
    # form feeds, the line ending (HTML: the source lines from its element to the next line's).
    # None where that is the line and the usual line ending (``frame.newline``; most lines), so
    # no second copy of it is kept.
    line_sources: tuple[str | None, ...] = field(default=(), repr=False, compare=False)
    frame: SourceFrame | None = field(default=None, repr=False, compare=False)

    @property
    def original(self) -> str:
        """The decoded file, unchanged (without a byte-order mark); rebuilt on every access."""
        if not self.lines:  # read_source never makes one: a copy whose lines were let go
            raise InternalError("the document's lines were let go after parsing (compile_filing)")
        frame = self.frame or SourceFrame(encoding=self.encoding)
        sources = self.line_sources or (None,) * len(self.lines)
        newline = frame.newline
        body = "".join(
            line + newline if source is None else source
            for line, source in zip(self.lines, sources, strict=True)
        )
        return frame.prologue + body + frame.epilogue

    @property
    def original_lines(self) -> tuple[str, ...]:
        """The decoded file's lines, as written (for carets under errors); rebuilt on every
        access, so a caller wanting several should keep the tuple."""
        return tuple(split_lines(self.original)[0])

    def span(self, index: int, start: int, end: int, end_index: int | None = None) -> Span:
        """Span in the original file of ``lines[index][start:end]`` (0-based, end exclusive)."""
        maps = self.column_maps
        first_map = maps.get(index, self.plain_map) if maps else self.plain_map
        # (A line kept as written, the most common, needs no map; a span on one line, the most
        # common, looks its map up once: the lowering makes one for every value it extracts.)
        if end_index is None or end_index == index:
            last_map = first_map
            line = last = self.line_origins[index]
        else:
            last_map = maps.get(end_index, self.plain_map) if maps else self.plain_map
            line, last = self.line_origins[index], self.line_origins[end_index]
        column = start if first_map is PLAIN_MAP else first_map.original_column(start, is_end=False)
        end_column = end if last_map is PLAIN_MAP else last_map.original_column(end, is_end=True)
        return new_span(line, column + 1, last, end_column + 1)

    def header_value(self, key: str) -> str | None:
        """The first header field called ``key`` (a full ``/`` path for nested fields)."""
        return next((value for name, value in self.header if name == key), None)


@dataclass(slots=True)
class _Part:
    """A <DOCUMENT> while the submission is scanned; text is original lines [start, end)."""

    document_type: str | None = None
    description: str | None = None
    filename: str | None = None
    start: int = -1
    end: int = -1
    # Text after the document's </TEXT> and before </DOCUMENT> (a stray or early </TEXT>): the
    # 0-based line of the first such line and how many there are. EDGAR ends the text at
    # </TEXT>, so they are not read; the lowering reports them (TEXT-AFTER-END).
    after_text: tuple[int, int] | None = None
    unclosed: bool = False  # the file ends inside the text: no </TEXT> nor </DOCUMENT> after it


def read_source(data: bytes, path: str = "<input>") -> Document:
    """Decode, unwrap and normalize ``data``; raise InputError for what 13dc does not compile."""
    raw, endings, encoding = decoded_lines(data, path)
    first = next((line for line in raw if line.strip()), "")
    header: list[tuple[str, str]] = []
    others: list[EmbeddedDocument] = []
    accession: str | None = None
    document_type: str | None = None
    filename: str | None = None
    after_text: tuple[int, int] | None = None
    unclosed: tuple[int, str | None] | None = None
    if _is_wrapper(first):
        parts, header, accession = _scan_submission(raw)
        chosen = _choose(parts, header, path)
        document_type = chosen.document_type
        others = [_embedded(raw, part) for part in parts if part is not chosen]
        start, end = chosen.start, chosen.end
        if start < 0:
            what = f"the {document_type} document" if document_type else "the chosen <DOCUMENT>"
            raise InputError(f"{what} has no <TEXT>", path=path)
        filename = chosen.filename
        if chosen.after_text is not None:
            after_text = (chosen.after_text[0] + 1, chosen.after_text[1])
        cut = next((part for part in parts if part.unclosed), None)
        if cut is not None:  # (the <TEXT> tag is the line before the text: its 1-based number)
            unclosed = (cut.start, None if cut is chosen else cut.document_type or "")
    else:
        start, end = 0, len(raw)
    body = raw[start:end]
    window = "\n".join(body[:_HTML_WINDOW])[:_HTML_WINDOW]
    if (
        _XML_START.match(next((line for line in body if line.strip()), ""))
        and not _XHTML_START.match(window)
    ) or _XML_ROOT.match(window):
        return _xml_document(
            data, path, encoding, body, start, (header, accession, document_type, others)
        )
    html = _convert_html(body, start, path) if _is_html(body, filename) else None
    body_html = body
    if html is not None:
        body = list(html.lines)
        document_type = document_type or _wrapper_type(html)
    if not any(line.strip() for line in body):
        raise InputError("the Schedule 13D document is empty", path=path)
    known = document_type if document_type in MAIN_TYPES | G_TYPES else _header_type(header)
    schedule = _schedule(body, known, path)
    if html is None:
        # (A tab or a form feed is the same byte in every encoding read_source accepts, and a
        # no-break space holds the byte 0xA0 in each: a file without them is kept as written.)
        plain = b"\t" not in data and b"\f" not in data and b"\xa0" not in data
        newline = usual_ending(endings[start:end])
        lines, origins, maps, sources = normalize_lines(
            body, start, endings, plain=plain, newline=newline
        )
        plain_map = PLAIN_MAP
    else:
        lines, origins, maps, sources = converted_lines(html, raw, endings, start, end)
        plain_map, newline = HTML_LINE_MAP, "\n"  # (an HTML line's source is its HTML, always kept)
    return Document(
        path=path,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=encoding,
        lines=lines,
        line_origins=origins,
        header=tuple(header),
        accession_number=accession,
        document_type=document_type,
        other_documents=tuple(others),
        schedule=schedule,
        unread_after_text=after_text,
        text_unclosed=unclosed,
        html_unclosed=None if html is None else open_table_at_end(body_html, start + 1),
        format="text" if html is None else "html",
        column_maps=maps,
        plain_map=plain_map,
        line_sources=sources,
        frame=SourceFrame(
            encoding=encoding,
            bom=_BOM if data.startswith(_BOM) else b"",
            prologue="".join(map(str.__add__, raw[:start], endings[:start])),
            epilogue="".join(map(str.__add__, raw[end:], endings[end:])),
            newline=newline,
        ),
    )


def _xml_document(
    data: bytes,
    path: str,
    encoding: str,
    body: list[str],
    start: int,
    wrapper: tuple[list[tuple[str, str]], str | None, str | None, list[EmbeddedDocument]],
) -> Document:
    """An XML-era document: its lines as written (compiler.frontend.xml_source parses them); the
    schedule from the namespace the text declares (the parser checks it)."""
    header, accession, document_type, others = wrapper
    body = xml_lines(body, encoding)
    head = "\n".join(body[:40])
    schedule = "13G" if "edgar/schedule13g" in head and document_type not in MAIN_TYPES else "13D"
    return Document(
        path=path,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=encoding,
        lines=tuple(body),
        line_origins=range(start + 1, start + 1 + len(body)),
        header=tuple(header),
        accession_number=accession,
        document_type=document_type,
        other_documents=tuple(others),
        schedule=schedule,
        format="xml",
    )


def _is_html(body: list[str], filename: str | None) -> bool:
    """An HTML document: by HTML tags near its start (plain-text EDGAR uses <PAGE>, <TABLE>, <S>,
    <C>, never these), or by its file name when some tag is there (a ``.htm`` name on plain text
    does not make it HTML)."""
    window = "\n".join(body[:_HTML_WINDOW])[:_HTML_WINDOW]
    if _HTML_START.match(window) or _HTML_TAG.search(window):
        return True
    return (filename or "").lower().endswith((".htm", ".html")) and bool(_ANY_TAG.search(window))


def _convert_html(body: list[str], start: int, path: str) -> HtmlText:
    from compiler.frontend.html_text import HtmlError, convert_html

    try:
        return convert_html("\n".join(body), first_line=start + 1)
    except HtmlError as exc:
        raise InputError(str(exc), path=path) from exc


def _wrapper_type(html: HtmlText) -> str | None:
    """The <TYPE> of a submission saved from a browser, whose SGML tags became elements."""
    types = [" ".join(value.upper().split()) for key, value in html.fields if key == "TYPE"]
    return next((t for t in types if t in MAIN_TYPES), None) or next(
        (t for t in types if t in G_TYPES), None
    )


def closes_text(line: str) -> bool:
    """Does ``line`` end a document's <TEXT>? Only the closing tags at the start of a line do
    (a missing </TEXT> ends at </DOCUMENT>); the normalized filing never writes one in a body."""
    return line.startswith("</") and line.strip().upper() in {"</TEXT>", "</DOCUMENT>"}


def _is_wrapper(first: str) -> bool:
    stripped = first.strip()
    if stripped.startswith("-----BEGIN PRIVACY-ENHANCED MESSAGE-----"):
        return True
    tag = _TAG.match(stripped)
    return tag is not None and tag.group(2).upper() in _WRAPPER_TAGS


def _scan_submission(
    raw: list[str],
) -> tuple[list[_Part], list[tuple[str, str]], str | None]:
    """One pass over the submission: header fields, documents and the accession number."""
    parts: list[_Part] = []
    header_lines: list[str] = []
    accession: str | None = None
    state = "outside"  # outside | header | document | text
    part = _Part()
    for number, line in enumerate(raw):
        if state == "text":
            # Inside <TEXT> only the closing tag counts; a missing </TEXT> ends at </DOCUMENT>.
            if closes_text(line):
                part.end = number
                state = "document" if line.strip().upper() == "</TEXT>" else "outside"
            continue
        tag = _TAG.match(line.strip()) if line.lstrip().startswith("<") else None
        name = tag.group(2).upper() if tag else ""
        opening = bool(tag and not tag.group(1))
        value = tag.group(3).strip() if tag else ""
        if state == "header":
            if name in _HEADER_TAGS and not opening:
                state = "outside"
            elif not (name == "DOCUMENT" and opening):  # a missing </SEC-HEADER> ends there
                header_lines.append(line)
                continue
        if name == "DOCUMENT":
            state = "document" if opening else "outside"
            if opening:
                part = _Part()
                parts.append(part)
        elif name in _HEADER_TAGS and opening:
            state = "header"
        elif name in {"SEC-DOCUMENT", "IMS-DOCUMENT"} and opening and accession is None:
            found = _ACCESSION.search(value)
            accession = found.group(0) if found else None
        elif state == "document" and part.start >= 0 and tag is None and line.strip():
            first, count = part.after_text or (number, 0)
            part.after_text = (first, count + 1)
        elif state == "document" and opening:
            if name == "TEXT":
                part.start = part.end = number + 1
                state = "text"
            elif name == "TYPE":
                # A tag joined onto the line ends the type ("<TYPE>SC 13D <SEQUENCE>1", the
                # line break between them lost): the type is a form name, never a tag.
                typed = _ANY_TAG.split(value, 1)[0]
                part.document_type = " ".join(typed.split()).upper() or None
            elif name == "DESCRIPTION":
                part.description = value or None
            elif name == "FILENAME":
                part.filename = value or None
    if state == "text":
        part.end = len(raw)  # truncated submission: the text runs to the end of the file
        part.unclosed = True
    header = parse_header(header_lines)
    accession = next((v for k, v in header if k == "ACCESSION NUMBER"), None) or accession
    return parts, header, accession


def _choose(parts: list[_Part], header: list[tuple[str, str]], path: str) -> _Part:
    for part in parts:
        if part.document_type in MAIN_TYPES:
            return part
    for part in parts:
        if part.document_type in G_TYPES:
            return part
    if parts and _header_type(header):
        # A combined filing (e.g. an SC TO-T/A that is also an SC 13D/A): its main document.
        return parts[0]
    if not parts:
        raise InputError("EDGAR submission holds no <DOCUMENT> (header only)", path=path)
    listed = ", ".join(part.document_type or "(none)" for part in parts)
    raise UnsupportedFormError(
        f"no SC 13D or SC 13G document in this EDGAR submission (types: {listed})", path=path
    )


def _embedded(raw: list[str], part: _Part) -> EmbeddedDocument:
    body = raw[part.start : part.end] if part.start >= 0 else []
    text = "\n".join(body)
    if body and _is_html(body, part.filename):
        from compiler.frontend.html_text import HtmlError, convert_html

        # An HTML exhibit is kept as its text; one that cannot be read stays as it is.
        with contextlib.suppress(HtmlError):
            text = "\n".join(convert_html(text, first_line=part.start + 1).lines)
    return EmbeddedDocument(
        document_type=part.document_type,
        description=part.description,
        text=text,
        first_line=part.start + 1 if part.start >= 0 else 0,
    )


def _header_type(header: list[tuple[str, str]]) -> str | None:
    """The submission's form type from its EDGAR header, when it is a Schedule 13D or 13G (a
    combined filing whose first document has another <TYPE>)."""
    types = [
        " ".join(value.split()).upper()
        for key, value in header
        if key.endswith(("FORM TYPE", "CONFORMED SUBMISSION TYPE"))
    ]
    return next((t for t in types if t in MAIN_TYPES | G_TYPES), None)


def _schedule(body: list[str], document_type: str | None, path: str) -> str:
    """Which schedule the text is: its EDGAR type says, else its title. Text with neither is not
    a filing (README.md, a JSON file, the three bytes ``13D``): refused here. (Whether it holds a
    filing's parts, an issuer, a cover page or an Item, is known after lowering:
    :mod:`compiler.acceptance`.)"""
    if document_type is not None:
        return "13G" if document_type in G_TYPES else "13D"
    if not any(_FORM_TITLE.match(line) for line in body):
        raise InputError("not a Schedule 13D or 13G filing", path=path)
    head = "\n".join(body[:_TITLE_LINES])
    if _SCHEDULE_13G.search(head) and not _SCHEDULE_13D.search(head):
        return "13G"
    return "13D"
