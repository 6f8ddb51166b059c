"""The week's vocabulary: days, kinds, the typed `Week`. Standard library only.

The exports (.md, .csv, .ics) are `chains.week.export`, imported by path: it needs icalendar,
which nothing else here does.
"""

from chains.week.model import (
    AFTER_LONG_RUN_KINDS,
    DAYS,
    HARD_KINDS,
    INTENSITIES,
    KINDS,
    RUN_KINDS,
    SECTION_IDS,
    TERRAINS,
    WEEKDAYS,
    WEEKEND,
    Change,
    Day,
    DayName,
    Intensity,
    Kind,
    Reps,
    RunWalk,
    Terrain,
    Week,
    length,
    next_day,
    rest_day,
    round_km,
    running_km,
    same_session,
    sample_week,
    summary,
)

__all__ = [
    "AFTER_LONG_RUN_KINDS", "DAYS", "HARD_KINDS", "INTENSITIES", "KINDS", "RUN_KINDS",
    "SECTION_IDS", "TERRAINS", "WEEKDAYS", "WEEKEND", "Change", "Day", "DayName", "Intensity",
    "Kind", "Reps", "RunWalk", "Terrain", "Week", "length", "next_day", "rest_day", "round_km",
    "running_km", "same_session", "sample_week", "summary",
]  # fmt: skip
