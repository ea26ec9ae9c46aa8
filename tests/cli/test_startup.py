"""Start-up: the Lark parser cached on disk in the user's cache directory (never in the package),
a silent fallback when that directory cannot be written, and no heavy imports in the batch
modules. Start-up *time* is measured by bench/bench.py, not asserted here."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import REPO

import compiler

SEED = REPO / "tests" / "fixtures" / "seed" / "000_16ffad13912a4479.txt"

CACHE_FILE = (
    "from compiler.frontend.lark_cache import parser_cache_file\n"
    "from compiler.frontend.parser import build_parser, grammar_text\n"
    "build_parser()\n"
    "print(parser_cache_file(grammar_text()))\n"
)


def python(code: str, cache_home: Path) -> str:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home)}
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        cwd=REPO,
        env=env,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    return proc.stdout.decode()


def emit_tree(cache_home: Path) -> bytes:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home)}
    proc = subprocess.run(
        [sys.executable, "-m", "compiler", "compile", str(SEED), "--emit", "tree"],
        capture_output=True,
        check=False,
        cwd=REPO,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    return proc.stdout


def test_the_parser_is_cached_in_the_user_cache_directory(tmp_path: Path) -> None:
    cache_home = tmp_path / "cache"
    path = Path(python(CACHE_FILE, cache_home).strip())
    assert path.parent == cache_home / "13dc"
    assert path.is_file()
    package = Path(compiler.__file__).resolve().parent
    assert package not in path.resolve().parents
    written = path.stat().st_mtime_ns
    # A second process loads the file instead of building and writing the parser again, and the
    # cached parser gives the same parse tree as one built from the grammar.
    assert Path(python(CACHE_FILE, cache_home).strip()) == path
    assert path.stat().st_mtime_ns == written
    uncacheable = tmp_path / "not-a-directory"
    uncacheable.write_text("")
    assert emit_tree(cache_home) == emit_tree(uncacheable)


def test_an_unwritable_cache_directory_means_no_cache(tmp_path: Path) -> None:
    blocked = tmp_path / "file-not-directory"
    blocked.write_text("")  # the cache directory cannot be created under a file
    assert python(CACHE_FILE, blocked).strip() == "None"


def test_the_batch_modules_import_nothing_heavy() -> None:
    code = (
        "import sys\n"
        "import compiler.batch.run, compiler.cli.app, compiler.batch.database\n"
        "import compiler.batch.sinks, compiler.backends.tables\n"
        "heavy = {'lark', 'jinja2', 'duckdb', 'rich'}\n"
        "heavy |= {'compiler.frontend.parser', 'compiler.backends.render'}\n"
        "print(sorted(heavy & set(sys.modules)))\n"
    )
    assert python(code, Path(os.environ.get("XDG_CACHE_HOME", "/tmp"))).strip() == "[]"


VALUE_CACHE_FILE = (
    "from compiler.frontend.lark_cache import parser_cache_file\n"
    "from compiler.frontend.value_grammar import GRAMMAR_FILE, value_parser\n"
    "from compiler.frontend.values import parse_shares\n"
    "from compiler.resources import read_grammar\n"
    "value_parser()\n"
    "assert parse_shares('1,234 (1)').value == 1234\n"
    "print(parser_cache_file(read_grammar(GRAMMAR_FILE)))\n"
)


def test_the_value_grammar_is_cached_beside_the_line_grammar(tmp_path: Path) -> None:
    cache_home = tmp_path / "cache"
    path = Path(python(VALUE_CACHE_FILE, cache_home).strip())
    assert path.parent == cache_home / "13dc"
    assert path.is_file()
    written = path.stat().st_mtime_ns
    assert Path(python(VALUE_CACHE_FILE, cache_home).strip()) == path  # loaded, and it parses
    assert path.stat().st_mtime_ns == written


def test_version_is_answered_without_importing_typer(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "sys.argv = ['13dc', '--version']\n"
        "from compiler.cli import main\n"
        "main()\n"
        "print(sorted(m for m in ('typer', 'click', 'lark', 'jinja2') if m in sys.modules))\n"
    )
    assert python(code, tmp_path / "cache").splitlines() == [f"13dc {compiler.__version__}", "[]"]


RENDER_SEED = (
    "import hashlib\n"
    "from compiler import compile_filing\n"
    "from compiler.backends.render import OutputFormat, render, template_cache\n"
    f"filing = compile_filing(open({str(SEED)!r}, 'rb').read(), 'seed.txt')\n"
    "texts = [render(filing, f) for f in OutputFormat if f.value not in ('source', 'html')]\n"
    "print(template_cache() is not None, hashlib.sha256(repr(texts).encode()).hexdigest())\n"
)


def test_compiled_templates_are_cached_and_render_the_same(tmp_path: Path) -> None:
    cache_home = tmp_path / "cache"
    first = python(RENDER_SEED, cache_home)
    cached = sorted((cache_home / "13dc" / "templates").iterdir())
    assert first.startswith("True ") and len(cached) >= 3  # json, csv, text (and their imports)
    written = [path.stat().st_mtime_ns for path in cached]
    again = python(RENDER_SEED, cache_home)  # loaded from the cache, not compiled again
    assert again == first
    assert [path.stat().st_mtime_ns for path in cached] == written
    blocked = tmp_path / "file-not-directory"
    blocked.write_text("")  # no cache directory can be made: the templates compile in memory
    assert python(RENDER_SEED, blocked) == first.replace("True ", "False ", 1)


def test_a_text_filing_does_not_import_lxml(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from compiler import compile_filing\n"
        "from compiler.backends.render import OutputFormat, render\n"
        f"render(compile_filing(open({str(SEED)!r}, 'rb').read(), 'seed.txt'), OutputFormat.JSON)\n"
        "print('lxml' in sys.modules)\n"
    )
    assert python(code, tmp_path / "cache").strip() == "False"
