"""The 13dc command line: the Typer app (app.py), its help texts and its output formatting."""

from compiler.cli.app import main

__all__ = ["main"]
