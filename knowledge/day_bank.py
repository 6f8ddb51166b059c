"""The phrasings that tell what a clause says of the days it names (`chains/request/heard.py`),
embedded once with the coach's own model and searched by cosine similarity (the vectors are
L2-normalised). Built at the edge and shared read-only; the texts are the project's own."""

from __future__ import annotations

import numpy as np

from chains.request.heard import KINDS, Kind, Nearest


class DayBank:
    def __init__(self, rows: list[tuple[Kind, str]], vectors: np.ndarray) -> None:
        self.kinds = np.array([kind for kind, _ in rows])
        matrix = np.asarray(vectors, dtype=np.float32)
        self.matrix = matrix / np.linalg.norm(matrix, axis=1, keepdims=True)

    def nearest(self, vectors: list[list[float]]) -> list[Nearest]:
        """For each clause's vector, its best similarity to each kind's phrasings."""
        if not vectors:
            return []
        clauses = np.asarray(vectors, dtype=np.float32)
        clauses /= np.linalg.norm(clauses, axis=1, keepdims=True)
        sims = clauses @ self.matrix.T
        return [{k: float(row[self.kinds == k].max()) for k in KINDS} for row in sims]
