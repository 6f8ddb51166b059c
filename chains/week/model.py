"""The week model: seven days, each one session of a closed kind, and the change records.

Owns the data shape (it matches the DAY / CHANGE JSON of CONTRACT.md exactly) and small, pure
helpers on it. It does not decide what a week should hold: that is the rules engine's job.

Which kinds are running days: `recovery` counts. The article's Monday is a "recovery run or walk"
(an easy 5k shuffle or a 3k walk); counting it as a run is the safe reading for "days available"
and "excluded days hold no run". When the engine wants a walk that is *not* a run (a runner with
fewer days), it writes it as `cross_training` titled "Recovery walk".
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any, Literal, get_args

DayName = Literal["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
Kind = Literal["rest", "recovery", "easy_run", "stairs", "intervals", "long_run", "cross_training"]
Terrain = Literal["flat", "stairs", "pool", "any"]
Intensity = Literal["rest", "easy", "moderate", "hard"]

DAYS: tuple[DayName, ...] = get_args(DayName)
KINDS: tuple[Kind, ...] = get_args(Kind)
TERRAINS: tuple[Terrain, ...] = get_args(Terrain)
INTENSITIES: tuple[Intensity, ...] = get_args(Intensity)
HARD_KINDS: frozenset[Kind] = frozenset({"stairs", "intervals", "long_run"})
RUN_KINDS: frozenset[Kind] = frozenset({"recovery", "easy_run", "stairs", "intervals", "long_run"})
# What may follow the long run (the article's Monday: ease the stiffness after Sunday's long run).
AFTER_LONG_RUN_KINDS: frozenset[Kind] = frozenset({"recovery", "rest", "cross_training"})
WEEKDAYS: frozenset[DayName] = frozenset(DAYS[:5])
WEEKEND: frozenset[DayName] = frozenset(DAYS[5:])

# The article's section ids (`## Title {#id}` in knowledge/article.md); a test keeps them in step.
SECTION_IDS: frozenset[str] = frozenset(
    {
        "introduction",
        "understanding-lower-back-pain",
        "red-flags",
        "effect-on-running-technique",
        "running-technique",
        "program-changes",
        "frequency",
        "speed-sessions",
        "long-runs",
        "vertical-hill-sessions",
        "sample-week",
    }
)

# Coach's assumption, not the article's: an easy mid-pack pace, used only to estimate the
# distance of time-based runs (the long run) when weighing weekly volume. Stairs count as time.
EASY_MIN_PER_KM = 6.0


@dataclass(frozen=True)
class RunWalk:
    run_min: float
    walk_min: float

    @property
    def run_share(self) -> float:
        return self.run_min / (self.run_min + self.walk_min)


@dataclass(frozen=True)
class Reps:
    count: int
    metres: int | None = None
    minutes: float | None = None


@dataclass(frozen=True)
class Day:
    day: DayName
    kind: Kind
    title: str
    minutes: int | None
    km: float | None
    terrain: Terrain | None
    intensity: Intensity
    run_walk: RunWalk | None
    reps: Reps | None
    details: str
    why: str
    source: str

    @property
    def is_run(self) -> bool:
        return self.kind in RUN_KINDS

    @property
    def is_hard(self) -> bool:
        return self.kind in HARD_KINDS

    def to_dict(self) -> dict[str, Any]:
        return {
            "day": self.day,
            "kind": self.kind,
            "title": self.title,
            "minutes": self.minutes,
            "km": self.km,
            "terrain": self.terrain,
            "intensity": self.intensity,
            "run_walk": None
            if self.run_walk is None
            else {"run_min": self.run_walk.run_min, "walk_min": self.run_walk.walk_min},
            "reps": None
            if self.reps is None
            else {
                "count": self.reps.count,
                "metres": self.reps.metres,
                "minutes": self.reps.minutes,
            },
            "details": self.details,
            "why": self.why,
            "source": self.source,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Day:
        try:
            rw, reps = d.get("run_walk"), d.get("reps")
            return cls(
                day=_choice(d["day"], DAYS, "day"),
                kind=_choice(d["kind"], KINDS, "kind"),
                title=str(d["title"]),
                minutes=None if d.get("minutes") is None else int(d["minutes"]),
                km=None if d.get("km") is None else float(d["km"]),
                terrain=None
                if d.get("terrain") is None
                else _choice(d["terrain"], TERRAINS, "terrain"),
                intensity=_choice(d["intensity"], INTENSITIES, "intensity"),
                run_walk=None
                if rw is None
                else RunWalk(float(rw["run_min"]), float(rw["walk_min"])),
                reps=None
                if reps is None
                else Reps(int(reps["count"]), reps.get("metres"), reps.get("minutes")),
                details=str(d.get("details", "")),
                why=str(d.get("why", "")),
                source=str(d.get("source", "")),
            )
        except (KeyError, TypeError) as err:
            raise ValueError(
                f"A day in the week data is missing or has a bad field ({err})."
            ) from err


def _choice(value: object, allowed: tuple[str, ...], field: str) -> Any:
    if value not in allowed:
        raise ValueError(f"{field} must be one of {', '.join(allowed)}, not {value!r}.")
    return value


@dataclass(frozen=True)
class Week:
    days: tuple[Day, ...]

    def __getitem__(self, name: DayName) -> Day:
        return self.days[DAYS.index(name)]

    def with_day(self, new: Day) -> Week:
        return Week(tuple(new if d.day == new.day else d for d in self.days))

    def running_days(self) -> list[DayName]:
        return [d.day for d in self.days if d.is_run]

    def long_run_day(self) -> DayName | None:
        return next((d.day for d in self.days if d.kind == "long_run"), None)

    def running_km(self) -> float:
        return round(sum(running_km(d) for d in self.days), 2)

    def to_dict(self) -> dict[str, Any]:
        return {"days": [d.to_dict() for d in self.days]}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Week:
        days = d.get("days")
        if not isinstance(days, list) or len(days) != 7:
            raise ValueError("A week needs a 'days' list with exactly seven days, Monday first.")
        week = cls(tuple(Day.from_dict(x) for x in days))
        if tuple(x.day for x in week.days) != DAYS:
            raise ValueError("A week's days must run Monday to Sunday, each named once.")
        return week


@dataclass(frozen=True)
class Change:
    day: DayName
    before: str
    after: str
    why: str
    source: str

    def to_dict(self) -> dict[str, str]:
        return {
            "day": self.day,
            "before": self.before,
            "after": self.after,
            "why": self.why,
            "source": self.source,
        }


def next_day(name: DayName, step: int = 1) -> DayName:
    """The day `step` after `name`, wrapping Sunday to Monday."""
    return DAYS[(DAYS.index(name) + step) % 7]


def running_km(day: Day) -> float:
    """Distance a running day adds to the weekly volume (0 for non-running days and stairs)."""
    if not day.is_run or day.kind == "stairs":
        return 0.0
    if day.km is not None:
        return day.km
    share = day.run_walk.run_share if day.run_walk else 1.0
    return round((day.minutes or 0) * share / EASY_MIN_PER_KM, 2)


def length(day: Day) -> str:
    """How much of it: "90 min, run 8 : walk 2" or "45 min, 5 km, 4 × 1000 m" ("Rest" for rest,
    the one word a rest day reads everywhere: the page, the chat and the files)."""
    if day.kind == "rest":
        return "Rest"
    parts = [f"{day.minutes} min"]
    if day.km:
        parts.append(f"{day.km:g} km")
    if day.run_walk:
        parts.append(f"run {day.run_walk.run_min:g} : walk {day.run_walk.walk_min:g}")
    if day.reps and day.reps.metres:
        parts.append(f"{day.reps.count} × {day.reps.metres} m")
    return ", ".join(parts)


def summary(day: Day) -> str:
    """A short human string for a change: "Stair session, 30 min" or "Rest"."""
    return "Rest" if day.kind == "rest" else f"{day.title}, {length(day)}"


def rest_day(name: DayName, why: str, source: str) -> Day:
    return Day(
        name, "rest", "Rest", None, None, None, "rest", None, None, "No session.", why, source
    )


def same_session(a: Day, b: Day) -> bool:
    """True when two days hold the same session (the reasons may differ)."""
    return replace(a, why="", source="") == replace(b, why="", source="")


def sample_week(data: Mapping[str, Any]) -> Week:
    """The article's sample week from the parsed `knowledge/sample_week.json` dict."""
    return Week.from_dict(data)


def round_km(km: float) -> float:
    """Down to the half kilometre, so scaling never rounds volume up."""
    return math.floor(km * 2) / 2
