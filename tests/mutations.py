"""Mutated filings: the odd input a real archive holds (lines lost, doubled, swapped or joined,
stray EDGAR tags, a cut, a changed character), made from real filings by a seeded generator.

Used by the hypothesis property of tests/end_to_end/test_mutated_roundtrip.py (a few hundred
inputs in the default run) and by tests/fuzz.py (100,000 and more, on demand).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

TESTS = Path(__file__).resolve().parent
SHARED_CORPUS = TESTS.parent.parent / "shared" / "corpus"

# Lines that a filing's text may meet in the wild, wrappers and layout marks among them.
STRAY_LINES = (
    b"</TEXT>",
    b"<TEXT>",
    b"<TYPE>SC 13D",
    b"</DOCUMENT>",
    b"<PAGE>",
    b"\x0c",
    b"<TABLE>",
    b"</TABLE>",
    b"<S>             <C>",
    b"SIGNATURE",
    b"Item 5.  Interest in Securities of the Issuer.",
    b"CUSIP No. 282912104                13D                   Page 3 of 9",
    b"-" * 78,
    b"",
)
ODD_CHARACTERS = ("\t", " ", "\u00a0", "\u2014", "é", "*", "$", "%", "(", ")", ":", "0", "9", "x")


def corpus_files() -> list[Path]:
    """The plain-text and HTML filings the mutations start from: the fixtures, and the shared
    corpus where it is beside the repository. (Not the xml/ fixtures, an EDGAR .txt around XML
    included: read from their element tree, they have no line tree to rebuild the file from.)"""
    roots = [TESTS / "fixtures", *(SHARED_CORPUS / n for n in ("seed", "authored", "13g", "html"))]
    seen: dict[str, Path] = {}
    for root in roots:
        if root.is_dir():
            for path in sorted(root.rglob("*")):
                if path.suffix in {".txt", ".htm", ".html"} and not {"partial", "xml"} & set(
                    path.relative_to(root).parts
                ):
                    seen.setdefault(path.name, path)
    return list(seen.values())


Mutation = Callable[[list[bytes], random.Random], list[bytes]]


def _delete(lines: list[bytes], rng: random.Random) -> list[bytes]:
    at = rng.randrange(len(lines))
    return lines[:at] + lines[at + 1 :]


def _duplicate(lines: list[bytes], rng: random.Random) -> list[bytes]:
    at = rng.randrange(len(lines))
    return lines[: at + 1] + lines[at:]


def _swap(lines: list[bytes], rng: random.Random) -> list[bytes]:
    if len(lines) < 2:
        return lines
    at = rng.randrange(len(lines) - 1)
    return [*lines[:at], lines[at + 1], lines[at], *lines[at + 2 :]]


def _move(lines: list[bytes], rng: random.Random) -> list[bytes]:
    line = lines[rng.randrange(len(lines))]
    at = rng.randrange(len(lines) + 1)
    return [*lines[:at], line, *lines[at:]]


def _stray(lines: list[bytes], rng: random.Random) -> list[bytes]:
    at = rng.randrange(len(lines) + 1)
    ending = b"\r\n" if lines and lines[0].endswith(b"\r\n") else b"\n"
    return [*lines[:at], rng.choice(STRAY_LINES) + ending, *lines[at:]]


def _character(lines: list[bytes], rng: random.Random) -> list[bytes]:
    at = rng.randrange(len(lines))
    line = lines[at]
    if not line.strip():
        return lines
    column = rng.randrange(len(line.rstrip(b"\r\n")) or 1)
    new = rng.choice(ODD_CHARACTERS).encode("utf-8")
    keep = 0 if rng.random() < 0.5 else 1  # insert, or replace
    return [*lines[:at], line[:column] + new + line[column + keep :], *lines[at + 1 :]]


def _join(lines: list[bytes], rng: random.Random) -> list[bytes]:
    if len(lines) < 2:
        return lines
    at = rng.randrange(len(lines) - 1)
    return [*lines[:at], lines[at].rstrip(b"\r\n") + b" " + lines[at + 1], *lines[at + 2 :]]


def _cut(lines: list[bytes], rng: random.Random) -> list[bytes]:
    data = b"".join(lines)
    cut = data[: rng.randrange(1, len(data) + 1)]
    return cut.splitlines(keepends=True)


def _case(lines: list[bytes], rng: random.Random) -> list[bytes]:
    at = rng.randrange(len(lines))
    line = lines[at]
    return [*lines[:at], line.upper() if rng.random() < 0.5 else line.lower(), *lines[at + 1 :]]


def _indent(lines: list[bytes], rng: random.Random) -> list[bytes]:
    at = rng.randrange(len(lines))
    pad = rng.choice((b"\t", b"    ", b"                    "))
    return [*lines[:at], pad + lines[at], *lines[at + 1 :]]


MUTATIONS: tuple[Mutation, ...] = (
    _delete,
    _duplicate,
    _swap,
    _move,
    _stray,
    _character,
    _join,
    _cut,
    _case,
    _indent,
)


def mutate(data: bytes, rng: random.Random, count: int) -> bytes:
    """``data`` with ``count`` mutations drawn by ``rng`` (one filing, the same bytes each time
    for the same seed)."""
    lines = data.splitlines(keepends=True)
    for _ in range(count):
        if not lines:
            break
        lines = rng.choice(MUTATIONS)(lines, rng)
    return b"".join(lines)
