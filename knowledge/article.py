"""The article as structured text: sections with stable ids, read from `article.md`.

Owns parsing only; chunking lives in `chunks.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

_HEADING = re.compile(r"^##\s+(?P<title>.+?)\s+\{#(?P<id>[a-z0-9-]+)\}\s*$")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    body: str


def load_article_text() -> str:
    """The article's Markdown as shipped with the package."""
    return resources.files("knowledge").joinpath("article.md").read_text(encoding="utf-8")


def parse_sections(markdown: str) -> list[Section]:
    """Split the article into its `## Title {#id}` sections.

    >>> [s.id for s in parse_sections("# T\\n## A b {#a-b}\\nx\\n## C {#c}\\ny\\n")]
    ['a-b', 'c']
    """
    sections: list[Section] = []
    title = sid = ""
    lines: list[str] = []
    for line in _COMMENT.sub("", markdown).splitlines():
        match = _HEADING.match(line)
        if match:
            if sid:
                sections.append(Section(sid, title, "\n".join(lines).strip()))
            title, sid, lines = match["title"], match["id"], []
        elif sid:
            lines.append(line)
    if sid:
        sections.append(Section(sid, title, "\n".join(lines).strip()))
    return sections
