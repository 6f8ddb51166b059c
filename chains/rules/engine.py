"""The rules engine: `adapt(week, request)` runs the named rules in order and says what changed.

Owns the order of the rules, the change list and the last guard. Each rule lives with its kind
(`content`, `schedule`, `volume`) and names its article section in `RULES`.
Pure and deterministic: the same week and request always give the same answer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from chains.request.model import WeekRequest
from chains.rules import content
from chains.rules.draft import Declined, Draft
from chains.rules.invariants import offending_days
from chains.rules.schedule import schedule
from chains.rules.volume import drop_first, fit_time_caps, match_current_volume
from chains.week.model import DAYS, Change, Week, rest_day, same_session, summary

Rule = Callable[[Draft, WeekRequest], None]

# (name, article section, rule), in the order they run: first what a session is, then which
# day it goes on, then how long it may be.
RULES: tuple[tuple[str, str, Rule], ...] = (
    ("decline wishes against the article", "vertical-hill-sessions", content.decline_wishes),
    ("lengthen speed reps to 800 m or more", "speed-sessions", content.lengthen_speed_reps),
    ("a flat long run with run:walk", "long-runs", content.flat_run_walk_long_run),
    (
        "no speed work after a flare or if asked",
        "speed-sessions",
        content.drop_speed,
    ),
    ("ease the run:walk after a flare", "long-runs", content.ease_long_run_after_flare),
    ("pause stairs after a flare from stairs", "sample-week", content.rest_stairs_after_flare),
    ("scale the long run to goal and level", "long-runs", content.scale_for_goal_and_level),
    (
        "no stairs: a flat run, never hills",
        "vertical-hill-sessions",
        content.flat_instead_of_stairs,
    ),
    ("no pool: the article's next choice", "sample-week", content.cross_training_without_pool),
    ("fit the runner's days", "frequency", schedule),
    ("no long run if asked", "long-runs", content.skip_long_run),
    ("keep weekly distance, spread thinner", "frequency", match_current_volume),
    ("fit the time caps", "frequency", fit_time_caps),
    ("rest instead of cross-training or recovery runs", "sample-week", content.rest_instead),
    ("technique cues", "running-technique", content.technique_cues),
)


@dataclass
class Adaptation:
    week: Week
    changes: list[Change]
    declined: list[Declined] = field(default_factory=list)
    unmet: list[str] = field(default_factory=list)  # constraints not met, and why
    assumptions: list[str] = field(default_factory=list)  # coach's, beyond the article
    cues: list[tuple[str, str]] = field(default_factory=list)  # (technique cue, section)


def adapt(week: Week, request: WeekRequest) -> Adaptation:
    """The week adapted to the request, with each change against `week` and its reason."""
    draft = Draft(week)
    for _, _, rule in RULES:
        rule(draft, request)
    _guard(draft, request)
    return Adaptation(
        week=draft.week,
        changes=changes_between(week, draft.week),
        declined=draft.declined,
        unmet=draft.unmet,
        assumptions=draft.assumptions,
        cues=draft.cues,
    )


def plan(sample: Week, request: WeekRequest, previous: Week) -> Adaptation:
    """The conversation's week: the sample adapted to everything asked so far, with changes
    against `previous` (the week the runner saw last turn).

    A day that differs from `previous` but matches the sample again says so; every other
    changed day keeps the reason the rules gave it.
    """
    result = adapt(sample, request)
    changes = []
    for change in changes_between(previous, result.week):
        day = result.week[change.day]
        if same_session(day, sample[change.day]) and not same_session(day, previous[change.day]):
            why = f"Back to the article's sample week: {sample[change.day].why}"
            change = Change(change.day, change.before, change.after, why, sample[change.day].source)
        changes.append(change)
    result.changes = changes
    return result


def changes_between(before: Week, after: Week) -> list[Change]:
    """One change per day whose session differs, with the new day's reason and section."""
    return [
        Change(b.day, summary(b), summary(a), a.why, a.source)
        for b, a in zip(before.days, after.days, strict=True)
        if not same_session(b, a)
    ]


def _guard(draft: Draft, request: WeekRequest) -> None:
    """Last line: no week leaves the engine breaking an invariant. Rests the offending days
    (or the lowest-ranked run when the week as a whole is over) and says so."""
    for _ in range(len(DAYS) + 1):
        days = offending_days(draft.week, request)
        if not days:
            return
        runs = [d for d in draft.week.days if d.is_run]
        if days[0] is None and not runs:
            break
        target = days[0] or drop_first(runs).day
        draft.cannot(
            f"{target}'s {draft.week[target].title.lower()} would break the week's rules, so "
            "it is a rest day."
        )
        draft.put(
            rest_day(target, "Rested to keep the week safe for your back.", "program-changes")
        )
    if offending_days(draft.week, request):  # pragma: no cover - a rest week passes every check
        raise AssertionError("the rules engine produced a week it cannot make safe")


__all__ = ["RULES", "Adaptation", "Declined", "adapt", "changes_between", "plan"]
