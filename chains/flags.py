"""What a turn does about red flags, before anything else: this message's findings (the rules',
and the meaning-based net's) kept in the session, a flag the net raised alone lifted by a clear
"no", and the reply of a turn that raises or lifts a flag. A rule's flag is never lifted, and
once a conversation is flagged no turn of it carries a week (`chains/coach.py`).
"""

from __future__ import annotations

from dataclasses import dataclass

from chains.guard import Level, Triage, max_level, referral_reply, reminder
from chains.guard.conversation import recent
from chains.guard.net import Finding, MeaningNet, denies, meaning_triage, read_rules, standing
from chains.guard.replies import LIFTED, STILL_HELD, meaning_reply
from chains.guard.verdict import RANK
from chains.session import Session, Turn


@dataclass(frozen=True)
class Heard:
    standing: Triage  # the conversation's verdict after this message
    lifted: bool  # a flag the net raised alone was just lifted by a clear "no"
    clarify: str | None  # ambiguous wording the rules would rather ask about


def hear(session: Session, text: str, raw: str, found: Finding | None) -> Heard:
    """Keep what the rules read in this message (over the findings kept of the earlier ones)
    and what the net `found` in it, and give the standing verdict."""
    seen, scans = read_rules(text, recent(session.scans), raw)
    session.messages.append(text)
    session.scans.append(scans)
    new_sign = RANK[seen.level] > RANK[session.ruled.level]
    if seen.level != "none":
        session.ruled = _merged(session.ruled, seen)
    lifted = _lift(session, quiet=found is None and not new_sign)
    if found and RANK[found.level] > RANK[max_level(seen.level, _level(session.meant))]:
        session.meant = meaning_triage(found)
    return Heard(standing(session.ruled, session.meant), lifted, seen.clarify)


def _lift(session: Session, quiet: bool) -> bool:
    """A clear "no" right after a flag the net raised alone lifts it, when this message shows
    no sign of its own."""
    if session.meant is None or session.triage.basis != "meaning":
        return False
    if not (quiet and denies(session.messages[-1])):
        return False
    session.meant = None
    return True


def lifted_turn(session: Session, now: Triage) -> Turn:
    session.triage = now
    if now.level == "none":
        return Turn(LIFTED, "smalltalk", now)
    return Turn(f"{STILL_HELD}\n\n{reminder(now)}", "red_flag", now)


def flag_turn(session: Session, now: Triage, net: MeaningNet | None) -> Turn:
    """A new or higher flag: the referral (or, raised by the net alone, the question whether
    it heard right), and the week withheld."""
    session.triage = now
    session.week = None
    if now.basis == "meaning" and net is not None:
        return Turn(meaning_reply(now, net.describe(now.rule)), "red_flag", now)
    return Turn(referral_reply(now), "red_flag", now)


def _level(t: Triage | None) -> Level:
    return t.level if t else "none"


def _merged(before: Triage, seen: Triage) -> Triage:
    """The rules' highest level so far, with every reason that reached it."""
    level = max_level(before.level, seen.level)
    keep = [t for t in (before, seen) if t.level == level]
    reasons = tuple(dict.fromkeys(r for t in keep for r in t.reasons))
    return Triage(level, reasons, keep[-1].rule, basis="rule")
