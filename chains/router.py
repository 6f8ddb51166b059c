"""Routing: one step a turn decides what a message asks for and reads its request, once.

The guard has already run; routing chooses between the coach's ordinary intents. It reads the
message's meaning (its nearest labelled utterances, `chains/answer/intents.py`), the parser's
slots (a message that states days, caps or facilities changes the week) and the conversation
(a bare "why?" right after a change explains it; "what about Saturday?" asks about that day).
Without a bank (tests on fakes) it falls back to the patterns below. Deterministic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Literal

from chains.answer.explain import looks_like_explain
from chains.answer.intents import Intent
from chains.answer.scope import off_topic
from chains.request import WeekRequest, looks_like_week_request, names_the_week, parse_request
from chains.request.followup import follow_up
from chains.request.heard import fill
from chains.request.parse import into_the_week
from chains.request.sessions import FIELDS as SESSION_FIELDS
from chains.request.sessions_heard import fill_sessions
from chains.request.text import days_in
from chains.request.text import normalise as request_text
from chains.week.model import DayName

Route = Literal["smalltalk", "explain", "week", "question"]


@dataclass(frozen=True)
class Context:
    """What routing needs of the conversation so far."""

    changed: bool = False  # the last turn changed the week
    has_week: bool = False  # the runner has a week of their own
    request: WeekRequest = field(default_factory=WeekRequest)  # asked of the week so far
    noted: WeekRequest = field(default_factory=WeekRequest)  # said in the last turn, a question
    previous: str = ""  # the runner's message before this one ("... so no running those days")


@dataclass(frozen=True)
class Routing:
    intent: Intent
    request: WeekRequest  # what the message states about the week (empty for most questions)
    day: DayName | None = None  # the one day a question asks about, answered from the week
    last_change: bool = False  # a bare "why?": about the changes the coach just made


# A "why?" with nothing else: about the change just made, never a question for the article.
_BARE_WHY = re.compile(
    r"^\s*(?:but |and |ok |so )?(?:why|how come|why so|why that|why's that|why is that|why not"
    r"|what for|for what|reason|the reason|and why|explain|explain that|huh why)\s*[?!.]*\s*$",
    re.IGNORECASE,
)
_ABOUT_A_DAY = re.compile(
    r"^\s*(?:and |so |ok |okay )?(?:what about|how about|and)\b|\bwhat (?:do|should|am) i"
    r"|\bwhat(?:'?s| is| does)\b.*\b(?:for|on|look|mean|about|involve)\b|\bhow long (?:is|should)",
    re.IGNORECASE,
)
# How much closer to the article's questions than to week requests a message that states a
# constraint must be, to be answered as a question ("my club does 400s on Tuesdays, should I
# change them?") rather than change the week.
QUESTION_MARGIN = 0.12
ASKED_MARGIN = 0.05  # phrased as a question, a message needs less to be one


def read(
    text: str,
    scores: dict[Intent, float] | None,
    context: Context,
    heard: WeekRequest | None = None,
) -> Routing:
    """The intent of one message, and its request, read once: with the days `heard` by meaning
    (`chains/request/heard.py`), so that "Tuesdays I've got the kids at footy, no way I'm
    getting a run in" asks for a week as surely as "no running Tuesdays" does. The sessions
    heard (`sessions_heard.py`) fill a week request only: "are the stairs needed?" stays asked."""
    routing = _read(text, scores, context, heard)
    if heard and routing.intent == "week":
        return replace(routing, request=fill_sessions(routing.request, heard))
    return routing


def _read(
    text: str, scores: dict[Intent, float] | None, context: Context, heard: WeekRequest | None
) -> Routing:
    try:
        said = parse_request(text)
        before = context.request.merge(context.noted)  # "can my long run move?" → "saturday"
        request = follow_up(text, said, before, context.previous)
        request = fill(request, heard) if heard else request
    except Exception:  # a parser bug must not cost the runner the turn: read it as a question
        said = request = WeekRequest()
    if is_smalltalk(text) or _ABOUT_THE_COACH.search(text):
        return Routing("smalltalk", request)
    if _BARE_WHY.match(text):
        return (
            Routing("explain", request, last_change=True)
            if context.changed
            else Routing("question", request)
        )
    # A wish alone asked about ("Can I keep doing my 200m repeats?", "should I drop speed work
    # for now?") asks the article, unless it asks to put the session into the week or take it
    # out, or names the week ("... this week? no fast stuff"); said, it changes the week.
    rest = replace(request, wishes_against=frozenset())
    wishes_only = not schedules(rest if names_the_week(text) else replace(rest, no_speed=None))
    asked = (_asks(text) or bool(_QUESTIONING.search(text))) and not _ASKS_TO_CHANGE.search(text)
    stated = schedules(request) and (not wishes_only or into_the_week(text) or not asked)
    stated = stated or request.flare is not None
    low, original = request_text(text)
    days = days_in(low, original)
    best: Intent | None = None
    if scores is not None:
        best = max(scores.items(), key=lambda kv: kv[1])[0]
    if context.has_week and _goes_on(text, days) and not looks_like_explain(text):
        return Routing("week", request)  # "so can I just use the bike on saturday?"
    if len(days) == 1 and not stated and _asks(text):
        # A question naming one day and stating nothing ("saturday in the plan - is that a rest
        # day?") asks about that day, unless its meaning is off topic or small talk, or it asks
        # why the runner's own week is as it is ("why did you drop Friday?").
        why_mine = context.has_week and looks_like_explain(text)
        if _ABOUT_A_DAY.search(low) or (best in ("question", "explain", "week") and not why_mine):
            return Routing("question", request, day=days[0])
    if stated and request != said and not looks_like_explain(text):
        return Routing("week", request)  # a follow-up read against the chat: "thirty"
    if scores is None or best is None:
        return Routing(route(text), request)
    # The runner's usual training, then a question about it ("my club does 200s on a Tuesday
    # night, how should I adapt them?"): what the article says, unless the coach is asked to
    # make the week ("how would you rejig that?").
    habit = _HABIT.search(text) and asked and not (_ADAPT.search(text) and _YOU.search(text))
    if habit and best in ("question", "out_of_scope") and not context.has_week:
        return Routing(best, request)
    # A sore back alone, asked about ("how do I stop my long run flaring my back?"), is a change
    # to the week only when its meaning is closer to week requests than to questions.
    flare_only = request.flare is not None and not schedules(request) and asked
    if flare_only and best in ("question", "out_of_scope") and scores[best] > scores["week"]:
        return Routing(best, request)
    if stated or names_the_week(text):  # the message says something about the week itself
        if best == "explain" and looks_like_explain(text):
            return Routing("explain", request)
        if names_the_week(text) and (not asked or (_ADAPT.search(text) and _YOU.search(text))):
            return Routing("week", request)  # "can you adjust this week's plan for that"
        mine = context.has_week and _WHAT_NOW.search(text)  # "what should I do this week?"
        if (context.noted.flare or mine) and not looks_like_explain(text):
            return Routing("week", request)  # a sore back told, then "what would you change?"
        told = schedules(request) and not asked  # "ditch the speed work for now pls"
        if stated and (names_the_week(text) or request != said or told):
            return Routing("week", request)  # a change, said or asked for, or a follow-up
        margin = ASKED_MARGIN if _asks(text) else QUESTION_MARGIN
        if best in ("question", "out_of_scope") and scores[best] - scores["week"] > margin:
            return Routing(best, request)  # mentions the week, but asks something else
        return Routing("week", request)
    if best == "week" and asked:  # asked, and nothing in it about the week: for the article
        return Routing(max(("question", "out_of_scope"), key=lambda i: scores[i]), request)
    return Routing(best, request)


# Asking for the week to be made or changed: "can you adjust this week's plan", "sort my week"
_ADAPT = re.compile(
    r"\b(?:adjust|adapt|change|redo|re-do|rejig|rework|sort|fix|tweak|modify|update|rearrange"
    r"|re-arrange|reshuffle|set up|lay out|build|write|make|give me|show me|send me|gentler"
    r"|easier|lighter)\b",
    re.IGNORECASE,
)


# The week chat going on: a session or a day of the runner's week, and a word that changes it
# ("oh and the pool's closed saturday so swap that for something else", "also keep the
# recovery runs", "can the stairs go on wednesday?"). Said as a question, it needs the word.
_SESSION_NAMED = re.compile(
    r"\b(?:stairs?|intervals?|swims?|swimming|pool|bike|cycling|spin|rower|cross[- ]?training"
    r"|long (?:run|one)|lr|recovery(?: runs?)?|easy runs?|rest days?|walks?|sessions?)\b",
    re.IGNORECASE,
)
_CHANGES = re.compile(
    r"\b(?:swap|switch|use|put|pop|move|keep|make|drop|dropped|add|sneak|fit|squeeze|shift|change"
    r"|instead|go on|be on|cut|skip|omit|lose|ditch|scrap|rest)\b|\b(?:can|could) (?:they|it) go\b",
    re.IGNORECASE,
)


def _goes_on(text: str, days: list[DayName]) -> bool:
    named = bool(days) or bool(_SESSION_NAMED.search(text))
    return named and bool(_CHANGES.search(text)) and not off_topic(text)


_HABIT = re.compile(
    r"\bmy (?:club|group|running group|team|crew|coach|squad|usual|normal|regular)\b"
    r"|\bi (?:usually|normally|always|typically|generally) (?:do|run|have|go)\b",
    re.IGNORECASE,
)
_YOU = re.compile(r"\b(?:can|could|would) (?:we|you|u|ya|ye)\b", re.IGNORECASE)
_WHAT_NOW = re.compile(r"\bwhat should i (?:do|run)\b", re.IGNORECASE)


def _asks(text: str) -> bool:
    return bool(_ASKS.search(text))


# Asked, but asking for a change: "can we drop the speed stuff", "can it just be runs".
_ASKS_TO_CHANGE = re.compile(
    r"\b(?:can|could|would) (?:we|you)\b(?! (?:tell|explain|say))|\bcan it (?:just )?be\b"
    r"|\b(?:can|could) i (?:swap|switch|replace|move|get a week|have [^.?!]{1,40}\binstead)\b"
    r"|\bsay (?:[1-7]|one|two|three|four|five|six) (?:runs?|days?|sessions?)\b"  # "say 3 runs?"
    # "could the thursday session just be an easy run?", "any chance of swapping the swim"
    r"|\bcould (?:the|my|it|that|this)\b[^.?!]{0,40}?\bbe\b[^.?!]{0,30}?"
    r"\b(?:instead|run|ride|swim|walk|rest)\b|\bany chance (?:of|you could|we could)\b"
    r"|\bcan i just (?:run|have)\b",
    re.IGNORECASE,
)
# Any sign of a question, anywhere: "downhills kill my back, why", "is it ok to just drop ...".
_QUESTIONING = re.compile(
    r"\?|\b(?:should|shall|is it|is that|is there|are there|what|what'?s|which|how|why|when"
    r"|do i|does|did|anyone|tips|meant for)\b|(?:^|[,.;!?]\s*)(?:is|are) (?:the|this|these|my)\b",
    re.IGNORECASE,
)


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
        or request.freed_days
        or request.long_run_day
        or request.swaps
        or request.moves
        or any(getattr(request, f) is not None for f in SESSION_FIELDS)
        or request.pending is not None
        or request.wishes_against
        or any(request.cap_for(day) is not None for day in ("Monday", "Saturday"))
    )
