"""HTML text -> lxml tree, for :mod:`compiler.frontend.html_text`: libxml2's HTML parser in
recover mode, with the source line of elements past the last line libxml2 counts, and an
:class:`HtmlError` for what it cannot read whole."""

from __future__ import annotations

from lxml import etree


class HtmlError(ValueError):
    """HTML that cannot be read whole (the source stage turns it into an InputError)."""


# libxml2 counts HTML source lines in 16 bits: an element further down reports this line.
LAST_COUNTED_LINE = 65535
_CHUNK = 8192  # bytes fed at a time when lines past that one must be found


def parse_html(
    html: str, first_line: int
) -> tuple[etree._Element | None, dict[etree._Element, int]]:
    """The tree, and the source line of each element past libxml2's last counted line."""
    data = html.encode("utf-8", "surrogatepass")
    late_lines: dict[etree._Element, int] = {}
    parser: etree.HTMLParser | etree.HTMLPullParser
    try:
        if data.count(b"\n") < LAST_COUNTED_LINE:
            # huge_tree: without it libxml2 silently drops everything after a text node or
            # attribute of 10 MB (a data: URI image) and below 256 levels of nesting.
            parser = etree.HTMLParser(
                huge_tree=True, remove_comments=True, remove_pis=True, encoding="utf-8"
            )
            root = etree.fromstring(data, parser)
        else:
            # Fed in small chunks, an element's start event tells the chunk, and so about the
            # line, it stands on. (Feeding line by line would be exact, but libxml2's push parser
            # turns quadratic on many tiny feeds.) Only for the rare document that needs it.
            parser = etree.HTMLPullParser(
                events=("start",),
                huge_tree=True,
                remove_comments=True,
                remove_pis=True,
                encoding="utf-8",
            )
            line = 1  # the line the current chunk starts on
            for offset in range(0, len(data), _CHUNK):
                chunk = data[offset : offset + _CHUNK]
                parser.feed(chunk)
                for _, element in parser.read_events():
                    if (element.sourceline or 0) >= LAST_COUNTED_LINE:
                        late_lines[element] = max(line, LAST_COUNTED_LINE)
                line += chunk.count(b"\n")
            root = parser.close()
    except etree.XMLSyntaxError as exc:  # in recover mode, only for a document with no content
        raise HtmlError(f"unreadable HTML: {exc}") from exc
    for entry in parser.error_log:
        if entry.level_name == "FATAL" and "depth" in entry.message.lower():
            raise HtmlError(
                f"HTML elements nested too deeply to read (line {entry.line + first_line - 1})"
            )
    return root, late_lines
