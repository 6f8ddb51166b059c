"""What the page shows, without a browser: the panel from the state and a turn, and a turn that
never raises (`chains/page.py`)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

from chains import page
from chains.guard import Triage
from chains.session import Session, Turn
from chains.week import Week, sample_week
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


def test_a_fresh_page_shows_the_sample_week_and_no_banner() -> None:
    shown = page.panel(page.PageState(), None, SAMPLE, TITLES)
    assert not shown.flagged and shown.banner == "" and shown.fresh
    assert [row[0] for row in shown.rows] == [d.day for d in SAMPLE.days]
    assert [row[0] for row in shown.chart] == [d.day[:3] for d in SAMPLE.days]
    assert "sample week" in shown.caption
    assert (shown.changes, shown.sources) == (page.NO_CHANGES, page.NO_SOURCES)


def test_a_red_flag_hides_the_week_and_shows_the_banner() -> None:
    state = page.PageState()
    state.changes = "- Tuesday: stairs became a flat run"
    state.session.week = SAMPLE
    state.session.triage = Triage("urgent", ("my left foot is numb",), "one-leg-sensation")
    turn = Turn("See a doctor.", "red_flag", state.session.triage)
    shown = page.panel(state, turn, SAMPLE, TITLES)
    assert shown.flagged and shown.week is None
    assert shown.rows == [] and shown.chart == []
    assert shown.banner.startswith("### ⚠️") and "day or two" in shown.banner
    assert shown.caption.startswith("Withheld")
    assert shown.changes == page.NO_CHANGES  # the old change list goes with the week


def test_the_week_parts_are_sent_only_when_they_change() -> None:
    state = page.PageState()
    page.panel(state, None, SAMPLE, TITLES)
    turn = Turn("Run more often.", "question", Triage("none"))
    again = page.panel(state, turn, SAMPLE, TITLES)
    assert not again.fresh
    state.session.triage = Triage("soon", ("fever",), "fever")
    assert page.panel(state, turn, SAMPLE, TITLES).fresh


def test_a_week_turn_marks_the_changed_days_and_lists_the_changes() -> None:
    from chains.request import parse_request
    from chains.rules import adapt

    result = adapt(SAMPLE, parse_request("there are no stairs near me"))
    state = page.PageState()
    state.session.week = result.week
    turn = Turn("Done.", "week", Triage("none"), week=result.week, changes=result.changes)
    shown = page.panel(state, turn, SAMPLE, TITLES)
    changed = {c.day for c in result.changes}
    assert changed and {r[0] for r in shown.rows if r[0].startswith("✎ ")} == {
        f"✎ {day}" for day in changed
    }
    assert "adapted" in shown.caption and shown.changes != page.NO_CHANGES


def test_respond_streams_then_shows_the_reply_and_the_panel() -> None:
    state = page.PageState()
    coach = StubCoach(parts=["Run", "Run more"])
    steps = list(page.respond(coach, state, "how often?"))  # type: ignore[arg-type]
    assert steps[:2] == [None, None] and isinstance(steps[-1], page.Panel)
    assert state.history == [
        {"role": "user", "content": "how often?"},
        {"role": "assistant", "content": "Run more often."},
    ]


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
    *_, last = page.respond(coach, state, "how often?")  # type: ignore[arg-type]
    assert state.history[-1]["content"] == said
    assert isinstance(last, page.Panel) and "secret" not in said
