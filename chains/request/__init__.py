"""A runner's request: the typed constraints (`model.py`), reading them from a message
(`parse.py`, with the extractors of `days.py`, `caps.py` and `profile.py` over the words of
`text.py`), and merging them over a chat. Imports only `chains.week`."""

from chains.request.model import Move, WeekRequest, merge_all
from chains.request.parse import looks_like_week_request, names_the_week, parse_request
from chains.request.text import GoalRace, Level, Wish

__all__ = [
    "GoalRace",
    "Level",
    "Move",
    "WeekRequest",
    "Wish",
    "looks_like_week_request",
    "merge_all",
    "names_the_week",
    "parse_request",
]
