"""Flagging single runs more than 10% longer than the longest run of the previous 30 days.

Frandsen et al. (BJSM 2025; 5,205 runners, 588,071 sessions): a session more than 10% longer
than the longest of the previous 30 days raised the overuse-injury rate (10-30% over: rate
ratio 1.64), while week-to-week increases did not. So there is no weekly 10% cap here, only
this per-run check. Past runs count at their real distance; missed runs count as nothing.
"""

from __future__ import annotations

from datetime import date

from .model import WEEKDAYS, ActualRef, PlannedRun, RunKind, SpikeFlag, Status, Week
from .window import SPIKE_LIMIT, LongestWindow, spike_cap

EPSILON = 1e-9


def _when(day: date) -> str:
    return f"{WEEKDAYS[day.weekday()]} {day.day} {day:%B}"


def _km(value: float) -> str:
    return f"{value:g} km"


def spike_message(run: PlannedRun, reference: float) -> str:
    if reference <= 0:
        return (
            f"{_km(run.km)} on {_when(run.day)} comes after 30 days with no recorded run. Start "
            "back with shorter runs and let the distance grow gradually."
        )
    over = round((run.km / reference - 1) * 100)
    if run.kind is RunKind.RACE:
        return (
            f"Race day ({_km(run.km)}) is {over}% longer than your longest run in the 30 days "
            f"before it ({_km(reference)}). That is expected for a marathon: the taper is "
            "there so you start it fresh."
        )
    return (
        f"{_km(run.km)} on {_when(run.day)} is {over}% longer than your longest run in the 30 "
        f"days before it ({_km(reference)}). Single runs more than 10% longer than that are "
        f"linked to more overuse injuries (Frandsen 2025): consider keeping it to "
        f"{_km(spike_cap(reference))}."
    )


def spikes_find(
    weeks: tuple[Week, ...] | list[Week],
    *,
    history: tuple[ActualRef, ...] | list[ActualRef] = (),
) -> tuple[SpikeFlag, ...]:
    """Every planned (not yet logged) run that is a spike, in date order."""
    refs = [(ref.day, ref.km) for ref in history]
    candidates: list[PlannedRun] = []
    for week in weeks:
        for run in week.runs:
            refs.append((run.day, run.counted_km))
            if run.status is Status.PLANNED:
                candidates.append(run)
    window = LongestWindow(refs)
    flags = []
    for run in sorted(candidates, key=lambda r: r.day):
        reference = window.longest_before(run.day)
        if run.km > reference * SPIKE_LIMIT + EPSILON:
            flags.append(
                SpikeFlag(
                    run_key=run.key,
                    day=run.day,
                    km=run.km,
                    reference_km=reference,
                    is_expected=run.kind is RunKind.RACE,
                    message=spike_message(run, reference),
                )
            )
    return tuple(flags)
