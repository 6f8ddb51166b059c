"""A model's reading of a week request, and how much of it counts: only what the message
itself bears out, and never over the parser's own reading."""

from __future__ import annotations

import re
from dataclasses import fields, replace
from typing import Any

from pydantic import BaseModel, Field

from chains.request.model import WeekRequest
from chains.request.text import (
    DECIMAL,
    KM_UNIT,
    NUM,
    Wish,
    days_in,
    durations,
    km,
    normalise,
    number,
)  # fmt: skip
from chains.week.model import DAYS, WEEKDAYS, WEEKEND, DayName


class RequestSchema(BaseModel):
    """What the model may read out of a message; the rules engine makes the week."""

    run_days: int | None = Field(None, ge=0, le=7, description="days a week they can run")
    excluded_days: list[DayName] = Field(default_factory=list, description="days they cannot run")
    available_days: list[DayName] = Field(
        default_factory=list, description="the only days they can run, when they list them"
    )
    long_run_day: DayName | None = Field(None, description="day they want the long run on")
    no_stairs: bool | None = Field(None, description="true when they have no stairs")
    no_pool: bool | None = Field(None, description="true when they have no pool")
    max_minutes: int | None = Field(None, ge=5, le=300, description="time cap on any day")
    current_km_per_week: float | None = Field(None, ge=0, le=300, description="km a week now")
    flare: bool | None = Field(None, description="true when the back flared up recently")
    wishes_against: list[Wish] = Field(
        default_factory=list, description="sessions they ask for that the article advises against"
    )

    def to_request(self) -> WeekRequest:
        return WeekRequest(
            run_days=self.run_days,
            excluded_days=frozenset(d for d in self.excluded_days if d in DAYS),
            available_days=frozenset(d for d in self.available_days if d in DAYS),
            long_run_day=self.long_run_day,
            no_stairs=self.no_stairs,
            no_pool=self.no_pool,
            max_minutes=self.max_minutes,
            current_km_per_week=self.current_km_per_week,
            flare=self.flare,
            wishes_against=frozenset(self.wishes_against),
        )


# What a message must say for a model's reading of a field to count. Small models return the
# runner's available days as excluded days, 0 km, and facilities nobody mentioned.
_STAIRS = re.compile(r"\bstair|\bsteps?\b|\bstep-ups?\b")
_POOL = re.compile(r"\bpool|\bswim|\baqua")
_FLARE = re.compile(
    r"\bflar|\btweak|\btwing|\bspasm|\bset ?back|\bworse|\bsore|\bhurt|\bpain|\bback\b"
)
_EXCLUSION = re.compile(
    r"n't\b|\b(?:no|not|never|except|but|busy|work\w*|away|off|without|unavailable|other than"
    r"|apart from|besides|cannot|shifts?)\b"
)
_AVAILABILITY = re.compile(r"\b(?:only|just|available|free|can (?:run|do|make|manage))\b")
_RUN_DAYS = re.compile(rf"\b({NUM})\s*-?\s*(?:x\b|days?|runs?|times|sessions?)")
_KM = re.compile(rf"(?P<v>{DECIMAL})\s*{KM_UNIT}")
_WISH_WORDS = {
    "hills": r"\bhill|\bincline",
    "downhill": r"\bdownhill|\bdescen",
    "sprints": r"\bsprint",
    "short_reps": r"\breps?\b|\brepeats?\b|\binterval|\b[1-7]00 ?m\b",
    "race_flat_out": r"\brac\w*|\bflat[ -]out|\ball[ -]out|\bpb\b|\bpr\b",
}


def borne_out(read: WeekRequest, parsed: WeekRequest, message: str) -> WeekRequest:
    """The model's reading cut down to what the message itself states.

    A day counts only if the message names it (or a group such as "weekdays") and the parser
    gave it no other role; an exclusion also needs a word that excludes, and never takes an
    available day; a list of available days needs a word such as "only" or "free". A facility
    or a flare counts only if the message mentions it, a number only if the message states it
    with its unit; 0 km, or more than 300 km a week, is empty.

    >>> tuesday = frozenset({"Tuesday"})
    >>> read = WeekRequest(excluded_days=tuesday, no_pool=True, current_km_per_week=0)
    >>> borne_out(read, WeekRequest(available_days=tuesday), "not free but tues") == WeekRequest()
    True
    """
    low, original = normalise(message)
    named = set(days_in(low, original))
    placed = (
        parsed.excluded_days
        | parsed.available_days
        | {parsed.long_run_day}
        | {d for swap in parsed.swaps for d in swap}
        | {move[1] for move in parsed.moves}
        | {day for day, _ in parsed.max_minutes_on}
        | (set(WEEKDAYS) if parsed.max_minutes_weekdays else set())
        | (set(WEEKEND) if parsed.max_minutes_weekends else set())
    )
    free = named - placed
    listed = read.available_days <= free and _AVAILABILITY.search(low)
    available = read.available_days if listed else frozenset()
    excluded = frozenset(read.excluded_days & free) - available if _EXCLUSION.search(low) else None
    counts = {number(m[1]) for m in _RUN_DAYS.finditer(low)}
    minutes = {found[2] for found in durations(low)}
    stated = [km(m["v"], m["unit"]) for m in _KM.finditer(low)]
    weekly = read.current_km_per_week
    stated_km = (
        weekly is not None and 1 <= weekly <= 300 and any(abs(k - weekly) <= 1 for k in stated)
    )
    return WeekRequest(
        run_days=read.run_days if read.run_days in counts else None,
        excluded_days=excluded or frozenset(),
        available_days=available,
        long_run_day=read.long_run_day if read.long_run_day in free - (excluded or set()) else None,
        no_stairs=read.no_stairs if _STAIRS.search(low) else None,
        no_pool=read.no_pool if _POOL.search(low) else None,
        max_minutes=read.max_minutes if read.max_minutes in minutes else None,
        current_km_per_week=weekly if stated_km else None,
        flare=read.flare if _FLARE.search(low) else None,
        wishes_against=frozenset(w for w in read.wishes_against if re.search(_WISH_WORDS[w], low)),
    )


def merge_read(parsed: WeekRequest, read: WeekRequest, message: str) -> WeekRequest:
    """The parser's request, filled in by the model's reading where the parser was silent and the
    message bears the reading out (`borne_out`). Where both speak, the parser wins: its reading
    is tied to the words. Exclusions and declined wishes add up."""
    kept = borne_out(read, parsed, message)
    values: dict[str, Any] = {}
    for f in fields(WeekRequest):
        a, b = getattr(parsed, f.name), getattr(kept, f.name)
        if f.name in ("excluded_days", "wishes_against"):
            values[f.name] = a | b
        elif isinstance(a, frozenset | tuple):
            values[f.name] = a or b
        else:
            values[f.name] = b if a is None else a
    return replace(parsed, **values)
