"""Lossless reconstruction: the parse tree -> the exact bytes of the input file.

This is the proof that 13dc loses nothing: every byte of the input is accounted for by the parse
tree. The tree carries it in two places:

- each line token (:class:`compiler.frontend.lexer.LineToken`) holds, besides its normalized
``value``
  (what the grammar and the lowering read: tabs expanded, no line ending, a form feed on a line of
  its own), its ``source``: the text of the file it stands for, exactly as written -- tabs, the
  piece of a line between form feeds, and the line ending (``\\r\\n``, ``\\r``, ``\\n``, or nothing
  on a last line without one). For an HTML document, whose lines are a rendering, a token's source
  is the stretch of HTML source lines from its element up to the next token's;
- the root of the tree holds a :class:`compiler.frontend.source.SourceFrame` in its ``meta``: the
encoding
  the file was decoded with, its byte-order mark, and the text before and after the chosen
  document's lines (an EDGAR submission's header and ``<TEXT>`` tags, its other documents).

``reconstruct(tree)`` concatenates frame and token sources in document order and encodes them
back; the decoding (UTF-8, else cp1252, else latin-1, all strict) is a bijection, so the bytes are
the input's.
"""

from __future__ import annotations

from lark import Token, Tree

from compiler.errors import InternalError
from compiler.frontend.lexer import LineToken
from compiler.frontend.source import SourceFrame

_FRAME_ATTRIBUTE = "source_frame"


def attach_frame(tree: Tree[Token], frame: SourceFrame) -> Tree[Token]:
    """Store ``frame`` on the root of ``tree`` (in its Lark ``meta``) and return the tree."""
    setattr(tree.meta, _FRAME_ATTRIBUTE, frame)
    return tree


def frame_of(tree: Tree[Token]) -> SourceFrame:
    """The :class:`SourceFrame` that :func:`compiler.frontend.parser.parse` stored on the root."""
    frame = getattr(tree.meta, _FRAME_ATTRIBUTE, None)
    if not isinstance(frame, SourceFrame):
        raise InternalError("the parse tree carries no source frame (not made by parse())")
    return frame


def source_text(tree: Tree[Token]) -> str:
    """The decoded input, rebuilt from the tree: prologue, each line token's source, epilogue."""
    frame = frame_of(tree)
    newline = frame.newline
    parts = [frame.prologue]
    for token in tree.scan_values(lambda value: isinstance(value, Token)):
        if not isinstance(token, LineToken):
            raise InternalError(f"line {token.line} of the parse tree carries no source text")
        # None: the line as written is the normalized line and the file's usual line ending
        # (most lines; see Document.line_sources and SourceFrame.newline).
        parts.append(token.value + newline if token.source is None else token.source)
    parts.append(frame.epilogue)
    return "".join(parts)


def reconstruct(tree: Tree[Token]) -> bytes:
    """The input file, byte for byte, from its parse tree alone."""
    frame = frame_of(tree)
    return frame.bom + source_text(tree).encode(frame.encoding)


__all__ = ["attach_frame", "frame_of", "reconstruct", "source_text"]
