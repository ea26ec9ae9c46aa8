"""Bytes to text: what a filing's bytes are refused for (empty, binary, UTF-16), and the codec
they are decoded with (UTF-8, else Windows-1252, else Latin-1, which maps every byte).

Kept apart from :mod:`compiler.frontend.source`, which decides which lines of the text are the
document (EDGAR unwrapping, HTML and XML detection).
"""

from __future__ import annotations

import re

from compiler.errors import InputError
from compiler.frontend.line_map import split_lines

# Bytes a text filing holds next to none of (all C0 controls but tab, newline, CR, form feed).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r\f") + b"\x7f"


def decoded_lines(data: bytes, path: str) -> tuple[list[str], list[str], str]:
    """The lines of ``data`` (see :func:`compiler.frontend.line_map.split_lines`), their endings
    and the
    encoding; the decoded text is dropped here, the lines are the one copy of it kept."""
    text, encoding = decode(data, path)
    raw, endings = split_lines(text)
    return raw, endings, encoding


def decode(data: bytes, path: str) -> tuple[str, str]:
    if not data:
        raise InputError("empty file", path=path)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("UTF-16 text: save the filing as UTF-8 or ASCII", path=path)
    if b"\x00" in data:
        if _looks_utf16(data):
            raise InputError(
                "UTF-16 text without a byte-order mark: save the filing as UTF-8 or ASCII",
                path=path,
            )
        raise InputError("binary file (NUL bytes), not a text filing", path=path)
    # bytes.translate runs in C: counting control bytes stays linear and cheap.
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    if controls * 50 > len(data):  # more than 2%: real filings have next to none
        raise InputError("binary file (control characters), not a text filing", path=path)
    text, encoding = decode_text(data.removeprefix(b"\xef\xbb\xbf"))
    if not text.strip():
        raise InputError("file holds only whitespace", path=path)
    return text, encoding


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 without a byte-order mark: text whose every other byte is NUL. Over the first KiB,
    nine in ten of the even (big-endian) or odd (little-endian) bytes are NUL and almost none of
    the others are; a binary file has NULs in both halves or in neither."""
    window = data[:1024]
    if len(window) < 4:
        return False
    even, odd = window[0::2], window[1::2]
    for zeros, others in ((even, odd), (odd, even)):
        if zeros.count(0) * 10 >= len(zeros) * 9 and others.count(0) * 20 <= len(others):
            return True
    return False


def decode_text(body: bytes) -> tuple[str, str]:
    for encoding in ("utf-8", "cp1252"):
        try:
            return body.decode(encoding), encoding
        except UnicodeDecodeError:
            pass
    return body.decode("latin-1"), "latin-1"  # maps every byte: the last resort never fails


# An XML declaration's encoding ("<?xml version="1.0" encoding="ISO-8859-1"?>").
_DECLARED = re.compile(r"<\?xml\b[^>]*\bencoding\s*=\s*[\"']([\w.:-]+)[\"']", re.IGNORECASE)


def xml_lines(lines: list[str], encoding: str) -> list[str]:
    """The lines of an XML document decoded as XML decodes them. A file is decoded as a whole:
    one byte outside UTF-8 anywhere (an exhibit of the EDGAR .txt in Latin-1) makes all of it
    Windows-1252, and the XML document, UTF-8 unless its declaration says otherwise, would read
    "SociÃ©tÃ©". Its own bytes are decoded as UTF-8 again where they are UTF-8."""
    if encoding == "utf-8":
        return lines
    declared = _DECLARED.search("\n".join(lines[:5]))
    if declared and declared.group(1).lower().replace("_", "-") not in ("utf-8", "utf8"):
        return lines  # (as declared: the file's own decoding honours it)
    try:
        text = "\n".join(lines).encode(encoding).decode("utf-8")
    except UnicodeError:
        return lines  # not UTF-8 bytes either: as the file was decoded
    return text.split("\n")
