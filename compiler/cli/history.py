"""``13dc history DB``: the positions of an issuer's holders, or of one holder, over time.

Kept apart from app.py (which is about compiling); registered on the same Typer app there. DuckDB
and matplotlib are imported only when the command runs, so ``13dc --help`` stays fast.
"""

from __future__ import annotations

from typing import Annotated

import typer

from compiler.cli.common import ExitCode
from compiler.cli.format import printable

HISTORY_EPILOG = """\
[bold]Examples:[/bold]
  13dc compile filings/ --to duckdb -o filings.duckdb
  13dc history filings.duckdb --issuer 282912104    [dim]# a CUSIP, or its first 6[/dim]
  13dc history filings.duckdb --issuer 8x8 --holder stmicro
  13dc history tables/ --holder 'Sable Creek' --plot sable.svg  [dim]# Parquet[/dim]
One block per holder and issuer, one line per filing: date, form, amendment,
shares (row 11), percent (row 13), the changes in shares and in percentage
points, notes (exit, a 13G/13D switch, an amendment gap).
[bold]n/r[/bold]: not reported (never 0).
Exit codes: [bold]0[/bold] shown, [bold]1[/bold] nothing matches, [bold]2[/bold] usage error, \
no such database,
duckdb or matplotlib not installed.
"""


def _fail(message: str, code: ExitCode = ExitCode.FAILED) -> None:
    typer.echo(printable(message), err=True)
    raise typer.Exit(code)


def history_command(
    database: Annotated[
        str,
        typer.Argument(
            metavar="DB",
            help="A database written by [bold]--to duckdb[/bold], or a directory written by "
            "[bold]--to parquet[/bold].",
            show_default=False,
        ),
    ],
    issuer: Annotated[
        str | None,
        typer.Option(
            "--issuer",
            metavar="CUSIP|NAME",
            help="A CUSIP (9 characters, or the issuer's first 6), a 10-digit CIK, else part "
            "of the issuer's name (case-insensitive).",
            show_default=False,
        ),
    ] = None,
    holder: Annotated[
        str | None,
        typer.Option(
            "--holder",
            metavar="NAME",
            help="Part of a reporting person's name (case-insensitive).",
            show_default=False,
        ),
    ] = None,
    plot: Annotated[
        str | None,
        typer.Option(
            "--plot",
            metavar="FILE.svg|.png",
            help="Also draw the percent of class over time, one line per holder, 13G and 13D "
            "periods shaded (needs [bold]pip install '13dc\\[plot]'[/bold]).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Show each holder's filings on an issuer over time: shares, percent, changes."""
    from compiler.errors import CompilerError

    if not (issuer or holder):
        raise typer.BadParameter("give --issuer, --holder or both", param_hint="'--issuer'")
    try:
        if plot is not None:
            from compiler.backends.history_plot import check_target, require_matplotlib

            check_target(plot)
            require_matplotlib()  # before the query: a missing extra is a usage error
        from compiler.backends.timeline import render_timeline
        from compiler.batch.history import read_positions

        positions = read_positions(database, issuer=issuer, holder=holder)
        if not positions:
            _fail("13dc: no positions match", ExitCode.COMPILED_WITH_ERRORS)
        # Line by line: printable() escapes control characters, newlines included.
        lines = render_timeline(positions).splitlines()
        typer.echo("\n".join(printable(text) for text in lines))
        if plot is not None:
            from compiler.backends.history_plot import plot_positions

            drawn = plot_positions(positions, plot)
            message = f"13dc: {plot}: {drawn} holder" + ("s" if drawn != 1 else "")
            typer.echo(message if drawn else f"13dc: {plot}: no dated filing to plot", err=True)
    except CompilerError as exc:
        _fail(exc.located())


__all__ = ["HISTORY_EPILOG", "history_command"]
