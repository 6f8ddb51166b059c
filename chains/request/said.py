"""What the coach understood of a runner's request, in the runner's terms: the week reply's
"Got it: …" line, so that nothing stated is dropped in silence."""

from __future__ import annotations

from chains.request.model import WeekRequest
from chains.week.model import DAYS, DayName

_KIND_WORDS = {
    "rest": "rest day",
    "recovery": "recovery run",
    "easy_run": "easy run",
    "stairs": "stairs",
    "intervals": "intervals",
    "long_run": "long run",
    "cross_training": "cross-training",
}
_RACES = {"5k": "a 5k", "10k": "a 10k", "half": "a half marathon", "marathon": "a marathon"}


def _days(days: frozenset[DayName] | list[DayName]) -> str:
    """
    >>> _days(frozenset({"Sunday", "Monday", "Wednesday"}))
    'Monday, Wednesday and Sunday'
    """
    names = sorted(days, key=DAYS.index)
    return ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0]


def understood(r: WeekRequest) -> list[str]:
    """The request's constraints as short phrases, days first, then sessions and times.

    >>> understood(WeekRequest(excluded_days=frozenset({"Monday"}), long_run_day="Saturday",
    ...                        max_minutes=45))
    ['no running Monday', 'long run Saturday', 'a 45-minute cap']
    """
    out = []
    if r.run_days is not None:
        out.append(f"{r.run_days} running day{'s' if r.run_days != 1 else ''}")
    if r.available_days:
        free = r.available_days - r.excluded_days or r.available_days
        out.append(f"running only on {_days(free)}")
    if r.excluded_days:
        out.append(f"no running {_days(r.excluded_days)}")
    if r.long_run_day:
        out.append(f"long run {r.long_run_day}")
    out += [f"swap {a} and {b}" for a, b in r.swaps]
    out += [f"{_KIND_WORDS.get(a, f'{a} session')} to {b}" for a, b in r.moves]
    if r.max_minutes is not None:
        out.append(f"a {r.max_minutes}-minute cap")
    if r.max_minutes_weekdays is not None:
        out.append(f"a {r.max_minutes_weekdays}-minute cap on weekdays")
    if r.max_minutes_weekends is not None:
        out.append(f"a {r.max_minutes_weekends}-minute cap at weekends")
    out += [f"a {m}-minute cap on {d}" for d, m in r.max_minutes_on]
    out += [_PENDING_WORDS[p] for p, _ in _asked(r)]
    sessions = [
        ("no stairs", r.no_stairs),
        ("no speed work", r.no_speed),
        ("no cross-training", r.no_cross_training),
        ("no long run", r.no_long_run),
        ("no recovery runs", r.no_recovery),
        ("no pool", r.no_pool),
    ]
    out += [words for words, said in sessions if said]
    if r.flare:
        after = f" after the {_KIND_WORDS[r.flare_after]}" if r.flare_after else ""
        out.append(f"your back flared{after}")
    if (weekly := r.weekly_km_now()) is not None:
        out.append(f"about {weekly:g} km a week now")
    if r.goal_race:
        out.append(f"training for {_RACES[r.goal_race]}")
    if r.level:
        out.append(f"{r.level} runner")
    return out


_PENDING_WORDS = {
    "max_minutes": "shorter sessions",
    "run_days": "fewer running days",
    "long_run_day": "the long run on another day",
}
_QUESTIONS = {
    "max_minutes": 'How many minutes can a session be at most? Say a number, like "40", and '
    "I'll fit every day to it.",
    "run_days": 'How many days a week can you run? Say a number, like "4".',
    "long_run_day": 'Which day should the long run go on? Say a day, like "Saturday".',
}


def _asked(r: WeekRequest) -> list[tuple[str, str]]:
    """The change asked for without its value, while the value is still missing."""
    caps = [r.max_minutes, r.max_minutes_weekdays, r.max_minutes_weekends, *r.max_minutes_on]
    missing = {
        "max_minutes": all(c is None for c in caps),
        "run_days": r.run_days is None,
        "long_run_day": r.long_run_day is None,
    }
    return [(r.pending, _QUESTIONS[r.pending])] if r.pending and missing[r.pending] else []


def questions(r: WeekRequest) -> list[str]:
    """What the coach needs to ask to do what was asked: a value said without its number or day.

    >>> questions(WeekRequest(pending="max_minutes"))[0].startswith("How many minutes")
    True
    >>> questions(WeekRequest(pending="run_days", run_days=4))
    []
    """
    return [q for _, q in _asked(r)]
