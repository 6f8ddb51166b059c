"""The real page in headless Chromium (Debian's `chromium`, driven by Playwright).

Screenshots of each state are saved under a temp dir (printed at the end of the run with -s).
With COACH_BROWSER_TESTS=required (CI), a missing browser fails these tests instead of skipping.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
RUN_KINDS = {"recovery", "easy_run", "stairs", "intervals", "long_run"}


def _need_browser() -> None:
    present = shutil.which(CHROMIUM) is not None
    try:
        import playwright  # noqa: F401
    except ImportError:
        present = False
    if not present:
        if os.environ.get("COACH_BROWSER_TESTS") == "required":
            pytest.fail("Chromium or Playwright is missing: install Debian's chromium package.")
        pytest.skip("no browser here (set COACH_BROWSER_TESTS=required to fail instead)")


@pytest.fixture(scope="module")
def url(coach, tmp_path_factory) -> Iterator[str]:  # type: ignore[no-untyped-def]
    _need_browser()
    import app
    from eval import free_port

    os.environ["GRADIO_TEMP_DIR"] = str(tmp_path_factory.mktemp("gradio"))
    port = free_port()
    demo = app.serve(coach, "127.0.0.1", port, block=False)
    yield f"http://127.0.0.1:{port}"
    demo.close()


@pytest.fixture(scope="module")
def browser(url: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    return Path(tmp_path_factory.mktemp("screenshots"))


def open_page(browser: Any, url: str, width: int = 1400) -> Any:
    page = browser.new_context(viewport={"width": width, "height": 1000}).new_page()
    page.goto(url)
    page.wait_for_selector("textarea[data-testid='textbox']")
    page.wait_for_function("document.querySelectorAll('#week-table [role=gridcell]').length > 0")
    return page


def send(page: Any, message: str) -> str:
    """Type a message, wait for the coach's finished reply, return its text."""
    before = page.locator("[data-testid='bot']").count()
    page.locator("textarea[data-testid='textbox']").fill(message)
    page.locator("textarea[data-testid='textbox']").press("Enter")
    page.wait_for_function(f"document.querySelectorAll(\"[data-testid='bot']\").length > {before}")
    page.wait_for_function("!document.querySelector('.generating, .pending')", timeout=20000)
    page.wait_for_timeout(300)  # the panel updates with the last streamed piece
    return str(page.locator("[data-testid='bot']").last.inner_text())


def table_rows(page: Any) -> list[list[str]]:
    cells = [c.strip() for c in page.locator("#week-table [role=gridcell]").all_inner_texts()]
    return [cells[i : i + 4] for i in range(0, len(cells), 4)]


def test_a_question_is_answered_with_its_source(browser, url, shots) -> None:  # type: ignore[no-untyped-def]
    page = open_page(browser, url)
    page.screenshot(path=shots / "0-start.png", full_page=True)
    reply = send(page, "Can I keep doing my 200m repeats?")
    assert "Speed sessions" in reply and "800m" in reply
    page.get_by_text("Sources").click()
    assert "speed-sessions" in page.locator("#sources").inner_text()
    page.screenshot(path=shots / "1-question.png", full_page=True)


def test_a_four_day_week_changes_the_table_and_lists_reasons(browser, url, shots) -> None:  # type: ignore[no-untyped-def]
    page = open_page(browser, url)
    before = table_rows(page)
    send(page, "I can only run 4 days a week")
    after = table_rows(page)
    assert len(after) == 7 and after != before
    assert any(row[0].startswith("✎") for row in after)  # changed days are marked
    reasons = page.locator("#changes").inner_text()
    assert "Friday" in reasons or "Monday" in reasons
    assert "frequency" in reasons or "sample-week" in reasons
    with page.expect_download() as download:
        page.locator("#download-csv").click()
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text())))
    assert [r["day"] for r in rows] == [row[0].replace("✎", "").strip() for row in after]
    assert [r["session"] for r in rows] == [row[1] for row in after]
    assert sum(r["kind"] in RUN_KINDS for r in rows) <= 4
    page.screenshot(path=shots / "2-week.png", full_page=True)


def test_a_red_flag_shows_the_banner_and_empties_the_week(browser, url, shots) -> None:  # type: ignore[no-untyped-def]
    page = open_page(browser, url)
    send(page, "Show me my week")
    reply = send(page, "I've lost feeling around my bum and can't control my wee")
    assert "emergency" in reply.lower()
    banner = page.locator("#red-flag")
    assert banner.is_visible() and "emergency" in banner.inner_text().lower()
    assert not page.locator("#week-table").is_visible()
    assert page.locator("#week-withheld").is_visible()
    later = send(page, "ok, can I have a 4-day plan?")
    assert banner.is_visible() and not page.locator("#week-table").is_visible()
    assert "emergency" in later.lower()
    page.screenshot(path=shots / "3-red-flag.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 900})
    page.screenshot(path=shots / "4-phone.png", full_page=True)


def test_two_runners_keep_separate_conversations(browser, url, shots) -> None:  # type: ignore[no-untyped-def]
    first, second = open_page(browser, url), open_page(browser, url)
    send(first, "my left foot has gone numb")
    send(second, "There are no stairs near me")
    assert first.locator("#red-flag").is_visible()
    assert not second.locator("#red-flag").is_visible()
    assert len(table_rows(second)) == 7
    assert "numb" not in second.locator("[role='log']").inner_text()
    second.locator("#new-conversation").click()
    second.wait_for_function("document.querySelectorAll(\"[data-testid='bot']\").length == 0")
    assert first.locator("[data-testid='bot']").count() == 1
    second.screenshot(path=shots / "5-second-runner.png", full_page=True)


def test_html_in_a_message_is_shown_as_text(browser, url) -> None:  # type: ignore[no-untyped-def]
    page = open_page(browser, url)
    page.evaluate("window.__pwned = false")
    send(page, "<img src=x onerror='window.__pwned=true'> <script>window.__pwned=true</script>hi")
    assert page.evaluate("window.__pwned") is False
