"""The rules engine's working state: the week being adapted and what the rules have to say.

Owns `Draft` (a per-call accumulator, never shared) and `Declined`. The rules themselves live in
`content.py`, `schedule.py` and `volume.py`; `engine.py` runs them in order.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

from chains.request.text import Wish
from chains.week.model import Day, Week, round_km

ASSUMPTION = "Coach's assumption, not the article's: "
MIN_SESSION_MIN = 10  # below this a time cap leaves no room for a session


WISH_TEXT: dict[Wish, str] = {
    "hills": "hill repeats",
    "downhill": "downhill running",
    "sprints": "sprints at top speed",
    "short_reps": "short reps (under 800 m)",
    "race_flat_out": "racing flat out",
}


@dataclass(frozen=True)
class Declined:
    """A wish the article advises against: which, why not, and what to do instead."""

    wish: Wish
    why: str
    alternative: str
    source: str

    @property
    def label(self) -> str:
        """The wish in a runner's words: "hill repeats"."""
        return WISH_TEXT[self.wish]


@dataclass
class Draft:
    """The week as the rules go, plus their notes. Lives for one `adapt` call."""

    week: Week
    declined: list[Declined] = field(default_factory=list)
    unmet: list[str] = field(default_factory=list)
    assumptions: list[str] = field(default_factory=list)
    cues: list[tuple[str, str]] = field(default_factory=list)

    def put(self, day: Day) -> None:
        self.week = self.week.with_day(day)

    def assume(self, text: str) -> None:
        note = ASSUMPTION + text
        if note not in self.assumptions:
            self.assumptions.append(note)

    def cannot(self, text: str) -> None:
        if text not in self.unmet:
            self.unmet.append(text)


def because(day: Day, reason: str, source: str | None = None) -> Day:
    """The day with `reason` in front of its own why (once), and optionally a new source."""
    why = day.why if day.why.startswith(reason) else f"{reason} {day.why}".strip()
    return replace(day, why=why, source=source or day.source)


def floor5(minutes: float) -> int:
    """Down to five minutes, so scaling never rounds time up."""
    return int(math.floor(minutes / 5 + 1e-9) * 5)  # subtle: 35 * (20 / 35) is 19.999...


def scaled(day: Day, factor: float) -> Day:
    """The session shortened by `factor` (minutes, km and reps alike), never below 10 minutes.

    Time-only runs (the long run) round their minutes down, so volume never rounds up; runs
    measured in km round minutes to the nearest five to keep a believable pace.
    """
    if day.minutes is None:
        return day
    exact = day.minutes * factor
    minutes = floor5(exact) if day.km is None else 5 * round(exact / 5)
    minutes = min(day.minutes, max(MIN_SESSION_MIN, minutes))
    km = round_km(day.km * factor) if day.km else day.km
    reps = day.reps
    if reps is not None:
        reps = replace(reps, count=max(min(2, reps.count), math.floor(reps.count * factor)))
    return replace(day, minutes=minutes, km=km, reps=reps)


def long_run_details(minutes: int, run_min: float, walk_min: float) -> str:
    """The long run's details, in the sample week's own wording."""
    return (
        f"{minutes} minutes on flat ground: run {run_min:g} minutes, walk {walk_min:g} minutes, "
        "repeat."
    )
