"""The `coach` command line, run in-process as a user would call it (CONTRACT.md)."""

from __future__ import annotations

import io
import json
import sys
from typing import Any

import pytest

import app

DAY_KEYS = {
    "day",
    "kind",
    "title",
    "minutes",
    "km",
    "terrain",
    "intensity",
    "run_walk",
    "reps",
    "details",
    "why",
    "source",
}


def run(
    argv: list[str],
    stdin: str = "",
    monkeypatch: pytest.MonkeyPatch | None = None,
) -> tuple[int, list[str]]:
    out = io.StringIO()
    if monkeypatch is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = app.main(argv, out)
    return code, [line for line in out.getvalue().splitlines() if line]


def turns(lines: list[str]) -> list[dict[str, Any]]:
    return [json.loads(line) for line in lines]


def test_ask_json_matches_the_contract() -> None:
    code, lines = run(["ask", "--json", "Can I keep doing my 200m repeats?"])
    assert code == 0 and len(lines) == 1
    turn = json.loads(lines[0])
    assert set(turn) == {"reply", "intent", "triage", "sources", "week", "changes", "notice"}
    assert turn["notice"] is None
    assert turn["intent"] == "question"
    assert turn["triage"] == {"level": "none", "reasons": [], "basis": None}
    assert turn["sources"][0]["section"] == "speed-sessions"
    assert set(turn["sources"][0]) == {"section", "title", "text", "score"}
    assert "speed-sessions" in turn["reply"]
    assert turn["week"] is None and turn["changes"] == []


def test_ask_without_a_message_answers_each_stdin_line_on_its_own(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    stdin = "my left foot has gone numb\nShow me my week\n"
    code, lines = run(["ask", "--json"], stdin, monkeypatch)
    first, second = turns(lines)
    assert code == 0
    assert first["intent"] == "red_flag" and first["triage"]["level"] == "urgent"
    assert second["intent"] == "week" and second["triage"]["level"] == "none"  # a new conversation


def test_chat_keeps_a_red_flag_for_the_rest_of_the_conversation(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    stdin = "Show me my week\nmy left foot has gone numb\nok, can I have a 4-day plan?\n"
    code, lines = run(["chat", "--json"], stdin, monkeypatch)
    week, referral, later = turns(lines)
    assert code == 0
    assert week["intent"] == "week" and len(week["week"]["days"]) == 7
    assert set(week["week"]["days"][0]) == DAY_KEYS
    assert referral["intent"] == "red_flag" and referral["triage"]["level"] == "urgent"
    assert referral["week"] is None and referral["changes"] == []
    assert "foot" in referral["reply"] and "day or two" in referral["reply"]
    assert later["intent"] == "red_flag" and later["triage"]["level"] == "urgent"
    assert later["week"] is None and later["changes"] == []


def test_chat_adapts_the_week_and_explains_it(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    stdin = (
        "I can only run 4 days a week\nwhy did you drop Friday?\nput hill repeats in on Tuesday\n"
    )
    code, lines = run(["chat", "--json"], stdin, monkeypatch)
    four, why, hills = turns(lines)
    running = {"recovery", "easy_run", "stairs", "intervals", "long_run"}
    days = four["week"]["days"]
    assert code == 0 and four["intent"] == "week"
    assert sum(d["kind"] in running for d in days) <= 4
    long_run = next(d for d in days if d["kind"] == "long_run")
    assert long_run["run_walk"] is not None and long_run["terrain"] == "flat"
    hard = [d["kind"] in {"stairs", "intervals", "long_run"} for d in days]
    assert not any(hard[i] and hard[(i + 1) % 7] for i in range(7))
    assert four["changes"] and all(c["why"] and c["source"] for c in four["changes"])
    assert why["intent"] == "explain" and why["sources"]
    assert hills["intent"] == "week"
    assert "stairs" in hills["reply"].lower()
    days = hills["week"]["days"]
    assert {d["terrain"] for d in days} <= {"flat", "stairs", "pool", "any", None}
    assert not any("hill" in f"{d['title']} {d['details']}".lower() for d in days)


def test_triage_json_needs_no_index(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("knowledge.index.open_index", None)  # opening the index would crash
    code, lines = run(
        ["triage", "--json"], "numb around my bum\nlegs tired after intervals\n", monkeypatch
    )
    first, second = turns(lines)
    assert code == 0
    assert first["level"] == "emergency" and set(first) == {"level", "reasons", "basis", "rule"}
    assert first["basis"] == "rule"
    assert second["level"] == "none" and second["basis"] is None


def test_index_reports_what_it_built() -> None:
    code, lines = run(["index", "--json"])
    report = json.loads(lines[0])
    assert code == 0 and report["rebuilt"] and report["chunks"] > 40
    code, lines = run(["index", "--json"])
    assert json.loads(lines[0])["rebuilt"] is False


@pytest.mark.parametrize(
    ("argv", "hint"),
    [
        (["ask", "--embedding-model", "/no/such/model", "hi"], "sentence-transformers"),
        (["ask", "--chroma-url", "http://127.0.0.1:9", "hi"], "chroma run"),
        (["ask", "--data-dir", "/proc/no-such-dir", "hi"], "COACH_DATA_DIR"),
    ],
)
def test_errors_a_person_can_cause_end_in_one_sentence(argv: list[str], hint: str, capsys) -> None:  # type: ignore[no-untyped-def]
    code, lines = run(argv)
    err = capsys.readouterr().err.strip()
    assert code == 1 and lines == []
    assert hint in err and "Traceback" not in err and len(err.splitlines()) == 1


def test_bad_usage_exits_2(capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as exit_:
        app.main(["ask", "--no-such-flag"], io.StringIO())
    assert exit_.value.code == 2


@pytest.mark.parametrize("message", ["", "   ", "\x00\x01\x02", "\ud800 lone surrogate"])
def test_empty_or_odd_input_gets_a_friendly_answer(message: str) -> None:
    code, lines = run(["ask", "--json", message])
    turn = json.loads(lines[0])
    assert code == 0 and turn["reply"]


def test_a_very_long_message_is_cut_for_retrieval_with_a_notice() -> None:
    message = "Can I keep doing my 200m repeats? " * 400
    code, lines = run(["ask", "--json", message])
    turn = json.loads(lines[0])
    assert code == 0 and "4,000 characters" in turn["reply"]


def test_serve_on_a_busy_port_says_what_to_do(capsys) -> None:  # type: ignore[no-untyped-def]
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        code, lines = run(["serve", "--port", str(port)])
    err = capsys.readouterr().err.strip()
    assert code == 1 and lines == []
    assert "--port" in err and len(err.splitlines()) == 1
