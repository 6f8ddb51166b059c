"""What the article does not cover: topics the coach declines instead of answering from weak
passages, and the relevance floor under which retrieval is not trusted.

Pure: plain strings in, plain data out.
"""

from __future__ import annotations

import re

# Subjects runners ask about that the article never discusses. A message naming one of these is
# declined even when its words sound close to the article ("shoes for a bad back").
# Comma-separated phrases per topic (a string, so the table stays readable as a table).
OFF_TOPICS: dict[str, str] = {
    "nutrition and fuelling": "gel, gels, fuel, fuelling, fueling, carb, carbs, carb load, "
    "protein, diet, eat, eating, food, recipe, breakfast, hydration, electrolyte, electrolytes, "
    "caffeine, supplement, supplements, weight loss, lose weight, losing weight, "
    "losing some weight, calories, oats",
    "medicines": "ibuprofen, naproxen, paracetamol, acetaminophen, painkiller, painkillers, "
    "nsaid, nsaids, tablets, pills, medication, dose, injection, steroid shot, epidural",
    "shoes and gear": "shoe, shoes, trainers, insoles, orthotics, running watch, gps watch, "
    "garmin, strava, brace, belt, compression, headphones, vest, socks",
    "other injuries": "knee, itb, it band, plantar, fasciitis, achilles, shin splints, shin, "
    "ankle, calf strain, hamstring tear, heel pain, hip bursitis, neck, shoulder",
    "strength, stretching and other exercise routines": "stretch, stretches, stretching, yoga, "
    "pilates, core routine, core strength, core strengthening, strengthening, strength training, "
    "strength routine, core exercises, deadlift, deadlifts, squat, squats, gym, weights, "
    "activation, foam roll, foam roller, foam rolling, mobility routine, warm up, warm-up, "
    "warmup, cool down",
    "scans and tests": "xray, x-ray, x ray, ct scan, bone scan, blood test, arthritis",
    "other sports": "golf, tennis, football, soccer, squash, rugby, skiing, climbing, padel, "
    "cricket, basketball, netball, hockey",
    "treatments": "chiro, chiropractor, massage, acupuncture, heat, ice, surgery, operation, "
    "tens, dry needling, osteopath, discectomy, spinal fusion, rehab exercises",
    "how long recovery takes": "how long will it take, how long does it take, how long until, "
    "how long before, how many weeks until, how many weeks does, how many months, "
    "recovery time, healing time, in time for, will it be ok, will i be ok, will it get better, "
    "prognosis",
    "running form the article does not cover": "forefoot, midfoot, heel strike, heel striking, "
    "heel striker, barefoot, arm swing",
    "race tactics and other plans": "taper, tapering, pacing strategy, negative split, "
    "even split, pb, pr, sub-25, sub 25, heart rate zone, hr zone, ftp, breathe, breathing, "
    "race pace, goal pace, target pace, what pace, pace should i, who won, "
    "treadmill, race day",
    "sleep, weather and everyday life": "sleep, weather, rain, too hot, pregnant, pregnancy, "
    "desk, chair, mattress, pillow, posture at work",
    "things that are not running": "python, script, code, javascript, email, poem, joke, stock, "
    "bitcoin",
}

_PATTERNS = {
    topic: re.compile(
        r"(?<![a-z0-9])(?:"
        + "|".join(re.escape(w.strip()) for w in words.split(","))
        + r")(?:s|es|ing|ed)?(?![a-z0-9])"  # plain endings: "sleeping", "zones"
    )
    for topic, words in OFF_TOPICS.items()
}

# Under this cosine similarity, even the best chunk of the article is not about the question.
RELEVANCE_FLOOR = 0.30


def off_topic(message: str) -> str | None:
    """The off-topic subject a message names, if any.

    >>> off_topic("Should I take ibuprofen before my long run?")
    'medicines'
    >>> off_topic("Can I keep doing my 200m repeats?") is None
    True
    """
    lowered = message.lower()
    for topic, pattern in _PATTERNS.items():
        if pattern.search(lowered):
            return topic
    return None


HELP_WITH = (
    "I can help with what the article covers: how often to run, speed sessions, long runs, "
    "hills and stairs, running technique while your back recovers, the warning signs that need "
    "a doctor, and your week of training (tell me your days, time limits or what you can't do)."
)


def decline(topic: str | None) -> str:
    """The reply for a question outside the article."""
    about = f"about {topic} " if topic else ""
    return (
        f"The article I coach from doesn't cover that, so I won't guess {about}— a physio, "
        f"doctor or coach who knows you is the right person to ask.\n\n{HELP_WITH}"
    )
