"""resources: the one way grammar/ and templates/ are found (checkout layout here)."""

from __future__ import annotations

from pathlib import Path

import pytest

import compiler
from compiler.resources import read_grammar, resource_dir

CHECKOUT = Path(compiler.__file__).resolve().parent.parent


@pytest.mark.parametrize("kind", ["grammar", "templates"])
def test_resource_dir_is_the_top_level_folder_in_a_checkout(kind: str) -> None:
    assert resource_dir(kind) == CHECKOUT / kind  # type: ignore[arg-type]


def test_templates_of_every_format_are_there() -> None:
    names = {path.name for path in resource_dir("templates").glob("*.j2")}
    assert {"json.j2", "csv.j2", "text.j2"} <= names


def test_read_grammar_reads_a_part() -> None:
    name = next(resource_dir("grammar").glob("*.lark")).name
    assert read_grammar(name) == (CHECKOUT / "grammar" / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["", "..", "../pyproject.toml", "sub/part.lark"])
def test_read_grammar_rejects_paths(name: str) -> None:
    with pytest.raises(ValueError):
        read_grammar(name)


def test_resource_dir_rejects_unknown_kinds() -> None:
    with pytest.raises(ValueError):
        resource_dir("tests")  # type: ignore[arg-type]
