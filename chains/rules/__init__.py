"""The rules engine: `adapt(week, request)` and `plan(...)` turn the sample week and a runner's
request into a new week and the changes, each rule tied to an article section (`engine.py`).
The rules live by kind: what a session is (`content.py`), which day it is on (`schedule.py`),
how long it may be (`volume.py`); `invariants.py` checks every week produced; `reasons.py` holds
the article's reasons, shared with the explanations. Imports only `week` and `request`."""

from chains.rules.engine import RULES, Adaptation, Declined, adapt, changes_between, plan
from chains.rules.invariants import offending_days, violations

__all__ = [
    "RULES",
    "Adaptation",
    "Declined",
    "adapt",
    "changes_between",
    "offending_days",
    "plan",
    "violations",
]
