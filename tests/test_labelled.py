"""The scored sets as the coach's examples (`eval/labelled.py`): each set is kept apart by name,
so that `coach eval` can score it with a coach that has never seen it."""

from __future__ import annotations

import numpy as np

from chains.answer.intents import IntentBank, Utterance
from chains.answer.retrieval import PassageQuestions
from eval.labelled import Example, answering_chunks, examples
from eval.retrieval_eval import SETS
from knowledge.article import load_article_text, parse_sections
from knowledge.chunks import chunk_sections


def test_every_scored_set_teaches_the_coach_under_its_own_name() -> None:
    found = examples()
    origins = {e.origin for e in found}
    assert set(SETS) | {"week_requests", "week_requests_blind", "week_chats"} == origins
    assert {e.intent for e in found} == {"question", "out_of_scope", "week"}
    assert len({e.text for e in found}) == len(found)


def test_each_in_scope_question_lands_on_a_chunk_of_its_own_sections() -> None:
    chunks = chunk_sections(parse_sections(load_article_text()))
    section_of = {c.id: c.section for c in chunks}
    for e in examples():
        if e.intent == "question":
            ids = answering_chunks(e, chunks)
            assert ids and all(section_of[i] in e.sections for i in ids), e.text


def test_the_chunk_is_the_one_holding_the_answering_words() -> None:
    chunks = chunk_sections(parse_sections(load_article_text()))
    target = next(c for c in chunks if c.section == "long-runs" and "walk" in c.text.lower())
    words = " ".join(target.text.split()[3:12])
    e = Example("q", "question", "x", ("long-runs",), (words,))
    assert answering_chunks(e, chunks) == [target.id]


def test_a_set_left_out_is_gone_from_the_passages_questions_and_the_bank() -> None:
    vectors = np.eye(4, dtype=np.float32)
    asked = PassageQuestions(["a", "b", "a", "c"], vectors, ["", "blind5", "dev", "blind5"])
    left = asked.without("blind5")
    assert left.chunk_ids == ["a", "a"] and left.origins == ["", "dev"]
    assert np.array_equal(left.vectors, vectors[[0, 2]])

    rows = [
        Utterance("x", "question"),
        Utterance("y", "week", "week_chats"),
        Utterance("z", "question", "dev"),
        Utterance("w", "week"),
    ]
    bank = IntentBank(rows, vectors)
    probe = [0.0, 1.0, 0.0, 0.0]  # the same as "y", the only utterance of week_chats
    assert bank.scores(probe)["week"] > bank.without("week_chats").scores(probe)["week"]
    assert bank.scores(probe)["question"] == bank.without("week_chats").scores(probe)["question"]
