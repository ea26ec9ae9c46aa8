"""``--ignore CODE``, the same on every command, checked against the registry of diagnostic
codes.

(Kept apart from app.py, which is about running the commands; nothing heavy is imported here.)
"""

from __future__ import annotations

from typing import Annotated

import typer

from compiler.cli.common import ExitCode
from compiler.cli.format import printable


def _known_codes(value: list[str] | None) -> list[str] | None:
    """--ignore's check: a misspelt code would silence nothing, so it is a usage error (exit 2)."""
    from compiler.diagnostic_codes import unknown

    if bad := unknown(value or []):
        message = (
            f"13dc: error: --ignore {', '.join(bad)}: no such diagnostic code (see 13dc codes)"
        )
        typer.echo(printable(message), err=True)
        raise typer.Exit(ExitCode.FAILED)
    return value


# --ignore, the same on both commands; codes are matched case-insensitively.
IgnoreOption = Annotated[
    list[str] | None,
    typer.Option(
        "--ignore",
        metavar="CODE",
        help="Silence a diagnostic code (repeatable), e.g. --ignore PAGE-SEQUENCE; "
        "[bold]13dc codes[/bold] lists them.",
        callback=_known_codes,
        show_default=False,
    ),
]
