"""13dc: a compiler for legacy plain-text SEC Schedule 13D filings.

The stages are public functions (see docs/architecture.md in the shared docs):

    read_source(bytes) -> Document -> parse -> lark.Tree -> lower -> Filing -> check -> render

:func:`compile_filing` only chains them. Imports are lazy so that ``13dc --version`` stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from compiler.frontend.source import Document
    from compiler.ir import Filing


def compile_filing(data: bytes, path: str = "<input>") -> Filing:
    """Compile the bytes of one filing into its IR, diagnostics included.

    Raises :class:`compiler.errors.CompilerError` (never anything else on purpose) when the input
    cannot be compiled at all.
    """
    from compiler.frontend.source import read_source

    return compile_document(read_source(data, path))


def compile_document(document: Document) -> Filing:
    """Compile a document :func:`~compiler.frontend.source.read_source` made: a text or HTML one
    through the grammar, an XML-era one (EDGAR's Schedule 13D/13G XML) through its element tree;
    both into the same IR, checked by the same checks."""
    import dataclasses

    if document.format == "xml":
        from compiler.frontend.xml_source import read_xml

        # Parsed before the lowering and checks are imported: XML that is refused (malformed,
        # an entity bomb, another schema) is refused without loading them.
        source = read_xml(document)

        from compiler.checks import check
        from compiler.lower.xml_filing import lower_xml

        return check(lower_xml(source))

    from compiler.checks import check
    from compiler.frontend.parser import parse
    from compiler.lower import lower

    tree = parse(document)
    # The tree's line tokens now hold every line's text, and the lowering reads it from them
    # (tests/test_lower_memory.py): the document's own copy goes, so that the text is held once
    # while the filing is lowered, when a compilation's memory peaks.
    document = dataclasses.replace(document, lines=())
    filing = lower(tree, document)
    return check(filing)


__all__ = ["__version__", "compile_document", "compile_filing"]
