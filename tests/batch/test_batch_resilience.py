"""A batch that is interrupted, killed or meets a locked database loses at most one chunk, and
a rerun completes it without duplicates; staging lives beside the output and a killed batch's is
removed by the next run; workers end quietly when the main process is killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import SEED, run_cli

from compiler.batch.database import DatabaseError, DuckDBWriter
from compiler.batch.run import Options, Payload, Task, compile_task
from compiler.batch.scratch import PREFIX, make_staging, remove_stale

duckdb = pytest.importorskip("duckdb")


def variants(directory: Path, count: int) -> list[Path]:
    """``count`` distinct filings (the seed under other issuer names): distinct keys."""
    directory.mkdir(parents=True, exist_ok=True)
    text = SEED.read_text(encoding="utf-8")
    paths = []
    for n in range(count):
        path = directory / f"f{n:03d}.txt"
        path.write_text(text.replace("8x8, Inc.", f"Issuer {n}, Inc."), encoding="utf-8")
        paths.append(path)
    return paths


def staged(path: Path, seq: int) -> dict[str, str]:
    options = Options(payload=Payload.STAGING, version="test")
    return compile_task(options, Task(seq, str(path))).payload


def filings_in(database: Path) -> tuple[int, int]:
    with duckdb.connect(str(database), read_only=True) as connection:
        row = connection.execute("SELECT count(*), count(DISTINCT filing_key) FROM filings")
        return row.fetchone()  # type: ignore[no-any-return]


def test_chunks_are_loaded_as_the_batch_goes(tmp_path: Path) -> None:
    paths = variants(tmp_path / "in", 5)
    database = tmp_path / "out" / "f.duckdb"
    database.parent.mkdir()
    writer = DuckDBWriter(str(database), chunk_filings=2)
    for seq, path in enumerate(paths):
        writer.add(staged(path, seq))
    # Interrupted before the end: the two full chunks are in, the fifth filing is lost.
    writer.abort()
    assert filings_in(database) == (4, 4)
    result = run_cli("compile", str(tmp_path / "in"), "--to", "duckdb", "-o", str(database))
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[-1].endswith("1 filing added, 4 already in the database")
    assert filings_in(database) == (5, 5)


def hold_lock(database: Path, seconds: float) -> subprocess.Popen[str]:
    """Another process holding the database open (DuckDB locks the file) for ``seconds``."""
    code = (
        "import duckdb, sys, time\n"
        f"c = duckdb.connect({str(database)!r})\n"
        "print('ready', flush=True)\n"
        f"time.sleep({seconds})\n"
        "c.close()\n"
    )
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline() == "ready\n"
    return holder


def test_a_lock_is_waited_for_with_a_message(tmp_path: Path) -> None:
    database = tmp_path / "f.duckdb"
    DuckDBWriter(str(database)).close()
    said: list[str] = []
    holder = hold_lock(database, 1.5)
    try:
        writer = DuckDBWriter(str(database), lock_wait=30, say=said.append)
        writer.add(staged(SEED, 0))
        writer.close()
    finally:
        holder.communicate(timeout=30)
    assert said == [f"13dc: {database} is locked by another process; waiting up to 30 s"]
    assert filings_in(database) == (1, 1)


def test_a_lock_that_lasts_gives_up_after_the_wait(tmp_path: Path) -> None:
    database = tmp_path / "f.duckdb"
    DuckDBWriter(str(database)).close()
    holder = hold_lock(database, 30)
    try:
        started = time.monotonic()
        with pytest.raises(DatabaseError, match="locked by another process"):
            DuckDBWriter(str(database), lock_wait=0.5, say=lambda _: None)
        assert time.monotonic() - started < 10
    finally:
        holder.kill()
        holder.communicate()


def test_staging_is_beside_the_output_and_removed(tmp_path: Path) -> None:
    database = tmp_path / "f.duckdb"
    writer = DuckDBWriter(str(database))
    [staging] = [p for p in tmp_path.iterdir() if p.name.startswith(PREFIX)]
    assert staging.name.startswith(f"{PREFIX}{os.getpid()}-")
    writer.close()
    assert not staging.exists()


def test_a_dead_batchs_staging_is_removed_and_a_live_ones_kept(tmp_path: Path) -> None:
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    stale = tmp_path / f"{PREFIX}{dead.stdout.strip()}-abc"
    live = tmp_path / f"{PREFIX}{os.getppid()}-def"
    stale.mkdir()
    live.mkdir()
    (stale / "filings.csv").write_text("x")
    assert remove_stale(str(tmp_path)) == [str(stale)]
    assert live.exists()
    fresh = make_staging(str(tmp_path))
    assert Path(fresh).parent == tmp_path


def test_parquet_scratch_is_in_the_output_directory(tmp_path: Path) -> None:
    variants(tmp_path / "in", 2)
    out = tmp_path / "tables"
    result = run_cli("compile", str(tmp_path / "in"), "--to", "parquet", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(
        f"{name}.parquet"
        for name in (
            "filings",
            "reporting_persons",
            "transactions",
            "annex_persons",
            "items",
            "positions",  # the positions view, written as a file too (13dc history)
            "diagnostics",
        )
    )


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_killing_a_batch_leaves_no_traceback_and_a_rerun_completes(tmp_path: Path) -> None:
    # Enough filings that the batch cannot end before it is killed, on a fast machine too.
    variants(tmp_path / "in", 300)
    database = tmp_path / "out" / "f.duckdb"
    database.parent.mkdir()
    command = [
        sys.executable,
        "-m",
        "compiler",
        "compile",
        str(tmp_path / "in"),
        "--to",
        "duckdb",
        "-o",
        str(database),
        "-j",
        "2",
        "--chunk-size",
        "5",
    ]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    batch: subprocess.Popen[Any] = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env
    )
    # Kill the main process once it has staged something (its staging directory exists).
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not any(
        p.name.startswith(PREFIX) for p in database.parent.iterdir()
    ):
        time.sleep(0.05)
    time.sleep(0.3)
    os.kill(batch.pid, signal.SIGKILL)
    # stderr reaches its end only when every process holding it, the workers too, has ended.
    _, stderr = batch.communicate(timeout=60)
    assert b"Traceback" not in stderr and b"BrokenPipeError" not in stderr, stderr.decode()
    assert any(p.name.startswith(PREFIX) for p in database.parent.iterdir())
    proc = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr
    assert filings_in(database) == (300, 300)
    assert not any(p.name.startswith(PREFIX) for p in database.parent.iterdir())


def test_chunk_size_sets_the_filings_per_transaction(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    variants(tmp_path / "in", 5)
    loads: list[int] = []
    original = DuckDBWriter._load

    def counting_load(self: DuckDBWriter) -> None:
        loads.append(self._staged_filings)
        original(self)

    monkeypatch.setattr(DuckDBWriter, "_load", counting_load)
    database = tmp_path / "f.duckdb"
    result = run_cli(
        "compile", str(tmp_path / "in"), "--to", "duckdb", "-o", str(database),
        "-j", "1", "--chunk-size", "2",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert loads == [2, 2, 1]
    assert filings_in(database) == (5, 5)
