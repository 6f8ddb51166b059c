"""The meaning-based net under the guard's rules: the signs table, raise-only, the reply that asks
to confirm, a clear "no" that lifts a meaning-only flag (and never a rule's), and the real model
on wording the rules do not know."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from chains.guard import triage
from chains.guard.net import MeaningNet, Nearest, denies, judge
from chains.guard.signs import KEYS, SignsError, load_signs, parse_signs
from chains.session import Session

SIGNS = load_signs()
RULE_IDS = {"saddle-sensation", "bladder", "bowel", "sexual", "both-legs", "severe-weakness",
            "major-trauma", "chest-pain", "one-leg-sensation", "one-leg-weakness", "foot-drop",
            "clumsiness", "systemic", "fragility-fall", "past-cancer", "weight-loss", "night-pain",
            "constant-pain", "stress-fracture", "spinal-lump"}  # fmt: skip


class FakeNeighbours:
    """Says a clause is close to a sign when it contains one of the given words."""

    def __init__(self, words: dict[str, tuple[str, str]]) -> None:
        self.words = words
        self.calls: list[list[str]] = []

    def nearest(self, texts: Sequence[str], vectors: object = None) -> list[Nearest]:
        self.calls.append(list(texts))
        out = []
        for text in texts:
            hit = next((v for w, v in self.words.items() if w in text.lower()), None)
            out.append(Nearest(hit[0], hit[1], 0.9, 0.3) if hit else Nearest("soon", "x", 0.1, 0.5))
        return out


FAKE_NET = MeaningNet(
    FakeNeighbours(
        {"glove": ("emergency", "saddle-sensation"), "wobbly": ("urgent", "clumsiness")}
    ),
    {"saddle-sensation": "Numbness around the saddle area."},
)


@pytest.mark.parametrize("sign", SIGNS, ids=lambda s: s.id)
def test_every_sign_in_the_table_is_complete_and_reviewable(sign) -> None:  # type: ignore[no-untyped-def]
    assert sign.row and sign.description.endswith(".")
    assert len(sign.examples) >= 15 and len(sign.lookalikes) >= 10
    assert not set(sign.examples) & set(sign.lookalikes)


def test_the_table_covers_every_sign_the_rules_know() -> None:
    assert {s.id for s in SIGNS} >= RULE_IDS


@pytest.mark.parametrize(
    ("patch", "message"),
    [
        ('level = "critical"', "unknown level"),
        ('colour = "red"', "unknown key"),
    ],
)
def test_the_loader_refuses_a_malformed_sign(patch: str, message: str) -> None:
    base = {k: '""' if k not in ("examples", "lookalikes") else "[]" for k in KEYS}
    base["id"], base["level"] = '"x"', '"soon"'
    key = patch.split(" = ")[0]
    base[key] = patch.split(" = ")[1]
    text = "[[sign]]\n" + "\n".join(f"{k} = {v}" for k, v in base.items())
    with pytest.raises(SignsError, match=message):
        parse_signs(text)


def test_the_net_reads_only_the_clauses_the_rules_left_standing() -> None:
    neighbours = FakeNeighbours({})
    MeaningNet(neighbours).judge("no numbness at all, but my back is stiff after the long run")
    assert neighbours.calls == [["but my back is stiff after the long run"]]


@pytest.mark.parametrize(
    "text",
    ["it feels like wiping with a glove on", "my wife says it feels like wiping with a glove on"],
)
def test_the_net_raises_only_what_it_hears_in_the_runner(text: str) -> None:
    found = judge(text, net=FAKE_NET)
    expected = "none" if "wife" in text else "emergency"
    assert found.level == expected
    assert found.shown_basis == (None if expected == "none" else "meaning")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("it aches at night in bed but a pillow between my knees helps", "none"),
        ("it aches at night in bed and nothing helps", "soon"),
        ("it aches at night in bed, no position eases it", "soon"),
        ("lost 5kg this month on purpose", "none"),
        ("lost 5kg this month", "soon"),
    ],
)
def test_a_clause_that_says_what_the_sign_is_not_raises_nothing(text: str, expected: str) -> None:
    # round 8: a night or constant pain that something eases, and weight lost on purpose, are
    # not those signs by their definition; the net is told it heard them
    net = MeaningNet(
        FakeNeighbours({"at night": ("soon", "night-pain"), "5kg": ("soon", "weight-loss")})
    )
    assert judge(text, net=net).level == expected


def test_a_long_clause_is_quoted_back_in_whole_words() -> None:
    text = "it feels like wiping with a glove on " + "and the rest of this is a long story " * 5
    phrase = MeaningNet(FakeNeighbours({"glove": ("emergency", "saddle-sensation")})).judge(text)
    assert phrase is not None and phrase.phrase.endswith("…") and len(phrase.phrase) <= 121
    assert text.startswith(phrase.phrase[:-1]) and text[len(phrase.phrase) - 1] == " "


def test_the_net_is_not_asked_when_the_rules_already_say_emergency() -> None:
    neighbours = FakeNeighbours({})  # it can only raise, and nothing is above an emergency
    verdict = judge("I can't feel it when I wipe, legs wobbly", net=MeaningNet(neighbours))
    assert (verdict.level, neighbours.calls) == ("emergency", [])
    judge("my legs are wobbly", net=MeaningNet(neighbours))
    assert neighbours.calls  # below an emergency it still listens


def test_the_net_never_lowers_a_rule_flag() -> None:
    text = "both my legs have gone numb"
    assert triage(text).level == "emergency"
    assert judge(text, net=MeaningNet(FakeNeighbours({}))).level == "emergency"
    assert judge(text, net=MeaningNet(FakeNeighbours({}))).shown_basis == "rule"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("no, nothing like that", True),
        ("No I meant my legs are just tired", True),
        ("nope, just sore", True),
        # round 13: the denials of more than one word had never matched (a VERBOSE pattern
        # dropped their spaces)
        ("I meant my legs are just tired", True),
        ("nothing like that", True),
        ("not really, it's just stiff", True),
        ("nothing major, just stiff", True),
        ("i mean it hurts a lot", False),
        ("yes, that's it", False),
        ("it's numb down there", False),
    ],
)
def test_a_clear_no_is_recognised(text: str, expected: bool) -> None:
    assert denies(text) is expected


def _coach(fake_coach):  # type: ignore[no-untyped-def]
    from chains.coach import Coach

    return Coach(fake_coach.retriever, fake_coach.sample, net=FAKE_NET)


def test_a_meaning_only_flag_asks_and_a_clear_no_lifts_it(fake_coach) -> None:  # type: ignore[no-untyped-def]
    coach, session = _coach(fake_coach), Session()
    first = coach.turn(session, "it feels like wiping with a glove on, down there")
    assert (first.intent, first.triage.level, first.triage.basis) == (
        "red_flag",
        "emergency",
        "meaning",
    )
    assert "glove" in first.reply and "emergency department" in first.reply
    assert "misread" in first.reply and first.week is None
    held = coach.turn(session, "show me my week")
    assert held.intent == "red_flag" and held.week is None
    lifted = coach.turn(session, "no, I meant my legs are tired")
    assert lifted.triage.level == "none" and "lifted" in lifted.reply
    assert coach.turn(session, "show me my week").week is not None


def test_a_rule_flag_is_never_lifted_by_a_no(fake_coach) -> None:  # type: ignore[no-untyped-def]
    coach, session = _coach(fake_coach), Session()
    first = coach.turn(session, "my bum feels numb when I wipe")
    assert (first.triage.level, first.triage.basis) == ("emergency", "rule")
    after = coach.turn(session, "no, I meant my legs are tired")
    assert after.intent == "red_flag" and after.triage.level == "emergency"
    assert coach.turn(session, "show me my week").week is None


def test_a_no_that_brings_a_new_sign_keeps_the_hold(fake_coach) -> None:  # type: ignore[no-untyped-def]
    coach, session = _coach(fake_coach), Session()
    coach.turn(session, "my legs feel wobbly")
    after = coach.turn(session, "no, but I can't feel my bum when I wipe")
    assert after.triage.level == "emergency" and after.triage.basis == "rule"


# -- the real model: wording the rules have never seen ---------------------------------------
SADDLE = [
    "my bum feels numb when I wipe",  # the issue's own
    # three paraphrases written by someone else (the first blind set, now labelled)
    "bit of a weird one but when i wipe after the loo it feels kind of numb, like it's not my bum",
    "lost feeling down there when wiping, bit freaked out tbh",
    "no pain down the legs really, but I can't feel the toilet paper when I wipe",
    # a question that opens with the sign: read by the net, not taken as talk about red flags
    "odd one, when i wipe after the loo it doesn't feel like my own skin, kind of muffled??",
]


@pytest.mark.parametrize("text", SADDLE)
def test_altered_feeling_when_wiping_is_an_emergency(real_net, text: str) -> None:  # type: ignore[no-untyped-def]
    assert judge(text, net=real_net).level == "emergency"


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("my legs just fold under me on the stairs, nearly went down twice", "emergency"),
        ("feels like wiping with a glove on, down there", "emergency"),
    ],
)
def test_the_net_catches_what_the_rules_miss(real_net, text: str, level: str) -> None:  # type: ignore[no-untyped-def]
    assert triage(text).level == "none"  # the rules alone miss it
    verdict = judge(text, net=real_net)
    assert (verdict.level, verdict.basis) == (level, "meaning")


@pytest.mark.parametrize(
    "text",
    ["tingling? nope", "no numbness at all, legs just tired after the 20k",
     "my wife has pins and needles in her foot", "what should I look out for?",
     # ordinary questions in dramatic words (the passages' own questions are look-alikes)
     "first long run back after lbp and my back was wrecked next day. normal?",
     "what bits of my normal training need changing now my back's playing up",
     # found on a fresh blind set (round 8): saying it is normal is a denial
     "just asking, mine's all normal, i wee fine",
     # labelled week chats (round 11): "week" misspelt, and a sore back that moves fine
     "for days a weak is all i can manage",
     "tweaked my back lifting boxes on tuesday, it's sore but i'm moving ok. can we change the "
     "week so i don't make it worse",
     # round 11's third fresh week set: a usual flare, and bad at swimming
     "Back's flared up again after saturday's parkrun, just the usual stiffness and ache. Can you "
     "ease off the hard stuff this week? So no intervals and no stair reps.",
     "can we skip the cross training day? i'm rubbish in the water and don't own a bike",
     # round 11's scored week chats: a stiff back after a flight, and walking for work
     "lower back stiffened right up after sitting on a long haul flight. no intervals or stairs "
     "for a week, just easy stuff",
     "I'm a postie so I'm on my feet walking all morning mon-sat. After work I can manage maybe "
     "40 mins.",
     # round 12's final question set: tired form, and a cold morning
     "my form falls apart when I'm knackered at the end. how do i stop that wrecking my back",
     "does running in cold weather make back pain worse? it's freezing here in the mornings",
     # round 13's first fresh set once scored: able to do it "fine", a denial first, and a
     # sign outside the back and legs with a local cause
     "i checked and i can feel the toilet paper fine lol, read about that online",
     "i can walk on my heels and toes fine on both sides, no weakness",
     "no shooting pain down the leg, more like a bruised feeling in the lower back",
     "wrist tingles after a long day of typing, probably the mouse",
     "upped my weekly k's from 20 to 25 and feel good, hips and back fine"],
)  # fmt: skip
def test_the_net_keeps_quiet_on_denials_and_other_people(real_net, text: str) -> None:  # type: ignore[no-untyped-def]
    assert judge(text, net=real_net).level == "none"


def test_the_page_banner_of_a_meaning_only_flag_asks_again(fake_coach) -> None:  # type: ignore[no-untyped-def]
    from chains.page import banner

    coach, session = _coach(fake_coach), Session()
    coach.turn(session, "it feels like wiping with a glove on, down there")
    shown = banner(session)
    assert "glove" in shown and "nothing like that" in shown and "emergency department" in shown
    coach.turn(session, "my bum feels numb when I wipe")  # now a rule's word too
    assert "nothing like that" not in banner(session)
