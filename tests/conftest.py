"""Shared fixtures: every path points at a temp dir, nothing reaches the network, and the real
embedding model and index are built once per test run where retrieval is the point."""

from __future__ import annotations

from pathlib import Path

import pytest

from chains.config import OFFLINE_ENV, Settings


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
    from knowledge.glossary import load_glossary
    from knowledge.index import open_index

    index = open_index(embedder, embedder.name, data_dir=shared_dir)
    return HybridRetriever(index, embedder, load_glossary())


@pytest.fixture(scope="session")
def coach(retriever):  # type: ignore[no-untyped-def]
    from chains.coach import Coach
    from chains.week import sample_week
    from knowledge.week_data import load_sample_week_data

    return Coach(retriever, sample_week(load_sample_week_data()))


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
