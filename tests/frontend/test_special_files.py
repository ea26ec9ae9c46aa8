"""Named pipes and other special files are never read (reading one would block, or never end),
and a directory given with an option of one filing is one line, not Typer's usage box."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SEED, run_cli

from compiler.batch.run import expand_inputs
from compiler.frontend.files import read_regular_file, special_kind

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")


def compile_process(*args: str) -> subprocess.CompletedProcess[str]:
    """``13dc compile ARGS`` in a real process, with a time limit: a regression hangs."""
    return subprocess.run(
        [sys.executable, "-m", "compiler", "compile", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_a_named_pipe_is_refused_with_one_line(tmp_path: Path) -> None:
    pipe = tmp_path / "filing.txt"
    os.mkfifo(pipe)
    proc = compile_process(str(pipe))
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.splitlines() == [
        f"13dc: error: {pipe}: a named pipe (FIFO), not a regular file"
    ]


def test_check_refuses_a_named_pipe(tmp_path: Path) -> None:
    pipe = tmp_path / "filing.txt"
    os.mkfifo(pipe)
    result = run_cli("check", str(pipe))  # opened without blocking: no writer needed
    assert result.exit_code == 2
    assert "a named pipe (FIFO), not a regular file" in result.stderr


def test_a_directory_reads_only_its_regular_files(tmp_path: Path) -> None:
    shutil.copy(SEED, tmp_path / "a.txt")
    os.mkfifo(tmp_path / "b.txt")
    assert expand_inputs([str(tmp_path)], print) == [str(tmp_path / "a.txt")]
    proc = compile_process(str(tmp_path), "--to", "jsonl", "-j", "1")
    assert proc.returncode == 0, proc.stderr
    assert [json.loads(line)["source"]["path"] for line in proc.stdout.splitlines()] == [
        str(tmp_path / "a.txt")
    ]


def test_a_named_pipe_in_a_batch_fails_alone(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    proc = compile_process(str(SEED), str(pipe), "--to", "jsonl", "-j", "1")
    assert proc.returncode == 1, proc.stderr
    documents = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [d.get("failed", False) for d in documents] == [False, True]
    assert documents[1]["diagnostics"][0]["code"] == "READ-ERROR"
    assert "a named pipe (FIFO), not a regular file" in proc.stderr


def test_a_character_device_is_refused() -> None:
    with pytest.raises(OSError, match="a character device, not a regular file"):
        read_regular_file(os.devnull)


def test_special_kind_of_a_regular_file_is_none() -> None:
    assert special_kind(SEED.stat().st_mode) is None
    assert read_regular_file(str(SEED)) == SEED.read_bytes()


@pytest.mark.parametrize(
    ("options", "named"),
    [
        (["--to", "json"], "--to json writes"),
        (["--to", "text"], "--to text writes"),
        (["--table", "items"], "--table applies to"),
    ],
)
def test_a_directory_with_a_single_filing_option_is_one_line(
    tmp_path: Path, options: list[str], named: str
) -> None:
    shutil.copy(SEED, tmp_path / "a.txt")
    result = run_cli("compile", str(tmp_path), *options)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"13dc: error: {tmp_path}: is a directory, and {named} one")
