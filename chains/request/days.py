"""Reading when a runner can run: days they can or can't, the long-run day, swaps and moves
(how many days is `counts.py`, the time caps `caps.py`).

Each extractor takes the lower-cased message (and the original, where capitals tell "Sat"
from "sat") and returns what it found plus the text with those words blanked out, so that
"45 minutes on weekdays" is not read again as "can run on weekdays". `request.py` chains them.
"""

from __future__ import annotations

import re

from chains.request.text import (
    DAY,
    DAY_LIST,
    NUM,
    Found,
    blank,
    days_in,
    negated,
)  # fmt: skip
from chains.week.model import DayName, Kind

_SESSION = (
    r"(?P<kind>stairs?(?: session)?|intervals?|speed (?:session|work)|reps|easy run"
    r"|cross[- ]?training|swim|recovery run)"
)
_SESSION_KIND: dict[str, Kind] = {
    "stair": "stairs",
    "inter": "intervals",
    "speed": "intervals",
    "reps": "intervals",
    "easy": "easy_run",
    "cross": "cross_training",
    "swim": "cross_training",
    "recov": "recovery",
}
_AFTER_SESSION = re.compile(r"\b(?:after|during|since|from|following)\b[^,.;]{0,20}$")


def session_kind(words: str) -> Kind:
    return next(kind for prefix, kind in _SESSION_KIND.items() if words.startswith(prefix))


def _first(days: list[DayName]) -> DayName | None:
    return days[0] if days else None


# The long run to go elsewhere, no day said: "move my long run please" (the coach asks where)
_MOVE_LONG_RUN = re.compile(
    r"\b(?:move|shift|change|switch)\s+(?:my\s+|the\s+)?long (?:run|one)\b(?!\s+(?:to|on)\b)"
    r"|\blong (?:run|one)\s+(?:on\s+)?(?:a\s+)?(?:different|another|other)\s+day\b"
)


def placements(text: str, original: str) -> Found:
    """The long-run day, swaps and moves the runner asks for."""
    long_run: DayName | None = None
    swaps: list[tuple[DayName, DayName]] = []
    moves: list[tuple[Kind | DayName, DayName]] = []
    swap = re.compile(
        rf"\b(?:swap|switch|trade|flip|exchange)\s+(?:my |the )?(?P<a>{DAY})\s*(?:sessions?|runs?)?"
        rf"\s*(?:and|with|for|&)\s*(?:my |the )?(?P<b>{DAY})(?:\s*sessions?)?"
    )
    for m in list(swap.finditer(text))[::-1]:
        a, b = days_in(m["a"], original, m.start("a")), days_in(m["b"], original, m.start("b"))
        if a and b:
            swaps.insert(0, (a[0], b[0]))
            text = blank(text, m.start(), m.end())
    to_day = rf"\blong (?:run|one)[^,.;!?]{{0,40}}?\b(?:to|onto)\s+(?:a\s+)?(?P<d>{DAY})"
    # not across a denial: "saturday long run please and no run on monday"
    gap = r"(?:(?!\b(?:no|not|never)\b)[^,.;!?]){0,30}?"
    anywhere = rf"\blong (?:run|one){gap}\b(?P<d>{DAY})"
    for m in [*re.finditer(to_day, text), *re.finditer(anywhere, text)]:  # "off sunday to friday"
        day = _first(days_in(m["d"], original, m.start("d")))
        instead = re.search(
            r"\b(?:instead of|rather than|not|from|off)\s*(?:on\s+)?$", text[: m.start("d")]
        )
        if day and not instead and not _AFTER_SESSION.search(text[: m.start()]):
            long_run = long_run or day
            text = blank(text, m.start(), m.end())
    named = re.search(
        rf"\b(?P<d>{DAY})\s+(?:(?:for|is for) (?:the|my) )?long (?:run|one)"
        rf"|\b(?P<off>{DAY})(?:'s|\s+is)\s+my only (?:day off|free day|free morning)[^.;!?]*?"
        r"\blong (?:run|one)",
        text,
    )
    if named and long_run is None and not _AFTER_SESSION.search(text[: named.start()]):
        group = "d" if named["d"] else "off"
        long_run = _first(days_in(named[group], original, named.start(group)))
        text = blank(text, named.start(), named.end())
    move_day = re.compile(
        rf"\bmove\s+(?:my |the )?(?P<a>{DAY})\s*(?:session|run|workout)?\s+to\s+(?P<b>{DAY})"
    )
    for m in list(move_day.finditer(text)):
        a, b = days_in(m["a"], original, m.start("a")), days_in(m["b"], original, m.start("b"))
        if a and b:
            moves.append((a[0], b[0]))
            text = blank(text, m.start(), m.end())
    move_kind = re.compile(
        rf"\b(?:my |the )?{_SESSION}\s*(?:session)?\s*(?:to|on|onto|over to)\s+(?:a\s+)?"
        rf"(?P<d>{DAY})"
    )
    for m in list(move_kind.finditer(text)):
        if _AFTER_SESSION.search(text[: m.start()]) or negated(text, m.start()):
            continue
        days = days_in(m["d"], original, m.start("d"))
        if days:
            moves.append((session_kind(m["kind"]), days[0]))
            text = blank(text, m.start(), m.end())
    pending = "long_run_day" if long_run is None and _MOVE_LONG_RUN.search(text) else None
    return Found.of(
        text, long_run_day=long_run, swaps=tuple(swaps), moves=tuple(moves), pending=pending
    )


_CANT = r"(?:can't|cannot|can not|couldn't|unable to|won't be able to)"
_EXCLUDED = [
    rf"\b{_CANT}\s+(?:run|train|do|make|manage|get out)?\s*(?:on\s+|at\s+)?(?:the\s+)?"
    rf"(?P<d>{DAY_LIST})",
    rf"\b(?:but |and )?not\s+(?:on\s+)?(?P<d>{DAY_LIST})",
    rf"\bnever\s+(?:run\s+|running\s+|train\s+)?(?:on\s+)?(?:a\s+|the\s+)?(?P<d>{DAY_LIST})",
    rf"\b(?:away|working|at work|busy|travelling|traveling|off)\s+(?:on\s+|every\s+)?(?:the\s+)?"
    rf"(?P<d>{DAY_LIST})",
    rf"\bi work\s+(?:(?:nights|night shifts?|shifts|lates|earlies|doubles|late)\s+)?(?:on\s+)?"
    rf"(?:the\s+)?(?P<d>{DAY_LIST})",
    rf"\b(?:{NUM}\s+)?rest days?(?:\s+please)?\s*[,:(-]\s*(?:on\s+)?(?:the\s+)?(?P<d>{DAY_LIST})",
    rf"\bnothing\s+(?:on\s+|at\s+)?(?:the\s+)?(?P<d>{DAY_LIST})",
    rf"\b(?P<d>{DAY_LIST})\s+(?:i'm|i am)\s+(?:busy|away|working|at work|out|off)\b",
    rf"\bnone\s+(?:of them\s+)?(?:on\s+|at\s+)?(?:a\s+|the\s+)?(?P<d>{DAY_LIST})",
    rf"\b(?:a\s+)?(?:full\s+|proper\s+)?rest day on\s+(?P<d>{DAY_LIST})",
    rf"\bmake\s+(?P<d>{DAY_LIST})\s+(?:a\s+)?(?:full\s+)?(?:rest|day off)\b",
    rf"\b(?P<d>{DAY_LIST})(?:'s|\s+is|\s+are)\s+(?:my\s+)?only\s+(?:rest day|day off)"
    r"(?!\s+(?:from\s+)?work)",
    rf"\b(?:except|apart from|other than|but)\s+(?:on\s+)?(?P<d>{DAY_LIST})",
    rf"\b(?:drop|skip|take out|remove|cut|lose|scrap)\s+(?:the\s+)?(?P<d>{DAY_LIST})",
    rf"\b(?:swap|switch|change|turn)\s+(?:the\s+)?(?P<d>{DAY_LIST})(?:'s)?\s+(?:\w+\s+){{0,2}}?"
    r"(?:for|to|into)\s+(?:a\s+)?(?:full\s+|complete\s+)?(?:rest|day off)\b",
    rf"\b(?:keep|need|want)\s+(?:the\s+)?(?P<d>{DAY_LIST})\s+"
    r"(?:(?:totally|completely|fully|entirely)\s+)?(?:off|free|clear)\b",
    rf"\bno (?:running|runs?|training)\s+(?:on\s+)?(?:a\s+|the\s+)?(?P<d>{DAY_LIST})",
    rf"\b(?P<d>{DAY_LIST})(?:'s|\s+(?:is|are|r))?\s+(?:out|impossible|no good|bad|busy|off limits"
    r"|a no|taken|family day|my busy days?|a write-off|not possible|hard for me|(?:a )?no[- ]go"
    r"|dead)",
    # "sat off sun off fri off" (but "I have wednesdays off" is off work: free to run)
    rf"(?<!have )(?<!get )(?<!got )\b(?P<d>{DAY_LIST})\s+off\b(?!\s+(?:from\s+)?work)",
    rf"\b(?P<d>{DAY_LIST})[^,.;]{{0,25}}\bno running\b",
    rf"\b(?P<d>{DAY_LIST})\s+(?:don't|doesn't|do not|does not|no longer)\s+(?:suit|work)\b",
    rf"\b(?:don't|do not|won't|will not)\s+(?:want to\s+)?(?:run|train)\s+(?:on\s+)?"
    rf"(?:a\s+|the\s+)?(?P<d>{DAY_LIST})",
    # "Mondays completely run-free", "can mon and sat be non-running days", "wed off running"
    rf"\b(?P<d>{DAY_LIST})\s+(?:(?:totally|completely|fully|entirely)\s+)?(?:run(?:ning)?[- ]free"
    r"|off (?:from )?running|free (?:of|from) running)\b",
    rf"\b(?P<d>{DAY_LIST})\s+(?:be|as)\s+(?:non[- ]?running|rest|no[- ]run) days?\b",
    rf"\btake\s+(?:the\s+)?(?P<d>{DAY_LIST})\s+off\b",
    # "thurs is footy training for the kids, cant run"
    rf"\b(?P<d>{DAY_LIST})(?:'s|\s+is|\s+are)\s[^.;!?]{{0,40}}?,\s*(?:so\s+)?(?:i\s+)?{_CANT}\s+"
    r"(?:run|train)\b",
]
_AVAILABLE = [
    rf"\b{NUM}\s*(?:days?|runs?)(?:\s*(?:a|per)\s*week)?(?:\s*only)?\s*[:,(-]\s*(?P<keep>)"
    rf"(?:on\s+)?(?P<d>{DAY_LIST})",
    rf"\bi (?:run|can do|do)\s+(?:on\s+)?(?P<d>{DAY_LIST})[^.;!?]*\bthat's it\b",
    rf"\b(?:can|could|i'd rather|i would rather|prefer to|i'm free to|able to)\s+(?:only\s+)?"
    rf"(?:run|train|get out|go|do it)\s+(?:only\s+)?(?:on\s+|at\s+)?(?:the\s+)?(?P<d>{DAY_LIST})"
    r"(?!\s*(?:instead|as well))",
    rf"\b(?P<d>{DAY_LIST})\s+only\b",
    rf"\bonly\s+(?:on\s+|at\s+)?(?:the\s+)?(?P<d>{DAY_LIST})",
    rf"\bonly\s+(?:free|available|run|train|go out|get out)\s+(?:on\s+|at\s+)?(?:the\s+)?"
    rf"(?P<d>{DAY_LIST})",
    rf"\bonly days? i can (?:run|train|do|make)\s+(?:is|are)\s+(?:on\s+)?(?P<d>{DAY_LIST})",
    rf"\b(?:i'm free|i am free|available)\s+(?:on\s+)?(?P<d>{DAY_LIST})",
    # "I only have Tuesdays and Thursdays free", "I have Wednesdays off" (off work)
    rf"\bi\s+only\s+(?:have|get)\s+(?:the\s+)?(?P<d>{DAY_LIST})\s+(?:off|free|clear)\b"
    r"(?!\s+(?:running|runs|training))",
]


# A day said to be fine after all: "sorry I meant saturday, friday's ok".
_FREED = re.compile(
    rf"(?<!on )(?<!for )\b(?P<d>{DAY_LIST})(?:'s|\s+is|\s+are)\s+"
    r"(?:fine|ok|okay|good|doable|alright|all right)"
    r"(?:\s+(?:now|after all|actually|again))?\b"
)
_BARE_LIST = re.compile(rf"(?:^|[.;!?]\s*)(?P<d>{DAY_LIST})\s*(?:only\s*)?(?=[.;!?]|$)")


# Days named earlier in the message, then referred back to: "on nights Mon to Wed, nothing on
# those days"; "Wed Thu Fri shifts, nothing on shift days"; "mon and fri, can't run them".
_THOSE_OUT = re.compile(
    r"\b(?:those|these|my shift|shift) days\s+(?:are|r|is)\s+(?:dead|out|off|a no[- ]go)\b"
    r"|\b(?:nothing|none|no running|no runs|(?:can't|cannot|can not) (?:run|do)|not(?: run)?)"
    r"\s+(?:on\s+)?"
    r"(?:(?:those|these|shift|work|working|my shift|my work)\s+days?\b|them\b(?!\s+\w+ing)"
    r"|that day\b)"
)
# ... or the days named are the only ones: "tues and sat. everything else needs to be non-running"
_OTHERS_OUT = re.compile(
    r"\b(?:everything else|every other day|all (?:the )?other days|the other days|the rest of the"
    r" week)\s+(?:needs? to be|has to be|is|are|should be|can be|will be)?\s*(?:non[- ]?running"
    r"|rest|off|out|no running|rest days?)\b"
)
# ... or all but them: "mon and fri are gym days, can't run them. rest of the week is open"
_OTHERS_FREE = re.compile(
    r"\b(?:the )?rest of (?:the|my) week(?:'s| is| are)?\s+(?:open|free|fine|good|ok|available)"
)


# A consequence that rules out the days named just before it: "shifts Thurs through Sat so zero
# running those days", "tuesdays and thursdays im at uni 8 till 8 so cant run"
_SO_OUT = re.compile(
    r"\bso\s+(?:(?:i\s+)?(?:can't|cant|cannot|won't|wont|will not)\s+(?:be\s+)?(?:run|running|train"
    r"|training)|(?:zero|no)\s+(?:running|runs))\b"
    rf"(?!\s+(?:on|in|then|much|far|long|{DAY})\b|\s+at\b(?!\s+all))"  # not "so no running sunday"
)


def day_sets(text: str, original: str) -> Found:
    """The days the runner cannot run, and the days they can."""
    excluded: set[DayName] = set()
    available: set[DayName] = set()
    named = days_in(text, original)  # before any pattern takes its days out of the text
    for m in _SO_OUT.finditer(text):  # the days named last before it, in its sentence
        start = max(text.rfind(stop, 0, m.start()) for stop in ".;!?") + 1
        listed = list(re.finditer(DAY_LIST, text[start : m.start()]))
        if listed:
            last = listed[-1]
            excluded.update(days_in(last.group(), original, start + last.start()))
    if _THOSE_OUT.search(text) or (_OTHERS_FREE.search(text) and len(named) < 7):
        excluded.update(named)
    elif _OTHERS_OUT.search(text):
        available.update(named)
    for pattern in _EXCLUDED:
        for m in list(re.finditer(pattern, text)):
            excluded.update(days_in(m["d"], original, m.start("d")))
            text = blank(text, m.start(), m.end())
    for pattern in _AVAILABLE:
        for m in list(re.finditer(pattern, text)):
            available.update(days_in(m["d"], original, m.start("d")))
            # "3 days: Mon, Wed, Sat" keeps its "3 days" for `run_days`
            start = m.start("keep") if "keep" in m.re.groupindex else m.start()
            text = blank(text, start, m.end())
    for m in list(_BARE_LIST.finditer(text)):  # "mon wed fri sun. long run sun"
        days = days_in(m["d"], original, m.start("d"))
        if len(days) >= 2:
            available.update(days)
            text = blank(text, m.start("d"), m.end("d"))
    if "any day" in text and excluded:
        available.clear()
    freed: set[DayName] = set()
    for m in list(_FREED.finditer(text)):
        freed.update(days_in(m["d"], original, m.start("d")))
        text = blank(text, m.start(), m.end())
    return Found.of(
        text,
        excluded_days=frozenset(excluded),
        available_days=frozenset(available - excluded),
        freed_days=frozenset(freed - excluded),
    )
