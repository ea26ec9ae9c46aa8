"""Whether an HTML document was cut short: a saved or downloaded filing that stops inside a table,
with neither ``</body>`` nor ``</html>`` after it. lxml closes whatever is open, so the converted
lines cannot show the cut; the HTML source can. A complete document that merely omits its end tags
(old hand-written HTML does) still closes its tables, and is not taken for a cut one.
"""

from __future__ import annotations

import re

_TABLE_TAG = re.compile(r"<(/?)table\b", re.IGNORECASE)
_DOCUMENT_END = re.compile(r"</(?:body|html)\s*>", re.IGNORECASE)


def open_table_at_end(body: list[str], first_line: int) -> int | None:
    """The 1-based line of the ``<table>`` a cut HTML document ends inside (``body[0]`` is line
    ``first_line``), or None when the document ends its body or closes every table."""
    if any(_DOCUMENT_END.search(line) for line in reversed(body)):
        return None
    opened: list[int] = []
    for number, line in enumerate(body, first_line):
        if "<" not in line:
            continue
        for tag in _TABLE_TAG.finditer(line):
            if tag.group(1):
                if opened:
                    opened.pop()
            else:
                opened.append(number)
    return opened[-1] if opened else None
