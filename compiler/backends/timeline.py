"""The terminal timeline of ``13dc history``: one block per chain, one line per filing.

Plain text with fixed columns (date, form, amendment, shares, percent, change, notes), so that it
reads in a terminal, pipes into ``grep`` and diffs in a test. "Not reported" is written ``n/r`` and
never as 0; a change against a filing that did not report is ``n/r`` too.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from itertools import groupby

from compiler.batch.history import Position

NOT_REPORTED = "n/r"
_HEADER = (
    f"{'date':<10}  {'form':<8}  {'amend':>5}  {'shares':>14}  {'percent':>8}  "
    f"{'change':>14}  {'pp':>8}  notes"
)


def _shares(value: int | None, *, sign: bool = False) -> str:
    if value is None:
        return NOT_REPORTED
    return f"{value:+,}" if sign and value else f"{value:,}"  # no sign on an unchanged 0


def _percent(value: Decimal | None, *, sign: bool = False) -> str:
    if value is None:
        return NOT_REPORTED
    # Four places in the database; the trailing zeros the filing did not write are dropped.
    text = f"{value.normalize():f}" if value != 0 else "0"
    return f"+{text}" if sign and value > 0 else text


def _notes(position: Position) -> str:
    notes: list[str] = []
    if position.change_kind == "exit":
        notes.append("exit")
    if position.form_switch:
        notes.append(f"switch {position.form_switch}")
    if position.amendment_issue:
        notes.append(f"amendment {position.amendment_issue.replace('_', ' ')}")
    if position.event_date is None and position.filed_date is not None:
        notes.append("filing date (no event date)")
    if position.link_method == "name_cusip":
        notes.append("linked by name+CUSIP")
    return "; ".join(notes)


def line(position: Position) -> str:
    """One filing of a chain."""
    date = position.date.isoformat() if position.date else "undated"
    amendment = "" if position.amendment_number is None else str(position.amendment_number)
    first = position.change_kind == "first"
    change = "" if first else _shares(position.shares_change, sign=True)
    points = "" if first else _percent(position.percent_change, sign=True)
    text = (
        f"{date:<10}  {position.form or '?':<8}  {amendment:>5}  {_shares(position.shares):>14}  "
        f"{_percent(position.percent):>8}  {change:>14}  {points:>8}  {_notes(position)}"
    )
    return text.rstrip()


def chain_title(chain: Sequence[Position]) -> str:
    last = chain[-1]
    holder = last.holder_name or "(no name)"
    issuer = last.issuer_name or "(issuer not named)"
    cusip = f" (CUSIP {last.cusip})" if last.cusip else ""
    count = f"{len(chain)} filing" + ("s" if len(chain) != 1 else "")
    return f"{holder} in {issuer}{cusip}: {count}"


def render_timeline(positions: Iterable[Position]) -> str:
    """Every chain in the order given, a blank line between chains."""
    blocks: list[str] = []
    for _, group in groupby(positions, key=lambda p: p.chain_key):
        chain = list(group)
        blocks.append("\n".join([chain_title(chain), _HEADER, *(line(p) for p in chain)]))
    return "\n\n".join(blocks) + ("\n" if blocks else "")


__all__ = ["NOT_REPORTED", "chain_title", "line", "render_timeline"]
