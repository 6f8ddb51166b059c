"""Sessions heard by meaning: a clause that names one of the week's sessions and says, in words
the parser has no pattern for, that the runner wants it out ("the stairs I'm happy to bin",
"I'm not allowed long runs yet") or kept ("I'd hate to lose the intervals").

Like the days heard (`heard.py`), it only adds: a session the parser already read keeps the
parser's reading. Each clause is compared, in the turn's one forward pass, with the labelled
week requests' clauses that name a session (`eval/labelled.session_examples`); it counts only
when its nearest is "out" or "keep", close enough, and clearly closer than the other kinds.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any, Literal, Protocol

from chains.request.heard import Nearest, day_clauses, days_heard
from chains.request.model import WeekRequest
from chains.request.sessions import FIELD_OF_KIND, FIELDS, fields_named
from chains.request.text import normalise

Kind = Literal["out", "keep", "other"]
KINDS: tuple[Kind, ...] = ("out", "keep", "other")
# Set by hand, not swept: checked on round 15's first fresh set once scored (r16a) and on the
# labelled week chats held out (README, "Round 14").
THRESHOLD, MARGIN = 0.62, 0.04
_CLAUSE = re.compile(r"[.;!?,\n]+|\s+but\s+|\s+(?:though|although|while)\s+")
# a clause that asks ("should I keep the intervals?", "so can the stairs go on another day?"):
# the parser's to read
_ASKED = re.compile(
    r"^\W*(?:(?:so|and|but|also|ok|then)\s+)?(?:should|is|are|do|does|can|could|would|will|what"
    r"|why|how|when)\b"
)


def session_clauses(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """The message's clauses that name one of the week's sessions, at most six, each with the
    fields that would take those sessions out."""
    low, original = normalise(text)
    out: list[tuple[str, tuple[str, ...]]] = []
    start = 0
    for stop in [*_CLAUSE.finditer(low), None]:
        end = stop.start() if stop else len(low)
        fields = fields_named(low[start:end])
        if fields and not _ASKED.search(low[start:end]):
            out.append((original[start:end].strip(), fields))
        start = stop.end() if stop else end
    return out[:6]


def sessions_heard(
    clauses: list[tuple[str, tuple[str, ...]]],
    nearest: list[Nearest],
    heard: WeekRequest | None = None,
) -> WeekRequest:
    """`heard` (the days heard) with the sessions the clauses take out (True) or keep (False),
    by meaning."""
    said: dict[str, Any] = {}
    for (_, fields), best in zip(clauses, nearest, strict=True):
        kind = max(best, key=lambda k: best[k])
        lead = best[kind] - max(s for k, s in best.items() if k != kind)
        # one session a clause: the model hears the topic more than which of two is meant
        if kind != "other" and best[kind] >= THRESHOLD and lead >= MARGIN and len(fields) == 1:
            said.setdefault(fields[0], kind == "out")
    return replace(heard or WeekRequest(), **said)


def fill_sessions(stated: WeekRequest, heard: WeekRequest) -> WeekRequest:
    """The parser's request with the sessions heard by meaning that it left unread; never "kept"
    for the session the runner's back flared after ("stairs leave my back a bit stiff")."""
    flared = FIELD_OF_KIND.get(stated.flare_after or "")
    unread = {
        f: getattr(heard, f)
        for f in FIELDS
        if getattr(heard, f) is not None
        and getattr(stated, f) is None
        and not (f == flared and getattr(heard, f) is False)
    }
    return replace(stated, **unread) if unread else stated


Vector = list[float]


class Bank(Protocol):
    def nearest(self, vectors: list[Vector]) -> list[Nearest]: ...


def hear(
    query: str,
    text: str,
    units: list[str],
    embed: Callable[[str, list[str]], tuple[Vector, list[Vector]]],
    days: Bank | None,
    sessions: Bank | None,
) -> tuple[Vector, list[Vector], WeekRequest]:
    """The turn's one forward pass: the message's vector (`query`), the vectors of the guard
    net's clauses (`units`), and the days and sessions heard by meaning in `text`."""
    said = day_clauses(text) if days else []
    named = session_clauses(text) if sessions else []
    vector, vectors = embed(query, units + said + [c for c, _ in named])
    cut = len(units) + len(said)
    heard = days_heard(said, days.nearest(vectors[len(units) : cut]) if days else [])
    if sessions and named:
        heard = sessions_heard(named, sessions.nearest(vectors[cut:]), heard)
    return vector, vectors[: len(units)], heard
