"""Reading how many days a runner can run, or (said as a habit) how many runs they do now.

Like `days.py`: takes the lower-cased message and the original, returns what it found and the
text with those words blanked out.
"""

from __future__ import annotations

import re

from chains.request.text import NUM, Found, blank, number

# Fewer days, no number said: "I want fewer run days" (the coach asks how many)
_FEWER = re.compile(
    r"\b(?:fewer|less)\s+(?:run(?:ning)?\s+)?(?:days|runs|sessions)\b|\brun less often\b"
    r"|\b(?:cut|reduce|drop)\s+(?:down\s+)?(?:the\s+)?(?:number of\s+)?(?:run(?:ning)?\s+)?days\b"
)
_HABIT = re.compile(
    r"\bi(?:'m| am)? (?:currently |usually |normally |generally )?(?:run|do|running|doing|go)\b"
    r"[^,.;]*$|\b(?:currently|usually|normally|at the moment)\b[^,.;]*$"
)
_TOO_MANY = re.compile(
    r"\s*(?:of running\s+|a week\s+)?(?:is|are|'s|feels?(?: like)?|seems?(?: like)?)\s+"
    r"(?:honestly\s+|really\s+)?(?:way |a bit |far |just )?"
    r"(?:too (?:many|much)|a lot|loads|heaps)\b"
)
_MODAL = re.compile(
    r"\b(?:can|could|only|have|got|manage|available|free|max|most|up to|make it|cut it|"
    r"that's it|all i|time for|limit|down to|just|give me|i want|i'd like|let's do|lets do"
    r"|drop(?: it| me)?(?: down)? to|reduce(?: it)? to|cut(?: it)?(?: back)? to|capped"
    r"|cap(?: me)? at|at most|no more than|not more than|(?:possible|able|want|like) to do|do me"
    r"|keep it to|stick to|stick with|week with|plan with|say|thinking|realistically|looking for"
    r"|make that|(?:not|never) (?:go )?over|go over|go to|go up to|no more|tops|total|in total"
    r"|maximum|more than|only want|want only)\b"
)


# "two rest days a week": with the week's cross-training day, one fewer run than days left
_REST_DAYS = re.compile(
    rf"\b(?P<n>{NUM})\s+(?:full\s+|proper\s+)?rest days?\s+"
    r"(?:(?:a|per|each|every|this|next|in the)\s+"
    r"week|in there)\b"
)


_AT_WORK = re.compile(
    r"\b(?:work|working|job|shifts?|on my feet|start at|office|rota|roster|lectures?|classes)\b"
)
_SAY = re.compile(
    rf"\b(?:say|maybe|like|down to|to)\s+(?P<n>{NUM})\b(?!\s*(?:k|km|mi|min|mins|x)\b)"
)
_N_FEWER = re.compile(
    rf"\b(?P<n>{NUM})\s+(?:fewer|less)\s+(?:running\s+|run\s+)?(?:days|runs|day|run)\b"
)
_UNDER = re.compile(rf"\b(?:under|fewer than|less than) (?P<n>{NUM}) (?:run(?:ning)? )?days\b")
_ONLY_OF = re.compile(rf"\bonly (?P<n>{NUM}) of (?:them|those|these)\b")
_INSTEAD = re.compile(
    rf"\b(?:give me|make it|let's do|lets do|do|try|maybe|only|just|cut it to)\s+(?P<n>{NUM})\b"
    r"(?!\s*(?:k|km|mi|miles|min|mins|minutes|hours?|hrs?|x)\b)"
)


def run_days(text: str, original: str) -> Found:
    """How many days the runner can run, or (said as a habit) how many runs they do now."""
    pattern = re.compile(
        rf"\b(?P<n>{NUM})\s*(?:(?:short|easy|gentle|quick|small)\s+)?(?:days?|runs?|times|sessions?)?"
        r"\s*(?:(?:a|per|each)\s*|/\s*)(?:week|wk)\b"
        r"|(?<!those )(?<!these )(?<!the )"  # "those three days are a write-off": not a count
        r"\b(?P<m>\d|one|two|three|four|five|six|seven|a couple of)[\s-]*"
        r"(?:(?:easy|gentle|short|quick|small)(?:-ish)?\s+)?(?:run\s+week|(?:running\s+|run\s+)?(?:days?"
        r"|runs?))\b"
        r"|\b(?P<x>[1-7])\s*x\b(?!\s*\d)"  # "only run 3x"
        rf"|\b(?P<w>{NUM})[\s-]*weekly\b"  # "twice-weekly runs"
    )
    fewer = _N_FEWER.search(text)  # "two fewer running days" than the sample's six
    if fewer and 1 <= number(fewer["n"]) <= 5:
        return Found.of(blank(text, fewer.start(), fewer.end()), run_days=6 - number(fewer["n"]))
    under = _UNDER.search(text)  # "keep it under 5 run days": 4
    if under and 2 <= number(under["n"]) <= 7:
        return Found.of(blank(text, under.start(), under.end()), run_days=number(under["n"]) - 1)
    only = _ONLY_OF.search(text)  # "run only on weekdays" → "and only 4 of them"
    if only and 0 < number(only["n"]) <= 7:
        return Found.of(blank(text, only.start(), only.end()), run_days=number(only["n"]))
    rest = _REST_DAYS.search(text)  # "2 rest days a week please": the other days are active
    if rest and 1 <= number(rest["n"]) <= 6:
        return Found.of(blank(text, rest.start(), rest.end()), run_days=6 - number(rest["n"]))
    habit: dict[str, int] = {}  # the runs done now, said before the count wanted
    for m in pattern.finditer(text):
        n = number(m["n"] or m["m"] or m["x"] or m["w"])
        window = text[max(0, m.start() - 40) : m.start()]
        after = text[m.end() : m.end() + 25]
        alone = re.search(r"(?:^|[,.;!?])\s*$", text[: m.start()]) and re.match(
            r"\s*(?:running\b)?\s*(?:a week\b|per week\b)?\s*(?:pls|please|thanks|ta)?"
            r"\s*(?:[,.;!?]|$)",
            text[m.end() :],
        )  # a clause of its own: "No pool. 3 days."
        # "a 4-day plan", "five day week": the number of days names the plan itself.
        plan = re.match(
            r"[\s-]*(?:a[\s-]*week[\s-]*)?(?:plan|program|programme|week|schedule|version)\b"
            r"|\s*(?:of\s+)?(?:running\s+)?(?:this|next|a|per|each) week\b",
            after,
        )
        if re.search(r"\b(?:rest|off|break|skip|miss|missed)\s+(?:for\s+)?$", text[: m.start()]):
            continue  # "should I just rest a couple of days?"
        clause = re.split(r"[,.;!?]", text[: m.start()])[-1]
        if _AT_WORK.search(clause) and not (re.search(r"\brun", clause) or _MODAL.search(clause)):
            continue  # "on my feet all morning 6 days a week", "start at 3am six days a week"
        if _TOO_MANY.match(text, m.end()):  # "six run days is too many for me": not the count
            wanted = _INSTEAD.search(text, m.end())  # wanted, but "give me 4" after it is
            if wanted and 0 < number(wanted["n"]) <= 7:
                return Found.of(blank(text, m.start(), wanted.end()), run_days=number(wanted["n"]))
            return Found.of(blank(text, m.start(), m.end()), pending="run_days")
        if (m["m"] or m["x"]) and not (
            _MODAL.search(window) or _MODAL.search(after) or alone or plan
        ):
            continue
        capped = re.match(r"\s*(?:max|maximum|tops|at most)\b", after)  # "a 5 run week max"
        if _HABIT.search(window) and not (re.search(r"\b(?:can|could|only)\b", window) or capped):
            habit = habit or {"current_runs": n}  # "currently 3x a week ..., happy to go to 5"
            text = blank(text, m.start(), m.end())
            continue
        if 0 <= n <= 7:
            return Found.of(blank(text, m.start(), m.end()), run_days=n, **habit)
    fewer_said = "run_days" if _FEWER.search(text) else None
    say = _SAY.search(text) if fewer_said else None  # "fewer runs, say four"
    if say and 0 < number(say["n"]) <= 7:
        return Found.of(blank(text, say.start(), say.end()), run_days=number(say["n"]), **habit)
    return Found.of(text, pending=fewer_said, **habit)
