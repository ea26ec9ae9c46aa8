"""``python -m compiler``: the 13dc command."""

from compiler.cli import main

main()
