"""Builds the heavy, shared parts (embedding model, index, retriever, coach) from `Settings`."""

from __future__ import annotations

import logging
from typing import Any

from chains.answer.intents import IntentBank, Utterance, load_utterances
from chains.answer.retrieval import HybridRetriever, PassageQuestions
from chains.coach import Coach
from chains.config import Settings
from chains.guard.net import MeaningNet
from chains.guard.signs import load_signs
from chains.request.heard import load_phrasings
from chains.week import sample_week
from knowledge.chunks import load_passage_questions
from knowledge.day_bank import DayBank
from knowledge.embeddings import load_embedder
from knowledge.glossary import load_glossary
from knowledge.index import ArticleIndex, open_index
from knowledge.vectors import cached_vectors
from knowledge.week_data import load_sample_week_data

log = logging.getLogger(__name__)


def build_index(
    settings: Settings, rebuild: bool = False, frozen: bool = False
) -> tuple[ArticleIndex, HybridRetriever]:
    embedder = load_embedder(settings.embedding_model, frozen)
    index = open_index(
        embedder,
        embedder.name,
        data_dir=settings.data_dir,
        chroma_url=settings.chroma_url,
        rebuild=rebuild,
    )
    if index.info.rebuilt:  # say so: a rebuild after damage or a change should not be silent
        log.warning(
            "index rebuilt (%s) in %.1f s at %s",
            index.info.reason,
            index.info.build_seconds,
            index.info.where,
        )
    return index, HybridRetriever(
        index, embedder, load_glossary(), passage_questions(settings, embedder, index.chunks)
    )


def passage_questions(settings: Settings, embedder: Any, chunks: list[Any]) -> PassageQuestions:
    """The questions each passage answers: those written once per passage, and the labelled
    sets' in-scope questions, each on the chunks that hold its answer. Embedded once (cached in
    the data folder)."""
    from eval.labelled import answering_chunks, examples

    cache = None if settings.chroma_url else settings.data_dir  # a server: nothing kept locally
    asked = [(c, q, "") for c, qs in load_passage_questions().items() for q in qs]
    asked += [
        (c, e.text, e.origin)
        for e in examples()
        if e.intent == "question"
        for c in answering_chunks(e, chunks)
    ]
    vectors = cached_vectors(embedder, [q for _, q, _ in asked], cache, "passage-questions")
    return PassageQuestions([c for c, _, _ in asked], vectors, [o for _, _, o in asked])


def build_intents(settings: Settings, embedder: Any) -> IntentBank:
    """The routing step's bank: the table's utterances, the passages' own questions, and the
    labelled sets' questions, near misses and opening week requests (`eval/labelled.py`)."""
    from eval.labelled import examples

    rows = load_utterances()
    rows += [Utterance(q, "question") for qs in load_passage_questions().values() for q in qs]
    rows += [Utterance(e.text, e.intent, e.origin) for e in examples()]
    cache = None if settings.chroma_url else settings.data_dir
    return IntentBank(rows, cached_vectors(embedder, [r.text for r in rows], cache, "intents"))


def build_net(settings: Settings, embedder: Any = None) -> MeaningNet:
    """The guard's meaning-based net: the signs table and the labelled messages, embedded once
    (cached in the data folder) with the coach's own model. The routing step's utterances
    (written to hold no sign) count as look-alikes: on the labelled set they cut the false
    alarms from 8.3% to 7.9% at the same sensitivity, and on 509 ordinary messages of the week
    and question sets from 13 to 5."""
    from eval.guard_eval import load as labelled
    from knowledge.sign_bank import Phrasing, SignBank, phrasings

    embedder = embedder or load_embedder(settings.embedding_model)
    signs = load_signs()
    cache = None if settings.chroma_url else settings.data_dir  # a server: nothing kept locally
    ordinary = [Phrasing(u.text, "none", "") for u in load_utterances()]
    ordinary += [  # the passages' own questions, but not those about the warning signs
        Phrasing(q, "none", "")
        for chunk, qs in load_passage_questions().items()
        if not chunk.startswith("red-flags")
        for q in qs
    ]
    bank = SignBank.build(embedder, phrasings(signs, labelled()) + ordinary, cache)
    return MeaningNet(bank, {s.id: s.description for s in signs})


def build_coach(settings: Settings, frozen: bool = False) -> Coach:
    """`frozen`: the model's pass frozen for the many turns of a server (`frozen_forward`: 30%
    less CPU a turn, for a second more at start and 70 MB more memory)."""
    voice = None
    if settings.llm:  # checked first: a bad model name should fail before the slow part
        from chains.answer.llm import Voice, load_chat_model

        voice = Voice(load_chat_model(settings.llm), settings.llm)
    _, retriever = build_index(settings, frozen=frozen)
    net = build_net(settings, retriever.embedder)
    intents = build_intents(settings, retriever.embedder)
    days = build_days(settings, retriever.embedder)
    sessions = build_sessions(settings, retriever.embedder)
    week = sample_week(load_sample_week_data())
    return Coach(retriever, week, voice, net, intents, days, sessions)


def build_sessions(settings: Settings, embedder: Any) -> DayBank:
    """The labelled week requests' clauses that name a session, each with what its labels say
    of it (`chains/request/sessions_heard.py`), embedded once and cached in the data folder."""
    from chains.request.sessions_heard import KINDS
    from eval.labelled import session_examples

    rows = session_examples()
    cache = None if settings.chroma_url else settings.data_dir
    vectors = cached_vectors(embedder, [text for _, text, _ in rows], cache, "sessions")
    return DayBank(rows, vectors, KINDS)


def build_days(settings: Settings, embedder: Any) -> DayBank:
    """The phrasings that tell a day the runner can't run, or the only days they can, by
    meaning (`chains/request/heard.py`): the table's, and the labelled week requests' clauses
    that name days (`eval/labelled.day_examples`), embedded once and cached in the data folder."""
    from eval.labelled import day_examples

    rows = [(kind, text, "") for kind, text in load_phrasings()] + day_examples()
    cache = None if settings.chroma_url else settings.data_dir
    return DayBank(rows, cached_vectors(embedder, [text for _, text, _ in rows], cache, "days"))
