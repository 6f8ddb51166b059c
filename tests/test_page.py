"""What the page shows, without a browser: the panel from the state and a turn, and a turn that
never raises (`chains/page.py`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

import pytest

from chains import page
from chains.answer.passages import Passage
from chains.answer.replies import week_reply
from chains.guard import Triage
from chains.request import parse_request
from chains.rules import plan
from chains.session import Session, Turn
from chains.week import DAYS, Week, sample_week
from knowledge.errors import IndexUnavailable
from knowledge.week_data import load_sample_week_data

SAMPLE = sample_week(load_sample_week_data())
TITLES = {"frequency": "Frequency of sessions"}


@dataclass
class StubCoach:
    """Streams `parts`, then ends the turn with `reply`, or raises `error` after the parts."""

    parts: list[str] = field(default_factory=list)
    reply: str = "Run more often."
    error: Exception | None = None
    sample: Week = SAMPLE
    titles: dict[str, str] = field(default_factory=lambda: dict(TITLES))

    def stream(self, session: Session, message: str) -> Iterator[str | Turn]:
        yield from self.parts
        if self.error is not None:
            raise self.error
        yield Turn(self.reply, "question", session.triage)


TODAY = date(2026, 12, 1)  # a Tuesday: the week shown runs Mon 30 Nov to Sun 6 Dec


def week_turn(state: page.PageState, text: str) -> Turn:
    """What `Coach._week` does with a week request, on the real parser and rules engine."""
    session = state.session
    session.request = session.request.merge(parse_request(text))
    result = plan(SAMPLE, session.request, session.week or SAMPLE)
    session.week = result.week
    session.changes.extend(result.changes)
    reply = week_reply(result, TITLES, result.week == SAMPLE)
    return Turn(reply, "week", session.triage, [], result.week, list(result.changes))


def marked(shown: page.Panel) -> tuple[set[str], set[str]]:
    """(days marked ✎ as differing from the sample, days highlighted as just changed)."""
    rows = re.findall(r'<tr class="([^"]*)" data-day="(\w+)">(.*?)</tr>', shown.table)
    pens = {day for _, day, cells in rows if "✎" in cells}
    return pens, {day for classes, day, _ in rows if "fresh" in classes.split()}


def test_a_fresh_page_shows_the_sample_week_dated_with_today_and_no_banner() -> None:
    shown = page.panel(page.PageState(), None, SAMPLE, TITLES, TODAY)
    assert not shown.flagged and shown.banner == ""
    assert re.findall(r'data-day="(\w+)"', shown.table) == [d.day for d in SAMPLE.days]
    assert shown.monday == date(2026, 11, 30) and "Mon 30 Nov – Sun 06 Dec" in shown.caption
    assert re.findall(r'<tr class="[^"]*today[^"]*" data-day="(\w+)"', shown.table) == ["Tuesday"]
    assert marked(shown) == (set(), set())
    assert "sample week" in shown.caption
    assert (shown.changes, shown.sources) == (page.NO_CHANGES, "")


@pytest.mark.parametrize(
    ("level", "heading"),
    [("emergency", "Emergency: go to an emergency department now"),
     ("urgent", "See a doctor or physiotherapist within a day or two"),
     ("soon", "See your doctor within days, before you start the plan")],
)  # fmt: skip
def test_a_red_flag_hides_the_week_under_a_heading_of_its_level(level: str, heading: str) -> None:
    state = page.PageState()
    state.session.week = SAMPLE
    state.session.triage = Triage(level, ("my left foot is numb",), "one-leg-sensation")  # type: ignore[arg-type]
    turn = Turn("See a doctor.", "red_flag", state.session.triage)
    shown = page.panel(state, turn, SAMPLE, TITLES, TODAY)
    assert shown.flagged and shown.week is None and shown.level == level
    assert shown.table == "" and shown.chart == ""
    assert shown.banner.splitlines()[0] == f"### {heading}"
    assert shown.caption.startswith("Withheld")
    assert shown.changes == page.NO_CHANGES


def test_a_flag_the_net_raised_alone_heads_the_banner_as_a_question() -> None:
    state = page.PageState()
    state.session.triage = Triage("emergency", ("can't feel the seat",), "saddle", basis="meaning")
    shown = page.panel(state, None, SAMPLE, TITLES, TODAY)
    assert shown.banner.startswith(f"### {page.HEADINGS['emergency']}, if I read you right\n")
    assert "Still holding the plan" in shown.banner


def test_the_marker_tells_the_page_what_to_show() -> None:
    state = page.PageState()
    fresh = page.marker(page.panel(state, None, SAMPLE, TITLES, TODAY))
    assert 'data-flagged="false"' in fresh and 'data-sources="false"' in fresh
    state.session.triage = Triage("emergency", ("can't control my bladder",), "bladder")
    flagged = page.panel(state, Turn("Go now.", "red_flag", state.session.triage), SAMPLE,
                         TITLES, TODAY)  # fmt: skip
    shown = page.marker(flagged)
    assert 'data-flagged="true"' in shown and 'data-level="emergency"' in shown
    assert flagged.table == "" and flagged.week is None


def test_every_day_that_differs_from_the_sample_stays_marked_and_explained() -> None:
    state = page.PageState()
    first = week_turn(state, "I can only run 4 days a week")
    page.panel(state, first, SAMPLE, TITLES, TODAY)
    second = week_turn(state, "there are no stairs near me")
    shown = page.panel(state, second, SAMPLE, TITLES, TODAY)
    differ = {d.day for d in state.session.week.days if d != SAMPLE[d.day]}  # type: ignore[union-attr]
    pens, fresh = marked(shown)
    assert {c.day for c in first.changes} - fresh  # the first turn's days are not fresh now...
    assert pens == differ and fresh == {c.day for c in second.changes}  # ...but still marked
    reasons = shown.changes.splitlines()
    assert [line.split("**")[1] for line in reasons] == [d for d in DAYS if d in differ]
    assert all("→" in line and "`" not in line for line in reasons)


def test_a_turn_that_changes_nothing_keeps_the_marks_and_highlights_none() -> None:
    state = page.PageState()
    page.panel(state, week_turn(state, "I can only run 4 days a week"), SAMPLE, TITLES, TODAY)
    same = week_turn(state, "I can only run 4 days a week")
    shown = page.panel(state, same, SAMPLE, TITLES, TODAY)
    pens, fresh = marked(shown)
    assert same.changes == [] and pens and fresh == set()
    assert shown.changes != page.NO_CHANGES and "adapted" in shown.caption


def test_a_week_reply_in_the_chat_is_short_and_gives_tips_once() -> None:
    state = page.PageState()
    first = page.week_chat(week_turn(state, "I can only run 4 days a week"), state, SAMPLE)
    second = page.week_chat(week_turn(state, "there are no stairs near me"), state, SAMPLE)
    for text in (first, second):
        assert text.startswith("Got it: I changed ") and text.endswith(page.WEEK_POINTER)
        assert "|" not in text and "What I changed and why" not in text and "(s)" not in text
    assert first.startswith("Got it: I changed Monday and Friday ")  # worked out: 4 of 6 days
    assert "Technique" in first and "Technique" not in second
    assert len(second) < 400


def test_the_runners_message_is_in_the_chat_before_the_reply_streams() -> None:
    state = page.PageState()
    coach = StubCoach(parts=["Run", "Run more"])
    page.accept(state, "how often?")
    assert state.history == [{"role": "user", "content": "how often?"}]
    steps = list(page.answer(coach, state, TODAY))  # type: ignore[arg-type]
    assert steps[:2] == [None, None] and isinstance(steps[-1], page.Panel)
    assert state.history == [
        {"role": "user", "content": "how often?"},
        {"role": "assistant", "content": "Run more often."},
    ]


def test_answer_with_nothing_accepted_does_nothing() -> None:
    state = page.PageState()
    assert list(page.answer(StubCoach(), state, TODAY)) == [] and state.history == []  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("message", "blank"),
    [("", True), ("   \n\t", True), ("\u200b\u00ad", True), ("hi", False), (" ok ", False)],
)  # fmt: skip
def test_a_message_with_nothing_to_read_is_blank(message: str, blank: bool) -> None:
    assert page.blank(message) is blank


def test_a_new_conversation_asks_first_only_when_it_would_drop_something() -> None:
    state = page.PageState()
    assert page.to_lose(state, SAMPLE) is None
    state.session.week = SAMPLE  # shown, but the article's own: nothing of the runner's
    assert page.to_lose(state, SAMPLE) is None
    week_turn(state, "I can only run 4 days a week")
    assert "adapted week" in (page.to_lose(state, SAMPLE) or "")
    state.session.triage = Triage("urgent", ("numb foot",), "one-leg-sensation")
    assert "hold" in (page.to_lose(state, SAMPLE) or "")


def test_sources_name_sections_by_title_without_ids_or_scores() -> None:
    passage = Passage("speed-sessions", "Speed sessions", "Make 200m into 800m.", 0.45)
    text = page.sources_md(Turn("…", "question", Triage("none"), [passage]))
    link = '<a href="backstride/article#speed-sessions" target="_blank"><b>Speed sessions</b></a>'
    assert text == f"{link}\n> Make 200m into 800m."
    assert "0.45" not in text


@pytest.mark.parametrize(
    ("error", "said"),
    [
        (IndexUnavailable("The index stopped answering: start the Chroma server again."),
         "⚠️ The index stopped answering: start the Chroma server again."),
        (RuntimeError("secret message text"), f"⚠️ {page.UNEXPECTED}"),
    ],
)  # fmt: skip
def test_a_failing_turn_ends_in_one_sentence_and_keeps_the_chat(
    error: Exception, said: str
) -> None:
    state = page.PageState()
    coach = StubCoach(parts=["Half a"], error=error)
    page.accept(state, "how often?")
    *_, last = page.answer(coach, state, TODAY)  # type: ignore[arg-type]
    assert state.history[-1]["content"] == said
    assert isinstance(last, page.Panel) and "secret" not in said
