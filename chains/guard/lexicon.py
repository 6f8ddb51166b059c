"""Vocabulary for the red-flag guard: body parts, symptom words, negations, the rule patterns, and
the contexts that explain a symptom away (cold toes, a friend's numb feet, a question).

Owns words and patterns only; how they combine into a verdict lives in `rules.py`. Patterns
run on lower-cased text whose punctuation, apart from . , ! ? ; and ', is already spaces. In a
pattern a space means "whitespace", " ?" means "maybe whitespace", and each line of a `block` is
one alternative that matches whole words only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import cast, get_args

from chains.guard.verdict import Level


def alt(words: str) -> str:
    """Alternation of whitespace-separated entries ('_' is a space), longest first so that
    'inner thigh' is tried before 'thigh' and 'back passage' before 'back'."""
    items = {w.replace("_", " ") for w in words.split()}
    return "|".join(sorted(items, key=lambda w: (-len(w), w)))


def rx(*parts: str) -> re.Pattern[str]:
    # subtle: the guards make each part whole-word, yet still let it start on punctuation (", now")
    source = "|".join(rf"(?:(?<!\w)|(?!\w))(?:{p})(?:(?!\w)|(?<!\w))" for p in parts)
    return re.compile(source.replace(" ?", r"\s*").replace(" ", r"\s+"))


def block(src: str) -> re.Pattern[str]:
    """A pattern written one alternative per line. A more deeply indented line continues the one
    above; the line break is a space there, unless it falls beside a "|"."""
    lines = [line for line in src.splitlines() if line.strip()]
    margin = min(len(line) - len(line.lstrip()) for line in lines)
    parts: list[str] = []
    for line in lines:
        text = line.strip()
        if len(line) - len(line.lstrip()) == margin:
            parts.append(text)
        else:
            parts[-1] += text if text.startswith("|") or parts[-1].endswith("|") else f" {text}"
    return rx(*parts)


@dataclass(frozen=True)
class Section:
    """One "@ name [fields...]" block of a table: its header fields, the "~ trigger stems" that
    must occur before its pattern is tried, and the pattern of its alternatives."""

    head: list[str]
    stems: str
    pattern: re.Pattern[str]


Contexts = frozenset[str]  # names in `CONTEXT` (and "no_past": a past sign still counts)


def contexts(names: str) -> Contexts:
    """Context names as written in the tables: "a b" or "a+b", "-" for none.

    >>> sorted(contexts("fatigue+local_sens")), contexts("-")
    (['fatigue', 'local_sens'], frozenset())
    """
    return frozenset(names.strip("-").replace("+", " ").split())


@dataclass(frozen=True)
class Rule:
    """A sign the rules grammar raises: "@ id level family contexts" in `RULES` below."""

    id: str
    level: Level
    family: str  # "leg": a one-sided sign that escalates when bilateral or worsening
    contexts: Contexts  # what explains it away
    stems: str
    pattern: re.Pattern[str]


def sections(src: str) -> list[Section]:
    """Parse a table of "@ name [fields...]" headers, each followed by "~ trigger stems" lines and
    then a `block` of alternatives."""
    found = []
    for chunk in src.split("\n@ ")[1:]:
        head, *rest = chunk.splitlines()
        stems = " ".join(line.strip()[1:] for line in rest if line.strip().startswith("~"))
        body = "\n".join(line for line in rest if not line.strip().startswith("~"))
        found.append(Section(head.split(), stems, block(body)))
    return found


def rules(src: str) -> list[Rule]:
    """The rules of "@ id level family contexts" sections; "-" is an empty field and "+" joins
    context names."""
    found = []
    for s in sections(src):
        name, level, family, names = s.head
        if level not in get_args(Level):
            raise ValueError(f"rule {name}: unknown level {level!r}")
        found.append(
            Rule(name, cast(Level, level), family.strip("-"), contexts(names), s.stems, s.pattern)
        )
    return found


def words(src: str) -> frozenset[str]:
    return frozenset(w.replace("_", " ") for w in src.split())


# -- body -------------------------------------------------------------------------------------
_SADDLE = """bum bums bum_cheeks butt butts butt_cheeks buttock buttocks backside arse ass glute
    glutes groin genitals genital genitalia genital_area privates private_parts private_area
    down_there between_my_legs crotch perineum taint undercarriage nether_regions saddle_area
    saddle_region inner_thigh inner_thighs back_passage anus rectum bumhole bum_hole butthole
    arsehole penis willy dick todger knob cock john_thomas testicles testicle scrotum vagina vulva
    fanny labia clitoris clit lady_bits old_fella old_fellow family_jewels
    bum_crack butt_crack arse_crack pelvic_floor between_my_cheeks between_my_bum_cheeks
    tailbone coccyx sit_bones sitting_bones where_i_sit where_i'm_sitting back_there down_below
    waist_down below_the_waist below_my_waist"""
SADDLE = alt(_SADDLE) + (
    r"|bottom(?! of)|balls(?! of)|bits(?! of| and)|saddle(?! sore)|(?<=my\s)junk(?! food| mile)"
)
LEG_ONE = """leg thigh outer_thigh calf shin knee ankle foot toe toes big_toe little_toe heel sole
    hamstring quad instep arch"""
LEG_BOTH = "legs thighs calves shins knees ankles feet heels soles hamstrings quads"
TRUNK = "back lower_back spine"
OTHER = """hand hands finger fingers thumb thumbs arm arms wrist wrists elbow elbows shoulder
    shoulders face lip lips cheek cheeks nose ear ears neck head tongue chin jaw chest nipple
    nipples belly stomach"""
LEG_ONE_SET, LEG_BOTH_SET, TRUNK_SET, OTHER_SET = map(words, (LEG_ONE, LEG_BOTH, TRUNK, OTHER))
LEG = alt(f"{LEG_ONE} {LEG_BOTH}")
BODY = f"{SADDLE}|{alt(f'{LEG_ONE} {LEG_BOTH} {TRUNK} {OTHER}')}"
SIDE = r"(?:(?P<side>left|right) )?(?:(?:whole|big|little) )?"
_PARTS = alt("bottom top side outside inside back front sole ball tip base")
PART_OF = rf"(?:(?:the )?(?:{_PARTS})s? of (?:my |the )?)?"

# -- words that may sit between a body part and its symptom, without breaking the link ---------
_STOP = alt("and but or with when while after because if though although so then since")
GAP = rf"(?:(?!(?:{_STOP}|{BODY})\b)[\w']+ )"
PREP = alt("in into down on around round through along across at over under of from to up near")
LOOSE = r"[^.!?;,]{0,25}?"

# -- symptoms ---------------------------------------------------------------------------------
NUMB = r"numb|numbness|numbish|numbed|numbing|tingl\w*|pins (?:and |n |& )?needl\w*"
NUMB += r"|pa?r[ae]+s?thesi\w*"
SENS = rf"""{NUMB}|dysaesthesi\w*|(?:gone|went|goes|going|go|gets|getting|got) dead|asleep|fizz\w*
    |buzz\w*|fuzzy|prickl\w*|belongs? to someone else|not mine|cotton wool|dead feeling|deadness
    |wrapped in (?:cling ?film|bubble ?wrap|a sock)
    |(?:lost|losing|lose|loss of|reduced|altered|less|no|changed) (?:the |all |some |any )?feeling
    |(?:lost|losing|lose|loss of|reduced|altered|less|no|changed) (?:the |all |some |any )?sensation
    |(?:weird|strange|odd|funny|different|altered) sensations?
    |(?:goes|gone|going|went|go|falls?|fell|falling|keeps? going) to sleep""".replace("\n    ", "")
SOFT = r"dead|weird|strange|funny|odd|different|not right|wrong|wobbly|like jelly|rubbery|wooden"
WEAK = r"weak|weakness|weaker|weaken\w*|no strength|no power|lost (?:all |my )?(?:strength|power)"
CANT = r"can'?t|cannot|can not|unable to|not able to|couldn'?t|could not|can barely|can hardly"
CANT += r"|can no longer|no longer able to"
PEE = alt("""pee peeing peed wee weeing wees urine urinate urinating urination piss pissing bladder
    waterworks number_one a_leak""")
PEEV = r"pee|peeing|wee|weeing|urinate|urinating|piss|pass (?:water|urine)|go for a (?:wee|pee)"
POO = alt("poo poos pooing poop pooping bowel bowels stool stools faeces feces number_two crap")
FEELV = r"feels?|felt|feeling|gone|went|going|goes|is|are"

# -- negation: a negator, then only filler or other symptom words, then the symptom -------------
NEG = r"""no|not|never|without|none|nothing|zero|nor|neither|free of|absence of|den(?:y|ies|ied)
    |(?:do|does|did|have|has|had|is|are|was|were)n'?t|ruled out|wouldn'?t say""".replace(
    "\n    ", ""
)
FILLER = alt(
    """any a an the some really actually ever yet at_all have has had got get getting been feel
    feels felt feeling notice noticed experienced experiencing suffered suffering seen see sign
    signs symptom symptoms issue issues problem problems trouble with my in of or and nor real
    new further more other obvious noticeable sort kind type bit hint trace much longer from like
    that this i think left right both saddle is are history"""
)
SYMW = rf"{NUMB}|weak\w*|pains?|aches?|fever\w*|sweats?|chills|night|chest|bladder|bowels?"
_LISTED = r"\w+(?: \w+)?(?= (?:or|nor)\b)"  # "no zaps or tingles": any word listed before "or"
NEG_TAIL = re.compile(
    rf"\b(?:{NEG})(?:\s+(?:(?:{FILLER})\b|(?:{SYMW}|{BODY})\b,?|{_LISTED}))*\s*$".replace(
        " ", r"\s+"
    )
)
POST_DENIAL = re.compile(
    r"(?:'s|s)?\s*(?:(?:is|are|was|has been|have been)\s+(?:fine|normal|ok|okay|absent|all good"
    r"|not an issue|not a problem)\b|(?:none|no|nope|nil|negative)\s*(?:[.,;!?]|$)"
    r"|(?:(?:is|are|has|have|'s)\s+)?(?:(?:all|completely)\s+)?(?:gone|cleared|resolved|settled"
    r"|disappeared|went away)\s*(?:now\s*)?(?:[.,;!?]|$))"
)

# -- phrases that look like symptoms and are not: blanked out before matching -------------------
MASK_TRIGGERS = """numb chill tingl shiver goose pins dead sick weak wet peed piss shat shit poo
    drag retention chest cancer race macmillan benign cauda heart fever cliff""".split()
MASK = block(r"""
    (?:nearly|almost) (?:had|gave me|giving me|give me) a heart attack
    pins (?:and |n )?needles (?:waiting|over|about)\b[^.!?]{0,30}?(?:ballot|results?|draw|news)
    mind numbing|numbing (?:cream|gel|spray)|(?:mind|brain|head) (?:goes|went|going|is|was) numb
    (?:marathon|race|running|parkrun|cabin|spring|olympic|cup|football|footy) fever
    (?:pace|times?|splits?|speed|mileage|form|fitness|motivation) (?:[\w']+ ){0,2}(?:fell|fallen
        |falls|falling|dropped|went|go(?:es)?) off a cliff
    numb(?:ed)? (?:to|about) (?:the|it|all|this|that|pain|missing|everything)
    gave me (?:the )?(?:chills|tingles)|(?:chills|tingles|shivers) down my spine|goosebumps
    on pins and needles|dead tired|dead on my feet|sick (?:of|and tired)|weak link
    (?:nearly|almost) (?:wet|peed|pissed|shat|shit|pooed|pooped) myself
    (?:wet|peed|pissed|shat|shit) myself laughing|drag\w* my feet
    (?:water|fluid) retention|chest (?:strap|monitor|hr strap|heart rate)
    cancer research|race for life|macmillan|for cancer|cancer (?:charity|scare|ward)|benign
    (?:not|wasn'?t|isn'?t|no) cancer|ruled? out cancer
    (?:is it|could it be|might be|can it be) cancer
    (?:worried|scared|afraid|fear) (?:it'?s|it is|it could be|it might be|of) cancer
    cauda equina syndrome is|heart (?:hurts|aches|goes out|breaks|bleeds) for
""")

# -- signs tied to a body part; the guard classifies the body (saddle, one leg, both legs) -------
_FEEL_LOSS = rf"(?:{CANT}|don'?t have|have no|lost|lost all|no) (?:any |the )?(?:feel\w*|sensation)"
_FEEL_WHERE = r"(?:(?:anything|much|properly|it|any|a thing) )?"
_FEEL_WHERE += r"(?:(?:in|on|of|around|down|inside) )?"
SENS_BODY = tuple(
    rx(p)
    for p in (
        rf"{SIDE}(?P<body>{BODY})(?:'s)? {GAP}{{0,4}}(?P<sym>{SENS})\b",
        rf"(?P<sym>{SENS}) {GAP}{{0,2}}(?:{PREP}) {GAP}{{0,4}}{PART_OF}{SIDE}(?P<body>{BODY})\b",
        rf"(?P<sym>{SENS}) {SIDE}(?P<body>{BODY})\b",
        rf"(?P<sym>{_FEEL_LOSS}) {_FEEL_WHERE}(?:my |the )?{PART_OF}{SIDE}(?P<body>{BODY})\b",
        rf"{SIDE}(?P<body>{BODY}) {GAP}{{0,2}}(?:where|that) (?:i )?(?P<sym>(?:{CANT}) feel)",
    )
)
_HEDGE = r"(?:a bit |kind of |sort of |really |so )?"
SOFT_BODY = tuple(
    rx(p)
    for p in (
        rf"(?P<body>{BODY})(?:'s)? {GAP}{{0,2}}(?:{FEELV}) {GAP}{{0,2}}(?P<sym>{SOFT})\b",
        rf"(?:{FEELV}) {_HEDGE}(?P<sym>{SOFT}) {GAP}{{0,2}}(?P<body>{BODY})\b",
        rf"(?P<sym>(?:{SOFT}) (?:feeling|sensation)) {GAP}{{0,3}}(?P<body>{BODY})\b",
        r"(?P<sym>dead|jelly|wobbly) (?P<body>legs?)\b",
    )
)
WEAK_BODY = tuple(
    rx(p)
    for p in (
        rf"{SIDE}(?P<body>{LEG})(?:'s)? {GAP}{{0,4}}(?P<sym>{WEAK})\b",
        rf"(?P<sym>weakness|no strength|no power|lost (?:all |my )?(?:strength|power)) {GAP}{{0,2}}"
        rf"(?:{PREP}) {GAP}{{0,4}}{SIDE}(?P<body>{LEG})\b",
        rf"(?P<sym>weak) {SIDE}(?P<body>{LEG})\b",
    )
)
BARE_SENS = rx(rf"\b(?P<sym>{NUMB})\b")
# A pattern runs only on text holding one of its trigger stems: each costs ~5 µs, and most
# messages hold none of the words. Keep the stems in step with the patterns.
SENS_TRIGGERS = "numb tingl pins aes ares aras dead asleep fizz buzz prickl feel sensation mine"
SENS_TRIGGERS += " someone cotton sleep fuzzy"
SOFT_TRIGGERS = "dead weird strange funny odd different right wrong wobbly jelly rubbery wooden"
WEAK_TRIGGERS = "weak strength power"
PROG_TRIGGERS = "wors spread moving now bigger larger wider weaker number more progress creep"
PROG_TRIGGERS += " gave give gives giving buckl collaps"
PROG_TRIGGERS += " further"
OSTEO_TRIGGERS = "osteo brittle thin bone weak fragile steroid predni dexameth pred"

# -- fixed rules: (id, level, family, contexts, triggers, pattern). family "leg" marks one-sided
# signs that escalate; contexts name what may explain a match away (guard._Message.dismissed).
_E, _U, _S = "emergency", "urgent", "soon"
_WIPE = r"wip(?:e|es|ing)|toilet paper|loo roll"
_ADV = r"(?:(?:really|properly|fully|even|quite|always) )?"
_GAP2, _GAP3 = rf" {GAP}{{0,2}}", rf" {GAP}{{0,3}}"
_SEAT = r"(?:the )?(?:toilet seat|seat|saddle|chair) (?:properly |really )?(?:under|beneath) me"
_PANTS = r"myself|my (?:pants|knickers|shorts|trousers|underwear|undies|boxers|jocks|bed|leggings)"
_NOT_WORKING = alt(
    "not_working isn't_working isnt_working aren't_working arent_working doesn't_work"
    " stopped_working playing_up acting_up won't_empty not_emptying issues problems trouble"
    " dysfunction"
)
_HARD = r"trouble|difficult\w*|problems?|issues?|struggl\w*|strain\w*|hard"
_NO_URGE = rf"(?:need|urge|sensation|feeling) (?:to|of|for|when) {GAP}{{0,2}}"
_NOT_WORK = r"won'?t|wont|will not|wouldn'?t|don'?t|didn'?t|just won'?t|no longer"
_LEGS_DO = (
    r"(?:legs?|knees) (?:(?:keeps?|kept|keep on|are|is|have|has|just|both|suddenly|randomly) )*"
)
_GIVE = r"giving way|gave way|give way|gives way|giving out|gave out|gives out|buckl\w*|collaps\w*"
_HEIGHT = alt(
    "ladder step_ladder stepladder roof height scaffold scaffolding balcony wall tree"
    " horse"
    " loft building cliff window first_floor motorbike motor_bike motorcycle bike"
)
_VEHICLE = alt("car van bus lorry truck vehicle motorbike motor_bike motorcycle taxi cyclist bike")
_HIT = r"hit|knocked (?:down|over|off)|run over|ran over|struck|clipped|mown down|taken out"
_CHEST_HURT = alt(
    "pain pains painful hurts hurt hurting aches ache aching tight tightness heavy"
    " heaviness pressure crushing sore agony"
)
_LIFT = r"lift|raise|pick up|pull up|bend up|point|flex"
_UNWELL = alt(
    "unwell poorly ill rough rotten awful terrible crap crappy rubbish run_down rundown"
    " off_colour off_color under_the_weather sick grim dreadful lousy"
)
_I_FEEL = r"feel|feels|feeling|felt|i'?m|am|been|just"
# "my back felt rough" is the back, not the runner feeling unwell
_NOT_OF_A_PART = r"(?<!back\s)(?<!backs\s)(?<!leg\s)(?<!legs\s)(?<!hip\s)(?<!hips\s)(?<!run\s)"
_KG = r"\d*(?:kg|kgs|kilos?|lbs?|pounds|stone|st)"
_LOSS = rf"(?:lost|losing|lose|dropped|dropping|shed|down) {GAP}{{0,3}}(?:weight|{_KG})\b"
_UNEXPL = r"""without (?:trying|dieting|meaning to|changing|any reason)|no idea why|don'?t know why
    |for no (?:apparent |obvious )?reason|not (?:been )?(?:trying|dieting)|not sure why
    |haven'?t been (?:trying|dieting)|unexplained|unintentional\w*|can'?t explain
    |(?:haven'?t|not|without) chang\w* (?:my |anything|what i eat)
    |eating (?:the same|normally|as usual)
    """.replace("\n    ", "").strip()
_NIGHT = r"""at night|in bed|overnight|night ?(?:time|pain)|in the night|wakes? me|woke me|waking me
    |keeps? me (?:up|awake)|lying (?:down|still|in bed|flat)|when i (?:lie|rest)|at rest|rest pain
    |even (?:resting|at rest|when resting|lying)""".replace("\n    ", "")
_UNREL = rf"""(?:no|any|every|whatever|each|whichever) (?:position|way i (?:lie|sit|turn|move))
    |nothing (?:helps|eases|works|stops it|makes (?:it|any|the)|settles|changes)|no relief
    |(?:{CANT}) (?:get|find) (?:a |any )?(?:comfortable|comfy)|whatever i do
    |doesn'?t (?:ease|settle|let up|change|go away)|won'?t (?:ease|settle|go away|let up)
    |never (?:eases|settles|lets up)|no matter (?:how|what|which)|(?:makes )?no difference
    |pain ?killers (?:don'?t|do nothing)""".replace("\n    ", "")
_CONST = (
    r"constant\w*|all the time|24 ?7|day and night|non ?stop|never (?:stops|lets up)|relentless"
)
_HOPPING = r"""(?:when|while|if|as|whenever|every time|to) (?:i |i'?m )?hop\w*
    |(?:hurts?|painful|pain) (?:to|on|when|with) hop\w*|hop\w* (?:on|gives|makes|hurts|is)
    """.replace("\n    ", "").strip()
_HOPREG = r"buttocks?|bum|butt|glutes?|sacrum|sacral|tailbone|coccyx|pelvis|pelvic|sit ?bones?"
_LUMP = r"lump|bump|swelling|growth|mass|lumps|bumps"
_SPINE = r"spine|back ?bone|vertebra\w*|lower back|back"
_MISSHAPEN = alt("different crooked bent twisted curved misshapen deformed wonky out_of_shape")
_DRUGS = r"drugs|heroin|meth|crack"
_STEROID = r"steroids|steroid tablets|prednisolone|prednisone|pred|dexamethasone"
_LONG = r"for (?:years|months|ages|a long time|\d+ (?:years|months))|long ?term|every day|daily"
RULES = rules(
    rf"""
@ saddle-sensation emergency - local_sens
~ wip toilet loo sitting saddle seat chair
    (?:{_WIPE})\b[^.!?;]{{0,40}}?(?:{CANT}|don'?t|barely|hardly) (?:really )?feel
    (?:{_WIPE}) {GAP}{{0,3}}(?:feels?|felt|is|goes) {_HEDGE}(?:{SOFT}|numb|nothing|tingly)
    (?:{CANT}|don'?t|barely|hardly) (?:really )?feel {GAP}{{0,3}}(?:when|while|as) (?:i )?wip\w*
    (?:{NUMB}|no (?:feeling|sensation)|(?:feels?|felt) (?:{SOFT})) {GAP}{{0,3}}(?:when|while
        |as) (?:i )?wip\w*
    sitting on (?:a )?(?:bag of ice|block of ice|ice|cotton wool)|saddle an?a?esthesia
    (?:{CANT}) (?:really |properly )?feel {_SEAT}
    (?:{CANT}) (?:really |properly )?feel(?: myself| anything| it| much)?(?: going| properly)?
        (?:when|while|as) (?:i |i'?m |im )?(?:go to|use|sit on|am on|on) the (?:loo|toilet)
    (?:{NUMB}|(?:strange|weird|odd|funny|numb) feeling) (?:when|while|as) (?:i )?(?:sit|am sitting
        |sat) on the (?:loo|toilet)
    (?:{_WIPE})\b[^.!?;]{{0,60}}?(?:(?:someone|somebody) else'?s|not (?:my own|mine)|belongs? to)
@ bladder emergency - chronic
~ pee wee urin piss bladder leak wet dribbl incontin stream flow water number accident knew
~ know notic realis realiz burst urinal loo toilet desperate damp bathroom
    (?:{CANT}) {_ADV}(?:{PEEV})\b
    (?:{CANT}) {_ADV}(?:start|hold|control|empty|release) (?:my |the )?(?:{PEE})
    (?:{CANT}) {_ADV}(?:seem to )?stop (?:the |my |a )?(?:{PEE}|flow|mid ?stream)\b
    leak\w* (?:a (?:bit|little) )?(?:in|into) (?:{_PANTS})
    (?:pants|knickers|shorts|undies|underwear|leggings|tights)\b[^.!?;]{{0,20}}?(?:damp|wet)\b
        [^.!?;]{{0,40}}?(?:didn'?t|did not|without) (?:even )?(?:feel|notic)
    (?:{CANT}) {_ADV}(?:feel|tell) (?:it when|when|if|myself|that|the need){LOOSE}\b(?:{PEE}
        |it'?s full)
    (?:{PEE})(?:'s)? {GAP}{{0,2}}(?:gone (?:weird|funny|numb|strange)|{_NOT_WORKING})
    (?:{_HARD}) {GAP}{{0,2}}(?:(?:start|stop|get|to)\w* )*(?:my |the |a )?(?:passing water
        |{PEE})\b
    (?:push|strain)\w* to (?:get|start) (?:my |the |a )?(?:{PEE})
    (?:{PEE}) {GAP}{{0,4}}(?:hard|difficult|tricky|slow|impossible) to (?:get going|start|stop
        |come|control)
    incontinen\w*|wet (?:the|my) bed|bed ?wetting|(?:i'?m|i am|i keep|been|started) leaking
    (?:had|having|getting|noticed) (?:a (?:bit|little) of |some )?(?:leaking|leakage)
    (?:toilet|loo|urinal|bathroom)[^.!?;]{{0,40}}?wait\w* for (?:it|the (?:wee|pee|flow)) to
        (?:start|come)
    leak\w* (?:a bit |a little )?(?:when|if|as) i (?:cough|sneeze|laugh|stand|jump)
    (?:wet|peed|pissed|weed|wee'?d|peeing|weeing|wetting|pissing) (?:{_PANTS})
    (?:leak\w*|dribbl\w*) {GAP}{{0,2}}(?:urine|wee|pee)\b
    (?:urine|wee|pee) {GAP}{{0,2}}(?:leak\w*|dribbl\w*)
    (?:{PEE})\b[^.!?;]{{0,40}}?(?:nothing|hardly anything|not a drop) (?:comes?|came) out
    (?:lost|lose|losing|no) control (?:of|over) (?:my )?bladder|bladder (?:control|accident)
    (?:wee|pee|weeing|peeing|toilet|loo) accidents?(?! (?:on|at|with|while|during|in the|playing))
    (?:don'?t|do not|didn'?t|{CANT}) (?:feel|get|have|notice|know){_GAP2}{_NO_URGE}(?:{PEE})\b
    (?:haven'?t|have not|hasn'?t|not) {GAP}{{0,3}}(?:{PEE}) {GAP}{{0,3}}(?:all day|since
        |for (?:hours|\d+ hours|a day|ages))
    no (?:urge|need|desire) to (?:pee|wee|urinate)|urinary retention
    (?:try\w*|tried|sat|sitting|stood|standing|bursting)[^.!?;]{{0,30}}?(?:{PEE}|{PEEV})\b
        [^.!?;]{{0,40}}?(?:nothing|hardly anything|barely anything|not a drop|only a (?:trickle
        |dribble)) (?:comes?|came|happens?|happened)
    accidents? (?:\w+ ){{0,3}}?(?:in|on) (?:{_PANTS}|(?:my |me )?(?:\w+ )?(?:pants|knickers
        |shorts|trousers|underwear|leggings|tights|joggers|trackies|kit))
    (?:urinal|toilet|loo|bathroom|bursting|desperate)[^.!?;]{{0,40}}?(?:nothing|hardly anything
        |barely anything|not a drop|only a (?:trickle|dribble))(?: \w+)? (?:comes?|came|happens?
        |happened)
    (?:didn'?t|don'?t|did not|do not|never) (?:even )?(?:know|feel|notice|realis\w*|realiz\w*)
        (?:that )?i (?:needed|need|had|have) to go
    (?:need|needing|want|wanting|urge) {GAP}{{0,2}}(?:{PEE})\b[^.!?;]{{0,30}}?(?:nothing
        |hardly anything|only a (?:trickle|dribble)|barely anything|not much) (?:comes?|came)
    (?:numb|no feeling|no sensation) when (?:i )?(?:pee|wee|urinate)
    (?:ages|forever|a long time|minutes) {GAP}{{0,3}}(?:before|for) {GAP}{{0,2}}(?:wee|pee
        |urine) (?:comes?|starts?|to come|to start)
    (?:wee|pee|urine|stream) (?:won'?t|doesn'?t|takes ages to|slow to) (?:come|start|flow)
    (?:weak|slow|poor) (?:stream|flow)|(?:{PEE}) {GAP}{{0,4}}(?:slow\w*|trickl\w*|dribbl\w*
        |weak)\b
@ bowel emergency - chronic
~ poo bowel stool faec fece crap soil shat shit number urge messed passage feeling sensation
~ notic know dump
    (?:{CANT}) {_ADV}(?:control|hold|empty) (?:my |the |a )?(?:{POO})\b
    (?:{CANT}) {_ADV}(?:feel|tell|sense|know) (?:when|if|that){LOOSE}\b(?:{POO}
        |open my bowels)\b
    (?:lost|lose|losing|no) control (?:of|over) (?:my )?(?:bowels?|poo\w*|back passage)
    (?:pooed|pooped|shat|soiled|crapped|shit|messed) (?:{_PANTS})
    (?:faecal|fecal|bowel|poo|poop) (?:incontinen\w*|accidents?|leak\w*)
    accidents? with (?:my )?bowels?
    bowels? {GAP}{{0,2}}(?:not working|numb|stopped working|gone (?:weird|funny|numb))
    (?:no|lost|without) (?:feeling|sensation) (?:when|as) i (?:go|do|have|open)\b
    (?:lost|no|don'?t (?:get|have|feel)) (?:the |any )?(?:urge|need|sensation) to (?:poo|poop
        |open my bowels|go for a poo)
    (?:don'?t|do not|didn'?t|{CANT}) (?:really |even )?(?:notice|feel|know|tell|sense) (?:when
        |if|that) i (?:need|needed|have|had) (?:to (?:poo|poop)|a (?:poo|poop|dump|number (?:2
        |two))|to go for a (?:poo|number (?:2|two)))
@ sexual emergency - -
~ erect impoten orgasm climax ejacul sex intercourse bedroom down there it up hard on
    (?:{CANT}) (?:get|keep|maintain|have) (?:an? |it )?(?:erection|hard on|it up)
    (?:{CANT}) (?:get|stay|keep it) hard
    (?:erectile|erection) (?:dysfunction|problems?|issues?|trouble|difficult\w*)|impoten\w*
    (?:problems?|trouble|issues?) (?:getting|keeping|with) (?:an? |my )?(?:erection|it up)
    (?:{CANT}) (?:orgasm|climax|ejaculate|reach orgasm)
    (?:{NUMB}|no feeling|no sensation|feel\w* nothing|felt nothing|(?:{CANT}) feel (?:anything
        |much|a thing)){_GAP3}(?:during
        |in|when having|with|after) (?:sex|intercourse)
    (?:sex|intercourse) {GAP}{{0,3}}(?:{NUMB}|no feeling|different|can'?t feel)
    (?:don'?t|doesn'?t|won'?t|not|stopped) work\w* (?:properly )?(?:in the bedroom|down there)
    (?:problems?|trouble|issues?) (?:\w+ ){{0,2}}in the bedroom
    (?:no feeling|no sensation|numb\w*|(?:{CANT}) feel (?:anything|much)) in the bedroom
@ both-legs emergency - -
~ both bilat
    (?:pain|sciatica|shooting|burning|nerve|aching|ache|hurts?|radiat\w*) {GAP}{{0,3}}(?:down
        |into|in|through|along|to) {GAP}{{0,2}}(?:(?:the )?(?:backs?|fronts?|sides?|outsides?
        |insides?) of )?both (?:my )?(?:{LEG}|sides|buttocks)
    bilat(?:eral)? (?:sciatica|legs?|symptoms|pain|numbness|tingling|weakness|nerve)
    sciatica (?:on|in|down) both
@ both-legs emergency - fatigue
~ both
    both (?:my )?(?:legs|sides|thighs|feet) {GAP}{{0,2}}(?:sciatica|nerve pain|pain down|hurt
        |shooting|hurting|painful)
@ severe-weakness emergency - -
~ leg knees paraly
    {_LEGS_DO}(?:{_GIVE}|(?:went|gone|going|go) (?:from )?under me)
    (?:legs|knees)\b[^.!?;]{{0,30}}?(?:keep|keeps|kept|are|started|have been) (?:{_GIVE})
    legs? (?:{_NOT_WORK}) (?:work|hold me|hold my weight|support me|move|do what)
    legs? (?:stopped|stop|have stopped) working|lost the use of my legs?|paraly[sz]\w*
@ severe-weakness emergency - fatigue
~ walk stand weight bear lift
    (?:{CANT}) walk(?! the dog| my dog| on (?:my )?(?:heels?|toes|tip ?toes))
    (?:{CANT}) (?:stand (?:up|unaided|on my own)\b(?! straight)|weight ?bear|put weight)
    (?:{CANT}) lift (?:either|both) legs?|hard to walk
    (?:trouble|difficulty|problems?|struggl\w*) (?:walking|to walk|standing up)
    sudden\w* {GAP}{{0,2}}(?:can'?t|trouble|difficulty) walk
@ major-trauma emergency - figurative
~ fell fall came come tumbl thrown hit knock run over ran over struck clip mown taken into crash
~ collision accident smash pile rt rear height boned
    (?:fell|fallen|falling|fall|came|come|tumbled|thrown) (?:\w+ ){{0,3}}?(?:off|from|down
        |out of) {GAP}{{0,2}}(?:{_HEIGHT}|flight of stairs)
    (?:car|van|bus|lorry|truck|taxi|driver) (?:hit|knocked|ran into|drove into|clipped) (?:me
        |into me)
    (?:{_HIT})(?: (?:my|a|the) (?:bike|motor ?bike))? by (?:a |an |the )?(?:{_VEHICLE}|train
        |tram)
    (?:car|road|traffic|motor ?bike|motorcycle|bike|cycling|head on|high speed) (?:crash
        |accident|collision|smash|pile ?up)
    \brt[ac]\b|crashed my (?:car|motor ?bike|bike)|rear ?ended|fall from (?:a )?height
    t ?boned
@ chest-pain emergency - local_chest
~ chest heart angina
    (?:painful|tight|heavy|sore|crushing) chest|chest {GAP}{{0,2}}(?:{_CHEST_HURT})\b
    (?:{_CHEST_HURT}) {GAP}{{0,2}}(?:in|across|on|through|to) (?:my |the )?chest
    heart (?:pain|hurts|attack)|angina
@ cauda-equina emergency - -
~ cauda
    (?:have|got|diagnosed with|suspected|possible|think it'?s|might be|could be|worried
        (?:i have|it'?s)) {GAP}{{0,2}}cauda equina
@ foot-drop urgent leg -
~ foot toe drop drag ankle
    foot ?drop|drop ?foot|dropped foot|foot(?:'s)? (?:keeps |is |kind of )?(?:(?:properly|really|all
        |totally|kinda|a bit|a little|gone|going|gets|got) )?(?:slap\w*|flop\w*|drag\w*)
    toes? (?:keeps? |are |is )?(?:catch\w*|drag\w*|scuff\w*|clip\w*)
    catch\w* my (?:left |right |big )?(?:toes?|foot)
    drag\w* (?:my|both|both my) (?:left |right )?(?:foot|feet|legs?|toes?)
    scuff\w* (?:my|the) (?:foot|toes?)
    (?:{CANT}) (?:{_LIFT}) (?:up )?(?:my )?(?:left |right )?(?:foot|toes?|ankle)
    (?:foot|toes?) (?:doesn'?t|won'?t|don'?t|does not|will not|can'?t|isn'?t|is not|aren'?t|not)
        (?:lift\w*|come up|coming up|clear\w*|pick\w* up)
@ one-leg-weakness urgent leg strength
~ walk stand balance hop rise push raise strong
    (?:{CANT}) (?:stand|walk|balance|hop|go up|rise) on (?:my )?(?:(?:left|right) )?(?:toes
        |heels?|tip ?toes?)
    (?:one|my (?:left|right)|the (?:left|right)) leg (?:just )?(?:isn'?t|is not) as strong
    (?:{CANT}) push off
    (?:{CANT}) (?:do|manage) (?:a )?(?:single leg |single |one leg(?:ged)? )?(?:calf|heel) raises?
@ clumsiness urgent leg chronic+local_trip
~ clums uncoord unsteady balance trip stumbl fell fall ankle
    clums\w*|uncoordinated|unsteady|off balance
    (?:keep|keeps|kept|been|am|i'?m|started) (?:on )?(?:losing my (?:balance|footing)
        |tripping|stumbling|falling over)
    trip\w* (?:over|on) (?:nothing|thin air|my own feet|my feet|air|flat ground)
    (?:keep|keeps|kept) (?:going|rolling|turning) (?:over on )?my ankle
    (?:rolled|turned|went over on) my ankle (?:twice|again|three times|a few times)
    (?:tripping|stumbling) (?:a lot|more|all the time|loads|constantly|lately)
    (?:tripped|stumbled|fell over) {GAP}{{0,3}}(?:twice|three times|several times|a few times
        |again|loads|a lot)
@ systemic urgent - -
~ fever fevr feaver febril temp hot flu rigor burning
    burning up|fever\w*|fevr\w*|feaver\w*|febrile|hot and cold|flu ?like
    (?:the |got |have |had )flu\b|rigors
    temp(?:erature)? (?:of |is |was |at )?(?:3[89]|10[0-4])(?:\.\d)?(?: ?c| ?f)?
    (?:have|had|got|running|with|spiked|spiking|getting) (?:a |got a |got )?(?:high |bit of a
        |slight )?(?:temp|temperature)
@ systemic urgent - local_shiver
~ chills shiver shakes
    \bchills\b|shiver\w*|the shakes
@ systemic urgent - local_sweat
~ sweat drench soak sheets pillow dripping
    night ?sweats?|sweat\w* {GAP}{{0,2}}(?:at night|in bed|in the night|overnight)
    (?:wake|woke|waking|wakes) (?:me )?(?:up )?{GAP}{{0,1}}(?:drenched|soaked|soaking|sweating
        |dripping|covered in sweat)
    (?:drenched|soaked|soaking) {GAP}{{0,3}}(?:sheets|bed|pillow)
    (?:sheets|pillow) (?:are |were )?(?:soaked|drenched|soaking)
@ systemic urgent - local_sick+fatigue
~ unwell poorly ill rough rotten awful terrible crap rubbish down colo weather sick grim dread
~ lousy myself
    {_NOT_OF_A_PART}(?:{_I_FEEL}) {GAP}{{0,2}}(?:{_UNWELL})\b(?! at| about| for| that| of| to
        | in the (?:water|pool|gym)| as a (?:swimmer|runner|cyclist))
    not (?:feeling )?(?:right|myself) in myself|generally unwell
@ past-cancer soon - no_past+cancer_not
~ cancer tumo lymphom leuk myelom melanom sarcom carcinom metasta malignan chemo radiother
~ radiation oncolog mastectom remission
    cancer|tumou?rs?|lymphoma|leuk(?:a)?emia|myeloma|melanoma|sarcoma|carcinoma|metasta\w*
    malignan\w*|chemo(?:therapy)?|radiotherapy|radiation (?:therapy|treatment)|oncolog\w*
    mastectomy|in remission
@ weight-loss soon - -
~ weight kg kilo lb pound stone clothes jeans trousers trackies belt waistband
    (?:unexplained|unintentional|unintended|unexpected|sudden|rapid) weight loss
    weight(?:'s| is| has been)? (?:just )?(?:dropping|falling|melting) off
    (?:{_LOSS})[^.!?;]{{0,40}}?(?:{_UNEXPL})|(?:{_UNEXPL})[^.!?;]{{0,40}}?(?:{_LOSS})
    weight(?:'s| is| has been| keeps)? (?:just )?(?:dropping|falling|coming off)[^.!?;]{{0,60}}?
        (?:{_UNEXPL})
    (?:{_UNEXPL})[^.!?;]{{0,60}}?weight(?:'s| is| has been| keeps)? (?:just )?(?:dropping
        |falling|coming off)
    (?:clothes|jeans|trousers|trackies|shorts|belt|waistband)[^.!?;]{{0,20}}?(?:falling|hanging)
        off me[^.!?;]{{0,60}}?(?:{_UNEXPL})
@ night-pain soon - -
~ night bed wake woke waking keep lying lie rest
    (?:{_NIGHT})[^.!?;]{{0,80}}?(?:{_UNREL})|(?:{_UNREL})[^.!?;]{{0,80}}?(?:{_NIGHT})
@ constant-pain soon - -
~ constant time 24 day non never relentless
    (?:{_CONST})[^.!?;]{{0,80}}?(?:{_UNREL})|(?:{_UNREL})[^.!?;]{{0,80}}?(?:{_CONST})
@ immune-suppression soon - no_past
~ immun transplant rejection methotrexate biologic humira adalimumab infliximab etanercept
~ tacrolimus azathioprine ciclosporin mycophenolate chemo hiv
    immun\w*suppress\w*|immune ?suppress\w*|immuno ?compromised|weakened immune|on chemo|hiv
    (?:organ|kidney|liver|heart|lung|bone marrow|stem cell) transplant|anti ?rejection
    methotrexate|biologics?|humira|adalimumab|infliximab|etanercept|tacrolimus|azathioprine
    ciclosporin|mycophenolate
@ iv-drugs soon - no_past
~ iv intravenous inject heroin drug shooting
    (?:iv|intravenous) drugs?|inject\w* (?:{_DRUGS})|(?:heroin|drug) (?:user|addict)
    shooting up|heroin
    i (?:still |sometimes |occasionally |do )*inject\b(?! (?:my )?(?:insulin|b12|vitamins?
        |ozempic|wegovy|mounjaro|semaglutide|hormones?|testosterone|fertility|heparin))
@ spinal-lump soon - -
~ lump bump swell growth mass spine back
    (?:{_LUMP}) {GAP}{{0,3}}(?:on|in|over|near|along|at|by|of|under) {GAP}{{0,4}}(?:{_SPINE})\b
    (?:spine|back) {GAP}{{0,2}}(?:looks?|is|has gone|seems|gone|getting){_GAP2}(?:{_MISSHAPEN})
    (?:new|noticed an?) (?:hump|curve|kink) (?:in|on) my (?:spine|back)|spinal deformity
@ stress-fracture soon - needs_pain
~ hop stress
    (?:{_HOPREG})\b[^.!?;]{{0,60}}?(?:{_HOPPING})
    (?:{_HOPPING})[^.!?;]{{0,60}}?\b(?:{_HOPREG})\b
    (?:sacral|sacrum|pelvic|pelvis|femoral neck) stress (?:fracture|reaction)
"""
)
OSTEO = block(rf"""
    osteopor\w*|osteopen\w*|brittle bones|thin bones|low bone density|weak bones|fragile bones
    (?:long ?term|oral|daily|years of|high dose|on) {GAP}{{0,2}}(?:{_STEROID})\b
    (?:steroids|prednisolone|prednisone|dexamethasone) {GAP}{{0,3}}(?:{_LONG})
""")
FALL = block(r"""
    fell|fall|fallen|falling|slipped|slip|tripped|tumbled|went over|landed (?:on|hard)|knocked
    strain|strained|tweak\w*|twing\w*|pulled|jarred|twisted|lifting|lifted|bent down|bending down
    sneez\w*|cough\w*
""")

# -- contexts that explain a sign away, or place it in the past, someone else, or a question -----
_EFFORT = alt("""run runs running session sessions interval intervals race racing marathon half
    10k 5k parkrun workout training hill hills reps track tempo efforts gym squats leg_day sprints
    ultra miler spin class""")
_COLD = r"cold|freezing|frozen|winter|snow|icy|ice bath|ice pack|frost\w*|below zero|minus \d|-\d+"
CONTEXT = {
    section.head[0]: section.pattern
    for section in sections(
        rf"""
@ local_sens
    {_COLD}|chilly|windy|excite\w*|nerves|nervous|adrenaline
    laces?|laced|lacing|(?:tight|new) (?:\w+ )?(?:shoes|trainers|socks|flats|spikes)
    shoes (?:are |were )?too tight
    (?:coach|car|train|bus) (?:trip|journey|ride)|flight|drive|driving|bike|cycl\w*|\bride\b
    riding|sportive|spin class|turbo
    slept on|sleeping on|lying on (?:it|my)|sat on(?! the (?:loo|toilet))|cross ?legged|kneeling
    on the (?:loo|toilet) (?:for )?(?:too long|ages|a while)
    sitting (?:on (?:it|them|my)|all day|for hours|too long|at (?:my |a )?desk)
    dentist|an?a?esthetic|injection|compression
@ figurative
    (?:feels?|felt|feeling) (?:\w+ )?like|as if|as though|it'?s like
@ local_chest
    asthma|inhaler|cold air|chest infection|cough\w*|chaf\w*|heart ?burn|indigestion|sports bra
    wheez\w*
@ local_shiver
    {_COLD}|rain|wet|swim\w*|sea|wind\w*|watching|excite\w*|emotional|crowd
@ local_sweat
    menopaus\w*|hot flush\w*|hot flash\w*|heat ?wave|hot (?:night|weather)
@ local_trip
    trail|roots?|rocks?|rocky|uneven|icy|ice|mud\w*|pothole|in the dark|spill\w*|spilt|dropped
    knocked over
    over (?:the|a|my) (?:dog|cat|kerb|curb|step|lead|bag|shoes?|laces?|toys?)
@ local_sick
    hang ?over|hungover|pints|beers?|drinking|wine|party|gels?|curry|heat|dehydrat\w*
    travel sick|car sick
    work|stress\w*|busy|nerves|nervous|anxious|anxiety|excite\w*|race|marathon|finish|start line
    thinking about
@ fatigue
    after {GAP}{{0,3}}(?:{_EFFORT})
    at the end of|at mile \d+|(?:mile|km) \d+
    from (?:all )?(?:the )?(?:training|running|race|mileage|miles)
    tired|exhausted|knackered|shattered|wrecked|doms|hard session|post ?run
@ strength
    strength(?:en)? (?:work|training|exercises)|strengthen\w*|exercises?|bridges|gym
    imbalance|compared|than my other|physio (?:said|says|gave)|need to work
    watch|garmin|stryd|data|ground contact|gct|asymmetr\w*|metrics|power meter
@ chronic
    always (?:leaked|leak|had|been)|all my life|for (?:years|decades)|runs? in (?:my|the) family
    since childhood
    (?:since|after) (?:having |giving birth to |i had )?(?:my |the )?(?:first |second |third
        |last )?(?:kids?|baby|babies|child|children|son|daughter|pregnancy)
    after (?:having|giving birth)|post ?(?:natal|partum)
    (?:exactly |just )?(?:the )?same as (?:always|ever)|for as long as i can remember
@ local_steroid
    inhaler|inhaled|cream|injection|jab|nasal|spray|eye drops
@ cancer_not
    benign|scare|false alarm|not cancerous|skin tag|family history|runs? in (?:my|the) family
@ needs_pain
    pain\w*|hurts?|hurting|sore|aches?|achy|aching|agony|sharp|twinge
"""
    )
}
_KIN = """friend mate wife husband partner dad mum mom mother father brother sister son daughter
    boyfriend girlfriend colleague co_worker coworker boss buddy pal neighbour neighbor uncle aunt
    auntie gran grandma granny grandad grandpa cousin team_mate teammate club_mate clubmate coach
    kid"""
THIRD = block(rf"""
    (?:{alt(_KIN)})s?(?:'s)?|someone|somebody|(?:a|the|this|some|another) (?:guy|woman|man|lady
        |bloke|runner|girl|lad|fella|chap)
    people|runners|everyone|anyone|he|she|his|her|him|he'?s|she'?s
""")
# "mate, feeling rough", "Mate my bladder...": talking to them, not about them
VOCATIVE = re.compile(r"\s*[,!]|(?:(?<=^mate)|(?<=^dude))\s+(?=(?:my|i|i'?m|im|i'?ve)\b)")
# a cause denied a few words before it: "I haven't been anywhere near a bike"
DENIED_NEAR = re.compile(r"\b(?:haven'?t|havent|hasn'?t|never|not)\b(?:\s+[\w']+){1,4}\s*$")
NOT_AFTER = re.compile(r"\s*(?:(?:are|is|were|was)(?:n'?t| not)|not)\b")  # "laces aren't tight"
WITH_ME = rx(r"(?:me|i|myself) (?:and|&) (?:my )?$")  # "me and my wife were in a crash": both
_MYBODY = rf"my (?:(?:left|right|whole|big|little|lower|upper) )?(?:{BODY})"
FIRST = block(rf"""
    i|i'?m|im|i'?ve|ive|i'?d|(?<!to\s)(?<!of\s)(?<!beside\s)(?<!behind\s)(?<!past\s)me|myself
    {_MYBODY}
""")
OWNED = block(rf"""
    i (?:have|got|get|am|keep|kept|notic\w*|feel|felt|can'?t|cannot|woke|had|think|started
        |seem|still)
    i'?(?:ve|m)|myself|my (?:bladder|bowels?|pee|wee|erection|back|spine)
    got (?:rear ?ended|hit|knocked (?:down|over|off)|run over|clipped|taken out|t ?boned)
    ^\W*(?:fell|came off|crashed|slipped|landed|was (?:hit|knocked|thrown))\b
    i (?:wipe|pee|wee|sit|go to the (?:loo|toilet))
    (?:the|my|this) (?:{NUMB}|weakness)
    {_MYBODY}
""")
# "when" opens as many statements ("when I wipe it feels numb") as questions, so it needs a "?"
Q_START = rx(
    r"^\W*(?:what|whats|what's|which|how|is|are|should|do|does|can|could|would|will"
    r"|why|who|where|any|am|did)\b(?!')"
)
ASKS = rx(  # "if ... should i stop", "the physio asked if I've had any leaking"
    r"(?:should|do|can|could|would|will|must) i|is it (?:ok|okay|safe|normal|bad)"
    r"|how (?:do|can|should|would) i|asked (?:me )?(?:if|whether)"
)
HYPO = rx(
    r"(?:if|in case|whether|suppose|supposing|unless|were to|say (?:i|if)|what if|imagine"
    r"|(?:scared|afraid|worried|terrified) (?:of|about) (?:getting|having|developing))\b"
    r"(?! (?:it'?s|its|this is|that'?s|thats)\b)"
)
GENERIC = block(r"""
    red flags?|warning signs?|(?:signs?|symptoms?) (?:of|to look|to watch|that)|such as|for example
    look(?:ing)? out for|watch(?:ing)? (?:out )?for|the article|you (?:said|mentioned)
    (?:it|they|article) says?
    i (?:read|heard)|i'?ve (?:read|heard)|is it true|(?<!i\s)mean|what (?:is|are|does)|explain
    asked (?:me )?about|no to (?:all|both|any|everything)|none of (?:it|that|those|them)
""")
# A question that reports the runner's own sign is not about red flags in general: "chest and
# back pain since this morning, probably just a muscle?", "my pelvic floor feels numb??"
REPORT = block(r"""
    since|today|tonight|yesterday|yday|last night|this (?:morning|evening|afternoon|week)
    at the moment|atm|right now|any ?more|keeps?|started|feels?|lately|recently|of late|these days
    for (?:a|\d+|one|two|three|four|a few|a couple of) (?:days?|weeks?|nights?)
    ^\W*(?:and |but |so )?now\b
""")
YES = rx(r"\W*(?:yes|yep|yeah|yup|ya|a bit|a little|definitely|sometimes)\b")  # "numb? yes"
_ONWARD = alt("numb dead weak tingly funny weird from up down to into through over out off")
RESOLVED = block(rf"""
    (?:all|completely|totally|fully|has|have|it'?s|its|is|mostly|pretty much) gone(?! (?:{_ONWARD}))
    gone (?:now|away)|went away|cleared(?: up)?|resolved|settled(?: down)?
    (?:fine|better|ok|okay|normal|good) now|all over now|over it now|back to (?:normal|life)
    recovered|got better|(?:physio|it|which|that) sorted|sorted itself|no longer|not any ?more
    disappeared|healed
    (?:none|nothing|no issues|no problems|fine) since|used to|gone by|(?:all )?sorted now
    never (?:came|come) back|has(?:n'?t| not) (?:come|been) back
    (?:been|was|i'?ve been|it'?s been) (?:fine|ok|okay|good|great|normal|clear) (?:for
        |ever since|since)
""")
CURRENT = block(r"""
    still|again|(?<!never\s)came back|(?<!n't\s)(?<!not\s)come back|coming back|returned|recurr\w*
    these days|this week|today
    currently|at the moment|right now|lately|recently|(?:it'?s|is|are|they'?re) back
    never used to|didn'?t use to|never (?:happened|had (?:this|that)) before|new for me
    (?:like|as|than) (?:i|it|they) used to|didn'?t used to
""")
PAST_ONLY = block(r"""
    (?:years|decades) ago|(?:a|one|two|three|few|couple of|several|\d+) (?:years?|yrs?) (?:ago|back)
    in my (?:teens|20s|twenties|30s|thirties|40s|forties|50s|fifties)
    last (?:year|winter|summer|spring|autumn)|(?:back )?in (?:19|20)\d\d|from (?:19|20)\d\d
    as a (?:kid|child|teenager|teen)
    when i was (?:\d+|younger|a kid|little|a teenager|a child|at school)
""")
PASTVERB = rx(r"had|used to|was|were|did|got|fell|fallen|crashed|broke")
ONGOING = rx(r"(?<!ago\s)(?<!or\s)now|started|starting|began|since|ongoing|still|getting|keeps?")
RETURN = block(r"""
    (?:it'?s|its|it is|they'?re|numbness is|tingling is) back|(?<!never\s)came back|coming back
    returned|recurred|started again|back again|happening again
""")
SPLIT = rx(r"but|however|though|although|whereas|except|apart from|other than|and now|, now")
BOTH_MARK = block(r"""
    both (?:my )?(?:legs|feet|sides|thighs|calves|shins|ankles|knees|heels|hamstrings)|both of them
    left and right|right and left|each (?:leg|foot)|(?:legs|feet|thighs|calves) (?:are |feel )?both
    (?:they'?re|they are) both|as well as (?:the |my )?(?:left|right|other)
""")
PROG = block(r"""
    (?:getting|going) (?:worse|bigger|larger|wider|weaker|number|more numb)|got worse|gets worse
    worse and worse|worsening|(?:noticeably|much|a lot|way|definitely|clearly|even) worse
    worse than (?:yesterday|before|last week|this morning|it was)
    worse (?:every|each|by the) (?:day|week|hour|run)|worse (?:today|now)
    weaker (?:and weaker|every|each|by the|today|now|than (?!(?:the |my )?(?:other|left|right)))
    (?:it'?s|its|it is|getting|got|much|even|noticeably) weaker(?! than)
    (?:it|that leg|the leg|that one) (?:just |then |completely |totally |suddenly )*(?:gave
        |gives|giving|give) way|(?:it|that leg|the leg) (?:just |then )*(?:buckl|collaps)\w*
    spreading|spread(?:s|ed)? (?:up|down|to|into|further)|has spread|moving (?:up|down|further)
    now (?:up|down) to
    more and more|progress\w*|creeping (?:up|down)|further (?:up|down)
""")
_LEG_PART = r"leg|foot|calf|thigh|side|ankle|toes?|shin|one"
ECHO = block(rf"""
    other (?:leg|foot|side|one|calf|thigh) {GAP}{{0,3}}(?:too|as well|also|now|same)\b
    (?:left|right) (?:one|leg|foot|side)(?:'s| is| has)? {GAP}{{0,3}}(?:too|as well|also)\b
    (?:the )?same (?:thing )?(?:on|in|with|down) (?:the|my) (?:other|left|right)
    (?:now|also) (?:in )?(?:the|my) other (?:leg|foot|side)
    (?:to|into|in) (?:the|my) other (?:leg|foot|side)
    (?:now|also) (?:my )?(?:left|right) (?:{_LEG_PART})
    (?:left|right) (?:{_LEG_PART}) {GAP}{{0,4}}(?:too|as well|also)\b
""")
SIDE_WORD = rx(
    r"(?P<side>left|right) (?:leg|foot|side|calf|thigh|shin|ankle|knee|heel|toes?"
    r"|hip|buttock|one)"
)
BACK_TALK = rx(r"back|pain|ache|aches|aching|stiff\w*|sore\w*|hurts?")
LEG_TALK = rx(rf"{NUMB}|weak\w*|drop|{LEG}")
REST_PAIN, UNRELIEVED = rx(_NIGHT, _CONST), rx(_UNREL)
# What the net's night and constant pain are not: a pain that a position or movement eases,
# unless denied just before ("nothing helps"); and weight lost on purpose.
EASED = block(r"""
    helps?|sorts? it|eases?|eased|easing|settles?|better|loosens?|goes off|goes away|comfy
    fine (?:lying|once|when)|comfortable|depending on|changes? (?:a lot |loads )?with
""")
EASE_DENIED = re.compile(
    r"(?:\bno|\bnothing|\bnot|\bnever|n'?t|\bwithout|\bwhatever|\bnone)\b[^.,;]*$"
)
ON_PURPOSE = rx(
    r"on purpose|intentional\w*|trying to lose|dieting|diet|counting calories|deliberately"
)
CLARIFY_PAIN = rx(r"constant (?:pain|ache)|(?:pain|ache) is constant|wakes? me (?:up )?every night")

# -- misspelling repair: symptom words worth correcting, and real words that sit one edit away --
FUZZY_VOCAB = """numbness tingling tingles tingled bladder incontinence incontinent urinate
    urinating urination buttock buttocks genitals sensation weakness paraesthesia paresthesia
    needles osteoporosis osteopenia prednisolone temperature shivering feverish erection erectile
    testicles perineum sciatica immunosuppressed immunocompromised clumsiness unexplained""".split()
PROTECTED = frozenset(
    """ladder ladders blader bladed dumbness mingling jingling tinkling tangling
    singling tingeing single singles jingles mingles tangles needless needled election elections
    sensational sedation cessation rumination ruminating continence continent temperate meekness
    shimmering quivering clumsier unexplored numbers""".split()
)
