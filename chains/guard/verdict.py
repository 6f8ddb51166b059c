"""The guard's verdict: the four levels, in ascending severity, and the `Triage` record.

Owns the types only, so that the rules (which produce a verdict) and the replies (which read
one) both depend on this module and not on each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Level = Literal["none", "soon", "urgent", "emergency"]
Basis = Literal["rule", "meaning"]
LEVELS: tuple[Level, ...] = ("none", "soon", "urgent", "emergency")  # ascending severity
RANK = {level: i for i, level in enumerate(LEVELS)}


@dataclass(frozen=True)
class Triage:
    level: Level
    reasons: tuple[str, ...] = ()  # the runner's own words that matched, safe to quote
    rule: str = ""  # id of the rule that set the level, "" when none
    clarify: str | None = None  # one question when the message is ambiguous and level is none
    basis: Basis | None = None  # what raised the level: the rules, or the meaning-based net alone

    def to_dict(self) -> dict:
        return {
            "level": self.level,
            "reasons": list(self.reasons),
            "basis": self.shown_basis,
            "rule": self.rule,
        }

    @property
    def shown_basis(self) -> Basis | None:
        """`basis` as CONTRACT.md has it: None exactly when the level is none."""
        return None if self.level == "none" else (self.basis or "rule")

    def line(self) -> str:
        """One tab-separated line: level, rule, reasons (`coach triage` without --json)."""
        return f"{self.level}\t{self.rule or '-'}\t{', '.join(self.reasons) or '-'}"


def max_level(a: Level, b: Level) -> Level:
    """The more severe of two levels.

    >>> max_level("soon", "urgent")
    'urgent'
    """
    return a if RANK[a] >= RANK[b] else b
