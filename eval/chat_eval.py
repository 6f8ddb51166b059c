"""Week requests as chats (`week_chats_blind.jsonl`): each row is one to three messages, and its
checks read the week the last one returns, the way `coach chat --json` shows it.

Every blind week-chat set since round 2, written from the article and CONTRACT.md by helpers who
saw neither the code nor any set, and added only once scored untouched (README, "Figures"). Their
opening messages also teach the routing step, so `coach eval` plays them on a coach that has not
seen them (`eval/labelled.held_out`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from eval import load_jsonl

PATH = Path(__file__).with_name("week_chats_blind.jsonl")
RUNS = {"recovery", "easy_run", "stairs", "intervals", "long_run"}
Day = dict[str, Any]
CHECKS: dict[str, Callable[[list[Day], str], bool]] = {
    "max_run_days": lambda days, n: sum(d["kind"] in RUNS for d in days) <= int(n),
    "no_run_on": lambda days, day: all(d["kind"] not in RUNS for d in days if d["day"] == day),
    "long_run_day": lambda days, day: any(
        d["kind"] == "long_run" and d["day"] == day for d in days
    ),
    "no_kind": lambda days, kind: all(d["kind"] != kind for d in days),
    "has_kind": lambda days, kind: any(d["kind"] == kind for d in days),
    "max_minutes": lambda days, n: all((d["minutes"] or 0) <= int(n) for d in days),
}


def satisfied(week: dict[str, Any] | None, checks: list[str]) -> bool:
    """Every check holds on the week ("is_week": there is one).

    >>> satisfied({"days": [{"day": "Monday", "kind": "rest", "minutes": None}]},
    ...           ["is_week", "no_run_on:Monday", "max_run_days:0"])
    True
    """
    if week is None:
        return False
    for check in checks:
        name, _, arg = check.partition(":")
        if name != "is_week" and not CHECKS[name](week["days"], arg):
            return False
    return True


def score_chats(coach: Any, path: Path = PATH) -> dict[str, Any]:
    from chains.session import Session

    rows = load_jsonl(path)
    ok = failed = 0
    for row in rows:
        session = Session()
        try:
            turns = [coach.turn(session, message) for message in row["messages"]]
        except Exception:  # counted: the CLI would have ended the chat here (issue 12)
            failed += 1
            continue
        week = turns[-1].to_dict()["week"]
        ok += satisfied(week, row["checks"])
    return {"n": len(rows), "satisfied": ok / max(len(rows), 1), "failed": failed}


def main(argv: list[str] | None = None) -> int:
    """`python -m eval.chat_eval FILE [--held-out]`: score a set of week chats, printing each
    chat that fails (its id, the checks that fail, or the crash or broken invariant) and the
    totals. For scoring a fresh blind set untouched; `--held-out` plays the labelled sets on a
    coach that has not seen them."""
    import argparse
    import os

    from chains.config import Settings
    from chains.factory import build_coach
    from chains.rules import violations
    from chains.session import Session
    from eval.labelled import held_out

    parser = argparse.ArgumentParser(prog="python -m eval.chat_eval")
    parser.add_argument("path", type=Path, nargs="?", default=PATH)
    parser.add_argument("--held-out", action="store_true")
    args = parser.parse_args(argv)
    coach = build_coach(Settings.load({}, os.environ), frozen=True)
    if args.held_out:
        coach = held_out(coach, "week_chats")
    rows = load_jsonl(args.path)
    ok = crashed = broken = 0
    for row in rows:
        session = Session()
        try:
            turns = [coach.turn(session, message) for message in row["messages"]]
        except Exception as exc:  # a crash is a figure here, not an error
            crashed += 1
            print(f"{row['id']}\tCRASH {type(exc).__name__}")
            continue
        bad = violations(session.week, session.request) if session.week else []
        broken += bool(bad)
        week = turns[-1].to_dict()["week"]
        failing = [c for c in row["checks"] if not satisfied(week, [c])]
        ok += not failing
        if failing or bad:
            print(f"{row['id']}\t{turns[-1].intent}\t{' '.join(failing)}\t{'; '.join(bad)}")
    n = len(rows)
    print(
        f"satisfied {ok}/{n} ({ok / max(n, 1):.3f}); crashed {crashed}; invariants broken {broken}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
