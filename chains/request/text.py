"""Words of the request parser: normalising text, numbers, day names, durations and negation.

Owns the small vocabulary shared by the field extractors in `days.py` and
`profile.py`. Pure and deterministic: regular expressions and tables only.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from chains.week.model import DAYS, DayName

Level = Literal["beginner", "intermediate", "advanced"]
GoalRace = Literal["5k", "10k", "half", "marathon"]
Wish = Literal["hills", "downhill", "sprints", "short_reps", "race_flat_out"]
Pending = Literal["max_minutes", "run_days", "long_run_day"]

MILE_KM = 1.609344
KM_UNIT = r"(?P<unit>k|km|kms|kilomet(?:re|er)s?|miles?|mi)\b"


def km(value: str, unit: str) -> float:
    """A distance in kilometres, from its number and the unit `KM_UNIT` matched.

    >>> km("10", "miles")
    16.09
    """
    return round(float(value) * (MILE_KM if unit.startswith("mi") else 1.0), 2)


NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "once": 1,
    "twice": 2,
    "a couple of": 2,
}
NUM = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|once|twice|a couple of)"
DECIMAL = r"\d+(?:\.\d+)?"

# Full names and the usual abbreviations; "sat"/"sun" only when written with a capital
# (see `_real_day`), so that "I sat down" or "in the sun" never names a day.
_DAY_STEMS = {d[:2].lower(): d for d in DAYS}  # every spelling below starts with these two
DAY = (
    r"(?<![a-z])(?:mon(?:day)?|tue(?:s(?:day)?)?|tuesday|tusday|wed(?:nesday|nsday|ensday)?|wensday"
    r"|thu(?:r(?:s(?:day)?)?)?|thurday|thrusday|fri(?:day)?|sat(?:urday|erday)?|sun(?:day)?)"
    r"(?:s|'s)?(?![a-z])"
)
GROUP = r"(?:week ?days|week ?ends?|the week ?end)"
# "tues/thurs evenings": a time of day after a day names the same day
_TIME_OF_DAY = r"(?:\s+(?:mornings?|evenings?|nights?|arvos?|afternoons?|am|pm))?"
DAY_ITEM = rf"(?:{DAY}\s*(?:-|to|through|thru|till|until)\s*{DAY}|{DAY}|{GROUP}){_TIME_OF_DAY}"
_DAY_SEP = r"(?:\s*(?:,\s*(?:and|or|plus)?|and|or|plus|n|&|/|\+|nor)\s*|\s+)"
DAY_LIST = rf"{DAY_ITEM}(?:{_DAY_SEP}(?:on\s+)?{DAY_ITEM})*"
_DAY_RE = re.compile(DAY)
_DAY_OR_RANGE = re.compile(rf"{DAY}\s*(?:-|to|through|thru|till|until)\s*{DAY}|{DAY}|{GROUP}")

NEGATION = re.compile(
    r"\b(?:no|not|don't|dont|do not|without|avoid|avoiding|never|instead of|rather than|skip"
    r"|stop|no more|won't|wouldn't|can't|cannot|nothing)\b[^,.;!?]*$"
)
WHY_QUESTION = re.compile(r"^\s*(?:why|how come|what's the reason|what is the reason|explain)\b")


_CONTRACTION = re.compile(
    r"\b(can|don|won|doesn|isn|aren|haven|couldn|wouldn|didn)t\b|\b(i)(m|ve|d)\b", re.IGNORECASE
)


_FULL_DAYS = [d.lower() for d in DAYS]
# Real words that sit close to a day name and must stay as they are.
_NOT_DAYS = frozenset(
    "today someday sundae sundaes weekday weekdays holiday midday birthday".split()
)
_WORD = re.compile(r"[A-Za-z]{5,12}")
# Short forms with two letters swapped ("teus", "thrus"), as the short form; not real words
# such as "thru" and "utes".
_SHORT_SLIPS = {
    slip: short
    for short in ("tues", "thur", "thurs", "weds")
    for slip in {
        short[:i] + short[i + 1] + short[i] + short[i + 2 :] for i in range(len(short) - 1)
    }
    if slip[0] == short[0] and slip not in ("thru", short)
}
_SHORT_SLIP = re.compile(rf"\b(?:{'|'.join(sorted(_SHORT_SLIPS))})\b", re.IGNORECASE)
_WK = re.compile(r"\bwk(ends?|days?)\b|\bwknd(s?)\b", re.IGNORECASE)  # "wkends", "wknd": weekends
_LR = re.compile(r"\bLR\b|\blr\b")
# Text-speak and dialect for the words the extractors key on: "cnt do sat", "cannae dae
# Mondays", "wrk 12hr shifts", "lng run fri", "cant do nothin"
_SPOKEN = {"cnt": "can't", "cannae": "can't", "canny": "can't", "dinnae": "don't", "dae": "do",
           "wrk": "work", "lng": "long", "nothin": "nothing", "nuthin": "nothing"}  # fmt: skip
_SPOKEN_WORD = re.compile(rf"\b(?:{'|'.join(_SPOKEN)})\b", re.IGNORECASE)
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
         "seventy": 70, "eighty": 80, "ninety": 90}  # fmt: skip
MINUTE_WORDS = rf"(?:{'|'.join(_TENS)})(?:[- ]five)?|fifteen"
# "forty minutes", "forty-five mins": minutes in words, written as digits before the rest reads
_MINUTES_IN_WORDS = re.compile(rf"\b(?P<n>{MINUTE_WORDS})(?=\s*(?:minutes?|mins?)\b)", re.I)


def minutes_number(words: str) -> int:
    """
    >>> minutes_number("Forty-five"), minutes_number("thirty"), minutes_number("fifteen")
    (45, 30, 15)
    """
    words = words.lower()
    if words == "fifteen":
        return 15
    tens, _, five = words.replace("-", " ").partition(" ")
    return _TENS[tens] + (5 if five else 0)


def _transposed(word: str) -> set[str]:
    return {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}


def _day_spelling(match: re.Match[str]) -> str:
    """A misspelt day name as the day ("wensday" is "Wednesday"), when one day is clearly
    closest; any other word as it was."""
    word = match.group(0)
    low = word.lower()
    plural = low.endswith("s") and len(low) > 6
    stem = low[:-1] if plural else low
    if stem in _FULL_DAYS or low in _FULL_DAYS or low in _NOT_DAYS or stem[0] not in "mtwfs":
        return word
    swapped = [d for d in _FULL_DAYS if stem in _transposed(d)]  # "firday": two letters swapped
    near = swapped or difflib.get_close_matches(stem, _FULL_DAYS, n=2, cutoff=0.8)
    scores = [difflib.SequenceMatcher(None, stem, d).ratio() for d in near] if not swapped else [1]
    if not near or (len(near) == 2 and scores[0] == scores[1]):
        return word
    return near[0].capitalize() + ("s" if plural else "")


def normalise(text: str) -> tuple[str, str]:
    """(lower-cased text, the original with the same spacing) for matching, with misspelt day
    names spelt right in both.

    >>> normalise("I  cant run Thursdays’ or wensday")[0]
    "i can't run thursdays' or wednesday"
    """
    text = text.replace("’", "'").replace("×", " x ").replace("–", "-").replace("—", " - ")
    text = _CONTRACTION.sub(lambda m: f"{m[1]}'t" if m[1] else f"{m[2]}'{m[3]}", text)
    text = _WORD.sub(_day_spelling, re.sub(r"\s+", " ", text).strip())
    text = _SHORT_SLIP.sub(lambda m: _SHORT_SLIPS[m[0].lower()], text)
    text = _WK.sub(lambda m: f"week{m[1]}" if m[1] else f"weekend{m[2]}", text)
    text = _LR.sub("long run", text)  # "LR on sunday"
    text = _SPOKEN_WORD.sub(lambda m: _SPOKEN[m[0].lower()], text)
    text = _MINUTES_IN_WORDS.sub(lambda m: str(minutes_number(m["n"])), text)
    return text.lower(), text


def number(word: str) -> int:
    """A number written in digits or words (`NUM`, or minutes such as "forty-five").

    >>> number("4"), number("twice"), number("forty-five")
    (4, 2, 45)
    """
    word = word.strip().lower()
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS[word] if word in NUMBER_WORDS else minutes_number(word)


_NEXT_DAY = re.compile(  # "sat or sun", "sat/sun", and a range: "sun to wed"
    r"\s*(?:,|/|&|\+|and|or|n)?\s*(?:sat|sun)\b|\s*(?:,|/|&|\+|and|or|n)\s*(?:mon|tue|wed|thu|fri)"
    r"|\s*(?:-|to|through|thru|till|until)\s*(?:mon|tue|wed|thu|fri|sat|sun)"
    # "sat is best", "sat = long run"
    r"|\s*(?:is|'s|=)\s+(?:my|the|a|best|better|fine|ok|out|off|free|good|no good|long)\b"
    r"|\s*=\s*\w"
    r"|\s+off\b"  # "sat off sun off"
)
_DAY_CONTEXT = re.compile(
    r"(?:\b(?:on|to|and|or|till|until|from|every|each|but|not|swap|switch|move|make|run|one|a|the|be"
    r"|only|mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|day|for|with|n|through|thru|no)|[,/&:(-])"
    r"\s*$"
)


def _real_day(token: str, original: str, start: int) -> bool:
    """ "sat" and "sun" name a day when written "Sat"/"Sun" or where a day fits ("on sat",
    "sat and sun"), but not in "I sat down" or "out in the sun"."""
    if token[:3] in ("sat", "sun") and not re.match(r"sat(?:urday)|sun(?:day)", token):
        before = original[max(0, start - 8) : start].lower()
        after = original[start + len(token) : start + len(token) + 12].lower()  # " through tue"
        return (
            original[start : start + 1].isupper()
            or bool(_DAY_CONTEXT.search(before))
            or bool(_NEXT_DAY.match(after))  # "sat or sun", "sat/sun"
        )
    return True


def days_in(text: str, original: str | None = None, offset: int = 0) -> list[DayName]:
    """Day names in a phrase, in order, with groups and ranges expanded.

    >>> days_in("mon, wed and fri")
    ['Monday', 'Wednesday', 'Friday']
    >>> days_in("monday to thursday plus sunday")
    ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Sunday']
    """
    original = text if original is None else original
    found: list[DayName] = []
    for m in _DAY_OR_RANGE.finditer(text):
        chunk = m.group(0)
        if "week" in chunk:
            found.extend(DAYS[:5] if "day" in chunk else DAYS[5:])
            continue
        names = []
        for d in _DAY_RE.finditer(chunk):
            if _real_day(d.group(0), original, offset + m.start() + d.start()):
                names.append(_DAY_STEMS[d.group(0)[:2]])
        if len(names) == 2 and len(_DAY_RE.findall(chunk)) == 2:
            a, b = DAYS.index(names[0]), DAYS.index(names[1])  # type: ignore[arg-type]
            found.extend(DAYS[a : b + 1] if a <= b else DAYS[a:] + DAYS[: b + 1])
        else:
            found.extend(names)  # type: ignore[arg-type]
    return list(dict.fromkeys(found))


def negated(text: str, start: int) -> bool:
    """True when the words just before `start` (same clause) negate what follows."""
    return bool(NEGATION.search(text[max(0, start - 30) : start]))


_DURATION = re.compile(
    rf"(?P<hm>an? hour and a half|hour and a half|an? hour and a quarter"
    rf"|three[- ]quarters of an hour|half an hour|an hour|one hour|(?<=under )the hour"
    rf"|(?<=within )the hour)"
    rf"|(?:(?<=over )|(?<=than )|(?<=max )|(?<=most )|(?<=cap at )|(?<=capped at )"
    rf"|(?<=everything at )|(?<=under )|(?<=cap it at )|(?<=cap them at )|(?<=the cap )"
    rf"|(?<=sub-)|(?<=sub )|(?<=dropped to )|(?<=down to )|(?<=cut to )|(?<=reduced to ))"
    rf"(?P<u>[1-9]\d{{1,2}})\b(?!\s*(?:k|km|mi|miles|m|x|%"
    rf"|reps?|days?|runs?|times|sessions?|s|metres|meters|steps|bpm|spm|kg|lbs?|years?)\b)"
    rf"|(?P<v>[1-9]\d{{1,2}})(?=\s+(?:or less|or under|or shorter|tops|max"
    rf"|is my (?:absolute |hard |total )?(?:max|maximum|limit))\b)"  # "60 or less", "45 is my max"
    rf"|(?P<h>{DECIMAL})\s*(?:hours?|hrs?|h)\b"
    rf"|(?P<m>{DECIMAL})\s*(?:minutes?|mins?|min)\b"
)


def durations(text: str) -> list[tuple[int, int, int]]:
    """(start, end, minutes) of every duration in the text.

    >>> [d[2] for d in durations("an hour and a half on sundays, 45 min on weekdays, 2 hours")]
    [90, 45, 120]
    """
    found = []
    for m in _DURATION.finditer(text):
        if m["hm"]:
            minutes = {"half an hour": 30}.get(m["hm"], 90 if "half" in m["hm"] else 60)
            minutes = 45 if "three" in m["hm"] else 75 if "quarter" in m["hm"] else minutes
        elif m["u"] or m["v"]:  # "nothing over 45", "60 or less": a bare number is minutes
            minutes = int(m["u"] or m["v"])
        elif m["h"]:
            minutes = round(float(m["h"]) * 60)
        else:
            minutes = round(float(m["m"]))
        found.append((m.start(), m.end(), minutes))
    return found


@dataclass(frozen=True)
class Found:
    """What one extractor read: the request fields it fills (only those it found), and the text
    with the words it used blanked out, so that the extractors after it skip them."""

    text: str
    fields: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, text: str, **fields: Any) -> Found:
        """
        >>> Found.of("x", run_days=0, no_pool=None, swaps=(), excluded_days=frozenset()).fields
        {'run_days': 0}
        """
        kept = {k: v for k, v in fields.items() if v is not None and v not in ((), frozenset())}
        return cls(text, kept)


def blank(text: str, start: int, end: int) -> str:
    """The text with one span replaced by a clause break, so later extractors skip it."""
    return text[:start] + ";" + " " * (end - start - 1) + text[end:]
