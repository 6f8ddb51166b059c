"""Runners' words mapped to the article's words (`glossary.json`), used to widen a question."""

from __future__ import annotations

import json
import re
from importlib import resources


class Glossary:
    """One compiled pattern over every runner's word, so widening a question costs one scan."""

    def __init__(self, terms: dict[str, str]) -> None:
        self.terms = {k.lower(): v for k, v in terms.items()}
        words = sorted(self.terms, key=len, reverse=True)  # longest first: "flat out" before "out"
        self._pattern = re.compile(
            r"(?<![a-z0-9])(?:" + "|".join(map(re.escape, words)) + r")(?![a-z0-9])"
        ) if words else None  # fmt: skip

    def expand(self, question: str) -> str:
        """The question followed by the article's words for any runner's word in it.

        >>> Glossary({"sprints": "top speed", "hills": "downhill"}).expand("Can I do sprints?")
        'Can I do sprints? top speed'
        """
        if self._pattern is None:
            return question
        found = dict.fromkeys(m.group(0) for m in self._pattern.finditer(question.lower()))
        return " ".join([question, *(self.terms[w] for w in found)])


def load_glossary() -> Glossary:
    text = resources.files("knowledge").joinpath("glossary.json").read_text(encoding="utf-8")
    return Glossary(json.loads(text)["terms"])
