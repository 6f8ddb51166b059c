"""Shared fixtures and test doubles: every path points at a temp dir, nothing reaches the
network; the real embedding model and index are built once per test run where retrieval is the
point (those tests are marked `slow`), and everything else runs on the fakes below.

Tiers: `pytest -m "not slow"` runs the fakes only (under a minute); `make test` runs all.
"""

from __future__ import annotations

import math
import zlib
from pathlib import Path
from typing import Any

import pytest
from langchain_core.language_models import GenericFakeChatModel
from langchain_core.messages import AIMessage

from chains.answer.retrieval import HybridRetriever
from chains.answer.tokens import tokens
from chains.config import OFFLINE_ENV, Settings
from knowledge.article import load_article_text, parse_sections
from knowledge.chunks import Chunk, chunk_sections
from knowledge.glossary import load_glossary

# Fixtures that load the real model, the real index or a server: tests using them are slow.
REAL = {"embedder", "retriever", "coach", "chroma_server", "real_coach", "real_net", "intents"}
SLOW_MODULES = {
    "test_browser",
    "test_server",
    "test_serving",
    "test_cli",
    "test_index",
    "test_wheel",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        module = getattr(item, "module", None)
        name = module.__name__.rsplit(".", 1)[-1] if module else ""
        if name in SLOW_MODULES or any(_real(item, f) for f in REAL):
            item.add_marker(pytest.mark.slow)


def _real(item: pytest.Item, fixture: str) -> bool:
    """True when the test uses this conftest's real `fixture`, not a module's fake of it."""
    info = getattr(item, "_fixtureinfo", None)
    defs = info.name2fixturedefs.get(fixture) if info else None
    return bool(defs) and defs[-1].func.__module__.endswith("conftest")


DIMS = 512


class FakeEmbedder:
    """Bag of stemmed words, hashed into DIMS buckets and normalised: texts that share words
    are similar, and the same text always gives the same vector."""

    name = "fake-embedder"

    def embed_query(self, text: str) -> list[float]:
        vector = [0.0] * DIMS
        for word in tokens(text):
            vector[zlib.crc32(word.encode()) % DIMS] += 1.0
        norm = math.sqrt(sum(v * v for v in vector)) or 1.0
        return [v / norm for v in vector]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self.embed_query(t) for t in texts]


class FakeIndex:
    """The `DenseIndex` the retriever reads, in memory: cosine over FakeEmbedder vectors."""

    def __init__(self, embedder: FakeEmbedder) -> None:
        self.sections = parse_sections(load_article_text())
        self.chunks: list[Chunk] = chunk_sections(self.sections)
        self._vectors = embedder.embed_documents([c.embed_text for c in self.chunks])
        self._section_vectors = {
            s.id: embedder.embed_query(f"{s.title}: {s.body}") for s in self.sections
        }

    def dense(self, vector: list[float], k: int) -> list[tuple[Chunk, float]]:
        scored = [(c, _dot(vector, v)) for c, v in zip(self.chunks, self._vectors, strict=True)]
        return sorted(scored, key=lambda cs: -cs[1])[:k]

    def dense_sections(self, vector: list[float]) -> list[tuple[str, float]]:
        scored = [(s, _dot(vector, v)) for s, v in self._section_vectors.items()]
        return sorted(scored, key=lambda ss: -ss[1])


def _dot(a: list[float], b: list[float]) -> float:
    return sum(x * y for x, y in zip(a, b, strict=True))


class FakeRetriever(HybridRetriever):
    """The real fusion (BM25 + dense + sections) over the fake index: no torch, no Chroma."""

    def __init__(self) -> None:
        embedder = FakeEmbedder()
        super().__init__(FakeIndex(embedder), embedder, load_glossary())  # type: ignore[arg-type]


class ScriptedModel(GenericFakeChatModel):
    """Replies queued in order; every call recorded; tool calls for structured output."""

    calls: list[Any] = []  # noqa: RUF012 - replaced per instance below

    def __init__(self, replies: list[AIMessage]) -> None:
        super().__init__(messages=iter(replies))
        object.__setattr__(self, "calls", [])

    def _generate(self, messages, stop=None, run_manager=None, **kwargs):  # type: ignore[no-untyped-def]
        self.calls.append(messages)
        return super()._generate(messages, stop=stop, run_manager=run_manager, **kwargs)

    def bind_tools(self, tools, **kwargs):  # type: ignore[no-untyped-def]
        return self


class BrokenModel(ScriptedModel):
    def _generate(self, messages, stop=None, run_manager=None, **kwargs):  # type: ignore[no-untyped-def]
        self.calls.append(messages)
        raise ConnectionError("server went away")


@pytest.fixture(scope="session")
def fake_coach():  # type: ignore[no-untyped-def]
    """A `Coach` on the fake retriever: the real guard, router, rules and composer."""
    from chains.coach import Coach
    from chains.week import sample_week
    from knowledge.week_data import load_sample_week_data

    return Coach(FakeRetriever(), sample_week(load_sample_week_data()))


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in OFFLINE_ENV.items():
        monkeypatch.setenv(key, value)
    for key in ("COACH_LLM", "COACH_CHROMA_URL", "COACH_EMBEDDING_MODEL"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("GRADIO_TEMP_DIR", str(tmp_path / "gradio"))


@pytest.fixture(scope="session")
def shared_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("shared-index")


@pytest.fixture(scope="session")
def settings(shared_dir: Path) -> Settings:
    return Settings(data_dir=shared_dir)


@pytest.fixture(scope="session")
def embedder():  # type: ignore[no-untyped-def]
    for key, value in OFFLINE_ENV.items():
        import os

        os.environ.setdefault(key, value)
    from knowledge.embeddings import load_embedder

    return load_embedder()


@pytest.fixture(scope="session")
def retriever(embedder, shared_dir: Path):  # type: ignore[no-untyped-def]
    from chains.answer.retrieval import HybridRetriever
    from chains.factory import passage_questions
    from knowledge.glossary import load_glossary
    from knowledge.index import open_index

    index = open_index(embedder, embedder.name, data_dir=shared_dir)
    questions = passage_questions(Settings(data_dir=shared_dir), embedder, index.chunks)
    return HybridRetriever(index, embedder, load_glossary(), questions)


@pytest.fixture(scope="session")
def real_net(embedder, shared_dir: Path):  # type: ignore[no-untyped-def]
    from chains.factory import build_net

    return build_net(Settings(data_dir=shared_dir), embedder)


@pytest.fixture(scope="session")
def intents(embedder, shared_dir: Path):  # type: ignore[no-untyped-def]
    from chains.factory import build_intents

    return build_intents(Settings(data_dir=shared_dir), embedder)


@pytest.fixture(scope="session")
def days(embedder, shared_dir: Path):  # type: ignore[no-untyped-def]
    from chains.factory import build_days

    return build_days(Settings(data_dir=shared_dir), embedder)


@pytest.fixture(scope="session")
def sessions(embedder, shared_dir: Path):  # type: ignore[no-untyped-def]
    from chains.factory import build_sessions

    return build_sessions(Settings(data_dir=shared_dir), embedder)


@pytest.fixture(scope="session")
def coach(retriever, real_net, intents, days, sessions):  # type: ignore[no-untyped-def]
    """The Coach as shipped: real model, index, net, routing bank, days and sessions by
    meaning."""
    from chains.coach import Coach
    from chains.week import sample_week
    from knowledge.week_data import load_sample_week_data

    week = sample_week(load_sample_week_data())
    return Coach(retriever, week, None, real_net, intents, days, sessions)


@pytest.fixture
def free_port() -> int:
    from eval import free_port as pick

    return pick()


@pytest.fixture
def chroma_server(tmp_path: Path, free_port: int):  # type: ignore[no-untyped-def]
    """A real `chroma run` on loopback, stopped after the test: (process, url)."""
    import subprocess
    import sys
    import time
    import urllib.request

    chroma = Path(sys.executable).with_name("chroma")
    proc = subprocess.Popen(
        [str(chroma), "run", "--path", str(tmp_path / "chroma-server"), "--host", "127.0.0.1",
         "--port", str(free_port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{free_port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1)
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail("chroma run did not start")
            time.sleep(0.1)
    yield proc, url
    proc.kill()
    proc.wait()
