"""`coach bench --load`: many concurrent runners against the real server, on loopback only.

Each runner is its own page session holding a multi-turn conversation (a question, a week
change, an explanation or a red flag, then a follow-up). Every reply must arrive, and no runner
may see another's history, week or flag. Bounded in count and in time.

A runner talks to the server as the page does (`Chat`: join Gradio's queue, read the session's
event stream), not through gradio_client, which spends about 100 ms of CPU a turn on its own
threads and polling: on 2 cores that load generator, not the server, set the pace.
"""

from __future__ import annotations

import contextlib
import csv
import http.client
import io
import json
import random
import statistics
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from urllib.parse import urlsplit

from chains.config import Settings
from chains.week import RUN_KINDS
from eval import free_port, percentile

DEADLINE_S = 180.0
CPU_BAR_MS = 30
P95_BAR_MS, STRESS_P95_BAR_MS = 500, 1500  # think time of 3 s or more; under 3 s
VICTIMS, ATTACKERS = 4, 4
OVERSIZE = (1_000_000, 5_000_000)  # characters: each attacker sends both, refused at the edge
OVERSIZE_TEXT = "a 1 MB and a 5 MB message each"


def script(n: int) -> tuple[list[str], int, bool]:
    """Runner n's messages, the days they can run, and whether they raise a red flag."""
    days = 3 + n % 3  # 3 to 5: always fewer than the sample week, so the week changes
    flagged = n % 4 == 0
    last = ["my left foot has gone numb", "ok, can I have a 4-day plan?"] if flagged else [
        "why did you drop Friday?", "and no stairs either"]  # fmt: skip
    return (
        ["Why should I run more often?", f"I can only run {days} days a week", *last],
        days,
        flagged,
    )


class Chat:
    """One page session on the server's `/chat` endpoint, spoken as the page speaks it: join
    Gradio's queue with the session's id, then read the session's event stream to the reply."""

    def __init__(self, url: str, timeout_s: float = 60.0) -> None:
        parts = urlsplit(url)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.session = uuid.uuid4().hex
        self.timeout_s = timeout_s
        config = json.loads(self._get("/config"))
        self.fn_index = next(d["id"] for d in config["dependencies"] if d.get("api_name") == "chat")

    def _get(self, path: str) -> bytes:
        conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout_s)
        try:
            conn.request("GET", path)
            return conn.getresponse().read()
        finally:
            conn.close()

    def send(self, message: str) -> list[Any]:
        """The endpoint's outputs for one message."""
        conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout_s)
        try:
            body = {"data": [message, None], "event_data": None, "fn_index": self.fn_index,
                    "trigger_id": None, "session_hash": self.session}  # fmt: skip
            conn.request("POST", "/gradio_api/queue/join", json.dumps(body),
                         {"Content-Type": "application/json"})  # fmt: skip
            response = conn.getresponse()
            joined = json.loads(response.read())
            if response.status != 200:
                raise RuntimeError(f"join refused: {response.status}")
            conn.request("GET", f"/gradio_api/queue/data?session_hash={self.session}")
            for line in conn.getresponse():
                if not line.startswith(b"data:"):
                    continue
                event = json.loads(line[5:])
                ours = event.get("event_id") == joined["event_id"]
                if ours and event["msg"] == "process_completed":
                    if not event.get("success"):
                        raise RuntimeError("the turn failed")
                    return list(event["output"]["data"])
        finally:
            conn.close()
        raise RuntimeError("the stream ended before the reply")


def _texts(history: list[dict[str, Any]], role: str) -> list[str]:
    out = []
    for message in history:
        if message["role"] != role:
            continue
        content = message["content"]
        if isinstance(content, list):
            content = " ".join(block.get("text", "") for block in content)
        out.append(str(content))
    return out


def _csv_rows(url: str, links: Any) -> list[dict[str, str]]:
    """The week's CSV as the page offers it: the download link, built by the server in memory
    when asked for."""
    import re
    import urllib.request

    html = links.get("value") if isinstance(links, dict) else links
    found = re.search(r'id="download-csv"[^>]*href="([^"]+)"', str(html or ""))
    if not found:
        return []
    with urllib.request.urlopen(f"{url}/{found.group(1)}", timeout=30) as response:
        return list(csv.DictReader(io.StringIO(response.read().decode("utf-8"))))


def _runner(
    url: str, n: int, deadline: float, ready: threading.Barrier, think_s: float
) -> dict[str, Any]:
    pause = random.Random(n)  # each runner reads and types at its own, repeatable pace

    messages, days, flagged = script(n)
    result: dict[str, Any] = {"latencies": [], "errors": [], "crosstalk": []}
    try:
        client = Chat(url)
    except Exception as err:  # counted, and the others are not kept waiting for this runner
        result["errors"].append(f"could not connect: {type(err).__name__}")
        ready.abort()
        return result
    # every runner connected: now they all talk at once (one that could not: the rest go on)
    with contextlib.suppress(threading.BrokenBarrierError):
        ready.wait(timeout=DEADLINE_S)
    for turn, message in enumerate(messages):
        if think_s:  # runners arrive, read and type at their own pace; none in lockstep
            time.sleep(pause.uniform(0.5 * think_s if turn else 0.0, 1.5 * think_s))
        if time.monotonic() > deadline:
            result["errors"].append("deadline passed")
            break
        started = time.perf_counter()
        try:
            out = client.send(message)
        except Exception as err:
            result["errors"].append(type(err).__name__)
            continue
        result["latencies"].append(1000 * (time.perf_counter() - started))
        # chains/ui.py's outputs: box, chat, state, marker, banner, caption, table, chart,
        # changes, sources, downloads
        history, marker, links = out[1], out[3], out[10]
        if _texts(history, "user") != messages[: turn + 1]:
            result["crosstalk"].append(f"runner {n}: history holds messages it did not send")
        if not _texts(history, "assistant")[-1:]:
            result["errors"].append("no reply")
        shows_flag = 'data-flagged="true"' in str(marker)
        if shows_flag and not (flagged and turn >= 2):
            result["crosstalk"].append(f"runner {n}: a red flag it never raised")
        if turn == 1:  # the week change: the week's CSV must respect this runner's days
            rows = _csv_rows(url, links)
            if not rows:
                result["errors"].append("no week after a week request")
                continue
            if sum(r["kind"] in RUN_KINDS for r in rows) > days:
                result["crosstalk"].append(f"runner {n}: a week with more than {days} run days")
    return result


def _attacker(url: str, sizes: tuple[int, ...]) -> list[str]:
    """A client sending oversize messages, each refused at the edge: what went wrong, if any."""
    client = Chat(url)
    problems = []
    for size in sizes:
        out = client.send("numb " * (size // 5))
        if "20,000" not in str(out[1][-1]):
            problems.append(f"a {size:,}-character message was not refused")
    return problems


def _cpu_s(pid: int) -> float:
    import psutil

    times = psutil.Process(pid).cpu_times()
    return float(times.user + times.system)


def _conversations(
    url: str,
    conversations: int,
    think_s: float,
    attackers: int = 0,
    on_ready: Callable[[], None] | None = None,
) -> tuple[list[dict[str, Any]], list[str], float]:
    """Run the conversations at once (with `attackers` clients sending oversize messages
    alongside): the runners' results, the attackers' problems, the wall time."""
    deadline = time.monotonic() + DEADLINE_S
    started = time.perf_counter()
    ready = threading.Barrier(conversations, action=on_ready)
    with ThreadPoolExecutor(max_workers=conversations + attackers) as pool:
        attacks = [pool.submit(_attacker, url, OVERSIZE) for _ in range(attackers)]
        runs = [
            pool.submit(_runner, url, n, deadline, ready, think_s) for n in range(conversations)
        ]
        results = [run.result() for run in runs]
        problems = [p for attack in attacks for p in attack.result()]
    return results, problems, time.perf_counter() - started


def _p95(results: list[dict[str, Any]]) -> float:
    return percentile(sorted(x for r in results for x in r["latencies"]), 0.95)


def run_load(settings: Settings, conversations: int = 32, think_s: float = 3.0) -> dict[str, Any]:
    """Start `coach serve` on loopback, run the conversations at once, report the figures;
    then a few runners again while ATTACKERS clients send oversize messages (1 MB, 5 MB).

    `think_s` is the mean pause between a reply and the runner's next message (reading and
    typing); 0 sends every message the moment the last reply lands (a closed-loop stress).
    The server's CPU per turn is its process CPU time over the turns (the load generator runs
    in this process, so it is not counted); it includes the week CSV each runner fetches."""
    from eval.bench import start_server

    port = free_port()
    server = start_server(settings, port)
    url = f"http://127.0.0.1:{port}"
    try:
        cpu = [_cpu_s(server.pid)]
        mark = lambda: cpu.append(_cpu_s(server.pid))  # noqa: E731 - all runners connected
        results, _, wall = _conversations(url, conversations, think_s, on_ready=mark)
        cpu_s = _cpu_s(server.pid) - cpu[-1]  # the turns (and week downloads) alone
        connect_s = cpu[-1] - cpu[0]  # each runner's page config and API info
        victims, refused, _ = _conversations(url, VICTIMS, think_s, attackers=ATTACKERS)
    finally:
        server.terminate()
        server.wait(timeout=30)
    latencies = sorted(x for r in results for x in r["latencies"])
    errors = [e for r in [*results, *victims] for e in r["errors"]] + refused
    crosstalk = [c for r in [*results, *victims] for c in r["crosstalk"]]

    figures = {
        "conversations": conversations,
        "think_s_mean": think_s,
        "turns": len(latencies),
        "errors": len(errors),
        "crosstalk": len(crosstalk),
        "throughput_turns_per_s": len(latencies) / wall if wall else 0.0,
        "turn_ms_p50": statistics.median(latencies) if latencies else 0.0,
        "turn_ms_p95": percentile(latencies, 0.95),
        "turn_ms_p99": percentile(latencies, 0.99),
        "server_cpu_ms_per_turn": 1000 * cpu_s / len(latencies) if latencies else 0.0,
        "server_cpu_ms_per_connect": 1000 * connect_s / conversations,
        "victim_ms_p95_under_oversize": _p95(victims),
    }
    # at a reader's pace a reply should feel immediate; at a 1 s pace (a stress, far past how
    # runners type) within 1.5 s (issue 14)
    p95_bar = P95_BAR_MS if think_s >= 3 else STRESS_P95_BAR_MS
    ok = figures["errors"] == 0 and figures["crosstalk"] == 0 and figures["turn_ms_p95"] < p95_bar
    cpu_ok = figures["server_cpu_ms_per_turn"] <= CPU_BAR_MS
    lines = [f"{k:<30} {v:>10.1f}" if isinstance(v, float) else f"{k:<30} {v:>10}"
             for k, v in figures.items()]  # fmt: skip
    lines.append(f"bar: zero errors, zero cross-talk, p95 < {p95_bar} ms: "
                 + ("met" if ok else "NOT MET"))  # fmt: skip
    lines.append(f"bar: server CPU <= {CPU_BAR_MS} ms a turn: " + ("met" if cpu_ok else "NOT MET"))
    lines.append(f"(victims: {VICTIMS} runners while {ATTACKERS} clients send {OVERSIZE_TEXT})")
    return {"figures": figures, "bars_met": ok and cpu_ok, "problems": (errors + crosstalk)[:20],
            "table": "\n".join(lines)}  # fmt: skip
