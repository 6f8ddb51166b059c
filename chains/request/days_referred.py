"""Days referred back to within a message: "on nights Mon to Wed, nothing on those days", "shifts
Thurs through Sat so zero running", "tues and sat. everything else needs to be non-running".
`days.day_sets` reads them first, before any pattern takes its days out of the text; `followup`
uses `refers_back` for days named in the message before.
"""

from __future__ import annotations

import re

from chains.request.text import DAY, DAY_LIST, days_in
from chains.week.model import DayName

# Days named earlier in the message, then referred back to: "on nights Mon to Wed, nothing on
# those days"; "Wed Thu Fri shifts, nothing on shift days"; "mon and fri, can't run them".
_THOSE_OUT = re.compile(
    r"\b(?:(?:those|these|my shift|shift)(?: two| three| four)?(?: days)?|that one"
    r"|that day)(?:'s|\s+(?:are|r|is))\s+(?:a\s+)?(?:total\s+|complete\s+)?(?:dead|out|off|no[- ]go"
    r"|gone|write[- ]off|no good"
    r"|impossible|taken)\b|\bthat's a no\b"
    r"|\bnothing then\b|\bneither (?:works|suits|is any good|is free)\b"
    r"|\bneither(?: one| of them| day)? (?:is|are) (?:a |my )?(?:running|run) days?\b"
    r"|\bskip (?:that|this|the) day\b|\bno chance either\b"
    # "keep those clear of running", "can it be a proper rest day"
    r"|\bkeep (?:those|these|them|it|that day|those days) (?:clear|free) (?:of|from) (?:running"
    r"|runs)\b|\b(?:(?:can|could) (?:it|that|those|they) be|make (?:it|that)(?: day)?)"
    r" (?:a |my |into a )?(?:proper |full |complete |total )?(?:rest|non[- ]?running|run[- ]free)"
    r" days?\b"
    r"|\b(?:nothing|none|no running|no runs?|(?:can't|cannot|can not) do (?:nothing|anything)"
    r"|(?:(?:just\s+)?have me\s+)?rest"
    r"|(?:can't|cannot|can not) (?:run|do)|not(?: run)?"
    r"|(?:don't|do not|won't) (?:want|put|schedule|have) (?:any\s+|extra\s+|more\s+)?"
    r"(?:runs?|running|to run)"
    r"|(?:won't|wont|can't|cant|cannot) (?:get|fit|squeeze) (?:a run|any runs?|runs?|running) in"
    r"|(?:won't|wont|will not) (?:run|be running)"
    r"|no way (?:i'm|im|i am|i'll be|i can be|i could be) (?:running|run)"
    r"|no way (?:i'm|im|i am|i'll be) (?:getting|fitting|squeezing) (?:a run|any runs?|runs?)"
    r"|(?:zero|no) chance of (?:a run|running|runs|any runs?))"
    r"\s+(?:at all\s+)?(?:on\s+|in\s+)?(?:any of\s+)?"
    r"(?:(?:a\s+)?(?:those|these|shift|work|working|my shift|my work|travel|travelling|flying"
    r"|on call|office|school)\s+days?\b|workdays?\b"
    r"|them\b(?!\s+\w+ing)|that day\b|(?:those|these)(?:\s+(?:two|three|four))?\b(?!\s+\w)"
    r"|either of (?:them|those)\b|then\b(?!\s+(?!at all\b)\w)"
    r"|it\b(?=\W*(?:$|[.;!?])))"
)
# ... or the days named are the only ones: "tues and sat. everything else needs to be non-running"
_OTHERS_OUT = re.compile(
    r"\b(?:those|these)(?:'s| are| r| is)? (?:the )?only (?:days|times|ones)\b"
    r"|\b(?:those|these|they)(?: are|'re) (?:my|the) (?:running|run|free|only)(?: free)?"
    r" (?:days|mornings|evenings|nights)\b|\bthe rest (?:are|is) out\b"
    r"|\bonly (?:run|train|go)?\s*(?:on\s+)?(?:those|these|them)\b(?!\s+\w+ing)"
    r"|\b(?:everything else|every other day|all (?:the )?other days|the other days|the rest of the"
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
    rf"(?!\s+(?:on|in|much|far|long|{DAY})\b|\s+at\b(?!\s+all))"  # not "so no running sunday"
    # "thurs to sun with no time to run", "Monday and Friday I do the school run, zero time",
    # "sunday I'm at the cricket and won't be running", "mondays ..., I won't get a run in"
    r"|\b(?:and|so)\s+(?:i\s+)?(?:won't|wont|will not)\s+be\s+running\b"
    r"|\b(?:i\s+)?(?:won't|wont|will not|can't|cant) (?:get|fit|squeeze) (?:a run|any runs?"
    r"|running) in"
    r"\b(?!\s+(?:on|those|these|that|the)\b)"
    r"|\band\s+(?:honestly\s+|realistically\s+)?(?:i\s+)?(?:can't|cant|cannot|won't|wont)\s+"
    r"(?:get out|run|train)\b"
    r"(?!\s+(?:on|those|these|that|the)\b)"
    r"|\b(?:don't|do not|dont) want (?:a run|to run|any running) on top of (?:that|it)\b"
    r"|\b(?:with\s+)?(?:no|zero)\s+time\b"
    r"(?!\s+(?:for|to do)\s+(?:the\s+)?(?:long|stairs|intervals))"
)


def refers_back(text: str) -> bool:
    """Rules out days named before: "nothing on those days", "so those are out"."""
    return bool(_THOSE_OUT.search(text))


def referred(text: str, original: str, named: list[DayName]) -> tuple[set[DayName], set[DayName]]:
    """(days out, days to run only) that the message refers back to; `named` are all its days."""
    excluded: set[DayName] = set()
    available: set[DayName] = set()
    for m in _SO_OUT.finditer(text):  # the days named last before it, in its sentence
        start = max(text.rfind(stop, 0, m.start()) for stop in ".;!?") + 1
        listed = list(re.finditer(DAY_LIST, text[start : m.start()]))
        if listed:
            last = listed[-1]
            excluded.update(days_in(last.group(), original, start + last.start()))
    those = _THOSE_OUT.search(text)
    if those:  # the days named before it ("on nights sun to wed so not those, only thu fri sat"),
        # else after it ("id rather not run those days: tue, wed")
        listed = list(re.finditer(DAY_LIST, text[: those.start()]))
        if listed and re.search(r"\bthat (?:day|one)\b|\bit\W*$", those.group()):
            # "make it friday, footy on saturday so no running that day": the day named last
            excluded.update(days_in(listed[-1].group(), original, listed[-1].start()))
        else:
            excluded.update(days_in(text[: those.start()], original) or named)
    elif _OTHERS_FREE.search(text) and len(named) < 7:
        excluded.update(named)
    elif _OTHERS_OUT.search(text):
        available.update(named)
    return excluded, available
