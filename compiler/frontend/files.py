"""Reading a filing's bytes from a path: regular files only.

A named pipe (FIFO) opened for reading blocks until a writer comes, forever if none does; a
character device such as ``/dev/zero`` never ends. Neither is a filing, so neither is read: the
path is opened without blocking (``O_NONBLOCK`` makes opening a FIFO return at once) and refused
unless ``fstat`` says it is a regular file. Checking the open descriptor, not the name, leaves no
gap in which the name could be swapped for a pipe. (Standard input, ``-``, is read by the caller.)
"""

from __future__ import annotations

import errno
import os
import stat

_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a directory"),
)


def special_kind(mode: int) -> str | None:
    """What a non-regular file is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def read_regular_file(path: str) -> bytes:
    """The bytes of the regular file at ``path``. Anything else raises an OSError whose
    ``strerror`` says what the path is ("a named pipe (FIFO), not a regular file")."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except IsADirectoryError:
        raise OSError(errno.EISDIR, "a directory, not a regular file", path) from None
    with os.fdopen(fd, "rb") as handle:
        kind = special_kind(os.fstat(fd).st_mode)
        if kind is not None:
            raise OSError(errno.EINVAL, f"{kind}, not a regular file", path)
        return handle.read()


__all__ = ["read_regular_file", "special_kind"]
