"""Routing: which kind of turn a message asks for. Pure and deterministic.

The guard has already run; routing only chooses between the coach's ordinary intents.
"""

from __future__ import annotations

import re
from typing import Literal

from chains.explain import looks_like_explain
from chains.request import looks_like_week_request

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
    if looks_like_week_request(message):
        return "week"
    return "question"
