"""Where what 13dc builds from its grammars is kept between processes (Lark's analysed parsers
for the line grammar and the value grammar, the line grammar's compiled terminals): the user's
cache directory, never the package."""

from __future__ import annotations


def cache_file(kind: str, grammar: str, suffix: str) -> str | None:
    """Where what is built from ``grammar`` is kept between processes: the user's cache directory
    (never the package), one file per kind, grammar text, Lark and Python version. None when the
    directory cannot be written: the thing is then built in memory, as without a cache."""
    import hashlib
    import os
    import sys

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
    return os.path.join(directory, f"{kind}-{key}.{suffix}")


def parser_cache_file(grammar: str) -> str | None:
    """Where Lark keeps the analysed parser of ``grammar`` (see :func:`cache_file`)."""
    return cache_file("parser", grammar, "lark")
