"""The meaning-based net under the rules: it reads the clauses the rules left standing and
compares them, by embedding similarity, with the signs table's example phrasings and look-alikes.

It can only raise. A flag it raises alone has `basis="meaning"`: the reply says what it thinks it
heard and asks the runner to confirm, and a clear "no" in the next message lifts it (a rule's
flag is never lifted). Standard library only: the vectors and the nearest-neighbour search come
from a `Neighbours` passed in (built at the edge, `knowledge/sign_bank.py`).

Calibrated by 5-fold cross-validation on the labelled set (`eval/redflags.jsonl` plus the first
blind set once scored), never on a blind set: a clause counts when its nearest flagged phrasing
is at least THRESHOLD similar and beats the nearest look-alike by MARGIN.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from chains.guard import lexicon as lx
from chains.guard.conversation import MAX_HISTORY, next_index, scan, verdict
from chains.guard.rules import MessageScan
from chains.guard.text import normalise, readings
from chains.guard.verdict import RANK, Level, Triage

THRESHOLD = 0.58
MARGIN = 0.03  # round 8, cross-validated on 2,598 messages: 0.04 missed 2 more emergencies
# A clause that says something is normal ("mine's all normal, i wee fine") is a denial the rules
# had no sign to attach to; its topic alone sits close to the signs it denies.
_NORMAL = re.compile(
    r"\b(?:normal|all good|no (?:problems?|issues?)|fine|feel(?:s|ing)? (?:good|great))\b",
    re.IGNORECASE,
)
# A clause that opens by denying ("no shooting pain down the leg, more like a bruise"): the
# rules read the signs they know in it; its topic alone sits close to the sign it denies. The
# whole clause goes: cutting out only its part between commas raised more false alarms (CV).
_DENIES = re.compile(r"^(?:no|not|never|nothing|without|zero)\b(?! (?:feeling|sensation|control))")
# Arms, hands, neck and head: outside the back and legs, where the table's signs are.
_ELSEWHERE = re.compile(rf"\b(?:{lx.alt(lx.OTHER)})\b")
_OF_THE_LEGS = {
    "one-leg-sensation", "one-leg-weakness", "foot-drop", "both-legs", "severe-weakness"
}  # fmt: skip
_LEGS_OR_SADDLE = re.compile(rf"\b(?:{lx.LEG}|{lx.SADDLE}|back|spine|hips?)\b")


@dataclass(frozen=True)
class Nearest:
    """For one clause: the closest flagged phrasing (its level and sign) and the closest
    look-alike, by cosine similarity."""

    level: Level
    sign: str
    similarity: float
    lookalike: float


class Neighbours(Protocol):
    def nearest(
        self, texts: Sequence[str], vectors: Sequence[Sequence[float]] | None = None
    ) -> list[Nearest]: ...


@dataclass(frozen=True)
class Finding:
    level: Level
    sign: str
    phrase: str  # the runner's clause, quoted back to them


class MeaningNet:
    def __init__(
        self,
        neighbours: Neighbours,
        descriptions: Mapping[str, str] | None = None,
        threshold: float = THRESHOLD,
        margin: float = MARGIN,
    ) -> None:
        self.neighbours = neighbours
        self.descriptions = dict(descriptions or {})
        self.threshold = threshold
        self.margin = margin

    @staticmethod
    def units(message: str) -> list[str]:
        """The clauses of a message that the net reads: those the rules leave standing, less
        those that say something is normal or open by denying."""
        units = MessageScan(message, 0).scan().units()
        return [u for u in units if not _NORMAL.search(u) and not _DENIES.match(u.lower())]

    def judge(self, message: str) -> Finding | None:
        """The most severe sign the message's standing clauses are close to, or None."""
        return self.judge_units(self.units(message))

    def judge_units(
        self, units: list[str], vectors: Sequence[Sequence[float]] | None = None
    ) -> Finding | None:
        """`judge` over a message's `units`: one batched embedding call for all of them, or
        none when their `vectors` are given, in the same order."""
        if not units:
            return None
        best: Finding | None = None
        said = " ".join(units)  # "it aches at night, but a pillow helps": read it all
        for unit, near in zip(units, self.neighbours.nearest(units, vectors), strict=True):
            if near.similarity < self.threshold or near.similarity - near.lookalike < self.margin:
                continue
            if _defined_away(near.sign, said):
                continue
            if best is None or RANK[near.level] > RANK[best.level]:
                best = Finding(near.level, near.sign, _quote(unit))
        return best

    def describe(self, sign: str) -> str:
        """The signs table's lay description of a sign, for the reply that asks to confirm."""
        return self.descriptions.get(sign, "a sign that a clinician should check.")


def _quote(unit: str, limit: int = 120) -> str:
    """The runner's clause to quote back, cut at a word and marked when too long."""
    if len(unit) <= limit:
        return unit
    return unit[:limit].rsplit(" ", 1)[0].rstrip(" ,.;:-") + "…"


def _defined_away(sign: str, said: str) -> bool:
    """A clause that says what the sign, by its definition, is not: a night or constant pain
    that a position or movement eases ("a pillow between my knees helps"; but not "nothing
    helps"), or weight lost on purpose. Cross-validated on the 2,598 labelled messages: false
    alarms 6.2% -> 4.9%, no positive lost."""
    text = said.lower()
    if sign in _OF_THE_LEGS and _ELSEWHERE.search(text) and not _LEGS_OR_SADDLE.search(text):
        return True  # "wrist tingles after a day of typing"
    if sign in ("night-pain", "constant-pain"):
        return any(
            not lx.EASE_DENIED.search(text[max(0, m.start() - 25) : m.start()])
            for m in lx.EASED.finditer(text)
        )
    return sign == "weight-loss" and bool(lx.ON_PURPOSE.search(text))


_DENIAL = re.compile(  # not VERBOSE: its spaces are words' spaces ("nothing like that")
    r"^\W*(?:no\b|nope|nah\b|not really|not at all|negative|wrong|sorry,? (?:no|i meant)"
    r"|i (?:just )?meant|that'?s not (?:what|it|right)|not what i meant|false alarm"
    r"|you misunderstood|nothing like that|it'?s (?:just|only)\b|just (?:tired|sore|stiff|achy)"
    r"|i'?m fine|all good|nothing (?:major|serious|bad|to worry about))",
    re.IGNORECASE,
)


def denies(message: str) -> bool:
    """True when a message clearly says "no" to what the net thought it heard ("no, nothing
    like that", "I meant my legs are just tired").

    >>> denies("no, I meant my legs are tired"), denies("yes, it's numb"), denies("nope")
    (True, False, True)
    """
    return bool(_DENIAL.match(message))


def meaning_triage(found: Finding) -> Triage:
    """The verdict of a flag raised by meaning alone."""
    return Triage(found.level, (found.phrase,), found.sign, basis="meaning")


def standing(ruled: Triage, meant: Triage | None) -> Triage:
    """What stands: the rules' verdict, unless the net alone has raised a higher level."""
    if meant is not None and RANK[meant.level] > RANK[ruled.level]:
        return meant
    return ruled


def read_rules(
    message: str, earlier: Sequence[MessageScan], raw: str
) -> tuple[Triage, tuple[MessageScan, ...]]:
    """The rules over a normalised message, after the scans of the earlier messages, and over
    any other reading of it (`readings`): the highest level stands. Returns it and the new
    message's scans, for the session to keep."""
    first = next_index(earlier)
    mine = scan(message, first)
    ruled = verdict([*earlier, *mine])
    for text in readings(raw):
        if text != message:
            other = verdict([*earlier, *scan(text, first)])
            ruled = other if RANK[other.level] > RANK[ruled.level] else ruled
    return ruled, mine


def heard(messages: Sequence[str], net: MeaningNet) -> Finding | None:
    """The most severe thing the net hears in any of these (normalised) messages."""
    found = [f for m in messages if (f := net.judge(m))]
    return max(found, key=lambda f: RANK[f.level], default=None)


def judge(message: str, history: Sequence[str] = (), net: MeaningNet | None = None) -> Triage:
    """The guard on its own, without a session (`coach triage`, the eval): the rules over the
    conversation, raised by the net where it hears a higher level in any message."""
    raw, message, history = message, normalise(message), [normalise(m) for m in history]
    earlier: list[MessageScan] = []
    for text in history[-(MAX_HISTORY - 1) :]:
        earlier += scan(text, next_index(earlier))
    ruled, _ = read_rules(message, earlier, raw)
    if net is None or ruled.level == "emergency":  # the net can only raise: nothing above it
        return ruled
    found = heard([*history, message], net)
    return standing(ruled, meaning_triage(found) if found else None)
