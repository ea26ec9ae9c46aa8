"""``--to html`` without a browser: the page's highlights against ``--to json``'s spans, escaping
of hostile filings, size, self-containment, rows with no value, batches."""

from __future__ import annotations

import glob
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from compiler import compile_filing
from compiler.backends.html_marks import Highlight, line_pieces
from compiler.backends.html_source import compile_view
from compiler.backends.html_view import asset
from compiler.backends.render import OutputFormat, render
from compiler.backends.render_json import span_pointers
from compiler.cli.app import app
from compiler.errors import InputError
from tests.conftest import (
    CYBERGY,
    ROOT,
    SEED,
    hostile_filing,
    hostile_html_filing,
    page_of,
)
from tests.minimal_filing import minimal_13d

FIXTURES = sorted(
    p
    for p in glob.glob(str(ROOT / "tests" / "fixtures" / "**" / "*"), recursive=True)
    if p.endswith((".txt", ".htm", ".html", ".nc"))
)
# The bare XML-era fixtures (an EDGAR .txt around one is among FIXTURES): their view is lowered
# from the element tree.
XML_FIXTURES = sorted(glob.glob(str(ROOT / "tests" / "fixtures" / "xml" / "*.xml")))
HTML_FIXTURES = [p for p in FIXTURES if p.endswith((".htm", ".html"))]


class _Elements(HTMLParser):
    """Every start tag of a page, with its attributes, and the text of its scripts."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data


def elements(page: str) -> _Elements:
    parser = _Elements()
    parser.feed(page)
    return parser


def test_seed_page_has_one_highlight_per_json_span() -> None:
    data = SEED.read_bytes()
    spans = json.loads(render(compile_filing(data, str(SEED)), OutputFormat.JSON))["spans"]
    page = elements(page_of(data, str(SEED)))
    marks = [attrs for tag, attrs in page.tags if tag == "mark" and attrs.get("id")]
    assert len(spans) == 158
    assert len(marks) == len(spans)
    # Each highlight names its pointer and the place JSON gives it.
    titles = {(a["title"] or "").split(" = ")[0]: a["title"] or "" for a in marks}
    assert sorted(titles) == sorted(spans)
    for pointer, span in spans.items():
        assert titles[pointer].endswith(f"(line {span['line']}, column {span['column']})")


@pytest.mark.parametrize(
    "path", [str(CYBERGY), *FIXTURES, *XML_FIXTURES], ids=lambda p: Path(p).name
)
def test_view_compiles_what_json_compiles(path: str) -> None:
    """The second lowering (spans on display lines) gives --to json's values, pointers and
    diagnostics, and its spans map back onto --to json's spans exactly."""
    data = Path(path).read_bytes()
    try:
        filing = compile_filing(data, path)
    except InputError:
        pytest.skip("the source stage rejects this file")
    view = compile_view(data, path)
    expected = json.loads(render(filing, OutputFormat.JSON))
    got = json.loads(render(view.filing, OutputFormat.JSON))
    expected_spans, got_spans = expected.pop("spans"), got.pop("spans")
    assert list(got_spans) == list(expected_spans)
    strip = [{k: d[k] for k in ("code", "severity", "message")} for d in got.pop("diagnostics")]
    want = [{k: d[k] for k in ("code", "severity", "message")} for d in expected.pop("diagnostics")]
    assert sorted(map(str, strip)) == sorted(map(str, want))
    assert got == expected
    for pointer, span in span_pointers(view.filing).items():
        original = view.original(span)
        assert {
            "line": original.line,
            "column": original.column,
            "end_line": original.end_line,
            "end_column": original.end_column,
        } == expected_spans[pointer]


@pytest.mark.parametrize("path", [str(SEED), str(CYBERGY), *FIXTURES], ids=lambda p: Path(p).name)
def test_page_is_self_contained_and_proportional(path: str) -> None:
    data = Path(path).read_bytes()
    try:
        page = page_of(data, path)
    except InputError:
        pytest.skip("the source stage rejects this file")
    assert len(page.encode("utf-8")) <= 6 * len(data)
    parsed = elements(page)
    # Nothing is fetched: no src, no stylesheet link, no url() or @import in the style.
    assert not [attrs for _, attrs in parsed.tags if "src" in attrs]
    assert [tag for tag, _ in parsed.tags].count("link") == 0
    style = asset("view.css")[0]
    assert "url(" not in style and "@import" not in style
    highlights = [attrs["id"] for tag, attrs in parsed.tags if tag == "mark" and attrs.get("id")]
    assert len(highlights) == len(span_pointers(compile_view(data, path).filing))
    # The record leads to every highlight.
    record = page[page.index('<aside id="record"') : page.index("</aside>")]
    assert {f'href="#{ident}"' for ident in highlights} <= set(re.findall(r'href="#h\d+"', record))


@pytest.mark.parametrize("path", XML_FIXTURES, ids=lambda p: Path(p).name)
def test_an_xml_page_highlights_every_span_and_records_each(path: str) -> None:
    """An XML-era filing's page: one highlight per span of --to json (a CIK, a place's code, a
    group box, an exhibit's text included), each led to from the record."""
    data = Path(path).read_bytes()
    page = page_of(data, path)
    parsed = elements(page)
    highlights = [attrs["id"] for tag, attrs in parsed.tags if tag == "mark" and attrs.get("id")]
    spans = json.loads(render(compile_filing(data, path), OutputFormat.JSON))["spans"]
    assert len(highlights) == len(spans) > 0
    record = page[page.index('<aside id="record"') : page.index("</aside>")]
    assert {f'href="#{ident}"' for ident in highlights} <= set(re.findall(r'href="#h\d+"', record))


def test_hostile_filing_is_shown_as_text() -> None:
    page = page_of(hostile_filing())
    parsed = elements(page)
    # One script: ours, as the policy's hash allows it; no event handler anywhere.
    assert parsed.scripts == [asset("view.js")[0]]
    assert [tag for tag, _ in parsed.tags].count("script") == 1
    assert not [a for _, attrs in parsed.tags for a in attrs if a.startswith("on")]
    assert [tag for tag, _ in parsed.tags].count("img") == 0
    assert page.count("</pre>") == 1
    # The text is there, escaped, where the filing has it.
    assert "&lt;script&gt;document.title=&#39;pwned&#39;;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=&#34;document.title=&#39;pwned&#39;&#34;&gt;" in page
    policy = next(a["content"] or "" for t, a in parsed.tags if t == "meta" and "content" in a)
    assert policy.startswith("default-src 'none'; style-src 'sha256-")
    assert "script-src 'sha256-" in policy


def test_hostile_html_filing_is_shown_as_text() -> None:
    page = page_of(hostile_html_filing(), "hostile.htm")
    parsed = elements(page)
    assert parsed.scripts == [asset("view.js")[0]]
    assert not [a for _, attrs in parsed.tags for a in attrs if a.startswith("on")]
    assert [tag for tag, _ in parsed.tags].count("img") == 0
    assert "&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;" in page


def test_control_characters_keep_their_columns() -> None:
    data = minimal_13d(item5_text="Bell \x07 and escape \x1b[31m here.")
    page = page_of(data)
    assert "\x1b" not in page and "\x07" not in page
    assert "Bell \u2407 and escape \u241b[31m here." in page


def test_cover_row_without_value_is_marked() -> None:
    data = minimal_13d(sole_vote="")
    view = compile_view(data, "filing.txt")
    assert view.filing.reporting_persons[0].sole_voting_power is None
    page = page_of(data)
    row = next(r for r in view.cover_rows if r.field == "sole_voting_power")
    line = f"<span id=L{row.line + 1} class=nv>"
    assert line in page
    badge = '"/reporting_persons/0/sole_voting_power">  ◀ no value read: sole_voting_power<'
    assert badge in page
    # The panel's null entry leads to the row.
    assert f'<dd class="null"><a href="#L{row.line + 1}">null</a></dd>' in page
    # A clean filing has no such row.
    assert " class=nv>" not in page_of(minimal_13d())


def test_row_fields_name_the_lexers_cover_rows() -> None:
    """The no-value marks find cover rows by their terminals: a renamed terminal must fail here,
    not silently stop marking rows."""
    from compiler.backends.html_source import ROW_FIELDS
    from compiler.ir import ReportingPerson
    from compiler.schema import ROW_TERMINALS

    assert set(ROW_FIELDS) <= ROW_TERMINALS
    assert set(ROW_FIELDS.values()) <= set(ReportingPerson.__dataclass_fields__)


def test_diagnostics_sit_under_their_lines() -> None:
    data = minimal_13d(sole_vote="approx. two million")
    view = compile_view(data, "filing.txt")
    page = page_of(data)
    codes = [d.code for d in view.filing.diagnostics]
    assert "VALUE-UNPARSED" in codes
    for number, diagnostic in enumerate(view.filing.diagnostics, start=1):
        assert diagnostic.span is not None
        line_at = re.search(f"<span id=L{diagnostic.span.line}[ >]", page)
        next_line = re.search(f"<span id=L{diagnostic.span.line + 1}[ >]", page)
        assert line_at is not None and next_line is not None
        assert line_at.start() < page.index(f" id=d{number} ") < next_line.start()


@pytest.mark.parametrize("path", [str(CYBERGY), *HTML_FIXTURES], ids=lambda p: Path(p).name)
def test_html_filing_lines_link_to_their_source_lines(path: str) -> None:
    data = Path(path).read_bytes()
    view = compile_view(data, path)
    page = page_of(data, path)
    source_lines = len(data.decode(view.document.encoding).splitlines())
    assert f"<span id=S{source_lines}>" in page
    for index in (0, len(view.document.lines) // 2, len(view.document.lines) - 1):
        origin = view.origin_line(index)
        assert f"<span id=L{index + 1}><a href=#S{origin} tabindex=-1>" in page
        assert f"<span id=S{origin}>" in page


def _marks(text: str, *spans: tuple[int, int, int, int]) -> str:
    highlights = [
        Highlight(ident=f"h{n}", kind="cover", label="", line=a, column=b, end_line=c, end_column=d)
        for n, (a, b, c, d) in enumerate(spans, start=1)
    ]
    lines = text.split("\n")
    out = []
    for pieces in line_pieces(lines, highlights):
        line = ""
        for kind, arg, first in pieces:
            if kind == "t":
                line += str(arg)
            elif kind == "o":
                assert isinstance(arg, Highlight)
                line += f"<{arg.ident}{'' if first else '+'}>"
            else:
                line += "</>"
        out.append(line)
    return "\n".join(out)


def test_marks_nest_split_and_clamp() -> None:
    # Nested, crossing (the second is closed and continued), on two lines, zero width, and past
    # the end of its line: each span shows once with its id, the text stays whole.
    assert _marks("abcdef", (0, 0, 0, 6), (0, 2, 0, 4)) == "<h1>ab<h2>cd</>ef</>"
    assert _marks("abcdef", (0, 0, 0, 4), (0, 2, 0, 6)) == "<h1>ab<h2>cd</></><h2+>ef</>"
    assert _marks("abc\ndef", (0, 1, 1, 2)) == "a<h1>bc</>\n<h1+>de</>f"
    assert _marks("abc", (0, 1, 0, 1)) == "a<h1></>bc"
    assert _marks("ab", (0, 4, 0, 6)) == "ab  <h1>  </>"


runner = CliRunner()


def test_cli_writes_one_page(tmp_path: Path) -> None:
    out = tmp_path / "view.html"
    result = runner.invoke(app, ["compile", str(SEED), "--to", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == page_of(SEED.read_bytes(), str(SEED))


def test_cli_batch_writes_pages_and_an_index(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_bytes(SEED.read_bytes())
    (inputs / "b.txt").write_bytes(hostile_filing())
    (inputs / "c.txt").write_bytes(b"not a filing at all\n")
    out = tmp_path / "out"
    result = runner.invoke(app, ["compile", str(inputs), "--to", "html", "-o", str(out), "-j", "1"])
    assert result.exit_code == 1, result.output  # one file failed
    assert sorted(p.name for p in out.iterdir()) == ["0001-a.html", "0002-b.html", "index.html"]
    index = (out / "index.html").read_text(encoding="utf-8")
    parsed = elements(index)
    links = [attrs["href"] for tag, attrs in parsed.tags if tag == "a"]
    assert links == ["0001-a.html", "0002-b.html"]
    rows = re.findall(r"<tr><td class=\"num\">(\d+)</td>", index)
    assert rows == ["1", "2", "3"]
    assert "failed: INPUT-REJECTED" in index
    assert "Acme &lt;script&gt;" in index and [t for t, _ in parsed.tags].count("script") == 1
    assert 'href="index.html"' in (out / "0001-a.html").read_text(encoding="utf-8")


def test_cli_batch_html_needs_a_directory(tmp_path: Path) -> None:
    result = runner.invoke(app, ["compile", str(SEED), str(SEED) + "x", "--to", "html"])
    assert result.exit_code == 2
    assert "give -o OUT" in result.output
