"""``--to html``: one self-contained page showing a filing with every extracted value highlighted.

The page (``templates/view.html.j2``) shows the lines 13dc read (an HTML filing's converted lines,
each linked to its line of the HTML source, which the page also holds), every value of
``--to json``'s ``spans`` highlighted at its place and coloured by kind, each diagnostic under
its line, the cover rows whose text gave no value marked, and a side panel with the compiled
record whose entries link to their highlights. Values are shown as ``--to json`` writes them
(the page is built from the JSON document), so what a reviewer checks is what a program reads.

The filing is untrusted: the template's environment autoescapes everything, and the page's
Content-Security-Policy allows no source but its own inline style and script (by hash), so that
even an escaping mistake could not load or run anything.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import jinja2
from markupsafe import Markup

from compiler import __version__
from compiler.backends.html_marks import Highlight, Piece, line_pieces, visible
from compiler.backends.html_source import ViewSource
from compiler.backends.render import OutputFormat, render
from compiler.backends.render_json import span_pointers
from compiler.errors import InternalError
from compiler.frontend.line_map import split_lines
from compiler.ir import Diagnostic, Severity, Span
from compiler.resources import resource_dir
from compiler.schema import ROWS, ValueKind

# The colour of a highlight: by the part of the record its pointer names.
_KINDS = {
    "reporting_persons": "cover",
    "transactions": "tx",
    "annexes": "annex",
    "signatures": "sig",
    "items": "text",
    "exhibits": "text",
}
KIND_NAMES = {
    "title": "title page",
    "cover": "cover rows",
    "tx": "transactions",
    "annex": "annex persons",
    "sig": "signatures",
    "text": "items and exhibits",
}
_LABEL_VALUE_WIDTH = 100  # characters of a value shown in a tooltip or the panel


@dataclass(frozen=True, slots=True)
class Entry:
    """One value of the side panel: its field, its value as compiled, where it came from."""

    label: str
    value: str  # JSON text, shortened
    target: str | None  # "h12" (its highlight), "L40" (its row, no value read) or None
    missing: bool = False  # null or empty


@dataclass(frozen=True, slots=True)
class Note:
    """A diagnostic as the page shows it."""

    ident: str  # "d3"
    severity: str
    code: str
    message: str
    where: str  # "line 72, column 1" in the file, or "" (no place)
    line: int | None  # 0-based display line


@dataclass(slots=True)
class Line:
    number: int  # 1-based display line
    origin: int  # 1-based line of the file
    pieces: list[Piece]
    notes: list[Note] = field(default_factory=list)
    no_value: str | None = None  # the field a cover row gave no value for


def _kind(pointer: str) -> str:
    return _KINDS.get(pointer.split("/")[1], "title")


def _resolve(document: Mapping[str, Any], pointer: str) -> Any:
    value: Any = document
    for part in pointer.split("/")[1:]:
        key = part.replace("~1", "/").replace("~0", "~")
        value = value[int(key)] if isinstance(value, list) else value[key]
    return value


def _shown(value: Any) -> str:
    text = visible(json.dumps(value, ensure_ascii=False))
    if len(text) > _LABEL_VALUE_WIDTH:
        return text[: _LABEL_VALUE_WIDTH - 1] + "…"
    return text


def _where(span: Span) -> str:
    return f"line {span.line}, column {span.column}"


class _Page:
    """The page's variables, built from the view source and its JSON document."""

    def __init__(self, view: ViewSource) -> None:
        self.view = view
        self.document: dict[str, Any] = json.loads(render(view.filing, OutputFormat.JSON))
        self.highlights: dict[str, Highlight] = {}
        for number, (pointer, span) in enumerate(span_pointers(view.filing).items(), start=1):
            original = view.original(span)
            value = _shown(_resolve(self.document, pointer))
            self.highlights[pointer] = Highlight(
                ident=f"h{number}",
                kind=_kind(pointer),
                label=f"{pointer} = {value} ({_where(original)})",
                line=span.line - 1,
                column=span.column - 1,
                end_line=span.end_line - 1,
                end_column=span.end_column - 1,
            )
        # A cover row whose field is null (or an empty list of codes) and was read nowhere gave
        # no value: marked on its line, and the panel's entry leads there.
        self.no_value: dict[str, int] = {}
        for row in view.cover_rows:
            pointer = f"/reporting_persons/{row.person}/{row.field}"
            value = _resolve(self.document, pointer)
            if pointer not in self.highlights and value in (None, []):
                self.no_value[pointer] = row.line
        self.notes = [self._note(n, d) for n, d in enumerate(view.filing.diagnostics, start=1)]

    def _note(self, number: int, diagnostic: Diagnostic) -> Note:
        span = diagnostic.span
        on_page = span is not None and 0 < span.line <= len(self.view.document.lines)
        return Note(
            ident=f"d{number}",
            severity=diagnostic.severity.value,
            code=diagnostic.code,
            message=visible(diagnostic.message),
            where="" if span is None else _where(self.view.original(span)),
            # (No line of the page to stand under: the note is listed above the filing.)
            line=span.line - 1 if span is not None and on_page else None,
        )

    def entry(self, pointer: str, label: str | None = None) -> Entry:
        value = _resolve(self.document, pointer)
        highlight = self.highlights.get(pointer)
        row = self.no_value.get(pointer)
        if highlight is not None:
            target: str | None = highlight.ident
        else:
            target = None if row is None else f"L{row + 1}"
        return Entry(
            label=label or pointer.rsplit("/", 1)[1],
            value=_shown(value),
            target=target,
            missing=value is None or value == [],
        )

    def entries(self, prefix: str, names: Sequence[str]) -> list[Entry]:
        return [self.entry(f"{prefix}/{name}", name) for name in names]

    def lines(self) -> list[Line]:
        view = self.view
        texts = list(view.document.lines)
        pieces = line_pieces(texts, sorted(self.highlights.values(), key=_place))
        lines = [
            Line(number=i + 1, origin=view.origin_line(i), pieces=p) for i, p in enumerate(pieces)
        ]
        for note in self.notes:
            if note.line is not None:
                lines[note.line].notes.append(note)
        for pointer, index in self.no_value.items():
            lines[index].no_value = pointer
        return lines


def _place(highlight: Highlight) -> tuple[int, int]:
    return highlight.line, highlight.column


_TITLE_FIELDS = ("form", "amendment_number", "event_date", "previously_filed_13g")
_13G_FIELDS = ("rule_designations", "item3_person_types")
# A reporting person's fields as the record shows them, in the form's row order (the row table,
# compiler/schema.py): row 1 with the number filed after the name, row 2 as its two boxes.
_PERSON_FIELDS = tuple(
    field
    for row in ROWS
    for field in (
        (row.field, "identification_number")
        if row.kind is ValueKind.NAME
        else (f"{row.field}/a", f"{row.field}/b")
        if row.kind is ValueKind.GROUP_BOXES
        else (row.field,)
        if row.field
        else ()
    )
)
_PERSON_EXTRAS = ("citizenship_code", "cik")
_TX_FIELDS = ("date", "shares", "price", "currency", "person", "note")
_ANNEX_FIELDS = ("name", "position", "section", "citizenship")
_SIGNATURE_FIELDS = ("entity", "signer", "title", "date")


def _panel(page: _Page) -> dict[str, Any]:
    document = page.document
    title = page.entries("", _TITLE_FIELDS)
    title += [page.entry("/issuer/name", "issuer"), page.entry("/security/title", "security")]
    title += [
        page.entry(f"/security/cusips/{i}", "CUSIP")
        for i in range(len(document["security"]["cusips"]))
    ]
    # A 13G's own title-page and Item 3 facts, where it has them.
    title += [page.entry(f"/{name}") for name in _13G_FIELDS if document.get(name)]
    title += [
        page.entry(f"/notice_persons/{i}/name", "notice person")
        for i in range(len(document.get("notice_persons", [])))
    ]
    return {
        "title": title,
        "persons": [
            page.entries(f"/reporting_persons/{i}", _PERSON_FIELDS)
            # What an XML filing gives beside the rows, with its place: the code of the place
            # and the CIK (the record leads to every highlight).
            + [
                page.entry(f"/reporting_persons/{i}/{name}", name)
                for name in _PERSON_EXTRAS
                if f"/reporting_persons/{i}/{name}" in page.highlights
            ]
            for i in range(len(document["reporting_persons"]))
        ],
        "transactions": [
            page.entries(f"/transactions/{i}", _TX_FIELDS)
            for i in range(len(document["transactions"]))
        ],
        "annexes": [
            (
                page.entry(f"/annexes/{a}/title", "annex"),
                [
                    page.entries(f"/annexes/{a}/persons/{i}", _ANNEX_FIELDS)
                    for i in range(len(annex["persons"]))
                ],
            )
            for a, annex in enumerate(document["annexes"])
        ],
        "signatures": [
            page.entries(f"/signatures/{i}", _SIGNATURE_FIELDS)
            for i in range(len(document["signatures"]))
        ],
        "items": [
            (page.entry(f"/items/{i}/number", "Item"), item["title"])
            for i, item in enumerate(document["items"])
        ],
        "exhibits": [
            entry for i in range(len(document["exhibits"])) for entry in _exhibit_entries(page, i)
        ],
    }


def _exhibit_entries(page: _Page, index: int) -> list[Entry]:
    entries = [page.entry(f"/exhibits/{index}/title", "exhibit")]
    # An XML filing's exhibit text has a place, its element: the record leads to it too.
    if f"/exhibits/{index}/text" in page.highlights:
        entries.append(page.entry(f"/exhibits/{index}/text", "exhibit text"))
    return entries


def _html_source(view: ViewSource) -> list[str]:
    """The file's lines when the filing is HTML (the display lines are converted from them):
    the page shows them too, so that each display line can link to its element's line."""
    document = view.document
    if not document.plain_map.whole_line:
        return []
    return [visible(line) for line in split_lines(document.original)[0]]


@functools.cache
def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(resource_dir("templates")),
        undefined=jinja2.StrictUndefined,
        # The filing is untrusted: every value is escaped unless a template marks it safe.
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )


_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_CSS_SPACE = re.compile(r"\s*([{};,>])\s*|\s+")


@functools.cache
def asset(name: str) -> tuple[str, str]:
    """A stylesheet or script of the templates folder, and its CSP hash source. A stylesheet's
    comments and spaces go (every page carries it, a small filing's page is mostly it)."""
    loader = environment().loader
    assert loader is not None
    text = loader.get_source(environment(), name)[0]
    if name.endswith(".css"):
        text = _CSS_SPACE.sub(_css_space, _CSS_COMMENT.sub("", text)).strip()
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return text, f"'sha256-{digest}'"


def _css_space(match: re.Match[str]) -> str:
    return match.group(1) or " "


def policy(style_hash: str, script_hash: str) -> str:
    """The Content-Security-Policy of a page whose only resources are its inline style and
    script."""
    return (
        f"default-src 'none'; style-src {style_hash}; script-src {script_hash}; "
        "img-src 'none'; base-uri 'none'; form-action 'none'"
    )


def counts(view: ViewSource) -> dict[str, int]:
    """What the header and a batch index count."""
    filing = view.filing
    by_severity = {s: 0 for s in Severity}
    for diagnostic in filing.diagnostics:
        by_severity[diagnostic.severity] += 1
    return {
        "persons": len(filing.reporting_persons),
        "transactions": len(filing.transactions),
        "annex_persons": sum(len(annex.persons) for annex in filing.annexes),
        "signatures": len(filing.signatures),
        "errors": by_severity[Severity.ERROR],
        "warnings": by_severity[Severity.WARNING],
        "infos": by_severity[Severity.INFO],
    }


def render_view(view: ViewSource, *, index_href: str | None = None) -> str:
    """The page of one filing (``index_href``: a link back to a batch's index)."""
    page = _Page(view)
    style, style_hash = asset("view.css")
    script, script_hash = asset("view.js")
    # (The CSP: nothing but this stylesheet and this script, not even images: see the docstring.)
    try:
        text = (
            environment()
            .get_template("view.html.j2")
            .render(
                doc=page.document,
                counts=counts(view),
                highlight_count=len(page.highlights),
                no_value_count=len(page.no_value),
                lines=page.lines(),
                notes=page.notes,
                panel=_panel(page),
                html_source=_html_source(view),
                kinds=KIND_NAMES,
                # Our own files, not the filing's text: written as they are (their CSP hashes).
                style=Markup(style),
                script=Markup(script),
                csp=policy(style_hash, script_hash),
                version=__version__,
                index_href=index_href,
            )
        )
    except (jinja2.TemplateError, TypeError, ValueError, KeyError) as exc:
        raise InternalError(
            f"rendering html failed: {type(exc).__name__}: {exc}", path=view.filing.source.path
        ) from exc
    return text


__all__ = ["KIND_NAMES", "asset", "counts", "environment", "policy", "render_view"]
