"""Exports of the week: Markdown, CSV and iCalendar."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

import pytest
from icalendar import Calendar

from chains.request import parse_request
from chains.rules import adapt
from chains.week import Week, sample_week
from chains.week.export import CSV_HEADER, DISCLAIMER, Downloads, to_csv, to_ics, to_markdown
from knowledge.week_data import load_sample_week_data

SAMPLE = sample_week(load_sample_week_data())
FOUR_DAYS = adapt(SAMPLE, parse_request("I can only run 4 days a week")).week
MONDAY = date(2025, 3, 3)
MADE = datetime(2025, 2, 27, 18, 30, tzinfo=UTC)  # the Thursday before, when it was downloaded


def test_a_dated_markdown_week_has_a_title_the_dates_and_the_disclaimer() -> None:
    lines = to_markdown(FOUR_DAYS, MONDAY, adapted=True).splitlines()
    assert lines[0] == "# Your running week, 3–9 March 2025"
    assert lines[4].startswith("| Monday 3 Mar |") and lines[10].startswith("| Sunday 9 Mar |")
    assert lines[-1] == f"_{DISCLAIMER}_"
    sample = to_markdown(SAMPLE, MONDAY, adapted=False).splitlines()
    assert sample[0] == "# The article's sample week, 3–9 March 2025"


def test_markdown_is_a_table_with_a_row_per_day_and_its_section() -> None:
    lines = to_markdown(SAMPLE).splitlines()
    assert lines[0].startswith("| Day | Session |") and len(lines) == 2 + 7
    assert lines[2].startswith("| Monday | Recovery run or walk | 30 min, 5 km |")
    assert lines[-1].endswith("(long-runs) |") and "run 8 : walk 2" in lines[-1]


def test_csv_has_the_header_and_a_row_per_day() -> None:
    rows = list(csv.reader(io.StringIO(to_csv(FOUR_DAYS))))
    assert tuple(rows[0]) == CSV_HEADER == ("day", "session", "kind", "minutes", "km", "terrain",
                                            "intensity", "details", "why", "source")  # fmt: skip
    assert [r[0] for r in rows[1:]] == [d.day for d in FOUR_DAYS.days]
    friday = rows[5]
    assert friday[:5] == ["Friday", "Rest", "rest", "Rest", ""] and friday[-1] == "frequency"


def test_ics_has_one_event_per_session_on_its_date() -> None:
    cal = Calendar.from_ical(to_ics(FOUR_DAYS, MONDAY, MADE))
    assert str(cal["X-WR-CALNAME"]) == "backstride running week, 3–9 March 2025"
    events = cal.walk("VEVENT")
    assert len(events) == sum(d.kind != "rest" for d in FOUR_DAYS.days) == 6
    starts = {str(e["SUMMARY"]): e.decoded("DTSTART") for e in events}
    assert starts["Stair session (30 min)"] == date(2025, 3, 4)
    assert starts["Long run:walk (90 min, run 8 : walk 2)"] == date(2025, 3, 9)


def test_ics_is_stamped_when_made_and_stable_so_calendars_update() -> None:
    """DTSTAMP is when the file was made (never the future Monday); the UIDs come from the date
    and day alone, so a later download updates the same events instead of duplicating them."""
    rebuilt = Week.from_dict(FOUR_DAYS.to_dict())
    same = to_ics(rebuilt, MONDAY, MADE) == to_ics(FOUR_DAYS, MONDAY, MADE)
    assert rebuilt is not FOUR_DAYS and same
    events = Calendar.from_ical(to_ics(FOUR_DAYS, MONDAY, MADE)).walk("VEVENT")
    assert {e["DTSTAMP"].dt for e in events} == {MADE}
    later = Calendar.from_ical(to_ics(SAMPLE, MONDAY, MADE)).walk("VEVENT")
    uids = [str(e["UID"]) for e in later]
    assert uids[0] == "2025-03-03-monday@backstride" and len(set(uids)) == 7


def test_downloads_are_named_by_their_monday_and_whether_adapted() -> None:
    downloads = Downloads(sample=SAMPLE)
    downloads.offer("mine", FOUR_DAYS, MONDAY)
    adapted = downloads.file("mine", "md", MADE)
    sample = downloads.file(Downloads.sample_token(MONDAY), "ics", MADE)
    assert adapted and adapted[0] == "backstride-week-2025-03-03-adapted.md"
    assert sample and sample[0] == "backstride-week-2025-03-03-sample.ics"
    assert adapted[1].decode().startswith("# Your running week, 3–9 March 2025")


def test_ics_needs_a_monday() -> None:
    with pytest.raises(ValueError, match="must start on a Monday"):
        to_ics(SAMPLE, date(2025, 3, 4), MADE)
