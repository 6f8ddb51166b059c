"""Days heard by meaning: a clause that names days and says, in words the parser has no pattern
for, that the runner can't run then ("Tuesdays I've got the kids at swimming and footy, no way
I'm getting a run in") or can run only then ("I have Tue, Wed, Fri and Sat. That's it").

Like the guard's net, it only adds: a day the parser already read (out, in, freed or the long
run's) keeps the parser's reading. Each clause is compared, in the turn's one forward pass,
with the phrasings of `day_meaning.toml`; it counts only when its nearest phrasing is "out" or
"only", close enough, and clearly closer than the nearest of the other kinds. Deterministic.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import replace
from pathlib import Path
from typing import Literal

from chains.request.model import WeekRequest
from chains.request.text import DAY, DAY_LIST, days_in, normalise
from chains.week.model import DayName

PATH = Path(__file__).with_name("day_meaning.toml")
Kind = Literal["out", "only", "other"]
KINDS: tuple[Kind, ...] = ("out", "only", "other")
Nearest = dict[str, float]  # a clause's best similarity to each kind (`knowledge/day_bank.py`)
MIN_PER_KIND = 30
# The lowest similarity, and the lead over the other kinds, at which a clause counts. Chosen on
# the labelled week chats held out: their figure is the same from 0.50 to 0.60 and for leads of
# 0.03 to 0.05, and every day these add to the labelled messages was read; a lead of 0.02 let
# in "Can you squeeze the week into fri sat sun?" as three days out.
THRESHOLD, MARGIN = 0.55, 0.04
# "only" must be said ("that's it", "all I get"), and never beside a "can't": on a clause without
# these words the model's nearest phrasing is not enough to give the runner fewer days
_ONLY_SAID = re.compile(
    r"\b(?:only|that's it|that's all|all i (?:get|have|got)|nothing else|no others|my (?:free |run"
    r" |running )?days|my windows|those are my)\b"
)
# a day that only dates something ("I'm wrecked after the weekend") is not the day said
_WHEN = re.compile(
    rf"\b(?:after|since|before|from|following)\s+(?:the\s+|my\s+|last\s+)?(?:{DAY_LIST})"
)
_LONG = re.compile(r"\blong (?:run|one)s?\b|\blr\b")
_DENIED = re.compile(r"\b(?:can't|cannot|not|no|never|don't|won't|off|out|busy)\b|n't\b")
_CLAUSE = re.compile(
    rf"[.;!?\n]+|\s+but\s+|\s*,(?!\s*(?:and\s+|or\s+|&\s*)?(?:{DAY}))\s*"
)  # not in a list
# a clause with a length of time is a cap ("Thursday I only have half an hour"): the parser's
_TIMED = re.compile(r"\d+\s*(?:m|min|mins|minutes?|h|hrs?|hours?)\b|\b(?:half an|an) hour\b")


class DayMeaningError(ValueError):
    """The phrasings table is malformed."""


def load_phrasings(path: Path = PATH) -> list[tuple[Kind, str]]:
    """(kind, phrasing) for every phrasing of the table; refuses unknown or thin kinds."""
    table = tomllib.loads(path.read_text(encoding="utf-8"))
    unknown = set(table) - set(KINDS)
    if unknown:
        raise DayMeaningError(f"{path.name}: unknown kind {sorted(unknown)[0]!r}")
    for kind in KINDS:
        if len(table.get(kind, ())) < MIN_PER_KIND:
            raise DayMeaningError(f"{path.name}: fewer than {MIN_PER_KIND} phrasings of {kind!r}")
    return [(kind, text) for kind in KINDS for text in table[kind]]


def day_clauses(text: str) -> list[str]:
    """The message's clauses that name a day, at most six, as the parser reads them."""
    low, original = normalise(text)
    out: list[str] = []
    start, named = 0, False
    for stop in [*_CLAUSE.finditer(low), None]:
        end = stop.start() if stop else len(low)
        clause = original[start:end].strip()
        if days_in(low[start:end], original[start:end]):
            out.append(clause)
            named = True
        elif named and clause and len(clause.split()) <= 10:  # "... Sat. That's it", "..., no way"
            out[-1] = f"{out[-1]}, {clause}"
        else:
            named = False
        start = stop.end() if stop else end
    return out[:6]


def days_heard(clauses: list[str], nearest: list[Nearest]) -> WeekRequest:
    """The days the clauses rule out, or give as the only ones, by meaning."""
    out: set[DayName] = set()
    only: set[DayName] = set()
    for clause, best in zip(clauses, nearest, strict=True):
        kind = max(best, key=lambda k: best[k])
        lead = best[kind] - max(s for k, s in best.items() if k != kind)
        low, original = normalise(clause)
        days = days_in(_WHEN.sub(lambda m: " " * len(m.group()), low), original)
        if _TIMED.search(low) or (kind == "only" and not _ONLY_SAID.search(low)):
            continue
        if kind == "only" and (_DENIED.search(low) or _LONG.search(low) or len(days) < 2):
            continue  # "sat is my only free day for a long one": the long run's day, not the week
        if kind != "other" and best[kind] >= THRESHOLD and lead >= MARGIN:
            (out if kind == "out" else only).update(days)
    only = only - out if len(only - out) < 7 else set()  # every day is no restriction
    return WeekRequest(excluded_days=frozenset(out), available_days=frozenset(only))


def fill(stated: WeekRequest, heard: WeekRequest) -> WeekRequest:
    """The parser's request with the days heard by meaning that it left unread."""
    said = stated.excluded_days | stated.freed_days
    read = said | stated.available_days | ({stated.long_run_day} if stated.long_run_day else set())
    out = heard.excluded_days - read
    only = heard.available_days - said if not (stated.available_days or out) else frozenset()
    if not (out or only):
        return stated
    return replace(
        stated,
        excluded_days=stated.excluded_days | out,
        available_days=stated.available_days | only,
    )
