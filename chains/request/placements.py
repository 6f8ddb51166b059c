"""Reading where the runner wants sessions: the long-run day, swaps of two days, moves of a
session, and the day made the cross-training day (which days they can run is `days.py`).

Same shape as the other extractors: takes the lower-cased message and the original, returns what
it found with those words blanked out.
"""

from __future__ import annotations

import re

from chains.request.text import DAY, DAY_LIST, Found, blank, days_in, negated
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
_AFTER_SESSION = re.compile(r"\b(?:after|during|since|from(?!\s+\d)|following)\b[^,.;]{0,20}$")


def session_kind(words: str) -> Kind:
    return next(kind for prefix, kind in _SESSION_KIND.items() if words.startswith(prefix))


# A day made the cross-training day: "make friday a swim", "could sunday be a swim?", "make
# wednesday my cross training day". It moves there (`placements`), and no run goes on it
# (`day_sets`).
CROSS_DAY = (
    rf"\b(?:make|have|turn|can|could|should)\s+(?:it\s+)?(?:both\s+)?(?P<d>{DAY_LIST})\s+(?:be\s+"
    r"|into\s+)?(?:a\s+|my\s+|the\s+)?(?:swims?|swimming|pool|cross[- ]?training|x[- ]?training"
    r"|bike"
    r"|ride|cycle|xt)(?:\s+(?:day|session)s?)?\b"
)
_SWIM = r"(?:swim|cycle|bike|ride|get (?:a swim|in the pool))"
# "swimming lessons on Saturday so I can swim then", "I can swim on sundays"
CROSS_DAYS = (
    CROSS_DAY,
    rf"\b(?P<d>{DAY_LIST})\b[^.;!?]{{0,60}}?\bso i (?:can|could|'ll|will) {_SWIM}\b"
    r"(?:\s+(?:then|there|that day))?",
    rf"\bi (?:can|could|'ll|will) {_SWIM}\s+(?:on\s+)?(?:the\s+)?(?P<d>{DAY_LIST})",
    rf"\b(?:use|do|ride) (?:the |my )?(?:bike|rower|spin bike|elliptical|cross trainer) on\s+"
    rf"(?:the\s+)?(?P<d>{DAY_LIST})",  # "so can I just use the bike on saturday?"
    # "I do a spin class Saturday anyway so that can be my cross training"
    rf"\b(?P<d>{DAY_LIST})\b[^.;!?]{{0,40}}?\b(?:that|it|which)(?:'ll|\s+can|\s+could|\s+will)\s+be\s+"
    r"my\s+(?:cross[- ]?training|x[- ]?training|xt)\b",
)


def _first(days: list[DayName]) -> DayName | None:
    return days[0] if days else None


# The long run to go elsewhere, no day said: "move my long run please" (the coach asks where)
_MOVE_LONG_RUN = re.compile(
    r"\b(?:move|shift|change|switch)\s+(?:my\s+|the\s+)?long (?:run|one)\b(?!\s+(?:to|on)\b)"
    r"|\blong (?:run|one)\s+(?:on\s+)?(?:a\s+)?(?:different|another|other)\s+day\b"
    # "can my long run go on a different day", "can the long run go on a weekday?": which day?
    r"|\blong (?:run|one)\s+(?:go|be|happen|move)\s+(?:on\s+)?(?:a\s+)?(?:different|another"
    r"|other)?\s*(?:day|weekday|week ?night)\b"
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
    gap = r"(?:(?!\b(?:no|not|never|can't|cannot)\b)[^,.;!?]){0,30}?"
    anywhere = rf"\blong (?:run|one){gap}\b(?P<d>{DAY})"
    # "the long run has to go midweek, tuesday maybe?", "the long run stays, but make it sat"
    later = (
        rf"\blong (?:run|one)\b[^.;!?]{{0,30}}?\bmidweek\b[,\s]*(?:(?:maybe|say|like|ideally)\s+)?"
        rf"(?:on\s+)?(?P<d>{DAY})|\blong (?:run|one)\b[^.!]{{0,50}}?\b(?:make|put|have|do|i'd like"
        r"|i would like|i want|i'd prefer) it"
        rf"\s+(?:on\s+)?(?:a\s+)?(?P<e>{DAY})|\blong (?:run|one)\b[^.;!]{{0,40}}?\b(?P<f>{DAY})"
        rf"(?:'s| is| would be) (?:best|better|ideal)|\blong (?:run|one)\b[^.;!?]{{0,80}}?\bmove it"
        rf" to\s+(?P<g>{DAY})"
        # "and the long run, can that go on Thursday then?"
        rf"|\blong (?:run|one)\b[^.!?]{{0,20}}?\b(?:can|could) (?:it|that|this) (?:go|be|move)\s+"
        rf"(?:on|to)\s+(?P<h>{DAY})"
        # "Saturday has to be one, and it should be the long one"
        rf"|\b(?P<i>{DAY})\b[^.;!?]{{0,40}}?\b(?:it|that)(?:'s| is| should be| will be| can be"
        r"|'ll be) the long (?:run|one)\b"
    )
    for m in re.finditer(later, text):
        g = next(g for g in "defghi" if m[g])
        long_run = long_run or _first(days_in(m[g], original, m.start(g)))
        text = blank(text, m.start(), m.end())
    elsewhere = False  # "I can't do my long run on sunday anymore": where, then?
    for m in [*re.finditer(to_day, text), *re.finditer(anywhere, text)]:  # "off sunday to friday"
        day = _first(days_in(m["d"], original, m.start("d")))
        instead = re.search(
            r"\b(?:instead of|rather than|not|from|off)\s*(?:on\s+)?$", text[: m.start("d")]
        )
        denied = re.search(  # "no long run on sunday", too: where, then?
            r"\b(?:can't|cannot|can not|won't|couldn't|rather not) (?:do )?(?:the |my )?$|\bno $",
            text[: m.start()],
        )
        # "my long run needs to move off sunday": where, then?
        elsewhere = elsewhere or bool(denied) or bool(instead and instead[0].startswith("off"))
        if day and not (instead or denied) and not _AFTER_SESSION.search(text[: m.start()]):
            long_run = long_run or day
            text = blank(text, m.start(), m.end())
    named = re.search(
        rf"\b(?P<d>{DAY})\s*(?:(?:for|is for|as|is|=)\s*)?(?:(?:the|my)\s+)?long (?:run|one)"
        rf"|\b(?P<off>{DAY})(?:'s|\s+is)\s+my only (?:day off|free day|free morning|day|window)"
        r"[^.;!?]*?"
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
    for pattern in CROSS_DAYS:  # not blanked: `day_sets` reads it too
        cross = re.search(pattern, text)
        if cross and days_in(cross["d"], original, cross.start("d")):
            moves.append(("cross_training", days_in(cross["d"], original, cross.start("d"))[0]))
            break
    moving = elsewhere or _MOVE_LONG_RUN.search(text)
    pending = "long_run_day" if long_run is None and moving else None
    return Found.of(
        text, long_run_day=long_run, swaps=tuple(swaps), moves=tuple(moves), pending=pending
    )
