"""`coach bench`: speed and memory figures from one run, each beside its bar."""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from chains.config import Settings
from eval import free_port, load_jsonl, percentile

HERE = Path(__file__).parent


def _times(fn: Callable[[Any], object], items: list[Any], repeat: int = 1) -> list[float]:
    """Milliseconds per call."""
    out = []
    for _ in range(repeat):
        for item in items:
            started = time.perf_counter()
            fn(item)
            out.append(1000 * (time.perf_counter() - started))
    return out


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def run_bench(settings: Settings) -> dict[str, Any]:
    from chains.factory import build_coach
    from chains.guard import triage
    from chains.guard.net import judge
    from chains.session import Session
    from eval.retrieval_eval import SETS
    from knowledge.index import open_index

    questions = [r["q"] for r in load_jsonl(SETS["dev"]) if r["kind"] == "in_scope"]
    coach = build_coach(settings, frozen=True)  # as `coach serve` runs it
    retriever = coach.retriever
    embedder: Any = retriever.embedder  # the real one: it has a name and builds the index
    coach.turn(Session(), questions[0])  # warm up
    embed = _times(embedder.embed_query, questions, 2)
    retrieve = _times(retriever.retrieve, questions, 2)
    turn = _times(lambda q: coach.turn(Session(), q), questions, 2)
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        open_index(embedder, embedder.name, data_dir=Path(tmp), rebuild=True)
        build_s = time.perf_counter() - started

    texts = [row["text"] for row in load_jsonl(HERE / "redflags.jsonl")]
    guard = _times(triage, texts, 5)
    netted = _times(lambda text: judge(text, net=coach.net), texts)  # its clauses embedded
    cold_s, cold_rss = _cold_start(settings)
    to_model_s = _to_model_call(settings)
    serve_s, trip, load = _browser_facing(settings, questions[:40])
    figures = {
        "query_embedding_ms_p50": statistics.median(embed),
        "retrieval_ms_p50": percentile(retrieve, 0.5),
        "retrieval_ms_p95": percentile(retrieve, 0.95),
        "turn_ms_p50": percentile(turn, 0.5),
        "turn_ms_p95": percentile(turn, 0.95),
        "index_build_s": build_s,
        "cold_start_to_first_answer_s": cold_s,
        "ask_with_llm_to_model_call_s": to_model_s,
        "peak_rss_mb": cold_rss,  # the `coach ask` process: model, index, one answer
        "bench_process_rss_mb": _peak_rss_mb(),
        "serve_to_page_s": serve_s,
        "page_usable_s_p50": percentile(load, 0.5) if load else float("nan"),
        "chat_round_trip_ms_p50": percentile(trip, 0.5),
        "chat_round_trip_ms_p95": percentile(trip, 0.95),
        "guard_ms_p50": percentile(guard, 0.5),
        "guard_ms_p99": percentile(guard, 0.99),
        "guard_with_net_ms_p50": percentile(netted, 0.5),
        "guard_with_net_ms_p99": percentile(netted, 0.99),
    }
    bars = {
        "turn_ms_p50": (
            f"<= 1.5 x embed ({1.5 * figures['query_embedding_ms_p50']:.1f})",
            figures["turn_ms_p50"] <= 1.5 * figures["query_embedding_ms_p50"],
        ),
        "peak_rss_mb": ("< 800", figures["peak_rss_mb"] < 800),
        "index_build_s": ("< 5", figures["index_build_s"] < 5),
        "guard_ms_p99": ("< 1", figures["guard_ms_p99"] < 1),
        "guard_with_net_ms_p99": ("< 15", figures["guard_with_net_ms_p99"] < 15),
        "serve_to_page_s": ("< 15", figures["serve_to_page_s"] < 15),
        "page_usable_s_p50": ("< 1", figures["page_usable_s_p50"] < 1),
        "chat_round_trip_ms_p50": ("< 150", figures["chat_round_trip_ms_p50"] < 150),
    }
    lines = [f"{'figure':<32} {'value':>10}  bar"]
    for key, value in figures.items():
        bar, ok = bars.get(key, ("-", True))
        lines.append(f"{key:<32} {value:>10.2f}  {bar}{'' if ok else '  (NOT MET)'}")
    return {
        "figures": {k: round(v, 3) for k, v in figures.items()},
        "bars_met": all(ok for _, ok in bars.values()),
        "table": "\n".join(lines),
    }


def _coach_command(settings: Settings, *args: str) -> list[str]:
    command = [str(Path(sys.executable).with_name("coach")), *args]
    command += ["--data-dir", str(settings.data_dir)]
    if settings.chroma_url:
        command += ["--chroma-url", settings.chroma_url]
    if settings.embedding_model:
        command += ["--embedding-model", settings.embedding_model]
    return command


def start_server(settings: Settings, port: int) -> subprocess.Popen[bytes]:
    """`coach serve` on loopback, returned once the page answers."""
    server = subprocess.Popen(
        _coach_command(settings, "serve", "--port", str(port)),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_for_page(server, f"http://127.0.0.1:{port}")
    return server


def wait_for_page(server: subprocess.Popen[bytes], url: str, limit_s: float = 120) -> None:
    """Until the page at `url` answers; kills the server and raises if it never does."""
    import urllib.request

    started = time.perf_counter()
    while True:
        if server.poll() is not None or time.perf_counter() - started > limit_s:
            server.kill()
            raise RuntimeError(f"coach serve did not come up within {limit_s:.0f} s")
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except OSError:
            time.sleep(0.05)


def _browser_facing(
    settings: Settings, questions: list[str]
) -> tuple[float, list[float], list[float]]:
    """`coach serve` (index already built) until the page answers; page loads in a browser;
    then chat round trips through gradio_client, each in a new conversation."""
    from gradio_client import Client

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    server = start_server(settings, port)
    try:
        serve_s = time.perf_counter() - started
        load = _page_load(url)
        client = Client(url, verbose=False)
        client.predict(questions[0], api_name="/chat")  # warm up
        trips = []
        for question in questions:
            client.predict(api_name="/new_conversation")
            t0 = time.perf_counter()
            client.predict(question, api_name="/chat")
            trips.append(1000 * (time.perf_counter() - t0))
        return serve_s, trips, load
    finally:
        server.terminate()
        server.wait(timeout=30)


def _page_load(url: str, loads: int = 5) -> list[float]:
    """Seconds from asking for the page until the message box takes typing and all seven days
    of the week are shown, in headless Chromium (Playwright, a dev dependency; [] without it)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return []
    chromium = "/usr/bin/chromium"
    if not Path(chromium).exists():
        return []
    seconds = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--headless", "--no-sandbox"])
        try:
            for _ in range(loads + 1):  # the first warms the server's and browser's caches
                page = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
                started = time.perf_counter()
                page.goto(url, wait_until="commit")
                page.locator("#message textarea").wait_for(state="visible")
                page.wait_for_function(
                    "document.querySelectorAll('#week-table tr[data-day]').length == 7"
                    " && !document.querySelector('#message textarea').disabled"
                )
                seconds.append(time.perf_counter() - started)
                page.context.close()
        finally:
            browser.close()
    return seconds[1:]


def _to_model_call(settings: Settings) -> float:
    """A new `coach ask --llm openai:...` process: seconds until its model is first called, on
    a stand-in OpenAI-compatible server on loopback that answers at once."""
    called: list[float] = []
    reply = json.dumps({
        "id": "b", "object": "chat.completion", "created": 0, "model": "bench",
        "choices": [{"index": 0, "finish_reason": "stop",
                     "message": {"role": "assistant", "content": "Run often [frequency]."}}],
    }).encode()  # fmt: skip

    class Stand(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            called.append(time.perf_counter())
            self.rfile.read(int(self.headers["Content-Length"]))
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Stand)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    env = os.environ | {
        "OPENAI_BASE_URL": f"http://127.0.0.1:{server.server_port}/v1",
        "OPENAI_API_KEY": "bench",
    }
    command = _coach_command(settings, "ask", "--llm", "openai:bench", "Why run more often?")
    try:
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=env)
    finally:
        server.shutdown()
    return called[0] - started if called else float("nan")


# Runs a command and prints its peak RSS in KiB. The bench's own children would not do: Python
# starts them with vfork, so a child's peak counts the bench process's memory until its exec.
_PEAK_OF = (
    "import resource, subprocess, sys; "
    "subprocess.run(sys.argv[1:], check=True, capture_output=True); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def _cold_start(settings: Settings) -> tuple[float, float]:
    """A new process: load everything, open the index, answer one question; its own peak RSS."""
    command = _coach_command(settings, "ask", "Why should I run more often?")
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _PEAK_OF, *command], check=True, capture_output=True, text=True
    )
    return time.perf_counter() - started, int(done.stdout.split()[-1]) / 1024
