"""The ``13dc`` command's entry point, kept outside the ``compiler`` package on purpose.

13dc's import name is ``compiler``, and a user's own folder or ``compiler.py`` earlier on the
Python path (the current directory with ``python -m``, ``PYTHONPATH``) hides it. An entry point
inside the package could not even start then: ``from compiler.cli import main`` would fail with an
ImportError about ``compiler.cli``. This module imports ``compiler`` first and, when it is not
13dc's (it lacks ``IS_13DC``), says so in one line and exits 2.
"""

from __future__ import annotations

import sys

EXIT_FAILED = 2


def _origin(module: object) -> str:
    file = getattr(module, "__file__", None)
    if file:
        return str(file)
    path = getattr(module, "__path__", None)
    return ", ".join(path) if path else "an unknown place"


def foreign_compiler() -> str | None:
    """The one-line error when the importable ``compiler`` is not 13dc's, else None."""
    try:
        import compiler
    except ImportError as exc:
        return f"13dc: error: cannot import 13dc's package 'compiler': {exc}"
    if getattr(compiler, "IS_13DC", False) is True:
        return None
    return (
        f"13dc: error: the module 'compiler' imported from {_origin(compiler)} is not 13dc's: "
        "a folder or file of that name earlier on the Python path hides it; rename it, or run "
        "13dc from another directory"
    )


def main() -> None:
    """The console script (``13dc = "_13dc:main"``)."""
    error = foreign_compiler()
    if error is not None:
        print(error, file=sys.stderr)
        sys.exit(EXIT_FAILED)
    from compiler.cli import main as cli_main

    cli_main()
