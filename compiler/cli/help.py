"""The help texts of the ``13dc`` command (kept apart so the command module stays about code)."""

from __future__ import annotations

from compiler import __version__

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
  [bold]2[/bold]  could not compile: bad input (empty, binary, not a Schedule 13D or 13G,
     another form, cut inside a cover page, a named pipe), unreadable or
     nonexistent path, usage error, internal error
A batch (several filings): [bold]0[/bold] all compiled cleanly, [bold]1[/bold] some compiled \
with errors or failed,
  [bold]2[/bold] usage error, or not one filing could be compiled.
"""

COMPILE_EPILOG = f"""\
[bold]Examples:[/bold]
  13dc compile filing.txt                           [dim]# JSON on stdout[/dim]
  13dc compile filing.txt --to csv -o persons.csv   [dim]# one row per reporting person[/dim]
  13dc compile filing.txt --to csv --table transactions
  13dc compile filing.txt --to text                 [dim]# normalized filing[/dim]
  cat filing.txt | 13dc compile - --to json         [dim]# read stdin[/dim]

[bold]Batches[/bold] (several files, directories searched for *.txt *.htm *.html *.nc, globs):
  13dc compile filings/ --to duckdb -o filings.duckdb  [dim]# appends, never duplicates[/dim]
  13dc compile 'edgar/**/*.txt' --to parquet -o tables/ -j 4
  13dc compile a.txt b.txt --to jsonl > filings.jsonl  [dim]# one JSON document per line[/dim]
  13dc compile filings/ --to csv -o tables/            [dim]# one CSV file per table[/dim]
A file that cannot be compiled is a row of the diagnostics output, never the end of the batch;
a summary line closes the batch on stderr.

Diagnostics go to stderr, one per line:
  [i]path:line:col: severity CODE: message[/i]

{EXIT_CODES_HELP}
Set {DEBUG_ENV}=1 to see the Python traceback of an internal error.
"""

CHECK_EPILOG = f"""\
[bold]Examples:[/bold]
  13dc check filing.txt                       [dim]# diagnostics, one per line[/dim]
  13dc check filings/*.txt --verbose          [dim]# with the source line and a caret[/dim]
  13dc check filing.txt --strict --ignore PAGE-SEQUENCE

[bold]Exit codes:[/bold]
  [bold]0[/bold]  no errors (no warnings either, under --strict)
  [bold]1[/bold]  a filing has an error (or a warning, under --strict)
  [bold]2[/bold]  a filing could not be compiled at all, or bad usage
Codes and what they mean: see the README, "Diagnostic codes". {DEBUG_ENV}=1 shows tracebacks.
"""
