"""A runner's week request: the constraints stated in a message, and how they add up over a chat.

Owns the `WeekRequest` record and `merge`; reading a message into one is `parse.py`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from chains.request.text import GoalRace, Level, Pending, Wish
from chains.week.model import DAYS, WEEKDAYS, DayName, Kind

__all__ = ["Move", "WeekRequest", "merge_all"]

# What a move names: a session kind ("stairs") or the day it is on now ("Tuesday").
MoveFrom = Kind | DayName
Move = tuple[MoveFrom, DayName]

VOLUME_FIELDS = ("current_km_per_week", "current_runs", "current_run_km")
# Fields where a newer stated value simply replaces the older one.
SCALAR_FIELDS = ("run_days", "long_run_day", "no_stairs", "no_pool", "no_speed",
                 "no_cross_training", "no_long_run", "no_recovery", "pending", "max_minutes",
                 "max_minutes_weekdays", "max_minutes_weekends", "level", "goal_race")  # fmt: skip


@dataclass(frozen=True)
class WeekRequest:
    """Everything optional: None / empty means the runner did not say.

    `available_days` empty means "not stated" (not "no days"); `flare`, `no_stairs` and `no_pool`
    are three-way so that a later "my back feels fine now" or "found some stairs" can undo them.
    """

    run_days: int | None = None
    excluded_days: frozenset[DayName] = frozenset()
    available_days: frozenset[DayName] = frozenset()
    freed_days: frozenset[DayName] = frozenset()  # "friday's ok": no longer excluded
    long_run_day: DayName | None = None
    swaps: tuple[tuple[DayName, DayName], ...] = ()
    moves: tuple[Move, ...] = ()
    no_stairs: bool | None = None
    no_pool: bool | None = None
    no_speed: bool | None = None  # "no speed work yet": the article's "ditch your speed work"
    no_cross_training: bool | None = None  # "just runs please": rest where cross-training was
    no_long_run: bool | None = None  # "no long run this week": an easy run where it was
    no_recovery: bool | None = None  # "no recovery runs, proper rest days": rest where they were
    max_minutes: int | None = None  # every day
    # Asked for without its value ("shorten the sessions", "fewer days", "move my long run"):
    # the coach asks, and a bare "45", "4" or "friday" next fills it.
    pending: Pending | None = None
    max_minutes_weekdays: int | None = None
    max_minutes_weekends: int | None = None
    max_minutes_on: tuple[tuple[DayName, int], ...] = ()  # named days
    current_km_per_week: float | None = None
    current_runs: int | None = None
    current_run_km: float | None = None
    level: Level | None = None
    goal_race: GoalRace | None = None
    flare: bool | None = None
    flare_after: Kind | None = None
    flare_day: DayName | None = None
    wishes_against: frozenset[Wish] = frozenset()

    def is_empty(self) -> bool:
        return self == WeekRequest()

    def flare_only(self) -> WeekRequest:
        """The flare alone: what a turn about something else still tells of the runner's back."""
        return WeekRequest(flare=self.flare, flare_after=self.flare_after, flare_day=self.flare_day)

    def cap_for(self, day: DayName) -> int | None:
        """The tightest time cap that applies to `day`, in minutes, or None."""
        caps = [self.max_minutes, dict(self.max_minutes_on).get(day)]
        caps.append(self.max_minutes_weekdays if day in WEEKDAYS else self.max_minutes_weekends)
        stated = [c for c in caps if c is not None]
        return min(stated) if stated else None

    def open_days(self) -> tuple[DayName, ...]:
        """Days a run may go on: not excluded, and among the available days when those are given."""
        return tuple(
            d
            for d in DAYS
            if d not in self.excluded_days and (not self.available_days or d in self.available_days)
        )

    def max_running_days(self) -> int:
        n = len(self.open_days())
        return n if self.run_days is None else max(0, min(n, self.run_days))

    def weekly_km_now(self) -> float | None:
        """The runner's current weekly distance, when they stated it."""
        if self.current_km_per_week is not None:
            return self.current_km_per_week
        if self.current_runs is not None and self.current_run_km is not None:
            return self.current_runs * self.current_run_km
        return None

    def merge(self, newer: WeekRequest) -> WeekRequest:
        """This conversation's request with a newer message's on top: newer values win.

        Sets of excluded days and wishes add up; a newly stated set of available days replaces
        the old one and frees those days from the exclusions; a day newly excluded is no longer
        open for runs or the long-run day; swapping an available day for another moves the
        availability. Volume is replaced as a whole ("25 km a week" after
        "3 x 10k" drops the 3 runs). Swaps accumulate (swapping the same two days twice undoes
        it); a newer move of the same session replaces the older one.
        """
        merged = replace(
            self,
            **{f: getattr(newer, f) for f in SCALAR_FIELDS if getattr(newer, f) is not None},
        )
        # subtle: an exclusion is not subtracted from the available days; `open_days` does
        # that, so "only Saturday" then "not Saturday" leaves no day rather than every day.
        available = newer.available_days or self.available_days
        # "saturday's my only day off" then "so long run saturday": the long run's day is open
        freed = newer.available_days | newer.freed_days | {newer.long_run_day} - {None}
        excluded = (self.excluded_days - freed) | newer.excluded_days
        long_run_day = merged.long_run_day
        if newer.long_run_day is None and long_run_day in newer.excluded_days:
            long_run_day = None
        # "only mon, thu, sat" then "swap thursday for wednesday": the free day moves
        swaps = []
        for a, b in newer.swaps:
            if a in available and b not in available:
                available = (available - {a}) | {b}
            else:
                swaps.append((a, b))
        caps = dict(self.max_minutes_on) | dict(newer.max_minutes_on)
        moved = {m[0] for m in newer.moves}
        merged = replace(
            merged,
            excluded_days=excluded,
            available_days=available,
            freed_days=self.freed_days | newer.freed_days,  # kept only as said: `open_days`
            # reads the exclusions, which a freed day has already left
            long_run_day=long_run_day,
            swaps=self.swaps + tuple(swaps),
            moves=tuple(m for m in self.moves if m[0] not in moved) + newer.moves,
            max_minutes_on=tuple(sorted(caps.items(), key=lambda kv: DAYS.index(kv[0]))),
            wishes_against=self.wishes_against | newer.wishes_against,
        )
        if any(getattr(newer, f) is not None for f in VOLUME_FIELDS):
            merged = replace(merged, **{f: getattr(newer, f) for f in VOLUME_FIELDS})
        if newer.flare is not None:
            merged = replace(
                merged, flare=newer.flare, flare_after=newer.flare_after, flare_day=newer.flare_day
            )
        return merged


def merge_all(requests: list[WeekRequest]) -> WeekRequest:
    merged = WeekRequest()
    for r in requests:
        merged = merged.merge(r)
    return merged
