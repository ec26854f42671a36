"""Alerts for the runner's physio, and a physio's overrides recorded as decisions."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from hypothesis import given
from hypothesis import strategies as st

from stridewell.training.models import Alert, Decision
from stridewell.training.services_alerts import (
    alert_acknowledge,
    alerts_missed_sessions_scan,
    sessions_missed,
)
from stridewell.training.services_overrides import DoseInput, override_clear, override_set

from .conftest import MONDAY, check_in, learn_baseline, log

WEEK2 = MONDAY + timedelta(days=7)


@pytest.fixture
def entries(runner, assign):
    entries = assign(runner)
    learn_baseline(runner)
    return entries


def test_pain_above_5_regresses_and_raises_one_alert_for_the_physio(runner, physio, entries):
    log(runner, entries, WEEK2, pain=6)

    outcome = check_in(runner, WEEK2 + timedelta(days=1))

    assert [(d.action, d.rule) for d in outcome.decisions] == [
        ("regress", "R1_pain_during_above_5")
    ] * 2
    alert = Alert.objects.get()
    assert (alert.kind, alert.physio, alert.runner) == ("pain_over_5", physio, runner)
    assert alert.decision == outcome.decisions[0]
    assert alert.message.startswith("Pain above 5/10 during Banded bridge, Side plank (Mon 09 Mar)")


def test_a_morning_two_points_worse_regresses_and_alerts(runner, entries):
    log(runner, entries, WEEK2)

    outcome = check_in(runner, WEEK2 + timedelta(days=1), pain=0, stiffness=3)

    assert {d.rule for d in outcome.decisions} == {"R2_next_morning_worse_than_baseline"}
    assert list(Alert.objects.values_list("kind", flat=True)) == ["morning_worse"]


def test_a_morning_one_point_worse_holds_without_an_alert(runner, entries):
    log(runner, entries, WEEK2)
    outcome = check_in(runner, WEEK2 + timedelta(days=1), pain=0, stiffness=2)
    assert {d.rule for d in outcome.decisions} == {"H9_next_morning_a_little_above_baseline"}
    assert Alert.objects.count() == 0


def test_a_rising_weekly_trend_regresses_and_alerts_once(runner, entries):
    # Stiffness averages 1, 2, 3 over three closed weeks; the first check-in of week 5 sees it.
    for week, stiffness in ((1, 1), (2, 2), (3, 3)):
        for day in (0, 2, 4):
            check_in(runner, MONDAY + timedelta(weeks=week, days=day), 0, stiffness)

    outcome = check_in(runner, MONDAY + timedelta(weeks=4), 0, 3)

    assert {d.rule for d in outcome.decisions} == {"R3_weekly_symptoms_rising"}
    assert list(Alert.objects.values_list("kind", flat=True)) == ["rising_trend"]


def test_an_alert_is_acknowledged_by_their_physio_not_by_another(
    runner, physio, other_physio, entries
):
    log(runner, entries, WEEK2, pain=7)
    check_in(runner, WEEK2 + timedelta(days=1))
    alert = Alert.objects.get()

    with pytest.raises(PermissionDenied):
        alert_acknowledge(alert=alert, by=other_physio)
    alert_acknowledge(alert=alert, by=physio)

    alert.refresh_from_db()
    assert alert.acknowledged_by == physio
    assert alert.acknowledged_at is not None


@pytest.mark.parametrize(
    ("days", "per_week", "missed"),
    [
        (0, 2, 0),
        (3, 2, 0),
        (4, 2, 1),
        (7, 2, 1),
        (8, 2, 2),
        (4, 3, 1),
        (5, 3, 2),
        (14, 1, 1),
        (15, 1, 2),
    ],
)
def test_sessions_missed_counts_planned_sessions_that_have_passed(days, per_week, missed):
    last = date(2026, 3, 2)
    assert (
        sessions_missed(last=last, today=last + timedelta(days=days), per_week=per_week) == missed
    )


@given(st.integers(0, 400), st.integers(0, 400), st.integers(1, 4))
def test_sessions_missed_never_decreases_as_days_pass(a, b, per_week):
    last = date(2026, 1, 1)
    early, late = sorted((a, b))
    assert sessions_missed(
        last=last, today=last + timedelta(days=early), per_week=per_week
    ) <= sessions_missed(last=last, today=last + timedelta(days=late), per_week=per_week)


def test_two_missed_sessions_alert_the_physio_once_per_gap(runner, physio, entries):
    log(runner, entries, WEEK2)

    assert alerts_missed_sessions_scan(today=WEEK2 + timedelta(days=7)) == []
    first = alerts_missed_sessions_scan(today=WEEK2 + timedelta(days=8))
    again = alerts_missed_sessions_scan(today=WEEK2 + timedelta(days=12))

    assert [(a.kind, a.physio, a.runner) for a in first] == [
        ("missed_two_sessions", physio, runner)
    ]
    assert "since Mon 09 Mar" in first[0].message
    assert again == []
    assert Alert.objects.count() == 1


def test_a_physio_pins_a_rung_and_it_is_recorded_as_a_decision(runner, physio, entries):
    bridge = entries[0]

    decision = override_set(
        entry=bridge, by=physio, rung_key="hip_clam", note="Knee sore", today=WEEK2
    )

    assert (decision.action, decision.kind, decision.rule) == (
        "regress",
        "override",
        "O1_physio_override_set",
    )
    assert decision.made_by == physio
    assert "Priya Raman" in decision.reason
    assert decision.inputs["override"]["note"] == "Knee sore"
    bridge.refresh_from_db()
    assert (bridge.rung.key, bridge.is_overridden, bridge.override_note) == (
        "hip_clam",
        True,
        "Knee sore",
    )


def test_a_pinned_dose_blocks_an_ease_but_alerts_still_go_out(runner, physio, assign):
    bridge = assign(runner, rungs=("hip_bridge",))[0]
    learn_baseline(runner)
    override_set(entry=bridge, by=physio, rung_key="hip_bridge", dose=DoseInput(2, 14, 1))

    log(runner, [bridge], WEEK2, pain=1)
    outcome = check_in(runner, WEEK2 + timedelta(days=1), pain=3)

    assert [(d.action, d.rule) for d in outcome.decisions] == [("hold", "O3_physio_dose_pinned")]
    # The pin replaced rule R2, but the alert still says what worried the engine.
    assert list(Alert.objects.values_list("kind", flat=True)) == ["morning_worse"]


def test_pain_above_5_on_a_pinned_dose_pauses_at_once_never_stays_the_same(runner, physio, assign):
    bridge = assign(runner, rungs=("hip_bridge",))[0]
    learn_baseline(runner)
    override_set(entry=bridge, by=physio, rung_key="hip_bridge", dose=DoseInput(2, 14, 1))

    outcome = log(runner, [bridge], WEEK2, pain=6)

    [decision] = outcome.decisions
    assert (decision.kind, decision.rule) == ("paused", "S3_paused_pinned_dose_painful")
    assert "stays the same" not in decision.reason
    assert "please stop this exercise until your physio has reviewed" in decision.reason
    assert list(Alert.objects.values_list("kind", flat=True)) == ["exercise_paused"]
    bridge.refresh_from_db()
    assert (bridge.is_paused, bridge.dose_text) == (True, "2 × 14 reps, medium band")


def test_removing_an_override_is_recorded_too(runner, physio, entries):
    override_set(entry=entries[0], by=physio, rung_key="hip_bridge", dose=DoseInput(3, 12, 1))

    decision = override_clear(entry=entries[0], by=physio)

    assert (decision.kind, decision.rule, decision.made_by) == (
        "override_removed",
        "O2_physio_override_removed",
        physio,
    )
    entries[0].refresh_from_db()
    assert entries[0].is_overridden is False
    assert entries[0].dose_text == "3 × 12 reps, medium band"


def test_only_their_physio_or_staff_may_override(runner, other_physio, staff, entries):
    before = Decision.objects.count()
    with pytest.raises(PermissionDenied):
        override_set(entry=entries[0], by=other_physio, rung_key="hip_clam")
    with pytest.raises(PermissionDenied):
        override_set(entry=entries[0], by=runner, rung_key="hip_clam")
    assert Decision.objects.count() == before

    override_set(entry=entries[0], by=staff, rung_key="hip_clam")
    assert Decision.objects.count() == before + 1


@pytest.mark.parametrize(
    ("rung", "dose", "field"),
    [("trunk_plank", None, "rung"), ("hip_bridge", DoseInput(2, 12, 5), "dose")],
)
def test_an_override_off_the_ladder_or_scale_is_refused(physio, entries, rung, dose, field):
    before = Decision.objects.count()
    with pytest.raises(ValidationError) as caught:
        override_set(entry=entries[0], by=physio, rung_key=rung, dose=dose)
    assert field in caught.value.message_dict
    assert Decision.objects.count() == before


def test_the_daily_scan_command_raises_the_missed_sessions_alert_once(runner, physio, entries):
    import io

    from django.core.management import call_command

    log(runner, entries, WEEK2)
    out = io.StringIO()

    # Weeks later the runner has plainly missed two planned sessions.
    call_command("training_alerts_scan", stdout=out)
    call_command("training_alerts_scan", stdout=out)

    assert Alert.objects.filter(kind="missed_two_sessions", runner=runner).count() == 1
    assert out.getvalue().splitlines() == [
        "1 missed-session alert(s) raised.",
        "0 plateau review alert(s) raised.",
        "0 missed-session alert(s) raised.",
        "0 plateau review alert(s) raised.",
    ]
