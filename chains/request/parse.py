"""Reading one message into a `WeekRequest`: `parse_request` chains the field extractors of
`days.py`, `caps.py` and `profile.py` (one per kind of constraint); the router's "is this about
the week?" tests live here too, since they read the same words. Reading a message against the
chat so far is `followup.py`."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from chains.request import caps, counts
from chains.request import days as rd
from chains.request import placements as rp
from chains.request import profile as rr
from chains.request import sessions as rs
from chains.request.followup import LONG_RUN_THERE
from chains.request.model import WeekRequest
from chains.request.text import DAY, Found, days_in, normalise

Extractor = Callable[[str, str], Found]

# Every field extractor, in the order they read a message: each gets the lower-cased text left by
# the ones before it (they blank what they use) and the original, where capitals tell "Sat" from
# "sat". Volume comes first, so "3 x 10k" is not read as 3 days; the time caps before the day
# sets, so "45 minutes on weekdays" is not read as "can run on weekdays".
EXTRACTORS: tuple[Extractor, ...] = (
    rr.volume,  # current km per week, runs, km per run
    caps.time_caps,  # every day, weekdays, weekends, named days
    rr.wishes,  # hills, downhill, sprints, short reps, racing flat out
    rr.flare,  # a flare-up, the session and day after it
    rp.placements,  # the long-run day, swaps, moves
    rd.day_sets,  # excluded days, available days
    counts.run_days,  # days a week (or, said as a habit, runs done now)
    rr.facilities,  # no stairs, no pool
    rr.dislikes,  # no speed work, no cross-training
    rs.sessions,  # any session out or back in, read by the words that govern it
    rr.level,  # beginner, intermediate, advanced
    rr.goal_race,  # 5k, 10k, half, marathon
)


_PUT_IT = re.compile(
    rf"\b(?:(?:put|move|shift|stick|have|do|schedule) it (?:on|to)|make it(?: on)?"
    r"|(?:can|could) it (?:go|be) (?:on|to))\s+"
    rf"(?:a\s+|the\s+)?(?P<d>{DAY})"
)
# A long-run day added to the days stated: "only tue and thu, plus sunday for the long one"
_PLUS_LONG_RUN = re.compile(
    rf"\b(?:plus|also|as well as)\s+(?:on\s+)?(?:the\s+)?(?P<d>{DAY})[^.;!?]{{0,25}}"
    rf"\blong (?:run|one)|\b(?:plus|also|as well as)\s+(?:a|the|my)\s+long (?:run|one)\s+on\s+"
    rf"(?:the\s+)?(?P<e>{DAY})"
)


def parse_request(text: str) -> WeekRequest:
    """The constraints stated in one message, deterministically (regular expressions only).

    A "why ...?" question is about the week, not a request to change it, so it parses empty.

    >>> parse_request("I can only run 4 days a week, and no stairs").run_days
    4
    """
    low, original = normalise(text)
    if rr.is_question_about_week(low):
        return WeekRequest()
    said = low
    values: dict[str, Any] = {}
    for extract in EXTRACTORS:
        found = extract(low, original)
        low = found.text
        for name, value in found.fields.items():  # the first to read a field keeps it
            values.setdefault(name, value)
    there = LONG_RUN_THERE.search(said)  # "my only long window is thurs so LR there"
    named = days_in(said[: there.start()], original) if there else []
    if "long_run_day" not in values and named:
        values["long_run_day"] = named[-1]
    put = _PUT_IT.search(said)  # "i cant fit a long run in at the weekend. put it on wednesday?"
    if "long_run_day" not in values and put and rs.last_field(said[: put.start()]) == "no_long_run":
        values["long_run_day"] = days_in(put["d"], original, put.start("d"))[0]
        if values.get("pending") == "long_run_day":  # "no long run on sundy. make it monday"
            del values["pending"]
    long_run = values.get("long_run_day")
    if long_run in values.get("excluded_days", ()):  # "long run thursday, i'm off thursdays"
        values["excluded_days"] = values["excluded_days"] - {long_run}
    plus = _PLUS_LONG_RUN.search(original.lower())  # "tue and thu, plus sunday for the long one"
    group = "d" if plus and plus["d"] else "e"
    added = plus and days_in(plus[group], original, plus.start(group)) == [long_run]
    if long_run and values.get("available_days") and added:
        values["available_days"] = values["available_days"] | {long_run}
    return WeekRequest(**values)


_WEEK_WORDS = re.compile(
    r"\b(?:my|the|this|new|next|training|running|weekly|standard|normal|usual|original|default"
    r"|full)\s+(?:week|plan|program|programme"
    r"|schedule|timetable)\b|\ba\s+(?:plan|program|programme|schedule|timetable)\b"
    r"|\bwhat should i (?:do|run) (?:this|next|each|every|in a|a) week\b|\bplan (?:my|a|the)\b"
    r"|\bday[\s-]*(?:a[\s-]*week[\s-]*)?(?:plan|program|programme|week|schedule)\b"
    r"|\b(?:sample|example)\s+(?:week|plan|program|programme|schedule)\b"
    r"|^\W*(?:(?:a|my|the|new)\s+)?(?:week|plan|schedule|program|programme)(?:\s+(?:please|pls"
    r"|plz|thanks))?\W*$"  # "Week please"
    r"|\b(?:i want|i'd like|i need|give me|do me|show me|send me|make me|write me|can i have"
    r"|can i get)\s+a\s+week\b"
)


# A wish alone ("Can I keep doing my 200m repeats?") is a question for the article; it asks for
# a change to the week when it says so ("put hill repeats in on Tuesday", "I want to ...").
_INTO_THE_WEEK = re.compile(
    rf"\b(?:put|add|include|schedule|slot|give me|make me (?:a|an|up)|want to|'d like to"
    rf"|would like to|'d love to|let me|instead)\b|{DAY}"
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
