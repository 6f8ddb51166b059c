"""The optional LLM voice: phrases grounded answers and reads week requests, always checked.

The model never sees a flagged conversation (the `Coach` does not call it then), never writes a
week (the rules engine does), and any reply that fails a check is replaced by the composer's.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from typing import Any

from langchain_core.output_parsers import StrOutputParser
from langchain_core.runnables import Runnable

from chains.answer import prompts
from chains.answer.checks import SENTENCE_END, attribute, check_answer, check_sentences
from chains.answer.passages import Passage
from chains.answer.reading import RequestSchema
from chains.answer.retrieval import QueryEmbedder
from chains.request.model import WeekRequest
from knowledge.errors import ConfigError

log = logging.getLogger(__name__)
TIMEOUT_S = 30.0
MAX_TOKENS = 400  # five sentences with their citations, or one request read as JSON


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
        # max_tokens: a small local model otherwise runs on to the end of its context
        kwargs |= {"timeout": TIMEOUT_S, "max_retries": 0, "max_tokens": MAX_TOKENS}
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

    def phrasing(self) -> Runnable[dict[str, Any], str]:
        """`prompt | model | text`: the answer's inputs (`answer_inputs`) to the model's reply."""
        return prompts.ANSWER | self.model | StrOutputParser()

    def _chunks(self, inputs: dict[str, Any]) -> Iterator[str]:
        """The model's text as it streams, within the time limit for the whole answer."""
        pieces: queue.Queue[tuple[str, Any]] = queue.Queue()

        def pump() -> None:
            try:
                for chunk in self.phrasing().stream(inputs):
                    pieces.put(("text", chunk))
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
        text, shown = "", 0
        for piece in self._chunks(answer_inputs(question, passages, history)):
            text += piece
            ends = [m.end() for m in SENTENCE_END.finditer(text)]
            if on_text and ends and ends[-1] > shown:
                if check_sentences(text[shown : ends[-1]]):
                    break  # refused below, before any of it is shown
                shown = ends[-1]
                on_text(text[:shown].strip())
        return checked(text, passages, embedder)

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


def answer_inputs(question: str, passages: list[Passage], history: list[Any]) -> dict[str, Any]:
    """What the answer prompt is filled with: the passages, a cited example, the history."""
    given = [(p.section, p.text) for p in passages]
    return {
        "passages": prompts.format_passages(given),
        "example": prompts.example(given),
        "history": history,
        "question": question,
    }


def checked(text: str, passages: list[Passage], embedder: QueryEmbedder | None) -> str | None:
    """The model's whole reply if it passes every check, else None. A reply without brackets
    is cited by `attribute` when an `embedder` is given."""
    text = text.strip()
    problem = check_answer(text, {p.section for p in passages})
    if problem == "no citation" and embedder is not None and not check_sentences(text):
        attributed = attribute(text, passages, embedder)
        problem = "" if attributed else "a sentence matches no retrieved passage"
        text = attributed or text
    if problem:
        log.warning("llm answer rejected: %s", problem)
        return None
    return text
