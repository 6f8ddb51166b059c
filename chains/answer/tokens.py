"""Small text helpers shared by retrieval and the composer: tokens and sentences."""

from __future__ import annotations

import re

_WORD = re.compile(r"[a-z0-9]+")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'(])")
STOPWORDS = frozenset(
    (
        "a an and are as at be been but by can could do does doing did for from had has have how "
        "i i'd i'm if in into is it it's its just me my of on or our should so than that the "
        "their them then there these they this to too was we what when where which while who why "
        "will with would you your yours am any about after again all also before being both each "
        "few more most much no nor not now off once only other out over own same some such up "
        "very "
    ).split()
)


def stem(word: str) -> str:
    """A deliberately crude suffix stripper: 'intervals' -> 'interval', 'running' -> 'run'.

    >>> [stem(w) for w in ["intervals", "running", "stairs", "hills", "walked"]]
    ['interval', 'run', 'stair', 'hill', 'walk']
    """
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 2 and word.endswith(suffix):
            word = word[: -len(suffix)]
            if suffix == "ing" and len(word) > 2 and word[-1] == word[-2]:
                word = word[:-1]  # subtle: "running" -> "runn" -> "run"
            if suffix == "es" and not word.endswith(("ss", "sh", "ch", "x")):
                word += "e"  # "cadences" -> "cadence", but "stretches" -> "stretch"
            break
    return word


def tokens(text: str) -> list[str]:
    """Lower-cased, stemmed content words.

    >>> tokens("Can I keep doing my 200m repeats?")
    ['keep', '200m', 'repeat']
    """
    return [stem(w) for w in _WORD.findall(text.lower()) if w not in STOPWORDS]


def sentences(text: str) -> list[str]:
    """Split a passage into sentences.

    >>> sentences("One thing. Two things! (Three.)")
    ['One thing.', 'Two things!', '(Three.)']
    """
    return [s.strip() for s in _SENTENCE.split(text) if s.strip()]
