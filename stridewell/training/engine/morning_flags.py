"""Red flags, illness and context reported at the morning check-in, and what they change.

The pain-monitoring model (Silbernagel 2007) is for tissues that are loaded on purpose; it does
not cover symptoms that are not about load at all. So a check-in may also say (all optional):

  answer                                     advice to the runner           decision (each exercise)
  emergency signs (bladder/bowel, saddle       999 / A&E now                 F1: stop, alert physio
    numbness, sudden leg weakness, chest
    pain or breathlessness)
  hot swollen tender calf or hot swollen       NHS 111 today                 F1
    joint; or feeling ill with swelling
  night pain, numbness or tingling, swelling   stop, see a physio (book)     F1
  feeling ill or feverish                      no hard training today        F2: hold, no progress
  a race or long run yesterday                 -                             F3: a morning rise of
                                                                             1-2 points holds
  rest-day morning pain >= 7/10, or >= 4       go easy                       C2: hold, alert physio
    above the usual level

F1 keeps a regress the session rules asked for (the lower dose is where they restart) but
otherwise holds, so a red flag never moves anyone up. F2 and F3 only replace a quiet outcome (no
alert, no regress): an alarm from the session rules always stands. Night pain, numbness and
swelling are the programme-stage versions of the screening's bone-stress and nerve warning signs
(`../shared/domain/facts.md` section 7: Toresdahl 2020; signs by clinical convention).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from . import reasons_morning as words
from .ladder import Rung
from .outcome import Outcome
from .reasons import restart_phrase
from .state import Action, DecisionKind, ProgressionState, Rule
from .symptoms import Baseline, CheckIn, Morning, morning_excess

RED_FLAGS = ("night_pain", "numbness", "swelling", "emergency_signs", "urgent_signs")
# A rest-day morning at or above this pain, or this many points above the usual level (pain or
# stiffness), alerts the physio: "severe" on the common 0-10 bands (facts section 7), and twice
# the two-point change that matters to patients (Farrar 2001).
REST_DAY_PAIN_ALERT = 7
REST_DAY_RISE_ALERT = 4


class Urgency(IntEnum):
    """How soon the runner should get help; larger is sooner."""

    NONE = 0
    EASY_DAY = 1  # unwell: no hard training today
    SEE_PHYSIO = 2
    NHS_111_TODAY = 3
    EMERGENCY_999 = 4

    @property
    def slug(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, slots=True)
class MorningAdvice:
    urgency: Urgency
    reported: tuple[str, ...]  # the answers given, in CHECK_IN_ANSWERS order (red flags first)
    text: str  # what to do now; empty when there is nothing to say

    @property
    def is_red_flag(self) -> bool:
        return self.urgency >= Urgency.SEE_PHYSIO


def red_flags(check_in: CheckIn) -> tuple[str, ...]:
    return tuple(name for name in RED_FLAGS if getattr(check_in, name))


def morning_advice(check_in: CheckIn) -> MorningAdvice:
    """What the runner is told to do after this check-in (the page shows it with a booking
    link; the physio is alerted through the decisions, rule F1)."""
    flags = red_flags(check_in)
    given = flags + (("unwell",) if check_in.unwell else ())
    if check_in.emergency_signs:
        return MorningAdvice(Urgency.EMERGENCY_999, given, words.EMERGENCY)
    if check_in.urgent_signs or (check_in.unwell and check_in.swelling):
        return MorningAdvice(Urgency.NHS_111_TODAY, given, words.NHS_111)
    if flags:
        extra = f" {words.EASY_DAY}" if check_in.unwell else ""
        return MorningAdvice(Urgency.SEE_PHYSIO, given, words.SEE_PHYSIO + extra)
    if check_in.unwell:
        return MorningAdvice(Urgency.EASY_DAY, given, words.EASY_DAY)
    return MorningAdvice(Urgency.NONE, (), "")


def rest_day_high(check_in: CheckIn, baseline: Baseline) -> tuple[str, int, int] | None:
    """(measure, this morning, usual) when a rest-day morning is high enough to alert."""
    if check_in.pain >= REST_DAY_PAIN_ALERT:
        return "pain", check_in.pain, baseline.pain
    if morning_excess(check_in, baseline) >= REST_DAY_RISE_ALERT:
        return words.measure_above(check_in, baseline)
    return None


def morning_judge(
    outcome: Outcome,
    *,
    state: ProgressionState,
    rung: Rung,
    check_in: CheckIn | None,
    morning: Morning | None = None,
    baseline: Baseline | None = None,
) -> Outcome:
    """Apply the check-in's optional answers to the outcome the other rules chose (before a
    physio's pin). `rung` and `state` are where the runner was before the decision; `morning`
    is how this check-in compared with the usual level `baseline` (as updated by the check-in),
    when it judges a session."""
    if check_in is None:
        return outcome
    flags = red_flags(check_in)
    if flags:
        # Stop means stop: the exercise is paused (at the eased dose when the other rules eased
        # it, otherwise where it was) until the physio has seen the runner and resumes it.
        eased = outcome.action is Action.REGRESS
        return Outcome(
            action=Action.REGRESS if eased else Action.HOLD,
            kind=DecisionKind.PAUSED,
            rule=Rule.F1_RED_FLAG_STOP,
            reason=words.red_flag_stop(flags, *_restart(outcome, rung) if eased else ()),
            rung=outcome.rung if eased else rung,
            dose=outcome.dose if eased else state.dose,
            alert=True,
            trigger=f"the check-in reporting {words.reported(flags)}",
            pause=True,
            pain=outcome.pain,
        )
    if outcome.alert or outcome.action is Action.REGRESS:
        return outcome
    # Neither illness nor a long run says anything about the strength dose: keep the count of
    # top-dose sessions as it was, neither earned nor lost.
    if check_in.unwell:
        return _hold(state, rung, Rule.F2_UNWELL_NO_PROGRESS, words.unwell_hold())
    if morning is Morning.AFTER_LONG_RUN:
        text = words.rise_after_long_run(check_in, baseline or state.baseline)
        return _hold(state, rung, Rule.F3_RISE_AFTER_LONG_RUN, text)
    return outcome


def _restart(outcome: Outcome, rung: Rung) -> tuple[str, str]:
    """Where an exercise the session rules eased restarts, and why it was eased: the eased
    outcome's own reason says "next time do ...", which a stopped exercise must not say."""
    moved = outcome.rung.key != rung.key
    return restart_phrase(outcome.rung, outcome.dose, moved_rung=moved), outcome.trigger


def _hold(state: ProgressionState, rung: Rung, rule: Rule, text: str) -> Outcome:
    return Outcome(
        action=Action.HOLD,
        kind=DecisionKind.NONE,
        rule=rule,
        reason=text,
        rung=rung,
        dose=state.dose,
        streak=state.top_dose_streak,
    )
