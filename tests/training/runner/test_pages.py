"""The runner's and physio's pages: what they show, and forms that keep what was typed."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse

from stridewell.core.time import now_london
from stridewell.training.models import CheckIn, ExerciseLog, Screening, Session
from stridewell.training.selectors_runner import booking_path

from .conftest import MONDAY, URLCONF, check_in, learn_baseline, log

pytestmark = pytest.mark.urls(URLCONF)
WEEK2 = MONDAY + timedelta(days=7)


@pytest.fixture
def entries(runner, assign):
    entries = assign(runner)
    learn_baseline(runner)
    return entries


@pytest.fixture
def as_runner(client, runner):
    client.force_login(runner)
    return client


TOKEN = "5b0f4c1e-3a52-4c7e-9d65-2f1d1b2a9e01"


def _log_form(entries, *, day=WEEK2, token=TOKEN, **overrides):
    data = {"date": day.isoformat(), "client_token": token}
    for e in entries:
        p = f"e{e.pk}"
        data |= {f"{p}-rows": "2", f"{p}-done": "on", f"{p}-control": "good"}
        for n in (1, 2):
            data |= {f"{p}-s{n}-reps": str(e.target), f"{p}-s{n}-load": "0", f"{p}-s{n}-pain": "1"}
    return data | overrides


def test_the_dashboard_shows_todays_session_decisions_and_charts(as_runner, runner, entries):
    log(runner, entries, WEEK2, pain=2)
    check_in(runner, WEEK2 + timedelta(days=1))

    page = as_runner.get(reverse("training:dashboard")).content.decode()

    assert "2 × 12 reps, light band" in page  # today's dose after the progression
    assert "2 × 25 s holds, body weight" in page
    assert page.count('data-action="progress"') == 2
    assert "you completed every set and you were back to normal the next morning" in page
    # Pain chart: a title, both reference lines and a table alternative.
    assert '<title id="pain-title">Pain during exercise and on waking</title>' in page
    assert "3: fine to progress" in page
    assert "5: upper limit" in page
    assert '<th scope="col">During exercise (/10)</th>' in page
    # One step chart per exercise, with a title and a text alternative.
    assert page.count('class="chart__step"') == 2
    assert '<title id="steps-1-title">Banded bridge: rung and load over time</title>' in page
    assert page.count("Show the changes as text") == 2
    assert 'data-testid="adherence"' in page
    assert 'data-testid="log-session"' in page


def test_a_runner_without_a_programme_is_offered_a_screening(client, runner, library):
    client.force_login(runner)
    page = client.get(reverse("training:dashboard")).content.decode()
    assert "You don't have a programme yet" in page
    assert f'href="{booking_path()}"' in page
    assert reverse("training:self_screen") in page


def test_the_log_page_prefills_the_dose_and_asks_pain_on_a_numeric_keypad(as_runner, entries):
    page = as_runner.get(reverse("training:session_log")).content.decode()

    today = now_london().date().isoformat()
    assert f'type="date" name="date" value="{today}"' in page
    assert f'max="{today}"' in page
    assert re.search(rf'name="e{entries[0].pk}-s1-reps" value="10"', page)
    pain = re.search(rf'<input[^>]*name="e{entries[0].pk}-s1-pain"[^>]*>', page).group(0)
    assert 'inputmode="numeric"' in pain
    assert 'min="0"' in pain
    assert 'max="10"' in pain
    assert "0 none · 5 moderate · 10 worst" in page
    assert page.count('data-testid="exercise-card"') == 2
    assert 'name="client_token"' in page


def test_logging_a_session_stores_it_waiting_for_the_check_in(as_runner, entries):
    response = as_runner.post(reverse("training:session_log"), _log_form(entries))

    session = Session.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("training:session_detail", args=[session.pk])
    detail = as_runner.get(response["Location"]).content.decode()
    assert detail.count('data-testid="status-pending"') == 2
    assert "Waiting for tomorrow morning's check-in" in detail


def test_a_double_tap_records_the_session_once(as_runner, entries):
    first = as_runner.post(reverse("training:session_log"), _log_form(entries))
    second = as_runner.post(reverse("training:session_log"), _log_form(entries))

    assert first["Location"] == second["Location"]
    assert Session.objects.count() == 1
    assert ExerciseLog.objects.count() == 2


def test_an_htmx_submission_is_told_where_to_go(as_runner, entries):
    response = as_runner.post(
        reverse("training:session_log"), _log_form(entries), headers={"HX-Request": "true"}
    )
    session = Session.objects.get()
    assert response["HX-Redirect"] == reverse("training:session_detail", args=[session.pk])


def test_an_error_keeps_everything_typed_and_saves_nothing(as_runner, entries):
    p = f"e{entries[0].pk}"
    form = _log_form(entries, **{f"{p}-s1-reps": "9", f"{p}-s2-pain": "11"})

    response = as_runner.post(reverse("training:session_log"), form)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Please check the form" in page
    assert "Ensure this value is less than or equal to 10." in page
    assert f'name="{p}-s1-reps" value="9"' in page
    assert f'name="{p}-s2-pain" value="11"' in page
    assert f'value="{TOKEN}"' in page  # the same token on retry
    assert Session.objects.count() == 0


def test_a_future_date_is_refused_by_the_form(as_runner, entries):
    tomorrow = now_london().date() + timedelta(days=1)
    response = as_runner.post(reverse("training:session_log"), _log_form(entries, day=tomorrow))
    assert "hasn&#x27;t happened yet" in response.content.decode()
    assert Session.objects.count() == 0


def test_add_a_set_adds_a_row_without_losing_anything_or_saving(as_runner, entries):
    p = f"e{entries[0].pk}"
    form = _log_form(entries, **{f"{p}-s1-pain": "4", "add_set": str(entries[0].pk)})

    response = as_runner.post(reverse("training:session_log"), form)

    page = response.content.decode()
    assert f'name="{p}-s3-reps"' in page
    assert f'name="e{entries[1].pk}-s3-reps"' not in page
    assert re.search(rf'name="{p}-s1-pain" value="4"', page)
    assert "Please check the form" not in page
    assert Session.objects.count() == 0


def test_an_unticked_exercise_is_not_logged(as_runner, entries):
    form = _log_form(entries)
    del form[f"e{entries[1].pk}-done"]

    as_runner.post(reverse("training:session_log"), form)

    assert list(ExerciseLog.objects.values_list("entry_id", flat=True)) == [entries[0].pk]


def test_the_check_in_form_refuses_the_future_and_keeps_the_values(as_runner, entries):
    tomorrow = now_london().date() + timedelta(days=1)
    response = as_runner.post(
        reverse("training:check_in"), {"date": tomorrow.isoformat(), "pain": "2", "stiffness": "3"}
    )
    page = response.content.decode()
    assert "can&#x27;t be dated in the future" in page
    assert 'name="pain" value="2"' in page
    assert CheckIn.objects.count() == 7  # only the baseline week


def test_a_check_in_judges_yesterdays_session_and_returns_to_the_dashboard(
    as_runner, runner, entries
):
    log(runner, entries, WEEK2)
    response = as_runner.post(
        reverse("training:check_in"),
        {"date": (WEEK2 + timedelta(days=1)).isoformat(), "pain": "0", "stiffness": "1"},
    )
    assert response["Location"] == reverse("training:dashboard")
    page = as_runner.get(response["Location"]).content.decode()
    assert "2 exercise decision(s) made" in page


def test_a_self_screen_is_marked_as_such(as_runner, library):
    response = as_runner.post(
        reverse("training:self_screen"),
        {
            "date": MONDAY.isoformat(),
            "age": "34",
            "sex": "male",
            "current_pain": "1",
            "sessions_per_week": "2",
            "balance_seconds_left": "45",
            "balance_seconds_right": "40",
        },
    )
    page = as_runner.get(response["Location"]).content.decode()
    assert 'data-testid="self-screen"' in page
    assert "A screening with one of our physios can place you more precisely." in page
    assert Screening.objects.get().is_self_screen is True


def test_a_physio_screening_with_red_flags_refers_with_a_booking_link(
    client, runner, physio, library
):
    client.force_login(physio)
    response = client.post(
        reverse("training:screening_new", args=[runner.pk]),
        {
            "date": MONDAY.isoformat(),
            "age": "51",
            "sex": "female",
            "current_pain": "2",
            "red_flags": ["pain_after_fall_or_impact"],
            "sessions_per_week": "2",
        },
    )
    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="see-physio"' in page
    assert "pain that started after a fall or impact" in page
    assert f'href="{booking_path()}"' in page


def test_a_half_filled_sided_test_is_an_error_next_to_the_field(client, runner, physio, library):
    client.force_login(physio)
    response = client.post(
        reverse("training:screening_new", args=[runner.pk]),
        {
            "date": MONDAY.isoformat(),
            "age": "51",
            "sex": "female",
            "current_pain": "2",
            "step_down_left": "3",
            "sessions_per_week": "2",
        },
    )
    assert "Give both sides, or leave both empty." in response.content.decode()
    assert Screening.objects.count() == 0


def test_the_printable_programme_has_cues_doses_and_tick_boxes(as_runner, entries):
    page = as_runner.get(reverse("training:programme_print")).content.decode()
    assert 'data-testid="print-table"' in page
    assert "Banded bridge: keep the pelvis level" in page
    assert "2 × 10 reps, light band" in page
    assert page.count('class="tick"') == 8 * 2
    assert "@media print" in page
