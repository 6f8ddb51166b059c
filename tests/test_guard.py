"""The red-flag guard: every tier and row of RED_FLAGS.md, what is not a flag, denial, the words
runners use, escalation across a conversation, the referral text, and that it never raises."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chains.guard import LEVELS, Triage, max_level, referral_reply, reminder, triage
from chains.guard.lexicon import block


def level(text: str, *history: str) -> str:
    return triage(text, history).level


# -- emergency: every sign in the table, in runners' words -------------------------------------
EMERGENCY = [
    # found on round 12's fresh guard set: alarm said as a question, and a euphemism
    "now the sciatica is in both legs??? can i still run",
    "the old fella's gone numb since yesterday",
    # found on a fresh blind set (round 5): a subjectless accident that asks, bladder accidents,
    # a one-sided foot drop that is getting worse
    "came off a roof at work on friday, two storeys, back still sore, ok to jog?",
    "fell off the scaffolding tuesday, back aches, can i run?",
    "had a few wee accidents this week which is new, back's been sore",
    "my foot is really floppy now and getting worse every day",
    # found on the labelled set's cross-validated misses (round 8): the runner with someone else,
    # leaks not felt, a comparison with the past, knees giving way, a statement opening "did"
    "me and my partner were in a car crash on monday, back's sore since",
    "my undies were damp after the long run and I didn't feel it happen",
    "little leak in my knickers today",
    "can't seem to stop midstream any more",
    "can't get hard since my back went",
    "my knees keep giving way on the stairs",
    "can't hold a poo in like I used to",
    "did 10k, now both feet are tingling since i stopped",
    "my pelvic floor feels numb since the long run",
    "strange numb feeling when i sit on the toilet since tuesday",
    "sat on the loo and couldn't feel the seat under me",
    "feel nothing during sex now, and i mean nothing",
    "the waterworks aren't working since my back went",
    "keep going to the bathroom and nothing comes out",
    "can't feel myself properly when i go to the loo",
    "both my legs feel like jelly and keep buckling",
    # found on round 8's final fresh set once scored
    "mate my bladder feels full but nothing comes out",
    "can't feel myself going when I'm on the toilet",
    "my left leg is weak and there's no feeling in the bedroom now",
    "stood at the toilet ages waiting for it to start",
    "my right leg feels weak and I've had a bit of leaking",
    # saddle area
    "my bum has gone numb since this morning",
    "weird tingling down there since my back went",
    "pins and needles around my back passage",
    "my privates feel numb",
    "I can't feel it properly when I wipe",
    "numbness in my groin and inner thighs",
    "one side of my bottom is numb",
    "my butt cheeks are tingly and numb",
    # bladder
    "I can't pee properly since yesterday",
    "I wet myself on my run and that's never happened before",
    "I can't hold my wee any more",
    "once I started I couldn't stop the wee",
    "I'm not able to feel when I pee",
    "I can't control my bladder",
    "I haven't needed a wee all day even though I've drunk loads",
    "it's really hard to get my pee started",
    # bowel
    "I pooed myself and didn't feel it",
    "I've lost control of my bowels",
    "I can't feel when I need a poo",
    # sexual
    "since my back went I can't get an erection",
    "sex feels numb since the back flared up",
    # both legs
    "tingling in both legs",
    "both my feet are numb",
    "pins and needles in my left and right foot",
    "sciatica going down both legs",
    "my legs have gone numb",
    "both legs feel weak since yesterday",
    # severe or sudden weakness
    "my legs keep giving way",
    "suddenly I can barely walk",
    "my legs buckled under me on the stairs",
    # major accident, chest pain
    "I fell off a ladder and landed on my back",
    "I was hit by a car on my run",
    "car crash on Friday and my back hurts",
    "my back hurts and I have chest pain",
    # round 13's final fresh set once scored: a cause denied ("haven't been near a bike"), and
    # skin gone fuzzy
    "my bum cheeks feel numb like ive been on a bike seat for hours and i havent been near a bike",
    "skin round my arse has gone fuzzy and pins and needles-y, should i still do the 5k tmrw",
]
URGENT = [
    # one leg weaker than the other is one-sided, not worse (round 13)
    "my right leg feels weaker than the left on single leg squats",
    "can't do a single calf raise on my right leg anymore, left is fine",
    # the labelled set's cross-validated misses (round 13): a misspelt fever, and ankles that
    # keep going over
    "fevr and back pain, run or no run",
    "new thing: keep going over on my ankle and tripping on flat ground",
    "rolled my ankle twice this week which isnt like me",
    "tingling down my left leg",
    "my left foot has gone numb",
    "pins and needles in my right foot",
    "no feeling in my toes",
    "I can't feel my foot properly",
    "my right leg feels weak",
    "I'm unable to lift my foot",
    "my foot slaps on the ground when I run",
    "my toes keep catching on the pavement",
    "I keep tripping over my own feet",
    "I've got a fever and my back is sore",
    "chills and night sweats this week",
    "feeling generally unwell with it",
    "I slipped on the stairs and I have osteoporosis",
    "I'm on long term steroids and tweaked my back lifting",
    "my leg feels dead and numb",
    "my foot's gone dead",
    "I've got a dead feeling in my left foot",
    "my left foot isn't lifting properly when I walk",
]
SOON = [
    "I had breast cancer and now I have new back pain",
    "I've lost a stone without trying",
    "the pain wakes me at night and no position eases it",
    "the pain is constant whatever position I'm in",
    "I'm on immunosuppressants after a transplant",
    "I inject drugs and my back hurts",
    "there's a lump on my spine",
    "my spine looks a different shape",
    "deep pain in my buttock when I hop since upping my mileage",
]


@pytest.mark.parametrize("text", EMERGENCY)
def test_emergency_signs_send_the_runner_to_the_emergency_department(text: str) -> None:
    assert level(text) == "emergency"


URGENT += [
    # found on the labelled set's cross-validated misses (round 8): a cause that is denied after
    # it, and a friend spoken to rather than about
    "numb feeling on top of my left foot, laces aren't tight",
    "mate, feeling awful, night sweats and my back's aching",
    "scuffing the toe of my right trainer on every run",
    "one leg just isn't as strong as the other",
    "my left foot's slapping on the road",
    "left foot feels like it's wrapped in cling film",
]


@pytest.mark.parametrize("text", URGENT)
def test_urgent_signs_ask_for_a_doctor_or_physio_within_a_day_or_two(text: str) -> None:
    assert level(text) == "urgent"


SOON += [
    # found on the labelled set's cross-validated misses (round 8): a comparison with how it
    # used to be is about now, and a pain no position changes
    "my spine looks more crooked than it used to",
    "sitting, lying, walking, no difference, it never lets up",
]


@pytest.mark.parametrize("text", SOON)
def test_soon_signs_ask_for_a_doctor_within_two_weeks(text: str) -> None:
    assert level(text) == "soon"


# -- denial, and the negative word that IS the symptom ----------------------------------------
DENIED = [
    "no tingling",
    "bladder is fine",
    "ran 10k without any numbness",
    "I've never had numbness",
    "I don't have pins and needles",
    "no problems peeing",
    "no tingling or numbness, just stiff",
    "not numb, not tingly, just sore",
    "no weakness in my legs",
    "I haven't lost any weight",
    "no fever, no night sweats",
    "no chest pain",
    "numbness: none. tingling: none.",
    "nothing weird going on down there",
]
NEGATIVE_IS_THE_SIGN = [
    ("can't feel my foot", "urgent"),
    ("not able to feel when I pee", "emergency"),
    ("no feeling in my toes", "urgent"),
    ("can't control my bladder", "emergency"),
    ("unable to lift my foot", "urgent"),
    ("couldn't stop the wee", "emergency"),
    ("I don't feel the need to pee at all", "emergency"),
    ("my legs won't hold me", "emergency"),
    ("I can no longer feel my big toe", "urgent"),
]


@pytest.mark.parametrize("text", DENIED)
def test_a_sign_the_runner_denies_is_not_a_flag(text: str) -> None:
    assert level(text) == "none"


@pytest.mark.parametrize(("text", "expected"), NEGATIVE_IS_THE_SIGN)
def test_a_negative_word_that_is_the_symptom_still_flags(text: str, expected: str) -> None:
    assert level(text) == expected


# -- spelling, casing and punctuation -----------------------------------------------------------
WRITTEN_ANYHOW = [
    ("numbnes in my left foot", "urgent"),
    ("tingeling in my toes", "urgent"),
    ("tinglng down my leg", "urgent"),
    ("my bladdder isn't working", "emergency"),
    ("new incontinance since sunday", "emergency"),
    ("i have a temprature", "urgent"),
    ("MY LEFT FOOT HAS GONE NUMB!!!", "urgent"),
    ("my left foot... has gone NUMB?!", "urgent"),
    ("Pins-and-needles in my R foot", "urgent"),
    ("  numb\tleft   foot  ", "urgent"),
    ("my foot’s gone dead", "urgent"),
    ("“tingling” in BOTH legs", "emergency"),
    ("ｎｕｍｂ ｆｏｏｔ", "urgent"),
]


@pytest.mark.parametrize(("text", "expected"), WRITTEN_ANYHOW)
def test_misspellings_casing_and_punctuation_do_not_hide_a_sign(text: str, expected: str) -> None:
    assert level(text) == expected


# -- escalation and the conversation ------------------------------------------------------------
ESCALATION = [
    # (earlier messages, new message): a one-sided sign becomes an emergency
    ((), "tingling in my calf, getting worse every day"),
    ((), "the numbness in my foot is spreading up my leg"),
    ((), "my left leg is numb and now my right leg is tingling too"),
    ((), "pins and needles in my foot and I can't feel it when I wipe"),
    (("tingling down my left leg",), "now my right leg is doing it too"),
    (("my right foot has gone numb",), "and now the other foot too"),
    (("numb left calf",), "the right calf is tingling as well now"),
    (("my left foot has gone numb",), "it's worse today, up to my knee now"),
    (("pins and needles in my left foot", "ran 5k today"), "also it's hard to start peeing"),
    (("my left leg feels weak",), "it's getting weaker every day"),
    ((), "my leg went numb on the left, and now it's the same on the right"),
    # found on a fresh blind set (round 8): worsening said without "getting"
    (("my right leg has felt a bit weak this week",), "it's much worse than yesterday"),
    # round 13's first fresh set: weaker said as a comparison with before, and the leg that was
    # weak giving way, said of "it"
    ((), "My husband says I'm walking weird, I'm dragging both feet"),  # a leg sign, both sides
    (("left leg feels a bit weak on the stairs",), "today its weaker, struggling to push off"),
    (("left leg feels a bit weak on the stairs",), "just now it gave way, i ended up on the floor"),
]
STICKY = [
    # the highest level in the conversation stands, however many turns ago
    (
        ("I can't feel it when I wipe", "ok", "thanks"),
        "what should my week look like?",
        "emergency",
    ),
    (("tingling down my left leg",), "can I do a tempo run?", "urgent"),
    (("I had breast cancer",), "how many km this week?", "soon"),
    (("both my legs are numb",), "my left foot tingles", "emergency"),
    (("I fell off a ladder",), "no tingling or numbness", "emergency"),
    # found on a fresh blind set (round 8): night pain, and in the answer to the coach's
    # question, no position that eases it
    (("my back keeps waking me up at night",), "nothing helps, I've tried every position", "soon"),
    (("my back keeps waking me up at night",), "can I still do my tempo on thursday?", "none"),
    (("the physio asked if I've had any numbness down there",), "no, nothing like that", "none"),
]


@pytest.mark.parametrize(("history", "text"), ESCALATION)
def test_a_one_sided_sign_that_spreads_worsens_or_meets_a_saddle_sign_is_an_emergency(
    history: tuple[str, ...], text: str
) -> None:
    assert level(text, *history) == "emergency"


@pytest.mark.parametrize(("history", "text", "expected"), STICKY)
def test_the_highest_level_in_the_conversation_stands(
    history: tuple[str, ...], text: str, expected: str
) -> None:
    assert level(text, *history) == expected


def test_a_cause_named_only_as_a_comparison_does_not_explain_the_sign_away() -> None:
    assert level("my bum feels numb, like after the dentist") == "emergency"
    assert level("my feet are numb and it's not the cold") == "emergency"


def test_worse_back_pain_without_a_nerve_sign_does_not_escalate() -> None:
    assert level("my back pain is getting worse", "I had sciatica years ago, all gone") == "none"


# Found on a fresh blind set (round 8). A question that reports the runner's own sign ("... since
# this morning, just a muscle?") is not a question about red flags in general, and a one-word
# question answered "yes" states the sign; a question about signs in general still raises nothing.
REPORTED_IN_A_QUESTION = [
    ("numbness in both legs since yesterday, ok to wait for the physio?", "emergency"),
    ("bilat leg tingling today, is that normal?", "emergency"),
    ("chest pain with the back pain since this morning, just a pulled muscle?", "emergency"),
    ("groin feels numb??", "emergency"),
    ("pins and needles? yes, down my right leg. weakness? no", "urgent"),
    ("is losing feeling in your feet serious?", "none"),
    ("pins and needles? nope. numbness? nope. just stiff", "none"),
    # round 13's first fresh set: "lately" reports, and "my junk" is the genitals
    ("been clumsy as hell lately, stumbling on runs, is that a back pain thing?", "urgent"),
    ("is it normal that my junk feels kind of numb since i did my back in?", "emergency"),
]


@pytest.mark.parametrize(("text", "expected"), REPORTED_IN_A_QUESTION)
def test_a_sign_reported_in_a_question_is_the_runners_own(text: str, expected: str) -> None:
    assert level(text) == expected


# -- what is not a flag ----------------------------------------------------------------------
NOT_FLAGS = [
    # figures of speech
    "feel like i've been run over by a bus after the marathon",
    "it's like a truck hit me after the 30k",
    "had a wee accident on the trail, turned my ankle",
    # pain, stiffness, soreness, fatigue
    "my back pain is 8/10 today",
    "my back is really stiff in the mornings",
    "calves are sore after the hills",
    "heavy legs after the long run",
    "legs felt weak at the end of the hill reps",
    "DOMS in my quads",
    "both hamstrings are tight",
    "my glutes are weak, physio gave me bridges",
    # past and resolved
    "I had sciatica two years ago, all gone now",
    "I had pins and needles in my foot last year but it cleared up",
    "I had a fever last week but it's gone now",
    "back's much better, tingling gone, ready to run",
    # someone else
    "my friend has numb feet",
    "my dad has prostate cancer",
    "my running buddy's leg gave way at mile 20",
    # obvious local causes
    "my hand went numb because I slept on it",
    "my toes went numb in the cold this morning",
    "numb hands after cycling",
    "my bum goes numb on long bike rides",
    "my foot fell asleep sitting cross legged",
    "my watch says my left leg is weaker on ground contact",
    # questions about red flags
    "what symptoms should make me see a doctor?",
    "is tingling a red flag?",
    "what is cauda equina syndrome?",
    "if I get pins and needles should I stop running?",
    # running talk that brushes the vocabulary
    "I need a wee before every race",
    "I'm running the Race for Life for Cancer Research",
    "treadmill runs are mind-numbing",
    "I can't wait to run again",
    "I nearly wet myself laughing at my splits",
    "the ladder drills at track were hard",
]


NOT_FLAGS += [
    # found on a fresh blind set (round 8): a denial listing other words before "or", a fever
    # that is "all over now", a hypothetical that asks without a question mark, figures of speech
    "no twinges or tingling in either leg, just a stiff back",
    "had a fever with flu in october, all over now",
    "if my foot goes numb on a long run should i stop or keep going",
    "my brain goes numb on the treadmill",
    "caught marathon fever watching london",
    "my splits fell off a cliff after 30k",
    # found on the labelled set (round 8): "neither", reported and imagined questions, a fear
    "neither foot is numb or tingly",
    "say I got tingling on a long run, should I stop?",
    "I'm worried about getting foot drop, how do I avoid it?",
    "no history of cancer",
    # found on round 8's final fresh set once scored: past and resolved, denials of a list,
    # a stranger beside the runner, figures of speech, a cause said as a verb
    "had pins and needles in my leg in 2018 but it never came back",
    "some tingling in my calf in march, gone by april, nothing since",
    "my physio asked about numbness and bladder stuff, no to all of it",
    "no burning pains or pins and needles in either leg",
    "the guy next to me at the race collapsed with chest pain, I'm fine",
    "nearly had a heart attack at my 5k time",
    "my foot went numb when I laced my shoes too tight",
    # round 13's first fresh set once scored: past and resolved, said in other words, and a
    # leak that has been the same since a birth
    "i had a bulging disc in my 20s with leg tingling, been fine for a decade now",
    "after my first baby i had some leaking but did physio and its completely resolved",
    "broke my wrist falling off my bike 2 yrs ago, no back issues then or now",
    "little stress leak when i sneeze ever since my second baby, exactly the same as always",
]


@pytest.mark.parametrize("text", NOT_FLAGS)
def test_things_that_are_not_red_flags_stay_none(text: str) -> None:
    assert level(text) == "none"


@pytest.mark.parametrize("text", ["my legs feel dead", "legs feel weird", "the pain is constant"])
def test_an_ambiguous_message_gets_one_clarifying_question(text: str) -> None:
    seen = triage(text)
    assert seen.level == "none"
    assert seen.clarify and seen.clarify.count("?") >= 1


def test_a_clear_message_needs_no_clarifying_question() -> None:
    assert triage("how far should I run this week?").clarify is None


# -- the verdict and what the runner is told -----------------------------------------------
def test_reasons_are_the_runners_own_words_and_name_the_rule() -> None:
    seen = triage("my left foot has gone numb")
    assert seen == Triage("urgent", ("left foot has gone numb",), "one-leg-sensation", basis="rule")
    assert seen.to_dict() == {
        "level": "urgent",
        "reasons": ["left foot has gone numb"],
        "basis": "rule",
        "rule": "one-leg-sensation",
    }


def test_a_misspelt_reason_is_quoted_as_the_runner_wrote_it() -> None:
    assert triage("my Left foot is NUMBNES").reasons == ("Left foot is NUMBNES",)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [("none", "soon", "soon"), ("urgent", "soon", "urgent"), ("emergency", "urgent", "emergency")],
)
def test_max_level_picks_the_more_severe(a: str, b: str, expected: str) -> None:
    assert max_level(a, b) == expected  # type: ignore[arg-type]
    assert LEVELS.index(expected) == max(LEVELS.index(a), LEVELS.index(b))  # type: ignore[arg-type]


WHERE = [
    ("I can't feel it when I wipe", ["emergency department", "your local emergency number"]),
    ("tingling down my left leg", ["doctor or physiotherapist", "within a day or two"]),
    ("I had bowel cancer", ["doctor", "two weeks", "Hold the running plan"]),
]


@pytest.mark.parametrize(("text", "places"), WHERE)
def test_the_referral_says_where_to_go_how_soon_and_quotes_the_runner(
    text: str, places: list[str]
) -> None:
    seen = triage(text)
    reply = referral_reply(seen)
    for place in places:
        assert place in reply
    assert all(f"“{reason}”" in reply for reason in seen.reasons)
    assert "running program isn't appropriate until a clinician" in reply
    line = reminder(seen)
    assert "\n" not in line and places[0].split()[0] in line


def test_nothing_to_refer_or_remind_when_there_is_no_flag() -> None:
    assert referral_reply(Triage("none")) == "" and reminder(Triage("none")) == ""


def test_quoted_words_cannot_inject_markdown() -> None:
    seen = triage("my **left** foot_has gone numb")
    assert seen.reasons == ("left\\*\\* foot\\_has gone numb",)
    assert "“left\\*\\* foot\\_has gone numb”" in referral_reply(seen)


@pytest.mark.parametrize(
    ("source", "text"),
    [
        ("\n    (?:when|while\n        |as) it\n", "as it"),  # beside a bar: no space
        ("\n    can'?t (?:lift|point)\n        (?:my )?foot\n", "cant point my foot"),  # a space
        ("\n    numb\n    tingly\n", "tingly"),  # same indent: another alternative
    ],
)
def test_a_pattern_block_reads_one_alternative_per_line(source: str, text: str) -> None:
    assert block(source).fullmatch(text)


# -- robustness -------------------------------------------------------------------------------
@settings(max_examples=200, deadline=None)
@given(st.text(max_size=2000), st.lists(st.text(max_size=200), max_size=4))
def test_never_raises_on_any_text(text: str, history: list[str]) -> None:
    seen = triage(text, history)
    assert seen.level in LEVELS
    if seen.level != "none":
        assert referral_reply(seen) and reminder(seen)


@settings(max_examples=20, deadline=None)
@given(st.text(min_size=1, max_size=40))
def test_never_raises_on_a_100k_message(chunk: str) -> None:
    assert triage((chunk * (100_000 // len(chunk) + 1))[:100_000]).level in LEVELS


@pytest.mark.parametrize(
    "text",
    ["", "\x00\x01\x7f", "\ud800 numb foot \udfff", "🦶" * 25_000, "numb " * 20_000, "?" * 100_000],
)
def test_never_raises_on_awkward_strings(text: str) -> None:
    assert triage(text, [text]).level in LEVELS


def test_a_sign_at_the_end_of_a_huge_message_is_still_seen() -> None:
    assert level("blah " * 20_000 + "and I wet myself") == "emergency"


RUNNING_WORDS = ["run", "tempo", "parkrun", "intervals", "marathon", "pace", "track", "race"]
TEMPLATES = [
    "my left foot goes numb on my long run",
    "after parkrun my bum felt numb",
    "I wet myself during the tempo run",
    "tingling in both legs on the track",
    "my leg gave way at the end of the race",
    "fever since the marathon",
    "I keep tripping on my easy run pace",
    "pins and needles in my foot during intervals",
    "I had breast cancer and now my back hurts when I run",
    "run club tonight but I can't feel when I pee",
    "my right leg feels weak on the track at tempo pace",
]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(TEMPLATES), st.sampled_from(["no ", "not "]), st.data())
def test_a_negation_before_an_unrelated_word_never_lowers_the_level(
    template: str, negation: str, data: st.DataObject
) -> None:
    words = template.split()
    spots = [i for i, word in enumerate(words) if word in RUNNING_WORDS]
    spot = data.draw(st.sampled_from(spots))
    changed = " ".join([*words[:spot], negation.strip(), *words[spot:]])
    assert LEVELS.index(level(changed)) >= LEVELS.index(level(template))


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(TEMPLATES), st.sampled_from(["Anyway, how far should I run?", "thanks!"]))
def test_adding_an_ordinary_sentence_never_lowers_the_level(template: str, extra: str) -> None:
    assert level(f"{template}. {extra}") == level(template)
    assert level(extra, template) == level(template)


@pytest.mark.parametrize(
    "message",
    [
        "Can I run if I have numbness in my foot?",
        "what if I get tingling down my leg on a long run?",
        "my legs feel dead",
    ],
)
def test_a_sign_named_only_as_a_maybe_gets_a_clarifying_question(message: str) -> None:
    verdict = triage(message)
    assert verdict.level == "none" and verdict.clarify


@pytest.mark.parametrize(
    "message", ["is tingling a red flag?", "what symptoms should make me see a doctor?"]
)
def test_a_question_about_red_flags_is_answered_not_questioned(message: str) -> None:
    verdict = triage(message)
    assert verdict.level == "none" and verdict.clarify is None


def test_a_sign_in_the_middle_of_a_very_long_message_is_read() -> None:
    filler = "I ran 10k today and felt fine. " * 900  # ~28k characters either side
    message = f"{filler} I have numbness in my groin and I wet myself. {filler}"
    assert triage(message).level == "emergency"


def test_a_risk_named_many_messages_back_still_combines_with_a_new_sign() -> None:
    history = ["I have osteoporosis", *["how often should I run?"] * 25]
    verdict = triage("I slipped on the stairs yesterday and my back hurts", history)
    assert verdict.level == "urgent" and verdict.rule == "fragility-fall"


@pytest.mark.parametrize(
    ("message", "level"),
    [
        ("skip the long run this week, back felt rough after the last one", "none"),
        ("my legs feel rough after the hills", "none"),
        ("I've felt rough all week and my back hurts", "urgent"),
    ],
)
def test_feeling_rough_is_the_runner_not_a_body_part(message: str, level: str) -> None:
    assert triage(message).level == level


def test_every_context_a_rule_names_is_defined() -> None:
    """A misspelt context name would explain nothing away, silently."""
    from chains.guard import lexicon as lx
    from chains.guard import rules

    body = [b for kinds in rules._BODY_RULES.values() for b in kinds.values()]
    named = {n for r in [*lx.RULES, *body] for n in r.contexts}
    assert named and named <= set(lx.CONTEXT) | {"no_past"}
