"""Routing: which kind of turn a message asks for. Pure and deterministic.

The guard has already run; routing only chooses between the coach's ordinary intents.
"""

from __future__ import annotations

import re
from typing import Literal

from chains.answer.explain import looks_like_explain
from chains.answer.scope import off_topic
from chains.request import WeekRequest, looks_like_week_request, names_the_week, parse_request

Route = Literal["smalltalk", "explain", "week", "question"]

_SMALLTALK = re.compile(
    r"^\s*(hi|hiya|hello|hey|yo|howdy|good (morning|afternoon|evening)|thanks|thank you|"
    r"thx|ta|cheers|ok|okay|cool|great|nice|bye|goodbye|see ya|who are you|"
    r"what can you do|help)\b[\s!.?,]*\w*[\s!.?]*$",
    re.IGNORECASE,
)


# "Why should I run more often?" asks about the article's advice in general, not about a change
# the coach made: a question for retrieval, not an explanation from the change log.
_GENERAL_WHY = re.compile(
    r"\bwhy (?:should|would|must|do|does|is|are) (?:i|we|runners?|people|it|my back)\b"
    r"(?! (?:have|get) (?:a |my |the )?(?:stairs|walk|rest|swim))",
    re.IGNORECASE,
)


def is_smalltalk(message: str) -> bool:
    """Greetings, thanks and 'what can you do' with nothing else in them.

    >>> [is_smalltalk(m) for m in ["Hi!", "thanks coach", "hi, can I run hills?"]]
    [True, True, False]
    """
    return bool(_SMALLTALK.match(message)) and len(message.split()) <= 4


_ABOUT_THE_COACH = re.compile(
    r"\bwhat (?:can|do) you (?:help|do)\b|\bwhat(?:'?s| is) this (?:guide|coach|app|thing|article)"
    r"(?: actually)? (?:about|for)\b|\bhow do(?:es)? (?:this|you) work\b",
    re.IGNORECASE,
)


def route(message: str) -> Route:
    if is_smalltalk(message) or _ABOUT_THE_COACH.search(message):
        return "smalltalk"
    if looks_like_explain(message) and not _GENERAL_WHY.search(message):
        return "explain"
    if looks_like_week_request(message) and not _only_asks(message):
        return "week"
    return "question"


_ASKS = re.compile(
    r"\?|^\s*(?:can|could|should|shall|is|are|am|do|does|did|will|would|what'?s?|which|how'?s?"
    r"|why|when|where|who)\b",
    re.IGNORECASE,
)


def _only_asks(message: str) -> bool:
    """A question that mentions the week in passing, rather than asking to change it: "What
    shoes for my long run on Saturday?", "I'm doing a marathon, is run:walk ok for racing?"."""
    stated = parse_request(message)
    if off_topic(message) and (_ASKS.search(message) or not schedules(stated)):
        return True  # the coach declines it; nothing about the week changes
    asks_to_adapt = schedules(stated) or stated.flare is not None or names_the_week(message)
    return bool(_ASKS.search(message)) and not asks_to_adapt


def schedules(request: WeekRequest) -> bool:
    """Whether a request says something about the week itself (days, time, facilities, wishes),
    as opposed to only naming a race, a level, a past volume or a sore back, which a question
    often does."""
    return bool(
        request.run_days is not None
        or request.excluded_days
        or request.available_days
        or request.long_run_day
        or request.swaps
        or request.moves
        or request.no_stairs is not None
        or request.no_pool is not None
        or request.wishes_against
        or any(request.cap_for(day) is not None for day in ("Monday", "Saturday"))
    )
