"""The meaning-based net's memory: the signs table's phrasings and look-alikes, plus the guard's
labelled messages, embedded once and searched by cosine similarity (a matrix product: the
vectors are L2-normalised).

Built at the edge and shared read-only. The vectors are cached in the data folder under a
fingerprint of the model and the texts, so a new process reads them instead of re-embedding
(about 5 s on 2 cores); the texts are the project's own, never a runner's.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from chains.guard.net import Nearest
from chains.guard.signs import Sign
from chains.guard.verdict import Level
from knowledge.vectors import cached_vectors


@dataclass(frozen=True)
class Phrasing:
    text: str
    level: Level  # "none" for a look-alike
    sign: str  # the sign it shows, "" for a look-alike or an unlabelled message


def phrasings(signs: Sequence[Sign], labelled: Iterable[dict[str, Any]] = ()) -> list[Phrasing]:
    """The bank's rows: every example and look-alike of the table, and every labelled single
    message (conversation rows are left out: their last message alone carries no sign)."""
    rows = [Phrasing(e, s.level, s.id) for s in signs for e in s.examples]
    rows += [Phrasing(e, "none", "") for s in signs for e in s.lookalikes]
    rows += [Phrasing(r["text"], r["level"], "") for r in labelled if not r.get("history")]
    return list({(p.text, p.level): p for p in rows}.values())


class SignBank:
    """`Neighbours` for the net: nearest flagged phrasing and nearest look-alike per text."""

    def __init__(self, embedder: Any, rows: Sequence[Phrasing], vectors: np.ndarray) -> None:
        self.embedder = embedder
        self.rows, self.vectors = list(rows), vectors
        flagged = [i for i, r in enumerate(rows) if r.level != "none"]
        self._pos = vectors[flagged]
        self._neg = vectors[[i for i, r in enumerate(rows) if r.level == "none"]]
        self._rows = [rows[i] for i in flagged]
        self._signs = _name_signs(self._rows, self._pos)

    @classmethod
    def build(cls, embedder: Any, rows: Sequence[Phrasing], cache_dir: Path | None) -> SignBank:
        """Embed the rows (or read their vectors from the cache) and index them."""
        vectors = cached_vectors(embedder, [r.text for r in rows], cache_dir, "sign-bank")
        return cls(embedder, rows, vectors)

    def without(self, texts: set[str]) -> SignBank:
        """The same bank minus some texts: one fold of cross-validation, with no re-embedding."""
        keep = [i for i, r in enumerate(self.rows) if r.text not in texts]
        return SignBank(self.embedder, [self.rows[i] for i in keep], self.vectors[keep])

    def nearest(
        self, texts: Sequence[str], vectors: Sequence[Sequence[float]] | None = None
    ) -> list[Nearest]:
        """Per text: its nearest flagged phrasing and look-alike. The texts are embedded here
        unless their `vectors` are given."""
        if vectors is None:
            vectors = self.embedder.embed_documents(list(texts))
        query = np.asarray(vectors, dtype=np.float32)
        pos = query @ self._pos.T
        neg = query @ self._neg.T if len(self._neg) else np.zeros((len(texts), 1))
        found = []
        for n in range(len(texts)):
            top = int(np.argmax(pos[n]))
            row = self._rows[top]
            found.append(
                Nearest(row.level, self._signs[top], float(pos[n, top]), float(neg[n].max()))
            )
        return found


def _name_signs(rows: list[Phrasing], vectors: np.ndarray) -> list[str]:
    """A labelled message carries no sign id: give it the sign of its nearest table example of
    the same level, so that a meaning-only reply can describe what it heard."""
    named = [i for i, r in enumerate(rows) if r.sign]
    if not named:
        return [r.sign for r in rows]
    sims = vectors @ vectors[named].T
    out = []
    for i, row in enumerate(rows):
        same = [j for j, k in enumerate(named) if rows[k].level == row.level]
        same = same or list(range(len(named)))
        out.append(row.sign or rows[named[same[int(np.argmax(sims[i, same]))]]].sign)
    return out
