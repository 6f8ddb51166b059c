"""What retrieval returns: a `Passage` of the article and a `Retrieval` (passages, the fused
section ranking, the best similarity). Standard library only, so that plain data such as
`chains.session` can hold passages without importing the search itself."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Mode = Literal["hybrid", "dense", "bm25"]


@dataclass(frozen=True)
class Passage:
    section: str
    title: str
    text: str
    score: float  # cosine similarity of the chunk to the question, 0..1
    position: int = 0  # the chunk's place in the article, to quote in the article's order

    def to_dict(self) -> dict[str, str | float]:
        return {
            "section": self.section,
            "title": self.title,
            "text": self.text,
            "score": round(self.score, 3),
        }


@dataclass(frozen=True)
class Retrieval:
    passages: list[Passage]
    sections: list[str]  # fused section ranking, best first
    top_similarity: float  # best dense similarity of any chunk: what the relevance floor reads
