"""Fixed reply texts and the Markdown the coach writes around a week. Pure formatting."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from chains.week.model import Change, Week

if TYPE_CHECKING:
    from chains.rules.engine import Adaptation

THANKS = "You're welcome! Ask me anything else about running with a sore back, or about your week."
GREETING = (
    "Hi! I'm your return-to-running coach, working from a physiotherapy article on running "
    "after low back pain. Ask me about running more often, speed work, long runs, hills and "
    'stairs or technique — or tell me about your week ("I can only run 4 days", "no stairs '
    "near me\") and I'll adapt the article's sample week and explain every change."
)
FLAGGED_SMALLTALK = (
    "Thank you for telling me. Ask me anything about the article while you wait to be seen; "
    "the running plan will be here once a clinician has checked you."
)
EMPTY = "Type a question or tell me about your running week, and I'll take it from there."
CUT_NOTICE = "Your message was very long, so I read the first {limit:,} characters for the answer."
LLM_DOWN = (
    "The language model ({spec}) is not answering, so this reply uses the article's own words; "
    "start the model server, or run without --llm / COACH_LLM."
)
LLM_DOWN_WEEK = (
    "The language model ({spec}) is not answering, so the coach read this request on its own; "
    "start the model server, or run without --llm / COACH_LLM."
)
LLM_REJECTED = (
    "The language model's reply did not pass the coach's checks, so this one uses the article's "
    "own words."
)
WEEK_WITHHELD = (
    "I can't give you a running program while the warning signs above are unchecked: the "
    "article says the program is not appropriate until a doctor or physiotherapist has looked."
)


def week_table(week: Week, changed: set[str] | None = None) -> str:
    """The week as a Markdown table; changed days are marked."""
    rows = ["| Day | Session | Minutes | What to do |", "|---|---|---|---|"]
    for d in week.days:
        mark = " ✎" if changed and d.day in changed else ""
        minutes = "—" if d.minutes is None else str(d.minutes)
        rows.append(f"| **{d.day}**{mark} | {d.title} | {minutes} | {d.details} |")
    return "\n".join(rows)


def _cite(section: str, titles: dict[str, str]) -> str:
    """A section named after the reason it backs: "(*Long runs*, `long-runs`)"."""
    return f"(*{titles.get(section, section)}*, `{section}`)"


def change_lines(changes: list[Change], titles: dict[str, str]) -> list[str]:
    return [
        f"- **{c.day}**: {c.before} → {c.after}. {c.why} {_cite(c.source, titles)}" for c in changes
    ]


def got_it(days: list[str], is_sample: bool, said: Sequence[str] = (), asking: bool = False) -> str:
    """The week reply's first line: what the coach understood (`said.understood`), then what
    changed, in one line.

    >>> got_it(["Monday", "Friday", "Monday"], False)
    'Got it: I changed Monday and Friday to fit what you told me.'
    >>> got_it(["Sunday"], False, ["no running Monday", "a 45-minute cap"])
    'Got it: no running Monday, a 45-minute cap. I changed Sunday to fit.'
    """
    names = list(dict.fromkeys(days))
    named = ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else "".join(names)
    if said:
        if names:
            done = f" I changed {named} to fit."
        else:  # a question asked instead waits for its answer before it says what fits
            done = "" if asking else " Your week already fits that."
        return f"Got it: {', '.join(said)}.{done}"
    if names:
        return f"Got it: I changed {named} to fit what you told me."
    if is_sample:
        return "Got it: your week is the article's sample week."
    return "Got it: your week already fits that, so nothing changed this time."


def week_reply(
    result: Adaptation,
    titles: dict[str, str],
    is_sample: bool,
    said: Sequence[str] = (),
    asks: Sequence[str] = (),
) -> str:
    """The reply to a week request: one line (what was understood and what changed), what the
    coach needs to ask, the week, each change with its reason, and what was not done."""
    head = got_it([c.day for c in result.changes], is_sample, said, bool(asks))
    parts = [head, *(f"**{q}**" for q in asks)]
    parts += ["Here is your week:", week_table(result.week, {c.day for c in result.changes})]
    if result.changes:
        parts.append(
            "**What I changed and why**\n" + "\n".join(change_lines(result.changes, titles))
        )
    parts += [
        f"**Not added — {d.label}:** {d.why} Instead: {d.alternative} {_cite(d.source, titles)}"
        for d in result.declined
    ]
    if result.unmet:
        parts.append("**What I couldn't fit**\n" + "\n".join(f"- {u}" for u in result.unmet))
    if result.assumptions:
        parts.append(
            "**My assumptions (not from the article)**\n"
            + "\n".join(f"- {a}" for a in result.assumptions)
        )
    if result.cues:
        parts.append(
            "**Technique while your back recovers**\n"
            + "\n".join(f"- {cue} (`{source}`)" for cue, source in result.cues)
        )
    return "\n\n".join(parts)


def noted(reply: str, notice: str | None) -> str:
    """The reply with its notice (a fallback, a cut message) shown first, in italics."""
    return f"_{notice}_\n\n{reply}" if notice else reply


def sources_of(result: Adaptation) -> list[str]:
    """The sections behind a week's changes and refusals, at most three."""
    seen = dict.fromkeys(
        [*(c.source for c in result.changes), *(d.source for d in result.declined)]
    )
    return list(seen)[:3]
