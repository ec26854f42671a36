"""When a screening gives no programme but "see a physio", and the words that say so.

Red flags can signal problems exercise must not mask (S1). Signs of a bone stress injury need a
physio's examination before any loading (S2): bone stress made up 20 of 52 major overuse injuries
in first-time marathoners (Toresdahl 2020), and low energy availability (RED-S: under-fuelling,
missed periods) is a risk factor for it. Pain at rest of 5/10 or more refers a self-screen (S3) and,
unless the physio chooses to start anyway, a clinic screening too (S4).
"""

from __future__ import annotations

from .screening_input import (
    BONE_STRESS_WORDS,
    ENERGY_SIGNS,
    RED_FLAG_WORDS,
    RedFlag,
    ScreeningInput,
)
from .screening_rules import REFER_PAIN, ScreeningRule

BOOK = "Please book an appointment with one of our physios."


def _red_flags(s: ScreeningInput) -> str:
    listed = "; ".join(RED_FLAG_WORDS[f] for f in sorted(s.red_flags))
    message = (
        f"You told us about {listed}. These are usually not serious, but they need a "
        "physiotherapist to check them in person before you start an exercise programme. " + BOOK
    )
    if RedFlag.BLADDER_BOWEL in s.red_flags:
        message += (
            " Because you mentioned a change in bladder or bowel control, please don't wait "
            "for an appointment: call NHS 111 or go to A&E today."
        )
    return message


def _bone_stress(s: ScreeningInput) -> str:
    bony = [f for f in BONE_STRESS_WORDS if f in s.bone_stress and f not in ENERGY_SIGNS]
    energy = [f for f in BONE_STRESS_WORDS if f in s.bone_stress and f in ENERGY_SIGNS]
    parts: list[str] = []
    if bony:
        listed = "; ".join(BONE_STRESS_WORDS[f] for f in bony)
        parts.append(
            f"You told us about {listed}. In runners this can be an early sign of a bone stress "
            "injury, which heals well when it is found early. A physio should examine it before "
            "you start an exercise programme; until then, please don't run or hop through that "
            "pain."
        )
    if energy:
        listed = "; ".join(BONE_STRESS_WORDS[f] for f in energy)
        parts.append(
            f"You told us about {listed}. When training uses more energy than food provides, "
            "periods can stop and bones recover less well. This is called relative energy "
            "deficiency in sport (RED-S); it is common in endurance runners and it can be put "
            "right. A physio will talk it through with you before you start a programme, and "
            "may suggest your GP too."
        )
    return " ".join([*parts, BOOK])


def _pain(s: ScreeningInput) -> str:
    if s.is_self_screen:
        return (
            f"Your pain today is {s.current_pain}/10. At {REFER_PAIN}/10 or more at rest, a "
            "physio should examine you before you start an exercise programme on your own. " + BOOK
        )
    return (
        f"Your pain today is {s.current_pain}/10. At {REFER_PAIN}/10 or more at rest we start "
        "an exercise programme only when your physio chooses to after examining you, so no "
        "programme has been started. " + BOOK
    )


def referral(s: ScreeningInput) -> tuple[tuple[ScreeningRule, ...], str] | None:
    """The rules that refer this runner to a physio and what to tell them, or None."""
    rules: list[ScreeningRule] = []
    messages: list[str] = []
    if s.red_flags:
        rules.append(ScreeningRule.S1_RED_FLAGS)
        messages.append(_red_flags(s))
    if s.bone_stress:
        rules.append(ScreeningRule.S2_BONE_STRESS)
        messages.append(_bone_stress(s))
    if not rules and s.current_pain >= REFER_PAIN:
        if s.is_self_screen:
            rules.append(ScreeningRule.S3_SELF_SCREEN_PAIN)
        elif not s.start_despite_pain:
            rules.append(ScreeningRule.S4_CLINIC_PAIN_NOT_STARTED)
        if rules:
            messages.append(_pain(s))
    if not rules:
        return None
    if len(messages) > 1:  # say "book" once, at the end
        messages = [m.removesuffix(" " + BOOK) for m in messages[:-1]] + messages[-1:]
    return tuple(rules), " ".join(messages)
