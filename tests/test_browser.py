"""The real page in headless Chromium (Debian's `chromium`, driven by Playwright), used as a
runner would: at 1280, 1440 and 390 px wide.

Screenshots of each state are saved under a temp dir (its path is printed with -s).
With COACH_BROWSER_TESTS=required (CI), a missing browser fails these tests instead of skipping.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import threading
from collections.abc import Iterator
from datetime import date, datetime, timedelta
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
BOT, USER = "#chat [data-testid='bot']", "#chat [data-testid='user']"
BOX = "#message textarea"


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


class Gated:
    """The real coach, but each turn waits until the test opens the gate: what the page shows
    while a turn runs can then be looked at without racing it."""

    def __init__(self, coach: Any) -> None:
        self.coach, self.sample, self.titles = coach, coach.sample, coach.titles
        self.gate = threading.Event()
        self.gate.set()

    def stream(self, session: Any, message: str) -> Iterator[Any]:
        self.gate.wait(timeout=60)
        yield from self.coach.stream(session, message)


@pytest.fixture(scope="module")
def gated(coach) -> Gated:  # type: ignore[no-untyped-def]
    return Gated(coach)


@pytest.fixture(scope="module")
def url(gated, tmp_path_factory) -> Iterator[str]:  # type: ignore[no-untyped-def]
    _need_browser()
    from chains import ui
    from eval import free_port

    os.environ["GRADIO_TEMP_DIR"] = str(tmp_path_factory.mktemp("gradio"))
    port = free_port()
    demo = ui.serve(gated, "127.0.0.1", port, block=False)
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
    folder = Path(tmp_path_factory.mktemp("screenshots"))
    print(f"\nscreenshots: {folder}")
    return folder


def open_page(browser: Any, url: str, width: int = 1280, height: int = 800) -> Any:
    page = browser.new_context(viewport={"width": width, "height": height}).new_page()
    page.goto(url)
    page.wait_for_selector(BOX)
    page.wait_for_function("document.querySelectorAll('#week-table tr[data-day]').length == 7")
    return page


def send(page: Any, message: str) -> str:
    """Type a message, wait for the coach's finished reply, return its text. Without a model
    the reply and the panel arrive in one update, so the new bot message means both are in."""
    before = page.locator(BOT).count()
    page.locator(BOX).fill(message)
    page.locator(BOX).press("Enter")
    page.wait_for_function(f'document.querySelectorAll("{BOT}").length > {before}')
    page.wait_for_function("!document.querySelector('#chat .generating, #chat .pending')")
    return str(page.locator(BOT).last.inner_text())


def rows(page: Any) -> list[list[str]]:
    """The week table: per day, [day with its marks, session, length, what to do]."""
    found = page.locator("#week-table tbody tr").evaluate_all(
        "rows => rows.map(r => [...r.children].map(c => c.innerText.trim()))"
    )
    return [list(r) for r in found]


def marked(page: Any) -> list[str]:
    return [r[0].split()[1] for r in rows(page) if r[0].startswith("✎")]


def all_widths(page: Any, shots: Path, name: str) -> None:
    for width in (1280, 1440, 390):
        page.set_viewport_size({"width": width, "height": 800})
        page.screenshot(path=shots / f"{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 800})


def test_all_seven_days_show_at_1280_by_800_with_dates_and_today(browser, url, shots) -> None:  # type: ignore[no-untyped-def]
    page = open_page(browser, url)
    page.screenshot(path=shots / "start-1280-viewport.png")
    table = page.locator("#week-table")
    assert table.evaluate("t => t.scrollHeight <= t.clientHeight + 1")  # no inner scroll
    boxes = page.locator("#week-table tbody tr").evaluate_all(
        "rows => rows.map(r => r.getBoundingClientRect().bottom)"
    )
    assert len(boxes) == 7 and max(boxes) <= 800  # Sunday's long run included
    monday = date.today() - timedelta(days=date.today().weekday())
    dates = [r[0] for r in rows(page)]
    for offset, shown in enumerate(dates):
        assert f"{monday + timedelta(days=offset):%a %d %b}" in shown
    today = page.locator("#week-table tr.today")
    assert today.count() == 1 and "Today" in today.inner_text()
    heads = page.locator("#week-table thead th").evaluate_all(
        "hs => hs.map(h => h.getClientRects()[0].height)"
    )
    assert max(heads) < 2 * min(heads) + 1  # one line each: no "Mi/n" or "Sund/ay"
    assert "Rest" in page.locator("#week-chart").inner_text()  # the legend
    assert "scale 0–90" in page.locator("#week-chart").inner_text()
    all_widths(page, shots, "start")


def test_the_runners_message_shows_at_once_and_the_week_stays_put(
    browser, url, gated, shots
) -> None:  # type: ignore[no-untyped-def]
    page = open_page(browser, url)
    gated.gate.clear()
    try:
        page.locator(BOX).fill("Why should I run more often?")
        page.locator(BOX).press("Enter")
        page.wait_for_selector(USER)
        assert page.locator(BOT).count() == 0 and page.locator(BOX).input_value() == ""
        page.wait_for_selector("#chat [aria-label='Loading response']")  # typing dots
        page.screenshot(path=shots / "thinking-1280.png")
        assert (
            page.locator("#week-table .wrap:not(.hide), #week-chart .wrap:not(.hide)").count() == 0
        )
        assert "processing" not in page.locator("body").inner_text().lower()
    finally:
        gated.gate.set()
    page.wait_for_selector(BOT)


def test_blank_messages_are_not_sent(browser, url) -> None:  # type: ignore[no-untyped-def]
    page = open_page(browser, url)
    for blank in ("", "   ", "\n\t "):
        page.locator(BOX).fill(blank)
        page.locator(BOX).press("Enter")
    page.locator("#send").click()
    send(page, "Why should I run more often?")
    assert page.locator(USER).count() == 1 and page.locator(BOT).count() == 1


def test_a_question_cites_section_titles_without_ids_or_scores(browser, url, shots) -> None:  # type: ignore[no-untyped-def]
    page = open_page(browser, url)
    reply = send(page, "Can I keep doing my 200m repeats?")
    assert "Speed sessions" in reply and "800m" in reply
    assert page.locator(f"{BOT} code").count() == 0 and "speed-sessions" not in reply
    page.get_by_text("Sources").click()
    cited = page.locator("#sources").inner_text()
    assert "Speed sessions" in cited and "score" not in cited and "speed-sessions" not in cited
    link = page.locator("#sources a", has_text="Speed sessions").first
    with page.expect_popup() as opened:  # the article opens beside the chat, which stays
        link.click()
    article = opened.value
    article.wait_for_load_state()
    assert article.url.endswith("/backstride/article#speed-sessions")
    heading = article.locator("h2#speed-sessions")
    assert heading.inner_text() == "Speed sessions" and heading.is_visible()
    assert "800" in article.locator("section", has=heading).inner_text()
    article.screenshot(path=shots / "article-speed-sessions.png")
    article.close()
    assert "Speed sessions" in page.locator(BOT).last.inner_text()
    all_widths(page, shots, "question")


def test_a_week_reply_is_short_the_marks_honest_and_the_files_match(browser, url, shots) -> None:  # type: ignore[no-untyped-def]
    page = open_page(browser, url)
    before = rows(page)
    first = send(page, "I can only run 4 days a week")
    after = rows(page)
    assert len(after) == 7 and after != before
    assert first.startswith("Got it:") and "Technique" in first and "(s)" not in first
    top = page.evaluate(  # the reply's first line is in view, not scrolled past to its end
        f"""() => document.querySelectorAll("{BOT}")[0].getBoundingClientRect().top
            - document.querySelector('#chat [role=log]').getBoundingClientRect().top"""
    )
    assert 0 <= top < 200
    four = marked(page)
    second = send(page, "There are no stairs near me")
    assert "Technique" not in second and "|" not in second and len(second) < 500
    assert set(four) < set(marked(page))  # the first turn's days keep their marks
    fresh = page.locator("#week-table tr.fresh").all_inner_texts()
    assert len(fresh) == 1 and "Tuesday" in fresh[0]
    reasons = page.locator("#changes").inner_text()
    assert all(day in reasons for day in marked(page)) and "`" not in reasons
    page.screenshot(path=shots / "week-1280-viewport.png")
    shown = rows(page)
    with page.expect_download() as download:
        page.locator("#download-csv").click()
    table = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text())))
    assert [r["day"] for r in table] == [r[0].replace("✎", "").split()[0] for r in shown]
    assert [r["session"] for r in table] == [r[1].splitlines()[0] for r in shown]
    assert sum(r["kind"] in RUN_KINDS for r in table) <= 4
    assert all(r["minutes"] == "Rest" for r in table if r["kind"] == "rest")
    with page.expect_download() as download:
        page.locator("#download-md").click()
    md = Path(download.value.path()).read_text()
    monday = rows(page)[0][0].replace("✎", "").split(maxsplit=1)[1]  # "Mon 07 Dec"
    assert download.value.suggested_filename.endswith("-adapted.md")
    assert md.startswith("# Your running week, ") and "not a diagnosis" in md
    assert f"| Monday {int(monday.split()[1])} {monday.split()[2]} |" in md
    with page.expect_download() as download:
        page.locator("#download-ics").click()
    ics = Path(download.value.path()).read_text()
    assert "X-WR-CALNAME:backstride running week" in ics
    starts = [
        datetime.strptime(d, "%Y%m%d").date() for d in re.findall(r"DTSTART;VALUE=DATE:(\d+)", ics)
    ]
    dated = {r[0].replace("✎", "").split()[0]: r[0] for r in shown}
    for start in starts:  # each calendar event falls on the date the table gives its day
        assert f"{start:%a %d %b}" in dated[f"{start:%A}"]
    all_widths(page, shots, "week")


@pytest.mark.parametrize(
    ("message", "level", "heading", "where"),
    [("I've lost feeling around my bum and can't control my wee", "emergency",
      "Emergency: go to an emergency department now", "emergency department now"),
     ("my left foot has gone numb", "urgent",
      "See a doctor or physiotherapist within a day or two", "within a day or two")],
)  # fmt: skip
def test_a_red_flag_looks_its_level_and_withholds_the_week(  # type: ignore[no-untyped-def]
    browser, url, shots, message, level, heading, where
) -> None:
    page = open_page(browser, url)
    send(page, "Show me my week")
    send(page, message)
    banner = page.locator("#red-flag")
    assert banner.is_visible() and page.locator("#page-state").get_attribute("data-level") == level
    assert banner.locator("h3").inner_text().strip() == heading
    colour = banner.evaluate("b => getComputedStyle(b).backgroundColor")
    assert (colour == "rgb(179, 38, 30)") is (level == "emergency")
    assert not page.locator("#week-table").is_visible()
    assert page.locator("#week-withheld").is_visible()
    starters = [b.inner_text() for b in page.locator(".starter").all() if b.is_visible()]
    assert starters and not any("days a week" in s or "stairs" in s for s in starters)
    assert not page.get_by_text("Why these changes").is_visible()
    later = send(page, "ok, can I have a 4-day plan?")
    assert banner.is_visible() and not page.locator("#week-table").is_visible()
    assert where in later and "program" in later
    all_widths(page, shots, f"red-flag-{level}")


def test_starting_over_leaves_no_trace_and_asks_first(browser, url, shots) -> None:  # type: ignore[no-untyped-def]
    page = open_page(browser, url)
    send(page, "I can only run 4 days a week")
    page.get_by_label("Clear").click()  # the chat's trash icon
    confirm = page.locator("#confirm-new")
    confirm.wait_for()
    assert "adapted week" in confirm.inner_text()
    page.screenshot(path=shots / "confirm-1280.png")
    assert page.locator(BOT).count() == 1  # still there while the page asks
    page.locator("#keep").click()
    confirm.wait_for(state="hidden")
    assert page.locator(BOT).count() == 1 and marked(page)  # kept as it was
    page.locator("#new-conversation").click()
    page.locator("#confirm-start-over").click()
    page.wait_for_function(f'document.querySelectorAll("{BOT}").length == 0')
    page.wait_for_function("!document.querySelector('#week-table .mark')")
    reply = send(page, "Show me my week")
    assert page.locator(USER).count() == 1 and "4 days" not in page.locator("#chat").inner_text()
    assert marked(page) == [] and "sample week" in reply
    page.locator("#new-conversation").click()  # nothing of the runner's to drop: no question
    page.wait_for_function(f'document.querySelectorAll("{BOT}").length == 0')
    assert not confirm.is_visible()


def test_the_page_is_finished_and_says_nothing_is_stored(browser, url) -> None:  # type: ignore[no-untyped-def]
    page = open_page(browser, url)
    text = page.locator("body").inner_text()
    assert "Conversations are not stored" in text
    assert "Built with Gradio" not in text and "Use via API" not in text
    assert page.locator("#chat label").count() == 0  # no "Coach" label over the first line
    send(page, "hello")
    named = page.locator("#chat button").evaluate_all("bs => bs.map(b => b.ariaLabel || '')")
    assert set(named) <= {"Clear", "Copy message"}  # no share icon that does nothing
    assert page.get_by_label("Your message to the coach").count() == 1
    size = page.locator(".starter").first.evaluate("b => parseFloat(getComputedStyle(b).fontSize)")
    assert size >= 14
    colour = page.locator(BOX).evaluate("t => getComputedStyle(t, '::placeholder').color")
    assert _contrast(colour, "rgb(255, 255, 255)") >= 4.5


def test_on_a_phone_the_page_scrolls_once_and_the_chat_leads_to_the_week(
    browser, url, shots
) -> None:  # type: ignore[no-untyped-def]
    page = open_page(browser, url, width=390)
    send(page, "I can only run 4 days a week")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.locator("#week-table").evaluate("t => t.scrollWidth <= t.clientWidth + 1")
    log = page.locator("#chat [role=log]")
    assert log.evaluate("l => l.scrollHeight <= l.clientHeight + 1")  # no inner scroll
    page.locator(BOT).last.get_by_role("link", name="see the week").click()
    page.wait_for_function(
        "Math.abs(document.querySelector('#week').getBoundingClientRect().top) < 40"
    )
    page.screenshot(path=shots / "phone-week-jump-390.png")


def test_no_serious_accessibility_violations(browser, url) -> None:  # type: ignore[no-untyped-def]
    from axe_playwright_python.sync_playwright import Axe

    page = open_page(browser, url)
    send(page, "I can only run 4 days a week")
    found = Axe().run(page).response["violations"]
    serious = [(v["id"], v["impact"], len(v["nodes"])) for v in found
               if v["impact"] in ("serious", "critical")]  # fmt: skip
    assert serious == []


def test_two_runners_keep_separate_conversations(browser, url, shots) -> None:  # type: ignore[no-untyped-def]
    first, second = open_page(browser, url), open_page(browser, url)
    send(first, "my left foot has gone numb")
    send(second, "There are no stairs near me")
    assert first.locator("#red-flag").is_visible()
    assert not second.locator("#red-flag").is_visible()
    assert len(rows(second)) == 7
    assert "numb" not in second.locator("[role='log']").inner_text()
    second.locator("#new-conversation").click()
    second.locator("#confirm-start-over").click()
    second.wait_for_function(f'document.querySelectorAll("{BOT}").length == 0')
    assert first.locator(BOT).count() == 1


def test_html_in_a_message_is_shown_as_text(browser, url) -> None:  # type: ignore[no-untyped-def]
    page = open_page(browser, url)
    page.evaluate("window.__pwned = false")
    send(page, "<img src=x onerror='window.__pwned=true'> <script>window.__pwned=true</script>hi")
    assert page.evaluate("window.__pwned") is False


def _contrast(fore: str, back: str) -> float:
    """WCAG contrast ratio of two CSS rgb() colours."""

    def luminance(colour: str) -> float:
        channels = [int(c) / 255 for c in re.findall(r"\d+", colour)[:3]]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(fore), luminance(back)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
