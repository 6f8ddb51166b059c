"""The answer path in LangChain's terms: the hybrid retriever as a `BaseRetriever`, and the
no-model answer as a runnable chain, `retriever | compose`.

`ArticleRetriever.invoke(question)` gives LangChain `Document`s (one per passage, the section,
title, similarity and place in the article in `metadata`), so it composes with any LCEL chain.
The routing step has already embedded the message; pass that vector on as
`invoke(question, vector=...)` and retrieval embeds nothing again.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from langchain_core.runnables import Runnable, RunnableLambda

from chains.answer.compose import compose_answer
from chains.answer.passages import Mode, Passage


class ArticleRetriever(BaseRetriever):
    """LangChain's face of `HybridRetriever` (dense, BM25, whole sections and the passages'
    own questions, fused by reciprocal rank). Read-only and shared, like the retriever."""

    hybrid: Any  # a HybridRetriever (kept loose: pydantic need not know its fields)
    mode: Mode = "hybrid"
    k: int = 5

    def _get_relevant_documents(
        self,
        query: str,
        *,
        run_manager: CallbackManagerForRetrieverRun,
        vector: Sequence[float] | None = None,
    ) -> list[Document]:
        found = self.hybrid.retrieve(query, mode=self.mode, limit=self.k, vector=vector)
        return [
            Document(
                p.text,
                metadata={
                    "section": p.section,
                    "title": p.title,
                    "score": p.score,
                    "position": p.position,
                    "top_similarity": found.top_similarity,
                },
            )
            for p in found.passages
        ]


def passages(documents: Sequence[Document]) -> list[Passage]:
    """The passages back from a retriever's documents."""
    return [
        Passage(
            d.metadata["section"],
            d.metadata["title"],
            d.page_content,
            float(d.metadata["score"]),
            int(d.metadata.get("position", 0)),
        )
        for d in documents
    ]


def top_similarity(documents: Sequence[Document]) -> float:
    """What the relevance floor reads: the best similarity of any chunk or passage question."""
    return max((float(d.metadata.get("top_similarity", 0.0)) for d in documents), default=0.0)


def compose_step() -> Runnable[dict[str, Any], tuple[str, list[Passage]]]:
    """`{"question", "documents"} -> (reply, passages used)`: the step after the retriever when
    no model phrases the answer."""
    return RunnableLambda(lambda x: compose_answer(x["question"], passages(x["documents"])))


def answer_chain(retriever: BaseRetriever) -> Runnable[dict[str, Any], tuple[str, list[Passage]]]:
    """`retriever | compose`: `{"question", "vector"?}` to the reply and the passages it used.
    The relevance floor and the scope check are the caller's (the Coach decides them first)."""

    def find(asked: dict[str, Any]) -> dict[str, Any]:
        documents = retriever.invoke(asked["question"], vector=asked.get("vector"))
        return {"question": asked["question"], "documents": documents}

    return RunnableLambda(find) | compose_step()
