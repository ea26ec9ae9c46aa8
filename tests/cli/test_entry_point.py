"""The 13dc command's entry point (_13dc.py): when a folder of the user's named ``compiler`` hides
13dc's package, the command says so in one line and exits 2 instead of an ImportError traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import REPO


def run_entry(
    cwd: Path, *args: str, pythonpath: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if pythonpath is not None:
        env["PYTHONPATH"] = pythonpath
    # What the installed console script does, with REPO importable as in an editable install.
    code = f"import sys; sys.path.append({str(REPO)!r}); import _13dc; _13dc.main()"
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        check=False,
        timeout=120,
    )


def test_a_users_compiler_folder_is_named_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "compiler").mkdir()
    (tmp_path / "compiler" / "__init__.py").write_text("# the user's own code\n")
    result = run_entry(tmp_path, "--version", pythonpath=str(tmp_path))
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("13dc: error: the module 'compiler' imported from ")
    assert str(tmp_path / "compiler" / "__init__.py") in lines[0]
    assert "is not 13dc's" in lines[0]


def test_a_users_compiler_module_is_named_too(tmp_path: Path) -> None:
    (tmp_path / "compiler.py").write_text("x = 1\n")
    result = run_entry(tmp_path, "--version", pythonpath=str(tmp_path))
    assert result.returncode == 2
    assert str(tmp_path / "compiler.py") in result.stderr


def test_13dcs_own_package_runs_the_command(tmp_path: Path) -> None:
    result = run_entry(tmp_path, "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("13dc ")
