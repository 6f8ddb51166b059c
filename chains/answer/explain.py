"""Answers "why ...?" about the week: which day or session the runner means, and the reason.

Owns finding the reason, not phrasing a reply: the reason comes from the conversation's change
log (most recent first), else from the week's own `why`, else from the article passage behind
the topic. The caller retrieves the passage text by the section ids returned.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from chains.request.text import days_in, normalise
from chains.rules.reasons import HILLS_WHY, SPEED_WHY, STAIRS_OFFER
from chains.week.model import Change, Day, DayName, Kind, Week, summary

_EXPLAIN = re.compile(
    r"\bwhy\b|\bhow come\b|\bwhat(?:'s| is) the (?:reason|point)\b|\bexplain\b|\breason for\b"
)


@dataclass(frozen=True)
class Explanation:
    text: str
    sources: list[str]  # article section ids, best first
    day: DayName | None


@dataclass(frozen=True)
class Topic:
    name: str
    words: re.Pattern[str]
    kind: Kind | None  # the session the topic is about, if any
    section: str
    article: str  # the article's reason, for when neither the log nor the week has one


TOPICS: tuple[Topic, ...] = (
    Topic("walk", re.compile(r"\bwalk|run[: ]?walk"), "long_run", "long-runs",
          "Long runs bring fatigue, and fatigue leads to longer strides and more lateral "
          "movement. Short walk breaks at set intervals keep your technique intact: better than "
          "only covering half the distance or flaring the injury up again."),
    Topic("hills", re.compile(r"\b(?:down|up)?hill|\bhilly\b|\bdescent"), None,
          "vertical-hill-sessions", f"{HILLS_WHY} {STAIRS_OFFER}"),
    Topic("stairs", re.compile(r"\bstair|\bsteps\b"), "stairs", "vertical-hill-sessions",
          f"{HILLS_WHY} {STAIRS_OFFER}"),
    Topic("speed", re.compile(r"\b800|\b200|\binterval|\breps?\b|\bspeed|\bsprint|\bfast"),
          "intervals", "speed-sessions",
          f"{SPEED_WHY} So the best compromise is to lengthen the intervals: make 200 m "
          "intervals into 800 m intervals so they need a less-than-max pace, or ditch speed "
          "work until the back has fully recovered."),
    Topic("frequency", re.compile(r"more often|\bso many|\bsix\b|\b6 (?:days|runs)|shorter runs"
                                  r"|\bfrequen|\bspread|\bevery day\b"), None, "frequency",
          "More frequent running sessions (eg. 6 a week instead of 3) reduce the time between "
          "runs and offset some of the stiffness that occurs with lower back pain. Load still "
          "has to be managed: 3 × 10k becomes 6 × 5k, not 6 × 10k."),
    Topic("long run", re.compile(r"\blong (?:run|one)|\bflat\b"), "long_run", "long-runs",
          "Long runs are slower, so they put less muscle pressure on the lumbar spine, but "
          "fatigue builds; so the long run stays fairly flat, with short walk breaks."),
    Topic("cross-training", re.compile(r"\bcross|\bswim|\bpool|\brower|\bbike|\bcycl|"
                                       r"\belliptical|\bski erg"), "cross_training", "sample-week",
          "A non-running activity gets the body moving with gentle multi-axial movements "
          "(bend, twist and sideways tilt); swimming or deep water walking work well."),
    Topic("recovery", re.compile(r"\brecovery\b|\bshuffle\b"), "recovery", "sample-week",
          "An easy 5k shuffle or 3k easy walk reduces the likelihood of stiffness after the "
          "long run."),
    Topic("technique", re.compile(r"\bcadence|\blean|\bquiet|\bsoft|\btechnique|\bstride"),
          None, "running-technique",
          "Keep cadence on the higher side to limit stride length, avoid excessive forward "
          "trunk lean, run quietly, and take short walk breaks so fatigue does not lengthen "
          "your stride."),
    Topic("rest", re.compile(r"\brest\b|\bday off\b|\bdrop|\btake out|\btook out|\bremove"),
          "rest", "frequency", ""),
)  # fmt: skip


def looks_like_explain(text: str) -> bool:
    """For the router: "why ...", "how come ...", "what's the reason ...", "explain ..."."""
    low, _ = normalise(text)
    return bool(_EXPLAIN.search(low))


def explain(message: str, week: Week, changes: Sequence[Change]) -> Explanation | None:
    """The reason behind the day or session the runner asks about, or None if unclear.

    `changes` is the conversation's change log, most recent first (the first change found for
    a day or topic is the one that explains it now).
    """
    low, original = normalise(message)
    days = days_in(low, original)
    topics = [t for t in TOPICS if t.words.search(low)]
    if days:
        return about_day(days[0], week, changes)
    for topic in topics:
        found = _about_topic(topic, week, changes)
        if found is not None:
            return found
    return None


def about_day(name: DayName, week: Week, changes: Sequence[Change]) -> Explanation:
    """What the runner's week has on one day, and why: the latest change to it, or its reason."""
    for change in changes:
        if change.day == name:
            return _from_change(change)
    return _from_day(week[name])


def _about_topic(topic: Topic, week: Week, changes: Sequence[Change]) -> Explanation | None:
    """The session the topic names when the week has one, else a change that mentions it
    (the stairs that became a flat run), else the article's own reason."""
    of_kind = [d for d in week.days if topic.kind is not None and d.kind == topic.kind]
    titled = [d for d in of_kind if topic.words.search(d.title.lower())]
    day = next(iter(titled or of_kind), None)
    if day is not None:
        change = next((c for c in changes if c.day == day.day), None)
        return _from_change(change) if change else _from_day(day, topic.section)
    for change in changes:
        if topic.words.search(f"{change.before} {change.after}".lower()):
            return _from_change(change)
    if topic.article:
        return Explanation(topic.article, [topic.section], None)
    return None


def explain_changes(changes: Sequence[Change]) -> Explanation | None:
    """A bare "why?" after a week turn: every change it made, each with its reason."""
    if not changes:
        return None
    lines = [f"{c.day}: {c.before} → {c.after}. {c.why}" for c in changes]
    text = lines[0] if len(lines) == 1 else "\n".join(f"- {line}" for line in lines)
    sources = list(dict.fromkeys(c.source for c in changes))
    return Explanation(text, sources, changes[0].day)


def _from_change(change: Change) -> Explanation:
    text = f"{change.day}: {change.before} → {change.after}. {change.why}"
    return Explanation(text, [change.source], change.day)


def _from_day(day: Day, section: str | None = None) -> Explanation:
    sources = [day.source] + ([section] if section and section != day.source else [])
    return Explanation(f"{day.day}: {summary(day)}. {day.why}", sources, day.day)
