"""The article as structured text: sections with stable ids, read from `article.md`; and as one
HTML page, where the sources' links lead.

Owns parsing only; chunking lives in `chunks.py`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources

_HEADING = re.compile(r"^##\s+(?P<title>.+?)\s+\{#(?P<id>[a-z0-9-]+)\}\s*$")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
ARTICLE_TITLE = "Return to running after lower back pain"
ARTICLE_CSS = (
    "body{font:17px/1.6 system-ui,sans-serif;margin:0;color:#1f2328;background:#fff}"
    "main{max-width:44rem;margin:0 auto;padding:1.5rem}h2{margin-top:2.2rem;scroll-margin-top:1rem}"
    "h2:target{background:#fff3bf}.note{color:#57606a;font-size:.95rem}"
)
FOOTER_PLAIN = (
    "The physiotherapy article the coach answers from. General guidance, not a diagnosis or a "
    "substitute for your physiotherapist or doctor."
)


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


def article_page(render: Callable[[str], str], markdown: str | None = None) -> str:
    """The article as one HTML page, a heading with an anchor (its id) per section, each body
    turned into HTML by `render` (a Markdown renderer).

    >>> page = article_page(str.upper, "# T\\n## A {#a}\\nx\\n")
    >>> '<h2 id="a">A</h2>X' in page
    True
    """
    sections = parse_sections(load_article_text() if markdown is None else markdown)
    parts = [f'<section><h2 id="{s.id}">{html.escape(s.title)}</h2>{render(s.body)}</section>'
             for s in sections]  # fmt: skip
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{ARTICLE_TITLE}</title><style>{ARTICLE_CSS}</style></head><body><main>"
        f'<h1>{ARTICLE_TITLE}</h1><p class="note">{html.escape(FOOTER_PLAIN)}</p>'
        f"{''.join(parts)}</main></body></html>"
    )
