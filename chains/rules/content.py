"""Rules that change what a session is (not which day it is on), each tied to an article section.

Every rule is `rule(draft, request) -> None`: it reads the request, rewrites days of
`draft.week` with the reason in each day's `why`, and notes what it declines or assumes.
"""

from __future__ import annotations

from dataclasses import replace

from chains.request.model import WeekRequest
from chains.rules.draft import Declined, Draft, because, floor5, long_run_details, scaled
from chains.rules.reasons import (
    FLAT_OFFER,
    HILLS_WHY,
    RACE_OFFER,
    SPEED_OFFER,
    SPEED_WHY,
    STAIRS_OFFER,
    TECHNIQUE_CUES,
)
from chains.week.model import Day, DayName, Reps, RunWalk

ARTICLE_RUN_WALK = RunWalk(8, 2)  # long-runs: "8 minute run : 2 minute walk"
FLARE_RUN_WALK = RunWalk(5, 2)  # coach's assumption after a flare: more walking
GOAL_LONG_RUN_MIN = {"5k": 60, "10k": 90, "half": 105, "marathon": 120}


def decline_wishes(draft: Draft, request: WeekRequest) -> None:
    """vertical-hill-sessions / speed-sessions: wishes against the article are declined."""
    for wish in sorted(request.wishes_against):
        if wish in ("hills", "downhill"):
            offer = FLAT_OFFER if request.no_stairs else STAIRS_OFFER
            draft.declined.append(Declined(wish, HILLS_WHY, offer, "vertical-hill-sessions"))
        else:
            offer = RACE_OFFER if wish == "race_flat_out" else SPEED_OFFER
            draft.declined.append(Declined(wish, SPEED_WHY, offer, "speed-sessions"))


def lengthen_speed_reps(draft: Draft, request: WeekRequest) -> None:
    """speed-sessions: reps shorter than 800 m become 800 m reps at a less-than-max pace."""
    for day in draft.week.days:
        reps = day.reps
        if day.kind != "intervals" or reps is None or reps.metres is None or reps.metres >= 800:
            continue
        count = max(2, reps.count * reps.metres // 800)
        draft.put(
            because(
                replace(day, reps=Reps(count, 800, None), title="Long intervals"),
                f"{reps.count} × {reps.metres} m become {count} × 800 m: {SPEED_WHY} Longer reps "
                "require a less-than-max pace.",
                "speed-sessions",
            )
        )


def flat_run_walk_long_run(draft: Draft, request: WeekRequest) -> None:
    """long-runs: the long run is fairly flat, with short walk breaks at set intervals (8:2)."""
    for day in draft.week.days:
        if day.kind == "long_run" and (day.terrain != "flat" or day.run_walk is None):
            rw = day.run_walk or ARTICLE_RUN_WALK
            draft.put(
                replace(
                    day,
                    terrain="flat",
                    run_walk=rw,
                    details=long_run_details(day.minutes or 0, rw.run_min, rw.walk_min),
                    why="Long runs bring fatigue, longer strides and more lateral movement, so the "
                    "safest long run is fairly flat (no hills) with short walk breaks at set "
                    "intervals (8 minute run : 2 minute walk).",
                    source="long-runs",
                )
            )


def flat_easy_run(name: DayName, title: str, details: str, why: str, source: str) -> Day:
    """The 30-minute flat, easy run that stands in for a session the back cannot take now."""
    return Day(name, "easy_run", title, 30, 5.0, "flat", "easy", None, None, details, why, source)


_FLARE_SPEED = (
    "Your back flared, so speed work is out until it has fully recovered: there's no way of "
    "hitting top speed without putting pressure on your lower back."
)
_ASKED_SPEED = (
    "You'd rather leave speed work out for now, and the article agrees you can ditch your speed "
    "work until the back has fully recovered."
)
_FLARE_STAIRS = (
    "Your back flared, so the max-effort stair climbs wait with the speed work until it has "
    "fully recovered: going hard puts pressure on your lower back."
)


_KEPT_STAIRS = (
    "You'd like to keep the stairs. With your back flared, climb them at an easy effort, not "
    "the article's max effort, until it has fully recovered: going hard puts pressure on your "
    "lower back."
)
_KEPT_DETAILS = "Stair climbs at an easy, steady effort; walk down."


def drop_speed(draft: Draft, request: WeekRequest) -> None:
    """speed-sessions: after a flare, or when asked ("no speed work yet"), ditch speed work until
    the back has fully recovered; after a flare the stairs' max-effort climbs ease too, so that
    every hard day says the same thing (unless the stairs caused it: a later rule rests them)."""
    eased = {}
    if request.flare or request.no_speed:
        eased["intervals"] = _FLARE_SPEED if request.flare else _ASKED_SPEED
    if request.flare and request.flare_after != "stairs":
        eased["stairs"] = _FLARE_STAIRS
    for day in draft.week.days:
        if day.kind == "stairs" and day.kind in eased and request.no_stairs is False:
            draft.put(replace(day, title="Easy stair session", intensity="easy",
                              details=_KEPT_DETAILS, why=_KEPT_STAIRS,
                              source="speed-sessions"))  # fmt: skip
        elif day.kind in eased:
            draft.put(
                flat_easy_run(
                    day.day,
                    f"Easy run instead of {'intervals' if day.kind == 'intervals' else 'stairs'}",
                    "Easy, conversational pace on flat ground.",
                    eased[day.kind],
                    "speed-sessions",
                )
            )


_ASKED_LONG = (
    "You'd rather skip the long run this week, so a short easy run stands in. When it comes "
    "back, the article keeps it fairly flat with short walk breaks, because fatigue lengthens "
    "your stride."
)


def skip_long_run(draft: Draft, request: WeekRequest) -> None:
    """long-runs: a runner who asks for no long run this week gets the easy run in its place
    (on the day the schedule gave it, so the day after still follows a lighter one)."""
    if not request.no_long_run:
        return
    for day in draft.week.days:
        if day.kind == "long_run":
            title = "Easy run instead of the long run"
            details = "Easy, conversational pace on flat ground."
            draft.put(flat_easy_run(day.day, title, details, _ASKED_LONG, "long-runs"))


def rest_instead(draft: Draft, request: WeekRequest) -> None:
    """sample-week: cross-training is the article's non-running way to move, and the recovery
    runs its easy shuffles; a runner who would rather not do them rests those days instead
    (never an extra run: running days are set)."""
    out = {"cross_training": request.no_cross_training, "recovery": request.no_recovery}
    for day in draft.week.days:
        if out.get(day.kind):
            what = "cross-train" if day.kind == "cross_training" else "do the recovery runs"
            why = (
                f"You'd rather not {what}, so this is a rest day. The article uses it to move "
                "gently; a walk is a fine extra if you feel like one."
            )
            draft.put(
                Day(day.day, "rest", "Rest", None, None, None, "rest", None, None,
                    "A full rest day.", why, "sample-week")
            )  # fmt: skip


def ease_long_run_after_flare(draft: Draft, request: WeekRequest) -> None:
    """long-runs: after a flare the long run stays flat and walks more (5 min run : 2 min walk)."""
    if not request.flare:
        return
    for day in draft.week.days:
        if (
            day.kind == "long_run"
            and (day.run_walk or ARTICLE_RUN_WALK).run_share > FLARE_RUN_WALK.run_share
        ):
            draft.put(  # the whole reason is new: the 8:2 wording no longer describes the day
                replace(
                    day,
                    run_walk=FLARE_RUN_WALK,
                    details=long_run_details(day.minutes or 0, 5, 2),
                    why="After the flare, more walking (5 min run : 2 min walk instead of the "
                    "article's 8 : 2): fatigue leads to longer strides and more lateral movement, "
                    "and walk breaks at set intervals reduce it.",
                    source="long-runs",
                )
            )
            draft.assume("after a flare the run:walk eases from 8:2 to 5:2 until the back settles.")


def rest_stairs_after_flare(draft: Draft, request: WeekRequest) -> None:
    """sample-week: a flare after stairs swaps the stair session for gentle cross-training."""
    if not (request.flare and request.flare_after == "stairs") or request.no_stairs is False:
        return  # "keep the stairs" is the runner's call
    for day in draft.week.days:
        if day.kind == "stairs":
            draft.put(
                Day(day.day, "cross_training", "Cross-training instead of stairs", 30, None,
                    None, "easy", None, None,
                    "An easy spin, row or elliptical with gentle bend, twist and tilt movements"
                    + ("." if request.no_pool else "; swimming or deep water walking is best."),
                    "Your back flared after the stairs, so this week the stair session becomes a "
                    "non-running session with gentle multi-axial movement.", "sample-week")
            )  # fmt: skip
            draft.assume("after a flare from stairs, the stair session pauses for a week.")


def scale_for_goal_and_level(draft: Draft, request: WeekRequest) -> None:
    """long-runs / sample-week: a goal race sets the long run, a beginner runs less (assumed)."""
    beginner = request.level == "beginner"
    goal = request.goal_race or "10k"
    if goal == "10k" and not beginner:
        return
    factor = 2 / 3 if beginner else 1.0
    for day in draft.week.days:
        if day.kind == "long_run":
            minutes = floor5(GOAL_LONG_RUN_MIN[goal] * factor)
            rw = day.run_walk or ARTICLE_RUN_WALK
            draft.put(
                because(
                    replace(
                        day,
                        minutes=minutes,
                        details=long_run_details(minutes, rw.run_min, rw.walk_min),
                    ),
                    f"Long run of {minutes} min for "
                    f"{'a beginner' if beginner else 'your goal race'}.",
                )
            )
        elif beginner and day.kind in ("easy_run", "recovery", "intervals"):
            draft.put(because(scaled(day, 0.75), "Shorter for a beginner."))
    if request.goal_race and request.goal_race != "10k":
        draft.assume(
            f"the long run is set for a {goal} goal race ({GOAL_LONG_RUN_MIN[goal]} min); the "
            "article's sample week is for a mid-pack 10k runner."
        )
    if beginner:
        draft.assume(
            "as a beginner you get about two thirds of the long run and three quarters of the "
            "other runs; the article's sample week is for a mid-pack 10k runner."
        )


def flat_instead_of_stairs(draft: Draft, request: WeekRequest) -> None:
    """vertical-hill-sessions: no stairs means no hills either, so a flat run takes the slot."""
    if not request.no_stairs:
        return
    for day in draft.week.days:
        if day.kind == "stairs":
            draft.put(
                flat_easy_run(
                    day.day,
                    "Flat run instead of stairs",
                    "30 minutes at a comfortable pace on flat ground.",
                    "No stairs near you, and hills are not the substitute: downhill running makes "
                    "you lean back and puts compressive forces through the lower back. So a flat "
                    "run takes the stair slot.",
                    "vertical-hill-sessions",
                )
            )


def cross_training_without_pool(draft: Draft, request: WeekRequest) -> None:
    """sample-week: without a pool, the article's next choice: rower, bike, ski erg, elliptical."""
    if not request.no_pool:
        return
    for day in draft.week.days:
        if day.kind == "cross_training" and day.terrain == "pool":
            draft.put(
                replace(
                    day,
                    title="Cross-training: rower, bike, ski erg or elliptical",
                    terrain=None,
                    details="Rower, cycling, ski erg or elliptical cross-trainer at an easy "
                    "effort.",
                    why="No pool, so no swimming or deep water walking (the article's first "
                    "choice). Rower, cycling, ski erg or elliptical are OK but not ideal: they "
                    "have limited mobility benefits for the lower back.",
                    source="sample-week",
                )
            )


def technique_cues(draft: Draft, request: WeekRequest) -> None:
    """running-technique: the four cues, walk breaks and soft landing first after a flare."""
    if not draft.week.running_days():
        return
    cues = list(TECHNIQUE_CUES)
    if request.flare:
        cues = [cues[3], cues[2], cues[0], cues[1]]
    draft.cues.extend(cues)
