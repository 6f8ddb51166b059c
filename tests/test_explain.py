"""Explaining the week: the runner asks why, the coach answers from the change log, the week's
own reasons, or the article passage behind the topic."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chains.answer.explain import explain, looks_like_explain
from chains.request import parse_request
from chains.rules import plan
from chains.week import SECTION_IDS, sample_week
from knowledge.week_data import load_sample_week_data

SAMPLE = sample_week(load_sample_week_data())
FOUR_DAYS = plan(SAMPLE, parse_request("I can only run 4 days a week"), SAMPLE)
NO_STAIRS = plan(SAMPLE, parse_request("I can only run 4 days, no stairs"), FOUR_DAYS.week)
LOG = NO_STAIRS.changes + FOUR_DAYS.changes  # most recent first, as `explain` takes it

# question, the week and log it is asked about, the day it is about, the section, words in it
ROWS = [
    ("why did you drop Friday?", FOUR_DAYS, "Friday", "frequency", "4 running days"),
    ("Why did you take out Friday?", FOUR_DAYS, "Friday", "frequency", "ran more often"),
    ("why is Monday a walk now?", FOUR_DAYS, "Monday", "sample-week", "stiffness"),
    ("why stairs?", FOUR_DAYS, "Tuesday", "vertical-hill-sessions", "avoiding hills"),
    ("why walk in my long run?", FOUR_DAYS, "Sunday", "long-runs", "8 minute run : 2 minute walk"),
    ("why no hills?", FOUR_DAYS, None, "vertical-hill-sessions", "compressive"),
    ("why 800m and not 200s?", FOUR_DAYS, "Thursday", "speed-sessions", "less-than-max"),
    ("why run more often?", FOUR_DAYS, None, "frequency", "stiffness"),
    ("how come there's a swim on Saturday?", FOUR_DAYS, "Saturday", "sample-week", "multi-axial"),
    ("why no stairs this week?", NO_STAIRS, "Tuesday", "vertical-hill-sessions", "flat run"),
    ("what's the reason for the cadence thing?", FOUR_DAYS, None, "running-technique", "stride"),
]  # fmt: skip


@pytest.mark.parametrize(("question", "result", "day", "section", "words"), ROWS,
                         ids=[r[0] for r in ROWS])  # fmt: skip
def test_the_coach_says_why(question: str, result, day, section: str, words: str) -> None:
    log = LOG if result is NO_STAIRS else FOUR_DAYS.changes
    answer = explain(question, result.week, log)
    assert answer is not None
    assert answer.day == day and answer.sources[0] == section and words in answer.text
    assert set(answer.sources) <= SECTION_IDS


def test_the_most_recent_change_to_a_day_wins() -> None:
    no_stairs = plan(SAMPLE, parse_request("no stairs"), SAMPLE)
    found = plan(SAMPLE, parse_request("no stairs").merge(parse_request("I found some stairs")),
                 no_stairs.week)  # fmt: skip
    log = found.changes + no_stairs.changes  # most recent first
    answer = explain("why is Tuesday different?", found.week, log)
    assert answer is not None and "Back to the article's sample week" in answer.text
    assert answer.sources == ["vertical-hill-sessions"]


def test_without_a_change_the_week_gives_its_own_reason() -> None:
    answer = explain("why the long intervals on Thursday?", SAMPLE, [])
    assert answer is not None and answer.sources == ["speed-sessions"]
    assert answer.text.startswith("Thursday: Long intervals")


def test_an_unclear_question_gets_none() -> None:
    assert explain("why?", SAMPLE, []) is None
    assert explain("why is the sky blue?", SAMPLE, []) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Why did you drop Friday?", True), ("how come no hills", True),
     ("what's the reason for stairs", True), ("explain the long run", True),
     ("I can only run 4 days", False), ("show me my week", False)],
)  # fmt: skip
def test_the_router_can_tell_a_why_question(text: str, expected: bool) -> None:
    assert looks_like_explain(text) is expected


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_any_question_gets_a_grounded_answer_or_none(text: str) -> None:
    answer = explain(text, FOUR_DAYS.week, FOUR_DAYS.changes)
    assert answer is None or (answer.text and set(answer.sources) <= SECTION_IDS)
