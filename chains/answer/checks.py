"""The checks every model reply passes before a runner sees it: cited sections must have been
retrieved, nothing the rules forbid is recommended, and a reply without brackets is cited by
attribution to the passages it matches (or refused)."""

from __future__ import annotations

import re

import numpy as np

from chains.answer.passages import Passage
from chains.answer.retrieval import QueryEmbedder
from chains.answer.tokens import sentences

_CITATION = re.compile(r"\[([a-z0-9]+(?:-[a-z0-9]+)*)\]")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
# Advice the rules forbid. A clause that names it must turn it down *before* naming it
# ("avoid hill repeats", "don't add sprints"); any other mention fails the check, which only ever
# costs a fallback to the article's own words.
_FORBIDDEN = re.compile(
    r"\b(?:down)?hill(?:s|y)?\b|\bdownhills?\b|\bdescents?\b|\binclines?\b"
    r"|\bsprint(?:s|ing|ed)?\b|\b(?:max(?:imum)?|top|full)[ -](?:speed|effort|pace|gas)\b"
    r"|\bflat[ -]out\b|\ball[ -]out\b|\bas fast as\b"
    r"|\b(?:[1-7]\d\d) ?m(?:etres?|eters?)?\b|\b(?:[1-7]\d\d)s\b"
    r"|\b(?:run|running|keep going|carry on|push)\b[^.;,]{0,30}\b(?:through|with|despite|ignor\w*)"
    r" (?:the |some |a bit of |your )?(?:numbness|numb|tingl\w*|pins and needles|weak\w*)"
)
_TURNED_DOWN = re.compile(
    r"\b(?:avoid\w*|don'?t|do not|never|not|no|instead of|rather than|skip\w*|swap\w*"
    r"|replac\w*|stop\w*|ditch\w*|lengthen\w*|drop\w*|cut out|steer clear of|away from"
    r"|isn'?t|aren'?t|shouldn'?t|won'?t|can'?t|without)\b"
)
_CLAUSE = re.compile(r"[,;:]|\bbut\b|\band\b|\bso\b|\bthen\b|\balso\b")
# Dropping the long run's walk breaks is wrong however it is phrased.
_NO_WALK_BREAKS = re.compile(
    r"\b(?:drop|skip|ditch|cut|lose|remove|no need for|forget)(?: \w+){0,2} walk(?:ing)? breaks?\b"
    r"|\brun the whole (?:long run|way)\b|\bwithout (?:any )?walk(?:ing)? breaks?\b"
    r"|\bwithout (?:stopping|pausing|breaking) to walk\b|\bno (?:need to )?walk(?:ing)?\b"
)


def cited(text: str) -> set[str]:
    """Section ids a reply cites as [section-id]."""
    return set(_CITATION.findall(text))


def cited_passages(text: str, passages: list[Passage]) -> list[Passage]:
    """The passages of the sections a reply cites, in the order they were retrieved."""
    sections = cited(text)
    return [p for p in passages if p.section in sections]


def check_answer(text: str, retrieved: set[str]) -> str:
    """'' when the reply may be shown, else what is wrong with it (for the log)."""
    sections = cited(text)
    if not sections:
        return "no citation"
    if not sections <= retrieved:
        return "cites a section that was not retrieved"
    return check_sentences(text)


# A reply sentence is the article's when it is this close (cosine, MiniLM) to a sentence of a
# retrieved passage. Calibrated by `eval/attribution.py` on the composer's own answers: all of
# their sentences clear it, none of 20 coaching claims the article does not make does (the
# nearest came to 0.68), and a sentence from a section not retrieved clears it about 1 in 10
# times (the article repeats itself). `coach eval` reports the three.
ATTRIBUTION_FLOOR = 0.72


def attribute(text: str, passages: list[Passage], embedder: QueryEmbedder) -> str | None:
    """A reply without brackets with each sentence cited to the retrieved passage it matches
    best, or None when a sentence matches none of them (above `ATTRIBUTION_FLOOR`)."""
    said = sentences(text)
    pieces = [(p.section, s) for p in passages for s in sentences(p.text)]
    if not said or not pieces:
        return None
    best = best_matches(said, [s for _, s in pieces], embedder)
    if any(score < ATTRIBUTION_FLOOR for _, score in best):
        return None
    return " ".join(f"{s} [{pieces[i][0]}]" for s, (i, _) in zip(said, best, strict=True))


def best_matches(
    said: list[str], source: list[str], embedder: QueryEmbedder
) -> list[tuple[int, float]]:
    """For each sentence said, the index of the source sentence nearest in meaning, and how near
    (cosine similarity)."""
    vectors = np.asarray(embedder.embed_documents(said + source))
    similarity = vectors[: len(said)] @ vectors[len(said) :].T
    return [(int(row.argmax()), float(row.max())) for row in similarity]


def check_sentences(text: str) -> str:
    """'' when no sentence recommends what the rules forbid, else what is wrong. Deliberately
    strict: a sentence it cannot read as a refusal fails, and the article's own words stand in."""
    for sentence in SENTENCE_END.split(_CITATION.sub(" ", text.lower())):
        if _NO_WALK_BREAKS.search(sentence):
            return "drops walk breaks"
        for clause in _CLAUSE.split(sentence):
            named = _FORBIDDEN.search(clause)
            if named and not _TURNED_DOWN.search(clause, 0, named.start()):
                return "recommends what the rules forbid"
    return ""
