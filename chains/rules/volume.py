"""Rules on how much: the runner's current weekly distance and their time caps.

Both only ever shorten or drop sessions, so they run after scheduling and cannot undo it.
"""

from __future__ import annotations

from dataclasses import replace

from chains.request.model import WeekRequest
from chains.rules.draft import MIN_SESSION_MIN, Draft, because, floor5, long_run_details, scaled
from chains.week.model import Day, rest_day, running_km

MIN_RUN_KM = 2.0  # coach's floor: below this, fewer runs beat many tiny ones
# Which distance runs give way first when a small weekly distance cannot fill them all.
DROP_RANK = {"recovery": 0, "intervals": 1, "easy_run": 2, "long_run": 3}


def drop_first(days: list[Day]) -> Day:
    """The run that gives way first: recovery, then speed work, easy running, the long run."""
    return min(days, key=lambda d: (DROP_RANK.get(d.kind, 0), -(d.minutes or 0), d.day))


def match_current_volume(draft: Draft, request: WeekRequest) -> None:
    """frequency: keep weekly distance at what the runner does now, in more, shorter runs."""
    target = request.weekly_km_now()
    if target is None and request.current_run_km is not None:
        target = 3 * request.current_run_km
        draft.assume(
            f"you run {request.current_run_km:g} km at a time; the week counts on about three "
            f"such runs a week ({target:g} km) until you say otherwise."
        )
    if target is None or draft.week.running_km() <= target:
        return
    runs = [d for d in draft.week.days if running_km(d) > 0]
    while len(runs) > 1 and target / len(runs) < MIN_RUN_KM:
        victim = drop_first(runs)
        runs.remove(victim)
        draft.put(
            rest_day(
                victim.day,
                f"About {target:g} km a week is not enough for {len(runs) + 1} runs of at least "
                f"{MIN_RUN_KM:g} km, so {victim.day}'s {victim.title.lower()} makes way "
                "(the weekly distance stays where it is now).",
                "frequency",
            )
        )
        draft.assume(f"runs shorter than {MIN_RUN_KM:g} km are not worth a day of their own.")
    volume = draft.week.running_km()
    if volume <= target:
        return
    n = len(draft.week.running_days())
    if request.current_runs and request.current_run_km and request.current_runs < n:
        reason = (
            f"You run {request.current_runs} × {request.current_run_km:g} km now: the article "
            f"spreads the same weekly distance over more, shorter runs ({request.current_runs} "
            f"× {request.current_run_km:g} km becomes {n} runs a week), which avoids the "
            "rustiness of long gaps without adding load."
        )
    else:
        reason = (
            f"You run about {target:g} km a week now, so the week stays within it: the article "
            "manages load by running more often, not further."
        )
    factor = target / volume
    for day in runs:
        new = scaled(draft.week[day.day], factor)
        draft.put(because(_note(new), reason, "frequency"))
    while draft.week.running_km() > target:  # subtle: the 10-minute floor can round up
        draft.put(rest_day(drop_first(runs).day, reason, "frequency"))
        runs = [d for d in draft.week.days if running_km(d) > 0]


def fit_time_caps(draft: Draft, request: WeekRequest) -> None:
    """Time caps hold: a session longer than the runner's time that day is trimmed to fit."""
    for day in draft.week.days:
        cap = request.cap_for(day.day)
        if cap is None or day.minutes is None or day.minutes <= cap:
            continue
        if cap < MIN_SESSION_MIN:
            why = f"Your time on {day.day} ({cap} min) leaves no room for a session."
            draft.put(rest_day(day.day, why, day.source))
            continue
        minutes = floor5(cap)
        trimmed = replace(scaled(day, minutes / day.minutes), minutes=minutes)
        draft.put(because(_note(trimmed), f"Trimmed to {minutes} min to fit your time."))
        if day.kind == "long_run":
            draft.cannot(
                f"The long run is {minutes} min instead of {day.minutes}: your time on {day.day} "
                "allows no more. The run:walk still lets fatigue build endurance safely."
            )


def _note(day: Day) -> Day:
    """Keeps the details honest after a change of length."""
    if day.kind == "long_run" and day.run_walk is not None:
        rw = day.run_walk
        return replace(day, details=long_run_details(day.minutes or 0, rw.run_min, rw.walk_min))
    extra = f"This week: {day.minutes} min" + (f", about {day.km:g} km." if day.km else ".")
    base = day.details.split(" This week:")[0]
    return replace(day, details=f"{base} {extra}")
