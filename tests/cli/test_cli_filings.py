"""The ``13dc`` command line on real input: bad input must give one clear line on stderr and exit
2, never a traceback; the seed filing compiles to every format, from a path, stdin or ``-o``, with
its diagnostics on stderr. (The command's own logic is tests/cli/test_cli.py.)
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from cli_runs import DIAGNOSTIC_LINE, run, run_process
from conftest import FIXTURES, REPO

from compiler import compile_filing
from compiler.cli import app as cli
from compiler.cli.format import format_diagnostic
from compiler.errors import CompilerError
from compiler.ir import Diagnostic, Severity, Span

SEED = FIXTURES / "seed" / "000_16ffad13912a4479.txt"
HTML_13D = FIXTURES / "html" / "natereed-aes_corp_13da.html"
DEEP_HTML = (
    b"<html><body>" + b"<div>" * 3000 + b"SCHEDULE 13D" + b"</div>" * 3000 + b"</body></html>"
)
EXAMPLE = REPO / "examples" / "seed-8x8-13da.txt"


# --- bad input through the real compiler: one line, exit 2, never a traceback ------------------


def truncated_seed(tmp_path: Path, *, mid_line: bool) -> Path:
    """The seed filing cut inside its first cover page (the voting-power rows, line 95 of 539)."""
    lines = SEED.read_bytes().splitlines(keepends=True)
    assert len(lines) == 539
    head = b"".join(lines[:95])
    if mid_line:
        head = head.rstrip(b"\r\n")[:-8]
    path = tmp_path / ("truncated-mid-line.txt" if mid_line else "truncated.txt")
    path.write_bytes(head)
    return path


BAD_INPUTS: dict[str, tuple[str, Any]] = {
    # name: (word the one line must contain, how to make the file)
    "empty": ("empty", lambda tmp: write(tmp / "empty.txt", b"")),
    "whitespace-only": ("", lambda tmp: write(tmp / "blank.txt", b"\n \r\n\t\n")),
    "binary": ("binary", lambda tmp: write(tmp / "image.txt", bytes(range(256)) * 16)),
    "html-page": (
        "not a schedule 13d",
        lambda tmp: write(tmp / "page.html", b"<html><body><p>hello</p></body></html>"),
    ),
    "html-too-deep": ("nested too deeply", lambda tmp: write(tmp / "deep.htm", DEEP_HTML)),
    "other-form": ("10-k", lambda tmp: write(tmp / "10k.txt", ANNUAL_REPORT)),
    "truncated-cover-page": ("", lambda tmp: truncated_seed(tmp, mid_line=False)),
    "truncated-mid-line": ("", lambda tmp: truncated_seed(tmp, mid_line=True)),
}


ANNUAL_REPORT = (
    b"<SEC-DOCUMENT>x\n<DOCUMENT>\n<TYPE>10-K\n<TEXT>\nAnnual report\n</TEXT>\n</DOCUMENT>\n"
)


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_html_filing_compiles() -> None:
    proc = run_process("compile", str(HTML_13D), "--to", "json")
    assert proc.returncode in (0, 1), proc.stderr.decode("utf-8")
    document = json.loads(proc.stdout)
    assert document["form"] == "SC 13D/A"
    assert len(document["reporting_persons"]) == 2


@pytest.mark.parametrize("kind", list(BAD_INPUTS))
def test_bad_input_gives_one_line_and_exit_2(tmp_path: Path, kind: str) -> None:
    keyword, make = BAD_INPUTS[kind]
    path = make(tmp_path)
    proc = run_process("compile", str(path), "--to", "json")
    stderr = proc.stderr.decode("utf-8")
    assert proc.returncode == 2, stderr
    assert "Traceback" not in stderr
    assert "internal error" not in stderr
    assert proc.stdout == b""
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith(str(path)), lines[0]
    assert ": error: " in lines[0]
    assert keyword in lines[0].lower()


@pytest.mark.parametrize("kind", list(BAD_INPUTS))
def test_bad_input_raises_a_compiler_error(tmp_path: Path, kind: str) -> None:
    """The same inputs through the API: a CompilerError, never another exception."""
    path = BAD_INPUTS[kind][1](tmp_path)
    with pytest.raises(CompilerError):
        compile_filing(path.read_bytes(), str(path))


def test_truncated_cover_page_is_located(tmp_path: Path) -> None:
    path = truncated_seed(tmp_path, mid_line=False)
    with pytest.raises(CompilerError) as info:
        compile_filing(path.read_bytes(), str(path))
    assert info.value.line is not None
    assert (
        60 <= info.value.line <= 96
    )  # on the cut cover page (it starts at line 66), or at the end


def test_bad_stdin_gives_one_line_and_exit_2() -> None:
    proc = run_process("compile", "-", stdin=b"")
    assert proc.returncode == 2
    assert proc.stderr.decode().splitlines()[0].startswith("<stdin>")
    assert len(proc.stderr.splitlines()) == 1


# --- the seed filing through the real compiler ---------------------------------------------


def expected_exit_code(path: Path) -> int:
    filing = compile_filing(path.read_bytes(), str(path))
    return 1 if any(d.severity is Severity.ERROR for d in filing.diagnostics) else 0


def test_seed_compiles_to_json() -> None:
    proc = run_process("compile", str(SEED), "--to", "json")
    assert proc.returncode == expected_exit_code(SEED), proc.stderr.decode()
    document = json.loads(proc.stdout)
    assert document["form"] == "SC 13D/A"
    assert document["amendment_number"] == 1
    assert document["issuer"]["name"] == "8x8, Inc."
    assert document["reporting_persons"][0]["name"] == "STMicroelectronics N.V."


def test_seed_diagnostics_on_stderr_match_the_ir() -> None:
    filing = compile_filing(SEED.read_bytes(), str(SEED))
    result = run("compile", str(SEED))
    assert result.exit_code == expected_exit_code(SEED)
    lines = result.stderr.splitlines()
    assert lines == [format_diagnostic(str(SEED), d) for d in filing.diagnostics]
    for line in lines:
        match = DIAGNOSTIC_LINE.match(line)
        assert match, line
        assert match["path"] == str(SEED)


def test_bundled_example_is_the_seed() -> None:
    assert EXAMPLE.read_bytes() == SEED.read_bytes()


@pytest.mark.parametrize("table", [t.value for t in cli.Table])
def test_seed_csv_tables(table: str) -> None:
    proc = run_process("compile", str(SEED), "--to", "csv", "--table", table)
    assert proc.returncode == expected_exit_code(SEED), proc.stderr.decode()
    text = proc.stdout.decode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows, "a CSV table always has its header row"
    assert all(len(row) == len(rows[0]) for row in rows)
    if table == "persons":
        assert len(rows) == 2
    if table == "transactions":
        assert len(rows) == 1 + 35
    if table == "annex":
        assert len(rows) == 1 + 27


def test_seed_to_text() -> None:
    proc = run_process("compile", str(SEED), "--to", "text")
    assert proc.returncode == expected_exit_code(SEED), proc.stderr.decode()
    text = proc.stdout.decode("utf-8")
    assert "STMicroelectronics N.V." in text
    assert "2,202,000" in text or "2202000" in text


def test_seed_from_stdin_matches_the_file() -> None:
    from_file = run_process("compile", str(SEED))
    from_stdin = run_process("compile", "-", stdin=SEED.read_bytes())
    assert from_stdin.returncode == from_file.returncode
    by_file, by_stdin = json.loads(from_file.stdout), json.loads(from_stdin.stdout)
    for key in ("form", "issuer", "security", "reporting_persons", "transactions", "annexes"):
        assert by_stdin[key] == by_file[key], key
    assert from_stdin.stderr.decode().replace("<stdin>", str(SEED)) == from_file.stderr.decode()


def test_seed_output_file_is_byte_identical_to_stdout(tmp_path: Path) -> None:
    out = tmp_path / "persons.csv"
    to_file = run_process("compile", str(SEED), "--to", "csv", "-o", str(out))
    to_stdout = run_process("compile", str(SEED), "--to", "csv")
    assert to_file.returncode == to_stdout.returncode == expected_exit_code(SEED)
    assert to_file.stdout == b""
    assert out.read_bytes() == to_stdout.stdout
    assert b"\r\n" in to_stdout.stdout  # RFC 4180 row ends survive -o


def test_no_neutralize_is_accepted_for_the_seed() -> None:
    proc = run_process("compile", str(SEED), "--to", "csv", "--no-neutralize")
    assert proc.returncode == expected_exit_code(SEED), proc.stderr.decode()
    assert proc.stdout


def test_a_code_that_repeats_is_printed_a_few_times_then_counted() -> None:
    from compiler.cli.format import SHOWN_PER_CODE, diagnostic_lines

    span = Span(line=3, column=1, end_line=3, end_column=5)
    repeated = [
        Diagnostic(code="PAGE-SEQUENCE", severity=Severity.WARNING, message=f"page {n}", span=span)
        for n in range(40)
    ]
    other = Diagnostic(code="CUSIP-MISMATCH", severity=Severity.WARNING, message="two CUSIPs")
    lines = diagnostic_lines("f.txt", [repeated[0], other, *repeated[1:]])
    assert lines[:2] == [
        "f.txt:3:1: warning PAGE-SEQUENCE: page 0",
        "f.txt: warning CUSIP-MISMATCH: two CUSIPs",
    ]
    assert len(lines) == SHOWN_PER_CODE + 2
    assert lines[-1] == (
        f"f.txt: warning PAGE-SEQUENCE: {40 - SHOWN_PER_CODE} more PAGE-SEQUENCE diagnostic(s) "
        "not shown (40 in all; the output lists every one)"
    )
    assert all(DIAGNOSTIC_LINE.match(line) for line in lines)
    few = repeated[:SHOWN_PER_CODE]
    assert len(diagnostic_lines("f.txt", few)) == SHOWN_PER_CODE  # nothing to summarize


def test_compile_summarizes_a_repeated_diagnostic_on_stderr(tmp_path: Path) -> None:
    # The example with two of its pages repeated: each copy goes back in the page sequence.
    lines = EXAMPLE.read_bytes().splitlines(keepends=True)
    breaks = [i for i, line in enumerate(lines) if line.strip() == b"<PAGE>"]
    start, end = breaks[-4], breaks[-2]
    path = tmp_path / "repeated.txt"
    path.write_bytes(b"".join(lines[:end] + lines[start:end] * 20 + lines[end:]))
    result = run("compile", str(path))
    codes = [d["code"] for d in json.loads(result.stdout)["diagnostics"]]
    code = max(set(codes), key=codes.count)
    assert codes.count(code) >= 20
    printed = [line for line in result.stderr.splitlines() if f" {code}: " in line]
    assert len(printed) == 6
    assert f"{codes.count(code) - 5:,} more {code} diagnostic(s) not shown" in printed[-1]


def test_sec_xml_batch_summarizes_a_repeated_diagnostic_on_stderr(tmp_path: Path) -> None:
    """``--to sec-xml -o DIR`` prints a filing's diagnostics as ``compile`` does."""
    lines = EXAMPLE.read_bytes().splitlines(keepends=True)
    breaks = [i for i, line in enumerate(lines) if line.strip() == b"<PAGE>"]
    start, end = breaks[-4], breaks[-2]
    (tmp_path / "in").mkdir()
    path = tmp_path / "in" / "repeated.txt"
    path.write_bytes(b"".join(lines[:end] + lines[start:end] * 20 + lines[end:]))
    result = run("compile", str(path.parent), "--to", "sec-xml", "-o", str(tmp_path / "xml"))
    assert (tmp_path / "xml" / "repeated.xml").exists()
    summaries = [line for line in result.stderr.splitlines() if "diagnostic(s) not shown" in line]
    assert summaries, result.stderr
    code = summaries[0].split(" more ")[1].split()[0]
    assert len([line for line in result.stderr.splitlines() if f" {code}: " in line]) == 6
