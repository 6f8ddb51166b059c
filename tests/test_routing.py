"""The routing step with the real model: meaning, the parser's slots and the conversation
decide together (chains/router.py), and each kind of turn gets the reply it asks for."""

from __future__ import annotations

import pytest

from chains.rules.invariants import violations
from chains.session import Session
from chains.week.model import RUN_KINDS


def _runs_on(week, day: str) -> bool:  # type: ignore[no-untyped-def]
    return week[day].kind in RUN_KINDS


def test_a_bare_why_after_a_change_explains_that_change(coach) -> None:  # type: ignore[no-untyped-def]
    session = Session()
    first = coach.turn(session, "I can only run 4 days a week")
    why = coach.turn(session, "why?")
    assert first.changes and why.intent == "explain"
    assert all(c.day in why.reply for c in first.changes) and why.sources


def test_a_bare_why_with_nothing_changed_is_not_explained_as_a_change(coach) -> None:  # type: ignore[no-untyped-def]
    assert coach.turn(Session(), "why?").intent != "explain"


def test_what_do_i_do_on_friday_answers_from_the_runners_week(coach) -> None:  # type: ignore[no-untyped-def]
    session = Session()
    coach.turn(session, "I can only run 4 days a week")
    turn = coach.turn(session, "what do I do on Friday?")
    assert turn.intent == "question" and turn.week is None
    assert turn.reply.startswith("Your week, Friday") and session.week is not None
    assert session.week["Friday"].kind == "rest" and "Rest" in turn.reply


def test_a_day_question_without_a_week_of_ones_own_reads_the_sample(coach) -> None:  # type: ignore[no-untyped-def]
    turn = coach.turn(Session(), "what's the Saturday session for?")
    assert turn.intent == "question" and turn.sources[0].section == "sample-week"
    assert "Saturday" in turn.reply and "Cross-training" in turn.reply


@pytest.mark.parametrize(
    "question",
    ["saturday in the plan - is that a rest day or what?", "is the cross trainer ok on saturday"],
)
def test_any_question_about_one_day_is_answered_from_that_day(coach, question: str) -> None:  # type: ignore[no-untyped-def]
    turn = coach.turn(Session(), question)
    assert turn.intent == "question" and turn.week is None
    assert turn.reply.startswith("The article's sample week, Saturday")
    assert turn.sources[0].section == "sample-week"


def test_bracing_is_answered_from_the_passage_on_muscle_bracing(coach) -> None:  # type: ignore[no-untyped-def]
    question = "is it bad to tense everything up the whole run to protect my back?"
    turn = coach.turn(Session(), question)
    assert turn.intent == "question"
    assert turn.sources[0].section == "effect-on-running-technique"
    assert "bracing" in turn.reply.split("**More from the article**")[0]


def test_bracing_the_core_is_never_declined_as_gear(coach) -> None:  # type: ignore[no-untyped-def]
    turn = coach.turn(Session(), "should i brace my core hard the whole time i run?")
    assert turn.intent == "question" and "gear" not in turn.reply


@pytest.mark.parametrize(
    "question",
    [
        "how long should the sunday long run be?",
        "why stairs instead of hills?",
        "can I keep doing my 200m repeats?",
        "whats the point of the friday recovery run",
        "is running 6 days a week too much with a bad back?",
        "does my whole training plan need an overhaul or just parts of it after a back flare?",
    ],
)
def test_article_questions_that_mention_the_week_are_answered_not_planned(
    coach, question: str
) -> None:  # type: ignore[no-untyped-def]
    turn = coach.turn(Session(), question)
    assert turn.intent == "question" and turn.sources and turn.week is None


@pytest.mark.parametrize(
    ("message", "intent"),
    [
        # a wish said, or asked for as a change, changes the week
        ("take the stair reps out, there's nowhere near me", "week"),
        ("lose the intervals for now please, my back's not up to them", "week"),
        ("can we swap the stairs for an easy run", "week"),
        ("just runs for me, i'm not into bikes or pools", "week"),
        ("can u make me a week with no speedwork", "week"),
        ("ditch the speed work this week please", "week"),
        ("no pool near me, could the saturday session be a bike ride instead?", "week"),
        ("can i just run tue thu and sat?", "week"),
        ("could the stairs be making my back worse?", "question"),
        # asked about, it is a question for the article
        ("whats the best thing to do on the cross training day", "question"),
        ("can i carry on with tempo runs or is that pushing it", "question"),
        ("my running group does fartlek on thursdays, should i still go?", "question"),
        # the runner's usual training, then a question about it (round 13's first fresh set)
        (
            "my club does 400s on thursday nights, what should i do instead with my back?",
            "question",
        ),
        ("i normally do 300m reps at the track on wednesdays, what should i change", "question"),
        ("My usual week is four 8ks. How would you rejig that given my back?", "week"),
        ("should i just drop speed sessions entirely for now?", "question"),
        ("is it best to skip speed work for the moment?", "question"),
        # a sore back told and asked about, with no request, is a question too
        ("leaning back to stretch gives me a twinge in my lower back, is that typical", "question"),
        ("my back twinges when i bend over to tie my shoes, is that normal", "question"),
        ("my back is sore after yesterday's run, can you ease off the plan", "week"),
    ],
)
def test_a_session_said_changes_the_week_and_asked_about_asks_the_article(
    coach, message: str, intent: str
) -> None:  # type: ignore[no-untyped-def]
    assert coach.turn(Session(), message).intent == intent


@pytest.mark.parametrize(
    "question",
    [
        "what running shoes are best for a bad back?",
        "should i take ibuprofen before my long run?",
        "is foam rolling my lower back a good idea?",
        "my 12 year old son's back hurts after cross country, should he stop",
        "what should i eat before a long run?",
        # "what should I do" alone does not ask for the week (round 13's first fresh set)
        "my calf is tight in the mornings what should i do about it",
    ],
)
def test_near_miss_questions_are_declined(coach, question: str) -> None:  # type: ignore[no-untyped-def]
    turn = coach.turn(Session(), question)
    assert turn.intent == "out_of_scope" and not turn.sources


def test_misspelt_days_give_a_week_without_them(coach) -> None:  # type: ignore[no-untyped-def]
    turn = coach.turn(Session(), "i cant run on wensday or thursdy")
    assert turn.intent == "week" and turn.week is not None
    assert not _runs_on(turn.week, "Wednesday") and not _runs_on(turn.week, "Thursday")


def test_three_constraints_in_one_message_are_all_met(coach) -> None:  # type: ignore[no-untyped-def]
    session = Session()
    turn = coach.turn(session, "Saturday long run, no running Fridays, nothing over 45 minutes")
    week = turn.week
    assert turn.intent == "week" and week is not None
    assert week["Saturday"].kind == "long_run" and not _runs_on(week, "Friday")
    assert all((d.minutes or 0) <= 45 for d in week.days)
    assert violations(week, session.request) == []


@pytest.mark.parametrize(
    ("messages", "check"),
    [
        (["long run on saturday please", "actually make it sunday"], "long:Sunday"),
        (["just 3 runs a week please", "make that 2"], "runs:2"),
        (["nothing over an hour please", "actually 45 is safer for my back"], "cap:45"),
        (["i can't run thursdays", "or tue"], "off:Tuesday,Thursday"),
    ],
)
def test_a_follow_up_changes_one_thing_and_keeps_the_rest(coach, messages, check) -> None:  # type: ignore[no-untyped-def]
    session = Session()
    turns = [coach.turn(session, m) for m in messages]
    week = turns[-1].week
    assert turns[-1].intent == "week" and week is not None
    kind, _, arg = check.partition(":")
    if kind == "long":
        assert week[arg].kind == "long_run"
    elif kind == "runs":
        assert sum(d.kind in RUN_KINDS for d in week.days) <= int(arg)
    elif kind == "cap":
        assert all((d.minutes or 0) <= int(arg) for d in week.days)
    else:
        assert not any(_runs_on(week, day) for day in arg.split(","))


@pytest.mark.parametrize(
    "message",
    ["I can only run 4 days a week, and my left calf feels odd", "why should I run more often?",
     "my left foot has gone numb",
     "tuesdays I'm ferrying the kids about all evening, can you plan my week around that",
     "what's the Saturday session for?"],
)  # fmt: skip
def test_a_turn_reads_the_model_once_for_routing_retrieval_and_the_net(  # type: ignore[no-untyped-def]
    coach, monkeypatch, message: str
) -> None:
    """One forward pass a turn: the message's vector and the net's clauses are embedded
    together, and the week's and the answer's passages reuse the message's vector."""
    embedder, passes = coach.retriever.embedder, []
    for name in ("embed_query", "embed_documents"):
        real = getattr(embedder, name)
        monkeypatch.setattr(embedder, name, lambda x, real=real: passes.append(x) or real(x))
    turn = coach.turn(Session(), message)
    assert turn.reply and len(passes) == 1, passes


@pytest.mark.parametrize(
    ("messages", "check"),
    [
        # the week chat going on: a session or day named with a word that changes it
        (["no pool access this month", "i do have a spin bike, so pop a bike session in instead"],
         "has:cross_training"),
        (["can't run on monday", "oh and the pool's closed saturday so swap that for something "
          "else"], "off:Monday"),
        # a move asked about, then its day
        (["can my long run go on a different day", "satuday"], "long:Saturday"),
        # days heard by meaning make the message a week request
        (["Tuesdays and Thursdays I've got the kids at swimming and footy back to back, no way "
          "I'm getting a run in"], "off:Tuesday,Thursday"),
    ],
)  # fmt: skip
def test_the_week_chat_goes_on_in_runners_words(coach, messages, check) -> None:  # type: ignore[no-untyped-def]
    session = Session()
    turns = [coach.turn(session, m) for m in messages]
    week = turns[-1].week
    assert [t.intent for t in turns] == ["week"] * len(turns) and week is not None
    kind, _, arg = check.partition(":")
    if kind == "long":
        assert week[arg].kind == "long_run"
    elif kind == "has":
        assert any(d.kind == arg for d in week.days)
    else:
        assert not any(_runs_on(week, day) for day in arg.split(","))
