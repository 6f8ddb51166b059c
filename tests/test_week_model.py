"""The week model: the sample week from its data file, the CONTRACT shape, and small helpers."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest

from chains.week import (
    DAYS,
    HARD_KINDS,
    RUN_KINDS,
    SECTION_IDS,
    Change,
    Week,
    length,
    rest_day,
    running_km,
    same_session,
    sample_week,
    summary,
)
from knowledge.week_data import load_sample_week_data

KNOWLEDGE = Path(__file__).resolve().parent.parent / "knowledge"
DAY_KEYS = {"day", "kind", "title", "minutes", "km", "terrain", "intensity", "run_walk", "reps",
            "details", "why", "source"}  # fmt: skip


@pytest.fixture
def data() -> dict:
    return load_sample_week_data()


@pytest.fixture
def week(data: dict) -> Week:
    return sample_week(data)


def test_the_sample_week_round_trips_to_the_contract_json(data: dict, week: Week) -> None:
    assert week.to_dict() == {"days": data["days"]}
    assert Week.from_dict(week.to_dict()) == week
    assert json.loads(json.dumps(week.to_dict())) == week.to_dict()


def test_every_day_has_exactly_the_contract_fields(week: Week) -> None:
    for day in week.to_dict()["days"]:
        assert set(day) == DAY_KEYS
        if day["kind"] != "rest":
            assert isinstance(day["minutes"], int) and day["minutes"] > 0
        if day["run_walk"] is not None:
            assert set(day["run_walk"]) == {"run_min", "walk_min"}
        if day["reps"] is not None:
            assert set(day["reps"]) == {"count", "metres", "minutes"}


def test_km_run_walk_and_reps_are_null_where_they_do_not_apply(week: Week) -> None:
    by_day = {d["day"]: d for d in week.to_dict()["days"]}
    assert by_day["Tuesday"]["km"] is None  # stairs are time, not distance
    assert by_day["Saturday"]["km"] is None  # a swim
    assert [d for d, v in by_day.items() if v["run_walk"]] == ["Sunday"]
    assert [d for d, v in by_day.items() if v["reps"]] == ["Thursday"]


def test_the_sample_week_matches_the_article(week: Week) -> None:
    """Worked from the article's sample programme, day by day."""
    assert [d.kind for d in week.days] == [
        "recovery", "stairs", "easy_run", "intervals", "recovery", "cross_training", "long_run"
    ]  # fmt: skip
    assert week["Tuesday"].minutes == 30  # "Stair session, 30 minutes"
    assert week["Sunday"].minutes == 90  # "Long run:walk, 90 minutes"
    assert (week["Sunday"].run_walk.run_min, week["Sunday"].run_walk.walk_min) == (8, 2)
    assert week["Thursday"].reps.metres >= 800  # "an interval of 1k to 1 mile"
    assert 3 <= week["Thursday"].reps.count <= 5  # "around 3-5 reps"
    assert week["Saturday"].terrain == "pool"  # "swimming or deep water walking"


def test_recovery_counts_as_a_running_day_and_cross_training_does_not(week: Week) -> None:
    assert "recovery" in RUN_KINDS and "cross_training" not in RUN_KINDS
    assert {"stairs", "intervals", "long_run"} == HARD_KINDS
    assert week.running_days() == ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Sunday"]


def test_weekly_running_distance_worked_by_hand(week: Week) -> None:
    """5 + 5.5 + 5 + 5 km of easy running, stairs count as time (0 km), and the long run is
    90 min at 8:2, so 72 min running at an easy 6 min/km: 12 km. Total 32.5 km."""
    assert running_km(week["Sunday"]) == 12
    assert running_km(week["Tuesday"]) == 0
    assert week.running_km() == 32.5


def test_section_ids_are_the_articles_headings() -> None:
    article = (KNOWLEDGE / "article.md").read_text(encoding="utf-8")
    assert set(re.findall(r"^## .+\{#([a-z0-9-]+)\}\s*$", article, re.MULTILINE)) == SECTION_IDS


def test_every_sample_day_cites_a_section_of_the_article(week: Week) -> None:
    assert all(d.source in SECTION_IDS and d.why for d in week.days)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("Tuesday", "Stair session, 30 min"),
        ("Thursday", "Long intervals, 45 min, 5 km, 4 × 1000 m"),
        ("Sunday", "Long run:walk, 90 min, run 8 : walk 2"),
    ],
)
def test_a_change_describes_a_day_in_a_few_words(week: Week, day: str, expected: str) -> None:
    assert summary(week[day]) == expected  # type: ignore[index]


def test_a_rest_day_reads_rest_and_has_no_length() -> None:
    rest = rest_day("Friday", "Fewer days.", "frequency")
    assert (summary(rest), length(rest), rest.minutes, rest.intensity) == (
        "Rest",
        "Rest",
        None,
        "rest",
    )


def test_a_change_serialises_to_the_contract_shape() -> None:
    change = Change("Friday", "Recovery run or walk, 30 min", "Rest", "Fewer days.", "frequency")
    assert change.to_dict() == {
        "day": "Friday",
        "before": "Recovery run or walk, 30 min",
        "after": "Rest",
        "why": "Fewer days.",
        "source": "frequency",
    }


def test_same_session_ignores_the_reason(week: Week) -> None:
    from dataclasses import replace

    assert same_session(week["Monday"], replace(week["Monday"], why="other", source="frequency"))
    assert not same_session(week["Monday"], replace(week["Monday"], minutes=20))


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        (lambda d: d["days"].pop(), "exactly seven days"),
        (lambda d: d["days"][0].update(kind="hill_repeats"), "kind must be one of"),
        (lambda d: d["days"][1].update(terrain="downhill"), "terrain must be one of"),
        (lambda d: d["days"].reverse(), "Monday to Sunday"),
        (lambda d: d["days"][2].pop("title"), "missing or has a bad field"),
    ],
)
def test_bad_week_data_fails_with_one_clear_sentence(data: dict, broken, message: str) -> None:
    bad = copy.deepcopy(data)
    broken(bad)
    with pytest.raises(ValueError, match=message):
        Week.from_dict(bad)


def test_days_run_monday_to_sunday() -> None:
    """Against the standard library's calendar (Monday is day 0), not a restated tuple."""
    import calendar

    assert tuple(calendar.day_name) == DAYS
