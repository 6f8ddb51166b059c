"""The embedder's frozen pass: the model's own vectors, at less CPU, or the model's own pass."""

from __future__ import annotations

import numpy as np
import pytest

from knowledge.embeddings import SentenceEmbeddings, frozen_forward, load_embedder

TEXTS = [
    "my left foot slaps the ground when I run and the toe catches on kerbs",
    "no tingling",
    "can I keep doing my 200m repeats?",
    "I can only run on Tuesday, Thursday and Saturday, and nothing over 45 minutes please",
]


@pytest.fixture(scope="module")
def frozen(embedder):  # type: ignore[no-untyped-def]
    return load_embedder(frozen=True)  # as `coach serve` loads it (`embedder`: as `coach ask`)


def test_the_server_runs_the_bundled_model_frozen_and_one_shot_commands_do_not(
    embedder, frozen
) -> None:  # type: ignore[no-untyped-def]
    assert frozen._forward is not None
    assert embedder._forward is None  # a second and 70 MB for one answer: not worth it


@pytest.mark.parametrize(
    "texts",
    [TEXTS[:1], TEXTS[1:2], TEXTS, TEXTS[::-1] * 9],  # one; short; mixed lengths; over a batch
    ids=["one", "short", "mixed", "40"],
)
def test_the_frozen_pass_gives_the_models_vectors(frozen, texts: list[str]) -> None:  # type: ignore[no-untyped-def]
    vectors = np.array(frozen.embed_documents(texts))
    own = frozen.model.encode(texts, normalize_embeddings=True, show_progress_bar=False)
    assert vectors.shape == own.shape
    assert np.abs(vectors - own).max() < 1e-5
    assert np.abs(np.array(frozen.embed_query(texts[0])) - own[0]).max() < 1e-5


def test_a_model_of_another_shape_keeps_its_own_pass(embedder) -> None:  # type: ignore[no-untyped-def]
    class CLSPooled:  # a Transformer → CLS-token Pooling model: not the shape the pass knows
        def __iter__(self):  # type: ignore[no-untyped-def]
            return iter([embedder.model[0], type("Pooling", (), {"pooling_mode": "cls"})()])

    assert frozen_forward(CLSPooled()) is None


def test_without_a_frozen_pass_the_model_encodes(embedder) -> None:  # type: ignore[no-untyped-def]
    plain = SentenceEmbeddings(embedder.model, embedder.name)
    own = embedder.model.encode(TEXTS, normalize_embeddings=True, show_progress_bar=False)
    assert np.abs(np.array(plain.embed_documents(TEXTS)) - own).max() < 1e-7


def test_a_long_text_is_not_padded_into_the_pass_of_short_ones(frozen) -> None:  # type: ignore[no-untyped-def]
    # A long message and its short clauses, as the guard's net embeds them: one pass would pad
    # every clause to the message's length and cost four times as much.
    texts = [" ".join(TEXTS * 2), *(t.split(",")[0] for t in TEXTS), "no", "numb bum", "ok"]
    shapes: list[tuple[int, int]] = []

    def recording(ids, mask):  # type: ignore[no-untyped-def]
        shapes.append(tuple(ids.shape))
        return frozen._forward(ids, mask)

    plain = SentenceEmbeddings(frozen.model, frozen.name, recording)
    vectors = np.array(plain.embed_documents(texts))
    own = frozen.model.encode(texts, normalize_embeddings=True, show_progress_bar=False)
    assert np.abs(vectors - own).max() < 1e-5
    longest = max(length for _, length in shapes)
    padded = sum(batch * length for batch, length in shapes)
    assert padded < 2 * longest + 7 * 20  # the long one alone, the short ones together


def test_no_texts_need_no_pass(embedder, frozen) -> None:  # type: ignore[no-untyped-def]
    assert embedder.embed_documents([]) == frozen.embed_documents([]) == []
