"""Hybrid retrieval, the relevance floor and the grounded composer, with the real model."""

from __future__ import annotations

import pytest

from chains.answer.compose import compose_answer
from chains.answer.passages import Passage
from chains.answer.retrieval import rrf
from chains.answer.scope import off_topic


@pytest.mark.parametrize(
    ("question", "section"),
    [
        ("Can I keep doing my 200m repeats?", "speed-sessions"),
        ("Why should I run more often?", "frequency"),
        ("Is it OK to walk during my long run?", "long-runs"),
        ("Are downhill repeats bad for my back?", "vertical-hill-sessions"),
        ("What cadence should I run at?", "running-technique"),
        ("My MRI shows a disc bulge, is that why my back hurts?", "understanding-lower-back-pain"),
        ("What is the Saturday session in the sample week?", "sample-week"),
    ],
)
def test_the_best_section_answers_the_question(retriever, question: str, section: str) -> None:  # type: ignore[no-untyped-def]
    found = retriever.retrieve(question)
    assert found.sections[0] == section
    assert found.passages[0].section == section
    assert 0.0 < found.passages[0].score <= 1.0


@pytest.mark.parametrize("mode", ["hybrid", "dense", "bm25"])
def test_every_mode_ranks_every_section_once(retriever, mode: str) -> None:  # type: ignore[no-untyped-def]
    sections = retriever.retrieve("stairs instead of hills", mode).sections
    assert len(sections) == len(set(sections))
    assert "vertical-hill-sessions" in sections[:3]


def test_rrf_rewards_agreement_between_rankings() -> None:
    # Worked by hand with k=60: a = 1/61 + 1/62, c = 1/63 + 1/61, b = 1/62.
    assert rrf([["a", "b", "c"], ["c", "a"]]) == ["a", "c", "b"]
    assert rrf([["a", "b"], ["b", "a"]], weights=[1.0, 2.0]) == ["b", "a"]


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("what running shoes are best for a bad back?", "shoes and gear"),
        ("should I take ibuprofen before my long run?", "medicines"),
        ("how many gels for a half marathon", "nutrition and fuelling"),
        ("my knee hurts after 10k", "other injuries"),
        ("Can I keep doing my 200m repeats?", None),
        ("What should I watch out for with tingling?", None),
        ("Can I ride my bike on Saturday instead of swimming?", None),
    ],
)
def test_off_topic_subjects_are_named(question: str, topic: str | None) -> None:
    assert off_topic(question) == topic


def test_the_composer_quotes_the_article_and_names_the_section(retriever) -> None:  # type: ignore[no-untyped-def]
    question = "Can I keep doing my 200m repeats?"
    answer, used = compose_answer(question, retriever.retrieve(question).passages)
    assert "*Speed sessions* (`speed-sessions`)" in answer
    assert "800m" in answer
    assert used[0].section == "speed-sessions"


def test_the_composer_keeps_the_articles_sentence_order() -> None:
    passages = [Passage("long-runs", "Long runs", "First point. Second point. Third.", 0.6)]
    answer, _ = compose_answer("third point", passages)
    assert answer.index("First") < answer.index("Second") < answer.index("Third")


def test_no_passages_means_no_answer() -> None:
    assert compose_answer("anything", []) == ("", [])
