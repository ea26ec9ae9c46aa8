"""The help texts of the ``13dc`` command (kept apart so the command module stays about code),
and the Typer classes that lay them out.

Every line of the epilogs fits 80 columns with the help panel's margin (78 characters), so that
a terminal does not wrap a sentence in the middle; tests/cli/test_cli_help.py holds them to it.
"""

from __future__ import annotations

from typing import Any

import typer.core

from compiler import __version__


def _tidy(params: list[Any]) -> list[Any]:
    """Typer prints a type column: ``<bool>`` beside a flag, which takes no value, and
    ``<list[str]>`` beside an argument, whose name (PATH) already says what it is. Both go."""
    for param in params:
        if isinstance(param, typer.core.TyperOption) and param.is_flag:
            param.metavar = ""
        elif isinstance(param, typer.core.TyperArgument):
            # An instance attribute: Typer has no option for it (the name column says PATH).
            setattr(param, "display_type_rich", lambda ctx: None)  # noqa: B010
    return params


class Command(typer.core.TyperCommand):
    """A 13dc command: its help without a type column for flags and arguments."""

    def get_params(self, ctx: Any) -> list[Any]:
        return _tidy(list(super().get_params(ctx)))


class Group(typer.core.TyperGroup):
    """The 13dc command group (``13dc --help``), tidied as :class:`Command`."""

    def get_params(self, ctx: Any) -> list[Any]:
        return _tidy(list(super().get_params(ctx)))


DEBUG_ENV = "THIRTEENDC_DEBUG"

HELP = f"""\
[bold]13dc[/bold] {__version__} compiles legacy SEC Schedule 13D and 13G filings
(text or HTML, 1993–2024) into data: JSON, CSV tables, a database, or a normalized filing.
"""

EXIT_CODES_HELP = """\
[bold]Exit codes:[/bold]
  [bold]0[/bold]  compiled (warnings may have been printed on stderr)
  [bold]1[/bold]  compiled with errors: output written, a diagnostic has severity [i]error[/i]
     (a truncated or incomplete filing among them)
  [bold]2[/bold]  could not compile: bad input (empty, binary, not a Schedule 13D
     or 13G, another form, cut inside a cover page, a named pipe),
     unreadable or nonexistent path, usage error, internal error
A batch (several filings): [bold]0[/bold] all compiled cleanly, [bold]1[/bold] some \
compiled
  with errors or failed, [bold]2[/bold] usage error, or not one filing could be compiled.
"""

COMPILE_EPILOG = f"""\
[bold]Examples:[/bold]
  13dc compile filing.txt                         [dim]# JSON on stdout[/dim]
  13dc compile filing.txt --to csv -o persons.csv [dim]# a row per reporting person[/dim]
  13dc compile filing.txt --to csv --table transactions
  13dc compile filing.txt --to csv -o tables/     [dim]# every table, as a batch[/dim]
  13dc compile filing.txt --to text               [dim]# normalized filing[/dim]
  13dc compile filing.txt --to html -o view.html  [dim]# every value highlighted[/dim]
  13dc compile filing.txt --to sec-xml            [dim]# as EDGAR's 13D/13G XML[/dim]
  13dc compile primary_doc.xml                    [dim]# an XML-era filing[/dim]
  cat filing.txt | 13dc compile - --to json       [dim]# read stdin[/dim]

[bold]Batches[/bold] (several files, directories or glob patterns):
  13dc compile filings/ --to duckdb -o f.duckdb   [dim]# appends, never duplicates[/dim]
  13dc compile 'edgar/**/*.txt' --to parquet -o tables/ -j 4
  13dc compile a.txt b.txt --to jsonl > f.jsonl   [dim]# a JSON document per line[/dim]
  13dc compile filings/ --to csv -o tables/       [dim]# a CSV file per table[/dim]
  13dc compile filings/ --to html -o pages/       [dim]# pages, index.html[/dim]
  13dc compile filings/ --to sec-xml -o xml/      [dim]# an XML file per filing[/dim]
A directory is searched for *.txt *.htm *.html *.nc *.xml. A file that cannot
be compiled is a row of the diagnostics output, never the end of the batch; a
summary line closes the batch on stderr.

Diagnostics go to stderr, one per line:
  [i]path:line:col: severity CODE: message[/i]

{EXIT_CODES_HELP}
Set {DEBUG_ENV}=1 to see the Python traceback of an internal error.
"""

CHECK_EPILOG = f"""\
[bold]Examples:[/bold]
  13dc check filing.txt                [dim]# diagnostics, one per line[/dim]
  13dc check filings/ --verbose        [dim]# with the source line and a caret[/dim]
  13dc check 'edgar/**/*.txt'          [dim]# a summary line closes several[/dim]
  13dc check filing.txt --strict --ignore PAGE-SEQUENCE

[bold]Exit codes:[/bold]
  [bold]0[/bold]  no errors (no warnings either, under --strict)
  [bold]1[/bold]  a filing has an error (or a warning, under --strict)
  [bold]2[/bold]  a filing could not be compiled at all, or bad usage
Codes and what they mean: [bold]13dc codes[/bold].
{DEBUG_ENV}=1 shows the Python traceback of an internal error.
"""

SCORE_EPILOG = """\
[bold]Examples:[/bold]
  13dc score tests/fixtures            [dim]# the filings bundled with 13dc[/dim]
  13dc score corpus/ --min 0.99        [dim]# exit 1 below 99%[/dim]

A gold file holds the values a person read from the filing, in the keys of the
JSON output; every key it has is compared with 13dc's JSON (whitespace folded,
code lists sorted, numbers as numbers).
[bold]Exit codes:[/bold] 0, 1 when --min is given and not met, 2 when no gold file.
"""
