"""The 13dc command line: the Typer app (app.py), its help texts and its output formatting.
``13dc --version`` is answered here, before Typer (and Click) are imported.
"""

from __future__ import annotations

import sys


def main() -> None:
    """Console-script entry point. ``13dc --version`` is answered before Typer (and Click) are
    imported: they take most of the time of a bare start-up, and the version needs neither."""
    if sys.argv[1:] == ["--version"]:
        from compiler import __version__

        sys.stdout.write(f"13dc {__version__}\n")
        return
    from compiler.cli.app import main as run

    run()


__all__ = ["main"]
