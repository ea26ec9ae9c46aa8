"""The lowering makes a trade row's Transaction with ir.new_transaction (its slots set directly,
as new_span sets a Span's): the result must be the Transaction the dataclass makes, every field
set, and a field added to Transaction must not be left unset by it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import pickle
from decimal import Decimal

from compiler.ir import LineSpans, Span, TradeSide, Transaction, new_span, new_transaction


def test_new_transaction_is_the_dataclass_s() -> None:
    values = {
        "date": dt.date(2003, 12, 24),
        "shares": 167_500,
        "price": Decimal("4.70"),
        "currency": "USD",
        "person": "STMicroelectronics N.V.",
        "note": "open market",
        "side": TradeSide.SOLD,
        "spans": LineSpans(300, ("date",), (6, 16)),
    }
    assert [field.name for field in dataclasses.fields(Transaction)] == list(values)
    made = new_transaction(*values.values())
    assert made == Transaction(**values)  # type: ignore[arg-type]
    assert {name: getattr(made, name) for name in values} == values
    assert pickle.loads(pickle.dumps(made)) == made


def test_new_span_is_the_dataclass_s() -> None:
    assert new_span(3, 1, 4, 2) == Span(line=3, column=1, end_line=4, end_column=2)
