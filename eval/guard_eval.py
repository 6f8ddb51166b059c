"""Scores the red-flag guard on the labelled messages in `redflags.jsonl`.

Owns the figures RED_FLAGS.md asks for (sensitivity per tier, false alarms on look-alikes, under-
and over-triage) and the bars they must meet; `coach eval` prints them. A positive is caught when
the guard's level is at least its label; a look-alike is a false alarm when any level is raised.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from chains.guard import LEVELS, triage
from eval import load_jsonl

HERE = Path(__file__).parent
TIERS = ("emergency", "urgent", "soon")
BARS: dict[str, Any] = {
    "sensitivity": {"emergency": 1.0, "urgent": 0.98, "soon": 0.98},  # at least
    "under_triaged_emergencies": 0,  # at most
    "false_alarm_rate": 0.05,  # at most
}


def load(path: Path | None = None) -> list[dict[str, Any]]:
    path = path or HERE / "redflags.jsonl"
    return load_jsonl(path)


def score_guard(path: Path | None = None) -> dict[str, Any]:
    """Run the guard's rules over the labelled set and return its figures (see the docstring)."""
    rows = load(path)
    return figures(rows, [triage(r["text"], r.get("history", ())).level for r in rows])


def cross_validated(net: Any, path: Path | None = None, folds: int = 5) -> dict[str, Any]:
    """Rules alone, the meaning-based net alone, and both (as `coach triage` judges: "both" is
    `judge` with the net, the higher of the two), on the labelled set. The net's bank
    holds these very messages, so each fold is judged by a bank without it: k-fold
    cross-validation, the way its threshold was calibrated."""
    from chains.guard.net import MeaningNet, heard, judge
    from chains.guard.text import normalise

    rows = load(path)
    rules = [judge(r["text"], r.get("history", ())).level for r in rows]
    meaning: list[str] = ["none"] * len(rows)
    for fold in range(folds):
        held = [i for i in range(len(rows)) if i % folds == fold]
        bank = net.neighbours.without({rows[i]["text"] for i in held})
        fold_net = MeaningNet(bank, net.descriptions, net.threshold, net.margin)
        for i in held:
            said = [normalise(m) for m in [*rows[i].get("history", ()), rows[i]["text"]]]
            found = heard(said, fold_net)
            meaning[i] = found.level if found else "none"
    both = [max(a, b, key=LEVELS.index) for a, b in zip(rules, meaning, strict=True)]
    return {name: figures(rows, levels) for name, levels in
            (("rules", rules), ("meaning", meaning), ("both", both))}  # fmt: skip


def figures(rows: list[dict[str, Any]], levels: Sequence[str]) -> dict[str, Any]:
    """Sensitivity per tier, false alarms, under- and over-triage of the given levels."""
    rank: dict[str, int] = {level: i for i, level in enumerate(LEVELS)}
    caught = dict.fromkeys(TIERS, 0)
    total = dict.fromkeys(TIERS, 0)
    false_alarms = under = over = under_emergency = 0
    misses: list[dict[str, Any]] = []
    for row, got in zip(rows, levels, strict=True):
        expected = row["level"]
        if rank[got] < rank[expected]:
            under += 1
            under_emergency += expected == "emergency"
        elif rank[got] > rank[expected]:
            over += 1
        if row["kind"] == "positive":
            total[expected] += 1
            caught[expected] += rank[got] >= rank[expected]
        else:
            false_alarms += got != "none"
        if got != expected:
            misses.append({"text": row["text"], "expected": expected, "got": got})
    lookalikes = sum(row["kind"] == "lookalike" for row in rows)
    return {
        "n": len(rows),
        "positives": sum(total.values()),
        "lookalikes": lookalikes,
        "sensitivity": {t: caught[t] / total[t] if total[t] else 1.0 for t in TIERS},
        "false_alarm_rate": false_alarms / lookalikes if lookalikes else 0.0,
        "under_triaged_emergencies": under_emergency,
        "under_triage": under,
        "over_triage": over,
        "misses": misses,
    }


def bars_met(figures: dict[str, Any]) -> dict[str, bool]:
    """Each bar by name, and whether these figures meet it."""
    met = {f"{t} sensitivity": figures["sensitivity"][t] >= BARS["sensitivity"][t] for t in TIERS}
    met["under-triaged emergencies"] = (
        figures["under_triaged_emergencies"] <= BARS["under_triaged_emergencies"]
    )
    met["false alarms"] = figures["false_alarm_rate"] <= BARS["false_alarm_rate"]
    return met


def _table(figures: dict[str, Any]) -> str:
    met = bars_met(figures)
    lines = [
        f"red-flag guard: n={figures['n']} ({figures['positives']} positives, "
        f"{figures['lookalikes']} look-alikes)",
        f"{'figure':<28}{'value':>8}  bar",
    ]
    for tier in TIERS:
        bar = BARS["sensitivity"][tier]
        ok = "" if met[f"{tier} sensitivity"] else "  NOT MET"
        lines.append(
            f"{tier + ' sensitivity':<28}{figures['sensitivity'][tier]:>8.3f}  >= {bar}{ok}"
        )
    ok = "" if met["under-triaged emergencies"] else "  NOT MET"
    lines.append(
        f"{'under-triaged emergencies':<28}{figures['under_triaged_emergencies']:>8}  = 0{ok}"
    )
    ok = "" if met["false alarms"] else "  NOT MET"
    lines.append(
        f"{'false alarms (look-alikes)':<28}{figures['false_alarm_rate']:>8.3f}  <= 0.05{ok}"
    )
    lines.append(
        f"{'under / over triage':<28}{figures['under_triage']:>4} / {figures['over_triage']}"
    )
    for miss in figures["misses"]:
        lines.append(f"  miss: {miss['expected']:>9} -> {miss['got']:<9} {miss['text']}")
    return "\n".join(lines)


if __name__ == "__main__":
    print(_table(score_guard()))
