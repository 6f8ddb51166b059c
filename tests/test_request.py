"""Request parsing (free text to constraints) and how requests add up over a conversation."""

from __future__ import annotations

from dataclasses import fields

import pytest

from chains.request import WeekRequest, looks_like_week_request, merge_all, parse_request
from eval.week_eval import parsed_fields

# One row per way a runner states a constraint: the message, and every field it must set
# (fields not listed must stay unset).
PARSES = [
    ("I can only run 4 days a week", {"run_days": 4}),
    ("four days a week is all I can manage", {"run_days": 4}),
    ("I can only run once a week", {"run_days": 1}),
    ("I can't run on Tuesdays", {"excluded_days": ["Tuesday"]}),
    ("i cant run thursdays", {"excluded_days": ["Thursday"]}),
    ("Tuesday and Thursday are my busy days", {"excluded_days": ["Thursday", "Tuesday"]}),
    ("I can run any day except Wednesday", {"excluded_days": ["Wednesday"]}),
    ("I can run Mon, Wed and Fri", {"available_days": ["Friday", "Monday", "Wednesday"]}),
    ("weekends only", {"available_days": ["Saturday", "Sunday"]}),
    ("I can train Monday to Thursday plus Sunday",
     {"available_days": ["Monday", "Sunday", "Thursday", "Tuesday", "Wednesday"]}),
    ("move my long run to Saturday", {"long_run_day": "Saturday"}),
    ("swap Tuesday and Thursday", {"swaps": [["Tuesday", "Thursday"]]}),
    ("move the stairs to Wednesday", {"moves": [["stairs", "Wednesday"]]}),
    ("move Tuesday's session to Wednesday", {"moves": [["Tuesday", "Wednesday"]]}),
    ("no stairs near me", {"no_stairs": True}),
    ("I found some stairs", {"no_stairs": False}),
    ("no pool", {"no_pool": True}),
    ("I can't swim", {"no_pool": True}),
    ("no more than 45 minutes on weekdays", {"max_minutes_weekdays": 45}),
    ("I have an hour max at weekends", {"max_minutes_weekends": 60}),
    ("I've only got 30 minutes a day", {"max_minutes": 30}),
    ("half an hour max on Mondays", {"max_minutes_on": [["Monday", 30]]}),
    ("3 x 10k", {"current_runs": 3, "current_run_km": 10.0}),
    ("25km/week", {"current_km_per_week": 25.0}),
    ("15 miles a week", {"current_km_per_week": 24.14}),
    ("I run 5k", {"current_run_km": 5.0}),
    ("I'm a beginner", {"level": "beginner"}),
    ("half marathon in May", {"goal_race": "half"}),
    ("marathon in October", {"goal_race": "marathon"}),
    ("my back flared after the intervals", {"flare": True, "flare_after": "intervals"}),
    ("my back is fine now", {"flare": False}),
    ("put hill repeats in on Tuesday", {"wishes_against": ["hills"]}),
    ("I want to do some downhill running", {"wishes_against": ["downhill"]}),
    ("Can I add 200m sprints?", {"wishes_against": ["short_reps", "sprints"]}),
    ("I want to race my 10k flat out", {"goal_race": "10k", "wishes_against": ["race_flat_out"]}),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), PARSES, ids=[t for t, _ in PARSES])
def test_a_runners_words_parse_to_exactly_the_constraints_stated(text: str, expected: dict) -> None:
    got = parsed_fields(parse_request(text))
    assert got.keys() == expected.keys()
    for name, value in expected.items():
        assert (
            got[name] == pytest.approx(value, abs=0.05)
            if isinstance(value, float)
            else (got[name] == value)
        ), name


def test_several_constraints_in_one_message() -> None:
    r = parse_request(
        "I can run 4 days a week but not Tuesdays, no pool, 45 min max on weekdays, 3 x 10k"
    )
    assert (r.run_days, r.excluded_days, r.no_pool) == (4, {"Tuesday"}, True)
    assert (r.max_minutes_weekdays, r.current_runs, r.current_run_km) == (45, 3, 10)


@pytest.mark.parametrize(
    "text",
    ["no hills please", "I'd rather avoid hills", "instead of hills", "why no hills?",
     "I sat in the sun", "I've got 3 kids", "how long should my long run be?"],
)  # fmt: skip
def test_avoiding_something_or_chatting_is_not_a_constraint(text: str) -> None:
    assert parse_request(text).is_empty()


def test_a_question_about_the_week_does_not_change_it() -> None:
    assert parse_request("why did you drop Friday?").is_empty()


@pytest.mark.parametrize(
    ("text", "expected"),
    [("show me my week", True), ("make me a plan", True), ("Can you build me a training week?",
      True), ("I can only run 4 days a week", True), ("what is non-specific back pain?", False),
     ("thanks!", False), ("put hill repeats in on Tuesday", True),
     ("I want to do 200m sprints", True), ("Can I keep doing my 200m repeats?", False)],
)  # fmt: skip
def test_the_router_can_tell_a_week_request(text: str, expected: bool) -> None:
    assert looks_like_week_request(text) is expected


# Merging over a conversation: each row reads "after A, B gives ...".
MERGES = [
    ("I can only run 4 days a week", "I can run 5 days now", "run_days", 5),
    ("I can only run 4 days a week", "and no stairs either", "run_days", 4),
    ("I can't run on Tuesdays", "not Thursdays either", "excluded_days", {"Tuesday", "Thursday"}),
    ("I can't run on Tuesdays", "I can run Tuesday and Friday", "excluded_days", frozenset()),
    ("weekends only", "I can run Mon, Wed and Fri", "available_days",
     {"Monday", "Wednesday", "Friday"}),
    ("I can run Mon, Wed and Fri", "I can't run on Wednesdays", "open_days",
     ("Monday", "Friday")),
    ("I can only run on Saturday", "I can't run on Saturdays", "open_days", ()),
    ("long run on Saturday", "I can't run on Saturdays", "long_run_day", None),
    ("3 x 10k", "25 km a week", "current_runs", None),
    ("3 x 10k", "25 km a week", "current_km_per_week", 25),
    ("my back flared after the intervals", "my back is fine now", "flare", False),
    ("my back flared after the intervals", "my back is fine now", "flare_after", None),
    ("put hill repeats in", "I want 200m sprints", "wishes_against",
     {"hills", "short_reps", "sprints"}),
    ("half an hour max on Mondays", "an hour on Mondays is fine", "max_minutes_on",
     (("Monday", 60),)),
    ("swap Tuesday and Thursday", "swap Saturday and Sunday", "swaps",
     (("Tuesday", "Thursday"), ("Saturday", "Sunday"))),
    ("move the stairs to Wednesday", "move the stairs to Friday", "moves", (("stairs", "Friday"),)),
]  # fmt: skip


@pytest.mark.parametrize(("first", "then", "field", "value"), MERGES)
def test_requests_build_on_the_conversation(first: str, then: str, field: str, value) -> None:
    merged = parse_request(first).merge(parse_request(then))
    got = getattr(merged, field)
    assert (got() if callable(got) else got) == value


FULL = WeekRequest(
    run_days=4, excluded_days=frozenset({"Tuesday"}), available_days=frozenset({"Monday",
    "Wednesday", "Thursday", "Saturday", "Sunday"}), freed_days=frozenset({"Friday"}),
    long_run_day="Saturday",
    swaps=(("Monday", "Thursday"),), moves=(("stairs", "Wednesday"),), no_stairs=False,
    no_pool=True, no_speed=True, no_cross_training=True, no_long_run=True, no_recovery=True,
    max_minutes=60,
    pending="run_days",
    max_minutes_weekdays=45, max_minutes_weekends=90,
    max_minutes_on=(("Wednesday", 30),), current_km_per_week=25.0, current_runs=3,
    current_run_km=8.0, level="beginner", goal_race="10k", flare=True, flare_after="stairs",
    flare_day="Monday", wishes_against=frozenset({"hills"}),
)  # fmt: skip


def test_merging_an_empty_request_changes_nothing() -> None:
    """Every field set, so that a merge that drops or resets any field fails here."""
    assert all(getattr(FULL, f.name) != f.default for f in fields(WeekRequest))
    assert FULL.merge(WeekRequest()) == FULL and WeekRequest().merge(FULL) == FULL
    assert merge_all([]) == WeekRequest() and merge_all([FULL]) == FULL
    assert WeekRequest().is_empty() and not FULL.is_empty()


def test_caps_days_and_volume_helpers() -> None:
    r = parse_request("no more than 45 minutes on weekdays, 30 minutes on Wednesdays")
    assert (r.cap_for("Monday"), r.cap_for("Wednesday"), r.cap_for("Sunday")) == (45, 30, None)
    r = parse_request("I can run 4 days a week but not Tuesdays, 3 x 10k")
    assert r.open_days() == ("Monday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
    assert (r.max_running_days(), r.weekly_km_now()) == (4, 30)
