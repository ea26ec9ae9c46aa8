"""Whether an HTML document was cut short: a saved or downloaded filing that stops inside a table,
with neither ``</body>`` nor ``</html>`` after it. lxml closes whatever is open, so the converted
lines cannot show the cut; the HTML source can. A complete document that merely omits its end tags
(old hand-written HTML does) still closes its tables, and is not taken for a cut one. Comments,
scripts and styles are no markup here: a commented-out table says nothing about the document.
"""

from __future__ import annotations

import re

_TABLE_TAG = re.compile(r"<(/?)table(?=[\s>/])", re.IGNORECASE)
_TAIL = 4096
_DOCUMENT_END = re.compile(r"</(?:body|html)\s*>", re.IGNORECASE)
_NOT_MARKUP = re.compile(
    r"<!--.*?(?:-->|\Z)|<(script|style)\b.*?(?:</\1\s*>|\Z)", re.IGNORECASE | re.DOTALL
)


def _keep_newlines(match: re.Match[str]) -> str:
    return "\n" * match.group().count("\n")


def open_table_at_end(body: list[str], first_line: int) -> int | None:
    """The 1-based line of the ``<table>`` a cut HTML document ends inside (``body[0]`` is line
    ``first_line``), or None when the document ends its body or closes every table."""
    text = "\n".join(body)
    # Most documents end their body near the end of the file: look there first.
    if "<" not in text or _DOCUMENT_END.search(_NOT_MARKUP.sub("", text[-_TAIL:])):
        return None
    markup = _NOT_MARKUP.sub(_keep_newlines, text)
    if _DOCUMENT_END.search(markup):
        return None
    opened: list[int] = []
    for tag in _TABLE_TAG.finditer(markup):
        if tag.group(1):
            if opened:
                opened.pop()
        else:
            opened.append(tag.start())
    return first_line + markup.count("\n", 0, opened[-1]) if opened else None
