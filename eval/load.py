"""`coach bench --load`: many concurrent runners against the real server, on loopback only.

Each runner is its own gradio_client session holding a multi-turn conversation (a question,
a week change, an explanation or a red flag, then a follow-up). Every reply must arrive, and no
runner may see another's history, week or flag. Bounded in count and in time.
"""

from __future__ import annotations

import csv
import io
import random
import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from chains.config import Settings
from chains.week import RUN_KINDS
from eval import free_port, percentile

DEADLINE_S = 180.0


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
    client = Client(url, verbose=False, download_files=False)
    result: dict[str, Any] = {"latencies": [], "errors": [], "crosstalk": []}
    ready.wait()  # every runner connected: now they all talk at once
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


def run_load(settings: Settings, conversations: int = 32, think_s: float = 3.0) -> dict[str, Any]:
    """Start `coach serve` on loopback, run the conversations at once, report the figures.

    `think_s` is the mean pause between a reply and the runner's next message (reading and
    typing); 0 sends every message the moment the last reply lands (a closed-loop stress)."""
    from eval.bench import start_server

    port = free_port()
    server = start_server(settings, port)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + DEADLINE_S
        started = time.perf_counter()
        ready = threading.Barrier(conversations)
        with ThreadPoolExecutor(max_workers=conversations) as pool:
            runs = [
                pool.submit(_runner, url, n, deadline, ready, think_s) for n in range(conversations)
            ]
            results = [run.result() for run in runs]
        wall = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
    latencies = sorted(x for r in results for x in r["latencies"])
    errors = [e for r in results for e in r["errors"]]
    crosstalk = [c for r in results for c in r["crosstalk"]]

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
    }
    ok = figures["errors"] == 0 and figures["crosstalk"] == 0 and figures["turn_ms_p95"] < 500
    lines = [f"{k:<26} {v:>10.1f}" if isinstance(v, float) else f"{k:<26} {v:>10}"
             for k, v in figures.items()]  # fmt: skip
    lines.append("bar: zero errors, zero cross-talk, p95 < 500 ms: " + ("met" if ok else "NOT MET"))
    return {"figures": figures, "bars_met": ok, "problems": (errors + crosstalk)[:20],
            "table": "\n".join(lines)}  # fmt: skip
