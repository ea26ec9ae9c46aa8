"""The fixture files of tests/fixtures/: examples as data (values/, cover_rows/, signatures/,
title_pages/, items/, trades/, column_roles/).

Each example is a block in the style of markdown-it-py's spec fixtures: a title line, a line
holding a single ".", the input (one or more lines, taken exactly), a "." line, the expected
output, and a closing "." line. Blank lines separate blocks.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Example:
    family: str
    title: str
    text: str
    expected: str
    line: int  # of the title, for the test id

    @property
    def id(self) -> str:
        return f"{self.family}:{self.line}:{self.title}"


def read_examples(path: Path) -> list[Example]:
    """The blocks of one fixture file: title / "." / input / "." / expected / "."."""
    lines = path.read_text(encoding="utf-8").split("\n")
    examples: list[Example] = []
    index = 0
    while index < len(lines):
        if not lines[index].strip():
            index += 1
            continue
        title, start = lines[index], index + 1
        parts: list[list[str]] = []
        if lines[start] != ".":
            raise ValueError(f"{path.name}:{start + 1}: a '.' line must follow the title")
        cursor = start + 1
        for _ in range(2):
            end = lines.index(".", cursor)
            parts.append(lines[cursor:end])
            cursor = end + 1
        examples.append(
            Example(path.stem, title, "\n".join(parts[0]), "\n".join(parts[1]), index + 1)
        )
        index = cursor
    return examples
