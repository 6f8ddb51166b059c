"""The Chroma index: built once, reused, rebuilt when stale or broken, and served by a real
`chroma run` server when a URL is configured."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from knowledge.errors import IndexUnavailable
from knowledge.index import open_index


def test_index_is_built_then_reused(embedder, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first = open_index(embedder, embedder.name, data_dir=tmp_path)
    again = open_index(embedder, embedder.name, data_dir=tmp_path)
    assert first.info.rebuilt and first.info.reason == "no index yet"
    assert not again.info.rebuilt
    assert again.info.fingerprint == first.info.fingerprint
    assert first.collection.count() == first.info.chunks == len(first.chunks)


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
