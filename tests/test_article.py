"""The article as sections and chunks."""

from __future__ import annotations

import pytest

from knowledge.article import load_article_text, parse_sections
from knowledge.chunks import chunk_sections

SECTION_IDS = [
    "introduction",
    "understanding-lower-back-pain",
    "red-flags",
    "effect-on-running-technique",
    "running-technique",
    "program-changes",
    "frequency",
    "speed-sessions",
    "long-runs",
    "vertical-hill-sessions",
    "sample-week",
]


def test_sections_have_the_stable_ids_in_article_order() -> None:
    assert [s.id for s in parse_sections(load_article_text())] == SECTION_IDS


@pytest.mark.parametrize(
    ("section", "words"),
    [
        ("speed-sessions", "make your 200m intervals into 800m intervals"),
        ("frequency", "swap that for 6 x 5k each week"),
        ("long-runs", "make your long run fairly flat"),
        ("vertical-hill-sessions", "A safer option would be stairs"),
        ("red-flags", "within a day or two"),
        ("sample-week", "8 minute run : 2 minute walk"),
    ],
)
def test_the_article_keeps_its_own_words(section: str, words: str) -> None:
    body = {s.id: s.body for s in parse_sections(load_article_text())}[section]
    assert words in body


def test_chunks_stay_inside_one_section_and_carry_its_title() -> None:
    sections = parse_sections(load_article_text())
    bodies = {s.id: s.body.replace("**", "") for s in sections}
    for chunk in chunk_sections(sections):
        assert chunk.embed_text.startswith(chunk.title + ": ")
        # Every sentence of a chunk is found in its own section's text.
        assert chunk.text.split(". ")[0] in bodies[chunk.section]


def test_the_sample_week_is_one_chunk_per_day() -> None:
    chunks = [
        c for c in chunk_sections(parse_sections(load_article_text())) if c.section == "sample-week"
    ]
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    day_chunks = [c for c in chunks if c.text.split(" ")[0] in days]
    assert [c.text.split(" ")[0] for c in day_chunks] == days
