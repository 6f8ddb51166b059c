"""The grounded composer: answers with the article's own sentences and names their sections.

Needs no model. It picks the sentences of the retrieved passages that share the most words with
the question, keeps them in the article's order within a section, and cites each section.
"""

from __future__ import annotations

from chains.answer.passages import Passage
from chains.answer.tokens import sentences, tokens

LEAD_SENTENCES = 2  # the answer itself: short enough to read on a phone
MORE = 2  # further passages, under "More from the article"


def pick(question: str, passage: Passage, most: int) -> list[str]:
    """A passage's sentences that share the most words with the question, in its order; a
    short passage whole, so that its point keeps its context."""
    candidates = sentences(passage.text)
    if len(candidates) <= most + 1:
        return candidates
    asked = set(tokens(question))
    ranked = sorted(
        range(len(candidates)), key=lambda i: (-len(asked & set(tokens(candidates[i]))), i)
    )
    return [candidates[i] for i in sorted(ranked[:most])]


def ref(title: str, section: str) -> str:
    """How a section is named to the runner.

    >>> ref("Speed sessions", "speed-sessions")
    '*Speed sessions* (`speed-sessions`)'
    """
    return f"*{title}* (`{section}`)"


def cite(passage: Passage) -> str:
    return ref(passage.title, passage.section)


def compose_answer(question: str, passages: list[Passage]) -> tuple[str, list[Passage]]:
    """An answer from the passages, and the passages it used (best first): the best passage's
    sentences that answer the question lead, the next passages follow under "More from the
    article"."""
    if not passages:
        return "", []
    lead = passages[0]
    more: list[Passage] = []  # the best passage of each next section: what else bears on it
    for p in passages[1:]:
        if p.section != lead.section and all(m.section != p.section for m in more):
            more.append(p)
    more = more[:MORE]
    reply = f"From {cite(lead)}:\n\n> " + " ".join(pick(question, lead, LEAD_SENTENCES))
    if more:
        lines = [f"- {' '.join(pick(question, p, 1))} ({cite(p)})" for p in more]
        reply += "\n\n**More from the article**\n\n" + "\n".join(lines)
    return reply, [lead, *more]
