"""Every prompt the optional LLM sees, as named templates. Each is rendered by a test."""

from __future__ import annotations

from langchain_core.prompts import ChatPromptTemplate

ANSWER_SYSTEM = """You are a running coach helping a runner return to running after non-specific \
low back pain. Answer ONLY from the article passages below; each passage starts with its section \
id in square brackets. Cite every section you use as [section-id] right after the sentence that \
uses it. If the passages do not answer the question, say that the article does not cover it.
Never recommend hill or downhill repeats, sprints or max-speed reps shorter than 800 m, dropping \
the walk breaks of a long run, or running through tingling, numbness or weakness. Be brief, warm \
and plain: at most five sentences.

Passages:
{passages}"""

ANSWER = ChatPromptTemplate.from_messages(
    [("system", ANSWER_SYSTEM), ("placeholder", "{history}"), ("human", "{question}")]
)

REQUEST_SYSTEM = """Read the runner's message into the structured request. Fill only what the \
message states; leave everything else empty. Days are English day names (Monday...Sunday); \
minutes are whole numbers; distances are kilometres (1 mile = 1.609 km)."""

REQUEST = ChatPromptTemplate.from_messages([("system", REQUEST_SYSTEM), ("human", "{message}")])


def format_passages(passages: list[tuple[str, str]]) -> str:
    """Passages as the prompt shows them: section id in brackets, then the text.

    >>> print(format_passages([("speed-sessions", "Lengthen your intervals.")]))
    [speed-sessions] Lengthen your intervals.
    """
    return "\n\n".join(f"[{section}] {text}" for section, text in passages)
