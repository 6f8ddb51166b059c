"""Routing: which kind of turn a message asks for. Each row reads as a sentence."""

from __future__ import annotations

import pytest

from chains.router import route
from chains.session import Session


@pytest.fixture(scope="module")
def coach(fake_coach):  # type: ignore[no-untyped-def]
    """The Coach on the fake retriever: no torch, no Chroma (tests/conftest.py)."""
    return fake_coach


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("hi!", "smalltalk"),
        ("what can you help me with?", "smalltalk"),
        ("Why should I run more often?", "question"),
        ("why did you drop Friday?", "explain"),
        ("Why no hill repeats?", "explain"),
        ("I can only run 4 days a week", "week"),
        ("ok, can I have a 4-day plan?", "week"),
        ("Show me my week", "week"),
        ("Can I do my long run on Saturday?", "week"),
        ("no pool near me", "week"),
        ("put hill repeats in on Tuesday", "week"),
        # questions that mention the week in passing do not change it (found in review)
        ("What shoes should I wear for my long run on Saturday?", "question"),
        ("Should I take ibuprofen before my long run on Sunday?", "question"),
        ("I'm doing a marathon in spring, is run:walk ok for racing?", "question"),
        ("Can I still race a parkrun?", "question"),
        ("I used to run 40km a week, is that too much now?", "question"),
    ],
)
def test_route(message: str, expected: str) -> None:
    assert route(message) == expected


def test_a_question_mentioning_a_day_leaves_the_week_alone(coach) -> None:  # type: ignore[no-untyped-def]
    session = Session()
    coach.turn(session, "I can only run 4 days a week")
    before = session.week
    turn = coach.turn(session, "What shoes should I wear for my long run on Saturday?")
    assert turn.intent == "out_of_scope" and session.week == before


@pytest.mark.parametrize("message", ["", "thanks!"])
def test_a_flagged_conversation_stays_red_flag_on_every_turn(coach, message: str) -> None:  # type: ignore[no-untyped-def]
    session = Session()
    coach.turn(session, "my left foot has gone numb")
    turn = coach.turn(session, message)
    assert turn.intent == "red_flag" and turn.week is None
    assert "doesn't cover" not in turn.reply


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("my back flared after the intervals, what should I change?", "week"),
        ("my knee started hurting as well since my back went, what should i do about it",
         "question"),
        ("i sit at a desk 9hrs a day, is that whats causing my back pain?", "question"),
    ],
)  # fmt: skip
def test_a_sore_back_asks_for_a_change_but_an_off_topic_complaint_does_not(
    message: str, expected: str
) -> None:
    assert route(message) == expected
