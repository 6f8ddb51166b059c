"""A conversation's state and one turn's result, as plain data.

The caller holds the `Session` (Gradio's `gr.State`, the CLI's loop); nothing here is global.
`Turn.to_dict()` is the JSON of CONTRACT.md.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Literal

from chains.answer.passages import Passage
from chains.guard import Triage
from chains.guard.rules import MessageScan
from chains.request import WeekRequest
from chains.week import Change, Week

Intent = Literal["question", "week", "explain", "red_flag", "out_of_scope", "smalltalk"]


@dataclass
class Session:
    """What the coach remembers of one conversation (in memory only: it is health data)."""

    messages: list[str] = field(default_factory=list)  # the runner's messages, oldest first
    triage: Triage = field(default_factory=lambda: Triage("none"))  # highest level standing
    ruled: Triage = field(default_factory=lambda: Triage("none"))  # highest the rules have seen
    meant: Triage | None = None  # a flag the meaning-based net raised alone, until denied
    request: WeekRequest = field(default_factory=WeekRequest)  # constraints so far
    week: Week | None = None  # the week the runner was last shown
    changes: list[Change] = field(default_factory=list)  # every change made, oldest first
    last_changes: list[Change] = field(default_factory=list)  # the last week turn's changes
    # What the last turn said of the week when it was a question ("back went twang lifting the
    # basket"), for a week asked for next ("what would you change in my week?")
    noted: WeekRequest = field(default_factory=WeekRequest)
    # The guard's findings per message (derived from `messages`, never exported), so a turn
    # reads only its new message however long the conversation is.
    scans: list[tuple[MessageScan, ...]] = field(default_factory=list, repr=False)

    @property
    def flagged(self) -> bool:
        return self.triage.level != "none"

    def fork(self) -> Session:
        """A copy a turn can change freely; `commit` it once the whole turn has succeeded.
        Cheap: the lists are copied, their items (strings, frozen records) are shared."""
        return dataclasses.replace(
            self,
            messages=list(self.messages),
            changes=list(self.changes),
            last_changes=list(self.last_changes),
            scans=list(self.scans),
        )

    def commit(self, work: Session) -> None:
        """Take on everything a successful turn did to its fork."""
        for f in dataclasses.fields(self):
            setattr(self, f.name, getattr(work, f.name))

    def to_dict(self) -> dict[str, Any]:
        """For an export the runner asks for; never written anywhere by the coach itself."""
        return {
            "messages": list(self.messages),
            "triage": self.triage.to_dict(),
            "request": _plain(dataclasses.asdict(self.request)),
            "week": self.week.to_dict() if self.week else None,
            "changes": [c.to_dict() for c in self.changes],
        }


def _plain(value: Any) -> Any:
    """JSON-friendly copy: sets become sorted lists."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (set, frozenset)):
        return sorted(_plain(v) for v in value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


@dataclass
class Turn:
    reply: str
    intent: Intent
    triage: Triage
    sources: list[Passage] = field(default_factory=list)
    week: Week | None = None
    changes: list[Change] = field(default_factory=list)
    notice: str | None = None  # shown beside the reply (cut message, LLM fallback, ...)

    def to_dict(self) -> dict[str, Any]:
        return {
            "reply": self.reply,
            "intent": self.intent,
            "triage": {
                "level": self.triage.level,
                "reasons": list(self.triage.reasons),
                "basis": self.triage.shown_basis,
            },
            "sources": [p.to_dict() for p in self.sources],
            "week": self.week.to_dict() if self.week else None,
            "changes": [c.to_dict() for c in self.changes],
            "notice": self.notice,
        }

    def to_text(self) -> str:
        """The reply as the command line prints it: the sections it stands on at the end."""
        if not self.sources:
            return self.reply
        cited = dict.fromkeys(f"{p.title} ({p.section})" for p in self.sources)
        return f"{self.reply}\n\nSources: " + "; ".join(cited)
