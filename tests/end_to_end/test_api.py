"""The Python API: compile_path / compile_bytes / compile_many, Filing.to_dict, Filing.tables (typed
DataFrames and Arrow tables from the one table definition), the short repr and the notebook HTML,
and the example script in examples/."""

from __future__ import annotations

import dataclasses
import json
import runpy
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import REPO

import compiler
from compiler import compile_bytes, compile_many, compile_path
from compiler.backends.tables import TABLES, filing_rows
from compiler.errors import CompilerError
from compiler.ir import Filing

pd = pytest.importorskip("pandas")
pa = pytest.importorskip("pyarrow")

FIXTURES = REPO / "tests" / "fixtures"
EXAMPLE = REPO / "examples" / "seed-8x8-13da.txt"
# An EDGAR submission whose header gives CIKs with leading zeros (0001029481...).
EDGAR = FIXTURES / "authored" / "03-northgate-bancorp-1998-13d-edgar.txt"
ALL_FIXTURES = sorted(p for p in FIXTURES.rglob("*") if p.suffix in (".txt", ".htm", ".html"))


@pytest.fixture(scope="module")
def seed() -> Filing:
    return compile_path(EXAMPLE)


def test_the_acceptance_two_lines_give_a_typed_persons_frame(seed: Filing) -> None:
    persons = seed.tables()["persons"]
    assert isinstance(persons, pd.DataFrame)
    assert list(persons.columns) == list(TABLES[1].column_names)
    assert str(persons["aggregate_amount"].dtype) == "Int64"
    assert str(persons["percent_of_class"].dtype) == "Float64"
    assert str(persons["name"].dtype) == "string"
    assert str(persons["member_of_group_a"].dtype) == "boolean"
    assert persons["aggregate_amount"].tolist() == [2_202_000]
    assert persons["percent_of_class"].tolist() == [6.41]
    assert persons["identification_number"].isna().all()  # not given: <NA>, not "" or "nan"


def test_every_table_has_the_database_columns_and_rows(seed: Filing) -> None:
    tables = seed.tables()
    rows = filing_rows(seed, compiler.__version__)
    assert list(tables) == [t.name for t in TABLES]
    for table in TABLES:
        frame = tables[table.name]
        assert list(frame.columns) == list(table.column_names), table.name
        assert len(frame) == len(rows[table.name]), table.name
    assert tables["annex"] is tables["annex_persons"]
    with pytest.raises(KeyError, match="no table 'people'"):
        tables["people"]


def test_dates_are_dates_and_shares_sum_as_integers(seed: Filing) -> None:
    trades = seed.tables()["transactions"]
    assert str(trades["date"].dtype).startswith("datetime64")
    assert str(trades["shares"].dtype) == "Int64"
    assert trades["date"].iloc[0] == pd.Timestamp(seed.transactions[0].date)
    assert int(trades["shares"].sum()) == sum(tx.shares or 0 for tx in seed.transactions)
    filings = seed.tables()["filings"]
    assert filings["event_date"].iloc[0] == pd.Timestamp("2003-12-23")


def test_ciks_and_cusips_keep_their_leading_zeros() -> None:
    filings = compile_path(EDGAR).tables()["filings"]
    assert str(filings["issuer_cik"].dtype) == "string"
    cik = filings["issuer_cik"].iloc[0]
    assert isinstance(cik, str)
    assert cik.startswith("0") and len(cik) == 10


def test_text_is_not_formula_neutralized(seed: Filing) -> None:
    # Neutralization is for spreadsheets: a DataFrame holds the filing's own text.
    name = "=HYPERLINK(x)"
    person = dataclasses.replace(seed.reporting_persons[0], name=name)
    filing = dataclasses.replace(seed, reporting_persons=(person,))
    assert filing.tables()["persons"]["name"].iloc[0] == name


def test_arrow_tables_have_the_database_types(seed: Filing) -> None:
    tables = seed.tables("arrow")
    persons = tables["reporting_persons"]
    assert isinstance(persons, pa.Table)
    assert persons.schema.field("aggregate_amount").type == pa.int64()
    assert persons.schema.field("percent_of_class").type == pa.decimal128(9, 4)
    assert persons.column("percent_of_class").to_pylist() == [Decimal("6.4100")]
    assert not persons.schema.field("filing_key").nullable
    assert tables["transactions"].schema.field("date").type == pa.date32()
    assert tables["transactions"].num_rows == len(seed.transactions)
    with pytest.raises(ValueError, match="kind must be"):
        seed.tables("polars")


def test_to_dict_is_the_cli_json_document(seed: Filing) -> None:
    process = subprocess.run(
        [sys.executable, "-m", "compiler", "compile", str(EXAMPLE), "--to", "json"],
        capture_output=True,
        check=False,
    )
    assert process.returncode == 0, process.stderr
    expected = json.loads(process.stdout)
    expected["source"]["path"] = seed.source.path  # the CLI was given the same file by path
    assert seed.to_dict() == expected


def test_compile_bytes_is_compile_path(seed: Filing) -> None:
    assert compile_bytes(EXAMPLE.read_bytes(), str(EXAMPLE)) == seed


def test_compile_path_errors_are_the_cli_errors(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(CompilerError, match=r"empty\.txt: error: empty file"):
        compile_path(empty)
    with pytest.raises(FileNotFoundError):
        compile_path(tmp_path / "missing.txt")


def test_repr_is_short_and_html_is_escaped(seed: Filing) -> None:
    for path in ALL_FIXTURES:
        try:
            filing = compile_path(path)
        except CompilerError:
            continue  # the partial fixtures: bad input on purpose
        assert len(repr(filing)) < 300, path
    assert repr(seed).startswith("<Filing SC 13D/A '8x8, Inc.' cusip=282912104")
    html = seed._repr_html_()
    assert "STMicroelectronics N.V." in html and "2,202,000" in html and "CUSIP-MISMATCH" in html
    hostile = dataclasses.replace(
        seed, issuer=dataclasses.replace(seed.issuer, name="<script>alert(1)</script>")
    )
    assert "<script>" not in hostile._repr_html_()
    assert "&lt;script&gt;" in hostile._repr_html_()


def test_compile_many_yields_in_input_order_whatever_the_workers(tmp_path: Path) -> None:
    # (Filings only: a gold file beside them is refused as not a filing, see test_acceptance.)
    paths = [
        *sorted((FIXTURES / "seed").glob("*.txt")),
        *sorted((FIXTURES / "authored").glob("*.txt"))[:3],
        EXAMPLE,
    ]
    one = list(compile_many(paths, jobs=1))
    two = list(compile_many(paths, jobs=2))
    assert [f.source.path for f in one] == [str(p) for p in paths]
    assert one == two  # the filings crossed the process boundary whole, spans included
    assert two[-1].reporting_persons[0].spans == one[-1].reporting_persons[0].spans
    assert two[-1].reporting_persons[0].spans["aggregate_amount"].line > 0


def test_compile_many_expands_directories_and_never_skips_a_failure(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(EXAMPLE.read_bytes())
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / "c.txt").write_bytes(EXAMPLE.read_bytes())
    for jobs in (1, 2):
        results = list(compile_many([tmp_path], jobs=jobs, errors="return"))
        assert [type(r).__name__ for r in results] == ["Filing", "InputError", "Filing"]
        with pytest.raises(CompilerError, match="empty file"):
            list(compile_many([tmp_path], jobs=jobs))
    # One path alone is one path, not the characters of its name; a pattern works too.
    assert len(list(compile_many(str(tmp_path / "[ac].txt")))) == 2
    assert len(list(compile_many(tmp_path, errors="return"))) == 3


def test_the_stages_the_package_docstring_names_chain_to_compile_filing(seed: Filing) -> None:
    namespace: dict[str, object] = {}
    imports = [line.strip() for line in (compiler.__doc__ or "").splitlines()]
    exec("\n".join(line.split("#")[0] for line in imports if line.startswith("from ")), namespace)
    read_source, parse, lower, check, render = (
        namespace[name] for name in ("read_source", "parse", "lower", "check", "render")
    )
    document = read_source(EXAMPLE.read_bytes(), str(EXAMPLE))  # type: ignore[operator]
    filing = check(lower(parse(document), document))  # type: ignore[operator]
    assert filing == seed
    assert render(filing, "csv").startswith("filing_key,")  # type: ignore[operator]
    with pytest.raises(AttributeError):
        compiler.no_such_name  # type: ignore[attr-defined]  # noqa: B018


def test_import_compiler_loads_no_stage_and_no_pandas() -> None:
    code = (
        "import sys, compiler\n"
        "heavy = {'lark', 'jinja2', 'pandas', 'pyarrow', 'compiler.api', 'compiler.ir'}\n"
        "print(sorted(heavy & set(sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True, text=True)
    assert out.stdout.strip() == "[]"


def test_the_example_script_runs(capsys: pytest.CaptureFixture[str]) -> None:
    runpy.run_path(str(REPO / "examples" / "persons_dataframe.py"), run_name="__main__")
    out = capsys.readouterr().out
    assert "STMicroelectronics N.V." in out
    assert "20 trades after the event date, 1,098,000 shares" in out


def test_an_empty_table_is_an_empty_typed_frame(seed: Filing) -> None:
    bare = dataclasses.replace(seed, transactions=(), annexes=())
    tables = bare.tables()
    assert len(tables["transactions"]) == 0
    assert str(tables["transactions"]["shares"].dtype) == "Int64"
    assert list(tables["annex"].columns) == list(TABLES[3].column_names)
    assert bare.tables("arrow")["transactions"].num_rows == 0


def test_without_pandas_or_pyarrow_tables_says_what_to_install(
    seed: Filing, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib
    import importlib.util

    real_import, real_find = importlib.import_module, importlib.util.find_spec

    def no_frames(name: str, *args: object) -> object:
        if name in ("pandas", "pyarrow"):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(importlib, "import_module", no_frames)
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: None if name in ("pandas", "pyarrow") else real_find(name, *a),
    )
    with pytest.raises(ImportError, match=r"pip install '13dc\[pandas\]'"):
        seed.tables()
    with pytest.raises(ImportError, match="pyarrow is not installed"):
        seed.tables("arrow")
