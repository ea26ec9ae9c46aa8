"""A filing's six database tables as pandas DataFrames or Arrow tables, typed by the one table
definition (:mod:`compiler.backends.tables`).

Column types follow each column's SQL type, so that a notebook gets the same types as the
database: ``VARCHAR`` -> pandas ``string`` (CUSIPs and CIKs keep their leading zeros),
``BIGINT``/``INTEGER`` -> nullable ``Int64`` (a share count the filing does not give is ``<NA>``,
not a float ``NaN``), ``BOOLEAN`` -> nullable ``boolean``, ``DATE`` -> ``datetime64[s]`` (seconds
cover any year, where nanoseconds stop at 2262), ``DECIMAL`` -> ``Float64`` in pandas and the
exact ``decimal128`` in Arrow. Text is never formula-neutralized here: that is for spreadsheets.

pandas and pyarrow are optional (``pip install '13dc[pandas]'``); they are imported on first use
and a missing one is an :class:`ImportError` saying what to install.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from compiler.backends.tables import TABLES, Row, Table, filing_rows

if TYPE_CHECKING:
    from compiler.ir import Filing

# The CLI's --table names, which are shorter than the database's, name the same tables.
ALIASES = {"persons": "reporting_persons", "annex": "annex_persons"}

_DECIMAL = re.compile(r"DECIMAL\((\d+),(\d+)\)")
_PANDAS_TYPES = {"VARCHAR": "string", "BIGINT": "Int64", "INTEGER": "Int64", "BOOLEAN": "boolean"}


def _base_type(sql_type: str) -> str:
    return sql_type.removesuffix(" NOT NULL")


def _need(module: str) -> Any:
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise ImportError(
            f"{module} is not installed: pip install '13dc[pandas]' (pandas and pyarrow)"
        ) from exc


def pandas_dtype(sql_type: str) -> str:
    """The pandas dtype of a column of SQL type ``sql_type``."""
    base = _base_type(sql_type)
    if base == "DATE":
        return "datetime64[s]"
    if _DECIMAL.fullmatch(base):
        return "Float64"
    return _PANDAS_TYPES[base]


def arrow_type(sql_type: str) -> Any:
    """The pyarrow type of a column of SQL type ``sql_type``."""
    pa = _need("pyarrow")
    base = _base_type(sql_type)
    decimal = _DECIMAL.fullmatch(base)
    if decimal:
        return pa.decimal128(int(decimal.group(1)), int(decimal.group(2)))
    types = {
        "VARCHAR": pa.string(),
        "BIGINT": pa.int64(),
        "INTEGER": pa.int32(),
        "BOOLEAN": pa.bool_(),
        "DATE": pa.date32(),
    }
    return types[base]


def data_frame(table: Table, rows: Sequence[Row]) -> Any:
    """One table's rows as a pandas DataFrame, one typed column per column of ``table``."""
    pd = _need("pandas")
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in table.columns]
    return pd.DataFrame(
        {
            column.name: pd.Series(list(values), dtype=pandas_dtype(column.sql_type))
            for column, values in zip(table.columns, columns, strict=True)
        }
    )


def arrow_table(table: Table, rows: Sequence[Row]) -> Any:
    """One table's rows as a pyarrow Table with the database's column types."""
    pa = _need("pyarrow")
    schema = pa.schema(
        [
            pa.field(c.name, arrow_type(c.sql_type), nullable="NOT NULL" not in c.sql_type)
            for c in table.columns
        ]
    )
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in table.columns]
    return pa.table(
        [pa.array(list(values), type=f.type) for f, values in zip(schema, columns, strict=True)],
        schema=schema,
    )


class Tables(Mapping[str, Any]):
    """The six tables of one filing, by database name (``reporting_persons``...); the CLI's
    shorter ``persons`` and ``annex`` are accepted too. Each table is built on first access."""

    def __init__(self, rows: Mapping[str, Sequence[Row]], kind: str) -> None:
        self._rows = rows
        self._make = data_frame if kind == "pandas" else arrow_table
        self._built: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        name = ALIASES.get(name, name)
        if name not in self._built:
            table = next((t for t in TABLES if t.name == name), None)
            if table is None:
                known = ", ".join(t.name for t in TABLES)
                raise KeyError(f"no table {name!r}; the tables are {known}")
            self._built[name] = self._make(table, self._rows[name])
        return self._built[name]

    def __iter__(self) -> Iterator[str]:
        return iter(t.name for t in TABLES)

    def __len__(self) -> int:
        return len(TABLES)

    def __repr__(self) -> str:
        counts = ", ".join(f"{t.name}: {len(self._rows[t.name])} rows" for t in TABLES)
        return f"<Tables {counts}>"


def tables(filing: Filing, kind: str | None = None) -> Tables:
    """The six tables of ``filing``: pandas DataFrames when pandas is installed (or
    ``kind="pandas"``), else Arrow tables when pyarrow is (or ``kind="arrow"``)."""
    import importlib.util

    from compiler import __version__

    if kind is None:
        if importlib.util.find_spec("pandas") is not None:
            kind = "pandas"
        elif importlib.util.find_spec("pyarrow") is not None:
            kind = "arrow"
        else:
            _need("pandas")
    if kind not in ("pandas", "arrow"):
        raise ValueError(f"kind must be 'pandas' or 'arrow', not {kind!r}")
    _need("pandas" if kind == "pandas" else "pyarrow")
    return Tables(filing_rows(filing, __version__), kind)


__all__ = ["ALIASES", "Tables", "arrow_table", "arrow_type", "data_frame", "pandas_dtype", "tables"]
