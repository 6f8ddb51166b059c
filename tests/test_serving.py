"""The served page under abuse and faults (issue 14): lone surrogates and other raw input
through the HTTP queue, with the next turn of the same session still answered; uploads refused;
downloads built in memory, never on disk; sessions that expire; `coach serve` shutting down
cleanly on SIGINT (130) and SIGTERM, leaving no health data behind."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chains.page import UNEXPECTED

MARKER = "zebra-quokka-7731"


class Session:
    """One browser session spoken to in Gradio's own queue protocol, as raw JSON: unlike
    gradio_client, it can send what a browser or a script can (a lone surrogate as "\\ud800")."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.hash = uuid.uuid4().hex[:12]
        config = json.load(urllib.request.urlopen(f"{url}/config", timeout=30))
        deps = config["dependencies"]
        self.fn = next(d.get("id", i) for i, d in enumerate(deps) if d.get("api_name") == "chat")

    def send(self, message: str) -> dict[str, Any]:
        payload = {"data": [message, None], "fn_index": self.fn, "session_hash": self.hash,
                   "event_data": None, "trigger_id": None}  # fmt: skip
        body = json.dumps(payload).encode()  # ensure_ascii: surrogates go as \\ud800 escapes
        request = urllib.request.Request(
            f"{self.url}/gradio_api/queue/join", body, {"Content-Type": "application/json"}
        )
        event = json.load(urllib.request.urlopen(request, timeout=30))["event_id"]
        data = f"{self.url}/gradio_api/queue/data?session_hash={self.hash}"
        with urllib.request.urlopen(data, timeout=60) as stream:
            for line in stream:
                if line.startswith(b"data:"):
                    msg = json.loads(line[5:])
                    if msg.get("msg") == "process_completed" and msg.get("event_id") == event:
                        return msg
        raise AssertionError("the turn never completed")

    def chat(self, message: str) -> list[dict[str, Any]]:
        """The chat history after this message; fails the test when the turn failed."""
        done = self.send(message)
        assert done["success"], done.get("output")
        return done["output"]["data"][1]


def _text(message: dict[str, Any]) -> str:
    content = message["content"]
    return " ".join(b.get("text", "") for b in content) if isinstance(content, list) else content


@pytest.fixture(scope="module")
def served(coach, tmp_path_factory) -> Iterator[tuple[str, Any]]:  # type: ignore[no-untyped-def]
    from chains import ui
    from eval import free_port

    port = free_port()
    with pytest.MonkeyPatch.context() as patch:  # its own cache: never another run's files
        patch.setenv("GRADIO_TEMP_DIR", str(tmp_path_factory.mktemp("gradio")))
        demo = ui.serve(coach, "127.0.0.1", port, block=False)
    yield f"http://127.0.0.1:{port}", demo
    demo.close()


@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.text(st.characters(codec=None, categories=None), max_size=300))
def test_any_text_through_http_keeps_the_session_working(served, message: str) -> None:  # type: ignore[no-untyped-def]
    url, _ = served
    runner = Session(url)
    runner.chat(f"{message}\ud800 my left foot has gone numb")
    history = runner.chat("Can I keep doing my 200m repeats?")
    assert len(history) == 4 and UNEXPECTED not in _text(history[-1])
    assert "day or two" in _text(history[-1])  # the referral stands on the next turn


@pytest.mark.parametrize("size", [20_001, 1_000_000])
def test_an_oversize_message_through_http_is_refused_in_one_sentence(served, size: int) -> None:  # type: ignore[no-untyped-def]
    url, _ = served
    runner = Session(url)
    history = runner.chat("numb " * (size // 5 + 1))
    assert "20,000" in _text(history[-1]) and len(_text(history[0])) < 400
    again = runner.chat("Can I keep doing my 200m repeats?")
    assert "Speed sessions" in _text(again[-1])  # the page names sections by title (issue 13)


@pytest.mark.parametrize("origin", [None, "http://evil.example"])
@pytest.mark.parametrize("size", [1, 20_000_000])
def test_uploads_are_refused(served, tmp_path: Path, origin: str | None, size: int) -> None:  # type: ignore[no-untyped-def]
    """As `curl -F files=@blob http://.../gradio_api/upload` would post it."""
    url, demo = served
    boundary = "backstride-test"
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="files"; '
        f'filename="blob.bin"\r\nContent-Type: application/octet-stream\r\n\r\n'
    ).encode()
    body += b"x" * size + f"\r\n--{boundary}--\r\n".encode()  # fmt: skip
    headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
    if origin:
        headers["Origin"] = origin
    request = urllib.request.Request(f"{url}/gradio_api/upload", body, headers)
    try:
        urllib.request.urlopen(request, timeout=60)
        pytest.fail("the upload was accepted")
    except urllib.error.HTTPError as refused:
        assert refused.code == 413
    except urllib.error.URLError as cut:  # refused while the body was still being sent
        assert isinstance(cut.reason, ConnectionResetError)
    for cache in {Path(demo.GRADIO_CACHE), Path(os.environ["GRADIO_TEMP_DIR"])}:
        assert not list(cache.rglob("blob.bin"))  # nothing kept, wherever an upload would go


def _links(history_out: list[Any]) -> dict[str, str]:
    html = " ".join(map(str, history_out))  # the downloads' HTML, wherever it is among them
    return dict(re.findall(r'id="download-(\w+)"[^>]*href="([^"]+)"', html))


def test_downloads_are_built_when_asked_and_never_kept(served) -> None:  # type: ignore[no-untyped-def]
    from gradio_client import Client

    url, _ = served
    client = Client(url, verbose=False, download_files=False)
    out = client.predict("I can only run 3 days a week", api_name="/chat")
    links = _links(out)
    assert set(links) == {"md", "csv", "ics"}
    with urllib.request.urlopen(f"{url}/{links['csv']}", timeout=30) as response:
        assert response.headers["Cache-Control"] == "no-store"
        rows = response.read().decode().splitlines()
    assert rows[0].startswith("day,session,kind") and len(rows) == 8
    assert sum(",easy_run," in r or ",long_run," in r or ",intervals," in r for r in rows) <= 3
    client.predict(api_name="/new_conversation")  # a new conversation: the old link is gone
    with pytest.raises(urllib.error.HTTPError) as gone:
        urllib.request.urlopen(f"{url}/{links['csv']}", timeout=30)
    assert gone.value.code == 404 and b"expired" in gone.value.read()


def test_an_idle_session_expires_and_its_download_goes(served, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import gradio.state_holder as holder

    from chains import page

    url, demo = served
    runner = Session(url)
    runner.chat("I can only run 4 days a week")
    state = demo.state_holder[runner.hash]
    kept = [v for v in state.state_data.values() if isinstance(v, page.PageState)]
    assert len(kept) == 1 and kept[0].session.week is not None
    token = kept[0].token
    assert demo.downloads.file(token, "csv", dt.datetime.now(dt.UTC))

    later = dt.datetime.now() + dt.timedelta(seconds=page.SESSION_IDLE_S + 1)

    class Later(dt.datetime):
        @classmethod
        def now(cls, tz: Any = None) -> Any:
            return later

    monkeypatch.setattr(holder, "datetime", SimpleNamespace(datetime=Later))
    demo.state_holder.delete_all_expired_state()  # what Gradio runs every second
    assert not any(isinstance(v, page.PageState) for v in state.state_data.values())
    assert demo.downloads.file(token, "csv", dt.datetime.now(dt.UTC)) is None


def _holding(folders: list[Path], needles: list[bytes]) -> list[str]:
    found = []
    for folder in folders:
        for path in folder.rglob("*") if folder.exists() else []:
            if path.is_file() and any(n in path.read_bytes() for n in needles):
                found.append(str(path))
    return found


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 0)])
def test_serve_leaves_no_health_data_on_disk_and_stops_cleanly(  # type: ignore[no-untyped-def]
    coach, shared_dir: Path, tmp_path: Path, sig: int, code: int
) -> None:
    """A conversation with a flare, a red flag and downloads; then no file in the system temp
    folder, the data dir or Gradio's cache holds any of its text, before or after the
    downloads or the shutdown, and the exit status is CONTRACT.md's."""
    import os

    from eval import free_port
    from eval.bench import wait_for_page

    data, temp, cache = tmp_path / "data", tmp_path / "tmp", tmp_path / "gradio"
    shutil.copytree(shared_dir, data)  # the index and sign bank, already built
    temp.mkdir()
    env = {**os.environ, "TMPDIR": str(temp), "GRADIO_TEMP_DIR": str(cache),
           "COACH_DATA_DIR": str(data)}  # fmt: skip
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [str(Path(sys.executable).with_name("coach")), "serve", "--port", str(port)]
    server = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        wait_for_page(server, url)
        runner = Session(url)
        runner.chat(f"My name is {MARKER}. I can only run 4 days a week")
        links = _links(runner.send("I had a flare-up last week")["output"]["data"])
        files = [urllib.request.urlopen(f"{url}/{href}", timeout=30).read() for href in
                 links.values()]  # fmt: skip
        flare = [line.encode() for line in files[0].decode().splitlines() if "flare" in line]
        assert flare, "the week should say why it changed after the flare"
        runner.chat(f"my left foot has gone numb, {MARKER}")
        needles = [MARKER.encode(), *flare]
        assert _holding([temp, data, cache], needles) == []
    finally:
        server.send_signal(sig)
        out, err = server.communicate(timeout=60)
    assert server.returncode == code, err.decode()[-500:]
    assert b"Traceback" not in err and MARKER.encode() not in out + err
    assert _holding([temp, data, cache], needles) == []
    assert list(temp.iterdir()) == []  # nothing left behind in the system temp folder


def test_an_index_damaged_under_the_running_server_heals(embedder, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The issue's reproduction: corrupt the embedded index under a running server; the next
    question, week change and "why" are answered, and "why" explains only what was shown."""
    from chains import ui
    from chains.answer.retrieval import HybridRetriever
    from chains.coach import Coach
    from chains.week import sample_week
    from eval import free_port
    from knowledge.glossary import load_glossary
    from knowledge.index import open_index
    from knowledge.week_data import load_sample_week_data

    index = open_index(embedder, embedder.name, data_dir=tmp_path)
    coach = Coach(HybridRetriever(index, embedder, load_glossary()),
                  sample_week(load_sample_week_data()))  # fmt: skip
    port = free_port()
    demo = ui.serve(coach, "127.0.0.1", port, block=False)
    try:
        runner = Session(f"http://127.0.0.1:{port}")
        runner.chat("Can I keep doing my 200m repeats?")
        (tmp_path / "chroma" / "chroma.sqlite3").write_bytes(b"garbage" * 1000)
        answered = runner.chat("Why should I run more often?")
        assert "frequency" in _text(answered[-1]).lower() and "⚠️" not in _text(answered[-1])
        week = runner.chat("I can only run 3 days a week")
        assert "⚠️" not in _text(week[-1])
        why = runner.chat("why did you drop Friday?")
        assert "3 running days" in _text(why[-1]) or "3 days" in _text(why[-1])
    finally:
        demo.close()
