"""`coach bench --load`: many concurrent runners against the real server, on loopback only.

Each runner is its own gradio_client session holding a multi-turn conversation (a question,
a week change, an explanation or a red flag, then a follow-up). Every reply must arrive, and no
runner may see another's history, week or flag. Bounded in count and in time.
"""

from __future__ import annotations

import contextlib
import csv
import io
import random
import statistics
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from chains.config import Settings
from chains.week import RUN_KINDS
from eval import free_port, percentile

DEADLINE_S = 180.0
CPU_BAR_MS = 30
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
    from gradio_client import Client

    pause = random.Random(n)  # each runner reads and types at its own, repeatable pace

    messages, days, flagged = script(n)
    result: dict[str, Any] = {"latencies": [], "errors": [], "crosstalk": []}
    try:
        client = Client(url, verbose=False, download_files=False)
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
            out = client.predict(message, api_name="/chat")
        except Exception as err:
            result["errors"].append(type(err).__name__)
            continue
        result["latencies"].append(1000 * (time.perf_counter() - started))
        history, banner, links = out[1], out[2], out[9]
        if _texts(history, "user") != messages[: turn + 1]:
            result["crosstalk"].append(f"runner {n}: history holds messages it did not send")
        if not _texts(history, "assistant")[-1:]:
            result["errors"].append("no reply")
        shows_flag = isinstance(banner, dict) and banner.get("visible") is True
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
    from gradio_client import Client

    client = Client(url, verbose=False, download_files=False)
    problems = []
    for size in sizes:
        out = client.predict("numb " * (size // 5), api_name="/chat")
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
    ok = figures["errors"] == 0 and figures["crosstalk"] == 0 and figures["turn_ms_p95"] < 500
    cpu_ok = figures["server_cpu_ms_per_turn"] <= CPU_BAR_MS
    lines = [f"{k:<30} {v:>10.1f}" if isinstance(v, float) else f"{k:<30} {v:>10}"
             for k, v in figures.items()]  # fmt: skip
    lines.append("bar: zero errors, zero cross-talk, p95 < 500 ms: " + ("met" if ok else "NOT MET"))
    lines.append(f"bar: server CPU <= {CPU_BAR_MS} ms a turn: " + ("met" if cpu_ok else "NOT MET"))
    lines.append(f"(victims: {VICTIMS} runners while {ATTACKERS} clients send {OVERSIZE_TEXT})")
    return {"figures": figures, "bars_met": ok and cpu_ok, "problems": (errors + crosstalk)[:20],
            "table": "\n".join(lines)}  # fmt: skip
