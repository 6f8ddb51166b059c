"""The optional LLM voice, with LangChain's fake chat models and a fake OpenAI-compatible server
on loopback: its answers are used only when they pass the checks, it never sees a flagged
conversation, and its request readings feed the rules engine, never the week itself."""

from __future__ import annotations

import io
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from langchain_core.messages import AIMessage

import app
from chains.answer import prompts
from chains.answer.llm import RequestSchema, Voice, check_answer, merge_conservative
from chains.coach import Coach
from chains.request import WeekRequest
from chains.rules.invariants import violations
from chains.session import Session
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
    finally:
        release.set()
    assert turn.intent == "question" and "frequency" in turn.reply
    assert turn.notice and "not answering" in turn.notice


def test_the_models_reading_of_a_request_feeds_the_rules_engine(coach) -> None:  # type: ignore[no-untyped-def]
    call = {"name": "RequestSchema", "args": {"run_days": 3, "no_stairs": True}, "id": "1"}
    model = ScriptedModel([AIMessage(content="", tool_calls=[call])])
    session = Session()
    turn = coach_with(coach, model).turn(session, "Realistically three runs a week, and show me")
    assert turn.intent == "week" and turn.week is not None
    assert len(turn.week.running_days()) <= 3
    assert all(d.kind != "stairs" for d in turn.week.days)
    assert violations(turn.week, session.request) == []


@pytest.mark.parametrize(
    ("parsed", "read", "merged"),
    [
        (WeekRequest(run_days=5), WeekRequest(run_days=4), WeekRequest(run_days=4)),
        (WeekRequest(), WeekRequest(no_pool=True), WeekRequest(no_pool=True)),
        (WeekRequest(flare=True), WeekRequest(flare=False), WeekRequest(flare=True)),
        (
            WeekRequest(excluded_days=frozenset({"Monday"})),
            WeekRequest(excluded_days=frozenset({"Friday"})),
            WeekRequest(excluded_days=frozenset({"Monday", "Friday"})),
        ),
        (
            WeekRequest(long_run_day="Saturday"),
            WeekRequest(long_run_day="Sunday"),
            WeekRequest(long_run_day="Saturday"),
        ),
    ],
)
def test_parser_and_model_merge_towards_the_safer_request(parsed, read, merged) -> None:  # type: ignore[no-untyped-def]
    assert merge_conservative(parsed, read) == merged


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
    answer = prompts.ANSWER.invoke(
        {"passages": "[frequency] Run more often.", "history": [], "question": "why?"}
    )
    assert "[frequency] Run more often." in answer.to_string()
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
    demo = app.serve(coach_with(coach, model), "127.0.0.1", port, block=False)
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
