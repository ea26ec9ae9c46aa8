"""The SEC-HEADER of an EDGAR submission: its ``KEY:<tab>value`` lines as (key, value) fields.

Header keys: a field nested in blocks (``SUBJECT COMPANY:`` / ``COMPANY DATA:`` / ...) is keyed
by the path of its blocks joined with ``/``, e.g.
``"SUBJECT COMPANY/COMPANY DATA/COMPANY CONFORMED NAME"`` (the full path, because
``BUSINESS ADDRESS/STREET 1`` and ``MAIL ADDRESS/STREET 1`` would otherwise collide). Nesting
follows indentation. Top-level fields keep their plain key (``"ACCESSION NUMBER"``), repeated
fields repeat (``"GROUP MEMBERS"``), a valueless field with nothing nested under it is kept with
``""``, and a tag line such as ``<ACCEPTANCE-DATETIME>20041208163212`` gives
``("ACCEPTANCE-DATETIME", "20041208163212")`` (``.hdr.sgml``-style ``<TAG>`` blocks nest the
same way).
"""

from __future__ import annotations

import re

# A wrapper or header tag line: "<TEXT>", "</DOCUMENT>", "<ACCEPTANCE-DATETIME>20041208163212".
TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)>(.*)")
_FIELD = re.compile(r"([ \t]*)([^\s:<][^\t:]*):[ \t]*(.*)")


def parse_header(lines: list[str]) -> list[tuple[str, str]]:
    """``KEY:<tab>value`` lines, nested by indentation; see the module docstring for the keys."""
    fields: list[tuple[str, str]] = []
    blocks: list[tuple[int, str]] = []  # (indent width, key) of the open blocks
    pending: tuple[int, str] | None = None  # a valueless key: a block, or an empty field
    tags: list[str] = []  # open <TAG> blocks of .hdr.sgml-style headers
    for line in lines:
        stripped = line.strip()
        tag = TAG.match(stripped) if stripped.startswith("<") else None
        if tag:
            closing, name, value = tag.group(1), tag.group(2).upper(), tag.group(3).strip()
            if closing:
                if name in tags:
                    del tags[tags.index(name) :]
            elif value:
                fields.append(("/".join([*tags, name]), value))
            else:
                tags.append(name)
            continue
        match = _FIELD.fullmatch(line)
        if not match:
            continue
        width = len(match.group(1).expandtabs(8))
        key, value = match.group(2).strip(), match.group(3).strip()
        if pending and width <= pending[0]:
            fields.append((pending[1], ""))
        pending = None
        while blocks and blocks[-1][0] >= width:
            blocks.pop()
        full = "/".join([*tags, *(name for _, name in blocks), key])
        if value:
            fields.append((full, value))
        else:
            blocks.append((width, key))
            pending = (width, full)
    if pending:
        fields.append((pending[1], ""))
    return fields


__all__ = ["TAG", "parse_header"]
