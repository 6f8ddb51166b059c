"""Week requests in runners' own words: does the parser read every constraint, and does the week
that comes out pass the checks written for it (and every invariant)?

Each line of `week_requests.jsonl`: `text`, optional `history` (earlier messages of the same
conversation), `expect` (the constraints `text` itself states; every other field must stay
unset, so an invented constraint counts as a miss) and `checks` on the conversation's week.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import fields
from pathlib import Path
from typing import Any

from chains.request import WeekRequest, parse_request
from chains.rules import Adaptation, plan
from chains.rules.invariants import violations
from chains.week import DAYS, SECTION_IDS, WEEKDAYS, WEEKEND, Week, sample_week
from eval import load_jsonl
from knowledge.week_data import load_sample_week_data

BARS = {"parser_exact": 0.95, "weeks_pass": 1.0}
DEFAULT_PATH = Path(__file__).with_name("week_requests.jsonl")
SET_FIELDS = {"excluded_days", "available_days", "wishes_against"}


def parsed_fields(request: WeekRequest) -> dict[str, Any]:
    """The request's stated fields as JSON values (sets sorted, pairs as lists)."""
    blank = WeekRequest()
    out: dict[str, Any] = {}
    for f in fields(WeekRequest):
        value = getattr(request, f.name)
        if value == getattr(blank, f.name):
            continue
        if isinstance(value, frozenset):
            value = sorted(value)
        elif isinstance(value, tuple):
            value = [list(v) for v in value]
        out[f.name] = value
    return out


def parser_misses(expect: dict[str, Any], got: dict[str, Any]) -> list[str]:
    misses = []
    for name in sorted(set(expect) | set(got)):
        want, have = expect.get(name), got.get(name)
        if name in SET_FIELDS and want is not None:
            want = sorted(want)
        if isinstance(want, float) and isinstance(have, int | float):
            ok = abs(want - have) <= 0.2
        else:
            ok = want == have
        if not ok:
            misses.append(f"{name}: expected {want!r}, got {have!r}")
    return misses


def _minutes_ok(week: Week, arg: str) -> bool:
    cap, scope = arg.split("@")
    days = {"all": DAYS, "weekdays": WEEKDAYS, "weekends": WEEKEND}.get(scope, (scope,))
    return all((week[d].minutes or 0) <= int(cap) for d in days)  # type: ignore[index]


def _long_run(a: Adaptation) -> Any:
    return next((d for d in a.week.days if d.kind == "long_run"), None)


CHECKS: dict[str, Callable[[Adaptation, str], bool]] = {
    "max_run_days": lambda a, n: len(a.week.running_days()) <= int(n),
    "min_run_days": lambda a, n: len(a.week.running_days()) >= int(n),
    "no_kind": lambda a, k: all(d.kind != k for d in a.week.days),
    "has_kind": lambda a, k: any(d.kind == k for d in a.week.days),
    "kind_on": lambda a, arg: a.week[arg.split("=")[0]].kind == arg.split("=")[1],  # type: ignore[index]
    "long_run_day": lambda a, d: a.week.long_run_day() == d,
    "no_run_on": lambda a, d: not a.week[d].is_run,  # type: ignore[index]
    "rest_on": lambda a, d: a.week[d].kind == "rest",  # type: ignore[index]
    "max_minutes": lambda a, arg: _minutes_ok(a.week, arg),
    "declined": lambda a, w: any(x.wish == w for x in a.declined),
    "run_walk_long_run": lambda a, _: (
        (lr := _long_run(a)) is not None and lr.run_walk is not None and lr.terrain == "flat"
    ),
    "no_terrain": lambda a, t: all(d.terrain != t for d in a.week.days),
    "max_km": lambda a, km: a.week.running_km() <= float(km),
    "walk_share_min": lambda a, x: (
        (lr := _long_run(a)) is not None
        and lr.run_walk is not None
        and 1 - lr.run_walk.run_share >= float(x)
    ),
    "min_rep_metres": lambda a, m: all(
        d.reps is None or (d.reps.metres or 10**6) >= int(m) for d in a.week.days
    ),
    "unmet": lambda a, _: bool(a.unmet),
    "assumption": lambda a, _: bool(a.assumptions),
    "changes_have_reasons": lambda a, _: (
        bool(a.changes) and all(c.why and c.source in SECTION_IDS for c in a.changes)
    ),
    "changed": lambda a, d: any(c.day == d for c in a.changes),
    "no_changes": lambda a, _: not a.changes,
    "cue": lambda a, text: any(text.lower() in cue.lower() for cue, _ in a.cues),
}


def run_conversation(sample: Week, messages: list[str]) -> tuple[WeekRequest, Adaptation]:
    """Plays the messages as the Coach does: merge each request, plan against last turn's week."""
    merged, week = WeekRequest(), sample
    result = None
    for message in messages:
        merged = merged.merge(parse_request(message))
        result = plan(sample, merged, week)
        week = result.week
    assert result is not None
    return merged, result


def score_week(path: str | Path | None = None) -> dict[str, Any]:
    rows = load_jsonl(Path(path or DEFAULT_PATH))
    sample = sample_week(load_sample_week_data())
    parsed_ok = weeks_ok = 0
    failures = []
    for row in rows:
        misses = parser_misses(row["expect"], parsed_fields(parse_request(row["text"])))
        merged, result = run_conversation(sample, [*row.get("history", []), row["text"]])
        failed = []
        for check in row["checks"]:
            name, _, arg = check.partition(":")
            if not CHECKS[name](result, arg):
                failed.append(check)
        broken = violations(result.week, merged)
        parsed_ok += not misses
        weeks_ok += not failed and not broken
        if misses or failed or broken:
            failures.append(
                {"id": row["id"], "text": row["text"], "parser": misses, "checks": failed,
                 "violations": broken}
            )  # fmt: skip
    n = len(rows)
    return {
        "n": n,
        "parser_exact": parsed_ok / n if n else 0.0,
        "weeks_pass": weeks_ok / n if n else 0.0,
        "failures": failures,
    }


def main() -> int:
    report = score_week()
    print(f"{'figure':<14} {'value':>7} {'bar':>6}")
    for name, bar in BARS.items():
        print(f"{name:<14} {report[name]:>7.3f} {bar:>6.2f}")
    print(f"{'requests':<14} {report['n']:>7}")
    for failure in report["failures"]:
        print(f"- {failure['id']} {failure['text']!r}")
        for key in ("parser", "checks", "violations"):
            for item in failure[key]:
                print(f"    {key}: {item}")
    return 0 if all(report[k] >= bar for k, bar in BARS.items()) else 1


if __name__ == "__main__":
    sys.exit(main())
