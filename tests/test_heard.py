"""Days heard by meaning (issue 12): clauses that name days in words no pattern has, read by
their nearest phrasings of `chains/request/day_meaning.toml`, adding only what the parser left
unread."""

from __future__ import annotations

from pathlib import Path

import pytest

from chains.request import WeekRequest, parse_request
from chains.request.heard import (
    KINDS,
    MIN_PER_KIND,
    THRESHOLD,
    DayMeaningError,
    day_clauses,
    days_heard,
    fill,
    load_phrasings,
)
from chains.session import Session
from chains.week.model import RUN_KINDS


def test_the_table_has_enough_of_every_kind_and_refuses_a_malformed_one(tmp_path: Path) -> None:
    rows = load_phrasings()
    assert all(sum(k == kind for k, _ in rows) >= MIN_PER_KIND for kind in KINDS)
    bad = tmp_path / "t.toml"
    bad.write_text('out = ["a"]\nonly = ["b"]\nother = ["c"]\nmaybe = ["d"]\n')
    with pytest.raises(DayMeaningError, match="unknown kind 'maybe'"):
        load_phrasings(bad)
    bad.write_text('out = ["a"]\nonly = ["b"]\nother = ["c"]\n')
    with pytest.raises(DayMeaningError, match="fewer than"):
        load_phrasings(bad)


def test_clauses_that_name_days_keep_the_short_words_after_them() -> None:
    said = "I have Tuesday, Wednesday and Saturday. That's it. Long run Saturday. Thanks!"
    assert day_clauses(said) == ["I have Tuesday, Wednesday and Saturday, That's it",
                                 "Long run Saturday, Thanks"]  # fmt: skip
    assert day_clauses("how do I ease back in?") == []


def _near(out: float = 0.0, only: float = 0.0, other: float = 0.0) -> dict:  # type: ignore[type-arg]
    return {"out": out, "only": only, "other": other}


def test_a_clause_counts_only_when_close_and_clearly_one_kind() -> None:
    clause = ["thursdays I'm at my mum's all day"]
    assert days_heard(clause, [_near(out=0.9, other=0.5)]).excluded_days == {"Thursday"}
    assert days_heard(clause, [_near(out=THRESHOLD - 0.01)]).excluded_days == set()
    assert days_heard(clause, [_near(out=0.8, other=0.79)]).excluded_days == set()
    assert days_heard(clause, [_near(other=0.9, out=0.5)]) == WeekRequest()


def test_only_days_need_the_words_that_say_so_and_never_a_cap_or_a_no() -> None:
    near = [_near(only=0.9)]
    assert days_heard(["tue and sat, that's it"], near).available_days == {"Tuesday", "Saturday"}
    assert days_heard(["I have tue and sat"], near) == WeekRequest()
    assert days_heard(["I can't do tue or sat, that's it"], near) == WeekRequest()
    assert days_heard(["Thursday I only have half an hour"], near) == WeekRequest()
    assert days_heard(["sat is my only free day for a long one"], near) == WeekRequest()
    assert days_heard(["on saturday this time, and nothing else"], near) == WeekRequest()


def test_what_the_parser_read_stands() -> None:
    stated = parse_request("long run on saturday, no running friday")
    heard = WeekRequest(excluded_days=frozenset({"Saturday", "Friday", "Monday"}))
    assert fill(stated, heard).excluded_days == {"Friday", "Monday"}
    assert fill(stated, heard).long_run_day == "Saturday"
    assert fill(stated, WeekRequest()) is stated


@pytest.mark.parametrize(
    ("message", "out"),
    [
        ("on tuesdays I'm taking my mum to dialysis all afternoon, sort my week please", "Tuesday"),
        ("fridays my partner is away so I'm solo parenting all day. adjust my week please",
         "Friday"),
    ],
)  # fmt: skip
def test_a_busy_day_said_in_other_words_has_no_run(coach, message: str, out: str) -> None:  # type: ignore[no-untyped-def]
    turn = coach.turn(Session(), message)
    assert turn.intent == "week" and turn.week is not None
    assert turn.week[out].kind not in RUN_KINDS
    assert out in turn.reply.splitlines()[0]  # said in "Got it: ...", never silently


def test_a_day_the_runner_likes_is_not_taken_away(coach) -> None:  # type: ignore[no-untyped-def]
    turn = coach.turn(Session(), "i love running on sundays, make the week work")
    assert turn.week is not None and turn.week["Sunday"].kind in RUN_KINDS
