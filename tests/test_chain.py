"""The answer path in LangChain's terms (chains/answer/chain.py), on the fake retriever: the
same passages as the hybrid retriever, as `Document`s, composable with LCEL."""

from __future__ import annotations

from langchain_core.documents import Document
from langchain_core.runnables import RunnableLambda

from chains.answer.chain import ArticleRetriever, answer_chain, passages, top_similarity
from chains.answer.compose import compose_answer
from chains.session import Session
from tests.conftest import FakeRetriever

QUESTION = "Why should I run more often?"


class CountingRetriever(FakeRetriever):
    def __init__(self) -> None:
        super().__init__()
        self.embedded = 0

    def retrieve(self, query, mode="hybrid", limit=5, vector=None):  # type: ignore[no-untyped-def]
        if vector is None:
            self.embedded += 1
        return super().retrieve(query, mode, limit, vector)


def test_the_retriever_gives_the_hybrid_passages_as_documents() -> None:
    hybrid = FakeRetriever()
    documents = ArticleRetriever(hybrid=hybrid).invoke(QUESTION)
    found = hybrid.retrieve(QUESTION)
    assert all(isinstance(d, Document) for d in documents)
    assert passages(documents) == found.passages
    assert [d.metadata["section"] for d in documents] == [p.section for p in found.passages]
    assert top_similarity(documents) == found.top_similarity > 0


def test_a_vector_from_the_routing_step_is_not_embedded_again() -> None:
    hybrid = CountingRetriever()
    vector = hybrid.embed(QUESTION)
    ArticleRetriever(hybrid=hybrid).invoke(QUESTION, vector=vector)
    assert hybrid.embedded == 0
    ArticleRetriever(hybrid=hybrid).invoke(QUESTION)
    assert hybrid.embedded == 1


def test_the_retriever_composes_with_lcel() -> None:
    retriever = ArticleRetriever(hybrid=FakeRetriever(), k=2)
    first_section = retriever | RunnableLambda(lambda docs: docs[0].metadata["section"])
    assert first_section.invoke(QUESTION) == FakeRetriever().retrieve(QUESTION).sections[0]
    assert len(retriever.invoke(QUESTION)) == 2


def test_retriever_then_compose_answers_as_the_coach_does(fake_coach) -> None:  # type: ignore[no-untyped-def]
    hybrid = FakeRetriever()
    reply, used = answer_chain(ArticleRetriever(hybrid=hybrid)).invoke({"question": QUESTION})
    assert (reply, used) == compose_answer(QUESTION, hybrid.retrieve(QUESTION).passages)
    turn = fake_coach.turn(Session(), QUESTION)
    assert turn.intent == "question" and turn.reply == reply


def test_retriever_prompt_model_check_answers_as_the_coach_does(fake_coach) -> None:  # type: ignore[no-untyped-def]
    from langchain_core.messages import AIMessage

    from chains.answer.llm import Voice
    from chains.coach import Coach
    from tests.conftest import ScriptedModel

    text = "Run more often, in shorter runs, to offset the stiffness [frequency]."
    hybrid = FakeRetriever()
    model = ScriptedModel([AIMessage(content=text)])
    chain = answer_chain(ArticleRetriever(hybrid=hybrid), Voice(model, "fake:model"))
    reply, used = chain.invoke({"question": QUESTION})
    assert reply == text and used and {p.section for p in used} == {"frequency"}
    prompt = " ".join(str(m.content) for m in model.calls[0])
    assert "[frequency]" in prompt and QUESTION in prompt  # the retrieved passages, the question
    coach = Coach(hybrid, fake_coach.sample, Voice(ScriptedModel([AIMessage(content=text)]), "f"))
    turn = coach.turn(Session(), QUESTION)
    assert turn.reply == reply and [s.section for s in turn.sources] == [p.section for p in used]


def test_a_reply_that_fails_the_check_leaves_the_chain_empty_handed() -> None:
    from langchain_core.messages import AIMessage

    from chains.answer.llm import Voice
    from tests.conftest import ScriptedModel

    bad = "Hill sprints are great for power, do them on Tuesday [frequency]."
    model = ScriptedModel([AIMessage(content=bad)])
    chain = answer_chain(ArticleRetriever(hybrid=FakeRetriever()), Voice(model, "fake:model"))
    assert chain.invoke({"question": QUESTION}) == (None, [])
