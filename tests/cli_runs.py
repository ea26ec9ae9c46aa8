"""Running ``13dc`` in tests: through Typer's ``CliRunner`` (``run``) or as a real process
(``run_process``), and the shape of a diagnostic line on stderr."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from typing import Any

from conftest import REPO
from typer.testing import CliRunner

from compiler.cli import app as cli

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
