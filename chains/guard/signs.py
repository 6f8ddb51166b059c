"""The signs table (`signs.toml`): every red flag the guard knows, as data a clinician can review.

Each sign has an id, a level, the RED_FLAGS.md row it stands on, a lay description, example
phrasings in runners' words, and look-alikes that must not fire. The meaning-based net compares
messages with the examples and look-alikes; the tests are parametrised from the same table.
Standard library only; the table is read when asked for, never at import time.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources

from chains.guard.verdict import LEVELS, Level

KEYS = {"id", "level", "row", "description", "examples", "lookalikes"}
MIN_EXAMPLES = 15


class SignsError(ValueError):
    """The signs table is malformed (an unknown key or level, a missing field, too few examples)."""


@dataclass(frozen=True)
class Sign:
    id: str
    level: Level
    row: str
    description: str
    examples: tuple[str, ...]
    lookalikes: tuple[str, ...]


def parse_signs(text: str) -> tuple[Sign, ...]:
    """Read and check a signs table.

    >>> parse_signs('[[sign]]\\nid = "x"\\nlevel = "soon"\\nrow = "r"\\ndescription = "d"\\n'
    ...             'examples = []\\nlookalikes = []\\nextra = 1')
    Traceback (most recent call last):
    ...
    chains.guard.signs.SignsError: sign 'x': unknown key(s) extra
    """
    signs, seen = [], set()
    for raw in tomllib.loads(text).get("sign", []):
        name = raw.get("id", "?")
        if unknown := set(raw) - KEYS:
            raise SignsError(f"sign {name!r}: unknown key(s) {', '.join(sorted(unknown))}")
        if missing := KEYS - set(raw):
            raise SignsError(f"sign {name!r}: missing key(s) {', '.join(sorted(missing))}")
        if raw["level"] not in LEVELS[1:]:
            raise SignsError(f"sign {name!r}: unknown level {raw['level']!r}")
        if name in seen:
            raise SignsError(f"sign {name!r} appears twice")
        seen.add(name)
        signs.append(
            Sign(
                name,
                raw["level"],
                raw["row"],
                raw["description"],
                tuple(raw["examples"]),
                tuple(raw["lookalikes"]),
            )
        )
    return tuple(signs)


def load_signs() -> tuple[Sign, ...]:
    """The shipped table, checked: every sign has at least MIN_EXAMPLES example phrasings."""
    signs = parse_signs(resources.files("chains.guard").joinpath("signs.toml").read_text("utf-8"))
    for sign in signs:
        if len(sign.examples) < MIN_EXAMPLES:
            raise SignsError(f"sign {sign.id!r}: only {len(sign.examples)} examples")
    return signs
