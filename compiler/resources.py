"""The one way the compiler reads its data folders: ``grammar/`` (Lark files) and ``templates/``.

Two layouts exist and both must work:

- an installed wheel, where pyproject's ``force-include`` puts them at ``compiler/_data/grammar``
  and ``compiler/_data/templates``;
- a source checkout or editable install, where they are the top-level ``grammar/`` and
  ``templates/`` folders next to ``compiler/`` (the design card fixes that layout).

The wheel location is tried first: next to an installed package is ``site-packages``, where an
unrelated top-level ``grammar/`` folder could exist. Nothing happens at import time; lookups are
cached with :func:`functools.cache` (the folders do not move while the process runs).
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Literal, get_args

from compiler.errors import InternalError

ResourceKind = Literal["grammar", "templates"]


def resource_dir(kind: ResourceKind) -> Path:
    """The folder holding the compiler's ``grammar`` or ``templates`` files."""
    # functools.cache erases the signature for type checkers; this wrapper keeps the Literal.
    return _resource_dir(kind)


@functools.cache
def _resource_dir(kind: str) -> Path:
    if kind not in get_args(ResourceKind):  # Literal is not enforced at run time
        raise ValueError(f"unknown resource kind {kind!r}")
    package = Path(__file__).resolve().parent
    for candidate in (package / "_data" / kind, package.parent / kind):
        if candidate.is_dir():
            return candidate
    raise InternalError(
        f"the {kind} folder is missing from this installation of 13dc (looked in "
        f"{package / '_data' / kind} and {package.parent / kind})"
    )


@functools.cache
def read_grammar(name: str) -> str:
    """The text of one grammar file, e.g. ``read_grammar("cover_page.lark")``."""
    # Only plain file names: a grammar part is never looked up outside the grammar folder.
    if not name or Path(name).name != name or name in {".", ".."}:
        raise ValueError(f"not a grammar file name: {name!r}")
    path = resource_dir("grammar") / name
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise InternalError(f"grammar file {name!r} is missing from {path.parent}") from exc
