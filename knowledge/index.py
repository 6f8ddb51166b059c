"""The Chroma index of the article's chunks: embedded on disk by default, a Chroma server when
a URL is configured. It checks itself on open and rebuilds when the article, the model or the
chunking changed, or when the stored index is missing or unreadable.

Owns storage and dense search, through `langchain-chroma`'s `Chroma` vector store over our own
client (the client's settings and the healing stay ours); fusion with BM25 lives in
`chains/answer/retrieval.py`.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import logging
import shutil
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import numpy as np
from langchain_core.embeddings import Embeddings

from knowledge.article import Section, load_article_text, parse_sections
from knowledge.chunks import CHUNKING_VERSION, Chunk, chunk_sections
from knowledge.errors import ConfigError, IndexUnavailable

log = logging.getLogger(__name__)
COLLECTION = "backstride-article"
SECTIONS = "backstride-sections"  # one vector per whole section: a second, coarser signal
_FULL_WORDS = ("disk is full", "no space left", "disk quota")


@dataclass
class IndexInfo:
    chunks: int
    model: str
    fingerprint: str
    where: str
    rebuilt: bool
    reason: str
    build_seconds: float

    def to_dict(self) -> dict[str, str | int | float | bool]:
        """What `coach index --json` prints."""
        return {
            "chunks": self.chunks,
            "model": self.model,
            "fingerprint": self.fingerprint,
            "where": self.where,
            "rebuilt": self.rebuilt,
            "reason": self.reason or "up to date",
            "build_seconds": round(self.build_seconds, 3),
        }

    def line(self) -> str:
        """What `coach index` prints."""
        state = f"rebuilt ({self.reason})" if self.rebuilt else "up to date"
        return (
            f"index {state}: {self.chunks} chunks, model {self.model}, "
            f"fingerprint {self.fingerprint}, at {self.where}"
        )


def fingerprint(article: str, model: str) -> str:
    """Changes whenever the article text, the embedding model or the chunking changes."""
    return hashlib.sha256(f"{CHUNKING_VERSION}\0{model}\0{article}".encode()).hexdigest()[:16]


class ArticleIndex:
    """The chunks plus their Chroma vector store; read-only once opened, shared by all sessions.

    An embedded index that fails a query (its files damaged or gone under the running
    process) is rebuilt once, in the process and under a lock, and the query asked again;
    `heal` does the rebuild (None for a Chroma server, which is not ours to rebuild)."""

    def __init__(
        self,
        store: Any,
        sections: Any,
        chunks: list[Chunk],
        info: IndexInfo,
        heal: Callable[[], ArticleIndex] | None = None,
    ) -> None:
        self._take(store, sections)
        self.chunks = chunks
        self.by_id = {c.id: c for c in chunks}
        self.info = info
        self._heal = heal
        self._lock = threading.Lock()
        self._generation = 0  # how many times it was healed: one heal per failure, not per thread

    def _take(self, store: Any, sections: Any) -> None:
        self.store = store  # a langchain_chroma.Chroma
        # Eleven section vectors: read once from Chroma and ranked in memory, which spares every
        # question a second round trip to the store (about 0.8 ms of a 9 ms turn).
        stored = sections.get(include=["embeddings"])
        self._section_ids: list[str] = list(stored["ids"])
        self._section_vectors = np.asarray(stored["embeddings"], dtype=np.float32)

    def dense(self, vector: list[float], k: int) -> list[tuple[Chunk, float]]:
        """Top-k chunks by cosine similarity (Chroma returns cosine distance)."""
        found = self._query(vector, min(k, len(self.chunks)))
        return [(self.by_id[i], s) for i, s in found if i in self.by_id]

    def dense_sections(self, vector: list[float]) -> list[tuple[str, float]]:
        """Every section id, most similar first (cosine: the vectors are normalised)."""
        scores = self._section_vectors @ np.asarray(vector, dtype=np.float32)
        order = np.argsort(-scores)
        return [(self._section_ids[i], float(scores[i])) for i in order]

    def _query(self, vector: list[float], k: int) -> list[tuple[str, float]]:
        generation = self._generation
        try:
            return _ask(self.store, vector, k)
        except Exception as err:
            if self._heal is None:
                raise IndexUnavailable(
                    f"The Chroma server at {self.info.where} stopped answering "
                    f"({type(err).__name__}): check that it is running, then send your "
                    "message again."
                ) from err
            if disk_full(err):
                raise IndexUnavailable(full_disk_sentence(self.info.where)) from err
            self._rebuild(generation, err)
        try:
            return _ask(self.store, vector, k)
        except Exception as err:
            raise IndexUnavailable(
                f"The embedded index at {self.info.where} is damaged and rebuilding it did not "
                f"help ({type(err).__name__}): run `coach index --rebuild`, then start again."
            ) from err

    def _rebuild(self, generation: int, err: Exception) -> None:
        assert self._heal is not None
        with self._lock:
            if self._generation != generation:  # another turn healed it while this one waited
                return
            log.warning("the embedded index failed (%s): rebuilding it", type(err).__name__)
            fresh = self._heal()
            self.store = fresh.store
            self._section_ids, self._section_vectors = fresh._section_ids, fresh._section_vectors
            self.info = fresh.info
            self._generation += 1


def _ask(store: Any, vector: list[float], k: int) -> list[tuple[str, float]]:
    """(chunk id, cosine similarity): the store gives cosine distances."""
    found = store.similarity_search_by_vector_with_relevance_scores(vector, k)
    return [(str(doc.id), 1.0 - distance) for doc, distance in found]


def _store(
    client: Any, name: str, embedder: Embeddings, metadata: dict[str, str] | None = None
) -> Any:
    """LangChain's Chroma vector store over one collection of our client (made if missing)."""
    from langchain_chroma import Chroma

    return Chroma(
        collection_name=name,
        embedding_function=embedder,
        client=client,
        collection_metadata=metadata,
    )


def disk_full(err: BaseException | None) -> bool:
    """True when an error, or any error behind it, says the disk (or quota) is full."""
    while err is not None:
        if isinstance(err, OSError) and err.errno in (errno.ENOSPC, errno.EDQUOT):
            return True
        if any(words in str(err).lower() for words in _FULL_WORDS):
            return True
        err = err.__cause__ or err.__context__
    return False


def full_disk_sentence(where: str) -> str:
    return (
        f"The disk holding the index at {where} is full: free some space (or set "
        "COACH_DATA_DIR to a folder on another disk), then start again."
    )


def _client(data_dir: Path, chroma_url: str | None) -> tuple[Any, str]:
    import chromadb
    from chromadb.config import Settings

    # Explicit settings: telemetry off, and no `.env` in the working directory decides them
    # (chromadb's Settings reads one by default).
    settings = Settings(anonymized_telemetry=False, allow_reset=True, _env_file=None)  # type: ignore[call-arg]
    if chroma_url:
        url = urlparse(chroma_url if "://" in chroma_url else f"http://{chroma_url}")
        if not url.hostname:
            raise ConfigError(f"'{chroma_url}' is not a Chroma URL: use http://HOST:PORT.")
        port = url.port or (443 if url.scheme == "https" else 8000)
        try:
            client = chromadb.HttpClient(
                host=url.hostname, port=port, ssl=url.scheme == "https", settings=settings
            )
            client.heartbeat()
        except Exception as err:
            raise IndexUnavailable(
                f"Cannot reach the Chroma server at {chroma_url}: start it "
                "(`chroma run --path DIR --port N`) or unset COACH_CHROMA_URL."
            ) from err
        return client, chroma_url
    path = data_dir / "chroma"
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise IndexUnavailable(_unwritable(path, err)) from err
    return chromadb.PersistentClient(path=str(path), settings=settings), str(path)


def _memory_client() -> Any:
    import chromadb
    from chromadb.config import Settings

    settings = Settings(anonymized_telemetry=False, allow_reset=True, _env_file=None)  # type: ignore[call-arg]
    return chromadb.EphemeralClient(settings=settings)


def _unwritable(path: Path, err: BaseException) -> str:
    if disk_full(err):
        return full_disk_sentence(str(path))
    reason = err.strerror if isinstance(err, OSError) and err.strerror else type(err).__name__
    return (
        f"Cannot write the index to {path} ({reason}): set COACH_DATA_DIR to a folder you can "
        "write to."
    )


def _check_writable(path: Path) -> None:
    """Before a build, and only then: an intact index is read without needing free space."""
    try:
        probe = path / ".write-test"
        probe.write_bytes(b"ok" * 4096)  # a few KB, as a build's first writes need
        probe.unlink()
    except OSError as err:
        with contextlib.suppress(OSError):
            (path / ".write-test").unlink()
        raise IndexUnavailable(_unwritable(path, err)) from err


def _stored_is_current(client: Any, fp: str, count: int) -> str:
    """'' when the stored collection is usable, else why it is not."""
    try:
        collection = client.get_collection(COLLECTION, embedding_function=None)
    except Exception:
        return "no index yet"
    if (collection.metadata or {}).get("fingerprint") != fp:
        return "the article, model or chunking changed"
    if collection.count() != count or _count(client, SECTIONS) == 0:
        return "the stored index is incomplete"
    return ""


def _forget_client(path: Path) -> None:
    """Drop chromadb's cached client for this folder and the folder, so a fresh client can
    start clean (other folders' clients are left alone)."""
    from chromadb.api.client import SharedSystemClient

    SharedSystemClient._identifier_to_system.pop(str(path), None)
    SharedSystemClient._identifier_to_refcount.pop(str(path), None)
    shutil.rmtree(path, ignore_errors=True)


def open_index(
    embedder: Embeddings,
    model_name: str,
    *,
    data_dir: Path,
    chroma_url: str | None = None,
    rebuild: bool = False,
) -> ArticleIndex:
    article = load_article_text()
    sections = parse_sections(article)
    chunks = chunk_sections(sections)
    fp = fingerprint(article, model_name)
    path = data_dir / "chroma"
    try:
        client, where = _client(data_dir, chroma_url)
        reason = "rebuild requested" if rebuild else _stored_is_current(client, fp, len(chunks))
    except (ConfigError, IndexUnavailable):
        raise
    except Exception as err:
        if chroma_url:
            raise IndexUnavailable(
                f"The Chroma server at {chroma_url} gave an error ({type(err).__name__}): "
                "check its logs, or unset COACH_CHROMA_URL to use the local index."
            ) from err
        if disk_full(err):  # not a damaged index: never delete it for that
            # chromadb writes as it opens, so with no space left even an intact index cannot
            # be read: this run holds one in memory, built from the article, and says so
            log.warning("the disk holding %s is full: the index is held in memory", path)
            client, where = _memory_client(), f"memory (the disk holding {path} is full)"
            reason = "the disk is full, so it is held in memory for this run"
        else:
            _forget_client(path)  # unreadable files: start again from the article
            client, where = _client(data_dir, None)
            reason = "the stored index was unreadable"
    started = time.perf_counter()
    if reason:
        log.info("building the index (%s)", reason)
        if not chroma_url and not where.startswith("memory"):
            _check_writable(path)
        _build(client, embedder, chunks, sections, fp, where)
    try:
        store, by_section = _store(client, COLLECTION, embedder), _store(client, SECTIONS, embedder)
        seconds = time.perf_counter() - started if reason else 0.0
        info = IndexInfo(len(chunks), model_name, fp, where, bool(reason), reason, seconds)

        def heal() -> ArticleIndex:  # the embedded index only: a server is not ours to rebuild
            if not where.startswith("memory"):
                _forget_client(path)
            return open_index(embedder, model_name, data_dir=data_dir, rebuild=True)

        return ArticleIndex(store, by_section, chunks, info, None if chroma_url else heal)
    except Exception as err:
        if disk_full(err):
            raise IndexUnavailable(full_disk_sentence(where)) from err
        raise IndexUnavailable(
            f"The index at {where} could not be read ({type(err).__name__}): run "
            "`coach index --rebuild`, then start again."
        ) from err


def _build(
    client: Any,
    embedder: Embeddings,
    chunks: list[Chunk],
    sections: list[Section],
    fp: str,
    where: str,
) -> None:
    try:
        for name in (SECTIONS, COLLECTION):  # chunks last: their fingerprint marks a full build
            with contextlib.suppress(Exception):  # nothing to delete
                client.delete_collection(name)
        # The store embeds what it keeps: each section whole, each chunk as `embed_text`.
        _store(client, SECTIONS, embedder, {"hnsw:space": "cosine"}).add_texts(
            [f"{s.title}: {s.body}" for s in sections], ids=[s.id for s in sections]
        )
        _store(client, COLLECTION, embedder, {"hnsw:space": "cosine", "fingerprint": fp}).add_texts(
            [c.embed_text for c in chunks],
            metadatas=[{"section": c.section, "title": c.title} for c in chunks],
            ids=[c.id for c in chunks],
        )
    except Exception as err:
        if disk_full(err):
            raise IndexUnavailable(full_disk_sentence(where)) from err
        raise IndexUnavailable(
            f"Could not build the index at {where} ({type(err).__name__}): check the folder is "
            "writable, or that the Chroma server is up, then retry."
        ) from err


def _count(client: Any, name: str) -> int:
    try:
        return int(client.get_collection(name, embedding_function=None).count())
    except Exception:
        return 0
