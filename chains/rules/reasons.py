"""The article's reasons, in its own words, shared by the rules (which write them into the week)
and by the explanations (which quote them when a runner asks "why?")."""

from __future__ import annotations

HILLS_WHY = (
    "Downhill running after lower back pain can be problematic: you tend to lean slightly "
    "backwards as you descend steeper or faster hills, putting more compressive forces through "
    "the lower back."
)
STAIRS_OFFER = (
    "Stairs: you still get your vertical, but the stairs limit overstride and take away "
    "the compression risk. Power up the stairs at max effort and back off a little coming down."
)
FLAT_OFFER = (
    "With no stairs near you, keep it flat: a flat run or cross-training instead of hills, "
    "because hills bring back the downhill compression the article warns about."
)
SPEED_WHY = "There's no way of hitting top speed without putting pressure on your lower back."
SPEED_OFFER = (
    "Lengthen the reps instead: make 200 m intervals into 800 m intervals (the week has 1 km "
    "to 1 mile reps) so they need a less-than-max pace, or ditch speed work until the back has "
    "fully recovered."
)
RACE_OFFER = (
    "Race at a controlled, less-than-max effort, or run:walk it (8 min : 2 min): the article "
    "calls run:walk a viable way to complete longer races before you're back to 100%. Return to "
    "faster running once the back pain has completely resolved."
)
TECHNIQUE_CUES: tuple[tuple[str, str], ...] = (
    (
        "Cadence: keep it on the higher side to limit your stride length (not necessarily 180 "
        "steps per minute; it depends on your pace).",
        "running-technique",
    ),
    (
        "Trunk lean: avoid excessive forward lean; it feels like it takes pressure off the back "
        "but adds muscle load to the lower back.",
        "running-technique",
    ),
    (
        "Soft landing: run quietly; less noise means a smaller force spike through your body.",
        "running-technique",
    ),
    (
        "Walk breaks: take a short 30-60 s walk break at set intervals so fatigue does not "
        "lengthen your stride and load the lumbar spine.",
        "running-technique",
    ),
)
