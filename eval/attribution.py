"""Calibrating `chains.answer.checks.ATTRIBUTION_FLOOR` on the composer's own answers.

A model's reply without brackets is cited sentence by sentence to the retrieved passage it
matches best. The floor must let through every sentence of the composer's answers (the article's
own words, for the passages retrieved for that question), and stop a sentence that the article
says elsewhere: a sentence of another question's answer, from sections not retrieved here.
Only the development questions are used (eval/questions.jsonl), never a blind set.
"""

from __future__ import annotations

from typing import Any

from chains.answer.checks import ATTRIBUTION_FLOOR, best_matches
from chains.answer.compose import LEAD_SENTENCES, pick
from chains.answer.tokens import sentences
from eval import load_jsonl, percentile
from eval.retrieval_eval import SETS

# Coaching claims the article does not make, each beside a question whose passages they would
# be checked against: the floor must stop them all.
UNGROUNDED = [
    (
        "How often should I run while my back recovers?",
        "Running every single day builds the habit fastest.",
    ),
    (
        "Should I stretch before running?",
        "Hold each hamstring stretch for two minutes before every run.",
    ),
    ("Can I still do my long run?", "Your long run should be half of your weekly mileage."),
    (
        "Can I keep doing speed work?",
        "Tempo runs at threshold pace are the quickest way back to form.",
    ),
    ("Are stairs okay for my back?", "Take the lift instead, because stairs compress the discs."),
    ("What cross-training can I do?", "Cycling is bad for backs, so stay off the bike."),
    (
        "What should I do if it hurts while running?",
        "A little sharp pain is fine as long as you keep moving.",
    ),
    ("How should I warm up?", "Warm up with five minutes of skipping and high knees."),
    ("When can I race again?", "You can race a marathon within four weeks of coming back."),
    (
        "How do I change my running form?",
        "Lean forward from the hips to take the load off your spine.",
    ),
    ("Why walk breaks on the long run?", "Walk breaks are only for beginners who lack fitness."),
    ("Should I avoid hills?", "Hill running strengthens the glutes, which protects the back."),
    ("How many days a week should I run?", "Three runs a week is the most a sore back can handle."),
    ("Why is running good for back pain?", "Running realigns the vertebrae after every stride."),
    ("Should I run on stairs?", "Stair sessions should always be done at a slow walk."),
    ("What about the pool?", "Swimming butterfly is the best stroke for back pain."),
    (
        "Why shorter intervals are bad?",
        "Short intervals are fine once you have done a month of base.",
    ),
    ("What pace should my easy runs be?", "Easy runs should be run at marathon pace."),
    ("Is a flare-up a reason to stop?", "After a flare-up, rest completely for two weeks."),
    ("Does cadence matter?", "Aim for exactly 180 steps a minute on every run."),
]


def calibrate(retriever: Any, limit: int = 80) -> dict[str, Any]:
    """How near the composer's sentences come to the passages retrieved for their question
    ("own"), and other answers' sentences to them ("other"); the floor's share of each."""
    rows = [r for r in load_jsonl(SETS["dev"]) if r["kind"] == "in_scope"][:limit]
    asked = []
    for row in rows:
        passages = retriever.retrieve(row["q"]).passages
        if passages:
            said = pick(row["q"], passages[0], LEAD_SENTENCES)
            asked.append((passages, said))
    own: list[float] = []
    other: list[float] = []
    for i, (passages, said) in enumerate(asked):
        source = [s for p in passages for s in sentences(p.text)]
        own += [score for _, score in best_matches(said, source, retriever.embedder)]
        retrieved = {p.section for p in passages}
        for others, elsewhere in asked[i + 1 :] + asked[:i]:
            if others[0].section not in retrieved:  # said in a section not retrieved here
                other += [s for _, s in best_matches(elsewhere, source, retriever.embedder)]
                break
    ungrounded = []
    for question, claim in UNGROUNDED:
        source = [s for p in retriever.retrieve(question).passages for s in sentences(p.text)]
        ungrounded += [s for _, s in best_matches([claim], source, retriever.embedder)]
    return {
        "floor": ATTRIBUTION_FLOOR,
        "ungrounded_max": round(max(ungrounded), 3),
        "ungrounded_refused": sum(s < ATTRIBUTION_FLOOR for s in ungrounded) / len(ungrounded),
        "ungrounded": sorted(round(s, 3) for s in ungrounded),
        "own_min": round(min(own), 3),
        "other_p95": round(percentile(other, 0.95), 3),
        "own_accepted": sum(s >= ATTRIBUTION_FLOOR for s in own) / len(own),
        "other_refused": sum(s < ATTRIBUTION_FLOOR for s in other) / len(other),
        "other": sorted(round(s, 3) for s in other),
    }
