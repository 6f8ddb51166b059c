"""The project's own texts embedded once and cached in the data folder: the guard's sign bank,
the routing step's labelled utterances and the questions each passage answers.

The cache key is a fingerprint of the model and the texts, so a new process reads the vectors
instead of re-embedding (seconds on 2 cores). The texts are the project's own, never a runner's.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)


def cached_vectors(
    embedder: Any, texts: Sequence[str], cache_dir: Path | None, name: str
) -> np.ndarray:
    """L2-normalised vectors of `texts`, one row each, read from `cache_dir` when there."""
    texts = list(texts)
    key = hashlib.sha256(json.dumps([getattr(embedder, "name", ""), texts]).encode()).hexdigest()
    path = cache_dir / f"{name}-{key[:16]}.npy" if cache_dir else None
    if path and path.is_file():
        try:
            cached = np.load(path)
            if cached.shape[0] == len(texts):
                return np.asarray(cached, dtype=np.float32)
        except (OSError, ValueError):
            log.warning("%s cache unreadable; embedding again", name)
    vectors = np.asarray(embedder.embed_documents(texts), dtype=np.float32)
    if path:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(path.stem + ".tmp.npy")
            np.save(tmp, vectors)
            tmp.replace(path)
        except OSError:  # a read-only or full disk only costs the next start its time
            log.warning("%s cache not written", name)
    return vectors
