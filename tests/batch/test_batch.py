"""Batch compilation: ``13dc compile PATH...`` over files, directories and globs.

Deterministic order whatever ``-j`` is, one bad file becoming a diagnostics row while the rest
compile, JSON lines that parse, the summary line and the batch exit codes. The database outputs
are tested in test_database.py.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES
from typer.testing import CliRunner

from compiler.batch import run as batch
from compiler.cli import app as cli

AUTHORED = FIXTURES / "authored"
SEED = FIXTURES / "seed" / "000_16ffad13912a4479.txt"
SUMMARY = re.compile(
    r"^13dc: (?P<filings>\d+) filings?: (?P<compiled>\d+) compiled, (?P<with_errors>\d+) compiled "
    r"with errors, (?P<failed>\d+) failed \(\d+\.\d\d s, \d+\.\d filings/s\)(?:; .+)?$"
)


def run(*args: str, stdin: bytes | None = None) -> Any:
    return CliRunner().invoke(cli.app, list(args), input=stdin, prog_name="13dc")


def summary_of(stderr: str) -> dict[str, int]:
    match = SUMMARY.match(stderr.splitlines()[-1])
    assert match, stderr
    return {key: int(value) for key, value in match.groupdict().items()}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A directory of filings, with a bad (empty) one in the middle and a subdirectory.

    corpus/a-marlowe.txt, corpus/b-bramwell.txt, corpus/c-empty.txt (bad),
    corpus/d-seed.txt, corpus/sub/e-wexford.txt, corpus/sub/notes.md (not a filing)
    """
    root = tmp_path / "corpus"
    (root / "sub").mkdir(parents=True)
    shutil.copy(AUTHORED / "01-marlowe-castings-1995-13d.txt", root / "a-marlowe.txt")
    shutil.copy(AUTHORED / "02-bramwell-pharmacal-1996-13da3.txt", root / "b-bramwell.txt")
    (root / "c-empty.txt").write_bytes(b"")
    shutil.copy(SEED, root / "d-seed.txt")
    shutil.copy(AUTHORED / "11-wexford-lane-2008-13da15-crlf.txt", root / "sub" / "e-wexford.txt")
    (root / "sub" / "notes.md").write_text("not a filing\n")
    return root


EXPECTED_ORDER = ["a-marlowe.txt", "b-bramwell.txt", "c-empty.txt", "d-seed.txt", "e-wexford.txt"]


def jsonl_documents(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


# --- inputs -------------------------------------------------------------------------------------


def test_expand_inputs_walks_directories_in_sorted_order(corpus: Path) -> None:
    warnings: list[str] = []
    found = batch.expand_inputs([str(corpus)], warnings.append)
    assert [Path(p).name for p in found] == EXPECTED_ORDER
    assert warnings == []


def test_expand_inputs_files_globs_and_duplicates(corpus: Path) -> None:
    warnings: list[str] = []
    found = batch.expand_inputs(
        [
            str(corpus / "d-seed.txt"),
            str(corpus / "sub"),
            str(corpus / "[ab]-*.txt"),
            str(corpus / "d-seed.txt"),  # given twice: compiled once
            str(corpus / "z-*.txt"),  # matches nothing: a warning
        ],
        warnings.append,
    )
    assert [Path(p).name for p in found] == [
        "d-seed.txt",
        "e-wexford.txt",
        "a-marlowe.txt",
        "b-bramwell.txt",
    ]
    assert warnings == [f"{corpus / 'z-*.txt'}: no file matches this pattern"]


def test_expand_inputs_recursive_glob(corpus: Path) -> None:
    found = batch.expand_inputs([str(corpus / "**" / "e-*.txt")], print)
    assert [Path(p).name for p in found] == ["e-wexford.txt"]


# --- JSON lines ---------------------------------------------------------------------------------


def test_directory_to_jsonl_keeps_order_and_reports_the_bad_file(corpus: Path) -> None:
    result = run("compile", str(corpus), "-j", "1")
    assert result.exit_code == 1, result.stderr  # a file failed, the others compiled
    documents = jsonl_documents(result.stdout)
    assert [Path(d["source"]["path"]).name for d in documents] == EXPECTED_ORDER
    bad = documents[2]
    assert bad["failed"] is True
    assert bad["diagnostics"][0]["code"] == "INPUT-REJECTED"
    assert all("failed" not in d for i, d in enumerate(documents) if i != 2)
    assert summary_of(result.stderr) == {
        "filings": 5,
        "compiled": 4,
        "with_errors": 0,
        "failed": 1,
    }
    # stderr: the bad file's one line, then the summary (no progress bar: not a terminal).
    lines = result.stderr.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(str(corpus / "c-empty.txt")) and ": error: " in lines[0]


def test_jsonl_line_is_the_json_document(corpus: Path) -> None:
    result = run("compile", str(corpus / "d-seed.txt"), "--to", "jsonl")
    assert result.exit_code == 0
    (line,) = result.stdout.splitlines()
    single = run("compile", str(corpus / "d-seed.txt"), "--to", "json")
    assert json.loads(line) == json.loads(single.stdout)


def test_files_dirs_and_globs_together(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = run(
        "compile",
        str(corpus / "d-seed.txt"),
        str(corpus / "sub"),
        str(corpus / "[ab]-*.txt"),
        "--to",
        "jsonl",
        "-o",
        str(out),
        "-j",
        "2",
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    names = [Path(d["source"]["path"]).name for d in jsonl_documents(out.read_text())]
    assert names == ["d-seed.txt", "e-wexford.txt", "a-marlowe.txt", "b-bramwell.txt"]
    assert summary_of(result.stderr)["compiled"] == 4


def test_output_is_the_same_whatever_the_number_of_workers(corpus: Path, tmp_path: Path) -> None:
    outputs = {}
    for jobs in ("1", "2", "3"):
        out = tmp_path / f"j{jobs}.jsonl"
        result = run("compile", str(corpus), str(corpus), "-o", str(out), "-j", jobs)
        assert result.exit_code == 1
        outputs[jobs] = out.read_bytes()
        csv_dir = tmp_path / f"csv{jobs}"
        assert (
            run("compile", str(corpus), "--to", "csv", "-o", str(csv_dir), "-j", jobs).exit_code
            == 1
        )
        outputs[f"csv{jobs}"] = b"".join(p.read_bytes() for p in sorted(csv_dir.iterdir()))
    assert outputs["1"] == outputs["2"] == outputs["3"]
    assert outputs["csv1"] == outputs["csv2"] == outputs["csv3"]


def test_stdin_in_a_batch() -> None:
    result = run(
        "compile", "-", str(AUTHORED / "01-marlowe-castings-1995-13d.txt"), stdin=SEED.read_bytes()
    )
    assert result.exit_code == 0, result.stderr
    paths = [d["source"]["path"] for d in jsonl_documents(result.stdout)]
    assert paths == ["<stdin>", str(AUTHORED / "01-marlowe-castings-1995-13d.txt")]


def test_ignore_applies_to_a_batch(corpus: Path) -> None:
    seed = str(corpus / "d-seed.txt")
    codes = {
        d["code"]
        for d in jsonl_documents(run("compile", seed, "--to", "jsonl").stdout)[0]["diagnostics"]
    }
    assert codes
    silenced = run("compile", seed, "--to", "jsonl", *(f"--ignore={c.lower()}" for c in codes))
    assert jsonl_documents(silenced.stdout)[0]["diagnostics"] == []


# --- CSV tables ---------------------------------------------------------------------------------


def test_csv_directory_has_every_table_and_a_row_for_the_bad_file(
    corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "tables"
    result = run("compile", str(corpus), "--to", "csv", "-o", str(out), "-j", "2")
    assert result.exit_code == 1
    assert sorted(p.name for p in out.iterdir()) == [
        "annex_persons.csv",
        "diagnostics.csv",
        "filings.csv",
        "items.csv",
        "reporting_persons.csv",
        "transactions.csv",
    ]

    def rows(name: str) -> list[dict[str, str]]:
        with open(out / name, encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))

    filings = rows("filings.csv")
    assert [Path(f["source_file"]).name for f in filings] == EXPECTED_ORDER
    assert [f["status"] for f in filings] == ["compiled"] * 2 + ["failed"] + ["compiled"] * 2
    failed = [d for d in rows("diagnostics.csv") if d["filing_key"] == filings[2]["filing_key"]]
    assert [(d["code"], d["severity"]) for d in failed] == [("INPUT-REJECTED", "error")]
    assert "empty" in failed[0]["message"]
    seed_key = filings[3]["filing_key"]
    assert sum(t["filing_key"] == seed_key for t in rows("transactions.csv")) == 35
    assert sum(a["filing_key"] == seed_key for a in rows("annex_persons.csv")) == 27


# --- exit codes and usage -----------------------------------------------------------------------


def test_all_clean_exits_0_and_nothing_compiled_exits_2(corpus: Path, tmp_path: Path) -> None:
    clean = run("compile", str(corpus / "a-marlowe.txt"), str(corpus / "d-seed.txt"))
    assert clean.exit_code == 0
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "x.txt").write_bytes(b"")
    (tmp_path / "bad" / "y.txt").write_bytes(b"\x00\x01binary")
    nothing = run("compile", str(tmp_path / "bad"))
    assert nothing.exit_code == 2
    assert summary_of(nothing.stderr)["failed"] == 2


def test_a_missing_file_is_a_failed_row_not_the_end(corpus: Path) -> None:
    result = run("compile", str(corpus / "a-marlowe.txt"), str(corpus / "missing.txt"))
    assert result.exit_code == 1
    documents = jsonl_documents(result.stdout)
    assert documents[1]["diagnostics"][0]["code"] == "READ-ERROR"
    assert result.stderr.splitlines()[0] == (
        f"13dc: error: {corpus / 'missing.txt'}: No such file or directory"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(["--to", "json"], "writes one filing", id="json"),
        pytest.param(["--to", "text"], "writes one filing", id="text"),
        pytest.param(["--to", "duckdb"], "give -o", id="duckdb-without-output"),
        pytest.param(["--to", "parquet"], "give -o", id="parquet-without-output"),
        pytest.param(["--to", "csv"], "give -o", id="csv-without-output"),
        pytest.param(["--to", "csv", "--table", "items", "-o", "x"], "one filing", id="table"),
        pytest.param(["--emit", "tree"], "one filing", id="emit-tree"),
        pytest.param(["-j", "0"], "", id="zero-jobs"),
    ],
)
def test_batch_usage_errors_exit_2(corpus: Path, args: list[str], message: str) -> None:
    result = run("compile", str(corpus), *args)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_a_pattern_that_matches_nothing_exits_2(tmp_path: Path) -> None:
    result = run("compile", str(tmp_path / "*.txt"))
    assert result.exit_code == 2
    assert result.stderr == f"13dc: error: {tmp_path / '*.txt'}: no file matches this pattern\n"


def test_single_file_behaviour_is_unchanged() -> None:
    result = run("compile", str(SEED))
    assert result.exit_code == 0
    assert json.loads(result.stdout)["form"] == "SC 13D/A"
    assert not SUMMARY.match(result.stderr.splitlines()[-1])  # no batch summary for one filing
