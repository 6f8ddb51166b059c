"""The words the page itself shows a runner (the coach's replies are `chains/answer/replies.py`,
the guard's `chains/guard/replies.py`): in one place, to be read and reviewed together.
"""

UNEXPECTED = "Something went wrong on my side; your conversation is kept, so please try again."
# (text, asks for a week): a starter that asks for a week is hidden while the week is withheld
STARTERS = (
    ("Why should I run more often?", False),
    ("I can only run 4 days a week", True),
    ("There are no stairs near me", True),
    ("Why no hill repeats?", False),
)
GREETING_MD = (
    "**Hi! Ask me about running with a sore back** — how often to run, speed work, long runs, "
    "hills and stairs — or tell me about your week and I'll adapt the article's sample week."
)
WITHHELD_MD = (
    "**No running program for now.** What you told me needs a clinician's look first; "
    "the banner above says where to go and how soon."
)
HEADER = (
    "# backstride\n"
    "A coach for getting back to running after low back pain. It answers from one physiotherapy "
    "article, names the section behind every answer, and adapts the article's sample week to "
    "your days, time and what you have nearby."
)
PRIVACY = (
    "Conversations are not stored: closing or reloading this page ends yours. "
    "Download your week below to keep it."
)
FOOTER = (
    "General guidance from one article, not a diagnosis or a substitute for your physiotherapist "
    "or doctor. Source: *Return to running after lower back pain*, a physiotherapy article; "
    "every answer names its section."
)
HEADINGS = {  # the banner's heading, by level: an emergency must not read like "book a visit"
    "emergency": "Emergency: go to an emergency department now",
    "urgent": "See a doctor or physiotherapist within a day or two",
    "soon": "See your doctor within days, before you start the plan",
}
NO_CHANGES = "No changes: this is the article's sample week."
WEEK_POINTER = "Your week is updated: [see the week](#week)."
