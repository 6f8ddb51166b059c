"""Which session goes on which day: the scheduling rule of the engine.

Owns placing the week's sessions on the runner's days: swaps and moves they ask for, the
long-run day, at most their number of running days (recovery runs give way first, then speed
work: `frequency`), no two hard days back to back and an easy day after the long run
(`sample-week`). A swap or move that would break one of those is undone and reported as unmet.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from chains.request.model import WeekRequest
from chains.rules.draft import MIN_SESSION_MIN, Draft, because
from chains.week.model import AFTER_LONG_RUN_KINDS, DAYS, Day, DayName, Week, next_day, rest_day

# Which running sessions stay when days are short (lowest first), and the order they are placed
# in (hard sessions first, so easy runs never take the only day a hard session could use).
KEEP_RANK = {"long_run": 0, "easy_run": 1, "stairs": 2, "intervals": 3, "recovery": 4}
PLACE_RANK = {"long_run": 0, "stairs": 1, "intervals": 2, "easy_run": 3, "recovery": 4}
WEEKEND_PREFERENCE = {"Sunday": 2, "Saturday": 1}


@dataclass(eq=False)  # slots are compared by identity: two sessions may look alike
class Slot:
    session: Day
    home: DayName  # where it was in the input week
    want: DayName  # where it would like to be (after swaps and moves)
    pin: DayName | None = None  # where the runner asked for it


@dataclass(frozen=True)
class Ask:
    """One swap or move the runner asked for, as the words the unmet note uses."""

    text: str
    days: tuple[DayName, DayName]
    what: str | None = None  # a session kind for a move by kind


def schedule(draft: Draft, request: WeekRequest) -> None:
    """frequency / sample-week: the runner's days, with the week's design kept."""
    asks = [Ask(f"swap {a} and {b}", (a, b)) for a, b in request.swaps]
    asks += [Ask(f"move the {w} session to {to}", (to, to), w) for w, to in request.moves]
    while True:
        layout = _place(draft, request, asks)
        if layout.failed is None:
            break
        asks.remove(layout.failed[0])
        draft.cannot(f"I couldn't {layout.failed[0].text}: {layout.failed[1]}.")
    draft.week = Week(tuple(_day(d, layout, request) for d in DAYS))
    for s in layout.squeezed:
        draft.cannot(
            f"No room for the {s.session.title.lower()} without two hard days back to back or a "
            "hard day after the long run, so it is out this week."
        )


@dataclass
class Layout:
    cells: dict[DayName, Slot]  # what each day held after the runner's swaps and moves
    taken: dict[DayName, Slot] = field(default_factory=dict)
    after: DayName | None = None  # the day after the long run
    squeezed: list[Slot] = field(default_factory=list)  # hard sessions with no room left
    failed: tuple[Ask, str] | None = None


def _cells(week: Week, asks: list[Ask], draft: Draft) -> dict[DayName, Slot]:
    cells = {d.day: Slot(d, d.day, d.day) for d in week.days}
    for ask in list(asks):
        a, b = ask.days
        if ask.what is not None:
            found = [d for d in DAYS if ask.what in (d, cells[d].session.kind)]
            if not found:
                draft.cannot(f"There is no {ask.what.replace('_', ' ')} session to move to {b}.")
                asks.remove(ask)
                continue
            a = found[0]
        cells[a], cells[b] = cells[b], cells[a]
        cells[a].want, cells[b].want = a, b
        cells[a].pin = a if ask.what is None else None
        cells[b].pin = b  # after a's: a session moved to the day it is on stays pinned there
    return cells


def _place(draft: Draft, request: WeekRequest, asks: list[Ask]) -> Layout:
    layout = Layout(_cells(draft.week, asks, draft))
    taken = layout.taken
    caps = {d: request.cap_for(d) for d in DAYS}
    open_days = [d for d in request.open_days() if _room(caps[d]) >= MIN_SESSION_MIN]
    budget = min(request.max_running_days(), len(open_days))
    slots = [s for s in layout.cells.values() if s.session.kind != "rest"]
    if request.no_cross_training is False:  # "keep the swim": it keeps an open day of its own
        crossing = [s for s in slots if s.session.kind == "cross_training" and s.pin is None]
        budget = max(1, min(budget, len(open_days) - len(crossing)))
    long_run = next((s for s in slots if s.session.kind == "long_run"), None)
    if long_run is not None and budget > 0:
        day = _long_run_day(draft, request, long_run, open_days, caps)
        taken[day], layout.after, budget = long_run, next_day(day), budget - 1
        for s in slots:  # the recovery that eased the long run follows it to its new day
            if s.session.kind == "recovery" and s.home == next_day(long_run.home) and not s.pin:
                s.want = layout.after
    kept = {"intervals": request.no_speed is False, "stairs": request.no_stairs is False,
            "recovery": request.no_recovery is False}  # fmt: skip
    runs = sorted(  # a session the runner asked to keep ("keep the intervals in") goes first
        (s for s in slots if s.session.is_run and s is not long_run),
        key=lambda s: (
            s.pin is None,
            not kept.get(s.session.kind, False),
            KEEP_RANK.get(s.session.kind, 5),
            DAYS.index(s.want),
        ),
    )
    spare = runs[budget:]
    order = sorted(
        runs[:budget] + [s for s in slots if not s.session.is_run],
        key=lambda s: (s.pin is None, not s.session.is_run, PLACE_RANK.get(s.session.kind, 5)),
    )
    waiting = list(order)
    for s in order:
        waiting.remove(s)
        spot = _find(s, taken, open_days, layout.after, waiting)
        if spot is not None:
            taken[spot] = s
            continue
        if s.session.is_hard:
            layout.squeezed.append(s)
        while s.session.is_run and spare:  # a lower-ranked run may fit where this one could not
            alt = spare.pop(0)
            alt_day = _find(alt, taken, open_days, layout.after, waiting)
            if alt_day is not None:
                taken[alt_day] = alt
                break
    for ask in asks:
        for day in ask.days:
            pinned = next((s for s in slots if s.pin == day), None)
            if pinned is not None and taken.get(day) is not pinned:
                layout.failed = (ask, _why_not(request, pinned, day, layout.after))
                return layout
    if layout.after is not None and layout.after not in taken and layout.after in open_days:
        taken[layout.after] = Slot(_walk(layout.after), layout.after, layout.after)
    return layout


def _room(cap: int | None) -> int:
    return 10_000 if cap is None else cap


def _long_run_day(
    draft: Draft,
    request: WeekRequest,
    long_run: Slot,
    open_days: list[DayName],
    caps: dict[DayName, int | None],
) -> DayName:
    asked = request.long_run_day or long_run.pin
    if asked in open_days:
        return asked
    minutes = long_run.session.minutes or 0
    best = max(
        open_days,
        key=lambda d: (
            d == long_run.want and _room(caps[d]) >= minutes,
            min(_room(caps[d]), minutes),
            WEEKEND_PREFERENCE.get(d, 0),
            -DAYS.index(d),
        ),
    )
    if request.long_run_day:
        draft.cannot(
            f"I couldn't put the long run on {request.long_run_day}: it isn't one of the days "
            f"you can run, so it is on {best}."
        )
    return best


def _fits(s: Slot, day: DayName, taken: dict[DayName, Slot], after: DayName | None) -> bool:
    if day in taken or (day == after and s.session.kind not in AFTER_LONG_RUN_KINDS):
        return False
    near = (taken.get(next_day(day, -1)), taken.get(next_day(day)))
    return not (s.session.is_hard and any(n is not None and n.session.is_hard for n in near))


def _find(
    s: Slot,
    taken: dict[DayName, Slot],
    open_days: list[DayName],
    after: DayName | None,
    waiting: list[Slot],
) -> DayName | None:
    if s.pin is not None:  # the runner's day or none: a pin never drifts to a neighbour
        # cross-training may go on a day the runner can't run ("make friday a swim")
        candidates = [s.pin] if s.pin in open_days or not s.session.is_run else []
    else:
        wanted = {w.want for w in waiting}
        i = DAYS.index(s.want)
        candidates = sorted(
            open_days,
            key=lambda d: (
                d != s.want,
                d in wanted,  # a day another session still wants is the last resort
                min((DAYS.index(d) - i) % 7, (i - DAYS.index(d)) % 7),
                (i - DAYS.index(d)) % 7 < 4,  # forward before backward
            ),
        )
    return next((d for d in candidates if _fits(s, d, taken, after)), None)


def _why_not(request: WeekRequest, s: Slot, day: DayName, after: DayName | None) -> str:
    if day not in request.open_days():
        return f"{day} is not one of the days you can run"
    if day == after and s.session.kind not in AFTER_LONG_RUN_KINDS:
        return f"{day} follows the long run and stays easy (recovery, rest or cross-training)"
    if s.session.is_hard:
        return "it would put two hard days back to back, which the article's week never does"
    return "there was no room for it within your running days"


WALK_WHY = (
    "An easy walk the day after the long run reduces the likelihood of stiffness; it is not a "
    "run, so it does not use one of your running days."
)


def _walk(day: DayName) -> Day:
    return Day(day, "cross_training", "Recovery walk", 30, 3.0, "flat", "easy", None, None,
               "A 3k easy walk.", WALK_WHY, "sample-week")  # fmt: skip


def _day(name: DayName, layout: Layout, request: WeekRequest) -> Day:
    s = layout.taken.get(name)
    if s is None:
        return _rest(name, layout, request)
    day = replace(s.session, day=name)
    if name == s.home:
        return day
    if s.pin == name or (day.kind == "long_run" and request.long_run_day == name):
        return because(day, f"On {name} as you asked.")
    if layout.after == name and s.session.kind == "recovery":
        return because(day, f"Moved to {name} to follow the long run.")
    if s.home not in request.open_days():
        return because(day, f"Moved from {s.home} to {name}: you can't run on {s.home}.")
    if _room(request.cap_for(s.home)) < (day.minutes or 0):
        return because(day, f"Moved from {s.home} to {name}, which has the time for it.")
    return because(day, f"Moved from {s.home} to {name} to fit your days and keep hard days apart.")


def _rest(name: DayName, layout: Layout, request: WeekRequest) -> Day:
    cell = layout.cells[name]
    home = cell.session
    if home.kind == "rest" and cell.home == name:
        return home
    if name not in request.open_days():
        why = f"{name} is not one of your running days, so it is a rest day."
    elif _room(request.cap_for(name)) < MIN_SESSION_MIN:
        why = f"Your time on {name} leaves no room for a session, so it is a rest day."
    elif cell in layout.taken.values() or home.kind == "rest":
        why = "Rest: this day's session moved to fit your days."
    elif cell in layout.squeezed:
        why = f"No room for the {home.title.lower()} without two hard days back to back."
        return rest_day(name, why, "sample-week")
    elif home.is_run:
        kept = [
            w
            for w, k in (
                ("intervals", request.no_speed),
                ("stairs", request.no_stairs),
                ("recovery runs", request.no_recovery),
            )
            if k is False and w[:4] != home.kind[:4]
        ]
        order = "recovery runs go first, then speed work"
        if kept and home.kind != "recovery":  # "keep the intervals in" took this day's place
            order = f"you asked to keep the {kept[0]}"
        why = (
            f"You have {request.max_running_days()} running days, so {name}'s "
            f"{home.title.lower()} makes way ({order}). The "
            "article would rather you ran more often, as it offsets the stiffness of low back "
            "pain, so add a day back when you can."
        )
    else:
        why = f"No free day for the {home.title.lower()} this week."
    return rest_day(name, why, "frequency")
