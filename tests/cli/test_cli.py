"""The ``13dc`` command line: exit codes, stderr format, stdin, ``-o``, ``--version``, ``--help``,
usage errors and unreadable paths, and the CLI's own logic with the compiler stubbed out.

Most tests go through Typer's ``CliRunner``; the ones about the real process (no traceback, no heavy
imports for ``--version``, raw stdout bytes) run ``python -m compiler`` in a subprocess. The same
command on real filings and bad input is tests/cli/test_cli_filings.py.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from cli_runs import DIAGNOSTIC_LINE, run, run_process
from conftest import REPO

from compiler import __version__
from compiler.cli import app as cli
from compiler.cli.format import format_diagnostic
from compiler.errors import (
    InternalError,
    TruncatedFilingError,
    UnsupportedFormError,
)
from compiler.ir import Diagnostic, Severity, Span


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
