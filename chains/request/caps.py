"""Reading a runner's time caps, in minutes: every day, weekdays, weekends and named days
("nothing over 45", "an hour tops on weekdays", "30 on Wednesdays").

Same shape as `days.py`: the extractor reads the lower-cased message (and the original, where
capitals tell "Sat" from "sat"), and returns what it found with those words blanked out.
"""

from __future__ import annotations

import re
from typing import cast

from chains.request.text import Found, blank, days_in, durations
from chains.week.model import DAYS, DayName

_CAP_BEFORE = re.compile(
    r"\b(?:only|max|maximum|sub|no more than|not more than|at most|up to|under|less than|have|got"
    r"|more than|longer than|limit|limited to|cap|capped at|just|over|nothing over|at|past|beyond"
    r"|longest|inside|fit in|fit into|window of(?: about| around)?"
    r"|(?:keep|cut|trim|bring)(?: \w+){0,2} (?:to|under|at)"
    r"|(?:dropped|reduced|trimmed|shortened|cut|brought down|down) to"
    r"|(?:could|can|would) (?:it|that) be"
    r"|(?:make|have|set|shorten|cap) (?:the |my )?long (?:run|one)(?: (?:to|be|at|down to))?)\b"
)
# The length a cap replaces: "make the long run 75 mins instead of 90"
_REPLACED = re.compile(r"\b(?:instead of|rather than|not|from|down from)\s*$")
_CAP_AFTER = re.compile(
    r"\b(?:max|maximum|tops|at most|is fine|is all|is my limit|or less|or under|or shorter"
    r"|is the (?:absolute )?(?:most|max)|is my (?:absolute |hard |total )?(?:max|maximum|limit)"
    r"|each"
    r"|is the longest|(?:is )?as long as i (?:can|have)|sessions? only|runs? only"
    r"|cap|limit)\b"
)
_EVERY_DAY = re.compile(
    r"\b(?:a|per|each|every) (?:day|session|run)\b|\bat a time\b|\bdaily\b|\beverything\b"
    r"|\b(?:all|any) (?:sessions|runs|days)\b"
)


_TOO_MUCH = re.compile(
    r"\s*(?:[a-z-]+\s+){0,3}?(?:is|are|was|feels?|seems?)\s+(?:way\s+|a bit\s+|far\s+|just\s+)?"
    r"too\s+(?:much|long|far|many)"
)


# A length of something else: "12 hour shifts Thurs through Sat", "a 2 hour commute"
_NOT_A_RUN = re.compile(
    r"\s*(?:-\s*)?(?:[a-z]+\s+)?(?:shifts?|commutes?|drives?|flights?|journeys?|meetings?|lectures?)\b"
    r"|\s*each way\b"
)


_A_SESSION = re.compile(r"\s*(?:-\s*)?(?:long (?:run|one)|run|session|intervals?|stairs?|swim)\b")


# Shorter sessions asked for without a number: "can you shorten the sessions", "im time poor"
_SHORTER = re.compile(
    r"\bshort(?:en|er)\b(?:\s+\w+){0,3}?\s+(?:sessions?|runs?|days?|everything|workouts?|them)\b"
    r"|\b(?:sessions?|runs?|everything|it all)(?:'s| is| are)?\s+(?:all\s+)?(?:a bit |a little "
    r"|too |way too |far too |quite )+long\b|\btime[- ]poor\b|\bless time\b"
    r"|\bshorter\b(?!\s+(?:steps?|strides?|ground|contact|cadence))"  # "shorter steps": technique
    r"|\bcap (?:how long|the (?:time|length|minutes))|\blimit (?:how long|the time)"
)


def time_caps(text: str, original: str) -> Found:
    """Time caps in minutes: every day, weekdays, weekends and named days."""
    every = weekdays = weekends = None
    named: dict[DayName, int] = {}
    found = durations(text)
    capped = False
    for i, (start, end, minutes) in enumerate(found):
        clause_start = max(text.rfind(c, 0, start) for c in ".;!?")
        lo = max(found[i - 1][1] if i else 0, clause_start + 1)
        hi = found[i + 1][0] if i + 1 < len(found) else len(text)
        hi = min([hi] + [p for p in (text.find(c, end) for c in ".;!?") if p != -1])
        # A cap's scope lies in its own clause: "40 min max on weekdays, weekends longer"
        before, after = text[lo:start].rsplit(",", 1)[-1], text[end:hi].split(",", 1)[0]
        # "weekdays are fine but keep every session under": the words after "but"
        before = re.split(r"\bbut\b", before)[-1]
        after = re.split(r"\band (?:the |my |a )?(?:long (?:run|one)|lr)\b", after)[0]
        listed = capped and lo > clause_start + 1  # "45 min on weekdays, 30 on Wednesdays"
        capped = bool(_CAP_BEFORE.search(before[-40:]) or _CAP_AFTER.search(after) or listed)
        naming = re.search(r"\bthe\s*$", before) and _A_SESSION.match(
            after
        )  # "the 90 min long run"
        replaced = _REPLACED.search(before)
        if not capped or naming or replaced or _TOO_MUCH.match(after) or _NOT_A_RUN.match(after):
            continue
        scope = _scope(after, original, end) or _scope(before, original, lo) or "every"
        if scope == "every":
            every = minutes
        elif scope == "weekdays":
            weekdays = minutes
        elif scope == "weekends":
            weekends = minutes
        else:
            named.update({d: minutes for d in cast(list[DayName], scope)})
    for start, end, _ in reversed(found):
        text = blank(text, start, end)
    on = tuple(sorted(named.items(), key=lambda kv: DAYS.index(kv[0])))
    shorter = not found and _SHORTER.search(text) is not None
    return Found.of(
        text,
        pending="max_minutes" if shorter else None,
        max_minutes=every,
        max_minutes_weekdays=weekdays,
        max_minutes_weekends=weekends,
        max_minutes_on=on,
    )


def _scope(window: str, original: str, offset: int) -> str | list[DayName] | None:
    if re.search(r"\bweek ?days\b|\bduring the week\b|\bin the week\b|\bmon-fri\b", window):
        return "weekdays"
    if re.search(r"\bweek ?ends?\b", window):
        return "weekends"
    days = days_in(window, original, offset)
    if days:
        return days
    return "every" if _EVERY_DAY.search(window) else None
