"""Days and sessions heard by meaning, from the labelled week requests (issue 12): each scored
set's one-message requests, clause by clause, with what their checks say of the days or the
sessions each clause names; and the guard's look-alikes for two week requests it had heard as
signs."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

import eval.labelled as labelled
from chains.request import WeekRequest
from chains.request.sessions_heard import fill_sessions
from chains.session import Session
from knowledge.day_bank import DayBank


def _sets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chats: list[dict]) -> None:
    path = tmp_path / "chats.jsonl"
    path.write_text("".join(json.dumps(c) + "\n" for c in chats))
    monkeypatch.setattr(labelled, "WEEK_SETS", {"week_chats": path})
    questions = tmp_path / "questions.jsonl"
    questions.write_text(json.dumps({"q": "is saturday a rest day?", "kind": "in_scope"}) + "\n")
    monkeypatch.setattr(labelled, "SETS", {"dev": questions})


def test_a_clause_is_labelled_by_what_the_checks_say_of_its_days(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    others = ["no_run_on:Monday", "no_run_on:Wednesday", "no_run_on:Friday", "no_run_on:Sunday"]
    _sets(tmp_path, monkeypatch, [
        {"messages": ["mondays are chaos at work"], "checks": ["is_week", "no_run_on:Monday"]},
        {"messages": ["I get tue, thu and sat"], "checks": ["is_week", *others]},
        {"messages": ["long run on saturday please"],
         "checks": ["is_week", "long_run_day:Saturday"]},
        {"messages": ["i work sundays now"], "checks": ["is_week", "max_run_days:4"]},  # unchecked
        {"messages": ["friday is out", "and no stairs"], "checks": ["is_week", "no_run_on:Friday"]},
    ])  # fmt: skip
    assert [(k, t) for k, t, _ in labelled.day_examples()] == [
        ("out", "mondays are chaos at work"),
        ("only", "I get tue, thu and sat"),
        ("other", "long run on saturday please"),
        ("other", "is saturday a rest day"),
    ]


def test_a_clause_is_labelled_by_what_the_checks_say_of_its_sessions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _sets(tmp_path, monkeypatch, [
        {"messages": ["the stairs I'm happy to bin"], "checks": ["is_week", "no_kind:stairs"]},
        {"messages": ["I'd hate to lose the intervals"],
         "checks": ["is_week", "has_kind:intervals"]},
        {"messages": ["long run sat. no cross training"],
         "checks": ["is_week", "long_run_day:Saturday", "no_kind:cross_training"]},
        {"messages": ["should I keep the stairs?"], "checks": ["is_week"]},  # asked: not a clause
    ])  # fmt: skip
    assert [(k, t) for k, t, _ in labelled.session_examples()] == [
        ("out", "the stairs I'm happy to bin"),
        ("keep", "I'd hate to lose the intervals"),
        ("other", "long run sat"),
        ("out", "no cross training"),
    ]


def test_a_bank_without_a_set_keeps_the_rest_and_their_vectors() -> None:
    rows = [("out", "a", ""), ("other", "b", "week_chats"), ("only", "c", "dev")]
    bank = DayBank(rows, np.eye(3, dtype=np.float32))
    kept = bank.without("week_chats")
    assert kept.rows == [rows[0], rows[2]]
    assert kept.nearest([[0.0, 0.0, 1.0]]) == [{"out": 0.0, "only": 1.0, "other": -1.0}]


RUNS = {"recovery", "easy_run", "stairs", "intervals", "long_run"}


def _week(coach, messages: list[str]) -> dict:  # type: ignore[no-untyped-def]
    session = Session()
    turns = [coach.turn(session, m).to_dict() for m in messages]
    assert turns[-1]["intent"] == "week", turns[-1]["reply"]
    return {d["day"]: d["kind"] for d in turns[-1]["week"]["days"]}


@pytest.mark.parametrize(
    ("messages", "free"),
    [
        (["My long run needs to be Saturday, that's club day", "Sunday I'd love completely off"],
         {"Sunday"}),
        (["I'm at a work retreat Tuesday to Thursday, out in the sticks. Can you plan around it so "
          "I'm not running those days?"], {"Tuesday", "Wednesday", "Thursday"}),
        (["Don't schedule a run on Wednesday please, I'm driving all day"], {"Wednesday"}),
        (["the long run can stay sunday", "and no running at all on Monday then"], {"Monday"}),
    ],
)  # fmt: skip
def test_days_out_in_words_the_table_alone_did_not_hear(coach, messages, free) -> None:  # type: ignore[no-untyped-def]
    week = _week(coach, messages)
    assert all(week[day] not in RUNS for day in free), week


@pytest.mark.parametrize(
    ("messages", "gone", "kept"),
    [
        (["speed work makes me nervous right now, could we lose the intervals and the stairs "
          "both and keep it gentle?"], {"intervals", "stairs"}, set()),
        (["I walk the dog for an hour every day, that's my cross training sorted",
          "so skip the cross-training day, make it rest"], {"cross_training"}, set()),
        (["Interval sessions are my favourite, I don't want to lose them",
          "but the stairs can go, the stairwell at work is shut"], {"stairs"}, {"intervals"}),
    ],
)  # fmt: skip
def test_sessions_out_or_kept_in_words_the_parser_alone_did_not_hear(  # type: ignore[no-untyped-def]
    coach, messages, gone, kept
) -> None:
    kinds = set(_week(coach, messages).values())
    assert not kinds & gone and kept <= kinds, kinds


@pytest.mark.parametrize(
    "messages",
    [
        ["Can both recovery days be proper easy runs? The shuffling bores me, I'd rather jog"],
        ["Training for a half so I'd like to keep the long run",
         "my back was a little sore after the last 90 minute one though, could we trim it?"],
    ],
)  # fmt: skip
def test_week_requests_the_net_had_heard_as_signs_raise_no_flag(coach, messages) -> None:  # type: ignore[no-untyped-def]
    session = Session()
    assert [coach.turn(session, m).triage.level for m in messages] == ["none"] * len(messages)


def test_a_session_the_back_flared_after_is_never_heard_as_kept() -> None:
    flared = WeekRequest(flare=True, flare_after="stairs")
    assert fill_sessions(flared, WeekRequest(no_stairs=False)).no_stairs is None
    assert fill_sessions(flared, WeekRequest(no_stairs=True)).no_stairs is True
    assert fill_sessions(WeekRequest(), WeekRequest(no_stairs=False)).no_stairs is False
