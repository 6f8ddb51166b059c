"""The scored sets as the coach's own examples.

A set joins `eval/` only after it has been scored untouched as a blind set. From then on it also
teaches the coach, as `eval/redflags.jsonl` teaches the guard's net:
- each in-scope question is one more question its passage answers (retrieval);
- each question, near miss and opening week request is one more labelled utterance of its
  intent (routing).

Each example keeps the set it came from, so that `coach eval` scores every set with its own
examples left out (`held_out`): the figures stay figures of new wording.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from chains.request.sessions import FIELD_OF_KIND
from chains.week.model import DAYS
from eval import load_jsonl
from eval.retrieval_eval import SETS

HERE = Path(__file__).parent
WEEK_SETS = {
    "week_requests": HERE / "week_requests.jsonl",
    "week_requests_blind": HERE / "week_requests_blind.jsonl",
    "week_chats": HERE / "week_chats_blind.jsonl",
}


Kind = Literal["question", "out_of_scope", "week"]


@dataclass(frozen=True)
class Example:
    text: str
    intent: Kind
    origin: str  # the set's name, as `SETS` and `WEEK_SETS` name it
    sections: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()  # the article's words that answer it


def examples() -> list[Example]:
    """Every labelled question and week request, once: the first set that holds it keeps it (18
    of the labelled questions repeat words already in a set before them, so those count as known
    when a later set is scored)."""
    out: list[Example] = []
    for name, path in SETS.items():
        for r in load_jsonl(path):
            intent: Kind = "question" if r["kind"] == "in_scope" else "out_of_scope"
            sections, phrases = tuple(r.get("sections", ())), tuple(r.get("phrases", ()))
            out.append(Example(r["q"].replace("\n", " "), intent, name, sections, phrases))
    for name, path in WEEK_SETS.items():
        for r in load_jsonl(path):
            if name != "week_chats":
                out.append(Example(r["text"], "week", name))
            elif "is_week" in r["checks"]:  # a chat's first message asks for the week
                out.append(Example(r["messages"][0], "week", name))
    first: dict[str, Example] = {}
    for e in out:
        first.setdefault(e.text, e)
    return list(first.values())


def _plain(text: str) -> str:
    text = text.replace("’", "'").replace("“", '"').replace("”", '"').replace("–", "-")
    return re.sub(r"\s+", " ", text).lower().strip()


def answering_chunks(example: Example, chunks: list[Any]) -> list[str]:
    """The chunks that hold the article's words answering an in-scope question; without
    phrases, the first chunk of its first section."""
    found = [
        c.id
        for p in example.phrases
        for c in chunks
        if c.section in example.sections and _plain(p)[:60] in _plain(c.text)
    ]
    if not found:
        found = [c.id for c in chunks if c.section in example.sections[:1]][:1]
    return list(dict.fromkeys(found))


def held_out(coach: Any, origin: str) -> Any:
    """A copy of the coach that has never seen the set `origin`: its questions left out of the
    passages' questions, its utterances out of the routing bank, and its clauses out of the
    days and sessions heard by meaning."""
    from chains.answer.chain import ArticleRetriever

    out = copy.copy(coach)
    retriever = copy.copy(coach.retriever)
    if getattr(retriever, "questions", None) is not None:
        retriever.questions = retriever.questions.without(origin)
    out.retriever = retriever
    out.articles = ArticleRetriever(hybrid=retriever)
    if coach.intents is not None:
        out.intents = coach.intents.without(origin)
    for bank in ("days", "sessions"):
        if getattr(coach, bank, None) is not None:
            setattr(out, bank, getattr(coach, bank).without(origin))
    return out


def _one_message_requests() -> Iterator[tuple[str, str, list[tuple[str, str]], dict[str, Any]]]:
    """(set, text, checks as (name, argument), expect) for every labelled one-message week
    request: a chat of more messages is left out, since its checks are the whole chat's."""
    for name, path in WEEK_SETS.items():
        for r in load_jsonl(path):
            if "messages" in r and len(r["messages"]) != 1:
                continue
            text = r["messages"][0] if "messages" in r else r["text"]
            checks = [(c, a) for c, _, a in (check.partition(":") for check in r["checks"])]
            yield name, text, checks, r.get("expect", {})


def _day_kind(
    named: Sequence[str], out: set[str], only: set[str] | None, long_run: str | None
) -> str:
    """What a labelled request says of the days one of its clauses names, or "" when the
    labels don't tell that clause alone (it names days of two kinds)."""
    if not named:
        return ""
    if set(named) <= out and long_run not in named:
        return "out"
    if only is not None and set(named) == only:
        return "only"
    if not set(named) & out and (only is None or not set(named) <= only):
        return "other"
    return ""


def day_examples() -> list[tuple[str, str, str]]:
    """(kind, clause, origin): the clauses that name days in the labelled one-message week
    requests, each with what its labels say of those days (`chains/request/heard.py`: "out",
    "only" or "other"). A request that rules out every day it doesn't name, with one clause that
    lists days, gives that clause's days as the only ones. The labelled questions' clauses that
    name days are "other"."""
    from chains.request.heard import day_clauses
    from chains.request.text import days_in, normalise

    rows: list[tuple[str, set[str], str | None, str]] = []  # text, days out, long run, set
    for name, text, checks, e in _one_message_requests():
        if name == "week_chats":
            out = {a for c, a in checks if c == "no_run_on"}
            long_run = next((a for c, a in checks if c == "long_run_day"), None)
        else:
            out = set(e.get("excluded_days", ()))
            if e.get("available_days"):
                out |= set(DAYS) - set(e["available_days"])
            long_run = e.get("long_run_day")
        rows.append((text, out, long_run, name))
    found: list[tuple[str, str, str]] = []
    for text, out, long_run, origin in rows:
        exact = origin != "week_chats"  # a request's `expect` names every day it reads
        clauses = day_clauses(text)
        named = [days_in(*normalise(c)) for c in clauses]
        said: set[str] = {d for days in named for d in days}
        lists = [days for days in named if len(days) >= 2]
        only: set[str] | None = (
            set(lists[0]) if len(lists) == 1 and out == set(DAYS) - said else None
        )
        for clause, days in zip(clauses, named, strict=True):
            kind = _day_kind(days, out, only, long_run)
            if kind == "other" and not (out <= said and (exact or long_run in days)):
                continue  # a chat's checks may leave a day unchecked: only the long run's tells
            if kind:
                found.append((kind, clause, origin))
    for q in examples():  # a question that names a day asks about it: "is saturday a rest day?"
        if q.intent != "week":
            found += [("other", clause, q.origin) for clause in day_clauses(q.text)]
    return found


def session_examples() -> list[tuple[str, str, str]]:
    """(kind, clause, origin): the clauses that name a session in the labelled one-message week
    requests, with what their labels say of it (`chains/request/sessions_heard.py`): "out"
    (every session it names is checked absent, or expected out), "keep" (checked present, or
    expected kept) or "other" (none of them checked either way)."""
    from chains.request.sessions_heard import session_clauses

    found: list[tuple[str, str, str]] = []
    for name, text, checks, e in _one_message_requests():
        if name == "week_chats":
            out = {FIELD_OF_KIND[a] for c, a in checks if c == "no_kind" and a in FIELD_OF_KIND}
            kept = {FIELD_OF_KIND[a] for c, a in checks if c == "has_kind" and a in FIELD_OF_KIND}
        else:
            out = {f for f in FIELD_OF_KIND.values() if e.get(f) is True}
            kept = {f for f in FIELD_OF_KIND.values() if e.get(f) is False}
        for clause, fields in session_clauses(text):
            kind = ("out" if set(fields) <= out else "keep" if set(fields) <= kept
                    else "other" if not set(fields) & (out | kept) else "")  # fmt: skip
            if kind:
                found.append((kind, clause, name))
    return found
