"""Issue #10 on the Django side: effort is stored and used, severe pain pauses an exercise at once
and alerts the physio, paused exercises are not prescribed, and the physio restarts them.

Given a runner on the hip bridge (2 x 10-14 reps, light/medium band) and the side plank
(2 x 20-30 s), whose usual morning has been learnt from a week of check-ins (Mon 2 - Sun 8 March).
"""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from stridewell.training.models import Alert, AlertKind, Decision, ExerciseLog, ProgrammeEntry
from stridewell.training.selectors_runner import entries_paused, session_log_entries
from stridewell.training.services_logging import ExerciseInput, session_log
from stridewell.training.services_overrides import entry_resume

from .conftest import MONDAY, PASSWORD, URLCONF, check_in, learn_baseline, log, sets_for

WEEK2 = MONDAY + timedelta(days=7)


@pytest.fixture
def entries(runner, assign):
    entries = assign(runner)
    learn_baseline(runner)
    return entries


def _log_with(runner, entries, *, pain=1, effort=None, day=WEEK2):
    exercises = [ExerciseInput(e.pk, "good", sets_for(e, pain=pain), effort) for e in entries]
    return session_log(
        runner=runner, day=day, client_token=uuid.uuid4(), exercises=exercises, today=day
    )


def test_effort_is_stored_and_decides_the_step(runner, entries):
    _log_with(runner, entries[:1], pain=1, effort=6)
    assert ExerciseLog.objects.get().effort == 6

    outcome = check_in(runner, WEEK2 + timedelta(days=1), pain=0, stiffness=1)

    bridge = next(d for d in outcome.decisions if d.entry_id == entries[0].pk)
    assert bridge.rule == "P3_big_step"  # straight to the medium band
    assert bridge.inputs["session"]["effort"] == 6
    entries[0].refresh_from_db()
    assert (entries[0].target, entries[0].load_label) == (10, "medium band")


def test_every_set_to_failure_holds_the_dose(runner, entries):
    _log_with(runner, entries[:1], pain=1, effort=10)
    outcome = check_in(runner, WEEK2 + timedelta(days=1), pain=0, stiffness=1)
    bridge = next(d for d in outcome.decisions if d.entry_id == entries[0].pk)
    assert bridge.rule == "H10_effort_not_moderate"


@pytest.mark.parametrize("effort", [0, 11])
def test_effort_outside_1_to_10_is_refused_and_nothing_saved(runner, entries, effort):
    with pytest.raises(ValidationError) as caught:
        _log_with(runner, entries[:1], effort=effort)
    assert caught.value.message_dict == {
        "exercises.0.effort": ["Effort is a whole number from 1 to 10."]
    }
    assert ExerciseLog.objects.count() == 0


def test_pain_8_pauses_the_exercise_at_once_and_alerts_the_physio(runner, entries, physio):
    outcome = log(runner, entries[:1], WEEK2, pain=8)

    [decision] = outcome.decisions
    assert (decision.rule, decision.kind, decision.alert_physio) == (
        "S1_paused_pain_during_7_or_more",
        "paused",
        True,
    )
    assert "please stop this exercise" in decision.reason
    [alert] = outcome.alerts
    assert (alert.kind, alert.physio) == (AlertKind.EXERCISE_PAUSED, physio)
    assert alert.message.startswith("Please contact the runner")
    entry = ProgrammeEntry.objects.get(pk=entries[0].pk)
    assert entry.is_paused is True
    assert ExerciseLog.objects.get().status == "decided"


def test_a_paused_exercise_is_not_prescribed_nor_loggable(runner, entries):
    log(runner, entries[:1], WEEK2, pain=8)
    programme = entries[0].programme
    day = WEEK2 + timedelta(days=2)

    assert [i.entry.pk for i in session_log_entries(programme=programme, day=day)] == [
        entries[1].pk
    ]
    assert [e.pk for e in entries_paused(programme=programme)] == [entries[0].pk]
    with pytest.raises(ValidationError) as caught:
        log(runner, entries[:1], day)
    assert "paused" in caught.value.message_dict["exercises.0.entry"][0]


def test_the_next_morning_after_a_pause_does_not_decide_the_session_twice(runner, entries):
    log(runner, entries[:1], WEEK2, pain=8)
    outcome = check_in(runner, WEEK2 + timedelta(days=1), pain=1, stiffness=1)
    bridge = [d for d in outcome.decisions if d.entry_id == entries[0].pk]
    assert [d.rule for d in bridge] == ["C1_check_in_recorded"]
    assert Decision.objects.filter(rule="S1_paused_pain_during_7_or_more").count() == 1


def test_a_4_point_morning_flare_pauses_with_the_check_in(runner, entries):
    log(runner, entries[:1], WEEK2, pain=1)
    outcome = check_in(runner, WEEK2 + timedelta(days=1), pain=5, stiffness=1)
    bridge = next(d for d in outcome.decisions if d.entry_id == entries[0].pk)
    assert bridge.rule == "S2_paused_next_morning_4_above_baseline"
    assert [a.kind for a in outcome.alerts] == [AlertKind.EXERCISE_PAUSED]


def test_the_physio_restarts_a_paused_exercise(runner, entries, physio):
    log(runner, entries[:1], WEEK2, pain=8)
    decision = entry_resume(entry=entries[0], by=physio, today=WEEK2 + timedelta(days=1))
    assert decision.rule == "S4_resumed_by_physio"
    assert decision.made_by == physio
    assert ProgrammeEntry.objects.get(pk=entries[0].pk).is_paused is False


def test_only_their_physio_or_staff_may_restart(runner, entries, other_physio, staff):
    log(runner, entries[:1], WEEK2, pain=8)
    with pytest.raises(PermissionDenied):
        entry_resume(entry=entries[0], by=other_physio)
    with pytest.raises(PermissionDenied):
        entry_resume(entry=entries[0], by=runner)
    assert ProgrammeEntry.objects.get(pk=entries[0].pk).is_paused is True
    entry_resume(entry=entries[0], by=staff)
    assert ProgrammeEntry.objects.get(pk=entries[0].pk).is_paused is False


def test_restarting_an_exercise_that_is_not_paused_is_a_clear_error(runner, entries, physio):
    with pytest.raises(ValidationError, match="not paused"):
        entry_resume(entry=entries[0], by=physio)


# --- pages and API ---------------------------------------------------------------------------


def _client(user) -> Client:
    client = Client()
    assert client.login(email=user.email, password=PASSWORD)
    return client


@pytest.fixture
def paused(runner, entries):
    log(runner, entries[:1], WEEK2, pain=8)
    return entries[0]


@pytest.mark.urls(URLCONF)
def test_the_runner_dashboard_shows_the_exercise_as_paused(runner, paused):
    html = _client(runner).get("/training/me/").content.decode()
    assert 'data-testid="paused"' in html
    assert "t do this exercise until your physio has been in touch." in html


@pytest.mark.urls(URLCONF)
def test_the_physio_restarts_from_the_runner_page(runner, physio, paused):
    client = _client(physio)
    page = client.get(f"/training/physio/runners/{runner.pk}/").content.decode()
    assert 'data-testid="resume"' in page
    response = client.post(f"/training/physio/entries/{paused.pk}/resume/")
    assert response.status_code == 302
    assert ProgrammeEntry.objects.get(pk=paused.pk).is_paused is False


@pytest.mark.urls(URLCONF)
def test_another_physio_cannot_restart_and_gets_404(runner, other_physio, paused):
    response = _client(other_physio).post(f"/training/physio/entries/{paused.pk}/resume/")
    assert response.status_code == 404
    assert ProgrammeEntry.objects.get(pk=paused.pk).is_paused is True


@pytest.mark.urls(URLCONF)
def test_the_api_takes_effort_and_restarts_a_paused_exercise(runner, physio, entries):
    body = {
        "client_token": str(uuid.uuid4()),
        "date": WEEK2.isoformat(),
        "exercises": [
            {
                "entry": entries[0].pk,
                "control": "good",
                "effort": 7,
                "sets": [{"reps_or_seconds": 10, "load_step": 0, "pain_during": 8}],
            }
        ],
    }
    client = _client(runner)
    response = client.post("/api/training/sessions", body, content_type="application/json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["session"]["exercises"][0]["effort"] == 7
    assert [d["rule"] for d in data["decisions"]] == ["S1_paused_pain_during_7_or_more"]
    programme = client.get("/api/training/programme").json()["programme"]
    assert [e["is_paused"] for e in programme["entries"]] == [True, False]

    denied = client.post(f"/api/training/entries/{entries[0].pk}/resume")
    assert denied.status_code == 403
    restarted = _client(physio).post(f"/api/training/entries/{entries[0].pk}/resume")
    assert restarted.status_code == 201
    assert restarted.json()["decision"]["rule"] == "S4_resumed_by_physio"


@pytest.mark.urls(URLCONF)
def test_the_api_refuses_effort_out_of_range_in_the_error_shape(runner, entries):
    body = {
        "client_token": str(uuid.uuid4()),
        "date": WEEK2.isoformat(),
        "exercises": [
            {
                "entry": entries[0].pk,
                "control": "good",
                "effort": 11,
                "sets": [{"reps_or_seconds": 10, "load_step": 0, "pain_during": 1}],
            }
        ],
    }
    response = _client(runner).post("/api/training/sessions", body, content_type="application/json")
    assert response.status_code == 422
    assert ExerciseLog.objects.count() == 0
    assert Alert.objects.count() == 0


@pytest.mark.urls(URLCONF)
def test_after_8_weeks_away_the_runner_is_offered_a_re_screen_and_the_physio_told(
    runner, entries, physio
):
    log(runner, entries[:1], WEEK2)
    back = WEEK2 + timedelta(weeks=9)
    outcome = log(runner, entries[:1], back)

    rescreen = [d for d in outcome.decisions if d.rule == "G3_rescreen_after_8_weeks"]
    assert len(rescreen) == 1
    assert [a.kind for a in outcome.alerts] == [AlertKind.RESCREEN]
    assert outcome.alerts[0].physio == physio
    html = _client(runner).get(f"/training/sessions/{outcome.session.pk}/").content.decode()
    assert "Book a re-screen" in html


@pytest.mark.urls(URLCONF)
def test_the_session_page_shows_the_effort_and_the_log_form_asks_for_it(runner, entries):
    outcome = _log_with(runner, entries[:1], effort=7)
    client = _client(runner)
    html = client.get(f"/training/sessions/{outcome.session.pk}/").content.decode()
    assert "effort 7/10" in html
    form = client.get("/training/me/log/").content.decode()
    assert f'name="e{entries[0].pk}-effort"' in form
    assert "10 means every set to failure" in form


@pytest.mark.urls(URLCONF)
def test_a_check_in_that_pauses_an_exercise_says_stop(runner, entries):
    log(runner, entries[:1], WEEK2)
    response = _client(runner).post(
        "/training/me/check-in/",
        {"date": (WEEK2 + timedelta(days=1)).isoformat(), "pain": "5", "stiffness": "1"},
        follow=True,
    )
    assert "Please stop the exercise marked Paused" in response.content.decode()


def test_the_pause_alert_quotes_what_the_runner_was_told(runner, physio, entries):
    log(runner, entries[:1], WEEK2, pain=8)

    alert = Alert.objects.get(kind="exercise_paused")

    lead, told = alert.message.split(" The runner was told: ", 1)
    assert lead.startswith("Please contact the runner: paused after a severe reaction to")
    assert told.startswith("“Because of your pain of 8/10")
    assert told.endswith("”")
