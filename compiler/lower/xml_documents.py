"""The documents an XML-era filing carries inside itself: ``edgarSubmission/documents``.

A filer-constructed submission may enclose its exhibits in the XML (EDGAR XML Technical
Specification 6.2.1): ``documents/document`` in the common namespace, each with
``conformedName``, ``conformedDocumentType``, an optional ``description`` and ``contents``, the
file MIME-encoded (base64). Each becomes an exhibit of the filing, as another ``<DOCUMENT>`` of a
text submission does: titled by its description (else its type or name), its text the decoded
file -- an HTML file laid out as text lines, as an HTML exhibit of a submission is.

A file that is not text (a PDF, an image) or whose contents do not decode is not read: its
``contents`` element is left to the unknown-element sweep (:meth:`XmlReader.unknown`), which keeps
the text as written with a located diagnostic. Nothing is dropped.
"""

from __future__ import annotations

import base64
import binascii
import contextlib

from lxml import etree

from compiler.frontend.decoding import decode_text
from compiler.ir import Exhibit
from compiler.lower.xml_values import XmlReader, child, children

# What the spec allows enclosing (6.2.1: .pdf, .txt, .htm, .xml); only these are text.
_TEXT_SUFFIXES = (".txt", ".htm", ".html", ".xml")
_HTML_SUFFIXES = (".htm", ".html")


def attached_documents(reader: XmlReader, root: etree._Element) -> list[Exhibit]:
    """One exhibit per ``documents/document`` (see the module docstring)."""
    container = child(root, "documents")
    if container is None:
        return []
    reader.used.add(container)
    exhibits: list[Exhibit] = []
    for document in children(container, "document"):
        reader.used.add(document)
        name = reader.take(child(document, "conformedName"))
        document_type = reader.take(child(document, "conformedDocumentType"))
        description = reader.take(child(document, "description"))
        reader.take(child(document, "confidentiality"))  # a flag for EDGAR, not the exhibit's
        contents = child(document, "contents")
        text = _text_of(contents, name)
        if text is not None:
            reader.used.add(contents)  # type: ignore[arg-type]
        span = reader.span(contents)
        exhibits.append(
            Exhibit(
                title=description or document_type or name,
                document_type=document_type,
                text=text or "",
                spans={"text": span} if span is not None and text is not None else {},
            )
        )
    return exhibits


def _text_of(contents: etree._Element | None, name: str | None) -> str | None:
    """The decoded text of a text file's ``contents``; None for a file that is not text or does
    not decode."""
    if contents is None:
        return None
    lowered = (name or "").lower()
    if not lowered.endswith(_TEXT_SUFFIXES):
        return None
    encoded = "".join("".join(contents.itertext()).split())
    try:
        data = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        return None
    if b"\x00" in data:
        return None  # binary, whatever its name says
    text = decode_text(data)[0].replace("\r\n", "\n").replace("\r", "\n")
    if lowered.endswith(_HTML_SUFFIXES):
        from compiler.frontend.html_text import HtmlError, convert_html

        # An HTML file is kept as its text; one that cannot be read stays as it is.
        with contextlib.suppress(HtmlError):
            text = "\n".join(convert_html(text).lines)
    return text.strip("\n")


__all__ = ["attached_documents"]
