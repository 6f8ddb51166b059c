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
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

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
    passages' questions and its utterances out of the routing bank."""
    from chains.answer.chain import ArticleRetriever

    out = copy.copy(coach)
    retriever = copy.copy(coach.retriever)
    if getattr(retriever, "questions", None) is not None:
        retriever.questions = retriever.questions.without(origin)
    out.retriever = retriever
    out.articles = ArticleRetriever(hybrid=retriever)
    if coach.intents is not None:
        out.intents = coach.intents.without(origin)
    return out
