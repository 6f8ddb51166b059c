"""The red-flag guard: reads a runner's messages and says whether, and how urgently, they should
see a clinician before any running plan. Standard library only.

`triage(message, history)` judges a conversation; `referral_reply` and `reminder` are the fixed
texts a flagged runner is shown. What the coach does with a verdict lives in `chains/coach.py`.
"""

from chains.guard.conversation import triage
from chains.guard.replies import referral_reply, reminder
from chains.guard.verdict import LEVELS, Level, Triage, max_level

__all__ = ["LEVELS", "Level", "Triage", "max_level", "referral_reply", "reminder", "triage"]
