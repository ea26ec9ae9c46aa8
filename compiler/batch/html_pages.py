"""``13dc compile DIR --to html -o OUTDIR``: one page per filing and an ``index.html`` listing them.

The workers render each page (:func:`filing_page`); :class:`HtmlSink` writes it under a name made
from its input order and file name (two filings called ``a.txt`` in different folders get two
pages) and keeps one small row per filing for the index, written when the batch closes. A filing
that could not be compiled has no page: its index row says why.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from typing import Any

from compiler.backends.tables import Status
from compiler.batch.outcome import Outcome
from compiler.ir import Filing

INDEX = "index.html"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_NAME_LENGTH = 80  # characters of the input's name kept in its page's name


def filing_page(data: bytes, name: str, ignore: Iterable[str]) -> tuple[Filing, dict[str, str]]:
    """The filing (for its status) and the payload: its page and its index row (JSON)."""
    from compiler.backends.html_source import compile_view
    from compiler.backends.html_view import counts, render_view

    view = compile_view(data, name, ignore)
    filing = view.filing
    row: dict[str, Any] = {
        "path": name,
        "form": filing.form,
        "issuer": filing.issuer.name,
        "cusip": " ".join(filing.security.cusips),
        **counts(view),
    }
    return filing, {"html": render_view(view, index_href=INDEX), "index": json.dumps(row)}


def failed_row(name: str, message: str) -> str:
    """The index row of a filing that could not be compiled."""
    return json.dumps({"path": name, "message": message})


def page_name(seq: int, path: str) -> str:
    """``0001-seed-8x8-13da.html``: unique by the input order, recognizable by the file name."""
    base = os.path.splitext(os.path.basename(path))[0]
    stem = _UNSAFE.sub("-", base)[:_NAME_LENGTH].strip("-.") or "filing"
    return f"{seq + 1:04d}-{stem}.html"


class HtmlSink:
    """The pages of a batch in ``directory``, and its index."""

    def __init__(self, directory: str) -> None:
        os.makedirs(directory, exist_ok=True)
        self._directory = directory
        self._rows: list[dict[str, Any]] = []

    def add(self, outcome: Outcome) -> None:
        row = json.loads(outcome.payload["index"])
        row["status"] = outcome.status.value
        if "html" in outcome.payload:
            row["page"] = page_name(outcome.seq, outcome.name)
            path = os.path.join(self._directory, row["page"])
            with open(path, "w", encoding="utf-8", newline="") as out:
                out.write(outcome.payload["html"])
        self._rows.append(row)

    def close(self) -> str:
        path = os.path.join(self._directory, INDEX)
        with open(path, "w", encoding="utf-8", newline="") as out:
            out.write(render_index(self._rows))
        return f"{path}: {sum('page' in row for row in self._rows)} pages"

    def abort(self) -> None:
        # The pages written so far stay; an index of them is still the way in.
        self.close()


def render_index(rows: list[dict[str, Any]]) -> str:
    """The index page of a batch: one row per filing, in input order."""
    from markupsafe import Markup

    from compiler import __version__
    from compiler.backends.html_view import asset, environment, policy

    style, style_hash = asset("view.css")
    script, script_hash = asset("view_index.js")
    compiled = sum(row["status"] != Status.FAILED.value for row in rows)
    return (
        environment()
        .get_template("view_index.html.j2")
        .render(
            rows=rows,
            compiled=compiled,
            style=Markup(style),
            script=Markup(script),
            csp=policy(style_hash, script_hash),
            version=__version__,
        )
    )


__all__ = ["INDEX", "HtmlSink", "failed_row", "filing_page", "page_name", "render_index"]
