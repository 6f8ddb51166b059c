"""What the page shows, as plain data: the runner's `PageState`, the `Panel` beside the chat
computed from it and a turn, the export files' contents, and a turn that never raises.

Pure and Gradio-free: `app.py` turns a `Panel` into Gradio updates and writes the files. The
texts a runner reads on the page live here too, so that they can be tested without a browser.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from chains.answer.replies import change_lines
from chains.edge import clean, preview, too_long
from chains.guard import reminder
from chains.session import Session, Turn
from chains.week import Week
from knowledge.errors import CoachError

if TYPE_CHECKING:
    from chains.coach import Coach

log = logging.getLogger("backstride")

UNEXPECTED = "Something went wrong on my side; your conversation is kept, so please try again."
STARTERS = (
    "Why should I run more often?",
    "I can only run 4 days a week",
    "There are no stairs near me",
    "Why no hill repeats?",
)
GREETING_MD = (
    "**Hi! Ask me about running with a sore back** — how often to run, speed work, long runs, "
    "hills and stairs — or tell me about your week and I'll adapt the article's sample week."
)
WITHHELD_MD = (
    "**No running program for now.** What you told me needs a clinician's look first; "
    "the banner above says where to go and how soon."
)
HEADER = (
    "# backstride\n"
    "A coach for getting back to running after low back pain. It answers from one physiotherapy "
    "article, names the section behind every answer, and adapts the article's sample week to "
    "your days, time and what you have nearby."
)
FOOTER = (
    "General guidance from one article, not a diagnosis or a substitute for your physiotherapist "
    "or doctor. Source: *Return to running after lower back pain*, a physiotherapy article; "
    "every answer names its section."
)
CSS = """
#red-flag { background: #fdecea; border: 2px solid #c62828; border-radius: 10px;
            padding: 6px 18px; }
#red-flag * { color: #7f1d1d !important; border-color: #c62828 !important; }
#week-table, #week-table * { font-family: inherit !important; }
#week-withheld { background: #fff7f5; border-radius: 8px; padding: 8px 14px; }
.disclaimer { font-size: 0.85em; opacity: 0.8; }
.downloads a { margin-right: 0.4em; }
"""
INTENSITY_COLOURS = {"rest": "#c8ccd2", "easy": "#4c9f70", "moderate": "#e3a33b", "hard": "#c0504d"}
TABLE_COLUMNS = ("Day", "Session", "Min", "What to do")
CHART_COLUMNS = ("Day", "Minutes", "Intensity")
NO_CHANGES = "_No changes yet._"
NO_SOURCES = "_No sources yet._"
DOWNLOAD_GONE = "This download has expired: open the page again and ask for your week."
SESSION_IDLE_S = 3600  # a conversation idle this long is dropped from memory
SESSION_CAP = 2_000  # conversations held at once; the oldest goes first beyond this
CACHE_SWEEP_S = 300  # Gradio's cache is swept this often, of files older than this


@dataclass
class PageState:
    """One browser session: the conversation, the chat as shown, and the panel's last texts."""

    session: Session = field(default_factory=Session)
    history: list[dict[str, str]] = field(default_factory=list)  # Gradio's chat messages
    changes: str = ""  # the last week turn's change list, as Markdown
    sources: str = ""  # the last turn's passages, as Markdown
    shown: tuple[bool, Week | None] | None = None  # (flagged, week) the panel last drew
    # names this session's downloads (`week/export.Downloads`); a secret, never shown as text
    token: str = field(default_factory=lambda: secrets.token_urlsafe(18))


@dataclass(frozen=True)
class Panel:
    """Everything beside the chat. `fresh` is False when the week's parts (banner, caption,
    table, chart, downloads) are what the page already shows, so they need not be sent."""

    flagged: bool
    banner: str  # "" when not flagged
    caption: str
    rows: list[list[Any]]  # TABLE_COLUMNS; empty while the week is withheld
    chart: list[list[Any]]  # CHART_COLUMNS: minutes per day by intensity
    changes: str
    sources: str
    week: Week | None  # None while withheld
    fresh: bool = True
    texts_fresh: bool = True  # False when `changes` and `sources` are what the page shows


@dataclass(frozen=True)
class Outcome:
    """The end of a safe turn: the reply to show, and the turn (None when it failed)."""

    reply: str
    turn: Turn | None


def banner(session: Session) -> str:
    return f"### ⚠️ Please get checked before you run\n{reminder(session.triage)}"


def caption(session: Session) -> str:
    if session.flagged:
        return "Withheld until a clinician has seen you."
    if session.week:
        return "Your adapted week (✎ marks what changed)."
    return "The article's sample week — tell me about your week to adapt it."


def sources_md(turn: Turn) -> str:
    return "\n\n".join(
        f"**{p.title}** (`{p.section}`, score {p.score:.2f})\n> {p.text}" for p in turn.sources
    )


def panel(state: PageState, turn: Turn | None, sample: Week, titles: dict[str, str]) -> Panel:
    """The panel after `turn` (None: a fresh page). Keeps the change list and sources in
    `state` between turns, since a turn that has none leaves the last ones showing."""
    session = state.session
    week = None if session.flagged else (session.week or sample)
    texts = (state.changes, state.sources)
    if turn is not None and turn.intent == "week":
        lines = change_lines(turn.changes, titles)
        state.changes = "\n".join(lines) or "No changes: the week already fits."
    if session.flagged:
        state.changes = ""
    if turn is not None and turn.sources:
        state.sources = sources_md(turn)
    shown = (session.flagged, week)
    fresh = not (state.shown == shown and turn is not None)
    state.shown = shown
    changed = {c.day for c in turn.changes} if turn is not None else set()
    days = week.days if week is not None else ()
    return Panel(
        flagged=session.flagged,
        banner=banner(session) if session.flagged else "",
        caption=caption(session),
        rows=[
            [f"✎ {d.day}" if d.day in changed else d.day, d.title, d.minutes or 0, d.details]
            for d in days
        ],
        chart=[[d.day[:3], d.minutes or 0, d.intensity] for d in days],
        changes=state.changes or NO_CHANGES,
        sources=state.sources or NO_SOURCES,
        week=week,
        fresh=fresh,
        texts_fresh=turn is None or texts != (state.changes, state.sources),
    )


DOWNLOADS = (("md", "Week (.md)"), ("csv", "Week (.csv)"), ("ics", "Calendar (.ics)"))
DOWNLOAD_ROUTE = "backstride/week"  # served by app.py from memory: /backstride/week/TOKEN/NAME


def download_links(state: PageState, week: Week | None) -> str:
    """The download links as HTML ("" while the week is withheld). Relative, so they work
    under any root path; each file is built when clicked, never kept on disk.

    >>> download_links(PageState(token="T"), None)
    ''
    >>> from chains.week.model import rest_day
    >>> week = Week((rest_day("Monday", "why", "frequency"),))
    >>> download_links(PageState(token="T"), week).count('href="backstride/week/T/')
    3
    """
    if week is None:
        return ""
    links = [
        f'<a id="download-{ext}" class="download" download="backstride-week.{ext}" '
        f'href="{DOWNLOAD_ROUTE}/{state.token}/backstride-week.{ext}">{label}</a>'
        for ext, label in DOWNLOADS
    ]
    return f'<div class="downloads">{" · ".join(links)}</div>'


def respond(coach: Coach, state: PageState, message: str) -> Iterator[Panel | None]:
    """One message on the page: the chat in `state.history` grows by the message and the
    reply; yields None each time a streaming model adds to the reply, then the new `Panel`.
    The message is refused at the edge when too long, and cleaned before anything keeps it."""
    refused = too_long(message)
    if refused:  # never reaches the coach; the chat shows its start, not megabytes
        state.history += [{"role": "user", "content": preview(message)},
                          {"role": "assistant", "content": refused}]  # fmt: skip
        yield None
        return
    message = clean(message)
    state.history += [{"role": "user", "content": message}, {"role": "assistant", "content": ""}]
    outcome = Outcome(f"⚠️ {UNEXPECTED}", None)
    for step in safe_turn(coach, state.session, message):
        if isinstance(step, str):
            state.history[-1]["content"] = step
            yield None
        else:
            outcome = step
    state.history[-1]["content"] = outcome.reply
    yield panel(state, outcome.turn, coach.sample, coach.titles)


def safe_turn(coach: Coach, session: Session, message: str) -> Iterator[str | Outcome]:
    """The reply so far while a model streams it (strings), then one `Outcome`. Any failure
    ends in one sentence and the conversation is kept."""
    try:
        for step in coach.stream(session, message):
            if isinstance(step, str):
                yield step
            else:
                yield Outcome(step.reply, step)
    except CoachError as err:  # e.g. the Chroma server went away: keep the conversation
        yield Outcome(f"⚠️ {err}", None)
    except Exception as err:  # never lose the conversation; log the kind, not the message
        log.error("turn failed: %s", type(err).__name__)
        yield Outcome(f"⚠️ {UNEXPECTED}", None)
