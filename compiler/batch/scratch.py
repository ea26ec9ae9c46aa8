"""Scratch directories of a batch, beside its output rather than in TMPDIR.

A database batch stages rows in files before loading them (:mod:`compiler.batch.database`), and
a Parquet batch builds its tables in a scratch database. These directories are made next to the
output: on the same file system (no copy across disks, no TMPDIR filling up) and where the user
looks. Their name carries the process id, ``.13dc-staging-<pid>-<random>``, so that a batch that
was killed (SIGKILL, a power cut) and could not remove its own is recognized and removed by the
next batch writing to the same place -- but never a live batch's.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile

PREFIX = ".13dc-staging-"
_NAME = re.compile(re.escape(PREFIX) + r"(\d+)-")


def _alive(pid: int) -> bool:
    if pid == os.getpid() or os.name == "nt":
        # (On Windows os.kill(pid, 0) would end that process: a directory is kept there.)
        return True
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, and belongs to someone else
    return True


def remove_stale(directory: str) -> list[str]:
    """Remove the staging directories in ``directory`` left by batches that are no longer
    running; the paths removed."""
    removed: list[str] = []
    with contextlib.suppress(OSError):
        for entry in os.scandir(directory or "."):
            found = _NAME.match(entry.name)
            if found and entry.is_dir(follow_symlinks=False) and not _alive(int(found.group(1))):
                shutil.rmtree(entry.path, ignore_errors=True)
                removed.append(entry.path)
    return removed


def make_staging(directory: str) -> str:
    """A new staging directory in ``directory`` (stale ones there removed first)."""
    remove_stale(directory)
    return tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-", dir=directory or ".")


__all__ = ["PREFIX", "make_staging", "remove_stale"]
