"""Reading what a runner does and wants: current volume, level, goal race, a flare-up, no
stairs or pool, and wishes the article advises against.

Same shape as `days.py`: each extractor reads the lower-cased message; `volume`
also blanks what it read, so "3 x 10k" is not taken for "3 days".
"""

from __future__ import annotations

import re
from typing import cast

from chains.request.text import (
    DECIMAL,
    KM_UNIT,
    NUM,
    WHY_QUESTION,
    Found,
    GoalRace,
    Level,
    Wish,
    blank,
    days_in,
    km,
    negated,
    number,
)
from chains.week.model import Kind

_PER_WEEK = r"\s*(?:a|per|each|every|/|in a)\s*(?:week|wk)\b"


def volume(text: str, original: str) -> Found:
    """What the runner does now: km per week, runs per week, km per run."""
    per_week = runs = per_run = None
    patterns = [
        rf"\b(?P<n>{NUM})\s*x\s*(?P<v>{DECIMAL})\s*{KM_UNIT}",
        rf"\b(?P<n>{NUM})\s+runs? of\s+(?:about\s+|around\s+)?(?P<v>{DECIMAL})\s*{KM_UNIT}",
        rf"\b(?P<v>{DECIMAL})\s*{KM_UNIT}\s*(?:runs?\s*)?(?P<n>{NUM})\s*(?:times\s*)?{_PER_WEEK}",
        rf"\b(?P<n>{NUM})\s+(?P<v>{DECIMAL})\s*{KM_UNIT}\s*runs",
    ]
    for pattern in patterns:
        m = re.search(pattern, text)
        if m:
            runs, per_run = number(m["n"]), km(m["v"], m["unit"])
            text = blank(text, m.start(), m.end())
            break
    m = re.search(
        rf"\b(?P<v>{DECIMAL})\s*{KM_UNIT}\s*(?:{_PER_WEEK}|a week|weekly)", text
    ) or re.search(rf"\b(?:mileage|volume) (?:of|is) (?P<v>{DECIMAL})\s*{KM_UNIT}", text)
    if m:
        per_week = km(m["v"], m["unit"])
        text = blank(text, m.start(), m.end())
        over = re.search(rf"\b(?:over|across|in)\s+(?P<n>{NUM})\s+(?:runs|sessions)", text)
        if over:
            runs = number(over["n"])
            text = blank(text, over.start(), over.end())
    each = re.search(rf"\b(?P<v>{DECIMAL})\s*{KM_UNIT}\s+(?:each|per run|a run|every run)", text)
    if per_run is None and each:
        per_run = km(each["v"], each["unit"])
        text = blank(text, each.start(), each.end())
    if per_run is None and per_week is None:
        m = re.search(
            rf"\bi (?:usually |normally |currently |generally )?(?:run|do|'m running|am running)"
            rf"\s+(?:about |around )?(?P<v>{DECIMAL})\s*{KM_UNIT}(?!\s*(?:race|in|on))",
            text,
        )
        if m:
            per_run = km(m["v"], m["unit"])
            text = blank(text, m.start(), m.end())
    return Found.of(text, current_km_per_week=per_week, current_runs=runs, current_run_km=per_run)


def facilities(text: str, original: str) -> Found:
    """No stairs, no pool (or found again)."""
    no_stairs = no_pool = None
    if re.search(
        r"\bno (?:\w+ )?(?:steps or |steps and )?stair|\b(?:don't|do not|doesn't|haven't|have no"
        r"|without|no access to|lack|hate|can't do|can't use|can't get to)\s+(?:have\s+|got\s+)?"
        r"(?:any\s+)?"
        r"(?:access to\s+)?(?:a\s+|the\s+)?(?:stairs|stairwell|steps|stair)"
        r"|\bstairs? (?:are|is) out|\baren't any stairs|\bisn't a stair"
        rf"|\b{_REMOVE}\s+(?:the\s+|any\s+|all\s+|my\s+)?(?:stairs?|stair sessions?)\b"
        r"|\b(?:take|leave|cut)\s+(?:the\s+|my\s+)?(?:stairs?|stair sessions?)\s+out\b"
        r"|\b(?:can't|cannot|can not) do (?:any )?hills? (?:or|and|n|&|nor) (?:the )?stairs",
        text,
    ):
        no_stairs = True
    elif re.search(r"\b(?:found|have|got) (?:some |a )?(?:stairs|stairwell|steps)\b", text):
        no_stairs = False
    if re.search(
        r"\bno (?:swimming )?pool|\b(?:don't|do not|haven't|have no|without|no access to|can't get"
        r" to|can't use|can't go to|cannot use)\s+(?:have\s+)?(?:access to\s+)?(?:a\s+|the\s+)?"
        r"(?:swimming\s+)?pool|\b(?:can't|cannot|can not|don't|do not) swim|\bpool (?:is |has )?"
        r"(?:closed|shut)|\bpool closed",
        text,
    ):
        no_pool = True
    elif re.search(r"\bpool (?:is |has )?(?:re)?opened|\b(?:found|have|got) a pool\b", text):
        no_pool = False
    return Found.of(text, no_stairs=no_stairs, no_pool=no_pool)


# Verbs that take a session out of the week ("take out the stairs", "get rid of the intervals").
_TAKE_OUT = r"skip|drop|ditch|cut|lose|scrap|remove|take out|leave out|get rid of"
_REMOVE = rf"(?:no more|bin|{_TAKE_OUT})"
_DENIED = r"(?<!n't )(?<!not )(?<!n't want to )(?<!not want to )(?<!hate to )"  # "don't drop"
_NO_SPEED = re.compile(
    rf"{_DENIED}\b(?:no|without|nothing|hold off on|not ready for|avoid|don't fancy|don't want"
    rf"|not keen on|not up for|pull|{_TAKE_OUT})\s+(?:the\s+|any\s+|all\s+|my\s+)?"
    r"(?:speed ?work|speed|fast|quick|hard|interval|intensity|tempo)"
    r"(?:\s+(?:work|stuff|sessions?|running|runs?|efforts?))?|\bno intervals\b"
    r"|\b(?:take|leave)\s+(?:the\s+|my\s+)?(?:intervals?|speed ?work)\s+out\b"
)
_NO_CROSS = re.compile(
    rf"\b(?:no|hate|without|don't want|do not want|don't like|not into|can't stand"
    rf"|rest(?: days?)?(?: that day| on that day| then)? (?:instead of|in place of)|no need for"
    rf"|{_TAKE_OUT}"
    r"|(?:don't|do not) need(?: any)?(?: extra| more)?)\s+(?:any\s+|the\s+|a\s+)?(?:separate\s+)?"
    r"(?:cross[- ]?training"
    r"|x[- ]?training|cross[- ]?train|(?:the )?swim day|(?:the )?pool day)"
    r"|\b(?:take|leave)\s+(?:the\s+)?(?:cross[- ]?training|x[- ]?training)\s+out\b"
    r"|\b(?:just|only) (?:give me )?runs\b(?!\s*(?:a|per|each)\b)"
    r"|(?<!of )\bjust (?:give me )?(?:easy )?running\b(?!\s*(?:a|per|each|on|at|in|through)\b)"
    r"|\bruns only\b(?!\s+(?:on|at|in|during)\b)"
    r"|\bcross[- ]?training (?:isn't|is not|won't be|will not be|is out|is off|is a no)"
    r"|\b(?:hate|no|don't like) (?:the )?(?:swimming|swim|bike|cycling|rower|rowing)"
    r"(?:,? (?:and|or|n|&) (?:the )?(?:swimming|swim|bike|cycling|rower|rowing))*\b"
    r"(?!.*\b(?:keep|instead|rower|bike|cycle|cycling|spin|elliptical|ride)\b)"
)


_SWIM_ONLY = re.compile(r"(?:hate|no|don't like) (?:the )?(?:swimming|swim)")


def dislikes(text: str, original: str) -> Found:
    """No speed work, no cross-training: what the runner would rather leave out."""
    no_speed = True if _NO_SPEED.search(text) else None
    # "no swimming" alone is the pool out (`facilities`): the cross-training day stays, on land
    found = (m.group() for m in _NO_CROSS.finditer(text))
    no_cross = True if any(not _SWIM_ONLY.fullmatch(m) for m in found) else None
    return Found.of(text, no_speed=no_speed, no_cross_training=no_cross)


def level(text: str, original: str) -> Found:
    return Found.of(text, level=_level(text))


def _level(text: str) -> Level | None:
    if re.search(
        r"\b(?:beginner|novice|new to running|just started running|started running (?:this|last)"
        r"|couch to 5k|c25k|first[- ]time runner|first[- ]timer)",
        text,
    ):
        return "beginner"
    if re.search(r"\b(?:intermediate|mid[- ]pack|average runner)\b", text):
        return "intermediate"
    if re.search(
        r"\b(?:advanced|experienced|elite|seasoned)\b|\b(?:been )?running for (?:\d+|many) years",
        text,
    ):
        return "advanced"
    return None


def goal_race(text: str, original: str) -> Found:
    return Found.of(text, goal_race=_goal_race(text))


def _goal_race(text: str) -> GoalRace | None:
    if re.search(
        r"\bhalf[- ]?marathon|\bhalf mara\b|\b21(?:\.1)?\s*k\b|\b13\.1\b"
        r"|(?<!and )\b(?:a|the|my)\s+half\b(?!\s+(?:an\s+)?hour)",
        text,
    ):
        return "half"
    if re.search(r"\bmarathon\b|\b26\.2\b|\b42(?:\.2)?\s*k\b", text):
        return "marathon"
    m = re.search(
        r"(?:\b(?:a|my|the|first|next|local|for)\s+(?:\w+\s+)?(?P<a>10|5)\s*km?\b(?!\s*(?:a|per|x)\b)"
        r"(?!\s*(?:twice|three times|times))|\b(?P<b>10|5)\s*km?\s+(?:race|parkrun)|\bparkrun\b)",
        text,
    )
    if m and not re.search(r"couch to\s*$", text[: m.start()]):
        return "10k" if "10" in (m["a"] or m["b"] or "") else "5k"
    return None


_FLARE = re.compile(
    r"\bflare[sd]?\b|\bflare[- ]?up|\bflaring|\bsore(?:ness)?\b|\bach(?:y|ing|e|es|ed)\b|\bhurts?\b"
    r"|\bhurting\b|\bpain(?:ful)?\b|\btwinge|\bniggl|\bgrumpy\b|\bangry\b|\bplaying up\b"
    r"|\bacting up\b|\btweak(?:ed)?\b|\bstiff\b|\btight\b|\bcranky\b|\bseiz(?:ed|ing) up\b"
    r"|\bspasm(?:s|ing|ed)?\b|\bwent twang\b|\bcomplaining\b"
    r"|\bbacks?(?:'s| is| was| has| felt| feels| been)+ (?:a bit |really |pretty |so )?rough\b"
)
# "back pain" alone is a topic ("what is non-specific back pain?"); a flare is the runner's own
# back, or something that happened after a session.
_MY_BACK = re.compile(
    r"\bmy (?:lower )?back\b|\bbacks?(?:'s| is| was| has| feels| felt| been)\b"
    r"|\bback (?:went|gone|seized|locked|twinged|spasmed)\b|\bback\b[^.;!?]*\b(?:after"
    r"|since|during|following|yesterday|today|this week|last)\b"
)
_SETTLED = re.compile(
    r"\b(?:settled|calmed)(?: down)?\b|\b(?:back|it)(?:'s| is| feels)(?: \w+)? (?:fine|better|good"
    r"|ok|okay|great|normal)\b|\bpain[- ]free\b|\bno (?:more )?pain\b|\bback to normal\b"
)
_FLARE_SESSION = re.compile(
    r"\b(?P<kind>intervals?|speed (?:session|work)|reps|repeats|long (?:run|one)|stairs?|steps"
    r"|easy run|recovery run)\b"
)

_FLARE_KIND: dict[str, Kind] = {
    "long": "long_run",
    "stair": "stairs",
    "step": "stairs",
    "easy": "easy_run",
    "recov": "recovery",
}


def flare(text: str, original: str) -> Found:
    """A flare-up (or "my back feels fine now"), and the session and day it followed."""
    if _SETTLED.search(text):
        return Found.of(text, flare=False)
    if not (re.search(r"\bflare", text) or (_FLARE.search(text) and _MY_BACK.search(text))):
        return Found(text)
    found = list(_FLARE_SESSION.finditer(text))
    if not found:
        return Found.of(text, flare=True)
    # of several sessions named, the one nearest the soreness ("keep the stairs but drop the
    # intervals, interval day always leaves my back sore")
    sore = [f.start() for f in _FLARE.finditer(text)] or [0]
    after = [
        f
        for f in found
        if re.search(r"\b(?:after|from|following)\b[^.;!?]{0,25}$", text[: f.start()])
    ]
    m = after[0] if after else min(found, key=lambda f: min(abs(f.start() - s) for s in sore))
    kind: Kind = next(
        (k for word, k in _FLARE_KIND.items() if m["kind"].startswith(word)), "intervals"
    )
    start = max(0, m.start() - 20)  # "Tuesday's stairs", "the stairs on Tuesday"
    days = days_in(text[start : m.end() + 25], original[start:], 0)
    return Found.of(text, flare=True, flare_after=kind, flare_day=days[0] if days else None)


_HILLS = re.compile(r"\b(?<!down)(?<!down-)(?<!down )(?:hill|hills|hilly|uphill|uphills)\b")
_DOWNHILL = re.compile(r"\bdown[- ]?hills?\b|\bdescents?\b|\brunning down\b")
_SPRINTS = re.compile(r"\bsprint(?:s|ing)?\b|\b(?:max(?:imum)?|top) speed\b")
_SHORT = re.compile(
    r"\b(?P<m>\d{2,3})\s*(?:m|metres?|meters?)\b|\b(?P<s>100|150|200|300|400|600)s\b"
)
_RACE_HARD = re.compile(
    r"\b(?:race|racing)\b[^.;!?]{0,30}\b(?:flat[- ]out|all[- ]out|full (?:speed|effort|gas|tilt)"
    r"|max(?:imum)? effort|as hard as)|\b(?:flat[- ]out|all[- ]out|full (?:speed|effort))"
    r"[^.;!?]{0,30}\b(?:race|parkrun)\b|\bgo all[- ]out\b[^.;!?]{0,20}\brace\b"
)


def wishes(text: str, original: str) -> Found:
    """Sessions asked for that the article advises against."""
    return Found.of(text, wishes_against=frozenset(_wishes(text)) or None)


def _wishes(text: str) -> set[Wish]:
    found: set[Wish] = set()
    for wish, pattern in (("hills", _HILLS), ("downhill", _DOWNHILL), ("sprints", _SPRINTS)):
        if any(not negated(text, m.start()) for m in pattern.finditer(text)):
            found.add(cast(Wish, wish))
    for m in _SHORT.finditer(text):
        metres = int(m["m"] or m["s"])
        if 50 <= metres < 800 and not negated(text, m.start()):
            found.add("short_reps")
    race = _RACE_HARD.search(text)
    if race and not negated(text, race.start()):
        found.add("race_flat_out")
    return found


def is_question_about_week(text: str) -> bool:
    """A "why ...?" question ("Why did you drop Friday?") is about the week, not a change."""
    return bool(WHY_QUESTION.search(text))
