"""Plan-wide notes: the choices the engine made, said plainly, with their sources."""

from __future__ import annotations

from .model import Issue, Phase, PlanInputs, RunKind, Severity, Week
from .shape import step_back_cycle

SHORT_PEAK_LONG_KM = 26.0


def plan_notes(inputs: PlanInputs, weeks: list[Week], *, aimed_long: float) -> list[Issue]:
    notes: list[Issue] = []
    cycle = step_back_cycle(inputs.current_weekly_km, inputs.step_back_every)
    why = (
        "as in beginner marathon plans, because you are starting from under 30 km a week"
        if cycle == 3 and inputs.step_back_every is None
        else "to let the body absorb the work before building again"
    )
    notes.append(
        Issue(
            "step_back",
            f"Every {'third' if cycle == 3 else 'fourth'} week is a lighter step-back week "
            f"(about 75% of the week before), {why}.",
            severity=Severity.INFO,
        )
    )
    taper = [w for w in weeks if w.phase is Phase.TAPER]
    pre = [w for w in weeks if w.phase is not Phase.TAPER]
    if taper and pre:
        peak = max(w.planned_km for w in pre)
        cuts = ", ".join(f"{round(100 - 100 * w.target_km / peak)}%" for w in taper)
        source = (
            "a 3-week taper was linked to faster finishes in recreational marathoners (Smyth 2021)"
            if len(taper) == 3
            else "2 weeks was the best taper length in Bosquet 2007's meta-analysis"
        )
        notes.append(
            Issue(
                "taper",
                f"A {len(taper)}-week taper: weekly distance is planned to drop by {cuts} from "
                f"your peak week of {peak:g} km (race week not counting the race), while the "
                f"quality sessions keep their intensity; {source}.",
                severity=Severity.INFO,
            )
        )
    longest = max((r.km for w in weeks for r in w.runs if r.kind is RunKind.LONG), default=0.0)
    if longest < aimed_long - 0.75:
        notes.append(
            Issue(
                "long_run_capped",
                f"Your longest training run reaches {longest:g} km rather than {aimed_long:g} "
                "km: each long run grows by at most 10% over your longest run of the previous "
                "30 days (Frandsen 2025), and there are not enough weeks to go further safely.",
                severity=Severity.INFO,
            )
        )
    if longest < SHORT_PEAK_LONG_KM:
        notes.append(
            Issue(
                "short_long_run",
                f"Your longest training run is {longest:g} km. Many marathon plans reach 29-32 "
                "km; with this build-up the last third of the race will be new ground. A later "
                "race or more weekly running would give you more room; talk it through with "
                "your physio.",
            )
        )
    if inputs.goal_time is None:
        notes.append(
            Issue(
                "no_goal",
                "No goal time given: run by effort. Durations are estimates based on about "
                "6:00 min/km marathon pace.",
                severity=Severity.INFO,
            )
        )
    return notes
