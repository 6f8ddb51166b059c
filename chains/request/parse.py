"""Reading one message into a `WeekRequest`: `parse_request` chains the field extractors of
`days.py` and `profile.py` (one per kind of constraint); the router's "is this about the week?"
tests live here too, since they read the same words."""

from __future__ import annotations

import re
from dataclasses import replace

from chains.request import days as rd
from chains.request import profile as rr
from chains.request.model import WeekRequest
from chains.request.text import DAY, normalise
from chains.week.model import DAYS


def parse_request(text: str) -> WeekRequest:
    """The constraints stated in one message, deterministically (regular expressions only).

    A "why ...?" question is about the week, not a request to change it, so it parses empty.

    >>> parse_request("I can only run 4 days a week, and no stairs").run_days
    4
    """
    low, original = normalise(text)
    if rr.is_question_about_week(low):
        return WeekRequest()
    per_week, runs, per_run, low = rr.volume(low)
    every, weekdays, weekends, named, low = rd.time_caps(low, original)
    wishes = rr.wishes(low)
    flare, flare_after, flare_day = rr.flare(low, original)
    long_run, swaps, moves, low = rd.placements(low, original)
    excluded, available, low = rd.day_sets(low, original)
    days, habit_runs, low = rd.run_days(low)
    no_stairs, no_pool = rr.stairs_and_pool(low)
    return WeekRequest(
        run_days=days,
        excluded_days=frozenset(excluded),
        available_days=frozenset(available),
        long_run_day=long_run,
        swaps=tuple(swaps),
        moves=tuple(moves),
        no_stairs=no_stairs,
        no_pool=no_pool,
        max_minutes=every,
        max_minutes_weekdays=weekdays,
        max_minutes_weekends=weekends,
        max_minutes_on=tuple(sorted(named.items(), key=lambda kv: DAYS.index(kv[0]))),
        current_km_per_week=per_week,
        current_runs=runs if runs is not None else habit_runs,
        current_run_km=per_run,
        level=rr.level(low),
        goal_race=rr.goal_race(low),
        flare=flare,
        flare_after=flare_after,
        flare_day=flare_day,
        wishes_against=frozenset(wishes),
    )


_WEEK_WORDS = re.compile(
    r"\b(?:my|the|this|new|next|training|running|weekly)\s+(?:week|plan|program|programme"
    r"|schedule|timetable)\b|\ba\s+(?:plan|program|programme|schedule|timetable)\b"
    r"|\bwhat should i (?:do|run)\b|\bplan (?:my|a|the)\b"
    r"|\bday[\s-]*(?:a[\s-]*week[\s-]*)?(?:plan|program|programme|week|schedule)\b"
)


# A wish alone ("Can I keep doing my 200m repeats?") is a question for the article; it asks for
# a change to the week when it says so ("put hill repeats in on Tuesday", "I want to ...").
_INTO_THE_WEEK = re.compile(
    rf"\b(?:put|add|include|schedule|slot|give me|want to|'d like to|would like to|'d love to"
    rf"|let me|instead)\b|{DAY}"
)


def names_the_week(text: str) -> bool:
    """Says "my week", "the plan", "a 4-day schedule": asks about the week itself."""
    low, _ = normalise(text)
    return bool(_WEEK_WORDS.search(low))


def looks_like_week_request(text: str) -> bool:
    """For the router: asks to see or change the week ("show me my week", "I can run 4 days")."""
    low, _ = normalise(text)
    if _WEEK_WORDS.search(low):
        return True
    request = parse_request(text)
    if replace(request, wishes_against=frozenset()).is_empty():
        return bool(request.wishes_against) and bool(_INTO_THE_WEEK.search(low))
    return True
