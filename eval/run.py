"""`coach eval`: every quality figure of the project in one table, each beside its bar."""

from __future__ import annotations

import copy
import time
from typing import Any

from chains.config import Settings


def _row(area: str, figure: str, value: float, bar: str, ok: bool) -> dict[str, Any]:
    return {"area": area, "figure": figure, "value": round(value, 3), "bar": bar, "ok": ok}


def run_eval(settings: Settings) -> dict[str, Any]:
    from chains.factory import build_coach
    from chains.session import Session
    from eval import retrieval_eval
    from eval.labelled import held_out

    voiced = build_coach(settings)
    coach = copy.copy(voiced)  # the figures below are the coach's own; the model's come last
    coach.voice = None

    def held(name: str) -> tuple[Any, Any]:
        unseen = held_out(coach, name)
        return unseen.retriever, lambda q: unseen.turn(Session(), q).intent == "out_of_scope"

    retrieval = retrieval_eval.evaluate(held)
    rows: list[dict[str, Any]] = []
    for name in (*retrieval_eval.SETS, "all"):
        if name not in retrieval:
            continue
        r = retrieval[name]
        gated = name == "all"
        for mode in ("hybrid", "dense", "bm25", "tutorial"):
            for metric in ("hit@1", "hit@3", "mrr"):
                bar_key = f"{mode}_{metric}"
                bar = retrieval_eval.BARS.get(bar_key) if gated else None
                extra = metric != "mrr" and mode == "hybrid" and gated
                ok = bar is None or r[mode][metric] >= bar
                if extra:  # hybrid must also beat the tutorial recipe
                    ok = ok and r[mode][metric] > r["tutorial"][metric]
                rows.append(
                    _row(
                        f"retrieval/{name}",
                        f"{mode} {metric}",
                        r[mode][metric],
                        f">= {bar} and > tutorial" if bar else "-",
                        ok,
                    )
                )
        oos = r["out_of_scope"]
        rows.append(
            _row(
                f"out-of-scope/{name}",
                "declined",
                oos["declined"],
                "= 1.0" if gated else "-",
                oos["declined"] >= 1.0 or not gated,
            )
        )
        rows.append(
            _row(
                f"out-of-scope/{name}",
                "in-scope wrongly declined",
                oos["in_scope_declined"],
                "-",
                True,
            )
        )
    rows += _guard_rows(coach.net)
    rows += _week_rows()
    rows += _chat_rows(held_out(coach, "week_chats"))
    rows += _attribution_rows(held_out(coach, "dev").retriever)
    if voiced.voice is not None:
        rows += _llm_rows(voiced)
    passed = all(row["ok"] for row in rows)
    from eval.report import write_report

    report = write_report(rows, passed, settings.data_dir / "eval-report.html")
    return {
        "passed": passed,
        "rows": rows,
        "table": _table(rows, passed) + f"\nreport: {report}",
        "report": str(report),
        "details": retrieval,
    }


def _at_least(area: str, figure: str, value: float, bar: float) -> dict[str, Any]:
    return _row(area, figure, value, f">= {bar}", value >= bar)


def _at_most(area: str, figure: str, value: float, bar: float) -> dict[str, Any]:
    return _row(area, figure, value, f"<= {bar}", value <= bar)


def _guard_rows(net: Any) -> list[dict[str, Any]]:
    """Rules alone, the meaning-based net alone and both, side by side (cross-validated: see
    `guard_eval.cross_validated`). The bars read "both", the guard as shipped."""
    from eval.guard_eval import BARS, cross_validated, score_guard

    judged = cross_validated(net) if net is not None else {"rules": score_guard()}
    rows = []
    for name, g in judged.items():
        area, gated = f"red-flag guard/{name}", name == "both" or net is None
        rows += [
            *(
                _at_least(area, f"{tier} sensitivity", g["sensitivity"][tier], bar)
                if gated
                else _row(area, f"{tier} sensitivity", g["sensitivity"][tier], "-", True)
                for tier, bar in BARS["sensitivity"].items()
            ),
            _at_most(
                area,
                "under-triaged emergencies",
                g["under_triaged_emergencies"],
                BARS["under_triaged_emergencies"],
            )
            if gated
            else _row(area, "under-triaged emergencies", g["under_triaged_emergencies"], "-", True),
            _at_most(
                area, "false alarms on look-alikes", g["false_alarm_rate"], BARS["false_alarm_rate"]
            )
            if gated
            else _row(area, "false alarms on look-alikes", g["false_alarm_rate"], "-", True),
        ]
    rows.append(_at_least("red-flag guard", "messages", judged["rules"]["n"], 250))
    return rows  # fmt: skip


def _attribution_rows(retriever: Any) -> list[dict[str, Any]]:
    """The floor that cites a model's unbracketed sentences (eval/attribution.py)."""
    from eval.attribution import calibrate

    c, area = calibrate(retriever), "citation by attribution"
    return [
        _at_least(area, "composer's sentences accepted", c["own_accepted"], 1.0),
        _at_least(area, "ungrounded claims refused", c["ungrounded_refused"], 1.0),
        _row(area, "other sections' sentences refused", c["other_refused"], "-", True),
    ]


def _llm_rows(coach: Any, n: int = 12) -> list[dict[str, Any]]:
    """The configured model on the first `n` development questions: how often its reply passes
    the checks, and how long a reply takes. No bar: it measures the model, not the coach."""
    from chains.answer import replies
    from chains.session import Session
    from eval import load_jsonl
    from eval.retrieval_eval import SETS

    questions = [r["q"] for r in load_jsonl(SETS["dev"]) if r["kind"] == "in_scope"][:n]
    kept = refused = down = 0
    started = time.perf_counter()
    for question in questions:
        notice = coach.turn(Session(), question).notice
        kept += notice is None
        refused += notice == replies.LLM_REJECTED
        down += bool(notice) and notice != replies.LLM_REJECTED
    seconds = (time.perf_counter() - started) / len(questions)
    return [
        _row("llm", "replies that pass the checks", kept / len(questions), "-", True),
        _row("llm", "replies refused by the checks", refused / len(questions), "-", True),
        _row("llm", "replies the model did not give", down / len(questions), "-", True),
        _row("llm", "seconds per reply", seconds, "-", True),
    ]


def _week_rows() -> list[dict[str, Any]]:
    from eval.week_eval import BARS, score_week

    w = score_week()
    return [
        _at_least("week", "parser gets every constraint", w["parser_exact"], BARS["parser_exact"]),
        _at_least("week", "weeks pass their checks", w["weeks_pass"], BARS["weeks_pass"]),
        _at_least("week", "requests", w["n"], 80),
        *_blind_week_rows(),
    ]


def _blind_week_rows() -> list[dict[str, Any]]:
    """The blind set (written without seeing the parser; never tuned on in full): reported as
    an honest measure of new wording, with no bar."""
    from eval.week_eval import DEFAULT_PATH, score_week

    path = DEFAULT_PATH.with_name("week_requests_blind.jsonl")
    if not path.exists():
        return []
    b = score_week(path)
    return [
        _row("week/blind", "parser gets every constraint", b["parser_exact"], "-", True),
        _row("week/blind", "weeks pass their checks", b["weeks_pass"], "-", True),
        _row("week/blind", "requests", b["n"], "-", True),
    ]


def _chat_rows(coach: Any) -> list[dict[str, Any]]:
    """Round 2's blind week requests, played as chats through the Coach: no bar yet (issue 12)."""
    from eval.chat_eval import score_chats

    c = score_chats(coach)
    return [
        _row("week/blind chats", "requests fully satisfied", c["satisfied"], "-", True),
        _row("week/blind chats", "turns that failed", c["failed"], "-", True),
        _row("week/blind chats", "requests", c["n"], "-", True),
    ]


def _table(rows: list[dict[str, Any]], passed: bool) -> str:
    lines = [f"{'area':<24} {'figure':<32} {'value':>8}  {'bar':<24} ok"]
    for r in rows:
        mark = "yes" if r["ok"] else "NO"
        lines.append(f"{r['area']:<24} {r['figure']:<32} {r['value']:>8}  {r['bar']:<24} {mark}")
    lines.append("all bars met" if passed else "SOME FIGURES ARE UNDER THEIR BAR")
    return "\n".join(lines)
