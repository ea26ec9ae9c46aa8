"""13dc: a compiler for legacy SEC Schedule 13D and 13G filings.

From Python (``pip install '13dc[pandas]'`` for the DataFrames)::

    from compiler import compile_path

    filing = compile_path("examples/seed-8x8-13da.txt")   # the typed IR, compiler.ir.Filing
    filing.tables()["persons"]      # the six database tables as typed pandas DataFrames
    filing.to_dict()                # the JSON document (13dc compile --to json) as Python values
    for filing in compile_many(["filings/"], jobs=2): ...   # many, in input order

:func:`compile_bytes` compiles bytes in memory. The import name is ``compiler``: a folder or module
of your own named ``compiler`` on ``sys.path`` (the notebook's directory, say) hides this package;
``compiler.__file__`` shows which one was imported.

The stages are public functions too, each documented where it is defined (see
docs/architecture.md in the shared docs); :func:`compile_filing` only chains the first four::

    from compiler.frontend.source import read_source   # bytes -> Document (decoding, EDGAR, HTML)
    from compiler.frontend.parser import parse         # Document -> lark.Tree (the LALR grammar)
    from compiler.lower import lower                   # (tree, Document) -> Filing (the typed IR)
    from compiler.checks import check                  # Filing -> Filing with its diagnostics
    from compiler.backends.render import render        # (Filing, OutputFormat) -> str

They are not re-exported here: ``compiler.lower`` is the package of the lowering, so a function of
that name here would be replaced by the package as soon as it is imported. Every name of this
module is imported on first use, so that ``import compiler`` and ``13dc --version`` stay fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# Marks this package as 13dc's, for the CLI's check that no other "compiler" shadows it.
IS_13DC = True

if TYPE_CHECKING:
    from compiler.api import compile_bytes, compile_many, compile_path
    from compiler.frontend.source import Document
    from compiler.ir import Filing

# Public name -> the module that defines it, imported when the name is first used.
_LAZY = {
    "compile_bytes": "compiler.api",
    "compile_many": "compiler.api",
    "compile_path": "compiler.api",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'compiler' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


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

        from compiler.acceptance import accept
        from compiler.checks import check
        from compiler.lower.xml_filing import lower_xml

        # The same rule as for a text filing: an edgarSubmission that holds no issuer, person
        # or Item (an empty root, a cut-down stub) is not a filing, not one of zero persons.
        return check(accept(lower_xml(source)))

    from compiler.acceptance import accept
    from compiler.checks import check
    from compiler.frontend.parser import parse
    from compiler.lower import lower

    tree = parse(document)
    # The tree's line tokens now hold every line's text, and the lowering reads it from them
    # (tests/lower/test_lower_memory.py): the document's own copy goes, so that the text is held
    # once while the filing is lowered, when a compilation's memory peaks.
    document = dataclasses.replace(document, lines=())
    filing = accept(lower(tree, document))
    return check(filing)


__all__ = [
    "__version__",
    "compile_bytes",
    "compile_document",
    "compile_filing",
    "compile_many",
    "compile_path",
]
