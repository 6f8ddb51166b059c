"""Obfuscated symptom words keep their level: hidden characters, look-alike letters, repeated
letters, leetspeak and spaced-out letters are undone before the guard reads a message."""

from __future__ import annotations

import json
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from chains.guard import triage
from chains.guard.net import judge
from chains.guard.text import normalise

ROWS = [json.loads(line) for line in (Path("eval") / "redflags.jsonl").open(encoding="utf-8")]
CAUGHT = [
    r["text"] for r in ROWS
    if r["kind"] == "positive" and not r.get("history") and triage(r["text"]).level == r["level"]
    and not re.search(r"(\w)\1\1", r["text"])  # a typo that is itself a stretched letter
][:120]  # fmt: skip
HIDDEN = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]
LOOKALIKE = {"a": "а", "e": "е", "i": "і", "o": "о", "p": "р", "c": "с", "u": "у", "v": "ν"}
LEET = {"o": "0", "i": "1", "e": "3", "a": "4", "s": "5", "t": "7"}


def _in_words(text: str, pick: int, change, every: int = 2) -> str:  # type: ignore[no-untyped-def]
    """Apply `change` to the longer words of `text` (every `every`th one, from `pick`)."""
    words = text.split(" ")
    long = [i for i, w in enumerate(words) if len(w) >= 4 and w.isalpha()]
    for n, i in enumerate(long):
        if (n + pick) % every == 0:
            words[i] = change(words[i])
    return " ".join(words)


def _stretch(word: str, k: int) -> str:
    """ "numbbb", "tiiingling": one letter that is single in the word, written three times."""
    single = [j for j, c in enumerate(word) if word[j - 1 : j] != c != word[j + 1 : j + 2]]
    j = single[k % len(single)] if single else 0
    return word[:j] + word[j] * 3 + word[j + 1 :]


OBFUSCATE = {
    "hidden": lambda w, k: w[:2] + HIDDEN[k % len(HIDDEN)] + w[2:],
    "lookalike": lambda w, k: "".join(LOOKALIKE.get(c, c) if j % 2 == k % 2 else c
                                      for j, c in enumerate(w)),
    "repeated": lambda w, k: _stretch(w, k),
    "leet": lambda w, k: w[0] + "".join(LEET.get(c, c) for c in w[1:-1]) + w[-1],
    "spaced": lambda w, k: " ".join(w) if len(w) <= 6 else w,
}  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(
    text=st.sampled_from(CAUGHT),
    how=st.sampled_from(sorted(OBFUSCATE)),
    pick=st.integers(0, 1),
    k=st.integers(0, 5),
)
def test_an_obfuscated_red_flag_keeps_its_level(text: str, how: str, pick: int, k: int) -> None:
    every = 99 if how == "spaced" else 2  # one word spaced out: "t a k i n g a leak" is two
    hidden = _in_words(text, pick, lambda w: OBFUSCATE[how](w, k), every)
    assert judge(hidden).level == triage(text).level, hidden


def test_the_issue_reproduction_is_an_emergency() -> None:
    assert judge("I can't control my blad\u200bder").level == "emergency"


def test_ordinary_running_talk_is_left_as_it_is() -> None:
    for text in ("I ran 10k in 45 min", "3x10k a week", "b4 my run", "a 4 day week", "5k on sat"):
        assert normalise(text) == text
