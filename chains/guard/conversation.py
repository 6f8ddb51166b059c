"""Triage of a whole conversation: every message scanned by the rules (`rules.py`), then the
signs that only add up across messages (a one-sided sign and "now the other leg too", a fall
with fragile bones), and the highest level with the runner's own words as reasons."""

from __future__ import annotations

from collections.abc import Sequence

from chains.guard.rules import Hit, MessageScan
from chains.guard.text import MAX_CHARS
from chains.guard.verdict import LEVELS, RANK, Triage

MAX_HISTORY = 200  # messages; combinations across a longer chat are not sought
_OVERLAP = 500  # a long message is read in overlapping windows, so no sign falls between
_MAX_REASONS = 4


# -- the conversation ---------------------------------------------------------------------------
def _escalations(scans: list[MessageScan], hits: list[Hit]) -> list[Hit]:
    """Emergency hits from a one-sided sign plus a later word: the other side, "the other leg
    too", or getting worse (RED_FLAGS.md: escalate)."""
    legs = [h for h in hits if h.family == "leg"]
    if not legs:
        return []
    first, found = legs[0], []

    def both(rule: str, scan: int, sentence: int, *reasons: str) -> list[Hit]:
        return [Hit(rule, "emergency", "", "", r, scan, sentence) for r in reasons]

    sides = {side: next((h for h in legs if h.side == side), None) for side in ("left", "right")}
    if sides["left"] and sides["right"]:
        pair = sorted((sides["left"], sides["right"]), key=lambda h: h.msg)
        found += both("both-legs", pair[1].msg, 0, pair[0].reason, pair[1].reason)
    for scan in (s for s in scans if s.index >= first.msg):
        for sentence, phrase in scan.echo:
            found += both("both-legs", scan.index, sentence, first.reason, phrase)
        for sentence, phrase, free in scan.prog:
            here = [h for h in legs if h.msg == scan.index]
            same = any(h.sentence == sentence for h in here)
            later = scan.index > first.msg or any(h.sentence < sentence for h in here)
            if same or (free and later):
                found += both("worsening", scan.index, sentence, first.reason, phrase)
    return found


def _windows(text: str) -> list[str]:
    """A message as overlapping pieces no longer than MAX_CHARS: all of it is read, at a cost
    that grows only linearly with its length."""
    if len(text) <= MAX_CHARS:
        return [text]
    step = MAX_CHARS - _OVERLAP
    return [text[start : start + MAX_CHARS] for start in range(0, len(text) - _OVERLAP, step)]


def scan(message: str, first: int = 0) -> tuple[MessageScan, ...]:
    """One message's scans, one per window, numbered from `first`. A session keeps them, so a
    turn reads only its new message however long the conversation is."""
    return tuple(MessageScan(piece, first + k).scan() for k, piece in enumerate(_windows(message)))


def next_index(scans: Sequence[MessageScan]) -> int:
    return scans[-1].index + 1 if scans else 0


def verdict(scans: Sequence[MessageScan]) -> Triage:
    """The conversation's verdict from its messages' scans (oldest first, the new one last)."""
    scans = list(scans)
    hits = [h for s in scans for h in s.hits]
    hits += _escalations(scans, hits)
    osteo = next((s.osteo for s in scans if s.osteo), "")
    fall = next((s.fall for s in scans if s.fall), "")
    if osteo and fall:  # a minor fall or strain with fragile bones, in any order
        hits += [Hit("fragility-fall", "urgent", "", "", r, 0, 0) for r in (osteo, fall)]
    rest = next((s for s in scans if s.rest), None)  # "wakes me every night" ... "nothing helps"
    unrelieved = next((s for s in scans if rest and s.index > rest.index and s.unrel), None)
    if rest and unrelieved:
        hits += [Hit("night-pain", "soon", "", "", r, 0, 0) for r in (rest.rest, unrelieved.unrel)]
    if not hits:
        return Triage("none", clarify=scans[-1].clarify if scans else None)
    top = max(RANK[h.level] for h in hits)
    tops = [h for h in hits if RANK[h.level] == top]
    reasons = tuple(dict.fromkeys(h.reason for h in tops if h.reason))[:_MAX_REASONS]
    return Triage(LEVELS[top], reasons, tops[0].rule, basis="rule")


def recent(kept: Sequence[tuple[MessageScan, ...]]) -> list[MessageScan]:
    """The scans of the messages a verdict still reads (the last MAX_HISTORY - 1, so that
    the new message makes MAX_HISTORY)."""
    return [s for message in list(kept)[-(MAX_HISTORY - 1) :] for s in message]


def triage(message: str, history: Sequence[str] = ()) -> Triage:
    """Judge the conversation: `history` holds the runner's earlier messages (oldest first),
    `message` the new one. Returns the highest level across the conversation, with escalation
    across messages (a one-sided sign two turns back + a bladder sign now -> emergency; one leg
    numb earlier + 'now the other leg too' -> emergency)."""
    said = [m for m in list(history)[-MAX_HISTORY:] if isinstance(m, str)]
    said.append(message if isinstance(message, str) else str(message))
    scans: list[MessageScan] = []
    for text in said:
        scans += scan(text, len(scans))
    return verdict(scans)
