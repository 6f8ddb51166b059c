"""The guard's rules for one message: where each sign is, and what around it explains it away
(negation, someone else, hypothetical, past, an innocent context), by the tiers of RED_FLAGS.md.

Pure: no model, file, environment or per-user state. The words and patterns are `lexicon.py`,
clean-up and spelling repair `text.py`, adding up a conversation `conversation.py`."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, replace
from itertools import islice, pairwise

from chains.guard import lexicon as lx
from chains.guard.replies import ASK_IF_NOW, ASK_LEGS, ASK_PAIN
from chains.guard.text import prepare
from chains.guard.verdict import Level

_WINDOW = 200  # context is read this far either side of a sign, never across a huge clause
_MAX_MATCHES = 50  # per pattern and message; more only happens in pasted junk
_MIN_UNIT = 7  # characters; shorter clauses ("ok", "and") carry no sign of their own
_MAX_UNITS = 24  # clauses per message piece the net reads; a pasted essay is read by the rules


# -- one message: where each sign is, and what around it explains it away -------------------------
_SENTENCE = re.compile(r"[^.!?;]+[.!?;]*")
_SIMILE = re.compile(r"\b(?:like|as if|as though|similar to)\b(?:\s+[\w']+){0,5}\s*$")
_ONE_OF = re.compile(r"\bone of (?:my|the|his|her)\s+$")
_PRONOUN_START = re.compile(r"\W*(?:but |and )?(?:it|its|it's|that|this|they|those|which|all)\b")


@dataclass(frozen=True)
class BodyRule:
    """What a sign tied to a body part means where it is."""

    rule: str
    level: Level
    family: str
    contexts: lx.Contexts  # what explains it away


_NONE, _LOCAL, _TIRED_OR_LOCAL = map(lx.contexts, ("-", "local_sens", "fatigue local_sens"))
_BODY_RULES: dict[str, dict[str, BodyRule]] = {
    "sens": {
        "saddle": BodyRule("saddle-sensation", "emergency", "", _LOCAL),
        "both": BodyRule("both-legs", "emergency", "", _LOCAL),
        "one": BodyRule("one-leg-sensation", "urgent", "leg", _LOCAL),
        "trunk": BodyRule("altered-sensation", "urgent", "leg", _LOCAL),
    },
    "weak": {
        "both": BodyRule("both-legs", "emergency", "", lx.contexts("fatigue strength chronic")),
        "one": BodyRule("one-leg-weakness", "urgent", "leg", lx.contexts("strength chronic")),
    },
    "soft": {"saddle": BodyRule("saddle-sensation", "emergency", "", _LOCAL)},
}
_BODY_PATTERNS = (
    ("sens", lx.SENS_BODY, lx.SENS_TRIGGERS),
    ("weak", lx.WEAK_BODY, lx.WEAK_TRIGGERS),
    ("soft", lx.SOFT_BODY, lx.SOFT_TRIGGERS),
)


@dataclass(frozen=True)
class Hit:
    rule: str
    level: Level
    family: str  # "leg": a one-sided sign that escalates when bilateral or worsening
    side: str
    reason: str
    msg: int
    sentence: int


def _asks(sentence: str) -> bool:
    tail = sentence[-4:]
    return "?" in tail and "!" not in tail  # "numb?!" is alarm, not a question


class MessageScan:
    def __init__(self, message: str, index: int) -> None:
        self.t = prepare(message)
        self.text = text = self.t.work
        self.index = index
        self.sentences = [(m.start(), m.end(), _asks(m.group())) for m in _SENTENCE.finditer(text)]
        self.clauses: list[tuple[int, int, int]] = []  # start, end, sentence; split at "but"
        for n, (start, end, _) in enumerate(self.sentences):
            cuts = [start, *(m.start() for m in lx.SPLIT.finditer(text, start, end)), end]
            self.clauses += [(a, b, n) for a, b in pairwise(cuts) if b > a]
        self.ends = [end for _, end, _ in self.clauses]
        self.returned = bool(lx.RETURN.search(text))  # "it's back": nothing here is past
        self.about: dict[int, bool] = {}
        self.hits: list[Hit] = []
        self.prog: list[tuple[int, str, bool]] = []  # sentence, phrase, not about back pain
        self.echo: list[tuple[int, str]] = []  # "the other leg too"
        self.osteo = self.fall = self.rest = self.unrel = ""  # signs that add up across messages
        self.clarify: str | None = None
        self.modified: list[int] = []  # where a sign was explained away (negated, past, ...)

    def clause(self, pos: int) -> int:
        return min(bisect_right(self.ends, pos), len(self.clauses) - 1)

    def window(self, start: int, end: int, core: int) -> tuple[int, int]:
        c_start, c_end, _ = self.clauses[self.clause(core)]
        return max(c_start, start - _WINDOW), min(c_end, end + _WINDOW)

    def negated(self, start: int, floor: int) -> bool:
        return bool(lx.NEG_TAIL.search(self.text[max(floor, start - 80) : start]))

    def generic(self, s_index: int) -> bool:
        """True when the sentence asks or talks about red flags without describing the runner's
        own body ("is tingling a red flag?")."""
        if s_index not in self.about:
            s_start, s_end, asks = self.sentences[s_index]
            sentence = self.text[s_start:s_end]
            if asks and len(sentence.split()) <= 3 and s_index + 1 < len(self.sentences):
                asks = not lx.YES.match(self.text, self.sentences[s_index + 1][0])  # "numb? yes"
            asks = asks or bool(lx.Q_START.match(sentence))  # "did 5k ... since" is a report
            general = (asks and not lx.REPORT.search(sentence)) or bool(lx.GENERIC.search(sentence))
            self.about[s_index] = general and not lx.OWNED.search(sentence)
        return self.about[s_index]

    def dismissed(self, start: int, end: int, core: int, contexts: lx.Contexts = _NONE) -> bool:
        """True when the sign at [start, end), whose symptom word starts at `core`, is denied,
        someone else's, hypothetical, past, or explained by a context named in `contexts`.
        Where it is, is kept: the meaning-based net leaves those clauses alone too."""
        if self._dismissed(start, end, core, contexts):
            self.modified.append(core)
            return True
        return False

    def units(self) -> list[str]:
        """The clauses, in the runner's own characters, that no ConText modifier has explained
        away: what the meaning-based net reads. A clause goes when a sign in it was negated,
        historical, hypothetical or pseudo (`dismissed`), when it is about someone else
        (experiencer), or when it talks about red flags in general. The whole message comes
        first when nothing in it was explained away."""
        kept = [
            self.t.raw(a, b).strip(" ,.;:!?-")
            for a, b, n in self.clauses
            if not any(a <= core < b for core in self.modified) and not self._aside(a, b, n)
        ]
        kept = [u for u in kept if len(u) >= _MIN_UNIT]
        whole = self.t.raw(0, len(self.text)).strip()
        if len(kept) == len(self.clauses) and not self.modified and whole not in kept:
            kept.insert(0, whole)
        return kept[:_MAX_UNITS]

    def _aside(self, start: int, end: int, sentence: int) -> bool:
        """A clause about someone else ("my wife says ...") or about red flags in general."""
        return self._someone_else(start, end, end) or self.generic(sentence)

    def _someone_else(self, start: int, core: int, end: int) -> bool:
        """Experiencer: the last person named between `start` and `core` is not the runner,
        and the runner is not named after them, up to `end`."""
        *_, third = [None, *lx.THIRD.finditer(self.text, start, core)]  # the last one counts
        if third is None or lx.VOCATIVE.match(self.text, third.end()):  # "mate, I feel rough"
            return False
        if lx.WITH_ME.search(self.text[max(0, third.start() - 14) : third.start()]):
            return False
        return not lx.FIRST.search(self.text, third.end(), end)

    def _dismissed(self, start: int, end: int, core: int, contexts: lx.Contexts = _NONE) -> bool:
        text = self.text
        s_index = self.clauses[self.clause(core)][2]
        s_start, s_end, asks = self.sentences[s_index]
        c_start, c_end = self.window(start, end, core)
        if self.negated(core, s_start) or lx.POST_DENIAL.match(text, end, min(end + 30, s_end)):
            return True
        if self._someone_else(c_start, core, end):
            return True
        if self.generic(s_index):
            return True
        asks = asks or bool(
            lx.Q_START.match(text, s_start, s_end) or lx.ASKS.search(text, s_start, s_end)
        )
        if asks and lx.HYPO.search(text, max(s_start, core - _WINDOW), core):
            self.clarify = self.clarify or ASK_IF_NOW  # "can I run if I have ...?": ask
            return True
        if "no_past" not in contexts and not self.returned and self._past(end, core):
            return True
        for name in contexts:
            if name == "needs_pain":
                if not lx.CONTEXT[name].search(text, c_start, c_end):
                    return True
            elif name == "figurative":  # "feel like I've been hit by a truck": only just before
                if lx.CONTEXT[name].search(text, max(c_start, start - 25), start):
                    return True
            elif name in lx.CONTEXT:
                found = lx.CONTEXT[name].finditer(text, c_start, c_end)
                if any(self._explains(m.start(), c_start, m.end()) for m in found):
                    return True
        return False

    def _explains(self, start: int, floor: int, end: int) -> bool:
        """A context word counts unless denied ("not the cold", "laces aren't tight") or a
        comparison ("numb, like after the dentist")."""
        before = self.text[max(floor, start - 40) : start]
        denied = self.negated(start, floor) or lx.NOT_AFTER.match(self.text, end)
        return not (denied or _SIMILE.search(before) or lx.DENIED_NEAR.search(before))

    def _past(self, end: int, core: int) -> bool:
        n = self.clause(core)
        c_start, c_end = self.window(core, end, core)
        text = self.text
        if lx.CURRENT.search(text, c_start, c_end):
            return False
        for m in lx.RESOLVED.finditer(text, c_start, c_end):
            if m.start() >= end or m.group().startswith("used"):
                return True  # "tingling ... all gone now", "I used to get tingling"
        if lx.PASTVERB.search(text, c_start, c_end) and not lx.ONGOING.search(text, c_start, c_end):
            if lx.PAST_ONLY.search(text, c_start, c_end):
                return True  # "I had numbness in 2019"
            if n + 1 < len(self.clauses):  # "I had a fever last week but it's gone now"
                following = text[self.clauses[n + 1][0] : self.clauses[n + 1][1]]
                return bool(_PRONOUN_START.match(following) and lx.RESOLVED.search(following))
        return False

    def body_class(self, m: re.Match[str]) -> str:
        body = " ".join(m.group("body").split())
        if body in lx.OTHER_SET or body in lx.TRUNK_SET:
            return "other" if body in lx.OTHER_SET else "trunk"
        if body in lx.LEG_BOTH_SET:
            one_of = _ONE_OF.search(self.text, max(0, m.start("body") - 20), m.start("body"))
            return "one" if one_of else "both"
        if body in lx.LEG_ONE_SET:
            both = lx.BOTH_MARK.search(self.text, *self.window(m.start(), m.end(), m.start("sym")))
            return "both" if both else "one"
        return "saddle"

    def add(self, m: re.Match[str], core: int, rule: str, level: Level, family: str) -> None:
        side = (m.groupdict().get("side") or "") if family == "leg" else ""
        if family == "leg" and lx.BOTH_MARK.search(self.text, *self.window(*m.span(), core)):
            rule, level, family = "both-legs", "emergency", ""  # "I'm dragging both feet"
        if family == "leg" and not side:
            found = lx.SIDE_WORD.search(self.text, *self.window(m.start(), m.end(), core))
            side = found.group("side") if found else ""
        reason = self.t.original(m.start(), m.end())
        sentence = self.clauses[self.clause(core)][2]
        self.hits.append(Hit(rule, level, family, side, reason, self.index, sentence))

    def matches(self, pattern: re.Pattern[str], stems: str) -> Iterator[re.Match[str]]:
        if not stems or any(stem in self.text for stem in stems.split()):
            yield from islice(pattern.finditer(self.text), _MAX_MATCHES)

    def scan(self) -> MessageScan:
        text, used = self.text, set[int]()
        for kind, patterns, stems in _BODY_PATTERNS:
            for m in (m for pattern in patterns for m in self.matches(pattern, stems)):
                core, where = m.start("sym"), self.body_class(m)
                if kind == "sens":
                    used.add(core)  # a bare "numb" here is this sign, not another one
                rule = _BODY_RULES[kind].get(where)
                if rule and where != "saddle" and "dead" in m.group("sym"):
                    rule = replace(rule, contexts=rule.contexts | {"fatigue"})  # dead legs: tired
                if rule and not self.dismissed(m.start(), m.end(), core, rule.contexts):
                    self.add(m, core, rule.rule, rule.level, rule.family)
                elif (
                    kind == "soft"
                    and where in ("one", "both")
                    and not self.dismissed(m.start(), m.end(), core, _TIRED_OR_LOCAL)
                ):
                    self.clarify = ASK_LEGS  # "my legs feel dead": ask, don't guess
        for m in self.matches(lx.BARE_SENS, lx.SENS_TRIGGERS):  # "tingling", no body part named
            core = m.start()
            if core not in used and not self.dismissed(core, m.end(), core, _LOCAL):
                self.add(m, core, "altered-sensation", "urgent", "leg")  # both sides: `add`
        for r in lx.RULES:
            for m in self.matches(r.pattern, r.stems):
                if not self.dismissed(m.start(), m.end(), m.start(), r.contexts):
                    self.add(m, m.start(), r.id, r.level, r.family)
        for m in self.matches(lx.PROG, lx.PROG_TRIGGERS):
            if not self.dismissed(m.start(), m.end(), m.start()):
                sentence = self.clauses[self.clause(m.start())][2]
                s_start, s_end, _ = self.sentences[sentence]
                about_legs = lx.LEG_TALK.search(text, s_start, s_end)
                free = bool(about_legs) or not lx.BACK_TALK.search(text, s_start, s_end)
                self.prog.append((sentence, m.group(), free))
        for m in self.matches(lx.ECHO, "other left right"):
            if not self.dismissed(m.start(), m.end(), m.start()):
                self.echo.append((self.clauses[self.clause(m.start())][2], m.group()))
        for name, pattern, stems, contexts in (
            ("osteo", lx.OSTEO, lx.OSTEO_TRIGGERS, lx.contexts("local_steroid")),
            ("fall", lx.FALL, "", _NONE),
            ("rest", lx.REST_PAIN, "", _NONE),  # pain at night or at rest, then "nothing eases it"
            ("unrel", lx.UNRELIEVED, "", _NONE),
        ):
            kept = (  # not signs: explained away, they leave the clause to the net
                m
                for m in self.matches(pattern, stems)
                if not self._dismissed(*m.span(), m.start(), contexts)
            )
            first = next(kept, None)
            setattr(self, name, self.t.original(*first.span()) if first else "")
        if ("constant" in text or "every night" in text) and lx.CLARIFY_PAIN.search(text):
            self.clarify = self.clarify or ASK_PAIN
        return self
