"""The week as files a runner keeps: Markdown, CSV and an iCalendar file (one event per session).

Owns formatting, and the page's downloads (the links, and the files built in memory when
asked for); the week comes in as a `Week` and nothing here changes it.
"""

from __future__ import annotations

import csv
import io
import threading
from collections import OrderedDict
from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar, Event

from chains.week.model import Week, length

CSV_HEADER = ("day", "session", "kind", "minutes", "km", "terrain", "intensity", "details", "why",
              "source")  # fmt: skip


DISCLAIMER = (
    "General guidance from one physiotherapy article (Return to running after lower back pain), "
    "not a diagnosis or a substitute for your physiotherapist or doctor. Stop running and get "
    "checked at once if you notice numbness, tingling or weakness in your legs, or any change in "
    "bladder or bowel control or in the feeling between your legs."
)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def span(monday: date) -> str:
    """The week's dates as a runner reads them.

    >>> span(date(2026, 12, 7)), span(date(2026, 12, 28))
    ('7–13 December 2026', '28 December 2026 – 3 January 2027')
    """
    sunday = monday + timedelta(days=6)
    if sunday.month == monday.month:
        return f"{monday.day}–{sunday.day} {sunday:%B %Y}"
    if sunday.year == monday.year:
        return f"{monday.day} {monday:%B} – {sunday.day} {sunday:%B %Y}"
    return f"{monday.day} {monday:%B %Y} – {sunday.day} {sunday:%B %Y}"


def file_name(monday: date, adapted: bool, ext: str) -> str:
    """The download's name: its Monday, and whether it is the runner's week or the sample.

    >>> file_name(date(2026, 12, 7), True, "ics")
    'backstride-week-2026-12-07-adapted.ics'
    """
    return f"backstride-week-{monday.isoformat()}-{'adapted' if adapted else 'sample'}.{ext}"


def to_markdown(week: Week, monday: date | None = None, adapted: bool = True) -> str:
    """A table, one row per day, with the reason and the article section for each; dated from
    `monday`, with a title and the disclaimer, when it is given.

    >>> from chains.week.model import rest_day
    >>> print(to_markdown(Week((rest_day("Monday", "why", "frequency"),))).splitlines()[2])
    | Monday | Rest | Rest | No session. | why (frequency) |
    """
    lines = []
    if monday is not None:
        title = "Your running week" if adapted else "The article's sample week"
        lines += [f"# {title}, {span(monday)}", ""]
    lines += ["| Day | Session | Length | How | Why (article section) |", "|---|---|---|---|---|"]
    for offset, day in enumerate(week.days):
        when = "" if monday is None else f" {monday + timedelta(days=offset):%-d %b}"
        lines.append(
            f"| {day.day}{when} | {_cell(day.title)} | {length(day)} | {_cell(day.details)} "
            f"| {_cell(day.why)} ({day.source}) |"
        )
    if monday is not None:
        lines += ["", f"_{DISCLAIMER}_"]
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


def to_ics(week: Week, start: date, stamp: datetime) -> bytes:
    """One all-day event per session that is not rest, for the week starting Monday `start`, in
    a calendar named for that week; `stamp` is when the file is made (its DTSTAMP).

    UIDs derive from the date and day, so calendar apps update events instead of duplicating
    them when the week is downloaded again.
    """
    if start.weekday() != 0:
        raise ValueError(f"The week must start on a Monday; {start.isoformat()} is not one.")
    cal = Calendar()
    cal.add("prodid", "-//backstride//return-to-running week//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"backstride running week, {span(start)}")
    stamp = stamp.astimezone(UTC)
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


def next_monday(today: date) -> date:
    """Today, when today is a Monday, else the next Monday."""
    return today + timedelta(days=(7 - today.weekday()) % 7)


def build(ext: str, week: Week, monday: date, adapted: bool, stamp: datetime) -> bytes:
    """One download button's file (`ext` is md, csv or ics), dated from `monday`: only the one
    asked for is made."""
    if ext == "md":
        return to_markdown(week, monday, adapted).encode()
    if ext == "csv":
        return to_csv(week).encode()
    return to_ics(week, monday, stamp)


MEDIA_TYPES = {"md": "text/markdown", "csv": "text/csv", "ics": "text/calendar"}
SAMPLE_PREFIX = "sample-"  # + a Monday's ISO date: the article's sample week, nobody's own


class Downloads:
    """The page's downloads, held in memory: each browser session's week under a random token,
    made into a file only when the runner asks for it. Nothing is ever written to disk (the
    week is health data: "your back flared, so..."). Bounded: at most `cap` weeks, oldest out.
    The article's `sample` week, the same for everyone, is offered under `sample_token`.
    """

    def __init__(self, cap: int = 10_000, sample: Week | None = None) -> None:
        self._weeks: OrderedDict[str, tuple[Week, date | None]] = OrderedDict()
        self._lock = threading.Lock()
        self.cap = cap
        self.sample = sample

    @staticmethod
    def sample_token(monday: date) -> str:
        """The token of the sample week dated from `monday` (before a session has its own)."""
        return f"{SAMPLE_PREFIX}{monday.isoformat()}"

    def _sample(self, token: str) -> tuple[Week, date | None] | None:
        if self.sample is None or not token.startswith(SAMPLE_PREFIX):
            return None
        try:
            monday = date.fromisoformat(token.removeprefix(SAMPLE_PREFIX))
        except ValueError:
            return None
        return (self.sample, monday) if monday.weekday() == 0 else None

    def offer(self, token: str, week: Week | None, monday: date | None = None) -> None:
        """Make `week` the one behind this token (None: nothing to download); `monday` is the
        first day of the week as the page dates it, where the calendar file starts."""
        with self._lock:
            if week is None:
                self._weeks.pop(token, None)
                return
            self._weeks[token] = (week, monday)
            self._weeks.move_to_end(token)
            while len(self._weeks) > self.cap:
                self._weeks.popitem(last=False)

    def forget(self, token: str) -> None:
        self.offer(token, None)

    def clear(self) -> None:
        with self._lock:
            self._weeks.clear()

    def __len__(self) -> int:
        return len(self._weeks)

    def adapted(self, week: Week | None) -> bool:
        """Whether `week` is a runner's own, rather than the article's sample: what the files
        and the page's links are named for."""
        return week is not None and week != self.sample

    def file(self, token: str, ext: str, now: datetime) -> tuple[str, bytes] | None:
        """(file name, contents), built now, or None when the token holds no week or `ext` is
        not one. The week starts on the Monday the page showed, else on the next one."""
        with self._lock:
            held = self._weeks.get(token) or self._sample(token)
        if held is None or ext not in MEDIA_TYPES:
            return None
        week, monday = held
        monday = monday or next_monday(now.date())
        adapted = self.adapted(week)
        return file_name(monday, adapted, ext), build(ext, week, monday, adapted, now)


DOWNLOAD_GONE = "This download has expired: open the page again and ask for your week."
DOWNLOADS = (("md", "Week (.md)"), ("csv", "Week (.csv)"), ("ics", "Calendar (.ics)"))
DOWNLOAD_ROUTE = "backstride/week"  # chains/ui.py serves /backstride/week/TOKEN/NAME


def download_links(token: str, week: Week | None, monday: date, adapted: bool) -> str:
    """The download links as HTML ("" while the week is withheld), saying which week they
    cover. Relative, so they work under any root path; each file is built when clicked, never
    kept on disk.

    >>> download_links("T", None, date(2026, 12, 7), True)
    ''
    >>> from chains.week.model import rest_day
    >>> week = Week((rest_day("Monday", "why", "frequency"),))
    >>> links = download_links("T", week, date(2026, 12, 7), True)
    >>> links.count('href="backstride/week/T/backstride-week-2026-12-07-adapted.')
    3
    """
    if week is None:
        return ""
    links = []
    for ext, label in DOWNLOADS:
        name = file_name(monday, adapted, ext)
        links.append(
            f'<a id="download-{ext}" class="download" download="{name}" '
            f'href="{DOWNLOAD_ROUTE}/{token}/{name}">{label}</a>'
        )
    which = "your week" if adapted else "the sample week"
    return f'<div class="downloads">Download {which}, {span(monday)}: {" · ".join(links)}</div>'
