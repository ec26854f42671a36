"""What a runner reads after a check-in with red flags, illness or a long run behind it.

Calm and factual: what they told us, what to do now, and who knows. The NHS routes are the
public ones (999 or A&E for an emergency, NHS 111 for an urgent same-day question).
"""

from __future__ import annotations

from .symptoms import Baseline, CheckIn

PHYSIO_TOLD = " We've let your physio know."

# The words for each optional answer, as a runner would say them.
ANSWER_WORDS = {
    "night_pain": "pain at night",
    "numbness": "numbness or tingling",
    "swelling": "swelling",
    "unwell": "feeling ill or feverish",
    "emergency_signs": (
        "new bladder or bowel trouble, numbness around your bottom or genitals, sudden weakness "
        "in a leg, chest pain or sudden breathlessness"
    ),
    "urgent_signs": "a hot, swollen or tender calf, or a hot swollen joint",
    "long_run_yesterday": "a race or long run yesterday",
}

EMERGENCY = (
    "Call 999 or go to A&E now. These can be signs of a problem that needs treating "
    "straight away, so don't wait to hear from us, and don't do your exercises."
)
NHS_111 = (
    "Contact NHS 111 today (call 111 or go to 111.nhs.uk) so this can be checked: a hot, "
    "swollen calf can be a blood clot, and a hot swollen joint with a fever can be an infection, "
    "and both need seeing the same day. Stop your exercises until you've been checked. If you "
    "become short of breath or have chest pain, call 999."
)
SEE_PHYSIO = (
    "Please stop your exercises for now and see a physio before you carry on: you can book an "
    "appointment below. This is a precaution: these symptoms are worth a proper look before "
    "you load the area again. If things get much worse, or you notice new bladder or bowel "
    "trouble or sudden weakness in a leg, call 999."
)
EASY_DAY = (
    "As you're feeling ill or feverish, don't train hard today: rest, or keep to something "
    "very easy, and pick your programme up when you feel well again. We won't move your "
    "programme on today. If you're not getting better, contact your GP or NHS 111."
)


def listed(words: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"


def reported(names: tuple[str, ...]) -> str:
    return listed([ANSWER_WORDS[n] for n in names])


def red_flag_stop(names: tuple[str, ...], restart: str = "", why_eased: str = "") -> str:
    """`restart` (a `reasons.restart_phrase`) when the session rules also eased the dose, and
    `why_eased`, what made them ease it, when there was an alarm."""
    text = (
        f"You reported {reported(names)} this morning, so stop this exercise until a physio "
        "has seen you."
    )
    if restart:
        because = f"Because of {why_eased}, when" if why_eased else "When"
        text += f" {because} you restart it, {restart}."
    else:
        text += " Your dose stays where it is for when you restart."
    return text + PHYSIO_TOLD


def unwell_hold() -> str:
    return (
        "You're feeling ill or feverish this morning, so we've made no change today and kept "
        "the same dose. Rest or keep it easy until you feel better."
    )


def measure_above(check_in: CheckIn, baseline: Baseline) -> tuple[str, int, int]:
    """The measure that rose most above its usual level (pain when tied)."""
    if baseline.stiffness is None:
        return "pain", check_in.pain, baseline.pain
    if check_in.stiffness - baseline.stiffness > check_in.pain - baseline.pain:
        return "stiffness", check_in.stiffness, baseline.stiffness
    return "pain", check_in.pain, baseline.pain


def rise_after_long_run(check_in: CheckIn, baseline: Baseline) -> str:
    what, now, usual = measure_above(check_in, baseline)
    return (
        f"The morning after your race or long run your {what} was {now}/10, a little above your "
        f"usual {usual}/10. Some soreness is expected after a long effort, so we've kept the "
        "same dose rather than easing off. Check in again tomorrow."
    )


def rest_day_high(what: str, now: int, usual: int) -> str:
    return (
        f"Your {what} this morning was {now}/10 (your usual is {usual}/10), which is high for a "
        "morning without a session the day before. We've kept the same dose; go easy today and "
        f"check in again tomorrow.{PHYSIO_TOLD}"
    )
