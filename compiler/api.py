"""The Python API a notebook or a script uses: a filing from a path or from bytes, and many
filings in input order, compiled in worker processes.

    from compiler import compile_path
    filing = compile_path("examples/seed-8x8-13da.txt")
    filing.tables()["persons"]          # a typed pandas DataFrame
    filing.to_dict()                    # the JSON document as Python values

A filing that cannot be compiled raises :class:`compiler.errors.CompilerError` (its ``str`` is the
same one line the CLI prints); a file that cannot be read raises :class:`OSError`.
"""

from __future__ import annotations

import copyreg
import io
import os
import pickle
from collections.abc import Callable, Iterable, Iterator
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal, overload

if TYPE_CHECKING:
    from compiler.ir import Filing

# What compile_many takes: one path, directory or pattern, or several.
Paths = Iterable[str | os.PathLike[str]] | str | os.PathLike[str]


def compile_bytes(data: bytes, name: str = "<input>") -> Filing:
    """Compile the bytes of one filing; ``name`` is the path its diagnostics and its
    ``source.path`` give."""
    from compiler import compile_filing

    return compile_filing(data, name)


def compile_path(path: str | os.PathLike[str]) -> Filing:
    """Compile the filing at ``path`` (plain text, HTML, or a whole EDGAR submission)."""
    name = os.fspath(path)
    with open(name, "rb") as handle:
        data = handle.read()
    return compile_bytes(data, name)


def _proxy(mapping: dict[str, object]) -> MappingProxyType[str, object]:
    return MappingProxyType(mapping)


def _reduce_proxy(proxy: Any) -> tuple[Callable[..., object], tuple[dict[str, object]]]:
    return _proxy, (dict(proxy),)


def _dumps(value: object) -> bytes:
    # The IR's span mappings are read-only proxies, which pickle refuses: this pickler sends them
    # as dicts, rebuilt as proxies on arrival, without registering anything process-wide.
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    table: dict[type, Callable[[Any], tuple[Callable[..., object], tuple[Any, ...]]]] = {
        MappingProxyType: _reduce_proxy
    }
    pickler.dispatch_table = {**copyreg.dispatch_table, **table}
    pickler.dump(value)
    return buffer.getvalue()


def _compile_pickled(path: str) -> tuple[bool, bytes]:
    """In a worker: (True, the pickled filing) or (False, the pickled exception)."""
    try:
        return True, _dumps(compile_path(path))
    except Exception as exc:
        return False, _dumps(exc)


def _expand(paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str]) -> list[str]:
    import warnings

    from compiler.batch.run import expand_inputs

    if isinstance(paths, str | os.PathLike):
        paths = [paths]  # one directory or pattern, not an iterable of its characters

    def warn(message: str) -> None:
        warnings.warn(message, stacklevel=4)

    return expand_inputs([os.fspath(p) for p in paths], warn)


@overload
def compile_many(
    paths: Paths, *, jobs: int = 1, errors: Literal["raise"] = "raise"
) -> Iterator[Filing]: ...


@overload
def compile_many(
    paths: Paths, *, jobs: int = 1, errors: Literal["return"]
) -> Iterator[Filing | Exception]: ...


def compile_many(
    paths: Paths,
    *,
    jobs: int = 1,
    errors: Literal["raise", "return"] = "raise",
) -> Iterator[Filing | Exception]:
    """Compile many filings, yielding them in input order whatever ``jobs`` is.

    ``paths`` (one path, or several) are expanded as the CLI's: files, directories (searched for
    ``*.txt``, ``*.htm``, ``*.html``, ``*.nc``) and glob patterns. ``jobs`` worker processes
    compile them (1: in this process). A file that cannot be read or compiled raises its
    exception when its turn comes (``errors="raise"``), or is yielded as that exception in its
    place (``errors="return"``), so that no input is skipped silently.
    """
    if errors not in ("raise", "return"):
        raise ValueError(f"errors must be 'raise' or 'return', not {errors!r}")
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    files = _expand(paths)
    if jobs == 1 or len(files) < 2:
        for path in files:
            try:
                filing = compile_path(path)
            except Exception as exc:
                if errors == "raise":
                    raise
                yield exc
                continue
            yield filing
        return
    import multiprocessing

    with multiprocessing.Pool(min(jobs, len(files))) as pool:
        for ok, payload in pool.imap(_compile_pickled, files, chunksize=1):
            value = pickle.loads(payload)
            if not ok and errors == "raise":
                raise value
            yield value


__all__ = ["compile_bytes", "compile_many", "compile_path"]
