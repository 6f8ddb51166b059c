"""Bounded work and whole turns (issue 14): a message over the edge limit is refused in one
sentence and never reaches the guard or the history; a turn reads only its new message, however
long the conversation; a turn that fails changes nothing in the session."""

from __future__ import annotations

import json
from typing import Any

import pytest

from chains import page
from chains.coach import Coach
from chains.edge import MAX_MESSAGE_CHARS
from chains.guard import rules
from chains.session import Session
from knowledge.errors import CoachError, IndexUnavailable


@pytest.fixture(scope="module")
def coach(fake_coach):  # type: ignore[no-untyped-def]
    return fake_coach


@pytest.mark.parametrize("size", [MAX_MESSAGE_CHARS + 1, 1_000_000, 5_000_000])
def test_a_message_over_the_limit_is_refused_and_the_conversation_goes_on(coach, size) -> None:  # type: ignore[no-untyped-def]
    session = Session()
    coach.turn(session, "I can only run 4 days a week")
    before = session.to_dict()
    turn = coach.turn(session, "my foot is numb " * (size // 16 + 1))
    assert f"{MAX_MESSAGE_CHARS:,}" in turn.reply and turn.reply.count(". ") == 0
    assert turn.triage.level == "none"  # refused whole: not even the guard read it
    assert session.to_dict() == before
    after = coach.turn(session, "Can I keep doing my 200m repeats?")
    assert after.intent == "question" and len(session.messages) == 2


def test_up_to_the_limit_the_guard_reads_all_of_it(coach) -> None:  # type: ignore[no-untyped-def]
    sign = " and I can't control my bladder"
    message = ("how often should I run? " * 1000)[: MAX_MESSAGE_CHARS - len(sign)] + sign
    assert len(message) == MAX_MESSAGE_CHARS
    assert coach.turn(Session(), message).triage.level == "emergency"


def test_a_turn_reads_only_its_new_message_however_long_the_chat(coach, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    made: list[int] = []

    class Counting(rules.MessageScan):
        def __init__(self, message: str, index: int) -> None:
            made.append(index)
            super().__init__(message, index)

    import chains.guard.conversation as conversation

    monkeypatch.setattr(conversation, "MessageScan", Counting)
    session = Session()
    coach.turn(session, "my left foot has gone numb")  # a sign the later turns must keep
    per_turn = []
    for n in range(30):
        made.clear()
        turn = coach.turn(session, f"question {n}: how often should I run?")
        per_turn.append(len(made))
    assert per_turn[-1] == per_turn[0] == 1
    assert turn.triage.level == "urgent"  # the first message still counts


def test_the_guard_still_escalates_across_kept_messages(coach) -> None:  # type: ignore[no-untyped-def]
    session = Session()
    coach.turn(session, "my left leg is numb")
    for _ in range(5):
        coach.turn(session, "what should I do?")
    assert coach.turn(session, "now the other leg too").triage.level == "emergency"


class Failing:
    """The fake retriever, until `fail` names a method: then that one raises."""

    def __init__(self, real: Any) -> None:
        self.real = real
        self.fail = ""

    def __getattr__(self, name: str) -> Any:
        if name == self.fail:
            raise IndexUnavailable("The index stopped answering: try again.")
        return getattr(self.real, name)


def test_a_week_turn_that_fails_part_way_changes_nothing(coach) -> None:  # type: ignore[no-untyped-def]
    failing = Failing(coach.retriever)
    flaky = Coach(failing, coach.sample)  # type: ignore[arg-type]
    session = Session()
    flaky.turn(session, "Can I keep doing my 200m repeats?")
    before = session.to_dict()
    failing.fail = "section_passages"  # after the week is planned, before the reply
    with pytest.raises(CoachError):
        flaky.turn(session, "I can only run 3 days a week")
    assert session.to_dict() == before and session.week is None and session.changes == []
    failing.fail = ""
    why = flaky.turn(session, "why did you drop Friday?")
    assert "3 running days" not in why.reply and "3 days" not in why.reply


def test_a_failed_question_is_not_recorded_and_a_retry_is(coach) -> None:  # type: ignore[no-untyped-def]
    failing = Failing(coach.retriever)
    flaky = Coach(failing, coach.sample)  # type: ignore[arg-type]
    session = Session()
    failing.fail = "retrieve"
    with pytest.raises(CoachError):
        flaky.turn(session, "Can I keep doing my 200m repeats?")
    assert session.messages == [] and session.scans == []
    failing.fail = ""
    assert flaky.turn(session, "Why should I run more often?").intent == "question"
    assert session.messages == ["Why should I run more often?"] and len(session.scans) == 1


@pytest.mark.parametrize("message", ["\ud800", "numb\udfff foot", "\x00\x1b[31m\ud83d"])
def test_the_chat_history_holds_only_clean_text(coach, message: str) -> None:  # type: ignore[no-untyped-def]
    state = page.PageState()
    list(page.respond(coach, state, message))
    json.dumps(state.history, ensure_ascii=False).encode("utf-8")  # Gradio's encoder: strict
    list(page.respond(coach, state, "Can I keep doing my 200m repeats?"))
    assert state.history[-1]["content"] and page.UNEXPECTED not in state.history[-1]["content"]


def test_the_page_refuses_an_oversize_message_before_the_coach(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    class NoCoach:
        sample = None
        titles: dict[str, str] = {}  # noqa: RUF012

        def stream(self, session: Session, message: str):  # type: ignore[no-untyped-def]
            raise AssertionError("an oversize message reached the coach")

    state = page.PageState()
    shown = list(page.respond(NoCoach(), state, "a" * 5_000_000))  # type: ignore[arg-type]
    assert shown[-1] is None or isinstance(shown[-1], page.Panel)
    user, reply = state.history
    assert len(user["content"]) < 400 and "5,000,000 characters" in user["content"]
    assert f"{MAX_MESSAGE_CHARS:,}" in reply["content"]
