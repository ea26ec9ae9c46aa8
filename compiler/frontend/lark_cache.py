"""Where Lark keeps an analysed parser between processes (the line grammar's and the value
grammar's): the user's cache directory, never the package."""

from __future__ import annotations

import hashlib
import os
import sys


def parser_cache_file(grammar: str) -> str | None:
    """One file per grammar text, Lark and Python version, in the user's cache directory. None
    when the directory cannot be written: the parser is then built in memory, as without a
    cache."""
    import lark
    from platformdirs import user_cache_dir

    python = f"{sys.version_info[0]}.{sys.version_info[1]}"
    key = hashlib.sha256(f"{lark.__version__}\n{python}\n{grammar}".encode()).hexdigest()[:32]
    directory = user_cache_dir("13dc", appauthor=False)
    try:
        os.makedirs(directory, exist_ok=True)
    except OSError:
        return None
    if not os.access(directory, os.W_OK | os.X_OK):
        return None
    return os.path.join(directory, f"parser-{key}.lark")
