"""The fixed texts a flagged runner is shown: the referral for each tier and the short reminder
repeated above every later reply. Never composed by a model."""

from __future__ import annotations

from chains.guard.verdict import Triage

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
    """One Markdown line to repeat above each later reply of a flagged conversation ("" if none).
    While a flag the net raised alone waits for the runner's answer, it asks again."""
    if t.basis == "meaning" and t.level in _WHERE:
        return (
            f"> **Still holding the plan:** you said {_said(t.reasons)}. If that's what you meant, "
            f"{_WHERE[t.level]}. If not, tell me (“no, nothing like that”)."
        )
    return _REMINDER.get(t.level, "")


_WHERE = {
    "emergency": "please go to an **emergency department now**, or call **your local emergency "
    "number**",
    "urgent": "please see a **doctor or physiotherapist within a day or two**, before you run "
    "again",
    "soon": "please see your **doctor within days, and no later than two weeks**, before starting "
    "the plan",
}
_MEANING = (
    "**Can I check something before we go on?**\n\n"
    "You said {said}. That sounds as if it could be this: {description}\n\n"
    "- **If that's right**, {where}. The running program isn't appropriate until a clinician has "
    "checked you.\n"
    "- **If I've misread you**, just say so (for example “no, nothing like that”) and we'll "
    "carry on.\n\n"
    "Until you tell me, I'll hold the running plan."
)
LIFTED = (
    "Thanks for clearing that up: I've lifted the hold, and we can carry on. If anything like "
    "numbness, tingling, weakness or a change in bladder or bowel control does start, tell me "
    "straight away."
)
STILL_HELD = (
    "Thanks for clearing that up. You also mentioned something earlier that still needs "
    "checking, so the hold stays:"
)


def meaning_reply(t: Triage, description: str) -> str:
    """The reply for a flag the meaning-based net raised alone: what it thinks it heard, in the
    runner's words; where to go and how soon if that is right; and a request to confirm."""
    if t.level not in _WHERE:
        return ""
    return _MEANING.format(said=_said(t.reasons), description=description, where=_WHERE[t.level])


# The questions the rules ask instead of guessing (`Triage.clarify`).
ASK_LEGS = (
    "Can I check what you mean? Do your legs just feel tired or heavy after running, or is there "
    "any numbness, tingling, pins and needles or weakness, and is it in one leg or both?"
)
ASK_IF_NOW = (
    "Can I check first: is this something you have now? If you do have numbness, tingling, "
    "weakness or any change down there, tell me, because that changes my advice."
)
ASK_PAIN = (
    "Can I check one thing? Does any position or movement ease the pain at all, and does it wake "
    "you at night?"
)
