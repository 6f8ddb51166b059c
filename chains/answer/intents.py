"""What a message asks for, by meaning: its nearest labelled utterances per intent.

The utterances are data: `intents.toml` (at least 60 per intent in runners' words), the questions
each passage answers, and the scored sets' questions, near misses and week requests
(`eval/labelled.py`), each of those with the set it came from. The bank is built at the edge
with the coach's own embedder and shared read-only; a message's score for an intent is the mean
cosine similarity of its `K` nearest utterances of that intent.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Literal, get_args

import numpy as np

Intent = Literal["question", "week", "explain", "smalltalk", "out_of_scope"]
INTENTS: tuple[Intent, ...] = get_args(Intent)
K = 3  # measured on the labelled sets: 1 overfits single utterances, 5 blurs the small intents
MIN_PER_INTENT = 60


@dataclass(frozen=True)
class Utterance:
    text: str
    intent: Intent
    origin: str = ""  # the labelled set it came from (`eval/labelled.py`); "" for the table's


class IntentsError(ValueError):
    """The utterance table is malformed: a maintainer's mistake, named at start-up."""


def load_utterances(text: str | None = None) -> list[Utterance]:
    """The table, checked: every intent present, with at least `MIN_PER_INTENT` utterances."""
    raw = text if text is not None else resources.files(__package__).joinpath("intents.toml")
    data = tomllib.loads(raw if isinstance(raw, str) else raw.read_text(encoding="utf-8"))
    rows: list[Utterance] = []
    for intent in INTENTS:
        examples = data.get(intent, {}).get("examples", [])
        if len(examples) < MIN_PER_INTENT:
            raise IntentsError(f"intents.toml: [{intent}] needs {MIN_PER_INTENT} examples")
        rows += [Utterance(str(e), intent) for e in examples]
    if unknown := set(data) - set(INTENTS):
        raise IntentsError(f"intents.toml: unknown intent {sorted(unknown)}")
    return rows


class IntentBank:
    def __init__(self, rows: Sequence[Utterance], vectors: np.ndarray) -> None:
        self._rows, self._vectors = list(rows), vectors
        self._by_intent = {
            intent: vectors[[i for i, r in enumerate(rows) if r.intent == intent]]
            for intent in INTENTS
        }

    def without(self, origin: str) -> IntentBank:
        """The bank less one labelled set's utterances: to score that set honestly."""
        keep = [i for i, r in enumerate(self._rows) if r.origin != origin]
        return IntentBank([self._rows[i] for i in keep], self._vectors[keep])

    def scores(self, vector: Sequence[float]) -> dict[Intent, float]:
        """Each intent's closeness to the message: the mean of its `K` best similarities."""
        v = np.asarray(vector, dtype=np.float32)
        out: dict[Intent, float] = {}
        for intent, matrix in self._by_intent.items():
            sims = matrix @ v
            out[intent] = float(np.sort(sims)[-K:].mean()) if len(sims) else -1.0
        return out
