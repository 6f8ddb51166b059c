"""The invariants every week must pass (ARCHITECTURE.md), as plain checks.

Owns judging a week, never changing one. `violations` says what is wrong in words;
`offending_days` says where, so the engine's last guard can rest exactly those days.
"""

from __future__ import annotations

import re

from chains.request.model import WeekRequest
from chains.week.model import (
    AFTER_LONG_RUN_KINDS,
    DAYS,
    INTENSITIES,
    KINDS,
    SECTION_IDS,
    TERRAINS,
    Day,
    DayName,
    Week,
    next_day,
)

MIN_REP_METRES = 800
MIN_REP_MINUTES = 3.0  # a rep timed instead of measured: under ~3 min is the short, max-speed kind
_HILL = re.compile(r"\b(?:up|down)?hills?\b|\bhilly\b", re.IGNORECASE)


def violations(week: Week, request: WeekRequest | None = None) -> list[str]:
    """Every invariant the week breaks, in words; empty when it passes them all."""
    return [text for _, text in _check(week, request)]


def offending_days(week: Week, request: WeekRequest | None = None) -> list[DayName | None]:
    """The day behind each violation (None when the week as a whole breaks it)."""
    return [day for day, _ in _check(week, request)]


def _check(week: Week, request: WeekRequest | None) -> list[tuple[DayName | None, str]]:
    if len(week.days) != 7 or tuple(d.day for d in week.days) != DAYS:
        return [(None, "A week has seven days, Monday to Sunday, each named once.")]
    found: list[tuple[DayName | None, str]] = []
    for day in week.days:
        found += [(day.day, f"{day.day}: {text}") for text in _day_problems(day)]
    long_runs = [d for d in week.days if d.kind == "long_run"]
    if len(long_runs) > 1:
        found.append((long_runs[-1].day, "There is more than one long run."))
    for day in week.days:
        following = week[next_day(day.day)]
        if day.is_hard and following.is_hard:
            found.append(
                (following.day, f"{day.day} and {following.day} are hard days back to back.")
            )
        if day.kind == "long_run" and following.kind not in AFTER_LONG_RUN_KINDS:
            found.append(
                (following.day, f"{following.day} follows the long run but is {following.kind}.")
            )
    if request is not None:
        found += _request_problems(week, request)
    return found


def _day_problems(day: Day) -> list[str]:
    problems = []
    if day.kind not in KINDS or day.intensity not in INTENSITIES:
        problems.append("unknown kind or intensity.")
    if day.terrain is not None and day.terrain not in TERRAINS:
        problems.append(f"terrain {day.terrain!r} is not allowed (no hill or downhill sessions).")
    if _HILL.search(day.title):
        problems.append("a hill session.")
    if (day.kind == "rest") != (day.minutes is None) or (
        day.minutes is not None and day.minutes <= 0
    ):
        problems.append("minutes must be set (and positive) exactly when the day is not rest.")
    if (day.kind == "rest") != (day.intensity == "rest"):
        problems.append("only a rest day has rest intensity.")
    if day.reps is not None and (
        (day.reps.metres is not None and day.reps.metres < MIN_REP_METRES)
        or (day.reps.minutes is not None and day.reps.minutes < MIN_REP_MINUTES)
    ):
        problems.append(f"reps shorter than {MIN_REP_METRES} m are max-speed reps.")
    if day.kind == "long_run" and (day.terrain != "flat" or day.run_walk is None):
        problems.append("the long run must be flat and run:walk.")
    if day.source not in SECTION_IDS:
        problems.append(f"source {day.source!r} is not a section of the article.")
    return problems


def _request_problems(week: Week, request: WeekRequest) -> list[tuple[DayName | None, str]]:
    found: list[tuple[DayName | None, str]] = []
    open_days = request.open_days()
    running = week.running_days()
    if len(running) > request.max_running_days():
        found.append(
            (None, f"{len(running)} running days, more than the {request.max_running_days()} "
             "the runner has.")
        )  # fmt: skip
    for name in running:
        if name not in open_days:
            found.append((name, f"{name} holds a run but the runner can't run that day."))
    for day in week.days:
        cap = request.cap_for(day.day)
        if cap is not None and day.minutes is not None and day.minutes > cap:
            found.append((day.day, f"{day.day} is {day.minutes} min, over the {cap} min cap."))
    now = request.weekly_km_now()
    if now is not None and week.running_km() > now + 1e-6:
        found.append(
            (None, f"{week.running_km():g} km of running, more than the {now:g} km a week now.")
        )
    return found
