"""The answer path in LangChain's terms: the hybrid retriever as a `BaseRetriever`, and the
answer as a runnable chain: `retriever | compose` with no model, `retriever | prompt | model |
check` with one.

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
from langchain_core.runnables import Runnable, RunnableLambda, RunnablePassthrough

from chains.answer.checks import cited_passages
from chains.answer.compose import compose_answer
from chains.answer.llm import Voice, answer_inputs, checked
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


def answer_chain(
    retriever: BaseRetriever, voice: Voice | None = None, embedder: Any = None
) -> Runnable[dict[str, Any], tuple[str | None, list[Passage]]]:
    """`{"question", "vector"?, "history"?}` to the reply and the passages it stands on.

    With no model: `retriever | compose`. With one: `retriever | prompt | model | check`, where
    the reply is None when it fails a check (the Coach then composes instead) and its passages
    are those of the sections it cites. The relevance floor and the scope check are the
    caller's (the Coach decides them first); the Coach streams the same prompt and model
    (`Voice.answer`) and checks each sentence as it comes."""

    def find(asked: dict[str, Any]) -> dict[str, Any]:
        documents = retriever.invoke(asked["question"], vector=asked.get("vector"))
        return {**asked, "documents": documents}

    if voice is None:
        return RunnableLambda(find) | compose_step()

    def prompt_inputs(x: dict[str, Any]) -> dict[str, Any]:
        return answer_inputs(x["question"], passages(x["documents"]), x.get("history", []))

    def check(x: dict[str, Any]) -> tuple[str | None, list[Passage]]:
        found = passages(x["documents"])
        reply = checked(x["reply"], found, embedder)
        return reply, cited_passages(reply, found) if reply else []

    phrase = RunnableLambda(prompt_inputs) | voice.phrasing()
    return RunnableLambda(find) | RunnablePassthrough.assign(reply=phrase) | RunnableLambda(check)
