"""What the page shows, as plain data: the runner's `PageState`, the `Panel` beside the chat
computed from it and a turn (marks and reasons against the article's sample, the dates), the
chat's short week replies, and a turn that never raises.

Pure and Gradio-free: `ui.py` hands a `Panel` to Gradio as plain values and serves the downloads
from memory. What the panel says is made here, so that it can be tested without a browser; the
page's fixed words are `wording.py`.
"""

from __future__ import annotations

import html
import logging
import re
import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from chains.answer import replies
from chains.edge import clean, preview, too_long
from chains.guard import reminder
from chains.guard.text import normalise
from chains.session import Session, Turn
from chains.week import DayName, Week, view
from chains.week.model import same_session, summary
from chains.wording import HEADINGS, NO_CHANGES, UNEXPECTED, WEEK_POINTER
from knowledge.errors import CoachError

if TYPE_CHECKING:
    from chains.coach import Coach

log = logging.getLogger("backstride")

# The blocks of `replies.week_reply` that the panel already shows (the table, every change's
# reason) and its tips: left out of the chat, the tips after their first time.
_WEEK_BULK = ("Got it:", "Here is your week", "|", "**What I changed and why**")
_TIPS = "**Technique while your back recovers**"
_CODE_REF = re.compile(r", `[a-z0-9-]+`|\s?\(`[a-z0-9-]+`\)")  # ", `id`" and " (`id`)"
ARTICLE_ROUTE = "backstride/article"  # chains/ui.py serves the article, an anchor a section
SESSION_IDLE_S = 3600  # a conversation idle this long is dropped from memory
SESSION_CAP = 2_000  # conversations held at once; the oldest goes first beyond this
CACHE_SWEEP_S = 300  # Gradio's cache is swept this often, of files older than this


@dataclass
class PageState:
    """One browser session: the conversation, the chat as shown, and the panel's last texts."""

    session: Session = field(default_factory=Session)
    history: list[dict[str, str]] = field(default_factory=list)  # Gradio's chat messages
    sources: str = ""  # the last turn's passages, as Markdown
    tips_shown: bool = False  # technique tips come once per conversation
    pending: str | None = None  # a message in the chat that the coach has yet to answer
    # names this session's downloads (`week/export.Downloads`); a secret, never shown as text
    token: str = field(default_factory=lambda: secrets.token_urlsafe(18))


@dataclass(frozen=True)
class Panel:
    """Everything beside the chat, as values. What shows and hides follows `marker`."""

    flagged: bool
    level: str  # the triage level: "none", "soon", "urgent" or "emergency"
    banner: str  # "" when not flagged
    caption: str
    table: str  # HTML; "" while the week is withheld
    chart: str  # HTML; "" while the week is withheld
    changes: str
    sources: str  # "" until a turn brings passages
    week: Week | None  # None while withheld
    monday: date  # the first day of the week shown (its dates, and the calendar file's)


@dataclass(frozen=True)
class Outcome:
    """The end of a safe turn: the reply to show, and the turn (None when it failed)."""

    reply: str
    turn: Turn | None


def banner(session: Session) -> str:
    """The heading of the flag's level over its reminder. A flag the meaning-based net raised
    alone is still a question to the runner, and its heading says so."""
    heading = HEADINGS.get(session.triage.level, HEADINGS["soon"])
    if session.triage.basis == "meaning":
        heading += ", if I read you right"
    return f"### {heading}\n{reminder(session.triage)}"


def week_monday(today: date) -> date:
    """The Monday of the week that holds `today`: the week the page dates and the files use."""
    return today - timedelta(days=today.weekday())


def adapted_days(week: Week, sample: Week) -> list[DayName]:
    """The days whose session differs from the article's sample, Monday first."""
    return [d.day for d in week.days if not same_session(d, sample[d.day])]


def caption(session: Session, week: Week | None, sample: Week, monday: date) -> str:
    if session.flagged or week is None:
        return "Withheld until a clinician has seen you."
    dates = f"{monday:%a %d %b} – {monday + timedelta(days=6):%a %d %b}"
    if adapted_days(week, sample):
        return f"**Your adapted week**, {dates}. ✎ marks a day that differs from the article."
    return f"**The article's sample week**, {dates}. Tell me about your week to adapt it."


def reasons_md(session: Session, week: Week, sample: Week, titles: dict[str, str],
               fresh: set[DayName]) -> str:  # fmt: skip
    """A reason for every day that still differs from the sample: the last change made to it,
    from the sample's session to today's. Days the last message changed say so."""
    lines = []
    for name in adapted_days(week, sample):
        change = next((c for c in reversed(session.changes) if c.day == name), None)
        why, source = (change.why, change.source) if change else (week[name].why, week[name].source)
        new = " *(just changed)*" if name in fresh else ""
        lines.append(
            f"- **{name}**{new}: {summary(sample[name])} → {summary(week[name])}. {why} "
            f"(*{titles.get(source, source)}*)"
        )
    return "\n".join(lines) or NO_CHANGES


def sources_md(turn: Turn) -> str:
    """The passages a reply stands on, by section title (no ids, no scores), each title a link
    to its section of the article, opened beside the chat so the conversation stays.

    >>> from chains.answer.passages import Passage
    >>> turn = Turn("", "question", None, [Passage("long-runs", "Long runs", "Walk.", 0.5)])
    >>> sources_md(turn).startswith('<a href="backstride/article#long-runs" target="_blank">')
    True
    """
    return "\n\n".join(
        f'<a href="{ARTICLE_ROUTE}#{p.section}" target="_blank"><b>{p.title}</b></a>\n> {p.text}'
        for p in turn.sources
    )


def plain_refs(text: str) -> str:
    """A reply as the page shows it: sections named by title, without the code-font ids.

    >>> plain_refs("Short reps (*Speed sessions*, `speed-sessions`). *Long runs* (`long-runs`).")
    'Short reps (*Speed sessions*). *Long runs*.'
    """
    return _CODE_REF.sub("", text)


def week_chat(turn: Turn, state: PageState, sample: Week) -> str:
    """A week reply, short for the chat: one line, what changed, what could not be done, and a
    pointer to the panel, which holds the table and the reasons. Tips come once."""
    said = next((b for b in turn.reply.split("\n\n") if b.startswith("Got it:")), None)
    head = said or replies.got_it([c.day for c in turn.changes], turn.week == sample)
    changed = [f"- **{c.day}**: {c.before} → {c.after}" for c in turn.changes]
    kept = []
    for block in turn.reply.split("\n\n"):
        if block.startswith(_WEEK_BULK) or (block.startswith(_TIPS) and state.tips_shown):
            continue
        state.tips_shown |= block.startswith(_TIPS)
        kept.append(block)
    return "\n\n".join([head, *(["\n".join(changed)] if changed else []), *kept, WEEK_POINTER])


def panel(state: PageState, turn: Turn | None, sample: Week, titles: dict[str, str],
          today: date) -> Panel:  # fmt: skip
    """The panel after `turn` (None: a fresh page). Marks and reasons come from the week
    itself against the sample, every turn; the sources stay until a turn brings new ones."""
    session = state.session
    week = None if session.flagged else (session.week or sample)
    if turn is not None and turn.sources:
        state.sources = sources_md(turn)
    fresh_days = {c.day for c in turn.changes} if turn is not None and week else set()
    monday = week_monday(today)
    adapted = adapted_days(week, sample) if week else []
    reasons = reasons_md(session, week, sample, titles, fresh_days) if week else NO_CHANGES
    return Panel(
        flagged=session.flagged,
        level=session.triage.level,
        banner=banner(session) if session.flagged else "",
        caption=caption(session, week, sample, monday),
        table=view.table(week, monday, today, adapted, fresh_days) if week else "",
        chart=view.chart(week) if week else "",
        changes=reasons,
        sources=state.sources,
        week=week,
        monday=monday,
    )


def marker(p: Panel) -> str:
    """The page's state as data attributes, which the CSS (`style.py`) reads to show and hide:
    the banner and its level, the week or the note that it is withheld, the week starters, the
    sources. Sent as a plain value every turn: Gradio's visibility updates cost the server a
    copy of every component they touch.

    >>> marker(Panel(True, "urgent", "", "", "", "", "", "", None, date(2026, 12, 7)))
    '<div id="page-state" data-flagged="true" data-level="urgent" data-sources="false"></div>'
    """
    flagged, sources = str(p.flagged).lower(), str(bool(p.sources)).lower()
    return (
        f'<div id="page-state" data-flagged="{flagged}" data-level="{html.escape(p.level)}" '
        f'data-sources="{sources}"></div>'
    )


def to_lose(state: PageState, sample: Week) -> str | None:
    """What "New conversation" would drop that the runner may want to keep, or None."""
    session = state.session
    if session.flagged:
        return (
            "Start over? This clears the hold on your running plan and the advice to get checked."
        )
    if session.week is not None and adapted_days(session.week, sample):
        return "Start over? This drops your adapted week (download it first to keep it)."
    return None


def blank(message: str) -> bool:
    """True when a message shows nothing to read: the page does not send it."""
    return not normalise(message or "").strip()


def accept(state: PageState, message: str) -> None:
    """The runner's message goes into the chat at once, before the coach answers it: cleaned
    first, so the history holds only clean text. A message over the edge limit is refused
    here, in one sentence, and never reaches the coach (the chat shows its start)."""
    refused = too_long(message)
    if refused:
        state.history += [{"role": "user", "content": preview(message)},
                          {"role": "assistant", "content": refused}]  # fmt: skip
        state.pending = None
        return
    message = clean(message)
    state.history.append({"role": "user", "content": message})
    state.pending = message


def respond(
    coach: Coach, state: PageState, message: str, today: date | None = None
) -> Iterator[Panel | None]:
    """One message in one call (the HTTP API): `accept`, then `answer`. Yields None when the
    message was refused at the edge (the chat in `state.history` says so)."""
    accept(state, message)
    if state.pending is None:
        yield None
        return
    yield from answer(coach, state, today or date.today())


def answer(coach: Coach, state: PageState, today: date) -> Iterator[Panel | None]:
    """Answer the accepted message (nothing, when there is none). Yields None each time a
    model adds to the reply in `state.history`, then the new `Panel`, with the reply as the
    page shows it: references by title, and a week reply short (the panel has the rest)."""
    message, state.pending = state.pending, None
    if message is None:
        return
    outcome = Outcome(f"⚠️ {UNEXPECTED}", None)
    for step in safe_turn(coach, state.session, message):
        if isinstance(step, str):
            _say(state, plain_refs(step))
            yield None
        else:
            outcome = step
    turn = outcome.turn
    week_turn = turn is not None and turn.intent == "week"
    reply = week_chat(turn, state, coach.sample) if turn and week_turn else outcome.reply
    _say(state, plain_refs(reply))
    yield panel(state, turn, coach.sample, coach.titles, today)


def _say(state: PageState, text: str) -> None:
    if state.history and state.history[-1]["role"] == "assistant":
        state.history[-1]["content"] = text
    else:
        state.history.append({"role": "assistant", "content": text})


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
