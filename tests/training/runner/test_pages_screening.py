"""Screening pages: pain of 5 or more, the physio's choice, running history, bone stress and
the ladders not yet in the programme."""

from __future__ import annotations

import pytest
from django.urls import reverse

from stridewell.training.models import Ladder, Programme, Screening
from stridewell.training.selectors_runner import booking_path

from .conftest import MONDAY, URLCONF, _exercise, _rung

pytestmark = pytest.mark.urls(URLCONF)


def _form(**extra):
    data = {
        "date": MONDAY.isoformat(),
        "age": "41",
        "sex": "female",
        "current_pain": "0",
        "sessions_per_week": "2",
    }
    return data | extra


def test_a_self_screen_with_pain_6_ends_at_see_a_physio_with_a_booking_link(
    client, runner, library
):
    client.force_login(runner)

    response = client.post(reverse("training:self_screen"), _form(current_pain="6"))

    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="see-physio"' in page
    assert "Your pain today is 6/10." in page
    assert f'href="{booking_path()}" data-testid="book-physio"' in page
    assert not Programme.objects.exists()
    assert 'data-testid="despite-pain-hint"' not in page  # that hint is for physios


def test_the_self_screen_asks_about_running_and_bone_stress_but_not_the_physios_choice(
    client, runner, library
):
    client.force_login(runner)
    page = client.get(reverse("training:self_screen")).content.decode()
    for name in ("years_running", "weekly_km", "marathons_finished"):
        assert f'name="{name}"' in page
    assert 'value="missed_periods"' in page
    assert 'name="start_despite_pain"' not in page


def test_a_physio_screening_at_pain_6_without_the_choice_is_a_referral_with_a_hint(
    client, runner, physio, library
):
    client.force_login(physio)

    response = client.post(
        reverse("training:screening_new", args=[runner.pk]), _form(current_pain="6")
    )

    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="see-physio"' in page
    assert 'data-testid="despite-pain-hint"' in page
    assert not Programme.objects.exists()


def test_a_physio_ticks_start_despite_pain_and_the_page_says_so(client, runner, physio, library):
    client.force_login(physio)

    response = client.post(
        reverse("training:screening_new", args=[runner.pk]),
        _form(current_pain="6", start_despite_pain="on"),
    )

    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="started-despite-pain"' in page
    assert "Started by Priya Raman despite pain 6/10 at rest." in page
    assert Screening.objects.get().start_despite_pain is True
    assert Programme.objects.filter(runner=runner, is_active=True).exists()


def test_history_shows_and_a_bone_stress_sign_refers(client, runner, physio, library):
    client.force_login(physio)

    response = client.post(
        reverse("training:screening_new", args=[runner.pk]),
        _form(
            years_running="6",
            weekly_km="45",
            marathons_finished="1",
            bone_stress_signs=["focal_bony_pain"],
        ),
    )

    page = client.get(response["Location"]).content.decode()
    assert "Running: 6 years · about 45 km a week · 1 marathon finished" in page
    assert "bone stress injury" in page
    assert 'data-testid="book-physio"' in page


@pytest.mark.parametrize(
    ("extra", "error"),
    [
        ({"years_running": "42"}, "Years running can&#x27;t be more than your age."),
        ({"weekly_km": "301"}, "Ensure this value is less than or equal to 300."),
        ({"marathons_finished": "-1"}, "Ensure this value is greater than or equal to 0."),
        ({"bone_stress_signs": ["sore_shins"]}, "Select a valid choice."),
    ],
)
def test_bad_history_is_a_form_error_and_nothing_is_saved(client, runner, library, extra, error):
    client.force_login(runner)
    response = client.post(reverse("training:self_screen"), _form(**extra))
    assert response.status_code == 200
    assert error in response.content.decode()
    assert Screening.objects.count() == 0


def test_a_ladder_above_the_level_is_listed_as_not_yet(client, runner, physio, library):
    hops = Ladder.objects.create(key="hops", name="Hops and bounds", position=5)
    _rung(hops, "hops_pogo", _exercise("pogo", "Double-leg pogo", 6), 1)
    client.force_login(physio)

    response = client.post(
        reverse("training:screening_new", args=[runner.pk]), _form(current_pain="2")
    )

    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="not-yet"' in page
    assert "Hops and bounds starts at level 6 (jumping and hopping)" in page
    assert "Double-leg pogo" not in page
