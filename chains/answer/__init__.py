"""Answering a message from the article: retrieval (dense + BM25 + fusion), scope, the grounded
composer, explanations, the fixed replies, and the optional LLM voice with its prompts.

Only the parts with no third-party import are re-exported here, so that importing a light piece
(`chains.answer.passages`) never pulls rank-bm25, pydantic or LangChain: `retrieval`, `llm` and
`prompts` are imported by their own paths.
"""

from chains.answer.compose import compose_answer, ref
from chains.answer.explain import explain, looks_like_explain
from chains.answer.passages import Mode, Passage, Retrieval
from chains.answer.scope import RELEVANCE_FLOOR, decline, off_topic

__all__ = [
    "RELEVANCE_FLOOR",
    "Mode",
    "Passage",
    "Retrieval",
    "compose_answer",
    "decline",
    "explain",
    "looks_like_explain",
    "off_topic",
    "ref",
]
