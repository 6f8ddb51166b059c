"""Chunking: a paragraph or a list item per chunk, never crossing a section.

Each chunk carries its section id and title; the text that is embedded has the section title
in front, so a short paragraph still says what it is about.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources

from knowledge.article import Section

# Bump when the chunking changes: it is part of the index fingerprint.
CHUNKING_VERSION = "2"
# Paragraphs shorter than this are joined to the next one in the same section: a lone
# "Yup, you read that right." is not worth a chunk of its own.
_MIN_CHARS = 90
_LIST_ITEM = re.compile(r"^\s*(?:[-*]|\d+\.)\s+")
_BOLD = re.compile(r"\*\*(.+?)\*\*")


@dataclass(frozen=True)
class Chunk:
    id: str
    section: str
    title: str
    text: str

    @property
    def embed_text(self) -> str:
        return f"{self.title}: {self.text}"


def _blocks(body: str) -> list[str]:
    """Paragraphs and list items of a section body, in order."""
    blocks: list[str] = []
    for para in re.split(r"\n\s*\n", body):
        lines = [ln for ln in para.splitlines() if ln.strip()]
        if lines and all(_LIST_ITEM.match(ln) for ln in lines):
            blocks.extend(_BOLD.sub(r"\1", _LIST_ITEM.sub("", ln)).strip() for ln in lines)
        elif lines:
            blocks.append(" ".join(ln.strip() for ln in lines))
    return blocks


def chunk_sections(sections: list[Section]) -> list[Chunk]:
    chunks: list[Chunk] = []
    for section in sections:
        pending = ""
        blocks = _blocks(section.body)
        for i, block in enumerate(blocks):
            text = f"{pending} {block}".strip()
            is_list_item = section.id in {"sample-week", "running-technique"} and i > 0
            if len(text) < _MIN_CHARS and i < len(blocks) - 1 and not is_list_item:
                pending = text
                continue
            pending = ""
            chunks.append(Chunk(f"{section.id}-{len(chunks):03d}", section.id, section.title, text))
    return chunks


def load_passage_questions() -> dict[str, list[str]]:
    """Chunk id to the questions it answers, in runners' words (written once per passage)."""
    raw = resources.files("knowledge").joinpath("passage_questions.json").read_text("utf-8")
    return {str(k): [str(q) for q in v] for k, v in json.loads(raw).items()}
