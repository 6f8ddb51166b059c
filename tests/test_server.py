"""The served page as clients see it: any input through the HTTP endpoint, a failing index that
does not lose the conversation, concurrent runners without cross-talk, and two app processes
sharing one Chroma server."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chains.coach import Coach
from chains.page import UNEXPECTED
from knowledge.errors import IndexUnavailable

pytestmark = pytest.mark.slow


class Switchable:
    """The real retriever, until `down` is set: then the index stops answering."""

    def __init__(self, real: Any) -> None:
        self.real = real
        self.down = False

    def __getattr__(self, name: str) -> Any:
        if self.down and name in {"retrieve", "section_passages"}:
            raise IndexUnavailable("The index stopped answering: start the Chroma server again.")
        return getattr(self.real, name)


@pytest.fixture(scope="module")
def served(coach) -> Iterator[tuple[str, Switchable]]:  # type: ignore[no-untyped-def]
    from chains import ui
    from eval import free_port

    retriever = Switchable(coach.retriever)
    port = free_port()
    demo = ui.serve(Coach(retriever, coach.sample), "127.0.0.1", port, block=False)  # type: ignore[arg-type]
    yield f"http://127.0.0.1:{port}", retriever
    demo.close()


def _users(history: list[dict[str, Any]]) -> int:
    return sum(1 for m in history if m["role"] == "user")


@pytest.mark.parametrize(
    "message",
    ["", "   ", "\x00\x07\x1b[31m", "🏃‍♀️💥" * 500, "<script>alert(1)</script>", "x" * 60_000,
     "\u202e\u200b\ufeff", "DROP TABLE runners; --"],
)  # fmt: skip
def test_the_http_endpoint_answers_any_input(served, message: str) -> None:  # type: ignore[no-untyped-def]
    from gradio_client import Client

    url, _ = served
    client = Client(url, verbose=False, download_files=False)
    out = client.predict(message, api_name="/chat")
    again = client.predict("Can I keep doing my 200m repeats?", api_name="/chat")
    assert out[1][-1]["role"] == "assistant"
    assert UNEXPECTED not in json.dumps(out[1], ensure_ascii=False)  # a crash is a message too
    assert _users(again[1]) == 2 and "Speed sessions" in json.dumps(again[1])


def test_an_index_failure_keeps_the_conversation_so_the_runner_can_retry(served) -> None:  # type: ignore[no-untyped-def]
    from gradio_client import Client

    url, retriever = served
    client = Client(url, verbose=False, download_files=False)
    client.predict("Can I keep doing my 200m repeats?", api_name="/chat")
    retriever.down = True
    try:
        failed = client.predict("Why should I run more often?", api_name="/chat")
    finally:
        retriever.down = False
    assert "start the Chroma server again" in json.dumps(failed[1][-1])
    retried = client.predict("Why should I run more often?", api_name="/chat")
    assert _users(retried[1]) == 3
    assert "frequency of sessions" in json.dumps(retried[1][-1]).lower()


def test_concurrent_runners_see_only_their_own_conversation(tmp_path: Path) -> None:
    from chains.config import Settings
    from eval.load import run_load

    report = run_load(Settings(data_dir=tmp_path), conversations=8, think_s=0)
    figures = report["figures"]
    assert figures["turns"] == 8 * 4
    assert figures["errors"] == 0 and figures["crosstalk"] == 0, report["problems"]


def test_two_app_processes_share_one_chroma_server(chroma_server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _, url = chroma_server
    coach = str(Path(sys.executable).with_name("coach"))
    built = subprocess.run([coach, "index", "--json", "--chroma-url", url],
                           capture_output=True, text=True, timeout=300)  # fmt: skip
    assert built.returncode == 0 and json.loads(built.stdout)["where"] == url
    asks = [
        subprocess.Popen(
            [
                coach,
                "ask",
                "--json",
                "--chroma-url",
                url,
                "--data-dir",
                str(tmp_path / f"d{i}"),
                question,
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i, question in enumerate(["Can I keep doing my 200m repeats?", "Why run more often?"])
    ]
    results = [p.communicate(timeout=300) for p in asks]
    turns = [json.loads(stdout) for stdout, _ in results]
    assert [p.returncode for p in asks] == [0, 0]
    assert turns[0]["sources"][0]["section"] == "speed-sessions"
    assert turns[1]["sources"][0]["section"] == "frequency"
    assert not any((tmp_path / f"d{i}").exists() for i in range(2))  # nothing stored locally


@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.text(max_size=2000))
def test_the_http_endpoint_survives_fuzzed_messages(served, message: str) -> None:  # type: ignore[no-untyped-def]
    from gradio_client import Client

    url, _ = served
    out = Client(url, verbose=False, download_files=False).predict(message, api_name="/chat")
    assert out[1][-1]["role"] == "assistant" and out[1][-1]["content"]
    assert UNEXPECTED not in out[1][-1]["content"]  # the turn answered, it did not crash


def test_a_turn_sends_the_panel_as_values_never_as_gradio_updates(served) -> None:  # type: ignore[no-untyped-def]
    """What shows and hides follows the page-state marker, through the CSS: a `gr.update` or a
    `gr.skip` makes Gradio copy the component for the session, which cost the server more CPU
    a turn than the coach did."""
    from eval.load import Chat

    chat = Chat(served[0])
    for message in ["Why should I run more often?", "I can only run 3 days a week",
                    "my left foot has gone numb"]:  # fmt: skip
        out = chat.send(message)
        updates = [o for o in out if isinstance(o, dict) and "update" in o.get("__type__", "")]
        assert updates == [], message
    assert 'data-flagged="true"' in out[3] and "within a day or two" in out[4]
