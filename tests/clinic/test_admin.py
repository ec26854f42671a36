"""Staff edit the clinic in the admin; bad input is a form error and nothing is saved."""

from __future__ import annotations

from datetime import date, time

import pytest

from stridewell.clinic.models import ClinicProfile, Closure, OnCallShift, OpeningHours, Station
from stridewell.clinic.services import oncall_shift_create

DASH = "\u2013"
PROFILE_URL = "/admin/clinic/clinicprofile/add/"


def inline(prefix: str, rows: list[dict[str, str]]) -> dict[str, str]:
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        data.update({f"{prefix}-{i}-{key}": value for key, value in row.items()})
    return data


def profile_form(
    hours: list[dict[str, str]], stations: list[dict[str, str]] | None = None
) -> dict[str, str]:
    return {
        "name": "Stridewell Sports Physiotherapy",
        "address_line1": "Unit 4, Kestrel Yard",
        "address_line2": "",
        "city": "London",
        "postcode": "SE1 1ZZ",
        "phone": "020 7946 0321",
        "email": "clinic@stridewell.test",
        "emergency_phone": "07700 900321",
        "emergency_cover_text": "",
        **inline("stations", stations or []),
        **inline("opening_hours", hours),
    }


def errors_of(response) -> list[str]:
    """Every error the admin shows: on the main form, its fields and each inline formset."""
    messages: list[str] = []
    for field_errors in response.context["adminform"].form.errors.values():
        messages.extend(field_errors)
    for formset in response.context["inline_admin_formsets"]:
        messages.extend(formset.formset.non_form_errors())
        for form_errors in formset.formset.errors:
            for field_errors in form_errors.values():
                messages.extend(field_errors)
    return messages


@pytest.mark.django_db
def test_admin_saves_a_profile_with_stations_and_hours(staff_client):
    response = staff_client.post(
        PROFILE_URL,
        profile_form(
            hours=[
                {"weekday": "0", "opens": "07:00", "closes": "12:00"},
                {"weekday": "0", "opens": "12:00", "closes": "20:00"},
            ],
            stations=[
                {"name": "Borough", "lines": "Northern", "walking_minutes": "3", "order": "0"}
            ],
        ),
    )

    assert response.status_code == 302
    assert ClinicProfile.objects.get().name == "Stridewell Sports Physiotherapy"
    assert list(OpeningHours.objects.values_list("weekday", "opens", "closes")) == [
        (0, time(7), time(12)),
        (0, time(12), time(20)),
    ]
    assert Station.objects.get().walking_minutes == 3


@pytest.mark.django_db
def test_overlapping_hours_on_one_weekday_are_rejected_naming_the_day_and_times(staff_client):
    response = staff_client.post(
        PROFILE_URL,
        profile_form(
            hours=[
                {"weekday": "2", "opens": "07:00", "closes": "12:00"},
                {"weekday": "2", "opens": "11:30", "closes": "20:00"},
                {"weekday": "3", "opens": "11:30", "closes": "20:00"},
            ]
        ),
    )

    assert response.status_code == 200
    assert errors_of(response) == [f"Wednesday: 07:00{DASH}12:00 overlaps 11:30{DASH}20:00."]
    assert (ClinicProfile.objects.count(), OpeningHours.objects.count()) == (0, 0)


@pytest.mark.django_db
def test_hours_closing_before_opening_are_rejected(staff_client):
    response = staff_client.post(
        PROFILE_URL, profile_form(hours=[{"weekday": "4", "opens": "20:00", "closes": "07:00"}])
    )

    assert response.status_code == 200
    assert errors_of(response) == ["Closing time (07:00) must be after opening time (20:00)."]
    assert (ClinicProfile.objects.count(), OpeningHours.objects.count()) == (0, 0)


@pytest.mark.django_db
def test_a_station_needs_a_positive_walk(staff_client):
    response = staff_client.post(
        PROFILE_URL,
        profile_form(
            hours=[],
            stations=[{"name": "Borough", "lines": "", "walking_minutes": "0", "order": "0"}],
        ),
    )

    assert response.status_code == 200
    assert errors_of(response) == ["Ensure this value is greater than or equal to 1."]
    assert (ClinicProfile.objects.count(), Station.objects.count()) == (0, 0)


@pytest.mark.django_db
def test_no_add_button_once_the_profile_exists(staff_client, profile):
    assert staff_client.get(PROFILE_URL).status_code == 403
    assert ClinicProfile.objects.count() == 1


@pytest.mark.django_db
def test_closure_ending_before_it_starts_is_a_form_error(staff_client):
    response = staff_client.post(
        "/admin/clinic/closure/add/",
        {
            "start_date": "2026-08-14",
            "end_date": "2026-08-10",
            "reason": "Backwards",
            "source": "manual",
        },
    )

    assert response.status_code == 200
    assert errors_of(response) == [
        "The last day (2026-08-10) cannot be before the first day (2026-08-14)."
    ]
    assert Closure.objects.count() == 0


@pytest.mark.django_db
def test_closure_is_saved_from_the_admin(staff_client):
    response = staff_client.post(
        "/admin/clinic/closure/add/",
        {
            "start_date": "2026-08-10",
            "end_date": "2026-08-14",
            "reason": "Staff training",
            "source": "manual",
        },
    )

    assert response.status_code == 302
    assert list(Closure.objects.values_list("start_date", "end_date", "reason")) == [
        (date(2026, 8, 10), date(2026, 8, 14), "Staff training")
    ]


@pytest.mark.django_db
def test_overlapping_oncall_shift_is_a_form_error(staff_client, physio, make_physio):
    oncall_shift_create(physio=physio, date=date(2026, 6, 6), starts=time(22), ends=time(2))
    ben = make_physio("ben@stridewell.test", "Ben", "Okoro")

    response = staff_client.post(
        "/admin/clinic/oncallshift/add/",
        {
            "physio": str(ben.pk),
            "date": "2026-06-07",
            "starts": "01:00",
            "ends": "09:00",
            "phone": "",
            "note": "",
        },
    )

    assert response.status_code == 200
    assert errors_of(response) == [
        f"Overlaps Asha Patel's on-call shift on Sat 06 Jun 2026 22:00{DASH}02:00."
    ]
    assert OnCallShift.objects.count() == 1


@pytest.mark.django_db
def test_editing_a_shift_does_not_collide_with_itself(staff_client, physio):
    shift = oncall_shift_create(
        physio=physio, date=date(2026, 6, 6), starts=time(14), ends=time(20)
    )

    response = staff_client.post(
        f"/admin/clinic/oncallshift/{shift.pk}/change/",
        {
            "physio": str(physio.pk),
            "date": "2026-06-06",
            "starts": "14:00",
            "ends": "21:00",
            "phone": "",
            "note": "",
        },
    )

    assert response.status_code == 302
    shift.refresh_from_db()
    assert shift.ends == time(21)


@pytest.mark.django_db
def test_a_runner_cannot_be_chosen_for_a_shift(staff_client, django_user_model):
    runner = django_user_model.objects.create_user(email="runner@stridewell.test")

    response = staff_client.post(
        "/admin/clinic/oncallshift/add/",
        {
            "physio": str(runner.pk),
            "date": "2026-06-06",
            "starts": "14:00",
            "ends": "20:00",
            "phone": "",
            "note": "",
        },
    )

    assert response.status_code == 200
    assert errors_of(response) == [
        "Select a valid choice. That choice is not one of the available choices."
    ]
    assert OnCallShift.objects.count() == 0


@pytest.mark.django_db
def test_a_range_marked_for_deletion_does_not_count_as_an_overlap(staff_client, profile):
    old = OpeningHours.objects.create(profile=profile, weekday=0, opens=time(7), closes=time(20))
    form = profile_form(
        hours=[
            {
                "id": str(old.pk),
                "profile": str(profile.pk),
                "weekday": "0",
                "opens": "07:00",
                "closes": "20:00",
            },
            {"weekday": "0", "opens": "08:00", "closes": "21:00"},
        ]
    )
    form["opening_hours-INITIAL_FORMS"] = "1"
    url = f"/admin/clinic/clinicprofile/{profile.pk}/change/"

    kept = staff_client.post(url, form)
    replaced = staff_client.post(url, {**form, "opening_hours-0-DELETE": "on"})

    assert errors_of(kept) == [f"Monday: 07:00{DASH}20:00 overlaps 08:00{DASH}21:00."]
    assert replaced.status_code == 302
    assert list(OpeningHours.objects.values_list("weekday", "opens", "closes")) == [
        (0, time(8), time(21))
    ]
