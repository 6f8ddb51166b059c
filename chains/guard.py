"""The red-flag guard: reads a runner's messages and says whether, and how urgently, they should
see a clinician before any running plan (tiers and rules: /work/shared/design/RED_FLAGS.md).

Owns triage of a conversation and the fixed referral and reminder texts. Pure: no model, file,
environment or per-user state; the caller keeps the conversation and passes it in. The words and
patterns live in `chains/guard_lexicon.py`; what the coach does with a verdict lives elsewhere.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice, pairwise
from typing import Literal

from chains import guard_lexicon as lx

Level = Literal["none", "soon", "urgent", "emergency"]
LEVELS: tuple[Level, ...] = ("none", "soon", "urgent", "emergency")  # ascending severity
_RANK = {level: i for i, level in enumerate(LEVELS)}
_MAX_CHARS = 20_000  # a longer message is read as its first and last 10,000 characters
_MAX_HISTORY = 20
_MAX_REASONS = 4
_WINDOW = 200  # context is read this far either side of a sign, never across a huge clause
_MAX_MATCHES = 50  # per pattern and message; more only happens in pasted junk


@dataclass(frozen=True)
class Triage:
    level: Level
    reasons: tuple[str, ...] = ()  # the runner's own words that matched, safe to quote
    rule: str = ""  # id of the rule that set the level, "" when none
    clarify: str | None = None  # one question when the message is ambiguous and level is none

    def to_dict(self) -> dict:
        return {"level": self.level, "reasons": list(self.reasons), "rule": self.rule}


def max_level(a: Level, b: Level) -> Level:
    """The more severe of two levels."""
    return a if _RANK[a] >= _RANK[b] else b


# -- text: lower-cased, punctuation as spaces, misspelt symptom words repaired ---------------------
_TABLE = {i: " " for i in range(128) if not chr(i).isalnum() and chr(i) not in ".,!?;'"}
_TABLE |= {ord("\n"): ".", ord("\r"): "."} | dict.fromkeys(map(ord, "‘’ʼ´`"), "'")
_ODD = re.compile(r"[^\w\s.,!?;']")  # non-ASCII punctuation and symbols
_EDGE_QUOTE = re.compile(r"(?<!\w)'|'(?!\w)")  # quotes around a word, not the one in "can't"
_TOKEN = re.compile(r"[a-z]{6,20}")
_MD_SPECIAL = re.compile(r"[\\`*_\[\]<>#|~]")
_FUZZY: dict[str, list[tuple[str, int, frozenset[str]]]] = {}
for _word in lx.FUZZY_VOCAB:
    _FUZZY.setdefault(_word[0], []).append((_word, 1 if len(_word) <= 8 else 2, frozenset(_word)))
_VOCAB = frozenset(lx.FUZZY_VOCAB)


def _distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment edit distance, giving up once every path exceeds `limit`."""
    two_back: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], two_back[j - 2] + 1)
        if min(row) > limit:
            return limit + 1
        two_back, prev = prev, row
    return prev[-1]


def _correct(token: str) -> str | None:
    if token in _VOCAB or token in lx.PROTECTED:
        return None
    letters = frozenset(token)
    for word, limit, word_letters in _FUZZY.get(token[0], ()):
        # subtle: cheap filters first, so only near-anagrams of a symptom word pay for a distance
        if abs(len(word) - len(token)) > limit:
            continue
        if len(letters - word_letters) <= limit and _distance(token, word, limit) <= limit:
            return word
    return None


@dataclass
class _Text:
    """One message as matched (`work`), and the runner's characters it came from (`source`)."""

    work: str
    source: str
    edits: list[tuple[int, int, int, int]] = field(default_factory=list)  # new/old start, end

    def _old(self, pos: int, is_end: bool) -> int:
        shift = 0
        for new_start, new_end, old_start, old_end in self.edits:
            if pos >= new_end:
                shift = old_end - new_end
            elif pos > new_start:
                return old_end if is_end else old_start
            else:
                break
        return pos + shift

    def original(self, start: int, end: int) -> str:
        """The runner's own words for a span of `work`, safe to quote in Markdown."""
        words = self.source[self._old(start, False) : self._old(end, True)].split()
        return _MD_SPECIAL.sub(r"\\\g<0>", " ".join(words).strip(" ,.;"))[:80]


def _prepare(message: str) -> _Text:
    text = message if len(message) <= _MAX_CHARS else f"{message[:10_000]} . {message[-10_000:]}"
    work = text.lower()
    if not text.isascii():
        text = text.encode("utf-8", "replace").decode("utf-8")  # lone surrogates become "?"
        text = unicodedata.normalize("NFKC", text)
        work = _ODD.sub(" ", text.lower().translate(_TABLE))
    source = text if len(work) == len(text) else work  # quote from a one-to-one copy
    work = _EDGE_QUOTE.sub(" ", work.translate(_TABLE))
    if any(stem in work for stem in lx.MASK_TRIGGERS):
        work = lx.MASK.sub(lambda m: " " * len(m.group()), work)
    pieces: list[str] = []
    edits: list[tuple[int, int, int, int]] = []
    cursor = shift = 0
    seen: dict[str, str | None] = {}
    for m in _TOKEN.finditer(work):
        token = m.group()
        fixed = seen[token] if token in seen else seen.setdefault(token, _correct(token))
        if fixed:
            pieces += [work[cursor : m.start()], fixed]
            edits.append((m.start() + shift, m.start() + shift + len(fixed), m.start(), m.end()))
            shift += len(fixed) - len(token)
            cursor = m.end()
    return _Text("".join([*pieces, work[cursor:]]) if edits else work, source, edits)


# -- one message: where each sign is, and what around it explains it away -------------------------
_SENTENCE = re.compile(r"[^.!?;]+[.!?;]*")
_SIMILE = re.compile(r"\b(?:like|as if|as though|similar to)\b(?:\s+[\w']+){0,5}\s*$")
_ONE_OF = re.compile(r"\bone of (?:my|the|his|her)\s+$")
_PRONOUN_START = re.compile(r"\W*(?:but |and )?(?:it|its|it's|that|this|they|those|which|all)\b")
# what a sign tied to a body part means, by where it is: (rule, level, family, contexts)
_BODY_RULES: dict[str, dict[str, tuple[str, Level, str, str]]] = {
    "sens": {
        "saddle": ("saddle-sensation", "emergency", "", "local_sens"),
        "both": ("both-legs", "emergency", "", "local_sens"),
        "one": ("one-leg-sensation", "urgent", "leg", "local_sens"),
        "trunk": ("altered-sensation", "urgent", "leg", "local_sens"),
    },
    "weak": {
        "both": ("both-legs", "emergency", "", "fatigue strength chronic"),
        "one": ("one-leg-weakness", "urgent", "leg", "strength chronic"),
    },
    "soft": {"saddle": ("saddle-sensation", "emergency", "", "local_sens")},
}
_BODY_PATTERNS = (
    ("sens", lx.SENS_BODY, lx.SENS_TRIGGERS),
    ("weak", lx.WEAK_BODY, lx.WEAK_TRIGGERS),
    ("soft", lx.SOFT_BODY, lx.SOFT_TRIGGERS),
)
_CLARIFY_LEGS = (
    "Can I check what you mean? Do your legs just feel tired or heavy after running, or is there "
    "any numbness, tingling, pins and needles or weakness, and is it in one leg or both?"
)
_CLARIFY_IF = (
    "Can I check first: is this something you have now? If you do have numbness, tingling, "
    "weakness or any change down there, tell me, because that changes my advice."
)
_CLARIFY_PAIN = (
    "Can I check one thing? Does any position or movement ease the pain at all, and does it wake "
    "you at night?"
)


@dataclass(frozen=True)
class _Hit:
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


class _Message:
    def __init__(self, message: str, index: int) -> None:
        self.t = _prepare(message)
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
        self.hits: list[_Hit] = []
        self.prog: list[tuple[int, str, bool]] = []  # sentence, phrase, not about back pain
        self.echo: list[tuple[int, str]] = []  # "the other leg too"
        self.osteo = self.fall = ""
        self.clarify: str | None = None

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
            asks = asks or bool(lx.Q_START.match(sentence))
            general = asks or bool(lx.GENERIC.search(sentence))
            self.about[s_index] = general and not lx.OWNED.search(sentence)
        return self.about[s_index]

    def dismissed(self, start: int, end: int, core: int, contexts: str = "") -> bool:
        """True when the sign at [start, end), whose symptom word starts at `core`, is denied,
        someone else's, hypothetical, past, or explained by a context named in `contexts`."""
        text = self.text
        s_index = self.clauses[self.clause(core)][2]
        s_start, s_end, asks = self.sentences[s_index]
        c_start, c_end = self.window(start, end, core)
        if self.negated(core, s_start) or lx.POST_DENIAL.match(text, end, min(end + 30, s_end)):
            return True
        third = None
        for third in lx.THIRD.finditer(text, c_start, core):  # noqa: B007 - the last one counts
            pass
        if third and not lx.FIRST.search(text, third.end(), end):
            return True
        if self.generic(s_index):
            return True
        asks = asks or bool(lx.Q_START.match(text, s_start, s_end))
        if asks and lx.HYPO.search(text, max(s_start, core - _WINDOW), core):
            self.clarify = self.clarify or _CLARIFY_IF  # "can I run if I have ...?": ask
            return True
        if "no_past" not in contexts and not self.returned and self._past(end, core):
            return True
        for name in contexts.split():
            if name == "needs_pain":
                if not lx.CONTEXT[name].search(text, c_start, c_end):
                    return True
            elif name in lx.CONTEXT:
                found = lx.CONTEXT[name].finditer(text, c_start, c_end)
                if any(self._explains(m.start(), c_start) for m in found):
                    return True
        return False

    def _explains(self, start: int, floor: int) -> bool:
        """A context word counts unless denied ("not the cold") or a comparison ("numb, like
        after the dentist")."""
        before = self.text[max(floor, start - 40) : start]
        return not self.negated(start, floor) and not _SIMILE.search(before)

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
        if family == "leg" and not side:
            found = lx.SIDE_WORD.search(self.text, *self.window(m.start(), m.end(), core))
            side = found.group("side") if found else ""
        reason = self.t.original(m.start(), m.end())
        sentence = self.clauses[self.clause(core)][2]
        self.hits.append(_Hit(rule, level, family, side, reason, self.index, sentence))

    def matches(self, pattern: re.Pattern[str], stems: str) -> Iterator[re.Match[str]]:
        if not stems or any(stem in self.text for stem in stems.split()):
            yield from islice(pattern.finditer(self.text), _MAX_MATCHES)

    def scan(self) -> _Message:
        text, used = self.text, set[int]()
        for kind, patterns, stems in _BODY_PATTERNS:
            for m in (m for pattern in patterns for m in self.matches(pattern, stems)):
                core, where = m.start("sym"), self.body_class(m)
                if kind == "sens":
                    used.add(core)  # a bare "numb" here is this sign, not another one
                rule = _BODY_RULES[kind].get(where)
                if rule and where != "saddle" and "dead" in m.group("sym"):
                    rule = (*rule[:3], f"{rule[3]} fatigue")  # dead legs after a session: tired
                if rule and not self.dismissed(m.start(), m.end(), core, rule[3]):
                    self.add(m, core, *rule[:3])
                elif (
                    kind == "soft"
                    and where in ("one", "both")
                    and not self.dismissed(m.start(), m.end(), core, "fatigue local_sens")
                ):
                    self.clarify = _CLARIFY_LEGS  # "my legs feel dead": ask, don't guess
        for m in self.matches(lx.BARE_SENS, lx.SENS_TRIGGERS):  # "tingling", no body part named
            core = m.start()
            if core not in used and not self.dismissed(core, m.end(), core, "local_sens"):
                if lx.BOTH_MARK.search(text, *self.window(core, m.end(), core)):
                    self.add(m, core, "both-legs", "emergency", "")
                else:
                    self.add(m, core, "altered-sensation", "urgent", "leg")
        for rule_id, level, family, contexts, stems, pattern in lx.RULES:
            for m in self.matches(pattern, stems):
                if not self.dismissed(m.start(), m.end(), m.start(), contexts):
                    self.add(m, m.start(), rule_id, level, family)  # type: ignore[arg-type]
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
            ("osteo", lx.OSTEO, lx.OSTEO_TRIGGERS, "local_steroid"),
            ("fall", lx.FALL, "", ""),
        ):
            kept = (
                m
                for m in self.matches(pattern, stems)
                if not self.dismissed(*m.span(), m.start(), contexts)
            )
            first = next(kept, None)
            setattr(self, name, self.t.original(*first.span()) if first else "")
        if ("constant" in text or "every night" in text) and lx.CLARIFY_PAIN.search(text):
            self.clarify = self.clarify or _CLARIFY_PAIN
        return self


# -- the conversation ---------------------------------------------------------------------------
def _escalations(scans: list[_Message], hits: list[_Hit]) -> list[_Hit]:
    """Emergency hits from a one-sided sign plus a later word: the other side, "the other leg
    too", or getting worse (RED_FLAGS.md: escalate)."""
    legs = [h for h in hits if h.family == "leg"]
    if not legs:
        return []
    first, found = legs[0], []

    def both(rule: str, scan: int, sentence: int, *reasons: str) -> list[_Hit]:
        return [_Hit(rule, "emergency", "", "", r, scan, sentence) for r in reasons]

    sides = {side: next((h for h in legs if h.side == side), None) for side in ("left", "right")}
    if sides["left"] and sides["right"]:
        pair = sorted((sides["left"], sides["right"]), key=lambda h: h.msg)
        found += both("both-legs", pair[1].msg, 0, pair[0].reason, pair[1].reason)
    for scan in scans[first.msg :]:
        for sentence, phrase in scan.echo:
            found += both("both-legs", scan.index, sentence, first.reason, phrase)
        for sentence, phrase, free in scan.prog:
            here = [h for h in legs if h.msg == scan.index]
            same = any(h.sentence == sentence for h in here)
            later = scan.index > first.msg or any(h.sentence < sentence for h in here)
            if same or (free and later):
                found += both("worsening", scan.index, sentence, first.reason, phrase)
    return found


def triage(message: str, history: Sequence[str] = ()) -> Triage:
    """Judge the conversation: `history` holds the runner's earlier messages (oldest first),
    `message` the new one. Returns the highest level across the conversation, with escalation
    across messages (a one-sided sign two turns back + a bladder sign now -> emergency; one leg
    numb earlier + 'now the other leg too' -> emergency)."""
    texts = [m for m in list(history)[-_MAX_HISTORY:] if isinstance(m, str)]
    texts.append(message if isinstance(message, str) else str(message))
    scans = [_Message(text, i).scan() for i, text in enumerate(texts)]
    hits = [h for scan in scans for h in scan.hits]
    hits += _escalations(scans, hits)
    osteo = next((s.osteo for s in scans if s.osteo), "")
    fall = next((s.fall for s in scans if s.fall), "")
    if osteo and fall:  # a minor fall or strain with fragile bones, in any order
        hits += [_Hit("fragility-fall", "urgent", "", "", r, 0, 0) for r in (osteo, fall)]
    if not hits:
        return Triage("none", clarify=scans[-1].clarify)
    top = max(_RANK[h.level] for h in hits)
    tops = [h for h in hits if _RANK[h.level] == top]
    reasons = tuple(dict.fromkeys(h.reason for h in tops if h.reason))[:_MAX_REASONS]
    return Triage(LEVELS[top], reasons, tops[0].rule)


# -- what the runner is told --------------------------------------------------------------------
_SAFETY_NET = (
    "If it spreads to both legs or gets quickly worse, or you notice numbness around your bottom "
    "or genitals or any change in bladder or bowel control, go to an **emergency department** "
    "straight away or call **your local emergency number**."
)
_REFERRAL = {
    "emergency": (
        "**Please get medical help now: today, not in a day or two.**\n\n"
        "You mentioned {said}. Together with back pain, this can be a sign that the nerves at the "
        "base of the spine are under pressure, and that needs checking in person straight away.\n\n"
        "- Go to your nearest **emergency department** now, or call **your local emergency "
        "number** (for example 999 in the UK, 911 in the US, 112 in Europe) if you can't get "
        "there safely.\n"
        "- Please don't wait to see whether it settles, or for a routine appointment.\n"
        "- Tell them about your back pain and exactly what you told me.\n\n"
        "The running program isn't appropriate until a clinician has examined you. I can't "
        "diagnose anything; this is about getting you seen quickly. Once you've been checked, "
        "come back and we'll plan your return from there."
    ),
    "urgent": (
        "**Please see a doctor or physiotherapist within a day or two, before you run again.**\n\n"
        "You mentioned {said}. Alongside back pain, signs like this can mean a nerve is involved "
        "or something else needs a proper look, so the article's advice is to get a firm "
        "diagnosis within a day or two.\n\n"
        "- Book to see your **doctor or physiotherapist within a day or two**.\n"
        f"- {_SAFETY_NET}\n\n"
        "The running program isn't appropriate until a clinician has looked at you. That isn't a "
        "diagnosis, just the safe order of things; once you've been seen, come back and we'll "
        "plan from there."
    ),
    "soon": (
        "**Please see your doctor within the next few days, and no later than two weeks, before "
        "starting the plan.**\n\n"
        "You mentioned {said}. With back pain, this is something a doctor should check first. "
        "There is often a simple explanation, but it's worth ruling other things out.\n\n"
        "- Book an appointment with your **doctor within days, and no later than two weeks**.\n"
        f"- Hold the running plan until you've been seen.\n- {_SAFETY_NET}\n\n"
        "The running program isn't appropriate until a clinician has looked at you. Once you've "
        "been seen, come back and we'll take it from there."
    ),
}
_REMINDER = {
    "emergency": "> **Reminder:** you mentioned signs that need the **emergency department now**. "
    "Please go, or call your local emergency number.",
    "urgent": "> **Reminder:** please see a **doctor or physiotherapist within a day or two**; "
    "the running program is on hold until then.",
    "soon": "> **Reminder:** please see your **doctor within days (no later than two weeks)**; "
    "the running plan is on hold until you've been seen.",
}


def _said(reasons: tuple[str, ...]) -> str:
    quoted = [f"“{r}”" for r in reasons if r]
    if len(quoted) < 2:
        return quoted[0] if quoted else "something that needs checking"
    return f"{', '.join(quoted[:-1])} and {quoted[-1]}"


def referral_reply(t: Triage) -> str:
    """The fixed Markdown reply for a flagged turn: what was noticed (in the runner's words),
    where to go and how soon, and that the running program waits for a clinician. "" if none."""
    return _REFERRAL[t.level].format(said=_said(t.reasons)) if t.level in _REFERRAL else ""


def reminder(t: Triage) -> str:
    """One Markdown line to repeat above each later reply of a flagged conversation ("" if none)."""
    return _REMINDER.get(t.level, "")
