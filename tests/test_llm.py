"""The optional LLM voice, with LangChain's fake chat models and a fake OpenAI-compatible server
on loopback: its answers are used only when they pass the checks, it never sees a flagged
conversation, and its request readings feed the rules engine, never the week itself."""

from __future__ import annotations

import io
import json
import threading
from collections.abc import Iterator
from dataclasses import fields, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from langchain_core.messages import AIMessage

import app
from chains import ui
from chains.answer import prompts, replies
from chains.answer.checks import check_answer
from chains.answer.llm import Voice
from chains.answer.reading import RequestSchema, merge_read
from chains.answer.tokens import sentences
from chains.coach import Coach
from chains.request import WeekRequest
from chains.rules.invariants import violations
from chains.session import Session
from chains.week.model import DAYS
from tests.conftest import BrokenModel, ScriptedModel


@pytest.fixture(scope="module")
def coach(fake_coach):  # type: ignore[no-untyped-def]
    """The Coach on the fake retriever: no torch, no Chroma (tests/conftest.py)."""
    return fake_coach


def coach_with(coach: Coach, model: ScriptedModel) -> Coach:
    return Coach(coach.retriever, coach.sample, Voice(model, "fake:model", timeout_s=5))


def test_the_models_answer_is_used_when_it_passes_the_checks(coach) -> None:  # type: ignore[no-untyped-def]
    text = "Run more often, in shorter runs, to offset the stiffness [frequency]."
    model = ScriptedModel([AIMessage(content=text)])
    turn = coach_with(coach, model).turn(Session(), "Why should I run more often?")
    assert turn.reply == text and turn.intent == "question"
    assert turn.sources and turn.notice is None
    assert len(model.calls) == 1
    prompt = " ".join(str(m.content) for m in model.calls[0])
    assert "[frequency]" in prompt and "Why should I run more often?" in prompt


@pytest.mark.parametrize(
    "bad",
    [
        "Hill sprints are great for power, do them on Tuesday [frequency].",
        "Run more often [not-a-section].",
        "Run more often, it offsets stiffness [speed-sessions].",  # real id, not retrieved
        "Run more often.",  # no citation at all
        "On your long run you can drop the walk breaks once you feel good [frequency].",
    ],
)
def test_a_reply_that_fails_a_check_is_replaced_by_the_composer(coach, bad: str) -> None:  # type: ignore[no-untyped-def]
    model = ScriptedModel([AIMessage(content=bad)])
    turn = coach_with(coach, model).turn(Session(), "Why should I run more often?")
    assert bad not in turn.reply
    assert "*Frequency of sessions* (`frequency`)" in turn.reply
    assert turn.notice and "checks" in turn.notice


def test_a_reply_in_the_articles_words_without_brackets_is_cited_by_attribution(coach) -> None:  # type: ignore[no-untyped-def]
    question = "Why should I run more often?"
    lead = coach.retriever.retrieve(question).passages[0]
    said = sentences(lead.text)[:2]
    model = ScriptedModel([AIMessage(content=" ".join(said))])
    turn = coach_with(coach, model).turn(Session(), question)
    assert turn.notice is None
    assert turn.reply == " ".join(f"{s} [{lead.section}]" for s in said)
    assert {p.section for p in turn.sources} == {lead.section}


def test_a_sentence_the_passages_do_not_bear_out_fails_the_attribution(coach) -> None:  # type: ignore[no-untyped-def]
    question = "Why should I run more often?"
    lead = coach.retriever.retrieve(question).passages[0]
    reply = f"{sentences(lead.text)[0]} Buy new carbon-plated shoes every month."
    turn = coach_with(coach, ScriptedModel([AIMessage(content=reply)])).turn(Session(), question)
    assert "carbon" not in turn.reply
    assert turn.notice == replies.LLM_REJECTED


def test_a_red_flag_never_reaches_the_model(coach) -> None:  # type: ignore[no-untyped-def]
    model = ScriptedModel([AIMessage(content="x [frequency]")] * 5)
    llm_coach = coach_with(coach, model)
    session = Session()
    flagged = llm_coach.turn(session, "both my legs have gone numb and tingly")
    later = llm_coach.turn(session, "Why should I run more often?")
    week = llm_coach.turn(session, "I can only run 4 days a week")
    assert flagged.triage.level == later.triage.level == week.triage.level == "emergency"
    assert model.calls == []
    assert week.week is None


def test_a_model_without_tool_calling_still_gets_a_week(coach) -> None:  # type: ignore[no-untyped-def]
    class NoTools(ScriptedModel):
        def bind_tools(self, tools, **kwargs):  # type: ignore[no-untyped-def]
            raise NotImplementedError

    turn = coach_with(coach, NoTools([])).turn(Session(), "I can only run 4 days a week")
    assert turn.intent == "week" and turn.week is not None


@pytest.mark.parametrize("model", [BrokenModel([]), None])
def test_a_model_that_fails_or_hangs_falls_back_with_a_notice(coach, model) -> None:  # type: ignore[no-untyped-def]
    release = threading.Event()
    if model is None:  # a model that never answers: the voice gives up after its timeout

        class Hanging(ScriptedModel):
            def _generate(self, *args, **kwargs):  # type: ignore[no-untyped-def]
                release.wait(10)
                raise TimeoutError

        model = Hanging([])
    voice_coach = Coach(coach.retriever, coach.sample, Voice(model, "fake:model", timeout_s=0.2))
    try:
        turn = voice_coach.turn(Session(), "Why should I run more often?")
        week = voice_coach.turn(Session(), "I can only run 4 days a week")
    finally:
        release.set()
    assert turn.intent == "question" and "frequency" in turn.reply
    assert turn.notice and "not answering" in turn.notice
    assert week.week is not None and len(week.week.running_days()) == 4
    assert week.notice and "not answering" in week.notice and week.notice in week.reply


def test_the_models_reading_of_a_request_feeds_the_rules_engine(coach) -> None:  # type: ignore[no-untyped-def]
    call = {"name": "RequestSchema", "args": {"run_days": 3, "no_stairs": True}, "id": "1"}
    model = ScriptedModel([AIMessage(content="", tool_calls=[call])])
    session = Session()
    message = "Realistically three runs a week; stair climbing is off the cards"
    turn = coach_with(coach, model).turn(session, message)
    assert turn.intent == "week" and turn.week is not None
    assert len(turn.week.running_days()) <= 3
    assert all(d.kind != "stairs" for d in turn.week.days)
    assert violations(turn.week, session.request) == []


@pytest.mark.parametrize(
    ("message", "read", "merged"),
    [
        # the parser speaks: it wins, whatever the model read
        ("I can run 5 days", WeekRequest(run_days=4), WeekRequest(run_days=5)),
        ("flared up again", WeekRequest(flare=False), WeekRequest(flare=True, flare_after=None)),
        (
            "Saturday long run please",
            WeekRequest(long_run_day="Sunday"),
            WeekRequest(long_run_day="Saturday"),
        ),
        # the parser is silent and the message bears the model out: it fills in
        ("the pool is shut for the winter", WeekRequest(no_pool=True), WeekRequest(no_pool=True)),
        # exclusions add up, but only days the message names, never a day the parser placed
        (
            "can't do Mondays and Fridays are out",
            WeekRequest(excluded_days=frozenset({"Monday", "Friday", "Sunday"})),
            WeekRequest(excluded_days=frozenset({"Monday", "Friday"})),
        ),
        # the message does not bear the model out: nothing of it counts
        ("4 days a week", WeekRequest(no_stairs=True, no_pool=True), WeekRequest(run_days=4)),
        ("4 days a week", WeekRequest(current_km_per_week=0.0), WeekRequest(run_days=4)),
        ("4 days a week", WeekRequest(current_km_per_week=4.0), WeekRequest(run_days=4)),
        ("4 days a week", WeekRequest(max_minutes=4), WeekRequest(run_days=4)),
    ],
)
def test_the_models_reading_counts_only_where_the_message_bears_it_out(
    message: str, read: WeekRequest, merged: WeekRequest
) -> None:
    from chains.request.parse import parse_request

    parsed = parse_request(message)
    assert merge_read(parsed, read, message) == replace(parsed, **_changed(merged))


def _changed(request: WeekRequest) -> dict[str, Any]:
    return {f.name: getattr(request, f.name) for f in fields(WeekRequest)
            if getattr(request, f.name) != getattr(WeekRequest(), f.name)}  # fmt: skip


def test_available_days_read_as_excluded_still_run(coach) -> None:  # type: ignore[no-untyped-def]
    """The misreading two real models gave: the available days as excluded, 0 km, and both
    facilities gone although neither was mentioned."""
    message = "I can only run 3 days, tues thurs and sat, and nothing over 45 minutes"
    wrong = {"run_days": 3, "excluded_days": ["Tuesday", "Thursday", "Saturday"],
             "current_km_per_week": 0, "no_stairs": True, "no_pool": True}  # fmt: skip
    call = {"name": "RequestSchema", "args": wrong, "id": "1"}
    plain = coach.turn(Session(), message)
    turn = coach_with(coach, ScriptedModel([AIMessage(content="", tool_calls=[call])])).turn(
        Session(), message
    )
    assert turn.week is not None and plain.week is not None
    assert set(turn.week.running_days()) == {"Tuesday", "Thursday", "Saturday"}
    assert turn.week == plain.week


@pytest.mark.parametrize(
    ("reply", "problem"),
    [
        ("Lengthen your intervals to 800m [speed-sessions].", ""),
        ("Avoid hill repeats; stairs are safer [vertical-hill-sessions].", ""),
        (
            "Add hill repeats on Tuesday [vertical-hill-sessions].",
            "recommends what the rules forbid",
        ),
        ("Keep your 200m reps at full speed [speed-sessions].", "recommends what the rules forbid"),
        ("Just run through the tingling [speed-sessions].", "recommends what the rules forbid"),
        ("Lengthen your intervals [long-runs].", "cites a section that was not retrieved"),
        # found in review: a harmless word elsewhere in the sentence must not excuse the advice
        (
            "Hill repeats are great and put no strain on your back [vertical-hill-sessions].",
            "recommends what the rules forbid",
        ),
        (
            "Add 200m sprints too, they are safer [speed-sessions].",
            "recommends what the rules forbid",
        ),
        ("Add some hill training [vertical-hill-sessions].", "recommends what the rules forbid"),
        ("Find a hilly route for it [vertical-hill-sessions].", "recommends what the rules forbid"),
        ("Do 6 x 400m at full effort [speed-sessions].", "recommends what the rules forbid"),
        (
            "You can keep running with tingling [speed-sessions].",
            "recommends what the rules forbid",
        ),
        ("Run the long run without stopping to walk [speed-sessions].", "drops walk breaks"),
        ("Instead of 200m reps, do 800m intervals [speed-sessions].", ""),
    ],
)
def test_the_answer_checks(reply: str, problem: str) -> None:
    assert check_answer(reply, {"speed-sessions", "vertical-hill-sessions"}) == problem


def test_every_prompt_renders() -> None:
    passages = [("frequency", "Run more often. It offsets stiffness.")]
    answer = prompts.ANSWER.invoke(
        {
            "passages": prompts.format_passages(passages),
            "example": prompts.example(passages),
            "history": [],
            "question": "why?",
        }
    )
    assert "[frequency] Run more often." in answer.to_string()
    assert '"Run more often [frequency]."' in answer.to_string()
    request = prompts.REQUEST.invoke({"message": "4 days please"})
    assert "4 days please" in request.to_string()
    assert RequestSchema(run_days=4).to_request() == WeekRequest(run_days=4)


# -- the real client path, against an OpenAI-compatible server on loopback ---------------------


@pytest.fixture
def openai_server(monkeypatch) -> Iterator[dict[str, Any]]:  # type: ignore[no-untyped-def]
    pytest.importorskip("langchain_openai")
    seen: dict[str, Any] = {"requests": [], "reply": ""}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            seen["requests"].append(body)
            way = body.get("response_format", {}).get("type")
            if way in seen.get("refused", ()):  # as llama-cpp-python's server does json_schema
                self.send_response(500)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            base = {"id": "c1", "created": 0, "model": body["model"]}
            if body.get("stream"):  # server-sent events, a few words per chunk, as servers do
                words = seen["reply"].split(" ")
                events = [
                    {**base, "object": "chat.completion.chunk",
                     "choices": [{"index": 0, "delta": {"content": " ".join(words[i : i + 3]) +
                                  (" " if i + 3 < len(words) else "")}, "finish_reason": None}]}
                    for i in range(0, len(words), 3)
                ]  # fmt: skip
                data = "".join(f"data: {json.dumps(e)}\n\n" for e in events) + "data: [DONE]\n\n"
                payload, kind = data.encode(), "text/event-stream"
            else:
                payload = json.dumps({
                    **base, "object": "chat.completion",
                    "choices": [{"index": 0, "finish_reason": "stop",
                                 "message": {"role": "assistant", "content": seen["reply"]}}],
                    "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
                }).encode()  # fmt: skip
                kind = "application/json"
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv("OPENAI_BASE_URL", f"http://127.0.0.1:{server.server_port}/v1")
    monkeypatch.setenv("OPENAI_API_KEY", "test-key")
    yield seen
    server.shutdown()


@pytest.mark.slow
def test_ask_with_an_openai_compatible_server(openai_server) -> None:  # type: ignore[no-untyped-def]
    openai_server["reply"] = "Running more often offsets the stiffness of back pain [frequency]."
    out = io.StringIO()
    code = app.main(["ask", "--llm", "openai:any-model", "--json", "Why should I run more often?"],
                    out)  # fmt: skip
    turn = json.loads(out.getvalue())
    assert code == 0 and turn["reply"] == openai_server["reply"]
    assert turn["sources"][0]["section"] == "frequency"
    assert len(openai_server["requests"]) == 1
    assert openai_server["requests"][0]["model"] == "any-model"

    out = io.StringIO()
    code = app.main(["ask", "--llm", "openai:any-model", "--json", "my left foot has gone numb"],
                    out)  # fmt: skip
    assert code == 0 and json.loads(out.getvalue())["intent"] == "red_flag"
    assert len(openai_server["requests"]) == 1  # the flagged message made no request


@pytest.mark.slow
def test_a_server_that_refuses_json_schema_is_read_as_a_json_object(openai_server, caplog) -> None:  # type: ignore[no-untyped-def]
    openai_server["refused"] = {"json_schema"}
    openai_server["reply"] = json.dumps({"excluded_days": ["Tuesday", "Thursday", "Saturday"],
                                         "long_run_day": "Saturday", "no_pool": True})  # fmt: skip
    import os

    from chains.config import Settings
    from chains.factory import build_coach

    coach = build_coach(Settings.load({"llm": "openai:any-model"}, os.environ))
    session = Session()
    with caplog.at_level("WARNING", logger="chains.answer.llm"):
        first = coach.turn(session, "I can only run tues thurs and sat, long run on saturday")
        second = coach.turn(session, "and the pool is closed for repairs")
    ways = [r.get("response_format", {}).get("type") for r in openai_server["requests"]]
    assert ways == ["json_schema", "json_object", "json_object"]  # refused once, then not tried
    assert first.week is not None and second.week is not None
    assert set(first.week.running_days()) <= {"Tuesday", "Thursday", "Saturday"}
    assert first.week.long_run_day() == "Saturday"
    assert all(d.terrain != "pool" for d in second.week.days)
    assert sum("json_schema" in r.getMessage() for r in caplog.records) == 1

    openai_server["refused"] = {"json_schema", "json_object"}
    third = coach.turn(session, "and no stairs either")
    assert len(openai_server["requests"]) == 4  # json_object refused too: the parser alone
    assert third.week is not None and all(d.kind != "stairs" for d in third.week.days)
    coach.turn(session, "make it 3 days")
    assert len(openai_server["requests"]) == 4


def test_a_streamed_answer_reaches_the_runner_a_checked_sentence_at_a_time(coach) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Run more often [frequency]. Shorter runs offset stiffness [frequency]. Done [frequency]."
    )
    seen: list[str] = []
    turn = coach_with(coach, ScriptedModel([AIMessage(content=text)])).turn(
        Session(), "Why should I run more often?", on_text=seen.append
    )
    assert turn.reply == text
    assert len(seen) >= 2 and all(text.startswith(part) for part in seen)


def test_a_forbidden_sentence_is_never_streamed(coach) -> None:  # type: ignore[no-untyped-def]
    text = "Run more often [frequency]. Also add hill sprints on Tuesday [frequency]. Enjoy it."
    seen: list[str] = []
    turn = coach_with(coach, ScriptedModel([AIMessage(content=text)])).turn(
        Session(), "Why should I run more often?", on_text=seen.append
    )
    assert not any("sprints" in part for part in seen)
    assert "sprints" not in turn.reply and turn.notice


def test_a_missing_provider_package_says_what_to_install() -> None:
    import importlib.util

    from chains.answer.llm import load_chat_model
    from knowledge.errors import ConfigError

    if importlib.util.find_spec("langchain_ollama") is not None:
        pytest.skip("langchain-ollama is installed here")
    with pytest.raises(
        ConfigError, match=r"needs its provider package.*pip install -e '\.\[ollama\]'"
    ):
        load_chat_model("ollama:llama3.2")


@pytest.mark.slow
def test_an_unknown_provider_ends_in_one_sentence(capsys) -> None:  # type: ignore[no-untyped-def]
    code = app.main(["ask", "--llm", "nosuchprovider:model", "hi"], io.StringIO())
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert "Cannot use the model 'nosuchprovider:model'" in err


@pytest.mark.slow
def test_the_page_streams_the_models_reply(coach) -> None:  # type: ignore[no-untyped-def]
    from gradio_client import Client

    from eval import free_port

    text = "Run more often [frequency]. Shorter runs help [frequency]. Done [frequency]."
    port = free_port()
    model = ScriptedModel([AIMessage(content=text)])
    demo = ui.serve(coach_with(coach, model), "127.0.0.1", port, block=False)
    try:
        job = Client(f"http://127.0.0.1:{port}", verbose=False, download_files=False).submit(
            "Why should I run more often?", api_name="/chat"
        )
        job.result(timeout=60)
        # the first output is the runner's message alone, shown before the reply starts
        replies = [out[1][-1]["content"] for out in job.outputs() if out[1][-1]["role"] != "user"]
    finally:
        demo.close()
    texts = [r if isinstance(r, str) else " ".join(b["text"] for b in r) for r in replies]
    assert len(texts) >= 3 and texts[-1] == text
    assert all(text.startswith(t) for t in texts)


# -- the property: a model's reading only ever adds what the message states ------------------

# Week requests the parser reads completely (each constraint it states is in the parse).
COMPLETE = [
    "I can only run 3 days, tues thurs and sat, and nothing over 45 minutes",
    "Saturday long run, and no running on Fridays",
    "no stairs near me and the pool is shut",
    "I run about 20 km a week now, 4 days max",
    "never on a Monday please, and max 40 minutes on weekdays",
    "my back flared up yesterday",
    "show me the week",
    "make me a plan",
]
WORDS = ["I", "can", "only", "not", "no", "run", "days", "3", "4", "45", "minutes", "20", "km",
         "tues", "Thursday", "sat", "weekends", "except", "stairs", "pool", "back", "flared",
         "long", "run", "on", "and", "hills", "please", "work", "Mondays"]  # fmt: skip
DAY_NAMES = st.lists(st.sampled_from(DAYS), unique=True, max_size=7)
READINGS = st.builds(
    RequestSchema,
    run_days=st.none() | st.integers(0, 7),
    excluded_days=DAY_NAMES,
    available_days=DAY_NAMES,
    long_run_day=st.none() | st.sampled_from(DAYS),
    no_stairs=st.none() | st.booleans(),
    no_pool=st.none() | st.booleans(),
    max_minutes=st.none() | st.integers(5, 300),
    current_km_per_week=st.none() | st.floats(0, 300),
    flare=st.none() | st.booleans(),
    wishes_against=st.lists(
        st.sampled_from(["hills", "downhill", "sprints", "short_reps", "race_flat_out"]),
        unique=True,
    ),
)


def _stated(name: str, value: Any, message: str) -> bool:
    """Whether the message states this constraint at all: the test's own, plainer reading."""
    low = message.lower()
    if name in ("excluded_days", "available_days", "long_run_day"):
        days = value if isinstance(value, frozenset) else {value}
        groups = {"weekend": DAYS[5:], "weekday": DAYS[:5], "except": DAYS}
        return all(d.lower()[:3] in low or any(g in low and d in groups[g] for g in groups)
                   for d in days)  # fmt: skip
    if name in ("run_days", "max_minutes", "current_km_per_week"):
        return str(round(value)) in low or (name == "run_days" and value == 3 and "three" in low)
    words = {"no_stairs": "stair", "no_pool": "pool", "flare": "back", "wishes_against": "hill"}
    return name in words and (words[name] in low or "flare" in low)


@settings(max_examples=300, deadline=None)
@given(
    message=st.sampled_from(COMPLETE) | st.lists(st.sampled_from(WORDS), max_size=12).map(" ".join),
    read=READINGS,
)
def test_a_models_reading_differs_from_the_parsers_only_in_what_the_message_states(
    message: str, read: RequestSchema
) -> None:
    from chains.request.parse import parse_request

    parsed = parse_request(message)
    merged = merge_read(parsed, read.to_request(), message)
    for f in fields(WeekRequest):
        new = getattr(merged, f.name)
        old = getattr(parsed, f.name)
        if new != old:
            added = new - old if isinstance(new, frozenset) else new
            assert _stated(f.name, added, message), (f.name, added)


@settings(max_examples=150, deadline=None)
@given(message=st.sampled_from(COMPLETE), read=READINGS)
def test_a_models_reading_never_makes_the_week_thinner(message: str, read: RequestSchema) -> None:
    from chains.request.parse import parse_request
    from chains.rules import plan
    from chains.week import sample_week
    from knowledge.week_data import load_sample_week_data

    sample = sample_week(load_sample_week_data())
    parsed = parse_request(message)
    plain = plan(sample, parsed, sample).week
    week = plan(sample, merge_read(parsed, read.to_request(), message), sample).week
    assert len(week.running_days()) >= len(plain.running_days())
    assert week.running_km() >= plain.running_km() - 0.01
