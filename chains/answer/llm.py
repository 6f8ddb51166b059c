"""The optional LLM voice: phrases grounded answers and reads week requests, always checked.

The model never sees a flagged conversation (the `Coach` does not call it then), never writes a
week (the rules engine does), and any reply that fails a check is replaced by the composer's.
"""

from __future__ import annotations

import logging
import queue
import re
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, fields, replace
from typing import Any, Literal

from pydantic import BaseModel, Field

from chains.answer import prompts
from chains.answer.passages import Passage
from chains.request.model import WeekRequest
from chains.week.model import DAYS
from knowledge.errors import ConfigError

log = logging.getLogger(__name__)
TIMEOUT_S = 30.0

_CITATION = re.compile(r"\[([a-z0-9]+(?:-[a-z0-9]+)*)\]")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
# Advice the rules forbid. A clause that names it must turn it down *before* naming it
# ("avoid hill repeats", "don't add sprints"); any other mention fails the check, which only ever
# costs a fallback to the article's own words.
_FORBIDDEN = re.compile(
    r"\b(?:down)?hill(?:s|y)?\b|\bdownhills?\b|\bdescents?\b|\binclines?\b"
    r"|\bsprint(?:s|ing|ed)?\b|\b(?:max(?:imum)?|top|full)[ -](?:speed|effort|pace|gas)\b"
    r"|\bflat[ -]out\b|\ball[ -]out\b|\bas fast as\b"
    r"|\b(?:[1-7]\d\d) ?m(?:etres?|eters?)?\b|\b(?:[1-7]\d\d)s\b"
    r"|\b(?:run|running|keep going|carry on|push)\b[^.;,]{0,30}\b(?:through|with|despite|ignor\w*)"
    r" (?:the |some |a bit of |your )?(?:numbness|numb|tingl\w*|pins and needles|weak\w*)"
)
_TURNED_DOWN = re.compile(
    r"\b(?:avoid\w*|don'?t|do not|never|not|no|instead of|rather than|skip\w*|swap\w*"
    r"|replac\w*|stop\w*|ditch\w*|lengthen\w*|drop\w*|cut out|steer clear of|away from"
    r"|isn'?t|aren'?t|shouldn'?t|won'?t|can'?t|without)\b"
)
_CLAUSE = re.compile(r"[,;:]|\bbut\b|\band\b|\bso\b|\bthen\b|\balso\b")
# Dropping the long run's walk breaks is wrong however it is phrased.
_NO_WALK_BREAKS = re.compile(
    r"\b(?:drop|skip|ditch|cut|lose|remove|no need for|forget)(?: \w+){0,2} walk(?:ing)? breaks?\b"
    r"|\brun the whole (?:long run|way)\b|\bwithout (?:any )?walk(?:ing)? breaks?\b"
    r"|\bwithout (?:stopping|pausing|breaking) to walk\b|\bno (?:need to )?walk(?:ing)?\b"
)


class LLMUnavailable(Exception):
    """The model could not be reached or did not answer in time (the turn falls back)."""


def load_chat_model(spec: str) -> Any:
    """A LangChain chat model from an `init_chat_model` string such as `ollama:llama3.2`."""
    from langchain.chat_models import init_chat_model

    provider = spec.split(":", 1)[0] if ":" in spec else ""
    kwargs: dict[str, Any] = {"temperature": 0.2}
    if provider == "openai":  # honours OPENAI_BASE_URL / OPENAI_API_KEY from the environment
        kwargs |= {"timeout": TIMEOUT_S, "max_retries": 0}
    try:
        return init_chat_model(spec, **kwargs)
    except ImportError as err:
        raise ConfigError(
            f"The model '{spec}' needs its provider package: run "
            f"`.venv/bin/pip install -e '.[{provider or 'openai'}]'`."
        ) from err
    except Exception as err:
        raise ConfigError(
            f"Cannot use the model '{spec}' ({type(err).__name__}): check the name, and for "
            "openai: set OPENAI_API_KEY (any value for a local server) and OPENAI_BASE_URL."
        ) from err


def cited(text: str) -> set[str]:
    """Section ids a reply cites as [section-id]."""
    return set(_CITATION.findall(text))


def check_answer(text: str, retrieved: set[str]) -> str:
    """'' when the reply may be shown, else what is wrong with it (for the log)."""
    sections = cited(text)
    if not sections:
        return "no citation"
    if not sections <= retrieved:
        return "cites a section that was not retrieved"
    return check_sentences(text)


def check_sentences(text: str) -> str:
    """'' when no sentence recommends what the rules forbid, else what is wrong. Deliberately
    strict: a sentence it cannot read as a refusal fails, and the article's own words stand in."""
    for sentence in _SENTENCE_END.split(_CITATION.sub(" ", text.lower())):
        if _NO_WALK_BREAKS.search(sentence):
            return "drops walk breaks"
        for clause in _CLAUSE.split(sentence):
            named = _FORBIDDEN.search(clause)
            if named and not _TURNED_DOWN.search(clause, 0, named.start()):
                return "recommends what the rules forbid"
    return ""


Day = Literal["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


class RequestSchema(BaseModel):
    """What the model may read out of a message; the rules engine makes the week."""

    run_days: int | None = Field(None, ge=0, le=7, description="days a week they can run")
    excluded_days: list[Day] = Field(default_factory=list, description="days they cannot run")
    long_run_day: Day | None = Field(None, description="day they want the long run on")
    no_stairs: bool | None = Field(None, description="true when they have no stairs")
    no_pool: bool | None = Field(None, description="true when they have no pool")
    max_minutes: int | None = Field(None, ge=5, le=300, description="time cap on any day")
    current_km_per_week: float | None = Field(None, ge=0, le=300, description="km a week now")
    flare: bool | None = Field(None, description="true when the back flared up recently")
    wishes_against: list[Literal["hills", "downhill", "sprints", "short_reps", "race_flat_out"]] = (
        Field(
            default_factory=list,
            description="sessions they ask for that the article advises against",
        )
    )

    def to_request(self) -> WeekRequest:
        return WeekRequest(
            run_days=self.run_days,
            excluded_days=frozenset(d for d in self.excluded_days if d in DAYS),
            long_run_day=self.long_run_day,
            no_stairs=self.no_stairs,
            no_pool=self.no_pool,
            max_minutes=self.max_minutes,
            current_km_per_week=self.current_km_per_week,
            flare=self.flare,
            wishes_against=frozenset(self.wishes_against),
        )


_TIGHTER = {"run_days", "max_minutes", "max_minutes_weekdays", "max_minutes_weekends",
            "current_km_per_week", "current_runs", "current_run_km"}  # fmt: skip
_EITHER = {"no_stairs", "no_pool", "flare"}


def merge_conservative(parsed: WeekRequest, read: WeekRequest) -> WeekRequest:
    """The parser's request, filled in by the model's where the parser was silent; where both
    speak, the safer value wins (fewer days, tighter caps, more exclusions, any flare)."""
    values: dict[str, Any] = {}
    for f in fields(WeekRequest):
        a, b = getattr(parsed, f.name), getattr(read, f.name)
        if f.name == "available_days" and a and b:
            values[f.name] = a & b
        elif isinstance(a, frozenset):
            values[f.name] = a | b
        elif a in (None, ()):
            values[f.name] = b
        elif b in (None, ()):
            values[f.name] = a
        elif f.name in _TIGHTER:
            values[f.name] = min(a, b)
        elif f.name in _EITHER:
            values[f.name] = a or b
        else:
            values[f.name] = a
    return replace(parsed, **values)


@dataclass
class Voice:
    """A chat model, used for phrasing answers and reading requests; shared read-only."""

    model: Any
    spec: str
    timeout_s: float = TIMEOUT_S

    def _call(self, fn: Any, *args: Any) -> Any:
        pool = ThreadPoolExecutor(max_workers=1)
        future = pool.submit(fn, *args)
        try:
            return future.result(timeout=self.timeout_s)
        except FutureTimeout as err:
            raise LLMUnavailable(f"no answer within {self.timeout_s:.0f} s") from err
        except Exception as err:
            raise LLMUnavailable(type(err).__name__) from err
        finally:  # subtle: leaving a `with` block would wait for a call that hangs
            pool.shutdown(wait=False, cancel_futures=True)

    def _chunks(self, prompt: Any) -> Iterator[str]:
        """The model's text as it streams, within the time limit for the whole answer."""
        pieces: queue.Queue[tuple[str, Any]] = queue.Queue()

        def pump() -> None:
            try:
                for chunk in self.model.stream(prompt):
                    pieces.put(("text", str(getattr(chunk, "content", chunk))))
                pieces.put(("end", None))
            except Exception as err:
                pieces.put(("error", err))

        threading.Thread(target=pump, daemon=True).start()
        deadline = time.monotonic() + self.timeout_s
        while True:
            try:
                kind, value = pieces.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty as err:
                raise LLMUnavailable(f"no answer within {self.timeout_s:.0f} s") from err
            if kind == "error":
                raise LLMUnavailable(type(value).__name__) from value
            if kind == "end":
                return
            yield value

    def answer(
        self,
        question: str,
        passages: list[Passage],
        history: list[Any],
        on_text: Callable[[str], None] | None = None,
    ) -> str | None:
        """The model's grounded answer, or None when it fails the checks.

        `on_text` receives the reply so far as it streams, one checked sentence at a time, so
        the runner never sees a sentence that a check would refuse."""
        prompt = prompts.ANSWER.invoke(
            {
                "passages": prompts.format_passages([(p.section, p.text) for p in passages]),
                "history": history,
                "question": question,
            }
        )
        retrieved = {p.section for p in passages}
        text, shown = "", 0
        for piece in self._chunks(prompt):
            text += piece
            ends = [m.end() for m in _SENTENCE_END.finditer(text)]
            if on_text and ends and ends[-1] > shown:
                if check_sentences(text[shown : ends[-1]]):
                    break  # refused below, before any of it is shown
                shown = ends[-1]
                on_text(text[:shown].strip())
        text = text.strip()
        problem = check_answer(text, retrieved)
        if problem:
            log.warning("llm answer rejected: %s", problem)
            return None
        return text

    def read_request(self, message: str) -> WeekRequest | None:
        """The model's reading of a week request, or None when it gives nothing usable."""
        try:  # a model without tool calling cannot read requests: the parser alone does
            structured = self.model.with_structured_output(RequestSchema)
            read = self._call(structured.invoke, prompts.REQUEST.invoke({"message": message}))
        except (LLMUnavailable, NotImplementedError, ValueError) as err:
            log.warning("llm request reading failed: %s", type(err).__name__)
            return None
        return read.to_request() if isinstance(read, RequestSchema) else None
