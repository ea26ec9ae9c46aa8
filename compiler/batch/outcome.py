"""What a worker returns for one filing: its status and its serialized rows, in input order."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from compiler.backends.tables import Status


@dataclass(frozen=True, slots=True)
class Outcome:
    seq: int
    name: str
    status: Status
    size: int  # bytes of input
    payload: Mapping[str, str]  # table name (or "jsonl") -> serialized rows
    message: str | None = None  # the one stderr line of a failed filing
