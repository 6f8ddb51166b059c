"""The Chroma index: built once, reused, rebuilt when stale or broken, and served by a real
`chroma run` server when a URL is configured."""

from __future__ import annotations

import errno
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

from knowledge.errors import IndexUnavailable
from knowledge.index import open_index


def test_index_is_built_then_reused(embedder, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first = open_index(embedder, embedder.name, data_dir=tmp_path)
    again = open_index(embedder, embedder.name, data_dir=tmp_path)
    assert first.info.rebuilt and first.info.reason == "no index yet"
    assert not again.info.rebuilt
    assert again.info.fingerprint == first.info.fingerprint
    assert len(first.store.get()["ids"]) == first.info.chunks == len(first.chunks)


def test_a_different_model_changes_the_fingerprint_and_rebuilds(embedder, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first = open_index(embedder, embedder.name, data_dir=tmp_path)
    other = open_index(embedder, "some-other-model", data_dir=tmp_path)
    assert other.info.rebuilt and other.info.fingerprint != first.info.fingerprint
    assert "changed" in other.info.reason


@pytest.mark.parametrize("damage", ["delete", "garbage", "truncate"])
def test_a_damaged_index_is_rebuilt(embedder, tmp_path: Path, damage: str) -> None:  # type: ignore[no-untyped-def]
    from chromadb.api.client import SharedSystemClient

    open_index(embedder, embedder.name, data_dir=tmp_path)
    SharedSystemClient.clear_system_cache()  # as if the process had stopped
    store = tmp_path / "chroma"
    if damage == "delete":
        shutil.rmtree(store)
    elif damage == "garbage":
        for path in store.rglob("*"):
            if path.is_file():
                path.write_bytes(b"\x00garbage" * 100)
    else:
        db = store / "chroma.sqlite3"
        db.write_bytes(db.read_bytes()[:1000])
    index = open_index(embedder, embedder.name, data_dir=tmp_path)
    assert index.info.rebuilt
    assert index.dense(embedder.embed_query("stairs"), 1)[0][0].section


def test_an_unwritable_data_dir_says_what_to_do(embedder, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(IndexUnavailable, match="COACH_DATA_DIR"):
        open_index(embedder, embedder.name, data_dir=blocker / "data")


def test_an_unreachable_server_says_what_to_do(embedder, tmp_path: Path, free_port: int) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(IndexUnavailable, match="chroma run"):
        open_index(
            embedder, embedder.name, data_dir=tmp_path, chroma_url=f"http://127.0.0.1:{free_port}"
        )


@pytest.mark.slow
def test_a_chroma_server_serves_the_index(embedder, tmp_path: Path, chroma_server) -> None:  # type: ignore[no-untyped-def]
    server, url = chroma_server
    try:
        first = open_index(embedder, embedder.name, data_dir=tmp_path, chroma_url=url)
        second = open_index(embedder, embedder.name, data_dir=tmp_path, chroma_url=url)
        assert first.info.rebuilt and not second.info.rebuilt
        assert first.info.where == url
        hit = second.dense(embedder.embed_query("Can I keep doing my 200m repeats?"), 1)
        assert hit[0][0].section == "speed-sessions"
        assert not (tmp_path / "chroma").exists()  # nothing written locally
    finally:
        server.kill()
        server.wait()
    with pytest.raises(IndexUnavailable, match="Chroma server"):
        second.dense(embedder.embed_query("stairs"), 1)


def test_a_changed_article_is_noticed_and_rebuilt(embedder, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import knowledge.index as index_module

    first = open_index(embedder, embedder.name, data_dir=tmp_path)
    edited = index_module.load_article_text().replace("200m intervals", "300m intervals")
    monkeypatch.setattr(index_module, "load_article_text", lambda: edited)
    again = open_index(embedder, embedder.name, data_dir=tmp_path)
    assert again.info.rebuilt and "changed" in again.info.reason
    assert again.info.fingerprint != first.info.fingerprint
    assert any("300m intervals" in c.text for c in again.chunks)


# -- issue 14: an index that heals while serving, errors that name the cause, full disks --------
def _fake():  # type: ignore[no-untyped-def]
    from tests.conftest import FakeEmbedder

    return FakeEmbedder()  # the real Chroma, without torch: these tests are about storage


def test_a_damaged_index_heals_once_under_a_running_process(tmp_path: Path) -> None:
    import threading

    fake = _fake()
    index = open_index(fake, fake.name, data_dir=tmp_path)
    heal, healed = index._heal, []
    assert heal is not None

    def counted():  # type: ignore[no-untyped-def]
        healed.append(1)
        return heal()

    index._heal = counted
    (tmp_path / "chroma" / "chroma.sqlite3").write_bytes(b"garbage" * 1000)  # under it
    vector = fake.embed_query("speed sessions and short reps")
    answers: list[str] = []
    threads = [
        threading.Thread(target=lambda: answers.append(index.dense(vector, 1)[0][0].section))
        for _ in range(4)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert answers == ["speed-sessions"] * 4 and healed == [1]
    # healed either way: rebuilt on request, or found unreadable while reopening (which one
    # depends on whether chromadb still holds the damaged file open)
    assert index.info.rebuilt
    assert index.info.reason in ("rebuild requested", "the stored index was unreadable")


class _Broken:
    def similarity_search_by_vector_with_relevance_scores(self, *_: object) -> None:
        raise ConnectionError("gone")


def test_errors_name_the_real_cause(tmp_path: Path) -> None:
    fake = _fake()
    index = open_index(fake, fake.name, data_dir=tmp_path)
    vector = fake.embed_query("stairs")
    index.store, index._heal = _Broken(), None  # as with a Chroma server
    with pytest.raises(IndexUnavailable, match=r"Chroma server .* stopped answering"):
        index.dense(vector, 1)
    index._heal = lambda: SimpleNamespace(  # type: ignore[assignment]
        store=_Broken(), _section_ids=[], _section_vectors=None, info=index.info
    )
    with pytest.raises(IndexUnavailable, match=r"embedded index .* damaged") as err:
        index.dense(vector, 1)
    assert "Chroma server" not in str(err.value)


def _full(*_: object, **__: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def test_an_intact_index_is_read_with_no_free_space(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from chromadb.api.client import SharedSystemClient

    fake = _fake()
    open_index(fake, fake.name, data_dir=tmp_path)
    SharedSystemClient.clear_system_cache()  # a new process
    monkeypatch.setattr(Path, "write_bytes", _full)  # 0 bytes free: no file can be written
    index = open_index(fake, fake.name, data_dir=tmp_path)
    assert not index.info.rebuilt and index.dense(fake.embed_query("stairs"), 1)


def test_a_full_disk_never_deletes_a_valid_index(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import knowledge.index as ki

    fake = _fake()
    open_index(fake, fake.name, data_dir=tmp_path)
    before = {p.name: p.stat().st_size for p in (tmp_path / "chroma").rglob("*")}

    def full_database(*_: object) -> str:  # what chromadb raises with a few KB free
        raise RuntimeError("Database error: database or disk is full")

    monkeypatch.setattr(ki, "_stored_is_current", full_database)
    index = open_index(fake, fake.name, data_dir=tmp_path)  # held in memory for this run
    assert index.info.where.startswith("memory") and "disk is full" in index.info.reason
    assert index.dense(fake.embed_query("speed sessions and short reps"), 1)[0][0].section
    assert {p.name: p.stat().st_size for p in (tmp_path / "chroma").rglob("*")} == before


def test_a_build_on_a_full_disk_says_what_to_do(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    fake = _fake()
    monkeypatch.setattr(Path, "write_bytes", _full)
    with pytest.raises(IndexUnavailable, match="is full: free some space"):
        open_index(fake, fake.name, data_dir=tmp_path)
