"""The phrasings that tell what a clause says of the days it names (`chains/request/heard.py`),
or of the sessions it names (`chains/request/sessions_heard.py`), embedded once with the coach's
own model and searched by cosine similarity (the vectors are L2-normalised). Built at the edge
and shared read-only; the texts are the project's own and the labelled sets'."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from chains.request.heard import KINDS, Nearest


class DayBank:
    """Rows are (kind, phrasing, origin): origin names the labelled set a phrasing came from
    ("" for the table's own), so that a set can be scored on a bank without it."""

    def __init__(
        self,
        rows: Sequence[tuple[str, str, str]],
        vectors: np.ndarray,
        kinds: Sequence[str] = KINDS,
    ) -> None:
        self.rows, self.names = list(rows), tuple(kinds)
        self.kinds = np.array([kind for kind, _, _ in self.rows])
        matrix = np.asarray(vectors, dtype=np.float32)
        self.matrix = matrix / np.linalg.norm(matrix, axis=1, keepdims=True)

    def without(self, origin: str) -> DayBank:
        """The bank less one labelled set's phrasings: to score that set honestly."""
        keep = [i for i, (_, _, o) in enumerate(self.rows) if o != origin]
        return DayBank([self.rows[i] for i in keep], self.matrix[keep], self.names)

    def nearest(self, vectors: list[list[float]]) -> list[Nearest]:
        """For each clause's vector, its best similarity to each kind's phrasings."""
        if not vectors:
            return []
        clauses = np.asarray(vectors, dtype=np.float32)
        clauses /= np.linalg.norm(clauses, axis=1, keepdims=True)
        sims = clauses @ self.matrix.T
        masks = {k: self.kinds == k for k in self.names}  # a kind with no phrasing is never near
        return [
            {k: float(row[m].max()) if m.any() else -1.0 for k, m in masks.items()} for row in sims
        ]
