"""Runners' words mapped to the article's words (`glossary.json`), used to widen a question."""

from __future__ import annotations

import json
import re
from importlib import resources


def load_glossary() -> dict[str, str]:
    text = resources.files("knowledge").joinpath("glossary.json").read_text(encoding="utf-8")
    terms: dict[str, str] = json.loads(text)["terms"]
    return terms


def expand(question: str, glossary: dict[str, str]) -> str:
    """The question followed by the article's words for any runner's word in it.

    >>> expand("Can I do sprints?", {"sprints": "top speed", "hills": "downhill"})
    'Can I do sprints? top speed'
    """
    lowered = question.lower()
    extra = [
        words
        for term, words in glossary.items()
        if re.search(rf"(?<![a-z0-9]){re.escape(term)}(?![a-z0-9])", lowered)
    ]
    return " ".join([question, *extra])
