"""The sentences a runner reads under each decision: plain words, their own numbers, no jargon."""

from __future__ import annotations

from datetime import date

from .dose import Dose, DoseUnit, LoadKind, LoadScale, dose_describe
from .ladder import Rung
from .symptoms import Baseline, CheckIn, Trend

PHYSIO_TOLD = " We've let your physio know."
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def pain_phrase(max_pain: int) -> str:
    if max_pain == 0:
        return "You had no pain during the exercise"
    return f"Your pain went no higher than {max_pain}/10"


def _amount(dose: Dose, n: int) -> str:
    if dose.unit is DoseUnit.SECONDS:
        return f"{n} second" if n == 1 else f"{n} seconds"
    return f"{n} rep" if n == 1 else f"{n} reps"


def change_phrase(
    rung: Rung, dose: Dose, *, moved_rung: bool, at_floor: bool, now: bool = False
) -> str:
    """Where a step down (or an attempted one) leaves the runner; `now` when it applies to the
    session they are opening (an ease-back after a break), not to the next one."""
    what = dose_describe(dose, rung.scale)
    if at_floor:
        return f"you're already on the gentlest version, so stay with {what}"
    if moved_rung:
        return f"you'll go back to '{rung.label}' at {what}"
    return f"for today's session do {what}" if now else f"next time do {what}"


def _load_words(scale: LoadScale, step: int) -> str:
    label = scale.label(step)
    return f"the {label}" if scale.kind is LoadKind.BAND else label


def dose_up(old: Dose, new: Dose, scale: LoadScale, max_pain: int) -> str:
    start = f"{pain_phrase(max_pain)}, you completed every set"
    settled = "you were back to normal the next morning"
    then = f"next time do {dose_describe(new, scale)}"
    if new.load_step == old.load_step:
        added = _amount(new, new.target - old.target)
        each = "hold" if new.unit is DoseUnit.SECONDS else "set"
        return f"{start} and {settled}, so we've added {added} to each {each}: {then}."
    return (
        f"{start} at the top of the range and {settled}, so we've moved you up to "
        f"{_load_words(scale, new.load_step)} and back to {_amount(new, new.target)}: {then}."
    )


def top_dose_first(max_pain: int) -> str:
    return (
        f"{pain_phrase(max_pain)} and you managed the full dose with good control. "
        "One more session like this and you'll be ready to move on."
    )


def big_step(old: Dose, new: Dose, scale: LoadScale, max_pain: int, effort: int) -> str:
    start = (
        f"{pain_phrase(max_pain)}, you completed every set with good control, it felt moderate "
        f"(effort {effort}/10) and you were back to normal the next morning"
    )
    then = f"next time do {dose_describe(new, scale)}"
    if new.load_step == old.load_step:
        added = _amount(new, new.target - old.target)
        return f"{start}, so we've taken a bigger step and added {added}: {then}."
    return (
        f"{start}, so we've taken a bigger step straight up to "
        f"{_load_words(scale, new.load_step)}, back to {_amount(new, new.target)}: {then}."
    )


def effort_not_moderate(effort: int) -> str:
    if effort >= 10:
        return (
            "You rated the effort 10/10: every set to failure. Grinding out the last reps isn't "
            "mastery yet, so we've kept the same dose until it feels moderate (7/10 or less)."
        )
    return (
        f"You rated the effort {effort}/10, which is hard. We move on once a dose feels moderate "
        "(7/10 or less), so we've kept the same dose for now."
    )


def restart_phrase(rung: Rung, dose: Dose, *, moved_rung: bool) -> str:
    """Where a paused exercise starts again: never "next time do", as there is no next time
    until the physio restarts it."""
    what = dose_describe(dose, rung.scale)
    if moved_rung:
        return f"you'll start back on '{rung.label}' at {what}"
    return f"you'll start at {what}"


def paused(trigger: str, change: str) -> str:
    """`change` is a `restart_phrase`."""
    return (
        f"Because of {trigger}, please stop this exercise until your physio has been in touch. "
        f"We've let your physio know and they will contact you. When they restart it, {change}."
    )


def paused_pinned(trigger: str) -> str:
    return (
        f"Because of {trigger}, please stop this exercise until your physio has reviewed the "
        "dose they set. We've let your physio know and they will contact you."
    )


def resumed(by: str, rung: Rung, dose: Dose) -> str:
    return (
        f"{by} (your physio) has reviewed your pause and restarted '{rung.label}' at "
        f"{dose_describe(dose, rung.scale)}."
    )


def rung_up(next_rung: Rung) -> str:
    return (
        "You managed the full dose with good control and no flare-up, so "
        f"you're moving on to '{next_rung.label}': "
        f"start with {dose_describe(next_rung.dose, next_rung.scale)}."
    )


def next_locked(message: str, rung: Rung, dose: Dose) -> str:
    return (
        f"You've mastered this exercise, but {message[0].lower()}{message[1:]} "
        f"Until then keep going with {dose_describe(dose, rung.scale)}."
    )


def top_of_ladder(ladder_name: str) -> str:
    return (
        f"You've reached the top of {ladder_name}. Keep this dose going to hold on to the "
        "strength you've built."
    )


def day_words(day: date) -> str:
    """'3 March', independent of the server's locale."""
    return f"{day.day} {MONTHS[day.month - 1]}"


def no_check_in(session_day: date) -> str:
    return (
        f"We didn't get your check-in for the morning after your session on "
        f"{day_words(session_day)}, so we "
        "can't tell how your body coped. To be safe we've kept the dose the same; please check in "
        "the morning after each session."
    )


def learning_baseline() -> str:
    return (
        "Thanks for checking in. We're still learning what a normal morning feels like for you "
        "(that takes your first week of check-ins), so we've kept the dose the same for now."
    )


def pain_settled(max_pain: int) -> str:
    return (
        f"Your pain reached {max_pain}/10 during the exercise but settled by the next morning. "
        "That's acceptable, so we've kept the same dose for now."
    )


def control_ok() -> str:
    return (
        "Your control was okay but not yet solid on every rep, so we've kept the same dose until "
        "every rep looks good."
    )


def sets_missed(dose: Dose, scale: LoadScale) -> str:
    return (
        f"You didn't complete all of {dose_describe(dose, scale)}, so we've kept the same dose. "
        "Aim to finish every set next time."
    )


def pain_too_high(max_pain: int, change: str) -> str:
    return (
        f"Your pain reached {max_pain}/10 during the exercise, more than the 5/10 we allow, so "
        f"we've eased off: {change}.{PHYSIO_TOLD}"
    )


def _morning_measure(check_in: CheckIn, baseline: Baseline) -> tuple[str, int, int]:
    """The measure that rose most above its baseline (pain when tied)."""
    if baseline.stiffness is None:
        return "pain", check_in.pain, baseline.pain
    if check_in.stiffness - baseline.stiffness > check_in.pain - baseline.pain:
        return "stiffness", check_in.stiffness, baseline.stiffness
    return "pain", check_in.pain, baseline.pain


def morning_worse(check_in: CheckIn, baseline: Baseline, change: str) -> str:
    what, now, usual = _morning_measure(check_in, baseline)
    return (
        f"The next morning your {what} was {now}/10, above your usual {usual}/10, so we've eased "
        f"off: {change}.{PHYSIO_TOLD}"
    )


def morning_a_little_above(check_in: CheckIn, baseline: Baseline) -> str:
    what, now, usual = _morning_measure(check_in, baseline)
    return (
        f"The next morning your {what} was {now}/10, a little above your usual {usual}/10. "
        "That's within normal day-to-day ups and downs, but not quite back to normal, so we've "
        "kept the same dose."
    )


def trend_rising(trend: Trend, change: str) -> str:
    a, b, c = (f"{x:.1f}" for x in trend.averages)
    return (
        f"Your average morning {trend.measure} has gone up two weeks running ({a}, then {b}, then "
        f"{c} out of 10), so we've eased off: {change}.{PHYSIO_TOLD}"
    )


def poor_control(change: str) -> str:
    return (
        "Control was poor in this session, so we've made it a little easier to let you get every "
        f"rep right: {change}."
    )


def resume_after_gap(days: int, change: str) -> str:
    return (
        f"It's been {days} days since your last session, so we've eased back one step while your "
        f"body gets used to it again: {change}."
    )


def resume_after_long_gap(days: int, change: str) -> str:
    return (
        f"It's been {days // 7} weeks since your last session, so we've eased back by about a "
        f"third while your body gets used to it again: {change}."
    )


def rescreen_after_gap(days: int, change: str) -> str:
    return (
        f"It's been {days // 7} weeks since your last session. That's long enough for a fresh "
        f"check: please book a re-screen with your physio (we've let them know). Meanwhile "
        f"{change}."
    )


def override_set(set_by: str, rung: Rung, dose: Dose, is_dose_pinned: bool) -> str:
    what = f"'{rung.label}' at {dose_describe(dose, rung.scale)}"
    if is_dose_pinned:
        return (
            f"{set_by} (your physio) has set your exercise to {what}. "
            "It stays like this until they change it."
        )
    return (
        f"{set_by} (your physio) has asked you to stay on '{rung.label}' for now, starting at "
        f"{dose_describe(dose, rung.scale)}. Your dose can still go up or down with how you feel."
    )


def override_removed(cleared_by: str, rung: Rung, dose: Dose) -> str:
    return (
        f"{cleared_by} (your physio) has lifted their hold, so your programme will adjust to how "
        f"each session goes again, starting from '{rung.label}' "
        f"at {dose_describe(dose, rung.scale)}."
    )


def dose_pinned(alert_sentence: str) -> str:
    return (
        "Your physio has set this dose, so it stays the same until they change it." + alert_sentence
    )


def rung_pinned(was_ready: bool, alert_sentence: str) -> str:
    if was_ready:
        return (
            "You're ready for the next exercise, but your physio has asked you to stay on this "
            "one for now, so keep going with the same dose."
        )
    return (
        "You're already at the gentlest dose of the exercise your physio chose, so stay with it."
        + alert_sentence
    )


def check_in_recorded() -> str:
    return "Thanks, your check-in is recorded."
