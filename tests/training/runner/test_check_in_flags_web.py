"""The check-in's optional answers on the page and in the API: the questions, the page that says
what to do (with a booking link after a red flag), and bad input as a form error or a 4xx."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse

from stridewell.training.models import Alert, CheckIn, Decision
from stridewell.training.selectors_runner import booking_path

from .conftest import MONDAY, URLCONF, learn_baseline, log

pytestmark = pytest.mark.urls(URLCONF)
WEEK2 = MONDAY + timedelta(days=7)
TUESDAY = WEEK2 + timedelta(days=1)
BASE = "/api/training"


@pytest.fixture
def entries(runner, assign):
    entries = assign(runner)
    learn_baseline(runner)
    return entries


@pytest.fixture
def as_runner(client, runner):
    client.force_login(runner)
    return client


def _form(**answers):
    return {"date": TUESDAY.isoformat(), "pain": "1", "stiffness": "1"} | answers


def test_the_check_in_page_asks_the_optional_questions_in_fieldsets(as_runner, entries):
    page = as_runner.get(reverse("training:check_in")).content.decode()
    for legend in ("Anything else this morning?", "Signs that need help today", "Yesterday"):
        assert f"<legend>{legend}</legend>" in page
    for name in ("night_pain", "numbness", "swelling", "unwell", "long_run_yesterday"):
        assert f'type="checkbox" name="{name}"' in page
    assert "Numbness or tingling in my leg or foot" in page
    assert "I ran a race or a long run yesterday" in page


def test_a_red_flag_check_in_shows_stop_and_book_a_physio(as_runner, runner, entries):
    log(runner, entries, WEEK2)
    response = as_runner.post(reverse("training:check_in"), _form(night_pain="on"))

    saved = CheckIn.objects.get(runner=runner, date=TUESDAY)
    assert saved.night_pain is True
    assert response["Location"] == reverse("training:check_in_detail", args=[saved.pk])
    page = as_runner.get(response["Location"]).content.decode()
    assert "Stop your exercises and see a physio" in page
    assert f'href="{booking_path()}" data-testid="book-physio"' in page
    assert "You reported pain at night this morning" in page  # the decisions, with their reason
    assert Alert.objects.filter(runner=runner, kind="check_in_red_flag").count() == 1


def test_emergency_signs_show_999_first(as_runner, runner, entries):
    response = as_runner.post(reverse("training:check_in"), _form(emergency_signs="on"))
    page = as_runner.get(response["Location"]).content.decode()
    assert "Call 999 or go to A&amp;E now" in page
    assert 'href="tel:999"' in page


def test_a_check_in_with_nothing_to_add_still_returns_to_the_dashboard(as_runner, entries):
    response = as_runner.post(reverse("training:check_in"), _form())
    assert response["Location"] == reverse("training:dashboard")


def test_a_bad_answer_is_a_form_error_and_keeps_what_was_typed(as_runner, entries):
    # A checkbox cannot send a bad value; a date in the future is refused with the ticks kept.
    future = (TUESDAY + timedelta(days=5000)).isoformat()
    response = as_runner.post(reverse("training:check_in"), _form(date=future, numbness="on"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "can&#x27;t be dated in the future" in page
    assert re.search(r'type="checkbox" name="numbness"[^>]*checked', page)
    assert CheckIn.objects.filter(date__gt=TUESDAY).count() == 0


def test_another_runners_check_in_page_is_not_found(client, other_runner, runner, entries):
    client.force_login(runner)
    client.post(reverse("training:check_in"), _form(swelling="on"))
    saved = CheckIn.objects.get(runner=runner, date=TUESDAY)
    client.force_login(other_runner)
    assert client.get(reverse("training:check_in_detail", args=[saved.pk])).status_code == 404


# --- API ---------------------------------------------------------------------------------------


def _api(client, body):
    return client.post(BASE + "/checkins", body, content_type="application/json")


def test_the_api_takes_the_answers_and_returns_the_advice_with_a_booking_link(
    as_runner, runner, entries
):
    log(runner, entries, WEEK2)
    body = {"date": TUESDAY.isoformat(), "pain": 1, "stiffness": 1, "urgent_signs": True}
    response = _api(as_runner, body)

    assert response.status_code == 201
    data = response.json()
    assert data["check_in"]["urgent_signs"] is True
    assert data["check_in"]["numbness"] is False
    assert data["advice"]["urgency"] == "nhs_111_today"
    assert data["advice"]["text"].startswith("Contact NHS 111 today")
    assert data["advice"]["booking_url"] == "http://testserver" + booking_path()
    assert {d["rule"] for d in data["decisions"]} == {"F1_red_flag_stop_see_physio"}


def test_the_api_without_answers_gives_no_advice(as_runner, entries):
    response = _api(as_runner, {"date": TUESDAY.isoformat(), "pain": 1, "stiffness": 1})
    assert response.status_code == 201
    assert response.json()["advice"] == {"urgency": "none", "text": "", "booking_url": None}


@pytest.mark.parametrize("value", ["yes", 1, None, [True]])
def test_the_api_refuses_an_answer_that_is_not_true_or_false(as_runner, entries, value):
    before = (CheckIn.objects.count(), Decision.objects.count())
    body = {"date": TUESDAY.isoformat(), "pain": 1, "stiffness": 1, "night_pain": value}
    response = _api(as_runner, body)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert "night_pain" in error["fields"]
    assert (CheckIn.objects.count(), Decision.objects.count()) == before


def test_the_dashboard_reminds_the_runner_after_a_red_flag(as_runner, entries):
    as_runner.post(reverse("training:check_in"), _form(numbness="on"))
    page = as_runner.get(reverse("training:dashboard")).content.decode()
    assert 'data-testid="red-flag-reminder"' in page
    assert "asked you to stop your exercises and get checked" in page


def test_the_physio_sees_what_was_reported_at_each_check_in(client, runner, physio, entries):
    client.force_login(runner)
    client.post(reverse("training:check_in"), _form(numbness="on", long_run_yesterday="on"))
    client.force_login(physio)
    page = client.get(reverse("training:physio_runner", args=[runner.pk])).content.decode()
    assert (
        "<strong>Stop and see a physio:</strong> numbness/tingling, race/long run yesterday" in page
    )
