"""Reading a message against the chat so far: a follow-up that changes one thing and keeps the
rest ("actually make it Sunday", "make that 4", "or tue"), a correction of the days said before
("sorry, meant fri to sun"), and days referred back to ("so nothing on those days").
"""

from __future__ import annotations

import re
from dataclasses import replace

from chains.request import sessions as rs
from chains.request.corrections import ADDS, corrected, swapped
from chains.request.days_referred import refers_back
from chains.request.model import WeekRequest
from chains.request.text import DAY, DAY_LIST, MINUTE_WORDS, NUM, days_in, normalise, number
from chains.week.model import next_day

_FILLER = (
    r"(?:(?:actually|no|nah|hmm|ok|okay|sorry|wait|oh|um|err|hang on|i meant|i mean|scrap that"
    r"|scratch that|forget that|typo|my bad|my mistake|oops|whoops|on second thoughts?"
    r"|second thoughts?|thinking about it|come to think of it)\b[,!\s]*)*"
)
# "actually make it sunday, ...", "thursday works best", "oops I mean Sun!! ...", but not a day
# that opens a sentence about something else ("on tuesdays I'm taking my mum to dialysis")
_ONE_DAY = re.compile(
    rf"^{_FILLER}(?:(?:make (?:it|that)|change (?:it|that) to|move it to|put it on|try|do"
    rf"|let's do|lets do|rather)\s*(?:on\s+)?(?P<d>{DAY})\b(?:\s+instead)?"
    rf"(?:[^,.;!?]*$|\s*[,.;!?])"
    rf"|(?:on\s+)?(?P<e>{DAY})\b(?:'s)?(?:\s+[\w']+){{0,3}}\s*(?:[,.;!?-]|$))"
)
_ONE_NUMBER = re.compile(
    rf"^{_FILLER}(?:make (?:it|that)|change (?:it|that) to|let's do|lets do|let's say|lets say|say"
    r"|actually"
    r"|(?:drop|cut|take|bring|knock|reduce|trim|go|get)(?: it| that| me)?(?: down| back)? to)?\s*"
    rf"(?:just\s+|max\s+|maximum\s+|at most\s+|no more than\s+|up to\s+)?"
    rf"(?P<n>{NUM}|\d{{2,3}}|{MINUTE_WORDS})\b(?!\s*(?:k|km|mi|miles)\b)"
)
_MAKE_IT_DAY = re.compile(
    rf"\bmake (?:it|that) (?:on )?(?P<d>{DAY})(?:\s+(?:again|instead|then))?(?:\W*$|\s*[,.;!?])"
    rf"|\b(?:keep|have|leave) it (?:on )?(?P<k>{DAY})\b"
    rf"|\b(?P<b>{DAY})(?:'s| is| would be| works| suits)(?: much)? (?:better|ideal|best)\b"
    rf"|\b(?:do|try|go with|go for)\s+(?:on\s+)?(?P<t>{DAY})\W*$"  # "..., do thursday"
    rf"|(?:\b(?:go|put it|move it|switch it|change it) |^{_FILLER}|,\s*)back (?:to|on)\s+"
    rf"(?P<g>{DAY})\b"
    rf"|\b(?:put|move|shift|stick) it (?:on|to)\s+(?:the\s+)?(?P<p>{DAY})\b"  # "put it on Fri"
    # "no wait, that clashes with book club. thursday then"
    rf"|\b(?P<n>{DAY})\s+(?:then|instead)\W*$"
)
# "sorry I meant saturday", "actually make it tuesday instead": a day said again
_MEANT = re.compile(
    rf"\b(?:i meant|i mean|meant to say|make (?:it|that)|change (?:it|that) to|rather)\s+(?:on\s+)?"
    rf"(?P<d>{DAY})|\b(?P<i>{DAY})\s+instead\b"
)
# "leave them in", "put it back": the one session the runner took out, back in
_PUT_BACK = re.compile(
    r"\b(?:leave|keep|put|bring|add)\s+(?:them|it|those|that|these)\s+(?:back(?:\s+in)?|in)\b"
    r"|\bkeep (?:them|it|those|that)\s*(?:[,.;!]|$)"
    r"|\bleave (?:them|those)\b(?!\s+(?:on|for|to)\b)"
)
# "no pool" → "just rest instead": rest where the cross-training was
_REST_INSTEAD = re.compile(
    rf"^{_FILLER}(?:just\s+|then\s+)?rest(?:\s+(?:instead|then|please|pls))*\W*$"
)
# "take out the stairs" → "and the intervals too": another session out
_ALSO_OUT = re.compile(
    rf"^{_FILLER}(?:and|also|plus|oh and)\s+(?:the\s+|my\s+)?(?P<s>{rs.SESSION_WORDS})\b"
    r"(?:[^.;!?]*\b(?:too|as well|also))"
)
_ONLY_DAYS = re.compile(rf"^{_FILLER}(?:on\s+|say\s+|like\s+)?(?P<d>{DAY_LIST})\W*$")
_ALSO_DAYS = re.compile(  # "or tue", "and thurs too", "thurs too"
    rf"^{_FILLER}(?:(?:or|and|also|plus|nor)\s+(?:on\s+)?(?P<d>{DAY_LIST})"
    r"(?:\s+(?:too|as well|also|actually|either))?"
    rf"|(?:on\s+)?(?P<t>{DAY_LIST})\s+(?:too|as well|also|either))"
    r"(?:\W*$|\s*[,.;!-]\s*(?:forgot|i|i'm|i've|cos|cause|because|as)\b.*$"
    # "... too while the comp's on", "and Sunday too if the long run needs it"
    r"|\s+(?:while|because|cos|coz|cause|as|since|when|for|if)\b.*$"
    r"|(?<=too|ell|lso)\s*[,.;!-].*$)"  # "oh and sun too, brunch w the inlaws": the reason
)
# "can't run fridays" → "make that fridays and mondays": the days out, said again
_MAKE_IT_DAYS = re.compile(
    rf"^{_FILLER}(?:make (?:it|that)|change (?:it|that) to)\s+(?:on\s+)?(?P<d>{DAY_LIST})"
    r"(?:\s+(?:instead|then|now))?\W*$"
)


_MEANT_NUMBER = re.compile(rf"\b(?:i meant|meant)\s+(?P<n>{NUM})\b")  # "I said 5 but I meant 4"
_DAY_AFTER = re.compile(
    r"\bno (?:run|running|runs)\s+(?:on\s+)?the day after\b"
    # "and the day after the long run should be completely off"
    r"|\bthe day after the long (?:run|one)\b[^.;!?]{0,30}?\b(?:off|rest|free|nothing|no running)\b"
)
# "I can't do Wednsday" → "or the day after it"
_OR_DAY_AFTER = re.compile(r"^(?:or|and|nor|also)\s+(?:on\s+)?the day after(?: it| that)?\b")
# "I'm off Mon, Wed, Sat and Sun" → "so only run on my days off"
_ON_DAYS_OFF = re.compile(r"\bonly (?:run|running|runs|train)? ?on (?:my|those|the) days off\b")
# "drop the intervals" → "and the other hard one too": the other hard session
_OTHER_HARD = re.compile(r"\bthe other (?:hard|tough|quality|fast|speed|harder) (?:one|session)\b")
_DAYS_SAID = re.compile(r"\b(?:run(?:ning)?\s+)?days\b|\bruns\b")
_LONG = re.compile(r"\blong (?:run|one)\b")
_IT_THERE = re.compile(r"\b(?:put|do|have|move|schedule|stick) it (?:there|then|on that day)\b")
# "put the long run there": on the one day said before
LONG_RUN_THERE = re.compile(
    r"\b(?:put|do|have|move|make|schedule)\s+(?:the|my)\s+(?:long (?:run|one)|lr)\s+(?:there|on it"
    r"|on that(?: day)?|then|that day)\b|\b(?:long (?:run|one)|lr)\s+(?:there|on it|on that day"
    r"|that day|then)\b"
    # "Saturday I've got all morning, so that's where the long run goes"
    r"|\bthat's (?:when|where)\b[^.;!?]{0,30}\blong (?:run|one)\b"
)


def follow_up(
    text: str, stated: WeekRequest, before: WeekRequest, previous: str = ""
) -> WeekRequest:
    """A follow-up that changes one thing and keeps the rest, read against the request so far:
    "actually make it Sunday" after a long-run day, "make that 2" after a number of days,
    "actually 45" after a time cap, "or tue" after a day they can't run; "no running those
    days" after the `previous` message named them."""
    low, original = normalise(text)
    if previous and refers_back(low) and not (stated.excluded_days or days_in(low, original)):
        stated = replace(stated, excluded_days=frozenset(days_in(*normalise(previous))))
    field = rs.last_field(previous) if rs.takes_out_by_reference(low) else None
    if field and getattr(stated, field) is None:  # "move stairs to wed" → "just take them out"
        stated = replace(stated, **{field: True})  # type: ignore[arg-type]
    long_run = stated.long_run_day or before.long_run_day
    if long_run and _DAY_AFTER.search(low):  # "long run saturday" → "and no run the day after"
        stated = replace(stated, excluded_days=stated.excluded_days | {next_day(long_run)})
    n = _ONE_NUMBER.match(low)
    value = number(n["n"]) if n else 0
    unset = before.run_days is None and stated.run_days is None
    if 0 < value <= 7 and unset and _DAYS_SAID.search(previous):
        # "not keen on running six days" → "Five is ok.": the days, though none were set
        stated = replace(stated, run_days=value)
    long_said = before.long_run_day or before.pending == "long_run_day" or _LONG.search(previous)
    here = days_in(low, original)
    if _IT_THERE.search(low) and long_said and stated.long_run_day is None and len(here) == 1:
        # "if the long run moves?" → "Wednesday is my only free day, so put it there"
        stated = replace(stated, long_run_day=here[0], available_days=frozenset())
    off = before.available_days or before.freed_days
    if _ON_DAYS_OFF.search(low) and off and not stated.available_days:
        stated = replace(stated, available_days=off)
    if _OR_DAY_AFTER.match(low) and len(before.excluded_days) == 1:
        then = next_day(next(iter(before.excluded_days)))
        stated = replace(stated, excluded_days=stated.excluded_days | {then})
    hard = {"no_speed": before.no_speed, "no_stairs": before.no_stairs}
    hard_out = [f for f, v in hard.items() if v]
    hard_left = [f for f, v in hard.items() if v is None]
    if _OTHER_HARD.search(low) and len(hard_out) == 1 and hard_left:
        stated = replace(stated, **{hard_left[0]: True})  # type: ignore[arg-type]
    if before.is_empty():
        return stated
    new, old = swapped(low, original)
    if new and old and old <= before.available_days and not new & before.available_days:
        # "4 days: mon wed fri sun" → "sorry, sat not sun": the days to run, one swapped
        stated = replace(stated, available_days=(before.available_days - old) | new)
    fixed = corrected(low, original, stated, before)
    if fixed is not stated:
        return fixed
    if (
        stated.freed_days
        and stated.available_days
        and stated.available_days <= before.excluded_days
    ):
        # "cant run weds" / "or thurs" / "thurs is fine actually, only weds": only weds is out
        return replace(stated, excluded_days=stated.available_days, available_days=frozenset())
    if stated.available_days and before.available_days and ADDS.search(low):
        # "weekdays only" → "actually i can do saturday too": one more day, not only that one
        stated = replace(stated, available_days=stated.available_days | before.available_days)
    there = before.excluded_days | before.available_days
    if LONG_RUN_THERE.search(low) and stated.long_run_day is None and len(there) == 1:
        stated = replace(stated, long_run_day=next(iter(there)))
    out = [f for f in rs.FIELDS if getattr(before, f)]
    if _PUT_BACK.search(low) and len(out) == 1 and getattr(stated, out[0]) is None:
        stated = replace(stated, **{out[0]: False})  # type: ignore[arg-type]
    also_out = _ALSO_OUT.match(low)
    if also_out and out:
        field = rs.field_of(also_out["s"])
        if field and getattr(stated, field) is None:
            stated = replace(stated, **{field: True})  # type: ignore[arg-type]
    again = _MAKE_IT_DAYS.match(low)
    named = days_in(again["d"], original, again.start("d")) if again else []
    if before.excluded_days and len(named) >= 2 and stated.long_run_day is None:
        again_out = frozenset(named)
        return replace(stated, excluded_days=again_out, freed_days=before.excluded_days - again_out)
    meant = _MEANT.search(low)
    if meant and before.excluded_days and stated.long_run_day is None:
        # "no runs on monday" → "actually make it tuesday instead, monday's fine": the day
        # off moves, when a day is freed or the one day off is the only day said before
        group = "d" if meant["d"] else "i"
        days = days_in(meant[group], original, meant.start(group))
        freed = stated.freed_days & before.excluded_days
        one = len(before.excluded_days) == 1 and not before.long_run_day
        if days and days[0] not in before.excluded_days and (freed or one):
            return replace(
                stated,
                excluded_days=stated.excluded_days | {days[0]},
                freed_days=freed or before.excluded_days,
            )
    make_it = _MAKE_IT_DAY.search(low)
    if make_it and before.long_run_day and stated.long_run_day is None:
        # "I'm away friday now. make it saturday", "scratch that, keep it sunday", "sunday's
        # better": the long run moves, whatever else is said
        group = next(g for g in ("d", "k", "b", "t", "g", "n", "p") if make_it[g])
        found = days_in(make_it[group], original, make_it.start(group))
        if found and found[0] not in stated.excluded_days:  # "no running on friday then"
            stated = replace(stated, long_run_day=found[0])
    if _REST_INSTEAD.match(low) and (before.no_pool or before.no_cross_training is False):
        return replace(stated, no_cross_training=True)
    meant_n = _MEANT_NUMBER.search(low)
    if meant_n and before.run_days is not None and 0 < number(meant_n["n"]) <= 7:
        return replace(stated, run_days=number(meant_n["n"]))
    if n and stated.run_days is None and stated.max_minutes != number(n["n"]):
        # "make that 4 actually, and i cant do wednesdays": the number, and the rest said
        value = number(n["n"])
        if (before.run_days is not None or before.pending == "run_days") and 0 < value <= 7:
            return replace(stated, run_days=value)
        if (
            before.max_minutes is not None or before.pending == "max_minutes"
        ) and 10 <= value <= 300:
            return replace(stated, max_minutes=value)
    day = _ONE_DAY.match(low)
    group = "d" if day and day["d"] else "e"
    if (
        day
        and (before.long_run_day or before.pending == "long_run_day")
        and not stated.long_run_day
    ):
        found = days_in(day[group], original, day.start(group))
        return replace(stated, long_run_day=found[0]) if found else stated
    if not stated.is_empty():
        return stated
    listed = _ONLY_DAYS.match(low)  # "3 runs a week" → "on mon wed and sat": those days
    if listed and (before.run_days or before.pending == "run_days"):
        found = days_in(listed["d"], original, listed.start("d"))
        if len(found) >= 2:
            return replace(stated, available_days=frozenset(found))
    also = _ALSO_DAYS.match(low)
    if also and before.excluded_days:
        return replace(stated, excluded_days=frozenset(days_in(also["d"] or also["t"], original)))
    if also and before.available_days:  # "mon tue thu sat only" → "oh, and sunday too"
        more = frozenset(days_in(also["d"] or also["t"], original))
        return replace(stated, available_days=before.available_days | more)
    return stated
