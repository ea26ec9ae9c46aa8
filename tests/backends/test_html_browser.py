"""``--to html`` in a real browser: headless Chromium from Debian's packages (see conftest.py).

The seed's page has one highlight per span of its JSON and its side panel's links scroll to
them; a hostile filing runs nothing; the 27-person HTML filing's page and a batch index open.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from compiler import compile_filing
from compiler.backends.html_source import compile_view
from compiler.backends.html_view import render_view
from compiler.backends.render import OutputFormat, render
from compiler.cli.app import app
from tests.conftest import CYBERGY, HOSTILE, SEED, hostile_filing, hostile_html_filing, png_colours

pytestmark = pytest.mark.browser


def write_page(directory: Path, source: Path) -> tuple[Path, dict[str, Any]]:
    data = source.read_bytes()
    page = directory / (source.stem + ".html")
    page.write_text(render_view(compile_view(data, str(source))), encoding="utf-8")
    return page, json.loads(render(compile_filing(data, str(source)), OutputFormat.JSON))


def open_page(browser: Any, page: Path, fragment: str = "") -> None:
    browser.get(page.resolve().as_uri() + fragment)


def in_view(browser: Any, element: Any) -> bool:
    return bool(
        browser.execute_script(
            "const r = arguments[0].getBoundingClientRect();"
            "return r.bottom > 0 && r.top < window.innerHeight && r.height > 0;",
            element,
        )
    )


def test_seed_page_highlights_every_span(browser: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    page, document = write_page(tmp_path, SEED)
    open_page(browser, page)
    marks = browser.find_elements(By.CSS_SELECTOR, "pre mark[id]")
    assert len(marks) == len(document["spans"]) == 158
    pointers = {m.get_attribute("title").split(" = ")[0] for m in marks}
    assert pointers == set(document["spans"])
    # Every highlight is drawn (a box with a size), not only present in the markup.
    sizes = browser.execute_script(
        "return [...document.querySelectorAll('pre mark[id]')]"
        ".filter(m => m.getBoundingClientRect().width > 0).length"
    )
    assert sizes == 158


def test_panel_entry_scrolls_to_its_highlight(browser: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    page, _ = write_page(tmp_path, SEED)
    open_page(browser, page)
    # The last transaction's share count: far down the filing, out of view at the top.
    link = browser.find_element(By.CSS_SELECTOR, "#r-tx tbody tr:last-child td:nth-child(3) a")
    target = browser.find_element(By.ID, link.get_attribute("href").split("#")[1])
    assert target.get_attribute("title").startswith("/transactions/34/shares = ")
    assert not in_view(browser, target)
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
    link.click()
    assert in_view(browser, target)
    assert browser.execute_script(
        "return document.querySelector(':target') === arguments[0]", target
    )
    # The panel entry of a cover row as well.
    link = browser.find_element(By.CSS_SELECTOR, "#r-persons .card dd a")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
    link.click()
    target = browser.find_element(By.CSS_SELECTOR, ":target")
    assert target.get_attribute("title").startswith("/reporting_persons/0/name = ")
    assert in_view(browser, target)


def test_keys_move_between_diagnostics(browser: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    page, _ = write_page(tmp_path, SEED)
    open_page(browser, page)
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys("n")
    assert browser.execute_script("return location.hash") == "#d1"
    body.send_keys("n")
    assert browser.execute_script("return location.hash") == "#d2"
    note = browser.find_element(By.ID, "d2")
    assert note.get_attribute("textContent").strip().startswith("info TX-AFTER-EVENT:")
    assert in_view(browser, note)


def test_hostile_filing_runs_nothing(browser: Any, tmp_path: Path) -> None:
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    page = tmp_path / "hostile.html"
    page.write_text(render_view(compile_view(hostile_filing(), "hostile.txt")), encoding="utf-8")
    open_page(browser, page)
    # The title is the filing's issuer, as text: a script that ran would have changed it.
    title = browser.title
    assert title == f"SC 13D: Acme {HOSTILE} (13dc)"
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018
    # Hovering the injected text (an onmouseover would fire) changes nothing either.
    text = browser.find_element(By.ID, "source").text
    assert "<img src=x onerror=" in text and "</pre><script>alert(2)</script>" in text
    for element in browser.find_elements(By.CSS_SELECTOR, "pre mark[id]")[:5]:
        browser.execute_script(
            "arguments[0].dispatchEvent(new MouseEvent('mouseover', {bubbles: true}))", element
        )
    assert browser.title == title
    assert browser.execute_script("return document.scripts.length") == 1
    assert browser.execute_script("return document.images.length") == 0


def test_hostile_html_filing_runs_nothing(browser: Any, tmp_path: Path) -> None:
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    page = tmp_path / "hostile-html.html"
    view = compile_view(hostile_html_filing(), "hostile.htm")
    page.write_text(render_view(view), encoding="utf-8")
    open_page(browser, page)
    assert browser.title == "SC 13D: Acme Widgets, Inc. (13dc)"
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018
    source = browser.find_element(By.ID, "html-source").text
    assert "<script>document.title='pwned'</script>" in source
    assert browser.execute_script("return document.scripts.length") == 1
    assert browser.execute_script("return document.images.length") == 0


def test_screenshot_is_not_blank(browser: Any, tmp_path: Path) -> None:
    page, _ = write_page(tmp_path, SEED)
    open_page(browser, page)
    png = browser.get_screenshot_as_png()
    # Text in black, grey line numbers, the highlights' colours, links: far more than one colour.
    assert png_colours(png) > 20
    blank = tmp_path / "blank.html"
    blank.write_text("<!DOCTYPE html><title>blank</title>", encoding="utf-8")
    open_page(browser, blank)
    assert png_colours(browser.get_screenshot_as_png()) == 1


def test_27_person_html_filing_opens(browser: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    page, document = write_page(tmp_path, CYBERGY)
    assert len(document["reporting_persons"]) == 27
    open_page(browser, page)
    assert len(browser.find_elements(By.CSS_SELECTOR, "#r-persons .card")) == 27
    # The saved page's own script (at its end) is shown in the HTML source, not run.
    assert browser.execute_script("return document.scripts.length") == 1
    marks = browser.find_elements(By.CSS_SELECTOR, "pre mark[id]")
    assert len(marks) == len(document["spans"])
    # A converted line's number leads to its line of the HTML source, shown on the page.
    number = browser.find_element(By.CSS_SELECTOR, "pre.lines > span[id^=L] > a")
    source_id = number.get_attribute("href").split("#")[1]
    number.click()
    assert browser.find_element(By.CSS_SELECTOR, ":target").get_attribute("id") == source_id
    assert in_view(browser, browser.find_element(By.ID, source_id))


def test_batch_index_opens_and_sorts(browser: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(SEED, inputs / "a-seed.txt")
    shutil.copy(CYBERGY, inputs / "b-cybergy.html")
    (inputs / "c-hostile.txt").write_bytes(hostile_filing())
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["compile", str(inputs), "--to", "html", "-o", str(out), "-j", "1"]
    )
    assert result.exit_code == 0, result.output
    open_page(browser, out / "index.html")
    assert browser.title == "13dc: 3 filings"

    def persons() -> list[str]:
        cells = browser.find_elements(By.CSS_SELECTOR, "#filings tbody td:nth-child(7)")
        return [cell.text for cell in cells]

    assert persons() == ["1", "27", "1"]
    heading = browser.find_element(By.XPATH, "//th/button[text()='persons']")
    heading.click()
    assert persons() == ["1", "1", "27"]
    heading.click()
    assert persons() == ["27", "1", "1"]
    browser.find_element(By.LINK_TEXT, str(inputs / "b-cybergy.html")).click()
    assert browser.title.startswith("SC 13D: Cybergy Holdings")
    assert len(browser.find_elements(By.CSS_SELECTOR, "#r-persons .card")) == 27


def test_focus_order_and_labels(browser: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    page, _ = write_page(tmp_path, SEED)
    open_page(browser, page)
    focused = []
    for _ in range(4):
        ActionChains(browser).send_keys(Keys.TAB).perform()
        element = browser.switch_to.active_element
        focused.append((element.tag_name, element.get_attribute("title") or element.text))
    # The skip links, then the values in filing order: the first two on the title page.
    assert focused[0] == ("a", "Skip to the filing")
    assert focused[1] == ("a", "Skip to the compiled record")
    assert focused[2][0] == focused[3][0] == "mark"
    assert focused[2][1].startswith("/issuer/name = ")
    assert focused[3][1].startswith("/security/title = ")
    # Every highlight is focusable and labelled; every section of the record is named.
    unlabelled = browser.execute_script(
        "return [...document.querySelectorAll('pre mark[id]')]"
        ".filter(m => m.tabIndex !== 0 || !m.title.includes(' = ')).length"
    )
    assert unlabelled == 0
    for section in browser.find_elements(By.CSS_SELECTOR, "#record section"):
        label = browser.find_element(By.ID, section.get_attribute("aria-labelledby"))
        assert label.text


def test_page_prints(browser: Any, tmp_path: Path) -> None:
    import base64
    import re

    from selenium.webdriver.common.print_page_options import PrintOptions

    page, _ = write_page(tmp_path, SEED)
    open_page(browser, page)
    # In print, the record follows the filing in full (not a pane clipped to one screen), and
    # tooltips are not drawn.
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        style = browser.execute_script(
            "const r = getComputedStyle(document.getElementById('record'));"
            "const m = getComputedStyle(document.querySelector('mark[id]'), '::after');"
            "return [r.position, r.maxHeight, r.overflowY, m.display];"
        )
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert style == ["static", "none", "visible", "none"]
    pdf = base64.b64decode(browser.print_page(PrintOptions()))
    assert pdf.startswith(b"%PDF")
    # The filing's 700 lines and the record: many sheets.
    assert len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf)) >= 10
