"""The week as files a runner keeps: Markdown, CSV and an iCalendar file (one event per session).

Owns formatting only; the week comes in as a `Week` and nothing here changes it.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar, Event

from chains.week.model import Week, length

CSV_HEADER = ("day", "session", "kind", "minutes", "km", "terrain", "intensity", "details", "why",
              "source")  # fmt: skip


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(week: Week) -> str:
    """A table, one row per day, with the reason and the article section for each.

    >>> from chains.week.model import rest_day
    >>> print(to_markdown(Week((rest_day("Monday", "why", "frequency"),))).splitlines()[2])
    | Monday | Rest | - | No session. | why (frequency) |
    """
    lines = ["| Day | Session | Length | How | Why (article section) |", "|---|---|---|---|---|"]
    for day in week.days:
        lines.append(
            f"| {day.day} | {_cell(day.title)} | {length(day)} | {_cell(day.details)} "
            f"| {_cell(day.why)} ({day.source}) |"
        )
    return "\n".join(lines) + "\n"


def to_csv(week: Week) -> str:
    """One row per day under the header `day,session,kind,minutes,km,terrain,intensity,...`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for d in week.days:
        writer.writerow(
            [d.day, d.title, d.kind, "" if d.minutes is None else d.minutes,
             "" if d.km is None else f"{d.km:g}", d.terrain or "", d.intensity, d.details, d.why,
             d.source]
        )  # fmt: skip
    return out.getvalue()


def to_ics(week: Week, start: date) -> bytes:
    """One all-day event per session that is not rest, for the week starting Monday `start`.

    UIDs and the timestamp derive from the date and day, so the same week exports the same
    bytes and calendar apps update events instead of duplicating them.
    """
    if start.weekday() != 0:
        raise ValueError(f"The week must start on a Monday; {start.isoformat()} is not one.")
    cal = Calendar()
    cal.add("prodid", "-//backstride//return-to-running week//EN")
    cal.add("version", "2.0")
    stamp = datetime(start.year, start.month, start.day, tzinfo=UTC)
    for offset, day in enumerate(week.days):
        if day.kind == "rest":
            continue
        when = start + timedelta(days=offset)
        event = Event()
        event.add("uid", f"{when.isoformat()}-{day.day.lower()}@backstride")
        event.add("dtstamp", stamp)
        event.add("dtstart", when)
        event.add("dtend", when + timedelta(days=1))
        event.add("summary", f"{day.title} ({length(day)})")
        event.add("description", f"{day.details}\n\nWhy: {day.why} (article: {day.source})")
        event.add("categories", [day.kind])
        cal.add_component(event)
    return cal.to_ical()
