"""The `Coach`: runs one turn of a conversation, guard first, and returns a `Turn`.

Shared read-only parts (retriever, sample week) are passed in; the per-conversation `Session` is
passed to every call by its owner. The guard's verdict is final: once a conversation is flagged,
no turn of it carries a week, and every reply starts with the referral or a reminder of it.
"""

from __future__ import annotations

import logging
import queue
import re
import threading
import time
from collections.abc import Callable, Iterator

from chains import flags
from chains.answer import replies
from chains.answer.chain import ArticleRetriever, compose_step, passages, top_similarity
from chains.answer.checks import cited_passages
from chains.answer.compose import ref
from chains.answer.explain import about_day, explain, explain_changes
from chains.answer.intents import Intent as Asked
from chains.answer.intents import IntentBank
from chains.answer.llm import LLMUnavailable, Voice
from chains.answer.passages import Passage
from chains.answer.reading import merge_read
from chains.answer.retrieval import Retriever
from chains.answer.scope import RELEVANCE_FLOOR, decline, off_topic
from chains.edge import clean, too_long
from chains.guard import reminder
from chains.guard.net import MeaningNet
from chains.guard.text import normalise
from chains.guard.verdict import RANK
from chains.request import WeekRequest
from chains.request.said import questions, understood
from chains.request.sessions_heard import hear
from chains.router import Context, Routing, read
from chains.rules import plan
from chains.session import Intent, Session, Turn
from chains.week import Week
from chains.week.model import DayName
from knowledge.day_bank import DayBank

log = logging.getLogger(__name__)
MAX_RETRIEVAL_CHARS = 4000


class Coach:
    def __init__(
        self,
        retriever: Retriever,
        sample: Week,
        voice: Voice | None = None,
        net: MeaningNet | None = None,
        intents: IntentBank | None = None,
        days: DayBank | None = None,
        sessions: DayBank | None = None,  # sessions heard by meaning (`sessions_heard.py`)
    ) -> None:
        self.retriever = retriever
        self.sample = sample
        self.voice = voice
        self.net = net
        self.intents = intents
        self.days = days  # days heard by meaning (`chains/request/heard.py`)
        self.sessions = sessions
        self.titles = retriever.titles()
        self.articles = ArticleRetriever(hybrid=retriever)  # LangChain's retriever interface
        self.compose = compose_step()

    def turn(
        self, session: Session, message: str, on_text: Callable[[str], None] | None = None
    ) -> Turn:
        """One turn. `on_text` gets the reply so far while a model streams it (checked
        sentence by sentence); the returned turn's reply is what stands. A turn is a
        transaction: the session changes only when the whole turn succeeded."""
        refused = too_long(message)
        if refused:  # at the edge: the guard, the index and the history never see it
            return Turn(refused, "red_flag" if session.flagged else "smalltalk", session.triage)
        work = session.fork()
        turn = self._turn(work, message, on_text)
        session.commit(work)
        return turn

    def _turn(self, session: Session, message: str, on_text: Callable[[str], None] | None) -> Turn:
        started = time.perf_counter()
        raw = clean(message)
        text = normalise(raw).strip()
        if not text:
            intent: Intent = "red_flag" if session.flagged else "smalltalk"
            return Turn(replies.EMPTY, intent, session.triage)
        units = self.net.units(text) if self.net else []  # the clauses the net reads
        vector, clauses, days = self._embed(text, units)
        found = self.net.judge_units(units, clauses) if self.net else None  # the net
        heard = flags.hear(session, text, raw, found)  # and the rules
        now = heard.standing
        if heard.lifted:
            turn = flags.lifted_turn(session, now)
        elif RANK[now.level] > RANK[session.triage.level]:  # new or higher
            turn = flags.flag_turn(session, now, self.net)
        elif session.flagged:
            session.triage = now  # the same level, perhaps now on a rule's word
            turn = self._after_flag(session, text, vector)
        else:
            turn = self._ordinary(session, text, on_text, vector, days)
            if heard.clarify:  # ambiguous wording: ask, rather than guess either way
                turn.reply = f"**{heard.clarify}**\n\n{turn.reply}"
        log.info(
            "turn intent=%s level=%s sources=%d changes=%d ms=%.1f",
            turn.intent,
            turn.triage.level,
            len(turn.sources),
            len(turn.changes),
            1000 * (time.perf_counter() - started),
        )
        return turn

    def stream(self, session: Session, message: str) -> Iterator[str | Turn]:
        """The reply so far, each time a model adds a checked sentence, then the `Turn`.
        Without a model the reply is ready at once: only the `Turn`. A failure of the turn is
        raised here, after what was streamed."""
        if self.voice is None:
            yield self.turn(session, message)
            return
        parts: queue.Queue[str | None] = queue.Queue()
        turns: list[Turn] = []
        errors: list[BaseException] = []

        def run() -> None:
            try:
                turns.append(self.turn(session, message, parts.put))
            except BaseException as err:  # handed to the caller's thread below
                errors.append(err)
            finally:
                parts.put(None)

        threading.Thread(target=run, daemon=True).start()
        while (part := parts.get()) is not None:
            yield part
        if errors:
            raise errors[0]
        yield turns[0]

    # -- flagged conversations -------------------------------------------------------------

    def _after_flag(self, session: Session, text: str, vector: list[float] | None) -> Turn:
        head = reminder(session.triage)
        kind = self._route(session, text, vector, WeekRequest()).intent
        if kind == "week":
            return Turn(f"{head}\n\n{replies.WEEK_WITHHELD}", "red_flag", session.triage)
        if kind == "smalltalk":
            return Turn(f"{head}\n\n{replies.FLAGGED_SMALLTALK}", "red_flag", session.triage)
        answer, sources, _, _ = self._answer(text, None, vector=vector)  # None: never the model
        return Turn(f"{head}\n\n{answer}", "red_flag", session.triage, sources)

    # -- ordinary turns --------------------------------------------------------------------

    def _embed(
        self, text: str, units: list[str]
    ) -> tuple[list[float] | None, list[list[float]] | None, WeekRequest]:
        """The turn's one forward pass, when there is a meaning bank: the message (routing, scope,
        retrieval), the net's clauses (`units`) and the clauses heard by meaning (`hear`)."""
        if self.intents is None:
            return None, None, WeekRequest()  # the net, if any, embeds its clauses itself
        query = text[:MAX_RETRIEVAL_CHARS]
        return hear(query, text, units, self.retriever.embed_with, self.days, self.sessions)

    def _route(
        self, session: Session, text: str, vector: list[float] | None, heard: WeekRequest
    ) -> Routing:
        """The turn's one routing step."""
        scores = self.intents.scores(vector) if self.intents and vector is not None else None
        has_week = session.week is not None
        previous = session.messages[-2] if len(session.messages) > 1 else ""
        context = Context(bool(session.changes), has_week, session.request, session.noted, previous)
        return read(text, scores, context, heard)

    def _ordinary(
        self,
        session: Session,
        text: str,
        on_text: Callable[[str], None] | None,
        vector: list[float] | None,
        days: WeekRequest,
    ) -> Turn:
        routing = self._route(session, text, vector, days)
        kind: Asked = routing.intent
        # said last turn in a question (or a flare told in any turn), for a week asked for now
        noted, asked = session.noted, routing.request
        carried = asked if kind == "question" and not routing.day else asked.flare_only()
        session.noted = WeekRequest() if kind == "week" else carried
        if kind == "smalltalk":
            thanks = re.match(r"\s*(?:thanks|thank you|thx|ta|cheers)\b", text, re.IGNORECASE)
            return Turn(replies.THANKS if thanks else replies.GREETING, "smalltalk", session.triage)
        if kind == "explain":
            turn = self._explain(session, text, routing.last_change, vector)
            if turn:
                return turn
        if kind == "week":
            return self._week(session, text, noted.merge(routing.request), vector)
        if kind == "out_of_scope":
            return Turn(decline(off_topic(text)), "out_of_scope", session.triage)
        if routing.day is not None:
            return self._day(session, routing.day, text, vector)
        history = session.messages[-7:-1] if self.voice else []
        answer, sources, intent, notice = self._answer(text, history, on_text, vector)
        if len(text) > MAX_RETRIEVAL_CHARS:
            notice = replies.CUT_NOTICE.format(limit=MAX_RETRIEVAL_CHARS)
        return Turn(replies.noted(answer, notice), intent, session.triage, sources, notice=notice)

    def _answer(
        self,
        text: str,
        history: list[str] | None,
        on_text: Callable[[str], None] | None = None,
        vector: list[float] | None = None,
    ) -> tuple[str, list[Passage], Intent, str | None]:
        """A grounded answer or a plain 'not in the article': (reply, sources, intent, notice).
        The model phrases it only when one is configured and `history` is not None. Without
        a meaning bank (`vector` is None), the off-topic list decides scope."""
        topic = off_topic(text) if vector is None else None
        if topic:
            return decline(topic), [], "out_of_scope", None
        question = text[:MAX_RETRIEVAL_CHARS]
        documents = self.articles.invoke(question, vector=vector)
        if top_similarity(documents) < RELEVANCE_FLOOR or not documents:
            return decline(None), [], "out_of_scope", None
        found = passages(documents)
        notice = None
        if self.voice is not None and history is not None:
            try:
                phrased = self.voice.answer(
                    question,
                    found,
                    [("human", m) for m in history],
                    on_text,
                    self.retriever.embedder,
                )
            except LLMUnavailable as err:
                log.warning("llm unavailable: %s", err)
                notice = replies.LLM_DOWN.format(spec=self.voice.spec)
            else:
                if phrased:  # the sources are the passages of the sections it cites
                    used = cited_passages(phrased, found)
                    return phrased, used, "question", None
                notice = replies.LLM_REJECTED
        answer, used = self.compose.invoke({"question": text, "documents": documents})
        return answer, used, "question", notice

    def _explain(
        self, session: Session, text: str, last_change: bool, vector: list[float] | None
    ) -> Turn | None:
        week = session.week or self.sample
        found = explain(text, week, list(reversed(session.changes)))
        if found is None and last_change:
            found = explain_changes(session.last_changes or session.changes[-1:])
        if found is None:
            return None
        sources = self.retriever.section_passages(list(found.sources), text, 2, vector)
        cited = ", ".join(ref(self.titles.get(s, s), s) for s in found.sources)
        quote = f"\n\n> {sources[0].text}" if sources else ""
        reply = f"{found.text}\n\nThe article, {cited}:{quote}" if cited else found.text
        return Turn(reply, "explain", session.triage, sources)

    def _day(self, session: Session, day: DayName, text: str, vector: list[float] | None) -> Turn:
        """ "What do I do on Friday?": that day of the runner's week, its reason and section."""
        week = session.week or self.sample
        found = about_day(day, week, list(reversed(session.changes)))
        whose = "Your week" if session.week is not None else "The article's sample week"
        sections = list(dict.fromkeys(["sample-week", *found.sources]))  # the day's entry first
        sources = self.retriever.section_passages(sections, text, 1, vector)  # no new embedding
        cited = ", ".join(ref(self.titles.get(s, s), s) for s in sections)
        quote = f"\n\n> {sources[0].text}" if sources else ""
        reply = f"{whose}, {found.text}\n\nFrom the article, {cited}:{quote}"
        return Turn(reply, "question", session.triage, sources)

    def _week(
        self, session: Session, text: str, stated: WeekRequest, vector: list[float] | None
    ) -> Turn:
        notice = None
        if self.voice is not None:  # the model may fill in what the parser missed (`merge_read`)
            try:
                read = self.voice.read_request(text)
            except LLMUnavailable as err:
                log.warning("llm unavailable: %s", err)
                read, notice = None, replies.LLM_DOWN_WEEK.format(spec=self.voice.spec)
            stated = merge_read(stated, read, text) if read else stated
        request = session.request.merge(stated)
        previous = session.week or self.sample
        result = plan(self.sample, request, previous)
        # Wishes add up over the chat; say no to each once, when it is asked for.
        result.declined = [d for d in result.declined if d.wish in stated.wishes_against]
        session.request, session.week = request, result.week
        session.changes.extend(result.changes)
        session.last_changes = list(result.changes)
        sources = self.retriever.section_passages(replies.sources_of(result), text, vector=vector)
        said, asks = understood(request), questions(request)
        reply = replies.week_reply(result, self.titles, result.week == self.sample, said, asks)
        reply, changes = replies.noted(reply, notice), list(result.changes)
        return Turn(reply, "week", session.triage, sources, result.week, changes, notice=notice)
