"""The 13dc command line: the Typer app (app.py), its help texts and its output formatting.

``13dc history`` (history.py) is registered on the app here rather than in app.py, which is
about compiling; any import of ``compiler.cli.app`` runs this first, so the app always has it.
"""

from compiler.cli import app as _commands
from compiler.cli.app import main
from compiler.cli.history import HISTORY_EPILOG, history_command

_commands.app.command("history", epilog=HISTORY_EPILOG)(history_command)

__all__ = ["main"]
