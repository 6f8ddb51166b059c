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
Example of the form, from the first passage: "{example}"

Passages:
{passages}"""

ANSWER = ChatPromptTemplate.from_messages(
    [("system", ANSWER_SYSTEM), ("placeholder", "{history}"), ("human", "{question}")]
)

REQUEST_SYSTEM = """Read the runner's message into the structured request. Fill only what the \
message states; leave everything else empty. Days are English day names (Monday...Sunday); \
minutes are whole numbers; distances are kilometres (1 mile = 1.609 km). Days they CAN run go in \
available_days, days they CANNOT run in excluded_days.
Answer with one JSON object and nothing else. Its keys, all optional: run_days (integer), \
excluded_days (list of day names), available_days (list of day names), long_run_day (day name), \
no_stairs (true/false), no_pool (true/false), max_minutes (integer), current_km_per_week (number), \
flare (true/false), wishes_against (list of: hills, downhill, sprints, short_reps, race_flat_out).
Example: "I can only run Tuesday and Saturday, long run on Saturday" gives \
{{"available_days": ["Tuesday", "Saturday"], "long_run_day": "Saturday"}}"""

REQUEST = ChatPromptTemplate.from_messages([("system", REQUEST_SYSTEM), ("human", "{message}")])


def example(passages: list[tuple[str, str]]) -> str:
    """A one-shot example of a cited sentence, built from the first passage so that the id it
    shows was retrieved.

    >>> example([("speed-sessions", "Lengthen your intervals. Keep them easy.")])
    'Lengthen your intervals [speed-sessions].'
    """
    section, text = passages[0]
    first = text.split(". ")[0].rstrip(".!?")
    return f"{first} [{section}]."


def format_passages(passages: list[tuple[str, str]]) -> str:
    """Passages as the prompt shows them: section id in brackets, then the text.

    >>> print(format_passages([("speed-sessions", "Lengthen your intervals.")]))
    [speed-sessions] Lengthen your intervals.
    """
    return "\n\n".join(f"[{section}] {text}" for section, text in passages)
