"""Reading one message into a `WeekRequest`: `parse_request` chains the field extractors of
`days.py` and `profile.py` (one per kind of constraint); the router's "is this about the week?"
tests live here too, since they read the same words."""

from __future__ import annotations

import re
from dataclasses import replace

from chains.request import days as rd
from chains.request import profile as rr
from chains.request.model import WeekRequest
from chains.request.text import DAY, DAY_LIST, NUM, days_in, normalise, number
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
    no_speed, no_cross_training = rr.dislikes(low)
    return WeekRequest(
        run_days=days,
        excluded_days=frozenset(excluded),
        available_days=frozenset(available),
        long_run_day=long_run,
        swaps=tuple(swaps),
        moves=tuple(moves),
        no_stairs=no_stairs,
        no_pool=no_pool,
        no_speed=no_speed,
        no_cross_training=no_cross_training,
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


_ONE_DAY = re.compile(
    rf"^(?:actually|no|hmm|ok|okay|sorry|wait)?[,\s]*(?:make (?:it|that)|change (?:it|that) to"
    rf"|move it to|put it on|try|do|let's do|rather)?\s*(?:on\s+)?(?P<d>{DAY})\b[^,.;!?]*$"
)
_ONE_NUMBER = re.compile(
    rf"^(?:actually|no|hmm|ok|okay|sorry|wait)?[,\s]*(?:make (?:it|that)|change (?:it|that) to"
    rf"|let's do|actually)?\s*(?:just\s+)?(?P<n>{NUM}|\d{{2,3}})\b(?!\s*(?:k|km|mi|miles)\b)"
)
_ALSO_DAYS = re.compile(rf"^(?:or|and|also|plus|nor)\s+(?:on\s+)?(?P<d>{DAY_LIST})\W*$")


def follow_up(text: str, stated: WeekRequest, before: WeekRequest) -> WeekRequest:
    """A follow-up that changes one thing and keeps the rest, read against the request so far:
    "actually make it Sunday" after a long-run day, "make that 2" after a number of days,
    "actually 45" after a time cap, "or tue" after a day they can't run."""
    if not stated.is_empty() or before.is_empty():
        return stated
    low, original = normalise(text)
    day = _ONE_DAY.match(low)
    if day and before.long_run_day:
        found = days_in(day["d"], original, day.start("d"))
        return replace(stated, long_run_day=found[0]) if found else stated
    also = _ALSO_DAYS.match(low)
    if also and before.excluded_days:
        return replace(stated, excluded_days=frozenset(days_in(also["d"], original)))
    n = _ONE_NUMBER.match(low)
    if n:
        value = number(n["n"]) if not n["n"].isdigit() else int(n["n"])
        if before.run_days is not None and 0 < value <= 7:
            return replace(stated, run_days=value)
        if before.max_minutes is not None and 10 <= value <= 300:
            return replace(stated, max_minutes=value)
    return stated


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


def into_the_week(text: str) -> bool:
    """Asks to put something into the week ("put hill repeats in on Tuesday", "I want to ..."),
    rather than only asking about it ("Can I keep doing my 200m repeats?")."""
    return bool(_INTO_THE_WEEK.search(normalise(text)[0]))


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
