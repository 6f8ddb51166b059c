"""The week as files a runner keeps: Markdown, CSV and an iCalendar file (one event per session).

Owns formatting, and saving the files for the page's downloads; the week comes in as a `Week`
and nothing here changes it.
"""

from __future__ import annotations

import atexit
import csv
import hashlib
import io
import shutil
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

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
    | Monday | Rest | Rest | No session. | why (frequency) |
    """
    lines = ["| Day | Session | Length | How | Why (article section) |", "|---|---|---|---|---|"]
    for day in week.days:
        lines.append(
            f"| {day.day} | {_cell(day.title)} | {length(day)} | {_cell(day.details)} "
            f"| {_cell(day.why)} ({day.source}) |"
        )
    return "\n".join(lines) + "\n"


def to_csv(week: Week) -> str:
    """One row per day under the header `day,session,kind,minutes,km,terrain,intensity,...`;
    a rest day's minutes read "Rest", as everywhere else."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for d in week.days:
        writer.writerow(
            [d.day, d.title, d.kind, length(d) if d.minutes is None else d.minutes,
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


def files(week: Week, today: date) -> dict[str, bytes]:
    """The week as the download buttons' files, by extension; the calendar starts on the next
    Monday (today, when today is one)."""
    monday = today + timedelta(days=(7 - today.weekday()) % 7)
    return {
        "md": to_markdown(week).encode(),
        "csv": to_csv(week).encode(),
        "ics": to_ics(week, monday),
    }


def save(contents: dict[str, bytes], folder: Path) -> list[str]:
    """Write each file into `folder`, named by its content, so the same week is written once
    (the page's downloads). Returns the paths, in the order given."""
    paths = []
    for ext, data in contents.items():
        path = folder / hashlib.sha256(data).hexdigest()[:16] / f"backstride-week.{ext}"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        paths.append(str(path))
    return paths


class Downloads:
    """A folder for the page's download files, removed when the process exits; one per
    process, shared by every browser session (the files hold the week, never the chat)."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="backstride-weeks-"))
        atexit.register(shutil.rmtree, self.folder, ignore_errors=True)

    def paths(self, week: Week | None, today: date) -> list[str | None]:
        """The .md, .csv and .ics files of `week`, or three Nones when there is none."""
        return [*save(files(week, today), self.folder)] if week else [None, None, None]
