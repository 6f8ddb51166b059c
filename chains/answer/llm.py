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
from dataclasses import dataclass, field, fields, replace
from typing import Any, Literal

import numpy as np
from pydantic import BaseModel, Field

from chains.answer import prompts
from chains.answer.passages import Passage
from chains.answer.retrieval import QueryEmbedder
from chains.answer.tokens import sentences
from chains.request.model import WeekRequest
from chains.request.text import DECIMAL, MILE_KM, NUM, days_in, durations, normalise, number
from chains.week.model import DAYS, WEEKDAYS, WEEKEND
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
    """The model failed or did not answer in time (the turn falls back). `transient` when it
    could not be reached or was too slow, rather than refusing what it was asked."""

    def __init__(self, why: str, transient: bool = False) -> None:
        super().__init__(why)
        self.transient = transient


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


# A reply sentence is the article's when it is this close (cosine, MiniLM) to a sentence of a
# retrieved passage. Calibrated by `eval/attribution.py` on the composer's own answers: all of
# their sentences clear it, none of 20 coaching claims the article does not make does (the
# nearest came to 0.68), and a sentence from a section not retrieved clears it about 1 in 10
# times (the article repeats itself). `coach eval` reports the three.
ATTRIBUTION_FLOOR = 0.72


def attribute(text: str, passages: list[Passage], embedder: QueryEmbedder) -> str | None:
    """A reply without brackets with each sentence cited to the retrieved passage it matches
    best, or None when a sentence matches none of them (above `ATTRIBUTION_FLOOR`)."""
    said = sentences(text)
    pieces = [(p.section, s) for p in passages for s in sentences(p.text)]
    if not said or not pieces:
        return None
    best = best_matches(said, [s for _, s in pieces], embedder)
    if any(score < ATTRIBUTION_FLOOR for _, score in best):
        return None
    return " ".join(f"{s} [{pieces[i][0]}]" for s, (i, _) in zip(said, best, strict=True))


def best_matches(
    said: list[str], source: list[str], embedder: QueryEmbedder
) -> list[tuple[int, float]]:
    """For each sentence said, the index of the source sentence nearest in meaning, and how near
    (cosine similarity)."""
    vectors = np.asarray(embedder.embed_documents(said + source))
    similarity = vectors[: len(said)] @ vectors[len(said) :].T
    return [(int(row.argmax()), float(row.max())) for row in similarity]


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
    available_days: list[Day] = Field(
        default_factory=list, description="the only days they can run, when they list them"
    )
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
            available_days=frozenset(d for d in self.available_days if d in DAYS),
            long_run_day=self.long_run_day,
            no_stairs=self.no_stairs,
            no_pool=self.no_pool,
            max_minutes=self.max_minutes,
            current_km_per_week=self.current_km_per_week,
            flare=self.flare,
            wishes_against=frozenset(self.wishes_against),
        )


# What a message must say for a model's reading of a field to count. Small models return the
# runner's available days as excluded days, 0 km, and facilities nobody mentioned.
_STAIRS = re.compile(r"\bstair|\bsteps?\b|\bstep-ups?\b")
_POOL = re.compile(r"\bpool|\bswim|\baqua")
_FLARE = re.compile(
    r"\bflar|\btweak|\btwing|\bspasm|\bset ?back|\bworse|\bsore|\bhurt|\bpain|\bback\b"
)
_EXCLUSION = re.compile(
    r"n't\b|\b(?:no|not|never|except|but|busy|work\w*|away|off|without|unavailable|other than"
    r"|apart from|besides|cannot|shifts?)\b"
)
_AVAILABILITY = re.compile(r"\b(?:only|just|available|free|can (?:run|do|make|manage))\b")
_RUN_DAYS = re.compile(rf"\b({NUM})\s*-?\s*(?:x\b|days?|runs?|times|sessions?)")
_KM = re.compile(rf"({DECIMAL})\s*(?:k|km|kms|kilomet\w*|(mi|miles?))\b")
_WISH_WORDS = {
    "hills": r"\bhill|\bincline",
    "downhill": r"\bdownhill|\bdescen",
    "sprints": r"\bsprint",
    "short_reps": r"\breps?\b|\brepeats?\b|\binterval|\b[1-7]00 ?m\b",
    "race_flat_out": r"\brac\w*|\bflat[ -]out|\ball[ -]out|\bpb\b|\bpr\b",
}


def borne_out(read: WeekRequest, parsed: WeekRequest, message: str) -> WeekRequest:
    """The model's reading cut down to what the message itself states.

    A day counts only if the message names it (or a group such as "weekdays") and the parser
    gave it no other role; an exclusion also needs a word that excludes, and never takes an
    available day; a list of available days needs a word such as "only" or "free". A facility
    or a flare counts only if the message mentions it, a number only if the message states it
    with its unit; 0 km, or more than 300 km a week, is empty.

    >>> tuesday = frozenset({"Tuesday"})
    >>> read = WeekRequest(excluded_days=tuesday, no_pool=True, current_km_per_week=0)
    >>> borne_out(read, WeekRequest(available_days=tuesday), "not free but tues") == WeekRequest()
    True
    """
    low, original = normalise(message)
    named = set(days_in(low, original))
    placed = (
        parsed.excluded_days
        | parsed.available_days
        | {parsed.long_run_day}
        | {d for swap in parsed.swaps for d in swap}
        | {move[1] for move in parsed.moves}
        | {day for day, _ in parsed.max_minutes_on}
        | (set(WEEKDAYS) if parsed.max_minutes_weekdays else set())
        | (set(WEEKEND) if parsed.max_minutes_weekends else set())
    )
    free = named - placed
    listed = read.available_days <= free and _AVAILABILITY.search(low)
    available = read.available_days if listed else frozenset()
    excluded = frozenset(read.excluded_days & free) - available if _EXCLUSION.search(low) else None
    counts = {number(m[1]) for m in _RUN_DAYS.finditer(low)}
    minutes = {found[2] for found in durations(low)}
    km = [float(m[1]) * (MILE_KM if m[2] else 1.0) for m in _KM.finditer(low)]
    weekly = read.current_km_per_week
    stated_km = weekly is not None and 1 <= weekly <= 300 and any(abs(k - weekly) <= 1 for k in km)
    return WeekRequest(
        run_days=read.run_days if read.run_days in counts else None,
        excluded_days=excluded or frozenset(),
        available_days=available,
        long_run_day=read.long_run_day if read.long_run_day in free - (excluded or set()) else None,
        no_stairs=read.no_stairs if _STAIRS.search(low) else None,
        no_pool=read.no_pool if _POOL.search(low) else None,
        max_minutes=read.max_minutes if read.max_minutes in minutes else None,
        current_km_per_week=weekly if stated_km else None,
        flare=read.flare if _FLARE.search(low) else None,
        wishes_against=frozenset(w for w in read.wishes_against if re.search(_WISH_WORDS[w], low)),
    )


def merge_read(parsed: WeekRequest, read: WeekRequest, message: str) -> WeekRequest:
    """The parser's request, filled in by the model's reading where the parser was silent and the
    message bears the reading out (`borne_out`). Where both speak, the parser wins: its reading
    is tied to the words. Exclusions and declined wishes add up."""
    kept = borne_out(read, parsed, message)
    values: dict[str, Any] = {}
    for f in fields(WeekRequest):
        a, b = getattr(parsed, f.name), getattr(kept, f.name)
        if f.name in ("excluded_days", "wishes_against"):
            values[f.name] = a | b
        elif isinstance(a, frozenset | tuple):
            values[f.name] = a or b
        else:
            values[f.name] = b if a is None else a
    return replace(parsed, **values)


def _unreachable(err: BaseException) -> bool:
    """True for a server that is down or too slow (openai's APIConnectionError, APITimeoutError,
    or a plain connection error), rather than one that refused the request."""
    names = {c.__name__ for c in type(err).__mro__}
    unreachable = {"APIConnectionError", "APITimeoutError", "ConnectionError", "TimeoutError"}
    return bool(names & unreachable)


@dataclass
class Voice:
    """A chat model, used for phrasing answers and reading requests; shared read-only."""

    model: Any
    spec: str
    timeout_s: float = TIMEOUT_S
    # The ways of structured output still worth trying in this process (see `read_request`).
    _ways: list[str] = field(default_factory=lambda: ["json_schema", "json_mode"], repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def _call(self, fn: Any, *args: Any) -> Any:
        pool = ThreadPoolExecutor(max_workers=1)
        future = pool.submit(fn, *args)
        try:
            return future.result(timeout=self.timeout_s)
        except FutureTimeout as err:
            raise LLMUnavailable(f"no answer within {self.timeout_s:.0f} s", True) from err
        except Exception as err:
            raise LLMUnavailable(type(err).__name__, _unreachable(err)) from err
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
                raise LLMUnavailable(f"no answer within {self.timeout_s:.0f} s", True) from err
            if kind == "error":
                raise LLMUnavailable(type(value).__name__, _unreachable(value)) from value
            if kind == "end":
                return
            yield value

    def answer(
        self,
        question: str,
        passages: list[Passage],
        history: list[Any],
        on_text: Callable[[str], None] | None = None,
        embedder: QueryEmbedder | None = None,
    ) -> str | None:
        """The model's grounded answer, or None when it fails the checks.

        `on_text` receives the reply so far as it streams, one checked sentence at a time, so
        the runner never sees a sentence that a check would refuse. A reply without brackets is
        cited by `attribute` when an `embedder` is given."""
        given = [(p.section, p.text) for p in passages]
        prompt = prompts.ANSWER.invoke(
            {
                "passages": prompts.format_passages(given),
                "example": prompts.example(given),
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
        if problem == "no citation" and embedder is not None and not check_sentences(text):
            attributed = attribute(text, passages, embedder)
            problem = "" if attributed else "a sentence matches no retrieved passage"
            text = attributed or text
        if problem:
            log.warning("llm answer rejected: %s", problem)
            return None
        return text

    def read_request(self, message: str) -> WeekRequest | None:
        """The model's reading of a week request, or None when it gives nothing usable; raises
        `LLMUnavailable` when the model is down or too slow.

        Structured output is tried as a JSON schema, then, where a server refuses that (as
        llama-cpp-python's does), as a plain JSON object with the schema in the prompt. A way
        that fails for any reason but time is not tried again in this process; when none is
        left, the parser reads requests alone. Each of these is logged once."""
        prompt = prompts.REQUEST.invoke({"message": message})
        for method in list(self._ways):
            try:
                structured = self.model.with_structured_output(RequestSchema, method=method)
                read = self._call(structured.invoke, prompt)
            except LLMUnavailable as err:
                if err.transient:  # down or slow: this turn goes without, the next tries again
                    raise
                self._give_up(method, str(err))
            except (NotImplementedError, ValueError, TypeError) as err:
                self._give_up(method, type(err).__name__)
            else:
                return read.to_request() if isinstance(read, RequestSchema) else None
        return None

    def _give_up(self, method: str, why: str) -> None:
        with self._lock:
            if method in self._ways:
                self._ways.remove(method)
                rest = "; trying json_mode" if self._ways else "; the parser reads requests alone"
                log.warning("llm structured output (%s) failed: %s%s", method, why, rest)
