"""The grounded composer: answers with the article's own sentences and names their sections.

Needs no model. It picks the sentences of the retrieved passages that share the most words with
the question, keeps them in the article's order within a section, and cites each section.
"""

from __future__ import annotations

from chains.answer.passages import Passage
from chains.answer.tokens import sentences, tokens

MAX_SECTIONS = 2
MAX_SENTENCES = 4
# A second section is added only when its best passage is nearly as relevant as the first.
SECOND_SECTION_MARGIN = 0.08


def _pick(question: str, passages: list[Passage]) -> list[str]:
    """The most relevant sentences of one section's passages, in the article's order."""
    asked = set(tokens(question))
    in_order = sorted(passages, key=lambda p: p.position)
    candidates = [s for p in in_order for s in sentences(p.text)]
    ranked = sorted(
        range(len(candidates)),
        key=lambda i: (-len(asked & set(tokens(candidates[i]))), i),
    )
    keep = sorted(ranked[:MAX_SENTENCES])
    return [candidates[i] for i in keep]


def ref(title: str, section: str) -> str:
    """How a section is named to the runner.

    >>> ref("Speed sessions", "speed-sessions")
    '*Speed sessions* (`speed-sessions`)'
    """
    return f"*{title}* (`{section}`)"


def cite(passage: Passage) -> str:
    return ref(passage.title, passage.section)


def compose_answer(question: str, passages: list[Passage]) -> tuple[str, list[Passage]]:
    """An answer from the passages, and the passages it used (best first)."""
    if not passages:
        return "", []
    order: list[str] = []
    for p in passages:
        if p.section not in order:
            order.append(p.section)
    top = passages[0].score
    used_sections = [order[0]] + [
        s
        for s in order[1:MAX_SECTIONS]
        if max(p.score for p in passages if p.section == s) >= top - SECOND_SECTION_MARGIN
    ]
    parts: list[str] = []
    used: list[Passage] = []
    for n, section in enumerate(used_sections):
        mine = [p for p in passages if p.section == section]
        picked = _pick(question, mine)
        lead = "From" if n == 0 else "Also from"
        parts.append(f"{lead} {cite(mine[0])}:\n\n> " + " ".join(picked))
        used += mine
    return "\n\n".join(parts), used
