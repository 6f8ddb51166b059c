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
from chains.week.export import CSV_HEADER, to_csv, to_ics, to_markdown
from knowledge.week_data import load_sample_week_data

SAMPLE = sample_week(load_sample_week_data())
FOUR_DAYS = adapt(SAMPLE, parse_request("I can only run 4 days a week")).week
MONDAY = date(2025, 3, 3)


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
    cal = Calendar.from_ical(to_ics(FOUR_DAYS, MONDAY))
    events = cal.walk("VEVENT")
    assert len(events) == sum(d.kind != "rest" for d in FOUR_DAYS.days) == 6
    starts = {str(e["SUMMARY"]): e.decoded("DTSTART") for e in events}
    assert starts["Stair session (30 min)"] == date(2025, 3, 4)
    assert starts["Long run:walk (90 min, run 8 : walk 2)"] == date(2025, 3, 9)


def test_ics_is_stable_so_calendars_update_instead_of_duplicating() -> None:
    """Stable means derived from the week and its Monday alone: the same bytes from an equal
    week built afresh, and a timestamp that is the Monday itself, never the clock."""
    rebuilt = Week.from_dict(FOUR_DAYS.to_dict())
    assert rebuilt is not FOUR_DAYS and to_ics(rebuilt, MONDAY) == to_ics(FOUR_DAYS, MONDAY)
    events = Calendar.from_ical(to_ics(FOUR_DAYS, MONDAY)).walk("VEVENT")
    assert {e["DTSTAMP"].dt for e in events} == {datetime(2025, 3, 3, tzinfo=UTC)}
    uids = [str(e["UID"]) for e in Calendar.from_ical(to_ics(SAMPLE, MONDAY)).walk("VEVENT")]
    assert uids[0] == "2025-03-03-monday@backstride" and len(set(uids)) == 7


def test_ics_needs_a_monday() -> None:
    with pytest.raises(ValueError, match="must start on a Monday"):
        to_ics(SAMPLE, date(2025, 3, 4))
