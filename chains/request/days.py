"""Reading when a runner can run: the days they can or can't, and days freed again (the long-run
day, swaps and moves are `placements.py`, how many days `counts.py`, the time caps `caps.py`).

Each extractor takes the lower-cased message (and the original, where capitals tell "Sat"
from "sat") and returns what it found plus the text with those words blanked out, so that
"45 minutes on weekdays" is not read again as "can run on weekdays". `parse.py` chains them.
"""

from __future__ import annotations

import re

from chains.request.days_referred import referred
from chains.request.placements import CROSS_DAYS
from chains.request.text import DAY_ITEM, DAY_LIST, NUM, Found, blank, days_in
from chains.week.model import DayName

_CANT = r"(?:can't|cannot|can not|couldn't|unable to|won't be able to)"
_NOT_A_DAYS = "".join(
    rf"(?<!{end} )"
    for end in ("day", "ays", "sat", "sun", "mon", "tue", "ues", "wed", "eds", "thu", "urs", "fri")
)
_EXCLUDED = [
    *CROSS_DAYS,
    rf"\b{_CANT}\s+(?:run|train|do|make|manage|get out)?\s*"
    r"(?:(?:any\s+)?(?:running|runing|runs)\s+)?"
    rf"(?:on\s+|at\s+)?(?:the\s+)?"
    rf"(?P<d>{DAY_LIST})",
    rf"\b(?:but |and )?not\s+(?:running\s+|run\s+|training\s+)?(?:on\s+)?(?P<d>{DAY_LIST})",
    rf"\bnever\s+(?:run\s+|running\s+|train\s+)?(?:on\s+)?(?:a\s+|the\s+)?(?P<d>{DAY_LIST})",
    rf"\b(?P<d>{DAY_LIST}),?\s+(?:i\s+)?(?:\w+ly\s+)?{_CANT}\s+"  # "Friday I physically can't run"
    r"(?:run|train|get out|make it|do it)\b",
    # "off sun" (but not the "off" of "sat off sun off": a day before it is that day's)
    rf"\b(?:away|working|at work|busy|travelling|traveling|{_NOT_A_DAYS}off)\s+(?:on\s+|every\s+)?"
    rf"(?:the\s+)?"
    rf"(?P<d>{DAY_LIST})",
    rf"\bi work\s+(?:(?:nights|night shifts?|shifts|lates|earlies|doubles|late)\s+)?(?:on\s+)?"
    rf"(?:the\s+)?(?P<d>{DAY_LIST})",
    rf"\b(?:{NUM}\s+)?rest days?(?:\s+please)?\s*[,:(-]\s*(?:on\s+)?(?:the\s+)?(?P<d>{DAY_LIST})",
    rf"\bnothing(?:\s+at all|\s+whatsoever)?\s+(?:on\s+|at\s+)?(?:the\s+)?(?P<d>{DAY_LIST})",
    # "I volunteer at the food bank all day Sundays", "I'm out Monday to Wednesday"
    rf"\ball day (?:on\s+|every\s+)?(?P<d>{DAY_LIST})",
    rf"\b(?P<d>{DAY_LIST}),?\s+(?:cos\s+|because\s+|as\s+)?i(?:'m)? work(?:ing)?\b(?!\s+out)",
    rf"\b(?:i'm|i am|im) (?:out|gone|unavailable|tied up|flat out)\s+(?:on\s+|all\s+)?"
    rf"(?P<d>{DAY_LIST})",
    # "Tuesdays I'm in Sydney for work", "thursday I'm at the clinic 7 til 7"
    rf"\b(?P<d>{DAY_LIST})\s+(?:i'm|i am|im)\s+(?:in|at|on)\s+[^.;!?,]{{0,30}}?\b"
    r"(?:for work|all day"
    r"|til|till|until|to \d)\b",
    rf"\b(?P<d>{DAY_LIST})\s+(?:i'm|i am)\s+(?:busy|away|working|at work|out|off|flat out|flat chat"
    r"|slammed|swamped|on shift|on nights|on call)\b",
    # "on nights this week mon to thurs", "rostered on fri sat sun"
    rf"\b(?:on|doing|working)\s+(?:nights|night shifts?|lates|earlies|shifts?|doubles)\s+"
    rf"(?:this week\s+"
    rf"|next week\s+)?(?:on\s+)?(?:the\s+)?(?P<d>{DAY_LIST})",
    rf"\brostered (?:on\s+)?(?:for\s+)?(?:the\s+)?(?P<d>{DAY_LIST})",
    # "sun = brunch w the girls then hungover, not running", "mon = nope"
    rf"\b(?P<d>{DAY_LIST})\s*=\s*(?:[^.;!?=]{{0,50}}?\b)?(?:not running|no running|nope|no|off|rest"
    r"|out|busy)\b(?![^.;!?]{0,3}=)",
    rf"\bi (?:travel|fly|am away|'m away)\s+(?:on\s+|every\s+)?(?:the\s+)?(?P<d>{DAY_LIST})",
    # "sunday's a work day", "mon wed fri are gym days", "tues and thurs are my PT days"
    rf"\b(?P<d>{DAY_LIST})(?:'s|\s+is|\s+are|\s+r)\s+(?:a\s+|my\s+)?(?:work(?:ing)?|shift|gym|pt"
    r"|school run|weights|footy|netball|soccer|choir|uni|lecture|office)"
    r" (?:(?:class|classes|session|training) )?(?:days?|training|practice|nights?)\b",
    # "mon and thurs are my spin class days": any other activity's days, not running's own
    rf"\b(?P<d>{DAY_LIST})\s+(?:are|is|r)\s+my\s+(?!(?:run|running|free|easy|long|good|best|only"
    r"|spare|training|hard|quality|key)\b)[a-z]+\s+(?:class(?:es)?\s+)?days\b",
    rf"\bnone\s+(?:of them\s+)?(?:(?:are|is|being|will be)\s+)?(?:on\s+|at\s+)?(?:a\s+|the\s+)?"
    rf"(?P<d>{DAY_LIST})",
    # "I'd like wednesday and saturday without any running"
    rf"\b(?P<d>{DAY_LIST})\s+(?:without|with no|free of)\s+(?:any\s+)?(?:running|runs?)\b",
    rf"\b(?:a\s+)?(?:full\s+|proper\s+)?rest day on\s+(?P<d>{DAY_LIST})",
    rf"\bmake\s+(?P<d>{DAY_LIST})\s+(?:a\s+|the\s+|my\s+)?(?:full\s+|proper\s+)?"
    r"(?:rest|day off|(?:swim|swimming|pool|bike|cycling|cross[- ]?training|walk(?:ing)?|yoga|gym)"
    r" day)\b",
    rf"\b(?P<d>{DAY_LIST})\s+(?:is|'s)\s+one of (?:the|my) (?:days off|rest days"
    r"|non[- ]running days)",
    rf"\b(?P<d>{DAY_LIST})(?:'s|\s+is|\s+are)\s+(?:my\s+)?only\s+(?:rest day|day off)"
    r"(?!\s+(?:from\s+)?work)",
    rf"\b(?:except|apart from|other than|but)\s+(?:on\s+)?(?P<d>{DAY_LIST})",
    rf"\b(?:drop|skip|take out|remove|cut|lose|scrap)\s+(?:the\s+)?(?P<d>{DAY_LIST})"
    r"(?!(?:'s)?\s+(?:stairs?|intervals?|speed|reps|swim|cross|tempo|hills?))",
    rf"\b(?:swap|switch|change|turn)\s+(?:the\s+)?(?P<d>{DAY_LIST})(?:'s)?\s+(?:\w+\s+){{0,2}}?"
    r"(?:for|to|into)\s+(?:a\s+)?(?:full\s+|complete\s+)?(?:rest|day off)\b",
    rf"\b(?:keep|need|want|like|prefer|(?:can|could) i have)\s+(?:the\s+)?(?P<d>{DAY_LIST})\s+"
    r"(?:both\s+)?"
    r"(?:(?:totally|completely|fully|entirely)\s+)?(?:off|free|clear"
    r"|as (?:a\s+)?(?:complete\s+|full\s+|total\s+|proper\s+)?(?:day off|rest day))\b",
    # "no lunch run on wednesday" (but "no long run on sunday" moves the long run)
    rf"\bno (?:(?!long\b)[a-z]+\s+)?(?:running|runs?|training)\s+(?:at all\s+)?(?:on\s+)?"
    rf"(?:a\s+|the\s+)?(?P<d>{DAY_LIST})",
    # "don't schedule a run on thursday", "please don't put any running on fri"
    rf"\b(?:don't|do not|dont|no need to)\s+(?:schedule|put|plan|book|give me|pencil in)\s+"
    rf"(?:a\s+|any\s+)?(?:run|runs|running|training)\s+(?:in\s+)?(?:on\s+|for\s+)?(?:a\s+|the\s+)?"
    rf"(?P<d>{DAY_LIST})",
    rf"\bno\s+(?P<d>{DAY_LIST})\b(?!'s|\s+(?:long|stairs?|intervals?|swim|session|run\b|is|are))",
    rf"(?<!\bon )\b(?P<d>{DAY_LIST})(?:'s|\s+(?:is|are|r))?\s+(?:now\s+|also\s+)?"
    r"(?:out|impossible|no good"
    r"|bad|busy|off limits"
    r"|a no|taken|family day|my busy days?|a write-off|not possible|hard for me|(?:a )?no[- ]go"
    r"|chaos|chaotic|manic|mental|hectic|carnage|bedlam"
    r"|dead)",
    # "sat off sun off fri off" (but "I have wednesdays off" is off work: free to run)
    rf"(?<!have )(?<!get )(?<!got )\b(?P<d>{DAY_LIST})\s+(?:(?:is|are|'s)\s+)?"
    r"(?:(?:totally|completely"
    r"|fully|entirely)\s+)?off\b(?!\s+(?:from\s+)?work)",
    rf"\b(?P<d>{DAY_LIST})[^,.;]{{0,25}}\b(?:no|zero) running\b",
    rf"\b(?P<d>{DAY_LIST})\s+(?:don't|doesn't|do not|does not|no longer)\s+(?:suit|work)\b",
    rf"\b(?:don't|do not|won't|will not|rather not|prefer not to)\s+(?:want to\s+)?(?:run|train)\s+"
    r"(?:on\s+)?"
    rf"(?:a\s+|the\s+)?(?P<d>{DAY_LIST})",
    # "Mondays completely run-free", "can mon and sat be non-running days", "wed off running"
    rf"\b(?P<d>{DAY_LIST})\s+(?:(?:totally|completely|fully|entirely)\s+)?(?:run(?:ning)?[- ]free"
    r"|off (?:from )?running|free (?:of|from) running)\b",
    rf"\b(?P<d>{DAY_LIST})(?:\s+(?:(?:needs? to|has to|must|should|will)\s+)?(?:be|as)|'s|\s+is)"
    r"\s+(?:a\s+)?"
    r"(?:total\s+|full\s+|complete\s+|proper\s+)?(?:non[- ]?running|rest|no[- ]run) days?\b",
    rf"\b(?P<d>{DAY_LIST})\s+(?:is|are|'s)\s+the only days?\s+i\s+{_CANT}",
    # "can Monday and Friday just be full rest?"
    rf"\b(?:can|could)\s+(?:the\s+)?(?P<d>{DAY_LIST})\s+(?:just\s+|both\s+)?be\s+(?:a\s+)?"
    r"(?:full|proper|complete|total)\s+(?:rest|off)\b",
    rf"\bthe only days? i (?:\w+ )?{_CANT} (?:run|do anything|do|make|train)\s+(?:is|are)\s+"
    rf"(?P<d>{DAY_LIST})",
    rf"\btake\s+(?:the\s+)?(?P<d>{DAY_LIST})\s+off\b",
    # "wednesday im knackered after so make that a full rest day too"
    rf"\b(?P<d>{DAY_LIST})\b[^.;!?]{{0,40}}\bmake (?:that|it) a (?:full |proper |total )?rest day",
    # "thurs is footy training for the kids, cant run"
    rf"\b(?P<d>{DAY_LIST})(?:'s|\s+is|\s+are|\s+i'm|\s+i am|\s+im)\s[^.;!?]{{0,40}}?,\s*(?:so\s+)?"
    rf"(?:i\s+)?{_CANT}\s+"
    r"(?:run|train)\b",
]
_AVAILABLE = [
    rf"\b{NUM}\s*(?:days?|runs?)(?:\s*(?:a|per)\s*week)?(?:\s+(?:of\s+)?running)?(?:\s*only)?"
    rf"\s*[:,(-]\s*(?P<keep>)"
    rf"(?:on\s+)?(?P<d>{DAY_LIST})",
    rf"\bi (?:run|can do|do)\s+(?:on\s+)?(?P<d>{DAY_LIST})[^.;!?]*\bthat's it\b",
    # "three days a week is all ive got - mon wed fri", "twice a week is realistic, sat and sun"
    rf"\b{NUM}\s*(?:days?|runs?|times)?(?:\s*(?:a|per)\s*week)?\s+(?:is|are)\s+[^.;!?,:-]{{0,25}}"
    rf"[:,-]\s*(?P<keep>)(?:on\s+)?(?P<d>{DAY_LIST})\s*(?=$|[.;!?])",
    rf"\b(?:can|could|i'd rather|i would rather|prefer to|i'm free to|able to)\s+(?:only\s+)?"
    rf"(?:run|train|get out|go|do it|do (?:my )?runs|do)\s+(?:only\s+)?(?:on\s+|at\s+)?(?:the\s+)?"
    rf"(?P<d>{DAY_LIST})"
    r"(?!\s*(?:instead|as well))",
    rf"\b(?P<d>{DAY_LIST})\s+only\b",
    rf"\bi (?:get|'ve got|have got)\s+(?:the\s+)?(?P<d>{DAY_LIST})\s*(?=$|[.;!?,])",
    rf"\b(?P<d>{DAY_LIST})\s+(?:are|is|'s|r)\s+(?:all\s+)?(?:wide open|open|free|clear)\b",
    rf"\bevery other day\b[,\s]*(?:(?:like|so|say|eg|e\.g\.|ie|i\.e\.)\s+)?(?P<d>{DAY_LIST})",
    rf"\bonly\s+(?:on\s+|at\s+)?(?:the\s+)?(?P<d>{DAY_LIST})",
    rf"\bonly\s+(?:free|available|run|train|go out|get out)\s+(?:on\s+|at\s+)?(?:the\s+)?"
    rf"(?P<d>{DAY_LIST})",
    rf"\b(?:only|the) days? i can (?:run|train|do|make)\s+(?:is|are)\s+(?:on\s+)?"
    rf"(?P<d>{DAY_LIST})",
    # "the only days i can actually get out the door are monday wednesday friday and sunday"
    rf"\bthe only days? i (?:can|could)\s+(?:[a-z']+\s+){{1,6}}?(?:is|are)\s+(?:on\s+)?"
    rf"(?P<d>{DAY_LIST})",
    rf"\b(?P<d>{DAY_LIST})\s+(?:are|is)\s+the only (?:days?|times?) i (?:can|could)\b",
    rf"\b(?P<d>{DAY_LIST})\s+(?:are|is|'s)\s+my\s+only\s+(?:free\s+|spare\s+)?days?\b",
    rf"\bjust\s+(?P<d>{DAY_LIST})\s+(?:for\s+)?(?:runs?|running)\b",
    rf"(?<!at )\ball on\s+(?P<d>{DAY_LIST})",
    rf"\b(?:i'm free|i am free|available)\s+(?:on\s+)?(?P<d>{DAY_LIST})",
    # "I only have Tuesdays and Thursdays free", "I have Wednesdays off" (off work)
    rf"\bi\s+only\s+(?:have|get)\s+(?:the\s+)?(?P<d>{DAY_LIST})\s+(?:off|free|clear)\b"
    r"(?!\s+(?:running|runs|training))",
    # "only got tues, thurs and sat free", "only home to run wed, thu, fri and sat", "running
    # only works tues/thurs evenings": after the patterns above have taken theirs
    r"\bonly\s+(?:(?:got|have|get|home|free|available|around|works|able|can|run|running|train|to"
    rf"|do|go|get out|really|ever|manage|fit|runs|in|a)\s+){{1,4}}?(?:on\s+|at\s+)?(?:the\s+)?"
    rf"(?P<d>{DAY_LIST})(?!\s+(?:is|are|'s)?\s*(?:out|off|busy)\b)",
]


# A day said to be fine after all: "sorry I meant saturday, friday's ok".
_FREED = re.compile(  # "fri to sun, thursday is fine": only thursday
    rf"(?<!on )(?<!for )\b(?P<d>{DAY_ITEM}(?:\s*(?:and|&|/|or|n)\s*{DAY_ITEM})*)"
    r"(?:'s|\s+is|\s+are)\s+(?:(?:actually|now|totally|perfectly|also)\s+)?"
    r"(?:fine|ok|okay|good|doable|alright|all right)"
    r"(?:\s+(?:now|after all|actually|again))?\b"
)
# "I'm off work fridays (and weekends are chaos)": free to run, read before the days out
_OFF_WORK = re.compile(rf"\b(?:i'm|i am|im) off(?: work)? (?:on\s+)?(?:the\s+)?(?P<d>{DAY_ITEM})")
# "I'm off Mon, Wed, Sat and Sun and doing 13-hour days the rest": off work only then too
_OFF_THE_REST = re.compile(
    rf"\b(?:i'm|i am|im) off(?: work)? (?:on\s+)?(?:the\s+)?(?P<d>{DAY_LIST})[^.;!?]{{0,40}}?"
    r"\b(?:work(?:ing)?|shifts?|doing|on)\b[^.;!?]{0,30}?\bthe rest\b"
)
# "I'm only off Thurs and Sun": off work only then, so those are the days to run
_ONLY_OFF = re.compile(
    rf"\b(?:i'm|i am|im) only off(?: work)? (?:on\s+)?(?:the\s+)?(?P<d>{DAY_LIST})"
)
# "friday's a no (work drinks), saturday too": one more day out
_TOO = re.compile(rf"(?:[,;]\s*|\band\s+)(?P<d>{DAY_LIST})\s+(?:too|as well)\b")
_BARE_LIST = re.compile(rf"(?:^|[.;!?]\s*)(?P<d>{DAY_LIST})\s*(?:only\s*)?(?=[.;!?]|$)")


def day_sets(text: str, original: str) -> Found:
    """The days the runner cannot run, and the days they can."""
    excluded: set[DayName] = set()
    available: set[DayName] = set()
    named = days_in(text, original)  # before any pattern takes its days out of the text
    out, only = referred(text, original, named)
    excluded.update(out)
    available.update(only)
    for m in [*_ONLY_OFF.finditer(text), *_OFF_THE_REST.finditer(text)]:
        available.update(days_in(m["d"], original, m.start("d")))
        text = blank(text, m.start(), m.end())
    off = list(_OFF_WORK.finditer(text))
    for m in off:
        text = blank(text, m.start(), m.end())
    for pattern in _EXCLUDED:
        for m in list(re.finditer(pattern, text)):
            excluded.update(days_in(m["d"], original, m.start("d")))
            text = blank(text, m.start(), m.end())
    for m in list(_TOO.finditer(text)) if excluded else []:
        excluded.update(days_in(m["d"], original, m.start("d")))
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
    freed = {d for m in off for d in days_in(m["d"], original, m.start("d"))}
    for m in list(_FREED.finditer(text)):
        freed.update(days_in(m["d"], original, m.start("d")))
        text = blank(text, m.start(), m.end())
    return Found.of(
        text,
        excluded_days=frozenset(excluded),
        available_days=frozenset(available - excluded),
        freed_days=frozenset(freed - excluded),
    )
