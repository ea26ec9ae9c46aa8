"""One date order for a table's numeric dates. "05.12.2003" reads month first (May 12), as US
filers write, unless the table shows it writes day first: a date such as "23.12.2003", whose
first number cannot be a month. One table is one filer's hand, so its other numeric dates are then
read day first too (December 5).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from compiler.frontend.values import DATE_PATTERN
from compiler.ir import Transaction


def _numbers(written: str) -> tuple[int, int, str] | None:
    """A numeric date's first and second numbers and its year, or None for another form."""
    match = DATE_PATTERN.fullmatch(written.strip())
    if match is None or match.lastgroup != "DATE_NUMERIC":
        return None
    separator = next(c for c in match.group() if not c.isdigit())
    first, second, year = match.group().split(separator)
    return int(first), int(second), year


def _day_first(written: str) -> bool:
    numbers = _numbers(written)
    return numbers is not None and numbers[0] > 12 >= numbers[1]


def _read_day_first(written: str, date: dt.date | None) -> dt.date | None:
    numbers = _numbers(written)
    if date is None or numbers is None or numbers[0] > 12 or numbers[1] > 12:
        return date
    try:
        return date.replace(month=numbers[1], day=numbers[0])
    except ValueError:
        return date


def in_one_date_order(transactions: list[Transaction], written: Sequence[str]) -> list[Transaction]:
    """``transactions`` with their numeric dates read day first when one of ``written`` (each
    transaction's date as written) can only be day first; else unchanged."""
    # (Each distinct text once: a table has many rows a day.)
    if not any(_day_first(text) for text in set(written)):
        return transactions
    return [
        dataclasses.replace(tx, date=_read_day_first(text, tx.date))
        for tx, text in zip(transactions, written, strict=True)
    ]
