"""13dc: a compiler for legacy plain-text SEC Schedule 13D filings.

The stages are public functions (see docs/architecture.md in the shared docs):

    read_source(bytes) -> Document -> parse -> lark.Tree -> lower -> Filing -> check -> render

:func:`compile_filing` only chains them. Imports are lazy so that ``13dc --version`` stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from compiler.ir import Filing


def compile_filing(data: bytes, path: str = "<input>") -> Filing:
    """Compile the bytes of one filing into its IR, diagnostics included.

    Raises :class:`compiler.errors.CompilerError` (never anything else on purpose) when the input
    cannot be compiled at all.
    """
    import dataclasses

    from compiler.acceptance import accept
    from compiler.checks import check
    from compiler.frontend.parser import parse
    from compiler.frontend.source import read_source
    from compiler.lower import lower

    document = read_source(data, path)
    tree = parse(document)
    # The tree's line tokens now hold every line's text, and the lowering reads it from them
    # (tests/test_lower_memory.py): the document's own copy goes, so that the text is held once
    # while the filing is lowered, when a compilation's memory peaks.
    document = dataclasses.replace(document, lines=())
    filing = accept(lower(tree, document))
    return check(filing)


__all__ = ["__version__", "compile_filing"]
