"""Settings: one typed object, read from the command line and the environment at start-up."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

# Offline by construction (TECH_NOTES.md): no hub look-ups, no analytics, no telemetry.
OFFLINE_ENV = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "GRADIO_ANALYTICS_ENABLED": "False",
    "ANONYMIZED_TELEMETRY": "False",
    "TQDM_DISABLE": "1",
    "TOKENIZERS_PARALLELISM": "false",
}


def go_offline(environ: dict[str, str] | None = None) -> None:
    """Set the offline switches before any heavy library is imported."""
    env = os.environ if environ is None else environ
    for key, value in OFFLINE_ENV.items():
        env.setdefault(key, value)


def log_to_stderr(verbose: bool) -> None:
    """Events (never message text) on stderr: INFO with -v, else warnings only."""
    import logging
    import sys

    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("backstride", appauthor=False))


@dataclass(frozen=True)
class Settings:
    llm: str | None = field(default=None, metadata={"help": "init_chat_model spec; None = no LLM"})
    data_dir: Path = field(default_factory=default_data_dir, metadata={"help": "embedded index"})
    chroma_url: str | None = field(default=None, metadata={"help": "a Chroma server instead"})
    embedding_model: str | None = field(default=None, metadata={"help": "name or path"})

    @classmethod
    def load(cls, overrides: Mapping[str, object], environ: Mapping[str, str]) -> Settings:
        """Command-line values win over COACH_* variables, which win over defaults."""

        def pick(key: str) -> str | None:
            value = overrides.get(key) or environ.get(f"COACH_{key.upper()}") or None
            return str(value) if value is not None else None

        data_dir = pick("data_dir")
        return cls(
            llm=pick("llm"),
            data_dir=Path(data_dir).expanduser() if data_dir else default_data_dir(),
            chroma_url=pick("chroma_url"),
            embedding_model=pick("embedding_model"),
        )
