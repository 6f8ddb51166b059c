"""Hybrid retrieval: Chroma's dense top-k and BM25 over the same chunks, fused by reciprocal rank.

Fusion happens at the level of sections (what the coach cites): each signal ranks sections by
their best chunk, a third signal ranks whole sections, and reciprocal-rank fusion merges them.
The passages returned are the best chunks of the best sections. The index and the embedder are
built at the edge and passed in; a `HybridRetriever` is read-only and shared by every session.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np
from rank_bm25 import BM25Okapi

from chains.answer.passages import Mode, Passage, Retrieval
from chains.answer.tokens import tokens
from knowledge.chunks import Chunk
from knowledge.glossary import Glossary

RRF_K = 60  # the usual constant (Cormack et al. 2009): it damps the weight of the very top ranks
# Weights of the rankings in hybrid mode. The whole-section ranking is a coarse signal, so it
# counts half. The passages' own questions (each section by its best chunk or question, as
# LangChain's MultiVectorRetriever does with hypothetical questions) count three times: with
# the labelled sets' questions among them, each set scored with its own left out, hit@1 over
# the 735 labelled questions is 0.857 without them, 0.884 at weight 2 and 0.907 at 3.
WEIGHTS = {"dense": 1.0, "bm25": 1.0, "sections": 0.5, "questions": 3.0}


class DenseIndex(Protocol):
    chunks: list[Chunk]

    def dense(self, vector: list[float], k: int) -> list[tuple[Chunk, float]]: ...

    def dense_sections(self, vector: list[float]) -> list[tuple[str, float]]: ...


class QueryEmbedder(Protocol):
    def embed_query(self, text: str) -> list[float]: ...

    def embed_documents(self, texts: list[str]) -> list[list[float]]: ...


class Retriever(Protocol):
    """What the Coach reads the article through: `HybridRetriever`, or a test's fake."""

    embedder: QueryEmbedder

    def retrieve(
        self,
        query: str,
        mode: Mode = "hybrid",
        limit: int = 5,
        vector: list[float] | None = None,
    ) -> Retrieval: ...

    def embed(self, text: str) -> list[float]: ...

    def embed_with(self, text: str, others: list[str]) -> tuple[list[float], list[list[float]]]: ...

    def section_passages(
        self, sections: list[str], query: str, per: int = 1, vector: list[float] | None = None
    ) -> list[Passage]: ...

    def titles(self) -> dict[str, str]: ...


class PassageQuestions:
    """The questions each chunk answers, in runners' words, with their vectors: a second way
    for a paraphrase to find its passage. They are the ones written once per passage
    (`knowledge/passage_questions.json`) and the labelled sets' questions (`eval/labelled.py`),
    each with the set it came from (`origins`, "" for the passages' own)."""

    def __init__(
        self, chunk_ids: Sequence[str], vectors: np.ndarray, origins: Sequence[str] = ()
    ) -> None:
        self.chunk_ids, self.vectors = list(chunk_ids), vectors
        self.origins = list(origins) or [""] * len(self.chunk_ids)

    def without(self, origin: str) -> PassageQuestions:
        """The same questions less those of one labelled set: to score that set honestly."""
        keep = [i for i, o in enumerate(self.origins) if o != origin]
        return PassageQuestions(
            [self.chunk_ids[i] for i in keep], self.vectors[keep], [self.origins[i] for i in keep]
        )

    def chunks(self, vector: Sequence[float]) -> list[str]:
        """Chunk ids by their best question, most similar first."""
        sims = self.vectors @ np.asarray(vector, dtype=np.float32)
        best: dict[str, float] = {}
        for chunk, sim in zip(self.chunk_ids, sims.tolist(), strict=True):
            best[chunk] = max(best.get(chunk, -1.0), sim)
        return sorted(best, key=lambda c: -best[c])

    def sections(
        self,
        vector: Sequence[float],
        chunk_similarity: dict[str, float],
        section_of: dict[str, str],
    ) -> list[tuple[str, float]]:
        """Sections by their best chunk or question, most similar first."""
        best: dict[str, float] = {}
        for chunk, sim in chunk_similarity.items():
            best[section_of[chunk]] = max(best.get(section_of[chunk], -1.0), sim)
        sims = self.vectors @ np.asarray(vector, dtype=np.float32)
        for chunk, sim in zip(self.chunk_ids, sims.tolist(), strict=True):
            if chunk in section_of:
                best[section_of[chunk]] = max(best.get(section_of[chunk], -1.0), sim)
        return sorted(best.items(), key=lambda kv: -kv[1])


def rrf(rankings: list[list[str]], weights: list[float] | None = None, k: int = RRF_K) -> list[str]:
    """Weighted reciprocal-rank fusion of several rankings of ids.

    >>> rrf([["a", "b", "c"], ["c", "a"]])
    ['a', 'c', 'b']
    """
    scores: dict[str, float] = {}
    for ranking, weight in zip(rankings, weights or [1.0] * len(rankings), strict=True):
        for rank, item in enumerate(ranking):
            scores[item] = scores.get(item, 0.0) + weight / (k + rank + 1)
    return sorted(scores, key=lambda item: -scores[item])


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


class HybridRetriever:
    def __init__(
        self,
        index: DenseIndex,
        embedder: QueryEmbedder,
        glossary: Glossary | None = None,
        questions: PassageQuestions | None = None,
    ) -> None:
        self.index = index
        self.embedder = embedder
        self.glossary = glossary or Glossary({})
        self.questions = questions
        self.chunks = {c.id: c for c in index.chunks}
        self._ids = [c.id for c in index.chunks]
        self._pos = {c.id: n for n, c in enumerate(index.chunks)}
        self._bm25 = BM25Okapi([tokens(c.embed_text) for c in index.chunks])

    def embed(self, text: str) -> list[float]:
        """The message's one vector: routing, scope and dense retrieval all read it."""
        return self.embedder.embed_query(self.glossary.expand(text))

    def embed_with(self, text: str, others: list[str]) -> tuple[list[float], list[list[float]]]:
        """The message's vector and, in the same forward pass, those of `others` (the guard
        net's clauses). A pass over a few short texts costs about what one costs: on a CPU it
        is mostly reading the model's weights."""
        if not others:
            return self.embed(text), []
        expanded = self.glossary.expand(text)
        texts = list(dict.fromkeys([expanded, *others]))  # a one-clause message: one text
        vectors = dict(zip(texts, self.embedder.embed_documents(texts), strict=True))
        return vectors[expanded], [vectors[o] for o in others]

    def bm25(self, query: str) -> list[tuple[str, float]]:
        """Chunk ids with a positive BM25 score, best first."""
        words = tokens(query)
        if not words:
            return []
        scores = self._bm25.get_scores(words)
        ranked = sorted(range(len(scores)), key=lambda i: -scores[i])
        return [(self._ids[i], float(scores[i])) for i in ranked if scores[i] > 0]

    def retrieve(
        self,
        query: str,
        mode: Mode = "hybrid",
        limit: int = 5,
        vector: Sequence[float] | None = None,
    ) -> Retrieval:
        wide = self.glossary.expand(query)
        vector = list(vector) if vector is not None else self.embedder.embed_query(wide)
        dense = self.index.dense(vector, len(self._ids))
        similarity = {c.id: s for c, s in dense}
        lexical = self.bm25(wide) if mode != "dense" else []
        chunk_rankings = {
            "dense": [[c.id for c, _ in dense]],
            "bm25": [[i for i, _ in lexical]],
            "hybrid": [[c.id for c, _ in dense], [i for i, _ in lexical]],
        }[mode]
        section_of = {i: c.section for i, c in self.chunks.items()}
        rankings = [_unique([section_of[i] for i in r]) for r in chunk_rankings]
        weights = [WEIGHTS["dense"], WEIGHTS["bm25"]][: len(rankings)]
        asked: list[tuple[str, float]] = []
        if mode == "hybrid":
            rankings.append([s for s, _ in self.index.dense_sections(vector)])
            weights.append(WEIGHTS["sections"])
            if self.questions is not None:
                asked = self.questions.sections(vector, similarity, section_of)
                rankings.append([s for s, _ in asked])
                weights.append(WEIGHTS["questions"])
        sections = rrf(rankings, weights)
        if self.questions is not None and mode == "hybrid":  # a chunk by its own questions too
            chunk_rankings = [*chunk_rankings, self.questions.chunks(vector)]
        chunk_order = rrf(chunk_rankings)
        passages: list[Passage] = []
        for section in sections:
            best = [self.chunks[i] for i in chunk_order if section_of[i] == section][:2]
            passages += [
                Passage(c.section, c.title, c.text, similarity[c.id], self._pos[c.id]) for c in best
            ]
        top = max(dense[0][1] if dense else 0.0, asked[0][1] if asked else 0.0)
        return Retrieval(passages[:limit], sections, top)

    def titles(self) -> dict[str, str]:
        """Section id to title, for citing."""
        return {c.section: c.title for c in self.chunks.values()}

    def section_passages(
        self, sections: list[str], query: str, per: int = 1, vector: list[float] | None = None
    ) -> list[Passage]:
        """For each section, in order, its chunks most similar to the query: the passages
        behind a rule or a change. One embedding, however many sections, and none when the
        query's `vector` is given."""
        if not sections:
            return []
        vector = vector or self.embed(query)
        ranked = self.index.dense(vector, len(self._ids))
        return [
            Passage(c.section, c.title, c.text, s, self._pos[c.id])
            for section in sections
            for c, s in [(c, s) for c, s in ranked if c.section == section][:per]
        ]
