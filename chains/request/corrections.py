"""A correction of the days said before, read against the request so far: "sorry, meant fri to
sun", "i meant weds not thurs", "oh wait, I've swapped thursday, so I can run". `followup.py`
reads the rest of a follow-up.
"""

from __future__ import annotations

import re
from dataclasses import replace

from chains.request.model import WeekRequest
from chains.request.text import DAY_LIST, days_in
from chains.week.model import DayName

# A correction of the days said before: "sorry, meant fri to sun", "wait no, its wednesdays",
# "rota's changed, it's Wed-Fri now" (but not "and fridays too": that adds a day)
_CORRECTION = re.compile(
    r"^\W*(?:(?:ugh|oh|argh|hmm|no|actually|ah no)\W+)?(?:sorry|wait|oops|whoops|my bad|correction"
    r"|i meant|meant"
    r"|scratch that|hang on)\b|\b(?:got that wrong|i meant|meant to say|(?:rota|roster|shifts?)"
    r"(?:'s| has| have)? (?:changed|moved))\b"
)
_NOT_THAT = re.compile(  # "i meant weds not thurs": one day for another
    rf"(?P<a>{DAY_LIST})\s*,?\s*(?:not|instead of|rather than)\s+(?:on\s+)?(?P<b>{DAY_LIST})"
    # "I swapped Thursday for Sunday with a mate"
    rf"|\bswapped\s+(?:my\s+)?(?P<old>{DAY_LIST})\s+(?:shift\s+)?(?:for|with)\s+(?P<new>{DAY_LIST})"
)
_CAN_RUN = re.compile(r"\b(?:so )?i can (?:run|get out|do it|go)\b")
ADDS = re.compile(  # a day added to those said ("and fridays too"), not a correction
    r"\b(?:also|too|as well|plus|another|either|and\s+(?:not\s+)?on)\b"
)


def swapped(
    low: str, original: str, start: int = 0
) -> tuple[frozenset[DayName], frozenset[DayName]]:
    """The days said in place of others ("sat not sun": Saturday for Sunday), or nothing."""
    swap = _NOT_THAT.search(low, start)
    if not swap:
        return frozenset(), frozenset()
    a, b = ("a", "b") if swap["a"] else ("new", "old")
    new = frozenset(days_in(swap[a], original, swap.start(a)))
    return new, frozenset(days_in(swap[b], original, swap.start(b)))


def corrected(low: str, original: str, stated: WeekRequest, before: WeekRequest) -> WeekRequest:
    """The days said before, corrected: "weds not thurs" swaps one, else the first days named
    after the correction replace them, and the days no longer named are freed."""
    m = _CORRECTION.search(low)
    if not (m and before.excluded_days) or ADDS.search(low) or stated.long_run_day:
        return stated
    new, old = swapped(low, original, m.start())
    old &= before.excluded_days
    if new and old:
        return replace(
            stated,
            excluded_days=(before.excluded_days - old) | new,
            available_days=frozenset(),
            freed_days=stated.freed_days | (old - new),
        )
    for listed in re.finditer(DAY_LIST, low[m.start() :]):
        named = days_in(listed.group(), original, m.start() + listed.start())
        if named and _CAN_RUN.search(low):  # "oh wait, I've swapped thursday, so I can run"
            freed = frozenset(named) & before.excluded_days
            return replace(stated, excluded_days=frozenset(), freed_days=stated.freed_days | freed)
        days = frozenset(named) - stated.freed_days  # "saturday, friday's ok": saturday
        if days and days != before.excluded_days:
            return replace(
                stated,
                excluded_days=days,
                available_days=frozenset(),
                freed_days=stated.freed_days | (before.excluded_days - days),
            )
    return stated
