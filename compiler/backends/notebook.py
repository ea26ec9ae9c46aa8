"""How a filing shows itself: a one-line ``repr`` and the HTML a notebook displays.

The dataclass ``repr`` of a :class:`compiler.ir.Filing` prints every span of every value (tens of
kilobytes for one filing); this one names the filing and counts what it holds, so that a list of
filings stays readable. The HTML shows the title page, the reporting persons' cover rows and the
diagnostics; every text from the filing is HTML-escaped (a filing is untrusted input).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from typing import TYPE_CHECKING

from compiler.schema import ROWS, CoverRow, ValueKind

if TYPE_CHECKING:
    from compiler.ir import Filing

# The rows shown, in form order (compiler/schema.py): the name, the place and the numbers.
_SHOWN = (
    ValueKind.NAME,
    ValueKind.PLACE,
    ValueKind.SHARES,
    ValueKind.PERCENT,
    ValueKind.TYPE_CODES,
)
_ROWS = tuple(row for row in ROWS if row.kind in _SHOWN)
_PERSON_COLUMNS = ("#", *(row.label for row in _ROWS))
_NAME_LIMIT = 40  # characters of the issuer's name in the repr


def _short(text: str | None, limit: int) -> str | None:
    if text is None or len(text) <= limit:
        return text
    return text[: limit - 1] + "…"


def filing_repr(filing: Filing) -> str:
    """``<Filing SC 13D/A 8X8 INC cusip=282912104 event=2003-12-23 persons=1 ...>``."""
    cusips = filing.security.cusips
    parts = [
        filing.form,
        repr(_short(filing.issuer.name, _NAME_LIMIT)),
        f"cusip={cusips[0] if cusips else None}",
        f"event={filing.event_date.isoformat() if filing.event_date else None}",
        f"persons={len(filing.reporting_persons)}",
        f"transactions={len(filing.transactions)}",
        f"diagnostics={len(filing.diagnostics)}",
        f"source={_short(filing.source.path, 60)!r}",
    ]
    return f"<Filing {' '.join(parts)}>"


def _cell(value: object) -> str:
    if value is None:
        return '<td style="color:#888">—</td>'
    if isinstance(value, int) and not isinstance(value, bool):
        return f'<td style="text-align:right">{value:,}</td>'
    return f'<td style="text-align:left">{escape(str(value))}</td>'


def _table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    head = "".join(f"<th>{escape(name)}</th>" for name in header)
    body = "".join("<tr>" + "".join(_cell(v) for v in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _shown_value(row: CoverRow, value: object) -> object:
    if row.kind is ValueKind.PERCENT and value is not None:
        return f"{value}%"
    if row.kind is ValueKind.TYPE_CODES and isinstance(value, tuple):
        return ";".join(code.value for code in value) or None
    return value


def filing_html(filing: Filing) -> str:
    """The title page, the persons table and the diagnostics, as an HTML fragment."""
    # The title page as field: value rows, which a long security title does not stretch.
    title = _table(
        ("title page", ""),
        [
            ("form", filing.form),
            (
                "amendment",
                None if filing.amendment_number is None else str(filing.amendment_number),
            ),
            ("issuer", filing.issuer.name),
            ("security", filing.security.title),
            ("CUSIP", " ".join(filing.security.cusips) or None),
            ("event date", filing.event_date.isoformat() if filing.event_date else None),
            ("source", filing.source.path),
        ],
    )
    persons = _table(
        _PERSON_COLUMNS,
        [
            (index, *(_shown_value(row, getattr(p, row.field)) for row in _ROWS))
            for index, p in enumerate(filing.reporting_persons, start=1)
        ],
    )
    diagnostics = _table(
        ("line", "severity", "code", "message"),
        [
            (d.span.line if d.span else None, d.severity.value, d.code, d.message)
            for d in filing.diagnostics
        ],
    )
    counts = (
        f"{len(filing.items)} items, {len(filing.transactions)} transactions, "
        f"{sum(len(a.persons) for a in filing.annexes)} annex persons"
    )
    return (
        f"<div><h4>{escape(filing.form)}: {escape(filing.issuer.name or '(no issuer)')}</h4>"
        f"{title}<h4>Reporting persons ({len(filing.reporting_persons)})</h4>{persons}"
        f"<p>{counts}</p>"
        f"<h4>Diagnostics ({len(filing.diagnostics)})</h4>{diagnostics}</div>"
    )


__all__ = ["filing_html", "filing_repr"]
