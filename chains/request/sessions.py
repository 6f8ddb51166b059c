"""Which of the week's sessions the runner wants out, or back in: the stairs, speed work,
cross-training and the long run.

Read the way the guard reads a symptom (ConText): a trigger governs the session named right
after it, and every session joined to that one by "and", "or" or a comma. "Drop the stairs and
the intervals" and "no hills or stairs" take out both; "put the stairs back in" and "keep the
swim" bring one back. A session followed by a closing phrase ("cross training isn't
happening", "the long one is out") is out too; one with a day after it is being placed, not
taken out ("no stairs, long run sunday"). Pseudo-triggers ("no problem with the stairs")
govern nothing. Runs after `profile.facilities` and `profile.dislikes`, so it fills only what
they left unread, and reads the whole message, with what the extractors before it blanked
("keep the long run but put it on saturday").
"""

from __future__ import annotations

import re

from chains.request.text import DAY, Found

# A session, by the field that takes it out of the week.
_SESSIONS = {
    "no_stairs": r"stair(?:s|well|case|[- ]?climbs?|[- ]?sessions?)?|steps",
    "no_speed": r"speed(?:[- ]?work| sessions?| stuff)?|interval sessions?|intervals?|reps"
    r"|repeats|tempos?(?: runs?)?|fast (?:stuff|running|sessions?|work)"
    r"|hard (?:sessions?|stuff|efforts?|running)|quality (?:sessions?|work)",
    "no_cross_training": r"cross[- ]?training|cross[- ]?train|x[- ]?training|rides?"
    r"|gym (?:stuff|sessions?|work)"
    r"|bike (?:sessions?|rides?)|bike|biking|cycling|cycle|spin(?:ning)?(?: class(?:es)?)?|rowing"
    r"|rower",
    # a swim out is the pool out: the cross-training day stays, on land ("no swimming for me,
    # could the cross training be a bike ride instead?")
    "no_pool": r"swim(?:ming|s)?|pool sessions?",
    "no_long_run": r"long (?:runs?|ones?)",
    "no_recovery": r"recovery (?:runs?|shuffles?|jogs?|sessions?|days?)|shuffles",
}
FIELDS = tuple(_SESSIONS)
# The field that takes each of the week's session kinds out (the pool is a facility, not a kind).
FIELD_OF_KIND = {"stairs": "no_stairs", "intervals": "no_speed",
                 "cross_training": "no_cross_training", "long_run": "no_long_run",
                 "recovery": "no_recovery"}  # fmt: skip
_ONE = re.compile("|".join(rf"\b(?P<{field}>{words})\b" for field, words in _SESSIONS.items()))
# Named beside a session but not one of the week's: "no hills or stairs".
_OTHER = (
    r"hill (?:repeats|reps|sessions?|work)|hills?|gym(?! (?:stuff|sessions?|work))|pool|weights"
)
_SESSION = "|".join([_OTHER, *_SESSIONS.values()])
SESSION_WORDS = "|".join(_SESSIONS.values())  # any one of the week's sessions
# Words that may stand between a trigger and its session: "drop all of the stairs".
_GAP = (
    rf"(?:(?:the|any|all|my|more|extra|of|those|these|that|this|a|an|another|proper|big|silly|weekly|fast"
    rf"|both|short|shorter|easy|gentle|\w+'s|{DAY}(?:\s+(?:and|&|or)\s+{DAY})?)\s+){{0,3}}"
)
_OUT = (
    r"no|zero|not allowed(?: to do| to have| any)?|not|without|never|nothing|none|skip(?:ping)?"
    r"|drop(?:ping)?|ditch(?:ing)?|cut(?:ting)?"
    r"|lose|scrap|remove|take out|leave out|get rid of|hold off(?: on)?|avoid|pause|stop|nix"
    r"|kill|axe"
    r"|give up|lay off|forget|bin|no more|don't want|do not want|don't fancy|not ready for"
    r"|not up for|hate|can't do|cannot do|can't stand|can't face|cannot face|couldn't face|omit"
    r"|prefer not to|rather not|'d rather not"
    r"|rest instead of|rather than"
    r"|than|ease off(?: on)?|not touching|won't touch|wont touch|don't need|do not need"
    r"|don't do|do not do|not keen on|not a fan of|not fussed on"
)
_OUT_VERB = (
    r"(?:\s+(?:doing|do|to do|having|have|to have|need|needing|want|including|include|any more))?"
)
# an out word denied keeps the session: "don't want to lose the intervals"
_NOT_OUT = (
    r"(?:don't|do not|dont|wouldn't|would not|never|not|hate to|rather not)\s+"
    r"(?:want to\s+|wanna\s+)?(?:lose|drop|ditch|skip|cut|scrap|bin)"
)
_KEEP = (
    rf"{_NOT_OUT}|keep(?:ing)?|i love|i like|i enjoy|i actually like|love|enjoy|still do"
    r"|still want"
    r"|(?:that|it|which) (?:can|could|will) be my|don't mind"
    r"|hang on to|hang onto|hold on to|hold onto"
    r"|happy (?:to do|with)|ok with|fine with|bring back|put back|add back|leave in"
    r"|make sure (?:there's|theres|there is|i have|i get|to include|it has|you include)"
    r"|i'd like|i want|i need|give me|just do|i can do|i could do|i'll do"
)
_AND = r"(?:\s*(?:,|and|or|nor|n|&|plus)\s+|\s*/\s*)"  # "no hills/stairs"
# A session with a day after it is being placed, not taken out: "no stairs, long run sunday".
# Nor is one with a length after it: "no long run longer than an hour" is a cap.
_PLACED = (
    rf"(?!\s+(?:(?:is |be )?(?:on|to|at|for) )?(?:the |a )?{DAY})"
    r"(?!\s+(?:longer than|more than|longer|over|past|beyond)\s+(?:an?\s+|\d))"
)
_LIST = rf"(?:{_SESSION}){_PLACED}(?:{_AND}{_GAP}(?:{_SESSION}){_PLACED})*"
_GOVERNED = re.compile(
    rf"\b(?:(?P<out>{_OUT}){_OUT_VERB}|(?P<keep>{_KEEP}))\s+{_GAP}(?P<list>{_LIST})\b"
    rf"|\b(?:put|bring|add|leave)\s+{_GAP}(?P<back>{_LIST})\s+(?:back|in)\b"
)
_CLOSED = re.compile(
    # "the stairwell at my office is off limits now"
    rf"\b(?P<list>{_LIST})(?:\s+(?:at|in|near)\s+(?:my|the|our)\s+\w+)?"
    rf"\s+(?:(?:is|are|r|'s|'re)\s+(?:now\s+)?(?:out|off|a no|a no[- ]go|gone|not an option"
    r"|off the table|(?:so |really |super |dead |pretty |too )?(?:boring|dull|tedious|a drag)\b"
    r"(?!\s+but\b))|(?:just\s+|really\s+|simply\s+)?(?:isn't|isnt|aren't|arent|won't be|wont be"
    r"|is not|are not|not)\s+happening"
    r"|(?:can|has to|have to|must)\s+go\b"
    r"(?!\s+(?:to|on|onto|midweek|mid-week|elsewhere|earlier|later)\b)"
    r"|(?:be|get)\s+(?:dropped|removed|cut|binned|scrapped|skipped)\b|bore me\b(?!\s+but\b)"
    # "and the stairs I'm happy to bin"
    r"|(?:i'm|im|i am|i'd be)\s+(?:happy|fine|ok|okay|glad|keen)\s+to\s+(?:bin|drop|ditch|lose"
    r"|skip|scrap|cut|give up|let go)\b)"
)
# (a list joined by "and", not a comma: "i hate intervals, stairs are fine tho" keeps the stairs)
_FINE = re.compile(
    rf"\b(?P<list>(?:{_SESSION})(?:\s+(?:and|or|&|n)\s+{_GAP}(?:{_SESSION}))*)\s+(?:is|are|r|'s|'re)\s+(?:fine|ok|okay|good|alright)\b(?!\s+(?:on|for)\b)"
)
# "keep the stairs out too": out; "swap the stairs for a swim", "replace thursday's intervals with
# an easy run": the first out and the second in, unless both are the same ("swap the swim for
# cycling" keeps cross-training)
_KEPT_OUT = re.compile(
    rf"\b(?:keep|leave)\s+{_GAP}(?P<list>{_LIST})\s+(?:out|off)\b"
    rf"|\b(?:need|want|get)\s+{_GAP}(?P<gone>{_LIST})\s+gone\b"  # "I need the stair session gone"
)
_SWAP_FOR = re.compile(
    rf"\b(?:swap|switch|replace|trade|sub|change|turn|make)\s+(?:out\s+)?{_GAP}(?P<a>{_LIST})"
    rf"(?:\s+days?)?\s+(?:(?:for|with|into|to)\s+)?{_GAP}(?:(?P<b>{SESSION_WORDS})|(?:easy|recovery|extra|gentle)\s+runs?"
    r"|(?P<rest>rest|a rest day)|runs?|walk(?:ing|s)?"
    r"|something (?:easier|gentler|easy|lighter|else|different))\b"
)
# "keep stairs Tuesday and intervals Thursday": kept, wherever they go
_KEPT_ON = re.compile(
    rf"\bkeep(?:ing)?\s+{_GAP}(?P<list>(?:{_SESSION})(?:\s+(?:on\s+)?{DAY})?"
    rf"(?:{_AND}{_GAP}(?:{_SESSION})(?:\s+(?:on\s+)?{DAY})?)*)"
)
# "get rid of the recovery shuffles on mon and fri": out, on the day they are on (not the long
# run: "no long run on sunday" asks where it goes instead)
_OUT_ON = re.compile(
    rf"\b(?:{_OUT}){_OUT_VERB}\s+{_GAP}(?P<list>(?!long\b)(?:{SESSION_WORDS}))\s+on\s+"
    rf"(?:the\s+)?{DAY}"
)
_BOTH_OUT = re.compile(
    r"\b(?:drop|skip|ditch|cut|lose|scrap|remove|bin|kill|no more of)\s+(?:them\s+)?both\b"
    rf"(?!\s+(?:of\s+)?(?:the\s+|my\s+|those\s+)?(?:{SESSION_WORDS}))"
    r"|\b(?:leave|take|keep)\s+(?:them\s+)?both\s+out\b"
)
# ... or "them" after the sessions named last: "stairs freak me out, can we do without them"
# (but not "don't drop them")
_THEM_OUT = re.compile(
    r"(?<!n't )(?<!not )\b(?:(?:do without|skip|drop|ditch|lose|scrap|bin|leave out|get rid of"
    r"|nix|axe) (?:them|those|it)\b|(?:leave|take|cut) (?:them|those|it) out\b"
    r"|without (?:them|those)\b|(?:swap|switch|replace|change) (?:that|this|it|them)(?: session)?"
    r" (?:for|with|to)\b)"
    r"|\b(?:rather not|don't want to|do not want to) do (?:it|them|that|those)\b"
    r"|\b(?:can|could) (?:they|it|those|that) (?:go|be dropped)\b"  # "the intervals, can they go?"
    r"(?!\s+(?:somewhere|elsewhere|on|to|onto|another|a different|later|earlier|midweek)\b)"
)
# ... and "them" kept: "intervals are my thing, I don't want to lose them"
_THEM_KEPT = re.compile(rf"\b{_NOT_OUT} (?:them|those|it)\b")
_PSEUDO = re.compile(r"\bno (?:problem|issue|worries|trouble|bother)s?\b|\bnot only\b")


def sessions(text: str, original: str) -> Found:
    """Sessions taken out (True) or back in (False); of two words on one session, the later."""
    whole = _PSEUDO.sub(lambda m: ";" * len(m.group(0)), original.lower())
    said: dict[str, tuple[int, bool]] = {}
    for m in _GOVERNED.finditer(whole):  # an out word denied stands at its end: "don't want to
        at = m.end() if m["keep"] and re.match(_NOT_OUT, m["keep"]) else m.start()  # lose the
        for field in _fields(m["list"] or m["back"]):  # intervals" is not "lose the intervals"
            _say(said, field, at, bool(m["out"]))
    for m in _BOTH_OUT.finditer(whole):  # "cranky after the stairs and the intervals. drop both"
        for field in _fields(whole[: m.start()]):
            _say(said, field, m.start(), True)
    for m in _THEM_OUT.finditer(whole):  # the sessions named last before it
        named = list(re.finditer(_LIST, whole[max(0, m.start() - 100) : m.start()]))
        for field in _fields(named[-1].group()) if named else []:
            _say(said, field, m.start(), True)
    for m in _THEM_KEPT.finditer(whole):  # after the sessions named last, as "them" out
        named = list(re.finditer(_LIST, whole[max(0, m.start() - 100) : m.start()]))
        for field in _fields(named[-1].group()) if named else []:
            _say(said, field, m.end(), False)
    for m in _SWAP_FOR.finditer(whole):
        into = _fields(m["b"] or "")
        for field in _fields(m["a"]):
            _say(said, field, m.start(), field not in into)
            if field == "no_pool" and m["rest"]:  # "swap the swim for rest": no cross-training
                _say(said, "no_cross_training", m.start(), True)
        for field in into:
            _say(said, field, m.start(), False)
    for pattern, out in (
        (_KEPT_OUT, True), (_CLOSED, True), (_FINE, False), (_KEPT_ON, False), (_OUT_ON, True)
    ):  # fmt: skip
        for m in pattern.finditer(whole):
            for field in _fields(m["list"] or m.groupdict().get("gone") or ""):
                _say(said, field, m.start(), out)
    if said.get("no_pool", (0, True))[1] is False and "no_cross_training" not in said:
        said["no_cross_training"] = said["no_pool"]  # the swim kept is the cross-training kept
    return Found.of(text, **{field: out for field, (_, out) in said.items()})


def _say(said: dict[str, tuple[int, bool]], field: str, at: int, out: bool) -> None:
    """Of two words on one session, the later stands (at the same place, "out")."""
    said[field] = max(said.get(field, (-1, False)), (at, out))


def takes_out_by_reference(text: str) -> bool:
    """ "just take them out", "ditch it altogether": a session out, named only before."""
    them = _THEM_OUT.search(text)  # "switch them to an easy run and drop the stairs too"
    return them is not None and not _fields(text[: them.start()])


def last_field(text: str) -> str | None:
    """The field of the last session `text` names ("can I move stairs to wednesday?")."""
    found = _fields(text.lower())
    return found[-1] if found else None


def field_of(words: str) -> str | None:
    """The field that takes the session named in `words` out of the week, if one is named."""
    found = _fields(words)
    return found[0] if found else None


def fields_named(words: str) -> tuple[str, ...]:
    """The fields of the week's sessions that `words` name, once each, the pool left out (a
    swim out is the pool, not a session: `profile.facilities` reads it)."""
    return tuple(dict.fromkeys(f for f in _fields(words) if f != "no_pool"))


def _fields(words: str) -> list[str]:
    words = re.sub(rf"\b(?:{_OTHER})\b", ";", words)
    return [next(f for f in _SESSIONS if one[f]) for one in _ONE.finditer(words)]
