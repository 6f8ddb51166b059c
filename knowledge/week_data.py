"""The article's sample week as shipped data (`sample_week.json`).

Owns reading the file only; `chains.week.sample_week` turns the dict into a `Week`.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any


def load_sample_week_data() -> dict[str, Any]:
    """The parsed sample-week JSON: `{"about": ..., "days": [DAY x 7]}`."""
    text = resources.files("knowledge").joinpath("sample_week.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data
