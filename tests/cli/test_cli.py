"""The ``13dc`` command line: exit codes, stderr format, stdin, ``-o``, ``--version``, ``--help``,
and bad input that must give one clear line on stderr and exit 2, never a traceback.

Most tests go through Typer's ``CliRunner``; the ones about the real process (no traceback, no heavy
imports for ``--version``, raw stdout bytes) run ``python -m compiler`` in a subprocess.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from conftest import FIXTURES, REPO
from typer.testing import CliRunner

from compiler import __version__, compile_filing
from compiler.cli import app as cli
from compiler.cli.format import format_diagnostic
from compiler.errors import (
    CompilerError,
    InternalError,
    TruncatedFilingError,
    UnsupportedFormError,
)
from compiler.ir import Diagnostic, Severity, Span

SEED = FIXTURES / "seed" / "000_16ffad13912a4479.txt"
SCHEDULE_13G = FIXTURES / "13g" / "natereed-arqule_13g.txt"
HTML_13D = FIXTURES / "html" / "natereed-aes_corp_13da.html"
DEEP_HTML = (
    b"<html><body>" + b"<div>" * 3000 + b"SCHEDULE 13D" + b"</div>" * 3000 + b"</body></html>"
)
EXAMPLE = REPO / "examples" / "seed-8x8-13da.txt"

# path:line:col: severity CODE: message   (line:col omitted when the diagnostic has no span)
DIAGNOSTIC_LINE = re.compile(
    r"^(?P<path>.+?)(?::(?P<line>\d+):(?P<col>\d+))?: (?P<severity>error|warning|info) "
    r"(?P<code>[A-Za-z0-9][\w.-]*): (?P<message>.+)$"
)


def run(*args: str, stdin: bytes | None = None, env: dict[str, str] | None = None) -> Any:
    """``13dc ARGS`` through Typer's test runner (stdout and stderr kept apart)."""
    return CliRunner().invoke(cli.app, list(args), input=stdin, env=env, prog_name="13dc")


def run_process(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """``13dc ARGS`` as a real process: what a user's shell sees."""
    env = {k: v for k, v in os.environ.items() if k != cli.DEBUG_ENV}
    return subprocess.run(
        [sys.executable, "-m", "compiler", *args],
        input=stdin if stdin is not None else b"",
        capture_output=True,
        cwd=REPO,
        env=env,
        check=False,
        timeout=120,
    )


def fake_filing(*diagnostics: Diagnostic) -> Any:
    """Just enough of an ``ir.Filing`` for the CLI's own logic (it only reads ``diagnostics``)."""
    return SimpleNamespace(diagnostics=diagnostics)


WARNING = Diagnostic(
    code="CUSIP-MISMATCH",
    severity=Severity.WARNING,
    message="running header CUSIP 757209101 differs from the title page's 282912104",
    span=Span(line=73, column=11, end_line=73, end_column=20),
)
ERROR = Diagnostic(code="SUM", severity=Severity.ERROR, message="sole + shared != aggregate")


# --- version and help ------------------------------------------------------------------------


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == f"13dc {__version__}\n"
    assert __version__ == "0.1.0"


def test_version_does_not_import_the_compiler_stages() -> None:
    code = (
        "import sys\n"
        "sys.argv = ['13dc', '--version']\n"
        "from compiler.cli.app import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as exc:\n"
        "    assert exc.code in (0, None), exc.code\n"
        "heavy = {'lark', 'jinja2', 'compiler.frontend.parser', 'compiler.backends.render'}\n"
        "heavy &= set(sys.modules)\n"
        "print(sorted(heavy))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, cwd=REPO, check=True, timeout=60
    )
    assert proc.stdout.decode().splitlines() == ["13dc 0.1.0", "[]"]


def test_console_script_prints_version() -> None:
    script = Path(sys.executable).parent / "13dc"
    if not script.exists():
        pytest.skip("the 13dc console script is not installed here (pip install -e .)")
    proc = subprocess.run([str(script), "--version"], capture_output=True, check=True, timeout=60)
    assert proc.stdout == b"13dc 0.1.0\n"


def test_help_documents_exit_codes() -> None:
    result = run("--help", env={"COLUMNS": "120"})
    assert result.exit_code == 0
    for text in ("Usage:", "compile", "--version", "Exit codes", "compiled with errors"):
        assert text in result.stdout


def test_compile_help_documents_options_examples_and_exit_codes() -> None:
    result = run("compile", "--help", env={"COLUMNS": "120"})
    assert result.exit_code == 0
    for text in (
        "--to",
        "--table",
        "--output",
        "--no-neutralize",
        "Examples",
        "13dc compile filing.txt --to csv",
        "path:line:col: severity CODE: message",
        "Exit codes",
        "could not compile",
    ):
        assert text in result.stdout, text


# --- usage errors exit 2 ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        pytest.param([], id="no-arguments"),
        pytest.param(["compile"], id="missing-path"),
        pytest.param(["compile", "x.txt", "--to", "xml"], id="unknown-format"),
        pytest.param(["compile", "x.txt", "--to", "csv", "--table", "nope"], id="unknown-table"),
        pytest.param(["compile", "x.txt", "--table", "annex"], id="table-without-csv"),
        pytest.param(["compile", "x.txt", "--bogus"], id="unknown-option"),
        pytest.param(["decompile", "x.txt"], id="unknown-command"),
    ],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_usage_error_in_a_real_process_exits_2_without_traceback() -> None:
    proc = run_process("compile", "x.txt", "--to", "xml")
    assert proc.returncode == 2
    assert b"Traceback" not in proc.stderr
    assert proc.stdout == b""


# --- paths that cannot be read ---------------------------------------------------------------


def test_nonexistent_path(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-filing.txt"
    result = run("compile", str(missing))
    assert result.exit_code == 2
    assert result.stderr == f"13dc: error: {missing}: No such file or directory\n"
    assert result.stdout == ""


def test_directory_without_filings(tmp_path: Path) -> None:
    # A directory is a batch (see test_batch.py); one that holds no filing is a usage error.
    (tmp_path / "notes.md").write_text("not a filing")
    result = run("compile", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr == (
        f"13dc: error: {tmp_path}: no filings (.txt, .htm, .html, .nc, .xml) in this directory\n"
    )


def test_unwritable_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "_compile", lambda data, name: fake_filing())
    monkeypatch.setattr(cli, "_render", lambda *args, **kwargs: "{}\n")
    filing = tmp_path / "f.txt"
    filing.write_bytes(b"x")
    out = tmp_path / "missing-dir" / "out.json"
    result = run("compile", str(filing), "-o", str(out))
    assert result.exit_code == 2
    assert result.stderr == f"13dc: error: cannot write {out}: No such file or directory\n"


# --- the CLI's own logic, with the compiler stubbed out ----------------------------------------


def test_format_diagnostic_with_and_without_a_span() -> None:
    assert format_diagnostic("f.txt", WARNING) == (
        "f.txt:73:11: warning CUSIP-MISMATCH: running header CUSIP 757209101 differs from the "
        "title page's 282912104"
    )
    assert format_diagnostic("f.txt", ERROR) == "f.txt: error SUM: sole + shared != aggregate"


def test_format_diagnostic_escapes_control_characters() -> None:
    hostile = Diagnostic(code="X", severity=Severity.INFO, message="a\nb\x1b[31mc\rd")
    line = format_diagnostic("f.txt", hostile)
    assert line == "f.txt: info X: a\\x0ab\\x1b[31mc\\x0dd"
    assert DIAGNOSTIC_LINE.match(line)


def test_exit_code_for() -> None:
    assert cli.exit_code_for(fake_filing()) is cli.ExitCode.OK
    assert cli.exit_code_for(fake_filing(WARNING)) is cli.ExitCode.OK
    assert cli.exit_code_for(fake_filing(WARNING, ERROR)) is cli.ExitCode.COMPILED_WITH_ERRORS


@pytest.mark.parametrize(
    ("diagnostics", "exit_code"),
    [((), 0), ((WARNING,), 0), ((WARNING, ERROR), 1)],
    ids=["clean", "warning", "error"],
)
def test_diagnostics_go_to_stderr_and_set_the_exit_code(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    diagnostics: tuple[Diagnostic, ...],
    exit_code: int,
) -> None:
    monkeypatch.setattr(cli, "_compile", lambda data, name: fake_filing(*diagnostics))
    monkeypatch.setattr(cli, "_render", lambda *args, **kwargs: '{"form": "SC 13D"}\n')
    filing = tmp_path / "f.txt"
    filing.write_bytes(b"SCHEDULE 13D\n")
    result = run("compile", str(filing))
    assert result.exit_code == exit_code
    assert result.stdout == '{"form": "SC 13D"}\n'
    assert result.stderr.splitlines() == [format_diagnostic(str(filing), d) for d in diagnostics]


def test_options_reach_the_renderer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[Any, ...]] = []

    def render(filing: Any, to: cli.Format, table: cli.Table, *, neutralize: bool) -> str:
        calls.append((to, table, neutralize))
        return ""

    monkeypatch.setattr(cli, "_compile", lambda data, name: fake_filing())
    monkeypatch.setattr(cli, "_render", render)
    filing = tmp_path / "f.txt"
    filing.write_bytes(b"x")
    assert run("compile", str(filing)).exit_code == 0
    assert run("compile", str(filing), "--to", "csv", "--table", "annex").exit_code == 0
    assert run("compile", str(filing), "-t", "CSV", "--no-neutralize").exit_code == 0
    assert run("compile", str(filing), "--to", "text").exit_code == 0
    assert calls == [
        (cli.Format.JSON, cli.Table.PERSONS, True),
        (cli.Format.CSV, cli.Table.ANNEX, True),
        (cli.Format.CSV, cli.Table.PERSONS, False),
        (cli.Format.TEXT, cli.Table.PERSONS, True),
    ]


def test_stdin_is_read_as_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[bytes, str]] = []

    def compile_stub(data: bytes, name: str) -> Any:
        seen.append((data, name))
        return fake_filing(WARNING)

    monkeypatch.setattr(cli, "_compile", compile_stub)
    monkeypatch.setattr(cli, "_render", lambda *args, **kwargs: "ok\n")
    data = "SCHEDULE 13D\r\nCaf\xe9\r\n".encode("cp1252")
    result = run("compile", "-", stdin=data)
    assert result.exit_code == 0
    assert seen == [(data, cli.STDIN_NAME)]
    assert result.stderr.startswith("<stdin>:73:11: warning CUSIP-MISMATCH: ")


def test_output_file_keeps_crlf_and_utf8(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = "name,citizenship\r\nSTMicroelectronics N.V.,Fran\xe7aise\r\n"
    monkeypatch.setattr(cli, "_compile", lambda data, name: fake_filing())
    monkeypatch.setattr(cli, "_render", lambda *args, **kwargs: text)
    filing = tmp_path / "f.txt"
    filing.write_bytes(b"x")
    out = tmp_path / "persons.csv"
    result = run("compile", str(filing), "--to", "csv", "-o", str(out))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert out.read_bytes() == text.encode("utf-8")
    # Without -o the same bytes go to stdout.
    assert run("compile", str(filing), "--to", "csv").stdout_bytes == text.encode("utf-8")


def test_compiler_error_is_one_located_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def compile_stub(data: bytes, name: str) -> Any:
        raise TruncatedFilingError(
            "the filing ends in the middle of a cover page", path=name, line=95, column=1
        )

    monkeypatch.setattr(cli, "_compile", compile_stub)
    filing = tmp_path / "f.txt"
    filing.write_bytes(b"x")
    result = run("compile", str(filing))
    assert result.exit_code == 2
    assert result.stderr == f"{filing}:95:1: error: the filing ends in the middle of a cover page\n"
    assert result.stdout == ""


def test_unlocated_compiler_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def compile_stub(data: bytes, name: str) -> Any:
        raise UnsupportedFormError("Schedule 13G is not supported", path=name)

    monkeypatch.setattr(cli, "_compile", compile_stub)
    filing = tmp_path / "g.txt"
    filing.write_bytes(b"x")
    result = run("compile", str(filing))
    assert result.exit_code == 2
    assert result.stderr == f"{filing}: error: Schedule 13G is not supported\n"


def test_internal_error_is_one_line_without_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def compile_stub(data: bytes, name: str) -> Any:
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setattr(cli, "_compile", compile_stub)
    monkeypatch.delenv(cli.DEBUG_ENV, raising=False)
    filing = tmp_path / "f.txt"
    filing.write_bytes(b"x")
    result = run("compile", str(filing))
    assert result.exit_code == 2
    assert (
        result.stderr == "13dc: internal error: RuntimeError: boom\\x0asecond line, please report\n"
    )


def test_internal_error_in_render_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def render_stub(*args: Any, **kwargs: Any) -> str:
        raise KeyError("reporting_persons")

    monkeypatch.setattr(cli, "_compile", lambda data, name: fake_filing())
    monkeypatch.setattr(cli, "_render", render_stub)
    monkeypatch.delenv(cli.DEBUG_ENV, raising=False)
    filing = tmp_path / "f.txt"
    filing.write_bytes(b"x")
    result = run("compile", str(filing))
    assert result.exit_code == 2
    assert result.stderr == "13dc: internal error: KeyError: 'reporting_persons', please report\n"


def test_internal_compiler_error_is_reported_as_internal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def render_stub(*args: Any, **kwargs: Any) -> str:
        raise InternalError("the JSON backend wrote invalid JSON", path="f.txt")

    monkeypatch.setattr(cli, "_compile", lambda data, name: fake_filing())
    monkeypatch.setattr(cli, "_render", render_stub)
    monkeypatch.delenv(cli.DEBUG_ENV, raising=False)
    filing = tmp_path / "f.txt"
    filing.write_bytes(b"x")
    result = run("compile", str(filing))
    assert result.exit_code == 2
    assert result.stderr == (
        "13dc: internal error: f.txt: error: the JSON backend wrote invalid JSON, please report\n"
    )


def test_debug_env_shows_the_exception(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def compile_stub(data: bytes, name: str) -> Any:
        raise RuntimeError("boom")

    monkeypatch.setattr(cli, "_compile", compile_stub)
    filing = tmp_path / "f.txt"
    filing.write_bytes(b"x")
    result = run("compile", str(filing), env={cli.DEBUG_ENV: "1"})
    assert isinstance(result.exception, RuntimeError)


def test_cli_choices_mirror_the_renderer() -> None:
    # Imported here so that the other CLI tests run even when the renderer does not import.
    from compiler.backends.render import CsvTable, OutputFormat

    assert [f.value for f in cli.Format] == [f.value for f in OutputFormat]
    assert [t.value for t in cli.Table] == [t.value for t in CsvTable]


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
